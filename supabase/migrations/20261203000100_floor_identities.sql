-- Floor identities: what a station tablet holds after PIN-in is never the person's own account.
--
-- Until now PIN-in minted a magic link for the operator's own Auth user, so the tablet held the
-- person's full session: it could change their password and, for a person who is also an owner
-- elsewhere, act there (issue 8, docs/security.md). Now every membership that PINs in gets its own
-- Auth user — a *floor identity* — created by the app server through the Auth admin API on the
-- first PIN-in and attached here (members.floor_user_id). By construction:
--   * a floor identity belongs to one membership, so it can only ever act in that organisation;
--   * it acts only through an operator session the server bound to its exact GoTrue session
--     (bind_operator_session, service role), while that session is open and not idle;
--   * its role is the membership's, capped at supervisor (approvals, floor view: what the floor needs);
--   * it has no password and an undeliverable address, and a trigger on auth.users refuses any change
--     to its email, phone or password (and MFA enrolment), whoever asks;
--   * person-only RPCs (create_organisation, invitations) refuse it (app.require_person).
-- The person's own account keeps its memberships; an operator-role person account acts in no
-- organisation (operators act through stations only), supervisors+ as before.

alter table public.members add column floor_user_id uuid unique references auth.users (id) on delete set null;
comment on column public.members.floor_user_id is
  'The Auth user a station tablet holds after this member PINs in (a floor identity; never the person''s '
  'own account). Attached by the app server on the first PIN-in (attach_floor_identity). Not selectable by API roles.';

-- ------------------------------------------------------------------ who is asking
-- The membership a floor identity belongs to (null for a person, anon and the service role).
create function app.floor_member_id() returns uuid
language sql stable security definer set search_path = '' as $$
  select m.id from public.members m where m.floor_user_id = (select auth.uid())
$$;
comment on function app.floor_member_id() is
  'The member whose floor identity makes this request (a PIN-in session on a station), or null.';

-- Person-only RPCs call this: a signed-in person, never a floor identity.
create function app.require_person() returns uuid
language plpgsql stable security definer set search_path = '' as $$
declare
  v_uid uuid := (select auth.uid());
begin
  if v_uid is null then
    raise exception using errcode = 'PT401', message = 'Sign in first';
  end if;
  if exists (select 1 from public.members m where m.floor_user_id = v_uid) then
    raise exception using errcode = 'PT403',
      message = 'A station sign-in cannot do this: sign in with your own account';
  end if;
  return v_uid;
end $$;
comment on function app.require_person() is
  'The caller''s auth user id if it is a person''s account; PT401 signed out, PT403 for a floor identity.';

-- ------------------------------------------------------------------ how RLS sees people
create or replace function app.my_memberships()
returns table (org_id uuid, member_id uuid, role public.member_role, operator_session_id uuid, station_id uuid)
language plpgsql stable security definer set search_path = '' as $$
#variable_conflict use_column
declare
  v_uid uuid := auth.uid();
  v_sid uuid := app.jwt_session_id();
  v_floor public.members;
begin
  if v_uid is null then
    return;
  end if;
  select * into v_floor from public.members m where m.floor_user_id = v_uid;
  if v_floor.id is not null then
    -- a floor identity: only its own membership, only through the operator session bound to this JWT
    return query
      select v_floor.org_id, v_floor.id, least(v_floor.role, 'supervisor'::public.member_role), s.id, s.station_id
      from public.operator_sessions s
      join public.organisations o on o.id = s.org_id
      where s.member_id = v_floor.id
        and v_sid is not null
        and s.auth_session_id = v_sid
        and v_floor.is_active
        and s.ended_at is null
        and s.last_seen_at > now() - app.operator_idle_timeout(o.settings);
    return;
  end if;
  -- a person: supervisor+ memberships; operators act through stations only
  return query
    select m.org_id, m.id, m.role, null::uuid, null::uuid
    from public.members m
    where m.user_id = v_uid
      and m.is_active
      and m.role > 'operator';
