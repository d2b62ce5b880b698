-- Sewing runs (issue 14): a bundle down a line by two operators — dependencies before a start, units
-- within the bundle's good units and what the dependencies passed on, efficiency and earnings on known
-- numbers with the rate in force at completion, the run's totals kept by trigger, the bundle moved
-- cut → in_sewing → sewn with history, defect taps with the operation's codes, the one-scan toggle,
-- the dashboard and earnings reads, and RLS on runs and run operations.
begin;
select plan(45);
select tests.create_tenancy_fixture();

insert into public.product_types (id, org_id, code, name) values
  (tests.id('pt:alpha:TEE'), tests.id('org:alpha'), 'T-SHIRT', 'T-shirt'),
  (tests.id('pt:beta:TEE'), tests.id('org:beta'), 'T-SHIRT', 'T-shirt');
insert into public.styles (id, org_id, product_type_id, code, name) values
  (tests.id('style:alpha'), tests.id('org:alpha'), tests.id('pt:alpha:TEE'), 'TS-CREW', 'Crew tee');
-- A (shoulders) → B (sleeves) → C (side seams, also after A); SMV 0.50/0.80/1.00, ₱1.00/1.50/2.00
insert into public.sewing_operations (id, org_id, product_type_id, name, sequence_number, standard_minutes, piece_rate,
                                      depends_on, defect_codes, created_at) values
  (tests.id('op:A'), tests.id('org:alpha'), tests.id('pt:alpha:TEE'), 'Join shoulders', 1, 0.50, 1.00, '{}',
   '[{"code": "OPEN_SEAM", "label": "Open seam"}]', now() - interval '30 days'),
  (tests.id('op:B'), tests.id('org:alpha'), tests.id('pt:alpha:TEE'), 'Set sleeves', 2, 0.80, 1.50, array[tests.id('op:A')],
   '[]', now() - interval '30 days'),
  (tests.id('op:C'), tests.id('org:alpha'), tests.id('pt:alpha:TEE'), 'Close side seams', 3, 1.00, 2.00,
   array[tests.id('op:A'), tests.id('op:B')], '[]', now() - interval '30 days');
insert into public.bundles (id, org_id, style_id, size, colour, quantity, rejected_quantity) values
  (tests.id('bundle:1'), tests.id('org:alpha'), tests.id('style:alpha'), 'M', 'Navy', 20, 2),
  (tests.id('bundle:2'), tests.id('org:alpha'), tests.id('style:alpha'), 'L', 'Navy', 10, 0);

create function pg_temp.err(p_sql text) returns jsonb language sql as $$
  select jsonb_build_object('code', e ->> 'code', 'field', e -> 'hint' ->> 'field', 'hint', e -> 'hint')
  from tests.error_of(p_sql) e
$$;
create function pg_temp.ro(p_bundle text, p_op text) returns uuid language sql as $$
  select ro.id from public.sewing_run_operations ro join public.sewing_runs r on r.id = ro.sewing_run_id
  where r.bundle_id = tests.id(p_bundle) and ro.operation_id = tests.id(p_op)
$$;
create function pg_temp.ro_row(p_bundle text, p_op text) returns public.sewing_run_operations language sql as $$
  select * from public.sewing_run_operations where id = pg_temp.ro(p_bundle, p_op)
$$;

-- ------------------------------------------------------------------ a run for bundle 1
select tests.act_as_operator('alpha', 'operator@alpha.test', 'A-OP-1');
select is(jsonb_array_length(public.create_sewing_run(tests.id('org:alpha'), tests.id('bundle:1')) -> 'operations'), 3,
  'a run gets one operation per active operation of the bundle''s product type');
select is(pg_temp.err($$ select public.create_sewing_run(tests.id('org:alpha'), tests.id('bundle:1')) $$) ->> 'code',
  'SEWING_RUN_OPEN', 'one unfinished run per bundle');
select is((select status from public.bundles where id = tests.id('bundle:1')), 'cut', 'the bundle stays cut until work starts');

select is(pg_temp.err(format($$ select public.start_sewing_operation(%L) $$, pg_temp.ro('bundle:1', 'op:B'))),
  '{"code": "OPERATION_DEPENDENCY_PENDING", "field": "operation_id", "hint": {"field": "operation_id", "pending": ["Join shoulders"]}}'::jsonb,
  'sleeves cannot start before shoulders, and the refusal names them');
select lives_ok(format($$ select public.start_sewing_operation(%L, 'OL-03', null, now() - interval '12 minutes') $$,
                       pg_temp.ro('bundle:1', 'op:A')), 'shoulders start');
select is((select status from public.bundles where id = tests.id('bundle:1')), 'in_sewing', 'the first start moves the bundle into sewing');
select is((select change_reason from public.bundle_status_history where bundle_id = tests.id('bundle:1') and to_status = 'in_sewing'),
  'Sewing started', 'with a history row saying why');
select is((select status::text from public.sewing_runs where bundle_id = tests.id('bundle:1')), 'IN_PROGRESS', 'the run is in progress');

