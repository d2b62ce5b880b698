-- Cutting runs and the cutting RPCs (issue 14, spec 03 §4.2): run numbers per organisation, one open run
-- per lay, start / pause / complete with efficiency and wastage on known numbers, cutting a lay into
-- bundles (sizes, counts, numbering), moving bundles with reason, scan time and device, bad input refused
-- with its code and field, RLS and grants.
begin;
select plan(46);
select tests.create_tenancy_fixture();
select tests.create_location('alpha', 'Cutting room', 'area');
select tests.create_location('alpha', 'Line 1', 'area');

insert into public.product_types (id, org_id, code, name)
values (tests.id('pt:alpha'), tests.id('org:alpha'), 'T-SHIRT', 'T-shirt'),
       (tests.id('pt:beta'), tests.id('org:beta'), 'T-SHIRT', 'T-shirt');
insert into public.styles (id, org_id, product_type_id, code, name, cutting_minutes_per_ply)
values (tests.id('style:alpha'), tests.id('org:alpha'), tests.id('pt:alpha'), 'TS-CREW', 'Crew tee', 0.5),
       (tests.id('style:beta'), tests.id('org:beta'), tests.id('pt:beta'), 'TS-CREW', 'Crew tee', 0.5);

-- ------------------------------------------------------------------ cut orders
select tests.authenticate_as('supervisor@alpha.test');
select is(tests.error_of($$ select public.create_cut_order(tests.id('org:alpha'), tests.id('style:alpha'),
            '[{"size": "M", "colour": "Navy", "quantity": 10}, {"size": "L", "colour": "Navy", "quantity": 2.5}]') $$)
          - 'sqlstate' - 'message',
  '{"code": "VALIDATION_FAILED", "hint": {"field": "lines.1.quantity"}}'::jsonb, 'a fractional quantity is refused, naming the line');
select is(tests.error_of($$ select public.create_cut_order(tests.id('org:alpha'), tests.id('style:alpha'),
            '[{"size": "M", "colour": "Navy", "quantity": 10}, {"size": "M", "colour": "Navy", "quantity": 5}]') $$)
          -> 'hint' ->> 'field', 'lines.1.size', 'a size and colour listed twice is refused');
select is(tests.error_of($$ select public.create_cut_order(tests.id('org:alpha'), tests.id('style:beta'),
            '[{"size": "M", "colour": "Navy", "quantity": 10}]') $$) ->> 'code', 'NOT_FOUND',
  'another organisation''s style is not found');
select is(tests.error_of($$ select public.create_cut_order(tests.id('org:alpha'), tests.id('style:alpha'), '[]') $$) ->> 'code',
  'VALIDATION_FAILED', 'a cut order needs a line');
select is(jsonb_array_length(public.create_cut_order(tests.id('org:alpha'), tests.id('style:alpha'),
            '[{"size": "M", "colour": "Navy", "quantity": 120}, {"size": "L", "colour": "Navy", "quantity": 80}]') -> 'lines'),
  2, 'a supervisor creates a cut order with its lines');
select tests.clear_authentication();
select tests.act_as_operator('alpha', 'operator@alpha.test', 'A-OP-1');
select is(tests.error_of($$ select public.create_cut_order(tests.id('org:alpha'), tests.id('style:alpha'),
            '[{"size": "M", "colour": "Navy", "quantity": 10}]') $$) ->> 'code', 'FORBIDDEN', 'an operator does not plan cut orders');
select tests.clear_authentication();

insert into public.lays (id, org_id, cut_order_id, fabric, colour, marker_length_m, plies, size_ratio, bundle_size, location_id)
select tests.id('lay:alpha'), tests.id('org:alpha'), c.id, 'Jersey', 'Navy', 6.4, 40, '{"XL": 1, "S": 1, "M": 2, "L": 2}', 20,
       tests.id('location:alpha:Cutting room')