end $$;
comment on function app.my_memberships() is
  'The memberships through which the current request may act: a floor identity''s own membership while '
  'its bound operator session is open and not idle (role capped at supervisor); a person''s active '
  'supervisor+ memberships. See docs/security.md.';

-- ------------------------------------------------------------------ floor identities, server side
create function public.attach_floor_identity(p_member_id uuid, p_user_id uuid) returns uuid
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_current uuid;
begin
  if not app.is_service_role() then
    raise exception using errcode = 'PT403', message = 'Not allowed';
  end if;
  if not exists (select 1 from auth.users u
                 where u.id = p_user_id and u.raw_app_meta_data ->> 'floorline_floor_member' = p_member_id::text) then
    raise exception using errcode = '22023', message = 'That user is not a floor identity for this member',
      detail = 'user_id';
  end if;
  if exists (select 1 from public.members m where m.user_id = p_user_id)
     or exists (select 1 from public.members m where m.floor_user_id = p_user_id and m.id <> p_member_id) then
    raise exception using errcode = 'PT409', message = 'That user already belongs to someone', detail = 'user_id';
  end if;
  update public.members m set floor_user_id = p_user_id where m.id = p_member_id and m.floor_user_id is null;
  select m.floor_user_id into v_current from public.members m where m.id = p_member_id;
  if v_current is null then
    raise exception using errcode = 'PT404', message = 'Member not found';
  end if;
  return v_current;
end $$;
comment on function public.attach_floor_identity(uuid, uuid) is
  'Service role: attaches a floor identity (an Auth user created with app_metadata.floorline_floor_member = '
  'p_member_id) to a member, unless one is attached already. Returns the attached floor user id (the '
  'caller deletes its own user if another won the race). Errors: PT403, PT404, PT409, 22023.';

create function public.bind_operator_session(p_operator_session_id uuid, p_auth_session_id uuid) returns void
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_session public.operator_sessions;
begin
  if not app.is_service_role() then
    raise exception using errcode = 'PT403', message = 'Not allowed';
  end if;
  select s.* into v_session from public.operator_sessions s where s.id = p_operator_session_id for update;
  if v_session.id is null or v_session.ended_at is not null then
    raise exception using errcode = 'PT404', message = 'Operator session not found or ended';
  end if;
  if v_session.auth_session_id is not null and v_session.auth_session_id <> p_auth_session_id then
    raise exception using errcode = 'PT409', message = 'This operator session is bound to another device';
  end if;
  if not exists (
    select 1 from auth.sessions a join public.members m on m.floor_user_id = a.user_id
    where a.id = p_auth_session_id and m.id = v_session.member_id) then
    raise exception using errcode = '22023', message = 'That Auth session is not this member''s floor identity',
      detail = 'auth_session_id';
  end if;
  update public.operator_sessions s set auth_session_id = p_auth_session_id where s.id = p_operator_session_id;
end $$;
comment on function public.bind_operator_session(uuid, uuid) is
  'Service role, right after PIN-in: binds the operator session to the exact GoTrue session the tablet '
  'received for the member''s floor identity. Only a bound JWT acts (app.my_memberships). '
  'Errors: PT403, PT404, PT409, 22023.';

-- ------------------------------------------------------------------ PIN-in answers with the floor identity
create or replace function public.pin_in(p_station_secret text, p_badge_code text, p_pin text) returns jsonb
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
  v_floor_email text;
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
  'the attempt recorded: PT401 "Badge or PIN not recognised" (unknown badge and wrong PIN alike), PT423 locked (retry_after_seconds; the 5th wrong PIN locks for 15 '
  'minutes), PT429 too many failures on this tablet. Raised: PT403 unknown or revoked station.';

create or replace function public.operator_session_touch(p_operator_session_id uuid) returns jsonb
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
    where s.id = p_operator_session_id and s.member_id = app.floor_member_id()
    for update;
  if v_session.id is null then
    raise exception using errcode = 'PT404', message = 'Operator session not found';
  end if;
  if v_session.auth_session_id is distinct from v_sid then
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
  update public.operator_sessions s set last_seen_at = now() where s.id = v_session.id;
  return jsonb_build_object(
    'operator_session_id', v_session.id,
    'station_id', v_session.station_id,
    'member_id', v_session.member_id,
    'last_seen_at', now(),
    'expires_at', now() + v_timeout,
    'idle_timeout_seconds', extract(epoch from v_timeout)::integer);
