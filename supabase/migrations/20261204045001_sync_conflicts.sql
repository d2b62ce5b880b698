-- Sync conflicts (issue 12): what a tablet's offline change and the server disagree on, kept in the
-- database for a supervisor to decide, and offline-created floor sessions (spec 02).
--
-- Two kinds of conflict reach floor_sync (POST /api/disco/sync):
--   item_locked   another tablet holds the item (ITEM_LOCKED, 20261204022500_item_locks.sql);
--   item_changed  the server row changed since the tablet read it: a queued action carries `seen`
--                 ({stage, stage_entered_at} of the card the operator acted on) and the item has moved
--                 since (ITEM_CHANGED, checked here), or a queued advance's expected_stage is stale
--                 (STALE_STAGE, floor_advance_item's own check).
-- Each is recorded once per client id in public.sync_conflicts with both versions — the device's
-- change (the op and its args) and the server's state (the item's card now, and the lock) — and
-- answered as a conflict carrying `theirs` and the conflict id. A supervisor resolves it
-- (sync_conflict_resolve, /[org]/sync): keep_mine (the device's next delivery of that client id
-- skips the changed-on-server check, and a stale advance goes from where the item is), keep_server
-- or discard (with a reason): the next delivery is answered "resolved" without applying, so the
-- tablet's entry settles. Every resolution is an audited update (app.audit_row) and an item_update
-- RealTimeEvent, which is how it reaches the device (it then asks sync_conflict_resolutions).
-- Nothing is applied twice: a client id that already applied is replayed (app.replay_begin) before
-- any check, and a resolved conflict never records again.
--
-- Floor sessions gain spec 02's offline fields: offline_created (started on the tablet with no
-- connection and created on sync by the op start_session), sync_status (synced | pending | conflict:
-- conflict while a conflict of that session is open) and conflict_items (the item numbers).

insert into app.error_codes (code, status, meaning) values
  ('ITEM_CHANGED', 409, 'The item changed on the server since this tablet read it (context: server_stage, seen); a supervisor decides on /[org]/sync.'),
  ('SYNC_CONFLICT_NOT_FOUND', 404, 'No such sync conflict in a workshop you supervise.'),
  ('SYNC_CONFLICT_RESOLVED', 409, 'The sync conflict was already resolved (context: resolution, resolved_at).')
on conflict (code) do nothing;

create type public.sync_conflict_kind as enum ('item_locked', 'item_changed');
comment on type public.sync_conflict_kind is 'Why a tablet''s change conflicts: another tablet holds the item, or the item changed since it was read.';
create type public.sync_conflict_resolution as enum ('keep_mine', 'keep_server', 'discard');
comment on type public.sync_conflict_resolution is 'A supervisor''s decision on a sync conflict: apply the device''s change, keep the server''s, or drop it (with a reason).';
create type public.floor_sync_status as enum ('synced', 'pending', 'conflict');
comment on type public.floor_sync_status is 'Spec 02 CountSession.sync_status, for floor sessions.';

alter table public.floor_sessions
  add column offline_created boolean not null default false,
  add column sync_status public.floor_sync_status not null default 'synced',
  add column conflict_items text[] not null default '{}';
comment on column public.floor_sessions.offline_created is 'Started on a tablet with no connection (created on sync by start_session).';
comment on column public.floor_sessions.sync_status is 'conflict while one of its offline changes waits for a supervisor (sync_conflicts), else synced.';
comment on column public.floor_sessions.conflict_items is 'Numbers of the items with open sync conflicts of this session.';

