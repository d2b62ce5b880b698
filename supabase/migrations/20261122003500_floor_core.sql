-- Shared pieces of the floor RPCs: errors with stable codes, who is acting, idempotent replays,
-- device info, sessions as JSON. Design: docs/floor.md §9–10.
--
-- Errors. Every floor error carries a stable machine-readable code in `detail` (PostgREST `details`)
-- and, where useful, a JSON object with context in `hint`. The SQLSTATE gives the HTTP status:
-- 22023 → 400, PT401, PT403, PT404, PT409, PT422, PT423 → that status. Failures that must leave a
-- trace (a scan that did not resolve, a measurement out of tolerance, a wrong approver PIN) are
-- returned as values by app.floor_fail(): a PostgREST-shaped error object with response.status set,
-- so the row that records the failure commits and supabase-js still reports `error`.

-- ------------------------------------------------------------------ errors
create function app.floor_raise(p_sqlstate text, p_code text, p_message text, p_hint jsonb default null)
returns void
language plpgsql set search_path = '' as $$
begin
  if p_hint is null then
    raise exception using errcode = p_sqlstate, message = p_message, detail = p_code;
  end if;
  raise exception using errcode = p_sqlstate, message = p_message, detail = p_code, hint = p_hint::text;
end $$;
comment on function app.floor_raise(text, text, text, jsonb) is
  'Raises a floor error: SQLSTATE (HTTP status), stable code in detail, optional JSON context in hint.';

create function app.floor_fail(
  p_status integer, p_code text, p_message text, p_hint jsonb default null, p_extra jsonb default '{}'
) returns jsonb
language sql volatile set search_path = '' as $$
  select app.fail(p_status, 'PT' || p_status, p_message, p_code,
                  jsonb_build_object('hint', p_hint::text) || coalesce(p_extra, '{}'::jsonb))
$$;
comment on function app.floor_fail(integer, text, text, jsonb, jsonb) is
  'A floor failure as a value: {code: PT<status>, message, details: <CODE>, hint, …extra}, response.status set.';

-- ------------------------------------------------------------------ who is acting
-- The caller's live membership in an organisation (operators: through their PIN-in), or PT401/PT403.
create function app.floor_member(p_org_id uuid, p_min_role public.member_role default 'operator')
returns table (member_id uuid, role public.member_role, operator_session_id uuid, station_id uuid)
language plpgsql stable security definer set search_path = '' as $$
#variable_conflict use_column
begin
  if (select auth.uid()) is null then
    perform app.floor_raise('PT401', 'NOT_SIGNED_IN', 'Sign in first');
  end if;
  return query
    select m.member_id, m.role, m.operator_session_id, m.station_id from app.my_memberships() m
    where m.org_id = p_org_id and m.role >= p_min_role
    limit 1;
  if not found then
    perform app.floor_raise('PT403', 'FORBIDDEN',
      case when p_min_role = 'operator'
           then 'Not allowed: PIN in on a station of this workshop first'
           else format('Not allowed: this needs the %s role or above', p_min_role) end,
      jsonb_build_object('min_role', p_min_role));
  end if;
end $$;
comment on function app.floor_member(uuid, public.member_role) is
  'The caller''s live membership in p_org_id with at least p_min_role; PT401 NOT_SIGNED_IN, PT403 FORBIDDEN.';

-- Readers and queue managers: also the service role and JWT-less SQL (jobs, seeds), who get no member.
create function app.floor_reader(p_org_id uuid, p_min_role public.member_role default 'operator') returns uuid
language plpgsql stable security definer set search_path = '' as $$
begin
  if app.is_service_role() or (select auth.role()) is null then
    return null;
  end if;
  return (select m.member_id from app.floor_member(p_org_id, p_min_role) m);
end $$;
comment on function app.floor_reader(uuid, public.member_role) is
  'Like app.floor_member but lets the service role and SQL through (returns null for them).';

-- ------------------------------------------------------------------ idempotent replays
-- Built on app.replay_begin/replay_store (20261122001700): the first answer is stored by client id.
-- Failures returned as values are stored with their HTTP status, so a replay answers the same way.
create function app.floor_replay_begin(p_client_id uuid, p_rpc text) returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
declare
  v jsonb;
begin
  if p_client_id is null then
    return null;
  end if;
  begin
    v := app.replay_begin(p_client_id, p_rpc);
  exception when sqlstate '22023' then
    perform app.floor_raise('22023', 'CLIENT_ID_REUSED', 'This client_id was already used for another request',
                            '{"field": "client_id"}');
  end;
  if v is null then
    return null;
  end if;
  if v ? '_status' then
    perform set_config('response.status', v ->> '_status', true);
  end if;
  return v - '_status';
end $$;
comment on function app.floor_replay_begin(uuid, text) is
  'The stored first answer for a client id (replayed: true, HTTP status restored), or null: then do the work.';

