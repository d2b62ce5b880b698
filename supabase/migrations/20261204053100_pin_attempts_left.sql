-- Issue 10: "say how many PIN attempts remain before the lockout", without telling a person at a
-- tablet which badge numbers exist.
--
-- Before, only real badges were counted (members.failed_auth_attempts, 5 wrong PINs lock for 15
-- minutes): a count shown for them and none for unknown ones — or a lockout that only real badges
-- ever reach — names the badges that exist. Now every typed badge code is counted alike, whether or
-- not anyone wears it: app.pin_badge_guards keeps, per organisation and badge code, the same
-- counter as the member's (mirrored from members by trigger for real badges, kept by pin_in itself
-- for unknown ones), so an unknown badge also counts down and also locks after the 5th failure for
-- 15 minutes. PIN_NOT_RECOGNISED then carries attempts_left = the lower of the badge's tries left
-- and the tablet's (20 failures in 5 minutes, the station brake), the same for every badge code with
-- the same history. Nothing else changes: messages, codes and statuses stay as they were.

create table app.pin_badge_guards (
  org_id uuid not null references public.organisations (id) on delete cascade,
  badge_code text not null check (length(badge_code) between 1 and 64),
  failed_attempts integer not null default 0 check (failed_attempts >= 0),
  locked_until timestamptz,
  updated_at timestamptz not null default now(),
  primary key (org_id, badge_code)
);
comment on table app.pin_badge_guards is
  'PIN-in failures per typed badge code, real or not (real badges mirror members.failed_auth_attempts / '
  'locked_until): the uniform counter behind attempts_left and the lockout. Private: no API role.';
alter table app.pin_badge_guards enable row level security;
revoke all on app.pin_badge_guards from public, anon, authenticated, service_role;

-- Whatever path changes a real member's counter (pin_in, a supervisor's unlock, an approval, a PIN
-- change), its badge's guard follows, so real and unknown badges are counted by one rule.
create function app.pin_badge_guard_mirror() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if new.badge_code is null then
    return null;
  end if;
  if new.failed_auth_attempts = 0 and new.locked_until is null then
    delete from app.pin_badge_guards g where g.org_id = new.org_id and g.badge_code = new.badge_code;
  else
    insert into app.pin_badge_guards (org_id, badge_code, failed_attempts, locked_until)
      values (new.org_id, new.badge_code, new.failed_auth_attempts, new.locked_until)
      on conflict (org_id, badge_code) do update
        set failed_attempts = excluded.failed_attempts, locked_until = excluded.locked_until, updated_at = now();
  end if;
  return null;
end $$;
comment on function app.pin_badge_guard_mirror() is
  'Trigger: a member''s PIN failure counter and lock, copied to the guard of their badge code.';
create trigger members_pin_badge_guard after update of failed_auth_attempts, locked_until on public.members
  for each row
  when ((old.failed_auth_attempts, old.locked_until) is distinct from (new.failed_auth_attempts, new.locked_until))
  execute function app.pin_badge_guard_mirror();

-- counters that exist already (a lock in progress during the upgrade) carry over
insert into app.pin_badge_guards (org_id, badge_code, failed_attempts, locked_until)
select m.org_id, m.badge_code, m.failed_auth_attempts, m.locked_until
from public.members m
where m.badge_code is not null and (m.failed_auth_attempts > 0 or m.locked_until is not null)
on conflict do nothing;

-- A failure for a badge code nobody wears, by the members' rule (app.record_pin_failure): the 5th in
-- a row locks for 15 minutes; a lock that has run out starts the count again. Returns locked_until.
create function app.record_unknown_badge_failure(p_org_id uuid, p_badge text) returns timestamptz
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_g app.pin_badge_guards;
  v_count integer;
  v_locked timestamptz;
begin
  select * into v_g from app.pin_badge_guards g where g.org_id = p_org_id and g.badge_code = p_badge for update;
  v_count := case when v_g.locked_until <= now() then 0 else coalesce(v_g.failed_attempts, 0) end + 1;
  v_locked := case when v_count >= 5 then now() + interval '15 minutes'
                   when v_g.locked_until <= now() then null
                   else v_g.locked_until end;
  insert into app.pin_badge_guards (org_id, badge_code, failed_attempts, locked_until)
    values (p_org_id, p_badge, v_count, v_locked)
    on conflict (org_id, badge_code) do update
      set failed_attempts = excluded.failed_attempts, locked_until = excluded.locked_until, updated_at = now();
  return v_locked;
end $$;
comment on function app.record_unknown_badge_failure(uuid, text) is
  'Counts a PIN-in failure for a badge code no member wears, exactly as app.record_pin_failure counts a '
  'member''s; returns locked_until.';

-- Tries left for this badge code on this tablet: the badge's (5 in a row) and the tablet's (20 in
-- 5 minutes), whichever ends first. Reads only counters every badge code has alike.
create function app.pin_attempts_left(p_org_id uuid, p_station_id uuid, p_badge text) returns integer
language sql stable security definer set search_path = '' as $$
  select greatest(0, least(
    5 - coalesce((select case when g.locked_until <= now() then 0 else g.failed_attempts end
                  from app.pin_badge_guards g where g.org_id = p_org_id and g.badge_code = p_badge), 0),
    20 - (select count(*)::integer from public.auth_attempts a
          where a.org_id = p_org_id and a.station_id = p_station_id and not a.success
            and a.attempted_at > now() - interval '5 minutes')))