from public.cut_orders c where c.org_id = tests.id('org:alpha');
insert into public.lays (id, org_id, cut_order_id, fabric, colour, marker_length_m, plies, size_ratio, bundle_size)
select tests.id('lay:alpha2'), tests.id('org:alpha'), c.id, 'Jersey', 'Navy', 6.4, 12, '{"M": 1, "L": 1}', 10
from public.cut_orders c where c.org_id = tests.id('org:alpha');
insert into public.cut_orders (id, org_id, style_id) values (tests.id('co:beta'), tests.id('org:beta'), tests.id('style:beta'));
insert into public.lays (id, org_id, cut_order_id, fabric, colour, marker_length_m, plies, size_ratio)
values (tests.id('lay:beta'), tests.id('org:beta'), tests.id('co:beta'), 'Jersey', 'Red', 5, 10, '{"M": 1}');

-- ------------------------------------------------------------------ starting
select tests.act_as_operator('alpha', 'operator@alpha.test', 'A-OP-1');
select is(tests.error_of($$ select public.start_cutting_run(tests.id('lay:alpha'), tests.id('member:alpha:operator2@alpha.test')) $$)
          ->> 'code', 'FORBIDDEN', 'an operator starts runs for themselves only');
select is(public.start_cutting_run(tests.id('lay:alpha'), null, 'Straight knife 1', tests.id('client:start')) -> 'run' ->> 'run_number',
  'CR-1001', 'an operator starts a cutting run: CR-1001');
select is((public.start_cutting_run(tests.id('lay:alpha'), null, 'Straight knife 1', tests.id('client:start')) ->> 'replayed')::boolean,
  true, 'the same client id replays the answer');
select is((select count(*)::int from public.cutting_runs where lay_id = tests.id('lay:alpha')), 1, 'and starts nothing twice');
select is(tests.error_of($$ select public.start_cutting_run(tests.id('lay:alpha')) $$) ->> 'code', 'CUTTING_RUN_OPEN',
  'a lay has one open run at a time');
select is(tests.error_of($$ select public.start_cutting_run(tests.id('lay:beta')) $$) ->> 'code', 'NOT_FOUND',
  'another organisation''s lay is not found');
select is((select status::text from public.lays where id = tests.id('lay:alpha')), 'cutting', 'the lay is being cut');
select is((select cutter_id from public.cutting_runs where lay_id = tests.id('lay:alpha')),
  tests.id('member:alpha:operator@alpha.test'), 'the operator is the cutter');
select tests.clear_authentication();

select tests.authenticate_as('manager@beta.test');
select is(public.start_cutting_run(tests.id('lay:beta'), tests.id('member:beta:operator@beta.test')) -> 'run' ->> 'run_number',
  'CR-1001', 'run numbers are per organisation: beta''s first is CR-1001 too');
select is((select count(*)::int from public.cutting_runs), 1, 'beta sees only its own run');
select tests.clear_authentication();

-- ------------------------------------------------------------------ pausing and completing, on known numbers
select tests.act_as_operator('alpha', 'operator@alpha.test', 'A-OP-1');
select is(public.set_cutting_run_status((select id from public.cutting_runs where lay_id = tests.id('lay:alpha')), 'PAUSED')
          -> 'run' ->> 'status', 'PAUSED', 'the cutter pauses the run');
select isnt((select paused_at from public.cutting_runs where lay_id = tests.id('lay:alpha')), null, 'the pause is timed');
select is(public.set_cutting_run_status((select id from public.cutting_runs where lay_id = tests.id('lay:alpha')), 'IN_PROGRESS')
          -> 'run' ->> 'status', 'IN_PROGRESS', 'and resumes it');