create table public.sync_conflicts (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organisations (id) on delete cascade,
  client_id uuid not null,
  op text not null check (length(op) <= 40),
  kind public.sync_conflict_kind not null,
  code text not null check (length(code) <= 60),
  message text not null check (length(message) <= 1000),
  item_id uuid,
  item_number text check (length(item_number) <= 100),
  session_id uuid,
  member_id uuid not null,
  user_id uuid not null references auth.users (id) on delete cascade,
  device_id text check (length(device_id) <= 200),
  device_change jsonb not null check (jsonb_typeof(device_change) = 'object' and length(device_change::text) <= 32768),
  server_state jsonb not null check (jsonb_typeof(server_state) = 'object'),
  deliveries integer not null default 1 check (deliveries >= 1),
  detected_at timestamptz not null default now(),
  last_seen_at timestamptz not null default now(),
  resolution public.sync_conflict_resolution,
  resolved_by uuid,
  resolved_at timestamptz,
  resolution_reason text check (length(resolution_reason) <= 500),
  unique (org_id, client_id),
  unique (org_id, id),
  check ((resolution is null) = (resolved_at is null) and (resolution is null) = (resolved_by is null)),
  check (resolution is distinct from 'discard' or nullif(btrim(resolution_reason), '') is not null),
  foreign key (org_id, item_id) references public.floor_items (org_id, id) on delete cascade,
  foreign key (org_id, session_id) references public.floor_sessions (org_id, id) on delete set null (session_id),
  foreign key (org_id, member_id) references public.members (org_id, id) on delete cascade,
  foreign key (org_id, resolved_by) references public.members (org_id, id) on delete set null (resolved_by)
);
comment on table public.sync_conflicts is
  'A tablet''s offline change the server could not apply as sent (item locked by another tablet, or changed since '
  'read), with both versions, until a supervisor resolves it (sync_conflict_resolve; audited). Written only by floor_sync '
  'and the RPCs; supervisors+ read their workshop''s, a tablet its own.';
comment on column public.sync_conflicts.client_id is 'The queued change''s client id (its replay key): one conflict per change.';
comment on column public.sync_conflicts.device_change is 'The device''s version: {op, args} as it was sent.';
comment on column public.sync_conflicts.server_state is 'The server''s version when last delivered: {item (its card), lock, read_at}.';
comment on column public.sync_conflicts.deliveries is 'How often the device sent it while the conflict was open.';
create index sync_conflicts_open_idx on public.sync_conflicts (org_id, detected_at desc) where resolution is null;
create index sync_conflicts_client_idx on public.sync_conflicts (client_id);
create index sync_conflicts_user_idx on public.sync_conflicts (user_id);
create index sync_conflicts_session_idx on public.sync_conflicts (org_id, session_id);
create index sync_conflicts_item_idx on public.sync_conflicts (org_id, item_id);
create index sync_conflicts_member_idx on public.sync_conflicts (org_id, member_id);
create index sync_conflicts_resolver_idx on public.sync_conflicts (org_id, resolved_by);

alter table public.sync_conflicts enable row level security;
create policy sync_conflicts_select on public.sync_conflicts for select to authenticated
  using (org_id = any (array(select app.my_org_ids('supervisor'))) or user_id = (select auth.uid()));
create policy sync_conflicts_insert on public.sync_conflicts for insert to authenticated with check (false);
create policy sync_conflicts_update on public.sync_conflicts for update to authenticated using (false);
create policy sync_conflicts_delete on public.sync_conflicts for delete to authenticated using (false);
revoke all on public.sync_conflicts from public, anon, authenticated, service_role;
grant select on public.sync_conflicts to authenticated, service_role;
create trigger sync_conflicts_audit after insert or update or delete on public.sync_conflicts
  for each row execute function app.audit_row();

-- ------------------------------------------------------------------ helpers
create function app.sync_conflict_json(c public.sync_conflicts) returns jsonb
language sql stable security definer set search_path = '' as $$
  select to_jsonb(c) || jsonb_build_object(
    'member_name', (select m.display_name from public.members m where m.org_id = c.org_id and m.id = c.member_id),
    'resolved_by_name', (select m.display_name from public.members m where m.org_id = c.org_id and m.id = c.resolved_by))
$$;
comment on function app.sync_conflict_json(public.sync_conflicts) is 'A sync conflict with the names of its member and resolver.';

-- The session's spec 02 sync fields from its open conflicts (and a session_update when they change).
create function app.floor_session_sync_refresh(p_org_id uuid, p_session_id uuid) returns void
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_items text[];
  v_status public.floor_sync_status;
  v_old public.floor_sessions;
begin
  if p_session_id is null then
    return;
  end if;
  select * into v_old from public.floor_sessions s where s.org_id = p_org_id and s.id = p_session_id;
  if v_old.id is null then
    return;
  end if;
  v_items := array(select distinct coalesce(c.item_number, c.item_id::text) from public.sync_conflicts c
                   where c.org_id = p_org_id and c.session_id = p_session_id and c.resolution is null
                   order by 1);
  v_status := case when cardinality(v_items) > 0 then 'conflict' else 'synced' end;
  if v_status is distinct from v_old.sync_status or v_items is distinct from v_old.conflict_items then
    update public.floor_sessions s set sync_status = v_status, conflict_items = v_items
      where s.org_id = p_org_id and s.id = p_session_id;
    perform app.realtime_emit(p_org_id, 'session_update', 'session', p_session_id::text, 'update',
      jsonb_build_object('sync_status', v_status, 'conflict_items', to_jsonb(v_items)),
      '{supervisor,manager,admin,owner}', v_old.member_id);
  end if;
