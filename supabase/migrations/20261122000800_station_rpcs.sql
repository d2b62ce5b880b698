-- Station tablets: signing them in and out, and what a tablet shows by its secret.
--
-- Flow (docs/tenancy.md §4): a supervisor+ signed in on the tablet calls register_station() and the
-- tablet keeps the returned secret (an httpOnly cookie via the app server). Between PIN-ins the
-- tablet is anon and proves itself with that secret: station_info(), station_roster(), and pin_in()
-- in 20261122000900_pin_in.sql.

-- ------------------------------------------------------------------ shared pieces
create function app.station_secret_hash(p_secret text) returns text
language sql immutable set search_path = '' as $$
  select encode(extensions.digest(p_secret, 'sha256'), 'hex')
$$;
comment on function app.station_secret_hash(text) is 'hex SHA-256 of a station secret.';

-- The active station a secret belongs to (PT403 otherwise). Marks it seen and tells the audit
-- trigger which station this request comes from.
create function app.station_by_secret(p_secret text) returns public.stations
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_station public.stations;
begin
  if p_secret is not null and p_secret ~ '^fls_[0-9a-f]{64}$' then
    update public.stations s set last_seen_at = now()
      where s.secret_hash = app.station_secret_hash(p_secret) and s.revoked_at is null
      returning * into v_station;
  end if;
  if v_station.id is null then
    raise exception using errcode = 'PT403',
      message = 'This tablet is not signed in as a station: ask a supervisor to sign it in';
  end if;
  perform set_config('floorline.station_id', v_station.id::text, true);
  return v_station;
end $$;
comment on function app.station_by_secret(text) is 'Resolves an active station from its secret; PT403 if unknown or revoked.';

-- Ends a session; one that had already gone idle ends when it went idle, as an idle timeout.
create function app.end_operator_session(p_session_id uuid, p_reason public.operator_session_end_reason)
returns public.operator_session_end_reason
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_reason public.operator_session_end_reason;
begin
  update public.operator_sessions s
    set ended_at = case when s.last_seen_at + app.operator_idle_timeout(o.settings) < now()
                        then s.last_seen_at + app.operator_idle_timeout(o.settings) else now() end,
        end_reason = case when s.last_seen_at + app.operator_idle_timeout(o.settings) < now()
                          then 'idle_timeout' else p_reason end
    from public.organisations o
    where s.id = p_session_id and o.id = s.org_id and s.ended_at is null
    returning s.end_reason into v_reason;
  return v_reason;
end $$;
comment on function app.end_operator_session(uuid, public.operator_session_end_reason) is
  'Ends an open operator session with p_reason, or as idle_timeout at the moment it went idle.';

-- ------------------------------------------------------------------ registering tablets
create function public.register_station(p_location_id uuid, p_name text default null)
returns table (
  station_id uuid, station_secret text, name text, org_id uuid, org_slug text, location_id uuid, location_name text
)
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_location public.locations;
  v_member_id uuid;
  v_name text;
  v_secret text := 'fls_' || encode(extensions.gen_random_bytes(32), 'hex');
  v_station_id uuid;
begin
  select * into v_location from public.locations l where l.id = p_location_id;
  if v_location.id is null then
    raise exception using errcode = 'PT404', message = 'Location not found', detail = 'location_id';
  end if;
  if not app.is_service_role() then
    select r.member_id into v_member_id from app.require_role(v_location.org_id, 'supervisor') r;
  end if;
  if not v_location.is_active then
    perform app.invalid('location_id', 'That location is archived');
  end if;
  v_name := coalesce(nullif(btrim(p_name), ''), v_location.name);
  if length(v_name) > 80 then
    perform app.invalid('name', 'Enter a name of up to 80 characters');
  end if;
  if exists (select 1 from public.stations s
             where s.org_id = v_location.org_id and s.name = v_name and s.revoked_at is null) then
    raise exception using errcode = 'PT409', message = 'A station with that name is already signed in', detail = 'name';
  end if;
  insert into public.stations (org_id, location_id, name, secret_hash, registered_by)
    values (v_location.org_id, v_location.id, v_name, app.station_secret_hash(v_secret), v_member_id)
    returning id into v_station_id;
  return query
    select v_station_id, v_secret, v_name, o.id, o.slug, v_location.id, v_location.name
    from public.organisations o where o.id = v_location.org_id;
