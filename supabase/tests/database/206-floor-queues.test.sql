-- Queues: priorities by rule, max items, assignment and auto-assignment by capacity, pulls in
-- priority order that never hand out an entry twice (here sequentially; concurrency is tested from
-- TypeScript with 20 parallel pulls), an item in progress in one queue only, metrics.
begin;
select plan(32);
select tests.create_tenancy_fixture();
select tests.create_production_fixture();
select tests.create_floor_fixture();
update public.orders set priority = 'rush' where id = tests.id('order:alpha:4');

select tests.start_floor_session('alpha', 'operator@alpha.test', 'A-OP-1') as sid \gset

-- ------------------------------------------------------------------ adding
create temporary table added on commit drop as select
  public.floor_queue_add(tests.id('qa-3'), tests.id('queue:alpha:bench'), tests.id('order:alpha:3')) as o3,
  public.floor_queue_add(tests.id('qa-4'), tests.id('queue:alpha:bench'), tests.id('order:alpha:4')) as o4,
  public.floor_queue_add(tests.id('qa-5'), tests.id('queue:alpha:bench'), tests.id('order:alpha:5'), 'low') as o5;
grant select on added to authenticated;
select is((select o3 -> 'queue_item' ->> 'priority' from added), 'normal', 'a standard order waits at normal priority');
select is((select o4 -> 'queue_item' ->> 'priority' from added), 'urgent', 'the rule "priority = rush" makes it urgent');
select is((select o5 -> 'queue_item' ->> 'priority' from added), 'low', 'an explicit priority wins');
select is((select o3 -> 'queue_item' -> 'item' ->> 'number' from added), 'ALPHA-3', 'entries name their item');
select throws_ok(format($$select public.floor_queue_add(gen_random_uuid(), %L, %L)$$, tests.id('queue:alpha:bench'),
                        tests.id('order:alpha:3')),
  'PT409', 'That item is already in queue Bench', 'an item is in a queue once');
select throws_ok(format($$select public.floor_queue_add(gen_random_uuid(), %L, %L)$$, tests.id('queue:alpha:bench'),
                        tests.id('order:alpha:6')),
  'PT422', 'Queue Bench is full (3 items)', 'max_items is enforced');
select is(public.floor_queue_add(tests.id('qa-3'), tests.id('queue:alpha:bench'), tests.id('order:alpha:3')) ->> 'replayed',
  'true', 'a retried add replays');

-- ------------------------------------------------------------------ pulling
create temporary table pulls on commit drop as
  select 1 as n, public.floor_next_item(tests.id('queue:alpha:bench'), tests.id('pull-1'), :'sid') as a;
grant select on pulls to authenticated;
select is((select a -> 'queue_item' -> 'item' ->> 'number' from pulls where n = 1), 'ALPHA-4', 'urgent work comes first');
select is((select a -> 'queue_item' ->> 'status' from pulls where n = 1), 'in_progress', 'the pull starts it');
select is((select a -> 'queue_item' -> 'assigned_to' ->> 'display_name' from pulls where n = 1), 'operator',
  'and assigns it to the puller');
select is((select a -> 'item' ->> 'number' from pulls where n = 1), 'ALPHA-4', 'with the item card');
select is(public.floor_next_item(tests.id('queue:alpha:bench'), tests.id('pull-1'), :'sid') -> 'queue_item' ->> 'id',
  (select a -> 'queue_item' ->> 'id' from pulls where n = 1), 'a retried pull gets the same entry back');
insert into pulls select 2, public.floor_next_item(tests.id('queue:alpha:bench'), tests.id('pull-2'));
insert into pulls select 3, public.floor_next_item(tests.id('queue:alpha:bench'), tests.id('pull-3'));
insert into pulls select 4, public.floor_next_item(tests.id('queue:alpha:bench'), tests.id('pull-4'));
select is(array(select a -> 'queue_item' -> 'item' ->> 'number' from pulls order by n),
  array['ALPHA-4', 'ALPHA-3', 'ALPHA-5', null], 'then normal, then low, then nothing: each entry once');
select is((select count(distinct a -> 'queue_item' ->> 'id')::int from pulls), 3, 'no entry handed out twice');
select is((public.floor_queue_metrics(tests.id('queue:alpha:bench')) ->> 'in_progress')::int, 3, 'metrics: three in progress');
select is(public.floor_queue_complete(gen_random_uuid(), (select (a -> 'queue_item' ->> 'id')::uuid from pulls where n = 1), :'sid')
          -> 'queue_item' ->> 'status', 'completed', 'completing an entry');
create temporary table m on commit drop as select public.floor_queue_metrics(tests.id('queue:alpha:bench')) as a;
grant select on m to authenticated;
select is((select (a ->> 'completed_today')::int from m), 1, 'metrics: completed today');
select is((select (a ->> 'waiting')::int from m), 0, 'metrics: waiting');
select is((select (a ->> 'average_processing_minutes')::numeric from m), 0.0, 'metrics: average processing time');
select ok((select a ? 'average_wait_minutes' from m), 'metrics: average wait time');
select ok((select pg_get_functiondef('public.floor_next_item(uuid, uuid, uuid)'::regprocedure) ~* 'for update skip locked'),
  'pulls lock the entry they take and skip entries others are taking');
