-- Queue internals: priority rules, the catalogue estimate, auto-assignment, adding an entry, entries
-- as JSON. Design: docs/floor.md §8. Used by the queue RPCs and by floor_advance_item (stage queues).

-- ------------------------------------------------------------------ priority rules
create function app.floor_rule_matches(
  p_condition text, p_priority public.batch_priority, p_due_in_days integer, p_quality public.quality_status,
  p_is_late boolean, p_kind public.floor_item_kind, p_stage public.production_stage
) returns boolean
language plpgsql immutable set search_path = '' as $$
declare
  v_parts text[] := app.floor_rule_parts(p_condition);
  v_op text := v_parts[2];
  v_value text := btrim(v_parts[3]);
  a numeric;
  b numeric;
  v_text text;
begin
  if v_parts is null then
    return false;
  end if;
  case v_parts[1]
    when 'priority' then
      a := array_position(enum_range(null::public.batch_priority), p_priority);
      b := array_position(enum_range(null::public.batch_priority), v_value::public.batch_priority);
    when 'due_in_days' then
      a := p_due_in_days;
      b := v_value::numeric;
    else
      v_text := case v_parts[1] when 'quality_status' then p_quality::text when 'is_late' then p_is_late::text
                                when 'kind' then p_kind::text else p_stage::text end;
      return case v_op when '=' then v_text = v_value when '!=' then v_text <> v_value else false end;
  end case;
  if a is null or b is null then
    return false;
  end if;
  return case v_op when '=' then a = b when '!=' then a <> b when '<' then a < b when '<=' then a <= b
                   when '>' then a > b when '>=' then a >= b else false end;
end $$;
comment on function app.floor_rule_matches(text, public.batch_priority, integer, public.quality_status, boolean,
  public.floor_item_kind, public.production_stage) is 'Whether one priority rule condition holds for an item.';

-- The queue priority for an item: the first matching rule, else its production priority mapped.
create function app.floor_queue_priority(p_queue_id uuid, p_kind public.floor_item_kind, p_ref_id uuid)
returns public.floor_priority
language plpgsql stable security definer set search_path = '' as $$
declare
  c record;
  v_rules jsonb;
  v_rule jsonb;
  v_today date;
begin
  select q.priority_rules into v_rules from public.floor_queues q where q.id = p_queue_id;
  select * into c from app.floor_item_context(p_kind, p_ref_id);
  v_today := app.org_today(c.org_id);
  for v_rule in select jsonb_array_elements(coalesce(v_rules, '[]'::jsonb)) loop
    if app.floor_rule_matches(v_rule ->> 'condition', c.priority, c.due_date - v_today, c.quality_status,
                              c.due_date < v_today and not c.is_complete, c.kind, c.stage) then
      return (v_rule ->> 'priority')::public.floor_priority;
    end if;
  end loop;
  return (case c.priority when 'rush' then 'urgent' when 'high' then 'high' when 'low' then 'low' else 'normal' end)::public.floor_priority;
end $$;
comment on function app.floor_queue_priority(uuid, public.floor_item_kind, uuid) is
  'Priority for a new entry: the queue''s first matching rule, else rush → urgent, high → high, standard → normal, low → low.';

