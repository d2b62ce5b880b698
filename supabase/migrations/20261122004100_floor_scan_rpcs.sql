-- floor_scan: one scan, one transaction. Design: docs/floor.md §7.
--
-- Every scan is recorded with its result, also when it fails: a code that does not resolve is
-- answered with an error value (PostgREST shape, response.status 400/404/422) and the scan row
-- commits. Item scans make the item the session's current item and return its card. Location scans
-- move the session there. A badge scan names the person. An action card scanned while an item is
-- current shows that action for the item; if it is a scan action (or a location/badge the current
-- item's pending scan action expects), scanning it completes the action.

-- Completes the current item's first pending scan action that the scanned thing satisfies.
create function app.floor_complete_scan_action(
  p_session public.floor_sessions, p_code text, p_resolved jsonb, p_client_id uuid
) returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_item record;
  c record;
  v_def public.floor_stage_actions;
begin
  if p_session.current_item_id is null then
    return null;
  end if;
  select fi.kind, coalesce(fi.batch_id, fi.order_id) as ref_id into v_item
    from public.floor_items fi where fi.id = p_session.current_item_id;
  select * into c from app.floor_item_context(v_item.kind, v_item.ref_id);
  if c.stage is null or c.is_complete then
    return null;
  end if;
  select d.* into v_def
    from app.floor_action_states(c.workflow_id, c.stage, c.kind, c.item_id, c.stage_entered_at, c.model_ids, false) s
    join public.floor_stage_actions d on d.id = s.stage_action_id
    where s.action_type = 'scan' and s.status <> 'completed'
      and coalesce(d.config ->> 'expect', 'action') = (p_resolved ->> 'type')
      and case coalesce(d.config ->> 'expect', 'action')
            when 'action' then d.id = (p_resolved ->> 'stage_action_id')::uuid
            when 'location' then not (d.config ? 'location_id')
                                 or (d.config ->> 'location_id')::uuid = (p_resolved ->> 'location_id')::uuid
            else true end
    order by s.position
    limit 1;
  if v_def.id is null then
    return null;
  end if;
  return app.floor_perform_action(p_session, null, c.item_id, v_def.action_key, 'completed',
                                  jsonb_build_object('code', p_code), null, null, null, null, p_client_id);
end $$;
comment on function app.floor_complete_scan_action(public.floor_sessions, text, jsonb, uuid) is
  'If the session''s current item has a pending scan action satisfied by this scan, completes it; returns {action, item} or null.';

create function public.floor_scan(
  p_client_id uuid,
  p_session_id uuid,
  p_code text,
  p_scan_type public.floor_scan_type default null,
  p_device_info jsonb default null,
  p_scanned_at timestamptz default null
) returns jsonb
language plpgsql volatile security definer set search_path = '' set lock_timeout = '5s' as $$
declare
  v_t0 timestamptz := clock_timestamp();
  v_session public.floor_sessions := app.floor_session_for_write(p_session_id);
  v_replay jsonb;
  v_info jsonb;
  v_at timestamptz;
  r jsonb;
  v_type public.floor_scan_type;
  v_result public.floor_scan_result := 'success'::public.floor_scan_result;
  v_status integer;
  v_error_code text;
  v_message text;
  v_hint jsonb;
  v_body jsonb := '{}'::jsonb;
  v_item_id uuid;
  v_kind public.floor_item_kind;
  v_card jsonb;
  v_def public.floor_stage_actions;
  v_ctx record;
  v_done jsonb;
  v_scan_id uuid;
  v_ms integer;
  v_location uuid;
begin
  v_replay := app.floor_replay_begin(p_client_id, 'floor_scan');
  if v_replay is not null then
    return v_replay;
  end if;
  if p_code is null then
    perform app.floor_invalid('code', 'Scan or type a code');
  end if;
  v_info := app.floor_device_info(p_device_info);
  v_at := app.floor_client_time(p_scanned_at, 'scanned_at');

  r := app.floor_resolve_code(v_session.org_id, left(p_code, 512), p_scan_type);
  v_type := coalesce(p_scan_type, (r ->> 'type')::public.floor_scan_type, 'item');

  if not (r ->> 'valid')::boolean then
    v_result := (r ->> 'result')::public.floor_scan_result;
    v_status := (r ->> 'status')::int;
    v_error_code := r ->> 'error_code';
    v_message := r ->> 'message';
  elsif r ->> 'kind' in ('batch', 'order') then
    v_kind := (r ->> 'kind')::public.floor_item_kind;
    select f.item_id into v_item_id from app.floor_resolve_item(v_session.org_id, (r ->> 'ref_id')::uuid, true) f;
    v_card := app.floor_item_card(v_kind, (r ->> 'ref_id')::uuid);
    v_body := jsonb_build_object('item', v_card);
  elsif r ->> 'kind' = 'location' then
    v_body := jsonb_build_object('location', (
      select jsonb_build_object('id', l.id, 'name', l.name, 'type', l.kind, 'label', r ->> 'value')
      from public.locations l where l.id = (r ->> 'location_id')::uuid));
    v_location := (r ->> 'location_id')::uuid;
  elsif r ->> 'kind' = 'member' then
    v_body := jsonb_build_object('user', (
      select jsonb_build_object('member_id', m.id, 'display_name', m.display_name, 'role', m.role,
                                'badge_code', m.badge_code, 'team', t.name)
      from public.members m left join public.teams t on t.id = m.team_id
      where m.id = (r ->> 'member_id')::uuid));
  else
    select * into v_def from public.floor_stage_actions d where d.id = (r ->> 'stage_action_id')::uuid;
    v_body := jsonb_build_object('action', jsonb_build_object(
      'id', v_def.id, 'key', v_def.action_key, 'type', v_def.action_type, 'label', v_def.label,
      'required', v_def.required, 'stage', v_def.stage, 'workflow_id', v_def.workflow_id, 'config', v_def.config));
    if v_session.current_item_id is not null then
      select c.* into v_ctx from public.floor_items fi
        cross join lateral app.floor_item_context(fi.kind, coalesce(fi.batch_id, fi.order_id)) c
        where fi.id = v_session.current_item_id;
      if v_ctx.stage is distinct from v_def.stage or v_ctx.workflow_id is distinct from v_def.workflow_id
         or v_ctx.is_complete or not (v_ctx.kind = any (v_def.item_kinds)) then
        v_result := 'error';
        v_status := 422;
        v_error_code := 'ACTION_NOT_AVAILABLE';
        v_message := format('"%s" is done at %s; %s is at %s', v_def.label, v_def.stage, v_ctx.number,
                            coalesce(v_ctx.stage::text, v_ctx.status));
        v_hint := jsonb_build_object('action_key', v_def.action_key, 'item_stage', v_ctx.stage, 'available_at', v_def.stage);
      end if;
    end if;
  end if;

  if v_result = 'success' and r ->> 'kind' in ('location', 'member', 'action') then
    v_done := app.floor_complete_scan_action(v_session, r ->> 'value', r, p_client_id);
    if v_done is not null then
      v_body := v_body || jsonb_build_object('completed_action', v_done -> 'action', 'item', v_done -> 'item');
    end if;
  end if;

  v_ms := greatest(0, (extract(epoch from (clock_timestamp() - v_t0)) * 1000)::int);
  insert into public.floor_scans (org_id, session_id, member_id, user_id, scan_type, qr_code, scanned_value, scan_result,
                                  item_id, location_id, stage_action_id, scanned_member_id, scan_time, processing_time_ms,
                                  error_code, error_message, device_info, client_id)
    values (v_session.org_id, v_session.id, v_session.member_id, v_session.user_id, v_type, left(p_code, 512),
            left(r ->> 'value', 512), v_result,
            coalesce(v_item_id, case when v_result <> 'success' then (r ->> 'item_id')::uuid end),
            (r ->> 'location_id')::uuid, (r ->> 'stage_action_id')::uuid, (r ->> 'member_id')::uuid, v_at, v_ms,
            v_error_code, left(v_message, 500), v_info, p_client_id)
    returning id into v_scan_id;
  -- one update of the session per scan (it is the hot path): counters, current item, location
  update public.floor_sessions s
    set scans_count = s.scans_count + 1, last_activity_at = now(),
        current_item_id = coalesce(v_item_id, s.current_item_id),
        current_stage = case when v_item_id is not null then (v_card ->> 'current_stage')::public.production_stage
                             else s.current_stage end,
        current_workflow_id = case when v_item_id is not null then (v_card ->> 'workflow_id')::uuid
                                   else s.current_workflow_id end,
        location_id = coalesce(v_location, s.location_id)
    where s.id = v_session.id;

  if v_result = 'success' then
    v_body := jsonb_build_object('success', true, 'scan_id', v_scan_id, 'type', v_type, 'value', r ->> 'value',
                                 'result', v_result, 'processing_time_ms', v_ms, 'scan_time', v_at) || v_body;
  else
    v_body := app.floor_fail(v_status, v_error_code, v_message, v_hint,
                             jsonb_build_object('success', false, 'scan_id', v_scan_id, 'type', v_type,
                                                'value', r ->> 'value', 'result', v_result, 'processing_time_ms', v_ms,
                                                'scan_time', v_at) || v_body);
  end if;
  return app.floor_replay_store(p_client_id, 'floor_scan', v_session.org_id, v_body);
end $$;
comment on function public.floor_scan(uuid, uuid, text, public.floor_scan_type, jsonb, timestamptz) is
  'Processes and records one scan (POST /api/disco/scan). p_scan_type: what the tablet expects (null: anything); '
  'p_scanned_at: the tablet''s time for offline scans. Success: {success, scan_id, type, value, result, '
  'processing_time_ms, item (card) | location | user | action, completed_action?, replayed}. Failures are values '
  'with the scan recorded: PT400 INVALID_CODE/UNSUPPORTED_LABEL_VERSION, PT404 UNKNOWN_CODE/ITEM_NOT_FOUND/'
  'LOCATION_NOT_FOUND/USER_NOT_FOUND/ACTION_NOT_FOUND, PT422 FOREIGN_LABEL/WRONG_SCAN_TYPE/ACTION_NOT_AVAILABLE '
  '(details = the code, extra fields scan_id, result). Raised: 22023, PT401, PT403, PT404 SESSION_NOT_FOUND, '
  'PT409 SESSION_ENDED/SESSION_TAKEN.';

revoke execute on all functions in schema app from public;
revoke execute on function public.floor_scan(uuid, uuid, text, public.floor_scan_type, jsonb, timestamptz)
  from public, anon, authenticated, service_role;
grant execute on function public.floor_scan(uuid, uuid, text, public.floor_scan_type, jsonb, timestamptz)
  to authenticated, service_role;
