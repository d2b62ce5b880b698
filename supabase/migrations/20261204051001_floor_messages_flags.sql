-- Running the floor, part 2 (issue 18; spec 01 "team communication tools").
--   messages  a supervisor's short message to a location, a team or one person; every tablet of an
--             addressee shows it as a banner until that person acknowledges it (floor_message_acks: who,
--             when). Addressees: the person; a team's members (members.team_id, or a live session's
--             team); a location's workers (a live session there, or members.location_id). A message
--             lasts 12 hours unless it says otherwise.
--   flags     an operator raises a flag on an item ("needs help", "material missing", ...) from the
--             tablet; it shows on the supervisor's floor view until a supervisor resolves it.
-- Realtime: messages and acks tell org:<org>:messages (members: the tablet re-reads its banner) and
-- org:<org>:floor (supervisors: the floor view); flags tell org:<org>:floor. Payloads name the row only.

insert into app.error_codes (code, status, meaning) values
  ('MESSAGE_NOT_FOUND', 404, 'No such floor message in this workshop (or it is not addressed to the caller).'),
  ('FLAG_NOT_FOUND', 404, 'No such item flag in this workshop.')
on conflict (code) do nothing;

create type public.floor_flag_kind as enum ('needs_help', 'material_missing', 'quality_issue', 'machine_down', 'other');
comment on type public.floor_flag_kind is 'Why an operator flagged an item for a supervisor.';

create table public.floor_messages (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organisations (id) on delete cascade,
  sent_by uuid,
  location_id uuid,
  team_id uuid,
  member_id uuid,
  body text not null check (length(btrim(body)) between 1 and 280),
  urgent boolean not null default false,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null default now() + interval '12 hours',
  unique (org_id, id),
  check (num_nonnulls(location_id, team_id, member_id) = 1),
  check (expires_at > created_at and expires_at <= created_at + interval '7 days'),
  foreign key (org_id, sent_by) references public.members (org_id, id) on delete set null (sent_by),
  foreign key (org_id, location_id) references public.locations (org_id, id) on delete cascade,
  foreign key (org_id, team_id) references public.teams (org_id, id) on delete cascade,
  foreign key (org_id, member_id) references public.members (org_id, id) on delete cascade
);
comment on table public.floor_messages is
  'A supervisor''s message to one location, team or person, shown on their tablets as a banner until acknowledged '
  '(spec 01 team communication). Members read; written by floor_message_send.';
comment on column public.floor_messages.body is 'What the banner says (1–280 characters).';
comment on column public.floor_messages.urgent is 'Shown as an alert rather than a notice.';
comment on column public.floor_messages.expires_at is 'After this the banner is no longer shown (default 12 hours, at most 7 days).';
create index floor_messages_org_created_idx on public.floor_messages (org_id, created_at desc);
create index floor_messages_location_idx on public.floor_messages (org_id, location_id);
create index floor_messages_team_idx on public.floor_messages (org_id, team_id);
create index floor_messages_member_idx on public.floor_messages (org_id, member_id);
create index floor_messages_sent_by_idx on public.floor_messages (org_id, sent_by);

create table public.floor_message_acks (
  org_id uuid not null,
  message_id uuid not null,
  member_id uuid not null,
  acknowledged_at timestamptz not null default now(),
  primary key (message_id, member_id),
  foreign key (org_id, message_id) references public.floor_messages (org_id, id) on delete cascade,
  foreign key (org_id, member_id) references public.members (org_id, id) on delete cascade
);
comment on table public.floor_message_acks is 'Who acknowledged a floor message, and when. Members read; written by floor_message_ack.';
create index floor_message_acks_member_idx on public.floor_message_acks (org_id, member_id);

create table public.floor_item_flags (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organisations (id) on delete cascade,
  item_id uuid not null,
  kind public.floor_flag_kind not null,
  note text check (length(note) <= 500),
  raised_by uuid,
  session_id uuid,
  location_id uuid,
  raised_at timestamptz not null default now(),
  resolved_at timestamptz,
  resolved_by uuid,
  client_id uuid,
  unique (org_id, id),
  unique (org_id, client_id),
  check ((resolved_at is null) = (resolved_by is null) or resolved_at is not null),
  foreign key (org_id, item_id) references public.floor_items (org_id, id) on delete cascade,
  foreign key (org_id, raised_by) references public.members (org_id, id) on delete set null (raised_by),
  foreign key (org_id, resolved_by) references public.members (org_id, id) on delete set null (resolved_by),
  foreign key (org_id, session_id) references public.floor_sessions (org_id, id) on delete set null (session_id),
  foreign key (org_id, location_id) references public.locations (org_id, id) on delete set null (location_id)
);
comment on table public.floor_item_flags is
  'An operator''s flag on an item for a supervisor ("needs help", "material missing"); open until resolved. Members read; '
  'written by floor_flag_raise / floor_flag_resolve.';
