-- Each advance precondition in one place (issue 9): the stage-progression trigger on batches, so every
-- path that moves a batch — the board (advance_batch, return_batch, complete_batch), the floor
-- (floor_advance_item, /api/disco/items/:id/advance), sync (floor_sync → floor_advance_item) and a plain
-- `update batches set current_stage = …` — passes the same rules and gets the same refusal:
--
--   * one stage forward at a time (STAGE_SKIPPED); nothing moves once complete (BATCH_COMPLETE);
--   * leaving a stage (forward, or completing at the last one) needs its required floor actions
--     completed, the batch's own and each unfinished order's (REQUIRED_ACTIONS_PENDING, context
--     {stage, count, pending: first 20}). "Completed" means what the tablet's card counts
--     (app.floor_blocking_actions, docs/floor.md §3): the latest attempt of each required action,
--     recorded at this stage since the batch entered it (batches.stage_entered_at), is `completed` —
--     a batch sent back for rework does the stage's actions again;
--   * not past a quality gate while quality failed (QUALITY_FAILED);
--   * back to an earlier stage only with a reason (VALIDATION_FAILED field reason) and, through the
--     API, a supervisor+ (FORBIDDEN).
--
-- Supervisor override, never implicit: the transaction names why (floorline.override_reason; the
-- RPCs' p_override_reason sets it). Through the API only supervisors+ may use it (FORBIDDEN field
-- override_reason); the service role and JWT-less SQL may, with a reason. The batch_events row of the
-- move records who (member_id, user_id), why (reason) and what was skipped (skipped_actions).
--
-- Stage queues follow every stage change here too (issue 10: board moves skipped the floor queues):
-- open entries of the batch and its orders in queues of the stage it leaves are completed (forward,
-- completion) or removed (sent back); active queues of the stage it enters receive the batch (quietly
-- skipped when full or closed). floor_advance_item no longer does either itself, so it happens once.

-- Codes: all in app.error_codes since 20261203005100 (REQUIRED_ACTIONS_PENDING, STAGE_SKIPPED, QUALITY_FAILED,
-- STALE_STAGE, BATCH_COMPLETE, AT_LAST_STAGE, NOT_AT_LAST_STAGE, WORKFLOW_FIXED, ITEM_*); this adds none.

-- ------------------------------------------------------------------ what is skipped, who may skip
alter table public.batch_events add column skipped_actions jsonb
  check (skipped_actions is null or jsonb_typeof(skipped_actions) = 'object');
comment on column public.batch_events.skipped_actions is
  'advanced / completed under a supervisor''s override: the required actions that were not completed '
  '({stage, count, pending}); reason says why, member_id/user_id who. Null for ordinary moves.';

create function app.override_reason() returns text
language sql stable set search_path = '' as $$
  select nullif(btrim(current_setting('floorline.override_reason', true)), '')
$$;
comment on function app.override_reason() is
  'Why this transaction advances past required actions (floorline.override_reason), or null: no override.';

-- Who may skip a stage's required actions: supervisors+ through the API; the service role and JWT-less
-- SQL (seeds, migrations, a person at psql) too, as for sending a batch back.
create function app.may_override(p_org_id uuid) returns boolean
language sql stable security definer set search_path = '' as $$
  select coalesce((select auth.role()), '') in ('', 'service_role') or exists (
    select 1 from app.my_memberships() m where m.org_id = p_org_id and m.role >= 'supervisor')
$$;
comment on function app.may_override(uuid) is
  'True when the caller may skip required actions in p_org_id: supervisors+, the service role, JWT-less SQL.';

