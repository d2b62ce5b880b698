-- Sewing on the station tablet (issue 14, docs/garment.md "On the tablet"): a bundle's card on /scan
-- carries its sewing operations in order with each one's state, and the tablet's sewing writes are
-- two more operations of the one offline write path (floor_sync, POST /api/disco/sync), so they wait
-- in the device's sync queue like every other floor write and apply once by their client id:
--   sewing_scan    {bundle_id, operation_id, step: start | complete, units?, machine_id?, scanned_at?}
--                  → public.sewing_scan (makes the run if needed; starts or completes). `step` is what
--                  the operator tapped: checked first, so a queued start never turns into a completion
--                  of an operation someone else started meanwhile (a client id that already applied is
--                  replayed as it was, before any check);
--   sewing_defect  {bundle_id, operation_id, defect_code?, rework?, count?} → public.record_sewing_defect
--                  on the bundle's run operation (found by bundle and operation: an entry queued offline
--                  after a queued start never knew the run operation's id).
-- Both answer the RPC's answer plus `sewing`, the bundle's sewing part of its card as it is now.
-- The rules stay the sewing triggers' (20261204051100): the card only reports them (blocked_by,
-- max_units), and a refusal comes back with the trigger's message.
-- floor_offline_data also caches the bundles a location is sewing or holds (their cards with the
-- operations), and reads bundle floor items right (their ref_id is the bundle).

-- ------------------------------------------------------------------ the card's sewing part
create function app.floor_bundle_sewing(p_bundle_id uuid) returns jsonb
language sql stable security definer set search_path = '' as $$
  with b as (
    select bu.id, bu.status, bu.quantity - bu.rejected_quantity as good_units, s.product_type_id, pt.code as product_type
    from public.bundles bu
    join public.styles s on s.id = bu.style_id
    join public.product_types pt on pt.id = s.product_type_id
    where bu.id = p_bundle_id
  ), run as (
    -- the unfinished run, else the latest
    select r.* from public.sewing_runs r join b on b.id = r.bundle_id
    order by (r.status <> 'COMPLETED') desc, r.created_at desc limit 1
  ), ops as (
    -- the run's operations; no run yet: the active operations of the product type (what a run gets)
    select o.id, o.name, o.sequence_number, o.machine_type, o.standard_minutes, o.depends_on, o.has_qc_checkpoint,
           o.defect_codes, ro.id as run_operation_id, coalesce(ro.status, 'PENDING') as status, ro.operator_id,
           coalesce(ro.units_completed, 0) as units_completed, coalesce(ro.defects_found, 0) as defects_found,
           coalesce(ro.rework_units, 0) as rework_units, coalesce(ro.defect_tally, '{}') as defect_tally,
           ro.machine_id, ro.started_at, ro.completed_at, ro.efficiency
    from b
    join public.sewing_operations o on o.product_type_id = b.product_type_id
    left join run on true
    left join public.sewing_run_operations ro on ro.sewing_run_id = run.id and ro.operation_id = o.id
    where (run.id is null and o.is_active) or ro.id is not null
  ), judged as (
    select x.*,
           array(select d.name from ops d where d.id = any (x.depends_on) and d.status <> 'COMPLETED'
                 order by d.sequence_number, d.name) as blocked_by,
           (select min(d.units_completed) from ops d where d.id = any (x.depends_on)) as dep_units
    from ops x
  )
  select jsonb_build_object(
    'product_type', b.product_type,
    'good_units', b.good_units,
    'bundle_status', b.status,
    'run', (select jsonb_build_object('id', r.id, 'run_number', r.run_number, 'number', 'SR-' || r.run_number,
                                      'status', r.status, 'completed_ops', r.completed_ops,
                                      'total_operations', r.total_operations) from run r),
    'operations', coalesce((
      select jsonb_agg(jsonb_build_object(
               'operation_id', j.id, 'run_operation_id', j.run_operation_id, 'name', j.name,
               'sequence_number', j.sequence_number, 'machine_type', j.machine_type,
               'standard_minutes', j.standard_minutes, 'has_qc_checkpoint', j.has_qc_checkpoint,
               'defect_codes', j.defect_codes, 'status', j.status,
               'state', case j.status when 'COMPLETED' then 'done' when 'IN_PROGRESS' then 'in_progress'
                                      else case when cardinality(j.blocked_by) > 0 then 'blocked' else 'ready' end end,
               'blocked_by', to_jsonb(j.blocked_by),
               'depends_on', coalesce((select jsonb_agg(jsonb_build_object('operation_id', d.id, 'name', d.name)
                                                        order by d.sequence_number, d.name)
                                       from ops d where d.id = any (j.depends_on)), '[]'::jsonb),
               -- the most a completion may record: the bundle's good units, and what the dependencies passed on
               'max_units', least(b.good_units, j.dep_units),
               'operator', (select jsonb_build_object('member_id', m.id, 'display_name', m.display_name)
                            from public.members m where m.id = j.operator_id),
               'machine_id', j.machine_id, 'units_completed', j.units_completed, 'defects_found', j.defects_found,
               'rework_units', j.rework_units, 'defect_tally', j.defect_tally, 'efficiency', j.efficiency,
               'started_at', j.started_at, 'completed_at', j.completed_at)
             order by j.sequence_number, j.name)
      from judged j), '[]'::jsonb))
  from b
