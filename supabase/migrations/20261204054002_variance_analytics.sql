-- Variance analytics (issue 16, spec 02 VarianceAnalytics): per organisation, period type and period
-- start, what the posted counts of that period found. Formulas (spec 02, docs/stock.md):
--   total_items_counted = counted lines of the period's posted (not voided) counts
--   items_with_variance = those with variance_qty <> 0
--   variance_rate       = items_with_variance / total_items_counted × 100 (2 decimals)
--   accuracy_score      = 100 − variance_rate
--   variance_by_category = {category: {count: lines with variance, total_variance_value}}
--   variance_by_reason   = {reason_code: lines with variance}
--   previous_period_accuracy = the accuracy of the period just before (null without one), accuracy_change = the difference
-- A period is the count's posted day / ISO week (Monday) / month in the organisation's time zone.
--
-- Recomputing a period is a pure function of the posted counts, so it is idempotent and can run any
-- number of times: when a count posts or is voided (its three periods and the next ones, whose
-- "previous" changed), from the scheduled job (yesterday and today, every organisation), and for any
-- range on request (variance_analytics_recompute). A period with no posted count has no row.

create type public.variance_period_type as enum ('daily', 'weekly', 'monthly');
comment on type public.variance_period_type is 'Spec 02 VarianceAnalytics period types.';

create table public.variance_analytics (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organisations (id) on delete cascade,
  period_type public.variance_period_type not null,
  period_start date not null,
  period_end date not null,
  total_items_counted integer not null check (total_items_counted >= 0),
  items_with_variance integer not null check (items_with_variance between 0 and total_items_counted),
  variance_rate numeric(6, 2),
  accuracy_score numeric(6, 2),
  variance_value numeric(20, 4) not null default 0,
  shrinkage_value numeric(20, 4) not null default 0,
  variance_by_category jsonb not null default '{}',
  variance_by_reason jsonb not null default '{}',
  previous_period_accuracy numeric(6, 2),
  accuracy_change numeric(6, 2),
  session_ids uuid[] not null default '{}',
  generated_at timestamptz not null default now(),
  generated_by text not null default 'system' check (length(generated_by) between 1 and 120),
  unique (org_id, period_type, period_start),
  check (period_end > period_start)
);
comment on table public.variance_analytics is
  'Spec 02 VarianceAnalytics: per organisation and period (daily/weekly/monthly, unique per start), what posted counts '
  'found: items counted, with variance, variance rate, accuracy, by category and reason, change from the previous '
  'period. Computed by app.variance_analytics_compute (on post/void, the scheduled job, or a recompute). Supervisors+ read.';
comment on column public.variance_analytics.period_end is 'The first day after the period (exclusive).';
comment on column public.variance_analytics.variance_rate is 'items_with_variance / total_items_counted × 100, 2 decimals.';
comment on column public.variance_analytics.accuracy_score is '100 − variance_rate.';
comment on column public.variance_analytics.variance_value is 'Sum of the variance values (cost) of the period''s lines.';
comment on column public.variance_analytics.shrinkage_value is 'Sum of the negative variance values (stock lost), ≤ 0.';
comment on column public.variance_analytics.variance_by_category is '{category: {count, total_variance_value}} over lines with a variance.';
comment on column public.variance_analytics.variance_by_reason is '{reason_code: count} over lines with a variance.';
comment on column public.variance_analytics.previous_period_accuracy is 'accuracy_score of the period just before (null without counts then).';
comment on column public.variance_analytics.accuracy_change is 'accuracy_score − previous_period_accuracy.';
comment on column public.variance_analytics.session_ids is 'The posted counts included.';
comment on column public.variance_analytics.generated_by is 'system (post, void, the scheduled job) or the member who asked for a recompute.';
create index variance_analytics_recent_idx on public.variance_analytics (org_id, period_type, period_start desc);

alter table public.variance_analytics enable row level security;
create policy variance_analytics_select on public.variance_analytics for select to authenticated
  using (org_id = any (array(select app.my_org_ids('supervisor'))));
