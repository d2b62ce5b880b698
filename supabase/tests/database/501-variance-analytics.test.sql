-- Variance analytics (issue 16, spec 02): the formulas on a known set of two posted counts, the
-- previous-period comparison, one row per (org, period type, start), recompute idempotent, void
-- taken back out, the scheduled job, the report, RLS.
begin;
select plan(19);
select tests.create_tenancy_fixture();
select tests.create_stock_fixture();

-- count A (Monday 2 Nov): the four items at Bench; I3 and I4 differ by −2
select tests.authenticate_as('supervisor@alpha.test');
select (public.count_create(tests.id('org:alpha'), tests.id('count-a'), 'A', 'locations', 'guided',
  array[tests.id('location:alpha:Bench')]) ->> 'id')::uuid as ca \gset
select public.count_start(:'ca');
select public.count_record(gen_random_uuid(), :'ca', tests.count_line(:'ca', x.code), x.qty)
  from (values ('I1', 10), ('I2', 20), ('I3', 28), ('I4', 38)) x (code, qty);
select public.count_submit(:'ca');
select public.count_set_reason(:'ca', 'damaged', tests.count_line(:'ca', 'I4'));
select public.count_set_reason(:'ca', 'miscount');
select public.count_post(:'ca');
-- count B (Tuesday 3 Nov): the drivers everywhere (I1 Bench, I2 Bench, I1 Shelf); I1 at Shelf is 1 short
select (public.count_create(tests.id('org:alpha'), tests.id('count-b'), 'B', 'categories', 'blind', '{}', array['drivers'])
  ->> 'id')::uuid as cb \gset
select public.count_start(:'cb');
select public.count_record(gen_random_uuid(), :'cb', tests.count_line(:'cb', x.code, x.loc), x.qty)
  from (values ('I1', 'Bench', 10), ('I2', 'Bench', 20), ('I1', 'Shelf', 4)) x (code, loc, qty);
select public.count_submit(:'cb');
select public.count_set_reason(:'cb', 'theft');
select public.count_post(:'cb');
select is((select count(*)::int from public.variance_analytics where period_type = 'daily'), 1,
  'posting generated today''s periods');

-- move them to known days (the immutability trigger is the obstacle: lifted for the fixture only)
select tests.clear_authentication();
alter table public.count_sessions disable trigger count_sessions_check;
update public.count_sessions set posted_at = '2026-11-02 10:00+00' where id = :'ca';
update public.count_sessions set posted_at = '2026-11-03 10:00+00' where id = :'cb';
alter table public.count_sessions enable trigger count_sessions_check;

select tests.authenticate_as('supervisor@alpha.test');
select is(tests.error_of($$select public.variance_analytics_recompute(tests.id('org:alpha'), '2026-11-01', '2026-12-31')$$) ->> 'code',
  'FORBIDDEN', 'recomputing is for managers');
select tests.authenticate_as('manager@alpha.test');
select public.variance_analytics_recompute(tests.id('org:alpha'), '2026-11-01', '2026-12-31');
select is((select count(*)::int from public.variance_analytics where period_start >= '2026-12-01'), 0,
  'a period with no posted count left has no row');

select results_eq(
  $$select total_items_counted, items_with_variance, variance_rate, accuracy_score, previous_period_accuracy
    from public.variance_analytics where period_type = 'daily' and period_start = '2026-11-02'$$,
  $$values (4, 2, 50.00::numeric, 50.00::numeric, null::numeric)$$,
  'daily 2 Nov: 2 of 4 items differ → variance rate 50, accuracy 50, no previous period');
select is((select variance_by_category from public.variance_analytics where period_type = 'daily' and period_start = '2026-11-02'),
  '{"cables": {"count": 1, "total_variance_value": -1}, "pads": {"count": 1, "total_variance_value": -8}}'::jsonb,
  'variance by category: count and total variance value (−2 × 0.5, −2 × 4)');