select is(pg_temp.err(format($$ select public.complete_sewing_operation(%L, 19) $$, pg_temp.ro('bundle:1', 'op:A'))),
  '{"code": "UNITS_EXCEED_BUNDLE", "field": "units_completed", "hint": {"field": "units_completed", "max": 18}}'::jsonb,
  'no more units than the bundle''s 20 − 2 rejected');
select lives_ok(format($$ select public.complete_sewing_operation(%L, 16, 12) $$, pg_temp.ro('bundle:1', 'op:A')),
  'shoulders complete 16 units in 12 minutes');
select is((pg_temp.ro_row('bundle:1', 'op:A')).efficiency, 66.67::numeric, 'efficiency = 0.50 × 16 ÷ 12 × 100 = 66.67');
select is((pg_temp.ro_row('bundle:1', 'op:A')).earnings, 16.00::numeric, 'earnings = ₱1.00 × 16 = ₱16.00');
select is((pg_temp.ro_row('bundle:1', 'op:A')).work_date, (now() at time zone 'UTC')::date, 'the work date is the local day');
select is(pg_temp.err(format($$ select public.complete_sewing_operation(%L, 16) $$, pg_temp.ro('bundle:1', 'op:A'))) ->> 'code',
  'RUN_OPERATION_STATUS', 'a completed operation is not completed twice');
select tests.clear_authentication();

-- a second operator sews the sleeves
select tests.act_as_operator('alpha', 'operator2@alpha.test', 'A-OP-2');
select lives_ok(format($$ select public.start_sewing_operation(%L, null, null, now() - interval '16 minutes') $$,
                       pg_temp.ro('bundle:1', 'op:B')), 'the second operator starts the sleeves');
select is(pg_temp.err(format($$ select public.complete_sewing_operation(%L, 17) $$, pg_temp.ro('bundle:1', 'op:B'))),
  '{"code": "UNITS_EXCEED_DEPENDENCY", "field": "units_completed", "hint": {"field": "units_completed", "max": 16, "operation": "Join shoulders"}}'::jsonb,
  'no more units than the shoulders passed on');
select is(pg_temp.err(format($$ select public.record_sewing_defect(%L, 'NOT_A_CODE') $$, pg_temp.ro('bundle:1', 'op:B'))) ->> 'code',
  'VALIDATION_FAILED', 'a defect code not of the operation is refused');
select lives_ok(format($$ select public.record_sewing_defect(%L, null, true), public.record_sewing_defect(%L, null, true),
                                 public.record_sewing_defect(%L, null, false) $$,
                       pg_temp.ro('bundle:1', 'op:B'), pg_temp.ro('bundle:1', 'op:B'), pg_temp.ro('bundle:1', 'op:B')),
  'two rework taps and a defect tap');
select lives_ok(format($$ select public.complete_sewing_operation(%L, 16, 16) $$, pg_temp.ro('bundle:1', 'op:B')),
  'sleeves complete 16 units in 16 minutes');
select is(((pg_temp.ro_row('bundle:1', 'op:B')).efficiency, (pg_temp.ro_row('bundle:1', 'op:B')).good_units,
           (pg_temp.ro_row('bundle:1', 'op:B')).earnings, (pg_temp.ro_row('bundle:1', 'op:B')).defects_found),
  (80.00::numeric, 14, 21.00::numeric, 1), 'efficiency 0.80 × 16 ÷ 16 = 80 %; good units 16 − 2 rework = 14; ₱1.50 × 14 = ₱21.00');
select tests.clear_authentication();

-- the rate of the side seams goes up before they are done, and again after
update public.sewing_operations set piece_rate = 2.50 where id = tests.id('op:C');
select tests.act_as_operator('alpha', 'operator@alpha.test', 'A-OP-1');
select lives_ok(format($$ select public.start_sewing_operation(%L, null, null, now() - interval '20 minutes') $$,
                       pg_temp.ro('bundle:1', 'op:C')), 'side seams start');
select tests.clear_authentication();
select tests.act_as_operator('alpha', 'operator2@alpha.test', 'A-OP-2');
select is(pg_temp.err(format($$ select public.complete_sewing_operation(%L, 16) $$, pg_temp.ro('bundle:1', 'op:C'))) ->> 'code',
  'FORBIDDEN', 'an operator cannot complete another operator''s operation');
select tests.clear_authentication();
select tests.act_as_operator('alpha', 'operator@alpha.test', 'A-OP-1');
select lives_ok(format($$ select public.complete_sewing_operation(%L, 16, 20) $$, pg_temp.ro('bundle:1', 'op:C')),
  'side seams complete 16 units in 20 minutes');
select tests.clear_authentication();
update public.sewing_operations set piece_rate = 3.00 where id = tests.id('op:C');
select is((pg_temp.ro_row('bundle:1', 'op:C')).earnings, 40.00::numeric,
  'earnings use the rate in force at completion (₱2.50 × 16), not the later ₱3.00');

select is((select (status::text, total_operations, completed_ops, average_efficiency) from public.sewing_runs
           where bundle_id = tests.id('bundle:1')),
  ('COMPLETED'::text, 3, 3, 76.67::numeric(8, 2)),
  'the run is complete, 3 of 3, weighted efficiency (8 + 12.8 + 16) ÷ 48 × 100 = 76.67');
