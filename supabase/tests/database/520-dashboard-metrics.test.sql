-- Issue 17: shifts, production_metrics and the overview against a day of work computed by hand
-- (spec 03 §7.3). The day is 10 March 2026 in Asia/Manila (UTC+8, no DST); the night shift of the
-- 10th runs to 06:00 on the 11th. docs/dashboards.md has the formulas.
begin;
select plan(55);

select tests.create_tenancy_fixture();
select tests.create_production_fixture();
update public.organisations set time_zone = 'Asia/Manila' where id = tests.id('org:alpha');

create temporary table t_ids as select
  tests.id('org:alpha') as org, tests.id('station:alpha') as station,
  tests.id('member:alpha:operator@alpha.test') as op1, tests.id('member:alpha:operator2@alpha.test') as op2,
  tests.user_id('operator@alpha.test') as u1, tests.user_id('operator2@alpha.test') as u2,
  tests.id('batch:alpha:1') as batch, tests.id('order:alpha:1') as order1;
create function pg_temp.at(p text) returns timestamptz language sql as $$ select (p::timestamp) at time zone 'Asia/Manila' $$;

-- ------------------------------------------------------------------ shifts
select results_eq($$ select code, to_char(starts_at, 'HH24:MI'), to_char(ends_at, 'HH24:MI') from public.shifts
                     where org_id = tests.id('org:alpha') order by position $$,
  $$ values ('MORNING', '06:00', '14:00'), ('AFTERNOON', '14:00', '22:00'), ('NIGHT', '22:00', '06:00') $$,
  'a new organisation gets the three spec shifts');
select is(tests.error_of($$ insert into public.shifts (org_id, code, name, starts_at, ends_at)
                            values (tests.id('org:alpha'), 'EARLY', 'Early', '04:00', '07:00') $$) ->> 'code',
  'SHIFT_OVERLAP', 'a shift overlapping the night shift''s morning part is refused');
select is(tests.error_of($$ insert into public.shifts (org_id, code, name, starts_at, ends_at)
                            values (tests.id('org:alpha'), 'NIGHT', 'Night 2', '03:00', '03:30') $$) ->> 'code',
  'SHIFT_OVERLAP', 'overlap is checked before the code');
select is(tests.error_of($$ update public.shifts set archived_at = now() where org_id = tests.id('org:alpha') and code = 'NIGHT';
                            insert into public.shifts (org_id, code, name, starts_at, ends_at)
                            values (tests.id('org:alpha'), 'NIGHT', 'Night 2', '23:00', '05:00') $$) ->> 'code',
  'SHIFT_CODE_TAKEN', 'codes stay unique, archived or not');
select is(app.shift_window('2026-03-10', '22:00', '06:00', 'Asia/Manila'),
  tstzrange('2026-03-10 14:00Z', '2026-03-10 22:00Z'), 'the night shift of the 10th ends on the 11th');

select tests.authenticate_as('operator@alpha.test');
select is(tests.error_of($$ insert into public.shifts (org_id, code, name, starts_at, ends_at, archived_at)
                            values (tests.id('org:alpha'), 'GAP', 'Gap', '05:00', '05:30', now()) $$) ->> 'sqlstate',
  '42501', 'operators cannot add shifts');
select tests.authenticate_as('manager@alpha.test');
select lives_ok($$ update public.shifts set name = 'Graveyard' where org_id = tests.id('org:alpha') and code = 'NIGHT' $$,
  'managers edit shifts');
select tests.authenticate_as('manager@beta.test');
select is((select count(*) from public.shifts where org_id = tests.id('org:alpha'))::int, 0, 'another organisation sees none');
select tests.clear_authentication();