comment on column public.floor_item_flags.location_id is 'Where the item was when flagged (the flagging session''s location).';
create unique index floor_item_flags_open_key on public.floor_item_flags (item_id, kind) where resolved_at is null;
create index floor_item_flags_org_open_idx on public.floor_item_flags (org_id, raised_at desc) where resolved_at is null;
create index floor_item_flags_raised_by_idx on public.floor_item_flags (org_id, raised_by);
create index floor_item_flags_resolved_by_idx on public.floor_item_flags (org_id, resolved_by);
create index floor_item_flags_session_idx on public.floor_item_flags (org_id, session_id);
create index floor_item_flags_location_idx on public.floor_item_flags (org_id, location_id);

alter table public.floor_messages enable row level security;
alter table public.floor_message_acks enable row level security;
alter table public.floor_item_flags enable row level security;
create policy floor_messages_select on public.floor_messages for select to authenticated
  using (org_id = any (array(select app.my_org_ids())));
create policy floor_messages_insert on public.floor_messages for insert to authenticated with check (false);
create policy floor_messages_update on public.floor_messages for update to authenticated using (false);
create policy floor_messages_delete on public.floor_messages for delete to authenticated using (false);
create policy floor_message_acks_select on public.floor_message_acks for select to authenticated
  using (org_id = any (array(select app.my_org_ids())));
create policy floor_message_acks_insert on public.floor_message_acks for insert to authenticated with check (false);
create policy floor_message_acks_update on public.floor_message_acks for update to authenticated using (false);
create policy floor_message_acks_delete on public.floor_message_acks for delete to authenticated using (false);
create policy floor_item_flags_select on public.floor_item_flags for select to authenticated
  using (org_id = any (array(select app.my_org_ids())));
create policy floor_item_flags_insert on public.floor_item_flags for insert to authenticated with check (false);
create policy floor_item_flags_update on public.floor_item_flags for update to authenticated using (false);
create policy floor_item_flags_delete on public.floor_item_flags for delete to authenticated using (false);
revoke all on public.floor_messages, public.floor_message_acks, public.floor_item_flags from public, anon, authenticated, service_role;
grant select on public.floor_messages, public.floor_message_acks, public.floor_item_flags to authenticated, service_role;

create trigger floor_messages_realtime after insert or update or delete on public.floor_messages
  for each row execute function app.realtime_row_changed('messages', 'floor');
create trigger floor_message_acks_realtime after insert or update or delete on public.floor_message_acks
  for each row execute function app.realtime_row_changed('messages', 'floor');
create trigger floor_item_flags_realtime after insert or update or delete on public.floor_item_flags
  for each row execute function app.realtime_row_changed('floor');
create trigger floor_messages_audit after insert or update or delete on public.floor_messages
  for each row execute function app.audit_row();

-- org:<org>:messages is for members (their banners), as board and queue topics are.
create or replace function app_realtime.can_read(p_topic text) returns boolean
language plpgsql stable security definer set search_path = '' as $$
declare
  v_m text[];
begin
  if p_topic is null then
    return false;
  end if;
  -- the tracking page: the hash of a live token (the raw token never appears in a topic)
  v_m := regexp_match(p_topic, '^track:([0-9a-f]{64})$');
  if v_m is not null then
    return exists (select 1 from public.order_tracking_tokens t
                   where t.token_hash = v_m[1] and t.revoked_at is null);
  end if;
  v_m := regexp_match(p_topic,
    '^org:([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}):(board|floor|sms|messages|queue:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$');
  if v_m is null then
    return false;
  end if;
  -- who reads the tables behind the topic: floor sessions of everyone are supervisors+ (RLS on
  -- floor_sessions), SMS messages managers+, batches, queues and floor messages every member
  return v_m[1]::uuid = any (array(select app.my_org_ids(
    case v_m[2] when 'floor' then 'supervisor' when 'sms' then 'manager' else 'operator' end::public.member_role)));
