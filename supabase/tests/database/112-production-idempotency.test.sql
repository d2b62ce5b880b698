-- Idempotent RPCs: with p_client_id, a retry gets the first answer (replayed = true) and changes
-- nothing; a failed attempt stores nothing; a client id is bound to its RPC and caller.
begin;
select plan(19);
select tests.create_tenancy_fixture();
select tests.create_production_fixture();
select tests.authenticate_as('supervisor@alpha.test');

-- create_batch_from_orders
create temporary table b1 on commit drop as
  select public.create_batch_from_orders(tests.id('org:alpha'), array[tests.id('order:alpha:3'), tests.id('order:alpha:4')],
                                         p_client_id => tests.id('client:batch')) as a;
create temporary table b2 on commit drop as
  select public.create_batch_from_orders(tests.id('org:alpha'), array[tests.id('order:alpha:3'), tests.id('order:alpha:4')],
                                         p_client_id => tests.id('client:batch')) as a;
select is((select a -> 'batch' ->> 'id' from b2), (select a -> 'batch' ->> 'id' from b1), 'create_batch_from_orders replays its batch');
select is((select a ->> 'replayed' from b2), 'true', 'marked replayed');
select is((select count(*)::int from public.batches where org_id = tests.id('org:alpha')), 2, 'no second batch');

-- a client id belongs to one RPC
select throws_ok(format($$select public.advance_batch(%L, 'Intake', %L)$$, tests.id('batch:alpha:1'), tests.id('client:batch')),
  'PT400', 'This client_id was already used for another request', 'reusing a client id for another RPC is refused');

-- a failure stores nothing: the retry really retries
select throws_ok(format($$select public.return_batch(%L, 'Intake', 'x', p_client_id => %L)$$, tests.id('batch:alpha:1'),
                        tests.id('client:return')),
  'PT400', null, 'a return from Intake fails');
select lives_ok(format($$select public.advance_batch(%L, 'Intake')$$, tests.id('batch:alpha:1')), '(the batch moves on)');
select is((public.return_batch(tests.id('batch:alpha:1'), 'Intake', 'Rework', p_client_id => tests.id('client:return')))
            ->> 'replayed', 'false', 'the same client id now does the work');
select is((public.return_batch(tests.id('batch:alpha:1'), 'Intake', 'Rework', p_client_id => tests.id('client:return')))
            ->> 'replayed', 'true', 'and its retry replays');
select is((select count(*)::int from public.batch_events where batch_id = tests.id('batch:alpha:1') and kind = 'returned'), 1,
  'one return happened');

-- the other batch RPCs
select is((public.set_batch_quality(tests.id('batch:alpha:1'), 'warning', 'dent', tests.id('client:q'))) ->> 'replayed', 'false',
  'set_batch_quality first call');
select is((public.set_batch_quality(tests.id('batch:alpha:1'), 'warning', 'dent', tests.id('client:q'))) ->> 'replayed', 'true',
  'set_batch_quality replay');
select is((public.add_orders_to_batch(tests.id('batch:alpha:1'), array[tests.id('order:alpha:5')], tests.id('client:add')))
            ->> 'replayed', 'false', 'add_orders_to_batch first call');
select is((public.add_orders_to_batch(tests.id('batch:alpha:1'), array[tests.id('order:alpha:5')], tests.id('client:add')))
            ->> 'replayed', 'true', 'add_orders_to_batch replay (not a "not pending" error)');
select is((public.split_batch(tests.id('batch:alpha:1'), array[tests.id('order:alpha:5')], null, tests.id('client:split')))
            -> 'new_batch' ->> 'id',
          (public.split_batch(tests.id('batch:alpha:1'), array[tests.id('order:alpha:5')], null, tests.id('client:split')))
            -> 'new_batch' ->> 'id', 'split_batch replays the same new batch');
select is((public.remove_order_from_batch(tests.id('batch:alpha:1'), tests.id('order:alpha:2'), 'x', tests.id('client:rm')))
            ->> 'replayed', 'false', 'remove_order_from_batch first call');
select is((public.remove_order_from_batch(tests.id('batch:alpha:1'), tests.id('order:alpha:2'), 'x', tests.id('client:rm')))
            ->> 'replayed', 'true', 'remove_order_from_batch replay (not a 404)');
select tests.clear_authentication();

select tests.authenticate_as('manager@alpha.test');
select is((public.cancel_order(tests.id('order:alpha:6'), 'dup', tests.id('client:cancel'))) ->> 'replayed', 'false', 'cancel first call');
select is((public.cancel_order(tests.id('order:alpha:6'), 'dup', tests.id('client:cancel'))) ->> 'replayed', 'true', 'cancel replay');
select tests.clear_authentication();

-- week-old answers are pruned as new ones arrive
update app.rpc_replays set created_at = now() - interval '8 days' where client_id = tests.id('client:batch');
select tests.authenticate_as('manager@alpha.test');
select public.update_order(tests.id('order:alpha:2'), '{"notes": "n"}', null, tests.id('client:update'));
select tests.clear_authentication();
select is((select count(*)::int from app.rpc_replays where client_id = tests.id('client:batch')), 0, 'old answers are pruned');

select * from finish();
rollback;
