-- Items on the floor: resolving ids, the item's production context, its actions at the current
-- stage, what blocks advancing, and the item card the scan screen shows. Design: docs/floor.md §3, §6.
--
-- Stage visits: an action counts for the item's current stage visit when it was recorded at that
-- stage after the item (for an order: its batch) entered the stage (batches.stage_entered_at). A batch
-- returned for rework and advanced again does its stage actions again. The latest attempt per action
-- decides its status; a required action is satisfied only when that latest attempt is completed.

-- ------------------------------------------------------------------ ids
-- The floor item for an id of this organisation: a floor item id, a batch id or an order id (uuids
-- are unique, so one parameter takes any). p_create registers batches/orders on first use.
create function app.floor_resolve_item(p_org_id uuid, p_any uuid, p_create boolean default true)
returns table (kind public.floor_item_kind, ref_id uuid, item_id uuid)
language plpgsql volatile security definer set search_path = '' as $$
#variable_conflict use_column
declare
  v_kind public.floor_item_kind;
  v_ref uuid;
  v_item uuid;
begin
  if p_any is null then
    return;
  end if;
  select fi.kind, coalesce(fi.batch_id, fi.order_id), fi.id into v_kind, v_ref, v_item
    from public.floor_items fi where fi.id = p_any and fi.org_id = p_org_id;
  if v_item is null then
    if exists (select 1 from public.batches b where b.id = p_any and b.org_id = p_org_id) then
      v_kind := 'batch';
    elsif exists (select 1 from public.orders o where o.id = p_any and o.org_id = p_org_id) then
      v_kind := 'order';
    else
      return;
    end if;
    v_ref := p_any;
    select fi.id into v_item from public.floor_items fi
      where fi.org_id = p_org_id and (fi.batch_id = p_any or fi.order_id = p_any);
    if v_item is null and p_create then
      insert into public.floor_items (org_id, kind, order_id, batch_id)
        values (p_org_id, v_kind, case when v_kind = 'order' then p_any end, case when v_kind = 'batch' then p_any end)
        on conflict do nothing
        returning id into v_item;
      if v_item is null then
        select fi.id into v_item from public.floor_items fi
          where fi.org_id = p_org_id and (fi.batch_id = p_any or fi.order_id = p_any);
      end if;
    end if;
  end if;
  return query select v_kind, v_ref, v_item;
end $$;
comment on function app.floor_resolve_item(uuid, uuid, boolean) is
  'A floor item id, batch id or order id of the organisation → (kind, ref_id, item_id); no row if unknown. '
  'p_create registers the batch/order as a floor item on first use.';

-- PT404 ITEM_NOT_FOUND unless the id names an item of the organisation.
create function app.floor_require_item(p_org_id uuid, p_any uuid)
returns table (kind public.floor_item_kind, ref_id uuid, item_id uuid)
language plpgsql volatile security definer set search_path = '' as $$
#variable_conflict use_column
begin
  return query select r.kind, r.ref_id, r.item_id from app.floor_resolve_item(p_org_id, p_any, true) r;
  if not found then
    perform app.floor_raise('PT404', 'ITEM_NOT_FOUND', 'Item not found in this workshop',
                            jsonb_build_object('item_id', p_any));
  end if;
end $$;
comment on function app.floor_require_item(uuid, uuid) is 'app.floor_resolve_item or PT404 ITEM_NOT_FOUND.';

