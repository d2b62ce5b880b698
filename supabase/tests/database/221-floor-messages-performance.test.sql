-- Running the floor (issue 18): supervisor messages shown until acknowledged, per organisation;
-- operator flags; workload and balance; performance and session history (operators: their own).
begin;
select plan(22);
select tests.create_tenancy_fixture();
select tests.create_production_fixture();
select tests.create_floor_fixture();

select tests.start_floor_session('alpha', 'operator@alpha.test', 'A-OP-1') as sid \gset
select public.floor_update_session(:'sid', tests.id('location:alpha:Bench'));

-- ------------------------------------------------------------------ messages
select tests.authenticate_as('supervisor@alpha.test');
create temporary table msg on commit drop as
  select public.floor_message_send(tests.id('org:alpha'), ' Material for B-2 arrives at 2 pm ',
                                   p_location_id => tests.id('location:alpha:Bench')) as a;
grant select on msg to authenticated;
select is((select a ->> 'body' from msg), 'Material for B-2 arrives at 2 pm', 'a supervisor sends a message to a location');
select is(tests.error_of(format($$select public.floor_message_send(%L, 'hi', %L, %L)$$, tests.id('org:alpha'),
  tests.id('location:alpha:Bench'), tests.id('team:alpha:Crew'))) ->> 'code', 'VALIDATION_FAILED', 'to one addressee only');
select is(tests.error_of(format($$select public.floor_message_send(%L, '', %L)$$, tests.id('org:alpha'),
  tests.id('location:alpha:Bench'))) ->> 'code', 'VALIDATION_FAILED', 'an empty message is refused');
select is(tests.error_of(format($$select public.floor_message_send(%L, 'x', %L)$$, tests.id('org:alpha'),
  tests.id('location:beta:Bench'))) ->> 'code', 'LOCATION_NOT_FOUND', 'another workshop''s location is unknown');

select tests.authenticate_as_operator('operator@alpha.test', 'alpha');
select is(tests.error_of(format($$select public.floor_message_send(%L, 'hello', p_member_id => %L)$$, tests.id('org:alpha'),
  tests.id('member:alpha:operator2@alpha.test'))) ->> 'code', 'FORBIDDEN', 'operators do not send messages');
select is(jsonb_array_length(public.floor_my_messages(tests.id('org:alpha'))), 1, 'the operator at that location sees the banner');
select ok((public.floor_message_ack((select (a ->> 'id')::uuid from msg)) ->> 'acknowledged_at') is not null, 'and acknowledges it');
select is(jsonb_array_length(public.floor_my_messages(tests.id('org:alpha'))), 0, 'then it is gone from their tablet');

select tests.authenticate_as('supervisor@alpha.test');
select is((select x -> 'acks' -> 0 ->> 'display_name' from jsonb_array_elements(public.floor_message_log(tests.id('org:alpha'))) x),
  'operator', 'the supervisor sees who acknowledged it');
select tests.authenticate_as('owner@beta.test');
select is(jsonb_array_length(public.floor_my_messages(tests.id('org:beta'))), 0, 'another workshop sees none of it');
select is((select count(*)::int from public.floor_messages), 0, 'not even by reading the table');
select is(tests.error_of(format($$select public.floor_message_ack(%L)$$, (select (a ->> 'id')::uuid from msg))) ->> 'code',
  'MESSAGE_NOT_FOUND', 'nor acknowledge it');
select ok(not app_realtime.can_read('org:' || tests.id('org:alpha') || ':messages'), 'nor receive its broadcasts');

-- ------------------------------------------------------------------ flags
select tests.authenticate_as_operator('operator@alpha.test', 'alpha');
select ok(app_realtime.can_read('org:' || tests.id('org:alpha') || ':messages'), 'an operator receives message broadcasts');
select is(public.floor_flag_raise(tests.id('flag-1'), :'sid', tests.id('batch:alpha:1'), 'material_missing', 'no 400 grit')
  -> 'flag' ->> 'kind', 'material_missing', 'an operator flags an item');
select is(public.floor_flag_raise(tests.id('flag-1'), :'sid', tests.id('batch:alpha:1'), 'material_missing') ->> 'replayed',
  'true', 'a retried flag is one flag');
select tests.authenticate_as('supervisor@alpha.test');
select is((select x -> 'raised_by' ->> 'display_name' from jsonb_array_elements(public.floor_open_flags(tests.id('org:alpha'))) x),
  'operator', 'the supervisor''s floor view lists it');
select is(public.floor_flag_resolve((select id from public.floor_item_flags)) -> 'flag' ->> 'resolved_at' is not null, true,
  'and resolves it');

-- ------------------------------------------------------------------ workload
select is((select (x ->> 'open')::int from jsonb_array_elements(public.floor_workload(tests.id('org:alpha'))) x
  where x ->> 'display_name' = 'operator'), 0, 'workload lists the live worker with their load');

-- ------------------------------------------------------------------ performance and history
select is(jsonb_array_length(public.floor_performance(tests.id('org:alpha')) -> 'by_day'), 30, 'a 30-day report by default');
select tests.authenticate_as_operator('operator@alpha.test', 'alpha');
select is(public.floor_performance(tests.id('org:alpha'), p_member_id => tests.id('member:alpha:operator2@alpha.test'))
  ->> 'member_id', tests.id('member:alpha:operator@alpha.test')::text, 'an operator''s report is their own, whatever they ask');
select is(tests.error_of(format($$select public.floor_session_history(%L, '2026-12-04', '2026-01-01')$$, tests.id('org:alpha')))
  ->> 'code', 'VALIDATION_FAILED', 'a period that ends before it starts is refused');

select * from finish();
rollback;
