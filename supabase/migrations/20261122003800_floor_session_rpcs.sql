-- Floor session RPCs: start (resume / take over), update, end, read. Design: docs/floor.md §5.
--
-- One active session per member. Starting again:
--   * from the same device (x-device-id or p_device_id), or under the same PIN-in → the session resumes;
--   * from another device → PT409 SESSION_TAKEN with the other session in `hint`, and the tablet asks
--     "resume it here or take it over?": p_resume moves the session (counters, current item) to this
--     device; p_takeover ends it (taken_over) and starts a fresh one;
--   * a session idle past the organisation's timeout is ended (idle_timeout, back-dated) and a new one starts.
-- Concurrent starts for one member are serialised by an advisory lock; the partial unique index
-- floor_sessions_one_active_key is the guarantee behind it.

create function public.floor_start_session(
  p_device_id text default null,
  p_location_id uuid default null,
  p_team_id uuid default null,
  p_device_info jsonb default null,
  p_takeover boolean default false,
  p_resume boolean default false,
  p_org_id uuid default null
) returns jsonb
language plpgsql volatile security definer set search_path = '' set lock_timeout = '5s' as $$
declare
  v_device text := coalesce(nullif(btrim(p_device_id), ''), app.request_header('x-device-id'));
  v_info jsonb := app.floor_device_info(p_device_info);
  v_org uuid;
  v_loc_org uuid;
  v_team_org uuid;
  me record;
  v_member public.members;
  v_old public.floor_sessions;
  v_station_location uuid;
  v_new uuid;
  v_took_over jsonb;
begin
  if length(v_device) > 200 then
    perform app.floor_invalid('device_id', 'device_id is at most 200 characters');
  end if;
  if p_takeover and p_resume then
    perform app.floor_invalid('takeover', 'Choose either resume or take over');
  end if;
  if p_location_id is not null then
    select l.org_id into v_loc_org from public.locations l where l.id = p_location_id;
    if v_loc_org is null then
      perform app.floor_raise('PT404', 'LOCATION_NOT_FOUND', 'Location not found');
    end if;
  end if;
  if p_team_id is not null then
    select t.org_id into v_team_org from public.teams t where t.id = p_team_id;
    if v_team_org is null then
      perform app.floor_raise('PT404', 'TEAM_NOT_FOUND', 'Team not found');
    end if;
  end if;
  v_org := coalesce(p_org_id, v_loc_org, v_team_org);
  v_org := app.floor_acting_org(v_org);
  if (v_loc_org is not null and v_loc_org <> v_org) or (v_team_org is not null and v_team_org <> v_org) then
    perform app.floor_invalid(case when v_loc_org <> v_org then 'location_id' else 'team_id' end,
                              'That location or team belongs to another workshop');
  end if;
  select * into me from app.floor_member(v_org);
  select * into v_member from public.members m where m.id = me.member_id;
  select st.location_id into v_station_location from public.stations st where st.id = me.station_id;

  perform pg_advisory_xact_lock(hashtextextended('floorline.floor_session:' || me.member_id::text, 0));
  select * into v_old from public.floor_sessions s where s.member_id = me.member_id and s.ended_at is null for update;

  if v_old.id is not null and v_old.last_activity_at + app.floor_idle_timeout(v_org) < now() then
    perform app.floor_end_session_row(v_old.id, 'idle_timeout');
    v_old := null;
  end if;
  if v_old.id is not null then
    if p_resume or v_old.device_id is not distinct from v_device
       or (me.operator_session_id is not null and v_old.operator_session_id = me.operator_session_id) then
      update public.floor_sessions s
        set device_id = v_device, operator_session_id = me.operator_session_id, station_id = me.station_id,
            location_id = coalesce(p_location_id, s.location_id), team_id = coalesce(p_team_id, s.team_id),
            device_info = case when p_device_info is not null then v_info else s.device_info end,
            last_activity_at = now()
        where s.id = v_old.id;
      return jsonb_build_object('session', app.floor_session_json(v_old.id), 'resumed', true, 'took_over', null);
    end if;
    if not p_takeover then
      perform app.floor_raise('PT409', 'SESSION_TAKEN',
        'You already have a floor session on another device: resume it here or take it over',
        jsonb_build_object('session_id', v_old.id, 'device_id', v_old.device_id, 'location_id', v_old.location_id,
                           'location_name', (select l.name from public.locations l where l.id = v_old.location_id),
                           'started_at', v_old.started_at, 'last_activity_at', v_old.last_activity_at,
                           'choices', jsonb_build_array('resume', 'takeover')));
    end if;
    perform app.floor_end_session_row(v_old.id, 'taken_over');
    v_took_over := jsonb_build_object('session_id', v_old.id, 'device_id', v_old.device_id);
  end if;

  begin
    insert into public.floor_sessions (org_id, member_id, user_id, operator_session_id, station_id, device_id,
                                       location_id, team_id, device_info)
      values (v_org, me.member_id, v_member.user_id, me.operator_session_id, me.station_id, v_device,
              coalesce(p_location_id, v_station_location, v_member.location_id),
              coalesce(p_team_id, v_member.team_id), v_info)
      returning id into v_new;
  exception when unique_violation then
    perform app.floor_raise('PT409', 'SESSION_TAKEN', 'A floor session was just started on another device: resume it or take it over',
                            jsonb_build_object('choices', jsonb_build_array('resume', 'takeover')));
  end;
  return jsonb_build_object('session', app.floor_session_json(v_new), 'resumed', false, 'took_over', v_took_over);