-- ------------------------------------------------------------------ production context
create function app.floor_item_context(p_kind public.floor_item_kind, p_ref_id uuid)
returns table (
  kind public.floor_item_kind, ref_id uuid, item_id uuid, org_id uuid, number text, title text,
  batch_id uuid, batch_number text, workflow_id uuid, stage public.production_stage, stage_entered_at timestamptz,
  is_complete boolean, status text, quality_status public.quality_status, priority public.batch_priority,
  due_date date, model_ids uuid[], order_count integer
)
language plpgsql stable security definer set search_path = '' as $$
#variable_conflict use_column
begin
  return query
  select 'batch'::public.floor_item_kind, b.id, fi.id, b.org_id, b.batch_number,
         coalesce((select string_agg(x.name || case when x.n > 1 then ' ×' || x.n else '' end, ', ' order by x.name)
                   from (select m.name, count(*) as n from public.batch_orders bo
                         join public.orders o on o.id = bo.order_id join public.headphone_models m on m.id = o.model_id
                         where bo.batch_id = b.id group by m.name) x), 'Empty batch'),
         b.id, b.batch_number, b.workflow_id, b.current_stage, b.stage_entered_at, b.is_complete,
         case when b.is_complete then 'completed' else ws.order_status::text end,
         b.quality_status, b.priority,
         coalesce(b.target_completion, (select min(o.due_date) from public.batch_orders bo
                                        join public.orders o on o.id = bo.order_id where bo.batch_id = b.id)),
         coalesce((select array_agg(distinct o.model_id) from public.batch_orders bo
                   join public.orders o on o.id = bo.order_id where bo.batch_id = b.id), '{}'),
         (select count(*)::int from public.batch_orders bo where bo.batch_id = b.id)
  from public.batches b
  join public.workflow_stages ws on ws.workflow_id = b.workflow_id and ws.stage = b.current_stage
  left join public.floor_items fi on fi.org_id = b.org_id and fi.batch_id = b.id
  where p_kind = 'batch' and b.id = p_ref_id
  union all
  select 'order'::public.floor_item_kind, o.id, fi.id, o.org_id, o.order_number, m.name || ' · ' || o.wood_type,
         b.id, b.batch_number, b.workflow_id, b.current_stage, b.stage_entered_at,
         o.status in ('shipped', 'delivered', 'cancelled') or b.id is null,
         o.status::text, b.quality_status, o.priority, o.due_date, array[o.model_id], null::integer
  from public.orders o
  join public.headphone_models m on m.id = o.model_id
  left join public.batch_orders bo on bo.order_id = o.id and not bo.batch_is_complete
  left join public.batches b on b.id = bo.batch_id
  left join public.floor_items fi on fi.org_id = o.org_id and fi.order_id = o.id
  where p_kind = 'order' and o.id = p_ref_id;
end $$;
comment on function app.floor_item_context(public.floor_item_kind, uuid) is
  'Where an order or batch is: number, title, batch, workflow, stage and when it entered it, status, quality, '
  'priority, due date, models. Orders outside an unfinished batch have no stage (is_complete = no floor work).';

-- ------------------------------------------------------------------ actions at the current stage
create function app.floor_action_states(
  p_workflow_id uuid, p_stage public.production_stage, p_kind public.floor_item_kind, p_item_id uuid,
  p_since timestamptz, p_model_ids uuid[], p_with_checklists boolean default true
) returns table (
  stage_action_id uuid, action_key text, action_type public.floor_action_type, label text, description text,
  required boolean, "position" smallint, config jsonb, checklist jsonb, status public.floor_action_status,
  last_action_id uuid, last_completed_at timestamptz, last_member_id uuid, validation_result jsonb
)
language plpgsql stable security definer set search_path = '' as $$
#variable_conflict use_column
begin
  return query
  select d.id, d.action_key, d.action_type, d.label, d.description, d.required, d.position, d.config,
         case when d.action_type = 'inspection' and p_with_checklists then app.floor_action_checklist(d, p_model_ids) end,
         coalesce(a.status, 'pending'), a.id, a.completed_at, a.member_id, a.validation_result
  from public.floor_stage_actions d
  left join lateral (
    select a.id, a.status, a.completed_at, a.member_id, a.validation_result
    from public.floor_actions a
    where a.org_id = d.org_id and a.item_id = p_item_id and a.stage = d.stage and a.workflow_id = d.workflow_id
      and a.action_key = d.action_key and a.created_at >= p_since
    order by a.created_at desc
    limit 1
  ) a on true
  where d.workflow_id = p_workflow_id and d.stage = p_stage and d.is_active and p_kind = any (d.item_kinds)
  order by d.position, d.action_key;