-- The required actions still open for the batch at its current stage visit, as the refusal's context
-- ({stage, count, pending: first 20}), or null when there are none. Read in the BEFORE trigger, where
-- the table still holds the old row (current_stage, stage_entered_at of the stage being left).
create function app.stage_blockers(p_batch_id uuid) returns jsonb
language sql stable security definer set search_path = '' as $$
  select case when count(*) > 0 then jsonb_build_object(
    'stage', (select b.current_stage from public.batches b where b.id = p_batch_id),
    'count', count(*),
    'pending', coalesce(jsonb_agg(jsonb_build_object('item_id', x.item_id, 'kind', x.kind, 'ref_id', x.ref_id,
                                                     'number', x.number, 'key', x.action_key, 'label', x.label,
                                                     'status', x.status) order by x.rn)
                        filter (where x.rn <= 20), '[]'::jsonb)) end
  from (select f.*, row_number() over (order by f.kind = 'order', f.number, f.action_key) as rn
        from app.floor_blocking_actions(p_batch_id) f) x
$$;
comment on function app.stage_blockers(uuid) is
  'Required actions of the batch''s current stage visit not completed (batch and orders): {stage, count, pending[≤20]} or null.';

-- Leaving the stage (advancing or completing): REQUIRED_ACTIONS_PENDING unless an allowed override
-- names why; an override used is remembered for the event row (floorline.skipped_actions).
create function app.require_stage_done(p_batch public.batches) returns void
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_blockers jsonb := app.stage_blockers(p_batch.id);
  -- per batch: a multi-row update runs every BEFORE trigger before the first AFTER trigger
  v_skipped jsonb := coalesce(nullif(current_setting('floorline.skipped_actions', true), '')::jsonb, '{}'::jsonb)
                     - p_batch.id::text;
begin
  if v_blockers is not null then
    if app.override_reason() is null then
      perform app.raise('REQUIRED_ACTIONS_PENDING',
        format('%s required action(s) still to do at %s, e.g. %s on %s', v_blockers ->> 'count', p_batch.current_stage,
               v_blockers -> 'pending' -> 0 ->> 'label', v_blockers -> 'pending' -> 0 ->> 'number'),
        null, v_blockers);
    end if;
    if not app.may_override(p_batch.org_id) then
      perform app.raise('FORBIDDEN', 'Only a supervisor or above can move a batch on with required actions still to do',
        'override_reason', jsonb_build_object('min_role', 'supervisor'));
    end if;
    v_skipped := v_skipped || jsonb_build_object(p_batch.id::text, v_blockers);
  end if;
  perform set_config('floorline.skipped_actions', v_skipped::text, true);
end $$;
comment on function app.require_stage_done(public.batches) is
  'Stage triggers: the stage''s required actions are done, or an override (floorline.override_reason) by a '
  'supervisor+ / service role / SQL skips them (recorded in floorline.skipped_actions for the event).';

-- Stage queues follow a stage change or completion (p_to null).
create function app.batch_queues_follow(p_batch public.batches, p_from public.production_stage,
                                        p_to public.production_stage, p_forward boolean) returns void
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_queue uuid;
  v_item uuid;
begin
  update public.floor_queue_items qi
    set status = case when p_forward then 'completed' else 'removed' end::public.floor_queue_item_status,
        completed_at = now(), completed_by = app.actor_member_id(p_batch.org_id),
        started_at = case when p_forward then coalesce(qi.started_at, now()) else qi.started_at end
    from public.floor_queues q
    where q.id = qi.queue_id and q.workflow_id = p_batch.workflow_id and q.stage = p_from
      and qi.status in ('waiting', 'in_progress')
      and qi.item_id in (select fi.id from public.floor_items fi where fi.batch_id = p_batch.id
                         union all
                         select fi.id from public.batch_orders bo join public.floor_items fi on fi.order_id = bo.order_id
                         where bo.batch_id = p_batch.id);
  if p_to is null then
    return;
  end if;
  for v_queue in
    select q.id from public.floor_queues q
    where q.org_id = p_batch.org_id and q.is_active and q.workflow_id = p_batch.workflow_id and q.stage = p_to
    order by q.name
  loop
    if v_item is null then
      select f.item_id into v_item from app.floor_resolve_item(p_batch.org_id, p_batch.id, true) f;
    end if;
    perform app.floor_enqueue(v_queue, v_item, null, null, null, true);
  end loop;