$$;
comment on function app.pin_attempts_left(uuid, uuid, text) is
  'PIN-in tries left for a typed badge code on a tablet before a pause: least(5 − the badge code''s failures in '
  'a row, 20 − the tablet''s failures in 5 minutes). The same for real and unknown badge codes.';

create or replace function public.pin_in(p_station_secret text, p_badge_code text, p_pin text) returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_station public.stations := app.station_by_secret(p_station_secret);
  v_org public.organisations;
  v_badge text := left(app.normalise_badge(p_badge_code), 64);
  v_device text := app.request_header('x-device-id');
  v_member public.members;
  v_locked timestamptz;
  v_guard_locked timestamptz;
  v_open uuid;
  v_session_id uuid;
  v_floor_email text;
begin
  select * into v_org from public.organisations o where o.id = v_station.org_id;

  -- per-tablet brake on guessing across many badges (lockout is per badge code)
  if (select count(*) from public.auth_attempts a
      where a.org_id = v_station.org_id and a.station_id = v_station.id and not a.success
        and a.attempted_at > now() - interval '5 minutes') >= 20 then
    insert into public.auth_attempts (org_id, station_id, badge_code, success, reason, device_id)
      values (v_station.org_id, v_station.id, v_badge, false, 'station_throttled', v_device);
    return app.fail_value('STATION_THROTTLED', 'Too many attempts on this tablet: wait a few minutes', null, jsonb_build_object('retry_after_seconds', 300));
  end if;

  select * into v_member from public.members m
    where m.org_id = v_station.org_id and m.badge_code = v_badge and m.is_active
    for update;

  -- a locked badge code answers alike whether anyone wears it (the guard locks unknown codes too)
  select g.locked_until into v_guard_locked from app.pin_badge_guards g
    where g.org_id = v_station.org_id and g.badge_code = v_badge;
  v_locked := greatest(v_guard_locked, v_member.locked_until);
  if v_locked > now() then
    insert into public.auth_attempts (org_id, station_id, member_id, badge_code, success, reason, device_id)
      values (v_station.org_id, v_station.id, v_member.id, v_badge, false, 'locked', v_device);
    return app.lockout_error(v_locked);
  end if;

  if v_member.id is null or v_member.pin_hash is null then
    perform extensions.crypt(coalesce(p_pin, ''), app.decoy_pin_hash());
    insert into public.auth_attempts (org_id, station_id, member_id, badge_code, success, reason, device_id)
      values (v_station.org_id, v_station.id, v_member.id, v_badge, false,
              case when v_member.id is null then 'unknown_badge' else 'no_pin' end::public.auth_attempt_reason,
              v_device);
    if v_member.id is null then
      v_locked := app.record_unknown_badge_failure(v_station.org_id, v_badge);
    else
      v_locked := app.record_pin_failure(v_member.id);
    end if;
    if v_locked > now() then
      return app.lockout_error(v_locked);
    end if;
    return app.fail_value('PIN_NOT_RECOGNISED', 'Badge or PIN not recognised', null,
      jsonb_build_object('attempts_left', app.pin_attempts_left(v_station.org_id, v_station.id, v_badge)));
  end if;

  if p_pin is null or extensions.crypt(p_pin, v_member.pin_hash) <> v_member.pin_hash then
    v_locked := app.record_pin_failure(v_member.id);
    insert into public.auth_attempts (org_id, station_id, member_id, badge_code, success, reason, device_id)
      values (v_station.org_id, v_station.id, v_member.id, v_badge, false, 'wrong_pin', v_device);
    if v_locked > now() then
      return app.lockout_error(v_locked);
    end if;
    return app.fail_value('PIN_NOT_RECOGNISED', 'Badge or PIN not recognised', null,
      jsonb_build_object('attempts_left', app.pin_attempts_left(v_station.org_id, v_station.id, v_badge)));
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
  select u.email into v_floor_email from auth.users u where u.id = v_member.floor_user_id;

  -- never the person's own user id or email: the server signs the tablet in as the floor identity
  return jsonb_build_object(
    'operator_session_id', v_session_id,
    'member_id', v_member.id,
    'floor_user_id', v_member.floor_user_id,
    'floor_email', v_floor_email,
    'display_name', v_member.display_name,
    'role', least(v_member.role, 'supervisor'::public.member_role),
    'org_id', v_org.id,
    'org_slug', v_org.slug,
    'station_id', v_station.id,
    'idle_timeout_seconds', extract(epoch from app.operator_idle_timeout(v_org.settings))::integer);
end $$;
comment on function public.pin_in(text, text, text) is
  'PIN-in on a station tablet (anon or authenticated). Success: {operator_session_id, member_id, '
  'floor_user_id, floor_email (null until the member''s floor identity exists), display_name, role (capped '
  'at supervisor), org_id, org_slug, station_id, idle_timeout_seconds}; the app server then signs the '
  'tablet in as the floor identity (creating and attaching it first if needed), binds the session '
  '(bind_operator_session) and calls operator_session_touch. Failures come back as PostgREST errors with '
  'the attempt recorded: PIN_NOT_RECOGNISED "Badge or PIN not recognised" with attempts_left (unknown badge, '
  'no PIN and wrong PIN alike: every typed badge code is counted the same), LOCKED (retry_after_seconds; the '
  '5th failure in a row for a badge code, real or not, locks it for 15 minutes), STATION_THROTTLED after 20 '
  'failures on this tablet in 5 minutes. Raised: unknown or revoked station.';

revoke execute on function app.pin_badge_guard_mirror(), app.record_unknown_badge_failure(uuid, text),
  app.pin_attempts_left(uuid, uuid, text) from public;