end $$;
comment on function public.operator_session_touch(uuid) is
  'Keeps the caller''s own operator session alive (the floor identity, through the JWT session bound by '
  'bind_operator_session; call on every interaction, debounced). Returns {operator_session_id, station_id, '
  'member_id, last_seen_at, expires_at, idle_timeout_seconds}. PT440 as a value when idle (the session is '
  'ended) or already ended (details: end reason). Raised: PT401, PT403 (another session), PT404.';

create or replace function public.pin_out(p_operator_session_id uuid) returns void
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_session public.operator_sessions;
begin
  select s.* into v_session from public.operator_sessions s where s.id = p_operator_session_id for update;
  if v_session.id is null then
    raise exception using errcode = 'PT404', message = 'Operator session not found';
  end if;
  if v_session.member_id = app.floor_member_id() then
    perform app.end_operator_session(v_session.id, 'pin_out');
  else
    perform app.caller_role(v_session.org_id, 'supervisor');
    perform app.end_operator_session(v_session.id, 'ended_by_supervisor');
  end if;
end $$;
comment on function public.pin_out(uuid) is
  'Ends an operator session: the floor identity''s own, or anyone''s in the organisation for supervisors+. '
  'No-op when already ended. The app then signs the tablet''s Supabase session out (scope local). '
  'Errors: PT403, PT404.';

-- ------------------------------------------------------------------ a floor identity's own rows
drop policy members_select on public.members;
create policy members_select on public.members for select to authenticated
  using (org_id = any (array(select app.my_org_ids('supervisor')))
         or user_id = (select auth.uid())
         or floor_user_id = (select auth.uid()));

drop policy operator_sessions_select on public.operator_sessions;
create policy operator_sessions_select on public.operator_sessions for select to authenticated
  using (org_id = any (array(select app.my_org_ids('supervisor')))
         or user_id = (select auth.uid())
         or member_id = (select app.floor_member_id()));

create or replace function public.my_organisations()
returns table (
  org_id uuid, name text, slug text, role public.member_role, member_id uuid, display_name text,
  can_act boolean, operator_session_id uuid
)
language sql stable security definer set search_path = '' as $$
  select o.id, o.name, o.slug, coalesce(live.role, m.role), m.id, m.display_name, live.member_id is not null,
         live.operator_session_id
  from public.members m
  join public.organisations o on o.id = m.org_id
  left join app.my_memberships() live on live.member_id = m.id
  where (m.user_id = (select auth.uid()) or m.floor_user_id = (select auth.uid())) and m.is_active
  order by o.name
$$;
comment on function public.my_organisations() is
  'The org switcher: every active membership of the caller (for a floor identity, its one membership with '
  'the capped role). can_act is false for an operator''s own account (operators act only through a station '
  'PIN-in) and for a floor identity outside its live operator session.';

-- ------------------------------------------------------------------ person-only: creating organisations
create or replace function public.create_organisation(
  p_name text,
  p_slug text,
  p_time_zone text default 'UTC',
  p_currency text default 'EUR',
  p_display_name text default null
) returns public.organisations
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_uid uuid := app.require_person();
  v_email text;
  v_account_id uuid;
  v_org public.organisations;