end $$;
comment on function app.floor_action_states(uuid, public.production_stage, public.floor_item_kind, uuid, timestamptz, uuid[], boolean) is
  'The stage''s actions for an item kind, each with the status of its latest attempt in the current visit '
  '(pending when none). p_item_id null: nothing attempted yet.';

-- Required actions not completed that stop a batch leaving its stage: the batch's own, and those of
-- each of its orders (per-unit actions).
create function app.floor_blocking_actions(p_batch_id uuid)
returns table (item_id uuid, kind public.floor_item_kind, ref_id uuid, number text, action_key text, label text,
               status public.floor_action_status)
language plpgsql stable security definer set search_path = '' as $$
#variable_conflict use_column
begin
  return query
  select fi.id, 'batch'::public.floor_item_kind, b.id, b.batch_number, s.action_key, s.label, s.status
  from public.batches b
  left join public.floor_items fi on fi.org_id = b.org_id and fi.batch_id = b.id
  cross join lateral app.floor_action_states(b.workflow_id, b.current_stage, 'batch', fi.id, b.stage_entered_at,
                                             '{}', false) s
  where b.id = p_batch_id and s.required and s.status <> 'completed'
  union all
  select fi.id, 'order'::public.floor_item_kind, o.id, o.order_number, s.action_key, s.label, s.status
  from public.batches b
  join public.batch_orders bo on bo.batch_id = b.id
  join public.orders o on o.id = bo.order_id
  left join public.floor_items fi on fi.org_id = o.org_id and fi.order_id = o.id
  cross join lateral app.floor_action_states(b.workflow_id, b.current_stage, 'order', fi.id, b.stage_entered_at,
                                             array[o.model_id], false) s
  where b.id = p_batch_id and s.required and s.status <> 'completed' and o.status <> 'cancelled';
end $$;
comment on function app.floor_blocking_actions(uuid) is
  'Required actions (batch-level and per order) not yet completed in the batch''s current stage visit.';

-- ------------------------------------------------------------------ the item card
create function app.floor_item_card(p_kind public.floor_item_kind, p_ref_id uuid) returns jsonb
language plpgsql stable security definer set search_path = '' as $$
declare
  c record;
  v_actions jsonb;
  v_blockers jsonb;
  v_blocker_count integer := 0;
  v_queue jsonb;
  v_assigned jsonb;
  v_position smallint;
  v_stage_count integer;
  v_next public.production_stage;
  v_stage_name text;
  v_gate boolean := false;
