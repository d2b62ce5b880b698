-- Spec 02 RealTimeEvent (issue 12): typed events to roles, row first, then broadcast.
--
-- Until now the org topics carried only {table, op, id} "something changed" pings. Spec 02 wants an
-- envelope — type session_update | item_update | count_complete | user_activity | system_alert,
-- payload {entity_id, entity_type, action, data, actor {user_id, username, role}}, timestamp,
-- target_roles — sent to the roles it concerns. Design:
--
--   row      public.realtime_events: one row per event, inserted in the transaction that caused it
--            (a trigger or an RPC calls app.realtime_emit). A screen that missed the broadcast (it
--            was offline, or joined late) reads what it missed through RLS: members read the events
--            targeted at their role or a lower one. Pruned after 7 days by the job realtime-events-prune.
--   send     an AFTER INSERT trigger broadcasts the envelope on one private topic per target role:
--            org:<org_id>:events:<role>, event name = the event's type. realtime.send inserts into
--            realtime.messages in the same transaction, so a rolled back change sends nothing.
--   receive  a second SELECT policy on realtime.messages (policies are OR'ed with the existing
--            realtime_messages_app_select, which stays as it is): a member joins
--            org:<org>:events:<role> only for their own role in that organisation.
--
-- Emitters here: item_update (every floor action recorded or changed), session_update (a floor
-- session starts, ends, or its sync status changes). count_complete is the stock-count helper's
-- (it calls app.realtime_emit from its own RPC); system_alert comes from the sync conflicts
-- (20261204045001_sync_conflicts.sql).

create type public.realtime_event_type as enum ('session_update', 'item_update', 'count_complete', 'user_activity', 'system_alert');
comment on type public.realtime_event_type is 'Spec 02 RealTimeEvent.type.';
create type public.realtime_entity_type as enum ('session', 'item', 'user');
comment on type public.realtime_entity_type is 'Spec 02 RealTimeEvent.payload.entity_type.';
create type public.realtime_event_action as enum ('create', 'update', 'delete', 'complete');
comment on type public.realtime_event_action is 'Spec 02 RealTimeEvent.payload.action.';

create table public.realtime_events (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organisations (id) on delete cascade,
  type public.realtime_event_type not null,
  entity_type public.realtime_entity_type not null,
  entity_id text not null check (length(entity_id) between 1 and 200),
  action public.realtime_event_action not null,
  data jsonb not null default '{}' check (jsonb_typeof(data) = 'object' and length(data::text) <= 8192),
  actor_user_id uuid,
  actor_member_id uuid,
  actor_name text check (length(actor_name) <= 200),
  actor_role public.member_role,
  target_roles public.member_role[] not null check (cardinality(target_roles) between 1 and 5),
  created_at timestamptz not null default now()
);
comment on table public.realtime_events is
  'Spec 02 RealTimeEvent, row first: inserted where the change happens (app.realtime_emit), broadcast by trigger on '
  'org:<org>:events:<role> for each target role. Members read those targeted at their role or below; pruned after 7 days.';
comment on column public.realtime_events.entity_id is 'The session, item or user the event is about (spec: a string).';
comment on column public.realtime_events.target_roles is 'Which roles receive it (one private topic per role).';
create index realtime_events_org_at_idx on public.realtime_events (org_id, created_at desc);
create index realtime_events_created_idx on public.realtime_events (created_at);

alter table public.realtime_events enable row level security;
create policy realtime_events_select on public.realtime_events for select to authenticated
  -- members whose role is at least the lowest role targeted (app.my_org_ids is the policy helper)
  using (org_id = any (array(select app.my_org_ids((select min(r) from unnest(target_roles) r)))));
create policy realtime_events_insert on public.realtime_events for insert to authenticated with check (false);
create policy realtime_events_update on public.realtime_events for update to authenticated using (false);
create policy realtime_events_delete on public.realtime_events for delete to authenticated using (false);
revoke all on public.realtime_events from public, anon, authenticated, service_role;
grant select on public.realtime_events to authenticated, service_role;