$$;
comment on function app.floor_bundle_sewing(uuid) is
  'A bundle card''s sewing part: product type, good units, its run (the unfinished one, else the latest) and every '
  'operation in order with its state (blocked with blocked_by / ready / in_progress with the operator / done), '
  'units, defects, rework, the defect codes and max_units (good units, and what the dependencies passed on).';

-- ------------------------------------------------------------------ the two sync operations
create function app.floor_sewing_op(p_op text, p_client_id uuid, a jsonb) returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_org uuid;
  v_bundle uuid := (a ->> 'bundle_id')::uuid;
  v_operation uuid := (a ->> 'operation_id')::uuid;
  v_step text := a ->> 'step';
  v_ro public.sewing_run_operations;
  v_answer jsonb;
begin
  if v_bundle is null then
    perform app.raise('VALIDATION_FAILED', 'Which bundle: bundle_id', 'args.bundle_id');
  end if;
  if v_operation is null then
    perform app.raise('VALIDATION_FAILED', 'Which operation: operation_id', 'args.operation_id');
  end if;
  v_org := app.floor_acting_org((a ->> 'org_id')::uuid);
  perform app.require_member(v_org, 'operator', true);
  if not exists (select 1 from public.bundles bu where bu.id = v_bundle and bu.org_id = v_org) then
    perform app.raise('BUNDLE_NOT_FOUND', 'No such bundle in this workshop', 'bundle_id');
  end if;
  -- the bundle's run operation for it: of the unfinished run, else the latest
  select ro.* into v_ro
  from public.sewing_runs r
  join public.sewing_run_operations ro on ro.sewing_run_id = r.id and ro.operation_id = v_operation
  where r.bundle_id = v_bundle and r.org_id = v_org
  order by (r.status <> 'COMPLETED') desc, r.created_at desc limit 1;

  if p_op = 'sewing_scan' then
    if v_step is not null and v_step not in ('start', 'complete') then
      perform app.raise('VALIDATION_FAILED', 'step is start or complete', 'args.step');
    end if;
    -- what the operator tapped, unless this client id already applied (sewing_scan replays it)
    if v_step is not null and not exists (select 1 from app.rpc_replays x where x.client_id = p_client_id) then
      if v_step = 'start' and v_ro.status <> 'PENDING' then
        perform app.raise('RUN_OPERATION_STATUS', format('Already %s', lower(replace(v_ro.status::text, '_', ' '))),
                          'operation_id', jsonb_build_object('status', v_ro.status));
      elsif v_step = 'complete' and coalesce(v_ro.status, 'PENDING') = 'PENDING' then
        perform app.raise('RUN_OPERATION_STATUS', 'Start the operation first', 'operation_id',
                          jsonb_build_object('status', 'PENDING'));
      end if;
    end if;
    v_answer := public.sewing_scan(v_org, v_bundle, v_operation, (a ->> 'units')::integer, a ->> 'machine_id',
                                   (a ->> 'scanned_at')::timestamptz, p_client_id);
  else
    if v_ro.id is null then
      perform app.raise('RUN_OPERATION_STATUS', 'Start the operation first', 'operation_id',
                        jsonb_build_object('status', 'PENDING'));
    end if;
    v_answer := public.record_sewing_defect(v_ro.id, a ->> 'defect_code', coalesce((a ->> 'rework')::boolean, false),
                                            coalesce((a ->> 'count')::integer, 1), p_client_id);
  end if;
  return v_answer || jsonb_build_object('sewing', app.floor_bundle_sewing(v_bundle));
