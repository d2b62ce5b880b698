-- Garment cutting, first part (issue 14): styles, cut orders, lays (planned units, size ratio), bundles
-- (numbers per organisation, the bundle state machine on every write) and bundle_status_history written
-- by trigger for status and location changes, with reason, scan time and device; RLS on every table.
begin;
select plan(36);
select tests.create_tenancy_fixture();
select tests.create_location('alpha', 'Cutting room', 'area');
select tests.create_location('alpha', 'Line 1', 'area');

insert into public.product_types (id, org_id, code, name)
values (tests.id('pt:alpha:TEE'), tests.id('org:alpha'), 'T-SHIRT', 'T-shirt'),
       (tests.id('pt:alpha:OLD'), tests.id('org:alpha'), 'OLD', 'Retired'),
       (tests.id('pt:beta:TEE'), tests.id('org:beta'), 'T-SHIRT', 'T-shirt');
update public.product_types set archived_at = now() where id = tests.id('pt:alpha:OLD');
insert into public.styles (id, org_id, product_type_id, code, name, default_fabric, cutting_minutes_per_ply)
values (tests.id('style:alpha'), tests.id('org:alpha'), tests.id('pt:alpha:TEE'), 'TS-CREW', 'Crew tee', 'Jersey 180', 0.5),
       (tests.id('style:beta'), tests.id('org:beta'), tests.id('pt:beta:TEE'), 'TS-CREW', 'Crew tee', null, null);

-- ------------------------------------------------------------------ styles, cut orders, lays
select is(tests.error_of($$ insert into public.styles (org_id, product_type_id, code, name)
                            values (tests.id('org:alpha'), tests.id('pt:alpha:OLD'), 'TS-NEW', 'New') $$) ->> 'code',
  'PRODUCT_TYPE_ARCHIVED', 'a new style needs a product type that is not archived');
select throws_ok($$ insert into public.styles (org_id, product_type_id, code, name)
                    values (tests.id('org:alpha'), tests.id('pt:beta:TEE'), 'TS-X', 'X') $$,
  '23503', null, 'a style cannot take another organisation''s product type');

insert into public.cut_orders (id, org_id, style_id) values (tests.id('co:alpha'), tests.id('org:alpha'), tests.id('style:alpha'));
insert into public.cut_orders (id, org_id, style_id) values (tests.id('co:beta'), tests.id('org:beta'), tests.id('style:beta'));
insert into public.cut_order_lines (org_id, cut_order_id, size, colour, quantity)
values (tests.id('org:alpha'), tests.id('co:alpha'), 'M', 'Navy', 120);
select is(array(select cut_order_number from public.cut_orders where org_id in (tests.id('org:alpha'), tests.id('org:beta'))
              order by org_id = tests.id('org:alpha') desc),
  array[1001, 1001], 'cut orders are numbered per organisation');

insert into public.lays (id, org_id, cut_order_id, fabric, colour, shade, marker_length_m, plies, size_ratio, bundle_size)
values (tests.id('lay:alpha'), tests.id('org:alpha'), tests.id('co:alpha'), 'Jersey 180', 'Navy', 'A', 6.4, 40,
        '{"S": 1, "M": 2, "L": 2, "XL": 1}', 20);
select is((select planned_units from public.lays where id = tests.id('lay:alpha')), 240,
  'planned units = plies × the size ratio''s sum (40 × 6)');
select is((select style_id from public.lays where id = tests.id('lay:alpha')), tests.id('style:alpha'),
  'a lay takes its cut order''s style');
update public.lays set plies = 30 where id = tests.id('lay:alpha');
select is((select planned_units from public.lays where id = tests.id('lay:alpha')), 180, 'and keeps it when the plies change');
select is(tests.error_of($$ insert into public.lays (org_id, cut_order_id, fabric, colour, marker_length_m, plies, size_ratio)
                            values (tests.id('org:alpha'), tests.id('co:alpha'), 'J', 'Navy', 5, 10, '{"M": 0}') $$)
          - 'sqlstate' - 'message',
  '{"code": "VALIDATION_FAILED", "hint": {"field": "size_ratio"}}'::jsonb, 'a size with no pieces per ply is refused');
