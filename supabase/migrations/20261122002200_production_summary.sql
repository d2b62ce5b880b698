-- The production summary (spec 04 §"Materialized Views for Reports"): orders and hours by stage,
-- late batches, throughput. Materialized views in the private `app` schema (never exposed), each
-- with a unique index so REFRESH … CONCURRENTLY never locks readers out; served per organisation by
-- production_summary(p_org_id), which checks membership.
--
-- Refresh strategy — debounced, on demand, never in the floor's transaction:
--  * every write to batches, batch_orders and orders bumps the sequence app.production_changes from
--    a deferred trigger (at commit; nextval never blocks and is not rolled back), so "something
--    changed since the last refresh" costs the floor one nextval and no row lock;
--  * refresh_production_summary(p_force) refreshes both views concurrently when something changed
--    (or the last refresh is over 15 minutes old, so lateness follows the clock) and the last refresh
--    is older than the debounce (5 s); a pg_try_advisory_xact_lock makes concurrent callers skip
--    ('busy') rather than queue. p_force (managers+, service role) skips the change check and the
--    debounce. The app calls it after responding to a stage change (fire and forget) and before
--    showing /summary; answers say when to retry (debounced → retry_after_seconds);
--  * with pg_cron (hosted Supabase) a job calls it every minute; PGlite has no pg_cron and needs none.

create sequence app.production_changes;
comment on sequence app.production_changes is 'Bumped at commit by every production write; compared with the last refresh.';

create table app.production_summary_state (
  id boolean primary key default true check (id),
  refreshed_at timestamptz not null default now(),
  refreshed_change bigint not null default 0,
  duration_ms numeric not null default 0
);
comment on table app.production_summary_state is 'When the summary views were last refreshed, and at which change number.';
insert into app.production_summary_state default values;
revoke all on app.production_summary_state from public, anon, authenticated, service_role;
revoke all on sequence app.production_changes from public, anon, authenticated, service_role;

create function app.production_touch() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  perform nextval('app.production_changes');
  return null;
end $$;
comment on function app.production_touch() is 'Deferred trigger: marks the production summary out of date (one nextval).';

create constraint trigger production_summary_touch after insert or update or delete on public.batches
  deferrable initially deferred for each row execute function app.production_touch();
create constraint trigger production_summary_touch after insert or update or delete on public.batch_orders
  deferrable initially deferred for each row execute function app.production_touch();
create constraint trigger production_summary_touch after insert or update or delete on public.orders
  deferrable initially deferred for each row execute function app.production_touch();

-- ------------------------------------------------------------------ the views
create materialized view app.production_summary as
with org_stages as (
  select w.org_id, s.position, s.stage
  from public.workflows w join public.workflow_stages s on s.workflow_id = w.id
  where w.is_default
),
-- per model: hours still to do from each stage of each workflow on
model_remaining as (
  select cur.workflow_id, cur.stage, mps.model_id, sum(mps.estimated_hours) as hours
  from public.workflow_stages cur
  join public.workflow_stages s on s.workflow_id = cur.workflow_id and s.position >= cur.position
  join public.model_production_stages mps on mps.stage = s.stage and mps.org_id = cur.org_id
  group by cur.workflow_id, cur.stage, mps.model_id
),
batch_stats as (
  select b.org_id, b.id, b.batch_number, b.current_stage, b.priority, b.target_completion, b.stage_entered_at,
         count(bo.order_id) as order_count,
         coalesce(sum(m.base_production_hours), 0) as estimated_hours,
         coalesce(sum(mr.hours), 0) as remaining_hours,
         coalesce(b.target_completion < (now() at time zone org.time_zone)::date, false) as is_late,
         (now() at time zone org.time_zone)::date - b.target_completion as days_late
  from public.batches b
  join public.organisations org on org.id = b.org_id
  left join public.batch_orders bo on bo.batch_id = b.id
  left join public.orders o on o.id = bo.order_id
  left join public.headphone_models m on m.id = o.model_id
  left join model_remaining mr on mr.workflow_id = b.workflow_id and mr.stage = b.current_stage and mr.model_id = o.model_id
  where not b.is_complete
  group by b.id, org.time_zone
)
select os.org_id, os.stage::text as bucket, os.position::integer as position,
       count(bs.id)::integer as batch_count,
       coalesce(sum(bs.order_count), 0)::integer as order_count,
       coalesce(sum(bs.estimated_hours), 0)::numeric(12, 2) as estimated_hours,
       coalesce(sum(bs.remaining_hours), 0)::numeric(12, 2) as remaining_hours,
       (count(bs.id) filter (where bs.is_late))::integer as late_batch_count,
       coalesce(jsonb_agg(jsonb_build_object('id', bs.id, 'batch_number', bs.batch_number, 'stage', bs.current_stage,
                                             'priority', bs.priority, 'target_completion', bs.target_completion,
                                             'days_late', bs.days_late, 'order_count', bs.order_count)
                          order by bs.days_late desc, bs.batch_number) filter (where bs.is_late), '[]'::jsonb)
         as late_batches,
       min(bs.stage_entered_at) as oldest_stage_entered_at
