-- Offline work: what a tablet caches, and replaying its outbox. Design: docs/floor.md §11.
--
-- floor_sync runs a tablet's queued operations in order, each in its own subtransaction: one that
-- fails (or whose answer is a failure value) is reported and rolled back alone, the others stand.
-- Every write op carries its client_id, so a sync that is itself retried replays the stored answers
-- and writes nothing twice. Next.js dispatches server actions one at a time, so a tablet coming back
-- online sends its whole outbox in one call.

create function app.floor_http_status(p_sqlstate text) returns integer
language sql immutable set search_path = '' as $$
  select case when p_sqlstate ~ '^PT[0-9]{3}$' then substr(p_sqlstate, 3)::int
              when p_sqlstate in ('22023', '22P02', '22007', '22008', '22003', '22001', '23514', '23502', '42804') then 400
              when p_sqlstate = '42501' then 403
              when p_sqlstate in ('23505', '23503') then 409
              when p_sqlstate in ('55P03', '57014') then 408
              else 500 end
$$;
comment on function app.floor_http_status(text) is
  'HTTP status for a SQLSTATE as PostgREST answers it (PTxyz → xyz), plus lock/statement timeouts → 408.';

create function app.floor_run_op(p_op text, p_client_id uuid, a jsonb) returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
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
                                       (a ->> 'expected_stage')::public.production_stage)
    when 'queue_add' then public.floor_queue_add(p_client_id, (a ->> 'queue_id')::uuid, (a ->> 'item_id')::uuid,
                                       (a ->> 'priority')::public.floor_priority, (a ->> 'assigned_to')::uuid,
                                       (a ->> 'estimated_minutes')::numeric)
    when 'queue_assign' then public.floor_queue_assign(p_client_id, (a ->> 'queue_item_id')::uuid, (a ->> 'member_id')::uuid)
    when 'queue_complete' then public.floor_queue_complete(p_client_id, (a ->> 'queue_item_id')::uuid,
                                       (a ->> 'session_id')::uuid)
    when 'update_session' then public.floor_update_session((a ->> 'session_id')::uuid, (a ->> 'location_id')::uuid,
                                       (a ->> 'team_id')::uuid, a -> 'device_info', (a ->> 'current_item_id')::uuid)
    when 'end_session' then public.floor_end_session((a ->> 'session_id')::uuid)
  end;
end $$;
comment on function app.floor_run_op(text, uuid, jsonb) is 'Runs one offline operation through its public RPC.';

create function public.floor_sync(p_ops jsonb) returns jsonb
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
begin
  if (select auth.uid()) is null then
    perform app.floor_raise('PT401', 'NOT_SIGNED_IN', 'Sign in first');
  end if;
  if jsonb_typeof(p_ops) is distinct from 'array' or jsonb_array_length(p_ops) > 100 then
    perform app.floor_invalid('ops', 'ops is a list of at most 100 operations');
  end if;
  for v_op in select e from jsonb_array_elements(p_ops) e loop
    v_i := v_i + 1;
    v_name := v_op ->> 'op';
    v_client_text := v_op ->> 'client_id';
    v_args := coalesce(v_op -> 'args', '{}'::jsonb);
    v_answer := null;
    v_status := null;
    perform set_config('response.status', '', true);
    begin
      if v_name is null or v_name not in ('scan', 'complete_action', 'update_action', 'advance', 'queue_add',
                                          'queue_assign', 'queue_complete', 'update_session', 'end_session') then
        perform app.floor_invalid('op', format('Unknown operation %s', coalesce(v_name, '(none)')));
      end if;
      if jsonb_typeof(v_args) <> 'object' then
        perform app.floor_invalid('args', 'args must be an object');
      end if;
      v_client := v_client_text::uuid;
      if v_client is null and v_name not in ('update_session', 'end_session') then
        perform app.floor_invalid('client_id', 'Offline operations need a client_id');
      end if;
      v_answer := app.floor_run_op(v_name, v_client, v_args);
      v_status := coalesce(nullif(current_setting('response.status', true), '')::int, 200);
    exception when others then
      get stacked diagnostics v_state = returned_sqlstate, v_msg = message_text, v_detail = pg_exception_detail,
                              v_hint = pg_exception_hint;
      v_status := app.floor_http_status(v_state);
      v_answer := jsonb_build_object('code', v_state, 'message', v_msg, 'details', nullif(v_detail, ''),
                                     'hint', nullif(v_hint, ''));
    end;
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
  'end_session and args the RPC''s parameters without p_. Each op is idempotent by client_id and runs on its own: '
  'results [{index, op, client_id, ok, status, data | error}], succeeded, failed. Always 200. Errors: PT401, 22023 ops.';

create function public.floor_offline_data(p_location_id uuid, p_limit integer default 200) returns jsonb
language plpgsql stable security definer set search_path = '' as $$
declare
  v_org uuid := (select l.org_id from public.locations l where l.id = p_location_id);
  v_items jsonb;
  v_queues jsonb;
  v_item_ids uuid[];
begin
  if v_org is null then
    perform app.floor_raise('PT404', 'LOCATION_NOT_FOUND', 'Location not found');
  end if;
  perform app.floor_reader(v_org, 'operator');
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
  select coalesce(jsonb_agg(app.floor_item_card(fi.kind, coalesce(fi.batch_id, fi.order_id))), '[]'::jsonb) into v_items
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
                                 'id', d.id, 'workflow_id', d.workflow_id, 'stage', d.stage, 'key', d.action_key,
                                 'type', d.action_type, 'label', d.label, 'description', d.description,
                                 'required', d.required, 'item_kinds', d.item_kinds, 'position', d.position,
                                 'config', d.config, 'label_code', app.floor_label_text(v_org, 'A', fl.code))
                               order by ws.position, d.position, d.action_key)
                               from public.floor_stage_actions d
                               join public.workflow_stages ws on ws.workflow_id = d.workflow_id and ws.stage = d.stage
                               left join public.floor_labels fl on fl.stage_action_id = d.id and fl.org_id = v_org
                               where d.org_id = v_org and d.is_active), '[]'::jsonb),
    'labels', coalesce((select jsonb_object_agg(app.floor_label_text(v_org, case fl.kind when 'item' then 'I'
                                                                       when 'location' then 'L' else 'A' end, fl.code),
                                                jsonb_build_object('kind', coalesce(fi.kind::text, fl.kind::text),
                                                                   'id', coalesce(fl.item_id, fl.location_id, fl.stage_action_id),
                                                                   'ref_id', coalesce(fi.batch_id, fi.order_id, fl.location_id,
                                                                                      fl.stage_action_id)))
                        from public.floor_labels fl
                        left join public.floor_items fi on fi.id = fl.item_id
                        where fl.org_id = v_org
                          and (fl.item_id = any (v_item_ids) or fl.location_id is not null or fl.stage_action_id is not null)),
                       '{}'::jsonb));
end $$;
comment on function public.floor_offline_data(uuid, integer) is
  'What a tablet at a location caches (GET /api/disco/offline-data): organisation (label prefix, idle timeout), the '
  'location, its active queues with open entries, item cards of the queued items (stage, actions, checklists), all '
  'locations and stage actions with their labels, and a label → thing map for resolving scans offline. Members. '
  'Errors: PT401, PT403, PT404 LOCATION_NOT_FOUND.';

revoke execute on all functions in schema app from public;
revoke execute on function public.floor_sync(jsonb), public.floor_offline_data(uuid, integer)
  from public, anon, authenticated, service_role;
grant execute on function public.floor_sync(jsonb), public.floor_offline_data(uuid, integer)
  to authenticated, service_role;
