-- Sewing on the station tablet (issue 14): the bundle card's sewing part (operations in order with
-- blocked / ready / in progress / done), the two sync operations of floor_sync (sewing_scan with the
-- step the operator tapped, sewing_defect found by bundle and operation) applying once under replay,
-- the database's refusals coming back per operation, another workshop refused, and the offline
-- snapshot carrying the bundle's card with its operations.
begin;
select plan(28);
select tests.create_tenancy_fixture();

insert into public.product_types (id, org_id, code, name) values
  (tests.id('pt:alpha:TEE'), tests.id('org:alpha'), 'T-SHIRT', 'T-shirt');
insert into public.styles (id, org_id, product_type_id, code, name) values
  (tests.id('style:alpha'), tests.id('org:alpha'), tests.id('pt:alpha:TEE'), 'TS-CREW', 'Crew tee');
-- A (shoulders) → B (sleeves)
insert into public.sewing_operations (id, org_id, product_type_id, name, sequence_number, standard_minutes, piece_rate,
                                      depends_on, defect_codes) values
  (tests.id('op:A'), tests.id('org:alpha'), tests.id('pt:alpha:TEE'), 'Join shoulders', 1, 0.50, 1.00, '{}',
   '[{"code": "OPEN_SEAM", "label": "Open seam"}]'),
  (tests.id('op:B'), tests.id('org:alpha'), tests.id('pt:alpha:TEE'), 'Set sleeves', 2, 0.80, 1.50, array[tests.id('op:A')],
   '[]');
select tests.create_location('alpha', 'Line 1', 'area');
insert into public.bundles (id, org_id, style_id, size, colour, quantity, rejected_quantity, location_id) values
  (tests.id('bundle:1'), tests.id('org:alpha'), tests.id('style:alpha'), 'M', 'Navy', 12, 2, tests.id('location:alpha:Line 1')),
  (tests.id('bundle:2'), tests.id('org:alpha'), tests.id('style:alpha'), 'L', 'Navy', 10, 0, null);
insert into public.floor_items (org_id, kind, bundle_id) values (tests.id('org:alpha'), 'bundle', tests.id('bundle:1'));

create function pg_temp.op(p_name text, p_client text, p_args jsonb) returns jsonb language sql as $$
  select public.floor_sync(jsonb_build_array(jsonb_build_object('op', p_name, 'client_id', tests.id(p_client),
                                                                'args', p_args))) -> 'results' -> 0
$$;
create function pg_temp.scan(p_client text, p_op text, p_step text, p_more jsonb default '{}') returns jsonb language sql as $$
  select pg_temp.op('sewing_scan', p_client, jsonb_build_object('bundle_id', tests.id('bundle:1'),
                    'operation_id', tests.id(p_op), 'step', p_step) || p_more)
$$;
create function pg_temp.card_op(p_op text) returns jsonb language sql security definer as $$
  select e from jsonb_array_elements(app.floor_bundle_sewing(tests.id('bundle:1')) -> 'operations') e
  where e ->> 'operation_id' = tests.id(p_op)::text
$$;
create function pg_temp.ro(p_op text) returns public.sewing_run_operations language sql as $$
  select ro.* from public.sewing_run_operations ro join public.sewing_runs r on r.id = ro.sewing_run_id
  where r.bundle_id = tests.id('bundle:1') and ro.operation_id = tests.id(p_op)
$$;

create function pg_temp.replays(p_ids uuid[]) returns integer language sql security definer as $$
  select count(*)::int from app.rpc_replays where client_id = any (p_ids)
$$;

-- ------------------------------------------------------------------ the card before any run
select is(jsonb_path_query_array(app.floor_bundle_sewing(tests.id('bundle:1')), '$.operations[*].name'),
  '["Join shoulders", "Set sleeves"]', 'the card lists the product type''s operations in sequence');
select is(pg_temp.card_op('op:A') ->> 'state', 'ready', 'shoulders are ready');
select is(pg_temp.card_op('op:B') -> 'blocked_by', '["Join shoulders"]', 'sleeves are blocked, by name');
select is((pg_temp.card_op('op:A') ->> 'max_units')::int, 10, 'at most the bundle''s good units (12 − 2)');
select is((select app.floor_item_card('bundle', tests.id('bundle:1')) -> 'bundle' -> 'sewing' ->> 'product_type'),
  'T-SHIRT', 'the scan card of the bundle carries it');

-- ------------------------------------------------------------------ the sync operations
select tests.act_as_operator('alpha', 'operator@alpha.test', 'A-OP-1');
select is((select (r -> 'error' ->> 'details') || ': ' || (r -> 'error' ->> 'message')
           from pg_temp.scan('s-b-1', 'op:B', 'start') r),
  'OPERATION_DEPENDENCY_PENDING: Finish Join shoulders first: this operation depends on it',
  'a start before its dependency is refused with the trigger''s words');
