-- Foundation for tenancy: the private `app` schema, the role enum, and generic helpers.
-- Design: docs/tenancy.md.
--
-- `app` is never exposed through the API (config.toml serves public and graphql_public only).
-- Policies call its helpers as the `authenticated` role, so that role may use the schema and
-- execute exactly the helpers policies need; everything else in it stays private.

create schema if not exists app;
comment on schema app is
  'Floorline private helpers: RLS membership functions, triggers, validation. Not exposed by the API.';
revoke all on schema app from public;
grant usage on schema app to authenticated, service_role;

-- ------------------------------------------------------------------ roles
-- Declared in ascending order of power, so `role >= 'manager'` reads "manager or above".
create type public.member_role as enum ('operator', 'supervisor', 'manager', 'admin', 'owner');
comment on type public.member_role is
  'A member''s role in one organisation, ascending: operator < supervisor < manager < admin < owner. '
  'Spec mapping: admin → admin, supervisor → supervisor, staff/workers/employees → operator.';

-- ------------------------------------------------------------------ generic triggers
create function app.set_updated_at() returns trigger
language plpgsql set search_path = '' as $$
begin
  new.updated_at := now();
  return new;
end $$;
comment on function app.set_updated_at() is 'Trigger: keeps updated_at current on every update.';

-- ------------------------------------------------------------------ request context
-- PostgREST (and the local stack) expose the request's headers as JSON in request.headers.
create function app.request_header(p_name text) returns text
language plpgsql stable set search_path = '' as $$
declare
  v_raw text := nullif(current_setting('request.headers', true), '');
begin
  if v_raw is null then
    return null;
  end if;
  return left(nullif(btrim((v_raw::jsonb) ->> lower(p_name)), ''), 200);
exception when others then
  -- a malformed header blob must never break a write
  return null;
end $$;
comment on function app.request_header(text) is
  'One request header (lower-case name) from PostgREST''s request.headers, or null. Used for x-device-id.';

-- The GoTrue session a JWT belongs to (claim session_id); binds PIN-in JWTs to operator sessions.
create function app.jwt_session_id() returns uuid
language plpgsql stable set search_path = '' as $$
declare
  v_sid text := (select auth.jwt()) ->> 'session_id';
begin
  if v_sid ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' then
    return v_sid::uuid;
  end if;
  return null;
end $$;
comment on function app.jwt_session_id() is 'The session_id claim of the request JWT as a uuid, or null.';

-- ------------------------------------------------------------------ expected failures as values
-- Raising rolls the transaction back. Where a failure must leave a trace (a wrong PIN counts towards
-- a lockout), the RPC returns this object instead and sets PostgREST's response.status, which keeps
-- the transaction and still gives the client an HTTP error whose body supabase-js reads as `error`.
create function app.fail(
  p_status integer, p_code text, p_message text, p_details text default null, p_extra jsonb default '{}'
) returns jsonb
language plpgsql volatile set search_path = '' as $$
begin
  perform set_config('response.status', p_status::text, true);
  return jsonb_build_object('code', p_code, 'message', p_message, 'details', p_details, 'hint', null) || p_extra;
end $$;
comment on function app.fail(integer, text, text, text, jsonb) is
  'Returns a PostgREST-shaped error object and sets response.status, without rolling back.';

-- ------------------------------------------------------------------ organisation settings
create function app.operator_idle_timeout(p_settings jsonb) returns interval
language sql immutable set search_path = '' as $$
  select make_interval(secs => coalesce((p_settings ->> 'operator_idle_timeout_minutes')::numeric, 10) * 60)
$$;
comment on function app.operator_idle_timeout(jsonb) is
  'The idle time after which an operator session ends, from organisations.settings (default 10 minutes).';

create function app.valid_org_settings(p_settings jsonb) returns boolean
language plpgsql immutable set search_path = '' as $$
declare
  v jsonb;
begin
  if jsonb_typeof(p_settings) is distinct from 'object' then
    return false;
  end if;
  v := p_settings -> 'operator_idle_timeout_minutes';
  -- fractions allowed so end-to-end tests can use a few seconds; 12 hours at most
  if v is not null and (jsonb_typeof(v) <> 'number' or v::numeric < 0.05 or v::numeric > 720) then
    return false;
  end if;
  v := p_settings -> 'station_roster_enabled';
  if v is not null and jsonb_typeof(v) <> 'boolean' then
    return false;
  end if;
  return true;
end $$;
comment on function app.valid_org_settings(jsonb) is
  'Check for organisations.settings: an object; operator_idle_timeout_minutes a number in [0.05, 720]; '
  'station_roster_enabled a boolean. Other keys are allowed for later features.';

create function app.valid_time_zone(p_tz text) returns boolean
language sql stable set search_path = '' as $$
  select exists (select 1 from pg_catalog.pg_timezone_names where name = p_tz)
