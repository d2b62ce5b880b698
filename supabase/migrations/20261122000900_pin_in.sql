-- PIN-in and operator sessions.
--
-- Flow (docs/tenancy.md): a supervisor+ signed in on the tablet calls register_station() and the
-- tablet keeps the returned secret. Later, with no user signed in (anon), the tablet shows
-- station_info()/station_roster() and sends badge + PIN to pin_in() through the app server. On
-- success the server gives the tablet a real Supabase session for the operator (Auth admin
-- generateLink + verifyOtp) and calls operator_session_touch() with it, which binds that session
-- to the operator session. From then on RLS sees the operator as auth.uid(), but only while the
-- operator session is open and not idle.
--
-- Failures that must leave a trace (wrong PIN, lockout, idle timeout) are returned as PostgREST
-- error objects with response.status set (app.fail), so the attempt is committed and supabase-js
-- still reports `error` with code PT401 / PT423 / PT429 / PT440.

-- ------------------------------------------------------------------ shared pieces
-- A bcrypt hash of nothing anyone types, same cost as real PINs: checking an unknown badge costs
-- as long as checking a wrong PIN, so timing does not tell badges apart.
create function app.decoy_pin_hash() returns text
language sql immutable set search_path = '' as $$
  select '$2a$10$eu1NJcJ42RDEayfJybJoMeqdVX5BnogK9AiSENDVZR/OZgA3lLVHe'::text
$$;
comment on function app.decoy_pin_hash() is 'A constant bcrypt (cost 10) hash used to equalise PIN-in timing.';

create function app.describe_interval(p_interval interval) returns text
language sql immutable set search_path = '' as $$
  select case when extract(epoch from p_interval) >= 60
              then round(extract(epoch from p_interval) / 60)::integer || ' minutes'
              else round(extract(epoch from p_interval))::integer || ' seconds' end
$$;
comment on function app.describe_interval(interval) is 'An idle timeout in words ("10 minutes").';

-- ------------------------------------------------------------------ PIN-in
create function public.pin_in(p_station_secret text, p_badge_code text, p_pin text) returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_station public.stations := app.station_by_secret(p_station_secret);
  v_org public.organisations;
  v_badge text := left(app.normalise_badge(p_badge_code), 64);
  v_device text := app.request_header('x-device-id');
  v_member public.members;
  v_locked timestamptz;
  v_open uuid;
  v_session_id uuid;
  v_email text;
