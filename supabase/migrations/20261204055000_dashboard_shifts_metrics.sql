-- Manager dashboards, data (issue 17, spec 03 §3): shifts, production_metrics per (org, date, shift)
-- and the job that fills them. Figures and formulas: docs/dashboards.md.
--
-- Why stored rows and not a materialized view: a shift's figures are final once the shift has ended,
-- so they are computed once by a job at the shift's end (and for the whole day after midnight) and
-- read cheaply for any range afterwards; only today's still-open shifts are computed live. The job is
-- idempotent (an upsert of the same figures) and any past range can be recomputed (backfill).
-- Every ratio keeps its numerator and denominator, so a period's rate is a ratio of sums, never an
-- average of daily rates.

insert into app.error_codes (code, status, meaning) values
  ('SHIFT_OVERLAP', 409, 'Two active shifts of an organisation would cover the same time of day.'),
  ('SHIFT_CODE_TAKEN', 409, 'The organisation already has a shift with this code.')
on conflict (code) do nothing;

-- ------------------------------------------------------------------ shifts
create table public.shifts (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organisations (id) on delete cascade,
  code text not null check (code ~ '^[A-Z][A-Z0-9_]{1,15}$'),
  name text not null check (length(btrim(name)) between 1 and 60),
  starts_at time not null,
  ends_at time not null,
  position smallint not null default 0,
  archived_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (starts_at <> ends_at),
  check (date_trunc('minute', starts_at) = starts_at and date_trunc('minute', ends_at) = ends_at),
  constraint shifts_org_code_key unique (org_id, code),
  unique (org_id, id)
);
comment on table public.shifts is
  'An organisation''s shifts (MORNING, AFTERNOON, NIGHT… editable). ends_at <= starts_at means the shift '
  'crosses midnight: the NIGHT shift "of" 4 December runs 22:00 on the 4th to 06:00 on the 5th, in the '
  'organisation''s time zone. Active shifts never overlap (SHIFT_OVERLAP). Members read, managers+ write.';
comment on column public.shifts.code is 'Upper-case code, the shift key of production_metrics (MORNING, NIGHT…).';

-- minutes of the day a shift covers, as one or two ranges (a shift over midnight is two)
create function app.shift_minute_ranges(p_starts time, p_ends time) returns int4range[]
language sql immutable set search_path = '' as $$
  select case
    when p_ends > p_starts then array[int4range((extract(epoch from p_starts) / 60)::int, (extract(epoch from p_ends) / 60)::int)]
    else array[int4range((extract(epoch from p_starts) / 60)::int, 1440),
               int4range(0, (extract(epoch from p_ends) / 60)::int)]
  end
$$;

create function app.shifts_check() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  v_other public.shifts;
begin
  if new.archived_at is not null then
    return new;
  end if;
  select s.* into v_other from public.shifts s
   where s.org_id = new.org_id and s.id <> new.id and s.archived_at is null
     and exists (select 1 from unnest(app.shift_minute_ranges(s.starts_at, s.ends_at)) a,
                               unnest(app.shift_minute_ranges(new.starts_at, new.ends_at)) b
                  where a && b)
   limit 1;
  if found then
    perform app.raise('SHIFT_OVERLAP',
      format('%s (%s–%s) overlaps %s (%s–%s)', new.name, to_char(new.starts_at, 'HH24:MI'), to_char(new.ends_at, 'HH24:MI'),
             v_other.name, to_char(v_other.starts_at, 'HH24:MI'), to_char(v_other.ends_at, 'HH24:MI')),
      'starts_at', jsonb_build_object('shift_id', v_other.id, 'code', v_other.code));
  end if;
  if exists (select 1 from public.shifts s where s.org_id = new.org_id and s.code = new.code and s.id <> new.id) then
    perform app.raise('SHIFT_CODE_TAKEN', format('There is already a shift %s', new.code), 'code');
  end if;
  return new;
end $$;
comment on function app.shifts_check() is 'Active shifts of one organisation never overlap; codes are unique (readable errors).';

create trigger shifts_check before insert or update on public.shifts
  for each row execute function app.shifts_check();
create trigger shifts_set_updated_at before update on public.shifts
  for each row execute function app.set_updated_at();
create trigger shifts_audit after insert or update or delete on public.shifts
  for each row execute function app.audit_row();

alter table public.shifts enable row level security;
create policy shifts_select on public.shifts for select to authenticated
  using (org_id = any (array(select app.my_org_ids())));
create policy shifts_insert on public.shifts for insert to authenticated
  with check (org_id = any (array(select app.my_org_ids('manager'))));
create policy shifts_update on public.shifts for update to authenticated
  using (org_id = any (array(select app.my_org_ids('manager'))))
  with check (org_id = any (array(select app.my_org_ids('manager'))));
create policy shifts_delete on public.shifts for delete to authenticated
  using (org_id = any (array(select app.my_org_ids('manager'))));
revoke all on public.shifts from public, anon, authenticated, service_role;
grant select, delete on public.shifts to authenticated;
grant insert (id, org_id, code, name, starts_at, ends_at, position, archived_at) on public.shifts to authenticated;
grant update (code, name, starts_at, ends_at, position, archived_at) on public.shifts to authenticated;
grant all on public.shifts to service_role;

-- every organisation starts with the three shifts of spec 03; new ones get them too
create function app.default_shifts(p_org_id uuid) returns void
language sql volatile security definer set search_path = '' as $$
  insert into public.shifts (org_id, code, name, starts_at, ends_at, position) values
    (p_org_id, 'MORNING', 'Morning', '06:00', '14:00', 1),
    (p_org_id, 'AFTERNOON', 'Afternoon', '14:00', '22:00', 2),
    (p_org_id, 'NIGHT', 'Night', '22:00', '06:00', 3)
  on conflict (org_id, code) do nothing
$$;
revoke execute on function app.default_shifts(uuid) from public;

create function app.organisations_default_shifts() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  perform app.default_shifts(new.id);
  return null;
end $$;
create trigger organisations_default_shifts after insert on public.organisations
  for each row execute function app.organisations_default_shifts();

select app.default_shifts(o.id) from public.organisations o;