select is(tests.error_of($$ insert into public.lays (org_id, cut_order_id, fabric, colour, marker_length_m, plies, size_ratio)
                            values (tests.id('org:alpha'), tests.id('co:alpha'), 'J', 'Navy', 5, 10, '["M"]') $$) ->> 'code',
  'VALIDATION_FAILED', 'a size ratio that is not an object is refused');
select throws_ok($$ insert into public.lays (org_id, cut_order_id, fabric, colour, marker_length_m, plies, size_ratio)
                    values (tests.id('org:alpha'), tests.id('co:alpha'), 'J', 'Navy', 5, 0, '{"M": 1}') $$,
  '23514', null, 'a lay has at least one ply');

-- ------------------------------------------------------------------ bundles
select tests.set_device('cutting-tablet-1');
insert into public.bundles (id, org_id, style_id, cut_order_id, lay_id, size, colour, shade, quantity, location_id)
values (tests.id('bundle:a1'), tests.id('org:alpha'), tests.id('style:alpha'), tests.id('co:alpha'), tests.id('lay:alpha'),
        'M', 'Navy', 'A', 20, tests.id('location:alpha:Cutting room')),
       (tests.id('bundle:a2'), tests.id('org:alpha'), tests.id('style:alpha'), tests.id('co:alpha'), tests.id('lay:alpha'),
        'L', 'Navy', 'A', 20, tests.id('location:alpha:Cutting room'));
insert into public.bundles (id, org_id, style_id, size, colour, quantity)
values (tests.id('bundle:b1'), tests.id('org:beta'), tests.id('style:beta'), 'M', 'Red', 10);

select is(array(select bundle_number from public.bundles where org_id in (tests.id('org:alpha'), tests.id('org:beta'))
              order by org_id = tests.id('org:alpha') desc, bundle_number),
  array[101, 102, 101], 'bundle numbers are per organisation, from 101');
select is(array(select distinct status from public.bundles where org_id in (tests.id('org:alpha'), tests.id('org:beta'))),
  array['cut'], 'a new bundle starts cut');
select is((select type_definition_id from public.bundles where id = tests.id('bundle:a1')),
  (select id from public.type_definitions where org_id is null and type_code = 'garment-bundle'),
  'and follows the system bundle type');
select is(tests.error_of($$ insert into public.bundles (org_id, style_id, size, colour, quantity, status)
                            values (tests.id('org:alpha'), tests.id('style:alpha'), 'M', 'Navy', 5, 'sewn') $$) ->> 'code',
  'INVALID_TRANSITION', 'a bundle cannot be created sewn');
select is(tests.error_of($$ insert into public.bundles (org_id, style_id, lay_id, size, colour, quantity)
                            values (tests.id('org:alpha'), tests.id('style:alpha'), tests.id('lay:alpha'), 'M', 'Red', 5) $$)
          ->> 'code',
  'VALIDATION_FAILED', 'a bundle from a lay has the lay''s colour');
select throws_ok($$ update public.bundles set rejected_quantity = 21 where id = tests.id('bundle:a1') $$,
  '23514', null, 'rejected pieces never exceed the bundle''s quantity');
select is(tests.error_of($$ update public.bundles set quantity = 25 where id = tests.id('bundle:a1') $$) ->> 'code',
  'VALIDATION_FAILED', 'a bundle keeps its quantity once cut');

-- ------------------------------------------------------------------ status moves and history, every path
-- garment-sew's path: a plain UPDATE of status (and location) inside its functions
update public.bundles set status = 'in_sewing', location_id = tests.id('location:alpha:Line 1') where id = tests.id('bundle:a1');
update public.bundles set status = 'sewn' where id = tests.id('bundle:a1');
-- a location move alone
update public.bundles set location_id = tests.id('location:alpha:Bench') where id = tests.id('bundle:a1');
select is(tests.error_of($$ update public.bundles set status = 'packed' where id = tests.id('bundle:a2') $$) ->> 'code',
  'INVALID_TRANSITION', 'a bundle cannot skip from cut to packed');
