-- Batch RPCs: create, advance, return, split, quality, complete, add and remove orders.
-- Same shape as the order RPCs (20261122001800): security definer with one role check, optional
-- p_client_id for idempotent retries, jsonb answers, PTxyz errors with the rule in `details`.
-- The stage rules themselves are the triggers' (20261122001500); these add optimistic concurrency:
-- advance/return take p_expected_stage, and of two concurrent moves from the same stage exactly
-- one wins — the other waits for its row lock, sees the new stage and gets PT409 stale_stage.

-- ------------------------------------------------------------------ shared pieces
create function app.batch_json(p_batch_id uuid) returns jsonb
language sql stable security definer set search_path = '' as $$
  select jsonb_build_object(
    'id', b.id, 'org_id', b.org_id, 'batch_number', b.batch_number, 'workflow_id', b.workflow_id,
    'current_stage', b.current_stage,
    'stage_position', app.stage_position(b.workflow_id, b.current_stage),
    'next_stage', case when not b.is_complete
                       then app.stage_at(b.workflow_id, app.stage_position(b.workflow_id, b.current_stage) + 1) end,
    'priority', b.priority, 'quality_status', b.quality_status, 'is_complete', b.is_complete,
    'target_completion', b.target_completion, 'actual_completion', b.actual_completion,
    'is_late', not b.is_complete and b.target_completion < app.org_today(b.org_id),
    'stage_entered_at', b.stage_entered_at, 'completed_at', b.completed_at,
    'order_ids', coalesce((select jsonb_agg(bo.order_id order by bo.added_at, bo.order_id)
                           from public.batch_orders bo where bo.batch_id = b.id), '[]'::jsonb),
    'order_count', (select count(*) from public.batch_orders bo where bo.batch_id = b.id),
    'earliest_due_date', (select min(o.due_date) from public.batch_orders bo join public.orders o on o.id = bo.order_id
                          where bo.batch_id = b.id),
    'total_estimated_hours', bm.total_estimated_hours,
    'created_at', b.created_at, 'updated_at', b.updated_at)
  from public.batches b
  left join public.batch_metadata bm on bm.batch_id = b.id
  where b.id = p_batch_id
$$;
comment on function app.batch_json(uuid) is 'A batch as the RPCs return it (stage position, next stage, orders, lateness).';

create function app.batch_row(p_batch_id uuid, p_lock boolean default false) returns public.batches
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_batch public.batches;
begin
  if p_lock then
    select * into v_batch from public.batches b where b.id = p_batch_id for update;
  else
    select * into v_batch from public.batches b where b.id = p_batch_id;
  end if;
  if v_batch.id is null then
    raise exception using errcode = 'PT404', message = 'Batch not found', detail = 'batch_id';
  end if;
  return v_batch;
end $$;
comment on function app.batch_row(uuid, boolean) is 'A batch (optionally locked); PT404 if missing.';

-- Locks the given orders (in id order, so concurrent calls cannot deadlock) and checks they belong to
-- the organisation and are pending. Returns them.
create function app.lock_pending_orders(p_org_id uuid, p_order_ids uuid[]) returns setof public.orders
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_found integer;
  v_bad text;
begin
  if p_order_ids is null or cardinality(p_order_ids) = 0 then
    perform app.invalid('order_ids', 'Pick at least one order');
  end if;
  if cardinality(p_order_ids) > 500 then
    perform app.invalid('order_ids', 'At most 500 orders at a time');
  end if;
  if (select count(distinct x) from unnest(p_order_ids) x) <> cardinality(p_order_ids) or array_position(p_order_ids, null) is not null then
    perform app.invalid('order_ids', 'Each order once, please');
  end if;
  perform 1 from public.orders o where o.id = any (p_order_ids) order by o.id for update;
  select count(*) into v_found from public.orders o where o.id = any (p_order_ids) and o.org_id = p_org_id;
  if v_found <> cardinality(p_order_ids) then
    perform app.invalid('order_ids', 'Some of these orders do not exist in this organisation');
  end if;
  select string_agg(o.order_number || ' (' || o.status || ')', ', ' order by o.order_number) into v_bad
    from public.orders o where o.id = any (p_order_ids) and o.status <> 'pending';
  if v_bad is not null then
    raise exception using errcode = 'PT409', message = 'Only pending orders can join a batch: ' || v_bad,
      detail = 'order_not_pending';
  end if;
  return query select * from public.orders o where o.id = any (p_order_ids) order by o.id;
end $$;
comment on function app.lock_pending_orders(uuid, uuid[]) is
  'Locks orders in id order; 22023 order_ids if unknown, PT409 order_not_pending unless all pending.';

