-- Virtual queues, step 2 (issue 15): the counter's waiting list and transfer to another queue.
--   * queue_waiting_list(queue): the waiting tickets in call order with position and wait range, for
--     the counter tablet. One pass: the per-type service minutes once per type, then a running sum in
--     call order ÷ open counters (the per-ticket read would be quadratic at 1,000 waiting).
--   * transfer_queue_ticket(ticket, queue): a waiting or called ticket goes to another customer queue of
--     the organisation that offers its type; it waits there under that queue's next daily number and
--     keeps its place by joining time (a transferred customer is not sent to the back).

create function public.queue_waiting_list(p_queue_id uuid) returns jsonb
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
    per_type as (
      select w.type_definition_id, app.vq_service_minutes(p_queue_id, w.type_definition_id) as minutes
      from (select distinct type_definition_id from waiting) w),
    counters as (
      select greatest(1, count(*)) as n from public.customer_queue_counters c where c.queue_id = p_queue_id and c.is_open),
    ordered as (
      select w.id, w.display_number, w.type_definition_id, w.custom_data, w.phone_e164, w.created_at,
             row_number() over win as place,
             sum(p.minutes) over win / (select n from counters) as minutes
      from waiting w join per_type p using (type_definition_id)
      window win as (order by w.created_at, w.ticket_number rows between unbounded preceding and current row))
    select jsonb_build_object(
      'queue_id', p_queue_id,
      'open_counters', (select count(*) from public.customer_queue_counters c where c.queue_id = p_queue_id and c.is_open),
      'tickets', coalesce(jsonb_agg(jsonb_build_object(
        'id', o.id, 'number', o.display_number, 'type_definition_id', o.type_definition_id, 'type_name', d.type_name,
        'custom_data', o.custom_data, 'phone', o.phone_e164, 'joined_at', o.created_at, 'position', o.place,
        'wait_low', (floor(o.minutes * 0.75 / 5) * 5)::integer,
        'wait_high', greatest(floor(o.minutes * 0.75 / 5) * 5 + 5, ceil(o.minutes * 1.25 / 5) * 5)::integer)
        order by o.place), '[]'))
    from ordered o join public.type_definitions d on d.id = o.type_definition_id);
end $$;
comment on function public.queue_waiting_list(uuid) is
  'Operators+: the waiting tickets of a customer queue in call order, each with position and wait range (same '
  'estimate as queue_ticket), and the number of open counters.';

create function public.transfer_queue_ticket(p_ticket_id uuid, p_queue_id uuid) returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_ticket public.tickets;
  v_settings public.customer_queue_settings;
  v_day date;
  v_n integer;
begin
  select * into v_ticket from public.tickets t where t.id = p_ticket_id;
  if v_ticket.id is null or v_ticket.queue_status is null
     or not (app.is_service_role() or v_ticket.org_id = any (array(select app.my_org_ids()))) then
    perform app.raise('NOT_FOUND', 'No such queue ticket', 'ticket_id');
  end if;
  perform app.require_member(v_ticket.org_id, 'operator', true);
  -- the target's settings row first (as joins do), then the ticket
  select * into v_settings from public.customer_queue_settings s
  where s.queue_id = p_queue_id and s.org_id = v_ticket.org_id for update;
  if v_settings.queue_id is null then
    perform app.raise('NOT_FOUND', 'No such customer queue in this organisation', 'queue_id');
  end if;
  select * into v_ticket from public.tickets t where t.id = p_ticket_id for update;
  if v_ticket.queue_status not in ('waiting', 'called') or app.vq_stale(v_ticket) then
    perform app.raise('TICKET_NOT_WAITING', format('Ticket %s is no longer in the queue', v_ticket.display_number), 'ticket_id',
                      jsonb_build_object('queue_status', v_ticket.queue_status));
  end if;
  if p_queue_id = v_ticket.queue_id then
    perform app.raise('VALIDATION_FAILED', 'The ticket is already in this queue', 'queue_id');
  end if;
  if not (v_ticket.type_definition_id = any (v_settings.ticket_type_ids)) then
    perform app.raise('TICKET_TYPE_NOT_OFFERED', 'That queue does not offer this kind of ticket', 'queue_id');
  end if;
  v_day := app.org_today(v_settings.org_id);
  update public.customer_queue_settings s
    set last_number = case when s.number_day = v_day then s.last_number + 1 else 1 end, number_day = v_day
    where s.queue_id = p_queue_id returning s.last_number into v_n;
  update public.tickets t
    set queue_id = p_queue_id, queue_status = 'waiting', counter_id = null, called_at = null, queue_day = v_day,
        display_number = v_settings.letter || '-' || case when v_n < 1000 then lpad(v_n::text, 3, '0') else v_n::text end
    where t.id = p_ticket_id returning * into v_ticket;
  return jsonb_build_object('ticket', app.vq_staff_json(v_ticket));
end $$;
comment on function public.transfer_queue_ticket(uuid, uuid) is
  'Operators+: moves a waiting or called ticket to another customer queue of the organisation offering its type; '
  'it waits there under that queue''s next number, keeping its place by joining time. The token keeps working.';

revoke execute on function public.queue_waiting_list(uuid), public.transfer_queue_ticket(uuid, uuid) from public, anon;
grant execute on function public.queue_waiting_list(uuid), public.transfer_queue_ticket(uuid, uuid) to authenticated, service_role;
