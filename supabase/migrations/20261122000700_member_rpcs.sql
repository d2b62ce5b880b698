-- Organisation and membership RPCs. Role rules live here, in SQL:
--   * admins+ add members, change roles and (de)activate members (PINs: 20261122000750_member_pins.sql);
--   * only owners create owners or change/deactivate an owner (admins cannot touch owners);
--   * the last active owner cannot be demoted or deactivated (also a trigger on members);
--   * supervisors+ list members and unlock locked-out members.
-- The service role (server actions doing admin work, e.g. after an Auth invite) acts as an owner.
-- Errors: PT401 not signed in, PT403 not allowed, PT404 not found, PT409 conflict (PostgREST answers
-- with that HTTP status); 22023 invalid input, with the field name in `details`.

-- ------------------------------------------------------------------ shared pieces
create function app.invalid(p_field text, p_message text) returns void
language plpgsql set search_path = '' as $$
begin
  raise exception using errcode = '22023', message = p_message, detail = p_field;
end $$;
comment on function app.invalid(text, text) is 'Raises 22023 (HTTP 400) with the offending field name as detail.';

-- The caller's effective role in an organisation for an admin RPC (service role counts as owner).
create function app.caller_role(p_org_id uuid, p_min_role public.member_role) returns public.member_role
language plpgsql stable security definer set search_path = '' as $$
declare
  v_role public.member_role;
begin
  if app.is_service_role() then
    return 'owner'::public.member_role;
  end if;
  select r.role into v_role from app.require_role(p_org_id, p_min_role) r;
  return v_role;
end $$;
comment on function app.caller_role(uuid, public.member_role) is
  'The caller''s role in p_org_id (owner for the service role); PT403 below p_min_role.';

create function app.normalise_badge(p_badge text) returns text
language sql immutable set search_path = '' as $$
  select nullif(upper(btrim(p_badge)), '')
$$;
comment on function app.normalise_badge(text) is 'Badge codes are stored and matched upper-case, trimmed.';

-- Validates the member fields add_member and friends accept; raises 22023 per field.
create function app.check_member_fields(
  p_org_id uuid, p_member_id uuid, p_display_name text, p_badge_code text, p_team_id uuid, p_location_id uuid
) returns void
language plpgsql stable security definer set search_path = '' as $$
begin
  if p_display_name is null or length(btrim(p_display_name)) not between 1 and 80 then
    perform app.invalid('display_name', 'Enter a name of 1 to 80 characters');
  end if;
  if p_badge_code is not null then
    if p_badge_code !~ '^[A-Z0-9][A-Z0-9-]{1,31}$' then
      perform app.invalid('badge_code', 'Badge codes are 2 to 32 letters, digits or hyphens');
    end if;
    if exists (select 1 from public.members m
               where m.org_id = p_org_id and m.badge_code = p_badge_code and m.id is distinct from p_member_id) then
      raise exception using errcode = 'PT409', message = 'That badge code is already in use', detail = 'badge_code';
    end if;
  end if;
  if p_team_id is not null and not exists (select 1 from public.teams t where t.id = p_team_id and t.org_id = p_org_id) then
    perform app.invalid('team_id', 'No such team in this organisation');
  end if;
  if p_location_id is not null
     and not exists (select 1 from public.locations l where l.id = p_location_id and l.org_id = p_org_id) then
    perform app.invalid('location_id', 'No such location in this organisation');
  end if;
end $$;
comment on function app.check_member_fields(uuid, uuid, text, text, uuid, uuid) is
  'Field checks shared by the member RPCs (22023 / PT409 with the field name as detail).';

-- A member row for an admin RPC, locked; PT404 when it does not exist.
create function app.member_for_update(p_member_id uuid) returns public.members
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_member public.members;
begin
  select * into v_member from public.members m where m.id = p_member_id for update;
  if not found then
    raise exception using errcode = 'PT404', message = 'Member not found';
  end if;
  return v_member;
end $$;
comment on function app.member_for_update(uuid) is 'Locks and returns a member row; PT404 if missing.';

-- ------------------------------------------------------------------ organisations
create function public.create_organisation(
  p_name text,
  p_slug text,
  p_time_zone text default 'UTC',
  p_currency text default 'EUR',
  p_display_name text default null
) returns public.organisations
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_uid uuid := (select auth.uid());
  v_email text;
  v_account_id uuid;
  v_org public.organisations;
