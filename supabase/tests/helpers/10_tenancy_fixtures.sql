-- Tenancy fixtures for pgTAP (load after 00_auth_helpers.sql). They write as the superuser whatever
-- role the test is in, so a test can add rows mid-way. All ids come from tests.id().
--
--   tests.create_org(slug)                         account + organisation; id tests.id('org:' || slug)
--   tests.create_location(slug, name [, kind])     id tests.id('location:' || slug || ':' || name)
--   tests.create_team(slug, name)                  id tests.id('team:' || slug || ':' || name)
--   tests.add_member(slug, email, role [, badge, pin])
--                                                  user (if new) + member; id tests.id('member:' || slug || ':' || email)
--   tests.station_secret(slug)                     the fixed secret of tests.create_station(slug, …)
--   tests.create_station(slug, location_name)      a station with that secret; id tests.id('station:' || slug)
--   tests.create_tenancy_fixture()                 two organisations, every role, a station each:
--       alpha: owner@ admin@ manager@ supervisor@ operator@ (A-OP-1) operator2@ (A-OP-2)  …@alpha.test
--       beta:  owner@ manager@ operator@ (B-OP-1)                                          …@beta.test
--       each with location 'Bench', team 'Crew', station on Bench; every PIN is 1234
--   tests.pin_in(slug, badge [, pin])              pin_in() on the organisation's fixture station, as anon;
--                                                  returns the jsonb answer and restores the superuser
--   tests.act_as_operator(slug, email, badge)      PIN in, then authenticate as that person: RLS now
--                                                  sees them through the open (unbound) operator session

create or replace function tests.create_org(p_slug text, p_settings jsonb default null) returns uuid
language plpgsql security definer set search_path = '' as $$
declare
  v_id uuid := tests.id('org:' || p_slug);
begin
  insert into public.accounts (id, name) values (tests.id('account:' || p_slug), initcap(p_slug) || ' account');
  insert into public.organisations (id, account_id, name, slug, settings)
    values (v_id, tests.id('account:' || p_slug), initcap(p_slug) || ' Works', p_slug,
            coalesce(p_settings, '{"operator_idle_timeout_minutes": 10}'));
  return v_id;
end $$;

create or replace function tests.create_location(p_slug text, p_name text, p_kind public.location_kind default 'workstation')
returns uuid
language plpgsql security definer set search_path = '' as $$
declare
  v_id uuid := tests.id('location:' || p_slug || ':' || p_name);
begin
  insert into public.locations (id, org_id, name, kind) values (v_id, tests.id('org:' || p_slug), p_name, p_kind);
  return v_id;
end $$;

create or replace function tests.create_team(p_slug text, p_name text) returns uuid
language plpgsql security definer set search_path = '' as $$
declare
  v_id uuid := tests.id('team:' || p_slug || ':' || p_name);
begin
  insert into public.teams (id, org_id, name) values (v_id, tests.id('org:' || p_slug), p_name);
  return v_id;
end $$;

create or replace function tests.add_member(
  p_slug text, p_email text, p_role public.member_role, p_badge text default null, p_pin text default null
) returns uuid
language plpgsql security definer set search_path = '' as $$
declare
  v_id uuid := tests.id('member:' || p_slug || ':' || lower(p_email));
begin
  insert into public.members (id, org_id, user_id, role, display_name, badge_code, pin_hash, pin_changed_at)
    values (v_id, tests.id('org:' || p_slug), tests.create_user(p_email), p_role, split_part(p_email, '@', 1),
            p_badge, case when p_pin is not null then extensions.crypt(p_pin, extensions.gen_salt('bf', 4)) end,
            case when p_pin is not null then now() end);
  return v_id;
end $$;

create or replace function tests.station_secret(p_slug text) returns text
language sql immutable as $$
  select 'fls_' || md5('station-a:' || p_slug) || md5('station-b:' || p_slug)
$$;

create or replace function tests.create_station(p_slug text, p_location_name text) returns uuid
language plpgsql security definer set search_path = '' as $$
declare
  v_id uuid := tests.id('station:' || p_slug);
begin
  insert into public.stations (id, org_id, location_id, name, secret_hash)
    values (v_id, tests.id('org:' || p_slug), tests.id('location:' || p_slug || ':' || p_location_name),
            p_location_name || ' tablet', app.station_secret_hash(tests.station_secret(p_slug)));
  return v_id;
end $$;

create or replace function tests.create_tenancy_fixture() returns void
language plpgsql security definer set search_path = '' as $$
begin
  perform tests.create_org('alpha');
  perform tests.create_location('alpha', 'Bench');
  perform tests.create_team('alpha', 'Crew');
  perform tests.add_member('alpha', 'owner@alpha.test', 'owner');
  perform tests.add_member('alpha', 'admin@alpha.test', 'admin');
  perform tests.add_member('alpha', 'manager@alpha.test', 'manager', 'A-MGR-1', '1234');
  perform tests.add_member('alpha', 'supervisor@alpha.test', 'supervisor', 'A-SUP-1', '1234');
  perform tests.add_member('alpha', 'operator@alpha.test', 'operator', 'A-OP-1', '1234');
  perform tests.add_member('alpha', 'operator2@alpha.test', 'operator', 'A-OP-2', '1234');
  perform tests.create_station('alpha', 'Bench');

  perform tests.create_org('beta');
  perform tests.create_location('beta', 'Bench');
  perform tests.create_team('beta', 'Crew');
  perform tests.add_member('beta', 'owner@beta.test', 'owner');
  perform tests.add_member('beta', 'manager@beta.test', 'manager');
  perform tests.add_member('beta', 'operator@beta.test', 'operator', 'B-OP-1', '1234');
  perform tests.create_station('beta', 'Bench');
