-- An order is in at most one incomplete batch (spec 04's idx_active_batch_orders, done with a
-- trigger-maintained batch_is_complete and a partial unique index). Concurrency: 108-….
begin;
select plan(13);
select tests.create_tenancy_fixture();
select tests.create_production_fixture();
select tests.add_batch('alpha', 2, array[3]);

-- spec 04's rule through the RPC: order 1 is in batch 1 already
select tests.authenticate_as('supervisor@alpha.test');
select throws_ok(format($$select public.create_batch_from_orders(%L, array[%L, %L]::uuid[])$$,
                        tests.id('org:alpha'), tests.id('order:alpha:1'), tests.id('order:alpha:4')),
  'PT409', null, 'an order already in an unfinished batch cannot start another');
select throws_ok(format($$select public.add_orders_to_batch(%L, array[%L]::uuid[])$$,
                        tests.id('batch:alpha:2'), tests.id('order:alpha:1')),
  'PT409', null, 'nor be added to another');
select tests.clear_authentication();

-- and at the lowest level: even bypassing the status check, the unique index refuses
select set_config('floorline.batch_move', 'on', true);
select throws_ok(format($$insert into public.batch_orders (org_id, batch_id, order_id) values (%L, %L, %L)$$,
                        tests.id('org:alpha'), tests.id('batch:alpha:2'), tests.id('order:alpha:1')),
  '23505', null, 'the partial unique index refuses a second incomplete batch');
select set_config('floorline.batch_move', '', true);
select throws_ok(format($$insert into public.batch_orders (org_id, batch_id, order_id) values (%L, %L, %L)$$,
                        tests.id('org:alpha'), tests.id('batch:alpha:2'), tests.id('order:alpha:1')),
  'PT409', null, 'a non-pending order is refused before that');

-- batch_is_complete follows the batch
select is((select bool_or(batch_is_complete) from public.batch_orders where batch_id = tests.id('batch:alpha:1')), false,
  'rows of an unfinished batch are marked incomplete');
update public.batches set current_stage = 'Sanding' where id = tests.id('batch:alpha:1');
update public.batches set current_stage = 'Finishing' where id = tests.id('batch:alpha:1');
update public.batches set current_stage = 'Sub-Assembly' where id = tests.id('batch:alpha:1');
update public.batches set current_stage = 'Final Assembly' where id = tests.id('batch:alpha:1');
update public.batches set current_stage = 'Acoustic QC' where id = tests.id('batch:alpha:1');
update public.batches set current_stage = 'Shipping' where id = tests.id('batch:alpha:1');
update public.batches set is_complete = true where id = tests.id('batch:alpha:1');
select is((select bool_and(batch_is_complete) from public.batch_orders where batch_id = tests.id('batch:alpha:1')), true,
  'completing the batch marks its rows complete');
select is((select count(*)::int from public.batch_orders where batch_id = tests.id('batch:alpha:1')), 2,
  'a completed batch keeps its orders (history)');
select throws_ok(format($$update public.batch_orders set batch_is_complete = false where batch_id = %L$$,
                        tests.id('batch:alpha:1')),
  'PT409', null, 'completion cannot be undone on batch_orders');
select set_config('floorline.batch_move', 'on', true);
select lives_ok(format($$insert into public.batch_orders (org_id, batch_id, order_id) values (%L, %L, %L)$$,
                       tests.id('org:alpha'), tests.id('batch:alpha:2'), tests.id('order:alpha:1')),
  'the index only counts incomplete batches');
select set_config('floorline.batch_move', '', true);
select throws_ok(format($$insert into public.batch_orders (org_id, batch_id, order_id) values (%L, %L, %L)$$,
                        tests.id('org:alpha'), tests.id('batch:alpha:1'), tests.id('order:alpha:5')),
  'PT409', null, 'nothing joins a completed batch');
select tests.add_batch('alpha', 3, array[6]);
select throws_ok(format($$update public.batch_orders set batch_id = %L where batch_id = %L and order_id = %L$$,
                        tests.id('batch:alpha:3'), tests.id('batch:alpha:2'), tests.id('order:alpha:3')),
  'PT409', 'Move orders with split_batch or remove and add them', 'batch_orders rows are never re-pointed');

-- leaving and joining another batch works
select tests.authenticate_as('supervisor@alpha.test');
select lives_ok(format($$select public.remove_order_from_batch(%L, %L, 'Wrong model picked')$$,
                       tests.id('batch:alpha:2'), tests.id('order:alpha:3')),
  'an order leaves its batch');
select lives_ok(format($$select public.create_batch_from_orders(%L, array[%L]::uuid[])$$,
                       tests.id('org:alpha'), tests.id('order:alpha:3')),
  'and joins a new one');

select * from finish();
rollback;