begin
  select * into c from app.floor_item_context(p_kind, p_ref_id);
  if c.ref_id is null then
    return null;
  end if;
  if c.stage is not null then
    select ws.position, ws.name, ws.is_quality_gate into v_position, v_stage_name, v_gate from public.workflow_stages ws
      where ws.workflow_id = c.workflow_id and ws.stage = c.stage;
    select count(*) into v_stage_count from public.workflow_stages ws where ws.workflow_id = c.workflow_id;
    v_next := app.stage_at(c.workflow_id, v_position + 1);
  end if;
  if c.stage is not null and not c.is_complete then
    select coalesce(jsonb_agg(jsonb_build_object(
             'stage_action_id', s.stage_action_id, 'key', s.action_key, 'type', s.action_type, 'label', s.label,
             'description', s.description, 'required', s.required, 'config', s.config, 'checklist', s.checklist,
             'status', s.status, 'last_action_id', s.last_action_id, 'completed_at', s.last_completed_at,
             'validation_result', s.validation_result) order by s.position, s.action_key), '[]'::jsonb)
      into v_actions
      from app.floor_action_states(c.workflow_id, c.stage, c.kind, c.item_id, c.stage_entered_at, c.model_ids) s;
    if c.batch_id is not null then
      select count(*), coalesce(jsonb_agg(jsonb_build_object('item_id', x.item_id, 'kind', x.kind, 'ref_id', x.ref_id,
                                                             'number', x.number, 'key', x.action_key, 'label', x.label,
                                                             'status', x.status)
                                          order by x.rn) filter (where x.rn <= 50), '[]'::jsonb)
        into v_blocker_count, v_blockers
        from (select b.*, row_number() over (order by b.kind = 'order', b.number, b.action_key) as rn
              from app.floor_blocking_actions(c.batch_id) b) x;
    end if;
  end if;
  select coalesce(jsonb_agg(jsonb_build_object(
           'queue_item_id', qi.id, 'queue_id', q.id, 'queue_name', q.name, 'status', qi.status, 'priority', qi.priority,
           'assigned_to', case when m.id is not null then jsonb_build_object('member_id', m.id, 'display_name', m.display_name) end,
           'added_at', qi.added_at, 'started_at', qi.started_at) order by qi.added_at), '[]'::jsonb),
         (array_agg(jsonb_build_object('member_id', m.id, 'display_name', m.display_name)
                    order by (qi.status = 'in_progress') desc, qi.added_at) filter (where m.id is not null))[1]
    into v_queue, v_assigned
    from public.floor_queue_items qi
    join public.floor_queues q on q.id = qi.queue_id
    left join public.members m on m.id = qi.assigned_to
    where qi.item_id = c.item_id and qi.status in ('waiting', 'in_progress');

  return jsonb_build_object(
    'id', c.item_id, 'kind', c.kind, 'ref_id', c.ref_id, 'org_id', c.org_id, 'number', c.number, 'title', c.title,
    'label', (select app.floor_label_text(c.org_id, 'I', l.code) from public.floor_labels l
              where l.org_id = c.org_id and l.item_id = c.item_id),
    'status', c.status, 'quality_status', c.quality_status, 'priority', c.priority, 'due_date', c.due_date,
    'is_complete', c.is_complete,
    'batch', case when c.kind = 'order' and c.batch_id is not null
                  then jsonb_build_object('id', c.batch_id, 'number', c.batch_number) end,
    'order_count', c.order_count,
    'workflow_id', c.workflow_id, 'current_stage', c.stage, 'stage_name', v_stage_name,
    'stage_position', v_position, 'stage_count', v_stage_count,
    'next_stage', case when not c.is_complete then v_next end,
    'stage_entered_at', c.stage_entered_at,
    'minutes_in_stage', case when c.stage_entered_at is not null and not c.is_complete
                             then round((extract(epoch from (now() - c.stage_entered_at)) / 60)::numeric, 1) end,
    'assigned_to', v_assigned,
    'queues', v_queue,
    'actions', coalesce(v_actions, '[]'::jsonb),
    'required_pending', (select count(*) from jsonb_array_elements(coalesce(v_actions, '[]'::jsonb)) a
                         where (a ->> 'required')::boolean and a ->> 'status' <> 'completed'),
    'advance_blockers', v_blocker_count,
    'blocking_actions', coalesce(v_blockers, '[]'::jsonb),
    'can_advance', c.stage is not null and not c.is_complete and c.batch_id is not null and v_blocker_count = 0
                   and not (v_gate and c.quality_status is not distinct from 'failed'),
    'advance_completes', v_next is null and c.stage is not null and not c.is_complete);
end $$;
comment on function app.floor_item_card(public.floor_item_kind, uuid) is
  'The item card: number, title, status, stage (position, next, time in stage), assignee and queue entries, the '
  'stage''s actions with their status, what blocks advancing (batch and per-order required actions) and whether '
  'it can advance now (advance_completes: advancing from the last stage completes the batch).';

revoke execute on all functions in schema app from public;