end $$;
comment on function public.floor_start_session(text, uuid, uuid, jsonb, boolean, boolean, uuid) is
  'Starts (or resumes) the caller''s floor session (POST /api/disco/sessions). Device: p_device_id or the '
  'x-device-id header. Location defaults to the station''s, team to the member''s. Returns {session, resumed, '
  'took_over}. Errors: 22023 VALIDATION_FAILED, PT401, PT403 FORBIDDEN, PT404 LOCATION_NOT_FOUND/TEAM_NOT_FOUND, '
  'PT409 SESSION_TAKEN (hint: the other session and choices resume/takeover).';

create function public.floor_update_session(
  p_session_id uuid,
  p_location_id uuid default null,
  p_team_id uuid default null,
  p_device_info jsonb default null,
  p_current_item_id uuid default null
) returns jsonb
language plpgsql volatile security definer set search_path = '' set lock_timeout = '5s' as $$
declare
  v public.floor_sessions := app.floor_session_for_write(p_session_id);
  v_item_id uuid;
  v_stage public.production_stage;
  v_workflow uuid;
begin
  if p_location_id is not null and not exists (select 1 from public.locations l where l.id = p_location_id and l.org_id = v.org_id) then
    perform app.floor_raise('PT404', 'LOCATION_NOT_FOUND', 'No such location in this workshop');
  end if;
  if p_team_id is not null and not exists (select 1 from public.teams t where t.id = p_team_id and t.org_id = v.org_id) then
    perform app.floor_raise('PT404', 'TEAM_NOT_FOUND', 'No such team in this workshop');
  end if;
  if p_current_item_id is not null then
    select r.item_id, c.stage, c.workflow_id into v_item_id, v_stage, v_workflow
      from app.floor_require_item(v.org_id, p_current_item_id) r
      cross join lateral app.floor_item_context(r.kind, r.ref_id) c;
  end if;
  update public.floor_sessions s
    set location_id = coalesce(p_location_id, s.location_id),
        team_id = coalesce(p_team_id, s.team_id),
        device_info = case when p_device_info is not null then app.floor_device_info(p_device_info) else s.device_info end,
        current_item_id = coalesce(v_item_id, s.current_item_id),
        current_stage = case when v_item_id is not null then v_stage else s.current_stage end,
        current_workflow_id = case when v_item_id is not null then v_workflow else s.current_workflow_id end,
        last_activity_at = now()
    where s.id = v.id;
  return jsonb_build_object('session', app.floor_session_json(v.id));
end $$;
comment on function public.floor_update_session(uuid, uuid, uuid, jsonb, uuid) is
  'Moves the caller''s session to another location/team, updates device info or the current item, and keeps it '
  'alive (PUT /api/disco/sessions/:id). Returns {session}. Errors: 22023, PT403, PT404 SESSION_NOT_FOUND/'
  'LOCATION_NOT_FOUND/TEAM_NOT_FOUND/ITEM_NOT_FOUND, PT409 SESSION_ENDED/SESSION_TAKEN.';

create function public.floor_end_session(p_session_id uuid) returns jsonb
language plpgsql volatile security definer set search_path = '' set lock_timeout = '5s' as $$
declare
  v public.floor_sessions;
