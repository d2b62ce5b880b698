-- Sewing reads (issue 14): the line dashboard, operator earnings (per day, week and operation, with the
-- efficiency behind them) and the bundle tracker. Aggregates come from sewing_run_operations in SQL:
-- the screens, the API and the payroll CSV show the same numbers. Security definer with one
-- membership check each, then set-based work on the org's indexes (house style: faster than RLS per row).
--
-- Targets: an operator's day target is in standard (earned) minutes: shift minutes × target efficiency,
-- from organisations.settings sewing_shift_minutes (default 480) and sewing_target_efficiency (default
-- 80 %). Output vs target = Σ SMV × units ÷ target minutes.

create function app.sewing_settings(p_org_id uuid, out shift_minutes numeric, out target_efficiency numeric, out time_zone text)
language sql stable security definer set search_path = '' as $$
  select coalesce(case when jsonb_typeof(o.settings -> 'sewing_shift_minutes') = 'number'
                       then (o.settings ->> 'sewing_shift_minutes')::numeric end, 480),
         coalesce(case when jsonb_typeof(o.settings -> 'sewing_target_efficiency') = 'number'
                       then (o.settings ->> 'sewing_target_efficiency')::numeric end, 80),
         o.time_zone
  from public.organisations o where o.id = p_org_id
$$;
comment on function app.sewing_settings(uuid) is
  'Shift minutes (480) and target efficiency % (80) of an organisation''s sewing lines, and its time zone.';

-- ------------------------------------------------------------------ dashboard
create function public.sewing_dashboard(p_org_id uuid, p_day date default null, p_team_id uuid default null)
returns jsonb
language plpgsql stable security definer set search_path = '' as $$
declare
  v_set record;
  v_day date;
  v_target numeric;
  v_ops jsonb;
  v_operators jsonb;
  v_line jsonb;
