-- The item card shows every action it counts (issue 10, "required actions with nothing to tap").
--
-- An order's card counted the batch's required actions in advance_blockers (they stop the batch, and
-- the order travels with it) but listed only the order's own actions: scanning a unit at Sanding said
-- "1 required action before advancing" with nothing to tap, and a unit pulled from the Touch-up queue
-- said "No actions at this stage" above "2 required actions before advancing". The card now carries:
--
--   * batch_actions — on an order's card, the batch's own actions at the stage (same shape as
--     actions, checklists resolved for the batch's models), so the tablet can offer them right there
--     (floor_complete_action takes the batch's id: batch.id) instead of only "scan the batch";
--   * advance_hold — why can_advance is false when no action is open: 'quality_failed' (a failed batch
--     at a quality gate), 'not_in_batch' (an order outside an unfinished batch); null otherwise. A
--     button reading "0 required actions before advancing" was the same dead end.
--
-- blocking_actions (the batch's and every order's, first 50) and advance_blockers are unchanged, so
-- each counted action is in actions, batch_actions or blocking_actions (other units: "scan its label").
-- Same signature; callers (scan, actions, advance, queues, pending, offline data) pick it up as is.

create or replace function app.floor_item_card(p_kind public.floor_item_kind, p_ref_id uuid) returns jsonb
language plpgsql stable security definer set search_path = '' as $$
declare
  c record;
  v_actions jsonb;
  v_batch_actions jsonb;
  v_blockers jsonb;
  v_blocker_count integer := 0;
  v_queue jsonb;
  v_assigned jsonb;
  v_position smallint;
  v_stage_count integer;
  v_next public.production_stage;
  v_stage_name text;
  v_gate boolean := false;
  v_hold text;
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
    if c.kind = 'order' and c.batch_id is not null then
      -- the batch's own actions, as the batch's card lists them (its models' checklists)
      select coalesce(jsonb_agg(jsonb_build_object(
               'stage_action_id', s.stage_action_id, 'key', s.action_key, 'type', s.action_type, 'label', s.label,
               'description', s.description, 'required', s.required, 'config', s.config, 'checklist', s.checklist,
               'status', s.status, 'last_action_id', s.last_action_id, 'completed_at', s.last_completed_at,
               'validation_result', s.validation_result) order by s.position, s.action_key), '[]'::jsonb)
        into v_batch_actions
        from app.floor_item_context('batch', c.batch_id) bc
        cross join lateral app.floor_action_states(bc.workflow_id, bc.stage, 'batch', bc.item_id, bc.stage_entered_at,
                                                   bc.model_ids) s;
    end if;
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
  v_hold := case
    when c.stage is null or c.is_complete then null
    when c.batch_id is null then 'not_in_batch'
    when v_gate and c.quality_status is not distinct from 'failed' then 'quality_failed'
  end;
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
    'batch_actions', coalesce(v_batch_actions, '[]'::jsonb),
    'required_pending', (select count(*) from jsonb_array_elements(coalesce(v_actions, '[]'::jsonb)) a
                         where (a ->> 'required')::boolean and a ->> 'status' <> 'completed'),
    'advance_blockers', v_blocker_count,
    'blocking_actions', coalesce(v_blockers, '[]'::jsonb),
    'advance_hold', v_hold,
    'can_advance', c.stage is not null and not c.is_complete and c.batch_id is not null and v_blocker_count = 0
                   and v_hold is null,
    'advance_completes', v_next is null and c.stage is not null and not c.is_complete);
end $$;
comment on function app.floor_item_card(public.floor_item_kind, uuid) is
  'The item card: number, title, status, stage (position, next, time in stage), assignee and queue entries, the '
  'stage''s actions with their status, on an order''s card the batch''s own actions (batch_actions), what blocks '
  'advancing (advance_blockers: batch and per-order required actions, listed in blocking_actions; advance_hold: '
  'quality_failed / not_in_batch) and whether it can advance now (advance_completes: advancing from the last stage '
  'completes the batch). Every action advance_blockers counts is in actions, batch_actions or blocking_actions.';

revoke execute on function app.floor_item_card(public.floor_item_kind, uuid) from public;