-- ------------------------------------------------------------------ create_batch_from_orders
create function public.create_batch_from_orders(
  p_org_id uuid,
  p_order_ids uuid[],
  p_priority public.batch_priority default null,
  p_target_completion date default null,
  p_notes text default null,
  p_tags text[] default null,
  p_client_id uuid default null
) returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_replay jsonb;
  v_priority public.batch_priority;
  v_target date;
  v_batch_id uuid;
begin
  perform app.require_production_role(p_org_id, 'supervisor');
  v_replay := app.replay_begin(p_client_id, 'create_batch_from_orders');
  if v_replay is not null then
    return v_replay;
  end if;
  if p_notes is not null and length(p_notes) > 4000 then
    perform app.invalid('notes', 'Keep notes under 4000 characters');
  end if;
  select max(o.priority), min(o.due_date) into v_priority, v_target from app.lock_pending_orders(p_org_id, p_order_ids) o;

  insert into public.batches (org_id, priority, target_completion)
    values (p_org_id, coalesce(p_priority, v_priority, 'standard'), coalesce(p_target_completion, v_target))
    returning id into v_batch_id;
  update public.batch_metadata bm set notes = nullif(btrim(p_notes), ''), tags = coalesce(p_tags, '{}')
    where bm.batch_id = v_batch_id;
  begin
    insert into public.batch_orders (org_id, batch_id, order_id)
      select p_org_id, v_batch_id, x from unnest(p_order_ids) x;
  exception when unique_violation then
    raise exception using errcode = 'PT409', message = 'An order is already in another unfinished batch',
      detail = 'order_in_active_batch';
  end;
  perform app.log_batch_event(p_org_id, v_batch_id, 'orders_added', null, null, null, null, p_order_ids);
  return app.replay_store(p_client_id, 'create_batch_from_orders', p_org_id,
                          jsonb_build_object('batch', app.batch_json(v_batch_id)));
end $$;
comment on function public.create_batch_from_orders(uuid, uuid[], public.batch_priority, date, text, text[], uuid) is
  'Makes a batch of pending orders at the workflow''s first stage (supervisors+). Priority defaults to the '
  'highest of the orders'', target date to their earliest due date. Returns {batch, replayed}. Errors: PT403, '
  '22023 (order_ids, notes), PT409 (order_not_pending, order_in_active_batch).';

-- ------------------------------------------------------------------ advance_batch
create function public.advance_batch(
  p_batch_id uuid,
  p_expected_stage public.production_stage default null,
  p_client_id uuid default null
) returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_batch public.batches := app.batch_row(p_batch_id);
  v_replay jsonb;
  v_from public.production_stage;
  v_next public.production_stage;
  v_now public.batches;
begin
  perform app.require_production_role(v_batch.org_id, 'operator');
  v_replay := app.replay_begin(p_client_id, 'advance_batch');
  if v_replay is not null then
    return v_replay;
  end if;
  if v_batch.is_complete then
    raise exception using errcode = 'PT409', message = format('Batch %s is already complete', v_batch.batch_number),
      detail = 'batch_complete';
  end if;
  v_from := coalesce(p_expected_stage, v_batch.current_stage);
  v_next := app.stage_at(v_batch.workflow_id, app.stage_position(v_batch.workflow_id, v_from) + 1);
  if app.stage_position(v_batch.workflow_id, v_from) is null then
    perform app.invalid('expected_stage', format('%s is not a stage of this batch''s workflow', v_from));
  end if;
  if v_next is null then
    raise exception using errcode = 'PT409',
      message = format('%s is the last stage: complete batch %s instead', v_from, v_batch.batch_number),
      detail = 'at_last_stage';
  end if;

  -- optimistic: only if it is still where the caller saw it (a concurrent mover waits, then finds no row)
  update public.batches b set current_stage = v_next
    where b.id = p_batch_id and b.current_stage = v_from and not b.is_complete;
  if not found then
    select * into v_now from public.batches b where b.id = p_batch_id;
    raise exception using errcode = 'PT409',
      message = case when v_now.is_complete then format('Batch %s was completed meanwhile', v_now.batch_number)
                     else format('Batch %s is at %s now, not %s: someone moved it', v_now.batch_number,
                                 v_now.current_stage, v_from) end,
      detail = 'stale_stage', hint = format('current_stage=%s', v_now.current_stage);
  end if;
  return app.replay_store(p_client_id, 'advance_batch', v_batch.org_id,
                          jsonb_build_object('batch', app.batch_json(p_batch_id), 'from_stage', v_from));
