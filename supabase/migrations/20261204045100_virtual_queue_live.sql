-- Virtual queues, step 3 (issue 15): what the screens, the public join route and the texts need.
--   * join_queue_from(join token, type, custom data, phone, ip): the public route's join (service role
--     only: the route vouches for the client's address). Limits kept here, not in a process's memory,
--     so every app instance counts the same joins: 20 per address per 10 minutes (a waiting room on
--     the shop's wifi shares one address), 3 per phone per hour. Only joins that committed count: a
--     refused join changes nothing, not even the counters.
--   * queue_join_info(join token): the join page's data (anon): queue, workshop, offered types with
--     their custom-field schemas, phone rule, whether it is open now. Nothing about other customers.
--   * recall_queue_ticket(ticket): the called customer is called again (the TV chimes again, the
--     ticket page says so, a text goes again).
--   * issue_queue_display_token / queue_display(display token): the waiting-room TV without a staff
--     session: now serving per counter and the next numbers (numbers only: the TV is in the room).
--   * queue_day_stats(queue, day): the manager view's joins / served / no-shows, wait and service
--     (avg, p90) per type and by hour.
--   * Realtime, database-sent only (as docs/security.md): every change of a queue ticket tells
--       org:<org>:queue:<queue>   {table, op, id}    staff screens (operator+, existing policy)
--       vq:<queue>                {queue_id}          "the queue moved": TV displays and ticket pages
--                                                      re-read their own view (anyone naming a
--                                                      customer queue's id; the payload says nothing)
--       vqt:<sha256 of token>     the ticket's public view, when that ticket itself changed
--     authorised by a second SELECT policy on realtime.messages (policies are OR'ed, so the shared
--     app_realtime.can_read stays as it is).
--   * Texts (docs/sms.md, a row in the same transaction, the worker sends): joined (with the ticket
--     link), near the front, called (and recalled), no-show, expired — from the organisation's
--     templates chosen per event in customer_queue_settings.sms_templates. A text that cannot be
--     queued (SMS off, opted out, too long) never blocks the join or the call.

-- ------------------------------------------------------------------ columns
alter table public.tickets
  add column recalled_at timestamptz,
  add column recall_count smallint not null default 0 check (recall_count between 0 and 100);
comment on column public.tickets.recalled_at is 'Customer queues: when a called ticket was last called again (recall).';
comment on column public.tickets.recall_count is 'Customer queues: how many times a called ticket was called again.';

alter table public.customer_queue_settings
  add column display_token_hash text unique check (display_token_hash ~ '^[0-9a-f]{64}$'),
  add column sms_templates jsonb not null default '{}' check (jsonb_typeof(sms_templates) = 'object'),
  add column sms_near_position smallint not null default 3 check (sms_near_position between 1 and 50);
comment on column public.customer_queue_settings.display_token_hash is
  'hex SHA-256 of the waiting-room display''s 128-bit token (/display/<token>). Never selectable by API roles.';
comment on column public.customer_queue_settings.sms_templates is
  '{"joined"|"near"|"called"|"no_show"|"expired": sms_templates.id}: the text per queue event (none = no text). '
  'Variables: NAME, TICKET_NUMBER, COUNTER, QUEUE, POSITION, TICKET_LINK, WORKSHOP.';
comment on column public.customer_queue_settings.sms_near_position is 'The "nearly your turn" text goes when a ticket reaches this position.';
grant select (sms_templates, sms_near_position), insert (sms_templates, sms_near_position),
      update (sms_templates, sms_near_position)
  on public.customer_queue_settings to authenticated, service_role;

create function app.customer_queue_settings_sms_check() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  v_key text;
  v_value jsonb;
begin
  for v_key, v_value in select e.key, e.value from jsonb_each(new.sms_templates) e loop
    if v_key not in ('joined', 'near', 'called', 'no_show', 'expired') then
      perform app.raise('VALIDATION_FAILED', format('"%s" is not a queue event (joined, near, called, no_show, expired)', v_key),
                        'sms_templates', jsonb_build_object('event', v_key));
    end if;
    if jsonb_typeof(v_value) <> 'string' or (v_value #>> '{}') !~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
       or not exists (select 1 from public.sms_templates t
                      where t.id = (v_value #>> '{}')::uuid and t.org_id = new.org_id and t.order_status is null) then
      perform app.raise('VALIDATION_FAILED', 'Pick a text template of this workshop (not an automatic order text)',
                        'sms_templates', jsonb_build_object('event', v_key));
    end if;
  end loop;
  return new;
end $$;
comment on function app.customer_queue_settings_sms_check() is
  'Trigger: the per-event text templates of a customer queue are this organisation''s non-order templates.';
-- runs after customer_queue_settings_check (alphabetical), which fixes org_id first
create trigger customer_queue_settings_sms_check before insert or update of sms_templates on public.customer_queue_settings
  for each row execute function app.customer_queue_settings_sms_check();

-- ------------------------------------------------------------------ join limits
create table app.queue_join_log (
  id bigint generated always as identity primary key,
  queue_id uuid not null,
  ticket_id uuid not null,
  ip inet,
  phone text,
  created_at timestamptz not null default now()
);
comment on table app.queue_join_log is
  'Joins through the public route (join_queue_from), for its per-address and per-phone limits. Rows older than a '
  'day are deleted as new ones come. Readable by no API role.';
create index queue_join_log_ip_idx on app.queue_join_log (ip, created_at) where ip is not null;
create index queue_join_log_phone_idx on app.queue_join_log (phone, created_at) where phone is not null;
create index queue_join_log_created_idx on app.queue_join_log (created_at);
alter table app.queue_join_log enable row level security;
revoke all on app.queue_join_log from public, anon, authenticated, service_role;

-- ------------------------------------------------------------------ public views
create function app.vq_ticket_channel(p_ticket_id uuid) returns text
language sql stable security definer set search_path = '' as $$
  select 'vqt:' || k.token_hash from public.queue_ticket_tokens k where k.ticket_id = p_ticket_id
$$;
comment on function app.vq_ticket_channel(uuid) is 'The private Realtime topic of a customer ticket: vqt:<sha256 of its token>.';

-- The customer's view, now with recall and the two topics to follow (ticket and queue).
create or replace function app.vq_public_json(p_ticket public.tickets) returns jsonb
language sql stable security definer set search_path = '' as $$
  select jsonb_build_object(
    'number', p_ticket.display_number, 'queue_name', q.name, 'type_name', d.type_name,
    'workshop', o.name,
    'status', p_ticket.queue_status,
    'state_label', coalesce(app.fsm_state_meta(p_ticket.type_definition_id, p_ticket.current_state) ->> 'public_label',
                            p_ticket.current_state),
    'position', e.place,
    'wait_low', case when e.place is not null then (floor(e.minutes * 0.75 / 5) * 5)::integer end,
    'wait_high', case when e.place is not null then greatest(floor(e.minutes * 0.75 / 5) * 5 + 5, ceil(e.minutes * 1.25 / 5) * 5)::integer end,
    'counter', case when p_ticket.queue_status = 'called' then c.label end,
    'called_at', p_ticket.called_at, 'recalled_at', p_ticket.recalled_at, 'recall_count', p_ticket.recall_count,
    'joined_at', p_ticket.created_at,
    'expires_at', p_ticket.created_at + make_interval(mins => coalesce(p_ticket.ttl_minutes, 0)),
    'updated_at', p_ticket.updated_at,
    'channel', app.vq_ticket_channel(p_ticket.id),
    'queue_channel', 'vq:' || p_ticket.queue_id)
  from public.floor_queues q
  join public.organisations o on o.id = q.org_id
  join public.type_definitions d on d.id = p_ticket.type_definition_id
  left join app.vq_estimate(p_ticket) e on true
  left join public.customer_queue_counters c on c.id = p_ticket.counter_id
  where q.id = p_ticket.queue_id
$$;
comment on function app.vq_public_json(public.tickets) is
  'A queue ticket as its customer sees it: number, queue, workshop, type, status, public state label, position, wait '
  'range (5-minute steps), counter when called, recall, and the Realtime topics to follow. No names, phones or other tickets.';

create or replace function app.vq_staff_json(p_ticket public.tickets) returns jsonb
language sql stable security definer set search_path = '' as $$
  select app.ticket_json(p_ticket) || jsonb_build_object(
    'number', p_ticket.display_number, 'queue_status', p_ticket.queue_status, 'phone', p_ticket.phone_e164,
    'called_at', p_ticket.called_at, 'recalled_at', p_ticket.recalled_at, 'recall_count', p_ticket.recall_count,
    'counter_id', p_ticket.counter_id,
    'counter', (select c.label from public.customer_queue_counters c where c.id = p_ticket.counter_id),
    'type_name', (select d.type_name from public.type_definitions d where d.id = p_ticket.type_definition_id),
    'transitions', coalesce((select jsonb_agg(jsonb_build_object('name', t.name, 'to', t.to_state, 'requires', t.requires))
                             from app.fsm_transitions(app.fsm_schema_of(p_ticket.type_definition_id), p_ticket.current_state) t), '[]'))
$$;
comment on function app.vq_staff_json(public.tickets) is 'A queue ticket as the counter screen reads it (number, status, phone, counter, transitions).';

create function public.queue_join_info(p_join_token text) returns jsonb
language plpgsql stable security definer set search_path = '' as $$
declare
  v_settings public.customer_queue_settings;
begin
  select * into v_settings from public.customer_queue_settings s
  where s.join_token_hash = app.tracking_token_hash(left(coalesce(p_join_token, ''), 128));
  if v_settings.queue_id is null then
    perform app.raise('NOT_FOUND', 'No such queue', 'join_token');
  end if;
  return (
    select jsonb_build_object(
      'queue_name', q.name, 'workshop', o.name, 'is_active', q.is_active, 'is_open', app.vq_is_open(v_settings),
      'join_mode', v_settings.join_mode, 'phone_required', v_settings.phone_required,
      'opening_hours', v_settings.opening_hours,
      'default_country', coalesce((select ss.default_country from public.sms_settings ss where ss.org_id = q.org_id), 'PH'),
      'texts', coalesce((select ss.enabled from public.sms_settings ss where ss.org_id = q.org_id), false)
               and v_settings.sms_templates <> '{}',
      'waiting', (select count(*) from public.tickets t where t.queue_id = q.id and t.queue_status = 'waiting' and not app.vq_stale(t)),
      'types', coalesce((select jsonb_agg(jsonb_build_object('id', d.id, 'name', d.type_name,
                                                             'custom_fields_schema', d.custom_fields_schema)
                                          order by u.i)
                         from unnest(v_settings.ticket_type_ids) with ordinality u (id, i)
                         join public.type_definitions d on d.id = u.id and d.archived_at is null), '[]'))
    from public.floor_queues q join public.organisations o on o.id = q.org_id
    where q.id = v_settings.queue_id);
end $$;
comment on function public.queue_join_info(text) is
  'Public (anon): what the join page shows for a QR join token: queue, workshop, open now, join mode, phone rule, '
  'default country for phone numbers, whether texts are sent, how many wait, offered types with their custom-field '
  'JSON Schema. NOT_FOUND for an unknown token.';

-- ------------------------------------------------------------------ texts
create function app.vq_text(p_ticket public.tickets, p_event text, p_token text default null, p_position integer default null)
returns uuid
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_settings public.customer_queue_settings;
  v_sms public.sms_settings;
  v_tpl public.sms_templates;
  v_all jsonb;
  v_values jsonb;
  v_row public.sms_messages;
begin
  if p_ticket.phone_e164 is null then
    return null;
  end if;
  select * into v_settings from public.customer_queue_settings s where s.queue_id = p_ticket.queue_id;
  select * into v_sms from public.sms_settings s where s.org_id = p_ticket.org_id;
  if v_settings.sms_templates ->> p_event is null or not coalesce(v_sms.enabled, false)
     or cardinality(app.sms_providers_for(p_ticket.org_id)) = 0
     or exists (select 1 from public.sms_opt_outs o where o.org_id = p_ticket.org_id and o.phone = p_ticket.phone_e164) then
    return null;
  end if;
  select * into v_tpl from public.sms_templates t
  where t.org_id = p_ticket.org_id and t.id = (v_settings.sms_templates ->> p_event)::uuid and t.is_active;
  if v_tpl.id is null then
    return null;
  end if;
  v_all := jsonb_build_object(
    'NAME', coalesce(nullif(split_part(btrim(coalesce(p_ticket.custom_data ->> 'name', p_ticket.custom_data ->> 'customer_name', '')), ' ', 1), ''), 'there'),
    'TICKET_NUMBER', p_ticket.display_number,
    'COUNTER', coalesce((select 'counter ' || c.label from public.customer_queue_counters c where c.id = p_ticket.counter_id), 'the counter'),
    'QUEUE', (select q.name from public.floor_queues q where q.id = p_ticket.queue_id),
    'POSITION', coalesce(p_position::text, ''),
    'TICKET_LINK', case when p_token is not null then coalesce(v_sms.link_base_url, '') || '/q/t/' || p_token else '' end,
    'WORKSHOP', (select o.name from public.organisations o where o.id = p_ticket.org_id));
  select coalesce(jsonb_object_agg(k, v_all -> k), '{}') into v_values from unnest(v_tpl.variables) k;
  begin
    v_row := app.sms_enqueue(p_ticket.org_id, p_ticket.phone_e164, app.sms_render(v_tpl.body, v_values), 'automatic',
                             v_tpl.id, v_values, null, null,
                             format('vq:%s:%s:%s', p_ticket.id, p_event, case when p_event = 'called' then p_ticket.recall_count else 0 end),
                             null);
  exception when sqlstate 'PT422' or sqlstate 'PT400' or sqlstate 'PT409' then
    -- a text that cannot be queued (too long once filled, a template missing a value) never blocks the queue
    return null;
  end;
  return v_row.id;
end $$;
comment on function app.vq_text(public.tickets, text, text, integer) is
  'Queues the text of a queue event (joined, near, called, no_show, expired) for a ticket with a phone, from the '
  'template its queue chose; once per ticket and event (a recall texts again). Never raises for a text that cannot go.';

-- The queue's texts when a ticket changes: called / recalled / no-show / expired to that ticket, and
-- "nearly your turn" to the waiting tickets a call brought to the front (each once).
create function app.vq_texts_on_change() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  v_near smallint;
  v_t public.tickets;
  v_place integer := 0;
begin
  if new.queue_status = 'called' and (old.queue_status is distinct from 'called' or new.recall_count > old.recall_count) then
    perform app.vq_text(new, 'called');
  elsif new.queue_status in ('no_show', 'expired') and old.queue_status is distinct from new.queue_status then
    perform app.vq_text(new, new.queue_status::text);
  end if;
  if old.queue_status = 'waiting' and new.queue_status is distinct from 'waiting' then
    select s.sms_near_position into v_near from public.customer_queue_settings s
    where s.queue_id = new.queue_id and s.sms_templates ? 'near';
    if v_near is not null then
      for v_t in
        select t.* from public.tickets t
        where t.queue_id = new.queue_id and t.queue_status = 'waiting' and not app.vq_stale(t) and t.id <> new.id
        order by t.created_at, t.ticket_number
        limit v_near
      loop
        v_place := v_place + 1;
        if v_t.phone_e164 is not null then
          perform app.vq_text(v_t, 'near', null, v_place);
        end if;
      end loop;
    end if;
  end if;
  return null;
end $$;
comment on function app.vq_texts_on_change() is
  'Trigger: texts of a queue ticket''s change (called, recalled, no-show, expired) and "nearly your turn" to the '
  'first sms_near_position waiting tickets when one leaves the waiting line. Never blocks the change.';
create trigger tickets_vq_texts after update of queue_status, recall_count on public.tickets
  for each row when (new.queue_status is not null) execute function app.vq_texts_on_change();

-- ------------------------------------------------------------------ realtime
create function app.vq_realtime() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  v_channel text;
begin
  perform realtime.send(jsonb_build_object('table', 'tickets', 'op', tg_op, 'id', new.id), 'changed',
                        app.realtime_topic(new.org_id, 'queue:' || new.queue_id), true);
  if tg_op = 'UPDATE' and old.queue_id is distinct from new.queue_id and old.queue_id is not null then
    perform realtime.send(jsonb_build_object('table', 'tickets', 'op', tg_op, 'id', new.id), 'changed',
                          app.realtime_topic(old.org_id, 'queue:' || old.queue_id), true);
    perform realtime.send(jsonb_build_object('queue_id', old.queue_id), 'moved', 'vq:' || old.queue_id, true);
  end if;
  -- positions, now serving and the next numbers change with any move in or out of the line
  if tg_op = 'INSERT' or old.queue_status is distinct from new.queue_status or old.queue_id is distinct from new.queue_id
     or old.recall_count is distinct from new.recall_count or old.counter_id is distinct from new.counter_id then
    perform realtime.send(jsonb_build_object('queue_id', new.queue_id), 'moved', 'vq:' || new.queue_id, true);
  end if;
  if tg_op = 'UPDATE' then
    v_channel := app.vq_ticket_channel(new.id);
    if v_channel is not null then
      perform realtime.send(app.vq_public_json(new), 'ticket', v_channel, true);
    end if;
  end if;
  return null;
end $$;
comment on function app.vq_realtime() is
  'Trigger: a customer-queue ticket changed → org:<org>:queue:<queue> (staff), vq:<queue> (moved: displays and '
  'ticket pages re-read), vqt:<token hash> (the ticket''s own public view).';
create trigger tickets_vq_realtime after insert or update on public.tickets
  for each row when (new.queue_status is not null) execute function app.vq_realtime();

-- Who may receive on vq:/vqt: topics. A second policy beside realtime_messages_app_select (OR'ed).
create function app_realtime.vq_can_read(p_topic text) returns boolean
language plpgsql stable security definer set search_path = '' as $$
declare
  v_m text[];
begin
  v_m := regexp_match(coalesce(p_topic, ''), '^vqt:([0-9a-f]{64})$');
  if v_m is not null then
    return exists (select 1 from public.queue_ticket_tokens k where k.token_hash = v_m[1]);
  end if;
  v_m := regexp_match(coalesce(p_topic, ''), '^vq:([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$');
  if v_m is not null then
    return exists (select 1 from public.customer_queue_settings s where s.queue_id = v_m[1]::uuid);
  end if;
  return false;
end $$;
comment on function app_realtime.vq_can_read(text) is
  'May the caller receive on a customer-queue topic? vqt:<hash> of a ticket token (its holder), vq:<queue id> of a '
  'customer queue (ticket holders and displays: the payload is only {queue_id}).';
revoke execute on function app_realtime.vq_can_read(text) from public;
grant execute on function app_realtime.vq_can_read(text) to anon, authenticated, service_role;

create policy realtime_messages_vq_select on realtime.messages for select to anon, authenticated
  using (extension = 'broadcast'
         and topic = (select realtime.topic())
         and (select app_realtime.vq_can_read(realtime.topic())));

-- ------------------------------------------------------------------ joining (redefined: the joined text)
-- As 20261204024500, plus the joined text (the raw token exists only here) and its message id in the
-- answer, so the route can send it right after the response instead of at the next cron minute.
create or replace function app.vq_join(p_queue_id uuid, p_type_definition_id uuid, p_custom_data jsonb, p_phone text,
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
  v_message_id uuid;
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
  -- the raw token exists only here: the joined text carries the ticket link
  v_message_id := app.vq_text(v_ticket, 'joined', v_token, v_estimate.place);
  return jsonb_build_object('ticket_token', v_token, 'ticket', app.vq_public_json(v_ticket), 'message_id', v_message_id);
end $$;

create function public.join_queue_from(p_join_token text, p_type_definition_id uuid, p_custom_data jsonb default '{}'::jsonb,
                                       p_phone text default null, p_ip inet default null) returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
declare
  -- a waiting room on the shop's wifi shares one address: generous per address, tight per phone
  c_ip_joins constant integer := 20;
  c_ip_window constant interval := interval '10 minutes';
  c_phone_joins constant integer := 3;
  c_phone_window constant interval := interval '1 hour';
  v_phone text := nullif(btrim(coalesce(p_phone, '')), '');
  v_oldest timestamptz;
  v_answer jsonb;
  v_ticket_id uuid;
begin
  if not app.is_service_role() then
    perform app.raise('FORBIDDEN', 'Only the join route may join with an address');
  end if;
  -- one join at a time per address and per phone (always address first, so two joins never wait on
  -- each other in a cycle): concurrent joins from one address cannot all see 19 and all pass
  if p_ip is not null then
    perform pg_advisory_xact_lock(hashtextextended('vq-join-ip:' || host(p_ip), 0));
  end if;
  if v_phone is not null then
    perform pg_advisory_xact_lock(hashtextextended('vq-join-phone:' || v_phone, 0));
  end if;
  if p_ip is not null then
    select min(l.created_at) into v_oldest from (
      select j.created_at from app.queue_join_log j
      where j.ip = p_ip and j.created_at > now() - c_ip_window
      order by j.created_at desc limit c_ip_joins) l
    having count(*) >= c_ip_joins;
    if v_oldest is not null then
      perform app.raise('RATE_LIMITED', 'Too many joins from this connection; wait a few minutes', null,
        jsonb_build_object('retry_after_seconds', greatest(1, ceil(extract(epoch from v_oldest + c_ip_window - now())))::integer,
                           'limit', 'ip'));
    end if;
  end if;
  if v_phone is not null then
    select min(l.created_at) into v_oldest from (
      select j.created_at from app.queue_join_log j
      where j.phone = v_phone and j.created_at > now() - c_phone_window
      order by j.created_at desc limit c_phone_joins) l
    having count(*) >= c_phone_joins;
    if v_oldest is not null then
      perform app.raise('RATE_LIMITED', 'This number joined a queue several times in the last hour; wait a little', 'phone',
        jsonb_build_object('retry_after_seconds', greatest(1, ceil(extract(epoch from v_oldest + c_phone_window - now())))::integer,
                           'limit', 'phone'));
    end if;
  end if;
  v_answer := public.join_queue(p_join_token, p_type_definition_id, coalesce(p_custom_data, '{}'), v_phone);
  select k.ticket_id into v_ticket_id from public.queue_ticket_tokens k
  where k.token_hash = app.tracking_token_hash(v_answer ->> 'ticket_token');
  insert into app.queue_join_log (queue_id, ticket_id, ip, phone)
    select t.queue_id, t.id, p_ip, v_phone from public.tickets t where t.id = v_ticket_id;
  delete from app.queue_join_log j where j.created_at < now() - interval '1 day';
  return v_answer;
end $$;
comment on function public.join_queue_from(text, uuid, jsonb, text, inet) is
  'Service role (the public join route, which vouches for the address): join_queue with the limits per address '
  '(20 per 10 minutes) and per phone (3 per hour), RATE_LIMITED with retry_after_seconds. Refused joins are not counted.';

-- ------------------------------------------------------------------ recall
create function public.recall_queue_ticket(p_ticket_id uuid) returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_ticket public.tickets := app.vq_lock_called(p_ticket_id);
begin
  if v_ticket.recall_count >= 100 then
    perform app.raise('VALIDATION_FAILED', 'This ticket was called again 100 times already', 'ticket_id');
  end if;
  update public.tickets t set recalled_at = now(), recall_count = t.recall_count + 1
    where t.id = p_ticket_id returning * into v_ticket;
  return jsonb_build_object('ticket', app.vq_staff_json(v_ticket));
end $$;
comment on function public.recall_queue_ticket(uuid) is
  'Operators+: calls a called ticket again (the display chimes, the customer''s page and text say so).';

-- ------------------------------------------------------------------ the waiting-room display
create function public.issue_queue_display_token(p_queue_id uuid) returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_settings public.customer_queue_settings;
  v_token text := app.new_tracking_token();
begin
  select * into v_settings from public.customer_queue_settings s where s.queue_id = p_queue_id;
  if v_settings.queue_id is null
     or not (app.is_service_role() or v_settings.org_id = any (array(select app.my_org_ids()))) then
    perform app.raise('NOT_FOUND', 'No such customer queue', 'queue_id');
  end if;
  perform app.require_member(v_settings.org_id, 'manager', false);
  update public.customer_queue_settings s set display_token_hash = app.tracking_token_hash(v_token)
    where s.queue_id = p_queue_id;
  return jsonb_build_object('queue_id', p_queue_id, 'display_token', v_token);
end $$;
comment on function public.issue_queue_display_token(uuid) is
  'Managers+: a new token for the waiting-room display of a queue (the old one stops working). Shown once.';

create function public.queue_display(p_display_token text) returns jsonb
language plpgsql stable security definer set search_path = '' as $$
declare
  v_settings public.customer_queue_settings;
begin
  select * into v_settings from public.customer_queue_settings s
  where s.display_token_hash = app.tracking_token_hash(left(coalesce(p_display_token, ''), 128));
  if v_settings.queue_id is null then
    perform app.raise('NOT_FOUND', 'No such display', 'display_token');
  end if;
  return (
    select jsonb_build_object(
      'queue_id', q.id, 'queue_name', q.name, 'workshop', o.name, 'channel', 'vq:' || q.id,
      'is_open', app.vq_is_open(v_settings) and q.is_active,
      'counters', coalesce((
        select jsonb_agg(jsonb_build_object('label', c.label, 'is_open', c.is_open, 'number', t.display_number,
                                            'called_at', t.called_at, 'recalled_at', t.recalled_at)
                         order by c.label)
        from public.customer_queue_counters c
        left join lateral (select x.* from public.tickets x
                           where x.counter_id = c.id and x.queue_status = 'called' and not app.vq_stale(x)
                           order by x.called_at desc limit 1) t on true
        where c.queue_id = q.id), '[]'),
      'next', coalesce((
        select jsonb_agg(n.display_number order by n.created_at, n.ticket_number)
        from (select w.display_number, w.created_at, w.ticket_number from public.tickets w
              where w.queue_id = q.id and w.queue_status = 'waiting' and not app.vq_stale(w)
              order by w.created_at, w.ticket_number limit 8) n), '[]'),
      'waiting', (select count(*) from public.tickets w where w.queue_id = q.id and w.queue_status = 'waiting' and not app.vq_stale(w)),
      'last_called', (
        select jsonb_build_object('number', t.display_number, 'counter', c.label,
                                  'at', greatest(t.called_at, coalesce(t.recalled_at, t.called_at)))
        from public.tickets t join public.customer_queue_counters c on c.id = t.counter_id
        where t.queue_id = q.id and t.queue_status = 'called' and not app.vq_stale(t)
        order by greatest(t.called_at, coalesce(t.recalled_at, t.called_at)) desc limit 1))
    from public.floor_queues q join public.organisations o on o.id = q.org_id
    where q.id = v_settings.queue_id);
end $$;
comment on function public.queue_display(text) is
  'Public (anon) with the display token: now serving per counter, the next 8 numbers, how many wait, the last call '
  '(number, counter, time: the display chimes when it changes) and the Realtime topic vq:<queue>. Numbers only.';

-- ------------------------------------------------------------------ manager view
create function public.queue_day_stats(p_queue_id uuid, p_day date default null) returns jsonb
language plpgsql stable security definer set search_path = '' as $$
declare
  v_settings public.customer_queue_settings;
  v_day date;
begin
  select * into v_settings from public.customer_queue_settings s where s.queue_id = p_queue_id;
  if v_settings.queue_id is null
     or not (app.is_service_role() or v_settings.org_id = any (array(select app.my_org_ids()))) then
    perform app.raise('NOT_FOUND', 'No such customer queue', 'queue_id');
  end if;
  perform app.require_member(v_settings.org_id, 'supervisor', true);
  v_day := coalesce(p_day, app.org_today(v_settings.org_id));
  return (
    with day as (
      select t.*, extract(epoch from t.called_at - t.created_at) / 60.0 as wait_m,
             extract(epoch from t.served_at - t.called_at) / 60.0 as service_m,
             extract(hour from t.created_at at time zone o.time_zone)::integer as hour
      from public.tickets t join public.organisations o on o.id = t.org_id
      where t.queue_id = p_queue_id and t.queue_day = v_day)
    select jsonb_build_object(
      'queue_id', p_queue_id, 'day', v_day,
      'totals', (select jsonb_build_object(
          'joins', count(*), 'waiting', count(*) filter (where queue_status = 'waiting'),
          'served', count(*) filter (where queue_status = 'served'),
          'no_show', count(*) filter (where queue_status = 'no_show'),
          'expired', count(*) filter (where queue_status = 'expired'),
          'cancelled', count(*) filter (where queue_status = 'cancelled'),
          'wait_avg', round(avg(wait_m)::numeric, 1),
          'wait_p90', round((percentile_cont(0.9) within group (order by wait_m))::numeric, 1),
          'service_avg', round(avg(service_m) filter (where queue_status = 'served')::numeric, 1),
          'service_p90', round((percentile_cont(0.9) within group (order by service_m) filter (where queue_status = 'served'))::numeric, 1))
        from day),
      'by_type', coalesce((select jsonb_agg(x order by x ->> 'type_name') from (
          select jsonb_build_object('type_definition_id', d.id, 'type_name', d.type_name, 'joins', count(*),
            'served', count(*) filter (where day.queue_status = 'served'),
            'no_show', count(*) filter (where day.queue_status = 'no_show'),
            'wait_avg', round(avg(day.wait_m)::numeric, 1),
            'wait_p90', round((percentile_cont(0.9) within group (order by day.wait_m))::numeric, 1),
            'service_avg', round(avg(day.service_m) filter (where day.queue_status = 'served')::numeric, 1),
            'service_p90', round((percentile_cont(0.9) within group (order by day.service_m) filter (where day.queue_status = 'served'))::numeric, 1)) x
          from day join public.type_definitions d on d.id = day.type_definition_id group by d.id, d.type_name) s), '[]'),
      'by_hour', coalesce((select jsonb_agg(jsonb_build_object('hour', h.hour, 'joins', h.joins, 'served', h.served) order by h.hour)
          from (select hour, count(*) as joins, count(*) filter (where queue_status = 'served') as served from day group by hour) h), '[]')));
end $$;
comment on function public.queue_day_stats(uuid, date) is
  'Supervisors+: a customer queue''s day (organisation-local): joins, waiting, served, no-shows, expired, cancelled; '
  'wait (joined → called) and service (called → served) minutes, average and p90, in total and per type; joins and '
  'served by hour.';

-- ------------------------------------------------------------------ grants
revoke execute on all functions in schema app from public;
revoke execute on function public.queue_join_info(text), public.join_queue_from(text, uuid, jsonb, text, inet),
  public.recall_queue_ticket(uuid), public.issue_queue_display_token(uuid), public.queue_display(text),
  public.queue_day_stats(uuid, date)
  from public, anon;
grant execute on function public.queue_join_info(text), public.queue_display(text) to anon, authenticated, service_role;
grant execute on function public.join_queue_from(text, uuid, jsonb, text, inet) to service_role;
grant execute on function public.recall_queue_ticket(uuid), public.issue_queue_display_token(uuid),
  public.queue_day_stats(uuid, date)
  to authenticated, service_role;