create policy variance_analytics_insert on public.variance_analytics for insert to authenticated with check (false);
create policy variance_analytics_update on public.variance_analytics for update to authenticated using (false);
create policy variance_analytics_delete on public.variance_analytics for delete to authenticated using (false);
revoke all on public.variance_analytics from public, anon, authenticated, service_role;
grant select on public.variance_analytics to authenticated, service_role;

create function app.variance_period_start(p_type public.variance_period_type, p_day date) returns date
language sql immutable set search_path = '' as $$
  select (date_trunc(case p_type when 'daily' then 'day' when 'weekly' then 'week' else 'month' end, p_day::timestamp))::date
$$;
comment on function app.variance_period_start(public.variance_period_type, date) is 'The start of the period containing a day (weeks start on Monday).';

create function app.variance_period_next(p_type public.variance_period_type, p_start date) returns date
language sql immutable set search_path = '' as $$
  select (p_start + case p_type when 'daily' then interval '1 day' when 'weekly' then interval '7 days' else interval '1 month' end)::date
$$;
comment on function app.variance_period_next(public.variance_period_type, date) is 'The start of the following period.';

create function app.variance_period_prev(p_type public.variance_period_type, p_start date) returns date
language sql immutable set search_path = '' as $$
  select (p_start - case p_type when 'daily' then interval '1 day' when 'weekly' then interval '7 days' else interval '1 month' end)::date
$$;
comment on function app.variance_period_prev(public.variance_period_type, date) is 'The start of the period before.';

-- One period, from scratch: upserts its row (or deletes it when no posted count is left in it).
create function app.variance_analytics_compute(p_org_id uuid, p_type public.variance_period_type, p_day date,
                                               p_by text default 'system') returns public.variance_analytics
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_tz text := coalesce((select o.time_zone from public.organisations o where o.id = p_org_id), 'UTC');
  v_start date := app.variance_period_start(p_type, p_day);
  v_end date := app.variance_period_next(p_type, app.variance_period_start(p_type, p_day));
  v_sessions uuid[];
  v public.variance_analytics;
  v_prev numeric;
begin
  select array_agg(s.id order by s.posted_at) into v_sessions from public.count_sessions s
  where s.org_id = p_org_id and s.status = 'posted'
    and s.posted_at >= (v_start::timestamp at time zone v_tz) and s.posted_at < (v_end::timestamp at time zone v_tz);
  if v_sessions is null then
    delete from public.variance_analytics a where a.org_id = p_org_id and a.period_type = p_type and a.period_start = v_start;
    return null;
  end if;
  select a.accuracy_score into v_prev from public.variance_analytics a
    where a.org_id = p_org_id and a.period_type = p_type and a.period_start = app.variance_period_prev(p_type, v_start);
  with l as (
    select l.variance_qty, l.variance_value, l.reason_code, i.category
    from public.count_lines l join public.stock_items i on i.id = l.stock_item_id
    where l.count_id = any (v_sessions) and l.counted_qty is not null
  ), totals as (
    select count(*)::int as n, (count(*) filter (where l.variance_qty <> 0))::int as nv,
           coalesce(sum(l.variance_value), 0) as value,
           coalesce(sum(l.variance_value) filter (where l.variance_value < 0), 0) as shrink
    from l
  )
  insert into public.variance_analytics as a (org_id, period_type, period_start, period_end, total_items_counted,
    items_with_variance, variance_rate, accuracy_score, variance_value, shrinkage_value, variance_by_category,
    variance_by_reason, previous_period_accuracy, accuracy_change, session_ids, generated_at, generated_by)
  select p_org_id, p_type, v_start, v_end, t.n, t.nv,
         case when t.n > 0 then round(t.nv * 100.0 / t.n, 2) end,
         case when t.n > 0 then 100 - round(t.nv * 100.0 / t.n, 2) end,
         t.value, t.shrink,
         coalesce((select jsonb_object_agg(c.category, jsonb_build_object('count', c.n, 'total_variance_value', c.value))
                   from (select l.category, count(*) as n, sum(l.variance_value) as value from l
                         where l.variance_qty <> 0 group by l.category) c), '{}'),
         coalesce((select jsonb_object_agg(r.reason, r.n)
                   from (select coalesce(l.reason_code, 'unexplained') as reason, count(*) as n from l
                         where l.variance_qty <> 0 group by 1) r), '{}'),
         v_prev,
         case when t.n > 0 and v_prev is not null then 100 - round(t.nv * 100.0 / t.n, 2) - v_prev end,
         v_sessions, now(), coalesce(p_by, 'system')
  from totals t
  on conflict (org_id, period_type, period_start) do update set
    period_end = excluded.period_end, total_items_counted = excluded.total_items_counted,
    items_with_variance = excluded.items_with_variance, variance_rate = excluded.variance_rate,
    accuracy_score = excluded.accuracy_score, variance_value = excluded.variance_value,
    shrinkage_value = excluded.shrinkage_value, variance_by_category = excluded.variance_by_category,
    variance_by_reason = excluded.variance_by_reason, previous_period_accuracy = excluded.previous_period_accuracy,
    accuracy_change = excluded.accuracy_change, session_ids = excluded.session_ids,
    generated_at = excluded.generated_at, generated_by = excluded.generated_by
  returning * into v;
  return v;