-- The window a shift covers on a date, in the organisation's zone; a null shift = the whole day.
create function app.shift_window(p_date date, p_starts time, p_ends time, p_tz text) returns tstzrange
language sql stable set search_path = '' as $$
  select case when p_starts is null
    then tstzrange(p_date::timestamp at time zone p_tz, (p_date + 1)::timestamp at time zone p_tz, '[)')
    else tstzrange((p_date + p_starts) at time zone p_tz,
                   ((p_date + case when p_ends <= p_starts then 1 else 0 end) + p_ends) at time zone p_tz, '[)')
  end
$$;
comment on function app.shift_window(date, time, time, text) is
  'The instants a shift covers on a date (local times in p_tz; ends <= starts = ends the next day). '
  'Null times = the whole local day.';

-- ------------------------------------------------------------------ production metrics
create table public.production_metrics (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organisations (id) on delete cascade,
  date date not null,
  shift text check (shift ~ '^[A-Z][A-Z0-9_]{1,15}$'),
  period tstzrange not null,
  cutting_efficiency numeric(7, 2),
  printing_efficiency numeric(7, 2),
  sewing_efficiency numeric(7, 2),
  overall_efficiency numeric(7, 2) not null default 0,
  units_cut integer not null default 0,
  units_printed integer not null default 0,
  units_sewn integer not null default 0,
  units_completed integer not null default 0,
  qc_pass_rate numeric(5, 2),
  defect_rate numeric(7, 2),
  rework_rate numeric(7, 2),
  employees_present integer not null default 0,
  overtime_hours numeric(8, 2),
  revenue_generated numeric(12, 2),
  -- the basis of every ratio above, so a period's figure is a ratio of sums
  basis jsonb not null default '{}' check (jsonb_typeof(basis) = 'object'),
  computed_at timestamptz not null default now(),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint production_metrics_period_key unique nulls not distinct (org_id, date, shift)
);
comment on table public.production_metrics is
  'Spec 03 §3.2: one row per organisation, date and shift (shift null = the whole day), written only by '
  'app.production_metrics_store (the scheduled job, or a manager''s recompute). Formulas: docs/dashboards.md. '
  'basis holds each ratio''s numerator and denominator (earned/attended hours, QC decisions, …).';
comment on column public.production_metrics.period is 'The instants the row covers (the shift''s window on that date).';
comment on column public.production_metrics.computed_at is 'When the figures were last computed; the job recomputes a row computed before its period ended.';

create index production_metrics_org_date_idx on public.production_metrics (org_id, date);

create trigger production_metrics_set_updated_at before update on public.production_metrics
  for each row execute function app.set_updated_at();

alter table public.production_metrics enable row level security;
create policy production_metrics_select on public.production_metrics for select to authenticated
  using (org_id = any (array(select app.my_org_ids('supervisor'))));
-- written only by the SECURITY DEFINER job and RPCs
create policy production_metrics_insert on public.production_metrics for insert to authenticated with check (false);
create policy production_metrics_update on public.production_metrics for update to authenticated using (false);
create policy production_metrics_delete on public.production_metrics for delete to authenticated using (false);
revoke all on public.production_metrics from public, anon, authenticated, service_role;
grant select on public.production_metrics to authenticated;
grant all on public.production_metrics to service_role;

-- ------------------------------------------------------------------ the figures
-- All figures for one organisation over [lower, upper). Sessions (attendance) belong to the window
-- their PIN-in started in, so one session counts in one shift only; events count when they happened.
create function app.production_figures(p_org_id uuid, p_period tstzrange, p_location_id uuid default null)
returns jsonb
language plpgsql stable security definer set search_path = '' as $$
declare
  v_from timestamptz := lower(p_period);
  v_to timestamptz := upper(p_period);
  v_now timestamptz := now();
  r jsonb;
begin
  with
  sessions as (
    select os.member_id,
           extract(epoch from (coalesce(os.ended_at, least(v_now, greatest(os.last_seen_at, os.started_at))) - os.started_at)) / 3600.0 as hours,
           greatest(0, extract(epoch from (coalesce(os.ended_at, least(v_now, greatest(os.last_seen_at, os.started_at))) - v_to)) / 3600.0) as beyond
      from public.operator_sessions os
      join public.stations st on st.org_id = os.org_id and st.id = os.station_id
     where os.org_id = p_org_id and os.started_at >= v_from and os.started_at < v_to
       and (p_location_id is null or st.location_id = p_location_id)
  ),
  shipped as (
    select o.id, o.price from public.order_status_history h
      join public.orders o on o.org_id = h.org_id and o.id = h.order_id
     where h.org_id = p_org_id and h.new_status = 'shipped' and h.created_at >= v_from and h.created_at < v_to
  ),
  gate_moves as (
    -- one decision per unit (order) of the batch that passed or was sent back from a QC gate stage
    select e.kind from public.batch_events e
      join public.batches b on b.org_id = e.org_id and b.id = e.batch_id
      join public.batch_orders bo on bo.org_id = e.org_id and bo.batch_id = e.batch_id
      join app.batch_type_states s on s.type_definition_id = b.type_definition_id and s.stage = e.from_stage
     where e.org_id = p_org_id and e.at >= v_from and e.at < v_to and s.is_quality_gate
       and e.kind in ('advanced', 'returned', 'completed')
  ),
  stage_exits as (
    -- earned standard hours: each order's estimated hours for the stage its batch left forward
    select coalesce(sum(mps.estimated_hours), 0) as hours,
           count(*) filter (where e.kind = 'returned') as returned,
           count(*) filter (where e.kind in ('advanced', 'completed')) as forward
      from public.batch_events e
      join public.batch_orders bo on bo.org_id = e.org_id and bo.batch_id = e.batch_id
      join public.orders o on o.org_id = bo.org_id and o.id = bo.order_id
      left join public.model_production_stages mps
        on mps.org_id = o.org_id and mps.model_id = o.model_id and mps.stage = e.from_stage and e.kind in ('advanced', 'completed')
     where e.org_id = p_org_id and e.at >= v_from and e.at < v_to and e.kind in ('advanced', 'returned', 'completed')
  ),
  bundle_moves as (
    select h.from_status, h.to_status, greatest(b.quantity - b.rejected_quantity, 0) as good
      from public.bundle_status_history h
      join public.bundles b on b.org_id = h.org_id and b.id = h.bundle_id
     where h.org_id = p_org_id and h.created_at >= v_from and h.created_at < v_to
  ),
  floor_results as (
    select count(*) filter (where a.status = 'failed') as failed,
           count(*) filter (where a.status in ('completed', 'failed')) as recorded
      from public.floor_actions a
     where a.org_id = p_org_id and a.completed_at >= v_from and a.completed_at < v_to
       and a.action_type in ('measurement', 'inspection')
  )
  select jsonb_build_object(
    'attended_hours', (select coalesce(round(sum(hours)::numeric, 4), 0) from sessions),
    'overtime_hours', (select coalesce(round(sum(beyond)::numeric, 4), 0) from sessions),
    'employees_present', (select count(distinct member_id) from sessions),
    'units_completed', (select count(*) from shipped)
                       + (select coalesce(sum(good), 0) from bundle_moves where to_status = 'packed'),
    'revenue_generated', (select coalesce(sum(price), 0) from shipped),
    'units_sewn', (select coalesce(sum(good), 0) from bundle_moves where to_status = 'sewn'),
    'qc_passed', (select count(*) from gate_moves where kind in ('advanced', 'completed'))
                 + (select count(*) from bundle_moves where from_status = 'in_qc' and to_status = 'packed'),
    'qc_decided', (select count(*) from gate_moves)
                  + (select count(*) from bundle_moves where from_status = 'in_qc' and to_status in ('packed', 'in_sewing', 'rejected')),
    'earned_hours', (select round(hours::numeric, 4) from stage_exits),
    'stage_returns', (select returned from stage_exits),
    'stage_exits', (select forward + returned from stage_exits),
    'bundle_reworks', (select count(*) from bundle_moves where from_status = 'in_qc' and to_status = 'in_sewing'),
    'floor_failed', (select failed from floor_results),
    'floor_recorded', (select recorded from floor_results)
  ) into r;
  return r || app.production_figures_garment(p_org_id, p_period);