$$;
comment on function app.valid_time_zone(text) is 'True for an IANA time zone name Postgres knows (e.g. Europe/London).';

-- URL segments the app owns; an organisation slug must not shadow them (/[org] is a dynamic route).
create function app.reserved_slug(p_slug text) returns boolean
language sql immutable set search_path = '' as $$
  select p_slug = any (array['login', 'logout', 'signup', 'api', 'auth', 'admin', 'app', 'settings', 'station',
                             'me', 'new', 'public', 'track', 'static', 'assets', 'help', 'docs', 'www'])
$$;
comment on function app.reserved_slug(text) is 'Slugs reserved for the app''s own routes.';

-- ------------------------------------------------------------------ membership: how RLS sees people
-- The tables these read (members, organisations, operator_sessions) come in later migrations;
-- plpgsql resolves them when called, which lets every table's policies use these helpers.
--
-- Rules (docs/tenancy.md):
--  * a JWT whose session_id is bound to an operator session (a PIN-in on a station) counts only for
--    that session's organisation, and only while the session is open and not idle;
--  * otherwise active supervisor+ memberships always count;
--  * an operator membership counts only while the operator has an open, non-idle operator session
--    that no other JWT has claimed yet (operators act through station tablets, not their own devices).
create function app.my_memberships()
returns table (org_id uuid, member_id uuid, role public.member_role, operator_session_id uuid, station_id uuid)
language plpgsql stable security definer set search_path = '' as $$
#variable_conflict use_column
declare
  v_uid uuid := auth.uid();
  v_sid uuid := app.jwt_session_id();
begin
  if v_uid is null then
    return;
  end if;
  if v_sid is not null and exists (select 1 from public.operator_sessions s where s.auth_session_id = v_sid) then
    return query
      select m.org_id, m.id, m.role, s.id, s.station_id
      from public.operator_sessions s
      join public.members m on m.id = s.member_id
      join public.organisations o on o.id = s.org_id
      where s.auth_session_id = v_sid
        and m.user_id = v_uid
        and m.is_active
        and s.ended_at is null
        and s.last_seen_at > now() - app.operator_idle_timeout(o.settings);
    return;
  end if;
  return query
    select m.org_id, m.id, m.role, s.id, s.station_id
    from public.members m
    join public.organisations o on o.id = m.org_id
    left join lateral (
      select s.id, s.station_id
      from public.operator_sessions s
      where s.member_id = m.id
        and s.ended_at is null
        and s.auth_session_id is null
        and s.last_seen_at > now() - app.operator_idle_timeout(o.settings)
      order by s.started_at desc
      limit 1
    ) s on true
    where m.user_id = v_uid
      and m.is_active
      and (m.role > 'operator' or s.id is not null);
end $$;
comment on function app.my_memberships() is
  'The memberships through which the current request may act (see the rules above and docs/tenancy.md), '
  'with the operator session and station when acting through a PIN-in.';

-- The policy helper, a set. Policies wrap it as `org_id = any (array(select app.my_org_ids('manager')))`:
-- the sub-select runs once per statement (an initplan, not once per row), and `= any(array)` lets the
-- planner use an index on org_id (field notes: `in (select …)` fell back to a scan for tenant-wide counts).
create function app.my_org_ids(p_min_role public.member_role default 'operator') returns setof uuid
language sql stable security definer set search_path = '' as $$
  select m.org_id from app.my_memberships() m where m.role >= p_min_role
$$;
comment on function app.my_org_ids(public.member_role) is
  'Organisations where the current request acts with at least p_min_role. For RLS: '
  '`org_id = any (array(select app.my_org_ids(''role'')))`.';

-- For RPCs: the caller's membership in one organisation, or an error (PT403 → HTTP 403).
create function app.require_role(p_org_id uuid, p_min_role public.member_role)
returns table (member_id uuid, role public.member_role)
language plpgsql stable security definer set search_path = '' as $$
#variable_conflict use_column
begin
  return query
    select m.member_id, m.role from app.my_memberships() m
    where m.org_id = p_org_id and m.role >= p_min_role;
  if not found then
    raise exception using errcode = 'PT403',
      message = format('Not allowed: this needs the %s role or above in the organisation', p_min_role);
  end if;
end $$;
comment on function app.require_role(uuid, public.member_role) is
  'The caller''s member id and role in p_org_id if at least p_min_role; raises PT403 otherwise.';

-- The service key (server actions doing admin work, jobs) acts with owner-like power in RPCs.
create function app.is_service_role() returns boolean
language sql stable set search_path = '' as $$
  select coalesce((select auth.role()) = 'service_role', false)
$$;
comment on function app.is_service_role() is 'True when the request carries the service_role JWT.';

revoke execute on all functions in schema app from public;
grant execute on function app.my_org_ids(public.member_role) to authenticated;