end $$;
comment on function app.floor_sewing_op(text, uuid, jsonb) is
  'Sync ops sewing_scan (step start | complete checked, then public.sewing_scan) and sewing_defect '
  '(public.record_sewing_defect on the bundle''s run operation), idempotent by client id; answers with `sewing`, '
  'the bundle card''s sewing part now.';

-- ------------------------------------------------------------------ floor_run_op and floor_sync: + the sewing ops
-- ==== app.floor_run_op: + sewing_scan, sewing_defect
CREATE OR REPLACE FUNCTION app.floor_run_op(p_op text, p_client_id uuid, a jsonb)
 RETURNS jsonb
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
begin
  return case p_op
    when 'scan' then public.floor_scan(p_client_id, (a ->> 'session_id')::uuid, a ->> 'code',
                                       (a ->> 'scan_type')::public.floor_scan_type, a -> 'device_info',
                                       (a ->> 'scanned_at')::timestamptz)
    when 'complete_action' then public.floor_complete_action(p_client_id, (a ->> 'session_id')::uuid,
                                       (a ->> 'item_id')::uuid, a ->> 'action_key', coalesce(a -> 'data', '{}'),
                                       coalesce((a ->> 'status')::public.floor_action_status, 'completed'),
                                       (a ->> 'duration_ms')::integer, a ->> 'approver_badge', a ->> 'approver_pin',
                                       (a ->> 'completed_at')::timestamptz)
    when 'update_action' then public.floor_update_action(p_client_id, (a ->> 'action_id')::uuid,
                                       coalesce((a ->> 'status')::public.floor_action_status, 'completed'), a -> 'data',
                                       (a ->> 'duration_ms')::integer, a ->> 'approver_badge', a ->> 'approver_pin',
                                       (a ->> 'completed_at')::timestamptz)
    when 'advance' then public.floor_advance_item(p_client_id, (a ->> 'session_id')::uuid, (a ->> 'item_id')::uuid,
                                       (a ->> 'expected_stage')::text)
    when 'queue_add' then public.floor_queue_add(p_client_id, (a ->> 'queue_id')::uuid, (a ->> 'item_id')::uuid,
                                       (a ->> 'priority')::public.floor_priority, (a ->> 'assigned_to')::uuid,
                                       (a ->> 'estimated_minutes')::numeric)
    when 'queue_assign' then public.floor_queue_assign(p_client_id, (a ->> 'queue_item_id')::uuid, (a ->> 'member_id')::uuid)
    when 'queue_complete' then public.floor_queue_complete(p_client_id, (a ->> 'queue_item_id')::uuid,
                                       (a ->> 'session_id')::uuid)
    when 'update_session' then public.floor_update_session((a ->> 'session_id')::uuid, (a ->> 'location_id')::uuid,
                                       (a ->> 'team_id')::uuid, a -> 'device_info', (a ->> 'current_item_id')::uuid)
    when 'end_session' then public.floor_end_session((a ->> 'session_id')::uuid)
    when 'sewing_scan' then app.floor_sewing_op(p_op, p_client_id, a)
    when 'sewing_defect' then app.floor_sewing_op(p_op, p_client_id, a)
  end;