-- ------------------------------------------------------------------ a day of work
-- PIN-ins: op1 06:00–15:00 (1 h past the morning shift), op2 14:00–22:00, op1 22:00–07:30 next day (1.5 h past night)
insert into public.operator_sessions (org_id, station_id, member_id, user_id, started_at, last_seen_at, ended_at, end_reason)
select org, station, op1, u1, pg_temp.at('2026-03-10 06:00'), pg_temp.at('2026-03-10 15:00'), pg_temp.at('2026-03-10 15:00'), 'pin_out'::public.operator_session_end_reason from t_ids
union all
select org, station, op2, u2, pg_temp.at('2026-03-10 14:00'), pg_temp.at('2026-03-10 22:00'), pg_temp.at('2026-03-10 22:00'), 'pin_out'::public.operator_session_end_reason from t_ids
union all
select org, station, op1, u1, pg_temp.at('2026-03-10 22:00'), pg_temp.at('2026-03-11 07:30'), pg_temp.at('2026-03-11 07:30'), 'pin_out'::public.operator_session_end_reason from t_ids;

-- batch 1 holds orders 1 and 2 (Atticus: Intake 0.5 h, Sanding 2.0, Finishing 1.5, Acoustic QC 1.0 per unit)
insert into public.batch_events (org_id, batch_id, kind, from_stage, to_stage, member_id, at, reason)
select org, batch, 'advanced'::public.batch_event_kind, 'Intake', 'Sanding', op1, pg_temp.at('2026-03-10 09:00'), null from t_ids
union all select org, batch, 'advanced', 'Sanding', 'Finishing', op1, pg_temp.at('2026-03-10 11:00'), null from t_ids
union all select org, batch, 'returned', 'Finishing', 'Sanding', op2, pg_temp.at('2026-03-10 15:00'), 'grain lifted' from t_ids
union all select org, batch, 'advanced', 'Sanding', 'Finishing', op2, pg_temp.at('2026-03-10 16:00'), null from t_ids
union all select org, batch, 'advanced', 'Acoustic QC', 'Shipping', op1, pg_temp.at('2026-03-10 23:00'), null from t_ids
union all select org, batch, 'returned', 'Acoustic QC', 'Final Assembly', op1, pg_temp.at('2026-03-10 23:30'), 'rattle' from t_ids;
update public.orders set price = 499 where id = (select order1 from t_ids);
insert into public.order_status_history (org_id, order_id, old_status, new_status, source, created_at)
select org, order1, 'ready_to_ship', 'shipped', 'system', pg_temp.at('2026-03-10 23:45') from t_ids;

-- a cutting run in the morning: 40 plies of a 2-piece ratio = 80 units; 0.5 standard min per ply = 20
-- standard minutes in 60 actual minutes (33.33 %), cut by operator 2
insert into public.product_types (id, org_id, code, name) values (tests.id('pt:alpha'), tests.id('org:alpha'), 'T-SHIRT', 'T-shirt');
insert into public.styles (id, org_id, product_type_id, code, name, cutting_minutes_per_ply)
values (tests.id('style:alpha'), tests.id('org:alpha'), tests.id('pt:alpha'), 'TS-CREW', 'Crew tee', 0.5);
insert into public.cut_orders (id, org_id, style_id) values (tests.id('co:alpha'), tests.id('org:alpha'), tests.id('style:alpha'));
insert into public.lays (id, org_id, cut_order_id, fabric, colour, marker_length_m, plies, size_ratio)
values (tests.id('lay:alpha'), tests.id('org:alpha'), tests.id('co:alpha'), 'Jersey', 'Navy', 3.2, 40, '{"M": 1, "L": 1}');
insert into public.cutting_runs (id, org_id, lay_id, run_number, cutter_id, start_time, plies_cut)
select tests.id('run:alpha'), org, tests.id('lay:alpha'), 'CR-9001', op2, pg_temp.at('2026-03-10 07:00'), 40 from t_ids;
update public.cutting_runs set status = 'COMPLETED', end_time = pg_temp.at('2026-03-10 08:00') where id = tests.id('run:alpha');
select results_eq($$ select units_cut, standard_minutes, actual_minutes from public.cutting_runs where id = tests.id('run:alpha') $$,
  $$ values (80, 20.00::numeric, 60.00::numeric) $$, 'the cutting run as its trigger computed it');