end $$;
comment on function public.advance_batch(uuid, public.production_stage, uuid) is
  'Moves a batch one stage forward (operators+ through a station, or staff). p_expected_stage: the stage the '
  'caller saw; if the batch is elsewhere now, PT409 stale_stage (of two concurrent advances exactly one wins). '
  'Returns {batch, from_stage, replayed}. Errors: PT403, PT404, PT409 (stale_stage, quality_failed, '
  'at_last_stage, batch_complete), 22023 expected_stage.';

-- ------------------------------------------------------------------ return_batch
create function public.return_batch(
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
  perform app.require_production_role(v_batch.org_id, 'supervisor');
  v_replay := app.replay_begin(p_client_id, 'return_batch');
  if v_replay is not null then
    return v_replay;
  end if;
  if nullif(btrim(p_reason), '') is null then
    perform app.invalid('reason', 'Say why the batch goes back');
  end if;
  if v_batch.is_complete then
    raise exception using errcode = 'PT409', message = format('Batch %s is already complete', v_batch.batch_number),
      detail = 'batch_complete';
  end if;
  v_from := coalesce(p_expected_stage, v_batch.current_stage);
  if p_to_stage is null or app.stage_position(v_batch.workflow_id, p_to_stage) is null
     or app.stage_position(v_batch.workflow_id, p_to_stage) >= app.stage_position(v_batch.workflow_id, v_from) then
    perform app.invalid('to_stage', format('Pick a stage before %s', v_from));
  end if;

  perform app.set_reason(p_reason);
  update public.batches b set current_stage = p_to_stage
    where b.id = p_batch_id and b.current_stage = v_from and not b.is_complete;
  if not found then
    select * into v_now from public.batches b where b.id = p_batch_id;
    raise exception using errcode = 'PT409',
      message = format('Batch %s is at %s now, not %s: someone moved it', v_now.batch_number, v_now.current_stage, v_from),
      detail = 'stale_stage', hint = format('current_stage=%s', v_now.current_stage);
  end if;
  perform app.set_reason(null);
  return app.replay_store(p_client_id, 'return_batch', v_batch.org_id,
                          jsonb_build_object('batch', app.batch_json(p_batch_id), 'from_stage', v_from));
end $$;
comment on function public.return_batch(uuid, public.production_stage, text, public.production_stage, uuid) is
  'Sends a batch back to an earlier stage for rework (supervisors+), with a reason (recorded in batch_events '
  'and the orders'' history). Returns {batch, from_stage, replayed}. Errors: PT403, PT404, PT409 (stale_stage, '
  'batch_complete), 22023 (reason, to_stage).';

-- ------------------------------------------------------------------ split_batch
create function public.split_batch(
  p_batch_id uuid,
  p_order_ids uuid[],
  p_reason text default null,
  p_client_id uuid default null
) returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_batch public.batches := app.batch_row(p_batch_id, true);
  v_replay jsonb;
  v_in integer;
  v_total integer;
  v_new_id uuid;
begin
  perform app.require_production_role(v_batch.org_id, 'supervisor');
  v_replay := app.replay_begin(p_client_id, 'split_batch');
  if v_replay is not null then
    return v_replay;
  end if;
  if v_batch.is_complete then
    raise exception using errcode = 'PT409', message = format('Batch %s is already complete', v_batch.batch_number),
      detail = 'batch_complete';
  end if;
  if p_order_ids is null or cardinality(p_order_ids) = 0
     or (select count(distinct x) from unnest(p_order_ids) x) <> cardinality(p_order_ids) then
    perform app.invalid('order_ids', 'Pick the orders to split off, each once');
  end if;
  select count(*) filter (where bo.order_id = any (p_order_ids)), count(*) into v_in, v_total
    from public.batch_orders bo where bo.batch_id = p_batch_id;
  if v_in <> cardinality(p_order_ids) then
    perform app.invalid('order_ids', format('Some of these orders are not in batch %s', v_batch.batch_number));
  end if;
  if v_in = v_total then
    perform app.invalid('order_ids', 'Leave at least one order in the original batch');
  end if;

  perform app.set_reason(p_reason);
  insert into public.batches (org_id, workflow_id, priority, current_stage, quality_status, target_completion)
    values (v_batch.org_id, v_batch.workflow_id, v_batch.priority, v_batch.current_stage, v_batch.quality_status,
            v_batch.target_completion)
    returning id into v_new_id;
  -- the orders stay at the same stage: no detour through pending, no status change
  perform set_config('floorline.batch_move', 'on', true);
  delete from public.batch_orders bo where bo.batch_id = p_batch_id and bo.order_id = any (p_order_ids);
  insert into public.batch_orders (org_id, batch_id, order_id)
    select v_batch.org_id, v_new_id, x from unnest(p_order_ids) x;
  perform set_config('floorline.batch_move', '', true);
  perform app.log_batch_event(v_batch.org_id, p_batch_id, 'split', v_batch.current_stage, v_batch.current_stage, null,
                              p_reason, p_order_ids, v_new_id);
  perform app.log_batch_event(v_batch.org_id, v_new_id, 'split', v_batch.current_stage, v_batch.current_stage, null,
                              p_reason, p_order_ids, p_batch_id);
  perform app.set_reason(null);
  return app.replay_store(p_client_id, 'split_batch', v_batch.org_id,
                          jsonb_build_object('batch', app.batch_json(p_batch_id), 'new_batch', app.batch_json(v_new_id)));
end $$;
comment on function public.split_batch(uuid, uuid[], text, uuid) is
  'Moves some orders of a batch into a new batch at the same stage, priority, quality and target date '
  '(supervisors+). Returns {batch, new_batch, replayed}. Errors: PT403, PT404, PT409 batch_complete, '
  '22023 order_ids (not in the batch, or all of them).';

-- ------------------------------------------------------------------ set_batch_quality
create function public.set_batch_quality(
  p_batch_id uuid,
  p_quality public.quality_status,
  p_reason text default null,
  p_client_id uuid default null
) returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_batch public.batches := app.batch_row(p_batch_id, true);
  v_replay jsonb;
begin
  perform app.require_production_role(v_batch.org_id, 'operator');
  v_replay := app.replay_begin(p_client_id, 'set_batch_quality');
  if v_replay is not null then
    return v_replay;
  end if;
  if p_quality is null then
    perform app.invalid('quality', 'Pick good, warning or failed');
  end if;
  if p_quality = 'failed' and nullif(btrim(p_reason), '') is null then
    perform app.invalid('reason', 'Say what failed');
  end if;
  if v_batch.is_complete then
    raise exception using errcode = 'PT409', message = format('Batch %s is already complete', v_batch.batch_number),
      detail = 'batch_complete';
  end if;
  perform app.set_reason(p_reason);
  update public.batches b set quality_status = p_quality where b.id = p_batch_id and b.quality_status <> p_quality;
  perform app.set_reason(null);
  return app.replay_store(p_client_id, 'set_batch_quality', v_batch.org_id,
                          jsonb_build_object('batch', app.batch_json(p_batch_id)));
end $$;
comment on function public.set_batch_quality(uuid, public.quality_status, text, uuid) is
  'Sets a batch''s quality (operators+, e.g. at the acoustic lab); failed needs a reason and blocks leaving '
  'Acoustic QC. Returns {batch, replayed}. Errors: PT403, PT404, PT409 batch_complete, 22023 (quality, reason).';

-- ------------------------------------------------------------------ complete_batch
create function public.complete_batch(p_batch_id uuid, p_client_id uuid default null) returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_batch public.batches := app.batch_row(p_batch_id, true);
  v_replay jsonb;
begin
  perform app.require_production_role(v_batch.org_id, 'operator');
  v_replay := app.replay_begin(p_client_id, 'complete_batch');
  if v_replay is not null then
    return v_replay;
  end if;
  if v_batch.is_complete then
    raise exception using errcode = 'PT409', message = format('Batch %s is already complete', v_batch.batch_number),
      detail = 'batch_complete';
  end if;
  update public.batches b set is_complete = true where b.id = p_batch_id;
  return app.replay_store(p_client_id, 'complete_batch', v_batch.org_id,
                          jsonb_build_object('batch', app.batch_json(p_batch_id)));
end $$;
comment on function public.complete_batch(uuid, uuid) is
  'Completes a batch at its last stage (Shipping): its orders become shipped (operators+). Returns {batch, '
  'replayed}. Errors: PT403, PT404, PT409 (batch_complete, not_at_last_stage, quality_failed).';

-- ------------------------------------------------------------------ add / remove orders
create function public.add_orders_to_batch(p_batch_id uuid, p_order_ids uuid[], p_client_id uuid default null)
returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_batch public.batches := app.batch_row(p_batch_id, true);
  v_replay jsonb;
begin
  perform app.require_production_role(v_batch.org_id, 'supervisor');
  v_replay := app.replay_begin(p_client_id, 'add_orders_to_batch');
  if v_replay is not null then
    return v_replay;
  end if;
  if v_batch.is_complete then
    raise exception using errcode = 'PT409', message = format('Batch %s is already complete', v_batch.batch_number),
      detail = 'batch_complete';
  end if;
  -- an order joining later would skip the stages the batch has done
  if v_batch.current_stage is distinct from app.first_stage(v_batch.workflow_id) then
    raise exception using errcode = 'PT409',
      message = format('Batch %s is past %s: start a new batch for these orders', v_batch.batch_number,
                       app.first_stage(v_batch.workflow_id)),
      detail = 'batch_started';
  end if;
  perform 1 from app.lock_pending_orders(v_batch.org_id, p_order_ids);
  begin
    insert into public.batch_orders (org_id, batch_id, order_id)
      select v_batch.org_id, p_batch_id, x from unnest(p_order_ids) x;
  exception when unique_violation then
    raise exception using errcode = 'PT409', message = 'An order is already in another unfinished batch',
      detail = 'order_in_active_batch';
  end;
  perform app.log_batch_event(v_batch.org_id, p_batch_id, 'orders_added', null, null, null, null, p_order_ids);
  return app.replay_store(p_client_id, 'add_orders_to_batch', v_batch.org_id,
                          jsonb_build_object('batch', app.batch_json(p_batch_id)));
end $$;
comment on function public.add_orders_to_batch(uuid, uuid[], uuid) is
  'Adds pending orders to a batch still at its first stage (supervisors+). Returns {batch, replayed}. Errors: '
  'PT403, PT404, PT409 (batch_complete, batch_started, order_not_pending, order_in_active_batch), 22023 order_ids.';

create function public.remove_order_from_batch(
  p_batch_id uuid,
  p_order_id uuid,
  p_reason text,
  p_client_id uuid default null
) returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_batch public.batches := app.batch_row(p_batch_id, true);
  v_replay jsonb;
begin
  perform app.require_production_role(v_batch.org_id, 'supervisor');
  v_replay := app.replay_begin(p_client_id, 'remove_order_from_batch');
  if v_replay is not null then
    return v_replay;
  end if;
  if nullif(btrim(p_reason), '') is null then
    perform app.invalid('reason', 'Say why the order leaves the batch');
  end if;
  if v_batch.is_complete then
    raise exception using errcode = 'PT409', message = format('Batch %s is already complete', v_batch.batch_number),
      detail = 'batch_complete';
  end if;
  perform app.set_reason(p_reason);
  delete from public.batch_orders bo where bo.batch_id = p_batch_id and bo.order_id = p_order_id;
  if not found then
    raise exception using errcode = 'PT404', message = format('That order is not in batch %s', v_batch.batch_number),
      detail = 'order_id';
  end if;
  perform app.log_batch_event(v_batch.org_id, p_batch_id, 'order_removed', null, null, null, p_reason, array[p_order_id]);
  perform app.set_reason(null);
  return app.replay_store(p_client_id, 'remove_order_from_batch', v_batch.org_id,
                          jsonb_build_object('batch', app.batch_json(p_batch_id), 'order', app.order_json(p_order_id)));
end $$;
comment on function public.remove_order_from_batch(uuid, uuid, text, uuid) is
  'Takes an order out of an unfinished batch; it becomes pending again (supervisors+, reason required). '
  'Returns {batch, order, replayed}. Errors: PT403, PT404 (batch, order_id), PT409 batch_complete, 22023 reason.';

-- ------------------------------------------------------------------ grants
revoke execute on all functions in schema app from public;
revoke execute on function
  public.create_batch_from_orders(uuid, uuid[], public.batch_priority, date, text, text[], uuid),
  public.advance_batch(uuid, public.production_stage, uuid),
  public.return_batch(uuid, public.production_stage, text, public.production_stage, uuid),
  public.split_batch(uuid, uuid[], text, uuid),
  public.set_batch_quality(uuid, public.quality_status, text, uuid),
  public.complete_batch(uuid, uuid),
  public.add_orders_to_batch(uuid, uuid[], uuid),
  public.remove_order_from_batch(uuid, uuid, text, uuid)
  from public, anon, authenticated, service_role;
grant execute on function
  public.create_batch_from_orders(uuid, uuid[], public.batch_priority, date, text, text[], uuid),
  public.advance_batch(uuid, public.production_stage, uuid),
  public.return_batch(uuid, public.production_stage, text, public.production_stage, uuid),
  public.split_batch(uuid, uuid[], text, uuid),
  public.set_batch_quality(uuid, public.quality_status, text, uuid),
  public.complete_batch(uuid, uuid),
  public.add_orders_to_batch(uuid, uuid[], uuid),
  public.remove_order_from_batch(uuid, uuid, text, uuid)
  to authenticated, service_role;
