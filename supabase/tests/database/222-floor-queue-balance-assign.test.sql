-- Running the floor (issue 18): floor_queue_balance (arrays, 20261204061000) suggests without
-- writing, applies the same moves, never above member_capacity, replays an applied balance by its
-- client id; assignment in a queue with a location goes only to someone PINed in there
-- (NOT_AT_LOCATION, 20261204062000).
begin;
select plan(22);
select tests.create_tenancy_fixture();
select tests.create_production_fixture();
select tests.create_floor_fixture();
select is((select status from app.error_codes where code = 'NOT_AT_LOCATION'), 422, 'NOT_AT_LOCATION is a registered 422');

select tests.authenticate_as('supervisor@alpha.test');
update public.floor_queues set max_items = 20, member_capacity = 2 where id = tests.id('queue:alpha:bench');
create temporary table e on commit drop as select
  (public.floor_queue_add(null, tests.id('queue:alpha:bench'), tests.id('order:alpha:' || n)) -> 'queue_item' ->> 'id')::uuid as id, n
  from generate_series(1, 5) n;
grant select on e to authenticated;
create temporary table r (k text primary key, a jsonb) on commit drop;
grant select, insert on r to authenticated;

-- ------------------------------------------------------------------ assign only to someone PINed in there
select is(tests.error_of(format($$select public.floor_queue_assign(null, %L, %L)$$, (select id from e where n = 1),
  tests.id('member:alpha:operator2@alpha.test'))) ->> 'code', 'NOT_AT_LOCATION',
  'work in the Bench queue does not go to someone not PINed in at Bench');
select is(tests.error_of(format($$select public.floor_queue_assign(null, %L, %L)$$, (select id from e where n = 1),
  tests.id('member:alpha:operator2@alpha.test'))) -> 'hint' ->> 'field', 'member_id', 'the error names the member field');
select is(tests.error_of(format($$select public.floor_queue_bulk(null, array[%L, %L]::uuid[], 'assign', %L)$$,
  (select id from e where n = 1), (select id from e where n = 2), tests.id('member:alpha:operator2@alpha.test'))) ->> 'code',
  'NOT_AT_LOCATION', 'nor in bulk');
select is((select count(*)::int from public.floor_queue_items where id in (select id from e) and assigned_to is not null), 0,
  'and nothing was assigned');
select tests.clear_authentication();
insert into public.floor_queues (id, org_id, name) values (tests.id('queue:alpha:anywhere'), tests.id('org:alpha'), 'Anywhere');
select tests.authenticate_as('supervisor@alpha.test');
select lives_ok(format($$select public.floor_queue_assign(null, (public.floor_queue_add(null, %L, %L) -> 'queue_item' ->> 'id')::uuid, %L)$$,
  tests.id('queue:alpha:anywhere'), tests.id('order:alpha:6'), tests.id('member:alpha:operator2@alpha.test')),
  'a queue without a location still takes any active member');

-- both operators work at Bench
select tests.start_floor_session('alpha', 'operator@alpha.test', 'A-OP-1', 'tablet-1') as s1 \gset
-- (operator2 on a second tablet: the fixture's one station holds one PIN-in)
select tests.clear_authentication();
insert into public.floor_sessions (org_id, member_id, user_id, location_id, device_id)
  values (tests.id('org:alpha'), tests.id('member:alpha:operator2@alpha.test'), tests.user_id('operator2@alpha.test'),
          tests.id('location:alpha:Bench'), 'tablet-2');
select tests.authenticate_as('supervisor@alpha.test');
select is(public.floor_queue_assign(null, (select id from e where n = 1), tests.id('member:alpha:operator2@alpha.test'))
  -> 'queue_item' -> 'assigned_to' ->> 'display_name', 'operator2', 'once PINed in at Bench, they get the work');
select lives_ok(format($$select public.floor_queue_assign(null, %L, null)$$, (select id from e where n = 1)),
  'unassigning needs nobody');

-- ------------------------------------------------------------------ balance: suggest
-- five unassigned entries, two workers at Bench, capacity 2 each
insert into r select 'suggest', public.floor_queue_balance(null, tests.id('queue:alpha:bench'));
select is((select a ->> 'applied' from r where k = 'suggest'), 'false', 'a suggestion says it is not applied');
select is((select jsonb_array_length(a -> 'moves') from r where k = 'suggest'), 4,
  'it hands out four entries (two workers × capacity 2), not five');
select is((select max(c)::int from (select count(*) c from jsonb_array_elements((select a -> 'moves' from r where k = 'suggest')) m
  group by m -> 'to' ->> 'member_id') x), 2, 'nobody is suggested more than their capacity');
select is((select count(*)::int from public.floor_queue_items where id in (select id from e) and assigned_to is not null), 0,
  'a suggestion writes nothing');

-- ------------------------------------------------------------------ balance: apply, replay
insert into r select 'apply', public.floor_queue_balance('00000000-0000-4000-8000-0000000000b1', tests.id('queue:alpha:bench'), true);
select is((select a ->> 'applied' from r where k = 'apply'), 'true', 'applied');
select is((select a -> 'moves' from r where k = 'apply'), (select a -> 'moves' from r where k = 'suggest'),
  'applying makes exactly the suggested moves');
select is((select array_agg(c order by c) from (select count(*)::int c from public.floor_queue_items
  where id in (select id from e) and assigned_to is not null group by assigned_to) x), array[2, 2],
  'each worker now holds two, at capacity');
select is((select count(*)::int from public.floor_queue_items where id in (select id from e) and assigned_to is null), 1,
  'the fifth stays unassigned');
create temporary table before_replay on commit drop as
  select id, assigned_to, assigned_at, updated_at from public.floor_queue_items where id in (select id from e);
grant select on before_replay to authenticated;
insert into r select 'replay', public.floor_queue_balance('00000000-0000-4000-8000-0000000000b1', tests.id('queue:alpha:bench'), true);
select is((select a -> 'moves' from r where k = 'replay'), (select a -> 'moves' from r where k = 'apply'),
  'the same client id replays the stored answer');
select is((select count(*)::int from public.floor_queue_items qi join before_replay b using (id)
  where qi.updated_at is distinct from b.updated_at or qi.assigned_to is distinct from b.assigned_to), 0,
  'and changes nothing');
select is(jsonb_array_length(public.floor_queue_balance(gen_random_uuid(), tests.id('queue:alpha:bench'), true) -> 'moves'), 0,
  'a new balance at capacity moves nothing');

-- ------------------------------------------------------------------ balance: uneven load
-- capacity 4, all five on operator: 5 against 0
update public.floor_queues set member_capacity = 4 where id = tests.id('queue:alpha:bench');
select public.floor_queue_bulk(null, array(select id from e), 'assign', tests.id('member:alpha:operator@alpha.test'));
select is(public.floor_queue_balance(null, tests.id('queue:alpha:bench')) #>> '{moves,0,from,display_name}', 'operator',
  'with 5 against 0, balance takes from the busiest');
select is(jsonb_array_length(public.floor_queue_balance(null, tests.id('queue:alpha:bench')) -> 'moves'), 2,
  'until they differ by at most one (5/0 → 3/2)');

-- ------------------------------------------------------------------ who may
select tests.authenticate_as_operator('operator@alpha.test', 'alpha');
select is(tests.error_of(format($$select public.floor_queue_balance(null, %L, true)$$, tests.id('queue:alpha:bench'))) ->> 'code',
  'FORBIDDEN', 'an operator cannot balance');

select * from finish();
rollback;
