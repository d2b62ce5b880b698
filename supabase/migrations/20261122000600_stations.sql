-- Station tablets, operator (PIN-in) sessions and the record of every PIN-in attempt.
-- A supervisor+ registers a tablet at a location (register_station) and the tablet keeps the
-- one-time secret; operators then PIN in on it (pin_in), which opens an operator session. See the
-- RPCs in 20261122000800_station_rpcs.sql and docs/tenancy.md.

-- ------------------------------------------------------------------ stations
create table public.stations (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organisations (id) on delete cascade,
  location_id uuid not null,
  name text not null check (length(btrim(name)) between 1 and 80),
  secret_hash text not null unique check (secret_hash ~ '^[0-9a-f]{64}$'),
  registered_by uuid,
  registered_at timestamptz not null default now(),
  last_seen_at timestamptz,
  revoked_at timestamptz,
  revoked_by uuid,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (org_id, id),
  foreign key (org_id, location_id) references public.locations (org_id, id) on delete restrict,
  foreign key (org_id, registered_by) references public.members (org_id, id) on delete set null (registered_by),
  foreign key (org_id, revoked_by) references public.members (org_id, id) on delete set null (revoked_by)
);
comment on table public.stations is
  'A shared tablet signed in to a location by a supervisor+. It authenticates with a random secret '
  '(256 bits) that only its SHA-256 is kept of. Revoked stations stay for history.';
comment on column public.stations.secret_hash is
  'hex SHA-256 of the station secret (high-entropy, so a fast hash suffices). Never selectable by API roles.';
comment on column public.stations.last_seen_at is 'Last time the tablet called station_info or pin_in.';
comment on column public.stations.revoked_at is 'Set by revoke_station(); the secret stops working.';

create index stations_org_location_idx on public.stations (org_id, location_id);
create index stations_org_registered_by_idx on public.stations (org_id, registered_by);
create index stations_org_revoked_by_idx on public.stations (org_id, revoked_by);
create unique index stations_active_name_key on public.stations (org_id, name) where revoked_at is null;

create trigger stations_set_updated_at before update on public.stations
  for each row execute function app.set_updated_at();
create trigger stations_audit after insert or update or delete on public.stations
  for each row execute function app.audit_row('redact:secret_hash', 'skip:last_seen_at');

-- ------------------------------------------------------------------ operator sessions
create type public.operator_session_end_reason as enum (
  'pin_out', 'idle_timeout', 'replaced', 'handover', 'station_revoked', 'member_deactivated', 'ended_by_supervisor'
);
comment on type public.operator_session_end_reason is
  'pin_out: the operator signed out; idle_timeout: no activity for the organisation''s timeout; replaced: '
  'the operator PINed in elsewhere; handover: someone else PINed in at this station; station_revoked, '
  'member_deactivated: what they say; ended_by_supervisor: a supervisor PINed them out.';

create table public.operator_sessions (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organisations (id) on delete cascade,
  station_id uuid not null,
  member_id uuid not null,
  user_id uuid not null references auth.users (id) on delete cascade,
  auth_session_id uuid,
  device_id text,
  started_at timestamptz not null default now(),
  last_seen_at timestamptz not null default now(),
  ended_at timestamptz,
  end_reason public.operator_session_end_reason,
  foreign key (org_id, station_id) references public.stations (org_id, id) on delete cascade,
  foreign key (org_id, member_id) references public.members (org_id, id) on delete cascade,
  check ((ended_at is null) = (end_reason is null))
);
comment on table public.operator_sessions is
  'One PIN-in: who is identified on which station tablet, from when, until PIN-out or idle timeout. '
  'While open and not idle it is what lets an operator''s requests count in RLS (app.my_memberships).';
comment on column public.operator_sessions.user_id is 'The operator''s auth user (copied from the member, for RLS).';
comment on column public.operator_sessions.auth_session_id is
  'The GoTrue session (JWT claim session_id) the tablet got for this PIN-in, bound by the first '
  'operator_session_touch(). A bound JWT acts only while this session is live.';
comment on column public.operator_sessions.last_seen_at is 'Last activity (operator_session_touch); idle after the org''s timeout.';