from org_stages os
left join batch_stats bs on bs.org_id = os.org_id and bs.current_stage = os.stage
group by os.org_id, os.stage, os.position
union all
-- orders waiting for a batch
select o.org_id, 'pending', 0, 0, count(*)::integer,
       coalesce(sum(m.base_production_hours), 0)::numeric(12, 2),
       coalesce(sum((select sum(mps.estimated_hours) from public.model_production_stages mps where mps.model_id = o.model_id)), 0)::numeric(12, 2),
       0, '[]'::jsonb, null
from public.orders o join public.headphone_models m on m.id = o.model_id
where o.status = 'pending'
group by o.org_id;
comment on materialized view app.production_summary is
  'Per organisation and stage (bucket = stage, or pending for orders without a batch): batches, orders, base '
  'and remaining hours, late batches. Read through public.production_summary(p_org_id).';
create unique index production_summary_key on app.production_summary (org_id, bucket);

create materialized view app.production_throughput as
select e.org_id, (e.at at time zone org.time_zone)::date as day,
       (count(*) filter (where e.kind = 'completed'))::integer as batches_completed,
       coalesce(sum((select count(*) from public.batch_orders bo where bo.batch_id = e.batch_id))
                  filter (where e.kind = 'completed'), 0)::integer as orders_completed,
       (count(*) filter (where e.kind = 'advanced'))::integer as stage_moves,
       (count(*) filter (where e.kind = 'returned'))::integer as returns
from public.batch_events e
join public.organisations org on org.id = e.org_id
where e.at >= now() - interval '56 days' and e.kind in ('completed', 'advanced', 'returned')
group by e.org_id, (e.at at time zone org.time_zone)::date;
comment on materialized view app.production_throughput is
  'Per organisation and local day (last 8 weeks): batches and orders completed, stage moves, returns.';
create unique index production_throughput_key on app.production_throughput (org_id, day);

revoke all on app.production_summary, app.production_throughput from public, anon, authenticated, service_role;

-- ------------------------------------------------------------------ refresh
create function public.refresh_production_summary(p_force boolean default false) returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_debounce constant interval := interval '5 seconds';
  v_max_age constant interval := interval '15 minutes';
  v_state app.production_summary_state;
  v_change bigint;
  v_started timestamptz;
  v_role text := (select auth.role());
begin
  -- SQL and pg_cron (no JWT) and the service role may always; members need supervisor+, force manager+
  if v_role is not null and v_role <> 'service_role' then
    if not exists (select 1 from app.my_memberships() m
                   where m.role >= case when coalesce(p_force, false) then 'manager' else 'supervisor' end::public.member_role) then
      raise exception using errcode = 'PT403',
        message = 'Refreshing the production summary needs a supervisor (forcing it, a manager) or above';
    end if;
  end if;
  if not pg_try_advisory_xact_lock(hashtextextended('floorline.production_summary', 0)) then
    return jsonb_build_object('status', 'busy');
  end if;
  select * into v_state from app.production_summary_state;
  select c.last_value into v_change from app.production_changes c;
  if not coalesce(p_force, false) then
    if v_change = v_state.refreshed_change and v_state.refreshed_at > now() - v_max_age then
      return jsonb_build_object('status', 'fresh', 'refreshed_at', v_state.refreshed_at);
    end if;
    if v_state.refreshed_at > now() - v_debounce then
      return jsonb_build_object('status', 'debounced', 'refreshed_at', v_state.refreshed_at,
        'retry_after_seconds', ceil(extract(epoch from v_state.refreshed_at + v_debounce - now()))::integer);
    end if;
  end if;
  v_started := clock_timestamp();
  refresh materialized view concurrently app.production_summary;
  refresh materialized view concurrently app.production_throughput;
  update app.production_summary_state
    set refreshed_at = v_started, refreshed_change = v_change,
        duration_ms = round(extract(epoch from clock_timestamp() - v_started) * 1000, 1);
  return jsonb_build_object('status', 'refreshed', 'refreshed_at', v_started,
                            'duration_ms', round(extract(epoch from clock_timestamp() - v_started) * 1000, 1));
end $$;
comment on function public.refresh_production_summary(boolean) is
  'Refreshes the production summary views concurrently if production data changed (or they are over 15 min '
  'old) and the last refresh is over 5 s ago; p_force skips both checks (managers+). Never waits for another '
  'refresh. Returns {status: refreshed|fresh|debounced|busy, refreshed_at, duration_ms?, retry_after_seconds?}. '
  'Supervisors+, service role, SQL/pg_cron. Errors: PT403.';