end $$;
comment on function public.register_station(uuid, text) is
  'Signs a tablet in as a station at a location (supervisors+). Returns the station secret once: the '
  'tablet keeps it (an httpOnly cookie via the app server); only its hash is stored. Name defaults to '
  'the location''s. One row (use .single()). Errors: PT403, PT404, PT409 name in use, 22023.';

create function public.revoke_station(p_station_id uuid) returns void
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_station public.stations;
  v_member_id uuid;
  v_open uuid;
begin
  select * into v_station from public.stations s where s.id = p_station_id for update;
  if v_station.id is null then
    raise exception using errcode = 'PT404', message = 'Station not found';
  end if;
  if not app.is_service_role() then
    select r.member_id into v_member_id from app.require_role(v_station.org_id, 'supervisor') r;
  end if;
  if v_station.revoked_at is not null then
    return;
  end if;
  update public.stations s set revoked_at = now(), revoked_by = v_member_id where s.id = p_station_id;
  for v_open in select s.id from public.operator_sessions s where s.station_id = p_station_id and s.ended_at is null loop
    perform app.end_operator_session(v_open, 'station_revoked');
  end loop;
end $$;
comment on function public.revoke_station(uuid) is
  'Signs a station tablet out for good: its secret stops working and its open operator session ends. '
  'Supervisors+. Errors: PT403, PT404.';

-- ------------------------------------------------------------------ what the tablet shows
create function public.station_info(p_station_secret text)
returns table (
  station_id uuid, station_name text, org_id uuid, org_slug text, org_name text, location_id uuid,
  location_name text, idle_timeout_seconds integer, roster_enabled boolean
)
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_station public.stations := app.station_by_secret(p_station_secret);
begin
  return query
    select v_station.id, v_station.name, o.id, o.slug, o.name, l.id, l.name,
           extract(epoch from app.operator_idle_timeout(o.settings))::integer,
           coalesce((o.settings ->> 'station_roster_enabled')::boolean, true)
    from public.organisations o
    join public.locations l on l.id = v_station.location_id
    where o.id = v_station.org_id;
end $$;
comment on function public.station_info(text) is
  'The station a tablet''s secret belongs to, for the PIN-in screen (anon). One row. Errors: PT403.';

create function public.station_roster(p_station_secret text)
returns table (member_id uuid, display_name text, badge_code text, team_name text)
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_station public.stations := app.station_by_secret(p_station_secret);
begin
  return query
    select m.id, m.display_name, m.badge_code, t.name
    from public.members m
    join public.organisations o on o.id = m.org_id
    left join public.teams t on t.id = m.team_id
    where m.org_id = v_station.org_id and m.is_active and m.has_pin and m.badge_code is not null
      and coalesce((o.settings ->> 'station_roster_enabled')::boolean, true)
    order by m.display_name;
end $$;
comment on function public.station_roster(text) is
  'Names to pick on the PIN pad instead of scanning a badge (anon, by station secret): active members '
  'with a PIN and a badge. Empty when the organisation turned station_roster_enabled off. Errors: PT403.';

-- ------------------------------------------------------------------ grants
revoke execute on all functions in schema app from public;
revoke execute on function
  public.register_station(uuid, text), public.revoke_station(uuid), public.station_info(text),
  public.station_roster(text)
  from public, anon, authenticated, service_role;
-- the tablet between PIN-ins is anon: it proves itself with the station secret
grant execute on function public.station_info(text), public.station_roster(text) to anon, authenticated, service_role;
grant execute on function public.register_station(uuid, text), public.revoke_station(uuid) to authenticated, service_role;