begin
  perform app.require_member(p_org_id, 'operator', true);
  select * into v_set from app.sewing_settings(p_org_id);
  v_day := coalesce(p_day, (now() at time zone v_set.time_zone)::date);
  v_target := v_set.shift_minutes * v_set.target_efficiency / 100;

  -- WIP per operation over the unfinished runs: waiting = ready (dependencies done) but not started,
  -- blocked = still waiting for a dependency, in progress; done today from completions of the day
  with open_ops as (
    select ro.operation_id, ro.status, ro.sewing_run_id, b.quantity - b.rejected_quantity as units,
           (ro.status = 'PENDING' and not exists (
              select 1 from public.sewing_run_operations d
              where d.sewing_run_id = ro.sewing_run_id and d.status <> 'COMPLETED'
                and d.operation_id = any (o.depends_on))) as ready
    from public.sewing_runs r
    join public.sewing_run_operations ro on ro.sewing_run_id = r.id and ro.status <> 'COMPLETED'
    join public.sewing_operations o on o.id = ro.operation_id
    join public.bundles b on b.id = r.bundle_id
    where r.org_id = p_org_id and r.status <> 'COMPLETED' and (p_team_id is null or r.team_id = p_team_id)
  ), wip as (
    select operation_id,
           count(*) filter (where status = 'IN_PROGRESS') as bundles_in_progress,
           coalesce(sum(units) filter (where status = 'IN_PROGRESS'), 0) as units_in_progress,
           count(*) filter (where ready) as bundles_waiting,
           coalesce(sum(units) filter (where ready), 0) as units_waiting,
           count(*) filter (where status = 'PENDING' and not ready) as bundles_blocked
    from open_ops group by operation_id
  ), today as (
    select ro.operation_id, sum(ro.units_completed) as units, sum(ro.standard_minutes * ro.units_completed) as earned,
           sum(ro.actual_minutes) as actual, sum(ro.defects_found) as defects, sum(ro.rework_units) as rework
    from public.sewing_run_operations ro
    join public.sewing_runs r on r.id = ro.sewing_run_id
    where ro.org_id = p_org_id and ro.status = 'COMPLETED' and ro.work_date = v_day
      and (p_team_id is null or r.team_id = p_team_id)
    group by ro.operation_id
  )
  select coalesce(jsonb_agg(jsonb_build_object(
           'operation_id', o.id, 'name', o.name, 'product_type', p.code, 'sequence_number', o.sequence_number,
           'machine_type', o.machine_type, 'standard_minutes', o.standard_minutes,
           'bundles_waiting', coalesce(w.bundles_waiting, 0), 'units_waiting', coalesce(w.units_waiting, 0),
           'bundles_in_progress', coalesce(w.bundles_in_progress, 0), 'units_in_progress', coalesce(w.units_in_progress, 0),
           'bundles_blocked', coalesce(w.bundles_blocked, 0),
           'units_today', coalesce(t.units, 0), 'defects_today', coalesce(t.defects, 0),
           'efficiency_today', round(t.earned / nullif(t.actual, 0) * 100, 1))
         order by p.code, o.sequence_number, o.name), '[]')
    into v_ops
  from public.sewing_operations o
  join public.product_types p on p.id = o.product_type_id
  left join wip w on w.operation_id = o.id
  left join today t on t.operation_id = o.id
  where o.org_id = p_org_id and (o.is_active or w.operation_id is not null or t.operation_id is not null);

  select coalesce(jsonb_agg(x order by x ->> 'name'), '[]') into v_operators
  from (
    select jsonb_build_object('member_id', m.id, 'name', m.display_name, 'badge_code', m.badge_code,
             'units', sum(ro.units_completed), 'good_units', sum(ro.good_units), 'operations', count(*),
             'earned_minutes', round(sum(ro.standard_minutes * ro.units_completed), 2),
             'actual_minutes', round(sum(ro.actual_minutes), 2),
             'efficiency', round(sum(ro.standard_minutes * ro.units_completed) / nullif(sum(ro.actual_minutes), 0) * 100, 1),
             'target_minutes', v_target,
             'output_vs_target', round(sum(ro.standard_minutes * ro.units_completed) / nullif(v_target, 0) * 100, 1),
             'earnings', sum(ro.earnings), 'defects', sum(ro.defects_found)) as x
    from public.sewing_run_operations ro
    join public.sewing_runs r on r.id = ro.sewing_run_id
    join public.members m on m.id = ro.operator_id
    where ro.org_id = p_org_id and ro.status = 'COMPLETED' and ro.work_date = v_day
      and (p_team_id is null or r.team_id = p_team_id)
    group by m.id, m.display_name, m.badge_code
  ) s;

  select jsonb_build_object(
           'units_today', coalesce(sum((e ->> 'units_today')::int), 0),
           'defects_today', coalesce(sum((e ->> 'defects_today')::int), 0),
           'bundles_in_sewing', (select count(*) from public.sewing_runs r
                                 where r.org_id = p_org_id and r.status <> 'COMPLETED' and (p_team_id is null or r.team_id = p_team_id)),
           'bundles_sewn_today', (select count(*) from public.sewing_runs r
                                  where r.org_id = p_org_id and r.status = 'COMPLETED'
                                    and (r.completed_at at time zone v_set.time_zone)::date = v_day
                                    and (p_team_id is null or r.team_id = p_team_id)))
    into v_line
  from jsonb_array_elements(v_ops) e;

  return jsonb_build_object(
    'day', v_day, 'time_zone', v_set.time_zone, 'target_efficiency', v_set.target_efficiency,
    'shift_minutes', v_set.shift_minutes,
    'line', v_line || jsonb_build_object(
      'efficiency_today', (select round(sum(x.earned) / nullif(sum(x.actual), 0) * 100, 1)
                           from (select (o ->> 'earned_minutes')::numeric as earned, (o ->> 'actual_minutes')::numeric as actual
                                 from jsonb_array_elements(v_operators) o) x),
      'defects_per_hundred_units', round(((v_line ->> 'defects_today')::numeric)
                                         / nullif((v_line ->> 'units_today')::numeric, 0) * 100, 2)),
    -- the bottleneck: the operation with the most units waiting or in progress in front of it
    'bottleneck', (select e from jsonb_array_elements(v_ops) e
                   where (e ->> 'units_waiting')::int + (e ->> 'units_in_progress')::int > 0
                   order by (e ->> 'units_waiting')::int + (e ->> 'units_in_progress')::int desc,
                            (e ->> 'standard_minutes')::numeric desc
                   limit 1),
    'operations', v_ops,
    'operators', v_operators);
end $$;
comment on function public.sewing_dashboard(uuid, date, uuid) is
  'The sewing line at a glance (members): WIP per operation (waiting, blocked, in progress), the bottleneck (most '
  'units in front of it), line efficiency, defects per hundred units and each operator''s output vs target, '
  'efficiency and earnings for a day (default today, local); optionally one line (team).';

-- ------------------------------------------------------------------ earnings
-- One row per operator and level: 'operation' (day × operation), 'day', 'week' (ISO week, Monday) and
-- 'period' (the whole range). Operators see only their own; supervisors+ everyone's.
create function public.sewing_earnings(p_org_id uuid, p_from date, p_to date, p_member_id uuid default null)
returns table (
  level text, member_id uuid, member_name text, badge_code text, work_date date, week_start date,
  operation_id uuid, operation_name text, product_type text, piece_rate numeric, operations bigint, units bigint,
  good_units bigint, rework_units bigint, defects bigint, earned_minutes numeric, actual_minutes numeric,
  efficiency numeric, earnings numeric
)
language plpgsql stable security definer set search_path = '' as $$
declare
  v_me record;
  v_member uuid := p_member_id;