end $$;
comment on function app.batch_queues_follow(public.batches, public.production_stage, public.production_stage, boolean) is
  'Stage queues follow a batch: open entries (batch and orders) at the stage it left are completed (forward) or '
  'removed (sent back); active queues of the stage it entered receive it (skipped when full or closed).';

-- ------------------------------------------------------------------ the stage trigger
create or replace function app.validate_stage_progression() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  v_old smallint := app.stage_position(old.workflow_id, old.current_stage);
  v_new smallint := app.stage_position(new.workflow_id, new.current_stage);
  v_next public.production_stage;
begin
  if new.workflow_id is distinct from old.workflow_id then
    perform app.raise('WORKFLOW_FIXED', 'A batch cannot change workflow', 'workflow_id');
  end if;
  if old.is_complete then
    perform app.raise('BATCH_COMPLETE', format('Batch %s is complete and no longer moves', old.batch_number));
  end if;
  if v_new is null then
    perform app.raise('VALIDATION_FAILED', format('%s is not a stage of this batch''s workflow', new.current_stage),
                      'current_stage');
  end if;

  if v_new > v_old then
    if v_new > v_old + 1 then
      v_next := app.stage_at(old.workflow_id, v_old + 1);
      perform app.raise('STAGE_SKIPPED',
        format('Stages cannot be skipped: %s moves on to %s, not %s', old.current_stage, v_next, new.current_stage),
        null, jsonb_build_object('next_stage', v_next));
    end if;
    -- the gate first: a failed batch needs rework, whatever its actions say (and no override skips it)
    if new.quality_status = 'failed' and exists (
         select 1 from public.workflow_stages s
         where s.workflow_id = old.workflow_id and s.stage = old.current_stage and s.is_quality_gate) then
      perform app.raise('QUALITY_FAILED',
        format('Batch %s failed %s: fix it (or return it for rework) before it moves on', old.batch_number,
               old.current_stage));
    end if;
    perform app.require_stage_done(old);
  else
    -- going back: a reason, and a supervisor when it comes through the API
    if app.current_reason() is null then
      perform app.raise('VALIDATION_FAILED', 'Say why the batch goes back a stage', 'reason');
    end if;
    if coalesce((select auth.role()), '') not in ('', 'service_role') and not exists (
         select 1 from app.my_memberships() m where m.org_id = new.org_id and m.role >= 'supervisor') then
      perform app.raise('FORBIDDEN', 'Only a supervisor or above can send a batch back a stage', null,
                        jsonb_build_object('min_role', 'supervisor'));
    end if;
  end if;
  -- the clock, not the transaction's start: floor_actions.created_at is clock time too, so a stage visit
  -- begins exactly here even when one transaction moves a batch on, back, and on again (floor_sync)
  new.stage_entered_at := clock_timestamp();
  return new;
end $$;
comment on function app.validate_stage_progression() is
  'Trigger check_stage_progression, every path: one stage forward at a time (STAGE_SKIPPED), the stage''s required '
  'actions done unless a supervisor overrides (REQUIRED_ACTIONS_PENDING / FORBIDDEN override_reason), not past a '
  'quality gate while failed (QUALITY_FAILED), back with a reason (VALIDATION_FAILED reason) and supervisor+ '
  '(FORBIDDEN), never once complete (BATCH_COMPLETE).';

create or replace function app.validate_batch_completion() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if old.is_complete and not new.is_complete then
    perform app.raise('BATCH_COMPLETE', 'A completed batch cannot be reopened');
  end if;
  if new.current_stage is distinct from app.last_stage(new.workflow_id) then
    perform app.raise('NOT_AT_LAST_STAGE',
      format('Batch %s is at %s: it can be completed only from %s', new.batch_number, new.current_stage,
             app.last_stage(new.workflow_id)));
  end if;
  if new.quality_status = 'failed' then
    perform app.raise('QUALITY_FAILED', format('Batch %s failed quality: it cannot be completed', new.batch_number));
  end if;
  -- completing leaves the last stage: its required actions count as for any other stage
  perform app.require_stage_done(old);
  new.completed_at := now();
  new.actual_completion := coalesce(new.actual_completion, app.org_today(new.org_id));
  return new;