select is((select status from public.bundles where id = tests.id('bundle:1')), 'sewn', 'and the bundle is sewn');
select is((select count(*)::int from public.bundle_status_history where bundle_id = tests.id('bundle:1')
             and change_reason = 'Sewing completed' and from_status = 'in_sewing' and to_status = 'sewn'), 1,
  'with its history row');

-- ------------------------------------------------------------------ supervisor corrections
select tests.authenticate_as('supervisor@alpha.test');
select is(pg_temp.err(format($$ select public.update_sewing_run_operation(%L, 12) $$, pg_temp.ro('bundle:1', 'op:A'))) ->> 'code',
  'UNITS_EXCEED_DEPENDENCY', 'shoulders cannot be corrected below what the sleeves already sewed');
select is(pg_temp.err(format($$ select public.update_sewing_run_operation(%L, null, null, null, 17) $$, pg_temp.ro('bundle:1', 'op:B'))) ->> 'code',
  'VALIDATION_FAILED', 'rework never exceeds the units completed');
select lives_ok(format($$ select public.update_sewing_run_operation(%L, null, 10) $$, pg_temp.ro('bundle:1', 'op:C')),
  'a supervisor corrects the minutes');
select is((pg_temp.ro_row('bundle:1', 'op:C')).efficiency, 160.00::numeric, 'and the efficiency follows (1.00 × 16 ÷ 10)');
select tests.clear_authentication();

-- ------------------------------------------------------------------ the tablet's one scan
select tests.act_as_operator('alpha', 'operator@alpha.test', 'A-OP-1');
select is(public.sewing_scan(tests.id('org:alpha'), tests.id('bundle:2'), tests.id('op:A'), p_client_id => tests.id('scan:1')) ->> 'did',
  'started', 'the first scan of bundle 2 makes its run and starts the operation');
select is(public.sewing_scan(tests.id('org:alpha'), tests.id('bundle:2'), tests.id('op:A'), p_client_id => tests.id('scan:1')) ->> 'replayed',
  'true', 'the same client id replays the answer');
select is(public.sewing_scan(tests.id('org:alpha'), tests.id('bundle:2'), tests.id('op:A'), p_client_id => tests.id('scan:2')) ->> 'did',
  'completed', 'scanning again completes it');
select is((pg_temp.ro_row('bundle:2', 'op:A')).units_completed, 10, 'with the bundle''s good units');
select is(pg_temp.err($$ select public.sewing_scan(tests.id('org:alpha'), tests.id('bundle:2'), tests.id('op:C')) $$) ->> 'code',
  'OPERATION_DEPENDENCY_PENDING', 'an out-of-order scan is refused with the reason');

-- ------------------------------------------------------------------ reads
select is((select (public.sewing_dashboard(tests.id('org:alpha')) -> 'line' ->> 'units_today')::int), 16 + 16 + 16 + 10,
  'the dashboard counts today''s units');
select is((select e from jsonb_array_elements(public.sewing_dashboard(tests.id('org:alpha')) -> 'operations') e
           where e ->> 'name' = 'Set sleeves') ->> 'bundles_waiting', '1',
  'bundle 2 waits at the sleeves');
select is((select earnings from public.sewing_earnings(tests.id('org:alpha'), current_date - 7, current_date + 1) where level = 'period'),
  16.00 + 40.00 + 10.00, 'an operator''s earnings: shoulders ₱16 + side seams ₱40 + bundle 2 shoulders ₱10');
select is(pg_temp.err(format($$ select * from public.sewing_earnings(tests.id('org:alpha'), current_date, current_date, %L) $$,
                              tests.id('member:alpha:operator2@alpha.test'))) ->> 'code',
  'FORBIDDEN', 'operators see only their own earnings');
select throws_ok(format($$ update public.sewing_run_operations set units_completed = 1 where id = %L $$, pg_temp.ro('bundle:2', 'op:A')),
  '42501', null, 'nobody writes run operations directly');
select tests.clear_authentication();

select tests.authenticate_as('manager@alpha.test');
select is((select earnings from public.sewing_earnings(tests.id('org:alpha'), current_date - 7, current_date + 1)
           where level = 'period' and member_id = tests.id('member:alpha:operator2@alpha.test')),
  21.00::numeric, 'a manager sees everyone''s: the second operator earned ₱21.00');
select is((public.sewing_bundle_track(tests.id('org:alpha'), (select bundle_number from public.bundles where id = tests.id('bundle:1')))
           -> 'bundle' ->> 'status'), 'sewn', 'the bundle tracker finds bundle 1 by its number');
select tests.clear_authentication();

select tests.authenticate_as('manager@beta.test');
select is((select count(*)::int from public.sewing_runs) + (select count(*)::int from public.sewing_run_operations), 0,
  'another organisation sees no runs or run operations');
select is(pg_temp.err($$ select public.sewing_dashboard(tests.id('org:alpha')) $$) ->> 'code', 'FORBIDDEN',
  'nor alpha''s dashboard');
select tests.clear_authentication();

select * from finish();
rollback;