begin
  select * into v_org from public.organisations o where o.id = v_station.org_id;

  -- per-tablet brake on guessing across many badges (lockout is per member)
  if (select count(*) from public.auth_attempts a
      where a.org_id = v_station.org_id and a.station_id = v_station.id and not a.success
        and a.attempted_at > now() - interval '5 minutes') >= 20 then
    insert into public.auth_attempts (org_id, station_id, badge_code, success, reason, device_id)
      values (v_station.org_id, v_station.id, v_badge, false, 'station_throttled', v_device);
    return app.fail(429, 'PT429', 'Too many attempts on this tablet: wait a few minutes', 'station_throttled',
                    jsonb_build_object('retry_after_seconds', 300));
  end if;

  select * into v_member from public.members m
    where m.org_id = v_station.org_id and m.badge_code = v_badge and m.is_active
    for update;

  if v_member.id is null or v_member.pin_hash is null then
    perform extensions.crypt(coalesce(p_pin, ''), app.decoy_pin_hash());
    insert into public.auth_attempts (org_id, station_id, member_id, badge_code, success, reason, device_id)
      values (v_station.org_id, v_station.id, v_member.id, v_badge, false,
              case when v_member.id is null then 'unknown_badge' else 'no_pin' end::public.auth_attempt_reason,
              v_device);
    return app.fail(401, 'PT401', 'Badge or PIN not recognised');
  end if;

  if v_member.locked_until > now() then
    insert into public.auth_attempts (org_id, station_id, member_id, badge_code, success, reason, device_id)
      values (v_station.org_id, v_station.id, v_member.id, v_badge, false, 'locked', v_device);
    return app.lockout_error(v_member.locked_until);
  end if;

  if p_pin is null or extensions.crypt(p_pin, v_member.pin_hash) <> v_member.pin_hash then
    v_locked := app.record_pin_failure(v_member.id);
    insert into public.auth_attempts (org_id, station_id, member_id, badge_code, success, reason, device_id)
      values (v_station.org_id, v_station.id, v_member.id, v_badge, false, 'wrong_pin', v_device);
    if v_locked > now() then
      return app.lockout_error(v_locked);
    end if;
    return app.fail(401, 'PT401', 'Badge or PIN not recognised');
  end if;

  -- success: one open session per person and per tablet
  update public.members m set failed_auth_attempts = 0, locked_until = null
    where m.id = v_member.id and (m.failed_auth_attempts <> 0 or m.locked_until is not null);
  for v_open in
    select s.id from public.operator_sessions s
    where s.ended_at is null and s.member_id = v_member.id
  loop
    perform app.end_operator_session(v_open, 'replaced');
  end loop;
  for v_open in
    select s.id from public.operator_sessions s
    where s.ended_at is null and s.station_id = v_station.id
  loop
    perform app.end_operator_session(v_open, 'handover');
  end loop;
  insert into public.operator_sessions (org_id, station_id, member_id, user_id, device_id)
    values (v_station.org_id, v_station.id, v_member.id, v_member.user_id, v_device)
    returning id into v_session_id;
  insert into public.auth_attempts (org_id, station_id, member_id, badge_code, success, reason,
                                    operator_session_id, device_id)
    values (v_station.org_id, v_station.id, v_member.id, v_badge, true, 'ok', v_session_id, v_device);
  select u.email into v_email from auth.users u where u.id = v_member.user_id;

  return jsonb_build_object(
    'operator_session_id', v_session_id,
    'member_id', v_member.id,
    'user_id', v_member.user_id,
    'email', v_email,
    'display_name', v_member.display_name,
    'role', v_member.role,
    'org_id', v_org.id,
    'org_slug', v_org.slug,
    'station_id', v_station.id,
    'idle_timeout_seconds', extract(epoch from app.operator_idle_timeout(v_org.settings))::integer);
end $$;
comment on function public.pin_in(text, text, text) is
  'PIN-in on a station tablet (anon or authenticated). Success: {operator_session_id, member_id, user_id, '
  'email, display_name, role, org_id, org_slug, station_id, idle_timeout_seconds}; the app server then '
  'signs the tablet in as user_id and calls operator_session_touch. Failures come back as PostgREST '
  'errors with the attempt recorded: PT401 "Badge or PIN not recognised" (unknown badge and wrong PIN '
  'alike), PT423 locked (retry_after_seconds; the 5th wrong PIN locks for 15 minutes), PT429 too many '
  'failures on this tablet. Raised: PT403 unknown or revoked station.';

-- ------------------------------------------------------------------ keeping and ending a session
create function public.operator_session_touch(p_operator_session_id uuid) returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_session public.operator_sessions;
  v_timeout interval;
  v_sid uuid := app.jwt_session_id();
  v_reason public.operator_session_end_reason;
begin
  if (select auth.uid()) is null then
    raise exception using errcode = 'PT401', message = 'Sign in first';
  end if;
  select s.* into v_session from public.operator_sessions s
    where s.id = p_operator_session_id and s.user_id = (select auth.uid())
    for update;
  if v_session.id is null then
    raise exception using errcode = 'PT404', message = 'Operator session not found';
  end if;
  if v_session.auth_session_id is not null and v_session.auth_session_id is distinct from v_sid then
    raise exception using errcode = 'PT403', message = 'This operator session belongs to another device';
  end if;
  select app.operator_idle_timeout(o.settings) into v_timeout
    from public.organisations o where o.id = v_session.org_id;
  if v_session.ended_at is null and v_session.last_seen_at + v_timeout < now() then
    v_reason := app.end_operator_session(v_session.id, 'idle_timeout');
    return app.fail(440, 'PT440',
      format('Signed out after %s without activity', app.describe_interval(v_timeout)), v_reason::text);
  end if;
  if v_session.ended_at is not null then
    return app.fail(440, 'PT440', 'Signed out', v_session.end_reason::text);
  end if;
  update public.operator_sessions s
    set last_seen_at = now(), auth_session_id = coalesce(s.auth_session_id, v_sid)
    where s.id = v_session.id;
  return jsonb_build_object(
    'operator_session_id', v_session.id,
    'station_id', v_session.station_id,
    'member_id', v_session.member_id,
    'last_seen_at', now(),
    'expires_at', now() + v_timeout,
    'idle_timeout_seconds', extract(epoch from v_timeout)::integer);