select is((pg_temp.scan('s-a-1', 'op:A', 'complete') -> 'error' ->> 'details'), 'RUN_OPERATION_STATUS',
  'a completion of an operation not started is refused (never a start)');
select is((pg_temp.scan('s-a-2', 'op:A', 'start') -> 'data' ->> 'did'), 'started', 'shoulders start');
select is((pg_temp.scan('s-a-2', 'op:A', 'start') -> 'data' ->> 'replayed'), 'true', 'the same client id again is a replay');
select is((select count(*)::int from public.sewing_runs where bundle_id = tests.id('bundle:1')), 1, 'one run');
select is((pg_temp.ro('op:A')).operator_id, (select id from public.members where badge_code = 'A-OP-1'),
  'started for the operator PINed in');
select is((pg_temp.scan('s-a-3', 'op:A', 'start') -> 'error' ->> 'details'), 'RUN_OPERATION_STATUS',
  'a second tap on Start (another client id) does not complete it');
select is((pg_temp.ro('op:A')).status::text, 'IN_PROGRESS', 'still in progress');
select is((select r -> 'data' -> 'sewing' -> 'operations' -> 0 ->> 'state' from pg_temp.scan('s-a-2', 'op:A', 'start') r),
  'in_progress', 'answers carry the card''s sewing part as it is now');

select is((pg_temp.scan('s-a-4', 'op:A', 'complete', '{"units": 11}') -> 'error' ->> 'details'), 'UNITS_EXCEED_BUNDLE',
  'units over the bundle''s good units are refused');
select is((pg_temp.op('sewing_defect', 'd-a-1', jsonb_build_object('bundle_id', tests.id('bundle:1'),
            'operation_id', tests.id('op:A'), 'defect_code', 'OPEN_SEAM')) -> 'data' -> 'sewing' -> 'operations' -> 0
            -> 'defect_tally' ->> 'OPEN_SEAM'), '1', 'a defect tap with the operation''s code');
select is((pg_temp.op('sewing_defect', 'd-a-1', jsonb_build_object('bundle_id', tests.id('bundle:1'),
            'operation_id', tests.id('op:A'), 'defect_code', 'OPEN_SEAM')) -> 'data' ->> 'replayed'), 'true',
  'replayed, not counted again');
select is((pg_temp.ro('op:A')).defects_found, 1, 'one defect');
select is((pg_temp.scan('s-a-5', 'op:A', 'complete') -> 'data' ->> 'did'), 'completed', 'shoulders complete');
select is((pg_temp.ro('op:A')).units_completed, 10, 'with the bundle''s good units by default');
select is((pg_temp.scan('s-a-5', 'op:A', 'complete') -> 'data' ->> 'replayed'), 'true', 'a replay of the completion');
select is(pg_temp.replays(array[tests.id('s-a-2'), tests.id('s-a-5')]), 2,
  'each client id stored once');
select is(pg_temp.card_op('op:B') ->> 'state', 'ready', 'sleeves are ready now');
select is((pg_temp.scan('s-b-2', 'op:B', 'start') -> 'data' ->> 'did'), 'started', 'and start');
select is((select pg_temp.op('sewing_defect', 'd-2', jsonb_build_object('bundle_id', tests.id('bundle:2'),
            'operation_id', tests.id('op:A'))) -> 'error' ->> 'details'), 'RUN_OPERATION_STATUS',
  'a defect on a bundle with no run yet: start first');

-- ------------------------------------------------------------------ the offline snapshot
select is((select e -> 'bundle' -> 'sewing' -> 'operations' -> 1 ->> 'state'
           from jsonb_array_elements(public.floor_offline_data(
                  (select r.location_id from public.sewing_runs r where r.bundle_id = tests.id('bundle:1'))) -> 'items') e
           where e ->> 'kind' = 'bundle'), 'in_progress',
  'the snapshot of the station''s location has the card of the bundle it sews, with its operations');
select tests.clear_authentication();

-- ------------------------------------------------------------------ another workshop
select tests.act_as_operator('beta', 'operator@beta.test', 'B-OP-1');
select is((pg_temp.op('sewing_scan', 'x-1', jsonb_build_object('org_id', tests.id('org:alpha'), 'bundle_id',
            tests.id('bundle:1'), 'operation_id', tests.id('op:B'), 'step', 'complete')) -> 'error' ->> 'details'),
  'FORBIDDEN', 'an operator of another workshop is refused');
select is((pg_temp.op('sewing_scan', 'x-2', jsonb_build_object('bundle_id', tests.id('bundle:1'),
            'operation_id', tests.id('op:B'), 'step', 'complete')) -> 'error' ->> 'details'),
  'BUNDLE_NOT_FOUND', 'in their own workshop there is no such bundle');
select tests.clear_authentication();

select * from finish();
rollback;
