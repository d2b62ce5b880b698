-- Virtual queues for customers (issue 15, spec 05). One queue engine, not two: a customer queue is a
-- public.floor_queues row with a customer-facing settings row (public.customer_queue_settings) and its
-- counters (public.customer_queue_counters); the entries are public.tickets (the engine's tickets, in the
-- type's init state) carrying their place in the queue (queue_status, display number, counter, times).
--
-- Queue life of a ticket (queue_status), beside the type's own workflow (current_state):
--   waiting --call_next--> called --serve_queue_ticket--> served   (optionally taking a type transition)
--                                 --no_show_queue_ticket--> no_show
--   waiting|called --TTL passed (job every minute, and on read)--> expired
--   waiting|called --the customer by their token--> cancelled
-- Exactly one caller: call_next picks the first waiting ticket `for update skip locked`, so two counters
-- calling at once get two different tickets and a locked one is never waited for.
--
-- Wait estimate: per (queue, type) the median service time (called → served) of the last N served
-- tickets, else the queue's per-type default, else its default; the wait of position p = the sum of
-- those minutes for positions 1..p ÷ open counters, shown as a 5-minute-rounded range. It is DERIVED on
-- read (public.queue_ticket), so it is recomputed whenever the queue moves; tickets.estimated_wait_minutes
-- keeps the estimate given at join (what the bench compares with the real wait). Rewriting every waiting
-- row at each call would fire the tickets' audit and check triggers per row and lock the very rows
-- call_next skips.
--
-- Phones: the database cannot run libphonenumber. The route handler normalises with lib/sms/phone.ts
-- (toE164) first; SQL only accepts the E.164 shape (+ then 7..15 digits, no leading 0).
-- Rate limits per IP and per phone belong to the route handler (it sees the IP); not in this migration.

insert into app.error_codes (code, status, meaning) values
  ('QUEUE_CLOSED', 409, 'The queue is outside its opening hours (context: opening_hours).'),
  ('QUEUE_JOIN_MODE', 403, 'This queue is not joined this way (walk-in QR or staff-entered; context: join_mode).'),
  ('TICKET_TYPE_NOT_OFFERED', 422, 'The queue does not offer this ticket type.'),
  ('PHONE_REQUIRED', 422, 'The queue needs a phone number to join.'),
  ('PHONE_INVALID', 422, 'The phone number is not in E.164 form (+ country code and number).'),
  ('COUNTER_CLOSED', 409, 'The counter is closed; open it before calling tickets to it.'),
  ('TICKET_NOT_CALLED', 409, 'The ticket is not at a counter (context: queue_status).'),
  ('TICKET_NOT_WAITING', 409, 'The ticket is no longer waiting or called (context: queue_status).')
on conflict (code) do nothing;

create type public.queue_join_mode as enum ('walk_in_qr', 'staff', 'both');
comment on type public.queue_join_mode is 'How customers join a queue: by the poster''s QR link, entered by staff, or both.';
create type public.queue_ticket_status as enum ('waiting', 'called', 'served', 'no_show', 'expired', 'cancelled');
comment on type public.queue_ticket_status is 'A ticket''s place in a customer queue (beside its type''s workflow state).';

-- ------------------------------------------------------------------ settings
create table public.customer_queue_settings (
  queue_id uuid primary key,
  org_id uuid not null,
  letter text not null default 'A' check (letter ~ '^[A-Z]$'),
  ticket_type_ids uuid[] not null default '{}',
  opening_hours jsonb check (opening_hours is null or jsonb_typeof(opening_hours) = 'array'),
  max_open_tickets integer check (max_open_tickets between 1 and 10000),
  join_mode public.queue_join_mode not null default 'both',
  phone_required boolean not null default false,
  ticket_ttl_minutes integer not null default 240 check (ticket_ttl_minutes between 1 and 1440),
  wait_sample_size smallint not null default 20 check (wait_sample_size between 1 and 500),
  default_service_minutes numeric(6, 2) not null default 5 check (default_service_minutes > 0 and default_service_minutes <= 600),
  type_service_minutes jsonb not null default '{}' check (jsonb_typeof(type_service_minutes) = 'object'),
  join_token_hash text unique check (join_token_hash ~ '^[0-9a-f]{64}$'),
  number_day date,
  last_number integer not null default 0 check (last_number >= 0),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (org_id, queue_id),
  foreign key (org_id, queue_id) references public.floor_queues (org_id, id) on delete cascade
);
comment on table public.customer_queue_settings is
  'The customer-facing side of a floor queue (issue 15): ticket types offered, opening hours, capacity, join mode, '
  'phone rule, TTL, wait-estimate inputs and the hashed public join token. Members read; managers+ write '
  '(join token via issue_queue_join_token).';
comment on column public.customer_queue_settings.letter is 'First part of the daily ticket numbers (A-042).';
comment on column public.customer_queue_settings.ticket_type_ids is 'Ticket type definitions (subject ticket) customers may pick.';
comment on column public.customer_queue_settings.opening_hours is
  '[{"day": 1..7 (ISO, Monday = 1), "opens": "HH:MM", "closes": "HH:MM"}] in the organisation''s time zone; null = always open.';
comment on column public.customer_queue_settings.max_open_tickets is 'Most waiting + called tickets; joining beyond is refused (QUEUE_FULL).';
comment on column public.customer_queue_settings.wait_sample_size is 'N: the median service time is over the last N served tickets of a type.';
comment on column public.customer_queue_settings.type_service_minutes is '{"<type_definition_id>": minutes}: the fallback before any ticket of the type was served.';
comment on column public.customer_queue_settings.join_token_hash is 'hex SHA-256 of the 128-bit join token in the QR link. Never selectable by API roles.';
comment on column public.customer_queue_settings.last_number is 'Daily counter behind the ticket numbers (number_day = the day it counts).';
create index customer_queue_settings_org_idx on public.customer_queue_settings (org_id);

create table public.customer_queue_counters (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null,
  queue_id uuid not null,
  label text not null check (length(btrim(label)) between 1 and 20),
  is_open boolean not null default true,
  created_at timestamptz not null default now(),
  unique (queue_id, label),
  unique (org_id, id),
  foreign key (org_id, queue_id) references public.customer_queue_settings (org_id, queue_id) on delete cascade
);
comment on table public.customer_queue_counters is 'Counters / desks of a customer queue; open ones share the wait. Members read; managers+ write.';
create index customer_queue_counters_org_queue_idx on public.customer_queue_counters (org_id, queue_id);

-- ------------------------------------------------------------------ tickets in a customer queue
alter table public.tickets
  add column queue_status public.queue_ticket_status,
  add column display_number text check (display_number ~ '^[A-Z]-[0-9]{3,6}$'),
  add column queue_day date,
  add column counter_id uuid,
  add column called_at timestamptz,
  add column served_at timestamptz,
  add column phone_e164 text check (phone_e164 ~ '^\+[1-9][0-9]{6,14}$'),
  add constraint tickets_counter_fk foreign key (org_id, counter_id)
    references public.customer_queue_counters (org_id, id) on delete set null (counter_id),
  add constraint tickets_queue_number_shape check ((queue_status is null) = (display_number is null));
comment on column public.tickets.queue_status is 'Customer queues: waiting / called / served / no_show / expired / cancelled; null = not a customer-queue ticket.';
comment on column public.tickets.display_number is 'Short number per queue per day (A-042).';
comment on column public.tickets.queue_day is 'The organisation-local day display_number belongs to.';
comment on column public.tickets.phone_e164 is 'Customer''s phone for texts (E.164, normalised by the route handler).';
create unique index tickets_queue_day_number_idx on public.tickets (queue_id, queue_day, display_number) where display_number is not null;
create index tickets_queue_waiting_idx on public.tickets (queue_id, created_at, ticket_number) where queue_status = 'waiting';
create index tickets_queue_served_idx on public.tickets (queue_id, type_definition_id, served_at desc) where queue_status = 'served';
create index tickets_open_queue_created_idx on public.tickets (created_at) where queue_status in ('waiting', 'called');
create index tickets_org_counter_idx on public.tickets (org_id, counter_id);

-- The public ticket token: like order tracking, only the SHA-256 of 128 random bits is kept, apart
-- from the ticket so members reading tickets never see it.
create table public.queue_ticket_tokens (
  ticket_id uuid primary key,
  org_id uuid not null,
  token_hash text not null unique check (token_hash ~ '^[0-9a-f]{64}$'),
  created_at timestamptz not null default now(),
  foreign key (org_id, ticket_id) references public.tickets (org_id, id) on delete cascade
);
comment on table public.queue_ticket_tokens is 'hex SHA-256 of each customer ticket''s 128-bit token (/q/t/<token>). No API role reads it.';
create index queue_ticket_tokens_org_idx on public.queue_ticket_tokens (org_id);

-- ------------------------------------------------------------------ settings rules
create function app.customer_queue_settings_check() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  v_bad uuid;
  v_h jsonb;
begin
  if tg_op = 'UPDATE' then
    new.queue_id := old.queue_id;
    new.org_id := old.org_id;
    new.created_at := old.created_at;
  end if;
  new.org_id := (select q.org_id from public.floor_queues q where q.id = new.queue_id);
  new.updated_at := now();
  select t into v_bad from unnest(new.ticket_type_ids) t
  where not exists (select 1 from public.type_definitions d where d.id = t and d.subject = 'ticket'
                      and (d.org_id is null or d.org_id = new.org_id))
  limit 1;
  if v_bad is not null then
    perform app.raise('VALIDATION_FAILED', 'Offer only ticket types of this organisation', 'ticket_type_ids',
                      jsonb_build_object('type_definition_id', v_bad));
  end if;
  for v_h in select jsonb_array_elements(coalesce(new.opening_hours, '[]')) loop
    if jsonb_typeof(v_h) <> 'object' or jsonb_typeof(v_h -> 'day') <> 'number' or (v_h ->> 'day') !~ '^[1-7]$'
       or coalesce(v_h ->> 'opens', '') !~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'
       or coalesce(v_h ->> 'closes', '') !~ '^([01][0-9]|2[0-3]):[0-5][0-9]$|^24:00$'
       or (v_h ->> 'opens') >= (v_h ->> 'closes') then
      perform app.raise('VALIDATION_FAILED', 'Opening hours are {day 1-7, opens HH:MM, closes HH:MM} with opens before closes',
                        'opening_hours', jsonb_build_object('entry', v_h));
    end if;
  end loop;
  if exists (select 1 from jsonb_each(new.type_service_minutes) e
             where jsonb_typeof(e.value) <> 'number' or (e.value #>> '{}')::numeric not between 0.1 and 600) then
    perform app.raise('VALIDATION_FAILED', 'Default service minutes are numbers from 0.1 to 600', 'type_service_minutes');
  end if;
  return new;
end $$;
comment on function app.customer_queue_settings_check() is
  'Trigger: settings keep their queue and organisation; offered types are ticket types the org can use; opening hours well formed.';
create trigger customer_queue_settings_check before insert or update on public.customer_queue_settings
  for each row execute function app.customer_queue_settings_check();
create trigger customer_queue_settings_audit after insert or update or delete on public.customer_queue_settings
  for each row execute function app.audit_row('redact:join_token_hash');
create trigger customer_queue_counters_audit after insert or update or delete on public.customer_queue_counters
  for each row execute function app.audit_row();

-- ------------------------------------------------------------------ helpers
create function app.vq_is_open(p_settings public.customer_queue_settings) returns boolean
language sql stable security definer set search_path = '' as $$
  select p_settings.opening_hours is null or exists (
    select 1
    from public.organisations o
    cross join lateral (select now() at time zone o.time_zone as local) l
    cross join jsonb_array_elements(p_settings.opening_hours) h
    where o.id = p_settings.org_id
      and (h ->> 'day')::integer = extract(isodow from l.local)
      and to_char(l.local, 'HH24:MI') >= h ->> 'opens' and to_char(l.local, 'HH24:MI') < h ->> 'closes')
$$;
comment on function app.vq_is_open(public.customer_queue_settings) is 'Whether now (org time zone) is inside the queue''s opening hours.';

-- Whether a queue ticket's TTL has passed (waiting or called only).
create function app.vq_stale(p_ticket public.tickets) returns boolean
language sql stable set search_path = '' as $$
  select p_ticket.queue_status in ('waiting', 'called') and p_ticket.ttl_minutes is not null
     and p_ticket.created_at + make_interval(mins => p_ticket.ttl_minutes) <= now()
$$;
comment on function app.vq_stale(public.tickets) is 'A waiting or called ticket whose ttl_minutes have passed.';

-- Expected minutes at the counter per ticket type of a queue: the median of the last N service times,
-- else the per-type default, else the queue default.
create function app.vq_service_minutes(p_queue_id uuid, p_type_id uuid) returns numeric
language sql stable security definer set search_path = '' as $$
  select coalesce(
    (select percentile_cont(0.5) within group (order by m)
     from (select extract(epoch from t.served_at - t.called_at) / 60.0 as m
           from public.tickets t
           where t.queue_id = p_queue_id and t.type_definition_id = p_type_id and t.queue_status = 'served'
             and t.called_at is not null and t.served_at >= t.called_at
           order by t.served_at desc
           limit s.wait_sample_size) x),
    (s.type_service_minutes ->> p_type_id::text)::numeric,
    s.default_service_minutes)::numeric
  from public.customer_queue_settings s where s.queue_id = p_queue_id
$$;
comment on function app.vq_service_minutes(uuid, uuid) is
  'Rolling median service time (called → served, last wait_sample_size served) per queue and type; falls back to the '
  'per-type default, then the queue default.';

-- Position (1 = next) and estimated minutes of a waiting ticket; null when it is not waiting.
create function app.vq_estimate(p_ticket public.tickets) returns table (place integer, minutes numeric)
language sql stable security definer set search_path = '' as $$
  with ahead as (
    select t.type_definition_id, count(*) as n
    from public.tickets t
    where t.queue_id = p_ticket.queue_id and t.queue_status = 'waiting' and not app.vq_stale(t)
      and (t.created_at, t.ticket_number) <= (p_ticket.created_at, p_ticket.ticket_number)
    group by t.type_definition_id)
  select sum(a.n)::integer,
         round(sum(a.n * app.vq_service_minutes(p_ticket.queue_id, a.type_definition_id))
               / greatest(1, (select count(*) from public.customer_queue_counters c
                              where c.queue_id = p_ticket.queue_id and c.is_open)), 2)
  from ahead a
  where p_ticket.queue_status = 'waiting'
$$;
comment on function app.vq_estimate(public.tickets) is
  'Position and wait of a waiting ticket: Σ per-type service minutes of positions 1..p ÷ open counters (at least 1).';

-- What a ticket's own token may see: never another customer's data.
create function app.vq_public_json(p_ticket public.tickets) returns jsonb
language sql stable security definer set search_path = '' as $$
  select jsonb_build_object(
    'number', p_ticket.display_number, 'queue_name', q.name, 'type_name', d.type_name,
    'status', p_ticket.queue_status,
    'state_label', coalesce(app.fsm_state_meta(p_ticket.type_definition_id, p_ticket.current_state) ->> 'public_label',
                            p_ticket.current_state),
    'position', e.place,
    'wait_low', case when e.place is not null then (floor(e.minutes * 0.75 / 5) * 5)::integer end,
    'wait_high', case when e.place is not null then greatest(floor(e.minutes * 0.75 / 5) * 5 + 5, ceil(e.minutes * 1.25 / 5) * 5)::integer end,
    'counter', case when p_ticket.queue_status = 'called' then c.label end,
    'called_at', p_ticket.called_at, 'joined_at', p_ticket.created_at,
    'expires_at', p_ticket.created_at + make_interval(mins => coalesce(p_ticket.ttl_minutes, 0)))
  from public.floor_queues q
  join public.type_definitions d on d.id = p_ticket.type_definition_id
  left join app.vq_estimate(p_ticket) e on true
  left join public.customer_queue_counters c on c.id = p_ticket.counter_id
  where q.id = p_ticket.queue_id
$$;
comment on function app.vq_public_json(public.tickets) is
  'A queue ticket as its customer sees it: number, queue, type, status, public state label, position, wait range '
  '(5-minute steps), counter when called. No names, phones or other tickets.';

-- Staff view of a queue ticket (custom data, phone, counter) plus the type's open transitions.
create function app.vq_staff_json(p_ticket public.tickets) returns jsonb
language sql stable security definer set search_path = '' as $$
  select app.ticket_json(p_ticket) || jsonb_build_object(
    'counter', (select c.label from public.customer_queue_counters c where c.id = p_ticket.counter_id),
    'transitions', coalesce((select jsonb_agg(jsonb_build_object('name', t.name, 'to', t.to_state, 'requires', t.requires))
                             from app.fsm_transitions(app.fsm_schema_of(p_ticket.type_definition_id), p_ticket.current_state) t), '[]'))
$$;
comment on function app.vq_staff_json(public.tickets) is 'A queue ticket as the counter screen reads it.';

-- Expires stale tickets (all queues, or one); returns how many. The scheduled job and the reads call it.
create function app.vq_expire(p_queue_id uuid default null) returns integer
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_count integer;
begin
  update public.tickets t set queue_status = 'expired'
  where t.queue_status in ('waiting', 'called') and t.ttl_minutes is not null
    and t.created_at + make_interval(mins => t.ttl_minutes) <= now()
    and (p_queue_id is null or t.queue_id = p_queue_id);
  get diagnostics v_count = row_count;
  return v_count;
end $$;
comment on function app.vq_expire(uuid) is 'Marks waiting/called tickets past their ttl_minutes expired (scheduled every minute: virtual-queue-expire).';

create function app.vq_ticket_by_token(p_token text) returns public.tickets
language plpgsql volatile security definer set search_path = '' as $$
declare
  -- always hash (bounded input), so unknown and real tokens cost the same up to the lookup
  v_hash text := app.tracking_token_hash(left(coalesce(p_token, ''), 128));
  v_ticket public.tickets;
begin
  select t.* into v_ticket from public.queue_ticket_tokens k join public.tickets t on t.id = k.ticket_id
  where k.token_hash = v_hash;
  if v_ticket.id is null then
    perform app.raise('NOT_FOUND', 'No such ticket', 'ticket_token');
  end if;
  if app.vq_stale(v_ticket) then
    update public.tickets t set queue_status = 'expired' where t.id = v_ticket.id returning * into v_ticket;
  end if;
  return v_ticket;
end $$;
comment on function app.vq_ticket_by_token(text) is 'The ticket of a public ticket token (NOT_FOUND otherwise), expired first when its TTL passed.';

-- Joining, shared by the QR link and staff entry. Locks the settings row: numbering and capacity are
-- decided one join at a time per queue.
create function app.vq_join(p_queue_id uuid, p_type_definition_id uuid, p_custom_data jsonb, p_phone text,
                            p_member_id uuid) returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_settings public.customer_queue_settings;
  v_queue public.floor_queues;
  v_phone text := nullif(btrim(coalesce(p_phone, '')), '');
  v_day date;
  v_n integer;
  v_ticket public.tickets;
  v_token text := app.new_tracking_token();
  v_estimate record;
begin
  select * into v_settings from public.customer_queue_settings s where s.queue_id = p_queue_id for update;
  select * into v_queue from public.floor_queues q where q.id = p_queue_id;
  if not v_queue.is_active then
    perform app.raise('QUEUE_INACTIVE', format('%s is not taking tickets', v_queue.name), 'queue_id');
  end if;
  if not app.vq_is_open(v_settings) then
    perform app.raise('QUEUE_CLOSED', format('%s is closed now', v_queue.name), null,
                      jsonb_build_object('opening_hours', v_settings.opening_hours));
  end if;
  if p_type_definition_id is null or not (p_type_definition_id = any (v_settings.ticket_type_ids)) then
    perform app.raise('TICKET_TYPE_NOT_OFFERED', format('%s does not offer this kind of ticket', v_queue.name), 'type_definition_id');
  end if;
  if v_phone is null and v_settings.phone_required then
    perform app.raise('PHONE_REQUIRED', 'Enter a phone number to join this queue', 'phone');
  end if;
  if v_phone is not null and (length(v_phone) > 16 or v_phone !~ '^\+[1-9][0-9]{6,14}$') then
    perform app.raise('PHONE_INVALID', 'Enter the phone number with its country code, like +639171234567', 'phone');
  end if;
  if jsonb_typeof(coalesce(p_custom_data, '{}')) <> 'object' then
    perform app.raise('CUSTOM_DATA_INVALID', 'Custom data must be an object of field values', 'custom_data');
  end if;
  if v_settings.max_open_tickets is not null
     and (select count(*) from public.tickets t where t.queue_id = p_queue_id and t.queue_status in ('waiting', 'called')
            and not app.vq_stale(t)) >= v_settings.max_open_tickets then
    perform app.raise('QUEUE_FULL', format('%s is full; try again a little later', v_queue.name), null,
                      jsonb_build_object('max_open_tickets', v_settings.max_open_tickets));
  end if;

  v_day := app.org_today(v_settings.org_id);
  update public.customer_queue_settings s
    set last_number = case when s.number_day = v_day then s.last_number + 1 else 1 end, number_day = v_day
    where s.queue_id = p_queue_id returning s.last_number into v_n;

  -- the tickets trigger puts it in the type's init state and checks custom_data (CUSTOM_DATA_INVALID)
  insert into public.tickets (org_id, queue_id, type_definition_id, custom_data, ttl_minutes, created_by,
                              queue_status, display_number, queue_day, phone_e164)
    values (v_settings.org_id, p_queue_id, p_type_definition_id, coalesce(p_custom_data, '{}'),
            v_settings.ticket_ttl_minutes, p_member_id, 'waiting',
            v_settings.letter || '-' || case when v_n < 1000 then lpad(v_n::text, 3, '0') else v_n::text end,
            v_day, v_phone)
    returning * into v_ticket;
  select * into v_estimate from app.vq_estimate(v_ticket);
  update public.tickets t set estimated_wait_minutes = least(10080, ceil(v_estimate.minutes))::integer
    where t.id = v_ticket.id returning * into v_ticket;
  insert into public.queue_ticket_tokens (ticket_id, org_id, token_hash)
    values (v_ticket.id, v_ticket.org_id, app.tracking_token_hash(v_token));
  return jsonb_build_object('ticket_token', v_token, 'ticket', app.vq_public_json(v_ticket));
end $$;
comment on function app.vq_join(uuid, uuid, jsonb, text, uuid) is
  'Creates a waiting ticket (type init state, daily number, TTL, hashed token) after the queue''s refusals; one join '
  'at a time per queue (settings row lock).';

-- ------------------------------------------------------------------ RPCs: customers (anon)
create function public.join_queue(p_join_token text, p_type_definition_id uuid, p_custom_data jsonb default '{}'::jsonb,
                                  p_phone text default null) returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_settings public.customer_queue_settings;
begin
  select * into v_settings from public.customer_queue_settings s
  where s.join_token_hash = app.tracking_token_hash(left(coalesce(p_join_token, ''), 128));
  if v_settings.queue_id is null then
    perform app.raise('NOT_FOUND', 'No such queue', 'join_token');
  end if;
  if v_settings.join_mode = 'staff' then
    perform app.raise('QUEUE_JOIN_MODE', 'Staff add tickets to this queue: please ask at the counter', null,
                      jsonb_build_object('join_mode', v_settings.join_mode));
  end if;
  return app.vq_join(v_settings.queue_id, p_type_definition_id, p_custom_data, p_phone, null);
end $$;
comment on function public.join_queue(text, uuid, jsonb, text) is
  'Public (anon): joins the queue of a QR join token with a ticket type it offers, custom data and an optional E.164 '
  'phone (the route handler normalises with lib/sms/phone.ts and rate-limits per IP and phone). Returns '
  '{ticket_token, ticket}; refusals: NOT_FOUND, QUEUE_JOIN_MODE, QUEUE_INACTIVE, QUEUE_CLOSED, TICKET_TYPE_NOT_OFFERED, '
  'PHONE_REQUIRED, PHONE_INVALID, QUEUE_FULL, CUSTOM_DATA_INVALID.';

create function public.queue_ticket(p_ticket_token text) returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
begin
  return app.vq_public_json(app.vq_ticket_by_token(p_ticket_token));
end $$;
comment on function public.queue_ticket(text) is
  'Public (anon): the token''s own ticket only: number, status, public state label, position, wait range, counter. '
  'A ticket past its TTL is expired on this read.';

create function public.cancel_queue_ticket(p_ticket_token text) returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_ticket public.tickets := app.vq_ticket_by_token(p_ticket_token);
begin
  select * into v_ticket from public.tickets t where t.id = v_ticket.id for update;
  if v_ticket.queue_status not in ('waiting', 'called') then
    perform app.raise('TICKET_NOT_WAITING', 'This ticket is no longer in the queue', null,
                      jsonb_build_object('queue_status', v_ticket.queue_status));
  end if;
  update public.tickets t set queue_status = 'cancelled' where t.id = v_ticket.id returning * into v_ticket;
  return app.vq_public_json(v_ticket);
end $$;
comment on function public.cancel_queue_ticket(text) is 'Public (anon): the customer leaves the queue by their ticket token.';

-- ------------------------------------------------------------------ RPCs: staff
create function public.issue_queue_join_token(p_queue_id uuid) returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_queue public.floor_queues;
  v_token text := app.new_tracking_token();
begin
  select * into v_queue from public.floor_queues q where q.id = p_queue_id;
  if v_queue.id is null or not (app.is_service_role() or v_queue.org_id = any (array(select app.my_org_ids()))) then
    perform app.raise('NOT_FOUND', 'No such queue', 'queue_id');
  end if;
  perform app.require_member(v_queue.org_id, 'manager', false);
  insert into public.customer_queue_settings (queue_id, org_id, join_token_hash)
    values (p_queue_id, v_queue.org_id, app.tracking_token_hash(v_token))
    on conflict (queue_id) do update set join_token_hash = excluded.join_token_hash;
  return jsonb_build_object('queue_id', p_queue_id, 'join_token', v_token);
end $$;
comment on function public.issue_queue_join_token(uuid) is
  'Managers+: a new QR join token for a queue (the old one stops working); creates the settings row if missing. '
  'The token is shown once; only its hash is kept.';

create function public.staff_join_queue(p_queue_id uuid, p_type_definition_id uuid, p_custom_data jsonb default '{}'::jsonb,
                                        p_phone text default null) returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_settings public.customer_queue_settings;
  v_member_id uuid;
begin
  select * into v_settings from public.customer_queue_settings s where s.queue_id = p_queue_id;
  if v_settings.queue_id is null
     or not (app.is_service_role() or v_settings.org_id = any (array(select app.my_org_ids()))) then
    perform app.raise('NOT_FOUND', 'No such customer queue', 'queue_id');
  end if;
  select r.member_id into v_member_id from app.require_member(v_settings.org_id, 'operator', true) r;
  if v_settings.join_mode = 'walk_in_qr' then
    perform app.raise('QUEUE_JOIN_MODE', 'Customers join this queue by its QR link', null,
                      jsonb_build_object('join_mode', v_settings.join_mode));
  end if;
  return app.vq_join(p_queue_id, p_type_definition_id, p_custom_data, p_phone, v_member_id);
end $$;
comment on function public.staff_join_queue(uuid, uuid, jsonb, text) is
  'Operators+: adds a customer to a queue at the counter (join mode staff or both); same refusals as join_queue.';

create function public.call_next(p_queue_id uuid, p_counter_id uuid) returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_counter public.customer_queue_counters;
  v_member_id uuid;
  v_ticket public.tickets;
begin
  select * into v_counter from public.customer_queue_counters c where c.id = p_counter_id and c.queue_id = p_queue_id;
  if v_counter.id is null
     or not (app.is_service_role() or v_counter.org_id = any (array(select app.my_org_ids()))) then
    perform app.raise('NOT_FOUND', 'No such counter in this queue', 'counter_id');
  end if;
  select r.member_id into v_member_id from app.require_member(v_counter.org_id, 'operator', true) r;
  if not v_counter.is_open then
    perform app.raise('COUNTER_CLOSED', format('Counter %s is closed', v_counter.label), 'counter_id');
  end if;
  -- skip locked: concurrent callers each take a different ticket and never wait on one another;
  -- stale tickets are passed over here (the job marks them expired) so a call never blocks on the expiry
  select * into v_ticket from public.tickets t
  where t.queue_id = p_queue_id and t.queue_status = 'waiting'
    and (t.ttl_minutes is null or t.created_at + make_interval(mins => t.ttl_minutes) > now())
  order by t.created_at, t.ticket_number
  limit 1
  for update skip locked;
  if v_ticket.id is null then
    return jsonb_build_object('ticket', null);
  end if;
  update public.tickets t set queue_status = 'called', counter_id = p_counter_id, called_at = now(),
                              assigned_member_id = coalesce(v_member_id, t.assigned_member_id)
    where t.id = v_ticket.id returning * into v_ticket;
  return jsonb_build_object('ticket', app.vq_staff_json(v_ticket));
end $$;
comment on function public.call_next(uuid, uuid) is
  'Operators+: calls the first waiting ticket (not past its TTL) to an open counter, skip-locked so each ticket goes to '
  'exactly one caller. Returns {ticket} (null when nobody waits).';

create function app.vq_lock_called(p_ticket_id uuid) returns public.tickets
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_ticket public.tickets;
begin
  select * into v_ticket from public.tickets t where t.id = p_ticket_id;
  if v_ticket.id is null or v_ticket.queue_status is null
     or not (app.is_service_role() or v_ticket.org_id = any (array(select app.my_org_ids()))) then
    perform app.raise('NOT_FOUND', 'No such queue ticket', 'ticket_id');
  end if;
  perform app.require_member(v_ticket.org_id, 'operator', true);
  select * into v_ticket from public.tickets t where t.id = p_ticket_id for update;
  if v_ticket.queue_status <> 'called' then
    perform app.raise('TICKET_NOT_CALLED', format('Ticket %s is %s, not at a counter', v_ticket.display_number,
                      replace(v_ticket.queue_status::text, '_', ' ')), 'ticket_id',
                      jsonb_build_object('queue_status', v_ticket.queue_status));
  end if;
  return v_ticket;
end $$;
comment on function app.vq_lock_called(uuid) is 'Checks the caller and locks a called ticket (TICKET_NOT_CALLED otherwise).';

create function public.serve_queue_ticket(p_ticket_id uuid, p_transition text default null, p_reason text default null)
returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_ticket public.tickets := app.vq_lock_called(p_ticket_id);
begin
  if p_transition is not null then
    -- the type's workflow goes on after the counter (e.g. a repair is diagnosed); its rules hold
    perform public.transition_ticket(p_ticket_id, p_transition, p_reason);
  end if;
  update public.tickets t set queue_status = 'served', served_at = now() where t.id = p_ticket_id returning * into v_ticket;
  return jsonb_build_object('ticket', app.vq_staff_json(v_ticket));
end $$;
comment on function public.serve_queue_ticket(uuid, text, text) is
  'Operators+: the called customer was served (their service time feeds the wait median); p_transition optionally '
  'takes one of the type''s transitions in the same transaction.';

create function public.no_show_queue_ticket(p_ticket_id uuid) returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_ticket public.tickets := app.vq_lock_called(p_ticket_id);
begin
  update public.tickets t set queue_status = 'no_show' where t.id = p_ticket_id returning * into v_ticket;
  return jsonb_build_object('ticket', app.vq_staff_json(v_ticket));
end $$;
comment on function public.no_show_queue_ticket(uuid) is 'Operators+: the called customer did not come to the counter.';

-- ------------------------------------------------------------------ RLS and grants
alter table public.customer_queue_settings enable row level security;
alter table public.customer_queue_counters enable row level security;
alter table public.queue_ticket_tokens enable row level security;

create policy customer_queue_settings_select on public.customer_queue_settings for select to authenticated
  using (org_id = any (array(select app.my_org_ids())));
create policy customer_queue_settings_insert on public.customer_queue_settings for insert to authenticated
  with check (org_id = any (array(select app.my_org_ids('manager'))));
create policy customer_queue_settings_update on public.customer_queue_settings for update to authenticated
  using (org_id = any (array(select app.my_org_ids('manager'))))
  with check (org_id = any (array(select app.my_org_ids('manager'))));
create policy customer_queue_settings_delete on public.customer_queue_settings for delete to authenticated
  using (org_id = any (array(select app.my_org_ids('manager'))));

create policy customer_queue_counters_select on public.customer_queue_counters for select to authenticated
  using (org_id = any (array(select app.my_org_ids())));
create policy customer_queue_counters_insert on public.customer_queue_counters for insert to authenticated
  with check (org_id = any (array(select app.my_org_ids('manager'))));
create policy customer_queue_counters_update on public.customer_queue_counters for update to authenticated
  using (org_id = any (array(select app.my_org_ids('manager'))))
  with check (org_id = any (array(select app.my_org_ids('manager'))));
create policy customer_queue_counters_delete on public.customer_queue_counters for delete to authenticated
  using (org_id = any (array(select app.my_org_ids('manager'))));

-- no API role reads or writes token hashes
create policy queue_ticket_tokens_select on public.queue_ticket_tokens for select to authenticated using (false);
create policy queue_ticket_tokens_insert on public.queue_ticket_tokens for insert to authenticated with check (false);
create policy queue_ticket_tokens_update on public.queue_ticket_tokens for update to authenticated using (false);
create policy queue_ticket_tokens_delete on public.queue_ticket_tokens for delete to authenticated using (false);

revoke all on public.customer_queue_settings, public.customer_queue_counters, public.queue_ticket_tokens
  from public, anon, authenticated, service_role;
grant select (queue_id, org_id, letter, ticket_type_ids, opening_hours, max_open_tickets, join_mode, phone_required,
              ticket_ttl_minutes, wait_sample_size, default_service_minutes, type_service_minutes, number_day, last_number,
              created_at, updated_at)
  on public.customer_queue_settings to authenticated, service_role;
grant insert (queue_id, org_id, letter, ticket_type_ids, opening_hours, max_open_tickets, join_mode, phone_required,
              ticket_ttl_minutes, wait_sample_size, default_service_minutes, type_service_minutes),
      update (letter, ticket_type_ids, opening_hours, max_open_tickets, join_mode, phone_required,
              ticket_ttl_minutes, wait_sample_size, default_service_minutes, type_service_minutes)
  on public.customer_queue_settings to authenticated, service_role;
grant delete on public.customer_queue_settings to authenticated, service_role;
grant select, insert, delete on public.customer_queue_counters to authenticated, service_role;
grant update (label, is_open) on public.customer_queue_counters to authenticated, service_role;

revoke execute on all functions in schema app from public;
revoke execute on function
  public.join_queue(text, uuid, jsonb, text), public.queue_ticket(text), public.cancel_queue_ticket(text),
  public.issue_queue_join_token(uuid), public.staff_join_queue(uuid, uuid, jsonb, text), public.call_next(uuid, uuid),
  public.serve_queue_ticket(uuid, text, text), public.no_show_queue_ticket(uuid)
  from public, anon;
grant execute on function public.join_queue(text, uuid, jsonb, text), public.queue_ticket(text),
  public.cancel_queue_ticket(text)
  to anon, authenticated, service_role;
grant execute on function
  public.issue_queue_join_token(uuid), public.staff_join_queue(uuid, uuid, jsonb, text), public.call_next(uuid, uuid),
  public.serve_queue_ticket(uuid, text, text), public.no_show_queue_ticket(uuid)
  to authenticated, service_role;

-- ------------------------------------------------------------------ the expiry job (docs/scheduler.md)
do $$ begin
  if not exists (select 1 from pg_namespace where nspname = 'cron') then create extension if not exists pg_cron; end if;
end $$;
select cron.schedule('virtual-queue-expire', '* * * * *', $$ select app.vq_expire() $$);
