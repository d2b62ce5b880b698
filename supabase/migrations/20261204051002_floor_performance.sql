-- Running the floor, part 3 (issue 18; spec 01 "session history and user performance", "location and
-- team performance"): the reads behind /[org]/floor/sessions and /[org]/floor/performance.
-- Supervisors+ see anyone; everyone else only themselves (the member filter is forced to the caller,
-- not trusted from the screen). Days are the workshop's (organisations.time_zone).
--   throughput       items processed (floor_sessions.items_processed) per active hour (session time)
--   processing time  average floor_actions.duration_ms of completed actions, per stage
--   first-pass yield share of (item, stage action) pairs whose FIRST attempt in the period completed
--                    (a failed first attempt counts against it even when a later one passes)
--   scan error rate  scans with result error or invalid / all scans
-- Measured by bench/floor-performance.ts over a year of history for 50 operators (docs/floor.md §18).

create index if not exists floor_sessions_org_started_member_idx on public.floor_sessions (org_id, started_at, member_id);

-- The period as instants [from, to + 1 day) in the workshop's zone, and who the caller may see.
create or replace function app.floor_period(p_org_id uuid, p_from date, p_to date, p_member_id uuid,
  out t0 timestamptz, out t1 timestamptz, out member_id uuid, out d0 date, out d1 date)
language plpgsql stable security definer set search_path = '' as $$
declare
  me record;
  v_tz text := (select o.time_zone from public.organisations o where o.id = p_org_id);
begin
  select * into me from app.require_member(p_org_id, 'operator');
  d1 := coalesce(p_to, app.org_today(p_org_id));
  d0 := coalesce(p_from, d1 - 29);
  if d0 > d1 then
    perform app.raise('VALIDATION_FAILED', 'The period starts before it ends', 'from');
  end if;
  if d1 - d0 > 400 then
    perform app.raise('VALIDATION_FAILED', 'Choose a period of at most 400 days', 'from');
  end if;
  t0 := d0::timestamp at time zone v_tz;
  t1 := (d1 + 1)::timestamp at time zone v_tz;
  member_id := case when me.member_id is null or me.role >= 'supervisor' then p_member_id else me.member_id end;
end $$;
comment on function app.floor_period(uuid, date, date, uuid) is
  'A report period (default: the last 30 days) as instants in the workshop''s zone, and the member filter the caller may use '
  '(below supervisor: themselves).';

create or replace function public.floor_performance(
  p_org_id uuid, p_from date default null, p_to date default null, p_group text default 'member', p_member_id uuid default null
) returns jsonb
language plpgsql stable security definer set search_path = '' as $$
declare
  p record;
  v_tz text := (select o.time_zone from public.organisations o where o.id = p_org_id);
begin
  if p_group is null or p_group not in ('member', 'location', 'team') then
    perform app.raise('VALIDATION_FAILED', 'Group by member, location or team', 'group');
  end if;
  p := app.floor_period(p_org_id, p_from, p_to, p_member_id);
  return (
  with s as (
    select x.id, x.member_id, x.location_id, x.team_id, x.items_processed, x.actions_completed,
           extract(epoch from (coalesce(x.ended_at, least(x.last_activity_at, now())) - x.started_at)) / 3600.0 as hours,
           (x.started_at at time zone v_tz)::date as day,
           case p_group when 'member' then x.member_id when 'location' then x.location_id else x.team_id end as gkey
    from public.floor_sessions x
    where x.org_id = p_org_id and x.started_at >= p.t0 and x.started_at < p.t1
      and (p.member_id is null or x.member_id = p.member_id)
  ),
  a as (
    select s.gkey, s.day, fa.stage, fa.status, fa.duration_ms,
           row_number() over (partition by fa.item_id, fa.stage_action_id order by fa.created_at) = 1 as first_try
    from public.floor_actions fa join s on s.id = fa.session_id
    where fa.org_id = p_org_id and fa.created_at >= p.t0 and fa.created_at < p.t1 + interval '1 day'
      and fa.status in ('completed', 'failed')
  ),
  sc as (
    select s.gkey, s.day, count(*) as scans, count(*) filter (where f.scan_result <> 'success') as errors
    from public.floor_scans f join s on s.id = f.session_id
    where f.org_id = p_org_id and f.scan_time >= p.t0 and f.scan_time < p.t1 + interval '1 day'
    group by s.gkey, s.day
  ),
  g as (
    select s.gkey, count(*) as sessions, sum(s.hours) as hours, sum(s.items_processed) as items,
           sum(s.actions_completed) as actions
    from s group by s.gkey
  ),
  ga as (
    select a.gkey, count(*) filter (where a.status = 'completed') as completed, count(*) filter (where a.status = 'failed') as failed,
           count(*) filter (where a.first_try) as first, count(*) filter (where a.first_try and a.status = 'completed') as first_ok
    from a group by a.gkey
  ),
  gs as (select sc.gkey, sum(sc.scans) as scans, sum(sc.errors) as errors from sc group by sc.gkey)
  select jsonb_build_object(
    'from', p.d0, 'to', p.d1, 'group', p_group, 'member_id', p.member_id,
    'rows', coalesce((
      select jsonb_agg(jsonb_build_object(
        'key', g.gkey,
        'name', coalesce(case p_group when 'member' then (select m.display_name from public.members m where m.id = g.gkey)
                                      when 'location' then (select l.name from public.locations l where l.id = g.gkey)
                                      else (select t.name from public.teams t where t.id = g.gkey) end, 'None'),
        'sessions', g.sessions, 'active_hours', round(g.hours::numeric, 2), 'items_processed', g.items,
        'actions_completed', coalesce(ga.completed, 0), 'actions_failed', coalesce(ga.failed, 0),
        'throughput_per_hour', case when g.hours > 0 then round((g.items / g.hours)::numeric, 2) end,
        'first_pass_yield', case when ga.first > 0 then round(ga.first_ok::numeric / ga.first, 4) end,
        'scans', coalesce(gs.scans, 0), 'scan_errors', coalesce(gs.errors, 0),
        'scan_error_rate', case when gs.scans > 0 then round(gs.errors::numeric / gs.scans, 4) end)
        order by g.items desc nulls last, g.gkey)
      from g left join ga on ga.gkey is not distinct from g.gkey left join gs on gs.gkey is not distinct from g.gkey), '[]'::jsonb),
    'by_stage', coalesce((
      select jsonb_agg(jsonb_build_object('stage', x.stage, 'actions', x.n, 'failed', x.failed,
                                          'avg_seconds', x.avg_s) order by x.stage)
      from (select a.stage, count(*) as n, count(*) filter (where a.status = 'failed') as failed,
                   round(avg(a.duration_ms) filter (where a.status = 'completed') / 1000.0, 1) as avg_s
            from a group by a.stage) x), '[]'::jsonb),
    'by_day', coalesce((
      select jsonb_agg(jsonb_build_object('day', d.day, 'items_processed', coalesce(si.items, 0),
                                          'actions_completed', coalesce(da.completed, 0), 'actions_failed', coalesce(da.failed, 0),
                                          'scans', coalesce(ds.scans, 0), 'scan_errors', coalesce(ds.errors, 0)) order by d.day)
      from generate_series(p.d0, p.d1, interval '1 day') d0(ts)
      cross join lateral (select d0.ts::date as day) d
      left join (select s.day, sum(s.items_processed) as items from s group by s.day) si on si.day = d.day
      left join (select a.day, count(*) filter (where a.status = 'completed') as completed,
                        count(*) filter (where a.status = 'failed') as failed from a group by a.day) da on da.day = d.day
      left join (select sc.day, sum(sc.scans) as scans, sum(sc.errors) as errors from sc group by sc.day) ds on ds.day = d.day),
      '[]'::jsonb)));
end $$;
comment on function public.floor_performance(uuid, date, date, text, uuid) is
  'Members: floor performance over a period (default the last 30 days) per member, location or team: sessions, active '
  'hours, items, actions completed/failed, throughput per hour, first-pass yield, scans and scan error rate; plus per '
  'stage (average action seconds) and per day. Below supervisor: only the caller''s own.';

create or replace function public.floor_session_history(
  p_org_id uuid, p_from date default null, p_to date default null, p_member_id uuid default null,
  p_location_id uuid default null, p_limit integer default 200
) returns jsonb
language plpgsql stable security definer set search_path = '' as $$
declare
  p record;
begin
  p := app.floor_period(p_org_id, p_from, p_to, p_member_id);
  return jsonb_build_object('from', p.d0, 'to', p.d1, 'sessions', coalesce((
    select jsonb_agg(jsonb_build_object(
      'id', x.id, 'member', jsonb_build_object('id', m.id, 'display_name', m.display_name),
      'location', case when l.id is not null then jsonb_build_object('id', l.id, 'name', l.name) end,
      'started_at', x.started_at, 'ended_at', x.ended_at, 'end_reason', x.end_reason,
      'duration_minutes', round((extract(epoch from (coalesce(x.ended_at, now()) - x.started_at)) / 60)::numeric, 1),
      'items_processed', x.items_processed, 'actions_completed', x.actions_completed,
      'scans', jsonb_build_object('success', sc.ok, 'error', sc.err, 'invalid', sc.inv),
      'idle_minutes', round((ev.idle_s / 60)::numeric, 1)) order by x.started_at desc)
    from (select * from public.floor_sessions f
          where f.org_id = p_org_id and f.started_at >= p.t0 and f.started_at < p.t1
            and (p.member_id is null or f.member_id = p.member_id)
            and (p_location_id is null or f.location_id = p_location_id)
          order by f.started_at desc limit least(greatest(coalesce(p_limit, 200), 1), 500)) x
    join public.members m on m.id = x.member_id
    left join public.locations l on l.id = x.location_id
    cross join lateral (
      select count(*) filter (where f.scan_result = 'success')::int as ok,
             count(*) filter (where f.scan_result = 'error')::int as err,
             count(*) filter (where f.scan_result = 'invalid')::int as inv
      from public.floor_scans f where f.org_id = p_org_id and f.session_id = x.id) sc
    -- idle: gaps of more than 5 minutes between the session's events (start, scans, actions, end)
    cross join lateral (
      select coalesce(sum(greatest(gap - 300, 0)), 0) as idle_s from (
        select extract(epoch from (t - lag(t) over (order by t))) as gap from (
          select x.started_at as t
          union all select f.scan_time from public.floor_scans f where f.org_id = p_org_id and f.session_id = x.id
          union all select fa.created_at from public.floor_actions fa where fa.org_id = p_org_id and fa.session_id = x.id
          union all select coalesce(x.ended_at, least(x.last_activity_at, now()))) e) gaps) ev
    ), '[]'::jsonb));
end $$;
comment on function public.floor_session_history(uuid, date, date, uuid, uuid, integer) is
  'Members: floor sessions in a period (default last 30 days) with duration, items, actions, scans by result and idle '
  'minutes (gaps over 5 minutes). Below supervisor: only the caller''s own.';

revoke execute on all functions in schema app from public;
revoke execute on function public.floor_performance(uuid, date, date, text, uuid),
  public.floor_session_history(uuid, date, date, uuid, uuid, integer) from public, anon;
grant execute on function public.floor_performance(uuid, date, date, text, uuid),
  public.floor_session_history(uuid, date, date, uuid, uuid, integer) to authenticated, service_role;