end $$;
comment on function app.production_figures(uuid, tstzrange, uuid) is
  'The raw sums behind production_metrics for one organisation over a window (optionally one location''s '
  'attendance). docs/dashboards.md defines each. Garment cutting and sewing figures come from '
  'app.production_figures_garment.';
revoke execute on function app.production_figures(uuid, tstzrange, uuid) from public;

-- Garment cutting and sewing sums: cutting runs and sewing run operations completed in the window.
create function app.production_figures_garment(p_org_id uuid, p_period tstzrange) returns jsonb
language sql stable security definer set search_path = '' as $$
  select jsonb_build_object(
    'units_cut', c.units, 'cut_standard_minutes', c.standard, 'cut_actual_minutes', c.actual,
    'sew_standard_minutes', w.standard, 'sew_actual_minutes', w.actual, 'sew_units', w.units,
    'sew_defects', w.defects, 'sew_rework', w.rework)
  from (select coalesce(sum(r.units_cut), 0) as units,
               coalesce(sum(r.standard_minutes) filter (where r.actual_minutes > 0), 0) as standard,
               coalesce(sum(r.actual_minutes) filter (where r.actual_minutes > 0), 0) as actual
          from public.cutting_runs r
         where r.org_id = p_org_id and r.status = 'COMPLETED'
           and r.end_time >= lower(p_period) and r.end_time < upper(p_period)) c,
       (select coalesce(sum(o.standard_minutes * o.units_completed), 0) as standard,
               coalesce(sum(o.actual_minutes), 0) as actual,
               coalesce(sum(o.units_completed), 0) as units,
               coalesce(sum(o.defects_found), 0) as defects,
               coalesce(sum(o.rework_units), 0) as rework
          from public.sewing_run_operations o
         where o.org_id = p_org_id and o.status = 'COMPLETED'
           and o.completed_at >= lower(p_period) and o.completed_at < upper(p_period)) w
$$;
revoke execute on function app.production_figures_garment(uuid, tstzrange) from public;

create function app.pct(p_num numeric, p_den numeric, p_null_when_empty boolean default true) returns numeric
language sql immutable set search_path = '' as $$
  select case when coalesce(p_den, 0) = 0 then case when p_null_when_empty then null else 0 end
              else round(p_num * 100.0 / p_den, 2) end
$$;

-- figures (sums) → the production_metrics columns
create function app.production_metrics_columns(f jsonb) returns jsonb
language sql immutable set search_path = '' as $$
  select jsonb_build_object(
    'cutting_efficiency', app.pct((f ->> 'cut_standard_minutes')::numeric, (f ->> 'cut_actual_minutes')::numeric),
    'printing_efficiency', null,
    'sewing_efficiency', app.pct((f ->> 'sew_standard_minutes')::numeric, (f ->> 'sew_actual_minutes')::numeric),
    'overall_efficiency', app.pct((f ->> 'earned_hours')::numeric
                                  + ((f ->> 'cut_standard_minutes')::numeric + (f ->> 'sew_standard_minutes')::numeric) / 60,
                                  (f ->> 'attended_hours')::numeric, false),
    'units_cut', (f ->> 'units_cut')::integer,
    'units_printed', 0,
    'units_sewn', (f ->> 'units_sewn')::integer,
    'units_completed', (f ->> 'units_completed')::integer,
    'qc_pass_rate', app.pct((f ->> 'qc_passed')::numeric, (f ->> 'qc_decided')::numeric),
    'defect_rate', app.pct((f ->> 'sew_defects')::numeric + (f ->> 'floor_failed')::numeric,
                           (f ->> 'sew_units')::numeric + (f ->> 'floor_recorded')::numeric),
    'rework_rate', app.pct((f ->> 'sew_rework')::numeric + (f ->> 'stage_returns')::numeric,
                           (f ->> 'sew_units')::numeric + (f ->> 'stage_exits')::numeric),
    'employees_present', (f ->> 'employees_present')::integer,
    'overtime_hours', round((f ->> 'overtime_hours')::numeric, 2),
    'revenue_generated', round((f ->> 'revenue_generated')::numeric, 2))
$$;
comment on function app.production_metrics_columns(jsonb) is
  'The one place the ratios are formed from the sums (docs/dashboards.md): the stored rows and the live '
  'today figures both go through it.';

-- ------------------------------------------------------------------ storing and the job
-- The sums of one (org, date, shift) cell; a null shift = the whole day, whose overtime is its shifts'
-- overtime (time PINed in beyond the end of the shift the PIN-in began in; null with no shifts).
create function app.metrics_basis(p_org_id uuid, p_date date, p_shift text, p_location_id uuid default null)
returns jsonb
language plpgsql stable security definer set search_path = '' as $$
declare
  v_tz text;
  v_shift public.shifts;
  f jsonb;