end $$;
comment on function app.validate_batch_completion() is
  'Trigger: completion only from the last stage (NOT_AT_LAST_STAGE), with its required actions done unless a '
  'supervisor overrides (REQUIRED_ACTIONS_PENDING), not while quality failed (QUALITY_FAILED); never undone.';

-- The event row of a move carries the override (reason, skipped actions); queues follow.
create function app.log_stage_move(p_batch public.batches, p_kind public.batch_event_kind,
                                   p_from public.production_stage, p_to public.production_stage) returns void
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_all jsonb := coalesce(nullif(current_setting('floorline.skipped_actions', true), '')::jsonb, '{}'::jsonb);
  v_skipped jsonb := v_all -> p_batch.id::text;
begin
  insert into public.batch_events (org_id, batch_id, kind, from_stage, to_stage, quality_status, reason,
                                   member_id, user_id, skipped_actions)
  values (p_batch.org_id, p_batch.id, p_kind, p_from, p_to, p_batch.quality_status,
          coalesce(app.current_reason(), case when v_skipped is not null then app.override_reason() end),
          app.actor_member_id(p_batch.org_id), (select auth.uid()), v_skipped);
  if v_skipped is not null then
    perform set_config('floorline.skipped_actions', (v_all - p_batch.id::text)::text, true);
  end if;
end $$;
comment on function app.log_stage_move(public.batches, public.batch_event_kind, public.production_stage, public.production_stage) is
  'Logs an advanced / returned / completed event with the override''s reason and skipped actions, if one was used.';

create or replace function app.batches_after_update() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  v_status public.order_status;
  v_from smallint;
  v_to smallint;
begin
  if new.current_stage is distinct from old.current_stage then
    v_from := app.stage_position(old.workflow_id, old.current_stage);
    v_to := app.stage_position(new.workflow_id, new.current_stage);
    perform app.log_stage_move(new, (case when v_to > v_from then 'advanced' else 'returned' end)::public.batch_event_kind,
                               old.current_stage, new.current_stage);
    select s.order_status into v_status from public.workflow_stages s
      where s.workflow_id = new.workflow_id and s.stage = new.current_stage;
    perform app.batch_orders_follow(new, v_status);
    perform app.batch_queues_follow(new, old.current_stage, new.current_stage, v_to > v_from);
  end if;
  if new.quality_status is distinct from old.quality_status then
    perform app.log_batch_event(new.org_id, new.id, 'quality_changed', null, new.current_stage, new.quality_status,
                                app.current_reason());
  end if;
  if new.is_complete and not old.is_complete then
    update public.batch_orders bo set batch_is_complete = true where bo.batch_id = new.id;
    perform app.log_stage_move(new, 'completed', new.current_stage, null);
    perform app.batch_orders_follow(new, 'shipped');
    perform app.batch_queues_follow(new, new.current_stage, null, true);
  end if;
  return null;
end $$;
comment on function app.batches_after_update() is
  'Trigger: logs stage moves (with an override''s reason and skipped actions), quality changes and completion; '
  'orders and stage queues follow the batch; batch_orders learn completion.';

-- ------------------------------------------------------------------ the board's RPCs
-- p_override_reason: a supervisor+ moves the batch on although required actions are open (recorded).
create function app.begin_override(p_org_id uuid, p_override_reason text) returns void
language plpgsql volatile security definer set search_path = '' as $$
begin
  if p_override_reason is null then
    perform set_config('floorline.override_reason', '', true);
    return;
  end if;
  if nullif(btrim(p_override_reason), '') is null then
    perform app.raise('VALIDATION_FAILED', 'Say why the required actions are skipped', 'override_reason');
  end if;
  if length(p_override_reason) > 1000 then
    perform app.raise('VALIDATION_FAILED', 'Keep the reason under 1000 characters', 'override_reason');
  end if;
  if not app.may_override(p_org_id) then
    perform app.raise('FORBIDDEN', 'Only a supervisor or above can move a batch on with required actions still to do',
      'override_reason', jsonb_build_object('min_role', 'supervisor'));
  end if;
  perform set_config('floorline.override_reason', btrim(p_override_reason), true);
