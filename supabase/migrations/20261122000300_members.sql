-- Members: a person's (auth.users) membership of one organisation, with a role and the station
-- sign-in fields of spec 02 (badge, PIN hash, lockout). PINs are bcrypt hashes (pgcrypto); no API
-- role can read pin_hash or the failure counters (column grants), and all membership changes go
-- through the RPCs in 20261122000700_member_rpcs.sql, which enforce the role rules.

create table public.members (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organisations (id) on delete cascade,
  user_id uuid not null references auth.users (id) on delete cascade,
  role public.member_role not null default 'operator',
  display_name text not null check (length(btrim(display_name)) between 1 and 80),
  team_id uuid,
  location_id uuid,
  badge_code text check (badge_code ~ '^[A-Z0-9][A-Z0-9-]{1,31}$'),
  pin_hash text,
  has_pin boolean generated always as (pin_hash is not null) stored,
  pin_changed_at timestamptz,
  password_changed_at timestamptz,
  failed_auth_attempts integer not null default 0 check (failed_auth_attempts >= 0),
  last_failed_auth_at timestamptz,
  locked_until timestamptz,
  is_active boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (org_id, user_id),
  unique (org_id, badge_code),
  unique (org_id, id),
  -- composite keys keep a member's team and location inside the member's own organisation
  foreign key (org_id, team_id) references public.teams (org_id, id) on delete set null (team_id),
  foreign key (org_id, location_id) references public.locations (org_id, id) on delete set null (location_id),
  check (pin_hash is null or pin_hash like '$2_$%')
);
comment on table public.members is
  'A person''s membership of an organisation. Roles: owner > admin > manager > supervisor > operator. '
  'Supervisors+ see every member of their organisation, operators only their own row. Changed through '
  'RPCs (add_member, change_member_role, deactivate_member, set_member_pin, unlock_member) or, for '
  'display_name/team_id/location_id/badge_code, a direct update by admins+.';
comment on column public.members.role is 'Ascending power: operator < supervisor < manager < admin < owner.';
comment on column public.members.display_name is 'Name shown on the floor and on the badge.';
comment on column public.members.badge_code is
  'Printed on the badge as a QR; upper-case A–Z, 0–9 and hyphens, 2–32 characters; unique per organisation.';
comment on column public.members.pin_hash is
  'bcrypt hash (extensions.crypt, cost 10) of the 4–6 digit station PIN. Never selectable by API roles.';
comment on column public.members.has_pin is 'Whether a PIN is set (the hash itself is never readable).';
comment on column public.members.pin_changed_at is 'When the PIN was last set.';
comment on column public.members.password_changed_at is 'When the person''s Auth password last changed (trigger on auth.users).';
comment on column public.members.failed_auth_attempts is
  'Consecutive wrong PINs; the 5th locks the member for 15 minutes. Not selectable by API roles.';
comment on column public.members.last_failed_auth_at is 'Time of the last wrong PIN. Not selectable by API roles.';
comment on column public.members.locked_until is 'PIN-in refused until then (PT423). unlock_member() clears it.';
comment on column public.members.is_active is 'Deactivated members keep their history but cannot sign in or act.';

create index members_user_id_idx on public.members (user_id);
create index members_org_team_idx on public.members (org_id, team_id);
create index members_org_location_idx on public.members (org_id, location_id);

create trigger members_set_updated_at before update on public.members
  for each row execute function app.set_updated_at();

-- ------------------------------------------------------------------ rules every write path obeys
-- An organisation keeps at least one active owner, whoever writes (RPC, service role, SQL).
create function app.members_keep_an_owner() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if old.role = 'owner' and old.is_active
     and (tg_op = 'DELETE' or new.role <> 'owner' or not new.is_active)
     and exists (select 1 from public.organisations o where o.id = old.org_id)
     and not exists (
       select 1 from public.members m
       where m.org_id = old.org_id and m.role = 'owner' and m.is_active and m.id <> old.id
     ) then
    raise exception using errcode = 'PT409',
      message = 'An organisation needs at least one active owner: make someone else owner first';
  end if;
  return null;
end $$;
comment on function app.members_keep_an_owner() is 'Trigger: refuses to remove, demote or deactivate the last active owner.';

create trigger members_keep_an_owner
  after update of role, is_active or delete on public.members
  for each row execute function app.members_keep_an_owner();

-- Spec 02's password_changed_at follows the Auth password.
create function app.on_auth_password_changed() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  update public.members set password_changed_at = now() where user_id = new.id;
  return null;
end $$;
comment on function app.on_auth_password_changed() is 'Trigger on auth.users: stamps members.password_changed_at.';

create trigger on_auth_password_changed
  after update of encrypted_password on auth.users
  for each row when (old.encrypted_password is distinct from new.encrypted_password)
  execute function app.on_auth_password_changed();

-- ------------------------------------------------------------------ RLS
alter table public.members enable row level security;

create policy members_select on public.members for select to authenticated
  using (org_id = any (array(select app.my_org_ids('supervisor'))) or user_id = (select auth.uid()));
create policy members_insert on public.members for insert to authenticated
  with check (false); -- add_member() enforces who may grant which role
-- Admins edit names, teams, locations and badges; only owners touch owners' rows.
create policy members_update on public.members for update to authenticated
  using (
    org_id = any (array(select app.my_org_ids('admin')))
    and (role < 'owner' or org_id = any (array(select app.my_org_ids('owner'))))
  )
  with check (
    org_id = any (array(select app.my_org_ids('admin')))
    and (role < 'owner' or org_id = any (array(select app.my_org_ids('owner'))))
  );
create policy members_delete on public.members for delete to authenticated
  using (false); -- deactivate_member() keeps history

revoke all on public.members from public, anon, authenticated, service_role;
grant select (id, org_id, user_id, role, display_name, team_id, location_id, badge_code, has_pin,
              pin_changed_at, password_changed_at, locked_until, is_active, created_at, updated_at)
  on public.members to authenticated, service_role;
grant update (display_name, team_id, location_id, badge_code) on public.members to authenticated;
-- the service role may write (jobs, support) but, like everyone, never reads the secrets back
grant insert, update, delete on public.members to service_role;

revoke execute on all functions in schema app from public;