end $$;
comment on function app.floor_session_sync_refresh(uuid, uuid) is 'Sets a floor session''s sync_status and conflict_items from its open sync conflicts.';

-- The changed-on-server check of a queued action: `seen` is the item's stage (and when it entered it)
-- as the card the operator acted on showed it. The item has moved since → ITEM_CHANGED.
create function app.sync_seen_check(p_args jsonb) returns void
language plpgsql stable security definer set search_path = '' as $$
declare
  v_seen jsonb := p_args -> 'seen';
  v_org uuid;
  v_item record;
  c record;
begin
  if v_seen is null or jsonb_typeof(v_seen) = 'null' then
    return;
  end if;
  if jsonb_typeof(v_seen) <> 'object' or jsonb_typeof(v_seen -> 'stage') is distinct from 'string'
     or (v_seen ? 'stage_entered_at' and jsonb_typeof(v_seen -> 'stage_entered_at') not in ('string', 'null')) then
    perform app.raise('VALIDATION_FAILED', 'seen is {stage, stage_entered_at} of the card the change was made on', 'args.seen');
  end if;
  select s.org_id into v_org from public.floor_sessions s
    where s.id = (p_args ->> 'session_id')::uuid and s.user_id = (select auth.uid());
  if v_org is null then
    return; -- the action itself refuses an unknown session
  end if;
  select * into v_item from app.floor_resolve_item(v_org, (p_args ->> 'item_id')::uuid, false) limit 1;
  if v_item.item_id is null then
    return;
  end if;
  select * into c from app.floor_item_context(v_item.kind, v_item.ref_id);
  if c.stage is distinct from (v_seen ->> 'stage')
     or (v_seen ->> 'stage_entered_at' is not null and c.stage_entered_at is distinct from (v_seen ->> 'stage_entered_at')::timestamptz) then
    perform app.raise('ITEM_CHANGED',
      format('%s changed on the server since this tablet read it: it is at %s now (the change was made at %s)',
             c.number, coalesce(c.stage, c.status), v_seen ->> 'stage'),
      null, jsonb_build_object('server_stage', c.stage, 'server_stage_entered_at', c.stage_entered_at, 'seen', v_seen));
  end if;
end $$;
comment on function app.sync_seen_check(jsonb) is
  'ITEM_CHANGED when a queued action''s seen {stage, stage_entered_at} no longer matches the item on the server.';

-- Records (or, on a repeated delivery, refreshes) the conflict of a queued change; returns
-- {conflict_id, theirs} for the answer. A conflict already resolved is not reopened.
create function app.sync_conflict_record(p_client_id uuid, p_op text, p_args jsonb, p_code text, p_message text,
                                         p_context jsonb) returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_s public.floor_sessions;
  v_item_any uuid;
  v_item record;
  c record;
  v_server jsonb;
  v public.sync_conflicts;
  v_open integer;