select tests.clear_authentication();
-- the run started 35 minutes ago and was paused 5 of them (now() is fixed inside the test's transaction)
update public.cutting_runs set start_time = now() - interval '35 minutes', paused_minutes = 5 where lay_id = tests.id('lay:alpha');

select tests.act_as_operator('alpha', 'operator@alpha.test', 'A-OP-1');
create temp table run as select id from public.cutting_runs where lay_id = tests.id('lay:alpha');
grant select on run to authenticated;
select is(tests.error_of($$ select public.complete_cutting_run((select id from run), 41) $$) - 'sqlstate' - 'message',
  '{"code": "VALIDATION_FAILED", "hint": {"field": "plies_cut", "plies": 40}}'::jsonb, 'no more plies than the lay has');
select is(tests.error_of($$ select public.complete_cutting_run((select id from run), 30, 0, 10, 12) $$) -> 'hint' ->> 'field',
  'wastage_kg', 'wastage cannot exceed the fabric used');
select is(tests.error_of($$ select public.complete_cutting_run((select id from run), 30, 181) $$) -> 'hint' ->> 'field',
  'defective_units', 'defective units cannot exceed the units cut');
select is(tests.error_of($$ select public.complete_cutting_run((select id from run), 0) $$) -> 'hint' ->> 'field',
  'plies_cut', 'nothing cut is refused');
create temp table done as
  select public.complete_cutting_run((select id from run), 30, 2, 50, 4, null, 'Clean cut', true, tests.id('client:complete')) as r;
select results_eq(
  $$ select status::text, plies_cut, units_cut, defective_units, duration_minutes, actual_minutes, standard_minutes, efficiency,
            fabric_used_kg, wastage_kg, wastage_percent
     from public.cutting_runs where id = (select id from run) $$,
  $$ values ('COMPLETED', 30, 180, 2, 35, 30.00::numeric, 15.00::numeric, 50.00::numeric, 50.00::numeric, 4.00::numeric,
             8.00::numeric) $$,
  'completed: 30 plies × 6 = 180 units; actual 35 − 5 = 30 min; standard 0.5 × 30 = 15 min → 50 % efficient; 4 of 50 kg = 8 % waste');
select is((select jsonb_agg(jsonb_build_array(b ->> 'number', b ->> 'size', (b ->> 'quantity')::int)) from done,
                  jsonb_array_elements(done.r -> 'bundles') b),
  '[["BN-101", "S", 20], ["BN-102", "S", 10], ["BN-103", "M", 20], ["BN-104", "M", 20], ["BN-105", "M", 20],
    ["BN-106", "L", 20], ["BN-107", "L", 20], ["BN-108", "L", 20], ["BN-109", "XL", 20], ["BN-110", "XL", 10]]'::jsonb,
  'the lay is cut into bundles of 20 per size, in size order, the last of a size taking the rest');
select is((select sum(quantity)::int from public.bundles where lay_id = tests.id('lay:alpha')), 180, 'the bundles hold every unit cut');
select is((select count(*)::int from public.bundles b where b.lay_id = tests.id('lay:alpha') and b.cutting_run_id = (select id from run)
           and b.colour = 'Navy' and b.shade = 'A' and b.location_id = tests.id('location:alpha:Cutting room')), 10,
  'each with the lay''s colour, shade, location and the run');
select is((select status::text from public.lays where id = tests.id('lay:alpha')), 'cut', 'the lay is cut');
select is((select count(*)::int from public.bundle_status_history h join public.bundles b on b.id = h.bundle_id
           where b.lay_id = tests.id('lay:alpha') and h.transition = 'init' and h.member_id = tests.id('member:alpha:operator@alpha.test')),
  10, 'each bundle''s history starts with its cut, by the cutter');
select is(tests.error_of($$ select public.complete_cutting_run((select id from run), 30) $$) ->> 'code', 'INVALID_TRANSITION',
  'a completed run is final');
select is(tests.error_of($$ select public.set_cutting_run_status((select id from run), 'PAUSED') $$) ->> 'code', 'INVALID_TRANSITION',
  'and cannot be paused again');
select is(tests.error_of($$ select public.cut_lay_into_bundles(tests.id('lay:alpha2')) $$) ->> 'code', 'FORBIDDEN',
  'an operator does not cut a lay into bundles without a run');
select is(tests.error_of($$ select public.start_cutting_run(tests.id('lay:alpha')) $$) ->> 'code', 'LAY_NOT_CUTTABLE',
  'a cut lay takes no new run');
select is(tests.rows_changed($$ update public.cutting_runs set plies_cut = 1 $$), 0, 'runs change only through the RPCs');
select tests.clear_authentication();

select tests.authenticate_as('supervisor@alpha.test');
select is(tests.error_of($$ select public.cut_lay_into_bundles(tests.id('lay:alpha')) $$) ->> 'code', 'LAY_ALREADY_BUNDLED',
  'a lay is cut into bundles once');