begin
  select o.time_zone into v_tz from public.organisations o where o.id = p_org_id;
  if p_shift is not null then
    select s.* into v_shift from public.shifts s where s.org_id = p_org_id and s.code = p_shift;
    if not found then
      perform app.raise('NOT_FOUND', format('There is no shift %s', p_shift), 'shift');
    end if;
  end if;
  f := app.production_figures(p_org_id, app.shift_window(p_date, v_shift.starts_at, v_shift.ends_at, v_tz), p_location_id);
  if p_shift is null then
    f := f || jsonb_build_object('overtime_hours', (
      select sum((app.production_figures(p_org_id, app.shift_window(p_date, s.starts_at, s.ends_at, v_tz), p_location_id)
                  ->> 'overtime_hours')::numeric)
        from public.shifts s where s.org_id = p_org_id and s.archived_at is null));
  end if;
  return f;
end $$;
revoke execute on function app.metrics_basis(uuid, date, text, uuid) from public;

-- Writes (or rewrites) the row of one (org, date, shift); a null shift = the whole day. Idempotent:
-- the same events give the same row.
create function app.production_metrics_store(p_org_id uuid, p_date date, p_shift text)
returns public.production_metrics
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_tz text;
  v_shift public.shifts;
  v_period tstzrange;
  f jsonb;
  c jsonb;
  v_row public.production_metrics;
begin
  select o.time_zone into v_tz from public.organisations o where o.id = p_org_id;
  select s.* into v_shift from public.shifts s where s.org_id = p_org_id and s.code = p_shift;
  v_period := app.shift_window(p_date, v_shift.starts_at, v_shift.ends_at, v_tz);
  f := app.metrics_basis(p_org_id, p_date, p_shift);
  c := app.production_metrics_columns(f);
  insert into public.production_metrics as m (
    org_id, date, shift, period, cutting_efficiency, printing_efficiency, sewing_efficiency, overall_efficiency,
    units_cut, units_printed, units_sewn, units_completed, qc_pass_rate, defect_rate, rework_rate,
    employees_present, overtime_hours, revenue_generated, basis, computed_at)
  values (
    p_org_id, p_date, p_shift, v_period, (c ->> 'cutting_efficiency')::numeric, (c ->> 'printing_efficiency')::numeric,
    (c ->> 'sewing_efficiency')::numeric, (c ->> 'overall_efficiency')::numeric,
    (c ->> 'units_cut')::integer, (c ->> 'units_printed')::integer, (c ->> 'units_sewn')::integer,
    (c ->> 'units_completed')::integer, (c ->> 'qc_pass_rate')::numeric, (c ->> 'defect_rate')::numeric,
    (c ->> 'rework_rate')::numeric, (c ->> 'employees_present')::integer, (c ->> 'overtime_hours')::numeric,
    (c ->> 'revenue_generated')::numeric, f, now())
  on conflict on constraint production_metrics_period_key do update set
    period = excluded.period, cutting_efficiency = excluded.cutting_efficiency,
    printing_efficiency = excluded.printing_efficiency, sewing_efficiency = excluded.sewing_efficiency,
    overall_efficiency = excluded.overall_efficiency, units_cut = excluded.units_cut,
    units_printed = excluded.units_printed, units_sewn = excluded.units_sewn,
    units_completed = excluded.units_completed, qc_pass_rate = excluded.qc_pass_rate,
    defect_rate = excluded.defect_rate, rework_rate = excluded.rework_rate,
    employees_present = excluded.employees_present, overtime_hours = excluded.overtime_hours,
    revenue_generated = excluded.revenue_generated, basis = excluded.basis, computed_at = excluded.computed_at
  returning m.* into v_row;
  return v_row;
end $$;
comment on function app.production_metrics_store(uuid, date, text) is
  'Computes and upserts production_metrics for one organisation, date and shift (null = the whole day).';
revoke execute on function app.production_metrics_store(uuid, date, text) from public;

-- The scheduled job: every shift that has ended (and every whole day that has ended) in the last two
-- local days and whose row is missing or was computed before it ended. So a shift's row appears at
-- its end, the day's after midnight, and a rerun changes nothing.
create function app.production_metrics_due() returns integer
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_org public.organisations;
  v_date date;
  v_shift public.shifts;
  v_count integer := 0;
  v_period tstzrange;
begin
  for v_org in select o.* from public.organisations o loop
    for v_date in select ((now() at time zone v_org.time_zone)::date - d) from generate_series(0, 2) d loop
      for v_shift in select s.* from public.shifts s where s.org_id = v_org.id and s.archived_at is null loop
        v_period := app.shift_window(v_date, v_shift.starts_at, v_shift.ends_at, v_org.time_zone);
        if upper(v_period) <= now() and not exists (
             select 1 from public.production_metrics m
              where m.org_id = v_org.id and m.date = v_date and m.shift = v_shift.code and m.computed_at >= upper(v_period)) then
          perform app.production_metrics_store(v_org.id, v_date, v_shift.code);
          v_count := v_count + 1;
        end if;
      end loop;
      v_period := app.shift_window(v_date, null, null, v_org.time_zone);
      -- the day row waits for the day and for a night shift that began on it
      if upper(v_period) <= now() and not exists (
           select 1 from public.shifts s where s.org_id = v_org.id and s.archived_at is null
              and upper(app.shift_window(v_date, s.starts_at, s.ends_at, v_org.time_zone)) > now())
         and not exists (
           select 1 from public.production_metrics m
            where m.org_id = v_org.id and m.date = v_date and m.shift is null
              and m.computed_at >= greatest(upper(v_period), coalesce((
                select max(upper(app.shift_window(v_date, s.starts_at, s.ends_at, v_org.time_zone)))
                  from public.shifts s where s.org_id = v_org.id and s.archived_at is null), upper(v_period)))) then
        perform app.production_metrics_store(v_org.id, v_date, null);
        v_count := v_count + 1;
      end if;
    end loop;
  end loop;
  return v_count;
end $$;
comment on function app.production_metrics_due() is
  'The scheduled job production-metrics: stores every ended shift and day of the last two local days whose '
  'row is missing or older than its end. Returns how many rows it wrote.';
revoke execute on function app.production_metrics_due() from public;

-- Backfill: recompute any past range (managers). Open shifts of today are left to the job.
create function public.recompute_production_metrics(p_org_id uuid, p_from date, p_to date) returns integer
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_tz text;
  v_date date;
  v_shift public.shifts;
  v_count integer := 0;