end $function$;

-- ==== public.floor_sync: the op list + sewing_scan, sewing_defect (otherwise as in 20261204045001)
create or replace function public.floor_sync(p_ops jsonb) returns jsonb
language plpgsql volatile security definer set search_path = '' set lock_timeout = '5s' as $$
declare
  v_op jsonb;
  v_i integer := 0;
  v_name text;
  v_client_text text;
  v_client uuid;
  v_args jsonb;
  v_answer jsonb;
  v_status integer;
  v_results jsonb := '[]'::jsonb;
  v_ok integer := 0;
  v_state text;
  v_msg text;
  v_detail text;
  v_hint text;
  v_conf public.sync_conflicts;
  v_applied boolean;
  v_recorded jsonb;
begin
  if (select auth.uid()) is null then
    perform app.raise('NOT_SIGNED_IN', 'Sign in first');
  end if;
  if jsonb_typeof(p_ops) is distinct from 'array' or jsonb_array_length(p_ops) > 100 then
    perform app.raise('VALIDATION_FAILED', 'ops is a list of at most 100 operations', 'ops');
  end if;
  for v_op in select e from jsonb_array_elements(p_ops) e loop
    v_i := v_i + 1;
    v_name := v_op ->> 'op';
    v_client_text := v_op ->> 'client_id';
    v_args := coalesce(v_op -> 'args', '{}'::jsonb);
    v_answer := null;
    v_status := null;
    v_state := null;
    v_detail := null;
    v_conf := null;
    perform set_config('response.status', '', true);
    begin
      if v_name is null or v_name not in ('scan', 'complete_action', 'update_action', 'advance', 'queue_add',
                                          'queue_assign', 'queue_complete', 'update_session', 'end_session',
                                          'start_session', 'sewing_scan', 'sewing_defect') then
        perform app.raise('VALIDATION_FAILED', format('Unknown operation %s', coalesce(v_name, '(none)')), 'op');
      end if;
      if jsonb_typeof(v_args) <> 'object' then
        perform app.raise('VALIDATION_FAILED', 'args must be an object', 'args');
      end if;
      v_client := v_client_text::uuid;
      if v_client is null and v_name not in ('update_session', 'end_session') then
        perform app.raise('VALIDATION_FAILED', 'Offline operations need a client_id', 'client_id');
      end if;
      if v_client is not null then
        select * into v_conf from public.sync_conflicts c
          where c.client_id = v_client and c.user_id = (select auth.uid());
        v_applied := exists (select 1 from app.rpc_replays r where r.client_id = v_client);
      end if;
      if v_conf.resolution in ('keep_server', 'discard') and not v_applied then
        v_answer := jsonb_build_object('resolved', true, 'resolution', v_conf.resolution, 'conflict_id', v_conf.id,
                                       'resolved_at', v_conf.resolved_at, 'reason', v_conf.resolution_reason);
        v_status := 200;
      else
        if v_conf.resolution = 'keep_mine' then
          -- the supervisor chose the device's version: apply it to the item as it is now
          v_args := v_args - 'seen' - 'expected_stage';
        elsif v_name = 'complete_action' and not v_applied then
          perform app.sync_seen_check(v_args);
        end if;
        v_answer := case when v_name = 'start_session' then app.floor_start_offline_session(v_client, v_args)
                         else app.floor_run_op(v_name, v_client, v_args - 'seen') end;
        v_status := coalesce(nullif(current_setting('response.status', true), '')::int, 200);
      end if;
    exception when others then
      get stacked diagnostics v_state = returned_sqlstate, v_msg = message_text, v_detail = pg_exception_detail,
                              v_hint = pg_exception_hint;
      v_status := app.floor_http_status(v_state);
      v_answer := jsonb_build_object('code', v_state, 'message', v_msg, 'details', nullif(v_detail, ''),
                                     'hint', nullif(v_hint, ''));
    end;
    if v_status >= 400 and v_detail in ('ITEM_LOCKED', 'ITEM_CHANGED', 'STALE_STAGE') and v_client is not null then
      v_recorded := app.sync_conflict_record(v_client, v_name, v_args, v_detail, v_msg,
                                             case when v_hint ~ '^\s*\{' then v_hint::jsonb end);
      if v_recorded is not null then
        v_answer := v_answer || jsonb_build_object('hint',
          (coalesce(case when v_hint ~ '^\s*\{' then v_hint::jsonb end, '{}'::jsonb) || v_recorded)::text);
      end if;
    end if;
    if v_status < 400 then
      v_ok := v_ok + 1;
    end if;
    v_results := v_results || jsonb_build_array(jsonb_build_object(
      'index', v_i - 1, 'op', v_name, 'client_id', v_client_text, 'ok', v_status < 400, 'status', v_status,
      case when v_status < 400 then 'data' else 'error' end, v_answer));
  end loop;
  perform set_config('response.status', '', true);
  return jsonb_build_object('results', v_results, 'succeeded', v_ok, 'failed', v_i - v_ok);