end $$;
comment on function app.begin_override(uuid, text) is
  'Sets floorline.override_reason for an RPC''s p_override_reason: supervisors+ only (FORBIDDEN), a real reason '
  '(VALIDATION_FAILED override_reason); null clears it.';

drop function public.advance_batch(uuid, public.production_stage, uuid);
create function public.advance_batch(
  p_batch_id uuid,
  p_expected_stage public.production_stage default null,
  p_client_id uuid default null,
  p_override_reason text default null
) returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_batch public.batches := app.batch_row(p_batch_id);
  v_replay jsonb;
  v_from public.production_stage;
  v_next public.production_stage;
  v_now public.batches;
begin
  perform app.require_member(v_batch.org_id, 'operator', true);
  v_replay := app.replay_begin(p_client_id, 'advance_batch');
  if v_replay is not null then
    return v_replay;
  end if;
  if v_batch.is_complete then
    perform app.raise('BATCH_COMPLETE', format('Batch %s is already complete', v_batch.batch_number));
  end if;
  v_from := coalesce(p_expected_stage, v_batch.current_stage);
  if app.stage_position(v_batch.workflow_id, v_from) is null then
    perform app.raise('VALIDATION_FAILED', format('%s is not a stage of this batch''s workflow', v_from), 'expected_stage');
  end if;
  v_next := app.stage_at(v_batch.workflow_id, app.stage_position(v_batch.workflow_id, v_from) + 1);
  if v_next is null then
    perform app.raise('AT_LAST_STAGE', format('%s is the last stage: complete batch %s instead', v_from, v_batch.batch_number));
  end if;
  perform app.begin_override(v_batch.org_id, p_override_reason);

  -- optimistic: only if it is still where the caller saw it (a concurrent mover waits, then finds no row);
  -- every other rule is the trigger's, the same for every path
  update public.batches b set current_stage = v_next
    where b.id = p_batch_id and b.current_stage = v_from and not b.is_complete;
  if not found then
    select * into v_now from public.batches b where b.id = p_batch_id;
    if v_now.is_complete then
      perform app.raise('BATCH_COMPLETE', format('Batch %s was completed meanwhile', v_now.batch_number));
    end if;
    perform app.raise('STALE_STAGE',
      format('Batch %s is at %s now, not %s: someone moved it', v_now.batch_number, v_now.current_stage, v_from),
      null, jsonb_build_object('current_stage', v_now.current_stage));
  end if;
  perform app.begin_override(v_batch.org_id, null);
  return app.replay_store(p_client_id, 'advance_batch', v_batch.org_id,
                          jsonb_build_object('batch', app.batch_json(p_batch_id), 'from_stage', v_from));
end $$;
comment on function public.advance_batch(uuid, public.production_stage, uuid, text) is
  'Moves a batch one stage forward (operators+ through a station, or staff). p_expected_stage: the stage the '
  'caller saw (STALE_STAGE with context current_stage if it is elsewhere now; of two concurrent advances exactly '
  'one wins). The stage trigger''s rules apply as on every path: REQUIRED_ACTIONS_PENDING (context {stage, count, '
  'pending}), QUALITY_FAILED, BATCH_COMPLETE. p_override_reason: supervisors+ move on with required actions open '
  '(recorded in batch_events.reason / skipped_actions). Returns {batch, from_stage, replayed}. Errors also FORBIDDEN, '
  'NOT_FOUND, AT_LAST_STAGE, VALIDATION_FAILED (expected_stage, override_reason).';

drop function public.complete_batch(uuid, uuid);
create function public.complete_batch(p_batch_id uuid, p_client_id uuid default null, p_override_reason text default null)
returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_batch public.batches := app.batch_row(p_batch_id, true);
  v_replay jsonb;
