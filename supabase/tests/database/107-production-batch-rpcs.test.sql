-- Batch RPCs: create_batch_from_orders, advance (optimistic), split, quality, complete, add/remove, board.
begin;
select plan(35);
select tests.create_tenancy_fixture();
select tests.create_production_fixture();

-- ------------------------------------------------------------------ create_batch_from_orders
select tests.act_as_operator('alpha', 'operator@alpha.test', 'A-OP-1');
select throws_ok(format($$select public.create_batch_from_orders(%L, array[%L]::uuid[])$$,
                        tests.id('org:alpha'), tests.id('order:alpha:3')),
  'PT403', null, 'an operator cannot make batches');
select tests.clear_authentication();

select tests.authenticate_as('supervisor@alpha.test');
select throws_ok(format($$select public.create_batch_from_orders(%L, '{}'::uuid[])$$, tests.id('org:alpha')),
  'PT400', 'Pick at least one order', 'a batch needs orders');
select throws_ok(format($$select public.create_batch_from_orders(%L, array[%L, %L]::uuid[])$$,
                        tests.id('org:alpha'), tests.id('order:alpha:3'), tests.id('order:alpha:3')),
  'PT400', 'Each order once, please', 'each order once');
select throws_ok(format($$select public.create_batch_from_orders(%L, array[%L]::uuid[])$$,
                        tests.id('org:alpha'), tests.id('order:beta:1')),
  'PT400', null, 'another organisation''s order is refused');
create temporary table made on commit drop as
  select public.create_batch_from_orders(tests.id('org:alpha'), array[tests.id('order:alpha:3'), tests.id('order:alpha:4'),
                                         tests.id('order:alpha:5')], p_notes => 'Walnut run', p_tags => '{walnut}') as a;
grant select on made to authenticated;
select is((select a -> 'batch' ->> 'current_stage' from made), 'Intake', 'the batch starts at Intake');
select is((select (a -> 'batch' ->> 'order_count')::int from made), 3, 'with the three orders');
select is((select a -> 'batch' ->> 'target_completion' from made), (current_date + 23)::text,
  'target date defaults to the earliest due date');
select is((select (a -> 'batch' ->> 'total_estimated_hours')::numeric from made), 18::numeric,
  'metadata sums the models'' base hours');
select is(tests.order_status('alpha', 4), 'in_production', 'its orders are in production');
select is((select notes || '/' || array_to_string(tags, ',') from public.batch_metadata
           where batch_id = (select (a -> 'batch' ->> 'id')::uuid from made)), 'Walnut run/walnut',
  'notes and tags are kept');
select tests.clear_authentication();

-- ------------------------------------------------------------------ advance_batch
select tests.act_as_operator('alpha', 'operator@alpha.test', 'A-OP-1');
create temporary table adv on commit drop as
  select public.advance_batch((select (a -> 'batch' ->> 'id')::uuid from made), 'Intake', tests.id('client:adv-1')) as a;
grant select on adv to authenticated;
select is((select a -> 'batch' ->> 'current_stage' from adv), 'Sanding', 'the operator advances Intake → Sanding');
select throws_ok(format($$select public.advance_batch(%L, 'Intake')$$, (select (a -> 'batch' ->> 'id') from made)),
  'PT409', null, 'advancing from a stage the batch has left: stale');
select is((select (public.advance_batch((select (a -> 'batch' ->> 'id')::uuid from made), 'Intake', tests.id('client:adv-1')))
                   ->> 'replayed'), 'true', 'a retry with the same client id gets the first answer instead');
select is(
  (select b.current_stage from public.batches b where b.id = (select (a -> 'batch' ->> 'id')::uuid from made)),
  'Sanding', 'and moved nothing further');
select throws_ok(format($$select public.advance_batch(%L, 'Finishing')$$, (select (a -> 'batch' ->> 'id') from made)),
  'PT409', null, 'the wrong expected stage is stale too');
select throws_ok(format($$select public.complete_batch(%L)$$, (select (a -> 'batch' ->> 'id') from made)),
  'PT409', null, 'complete_batch refuses a batch at Sanding');
select tests.clear_authentication();

-- ------------------------------------------------------------------ add / remove
select tests.authenticate_as('supervisor@alpha.test');
select throws_ok(format($$select public.add_orders_to_batch(%L, array[%L]::uuid[])$$,
                        (select (a -> 'batch' ->> 'id') from made), tests.id('order:alpha:6')),
  'PT409', null, 'orders cannot join a batch past Intake');
