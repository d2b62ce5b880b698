-- "I'm here" (issue 15, spec 05 TTL): a customer at the workshop checks in from their ticket page, and
-- a checked-in ticket no longer expires — spec 05: a ticket not served *or checked in* within its TTL
-- expires. The counter sees who is here. One rule, app.vq_stale, now used by call_next as well (it
-- had its own copy of the TTL test).

alter table public.tickets add column checked_in_at timestamptz;
comment on column public.tickets.checked_in_at is
  'Customer queues: when the customer said "I''m here" from their ticket page; a checked-in ticket does not expire.';

create or replace function app.vq_stale(p_ticket public.tickets) returns boolean
language sql stable set search_path = '' as $$
  select p_ticket.queue_status in ('waiting', 'called') and p_ticket.ttl_minutes is not null
     and p_ticket.checked_in_at is null
     and p_ticket.created_at + make_interval(mins => p_ticket.ttl_minutes) <= now()
$$;
comment on function app.vq_stale(public.tickets) is
  'A waiting or called ticket whose ttl_minutes have passed without the customer checking in.';

create or replace function app.vq_expire(p_queue_id uuid default null) returns integer
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_count integer;
begin
  update public.tickets t set queue_status = 'expired'
  where t.queue_status in ('waiting', 'called') and app.vq_stale(t)
    and (p_queue_id is null or t.queue_id = p_queue_id);
  get diagnostics v_count = row_count;
  return v_count;
end $$;
comment on function app.vq_expire(uuid) is
  'Marks waiting/called tickets past their ttl_minutes (and not checked in) expired (scheduled every minute: virtual-queue-expire).';

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
    'checked_in_at', p_ticket.checked_in_at,
    'expires_at', case when p_ticket.checked_in_at is null
                  then p_ticket.created_at + make_interval(mins => coalesce(p_ticket.ttl_minutes, 0)) end,
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

create or replace function app.vq_staff_json(p_ticket public.tickets) returns jsonb
language sql stable security definer set search_path = '' as $$
  select app.ticket_json(p_ticket) || jsonb_build_object(
    'number', p_ticket.display_number, 'queue_status', p_ticket.queue_status, 'phone', p_ticket.phone_e164,
    'called_at', p_ticket.called_at, 'recalled_at', p_ticket.recalled_at, 'recall_count', p_ticket.recall_count,
    'counter_id', p_ticket.counter_id,
    'checked_in_at', p_ticket.checked_in_at,
    'counter', (select c.label from public.customer_queue_counters c where c.id = p_ticket.counter_id),
    'type_name', (select d.type_name from public.type_definitions d where d.id = p_ticket.type_definition_id),
    'transitions', coalesce((select jsonb_agg(jsonb_build_object('name', t.name, 'to', t.to_state, 'requires', t.requires))
                             from app.fsm_transitions(app.fsm_schema_of(p_ticket.type_definition_id), p_ticket.current_state) t), '[]'))
$$;

create or replace function public.call_next(p_queue_id uuid, p_counter_id uuid) returns jsonb
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
    and not app.vq_stale(t)
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

create or replace function public.queue_waiting_list(p_queue_id uuid) returns jsonb
language plpgsql stable security definer set search_path = '' as $$
declare
  v_settings public.customer_queue_settings;
begin
  select * into v_settings from public.customer_queue_settings s where s.queue_id = p_queue_id;
  if v_settings.queue_id is null
     or not (app.is_service_role() or v_settings.org_id = any (array(select app.my_org_ids()))) then
    perform app.raise('NOT_FOUND', 'No such customer queue', 'queue_id');
  end if;
  perform app.require_member(v_settings.org_id, 'operator', true);
  return (
    with waiting as (
      select t.* from public.tickets t
      where t.queue_id = p_queue_id and t.queue_status = 'waiting' and not app.vq_stale(t)),
    per_type as materialized (
      select w.type_definition_id, app.vq_service_minutes(p_queue_id, w.type_definition_id) as minutes
      from (select distinct type_definition_id from waiting) w),
    counters as (
      select greatest(1, count(*)) as n from public.customer_queue_counters c where c.queue_id = p_queue_id and c.is_open),
    ordered as (
      select w.id, w.display_number, w.type_definition_id, w.custom_data, w.phone_e164, w.created_at, w.checked_in_at,
             row_number() over win as place,
             sum(p.minutes) over win / (select n from counters) as minutes
      from waiting w join per_type p using (type_definition_id)
      window win as (order by w.created_at, w.ticket_number rows between unbounded preceding and current row))
    select jsonb_build_object(
      'queue_id', p_queue_id,
      'open_counters', (select count(*) from public.customer_queue_counters c where c.queue_id = p_queue_id and c.is_open),
      'tickets', coalesce(jsonb_agg(jsonb_build_object(
        'id', o.id, 'number', o.display_number, 'type_definition_id', o.type_definition_id, 'type_name', d.type_name,
        'custom_data', o.custom_data, 'phone', o.phone_e164, 'joined_at', o.created_at, 'checked_in_at', o.checked_in_at, 'position', o.place,
        'wait_low', (floor(o.minutes * 0.75 / 5) * 5)::integer,
        'wait_high', greatest(floor(o.minutes * 0.75 / 5) * 5 + 5, ceil(o.minutes * 1.25 / 5) * 5)::integer)
        order by o.place), '[]'))
    from ordered o join public.type_definitions d on d.id = o.type_definition_id);
end $$;

create function public.check_in_queue_ticket(p_ticket_token text) returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_ticket public.tickets := app.vq_ticket_by_token(p_ticket_token);
begin
  select * into v_ticket from public.tickets t where t.id = v_ticket.id for update;
  if v_ticket.queue_status not in ('waiting', 'called') then
    perform app.raise('TICKET_NOT_WAITING', 'This ticket is no longer in the queue', null,
                      jsonb_build_object('queue_status', v_ticket.queue_status));
  end if;
  -- a second tap changes nothing: the first time they said so stands
  update public.tickets t set checked_in_at = coalesce(t.checked_in_at, now()) where t.id = v_ticket.id
    returning * into v_ticket;
  return app.vq_public_json(v_ticket);
end $$;
comment on function public.check_in_queue_ticket(text) is
  'Public (anon): the customer says "I''m here" by their ticket token; the ticket stops expiring and the counter sees it.';
revoke execute on all functions in schema app from public;
revoke execute on function public.check_in_queue_ticket(text) from public;
grant execute on function public.check_in_queue_ticket(text) to anon, authenticated, service_role;