end $$;
comment on function app.variance_analytics_compute(uuid, public.variance_period_type, date, text) is
  'Recomputes one period (the one containing p_day, in the organisation''s time zone) from its posted counts: upsert, '
  'or delete when none is left. Idempotent.';

-- A period and the one after it (whose previous_period_accuracy depends on it), every period type.
create function app.variance_analytics_for_day(p_org_id uuid, p_day date, p_by text default 'system') returns integer
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_type public.variance_period_type;
  v_n integer := 0;
begin
  foreach v_type in array enum_range(null::public.variance_period_type) loop
    if app.variance_analytics_compute(p_org_id, v_type, p_day, p_by) is not null then
      v_n := v_n + 1;
    end if;
    if exists (select 1 from public.variance_analytics a where a.org_id = p_org_id and a.period_type = v_type
               and a.period_start = app.variance_period_next(v_type, app.variance_period_start(v_type, p_day))) then
      perform app.variance_analytics_compute(p_org_id, v_type,
        app.variance_period_next(v_type, app.variance_period_start(v_type, p_day)), p_by);
    end if;
  end loop;
  return v_n;
end $$;
comment on function app.variance_analytics_for_day(uuid, date, text) is
  'Recomputes the daily, weekly and monthly periods containing a day, and the next period of each where it exists.';

create function app.variance_analytics_for_count(p_count_id uuid) returns integer
language sql volatile security definer set search_path = '' as $$
  select app.variance_analytics_for_day(s.org_id,
    (s.posted_at at time zone coalesce((select o.time_zone from public.organisations o where o.id = s.org_id), 'UTC'))::date)
  from public.count_sessions s where s.id = p_count_id and s.posted_at is not null
$$;
comment on function app.variance_analytics_for_count(uuid) is 'Called by count_post and count_void: the periods of the count''s posting day.';

-- The scheduled job: yesterday and today (organisation time) for every organisation with counts.
create function app.variance_analytics_job() returns integer
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_org record;
  v_n integer := 0;
begin
  for v_org in select o.id, (now() at time zone o.time_zone)::date as today from public.organisations o
               where exists (select 1 from public.count_sessions s where s.org_id = o.id and s.posted_at is not null) loop
    v_n := v_n + app.variance_analytics_for_day(v_org.id, v_org.today - 1);
    v_n := v_n + app.variance_analytics_for_day(v_org.id, v_org.today);
  end loop;
  return v_n;
end $$;
comment on function app.variance_analytics_job() is
  'pg_cron job variance-analytics (hourly at :07): recomputes yesterday''s and today''s periods of every organisation with counts. Idempotent.';

do $$
begin
  if not exists (select 1 from pg_namespace where nspname = 'cron') then
    create extension if not exists pg_cron;
  end if;
end $$;
select cron.schedule('variance-analytics', '7 * * * *', $$ select app.variance_analytics_job() $$);

-- Managers+: recompute any range (every period type, oldest first so "previous" chains are right).
create function public.variance_analytics_recompute(p_org_id uuid, p_from date, p_to date) returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_me record;
  v_type public.variance_period_type;
  v_start date;
  v_rows integer := 0;
  v_by text;
