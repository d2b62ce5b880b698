-- floor_advance_item: move an item's batch on when its stage's work is done. Design: docs/floor.md §6.
--
-- Advancing is the production rule (advance_batch / complete_batch from 20261122001900: one stage at
-- a time, quality gates, optimistic expected stage) behind one more rule of the floor: every required
-- action of the stage must be completed, for the batch and for each of its orders (PT422
-- REQUIRED_ACTIONS_PENDING, the list in `hint`). Scanning an order and advancing moves its whole
-- batch, since orders travel with their batch. At the last stage, advancing completes the batch.
-- Stage queues follow: entries of the batch (and its orders) in queues of the stage it leaves are
-- completed; active queues of the stage it enters receive it (priority by their rules; skipped when
-- full).

create function public.floor_advance_item(
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
  v_blockers jsonb;
  v_count integer;
  v_from public.production_stage;
  v_next public.production_stage;
  v_result jsonb;
  v_completed boolean;
  v_batch_item uuid;
  v_queue uuid;
  v_added jsonb := '[]'::jsonb;
  v_entry uuid;
  v_state text;
  v_msg text;
  v_detail text;
  v_hint text;
begin
  v_replay := app.floor_replay_begin(p_client_id, 'floor_advance_item');
  if v_replay is not null then
    return v_replay;
  end if;
  select * into v_item from app.floor_require_item(v_session.org_id, p_item_id);
  select * into c from app.floor_item_context(v_item.kind, v_item.ref_id);
  if c.batch_id is null then
    perform app.floor_raise('PT422', 'ITEM_NOT_ADVANCEABLE',
      format('%s is not in an unfinished batch (%s): there is no stage to advance', c.number, c.status),
      jsonb_build_object('status', c.status));
  end if;
  select * into v_batch from public.batches b where b.id = c.batch_id for update;
  if v_batch.is_complete then
    perform app.floor_raise('PT422', 'ITEM_COMPLETE', format('Batch %s is already complete', v_batch.batch_number));
  end if;
  v_from := v_batch.current_stage;
  if p_expected_stage is not null and p_expected_stage <> v_from then
    perform app.floor_raise('PT409', 'STALE_STAGE',
      format('Batch %s is at %s now, not %s: someone moved it', v_batch.batch_number, v_from, p_expected_stage),
      jsonb_build_object('current_stage', v_from));
  end if;

  select count(*), coalesce(jsonb_agg(jsonb_build_object('item_id', x.item_id, 'kind', x.kind, 'ref_id', x.ref_id,
                                                         'number', x.number, 'key', x.action_key, 'label', x.label,
                                                         'status', x.status) order by x.rn)
                    filter (where x.rn <= 20), '[]'::jsonb)
    into v_count, v_blockers
    from (select b.*, row_number() over (order by b.kind = 'order', b.number, b.action_key) as rn
          from app.floor_blocking_actions(v_batch.id) b) x;
  if v_count > 0 then
    perform app.floor_raise('PT422', 'REQUIRED_ACTIONS_PENDING',
      format('%s required action(s) still to do at %s, e.g. %s on %s', v_count, v_from,
             v_blockers -> 0 ->> 'label', v_blockers -> 0 ->> 'number'),
      jsonb_build_object('count', v_count, 'pending', v_blockers));
  end if;

  v_next := app.stage_at(v_batch.workflow_id, app.stage_position(v_batch.workflow_id, v_from) + 1);
  v_completed := v_next is null;
  begin
    if v_completed then
      v_result := public.complete_batch(v_batch.id, null);
    else
      v_result := public.advance_batch(v_batch.id, v_from, null);
    end if;
  exception when sqlstate 'PT409' then
    get stacked diagnostics v_state = returned_sqlstate, v_msg = message_text, v_detail = pg_exception_detail,
                            v_hint = pg_exception_hint;
    case v_detail
      when 'stale_stage' then
        perform app.floor_raise('PT409', 'STALE_STAGE', v_msg, jsonb_build_object(
          'current_stage', (select b.current_stage from public.batches b where b.id = v_batch.id)));
      when 'quality_failed' then
        perform app.floor_raise('PT422', 'QUALITY_FAILED', v_msg);
      when 'batch_complete' then
        perform app.floor_raise('PT422', 'ITEM_COMPLETE', v_msg);
      else
        raise exception using errcode = v_state, message = v_msg, detail = coalesce(v_detail, ''), hint = coalesce(v_hint, '');
    end case;
  end;

  -- stage queues: done here, waiting there
  select f.item_id into v_batch_item from app.floor_resolve_item(v_session.org_id, v_batch.id, true) f;
  update public.floor_queue_items qi
    set status = 'completed', completed_at = now(), completed_by = v_session.member_id,
        started_at = coalesce(qi.started_at, now())
    from public.floor_queues q
    where q.id = qi.queue_id and q.workflow_id = v_batch.workflow_id and q.stage = v_from
      and qi.status in ('waiting', 'in_progress')
      and (qi.item_id = v_batch_item
           or qi.item_id in (select fi.id from public.batch_orders bo join public.floor_items fi on fi.order_id = bo.order_id
                             where bo.batch_id = v_batch.id));
  if not v_completed then
    for v_queue in
      select q.id from public.floor_queues q
      where q.org_id = v_session.org_id and q.is_active and q.workflow_id = v_batch.workflow_id and q.stage = v_next
      order by q.name
    loop
      v_entry := app.floor_enqueue(v_queue, v_batch_item, null, null, null, true);
      if v_entry is not null then
        v_added := v_added || jsonb_build_array(app.floor_queue_item_json(v_entry));
      end if;
    end loop;
  end if;

  update public.floor_sessions s
    set items_processed = s.items_processed + 1, last_activity_at = now(), current_item_id = v_item.item_id,
        current_stage = case when v_completed then s.current_stage else v_next end
    where s.id = v_session.id;

  return app.floor_replay_store(p_client_id, 'floor_advance_item', v_session.org_id, jsonb_build_object(
    'item', app.floor_item_card(v_item.kind, v_item.ref_id),
    'batch', v_result -> 'batch',
    'from_stage', v_from, 'to_stage', v_next, 'completed', v_completed,
    'queue_entries', v_added));
end $$;
comment on function public.floor_advance_item(uuid, uuid, uuid, public.production_stage) is
  'Advances the item''s batch one stage (completes it at the last stage) once every required action of the stage is '
  'done, for the batch and each of its orders; stage queues follow. p_expected_stage: the stage the tablet showed. '
  'Returns {item, batch, from_stage, to_stage, completed, queue_entries, replayed}. Errors: PT403, PT404 '
  'ITEM_NOT_FOUND/SESSION_NOT_FOUND, PT409 STALE_STAGE/SESSION_ENDED/SESSION_TAKEN, PT422 REQUIRED_ACTIONS_PENDING '
  '(hint: {count, pending[]}) / ITEM_NOT_ADVANCEABLE / ITEM_COMPLETE / QUALITY_FAILED.';

revoke execute on all functions in schema app from public;
revoke execute on function public.floor_advance_item(uuid, uuid, uuid, public.production_stage)
  from public, anon, authenticated, service_role;
grant execute on function public.floor_advance_item(uuid, uuid, uuid, public.production_stage)
  to authenticated, service_role;
