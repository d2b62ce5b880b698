-- Invitations: joining an organisation needs the person's consent.
--
-- Before, inviting an email that already had an account attached that account at once (add_member
-- took any user id), so an owner of any organisation could attach a stranger's account, set its PIN
-- and take it over at a station (issue 8). Now:
--   * an invite for an email with an account is a pending invitation; the membership exists only
--     once that account's owner accepts it, signed in with their own account (accept_invitation);
--     until then there is no member row, so there is nothing to set a PIN or badge on;
--   * add_member only attaches a brand-new account that the app server created for this very
--     organisation's invite (app_metadata.floorline_invited_org, which only the service key can set),
--     or brings back a former member of this organisation.
-- The inviter sees only what they typed (email, name, role) and the invitation's status.

create type public.invitation_status as enum ('pending', 'accepted', 'declined', 'revoked', 'expired');
comment on type public.invitation_status is
  'pending until the invitee answers (accepted / declined), an admin revokes it, or it expires.';

create table public.invitations (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organisations (id) on delete cascade,
  email extensions.citext not null check (email ~ '^[^@\s]+@[^@\s]+$' and length(email) <= 254),
  role public.member_role not null,
  display_name text not null check (length(btrim(display_name)) between 1 and 80),
  team_id uuid,
  location_id uuid,
  invited_by uuid,
  status public.invitation_status not null default 'pending',
  expires_at timestamptz not null default now() + interval '14 days',
  responded_at timestamptz,
  member_id uuid,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (org_id, id),
  foreign key (org_id, team_id) references public.teams (org_id, id) on delete set null (team_id),
  foreign key (org_id, location_id) references public.locations (org_id, id) on delete set null (location_id),
  foreign key (org_id, invited_by) references public.members (org_id, id) on delete set null (invited_by),
  foreign key (org_id, member_id) references public.members (org_id, id) on delete set null (member_id),
  check ((status = 'pending') = (responded_at is null))
);
comment on table public.invitations is
  'An invitation for an existing account to join an organisation. The membership is created only when '
  'the account''s owner accepts (accept_invitation). Admins+ of the organisation see its invitations; '
  'the invitee sees those addressed to their account''s email.';
comment on column public.invitations.email is 'The address the inviter typed; matched case-insensitively to the invitee''s account.';
comment on column public.invitations.role is 'The role the membership gets on acceptance.';
comment on column public.invitations.status is 'pending → accepted | declined | revoked | expired.';
comment on column public.invitations.expires_at is 'A pending invitation past this time counts as expired (14 days).';
comment on column public.invitations.member_id is 'The membership created on acceptance.';

create index invitations_org_status_idx on public.invitations (org_id, status, created_at desc);
create index invitations_email_idx on public.invitations (email) where status = 'pending';
create index invitations_org_team_idx on public.invitations (org_id, team_id);
create index invitations_org_location_idx on public.invitations (org_id, location_id);
create index invitations_org_invited_by_idx on public.invitations (org_id, invited_by);
create index invitations_org_member_idx on public.invitations (org_id, member_id);
-- one open invitation per address and organisation
create unique index invitations_pending_key on public.invitations (org_id, email) where status = 'pending';

create trigger invitations_set_updated_at before update on public.invitations
  for each row execute function app.set_updated_at();
create trigger invitations_audit after insert or update or delete on public.invitations
  for each row execute function app.audit_row();