-- a sewing operation in the afternoon: 20 units at 0.5 SMV = 10 standard minutes in 12 actual (83.33 %),
-- 2 defects, 1 unit reworked, by operator 2
insert into public.bundles (id, org_id, style_id, cut_order_id, lay_id, size, colour, shade, quantity)
values (tests.id('bundle:alpha'), tests.id('org:alpha'), tests.id('style:alpha'), tests.id('co:alpha'), tests.id('lay:alpha'),
        'M', 'Navy', 'A', 20);
insert into public.sewing_operations (id, org_id, product_type_id, name, sequence_number, standard_minutes, piece_rate)
values (tests.id('op:alpha'), tests.id('org:alpha'), tests.id('pt:alpha'), 'Join shoulders', 1, 0.5, 1.00);
insert into public.sewing_runs (id, org_id, run_number, bundle_id, product_type_id)
values (tests.id('sew:alpha'), tests.id('org:alpha'), 9001, tests.id('bundle:alpha'), tests.id('pt:alpha'));
insert into public.sewing_run_operations (id, org_id, sewing_run_id, operation_id)
values (tests.id('sewop:alpha'), tests.id('org:alpha'), tests.id('sew:alpha'), tests.id('op:alpha'));
update public.sewing_run_operations set status = 'IN_PROGRESS', operator_id = (select op2 from t_ids),
       started_at = pg_temp.at('2026-03-10 15:00') where id = tests.id('sewop:alpha');
update public.sewing_run_operations set status = 'COMPLETED', units_completed = 20, actual_minutes = 12, defects_found = 2,
       rework_units = 1, completed_at = pg_temp.at('2026-03-10 15:30') where id = tests.id('sewop:alpha');
select results_eq($$ select standard_minutes, efficiency from public.sewing_run_operations where id = tests.id('sewop:alpha') $$,
  $$ values (0.50::numeric, 83.33::numeric) $$, 'the sewing operation as its trigger completed it');

select ok(exists (select 1 from app.batch_type_states s join public.batches b on b.type_definition_id = s.type_definition_id
                   where b.id = tests.id('batch:alpha:1') and s.stage = 'Acoustic QC' and s.is_quality_gate),
  'Acoustic QC is the batch type''s quality gate');

select is(public.recompute_production_metrics(tests.id('org:alpha'), '2026-03-10', '2026-03-10'), 4,
  'recompute writes the three shifts and the day');

create function pg_temp.m(p_shift text) returns public.production_metrics language sql as $$
  select * from public.production_metrics where org_id = tests.id('org:alpha') and date = '2026-03-10' and shift is not distinct from p_shift $$;