begin
  perform app.require_member(v_batch.org_id, 'operator', true);
  v_replay := app.replay_begin(p_client_id, 'complete_batch');
  if v_replay is not null then
    return v_replay;
  end if;
  if v_batch.is_complete then
    perform app.raise('BATCH_COMPLETE', format('Batch %s is already complete', v_batch.batch_number));
  end if;
  perform app.begin_override(v_batch.org_id, p_override_reason);
  update public.batches b set is_complete = true where b.id = p_batch_id;
  perform app.begin_override(v_batch.org_id, null);
  return app.replay_store(p_client_id, 'complete_batch', v_batch.org_id,
                          jsonb_build_object('batch', app.batch_json(p_batch_id)));
end $$;
comment on function public.complete_batch(uuid, uuid, text) is
  'Completes a batch at its last stage (Shipping): its orders become shipped (operators+). The last stage''s '
  'required actions must be done (REQUIRED_ACTIONS_PENDING) unless a supervisor+ gives p_override_reason. Returns '
  '{batch, replayed}. Errors: FORBIDDEN, NOT_FOUND, BATCH_COMPLETE, NOT_AT_LAST_STAGE, QUALITY_FAILED, '
  'VALIDATION_FAILED override_reason.';

create or replace function public.return_batch(
  p_batch_id uuid,
  p_to_stage public.production_stage,
  p_reason text,
  p_expected_stage public.production_stage default null,
  p_client_id uuid default null
) returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_batch public.batches := app.batch_row(p_batch_id);
  v_replay jsonb;
  v_from public.production_stage;
  v_now public.batches;
begin
  perform app.require_member(v_batch.org_id, 'supervisor', true);
  v_replay := app.replay_begin(p_client_id, 'return_batch');
  if v_replay is not null then
    return v_replay;
  end if;
  if nullif(btrim(p_reason), '') is null then
    perform app.raise('VALIDATION_FAILED', 'Say why the batch goes back', 'reason');
  end if;
  if v_batch.is_complete then
    perform app.raise('BATCH_COMPLETE', format('Batch %s is already complete', v_batch.batch_number));
  end if;
  v_from := coalesce(p_expected_stage, v_batch.current_stage);
  if p_to_stage is null or app.stage_position(v_batch.workflow_id, p_to_stage) is null
     or app.stage_position(v_batch.workflow_id, p_to_stage) >= app.stage_position(v_batch.workflow_id, v_from) then
    perform app.raise('VALIDATION_FAILED', format('Pick a stage before %s', v_from), 'to_stage');
  end if;

  perform app.set_reason(p_reason);
  update public.batches b set current_stage = p_to_stage
    where b.id = p_batch_id and b.current_stage = v_from and not b.is_complete;
  if not found then
    select * into v_now from public.batches b where b.id = p_batch_id;
    perform app.raise('STALE_STAGE',
      format('Batch %s is at %s now, not %s: someone moved it', v_now.batch_number, v_now.current_stage, v_from),
      null, jsonb_build_object('current_stage', v_now.current_stage));
  end if;
  perform app.set_reason(null);
  return app.replay_store(p_client_id, 'return_batch', v_batch.org_id,
                          jsonb_build_object('batch', app.batch_json(p_batch_id), 'from_stage', v_from));
end $$;
comment on function public.return_batch(uuid, public.production_stage, text, public.production_stage, uuid) is
  'Sends a batch back to an earlier stage for rework (supervisors+), with a reason (recorded in batch_events '
  'and the orders'' history); the earlier stage''s queues receive it. Returns {batch, from_stage, replayed}. '
  'Errors: FORBIDDEN, NOT_FOUND, STALE_STAGE (context current_stage), BATCH_COMPLETE, VALIDATION_FAILED (reason, to_stage).';

-- ------------------------------------------------------------------ the floor's advance
-- No rule of its own any more and no re-translation: the floor's checks (an item with a stage, the
-- stage the tablet showed), then advance_batch / complete_batch, whose refusals pass through as they are.
create or replace function public.floor_advance_item(
  p_client_id uuid,
  p_session_id uuid,
  p_item_id uuid,
  p_expected_stage public.production_stage default null
) returns jsonb
language plpgsql volatile security definer set search_path = '' set lock_timeout = '5s' as $$
declare
  v_session public.floor_sessions := app.floor_session_for_write(p_session_id);
  v_replay jsonb;
  v_item record;
  c record;
  v_batch public.batches;
  v_from public.production_stage;
  v_next public.production_stage;
  v_result jsonb;
  v_completed boolean;
  v_added jsonb;