end $$;

create or replace function tests.pin_in(p_slug text, p_badge text, p_pin text default '1234') returns jsonb
language plpgsql as $$
declare
  v_answer jsonb;
begin
  perform tests.authenticate_as_anon();
  v_answer := public.pin_in(tests.station_secret(p_slug), p_badge, p_pin);
  perform tests.clear_authentication();
  return v_answer;
end $$;

-- The floor identity a station tablet holds for a member after PIN-in (as lib/station/pin-in.ts
-- creates it through the Auth admin API): its own auth user, attached to the member.
create or replace function tests.floor_identity(p_member_id uuid) returns uuid
language plpgsql security definer set search_path = '' as $$
declare
  v_id uuid;
begin
  select m.floor_user_id into v_id from public.members m where m.id = p_member_id;
  if v_id is not null then
    return v_id;
  end if;
  v_id := tests.id('floor:' || p_member_id);
  insert into auth.users (instance_id, id, aud, role, email, encrypted_password, email_confirmed_at,
                          confirmation_token, recovery_token, email_change, raw_app_meta_data, raw_user_meta_data)
  values ('00000000-0000-0000-0000-000000000000', v_id, 'authenticated', 'authenticated',
          'floor-' || p_member_id || '@floor.floorline.invalid', '', now(), '', '', '',
          jsonb_build_object('provider', 'email', 'providers', array['email'], 'floorline_floor_member', p_member_id),
          '{}')
  on conflict (id) do nothing;
  update public.members m set floor_user_id = v_id where m.id = p_member_id;
  return v_id;
end $$;

-- Signs in as a floor identity with a given GoTrue session id (JWT claims only).
create or replace function tests.authenticate_as_floor(p_member_id uuid, p_session_id uuid) returns void
language plpgsql as $$
declare
  v_id uuid := tests.floor_identity(p_member_id);
begin
  perform set_config('role', 'authenticated', true);
  perform set_config('request.jwt.claims', json_build_object(
    'sub', v_id, 'email', 'floor-' || p_member_id || '@floor.floorline.invalid', 'role', 'authenticated',
    'aud', 'authenticated', 'session_id', p_session_id,
    'app_metadata', json_build_object('provider', 'email', 'floorline_floor_member', p_member_id))::text, true);
end $$;

-- PIN-in with the floor identity's GoTrue session named by p_session_key, bound by the service role;
-- leaves the caller signed out (use tests.authenticate_as_floor to act). Returns the operator session.
create or replace function tests.pin_in_bound(p_slug text, p_badge text, p_session_key text) returns uuid
language plpgsql as $$
declare
  v_answer jsonb := tests.pin_in(p_slug, p_badge);
  v_session uuid := (v_answer ->> 'operator_session_id')::uuid;
  v_member uuid := (v_answer ->> 'member_id')::uuid;
begin
  if v_session is null then
    raise exception 'tests.pin_in_bound: PIN-in failed: %', v_answer;
  end if;
  insert into auth.sessions (id, user_id, created_at, updated_at)
    values (tests.id(p_session_key), tests.floor_identity(v_member), now(), now())
    on conflict (id) do nothing;
  perform tests.authenticate_as_service_role();
  perform public.bind_operator_session(v_session, tests.id(p_session_key));
  perform tests.clear_authentication();
  return v_session;
end $$;

-- Acts as the tablet of a person's latest bound PIN-in in p_slug (its floor identity and GoTrue
-- session), whether or not that operator session is still open: "the operator at their tablet".
create or replace function tests.authenticate_as_operator(p_email text, p_slug text default null) returns void
language plpgsql as $$
declare
  v_member uuid;
  v_auth_session uuid;
begin
  perform tests.clear_authentication();
  select s.member_id, s.auth_session_id into v_member, v_auth_session
  from public.operator_sessions s
  join public.members m on m.id = s.member_id
  where m.user_id = tests.user_id(p_email) and s.auth_session_id is not null
    and (p_slug is null or m.org_id = tests.id('org:' || p_slug))
  order by s.ended_at is null desc, s.started_at desc, s.ended_at desc
  limit 1;
  if v_member is null then
    raise exception 'tests.authenticate_as_operator: % has no bound PIN-in', p_email;
  end if;
  perform tests.authenticate_as_floor(v_member, v_auth_session);
end $$;

-- PIN-in as the app server does it: pin_in as the tablet (anon), the member's floor identity, a GoTrue
-- session for it bound to the operator session (service role); then acts as that floor identity.
-- p_email names the person only for readability at the call sites: the tablet never acts as them.
create or replace function tests.act_as_operator(p_slug text, p_email text, p_badge text) returns uuid
language plpgsql as $$
declare
  v_key text := 'floor-session:' || gen_random_uuid();
  v_session uuid := tests.pin_in_bound(p_slug, p_badge, v_key);
begin
  perform tests.authenticate_as_floor(
    (select s.member_id from public.operator_sessions s where s.id = v_session), tests.id(v_key));
  return v_session;
end $$;

grant execute on all functions in schema tests to anon, authenticated, service_role;