begin
  if p_client_id is null then
    return null;
  end if;
  if p_op = 'update_action' then
    select s.* into v_s from public.floor_actions a join public.floor_sessions s on s.id = a.session_id
      where a.id = (p_args ->> 'action_id')::uuid;
    select a.item_id into v_item_any from public.floor_actions a where a.id = (p_args ->> 'action_id')::uuid;
    select s.* into v_s from public.floor_sessions s
      where s.user_id = (select auth.uid()) and s.org_id = v_s.org_id order by s.started_at desc limit 1;
  else
    select * into v_s from public.floor_sessions s where s.id = (p_args ->> 'session_id')::uuid;
    v_item_any := (p_args ->> 'item_id')::uuid;
  end if;
  if v_s.id is null or v_s.user_id is distinct from (select auth.uid()) then
    return null;
  end if;
  select * into v_item from app.floor_resolve_item(v_s.org_id, v_item_any, false) limit 1;
  if v_item.item_id is not null then
    select * into c from app.floor_item_context(v_item.kind, v_item.ref_id);
  end if;
  v_server := jsonb_build_object(
    'item', case when v_item.item_id is not null then app.floor_item_card(v_item.kind, v_item.ref_id) end,
    'lock', case when p_code = 'ITEM_LOCKED' then coalesce(p_context, '{}'::jsonb) - 'field' end,
    'read_at', now());
  insert into public.sync_conflicts (org_id, client_id, op, kind, code, message, item_id, item_number, session_id,
                                     member_id, user_id, device_id, device_change, server_state)
    values (v_s.org_id, p_client_id, p_op,
            case when p_code = 'ITEM_LOCKED' then 'item_locked' else 'item_changed' end::public.sync_conflict_kind,
            p_code, left(p_message, 1000), v_item.item_id, c.number, v_s.id, v_s.member_id, v_s.user_id,
            coalesce(app.request_header('x-device-id'), v_s.device_id),
            jsonb_build_object('op', p_op, 'args', p_args), v_server)
  on conflict (org_id, client_id) do update
    set server_state = excluded.server_state, code = excluded.code, message = excluded.message, kind = excluded.kind,
        deliveries = public.sync_conflicts.deliveries + 1, last_seen_at = now()
    where public.sync_conflicts.resolution is null
  returning * into v;
  if v.id is null then
    select * into v from public.sync_conflicts x where x.org_id = v_s.org_id and x.client_id = p_client_id;
  elsif v.deliveries = 1 then
    -- a new conflict: tell the supervisors (the banner "sync conflicts waiting")
    select count(*) into v_open from public.sync_conflicts x where x.org_id = v_s.org_id and x.resolution is null;
    perform app.realtime_emit(v_s.org_id, 'system_alert', 'item', coalesce(v_item.item_id::text, p_client_id::text), 'create',
      jsonb_build_object('alert', 'sync_conflicts', 'open', v_open, 'conflict_id', v.id,
                         'message', format('%s sync conflict%s waiting', v_open, case when v_open = 1 then '' else 's' end)),
      '{supervisor,manager,admin,owner}', v_s.member_id);
  end if;
  perform app.floor_session_sync_refresh(v_s.org_id, v_s.id);
  return jsonb_build_object('conflict_id', v.id, 'theirs', v.server_state);
end $$;
comment on function app.sync_conflict_record(uuid, text, jsonb, text, text, jsonb) is
  'Records a queued change''s conflict once per client id (refreshing the server''s version on re-delivery); returns {conflict_id, theirs}.';

-- ------------------------------------------------------------------ offline-created sessions
-- The op start_session: a tablet that had no floor session and no connection started one with an id
-- of its own; its later ops name that id. On sync the session is created with that id
-- (offline_created). Reconciling with what the server has: a session of the same operator still open
-- (on this tablet, or elsewhere) is ended as taken over — the operator is here now, PINed in on this
-- tablet — and named in the answer (took_over).
create function app.floor_start_offline_session(p_client_id uuid, a jsonb) returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_replay jsonb;
  v_id uuid;
  v_org uuid;
  me record;
  v_member public.members;
  v_existing public.floor_sessions;
  v_old public.floor_sessions;
  v_started timestamptz;
  v_device text := coalesce(nullif(btrim(a ->> 'device_id'), ''), app.request_header('x-device-id'));
  v_location uuid := (a ->> 'location_id')::uuid;
  v_took_over jsonb;