-- morning: op1 9 h attended; earned (0.5 + 2.0) × 2 units = 5 h + 20 cutting min → 5.33 h → 59.26 %;
-- 4 unit-exits, none back; 80 units cut at 33.33 %
select is((pg_temp.m('MORNING')).overall_efficiency, 59.26, 'morning efficiency = 5⅓ earned h / 9 attended h');
select is((pg_temp.m('MORNING')).cutting_efficiency, 33.33, 'morning cutting efficiency = 20 standard / 60 actual minutes');
select is((pg_temp.m('MORNING')).units_cut, 80, 'morning: 80 units cut');
select is((pg_temp.m('AFTERNOON')).cutting_efficiency, null, 'no cutting in the afternoon, no cutting efficiency');
select is((pg_temp.m('MORNING')).employees_present, 1, 'morning: one operator present');
select is((pg_temp.m('MORNING')).overtime_hours, 1.00, 'morning: 1 h beyond 14:00');
select is((pg_temp.m('MORNING')).rework_rate, 0.00, 'morning: nothing sent back');
select is((pg_temp.m('MORNING')).qc_pass_rate, null, 'morning: no QC decision, no pass rate');
-- afternoon: op2 8 h; earned 2.0 × 2 = 4 h (the 15:00 return earns nothing) + 10 sewing min → 52.08 %;
-- rework (2 returned unit-exits + 1 reworked unit) of (4 unit-exits + 20 sewn units); defects 2 of 20
select is((pg_temp.m('AFTERNOON')).overall_efficiency, 52.08, 'afternoon efficiency = 4⅙ / 8');
select is((pg_temp.m('AFTERNOON')).rework_rate, 12.50, 'afternoon rework = 3 / 24');
select is((pg_temp.m('AFTERNOON')).sewing_efficiency, 83.33, 'afternoon sewing efficiency = 10 / 12 minutes');
select is((pg_temp.m('AFTERNOON')).defect_rate, 10.00, 'afternoon defect rate = 2 defects / 20 units');
select is((pg_temp.m('AFTERNOON')).overtime_hours, 0.00, 'afternoon: no overtime');
-- night (22:00 → 06:00 next day): op1 9.5 h; earned 1.0 × 2 = 2 h → 21.05 %; QC 2 passed of 4; 1 shipped, 499
select is((pg_temp.m('NIGHT')).overall_efficiency, 21.05, 'night efficiency = 2 / 9.5');
select is((pg_temp.m('NIGHT')).qc_pass_rate, 50.00, 'night QC pass rate = 2 of 4 unit decisions');
select is((pg_temp.m('NIGHT')).units_completed, 1, 'night: one order shipped');
select is((pg_temp.m('NIGHT')).revenue_generated, 499.00, 'night revenue = its price');
select is((pg_temp.m('NIGHT')).overtime_hours, 1.50, 'night: 1.5 h beyond 06:00 on the 11th');
select is((pg_temp.m('NIGHT')).period, tstzrange(pg_temp.at('2026-03-10 22:00'), pg_temp.at('2026-03-11 06:00')),
  'the night row covers 22:00 to 06:00 next day');
-- the day: sessions begun on the 10th 26.5 h; earned 11½ h → 43.40 %; (4 + 1) back of (12 + 20); 2 people; 2.5 h overtime
select is((pg_temp.m(null)).overall_efficiency, 43.40, 'day efficiency = 11½ / 26.5');
select is((pg_temp.m(null)).rework_rate, 15.63, 'day rework = 5 / 32');
select is((pg_temp.m(null)).employees_present, 2, 'day: two people present');
select is((pg_temp.m(null)).overtime_hours, 2.50, 'day overtime = the shifts'' overtime');
select is((pg_temp.m(null)).qc_pass_rate, 50.00, 'day QC pass rate');

-- idempotent: a rerun gives the same figures
create temporary table t_before as select shift, to_jsonb(m) - 'computed_at' - 'updated_at' as row from public.production_metrics m
  where org_id = tests.id('org:alpha') and date = '2026-03-10';
select public.recompute_production_metrics(tests.id('org:alpha'), '2026-03-10', '2026-03-10');
select set_eq($$ select shift, to_jsonb(m) - 'computed_at' - 'updated_at' from public.production_metrics m
                 where org_id = tests.id('org:alpha') and date = '2026-03-10' $$,
  $$ select shift, row from t_before $$, 'recomputing changes nothing');
select is(app.production_metrics_due() >= 0 and app.production_metrics_due() = 0, true,
  'the job writes what is due once; run again it has nothing to do');
select is((select count(*) from public.production_metrics where org_id = tests.id('org:alpha')
            and date = (now() at time zone 'Asia/Manila')::date - 2)::int, 4,
  'the job stored every shift and the whole day of two days ago');

select is((select count(*) from app.metrics_cells(tests.id('org:alpha'), '2026-03-01', '2026-03-02', null)
            where basis <> app.metrics_defaults())::int, 0,
  'days before the first recorded work are zero without being computed');