create index operator_sessions_org_started_idx on public.operator_sessions (org_id, started_at desc);
create index operator_sessions_org_station_idx on public.operator_sessions (org_id, station_id);
create index operator_sessions_org_member_idx on public.operator_sessions (org_id, member_id);
create index operator_sessions_user_id_idx on public.operator_sessions (user_id);
create index operator_sessions_auth_session_idx on public.operator_sessions (auth_session_id)
  where auth_session_id is not null;
-- one open session per person and per tablet
create unique index operator_sessions_open_member_key on public.operator_sessions (member_id) where ended_at is null;
create unique index operator_sessions_open_station_key on public.operator_sessions (station_id) where ended_at is null;

-- ------------------------------------------------------------------ PIN-in attempts
create type public.auth_attempt_reason as enum (
  'ok', 'unknown_badge', 'wrong_pin', 'no_pin', 'locked', 'station_throttled'
);
comment on type public.auth_attempt_reason is
  'Why a PIN-in succeeded or failed. The caller only ever sees "Badge or PIN not recognised" for '
  'unknown_badge, wrong_pin and no_pin.';

create table public.auth_attempts (
  id bigint generated always as identity primary key,
  org_id uuid not null references public.organisations (id) on delete cascade,
  station_id uuid not null,
  member_id uuid,
  badge_code text check (length(badge_code) <= 64),
  success boolean not null,
  reason public.auth_attempt_reason not null,
  operator_session_id uuid references public.operator_sessions (id) on delete set null,
  device_id text,
  attempted_at timestamptz not null default now(),
  foreign key (org_id, station_id) references public.stations (org_id, id) on delete cascade,
  foreign key (org_id, member_id) references public.members (org_id, id) on delete set null (member_id),
  check (success = (reason = 'ok'))
);
comment on table public.auth_attempts is
  'Every PIN-in attempt on a station, successful or not (never the PIN). Supervisors+ read it.';
comment on column public.auth_attempts.badge_code is 'The badge as entered (upper-cased), also when it matched nobody.';

create index auth_attempts_station_at_idx on public.auth_attempts (org_id, station_id, attempted_at desc);
create index auth_attempts_member_at_idx on public.auth_attempts (org_id, member_id, attempted_at desc);
create index auth_attempts_operator_session_idx on public.auth_attempts (operator_session_id);

-- ------------------------------------------------------------------ RLS
alter table public.stations enable row level security;
alter table public.operator_sessions enable row level security;
alter table public.auth_attempts enable row level security;

create policy stations_select on public.stations for select to authenticated
  using (org_id = any (array(select app.my_org_ids('supervisor'))));
create policy stations_insert on public.stations for insert to authenticated
  with check (false); -- register_station() issues the secret
create policy stations_update on public.stations for update to authenticated
  using (org_id = any (array(select app.my_org_ids('supervisor'))))
  with check (org_id = any (array(select app.my_org_ids('supervisor'))));
create policy stations_delete on public.stations for delete to authenticated
  using (false); -- revoke_station() keeps history

create policy operator_sessions_select on public.operator_sessions for select to authenticated
  using (org_id = any (array(select app.my_org_ids('supervisor'))) or user_id = (select auth.uid()));
create policy operator_sessions_insert on public.operator_sessions for insert to authenticated
  with check (false); -- pin_in()
create policy operator_sessions_update on public.operator_sessions for update to authenticated
  using (false); -- operator_session_touch(), pin_out()
create policy operator_sessions_delete on public.operator_sessions for delete to authenticated
  using (false);

create policy auth_attempts_select on public.auth_attempts for select to authenticated
  using (org_id = any (array(select app.my_org_ids('supervisor'))));
create policy auth_attempts_insert on public.auth_attempts for insert to authenticated with check (false);
create policy auth_attempts_update on public.auth_attempts for update to authenticated using (false);
create policy auth_attempts_delete on public.auth_attempts for delete to authenticated using (false);

revoke all on public.stations, public.operator_sessions, public.auth_attempts
  from public, anon, authenticated, service_role;
grant select (id, org_id, location_id, name, registered_by, registered_at, last_seen_at, revoked_at, revoked_by,
              created_at, updated_at)
  on public.stations to authenticated, service_role;
grant update (name) on public.stations to authenticated;
grant update (name, location_id, revoked_at, revoked_by) on public.stations to service_role;
grant select on public.operator_sessions, public.auth_attempts to authenticated, service_role;
grant update (ended_at, end_reason) on public.operator_sessions to service_role;

revoke execute on all functions in schema app from public;