begin
  v_replay := app.replay_begin(p_client_id, 'floor_start_offline_session');
  if v_replay is not null then
    return v_replay;
  end if;
  v_id := (a ->> 'session_id')::uuid;
  if v_id is null then
    perform app.raise('VALIDATION_FAILED', 'Say the id the tablet gave the session', 'args.session_id');
  end if;
  if length(v_device) > 200 then
    perform app.raise('VALIDATION_FAILED', 'device_id is at most 200 characters', 'args.device_id');
  end if;
  select * into v_existing from public.floor_sessions s where s.id = v_id;
  if v_existing.id is not null then
    if v_existing.user_id is distinct from (select auth.uid()) then
      perform app.raise('SESSION_NOT_FOUND', 'Floor session not found');
    end if;
    return app.replay_store(p_client_id, 'floor_start_offline_session', v_existing.org_id,
      jsonb_build_object('session', app.floor_session_json(v_id), 'took_over', null, 'offline_created', v_existing.offline_created));
  end if;
  v_org := app.floor_acting_org(null);
  select * into me from app.require_member(v_org);
  select * into v_member from public.members m where m.id = me.member_id;
  if v_location is not null and not exists (select 1 from public.locations l where l.id = v_location and l.org_id = v_org) then
    perform app.raise('LOCATION_NOT_FOUND', 'Location not found', 'args.location_id');
  end if;
  v_started := app.floor_client_time((a ->> 'started_at')::timestamptz, 'args.started_at');
  perform pg_advisory_xact_lock(hashtextextended('floorline.floor_session:' || me.member_id::text, 0));
  select * into v_old from public.floor_sessions s where s.member_id = me.member_id and s.ended_at is null for update;
  if v_old.id is not null then
    perform app.floor_end_session_row(v_old.id, 'taken_over');
    v_took_over := jsonb_build_object('session_id', v_old.id, 'device_id', v_old.device_id);
  end if;
  insert into public.floor_sessions (id, org_id, member_id, user_id, operator_session_id, station_id, device_id,
                                     location_id, team_id, started_at, last_activity_at, offline_created, sync_status)
    values (v_id, v_org, me.member_id, v_member.user_id, me.operator_session_id, me.station_id, v_device,
            coalesce(v_location, (select st.location_id from public.stations st where st.id = me.station_id), v_member.location_id),
            v_member.team_id, v_started, now(), true, 'synced');
  return app.replay_store(p_client_id, 'floor_start_offline_session', v_org,
    jsonb_build_object('session', app.floor_session_json(v_id), 'took_over', v_took_over, 'offline_created', true));
end $$;
comment on function app.floor_start_offline_session(uuid, jsonb) is
  'Sync op start_session: creates the floor session a tablet started offline, with its id (offline_created); ends the '
  'operator''s other open session as taken over.';

-- ------------------------------------------------------------------ floor_sync, with conflicts
-- As in 20261203005100 (each op in its own subtransaction, answered on its own), plus:
--   * start_session (offline-created sessions, above);
--   * before an op runs: a change whose conflict a supervisor resolved keep_server / discard is
--     answered "resolved" and not applied; keep_mine skips the changed-on-server checks; a client id
--     that already applied skips them too (its stored answer is replayed by the op itself);
--   * complete_action with `seen` is checked against the item (ITEM_CHANGED);
--   * ITEM_LOCKED, ITEM_CHANGED and STALE_STAGE are recorded as sync conflicts (outside the op's
--     rolled back subtransaction) and their answer carries {conflict_id, theirs}.
create or replace function public.floor_sync(p_ops jsonb) returns jsonb
language plpgsql volatile security definer set search_path = '' set lock_timeout = '5s' as $$
declare
  v_op jsonb;
  v_i integer := 0;
  v_name text;
  v_client_text text;
  v_client uuid;
  v_args jsonb;
  v_answer jsonb;
  v_status integer;
  v_results jsonb := '[]'::jsonb;
  v_ok integer := 0;
  v_state text;
  v_msg text;
  v_detail text;
  v_hint text;
  v_conf public.sync_conflicts;
  v_applied boolean;
  v_recorded jsonb;