begin
  if v_uid is null then
    raise exception using errcode = 'PT401', message = 'Sign in first';
  end if;
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
  'Creates a billing account, an organisation and the caller''s owner membership. Errors: PT401, '
  '22023 (details: name/slug/time_zone/currency), PT409 slug taken.';

create function public.my_organisations()
returns table (
  org_id uuid, name text, slug text, role public.member_role, member_id uuid, display_name text,
  can_act boolean, operator_session_id uuid
)
language sql stable security definer set search_path = '' as $$
  select o.id, o.name, o.slug, m.role, m.id, m.display_name, live.member_id is not null, live.operator_session_id
  from public.members m
  join public.organisations o on o.id = m.org_id
  left join app.my_memberships() live on live.member_id = m.id
  where m.user_id = (select auth.uid()) and m.is_active
  order by o.name
$$;
comment on function public.my_organisations() is
  'The org switcher: every active membership of the caller. can_act is false for an operator without a '
  'live operator session (they act only through a station PIN-in); operator_session_id is that session.';

-- ------------------------------------------------------------------ members
create function public.list_members(p_org_id uuid)
returns table (
  member_id uuid, user_id uuid, email text, display_name text, role public.member_role,
  team_id uuid, team_name text, location_id uuid, location_name text, badge_code text, has_pin boolean,
  pin_changed_at timestamptz, locked_until timestamptz, is_active boolean, last_sign_in_at timestamptz,
  created_at timestamptz
)
language plpgsql stable security definer set search_path = '' as $$
begin
  perform app.caller_role(p_org_id, 'supervisor');
  return query
    select m.id, m.user_id, u.email::text, m.display_name, m.role, m.team_id, t.name, m.location_id, l.name,
           m.badge_code, m.has_pin, m.pin_changed_at, m.locked_until, m.is_active, u.last_sign_in_at, m.created_at
    from public.members m
    join auth.users u on u.id = m.user_id
    left join public.teams t on t.id = m.team_id
    left join public.locations l on l.id = m.location_id
    where m.org_id = p_org_id
    order by m.is_active desc, m.role desc, m.display_name;
end $$;
comment on function public.list_members(uuid) is
  'Members of an organisation with their sign-in email, for the members screen and badge printing. '
  'Supervisors+. Errors: PT403.';

create function public.add_member(
  p_org_id uuid,
  p_user_id uuid,
  p_role public.member_role,
  p_display_name text,
  p_badge_code text default null,
  p_team_id uuid default null,
  p_location_id uuid default null
) returns uuid
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_caller public.member_role := app.caller_role(p_org_id, 'admin');
  v_badge text := app.normalise_badge(p_badge_code);
  v_existing public.members;
  v_id uuid;
begin
  if not exists (select 1 from public.organisations o where o.id = p_org_id) then
    raise exception using errcode = 'PT404', message = 'Organisation not found';
  end if;
  if p_role is null then
    perform app.invalid('role', 'Pick a role');
  end if;
  if p_role = 'owner' and v_caller <> 'owner' then
    raise exception using errcode = 'PT403', message = 'Only an owner can make someone an owner';
  end if;
  if not exists (select 1 from auth.users u where u.id = p_user_id) then
    raise exception using errcode = 'PT404', message = 'No such user', detail = 'user_id';
  end if;
  select * into v_existing from public.members m where m.org_id = p_org_id and m.user_id = p_user_id for update;
  if v_existing.id is not null and v_existing.is_active then
    raise exception using errcode = 'PT409', message = 'Already a member of this organisation', detail = 'user_id';
  end if;
  perform app.check_member_fields(p_org_id, v_existing.id, p_display_name, v_badge, p_team_id, p_location_id);

  if v_existing.id is not null then
    -- a former member comes back: same row, so their history stays attached
    update public.members m
      set role = p_role, display_name = btrim(p_display_name), badge_code = v_badge, team_id = p_team_id,
          location_id = p_location_id, is_active = true
      where m.id = v_existing.id
      returning m.id into v_id;
  else
    insert into public.members (org_id, user_id, role, display_name, badge_code, team_id, location_id)
      values (p_org_id, p_user_id, p_role, btrim(p_display_name), v_badge, p_team_id, p_location_id)
      returning id into v_id;
  end if;
  return v_id;