begin
  select * into v from public.floor_sessions s where s.id = p_session_id for update;
  if v.id is not null and v.user_id = (select auth.uid()) then
    perform app.floor_member(v.org_id);
    perform app.floor_end_session_row(v.id, 'ended');
  elsif v.id is not null and exists (select 1 from app.my_memberships() m where m.org_id = v.org_id and m.role >= 'supervisor') then
    perform app.floor_end_session_row(v.id, 'ended_by_supervisor');
  else
    perform app.floor_raise('PT404', 'SESSION_NOT_FOUND', 'Floor session not found');
  end if;
  return jsonb_build_object('session', app.floor_session_json(v.id));
end $$;
comment on function public.floor_end_session(uuid) is
  'Ends a floor session: one''s own (ended) or, for supervisors+, anyone''s in the organisation '
  '(ended_by_supervisor). Already ended: returns it unchanged. Returns {session}. Errors: PT403, PT404.';

create function public.floor_active_session(p_org_id uuid default null) returns jsonb
language plpgsql stable security definer set search_path = '' as $$
declare
  v_org uuid := app.floor_acting_org(p_org_id);
  me record;
begin
  select * into me from app.floor_member(v_org);
  return jsonb_build_object('session', (select app.floor_session_json(s.id) from public.floor_sessions s
                                        where s.member_id = me.member_id and s.ended_at is null));
end $$;
comment on function public.floor_active_session(uuid) is
  'The caller''s active floor session in the organisation, {session: … | null} (GET /api/disco/sessions/active). '
  'Errors: PT401, PT403, 22023 org_id.';

create function public.floor_live_sessions(p_org_id uuid) returns jsonb
language plpgsql stable security definer set search_path = '' as $$
declare
  v_timeout interval;
begin
  perform app.floor_reader(p_org_id, 'supervisor');
  v_timeout := app.floor_idle_timeout(p_org_id);
  return coalesce((
    select jsonb_agg(app.floor_session_json(s.id) || jsonb_build_object(
             'idle', s.last_activity_at + v_timeout < now(),
             'pinned_in', os.id is not null and os.ended_at is null,
             'current_item', case when fi.id is not null then jsonb_build_object(
               'id', fi.id, 'kind', fi.kind, 'number', coalesce(b.batch_number, o.order_number)) end)
           order by l.name nulls last, m.display_name)
    from public.floor_sessions s
    join public.members m on m.id = s.member_id
    left join public.locations l on l.id = s.location_id
    left join public.operator_sessions os on os.id = s.operator_session_id
    left join public.floor_items fi on fi.id = s.current_item_id
    left join public.batches b on b.id = fi.batch_id
    left join public.orders o on o.id = fi.order_id
    where s.org_id = p_org_id and s.ended_at is null), '[]'::jsonb);
end $$;
comment on function public.floor_live_sessions(uuid) is
  'Who is working where, on what (/[org]/floor): active sessions with location, current item, counters, idle '
  'and pinned_in flags. Supervisors+. Errors: PT401, PT403.';

create function public.floor_end_idle_sessions() returns integer
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_id uuid;
  v_count integer := 0;
begin
  for v_id in
    select s.id from public.floor_sessions s
    where s.ended_at is null and s.last_activity_at + app.floor_idle_timeout(s.org_id) < now()
  loop
    perform app.floor_end_session_row(v_id, 'idle_timeout');
    v_count := v_count + 1;
  end loop;
  return v_count;
end $$;
comment on function public.floor_end_idle_sessions() is
  'Housekeeping for a scheduled job (service role): ends floor sessions idle past the organisation''s timeout.';

revoke execute on all functions in schema app from public;
revoke execute on function
  public.floor_start_session(text, uuid, uuid, jsonb, boolean, boolean, uuid),
  public.floor_update_session(uuid, uuid, uuid, jsonb, uuid),
  public.floor_end_session(uuid), public.floor_active_session(uuid), public.floor_live_sessions(uuid),
  public.floor_end_idle_sessions()
  from public, anon, authenticated, service_role;
grant execute on function
  public.floor_start_session(text, uuid, uuid, jsonb, boolean, boolean, uuid),
  public.floor_update_session(uuid, uuid, uuid, jsonb, uuid),
  public.floor_end_session(uuid), public.floor_active_session(uuid), public.floor_live_sessions(uuid)
  to authenticated, service_role;
grant execute on function public.floor_end_idle_sessions() to service_role;