select lives_ok(format($$select public.add_orders_to_batch(%L, array[%L]::uuid[])$$,
                       tests.id('batch:alpha:1'), tests.id('order:alpha:6')),
  'orders join a batch at Intake');
select throws_ok(format($$select public.remove_order_from_batch(%L, %L, '')$$, tests.id('batch:alpha:1'), tests.id('order:alpha:6')),
  'PT400', null, 'removing needs a reason');
select throws_ok(format($$select public.remove_order_from_batch(%L, %L, 'x')$$, tests.id('batch:alpha:1'), tests.id('order:alpha:3')),
  'PT404', null, 'an order not in the batch');
select is((public.remove_order_from_batch(tests.id('batch:alpha:1'), tests.id('order:alpha:6'), 'Wrong wood blank'))
            -> 'order' ->> 'status', 'pending', 'a removed order is pending again');

-- ------------------------------------------------------------------ split_batch
select throws_ok(format($$select public.split_batch(%L, array[%L, %L]::uuid[])$$, tests.id('batch:alpha:1'),
                        tests.id('order:alpha:1'), tests.id('order:alpha:2')),
  'PT400', 'Leave at least one order in the original batch', 'a split leaves something behind');
select throws_ok(format($$select public.split_batch(%L, array[%L]::uuid[])$$, tests.id('batch:alpha:1'), tests.id('order:alpha:3')),
  'PT400', null, 'only orders of the batch split off');
create temporary table split on commit drop as
  select public.split_batch((select (a -> 'batch' ->> 'id')::uuid from made), array[tests.id('order:alpha:5')],
                            'Rush one unit') as a;
grant select on split to authenticated;
select is((select a -> 'new_batch' ->> 'current_stage' from split), 'Sanding', 'the new batch is at the same stage');
select is((select (a -> 'batch' ->> 'order_count')::int || '+' || (a -> 'new_batch' ->> 'order_count') from split), '2+1',
  'the orders are divided');
select is((select count(*)::int from public.order_status_history where order_id = tests.id('order:alpha:5')), 2,
  'a split changes no order status (no history rows)');
select is((select count(*)::int from public.batch_events where kind = 'split' and reason = 'Rush one unit'), 2,
  'both batches record the split');

-- ------------------------------------------------------------------ quality and completion
select tests.clear_authentication();
select tests.act_as_operator('alpha', 'operator@alpha.test', 'A-OP-1');
select is((public.set_batch_quality(tests.id('batch:alpha:1'), 'warning', 'Small dent')) -> 'batch' ->> 'quality_status',
  'warning', 'an operator sets a quality status');
select tests.clear_authentication();
update public.batches set current_stage = 'Sanding' where id = tests.id('batch:alpha:1');
update public.batches set current_stage = 'Finishing' where id = tests.id('batch:alpha:1');
update public.batches set current_stage = 'Sub-Assembly' where id = tests.id('batch:alpha:1');
update public.batches set current_stage = 'Final Assembly' where id = tests.id('batch:alpha:1');
update public.batches set current_stage = 'Acoustic QC' where id = tests.id('batch:alpha:1');
select tests.act_as_operator('alpha', 'operator@alpha.test', 'A-OP-1');
select lives_ok(format($$select public.advance_batch(%L, 'Acoustic QC')$$, tests.id('batch:alpha:1')), 'on to Shipping');
select throws_ok(format($$select public.advance_batch(%L, 'Shipping')$$, tests.id('batch:alpha:1')),
  'PT409', null, 'Shipping is the last stage: advance refuses');
select is((public.complete_batch(tests.id('batch:alpha:1'))) -> 'batch' ->> 'is_complete', 'true', 'complete_batch finishes it');
select throws_ok(format($$select public.complete_batch(%L)$$, tests.id('batch:alpha:1')),
  'PT409', null, 'completing twice (without a client id) is a conflict');

-- ------------------------------------------------------------------ the board
select is(jsonb_array_length((public.batch_board(tests.id('org:alpha'))) -> 'stages'), 7, 'the board lists seven stages');
select is((select count(*)::int from jsonb_array_elements((public.batch_board(tests.id('org:alpha'))) -> 'batches')), 3,
  'and the organisation''s batches (recently completed included)');
select throws_ok(format($$select public.batch_board(%L)$$, tests.id('org:beta')), 'PT403', null,
  'not another organisation''s board');
select tests.clear_authentication();

select * from finish();
rollback;