end $$;
comment on function app_realtime.can_read(text) is
  'May the caller receive broadcasts on this Realtime topic? track:<hash> of a live token (anyone), '
  'org:<org>:board|messages|queue:<id> (members), org:<org>:floor (supervisors+), org:<org>:sms (managers+); anything else no.';

-- ------------------------------------------------------------------ messages
-- Is a message addressed to a member (directly, by team, by location — member's or live session's)?
create or replace function app.floor_message_for(p_msg public.floor_messages, p_member_id uuid) returns boolean
language sql stable security definer set search_path = '' as $$
  select p_msg.member_id = p_member_id
      or exists (select 1 from public.members m where m.id = p_member_id
                   and ((p_msg.team_id is not null and m.team_id = p_msg.team_id)
                        or (p_msg.location_id is not null and m.location_id = p_msg.location_id)))
      or exists (select 1 from public.floor_sessions s where s.member_id = p_member_id and s.ended_at is null
                   and ((p_msg.team_id is not null and s.team_id = p_msg.team_id)
                        or (p_msg.location_id is not null and s.location_id = p_msg.location_id)))
$$;
comment on function app.floor_message_for(public.floor_messages, uuid) is
  'Whether a floor message is addressed to a member: the person, their team or location, or their live session''s.';

create or replace function app.floor_message_json(p_msg public.floor_messages) returns jsonb
language sql stable security definer set search_path = '' as $$
  select jsonb_build_object(
    'id', p_msg.id, 'body', p_msg.body, 'urgent', p_msg.urgent, 'created_at', p_msg.created_at,
    'expires_at', p_msg.expires_at,
    'sent_by', (select jsonb_build_object('member_id', m.id, 'display_name', m.display_name)
                from public.members m where m.id = p_msg.sent_by),
    'to', case when p_msg.member_id is not null then jsonb_build_object('kind', 'person', 'id', p_msg.member_id,
                 'name', (select m.display_name from public.members m where m.id = p_msg.member_id))
               when p_msg.team_id is not null then jsonb_build_object('kind', 'team', 'id', p_msg.team_id,
                 'name', (select t.name from public.teams t where t.id = p_msg.team_id))
               else jsonb_build_object('kind', 'location', 'id', p_msg.location_id,
                 'name', (select l.name from public.locations l where l.id = p_msg.location_id)) end)
$$;
comment on function app.floor_message_json(public.floor_messages) is 'A floor message as the RPCs return it (sender and addressee named).';

create or replace function public.floor_message_send(
  p_org_id uuid, p_body text, p_location_id uuid default null, p_team_id uuid default null,
  p_member_id uuid default null, p_urgent boolean default false, p_expires_in_minutes integer default 720
) returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
declare
  me record;
  v public.floor_messages;
begin
  select * into me from app.require_member(p_org_id, 'supervisor');
  if p_body is null or length(btrim(p_body)) not between 1 and 280 then
    perform app.raise('VALIDATION_FAILED', 'Write a message of 1 to 280 characters', 'body');
  end if;
  if num_nonnulls(p_location_id, p_team_id, p_member_id) <> 1 then
    perform app.raise('VALIDATION_FAILED', 'Send it to one location, one team or one person', 'to');
  end if;
  if p_expires_in_minutes is null or p_expires_in_minutes not between 5 and 10080 then
    perform app.raise('VALIDATION_FAILED', 'A message lasts 5 minutes to 7 days', 'expires_in_minutes');
  end if;
  if p_location_id is not null and not exists (select 1 from public.locations l where l.id = p_location_id and l.org_id = p_org_id) then
    perform app.raise('LOCATION_NOT_FOUND', 'Location not found', 'location_id');
  end if;
  if p_team_id is not null and not exists (select 1 from public.teams t where t.id = p_team_id and t.org_id = p_org_id) then
    perform app.raise('TEAM_NOT_FOUND', 'Team not found', 'team_id');
  end if;
  if p_member_id is not null and not exists (select 1 from public.members m where m.id = p_member_id and m.org_id = p_org_id and m.is_active) then
    perform app.raise('USER_NOT_FOUND', 'No active member of this workshop has that id', 'member_id');
  end if;
  insert into public.floor_messages (org_id, sent_by, location_id, team_id, member_id, body, urgent, expires_at)
    values (p_org_id, coalesce(me.member_id, app.actor_member_id(p_org_id)), p_location_id, p_team_id, p_member_id,
            btrim(p_body), coalesce(p_urgent, false), now() + make_interval(mins => p_expires_in_minutes))
    returning * into v;
  return app.floor_message_json(v);