-- ------------------------------------------------------------------ read
create function public.production_summary(p_org_id uuid) returns jsonb
language plpgsql stable security definer set search_path = '' as $$
declare
  v_state app.production_summary_state;
  v_today date;
  v_week_start date;
begin
  perform app.require_production_role(p_org_id, 'supervisor');
  select * into v_state from app.production_summary_state;
  v_today := app.org_today(p_org_id);
  v_week_start := date_trunc('week', v_today)::date;
  return jsonb_build_object(
    'org_id', p_org_id,
    'refreshed_at', v_state.refreshed_at,
    'stale', (select c.last_value from app.production_changes c) <> v_state.refreshed_change,
    'today', v_today,
    'stages', coalesce((
      select jsonb_agg(jsonb_build_object('stage', s.bucket, 'position', s.position, 'batch_count', s.batch_count,
                                          'order_count', s.order_count, 'estimated_hours', s.estimated_hours,
                                          'remaining_hours', s.remaining_hours, 'late_batch_count', s.late_batch_count,
                                          'oldest_stage_entered_at', s.oldest_stage_entered_at)
                       order by s.position)
      from app.production_summary s where s.org_id = p_org_id and s.bucket <> 'pending'), '[]'::jsonb),
    'pending', coalesce((
      select jsonb_build_object('order_count', s.order_count, 'estimated_hours', s.estimated_hours,
                                'remaining_hours', s.remaining_hours)
      from app.production_summary s where s.org_id = p_org_id and s.bucket = 'pending'),
      '{"order_count": 0, "estimated_hours": 0, "remaining_hours": 0}'::jsonb),
    'totals', (
      select jsonb_build_object('batches_in_progress', coalesce(sum(s.batch_count), 0),
                                'orders_in_progress', coalesce(sum(s.order_count) filter (where s.bucket <> 'pending'), 0),
                                'remaining_hours', coalesce(sum(s.remaining_hours), 0),
                                'late_batches', coalesce(sum(s.late_batch_count), 0))
      from app.production_summary s where s.org_id = p_org_id),
    'late_batches', coalesce((
      select jsonb_agg(l order by (l ->> 'days_late')::integer desc, l ->> 'batch_number')
      from app.production_summary s cross join lateral jsonb_array_elements(s.late_batches) l
      where s.org_id = p_org_id), '[]'::jsonb),
    'throughput', jsonb_build_object(
      'week_start', v_week_start,
      'batches_completed', coalesce((select sum(t.batches_completed) from app.production_throughput t
                                     where t.org_id = p_org_id and t.day >= v_week_start), 0),
      'orders_completed', coalesce((select sum(t.orders_completed) from app.production_throughput t
                                    where t.org_id = p_org_id and t.day >= v_week_start), 0),
      'stage_moves', coalesce((select sum(t.stage_moves) from app.production_throughput t
                               where t.org_id = p_org_id and t.day >= v_week_start), 0),
      'returns', coalesce((select sum(t.returns) from app.production_throughput t
                           where t.org_id = p_org_id and t.day >= v_week_start), 0),
      'by_day', coalesce((
        select jsonb_agg(jsonb_build_object('day', d.day::date, 'batches_completed', coalesce(t.batches_completed, 0),
                                            'orders_completed', coalesce(t.orders_completed, 0),
                                            'stage_moves', coalesce(t.stage_moves, 0), 'returns', coalesce(t.returns, 0))
                         order by d.day)
        from generate_series(v_today - 27, v_today, interval '1 day') d (day)
        left join app.production_throughput t on t.org_id = p_org_id and t.day = d.day::date), '[]'::jsonb))
  );
end $$;
comment on function public.production_summary(uuid) is
  'The production summary of one organisation (supervisors+), from the materialized views: {org_id, '
  'refreshed_at, stale, today, stages[{stage, position, batch_count, order_count, estimated_hours, '
  'remaining_hours, late_batch_count, oldest_stage_entered_at}], pending{order_count, estimated_hours, '
  'remaining_hours}, totals, late_batches[{id, batch_number, stage, priority, target_completion, days_late, '
  'order_count}], throughput{week_start, batches_completed, orders_completed, stage_moves, returns, by_day[28]}}. '
  'Call refresh_production_summary() first when `stale`. Errors: PT401, PT403.';

-- ------------------------------------------------------------------ scheduling where pg_cron exists
do $$
begin
  if exists (select 1 from pg_extension where extname = 'pg_cron') then
    execute $cron$select cron.schedule('floorline-production-summary', '* * * * *',
                                       'select public.refresh_production_summary(false)')$cron$;
  end if;
end $$;

revoke execute on all functions in schema app from public;
revoke execute on function public.refresh_production_summary(boolean), public.production_summary(uuid)
  from public, anon, authenticated, service_role;
grant execute on function public.refresh_production_summary(boolean), public.production_summary(uuid)
  to authenticated, service_role;