select is((select (basis ->> 'earned_hours')::numeric from app.metrics_cells(tests.id('org:alpha'), '2026-03-10', '2026-03-10', null)
            where shift is null), 11.0000, 'a day with work is still computed (11 h of batch stages)');

-- ------------------------------------------------------------------ the overview and its cache
select tests.authenticate_as('supervisor@alpha.test');
select is((public.dashboard_overview(tests.id('org:alpha'), 'custom', '2026-03-10', '2026-03-10') -> 'kpis' -> 'overall_efficiency' ->> 'value')::numeric,
  43.40, 'the overview KPI is the day''s ratio of sums');
select is((public.dashboard_overview(tests.id('org:alpha'), 'custom', '2026-03-10', '2026-03-10') ->> 'cached')::boolean,
  true, 'a second read comes from the cache');
select is(jsonb_array_length(public.dashboard_overview(tests.id('org:alpha'), 'custom', '2026-03-10', '2026-03-10') -> 'operators'),
  2, 'supervisors see the operators');
select is((select (o ->> 'efficiency')::numeric from jsonb_array_elements(
             public.dashboard_overview(tests.id('org:alpha'), 'custom', '2026-03-10', '2026-03-10') -> 'operators') o
           where o ->> 'member_id' = tests.id('member:alpha:operator@alpha.test')::text), 37.84,
  'operator 1: 7 earned h of 18.5 attended');
select is((select (o ->> 'efficiency')::numeric from jsonb_array_elements(
             public.dashboard_overview(tests.id('org:alpha'), 'custom', '2026-03-10', '2026-03-10') -> 'operators') o
           where o ->> 'member_id' = tests.id('member:alpha:operator2@alpha.test')::text), 56.25,
  'operator 2: 4 h of batches + 20 cutting + 10 sewing minutes of 8 attended');
select tests.clear_authentication();
update public.dashboard_cache set expires_at = now() - interval '1 second' where org_id = tests.id('org:alpha');
select tests.authenticate_as('supervisor@alpha.test');
select is((public.dashboard_overview(tests.id('org:alpha'), 'custom', '2026-03-10', '2026-03-10') ->> 'cached')::boolean,
  false, 'an expired answer is recomputed');
select tests.clear_authentication();
insert into public.batch_events (org_id, batch_id, kind, from_stage, to_stage, at)
select org, batch, 'advanced', 'Finishing', 'Sub-Assembly', pg_temp.at('2026-03-10 12:00') from t_ids;
select is((select count(*) from public.dashboard_cache where org_id = tests.id('org:alpha'))::int, 0,
  'a batch move drops the organisation''s cached answers');

select tests.act_as_operator('alpha', 'operator@alpha.test', 'A-OP-1');
select ok(not (public.dashboard_overview(tests.id('org:alpha'), '7d') ? 'operators')
          and not (public.dashboard_overview(tests.id('org:alpha'), '7d') -> 'kpis' ? 'revenue_generated'),
  'operators get neither the ranking nor revenue');
select is((select count(*) from public.production_metrics)::int, 0, 'operators cannot read metrics rows');
select is((select count(*) from public.dashboard_cache)::int, 0, 'nor the cache');
select is(tests.error_of($$ select public.dashboard_overview(tests.id('org:alpha'), 'custom', '2026-03-10', '2026-01-01') $$) ->> 'code',
  'VALIDATION_FAILED', 'an end before the start is refused');
select is(tests.error_of($$ select public.dashboard_floor_status(tests.id('org:alpha')) $$) ->> 'code',
  'FORBIDDEN', 'floor status is for supervisors');
select tests.authenticate_as('manager@beta.test');
select is((select count(*) from public.production_metrics where org_id = tests.id('org:alpha'))::int, 0,
  'another organisation''s manager reads no metrics');
select is(tests.error_of($$ select public.dashboard_overview(tests.id('org:alpha'), '7d') $$) ->> 'code',
  'FORBIDDEN', 'nor its overview');

select * from finish();
rollback;