begin
  if (select auth.uid()) is null then
    perform app.raise('NOT_SIGNED_IN', 'Sign in first');
  end if;
  if jsonb_typeof(p_ops) is distinct from 'array' or jsonb_array_length(p_ops) > 100 then
    perform app.raise('VALIDATION_FAILED', 'ops is a list of at most 100 operations', 'ops');
  end if;
  for v_op in select e from jsonb_array_elements(p_ops) e loop
    v_i := v_i + 1;
    v_name := v_op ->> 'op';
    v_client_text := v_op ->> 'client_id';
    v_args := coalesce(v_op -> 'args', '{}'::jsonb);
    v_answer := null;
    v_status := null;
    v_state := null;
    v_detail := null;
    v_conf := null;
    perform set_config('response.status', '', true);
    begin
      if v_name is null or v_name not in ('scan', 'complete_action', 'update_action', 'advance', 'queue_add',
                                          'queue_assign', 'queue_complete', 'update_session', 'end_session',
                                          'start_session') then
        perform app.raise('VALIDATION_FAILED', format('Unknown operation %s', coalesce(v_name, '(none)')), 'op');
      end if;
      if jsonb_typeof(v_args) <> 'object' then
        perform app.raise('VALIDATION_FAILED', 'args must be an object', 'args');
      end if;
      v_client := v_client_text::uuid;
      if v_client is null and v_name not in ('update_session', 'end_session') then
        perform app.raise('VALIDATION_FAILED', 'Offline operations need a client_id', 'client_id');
      end if;
      if v_client is not null then
        select * into v_conf from public.sync_conflicts c
          where c.client_id = v_client and c.user_id = (select auth.uid());
        v_applied := exists (select 1 from app.rpc_replays r where r.client_id = v_client);
      end if;
      if v_conf.resolution in ('keep_server', 'discard') and not v_applied then
        v_answer := jsonb_build_object('resolved', true, 'resolution', v_conf.resolution, 'conflict_id', v_conf.id,
                                       'resolved_at', v_conf.resolved_at, 'reason', v_conf.resolution_reason);
        v_status := 200;
      else
        if v_conf.resolution = 'keep_mine' then
          -- the supervisor chose the device's version: apply it to the item as it is now
          v_args := v_args - 'seen' - 'expected_stage';
        elsif v_name = 'complete_action' and not v_applied then
          perform app.sync_seen_check(v_args);
        end if;
        v_answer := case when v_name = 'start_session' then app.floor_start_offline_session(v_client, v_args)
                         else app.floor_run_op(v_name, v_client, v_args - 'seen') end;
        v_status := coalesce(nullif(current_setting('response.status', true), '')::int, 200);
      end if;
    exception when others then
      get stacked diagnostics v_state = returned_sqlstate, v_msg = message_text, v_detail = pg_exception_detail,
                              v_hint = pg_exception_hint;
      v_status := app.floor_http_status(v_state);
      v_answer := jsonb_build_object('code', v_state, 'message', v_msg, 'details', nullif(v_detail, ''),
                                     'hint', nullif(v_hint, ''));
    end;
    if v_status >= 400 and v_detail in ('ITEM_LOCKED', 'ITEM_CHANGED', 'STALE_STAGE') and v_client is not null then
      v_recorded := app.sync_conflict_record(v_client, v_name, v_args, v_detail, v_msg,
                                             case when v_hint ~ '^\s*\{' then v_hint::jsonb end);
      if v_recorded is not null then
        v_answer := v_answer || jsonb_build_object('hint',
          (coalesce(case when v_hint ~ '^\s*\{' then v_hint::jsonb end, '{}'::jsonb) || v_recorded)::text);
      end if;
    end if;
    if v_status < 400 then
      v_ok := v_ok + 1;
    end if;
    v_results := v_results || jsonb_build_array(jsonb_build_object(
      'index', v_i - 1, 'op', v_name, 'client_id', v_client_text, 'ok', v_status < 400, 'status', v_status,
      case when v_status < 400 then 'data' else 'error' end, v_answer));
  end loop;
  perform set_config('response.status', '', true);
  return jsonb_build_object('results', v_results, 'succeeded', v_ok, 'failed', v_i - v_ok);
end $$;
comment on function public.floor_sync(jsonb) is
  'Replays a tablet''s offline operations in order (POST /api/disco/sync): p_ops = [{op, client_id, args}] with op '
  'scan | complete_action | update_action | advance | queue_add | queue_assign | queue_complete | update_session | '
  'end_session | start_session and args the RPC''s parameters without p_ (complete_action may carry seen {stage, '
  'stage_entered_at}). Each op is idempotent by client_id and runs on its own: results [{index, op, client_id, ok, '
  'status, data | error}], succeeded, failed. ITEM_LOCKED / ITEM_CHANGED / STALE_STAGE are recorded as sync_conflicts '
  '(hint: conflict_id, theirs); a change resolved keep_server/discard is answered {resolved, resolution}. Always 200.';

-- ------------------------------------------------------------------ supervisors resolve
create function public.sync_conflict_resolve(
  p_conflict_id uuid, p_resolution public.sync_conflict_resolution, p_reason text default null
) returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
declare
  v public.sync_conflicts;
  me record;
  v_reason text := nullif(btrim(coalesce(p_reason, '')), '');
