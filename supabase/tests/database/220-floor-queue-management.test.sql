-- Running the floor (issue 18): supervisors reorder, move, bulk-change and balance queue work;
-- operators cannot reorder or reassign others' work; priority-rule previews validate like the table;
-- location capacity refuses or warns on every path.
begin;
select plan(27);
select tests.create_tenancy_fixture();
select tests.create_production_fixture();
select tests.create_floor_fixture();

-- three entries in Bench, all normal
select tests.authenticate_as('supervisor@alpha.test');
update public.floor_queues set max_items = 20 where id = tests.id('queue:alpha:bench');
create temporary table e on commit drop as select
  (public.floor_queue_add(null, tests.id('queue:alpha:bench'), tests.id('order:alpha:3')) -> 'queue_item' ->> 'id')::uuid as o3,
  (public.floor_queue_add(null, tests.id('queue:alpha:bench'), tests.id('order:alpha:5')) -> 'queue_item' ->> 'id')::uuid as o5,
  (public.floor_queue_add(null, tests.id('queue:alpha:bench'), tests.id('order:alpha:6')) -> 'queue_item' ->> 'id')::uuid as o6;
grant select on e to authenticated;

-- ------------------------------------------------------------------ reorder
select lives_ok(format($$select public.floor_queue_reorder(gen_random_uuid(), %L, array[%L, %L, %L]::uuid[])$$,
  tests.id('queue:alpha:bench'), (select o6 from e), (select o3 from e), (select o5 from e)),
  'a supervisor reorders the waiting work');
select is(array(select x -> 'item' ->> 'number' from jsonb_array_elements(
  public.floor_queue_items(tests.id('queue:alpha:bench')) -> 'items') x),
  array['ALPHA-6', 'ALPHA-3', 'ALPHA-5'], 'the queue reads in the new order');
select public.floor_queue_update_item(null, (select o5 from e), 'high');
select is(tests.error_of(format($$select public.floor_queue_reorder(null, %L, array[%L, %L]::uuid[])$$,
  tests.id('queue:alpha:bench'), (select o3 from e), (select o5 from e))) ->> 'code', 'QUEUE_ORDER_CONFLICT',
  'normal work cannot be ranked above high-priority work');
select is(tests.error_of(format($$select public.floor_queue_reorder(null, %L, array[%L]::uuid[])$$,
  tests.id('queue:alpha:sanding'), (select o3 from e))) ->> 'code', 'VALIDATION_FAILED',
  'only this queue''s waiting entries can be ranked');

select tests.start_floor_session('alpha', 'operator@alpha.test', 'A-OP-1') as sid \gset
select is(tests.error_of(format($$select public.floor_queue_reorder(null, %L, array[%L, %L]::uuid[])$$,
  tests.id('queue:alpha:bench'), (select o3 from e), (select o6 from e))) ->> 'code', 'FORBIDDEN',
  'an operator cannot reorder');
select is(public.floor_next_item(tests.id('queue:alpha:bench'), null, :'sid') -> 'queue_item' -> 'item' ->> 'number',
  'ALPHA-5', 'pulls take priority first');
select is(public.floor_next_item(tests.id('queue:alpha:bench'), null, :'sid') -> 'queue_item' -> 'item' ->> 'number',
  'ALPHA-6', 'then the supervisor''s order (6 before 3, though 3 is older)');