end $$;
comment on function public.floor_message_send(uuid, text, uuid, uuid, uuid, boolean, integer) is
  'Supervisors+: a message to one location, team or person (1–280 characters, 5 minutes to 7 days), shown on their tablets until acknowledged.';

-- The caller's banners: live messages addressed to them that they have not acknowledged.
create or replace function public.floor_my_messages(p_org_id uuid) returns jsonb
language plpgsql stable security definer set search_path = '' as $$
declare
  me record;
begin
  select * into me from app.require_member(p_org_id, 'operator');
  return coalesce((
    select jsonb_agg(app.floor_message_json(fm) order by fm.urgent desc, fm.created_at desc)
    from public.floor_messages fm
    where fm.org_id = p_org_id and fm.expires_at > now()
      and app.floor_message_for(fm, me.member_id)
      and not exists (select 1 from public.floor_message_acks a where a.message_id = fm.id and a.member_id = me.member_id)
    ), '[]'::jsonb);
end $$;
comment on function public.floor_my_messages(uuid) is 'Members: the live floor messages addressed to the caller that they have not acknowledged.';

create or replace function public.floor_message_ack(p_message_id uuid) returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
declare
  v public.floor_messages;
  me record;
  v_at timestamptz;
begin
  select * into v from public.floor_messages fm where fm.id = p_message_id;
  if v.id is null or not (v.org_id = any (array(select app.my_org_ids()))) then
    perform app.raise('MESSAGE_NOT_FOUND', 'Message not found');
  end if;
  select * into me from app.require_member(v.org_id, 'operator');
  if not app.floor_message_for(v, me.member_id) then
    perform app.raise('MESSAGE_NOT_FOUND', 'That message is not addressed to you');
  end if;
  insert into public.floor_message_acks (org_id, message_id, member_id) values (v.org_id, v.id, me.member_id)
    on conflict (message_id, member_id) do nothing;
  select a.acknowledged_at into v_at from public.floor_message_acks a where a.message_id = v.id and a.member_id = me.member_id;
  return jsonb_build_object('message_id', v.id, 'member_id', me.member_id, 'acknowledged_at', v_at);
end $$;
comment on function public.floor_message_ack(uuid) is 'Members: acknowledges a message addressed to them (again: no-op, same time). MESSAGE_NOT_FOUND otherwise.';

-- Sent messages with who acknowledged them (supervisors).
create or replace function public.floor_message_log(p_org_id uuid, p_limit integer default 50) returns jsonb
language plpgsql stable security definer set search_path = '' as $$
begin
  perform app.require_member(p_org_id, 'supervisor');
  return coalesce((
    select jsonb_agg(app.floor_message_json(fm) || jsonb_build_object(
      'live', fm.expires_at > now(),
      'acks', coalesce((select jsonb_agg(jsonb_build_object('member_id', a.member_id, 'display_name', m.display_name,
                                                            'acknowledged_at', a.acknowledged_at) order by a.acknowledged_at)
                        from public.floor_message_acks a join public.members m on m.id = a.member_id
                        where a.message_id = fm.id), '[]'::jsonb)) order by fm.created_at desc)
    from (select * from public.floor_messages x where x.org_id = p_org_id order by x.created_at desc
          limit least(greatest(coalesce(p_limit, 50), 1), 200)) fm), '[]'::jsonb);
end $$;
comment on function public.floor_message_log(uuid, integer) is 'Supervisors+: the latest floor messages with who acknowledged each, when.';

-- ------------------------------------------------------------------ flags
create or replace function public.floor_flag_raise(
  p_client_id uuid, p_session_id uuid, p_item_id uuid, p_kind public.floor_flag_kind, p_note text default null
) returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
declare
  s public.floor_sessions := app.floor_session_for_write(p_session_id);
  v_item uuid;
  v public.floor_item_flags;