begin
  if p_resolution is null then
    perform app.raise('VALIDATION_FAILED', 'Choose keep mine, keep server or discard', 'resolution');
  end if;
  select * into v from public.sync_conflicts c
    where c.id = p_conflict_id and c.org_id = any (array(select app.my_org_ids('supervisor')))
    for update;
  if v.id is null then
    perform app.raise('SYNC_CONFLICT_NOT_FOUND', 'Sync conflict not found');
  end if;
  select * into me from app.require_member(v.org_id, 'supervisor');
  if v.resolution is not null then
    perform app.raise('SYNC_CONFLICT_RESOLVED', 'This conflict was already resolved', null,
      jsonb_build_object('resolution', v.resolution, 'resolved_at', v.resolved_at));
  end if;
  if p_resolution = 'discard' and v_reason is null then
    perform app.raise('VALIDATION_FAILED', 'Say why the change is discarded', 'reason');
  end if;
  if length(v_reason) > 500 then
    perform app.raise('VALIDATION_FAILED', 'The reason is at most 500 characters', 'reason');
  end if;
  update public.sync_conflicts c
    set resolution = p_resolution, resolved_by = me.member_id, resolved_at = now(), resolution_reason = v_reason
    where c.id = v.id
    returning * into v;
  perform app.floor_session_sync_refresh(v.org_id, v.session_id);
  -- how the resolution reaches the device: its screen hears this and asks sync_conflict_resolutions
  perform app.realtime_emit(v.org_id, 'item_update', 'item', coalesce(v.item_id::text, v.client_id::text), 'update',
    jsonb_build_object('sync_conflict_id', v.id, 'client_id', v.client_id, 'resolution', v.resolution),
    '{operator,supervisor,manager,admin,owner}', me.member_id);
  return app.sync_conflict_json(v);
end $$;
comment on function public.sync_conflict_resolve(uuid, public.sync_conflict_resolution, text) is
  'Supervisors+: resolves a sync conflict — keep_mine (the device''s next delivery applies), keep_server, or discard '
  '(reason required). Audited; an item_update RealTimeEvent tells the device.';

-- The supervisor's list: open first, newest first, with both versions and the item's card now.
create function public.sync_conflicts_list(p_org_id uuid, p_open boolean default true, p_limit integer default 100)
returns jsonb
language plpgsql stable security definer set search_path = '' as $$
begin
  perform app.require_member(p_org_id, 'supervisor');
  return coalesce((
    select jsonb_agg(x.j order by x.detected_at desc)
    from (select app.sync_conflict_json(c) || jsonb_build_object(
                   'item_now', (select app.floor_item_card(fi.kind, coalesce(fi.batch_id, fi.order_id))
                                from public.floor_items fi where fi.org_id = c.org_id and fi.id = c.item_id)) as j,
                 c.detected_at
          from public.sync_conflicts c
          where c.org_id = p_org_id and (c.resolution is null) = coalesce(p_open, true)
          order by c.detected_at desc
          limit least(greatest(coalesce(p_limit, 100), 1), 500)) x), '[]'::jsonb);
end $$;
comment on function public.sync_conflicts_list(uuid, boolean, integer) is
  'Supervisors+: a workshop''s sync conflicts (open, or resolved), newest first, with the item''s card now (item_now).';

-- The device's question: what became of my conflicts? (only the caller's own)
create function public.sync_conflict_resolutions(p_client_ids uuid[]) returns jsonb
language sql stable security definer set search_path = '' as $$
  select coalesce(jsonb_agg(jsonb_build_object('client_id', c.client_id, 'conflict_id', c.id,
                                               'resolution', c.resolution, 'resolved_at', c.resolved_at,
                                               'reason', c.resolution_reason,
                                               'resolved_by_name', (select m.display_name from public.members m
                                                                    where m.org_id = c.org_id and m.id = c.resolved_by))
                            order by c.detected_at), '[]'::jsonb)
  from public.sync_conflicts c
  where c.client_id = any ((coalesce(p_client_ids, '{}'))[1:200]) and c.user_id = (select auth.uid())
$$;
comment on function public.sync_conflict_resolutions(uuid[]) is
  'The caller''s own sync conflicts among these client ids (at most 200), with their resolution (null: still open).';

revoke execute on function app.sync_conflict_json(public.sync_conflicts), app.floor_session_sync_refresh(uuid, uuid),
  app.sync_seen_check(jsonb), app.sync_conflict_record(uuid, text, jsonb, text, text, jsonb),
  app.floor_start_offline_session(uuid, jsonb) from public, anon, authenticated;
revoke execute on function public.sync_conflict_resolve(uuid, public.sync_conflict_resolution, text),
  public.sync_conflicts_list(uuid, boolean, integer), public.sync_conflict_resolutions(uuid[]) from public, anon;
grant execute on function public.sync_conflict_resolve(uuid, public.sync_conflict_resolution, text),
  public.sync_conflicts_list(uuid, boolean, integer), public.sync_conflict_resolutions(uuid[]) to authenticated;