-- The confirmed email of the signed-in person (never a floor identity's address).
create function app.my_email() returns extensions.citext
language sql stable security definer set search_path = '' as $$
  select u.email::extensions.citext from auth.users u
  where u.id = (select auth.uid())
    and not exists (select 1 from public.members m where m.floor_user_id = u.id)
$$;
comment on function app.my_email() is 'The signed-in person''s email (null for floor identities and anon).';

alter table public.invitations enable row level security;
create policy invitations_select on public.invitations for select to authenticated
  using (org_id = any (array(select app.my_org_ids('admin'))) or email = (select app.my_email()));
create policy invitations_insert on public.invitations for insert to authenticated
  with check (false); -- invite_member()
create policy invitations_update on public.invitations for update to authenticated
  using (false); -- accept/decline/revoke_invitation()
create policy invitations_delete on public.invitations for delete to authenticated
  using (false); -- kept for history

revoke all on public.invitations from public, anon, authenticated, service_role;
grant select on public.invitations to authenticated, service_role;
grant insert, update, delete on public.invitations to service_role;

-- Addresses Floorline makes up itself (badge-only operators, floor identities) are never invited.
create function app.synthetic_email(p_email text) returns boolean
language sql immutable set search_path = '' as $$
  select lower(coalesce(p_email, '')) like '%.invalid'
$$;
comment on function app.synthetic_email(text) is 'True for the undeliverable .invalid addresses the app creates.';

-- ------------------------------------------------------------------ inviting
create function public.invite_member(
  p_org_id uuid,
  p_email text,
  p_role public.member_role,
  p_display_name text,
  p_team_id uuid default null,
  p_location_id uuid default null
) returns public.invitations
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_caller public.member_role := app.caller_role(p_org_id, 'admin');
  v_email text := lower(btrim(coalesce(p_email, '')));
  v_invitation public.invitations;
begin
  if p_role is null then
    perform app.invalid('role', 'Pick a role');
  end if;
  if p_role = 'owner' and v_caller <> 'owner' then
    raise exception using errcode = 'PT403', message = 'Only an owner can make someone an owner';
  end if;
  if v_email !~ '^[^@\s]+@[^@\s]+\.[^@\s]+$' or length(v_email) > 254 or app.synthetic_email(v_email) then
    perform app.invalid('email', 'Enter the person''s real email address');
  end if;
  perform app.check_member_fields(p_org_id, null, p_display_name, null, p_team_id, p_location_id);
  if exists (select 1 from public.members m join auth.users u on u.id = m.user_id
             where m.org_id = p_org_id and m.is_active and lower(u.email) = v_email) then
    raise exception using errcode = 'PT409', message = 'Already a member of this organisation', detail = 'email';
  end if;
  update public.invitations i set status = 'expired', responded_at = now()
    where i.org_id = p_org_id and i.email = v_email::extensions.citext and i.status = 'pending'
      and i.expires_at <= now();
  if exists (select 1 from public.invitations i
             where i.org_id = p_org_id and i.email = v_email::extensions.citext and i.status = 'pending') then
    raise exception using errcode = 'PT409', message = 'That person already has an invitation waiting',
      detail = 'email';
  end if;
  insert into public.invitations (org_id, email, role, display_name, team_id, location_id, invited_by)
    values (p_org_id, v_email, p_role, btrim(p_display_name), p_team_id, p_location_id,
            app.actor_member_id(p_org_id))
    returning * into v_invitation;
  return v_invitation;
end $$;
comment on function public.invite_member(uuid, text, public.member_role, text, uuid, uuid) is
  'Invites an existing account by email: a pending invitation, no membership until the person accepts. '
  'Admins+; only owners invite owners. Errors: PT403, PT409 (already a member; invitation waiting), '
  '22023 (details: email/display_name/team_id/location_id/role).';

-- ------------------------------------------------------------------ answering (the invitee)
create function app.pending_invitation_for_me(p_invitation_id uuid) returns public.invitations
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_uid uuid := app.require_person();
  v_invitation public.invitations;
begin
  select i.* into v_invitation from public.invitations i
    join auth.users u on u.id = v_uid and lower(u.email) = lower(i.email::text)
    where i.id = p_invitation_id
    for update of i;
  if v_invitation.id is null then
    raise exception using errcode = 'PT404', message = 'Invitation not found';
  end if;
  if v_invitation.status = 'pending' and v_invitation.expires_at <= now() then
    update public.invitations i set status = 'expired', responded_at = now() where i.id = v_invitation.id;
    v_invitation.status := 'expired';
  end if;
  if v_invitation.status <> 'pending' then
    raise exception using errcode = 'PT409', message = format('This invitation is %s', v_invitation.status);
  end if;
  return v_invitation;
end $$;
comment on function app.pending_invitation_for_me(uuid) is
  'Locks a pending invitation addressed to the signed-in person; PT404 otherwise, PT409 when answered or expired.';

create function public.accept_invitation(p_invitation_id uuid)
returns table (org_id uuid, org_slug text, member_id uuid)
language plpgsql volatile security definer set search_path = '' as $$
#variable_conflict use_column
declare
  v_invitation public.invitations := app.pending_invitation_for_me(p_invitation_id);
  v_uid uuid := (select auth.uid());
  v_existing public.members;
  v_member_id uuid;
begin
  select * into v_existing from public.members m
    where m.org_id = v_invitation.org_id and m.user_id = v_uid for update;
  if v_existing.id is not null and v_existing.is_active then
    v_member_id := v_existing.id;
  elsif v_existing.id is not null then
    update public.members m
      set role = v_invitation.role, display_name = v_invitation.display_name, team_id = v_invitation.team_id,
          location_id = v_invitation.location_id, is_active = true
      where m.id = v_existing.id;
    v_member_id := v_existing.id;
  else
    insert into public.members (org_id, user_id, role, display_name, team_id, location_id)
      values (v_invitation.org_id, v_uid, v_invitation.role, v_invitation.display_name, v_invitation.team_id,
              v_invitation.location_id)
      returning id into v_member_id;
  end if;
  update public.invitations i set status = 'accepted', responded_at = now(), member_id = v_member_id
    where i.id = v_invitation.id;
  return query select o.id, o.slug, v_member_id from public.organisations o where o.id = v_invitation.org_id;
end $$;
comment on function public.accept_invitation(uuid) is
  'The invitee, signed in with their own account, joins the organisation with the invited role. '
  'Returns {org_id, org_slug, member_id}. Errors: PT401, PT403 (station sign-in), PT404, PT409 (answered/expired).';

create function public.decline_invitation(p_invitation_id uuid) returns void
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_invitation public.invitations := app.pending_invitation_for_me(p_invitation_id);
begin
  update public.invitations i set status = 'declined', responded_at = now() where i.id = v_invitation.id;
end $$;
comment on function public.decline_invitation(uuid) is
  'The invitee declines. Errors: PT401, PT403 (station sign-in), PT404, PT409 (answered/expired).';

create function public.my_invitations()
returns table (
  invitation_id uuid, org_id uuid, org_name text, role public.member_role, display_name text,
  invited_by_name text, created_at timestamptz, expires_at timestamptz
)
language plpgsql stable security definer set search_path = '' as $$
begin
  perform app.require_person();
  return query
    select i.id, i.org_id, o.name, i.role, i.display_name, inviter.display_name, i.created_at, i.expires_at
    from public.invitations i
    join public.organisations o on o.id = i.org_id
    left join public.members inviter on inviter.id = i.invited_by
    where i.email = (select app.my_email()) and i.status = 'pending' and i.expires_at > now()
    order by i.created_at desc;
end $$;
comment on function public.my_invitations() is
  'Pending invitations addressed to the signed-in person, for the invitations screen. Errors: PT401, PT403.';

-- ------------------------------------------------------------------ the organisation's side
create function public.revoke_invitation(p_invitation_id uuid) returns void
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_invitation public.invitations;
begin
  select i.* into v_invitation from public.invitations i where i.id = p_invitation_id for update;
  if v_invitation.id is null then
    raise exception using errcode = 'PT404', message = 'Invitation not found';
  end if;
  perform app.caller_role(v_invitation.org_id, 'admin');
  if v_invitation.status = 'pending' then
    update public.invitations i set status = 'revoked', responded_at = now() where i.id = p_invitation_id;
  end if;
end $$;
comment on function public.revoke_invitation(uuid) is
  'Admins+ withdraw a pending invitation (no-op once answered). Errors: PT403, PT404.';

-- ------------------------------------------------------------------ add_member: new accounts only
create or replace function public.add_member(
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
  -- consent: a stranger's account joins only by accepting an invitation (invite_member)
  if v_existing.id is null and not (
       exists (select 1 from auth.users u
               where u.id = p_user_id and u.raw_app_meta_data ->> 'floorline_invited_org' = p_org_id::text)
       and not exists (select 1 from public.members m where m.user_id = p_user_id or m.floor_user_id = p_user_id)) then
    raise exception using errcode = 'PT403',
      message = 'That person already has an account: invite them and they join when they accept',
      detail = 'user_id';
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
  'Adds a brand-new account created for this organisation''s invite (app_metadata.floorline_invited_org, '
  'set by the app server with the service key), or brings back a former member. Any other existing '
  'account joins only through invite_member + accept_invitation. Admins+; only owners add owners. '
  'Returns the member id. Errors: PT403 (not allowed; existing account), PT404, PT409 (already a member; '
  'badge in use), 22023 (details: display_name/badge_code/team_id/location_id/role).';

-- the invitations screen lives at /invitations, so no organisation may take that slug
create or replace function app.reserved_slug(p_slug text) returns boolean
language sql immutable set search_path = '' as $$
  select p_slug = any (array['login', 'logout', 'signup', 'api', 'auth', 'admin', 'app', 'settings', 'station',
                             'me', 'new', 'public', 'track', 'static', 'assets', 'help', 'docs', 'www',
                             'invitations'])
$$;

-- ------------------------------------------------------------------ grants
revoke execute on all functions in schema app from public;
grant execute on function app.my_org_ids(public.member_role) to authenticated;
grant execute on function app.floor_member_id(), app.my_email() to authenticated;
revoke execute on function
  public.invite_member(uuid, text, public.member_role, text, uuid, uuid),
  public.accept_invitation(uuid), public.decline_invitation(uuid), public.my_invitations(),
  public.revoke_invitation(uuid)
  from public, anon, authenticated, service_role;
grant execute on function
  public.invite_member(uuid, text, public.member_role, text, uuid, uuid),
  public.accept_invitation(uuid), public.decline_invitation(uuid), public.my_invitations(),
  public.revoke_invitation(uuid)
  to authenticated, service_role;