begin
  perform app.require_member(p_org_id, 'manager', true);
  if p_from is null or p_to is null or p_to < p_from then
    perform app.raise('VALIDATION_FAILED', 'Choose a start date on or before the end date', 'from');
  end if;
  if p_to - p_from > 731 then
    perform app.raise('VALIDATION_FAILED', 'Recompute at most two years at a time', 'to');
  end if;
  select o.time_zone into v_tz from public.organisations o where o.id = p_org_id;
  for v_date in select generate_series(p_from, p_to, interval '1 day')::date loop
    for v_shift in select s.* from public.shifts s where s.org_id = p_org_id and s.archived_at is null loop
      if upper(app.shift_window(v_date, v_shift.starts_at, v_shift.ends_at, v_tz)) <= now() then
        perform app.production_metrics_store(p_org_id, v_date, v_shift.code);
        v_count := v_count + 1;
      end if;
    end loop;
    if upper(app.shift_window(v_date, null, null, v_tz)) <= now() then
      perform app.production_metrics_store(p_org_id, v_date, null);
      v_count := v_count + 1;
    end if;
  end loop;
  perform app.dashboard_cache_invalidate(p_org_id);
  return v_count;
end $$;
comment on function public.recompute_production_metrics(uuid, date, date) is
  'Managers: recompute production_metrics for every ended shift and day in [p_from, p_to] (backfill). Idempotent.';
revoke execute on function public.recompute_production_metrics(uuid, date, date) from public, anon;
grant execute on function public.recompute_production_metrics(uuid, date, date) to authenticated, service_role;

do $$
begin
  if not exists (select 1 from pg_namespace where nspname = 'cron') then
    create extension if not exists pg_cron;
  end if;
end $$;
select cron.schedule('production-metrics', '*/5 * * * *', $$ select app.production_metrics_due() $$);

-- garment share of operator_figures: cutters' standard minutes of their completed runs, sewing
-- operators' SMV × units of their completed operations
create function app.operator_figures_garment(p_org_id uuid, p_period tstzrange)
returns table (member_id uuid, earned_hours numeric, units bigint)
language sql stable security definer set search_path = '' as $$
  select r.cutter_id, coalesce(sum(r.standard_minutes) filter (where r.actual_minutes > 0), 0) / 60.0, sum(r.units_cut)::bigint
    from public.cutting_runs r
   where r.org_id = p_org_id and r.status = 'COMPLETED'
     and r.end_time >= lower(p_period) and r.end_time < upper(p_period)
   group by r.cutter_id
  union all
  select o.operator_id, sum(o.standard_minutes * o.units_completed) / 60.0, sum(o.good_units)::bigint
    from public.sewing_run_operations o
   where o.org_id = p_org_id and o.status = 'COMPLETED' and o.operator_id is not null
     and o.completed_at >= lower(p_period) and o.completed_at < upper(p_period)
   group by o.operator_id
$$;
revoke execute on function app.operator_figures_garment(uuid, tstzrange) from public;

-- ------------------------------------------------------------------ people behind the figures
-- Per operator over a window: earned standard hours and attended hours (sessions begun in the window),
-- the basis of "top and bottom operators by efficiency". Headphone work is credited to whoever moved
-- the batch on; garment work to the operator of each cutting run / sewing operation.
create function app.operator_figures(p_org_id uuid, p_period tstzrange)
returns table (member_id uuid, earned_hours numeric, attended_hours numeric, units bigint)
language sql stable security definer set search_path = '' as $$
  with attended as (
    select os.member_id,
           sum(extract(epoch from (coalesce(os.ended_at, least(now(), greatest(os.last_seen_at, os.started_at))) - os.started_at)) / 3600.0) as hours
      from public.operator_sessions os
     where os.org_id = p_org_id and os.started_at >= lower(p_period) and os.started_at < upper(p_period)
     group by os.member_id
  ),
  earned as (
    select e.member_id, sum(coalesce(mps.estimated_hours, 0)) as hours, count(*) as units
      from public.batch_events e
      join public.batch_orders bo on bo.org_id = e.org_id and bo.batch_id = e.batch_id
      join public.orders o on o.org_id = bo.org_id and o.id = bo.order_id
      left join public.model_production_stages mps on mps.org_id = o.org_id and mps.model_id = o.model_id and mps.stage = e.from_stage
     where e.org_id = p_org_id and e.at >= lower(p_period) and e.at < upper(p_period)
       and e.kind in ('advanced', 'completed') and e.member_id is not null
     group by e.member_id
    union all
    select g.member_id, g.earned_hours, g.units from app.operator_figures_garment(p_org_id, p_period) g
  )
  select coalesce(a.member_id, x.member_id), round(coalesce(x.hours, 0), 4), round(coalesce(a.hours, 0)::numeric, 4), coalesce(x.units, 0)
    from attended a
    full join (select earned.member_id, sum(earned.hours) as hours, sum(earned.units)::bigint as units
                 from earned group by earned.member_id) x on x.member_id = a.member_id
$$;
revoke execute on function app.operator_figures(uuid, tstzrange) from public;

-- ------------------------------------------------------------------ the cache
-- Postgres is the cache (no Redis): one row per organisation and key with an expiry; the writes that
-- change the figures delete the organisation's rows early (triggers below).
create table public.dashboard_cache (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organisations (id) on delete cascade,
  cache_key text not null check (length(cache_key) between 1 and 200),
  cache_data jsonb not null,
  expires_at timestamptz not null,
  created_at timestamptz not null default now(),
  unique (org_id, cache_key)
);
comment on table public.dashboard_cache is
  'Spec 03 §3.1: computed dashboard answers per organisation and key (overview:<from>:<to>:<location>), '
  'valid until expires_at (5 minutes for the overview, spec §9.3) or until a write that changes them '
  'deletes them. Written only by the dashboard RPCs; supervisors+ read.';
create index dashboard_cache_expires_idx on public.dashboard_cache (expires_at);

alter table public.dashboard_cache enable row level security;
create policy dashboard_cache_select on public.dashboard_cache for select to authenticated
  using (org_id = any (array(select app.my_org_ids('supervisor'))));
-- written only by the SECURITY DEFINER job and RPCs
create policy dashboard_cache_insert on public.dashboard_cache for insert to authenticated with check (false);
create policy dashboard_cache_update on public.dashboard_cache for update to authenticated using (false);
create policy dashboard_cache_delete on public.dashboard_cache for delete to authenticated using (false);
revoke all on public.dashboard_cache from public, anon, authenticated, service_role;
grant select on public.dashboard_cache to authenticated;
grant all on public.dashboard_cache to service_role;