begin
  if p_name is null or length(btrim(p_name)) not between 1 and 120 then
    perform app.invalid('name', 'Enter a name of 1 to 120 characters');
  end if;
  if p_slug is null or p_slug !~ '^[a-z0-9-]{2,40}$' then
    perform app.invalid('slug', 'Use 2 to 40 lower-case letters, digits or hyphens');
  end if;
  if app.reserved_slug(p_slug) or exists (select 1 from public.organisations o where o.slug = p_slug) then
    raise exception using errcode = 'PT409', message = 'That address is taken', detail = 'slug';
  end if;
  if p_time_zone is null or not app.valid_time_zone(p_time_zone) then
    perform app.invalid('time_zone', 'Pick a time zone from the list');
  end if;
  if p_currency is null or p_currency !~ '^[A-Z]{3}$' then
    perform app.invalid('currency', 'Use a three-letter currency code such as EUR');
  end if;

  insert into public.accounts (name) values (btrim(p_name)) returning id into v_account_id;
  insert into public.organisations (account_id, name, slug, time_zone, currency)
    values (v_account_id, btrim(p_name), p_slug, p_time_zone, p_currency)
    returning * into v_org;
  select u.email into v_email from auth.users u where u.id = v_uid;
  insert into public.members (org_id, user_id, role, display_name)
    values (v_org.id, v_uid, 'owner',
            left(coalesce(nullif(btrim(p_display_name), ''), nullif(split_part(v_email, '@', 1), ''), 'Owner'), 80));
  return v_org;
end $$;
comment on function public.create_organisation(text, text, text, text, text) is
  'Creates a billing account, an organisation and the caller''s owner membership. A person''s account '
  'only (never a station sign-in). Errors: PT401, PT403 (floor identity), 22023 (details: '
  'name/slug/time_zone/currency), PT409 slug taken.';

-- ------------------------------------------------------------------ a floor identity's credentials never change
-- GoTrue writes auth.users as supabase_auth_admin for the user endpoints and the admin API alike, so
-- the refusal has to be here to hold on every path (PUT /user, admin updateUserById, plain SQL).
create function app.floor_identity_credentials_fixed() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if coalesce(old.raw_app_meta_data ->> 'floorline_floor_member', '') <> ''
     -- through jsonb: not every Auth schema version has every column (phone_change, email_change)
     and ((to_jsonb(new) -> 'email') is distinct from (to_jsonb(old) -> 'email')
          or (to_jsonb(new) -> 'phone') is distinct from (to_jsonb(old) -> 'phone')
          or (to_jsonb(new) -> 'encrypted_password') is distinct from (to_jsonb(old) -> 'encrypted_password')
          or coalesce(to_jsonb(new) ->> 'email_change', '') <> coalesce(to_jsonb(old) ->> 'email_change', '')
          or coalesce(to_jsonb(new) ->> 'phone_change', '') <> coalesce(to_jsonb(old) ->> 'phone_change', '')
          or (new.raw_app_meta_data ->> 'floorline_floor_member') is distinct from
             (old.raw_app_meta_data ->> 'floorline_floor_member')) then
    raise exception using errcode = 'PT403',
      message = 'A station sign-in has no email, phone or password to change';
  end if;
  return new;
end $$;
comment on function app.floor_identity_credentials_fixed() is
  'Trigger on auth.users: a floor identity''s email, phone, password and marker never change.';

create trigger floor_identity_credentials_fixed
  before update on auth.users
  for each row execute function app.floor_identity_credentials_fixed();

-- MFA factors exist on hosted Supabase (and not in every local stack): a floor identity enrols none.
create function app.floor_identity_no_mfa() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if exists (select 1 from auth.users u
             where u.id = new.user_id and coalesce(u.raw_app_meta_data ->> 'floorline_floor_member', '') <> '') then
    raise exception using errcode = 'PT403', message = 'A station sign-in cannot enrol MFA';
  end if;
  return new;
end $$;
comment on function app.floor_identity_no_mfa() is 'Trigger on auth.mfa_factors: floor identities enrol no factor.';

do $$
begin
  if to_regclass('auth.mfa_factors') is not null then
    create trigger floor_identity_no_mfa before insert on auth.mfa_factors
      for each row execute function app.floor_identity_no_mfa();
  end if;
end $$;

-- ------------------------------------------------------------------ grants
revoke execute on all functions in schema app from public;
grant execute on function app.my_org_ids(public.member_role) to authenticated;
grant execute on function app.floor_member_id() to authenticated;
revoke execute on function
  public.attach_floor_identity(uuid, uuid), public.bind_operator_session(uuid, uuid)
  from public, anon, authenticated, service_role;
grant execute on function public.attach_floor_identity(uuid, uuid), public.bind_operator_session(uuid, uuid)
  to service_role;