-- The envelope exactly as spec 02 shapes it (what the screens receive).
create function app.realtime_event_envelope(e public.realtime_events) returns jsonb
language sql stable set search_path = '' as $$
  select jsonb_build_object(
    'id', e.id,
    'type', e.type,
    'payload', jsonb_build_object(
      'entity_id', e.entity_id, 'entity_type', e.entity_type, 'action', e.action, 'data', e.data,
      'actor', jsonb_build_object('user_id', e.actor_user_id, 'member_id', e.actor_member_id,
                                  'username', e.actor_name, 'role', e.actor_role)),
    'timestamp', to_char(e.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
    'target_roles', to_jsonb(e.target_roles))
$$;
comment on function app.realtime_event_envelope(public.realtime_events) is 'Spec 02 RealTimeEvent envelope of an event row.';

-- Records an event (the row) in the caller's transaction; the trigger below broadcasts it. The actor
-- is the given member, else the caller's membership in the organisation. For SECURITY DEFINER
-- callers (triggers, RPCs — the stock count's count_complete); not granted to API roles.
create function app.realtime_emit(
  p_org_id uuid, p_type public.realtime_event_type, p_entity_type public.realtime_entity_type, p_entity_id text,
  p_action public.realtime_event_action, p_data jsonb, p_target_roles public.member_role[],
  p_actor_member_id uuid default null
) returns uuid
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_member public.members;
  v_id uuid;
begin
  if p_actor_member_id is not null then
    select * into v_member from public.members m where m.org_id = p_org_id and m.id = p_actor_member_id;
  else
    select m.* into v_member from public.members m
      join app.my_memberships() mm on mm.member_id = m.id where mm.org_id = p_org_id limit 1;
  end if;
  insert into public.realtime_events (org_id, type, entity_type, entity_id, action, data, actor_user_id,
                                      actor_member_id, actor_name, actor_role, target_roles)
    values (p_org_id, p_type, p_entity_type, p_entity_id, p_action, coalesce(p_data, '{}'::jsonb),
            coalesce((select auth.uid()), v_member.user_id), v_member.id, v_member.display_name, v_member.role,
            array(select distinct r from unnest(p_target_roles) r order by r))
    returning id into v_id;
  return v_id;
end $$;
comment on function app.realtime_emit(uuid, public.realtime_event_type, public.realtime_entity_type, text,
  public.realtime_event_action, jsonb, public.member_role[], uuid) is
  'Records a spec 02 RealTimeEvent (broadcast on org:<org>:events:<role> per target role by trigger). For definer code.';

create function app.realtime_event_broadcast() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  v_role public.member_role;
  v_env jsonb := app.realtime_event_envelope(new);
begin
  foreach v_role in array new.target_roles loop
    perform realtime.send(v_env, new.type::text, app.realtime_topic(new.org_id, 'events:' || v_role::text), true);
  end loop;
  return null;
end $$;
comment on function app.realtime_event_broadcast() is 'Trigger: broadcasts a realtime_events row to each target role''s private topic.';
create trigger realtime_events_broadcast after insert on public.realtime_events
  for each row execute function app.realtime_event_broadcast();

-- ------------------------------------------------------------------ who may join org:<org>:events:<role>
create function app_realtime.can_read_events(p_topic text) returns boolean
language plpgsql stable security definer set search_path = '' as $$
declare
  v_m text[] := regexp_match(coalesce(p_topic, ''),
    '^org:([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}):events:(operator|supervisor|manager|admin|owner)$');
begin
  if v_m is null then
    return false;
  end if;
  return exists (select 1 from app.my_memberships() m where m.org_id = v_m[1]::uuid and m.role::text = v_m[2]);
end $$;
comment on function app_realtime.can_read_events(text) is
  'May the caller receive org:<org>:events:<role>? Only a member of that organisation with exactly that role.';
revoke execute on function app_realtime.can_read_events(text) from public;
grant execute on function app_realtime.can_read_events(text) to anon, authenticated, service_role;

create policy realtime_messages_events_select on realtime.messages for select to authenticated
  using (extension = 'broadcast'
         and topic = (select realtime.topic())
         and (select app_realtime.can_read_events(realtime.topic())));

-- ------------------------------------------------------------------ emitters
-- item_update: a floor action recorded or changed on an item (the floor, queue and supervisor screens
-- re-read the item's card). 'complete' when it is completed.
create function app.realtime_floor_action_event() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if tg_op = 'UPDATE' and new.status is not distinct from old.status and new.data is not distinct from old.data then
    return null;
  end if;
  perform app.realtime_emit(new.org_id, 'item_update', 'item', new.item_id::text,
    (case when new.status = 'completed' then 'complete' when tg_op = 'INSERT' then 'create' else 'update' end)::public.realtime_event_action,
    jsonb_build_object('action_id', new.id, 'action_key', new.action_key, 'status', new.status, 'stage', new.stage,
                       'session_id', new.session_id),
    '{operator,supervisor,manager,admin,owner}', new.member_id);
  return null;
end $$;
comment on function app.realtime_floor_action_event() is 'Trigger: item_update RealTimeEvent for a floor action recorded or changed.';
create trigger floor_actions_realtime_event after insert or update on public.floor_actions
  for each row execute function app.realtime_floor_action_event();

-- session_update: a floor session starts or ends (supervisors see who is on the floor).
create function app.realtime_floor_session_event() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if tg_op = 'UPDATE' and new.ended_at is not distinct from old.ended_at then
    return null;
  end if;
  perform app.realtime_emit(new.org_id, 'session_update', 'session', new.id::text,
    (case when tg_op = 'INSERT' then 'create' else 'complete' end)::public.realtime_event_action,
    jsonb_build_object('member_id', new.member_id, 'device_id', new.device_id, 'location_id', new.location_id,
                       'end_reason', new.end_reason),
    '{supervisor,manager,admin,owner}', new.member_id);
  return null;
end $$;
comment on function app.realtime_floor_session_event() is 'Trigger: session_update RealTimeEvent when a floor session starts or ends.';
create trigger floor_sessions_realtime_event after insert or update of ended_at on public.floor_sessions
  for each row execute function app.realtime_floor_session_event();

-- ------------------------------------------------------------------ retention
create function app.realtime_events_prune() returns integer
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_n integer;
begin
  delete from public.realtime_events e where e.created_at < now() - interval '7 days';
  get diagnostics v_n = row_count;
  return v_n;
end $$;
comment on function app.realtime_events_prune() is 'Deletes RealTimeEvent rows older than 7 days (job realtime-events-prune).';

revoke execute on function app.realtime_event_envelope(public.realtime_events),
  app.realtime_emit(uuid, public.realtime_event_type, public.realtime_entity_type, text, public.realtime_event_action,
                    jsonb, public.member_role[], uuid),
  app.realtime_event_broadcast(), app.realtime_floor_action_event(), app.realtime_floor_session_event(),
  app.realtime_events_prune() from public, anon, authenticated;

-- ------------------------------------------------------------------ scheduled jobs (docs/scheduler.md)
do $$
begin
  if not exists (select 1 from pg_namespace where nspname = 'cron') then
    create extension if not exists pg_cron;
  end if;
end $$;
-- Expired item locks are already treated as released on read; the job deletes them so the table
-- holds only live locks. Scheduling a name that exists replaces the job.
select cron.schedule('item-locks-expire', '* * * * *', $$ select app.item_locks_expire() $$);
select cron.schedule('realtime-events-prune', '17 * * * *', $$ select app.realtime_events_prune() $$);