end $$;
comment on function public.floor_sync(jsonb) is
  'Replays a tablet''s offline operations in order (POST /api/disco/sync): p_ops = [{op, client_id, args}] with op '
  'scan | complete_action | update_action | advance | queue_add | queue_assign | queue_complete | update_session | '
  'end_session | start_session | sewing_scan | sewing_defect and args the RPC''s parameters without p_ (complete_action '
  'may carry seen {stage, stage_entered_at}). Each op is idempotent by client_id and runs on its own: results [{index, '
  'op, client_id, ok, status, data | error}], succeeded, failed. ITEM_LOCKED / ITEM_CHANGED / STALE_STAGE are recorded '
  'as sync_conflicts (hint: conflict_id, theirs); a change resolved keep_server/discard is answered {resolved, '
  'resolution}. Always 200.';

-- ------------------------------------------------------------------ the card and the offline snapshot
-- ==== app.floor_bundle_details: + sewing
create or replace function app.floor_bundle_details(p_bundle_id uuid) returns jsonb
language sql stable security definer set search_path = '' as $$
  select jsonb_build_object(
    'id', bu.id, 'bundle_number', bu.bundle_number, 'number', 'BN-' || bu.bundle_number,
    'style', jsonb_build_object('id', s.id, 'code', s.code, 'name', s.name, 'product_type', pt.code),
    'size', bu.size, 'colour', bu.colour, 'shade', bu.shade, 'quantity', bu.quantity,
    'rejected_quantity', bu.rejected_quantity, 'good_units', bu.quantity - bu.rejected_quantity,
    'status', bu.status, 'status_label', coalesce(d.fsm_schema -> 'meta' -> bu.status ->> 'label', bu.status),
    'type_definition_id', bu.type_definition_id,
    'sewing', app.floor_bundle_sewing(bu.id),
    'location', case when l.id is not null then jsonb_build_object('id', l.id, 'name', l.name) end,
    'lay', case when la.id is not null then jsonb_build_object('id', la.id, 'lay_number', la.lay_number) end,
    'cut_order', case when co.id is not null
                      then jsonb_build_object('id', co.id, 'cut_order_number', co.cut_order_number) end,
    'cutting_run', case when cr.id is not null then jsonb_build_object('id', cr.id, 'run_number', cr.run_number) end,
    'transitions', coalesce((select jsonb_agg(jsonb_build_object('name', t.name, 'to', t.to_state, 'requires', t.requires)
                                              order by t.name)
                             from app.fsm_transitions(d.fsm_schema, bu.status) t), '[]'::jsonb),
    'history', coalesce((select jsonb_agg(jsonb_build_object(
                                  'from_status', h.from_status, 'to_status', h.to_status, 'transition', h.transition,
                                  'from_location', fl.name, 'to_location', tl.name, 'member', m.display_name,
                                  'reason', h.change_reason, 'scanned_at', h.scanned_at, 'device', h.scanner_device,
                                  'at', h.created_at) order by h.id desc)
                         from (select * from public.bundle_status_history x where x.bundle_id = bu.id
                               order by x.id desc limit 10) h
                         left join public.locations fl on fl.id = h.from_location_id
                         left join public.locations tl on tl.id = h.to_location_id
                         left join public.members m on m.id = h.member_id), '[]'::jsonb))
  from public.bundles bu
  join public.styles s on s.id = bu.style_id
  join public.product_types pt on pt.id = s.product_type_id
  join public.type_definitions d on d.id = bu.type_definition_id
  left join public.locations l on l.id = bu.location_id
  left join public.lays la on la.id = bu.lay_id
  left join public.cut_orders co on co.id = bu.cut_order_id
  left join public.cutting_runs cr on cr.id = bu.cutting_run_id
  where bu.id = p_bundle_id
