-- pgTAP test helpers (load with psql before pg_prove; never a migration). Idempotent.
-- Users, impersonation and fixed ids, in the spirit of Basejump's supabase-test-helpers.
--
--   tests.id(key)                      a fixed uuid for a name ('org:alpha', 'user:a@b.test', …)
--   tests.create_user(email)           an auth user (id = tests.id('user:' || email)), returns the id
--   tests.user_id(email)               the id of an existing auth user
--   tests.authenticate_as(email [, session_id])
--                                      `set local role authenticated` + JWT claims (sub, email, role,
--                                      session_id); session_id defaults to tests.id('session:' || email)
--   tests.authenticate_as_anon(), tests.authenticate_as_service_role()
--   tests.clear_authentication()       back to the superuser, claims and request settings cleared
--   tests.set_device(device_id)        request.headers with x-device-id, as PostgREST would set

create extension if not exists pgtap with schema extensions;

-- pgTAP lives in `extensions`, as on Supabase; test files call plan(), is() … unqualified
do $$
begin
  execute format('alter database %I set search_path = "$user", public, extensions', current_database());
end $$;

create schema if not exists tests;
grant usage on schema tests to anon, authenticated, service_role;

create or replace function tests.id(p_key text) returns uuid
language sql immutable as $$
  select md5('floorline-test:' || p_key)::uuid
$$;

create or replace function tests.create_user(p_email text, p_password text default 'floorline-test')
returns uuid
language plpgsql security definer set search_path = '' as $$
declare
  v_id uuid := tests.id('user:' || lower(p_email));
begin
  insert into auth.users (instance_id, id, aud, role, email, encrypted_password, email_confirmed_at,
                          confirmation_token, recovery_token, email_change, raw_app_meta_data, raw_user_meta_data)
  values ('00000000-0000-0000-0000-000000000000', v_id, 'authenticated', 'authenticated', lower(p_email),
          extensions.crypt(p_password, extensions.gen_salt('bf', 4)), now(), '', '', '',
          '{"provider": "email", "providers": ["email"]}', '{}')
  on conflict (id) do nothing;
  return v_id;
end $$;

create or replace function tests.user_id(p_email text) returns uuid
language plpgsql stable security definer set search_path = '' as $$
declare
  v_id uuid;
begin
  select u.id into v_id from auth.users u where lower(u.email) = lower(p_email);
  if v_id is null then
    raise exception 'tests.user_id: no user %', p_email;
  end if;
  return v_id;
end $$;

create or replace function tests.authenticate_as(p_email text, p_session_id uuid default null) returns void
language plpgsql as $$
declare
  v_id uuid := tests.user_id(p_email);
begin
  perform set_config('role', 'authenticated', true);
  perform set_config('request.jwt.claims', json_build_object(
    'sub', v_id, 'email', lower(p_email), 'role', 'authenticated', 'aud', 'authenticated',
    'session_id', coalesce(p_session_id, tests.id('session:' || lower(p_email))),
    'app_metadata', json_build_object('provider', 'email'))::text, true);
end $$;

create or replace function tests.authenticate_as_anon() returns void
language plpgsql as $$
begin
  perform set_config('role', 'anon', true);
  perform set_config('request.jwt.claims', '{"role": "anon"}', true);
end $$;

create or replace function tests.authenticate_as_service_role() returns void
language plpgsql as $$
begin
  perform set_config('role', 'service_role', true);
  perform set_config('request.jwt.claims', '{"role": "service_role"}', true);
end $$;

create or replace function tests.clear_authentication() returns void
language plpgsql as $$
begin
  perform set_config('role', 'none', true);
  perform set_config('request.jwt.claims', '', true);
  perform set_config('request.headers', '', true);
  perform set_config('response.status', '', true);
  perform set_config('floorline.station_id', '', true);
end $$;

create or replace function tests.set_device(p_device_id text) returns void
language plpgsql as $$
begin
  perform set_config('request.headers', json_build_object('x-device-id', p_device_id)::text, true);
end $$;

grant execute on all functions in schema tests to anon, authenticated, service_role;