end $$;
comment on function public.add_member(uuid, uuid, public.member_role, text, text, uuid, uuid) is
  'Adds (or re-activates) a user as a member. Admins+; only owners add owners. Call it after creating '
  'or inviting the user with the Auth admin API. Returns the member id. Errors: PT403, PT404, PT409 '
  '(already a member; badge in use), 22023 (details: display_name/badge_code/team_id/location_id/role).';

create function public.change_member_role(p_member_id uuid, p_role public.member_role) returns void
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_target public.members := app.member_for_update(p_member_id);
  v_caller public.member_role := app.caller_role(v_target.org_id, 'admin');
begin
  if p_role is null then
    perform app.invalid('role', 'Pick a role');
  end if;
  if (v_target.role = 'owner' or p_role = 'owner') and v_caller <> 'owner' then
    raise exception using errcode = 'PT403', message = 'Only an owner can change an owner or make someone owner';
  end if;
  if v_target.role = p_role then
    return;
  end if;
  -- members_keep_an_owner refuses to demote the last active owner (PT409)
  update public.members m set role = p_role where m.id = p_member_id;
end $$;
comment on function public.change_member_role(uuid, public.member_role) is
  'Sets a member''s role. Admins+; only owners change owners or grant owner. Errors: PT403, PT404, '
  'PT409 (last owner).';

create function public.deactivate_member(p_member_id uuid) returns void
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_target public.members := app.member_for_update(p_member_id);
  v_caller public.member_role := app.caller_role(v_target.org_id, 'admin');
begin
  if v_target.role = 'owner' and v_caller <> 'owner' then
    raise exception using errcode = 'PT403', message = 'Only an owner can deactivate an owner';
  end if;
  if not v_target.is_active then
    return;
  end if;
  update public.members m set is_active = false where m.id = p_member_id;
  update public.operator_sessions s set ended_at = now(), end_reason = 'member_deactivated'
    where s.member_id = p_member_id and s.ended_at is null;
end $$;
comment on function public.deactivate_member(uuid) is
  'Deactivates a member (history stays) and ends their open operator session. Admins+; owners only for '
  'owners. Errors: PT403, PT404, PT409 (last owner).';

create function public.reactivate_member(p_member_id uuid) returns void
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_target public.members := app.member_for_update(p_member_id);
  v_caller public.member_role := app.caller_role(v_target.org_id, 'admin');
begin
  if v_target.role = 'owner' and v_caller <> 'owner' then
    raise exception using errcode = 'PT403', message = 'Only an owner can reactivate an owner';
  end if;
  update public.members m set is_active = true where m.id = p_member_id and not m.is_active;
end $$;
comment on function public.reactivate_member(uuid) is 'Reactivates a member. Admins+; owners only for owners. Errors: PT403, PT404.';

create function public.unlock_member(p_member_id uuid) returns void
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_target public.members := app.member_for_update(p_member_id);
begin
  perform app.caller_role(v_target.org_id, 'supervisor');
  update public.members m set failed_auth_attempts = 0, locked_until = null where m.id = p_member_id;
end $$;
comment on function public.unlock_member(uuid) is
  'Clears a PIN lockout and the failure count. Supervisors+ (the floor lead who knows the person). Errors: PT403, PT404.';

-- ------------------------------------------------------------------ grants
revoke execute on all functions in schema app from public;
revoke execute on function
  public.create_organisation(text, text, text, text, text),
  public.my_organisations(),
  public.list_members(uuid),
  public.add_member(uuid, uuid, public.member_role, text, text, uuid, uuid),
  public.change_member_role(uuid, public.member_role),
  public.deactivate_member(uuid),
  public.reactivate_member(uuid),
  public.unlock_member(uuid)
  from public, anon, authenticated, service_role;
grant execute on function
  public.create_organisation(text, text, text, text, text),
  public.my_organisations(),
  public.list_members(uuid),
  public.add_member(uuid, uuid, public.member_role, text, text, uuid, uuid),
  public.change_member_role(uuid, public.member_role),
  public.deactivate_member(uuid),
  public.reactivate_member(uuid),
  public.unlock_member(uuid)
  to authenticated, service_role;
