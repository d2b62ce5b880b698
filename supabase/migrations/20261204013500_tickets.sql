-- Tickets (spec 05, issue 11), multi-tenant: a ticket waits in a queue (public.floor_queues; the
-- virtual-queue issue builds customer queues on the same tables), follows a ticket type definition
-- and carries custom data shaped by the type's custom fields. The rules are the engine's and hold for
-- every path that writes a ticket:
--   * a new ticket starts in the type's init state, an update of current_state must be a transition
--     of the type (app.fsm_guard) whose requires are met (reason, role);
--   * custom_data is checked against custom_fields_schema: by pg_jsonschema's jsonb_matches_schema
--     where that extension exists (hosted Supabase), always by app.custom_data_problems (required keys,
--     primitive types, enums, lengths and bounds), so plain SQL cannot store junk; CUSTOM_DATA_INVALID
--     names the field;
--   * every state change lands in public.state_history (subject 'ticket'); ticket_state_history is the
--     tickets' view of it.
-- Concurrency: transition_ticket locks the row and compares the expected state, so of two concurrent
-- transitions of one ticket exactly one wins; the other gets CONFLICT or INVALID_TRANSITION.

create table public.tickets (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organisations (id) on delete cascade,
  ticket_number bigint not null,
  queue_id uuid not null,
  type_definition_id uuid not null references public.type_definitions (id),
  type_version integer not null,
  current_state text not null check (length(current_state) between 1 and 32),
  customer_id uuid,
  assigned_member_id uuid,
  custom_data jsonb not null default '{}' check (jsonb_typeof(custom_data) = 'object'),
  estimated_wait_minutes integer check (estimated_wait_minutes between 0 and 10080),
  ttl_minutes integer check (ttl_minutes between 1 and 525600),
  created_by uuid,
  closed_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (org_id, ticket_number),
  unique (org_id, id),
  foreign key (org_id, queue_id) references public.floor_queues (org_id, id) on delete cascade,
  foreign key (org_id, customer_id) references public.customers (org_id, id) on delete set null (customer_id),
  foreign key (org_id, assigned_member_id) references public.members (org_id, id) on delete set null (assigned_member_id),
  foreign key (org_id, created_by) references public.members (org_id, id) on delete set null (created_by)
);
comment on table public.tickets is
  'Spec 05 Ticket: an item waiting in a queue, following a ticket type definition (current_state validated by '
  'the engine) with custom data checked against the type''s custom fields. Members read; written through '
  'create_ticket / transition_ticket (the triggers hold the rules for any path).';
comment on column public.tickets.ticket_number is 'Per-organisation number (1, 2, …); short per-queue daily numbers come with issue 15.';
comment on column public.tickets.type_version is 'The type definition version the ticket''s state and data were last validated against.';
comment on column public.tickets.current_state is 'A state key of the type''s fsm_schema.';
comment on column public.tickets.custom_data is 'Values of the type''s custom fields (custom_fields_schema).';
comment on column public.tickets.estimated_wait_minutes is 'Expected wait shown to the customer.';
comment on column public.tickets.ttl_minutes is 'How long the ticket stays valid after it was created.';
comment on column public.tickets.closed_at is 'When the ticket reached a terminal state.';

-- spec 05's indexes
create index tickets_queue_state_created_idx on public.tickets (queue_id, current_state, created_at desc);
create index tickets_assigned_state_idx on public.tickets (assigned_member_id, current_state);
create index tickets_queue_type_idx on public.tickets (queue_id) include (type_definition_id);
create index tickets_custom_data_idx on public.tickets using gin (custom_data);
-- tenancy and foreign keys
create index tickets_org_created_idx on public.tickets (org_id, created_at desc);
create index tickets_type_state_idx on public.tickets (type_definition_id, current_state);
create index tickets_org_customer_idx on public.tickets (org_id, customer_id);
create index tickets_org_created_by_idx on public.tickets (org_id, created_by);