begin
  select * into v_me from app.require_member(p_org_id, 'manager', true);
  if p_from is null or p_to is null or p_to < p_from then
    perform app.raise('VALIDATION_FAILED', 'Choose a range: from on or before to', 'p_to');
  end if;
  if p_to - p_from > 3660 then
    perform app.raise('VALIDATION_FAILED', 'Recompute at most ten years at a time', 'p_to');
  end if;
  v_by := coalesce((select m.display_name from public.members m where m.org_id = p_org_id and m.id = v_me.member_id), 'system');
  foreach v_type in array enum_range(null::public.variance_period_type) loop
    v_start := app.variance_period_start(v_type, p_from);
    while v_start <= p_to loop
      if app.variance_analytics_compute(p_org_id, v_type, v_start, v_by) is not null then
        v_rows := v_rows + 1;
      end if;
      v_start := app.variance_period_next(v_type, v_start);
    end loop;
    -- the period after the range: its "previous" may have changed
    perform app.variance_analytics_compute(p_org_id, v_type, v_start, v_by)
      where exists (select 1 from public.variance_analytics a where a.org_id = p_org_id and a.period_type = v_type and a.period_start = v_start);
  end loop;
  return jsonb_build_object('rows', v_rows, 'from', p_from, 'to', p_to);
end $$;
comment on function public.variance_analytics_recompute(uuid, date, date) is
  'Managers+: recomputes every daily, weekly and monthly period from p_from to p_to (idempotent). Returns {rows}.';

-- The analytics screen and CSV: the periods of a type in a range, and the items that differed most.
create function public.variance_analytics_report(p_org_id uuid, p_period_type public.variance_period_type, p_from date, p_to date)
returns jsonb
language plpgsql stable security definer set search_path = '' as $$
declare
  v_tz text;
begin
  perform app.require_member(p_org_id, 'supervisor', true);
  if p_from is null or p_to is null or p_to < p_from then
    perform app.raise('VALIDATION_FAILED', 'Choose a range: from on or before to', 'p_to');
  end if;
  v_tz := coalesce((select o.time_zone from public.organisations o where o.id = p_org_id), 'UTC');
  return jsonb_build_object(
    'periods', coalesce((select jsonb_agg(to_jsonb(a) - 'org_id' order by a.period_start) from public.variance_analytics a
                         where a.org_id = p_org_id and a.period_type = p_period_type
                           and a.period_start between app.variance_period_start(p_period_type, p_from) and p_to), '[]'),
    'worst_items', coalesce((select jsonb_agg(w order by w.abs_value desc, w.code) from (
        select i.id as stock_item_id, i.code, i.name, i.category, i.unit, count(*) as lines,
               sum(l.variance_qty) as variance_qty, sum(l.variance_value) as variance_value,
               sum(abs(l.variance_value)) as abs_value
        from public.count_sessions s
        join public.count_lines l on l.count_id = s.id
        join public.stock_items i on i.id = l.stock_item_id
        where s.org_id = p_org_id and s.status = 'posted' and l.variance_qty <> 0
          and s.posted_at >= (p_from::timestamp at time zone v_tz) and s.posted_at < ((p_to + 1)::timestamp at time zone v_tz)
        group by i.id order by sum(abs(l.variance_value)) desc, i.code limit 10) w), '[]'));
end $$;
comment on function public.variance_analytics_report(uuid, public.variance_period_type, date, date) is
  'Supervisors+: the variance_analytics rows of a period type in a range, and the ten items with the largest absolute variance value.';

revoke execute on function app.variance_period_start(public.variance_period_type, date),
  app.variance_period_next(public.variance_period_type, date), app.variance_period_prev(public.variance_period_type, date),
  app.variance_analytics_compute(uuid, public.variance_period_type, date, text), app.variance_analytics_for_day(uuid, date, text),
  app.variance_analytics_for_count(uuid), app.variance_analytics_job() from public, anon, authenticated;
revoke execute on function public.variance_analytics_recompute(uuid, date, date),
  public.variance_analytics_report(uuid, public.variance_period_type, date, date) from public, anon;
grant execute on function public.variance_analytics_recompute(uuid, date, date),
  public.variance_analytics_report(uuid, public.variance_period_type, date, date) to authenticated;