end $$;
comment on function public.operator_session_touch(uuid) is
  'Keeps the caller''s own operator session alive (call on every interaction, debounced). The first call '
  'binds the JWT''s session_id to it. Returns {operator_session_id, station_id, member_id, last_seen_at, '
  'expires_at, idle_timeout_seconds}. PT440 as a value when idle (the session is ended) or already ended '
  '(details: end reason). Raised: PT401, PT403 (bound to another session), PT404.';

create function public.pin_out(p_operator_session_id uuid) returns void
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_session public.operator_sessions;
begin
  select s.* into v_session from public.operator_sessions s where s.id = p_operator_session_id for update;
  if v_session.id is null then
    raise exception using errcode = 'PT404', message = 'Operator session not found';
  end if;
  if v_session.user_id = (select auth.uid()) then
    perform app.end_operator_session(v_session.id, 'pin_out');
  else
    perform app.caller_role(v_session.org_id, 'supervisor');
    perform app.end_operator_session(v_session.id, 'ended_by_supervisor');
  end if;
end $$;
comment on function public.pin_out(uuid) is
  'Ends an operator session: the operator''s own, or anyone''s in the organisation for supervisors+. '
  'No-op when already ended. The app then signs the tablet''s Supabase session out (scope local). '
  'Errors: PT403, PT404.';

create function public.station_pin_out(p_station_secret text) returns void
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_station public.stations := app.station_by_secret(p_station_secret);
  v_open uuid;
begin
  for v_open in select s.id from public.operator_sessions s where s.station_id = v_station.id and s.ended_at is null loop
    perform app.end_operator_session(v_open, 'pin_out');
  end loop;
end $$;
comment on function public.station_pin_out(text) is
  'Ends whatever operator session is open on this tablet (anon, by station secret): the PIN-out button '
  'when the operator''s own session is gone. Errors: PT403.';

create function public.end_idle_operator_sessions() returns integer
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_open uuid;
  v_count integer := 0;
begin
  for v_open in
    select s.id from public.operator_sessions s join public.organisations o on o.id = s.org_id
    where s.ended_at is null and s.last_seen_at + app.operator_idle_timeout(o.settings) < now()
  loop
    perform app.end_operator_session(v_open, 'idle_timeout');
    v_count := v_count + 1;
  end loop;
  return v_count;
end $$;
comment on function public.end_idle_operator_sessions() is
  'Housekeeping for a scheduled job (service role): marks idle sessions ended. RLS already ignores '
  'idle sessions, so this only tidies the table. Returns how many it ended.';

-- ------------------------------------------------------------------ grants
revoke execute on all functions in schema app from public;
revoke execute on function
  public.pin_in(text, text, text), public.operator_session_touch(uuid), public.pin_out(uuid),
  public.station_pin_out(text), public.end_idle_operator_sessions()
  from public, anon, authenticated, service_role;
-- the tablet between PIN-ins is anon: it proves itself with the station secret
grant execute on function public.pin_in(text, text, text), public.station_pin_out(text)
  to anon, authenticated, service_role;
grant execute on function public.operator_session_touch(uuid), public.pin_out(uuid) to authenticated, service_role;
grant execute on function public.end_idle_operator_sessions() to service_role;