create function app.dashboard_cache_invalidate(p_org_id uuid) returns void
language sql volatile security definer set search_path = '' as $$
  delete from public.dashboard_cache where org_id = p_org_id
$$;
revoke execute on function app.dashboard_cache_invalidate(uuid) from public;

create function app.dashboard_cache_invalidate_row() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  delete from public.dashboard_cache where org_id = new.org_id;
  return null;
end $$;
comment on function app.dashboard_cache_invalidate_row() is
  'A write that changes dashboard figures (order status, batch move, bundle move, PIN-in) drops the '
  'organisation''s cached answers at once instead of waiting for their expiry.';

create trigger order_status_history_dashboard after insert on public.order_status_history
  for each row execute function app.dashboard_cache_invalidate_row();
create trigger batch_events_dashboard after insert on public.batch_events
  for each row execute function app.dashboard_cache_invalidate_row();
create trigger bundle_status_history_dashboard after insert on public.bundle_status_history
  for each row execute function app.dashboard_cache_invalidate_row();
create trigger operator_sessions_dashboard after insert on public.operator_sessions
  for each row execute function app.dashboard_cache_invalidate_row();
create trigger cutting_runs_dashboard after update of status on public.cutting_runs
  for each row when (new.status = 'COMPLETED') execute function app.dashboard_cache_invalidate_row();
create trigger sewing_run_operations_dashboard after update of status on public.sewing_run_operations
  for each row when (new.status = 'COMPLETED') execute function app.dashboard_cache_invalidate_row();

-- expired rows are deleted by the metrics job's neighbour
create function app.dashboard_cache_prune() returns integer
language sql volatile security definer set search_path = '' as $$
  with gone as (delete from public.dashboard_cache where expires_at < now() returning 1)
  select count(*)::integer from gone
$$;
revoke execute on function app.dashboard_cache_prune() from public;
select cron.schedule('dashboard-cache-prune', '*/15 * * * *', $$ select app.dashboard_cache_prune() $$);

-- ------------------------------------------------------------------ the overview
create function app.jsonb_sum(p_objects jsonb[]) returns jsonb
language sql immutable set search_path = '' as $$
  select coalesce(jsonb_object_agg(t.key, t.total), '{}'::jsonb)
    from (select e.key, sum(e.value::numeric) as total
            from unnest(p_objects) o, jsonb_each_text(o) e
           where jsonb_typeof(o -> e.key) = 'number'
           group by e.key) t
$$;
comment on function app.jsonb_sum(jsonb[]) is 'Key-wise sum of the numeric members of JSON objects (figures of several cells).';

-- every (date, shift) cell of a range, from stored rows where they are final, live where not
create function app.metrics_cells(p_org_id uuid, p_from date, p_to date, p_location_id uuid)
returns table (date date, shift text, basis jsonb)
language sql stable security definer set search_path = '' as $$
  with o as (select time_zone from public.organisations where id = p_org_id),
  slots as (
    select d::date as date, s.code as shift, s.starts_at, s.ends_at, s.position
      from generate_series(p_from, p_to, interval '1 day') d
     cross join public.shifts s
     where s.org_id = p_org_id and s.archived_at is null
    union all
    select d::date, null, null, null, 0 from generate_series(p_from, p_to, interval '1 day') d
  )
  select sl.date, sl.shift,
         coalesce((select m.basis from public.production_metrics m
                    where p_location_id is null and m.org_id = p_org_id and m.date = sl.date
                      and m.shift is not distinct from sl.shift
                      and m.computed_at >= upper(app.shift_window(sl.date, sl.starts_at, sl.ends_at, o.time_zone))),
                  app.metrics_basis(p_org_id, sl.date, sl.shift, p_location_id))
    from slots sl, o
   where lower(app.shift_window(sl.date, sl.starts_at, sl.ends_at, o.time_zone)) <= now()
   order by sl.date, sl.position
$$;
revoke execute on function app.metrics_cells(uuid, date, date, uuid) from public;

create function app.kpis(p_now jsonb, p_before jsonb) returns jsonb
language sql immutable set search_path = '' as $$
  select coalesce(jsonb_object_agg(k.key, jsonb_build_object(
           'value', k.value, 'previous', p_before -> k.key,
           'delta_pct', case when jsonb_typeof(k.value) = 'number' and jsonb_typeof(p_before -> k.key) = 'number'
                              and (p_before ->> k.key)::numeric <> 0
                             then round(((k.value::text)::numeric - (p_before ->> k.key)::numeric) * 100
                                        / abs((p_before ->> k.key)::numeric), 1) end)), '{}'::jsonb)
    from jsonb_each(p_now) k
$$;

create function app.dashboard_overview_compute(p_org_id uuid, p_from date, p_to date, p_location_id uuid)
returns jsonb
language plpgsql stable security definer set search_path = '' as $$
declare
  v_tz text;
  v_days integer := p_to - p_from + 1;
  v_today date;
  v_cells jsonb;
  v_prev jsonb;
  v_now_sum jsonb;
  v_prev_sum jsonb;
  v_period tstzrange;