select tests.clear_authentication();
select is((select items_processed from public.floor_sessions where id = :'sid'), 1, 'the session counts the completed item');

-- ------------------------------------------------------------------ assignment
select tests.authenticate_as('supervisor@alpha.test');
select is(public.floor_queue_add(gen_random_uuid(), tests.id('queue:alpha:sanding'), tests.id('batch:alpha:1'),
                                 p_assigned_to => tests.id('member:alpha:operator2@alpha.test'))
          -> 'queue_item' ->> 'estimated_duration_minutes', '240.00',
  'a supervisor assigns work; the estimate comes from the catalogue (2 orders × 2 h sanding)');
select public.floor_queue_add(gen_random_uuid(), tests.id('queue:alpha:sanding'), tests.id('order:alpha:6'));
select tests.clear_authentication();
insert into public.floor_queues (id, org_id, name) values (tests.id('queue:alpha:spare'), tests.id('org:alpha'), 'Spare');
select tests.authenticate_as('supervisor@alpha.test');
select public.floor_queue_add(gen_random_uuid(), tests.id('queue:alpha:spare'), tests.id('order:alpha:6'));
select tests.clear_authentication();

select tests.act_as_operator('alpha', 'operator@alpha.test', 'A-OP-1');
select is(public.floor_next_item(tests.id('queue:alpha:sanding')) -> 'queue_item' -> 'item' ->> 'number', 'ALPHA-6',
  'work assigned to someone else is skipped');
select tests.clear_authentication();
select tests.act_as_operator('alpha', 'operator2@alpha.test', 'A-OP-2');
select is(public.floor_next_item(tests.id('queue:alpha:spare')) -> 'queue_item', 'null'::jsonb,
  'an item in progress in one queue is not handed out from another');
select is(public.floor_next_item(tests.id('queue:alpha:sanding')) -> 'queue_item' -> 'item' ->> 'number', 'ALPHA-B1',
  'work assigned to me comes to me');
select throws_ok(format($$select public.floor_queue_assign(gen_random_uuid(), %L, %L)$$,
                        (select a -> 'queue_item' ->> 'id' from pulls where n = 3), tests.id('member:alpha:operator2@alpha.test')),
  'PT403', null, 'operators cannot take work assigned to someone else');
select throws_ok(format($$select public.floor_queue_update_item(gen_random_uuid(), %L, 'urgent')$$,
                        (select a -> 'queue_item' ->> 'id' from pulls where n = 3)),
  'PT403', null, 'nor change priorities');
select tests.clear_authentication();

-- ------------------------------------------------------------------ auto-assign by capacity
insert into public.floor_queues (id, org_id, name, location_id, auto_assign, member_capacity)
  values (tests.id('queue:alpha:auto'), tests.id('org:alpha'), 'Auto', tests.id('location:alpha:Bench'), true, 1);
select tests.start_floor_session('alpha', 'operator2@alpha.test', 'A-OP-2', 'tablet-2');
select tests.clear_authentication();
select tests.authenticate_as('supervisor@alpha.test');
select tests.set_device('laptop');
select public.floor_start_session(p_org_id => tests.id('org:alpha'), p_location_id => tests.id('location:alpha:Bench'));
create temporary table auto on commit drop as select
  public.floor_queue_add(gen_random_uuid(), tests.id('queue:alpha:auto'), tests.id('order:alpha:1')) as a1,
  public.floor_queue_add(gen_random_uuid(), tests.id('queue:alpha:auto'), tests.id('order:alpha:2')) as a2,
  public.floor_queue_add(gen_random_uuid(), tests.id('queue:alpha:auto'), tests.id('order:alpha:3')) as a3;
grant select on auto to authenticated;
select ok((select a1 -> 'queue_item' -> 'assigned_to' ->> 'member_id' is not null
                  and a2 -> 'queue_item' -> 'assigned_to' ->> 'member_id' is not null
                  and a1 -> 'queue_item' -> 'assigned_to' ->> 'member_id' <> a2 -> 'queue_item' -> 'assigned_to' ->> 'member_id'
           from auto), 'auto-assign spreads work over the people working at the queue''s location');
select is((select a3 -> 'queue_item' -> 'assigned_to' from auto), 'null'::jsonb,
  'and leaves work unassigned when everyone is at capacity');
select tests.clear_authentication();

-- ------------------------------------------------------------------ other organisations
select tests.act_as_operator('beta', 'operator@beta.test', 'B-OP-1');
select throws_ok(format($$select public.floor_next_item(%L)$$, tests.id('queue:alpha:bench')), 'PT404', 'Queue not found',
  'another workshop''s queue does not exist for me');
select throws_ok(format($$select public.floor_queue_add(gen_random_uuid(), %L, %L)$$, tests.id('queue:beta:main'),
                        tests.id('order:alpha:5')),
  'PT404', 'Item not found in this workshop', 'nor can its items join my queue');
select tests.clear_authentication();

select * from finish();
rollback;