-- Minutes of work the catalogue expects for the item at a stage (all its orders' model hours).
create function app.floor_estimate_minutes(p_kind public.floor_item_kind, p_ref_id uuid, p_stage public.production_stage)
returns numeric
language plpgsql stable security definer set search_path = '' as $$
begin
  return (
  select round(sum(mps.estimated_hours) * 60, 2)
  from public.orders o
  join public.model_production_stages mps on mps.model_id = o.model_id and mps.stage = p_stage
  where p_stage is not null
    and ((p_kind = 'order' and o.id = p_ref_id)
         or (p_kind = 'batch' and o.id in (select bo.order_id from public.batch_orders bo where bo.batch_id = p_ref_id))));
end $$;
comment on function app.floor_estimate_minutes(public.floor_item_kind, uuid, public.production_stage) is
  'Catalogue estimate (model_production_stages.estimated_hours) for an order or a whole batch at a stage, in minutes.';

-- Auto-assign: the least-loaded worker with a live session at the queue's location/team, under capacity.
create function app.floor_auto_assignee(p_queue public.floor_queues) returns uuid
language plpgsql stable security definer set search_path = '' as $$
begin
  return (
  select s.member_id
  from public.floor_sessions s
  cross join lateral (
    select count(*) as load from public.floor_queue_items qi
    where qi.queue_id = p_queue.id and qi.assigned_to = s.member_id and qi.status in ('waiting', 'in_progress')
  ) l
  where s.org_id = p_queue.org_id and s.ended_at is null
    and s.last_activity_at + app.floor_idle_timeout(s.org_id) > now()
    -- not a session left behind when its worker PINed in elsewhere
    and (s.operator_session_id is null
         or exists (select 1 from public.operator_sessions os where os.id = s.operator_session_id and os.ended_at is null))
    and (p_queue.location_id is null or s.location_id = p_queue.location_id)
    and (p_queue.team_id is null or s.team_id = p_queue.team_id)
    and l.load < p_queue.member_capacity
  order by l.load, s.last_activity_at desc, s.member_id
  limit 1);
end $$;
comment on function app.floor_auto_assignee(public.floor_queues) is
  'For auto-assign queues: the active worker at the queue''s location/team with the fewest open entries, below member_capacity.';

-- ------------------------------------------------------------------ entries
create function app.floor_queue_item_json(p_queue_item_id uuid) returns jsonb
language plpgsql stable security definer set search_path = '' as $$
begin
  return (
  select jsonb_build_object(
    'id', qi.id, 'queue_id', qi.queue_id, 'queue_name', q.name, 'item_id', qi.item_id,
    'item', jsonb_build_object('kind', c.kind, 'ref_id', c.ref_id, 'number', c.number, 'title', c.title,
                               'current_stage', c.stage, 'status', c.status, 'quality_status', c.quality_status,
                               'due_date', c.due_date),
    'priority', qi.priority, 'status', qi.status, 'added_at', qi.added_at,
    'assigned_to', case when m.id is not null then jsonb_build_object('member_id', m.id, 'display_name', m.display_name) end,
    'assigned_at', qi.assigned_at, 'started_at', qi.started_at, 'completed_at', qi.completed_at,
    'estimated_duration_minutes', qi.estimated_duration_minutes,
    'actual_duration_minutes', qi.actual_duration_minutes,
    'wait_minutes', coalesce(qi.wait_minutes, case when qi.status = 'waiting'
                                                   then round((extract(epoch from (now() - qi.added_at)) / 60)::numeric, 2) end),
    'updated_at', qi.updated_at)
  from public.floor_queue_items qi
  join public.floor_queues q on q.id = qi.queue_id
  join public.floor_items fi on fi.id = qi.item_id
  cross join lateral app.floor_item_context(fi.kind, coalesce(fi.batch_id, fi.order_id)) c
  left join public.members m on m.id = qi.assigned_to
  where qi.id = p_queue_item_id);
end $$;
comment on function app.floor_queue_item_json(uuid) is 'A queue entry with its item''s number, stage and status, as the RPCs return it.';

-- Adds an item to a queue (no role check: the callers check). p_quiet: skip instead of raising when
-- the queue is inactive, full or already holds the item (stage queues fed by floor_advance_item).
create function app.floor_enqueue(
  p_queue_id uuid, p_item_id uuid, p_priority public.floor_priority, p_assigned_to uuid,
  p_estimated_minutes numeric, p_quiet boolean default false
) returns uuid
language plpgsql volatile security definer set search_path = '' as $$
declare
  q public.floor_queues;
  v_item public.floor_items;
  v_ref uuid;
  v_stage public.production_stage;
  v_assignee uuid := p_assigned_to;
  v_open integer;
  v_id uuid;
begin
  -- the queue row lock serialises adds, so max_items holds under concurrency (pulls do not take it)
  select * into q from public.floor_queues x where x.id = p_queue_id for no key update;
  select * into v_item from public.floor_items fi where fi.id = p_item_id and fi.org_id = q.org_id;
  v_ref := coalesce(v_item.batch_id, v_item.order_id);
  if not q.is_active then
    if p_quiet then return null; end if;
    perform app.floor_raise('PT422', 'QUEUE_INACTIVE', format('Queue %s is closed', q.name));
  end if;
  if exists (select 1 from public.floor_queue_items qi
             where qi.queue_id = q.id and qi.item_id = p_item_id and qi.status in ('waiting', 'in_progress')) then
    if p_quiet then return null; end if;
    perform app.floor_raise('PT409', 'ITEM_ALREADY_QUEUED', format('That item is already in queue %s', q.name),
                            jsonb_build_object('queue_id', q.id));
  end if;
  select count(*) into v_open from public.floor_queue_items qi
    where qi.queue_id = q.id and qi.status in ('waiting', 'in_progress');
  if q.max_items is not null and v_open >= q.max_items then
    if p_quiet then return null; end if;
    perform app.floor_raise('PT422', 'QUEUE_FULL', format('Queue %s is full (%s items)', q.name, q.max_items),
                            jsonb_build_object('max_items', q.max_items));
  end if;
  if v_assignee is not null and not exists (select 1 from public.members m
                                            where m.id = v_assignee and m.org_id = q.org_id and m.is_active) then
    perform app.floor_raise('PT422', 'NOT_ASSIGNABLE', 'Assign to an active member of this workshop',
                            jsonb_build_object('member_id', v_assignee));
  end if;
  if v_assignee is null and q.auto_assign then
    v_assignee := app.floor_auto_assignee(q);
  end if;
  select c.stage into v_stage from app.floor_item_context(v_item.kind, v_ref) c;
  insert into public.floor_queue_items (org_id, queue_id, item_id, priority, added_by, assigned_to, assigned_at,
                                        estimated_duration_minutes)
    values (q.org_id, q.id, p_item_id, coalesce(p_priority, app.floor_queue_priority(q.id, v_item.kind, v_ref)),
            app.actor_member_id(q.org_id), v_assignee, case when v_assignee is not null then now() end,
            coalesce(p_estimated_minutes, app.floor_estimate_minutes(v_item.kind, v_ref, coalesce(q.stage, v_stage))))
    returning id into v_id;
  return v_id;
end $$;
comment on function app.floor_enqueue(uuid, uuid, public.floor_priority, uuid, numeric, boolean) is
  'Adds an item to a queue: priority by rules, estimate from the catalogue, auto-assignment; PT422 QUEUE_INACTIVE / '
  'QUEUE_FULL / NOT_ASSIGNABLE, PT409 ITEM_ALREADY_QUEUED (or null with p_quiet).';

-- A queue the caller may use, or PT404 QUEUE_NOT_FOUND (also for another organisation's queue).
create function app.floor_queue_for(p_queue_id uuid, p_min_role public.member_role default 'operator')
returns public.floor_queues
language plpgsql stable security definer set search_path = '' as $$
declare
  q public.floor_queues;
begin
  select * into q from public.floor_queues x where x.id = p_queue_id;
  if q.id is null or not (app.is_service_role() or (select auth.role()) is null
                          or q.org_id in (select m.org_id from app.my_memberships() m)) then
    perform app.floor_raise('PT404', 'QUEUE_NOT_FOUND', 'Queue not found');
  end if;
  perform app.floor_reader(q.org_id, p_min_role);
  return q;
end $$;
comment on function app.floor_queue_for(uuid, public.member_role) is 'A queue of the caller''s organisation (role checked), else PT404 QUEUE_NOT_FOUND / PT403.';

create function app.floor_queue_entry_for(p_queue_item_id uuid) returns public.floor_queue_items
language plpgsql volatile security definer set search_path = '' as $$
declare
  v public.floor_queue_items;
begin
  select * into v from public.floor_queue_items qi where qi.id = p_queue_item_id for update;
  if v.id is null or not (app.is_service_role() or (select auth.role()) is null
                          or v.org_id in (select m.org_id from app.my_memberships() m)) then
    perform app.floor_raise('PT404', 'QUEUE_ITEM_NOT_FOUND', 'Queue entry not found');
  end if;
  return v;
end $$;
comment on function app.floor_queue_entry_for(uuid) is 'A queue entry of the caller''s organisation, locked; else PT404 QUEUE_ITEM_NOT_FOUND.';

revoke execute on all functions in schema app from public;