create function app.floor_replay_store(p_client_id uuid, p_rpc text, p_org_id uuid, p_body jsonb) returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_status text := nullif(current_setting('response.status', true), '');
begin
  return app.replay_store(p_client_id, p_rpc, p_org_id,
                          p_body || case when v_status is not null then jsonb_build_object('_status', v_status::int)
                                         else '{}'::jsonb end) - '_status';
end $$;
comment on function app.floor_replay_store(uuid, text, uuid, jsonb) is
  'Stores the first answer for a client id (with the HTTP status of a failure value); returns it (replayed: false).';

-- ------------------------------------------------------------------ device info
create function app.floor_device_info(p_info jsonb, p_field text default 'device_info') returns jsonb
language plpgsql immutable set search_path = '' as $$
declare
  v jsonb := coalesce(p_info, '{}'::jsonb);
  v_key text;
begin
  if jsonb_typeof(v) <> 'object' then
    perform app.floor_invalid(p_field, 'device_info must be an object');
  end if;
  if length(v::text) > 2048 then
    perform app.floor_invalid(p_field, 'device_info is limited to 2 KB');
  end if;
  if v ? 'platform' and (v ->> 'platform' is null or v ->> 'platform' not in ('ios', 'android', 'web')) then
    perform app.floor_invalid(p_field || '.platform', 'platform is ios, android or web');
  end if;
  if v ? 'orientation' and (v ->> 'orientation' is null or v ->> 'orientation' not in ('portrait', 'landscape')) then
    perform app.floor_invalid(p_field || '.orientation', 'orientation is portrait or landscape');
  end if;
  foreach v_key in array array['version', 'screen_size', 'camera', 'user_agent', 'model'] loop
    if v ? v_key and (jsonb_typeof(v -> v_key) <> 'string' or length(v ->> v_key) > 200) then
      perform app.floor_invalid(p_field || '.' || v_key, format('%s is a text of up to 200 characters', v_key));
    end if;
  end loop;
  if v ? 'gps' and not (jsonb_typeof(v -> 'gps') = 'object'
                        and jsonb_typeof(v -> 'gps' -> 'lat') = 'number' and (v -> 'gps' ->> 'lat')::numeric between -90 and 90
                        and jsonb_typeof(v -> 'gps' -> 'lng') = 'number' and (v -> 'gps' ->> 'lng')::numeric between -180 and 180) then
    perform app.floor_invalid(p_field || '.gps', 'gps is {lat: -90…90, lng: -180…180}');
  end if;
  if v ? 'accuracy' and not (jsonb_typeof(v -> 'accuracy') = 'number' and (v ->> 'accuracy')::numeric >= 0) then
    perform app.floor_invalid(p_field || '.accuracy', 'accuracy is a number of metres, 0 or more');
  end if;
  return v;
end $$;
comment on function app.floor_device_info(jsonb, text) is
  'Validates device info: an object ≤ 2 KB; platform ios|android|web; orientation portrait|landscape; version, '
  'screen_size, camera, user_agent, model texts; gps {lat, lng}; accuracy ≥ 0. Other keys pass. 22023 otherwise.';

-- A client-reported time for offline work: within the last 7 days and not in the future (1 minute of clock skew).
create function app.floor_client_time(p_at timestamptz, p_field text) returns timestamptz
language plpgsql stable set search_path = '' as $$
begin
  if p_at is null then
    return now();
  end if;
  if p_at > now() + interval '1 minute' or p_at < now() - interval '7 days' then
    perform app.floor_invalid(p_field, 'The time must be within the last 7 days and not in the future');
  end if;
  return least(p_at, now());
end $$;
comment on function app.floor_client_time(timestamptz, text) is 'Validates a tablet-reported time (offline sync); now() when null.';

-- ------------------------------------------------------------------ sessions
create function app.floor_idle_timeout(p_org_id uuid) returns interval
language plpgsql stable security definer set search_path = '' as $$
begin
  return (select app.operator_idle_timeout(o.settings) from public.organisations o where o.id = p_org_id);
end $$;
comment on function app.floor_idle_timeout(uuid) is 'The organisation''s idle timeout (operator_idle_timeout_minutes).';

