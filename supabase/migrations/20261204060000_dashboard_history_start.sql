-- Dashboards, faster cold reads (issue 17, bench/dashboard.ts). A cold overview of a year took ~7 s:
-- its previous period (the year before) has no stored rows, so every one of its ~1 500 cells was
-- computed live, over days before the workshop recorded anything at all. Cells that end before the
-- organisation's first recorded work are now zero without computing, and the windows the figures
-- read by time get the indexes they lacked.

create index if not exists order_status_history_org_created_idx on public.order_status_history (org_id, created_at);
create index if not exists floor_actions_org_completed_idx on public.floor_actions (org_id, completed_at)
  where completed_at is not null;
create index if not exists cutting_runs_org_end_idx on public.cutting_runs (org_id, end_time) where end_time is not null;
create index if not exists sewing_run_operations_org_completed_idx on public.sewing_run_operations (org_id, completed_at)
  where completed_at is not null;

-- When the organisation first recorded anything the figures count (each an index probe).
create function app.production_history_start(p_org_id uuid) returns timestamptz
language sql stable security definer set search_path = '' as $$
  select least(
    (select min(started_at) from public.operator_sessions where org_id = p_org_id),
    (select min(at) from public.batch_events where org_id = p_org_id),
    (select min(created_at) from public.order_status_history where org_id = p_org_id),
    (select min(created_at) from public.bundle_status_history where org_id = p_org_id),
    (select min(end_time) from public.cutting_runs where org_id = p_org_id),
    (select min(completed_at) from public.sewing_run_operations where org_id = p_org_id),
    (select min(completed_at) from public.floor_actions where org_id = p_org_id))
$$;
comment on function app.production_history_start(uuid) is
  'The first moment anything production_figures counts was recorded for the organisation (null: never).';
revoke execute on function app.production_history_start(uuid) from public;

create or replace function app.metrics_cells(p_org_id uuid, p_from date, p_to date, p_location_id uuid)
returns table (date date, shift text, basis jsonb)
language sql stable security definer set search_path = '' as $$
  with o as (select time_zone, app.production_history_start(p_org_id) as since from public.organisations where id = p_org_id),
  slots as (
    select d::date as date, s.code as shift, s.starts_at, s.ends_at, s.position
      from generate_series(p_from, p_to, interval '1 day') d
     cross join public.shifts s
     where s.org_id = p_org_id and s.archived_at is null
    union all
    select d::date, null, null, null, 0 from generate_series(p_from, p_to, interval '1 day') d
  ),
  w as (select sl.*, app.shift_window(sl.date, sl.starts_at, sl.ends_at, o.time_zone) as period, o.since
          from slots sl, o)
  select w.date, w.shift,
         case
           -- nothing recorded yet by the end of this cell (a night shift's day row ends with the day;
           -- its shifts' overtime may run past, hence the day's upper bound plus a day)
           when w.since is null or w.since >= upper(w.period) + case when w.shift is null then interval '1 day' else interval '0' end
             then app.metrics_defaults()
           else coalesce((select m.basis from public.production_metrics m
                           where p_location_id is null and m.org_id = p_org_id and m.date = w.date
                             and m.shift is not distinct from w.shift and m.computed_at >= upper(w.period)),
                         app.metrics_basis(p_org_id, w.date, w.shift, p_location_id))
         end
    from w
   where lower(w.period) <= now()
   order by w.date, w.position
$$;
revoke execute on function app.metrics_cells(uuid, date, date, uuid) from public;