-- ------------------------------------------------------------------ operators and others' work
-- assignment in a queue with a location goes to someone PINed in there (222): operator2 works at Bench
-- (on another tablet: the fixture's one station holds one PIN-in)
select tests.clear_authentication();
insert into public.floor_sessions (org_id, member_id, user_id, location_id, device_id)
  values (tests.id('org:alpha'), tests.id('member:alpha:operator2@alpha.test'), tests.user_id('operator2@alpha.test'),
          tests.id('location:alpha:Bench'), 'tablet-2');
select tests.authenticate_as('supervisor@alpha.test');
select public.floor_queue_assign(null, (select o3 from e), tests.id('member:alpha:operator2@alpha.test'));
select tests.authenticate_as_operator('operator@alpha.test', 'alpha');
select is(tests.error_of(format($$select public.floor_queue_assign(null, %L, %L)$$, (select o3 from e),
  tests.id('member:alpha:operator@alpha.test'))) ->> 'code', 'FORBIDDEN', 'an operator cannot take someone else''s work');
select is(tests.error_of(format($$select public.floor_queue_bulk(null, array[%L]::uuid[], 'unassign')$$, (select o3 from e)))
  ->> 'code', 'FORBIDDEN', 'nor unassign it in bulk');
select is(tests.error_of(format($$select public.floor_queue_move(null, %L, %L)$$, (select o3 from e),
  tests.id('queue:alpha:sanding'))) ->> 'code', 'FORBIDDEN', 'nor move it');
select is(tests.error_of(format($$update public.floor_queue_items set assigned_to = null where id = %L$$, (select o3 from e)))
  ->> 'sqlstate', '42501', 'nor write entries directly');

-- ------------------------------------------------------------------ move and bulk
select tests.authenticate_as('supervisor@alpha.test');
create temporary table mv on commit drop as
  select public.floor_queue_move(gen_random_uuid(), (select o3 from e), tests.id('queue:alpha:sanding')) as a;
grant select on mv to authenticated;
select is((select a -> 'queue_item' ->> 'queue_name' from mv), 'Sanding', 'a supervisor moves waiting work to another queue');
select is((select a -> 'queue_item' -> 'assigned_to' ->> 'display_name' from mv), 'operator2', 'keeping its assignee');
select is((select status::text from public.floor_queue_items where id = (select o3 from e)), 'removed', 'it left the old queue');
select is(tests.error_of(format($$select public.floor_queue_move(null, %L, %L)$$, (select o5 from e),
  tests.id('queue:alpha:sanding'))) ->> 'code', 'QUEUE_ITEM_CLOSED', 'work in progress does not move');
select is(tests.error_of(format($$select public.floor_queue_move(null, %L, %L)$$, (select (a -> 'queue_item' ->> 'id') from mv),
  tests.id('queue:beta:main'))) ->> 'code', 'QUEUE_NOT_FOUND', 'nor into another workshop''s queue');
select is((public.floor_queue_bulk(gen_random_uuid(), array[(select (a -> 'queue_item' ->> 'id')::uuid from mv)], 'priority',
  p_priority => 'urgent') ->> 'count')::int, 1, 'bulk priority change');
select is(tests.error_of($$select public.floor_queue_bulk(null, '{}'::uuid[], 'assign')$$) ->> 'code', 'VALIDATION_FAILED',
  'bulk needs entries');

-- ------------------------------------------------------------------ priority rules
select is(tests.error_of(format($$select public.floor_priority_preview(%L, '[{"condition": "colour = red", "priority": "high"}]')$$,
  tests.id('org:alpha'))) ->> 'code', 'VALIDATION_FAILED', 'a rule on an unknown field is refused in the preview');
select is(tests.error_of($$update public.floor_queues set priority_rules = '[{"condition": "due_in_days <= x", "priority": "high"}]'$$)
  ->> 'code', 'VALIDATION_FAILED', 'and by the table');
select ok(jsonb_array_length(public.floor_priority_preview(tests.id('org:alpha'),
  '[{"condition": "priority = standard", "priority": "low"}]')) > 0, 'the preview ranks today''s work');
select is((select count(*)::int from jsonb_array_elements(public.floor_priority_preview(tests.id('org:alpha'),
  '[{"condition": "kind = batch", "priority": "urgent"}]')) x where x ->> 'priority' <> 'urgent' or x ->> 'matched_rule' <> '0'),
  0, 'every batch matches rule 0 and ranks urgent');

-- ------------------------------------------------------------------ capacity
select public.floor_queue_add(null, tests.id('queue:alpha:bench'), tests.id('order:alpha:4'));
select tests.clear_authentication();
insert into public.floor_location_capacity (org_id, location_id, max_items, over_capacity)
  values (tests.id('org:alpha'), tests.id('location:alpha:Bench'), 1, 'refuse');
select tests.authenticate_as_operator('operator@alpha.test', 'alpha');
select is(tests.error_of(format($$select public.floor_next_item(%L, null, %L)$$, tests.id('queue:alpha:bench'), :'sid'))
  ->> 'code', 'LOCATION_FULL', 'a location set to refuse refuses a start over its item limit');
select tests.clear_authentication();
update public.floor_location_capacity set over_capacity = 'warn', max_people = 1;
select tests.authenticate_as('supervisor@alpha.test');
select ok((select (x ->> 'over')::boolean from jsonb_array_elements(public.floor_location_load(tests.id('org:alpha'))) x
  where x ->> 'name' = 'Bench'), 'a warn location over its limit shows as over');
select tests.authenticate_as('manager@beta.test');
select is(tests.error_of($$insert into public.floor_location_capacity (org_id, location_id, max_people)
  values (tests.id('org:alpha'), tests.id('location:alpha:Bench'), 3)$$) ->> 'sqlstate', '42501',
  'another workshop cannot set this one''s capacity');
select tests.authenticate_as_operator('operator@alpha.test', 'alpha');
select is(tests.error_of($$update public.floor_location_capacity set max_people = 50$$), null, 'an operator''s update runs');
select tests.clear_authentication();
select is((select max_people from public.floor_location_capacity), 1, 'but changes nothing');

select * from finish();
rollback;