select is(jsonb_array_length(public.cut_lay_into_bundles(tests.id('lay:alpha2')) -> 'bundles'), 4,
  'a supervisor cuts a lay without a run: 12 plies × M and L in bundles of 10 = 4 bundles');
select is((select array_agg(bundle_number order by bundle_number) from public.bundles where lay_id = tests.id('lay:alpha2')),
  array[111, 112, 113, 114], 'numbered after the last');
select tests.clear_authentication();

-- ------------------------------------------------------------------ planning a lay (plan_lay)
select tests.authenticate_as('supervisor@alpha.test');
select is((public.plan_lay((select id from public.cut_orders where org_id = tests.id('org:alpha') limit 1), 'Jersey', 'Navy', 'B',
                           5.5, 20, '{"S": 1, "M": 1}', 12) ->> 'planned_units')::int, 40,
  'a supervisor plans a lay: 20 plies × 2 = 40 pieces');
select is(tests.error_of($$ select public.plan_lay((select id from public.cut_orders where org_id = tests.id('org:alpha') limit 1),
            'Jersey', 'Navy', 'A', 5.5, 20, '{"S": 0}') $$) - 'sqlstate' - 'message',
  '{"code": "VALIDATION_FAILED", "hint": {"field": "size_ratio"}}'::jsonb, 'a ratio with no pieces is refused, naming size_ratio');
select tests.clear_authentication();
select tests.act_as_operator('alpha', 'operator@alpha.test', 'A-OP-1');
select is(tests.error_of($$ select public.plan_lay((select id from public.cut_orders where org_id = tests.id('org:alpha') limit 1),
            'Jersey', 'Navy', 'A', 5.5, 20, '{"S": 1}') $$) ->> 'code', 'FORBIDDEN', 'an operator does not plan lays');
select tests.clear_authentication();

-- ------------------------------------------------------------------ moving bundles
select tests.act_as_operator('alpha', 'operator@alpha.test', 'A-OP-1');
select tests.set_device('line-1-tablet');
select is(public.move_bundle((select id from public.bundles where bundle_number = 101 and org_id = tests.id('org:alpha')),
            'start_sewing', tests.id('location:alpha:Line 1'), null, now() - interval '2 minutes', 'cut') -> 'bundle' ->> 'status',
  'in_sewing', 'an operator starts sewing a bundle at line 1');
select results_eq(
  $$ select h.transition, h.to_location_id, h.scanned_at, h.scanner_device, h.member_id from public.bundle_status_history h
     join public.bundles b on b.id = h.bundle_id where b.bundle_number = 101 and b.org_id = tests.id('org:alpha') order by h.id desc limit 1 $$,
  $$ values ('start_sewing'::text, tests.id('location:alpha:Line 1'), now() - interval '2 minutes', 'line-1-tablet'::text,
             tests.id('member:alpha:operator@alpha.test')) $$,
  'the history has the transition, the location, the scan time, the tablet and the operator');
select is(tests.error_of($$ select public.move_bundle((select id from public.bundles where bundle_number = 102 and org_id = tests.id('org:alpha')),
            'hold', null, 'Torn ply') $$) ->> 'code', 'FORBIDDEN', 'holding a bundle needs a supervisor');
select is(tests.error_of($$ select public.move_bundle((select id from public.bundles where bundle_number = 101 and org_id = tests.id('org:alpha')),
            'finish_sewing', null, null, null, 'cut') $$) ->> 'code', 'CONFLICT', 'a stale expected status is a conflict');
select is(tests.error_of($$ select public.move_bundle((select id from public.bundles where bundle_number = 102 and org_id = tests.id('org:alpha')),
            'pack') $$) ->> 'code', 'INVALID_TRANSITION', 'a transition not open from cut is refused');
select is(tests.error_of($$ select public.move_bundle((select id from public.bundles where bundle_number = 102 and org_id = tests.id('org:alpha')),
            null, null, null, now() - interval '30 days') $$) -> 'hint' ->> 'field', 'transition', 'a move needs a transition or a location');
select tests.clear_authentication();

select * from finish();
rollback;