begin
  v_replay := app.replay_begin(p_client_id, 'floor_advance_item');
  if v_replay is not null then
    return v_replay;
  end if;
  select * into v_item from app.floor_require_item(v_session.org_id, p_item_id);
  select * into c from app.floor_item_context(v_item.kind, v_item.ref_id);
  if c.batch_id is null then
    perform app.raise('ITEM_NOT_ADVANCEABLE',
      format('%s is not in an unfinished batch (%s): there is no stage to advance', c.number, c.status),
      null, jsonb_build_object('status', c.status));
  end if;
  select * into v_batch from public.batches b where b.id = c.batch_id for update;
  if v_batch.is_complete then
    perform app.raise('ITEM_COMPLETE', format('Batch %s is already complete', v_batch.batch_number));
  end if;
  v_from := v_batch.current_stage;
  if p_expected_stage is not null and p_expected_stage <> v_from then
    perform app.raise('STALE_STAGE',
      format('Batch %s is at %s now, not %s: someone moved it', v_batch.batch_number, v_from, p_expected_stage),
      null, jsonb_build_object('current_stage', v_from));
  end if;

  v_next := app.stage_at(v_batch.workflow_id, app.stage_position(v_batch.workflow_id, v_from) + 1);
  v_completed := v_next is null;
  if v_completed then
    v_result := public.complete_batch(v_batch.id, null);
  else
    v_result := public.advance_batch(v_batch.id, v_from, null);
  end if;

  -- the stage trigger fed the next stage's queues; answer with the entries it made
  select coalesce(jsonb_agg(app.floor_queue_item_json(qi.id) order by q.name), '[]'::jsonb) into v_added
    from public.floor_queue_items qi
    join public.floor_queues q on q.id = qi.queue_id
    join public.floor_items fi on fi.id = qi.item_id
    where fi.batch_id = v_batch.id and q.workflow_id = v_batch.workflow_id and q.stage = v_next
      and qi.added_at >= now() and qi.status in ('waiting', 'in_progress');

  update public.floor_sessions s
    set items_processed = s.items_processed + 1, last_activity_at = now(), current_item_id = v_item.item_id,
        current_stage = case when v_completed then s.current_stage else v_next end
    where s.id = v_session.id;

  return app.replay_store(p_client_id, 'floor_advance_item', v_session.org_id, jsonb_build_object(
    'item', app.floor_item_card(v_item.kind, v_item.ref_id),
    'batch', v_result -> 'batch',
    'from_stage', v_from, 'to_stage', v_next, 'completed', v_completed,
    'queue_entries', v_added));
end $$;
comment on function public.floor_advance_item(uuid, uuid, uuid, public.production_stage) is
  'Advances the item''s batch one stage (completes it at the last stage) through advance_batch / complete_batch, '
  'whose rules (the stage trigger''s: REQUIRED_ACTIONS_PENDING with context {stage, count, pending[]}, '
  'QUALITY_FAILED, STALE_STAGE, …) answer unchanged; stage queues follow in the trigger. p_expected_stage: the stage '
  'the tablet showed. Returns {item, batch, from_stage, to_stage, completed, queue_entries, replayed}. Errors also '
  'ITEM_NOT_FOUND, SESSION_NOT_FOUND, SESSION_ENDED, SESSION_TAKEN, ITEM_NOT_ADVANCEABLE, ITEM_COMPLETE.';


-- ------------------------------------------------------------------ grants
revoke execute on all functions in schema app from public;
revoke execute on function public.advance_batch(uuid, public.production_stage, uuid, text),
  public.complete_batch(uuid, uuid, text)
  from public, anon, authenticated, service_role;
grant execute on function public.advance_batch(uuid, public.production_stage, uuid, text),
  public.complete_batch(uuid, uuid, text)
  to authenticated, service_role;