begin
  if p_kind is null then
    perform app.raise('VALIDATION_FAILED', 'Say what the flag is about', 'kind');
  end if;
  if p_note is not null and length(p_note) > 500 then
    perform app.raise('VALIDATION_FAILED', 'A note is at most 500 characters', 'note');
  end if;
  if p_client_id is not null then
    select * into v from public.floor_item_flags f where f.org_id = s.org_id and f.client_id = p_client_id;
    if v.id is not null then
      return jsonb_build_object('flag', to_jsonb(v), 'replayed', true);
    end if;
  end if;
  select r.item_id into v_item from app.floor_require_item(s.org_id, p_item_id) r;
  -- the same open flag again (another tablet, a double tap) adds the note, not a second flag
  insert into public.floor_item_flags (org_id, item_id, kind, note, raised_by, session_id, location_id, client_id)
    values (s.org_id, v_item, p_kind, nullif(btrim(p_note), ''), s.member_id, s.id, s.location_id, p_client_id)
  on conflict (item_id, kind) where resolved_at is null
    do update set note = coalesce(excluded.note, public.floor_item_flags.note)
  returning * into v;
  update public.floor_sessions x set last_activity_at = now() where x.id = s.id;
  return jsonb_build_object('flag', to_jsonb(v), 'replayed', false);
end $$;
comment on function public.floor_flag_raise(uuid, uuid, uuid, public.floor_flag_kind, text) is
  'Own session: flags an item for a supervisor (one open flag per item and kind; idempotent by client id).';

create or replace function public.floor_flag_resolve(p_flag_id uuid) returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
declare
  v public.floor_item_flags;
  me record;
begin
  select * into v from public.floor_item_flags f where f.id = p_flag_id for update;
  if v.id is null or not (v.org_id = any (array(select app.my_org_ids()))) then
    perform app.raise('FLAG_NOT_FOUND', 'Flag not found');
  end if;
  select * into me from app.require_member(v.org_id, 'supervisor');
  update public.floor_item_flags f set resolved_at = coalesce(f.resolved_at, now()),
         resolved_by = coalesce(f.resolved_by, me.member_id, app.actor_member_id(v.org_id))
    where f.id = v.id returning * into v;
  return jsonb_build_object('flag', to_jsonb(v));
end $$;
comment on function public.floor_flag_resolve(uuid) is 'Supervisors+: resolves an item flag (again: no-op).';

create or replace function public.floor_open_flags(p_org_id uuid) returns jsonb
language plpgsql stable security definer set search_path = '' as $$
begin
  perform app.require_member(p_org_id, 'supervisor');
  return coalesce((
    select jsonb_agg(jsonb_build_object(
      'id', f.id, 'kind', f.kind, 'note', f.note, 'raised_at', f.raised_at,
      'raised_by', jsonb_build_object('member_id', m.id, 'display_name', m.display_name),
      'location', case when l.id is not null then jsonb_build_object('id', l.id, 'name', l.name) end,
      'item', jsonb_build_object('id', fi.id, 'kind', c.kind, 'ref_id', c.ref_id, 'number', c.number, 'title', c.title,
                                 'stage', c.stage)) order by f.raised_at)
    from public.floor_item_flags f
    join public.floor_items fi on fi.id = f.item_id
    cross join lateral app.floor_item_context(fi.kind, coalesce(fi.batch_id, fi.order_id)) c
    left join public.members m on m.id = f.raised_by
    left join public.locations l on l.id = f.location_id
    where f.org_id = p_org_id and f.resolved_at is null), '[]'::jsonb);
end $$;
comment on function public.floor_open_flags(uuid) is 'Supervisors+: the open item flags, oldest first, with item, who and where.';

revoke execute on all functions in schema app from public;
revoke execute on function public.floor_message_send(uuid, text, uuid, uuid, uuid, boolean, integer),
  public.floor_my_messages(uuid), public.floor_message_ack(uuid), public.floor_message_log(uuid, integer),
  public.floor_flag_raise(uuid, uuid, uuid, public.floor_flag_kind, text), public.floor_flag_resolve(uuid),
  public.floor_open_flags(uuid) from public, anon;
grant execute on function public.floor_message_send(uuid, text, uuid, uuid, uuid, boolean, integer),
  public.floor_my_messages(uuid), public.floor_message_ack(uuid), public.floor_message_log(uuid, integer),
  public.floor_flag_raise(uuid, uuid, uuid, public.floor_flag_kind, text), public.floor_flag_resolve(uuid),
  public.floor_open_flags(uuid) to authenticated, service_role;