begin
  select o.time_zone into v_tz from public.organisations o where o.id = p_org_id;
  v_today := (now() at time zone v_tz)::date;
  v_period := tstzrange(p_from::timestamp at time zone v_tz, (p_to + 1)::timestamp at time zone v_tz, '[)');

  select coalesce(jsonb_agg(jsonb_build_object('date', c.date, 'shift', c.shift, 'basis', c.basis) order by c.date), '[]')
    into v_cells from app.metrics_cells(p_org_id, p_from, p_to, p_location_id) c;
  select app.jsonb_sum(coalesce(array_agg(x -> 'basis'), '{}')) into v_now_sum
    from jsonb_array_elements(v_cells) x where x -> 'shift' = 'null'::jsonb;
  select app.jsonb_sum(coalesce(array_agg(c.basis), '{}')) into v_prev_sum
    from app.metrics_cells(p_org_id, p_from - v_days, p_from - 1, p_location_id) c where c.shift is null;

  return jsonb_build_object(
    'range', jsonb_build_object('from', p_from, 'to', p_to, 'previous_from', p_from - v_days,
                                'previous_to', p_from - 1, 'today', v_today, 'time_zone', v_tz,
                                'location_id', p_location_id),
    'kpis', app.kpis(app.production_metrics_columns(app.metrics_defaults() || v_now_sum),
                     app.production_metrics_columns(app.metrics_defaults() || v_prev_sum)),
    'days', (select coalesce(jsonb_agg(jsonb_build_object('date', x ->> 'date')
                                       || app.production_metrics_columns(app.metrics_defaults() || (x -> 'basis'))
                                       order by x ->> 'date'), '[]')
               from jsonb_array_elements(v_cells) x where x -> 'shift' = 'null'::jsonb),
    'shifts', (select coalesce(jsonb_agg(jsonb_build_object(
                        'date', x ->> 'date', 'shift', x ->> 'shift',
                        'units_completed', (x -> 'basis' ->> 'units_completed')::integer,
                        'units_cut', (x -> 'basis' ->> 'units_cut')::integer,
                        'units_sewn', (x -> 'basis' ->> 'units_sewn')::integer,
                        'employees_present', (x -> 'basis' ->> 'employees_present')::integer)
                      order by x ->> 'date'), '[]')
                 from jsonb_array_elements(v_cells) x where x -> 'shift' <> 'null'::jsonb),
    'shift_names', (select coalesce(jsonb_agg(jsonb_build_object('code', s.code, 'name', s.name,
                                   'starts_at', to_char(s.starts_at, 'HH24:MI'), 'ends_at', to_char(s.ends_at, 'HH24:MI'))
                                   order by s.position, s.code), '[]')
                      from public.shifts s where s.org_id = p_org_id and s.archived_at is null),
    'wip', (select coalesce(jsonb_agg(w order by w ->> 'kind', (w ->> 'position')::int), '[]') from (
              select jsonb_build_object('kind', 'batch', 'stage', b.current_stage,
                                        'label', coalesce(st.name, b.current_stage), 'position', coalesce(min(st.position), 0),
                                        'items', count(*)) as w
                from public.batches b
                left join app.batch_type_states st on st.type_definition_id = b.type_definition_id and st.stage = b.current_stage
               where b.org_id = p_org_id and not b.is_complete
               group by b.current_stage, st.name
              union all
              select jsonb_build_object('kind', 'bundle', 'stage', bd.status, 'label', bd.status,
                                        'position', 0, 'items', count(*), 'units', sum(bd.quantity - bd.rejected_quantity))
                from public.bundles bd
               where bd.org_id = p_org_id and bd.status not in ('packed', 'rejected')
               group by bd.status) q),
    'late_orders', jsonb_build_object(
      'count', (select count(*) from public.orders o where o.org_id = p_org_id and o.due_date < v_today
                  and o.status not in ('shipped', 'delivered', 'cancelled')),
      'items', (select coalesce(jsonb_agg(jsonb_build_object('id', o.id, 'order_number', o.order_number,
                                 'due_date', o.due_date, 'status', o.status, 'days_late', v_today - o.due_date,
                                 'customer', c.name) order by o.due_date, o.order_number), '[]')
                  from (select * from public.orders o where o.org_id = p_org_id and o.due_date < v_today
                          and o.status not in ('shipped', 'delivered', 'cancelled')
                         order by o.due_date limit 25) o
                  left join public.customers c on c.org_id = o.org_id and c.id = o.customer_id)),
    'operators', (select coalesce(jsonb_agg(jsonb_build_object(
                          'member_id', f.member_id, 'name', m.display_name,
                          'efficiency', app.pct(f.earned_hours, f.attended_hours),
                          'earned_hours', round(f.earned_hours, 2), 'attended_hours', round(f.attended_hours, 2),
                          'units', f.units)
                          order by app.pct(f.earned_hours, f.attended_hours) desc nulls last, m.display_name), '[]')
                    from app.operator_figures(p_org_id, v_period) f
                    join public.members m on m.org_id = p_org_id and m.id = f.member_id
                   where f.attended_hours >= 0.25),
    'computed_at', now());
end $$;
comment on function app.dashboard_overview_compute(uuid, date, date, uuid) is
  'The overview for a date range: KPIs (with the previous period of the same length), per-day figures, '
  'units per shift, WIP by stage, late orders and operators by efficiency. docs/dashboards.md.';
revoke execute on function app.dashboard_overview_compute(uuid, date, date, uuid) from public;

create function app.metrics_defaults() returns jsonb
language sql immutable set search_path = '' as $$
  select jsonb_build_object('attended_hours', 0, 'overtime_hours', null, 'employees_present', 0, 'units_completed', 0,
    'revenue_generated', 0, 'units_sewn', 0, 'qc_passed', 0, 'qc_decided', 0, 'earned_hours', 0, 'stage_returns', 0,
    'stage_exits', 0, 'bundle_reworks', 0, 'floor_failed', 0, 'floor_recorded', 0, 'units_cut', 0,
    'cut_standard_minutes', 0, 'cut_actual_minutes', 0, 'sew_standard_minutes', 0, 'sew_actual_minutes', 0,
    'sew_units', 0, 'sew_defects', 0, 'sew_rework', 0)
$$;

-- The API: range today / 7d / 30d / custom (from..to, at most 366 days), optionally one location.
-- Cached 5 minutes per (range, location). Operators see the production figures but neither revenue
-- nor the people ranking; supervisors+ see all.
create function public.dashboard_overview(
  p_org_id uuid, p_range text default '7d', p_from date default null, p_to date default null,
  p_location_id uuid default null
) returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_role public.member_role;
  v_tz text;
  v_today date;
  v_from date;
  v_to date;
  v_key text;
  v_data jsonb;
  v_cached boolean := true;