select is(tests.error_of($$ update public.bundles set status = 'on_hold' where id = tests.id('bundle:a2') $$)
          -> 'hint' ->> 'field',
  'reason', 'holding a bundle needs a reason');
-- a reason, a scan time and a device from the transaction's settings
select set_config('floorline.fsm_reason', 'Shade mismatch on the lay', true),
       set_config('floorline.bundle_scanned_at', '2026-12-01 09:30:00+00', true),
       set_config('floorline.fsm_device', 'cutting-tablet-2', true);
update public.bundles set status = 'on_hold' where id = tests.id('bundle:a2');
select set_config('floorline.fsm_reason', '', true), set_config('floorline.bundle_scanned_at', '', true),
       set_config('floorline.fsm_device', '', true);

select results_eq(
  $$ select from_status, to_status, transition, from_location_id, to_location_id, scanner_device
     from public.bundle_status_history where bundle_id = tests.id('bundle:a1') order by id $$,
  $$ values (null::text, 'cut'::text, 'init'::text, null::uuid, tests.id('location:alpha:Cutting room'), 'cutting-tablet-1'::text),
            ('cut', 'in_sewing', 'start_sewing', tests.id('location:alpha:Cutting room'), tests.id('location:alpha:Line 1'),
             'cutting-tablet-1'),
            ('in_sewing', 'sewn', 'finish_sewing', tests.id('location:alpha:Line 1'), tests.id('location:alpha:Line 1'),
             'cutting-tablet-1'),
            ('sewn', 'sewn', 'move', tests.id('location:alpha:Line 1'), tests.id('location:alpha:Bench'), 'cutting-tablet-1') $$,
  'history: cut, sewing started (with the move to the line), sewn, then a move alone; device from x-device-id');
select results_eq(
  $$ select from_status, to_status, transition, change_reason, scanned_at, scanner_device
     from public.bundle_status_history where bundle_id = tests.id('bundle:a2') order by id $$,
  $$ values (null::text, 'cut'::text, 'init'::text, null::text, null::timestamptz, 'cutting-tablet-1'::text),
            ('cut', 'on_hold', 'hold', 'Shade mismatch on the lay', '2026-12-01 09:30:00+00'::timestamptz, 'cutting-tablet-2') $$,
  'a hold records its reason, the scan time and the device the transaction names');
select is((select count(*)::int from public.state_history where subject = 'bundle' and subject_id = tests.id('bundle:a1')), 3,
  'the engine''s state_history has the status changes (not the move)');

-- a definition change that removes a state moves the bundles in it through the same trigger
select tests.authenticate_as('manager@alpha.test');
select public.copy_type_definition(tests.id('org:alpha'),
  (select id from public.type_definitions where org_id is null and type_code = 'garment-bundle'), 'our-bundles', 'Our bundles');
select tests.clear_authentication();
insert into public.bundles (id, org_id, style_id, size, colour, quantity)
values (tests.id('bundle:a3'), tests.id('org:alpha'), tests.id('style:alpha'), 'S', 'Navy', 12);
select is((select type_code from public.type_definitions d join public.bundles b on b.type_definition_id = d.id
           where b.id = tests.id('bundle:a3')), 'our-bundles', 'new bundles follow the organisation''s own bundle type');