begin
  select * into v_me from app.require_member(p_org_id, 'operator', true);
  if p_from is null or p_to is null or p_to < p_from or p_to - p_from > 366 then
    perform app.raise('VALIDATION_FAILED', 'Give a period of at most a year: from ≤ to', 'to');
  end if;
  if v_me.role < 'supervisor' then
    if v_member is not null and v_member <> v_me.member_id then
      perform app.raise('FORBIDDEN', 'Operators see their own earnings', 'member_id');
    end if;
    v_member := v_me.member_id;
  end if;
  return query
  with w as (
    select ro.operator_id, ro.work_date, (ro.work_date - (extract(isodow from ro.work_date)::int - 1)) as wk,
           ro.operation_id, ro.piece_rate, ro.units_completed, ro.good_units, ro.rework_units, ro.defects_found,
           ro.standard_minutes * ro.units_completed as earned, ro.actual_minutes, ro.earnings
    from public.sewing_run_operations ro
    where ro.org_id = p_org_id and ro.status = 'COMPLETED' and ro.work_date between p_from and p_to
      and ro.operator_id is not null and (v_member is null or ro.operator_id = v_member)
  ), g as (
    select case when grouping(w.operation_id) = 0 then 'operation' when grouping(w.work_date) = 0 then 'day'
                when grouping(w.wk) = 0 then 'week' else 'period' end as lvl,
           w.operator_id, w.work_date, w.wk, w.operation_id, w.piece_rate,
           count(*) as n, sum(w.units_completed) as units, sum(w.good_units) as good, sum(w.rework_units) as rework,
           sum(w.defects_found) as defects, sum(w.earned) as earned, sum(w.actual_minutes) as actual,
           sum(w.earnings) as pay
    from w
    group by grouping sets ((w.operator_id, w.wk, w.work_date, w.operation_id, w.piece_rate),
                            (w.operator_id, w.wk, w.work_date), (w.operator_id, w.wk), (w.operator_id))
  )
  select g.lvl, g.operator_id, m.display_name, m.badge_code, g.work_date, g.wk, g.operation_id, o.name, p.code,
         g.piece_rate, g.n, g.units, g.good, g.rework, g.defects, round(g.earned, 2), round(g.actual, 2),
         round(g.earned / nullif(g.actual, 0) * 100, 1), g.pay
  from g
  join public.members m on m.id = g.operator_id
  left join public.sewing_operations o on o.id = g.operation_id
  left join public.product_types p on p.id = o.product_type_id
  order by m.display_name, g.operator_id, g.wk nulls last, g.work_date nulls last, o.sequence_number nulls first, o.name;
end $$;
comment on function public.sewing_earnings(uuid, date, date, uuid) is
  'Operator earnings from completed run operations in [from, to] (local work dates): piece rate in force × good '
  'units, with units, earned (standard) minutes, actual minutes and efficiency; levels operation (per day), day, '
  'week, period. Operators: their own only.';

-- ------------------------------------------------------------------ bundle tracker
create function public.sewing_bundle_track(p_org_id uuid, p_bundle_number integer)
returns jsonb
language plpgsql stable security definer set search_path = '' as $$
declare
  v_bundle public.bundles;
  v_history jsonb := '[]';
begin
  perform app.require_member(p_org_id, 'operator', true);
  select * into v_bundle from public.bundles b where b.org_id = p_org_id and b.bundle_number = p_bundle_number;
  if v_bundle.id is null then
    perform app.raise('BUNDLE_NOT_FOUND', format('No bundle %s in this workshop', p_bundle_number), 'bundle_number');
  end if;
  -- garment-cut's status history, when it is there (it lands separately)
  if to_regclass('public.bundle_status_history') is not null then
    execute $q$ select coalesce(jsonb_agg(to_jsonb(h) order by h.created_at), '[]')
                from public.bundle_status_history h where h.bundle_id = $1 $q$
      into v_history using v_bundle.id;
  end if;
  return jsonb_build_object(
    'bundle', to_jsonb(v_bundle) || jsonb_build_object(
      'good_units', v_bundle.quantity - v_bundle.rejected_quantity,
      'style', (select jsonb_build_object('code', s.code, 'name', s.name, 'product_type', p.code)
                from public.styles s join public.product_types p on p.id = s.product_type_id where s.id = v_bundle.style_id),
      'location', (select l.name from public.locations l where l.id = v_bundle.location_id)),
    'runs', coalesce((select jsonb_agg(app.sewing_run_json(r.id) order by r.created_at)
                      from public.sewing_runs r where r.bundle_id = v_bundle.id), '[]'),
    'history', v_history);
end $$;
comment on function public.sewing_bundle_track(uuid, integer) is
  '"Where is bundle 117?": the bundle (style, location, status), its sewing runs with every operation (who, when, '
  'units, efficiency) and its status history.';

revoke execute on all functions in schema app from public;
revoke execute on function public.sewing_dashboard(uuid, date, uuid), public.sewing_earnings(uuid, date, date, uuid),
  public.sewing_bundle_track(uuid, integer) from public, anon;
grant execute on function public.sewing_dashboard(uuid, date, uuid), public.sewing_earnings(uuid, date, date, uuid),
  public.sewing_bundle_track(uuid, integer) to authenticated, service_role;