create table public.ticket_items (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null,
  ticket_id uuid not null,
  position smallint not null check (position between 1 and 500),
  description text not null check (length(btrim(description)) between 1 and 200),
  quantity integer not null default 1 check (quantity between 1 and 100000),
  custom_data jsonb not null default '{}' check (jsonb_typeof(custom_data) = 'object'),
  created_at timestamptz not null default now(),
  unique (ticket_id, position),
  foreign key (org_id, ticket_id) references public.tickets (org_id, id) on delete cascade
);
comment on table public.ticket_items is
  'Spec 05 TicketItem: the components of a ticket (what is being repaired, picked up, altered). Members read; '
  'written by create_ticket.';
create index ticket_items_org_ticket_idx on public.ticket_items (org_id, ticket_id);

-- ------------------------------------------------------------------ custom data
-- The problems of custom data against a custom fields schema (app.custom_fields_problems' subset), as
-- (field, sentence); no rows = fits.
create function app.custom_data_problems(p_schema jsonb, p_data jsonb) returns table (field text, message text)
language plpgsql stable set search_path = '' as $$
declare
  r record;
  v_value jsonb;
  v_props jsonb := coalesce(p_schema -> 'properties', '{}');
  v_text text;
  v_number numeric;
begin
  if p_data is null or jsonb_typeof(p_data) <> 'object' then
    return query select null::text, 'Custom data must be an object of field values';
    return;
  end if;
  for r in select x #>> '{}' as name from jsonb_array_elements(coalesce(p_schema -> 'required', '[]')) x loop
    if p_data -> r.name is null or jsonb_typeof(p_data -> r.name) = 'null'
       or (jsonb_typeof(p_data -> r.name) = 'string' and btrim(p_data ->> r.name) = '') then
      return query select r.name, format('%s is required', coalesce(v_props -> r.name ->> 'title', r.name));
    end if;
  end loop;
  for r in select d.key, d.value from jsonb_each(p_data) d order by d.key loop
    v_value := v_props -> r.key;
    if v_value is null then
      if p_schema -> 'additionalProperties' = 'false' then
        return query select r.key, format('%s is not a field of this type', r.key);
      end if;
      continue;
    end if;
    if jsonb_typeof(r.value) = 'null' then
      continue;
    end if;
    if not app.custom_value_fits(v_value ->> 'type', r.value) then
      return query select r.key, format('%s must be %s', coalesce(v_value ->> 'title', r.key),
        case v_value ->> 'type' when 'string' then 'text' when 'integer' then 'a whole number'
                                when 'number' then 'a number' when 'boolean' then 'yes or no' end);
      continue;
    end if;
    if v_value ? 'enum' and not (v_value -> 'enum' @> jsonb_build_array(r.value)) then
      return query select r.key, format('%s must be one of %s', coalesce(v_value ->> 'title', r.key),
        (select string_agg(e #>> '{}', ', ') from jsonb_array_elements(v_value -> 'enum') e));
      continue;
    end if;
    if jsonb_typeof(r.value) = 'string' then
      v_text := r.value #>> '{}';
      if v_value ? 'minLength' and length(v_text) < (v_value ->> 'minLength')::numeric then
        return query select r.key, format('%s needs at least %s characters', coalesce(v_value ->> 'title', r.key), v_value ->> 'minLength');
      elsif v_value ? 'maxLength' and length(v_text) > (v_value ->> 'maxLength')::numeric then
        return query select r.key, format('%s takes at most %s characters', coalesce(v_value ->> 'title', r.key), v_value ->> 'maxLength');
      end if;
    elsif jsonb_typeof(r.value) = 'number' then
      v_number := (r.value #>> '{}')::numeric;
      if v_value ? 'minimum' and v_number < (v_value ->> 'minimum')::numeric then
        return query select r.key, format('%s must be at least %s', coalesce(v_value ->> 'title', r.key), v_value ->> 'minimum');
      elsif v_value ? 'maximum' and v_number > (v_value ->> 'maximum')::numeric then
        return query select r.key, format('%s must be at most %s', coalesce(v_value ->> 'title', r.key), v_value ->> 'maximum');
      end if;
    end if;
  end loop;
end $$;
comment on function app.custom_data_problems(jsonb, jsonb) is
  'Why custom data does not fit a custom fields schema (required, primitive types, enum, lengths, bounds), as '
  '(field, sentence); no rows = fits.';

-- Raises CUSTOM_DATA_INVALID naming the first field; pg_jsonschema, where installed, checks the whole
-- draft on top (called dynamically so this migration runs without it).
create function app.check_custom_data(p_schema jsonb, p_data jsonb) returns void
language plpgsql stable security definer set search_path = '' as $$
declare
  v_problems jsonb;
  v_ok boolean;
  v_schema text;
begin
  select coalesce(jsonb_agg(jsonb_build_object('field', p.field, 'message', p.message)), '[]')
    into v_problems from app.custom_data_problems(p_schema, p_data) p;
  if jsonb_array_length(v_problems) > 0 then
    perform app.raise('CUSTOM_DATA_INVALID', v_problems -> 0 ->> 'message', v_problems -> 0 ->> 'field',
                      jsonb_build_object('problems', v_problems));
  end if;
  select e.extnamespace::regnamespace::text into v_schema from pg_catalog.pg_extension e where e.extname = 'pg_jsonschema';
  if v_schema is not null then
    execute format('select %I.jsonb_matches_schema($1::json, $2)', v_schema) into v_ok using p_schema, p_data;
    if not v_ok then
      perform app.raise('CUSTOM_DATA_INVALID', 'The custom data does not match the type''s custom fields schema', null,
                        jsonb_build_object('problems', '[]'::jsonb));
    end if;
  end if;
end $$;
comment on function app.check_custom_data(jsonb, jsonb) is
  'CUSTOM_DATA_INVALID (field = the first field at fault, context.problems = all) unless data fits the schema; '
  'jsonb_matches_schema too where pg_jsonschema is installed.';

-- ------------------------------------------------------------------ the rules, for every path
create function app.tickets_check() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  v_type public.type_definitions;
  v_decision jsonb;
begin
  if tg_op = 'UPDATE' then
    if new.org_id <> old.org_id or new.type_definition_id <> old.type_definition_id then
      perform app.raise('VALIDATION_FAILED', 'A ticket keeps its organisation and type', 'type_definition_id');
    end if;
    new.ticket_number := old.ticket_number;
    new.created_at := old.created_at;
    new.updated_at := now();
  end if;
  select * into v_type from public.type_definitions d where d.id = new.type_definition_id;
  if v_type.id is null or v_type.subject <> 'ticket' or (v_type.org_id is not null and v_type.org_id <> new.org_id) then
    perform app.raise('NOT_FOUND', 'No such ticket type in this organisation', 'type_definition_id');
  end if;

  if tg_op = 'INSERT' then
    if v_type.archived_at is not null then
      perform app.raise('TYPE_ARCHIVED', format('%s is archived: new tickets cannot use it', v_type.type_name), 'type_definition_id');
    end if;
    new.current_state := coalesce(new.current_state, v_type.fsm_schema ->> 'init');
    if new.current_state <> v_type.fsm_schema ->> 'init' then
      perform app.raise('INVALID_TRANSITION',
        format('A new %s ticket starts in "%s", not "%s"', v_type.type_name, v_type.fsm_schema ->> 'init', new.current_state),
        'current_state', jsonb_build_object('from', null, 'to', new.current_state, 'transition', 'init',
                                            'available', jsonb_build_array('init')));
    end if;
    new.type_version := v_type.version;
    new.closed_at := null;
    if new.ticket_number is null then
      new.ticket_number := app.next_number(new.org_id, 'ticket', 1);
    end if;
    perform app.check_custom_data(v_type.custom_fields_schema, new.custom_data);
    return new;
  end if;

  if new.current_state is distinct from old.current_state then
    v_decision := app.fsm_guard(new.type_definition_id, old.current_state, new.current_state);
    if not app.fsm_migrating() then
      perform app.fsm_check_requires(new.org_id, v_decision -> 'requires');
    end if;
    new.type_version := v_type.version;
    new.closed_at := case when v_type.fsm_schema -> 'terminal' ? new.current_state then now() end;
  end if;
  if new.custom_data is distinct from old.custom_data then
    perform app.check_custom_data(v_type.custom_fields_schema, new.custom_data);
    new.type_version := v_type.version;
  end if;
  return new;
end $$;
comment on function app.tickets_check() is
  'Trigger: a new ticket starts in its type''s init state with valid custom data; a state change must be a '
  'transition of the type with its requires met (app.fsm_guard, app.fsm_check_requires); records the version checked.';

create trigger tickets_check before insert or update on public.tickets
  for each row execute function app.tickets_check();
create trigger tickets_state_history after insert or update of current_state on public.tickets
  for each row execute function app.fsm_history('ticket', 'current_state', 'type_definition_id');
create trigger tickets_audit after insert or update or delete on public.tickets
  for each row execute function app.audit_row();
create trigger ticket_items_audit after insert or update or delete on public.ticket_items
  for each row execute function app.audit_row();

insert into app.fsm_subjects (subject, relation, type_column, state_column, version_column, live_predicate)
  values ('ticket', 'public.tickets', 'type_definition_id', 'current_state', 'type_version', 'true');

-- ------------------------------------------------------------------ history view
create view public.ticket_state_history with (security_invoker = true) as
  select h.id, h.org_id, h.subject_id as ticket_id, h.type_definition_id, h.type_version, h.from_state, h.to_state,
         h.transition, h.actor_user_id, h.member_id, h.reason, h.device, h.created_at
  from public.state_history h
  where h.subject = 'ticket';
comment on view public.ticket_state_history is
  'Spec 05 TicketStateHistory: the tickets'' rows of state_history (RLS of state_history applies).';

-- ------------------------------------------------------------------ RPCs
create function app.ticket_json(p_ticket public.tickets) returns jsonb
language sql stable set search_path = '' as $$
  select to_jsonb(p_ticket)
$$;
comment on function app.ticket_json(public.tickets) is 'A ticket as the RPCs return it.';

create function public.create_ticket(
  p_org_id uuid, p_queue_id uuid, p_type_definition_id uuid, p_custom_data jsonb default '{}'::jsonb,
  p_customer_id uuid default null, p_assigned_member_id uuid default null, p_estimated_wait_minutes integer default null,
  p_ttl_minutes integer default null, p_items jsonb default '[]'::jsonb, p_client_id uuid default null
) returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_replay jsonb;
  v_member_id uuid;
  v_queue public.floor_queues;
  v_ticket public.tickets;
  v_item record;
  v_answer jsonb;
begin
  select r.member_id into v_member_id from app.require_member(p_org_id, 'operator', true) r;
  v_replay := app.replay_begin(p_client_id, 'create_ticket'); if v_replay is not null then return v_replay; end if;
  select * into v_queue from public.floor_queues q where q.id = p_queue_id and q.org_id = p_org_id;
  if v_queue.id is null then
    perform app.raise('NOT_FOUND', 'No such queue in this organisation', 'queue_id');
  end if;
  if not v_queue.is_active then
    perform app.raise('QUEUE_INACTIVE', format('Queue %s is closed', v_queue.name), 'queue_id');
  end if;
  if p_customer_id is not null and not exists (select 1 from public.customers c where c.id = p_customer_id and c.org_id = p_org_id) then
    perform app.raise('NOT_FOUND', 'No such customer in this organisation', 'customer_id');
  end if;
  if p_assigned_member_id is not null
     and not exists (select 1 from public.members m where m.id = p_assigned_member_id and m.org_id = p_org_id and m.is_active) then
    perform app.raise('NOT_FOUND', 'No such member in this organisation', 'assigned_member_id');
  end if;
  if p_estimated_wait_minutes is not null and p_estimated_wait_minutes not between 0 and 10080 then
    perform app.raise('VALIDATION_FAILED', 'The estimated wait is 0 to 10080 minutes', 'estimated_wait_minutes');
  end if;
  if p_ttl_minutes is not null and p_ttl_minutes not between 1 and 525600 then
    perform app.raise('VALIDATION_FAILED', 'The time to live is 1 to 525600 minutes', 'ttl_minutes');
  end if;
  if jsonb_typeof(coalesce(p_items, '[]')) <> 'array' or jsonb_array_length(coalesce(p_items, '[]')) > 500 then
    perform app.raise('VALIDATION_FAILED', 'Items must be a list of at most 500', 'items');
  end if;
  if jsonb_typeof(coalesce(p_custom_data, '{}')) <> 'object' then
    perform app.raise('CUSTOM_DATA_INVALID', 'Custom data must be an object of field values', 'custom_data');
  end if;

  insert into public.tickets (org_id, queue_id, type_definition_id, custom_data, customer_id, assigned_member_id,
                              estimated_wait_minutes, ttl_minutes, created_by)
    values (p_org_id, p_queue_id, p_type_definition_id, coalesce(p_custom_data, '{}'), p_customer_id, p_assigned_member_id,
            p_estimated_wait_minutes, p_ttl_minutes, v_member_id)
    returning * into v_ticket;

  for v_item in select x.value, x.ord from jsonb_array_elements(coalesce(p_items, '[]')) with ordinality x (value, ord) loop
    if jsonb_typeof(v_item.value) <> 'object' or jsonb_typeof(v_item.value -> 'description') is distinct from 'string'
       or length(btrim(v_item.value ->> 'description')) not between 1 and 200 then
      perform app.raise('VALIDATION_FAILED', format('Item %s needs a description of up to 200 characters', v_item.ord),
                        'items', jsonb_build_object('index', v_item.ord - 1));
    end if;
    if v_item.value ? 'quantity' and (jsonb_typeof(v_item.value -> 'quantity') <> 'number'
       or (v_item.value ->> 'quantity')::numeric not between 1 and 100000
       or (v_item.value ->> 'quantity')::numeric <> trunc((v_item.value ->> 'quantity')::numeric)) then
      perform app.raise('VALIDATION_FAILED', format('Item %s needs a whole quantity from 1 to 100000', v_item.ord),
                        'items', jsonb_build_object('index', v_item.ord - 1));
    end if;
    insert into public.ticket_items (org_id, ticket_id, position, description, quantity, custom_data)
      values (p_org_id, v_ticket.id, v_item.ord, btrim(v_item.value ->> 'description'),
              coalesce((v_item.value ->> 'quantity')::integer, 1),
              case when jsonb_typeof(v_item.value -> 'custom_data') = 'object' then v_item.value -> 'custom_data' else '{}' end);
  end loop;

  v_answer := jsonb_build_object('ticket', app.ticket_json(v_ticket),
    'items', coalesce((select jsonb_agg(to_jsonb(i) order by i.position) from public.ticket_items i where i.ticket_id = v_ticket.id), '[]'),
    'transitions', coalesce((select jsonb_agg(jsonb_build_object('name', t.name, 'to', t.to_state, 'requires', t.requires))
                             from app.fsm_transitions(app.fsm_schema_of(v_ticket.type_definition_id), v_ticket.current_state) t), '[]'));
  return app.replay_store(p_client_id, 'create_ticket', p_org_id, v_answer);
end $$;
comment on function public.create_ticket(uuid, uuid, uuid, jsonb, uuid, uuid, integer, integer, jsonb, uuid) is
  'Creates a ticket in a queue (operators+, through their PIN-in) in its type''s init state, with items '
  '[{description, quantity?, custom_data?}]. Custom data is checked (CUSTOM_DATA_INVALID names the field). '
  'Returns {ticket, items, transitions}; p_client_id makes a retry answer the same.';

create function public.transition_ticket(p_ticket_id uuid, p_transition text, p_reason text default null,
                                         p_expected_state text default null) returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_ticket public.tickets;
  v_decision jsonb;
  v_from text;
begin
  select * into v_ticket from public.tickets t where t.id = p_ticket_id;
  if v_ticket.id is null
     or not (app.is_service_role() or (select auth.role()) is null
             or v_ticket.org_id = any (array(select app.my_org_ids()))) then
    perform app.raise('NOT_FOUND', 'No such ticket', 'ticket_id');
  end if;
  perform app.require_member(v_ticket.org_id, 'operator', true);
  if p_transition is null or btrim(p_transition) = '' then
    perform app.raise('VALIDATION_FAILED', 'Name the transition', 'transition');
  end if;
  if p_reason is not null and length(btrim(p_reason)) > 500 then
    perform app.raise('VALIDATION_FAILED', 'Keep the reason under 500 characters', 'reason');
  end if;

  -- the row lock serialises transitions of one ticket; the loser then sees the winner's state
  select * into v_ticket from public.tickets t where t.id = p_ticket_id for update;
  v_from := v_ticket.current_state;
  if p_expected_state is not null and p_expected_state <> v_from then
    perform app.raise('CONFLICT', format('The ticket moved on to "%s" meanwhile', v_from), 'transition',
                      jsonb_build_object('current_state', v_from, 'expected_state', p_expected_state));
  end if;
  v_decision := app.fsm_require(v_ticket.type_definition_id, v_from, null, p_transition);
  perform app.fsm_check_requires(v_ticket.org_id, v_decision -> 'requires', p_reason);

  perform set_config('floorline.fsm_transition', p_transition, true);
  perform set_config('floorline.fsm_reason', coalesce(btrim(p_reason), ''), true);
  perform set_config('floorline.fsm_device', coalesce(app.request_header('x-device-id'), ''), true);
  update public.tickets t set current_state = v_decision ->> 'to' where t.id = p_ticket_id
    returning * into v_ticket;
  perform set_config('floorline.fsm_transition', '', true);
  perform set_config('floorline.fsm_reason', '', true);
  perform set_config('floorline.fsm_device', '', true);

  return jsonb_build_object('ticket', app.ticket_json(v_ticket), 'transition', p_transition, 'from', v_from,
    'to', v_ticket.current_state,
    'transitions', coalesce((select jsonb_agg(jsonb_build_object('name', t.name, 'to', t.to_state, 'requires', t.requires))
                             from app.fsm_transitions(app.fsm_schema_of(v_ticket.type_definition_id), v_ticket.current_state) t), '[]'));
end $$;
comment on function public.transition_ticket(uuid, text, text, text) is
  'Moves a ticket by a named transition of its type (operators+). Row-locked: of concurrent transitions exactly one '
  'wins; p_expected_state stale → CONFLICT, a transition not open → INVALID_TRANSITION, a required reason missing '
  '→ VALIDATION_FAILED (reason). Returns {ticket, transition, from, to, transitions}.';

-- ------------------------------------------------------------------ RLS and grants
alter table public.tickets enable row level security;
alter table public.ticket_items enable row level security;

create policy tickets_select on public.tickets for select to authenticated
  using (org_id = any (array(select app.my_org_ids())));
create policy tickets_insert on public.tickets for insert to authenticated with check (false);
create policy tickets_update on public.tickets for update to authenticated using (false);
create policy tickets_delete on public.tickets for delete to authenticated using (false);

create policy ticket_items_select on public.ticket_items for select to authenticated
  using (org_id = any (array(select app.my_org_ids())));
create policy ticket_items_insert on public.ticket_items for insert to authenticated with check (false);
create policy ticket_items_update on public.ticket_items for update to authenticated using (false);
create policy ticket_items_delete on public.ticket_items for delete to authenticated using (false);

revoke all on public.tickets, public.ticket_items, public.ticket_state_history from public, anon, authenticated, service_role;
grant select on public.tickets, public.ticket_items, public.ticket_state_history to authenticated;
-- the service role may write tickets directly: the triggers hold the rules whatever writes them
grant select, insert, update, delete on public.tickets, public.ticket_items to service_role;
grant select on public.ticket_state_history to service_role;

revoke execute on all functions in schema app from public;
revoke execute on function
  public.create_ticket(uuid, uuid, uuid, jsonb, uuid, uuid, integer, integer, jsonb, uuid),
  public.transition_ticket(uuid, text, text, text)
  from public, anon;
grant execute on function
  public.create_ticket(uuid, uuid, uuid, jsonb, uuid, uuid, integer, integer, jsonb, uuid),
  public.transition_ticket(uuid, text, text, text)
  to authenticated, service_role;