$$;

-- ==== public.floor_offline_data: + the bundles the location sews or holds; bundle items' ref_id
CREATE OR REPLACE FUNCTION public.floor_offline_data(p_location_id uuid, p_limit integer DEFAULT 200)
 RETURNS jsonb
 LANGUAGE plpgsql
 STABLE SECURITY DEFINER
 SET search_path TO ''
AS $function$
declare
  v_org uuid := (select l.org_id from public.locations l where l.id = p_location_id);
  v_items jsonb;
  v_queues jsonb;
  v_item_ids uuid[];
begin
  if v_org is null then
    perform app.raise('LOCATION_NOT_FOUND', 'Location not found');
  end if;
  perform app.require_member(v_org, 'operator', true);
  select coalesce(jsonb_agg(app.floor_queue_json(q.id) || jsonb_build_object('items', (
           select coalesce(jsonb_agg(app.floor_queue_item_json(qi.id) order by qi.priority desc, qi.added_at), '[]'::jsonb)
           from public.floor_queue_items qi where qi.queue_id = q.id and qi.status in ('waiting', 'in_progress')))
         order by q.name), '[]'::jsonb)
    into v_queues
    from public.floor_queues q where q.org_id = v_org and q.location_id = p_location_id and q.is_active;
  v_item_ids := array(
    select qi.item_id from public.floor_queue_items qi join public.floor_queues q on q.id = qi.queue_id
    where q.location_id = p_location_id and q.is_active and qi.status in ('waiting', 'in_progress')
    group by qi.item_id order by min(qi.added_at)
    limit least(greatest(coalesce(p_limit, 200), 1), 500));
  -- the bundles this location is sewing (an unfinished run here) or holds, still to be sewn: their cards
  -- carry the sewing operations, so a bundle scanned offline shows them (only bundles with a floor
  -- item: a label was printed or the bundle was scanned before)
  v_item_ids := v_item_ids || array(
    select fi.id from public.floor_items fi
    join public.bundles bu on bu.id = fi.bundle_id
    where fi.org_id = v_org and fi.kind = 'bundle' and not (fi.id = any (v_item_ids))
      and (exists (select 1 from public.sewing_runs r
                   where r.bundle_id = bu.id and r.status <> 'COMPLETED' and r.location_id = p_location_id)
           or bu.location_id = p_location_id and bu.status in ('cut', 'in_sewing'))
    order by bu.bundle_number desc
    limit least(greatest(coalesce(p_limit, 200), 1), 500));
  select coalesce(jsonb_agg(app.floor_item_card(fi.kind, coalesce(fi.batch_id, fi.order_id, fi.bundle_id))), '[]'::jsonb) into v_items
    from public.floor_items fi where fi.id = any (v_item_ids);
  return jsonb_build_object(
    'generated_at', now(),
    'valid_until', now() + interval '15 minutes',
    'org', (select jsonb_build_object('id', o.id, 'slug', o.slug, 'name', o.name, 'label_prefix', s.label_prefix,
                                      'idle_timeout_seconds', extract(epoch from app.operator_idle_timeout(o.settings))::int)
            from public.organisations o join public.floor_settings s on s.org_id = o.id where o.id = v_org),
    'location', (select jsonb_build_object('id', l.id, 'name', l.name, 'kind', l.kind,
                                           'label', app.floor_label_text(v_org, 'L', fl.code))
                 from public.locations l left join public.floor_labels fl on fl.location_id = l.id and fl.org_id = v_org
                 where l.id = p_location_id),
    'queues', v_queues,
    'items', v_items,
    'locations', coalesce((select jsonb_agg(jsonb_build_object('id', l.id, 'name', l.name, 'kind', l.kind,
                                                               'label', app.floor_label_text(v_org, 'L', fl.code)) order by l.name)
                           from public.locations l
                           left join public.floor_labels fl on fl.location_id = l.id and fl.org_id = v_org
                           where l.org_id = v_org and l.is_active), '[]'::jsonb),
    'stage_actions', coalesce((select jsonb_agg(jsonb_build_object(
                                 'id', d.id, 'type_definition_id', d.type_definition_id, 'stage', d.stage, 'key', d.action_key,
                                 'type', d.action_type, 'label', d.label, 'description', d.description,
                                 'required', d.required, 'item_kinds', d.item_kinds, 'position', d.position,
                                 'config', d.config, 'label_code', app.floor_label_text(v_org, 'A', fl.code))
                               order by ws.position, d.position, d.action_key)
                               from public.floor_stage_actions d
                               join app.batch_type_states ws on ws.type_definition_id = d.type_definition_id and ws.stage = d.stage
                               left join public.floor_labels fl on fl.stage_action_id = d.id and fl.org_id = v_org
                               where d.org_id = v_org and d.is_active), '[]'::jsonb),
    'labels', coalesce((select jsonb_object_agg(app.floor_label_text(v_org, case fl.kind when 'item' then 'I'
                                                                       when 'location' then 'L' else 'A' end, fl.code),
                                                jsonb_build_object('kind', coalesce(fi.kind::text, fl.kind::text),
                                                                   'id', coalesce(fl.item_id, fl.location_id, fl.stage_action_id),
                                                                   'ref_id', coalesce(fi.batch_id, fi.order_id, fi.bundle_id, fl.location_id,
                                                                                      fl.stage_action_id)))
                        from public.floor_labels fl
                        left join public.floor_items fi on fi.id = fl.item_id
                        where fl.org_id = v_org
                          and (fl.item_id = any (v_item_ids) or fl.location_id is not null or fl.stage_action_id is not null)),
                       '{}'::jsonb));
end $function$;

revoke execute on all functions in schema app from public;
revoke execute on function app.floor_bundle_sewing(uuid), app.floor_sewing_op(text, uuid, jsonb)
  from public, anon, authenticated;
comment on function app.floor_bundle_details(uuid) is
  'The bundle part of a floor card: style, size, colour, shade, pieces, status, where, lay/cut order/run, the '
  'transitions open now, the last 10 history rows and its sewing operations with their states (floor_bundle_sewing).';
comment on function public.floor_offline_data(uuid, integer) is
  'What a tablet at a location caches (GET /api/disco/offline-data): organisation (label prefix, idle timeout), the '
  'location, its active queues with open entries, item cards of the queued items (stage, actions, checklists) and of '
  'the bundles the location is sewing or holds (with their sewing operations), all locations and stage actions with '
  'their labels, and a label → thing map for resolving scans offline. Members. '
  'Errors: PT401, PT403, PT404 LOCATION_NOT_FOUND.';
