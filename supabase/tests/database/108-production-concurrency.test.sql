-- Concurrency, with real second and third sessions (dblink): of two simultaneous advances exactly
-- one wins and the other gets PT409; an order cannot slip into two unfinished batches at once. The
-- sessions need committed data, so this file commits its own organisation ('conc') through a setup
-- connection and deletes it at the end.
begin;
select plan(11);
set local client_min_messages = warning; -- dblink reports the expected remote errors as notices
create extension if not exists dblink with schema extensions;

select dblink_connect(name, format('dbname=%s host=%s port=%s user=%s', current_database(),
                                   coalesce(host(inet_server_addr()), current_setting('unix_socket_directories')),
                                   current_setting('port'), current_user))
from (values ('setup'), ('c1'), ('c2')) c (name);

-- ------------------------------------------------------------------ committed fixture
select dblink_exec('setup', $setup$ do $do$ begin
  delete from public.organisations where slug = 'conc';
  perform tests.create_org('conc');
  perform tests.add_member('conc', 'owner@conc.test', 'owner');
  perform tests.add_member('conc', 'supervisor@conc.test', 'supervisor');
  insert into public.headphone_models (id, org_id, name, sku_prefix, complexity, base_production_hours, wood_types, base_price)
    values (tests.id('model:conc:ATT'), tests.id('org:conc'), 'Atticus', 'ATT', 'medium', 6, '{Walnut}', 499);
  insert into public.customers (id, org_id, name, email) values (tests.id('customer:conc'), tests.id('org:conc'), 'C', 'c@c.test');
  perform tests.add_order('conc', n) from generate_series(1, 5) n;
  perform tests.add_batch('conc', 1, array[1]);
  perform tests.add_batch('conc', 2, array[2]);
end $do$ $setup$);

-- ------------------------------------------------------------------ two advances of one batch
select dblink_exec(c, 'begin') from unnest(array['c1', 'c2']) c;
select dblink_exec(c, $q$do $do$ begin perform tests.authenticate_as('supervisor@conc.test'); end $do$$q$)
  from unnest(array['c1', 'c2']) c;
select is(
  (select a from dblink('c1', format($$select public.advance_batch(%L, 'Intake') -> 'batch' ->> 'current_stage'$$,
                                     tests.id('batch:conc:1'))) as t (a text)),
  'Sanding', 'the first advance moves the batch (not committed yet)');
select dblink_send_query('c2', format($$select public.advance_batch(%L, 'Intake')::text$$, tests.id('batch:conc:1')));
select pg_sleep(0.3);
select is(dblink_is_busy('c2'), 1, 'the second advance waits for the first');
select dblink_exec('c1', 'commit');
select is((select count(*)::int from dblink_get_result('c2', false) as t (a text)), 0, 'the second advance gets no answer');
select matches(dblink_error_message('c2'), 'is at Sanding now, not Intake: someone moved it',
  'but a clear conflict: someone moved it');
select * from dblink_get_result('c2', false) as t (a text);
select dblink_exec('c2', 'rollback');
select is(
  (select a from dblink('setup', format($$select current_stage::text from public.batches where id = %L$$,
                                        tests.id('batch:conc:1'))) as t (a text)),
  'Sanding', 'the batch moved exactly one stage');
select is(
  (select a from dblink('setup', format($$select count(*)::int from public.batch_events where batch_id = %L and kind = 'advanced'$$,
                                        tests.id('batch:conc:1'))) as t (a integer)),
  1, 'and logged one advance');

-- ------------------------------------------------------------------ one order, two new batches at once
select dblink_exec(c, 'begin') from unnest(array['c1', 'c2']) c;
select dblink_exec(c, $q$do $do$ begin perform tests.authenticate_as('supervisor@conc.test'); end $do$$q$)
  from unnest(array['c1', 'c2']) c;
select ok(
  (select a is not null from dblink('c1', format($$select public.create_batch_from_orders(%L, array[%L]::uuid[])::text$$,
                                                 tests.id('org:conc'), tests.id('order:conc:4'))) as t (a text)),
  'the first batch takes order 4');
select dblink_send_query('c2', format($$select public.create_batch_from_orders(%L, array[%L]::uuid[])::text$$,
                                      tests.id('org:conc'), tests.id('order:conc:4')));
select pg_sleep(0.3);
select dblink_exec('c1', 'commit');
select is((select count(*)::int from dblink_get_result('c2', false) as t (a text)), 0, 'the second one fails');
select matches(dblink_error_message('c2'), 'Only pending orders can join a batch', 'because the order is taken');
select * from dblink_get_result('c2', false) as t (a text);
select dblink_exec('c2', 'rollback');

-- ------------------------------------------------------------------ the index alone holds under concurrency
-- two raw inserts of pending order 5 into two batches (status check bypassed): the unique index
-- makes the second wait for the first, then refuses it
select dblink_exec(c, 'begin') from unnest(array['c1', 'c2']) c;
select dblink_exec(c, $q$do $do$ begin perform set_config('floorline.batch_move', 'on', true); end $do$$q$)
  from unnest(array['c1', 'c2']) c;
select dblink_exec('c1', format($$insert into public.batch_orders (org_id, batch_id, order_id) values (%L, %L, %L)$$,
                               tests.id('org:conc'), tests.id('batch:conc:1'), tests.id('order:conc:5')));
select dblink_send_query('c2', format($$insert into public.batch_orders (org_id, batch_id, order_id) values (%L, %L, %L)$$,
                                      tests.id('org:conc'), tests.id('batch:conc:2'), tests.id('order:conc:5')));
select pg_sleep(0.3);
select is(dblink_is_busy('c2'), 1, 'a second raw insert of the same order waits on the unique index');
select dblink_exec('c1', 'commit');
select * from dblink_get_result('c2', false) as t (a text);
select matches(dblink_error_message('c2'), 'idx_active_batch_orders',
  'then the partial unique index refuses the second incomplete batch');
select * from dblink_get_result('c2', false) as t (a text);
select dblink_exec('c2', 'rollback');

-- ------------------------------------------------------------------ clean up the committed data
select dblink_exec('setup', $$delete from public.organisations where slug = 'conc'$$);
select dblink_disconnect(c) from unnest(array['setup', 'c1', 'c2']) c;

select * from finish();
rollback;