begin
  select r.role into v_role from app.require_member(p_org_id, 'operator', true) r;
  select o.time_zone into v_tz from public.organisations o where o.id = p_org_id;
  v_today := (now() at time zone v_tz)::date;
  case p_range
    when 'today' then v_from := v_today; v_to := v_today;
    when '7d' then v_from := v_today - 6; v_to := v_today;
    when '30d' then v_from := v_today - 29; v_to := v_today;
    when 'custom' then
      if p_from is null or p_to is null then
        perform app.raise('VALIDATION_FAILED', 'Choose both a start and an end date', case when p_from is null then 'from' else 'to' end);
      end if;
      if p_to < p_from then
        perform app.raise('VALIDATION_FAILED', 'The end date is before the start date', 'to');
      end if;
      if p_to - p_from > 365 then
        perform app.raise('VALIDATION_FAILED', 'Choose at most a year (366 days)', 'to');
      end if;
      if p_from > v_today then
        perform app.raise('VALIDATION_FAILED', 'The range starts in the future', 'from');
      end if;
      v_from := p_from; v_to := least(p_to, v_today);
    else
      perform app.raise('VALIDATION_FAILED', 'Range is one of today, 7d, 30d or custom', 'range');
  end case;
  if p_location_id is not null and not exists (select 1 from public.locations l where l.org_id = p_org_id and l.id = p_location_id) then
    perform app.raise('LOCATION_NOT_FOUND', 'There is no such location', 'location');
  end if;

  v_key := format('overview:%s:%s:%s', v_from, v_to, coalesce(p_location_id::text, 'all'));
  select c.cache_data into v_data from public.dashboard_cache c
   where c.org_id = p_org_id and c.cache_key = v_key and c.expires_at > now();
  if v_data is null then
    v_cached := false;
    v_data := app.dashboard_overview_compute(p_org_id, v_from, v_to, p_location_id);
    insert into public.dashboard_cache as c (org_id, cache_key, cache_data, expires_at)
    values (p_org_id, v_key, v_data, now() + interval '5 minutes')
    on conflict (org_id, cache_key) do update set cache_data = excluded.cache_data, expires_at = excluded.expires_at,
                                                   created_at = now();
  end if;
  v_data := v_data || jsonb_build_object('cached', v_cached, 'range_key', p_range);
  if v_role < 'supervisor' then
    v_data := (v_data - 'operators') #- '{kpis,revenue_generated}';
    v_data := jsonb_set(v_data, '{days}', coalesce((select jsonb_agg(d - 'revenue_generated') from jsonb_array_elements(v_data -> 'days') d), '[]'));
  end if;
  return v_data;
end $$;
comment on function public.dashboard_overview(uuid, text, date, date, uuid) is
  'GET /api/dashboard/overview: the overview for today, 7d, 30d or a custom range (≤ 366 days), per '
  'location optionally; cached in dashboard_cache for 5 minutes. Operators get it without revenue and '
  'without the operators'' ranking.';
revoke execute on function public.dashboard_overview(uuid, text, date, date, uuid) from public, anon;
grant execute on function public.dashboard_overview(uuid, text, date, date, uuid) to authenticated, service_role;

-- ------------------------------------------------------------------ floor status (live, not cached)
create function public.dashboard_floor_status(p_org_id uuid, p_location_id uuid default null) returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_sessions jsonb;
  v_timeout interval;
begin
  perform app.require_member(p_org_id, 'supervisor', true);
  if p_location_id is not null and not exists (select 1 from public.locations l where l.org_id = p_org_id and l.id = p_location_id) then
    perform app.raise('LOCATION_NOT_FOUND', 'There is no such location', 'location');
  end if;
  v_sessions := public.floor_live_sessions(p_org_id);
  v_timeout := app.floor_idle_timeout(p_org_id);
  return jsonb_build_object(
    'working', (select coalesce(jsonb_agg(s), '[]') from jsonb_array_elements(v_sessions) s
                 where p_location_id is null or s -> 'location' ->> 'id' = p_location_id::text),
    -- PINed in at a station tablet but not (yet) working an item in a floor session
    'pinned_in', (select coalesce(jsonb_agg(jsonb_build_object(
                      'operator_session_id', os.id, 'member_id', os.member_id, 'name', m.display_name,
                      'station', st.name, 'location', l.name, 'location_id', st.location_id,
                      'since', os.started_at, 'idle', os.last_seen_at + v_timeout < now())
                      order by l.name, st.name), '[]')
                    from public.operator_sessions os
                    join public.members m on m.org_id = os.org_id and m.id = os.member_id
                    join public.stations st on st.org_id = os.org_id and st.id = os.station_id
                    join public.locations l on l.org_id = st.org_id and l.id = st.location_id
                   where os.org_id = p_org_id and os.ended_at is null
                     and (p_location_id is null or st.location_id = p_location_id)
                     and not exists (select 1 from public.floor_sessions fs
                                      where fs.operator_session_id = os.id and fs.ended_at is null)),
    -- registered tablets nobody is PINed in at
    'idle_stations', (select coalesce(jsonb_agg(jsonb_build_object(
                          'station_id', st.id, 'station', st.name, 'location', l.name, 'location_id', st.location_id,
                          'last_seen_at', st.last_seen_at) order by l.name, st.name), '[]')
                        from public.stations st
                        join public.locations l on l.org_id = st.org_id and l.id = st.location_id
                       where st.org_id = p_org_id and st.revoked_at is null
                         and (p_location_id is null or st.location_id = p_location_id)
                         and not exists (select 1 from public.operator_sessions os
                                          where os.station_id = st.id and os.ended_at is null)),
    'queues', (select coalesce(jsonb_agg(jsonb_build_object(
                   'queue_id', q.id, 'name', q.name, 'stage', q.stage, 'location_id', q.location_id,
                   'waiting', (select count(*) from public.floor_queue_items i where i.queue_id = q.id and i.status = 'waiting'),
                   'in_progress', (select count(*) from public.floor_queue_items i where i.queue_id = q.id and i.status = 'in_progress'))
                   order by q.stage nulls last, q.name), '[]')
                 from public.floor_queues q
                where q.org_id = p_org_id and q.is_active
                  and (p_location_id is null or q.location_id is null or q.location_id = p_location_id)),
    'generated_at', now());
end $$;
comment on function public.dashboard_floor_status(uuid, uuid) is
  'GET /api/dashboard/floor-status: live, per location optionally — who works on what (floor_live_sessions), '
  'who is PINed in without an item, idle station tablets, queue depth per queue and stage. Supervisors+.';
revoke execute on function public.dashboard_floor_status(uuid, uuid) from public, anon;
grant execute on function public.dashboard_floor_status(uuid, uuid) to authenticated, service_role;

-- helpers above are internal: the API reaches them only through the RPCs
revoke execute on all functions in schema app from public;

-- The floor view (and its floor-status sections) re-read when someone PINs in or out at a tablet,
-- not only when a floor session changes: "who is PINed in where" is live.
create trigger operator_sessions_realtime after insert or update of ended_at on public.operator_sessions
  for each row execute function app.realtime_row_changed('floor');
create trigger stations_realtime after insert or update of revoked_at on public.stations
  for each row execute function app.realtime_row_changed('floor');