select tests.authenticate_as('manager@alpha.test');
select public.save_type_definition(
  p_org_id => tests.id('org:alpha'), p_id => (select id from public.type_definitions where type_code = 'our-bundles'),
  p_subject => 'bundle', p_type_code => 'our-bundles', p_type_name => 'Our bundles', p_custom_fields_schema => null,
  p_state_moves => '{"cut": "in_sewing"}',
  p_fsm_schema => $j${"init": "in_sewing", "states": ["in_sewing", "sewn", "packed"], "terminal": ["packed"],
    "transitions": [{"name": "finish_sewing", "from": "in_sewing", "to": "sewn"}, {"name": "pack", "from": "sewn", "to": "packed"}]}$j$);
select tests.clear_authentication();
select results_eq(
  $$ select from_status, to_status, transition, change_reason from public.bundle_status_history
     where bundle_id = tests.id('bundle:a3') order by id $$,
  $$ values (null::text, 'cut'::text, 'init'::text, null::text),
            ('cut', 'in_sewing', 'definition_changed', 'definition changed') $$,
  'a definition change that removes "cut" moves its bundles, and the history says so');

-- ------------------------------------------------------------------ RLS
select tests.authenticate_as('manager@alpha.test');
select is((select count(*)::int from public.styles), 1, 'a manager sees only their organisation''s styles');
select lives_ok($$ insert into public.styles (org_id, product_type_id, code, name)
                   values (tests.id('org:alpha'), tests.id('pt:alpha:TEE'), 'TS-VNECK', 'V-neck tee') $$,
  'a manager adds a style');
select is(tests.rows_changed($$ update public.bundles set status = 'in_sewing' $$), 0,
  'nobody moves bundles directly through the API (RPCs only)');
select throws_ok($$ insert into public.bundle_status_history (org_id, bundle_id, to_status)
                    values (tests.id('org:alpha'), tests.id('bundle:a1'), 'packed') $$,
  '42501', null, 'nor writes their history');
select tests.clear_authentication();

select tests.authenticate_as('manager@beta.test');
select is((select count(*)::int from public.bundles) + (select count(*)::int from public.bundle_status_history b
           where b.org_id = tests.id('org:alpha')) + (select count(*)::int from public.lays)
          + (select count(*)::int from public.cut_orders where org_id = tests.id('org:alpha')),
  1, 'another organisation sees none of alpha''s bundles, history, lays or cut orders (only its own bundle)');
select is(tests.rows_changed($$ update public.lays set plies = 1 $$), 0, 'and changes none of its lays');
select is((select count(*)::int from public.cut_order_lines where org_id = tests.id('org:alpha'))
          + (select count(*)::int from public.styles where org_id = tests.id('org:alpha')), 0,
  'nor sees its cut order lines or styles');
select throws_ok($$ insert into public.cut_order_lines (org_id, cut_order_id, size, colour, quantity)
                    values (tests.id('org:alpha'), tests.id('co:alpha'), 'XL', 'Navy', 5) $$,
  '42501', null, 'nor adds lines to its cut orders');
select tests.clear_authentication();

select tests.act_as_operator('alpha', 'operator@alpha.test', 'A-OP-1');
select is((select count(*)::int from public.bundles), 3, 'an operator reads the bundles');
select is(tests.rows_changed($$ update public.lays set plies = 2 $$) + tests.rows_changed($$ update public.styles set name = 'x' $$)
          + tests.rows_changed($$ update public.cut_orders set notes = 'x' $$), 0,
  'but changes no lay, style or cut order');
select is(tests.rows_changed($$ delete from public.cut_order_lines $$), 0, 'nor deletes cut order lines');
select tests.clear_authentication();

select tests.authenticate_as('supervisor@alpha.test');
select is(tests.rows_changed($$ update public.cut_orders set notes = 'Rush' where id = tests.id('co:alpha') $$), 1,
  'a supervisor plans cut orders');
select tests.clear_authentication();
update public.styles set archived_at = now() where id = tests.id('style:alpha');
select is(tests.error_of($$ insert into public.cut_orders (org_id, style_id) values (tests.id('org:alpha'), tests.id('style:alpha')) $$)
          ->> 'code', 'STYLE_ARCHIVED', 'nothing new is cut for an archived style');

select * from finish();
rollback;