create function app.floor_session_json(p_session_id uuid) returns jsonb
language plpgsql stable security definer set search_path = '' as $$
begin
  return (
  select jsonb_build_object(
    'id', s.id, 'org_id', s.org_id, 'member_id', s.member_id, 'user_id', s.user_id, 'display_name', m.display_name,
    'operator_session_id', s.operator_session_id, 'station_id', s.station_id, 'device_id', s.device_id,
    'location', case when l.id is not null then jsonb_build_object('id', l.id, 'name', l.name, 'kind', l.kind) end,
    'team', case when t.id is not null then jsonb_build_object('id', t.id, 'name', t.name) end,
    'is_active', s.is_active, 'started_at', s.started_at, 'last_activity_at', s.last_activity_at,
    'ended_at', s.ended_at, 'end_reason', s.end_reason,
    'current_item_id', s.current_item_id, 'current_stage', s.current_stage, 'current_workflow_id', s.current_workflow_id,
    'items_processed', s.items_processed, 'actions_completed', s.actions_completed, 'scans_count', s.scans_count,
    'session_duration_minutes',
      coalesce(s.session_duration_minutes, round((extract(epoch from (now() - s.started_at)) / 60)::numeric, 2)),
    'idle_expires_at', case when s.ended_at is null then s.last_activity_at + app.floor_idle_timeout(s.org_id) end,
    'device_info', s.device_info)
  from public.floor_sessions s
  join public.members m on m.id = s.member_id
  left join public.locations l on l.id = s.location_id
  left join public.teams t on t.id = s.team_id
  where s.id = p_session_id);
end $$;
comment on function app.floor_session_json(uuid) is 'A floor session as the RPCs return it (live duration for active sessions).';

-- Ends a session; one idle past the organisation's timeout ends when it went idle, as idle_timeout.
create function app.floor_end_session_row(p_session_id uuid, p_reason public.floor_session_end_reason)
returns public.floor_session_end_reason
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_reason public.floor_session_end_reason;
begin
  update public.floor_sessions s
    set ended_at = case when s.last_activity_at + app.floor_idle_timeout(s.org_id) < now() and p_reason <> 'taken_over'
                        then greatest(s.started_at, s.last_activity_at + app.floor_idle_timeout(s.org_id)) else now() end,
        end_reason = case when s.last_activity_at + app.floor_idle_timeout(s.org_id) < now() and p_reason <> 'taken_over'
                          then 'idle_timeout' else p_reason end
    where s.id = p_session_id and s.ended_at is null
    returning s.end_reason into v_reason;
  return v_reason;
end $$;
comment on function app.floor_end_session_row(uuid, public.floor_session_end_reason) is
  'Ends an active floor session with p_reason (or idle_timeout, back-dated, when it had gone idle).';

-- The caller's active session for a write, locked: PT404 SESSION_NOT_FOUND (missing or someone else's),
-- PT403 FORBIDDEN (not acting in its organisation now), PT409 SESSION_ENDED, PT409 SESSION_TAKEN (the
-- session was resumed on another device, named by the x-device-id header).
create function app.floor_session_for_write(p_session_id uuid) returns public.floor_sessions
language plpgsql volatile security definer set search_path = '' as $$
declare
  v public.floor_sessions;
  v_device text := app.request_header('x-device-id');
begin
  if p_session_id is null then
    perform app.floor_invalid('session_id', 'Start a floor session first');
  end if;
  select * into v from public.floor_sessions s where s.id = p_session_id for update;
  if v.id is null or v.user_id is distinct from (select auth.uid()) then
    perform app.floor_raise('PT404', 'SESSION_NOT_FOUND', 'Floor session not found');
  end if;
  perform app.floor_member(v.org_id);
  if v.ended_at is not null then
    perform app.floor_raise('PT409', 'SESSION_ENDED', 'This floor session has ended: start a new one',
      jsonb_build_object('end_reason', v.end_reason, 'ended_at', v.ended_at));
  end if;
  if v_device is not null and v.device_id is not null and v_device <> v.device_id then
    perform app.floor_raise('PT409', 'SESSION_TAKEN', 'This floor session continues on another device',
      jsonb_build_object('session_id', v.id, 'device_id', v.device_id));
  end if;
  return v;
end $$;
comment on function app.floor_session_for_write(uuid) is
  'Locks and returns the caller''s active floor session, or raises SESSION_NOT_FOUND / FORBIDDEN / SESSION_ENDED / SESSION_TAKEN.';

-- ------------------------------------------------------------------ PIN-out ends the floor session
-- When an operator session ends, its floor session ends with it, except when the operator PINed in
-- on another tablet (replaced): that floor session waits there to be resumed or taken over.
create function app.floor_on_operator_session_ended() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if new.end_reason = 'replaced' then
    return null;
  end if;
  update public.floor_sessions s
    set ended_at = greatest(new.ended_at, s.started_at),
        end_reason = case new.end_reason
                       when 'pin_out' then 'pin_out'
                       when 'idle_timeout' then 'idle_timeout'
                       when 'ended_by_supervisor' then 'ended_by_supervisor'
                       else 'signed_out' end::public.floor_session_end_reason
    where s.operator_session_id = new.id and s.ended_at is null;
  return null;
end $$;
comment on function app.floor_on_operator_session_ended() is
  'Trigger on operator_sessions: PIN-out, idle timeout and other ends (not replaced) end the floor session.';

create trigger operator_sessions_end_floor_sessions
  after update of ended_at on public.operator_sessions
  for each row when (old.ended_at is null and new.ended_at is not null)
  execute function app.floor_on_operator_session_ended();

revoke execute on all functions in schema app from public;