select is((select variance_by_reason from public.variance_analytics where period_type = 'daily' and period_start = '2026-11-02'),
  '{"damaged": 1, "miscount": 1}'::jsonb, 'variance by reason: count');
select results_eq(
  $$select total_items_counted, items_with_variance, variance_rate, accuracy_score, previous_period_accuracy, accuracy_change
    from public.variance_analytics where period_type = 'daily' and period_start = '2026-11-03'$$,
  $$values (3, 1, 33.33::numeric, 66.67::numeric, 50.00::numeric, 16.67::numeric)$$,
  'daily 3 Nov: 1 of 3 → 33.33 / 66.67, previous 50, change +16.67');
select results_eq(
  $$select period_end, total_items_counted, items_with_variance, variance_rate, accuracy_score, shrinkage_value
    from public.variance_analytics where period_type = 'weekly' and period_start = '2026-11-02'$$,
  $$values ('2026-11-09'::date, 7, 3, 42.86::numeric, 57.14::numeric, -11.0000::numeric)$$,
  'weekly (from Monday): 3 of 7 → 42.86 / 57.14, shrinkage −11');
select is((select session_ids from public.variance_analytics where period_type = 'monthly' and period_start = '2026-11-01'),
  array[:'ca'::uuid, :'cb'::uuid], 'monthly: both sessions included');

-- idempotent: again gives the same rows
create temporary table before_recompute as
  select period_type, period_start, total_items_counted, items_with_variance, variance_rate, accuracy_score,
         variance_by_category, variance_by_reason, previous_period_accuracy, accuracy_change, session_ids
  from public.variance_analytics;
select public.variance_analytics_recompute(tests.id('org:alpha'), '2026-11-01', '2026-11-30');
select public.variance_analytics_recompute(tests.id('org:alpha'), '2026-11-01', '2026-11-30');
select set_eq(
  $$select period_type, period_start, total_items_counted, items_with_variance, variance_rate, accuracy_score,
           variance_by_category, variance_by_reason, previous_period_accuracy, accuracy_change, session_ids
    from public.variance_analytics$$,
  $$select * from before_recompute$$, 'recomputing twice changes nothing');
select is((select generated_by from public.variance_analytics where period_type = 'daily' and period_start = '2026-11-02'),
  'manager', 'a recompute names who asked for it');

select tests.clear_authentication();
select throws_ok($$insert into public.variance_analytics (org_id, period_type, period_start, period_end, total_items_counted, items_with_variance)
  values (tests.id('org:alpha'), 'daily', '2026-11-02', '2026-11-03', 0, 0)$$, '23505', null,
  'one row per (org, period type, period start)');
select is((select count(*)::int from cron.job where jobname = 'variance-analytics'), 1, 'a scheduled job recomputes recent periods');
select lives_ok($$select app.variance_analytics_job()$$, 'and runs as a plain SQL function');

-- void B: its day disappears, the week counts A only
select tests.authenticate_as('manager@alpha.test');
select public.count_void(:'cb', 'Counted during a delivery');
select is((select count(*)::int from public.variance_analytics where period_type = 'daily' and period_start = '2026-11-03'), 0,
  'voiding a count takes it out of its periods');
select is((select total_items_counted from public.variance_analytics where period_type = 'weekly' and period_start = '2026-11-02'), 4,
  'and the week is recomputed without it');

select tests.authenticate_as('supervisor@alpha.test');
select is(jsonb_array_length(public.variance_analytics_report(tests.id('org:alpha'), 'daily', '2026-11-01', '2026-11-30') -> 'periods'), 1,
  'the report lists the periods of a range');
select is(public.variance_analytics_report(tests.id('org:alpha'), 'daily', '2026-11-01', '2026-11-30') -> 'worst_items' -> 0 ->> 'code', 'I4',
  'and the items that differed most by value');

select tests.act_as_operator('alpha', 'operator@alpha.test', 'A-OP-1');
select is((select count(*)::int from public.variance_analytics), 0, 'operators read no analytics (RLS)');

select * from finish();
rollback;
