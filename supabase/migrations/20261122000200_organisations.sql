-- Accounts (who pays) → organisations (a workshop: the tenant) → locations and teams.
-- VirtualQ's Account → Tenant is accounts → organisations. Every tenant table carries org_id.

-- ------------------------------------------------------------------ accounts
create table public.accounts (
  id uuid primary key default gen_random_uuid(),
  name text not null check (length(btrim(name)) between 1 and 120),
  billing_email text check (billing_email ~ '^[^@\s]+@[^@\s]+$'),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
comment on table public.accounts is
  'The billing entity (VirtualQ''s Account). Owns one or more organisations. Visible to admins+ of its '
  'organisations, editable by owners.';
comment on column public.accounts.billing_email is 'Where invoices go; optional until billing exists.';

create trigger accounts_set_updated_at before update on public.accounts
  for each row execute function app.set_updated_at();

-- ------------------------------------------------------------------ organisations
create table public.organisations (
  id uuid primary key default gen_random_uuid(),
  account_id uuid not null references public.accounts (id) on delete restrict,
  name text not null check (length(btrim(name)) between 1 and 120),
  slug text not null unique
    check (slug ~ '^[a-z0-9-]{2,40}$' and not app.reserved_slug(slug)),
  time_zone text not null default 'UTC' check (app.valid_time_zone(time_zone)),
  currency text not null default 'EUR' check (currency ~ '^[A-Z]{3}$'),
  settings jsonb not null default '{"operator_idle_timeout_minutes": 10, "station_roster_enabled": true}'
    check (app.valid_org_settings(settings)),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
comment on table public.organisations is
  'A workshop: the tenant (VirtualQ''s Tenant, the specs'' orgId / workspace_id / tenant_id). '
  'URLs carry its slug: /[org]/….';
comment on column public.organisations.slug is
  'URL segment, ^[a-z0-9-]{2,40}$, unique, not one of the app''s own routes (app.reserved_slug).';
comment on column public.organisations.time_zone is 'IANA zone for shifts, days and reports.';
comment on column public.organisations.currency is 'ISO 4217 code for prices and piece rates.';
comment on column public.organisations.settings is
  'Workshop settings: operator_idle_timeout_minutes (number, default 10, 0.05–720) ends idle PIN-in '
  'sessions; station_roster_enabled (boolean, default true) lets station tablets list names to pick.';

create index organisations_account_id_idx on public.organisations (account_id);
create trigger organisations_set_updated_at before update on public.organisations
  for each row execute function app.set_updated_at();

-- ------------------------------------------------------------------ locations
create type public.location_kind as enum ('area', 'workstation', 'storage', 'shipping', 'office');
comment on type public.location_kind is
  'area: a floor area (Sanding); workstation: one bench or booth where a station tablet lives; '
  'storage, shipping, office: what they say.';

create table public.locations (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organisations (id) on delete cascade,
  name text not null check (length(btrim(name)) between 1 and 80),
  kind public.location_kind not null default 'area',
  description text check (length(description) <= 500),
  is_active boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (org_id, name),
  -- lets child rows reference (org_id, id) so they cannot point into another organisation
  unique (org_id, id)
);
comment on table public.locations is
  'Floor areas and workstations of an organisation. Members see them; managers+ manage them. '
  'Archive with is_active = false rather than deleting (stations and sessions refer to them).';

create trigger locations_set_updated_at before update on public.locations
  for each row execute function app.set_updated_at();

-- ------------------------------------------------------------------ teams
create table public.teams (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organisations (id) on delete cascade,
  name text not null check (length(btrim(name)) between 1 and 80),
  description text check (length(description) <= 500),
  is_active boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (org_id, name),
  unique (org_id, id)
);
comment on table public.teams is 'Groups of people in an organisation (a sewing line, the woodshop). Managers+ manage them.';

create trigger teams_set_updated_at before update on public.teams
  for each row execute function app.set_updated_at();

-- ------------------------------------------------------------------ RLS
create function app.my_account_ids(p_min_role public.member_role default 'admin') returns setof uuid
language sql stable security definer set search_path = '' as $$
  select distinct o.account_id from public.organisations o
  where o.id in (select app.my_org_ids(p_min_role))
$$;
revoke execute on function app.my_account_ids(public.member_role) from public;
comment on function app.my_account_ids(public.member_role) is
  'Billing accounts of the organisations where the current request acts with at least p_min_role.';
grant execute on function app.my_account_ids(public.member_role) to authenticated;

alter table public.accounts enable row level security;
alter table public.organisations enable row level security;
alter table public.locations enable row level security;
alter table public.teams enable row level security;

create policy accounts_select on public.accounts for select to authenticated
  using (id = any (array(select app.my_account_ids('admin'))));
create policy accounts_insert on public.accounts for insert to authenticated
  with check (false); -- created with an organisation by create_organisation()
create policy accounts_update on public.accounts for update to authenticated
  using (id = any (array(select app.my_account_ids('owner'))))
  with check (id = any (array(select app.my_account_ids('owner'))));
create policy accounts_delete on public.accounts for delete to authenticated
  using (false);

create policy organisations_select on public.organisations for select to authenticated
  using (id = any (array(select app.my_org_ids())));
create policy organisations_insert on public.organisations for insert to authenticated
  with check (false); -- create_organisation() makes the account, the organisation and its owner at once
create policy organisations_update on public.organisations for update to authenticated
  using (id = any (array(select app.my_org_ids('admin'))))
  with check (id = any (array(select app.my_org_ids('admin'))));
create policy organisations_delete on public.organisations for delete to authenticated
  using (false); -- closing a workshop is a support operation (service role)

create policy locations_select on public.locations for select to authenticated
  using (org_id = any (array(select app.my_org_ids())));
create policy locations_insert on public.locations for insert to authenticated
  with check (org_id = any (array(select app.my_org_ids('manager'))));
create policy locations_update on public.locations for update to authenticated
  using (org_id = any (array(select app.my_org_ids('manager'))))
  with check (org_id = any (array(select app.my_org_ids('manager'))));
create policy locations_delete on public.locations for delete to authenticated
  using (org_id = any (array(select app.my_org_ids('manager'))));

create policy teams_select on public.teams for select to authenticated
  using (org_id = any (array(select app.my_org_ids())));
create policy teams_insert on public.teams for insert to authenticated
  with check (org_id = any (array(select app.my_org_ids('manager'))));
create policy teams_update on public.teams for update to authenticated
  using (org_id = any (array(select app.my_org_ids('manager'))))
  with check (org_id = any (array(select app.my_org_ids('manager'))));
create policy teams_delete on public.teams for delete to authenticated
  using (org_id = any (array(select app.my_org_ids('manager'))));

-- ------------------------------------------------------------------ grants (none by default)
revoke all on public.accounts, public.organisations, public.locations, public.teams
  from public, anon, authenticated, service_role;

grant select on public.accounts to authenticated;
grant update (name, billing_email) on public.accounts to authenticated;

grant select on public.organisations to authenticated;
grant update (name, slug, time_zone, currency, settings) on public.organisations to authenticated;

grant select, delete on public.locations, public.teams to authenticated;
grant insert (id, org_id, name, kind, description, is_active) on public.locations to authenticated;
grant update (name, kind, description, is_active) on public.locations to authenticated;
grant insert (id, org_id, name, description, is_active) on public.teams to authenticated;
grant update (name, description, is_active) on public.teams to authenticated;

grant all on public.accounts, public.organisations, public.locations, public.teams to service_role;

-- the check constraints above run as whoever writes
grant execute on function app.valid_org_settings(jsonb), app.valid_time_zone(text), app.reserved_slug(text)
  to authenticated, service_role;
