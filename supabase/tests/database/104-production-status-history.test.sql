-- Order status history, written by trigger with who (member, auth user) and why (reason), and
-- order statuses following their batch's stage.
begin;
select plan(16);
select tests.create_tenancy_fixture();
select tests.create_production_fixture();

select is((select count(*)::int from public.order_status_history where order_id = tests.id('order:alpha:3')
           and old_status is null and new_status = 'pending' and source = 'system'), 1,
  'a new order starts its history as pending (SQL insert: source system)');

-- a manager creates an order: who and why
select tests.authenticate_as('manager@alpha.test');
create temporary table created on commit drop as
  select public.create_order(tests.id('org:alpha'), tests.id('model:alpha:ATT'), 'Cherry',
           '{"name": "Grace Hopper", "email": "grace@customers.test"}') as answer;
select tests.clear_authentication();
select results_eq(
  $$ select h.new_status::text, h.changed_by, h.changed_by_user, h.reason, h.source from public.order_status_history h
     where h.order_id = ((select answer from created) -> 'order' ->> 'id')::uuid $$,
  format($$ values ('pending', %L::uuid, %L::uuid, 'Order created', 'manual') $$,
         tests.id('member:alpha:manager@alpha.test'), tests.user_id('manager@alpha.test')),
  'create_order records who (member and user) and why');

-- joining a batch: in_production, from the batch
select results_eq(
  format($$ select h.new_status::text, h.source, h.batch_id from public.order_status_history h
            where h.order_id = %L and h.old_status = 'pending' $$, tests.id('order:alpha:1')),
  format($$ values ('in_production', 'batch', %L::uuid) $$, tests.id('batch:alpha:1')),
  'joining a batch sets in_production, recorded as coming from that batch');

-- an operator on the station moves the batch into Acoustic QC: orders follow, history names them
update public.batches set current_stage = 'Sanding' where id = tests.id('batch:alpha:1');
update public.batches set current_stage = 'Finishing' where id = tests.id('batch:alpha:1');
update public.batches set current_stage = 'Sub-Assembly' where id = tests.id('batch:alpha:1');
update public.batches set current_stage = 'Final Assembly' where id = tests.id('batch:alpha:1');
select is((select count(*)::int from public.order_status_history where order_id = tests.id('order:alpha:1')), 2,
  'moving between in_production stages adds no history rows');
select tests.act_as_operator('alpha', 'operator@alpha.test', 'A-OP-1');
select lives_ok(format($$select public.advance_batch(%L, 'Final Assembly')$$, tests.id('batch:alpha:1')),
  'the operator advances the batch into Acoustic QC');
select tests.clear_authentication();
select is(tests.order_status('alpha', 1), 'quality_check', 'order 1 follows: quality_check');
select is(tests.order_status('alpha', 2), 'quality_check', 'order 2 follows: quality_check');
select is(
  (select h.changed_by from public.order_status_history h where h.order_id = tests.id('order:alpha:2')
   and h.new_status = 'quality_check'),
  tests.id('member:alpha:operator@alpha.test'), 'the history names the operator who moved the batch');

-- back with a reason: the reason reaches the orders' history
select tests.authenticate_as('supervisor@alpha.test');
select lives_ok(format($$select public.return_batch(%L, 'Sub-Assembly', 'Driver rub on unit 2')$$, tests.id('batch:alpha:1')),
  'the supervisor returns the batch');
select tests.clear_authentication();
select is(
  (select h.reason from public.order_status_history h where h.order_id = tests.id('order:alpha:2')
   and h.new_status = 'in_production' and h.old_status = 'quality_check'),
  'Driver rub on unit 2', 'the return''s reason is in the order history');

-- complete: shipped
update public.batches set current_stage = 'Final Assembly' where id = tests.id('batch:alpha:1');
update public.batches set current_stage = 'Acoustic QC' where id = tests.id('batch:alpha:1');
update public.batches set current_stage = 'Shipping' where id = tests.id('batch:alpha:1');
select is(tests.order_status('alpha', 1), 'ready_to_ship', 'at Shipping the orders are ready_to_ship');
update public.batches set is_complete = true where id = tests.id('batch:alpha:1');
select is(tests.order_status('alpha', 1), 'shipped', 'completing the batch ships its orders');

-- statuses by hand, with a reason
select tests.authenticate_as('manager@alpha.test');
select lives_ok(format($$select public.update_order(%L, '{"status": "delivered"}', 'Signed for by the customer')$$,
                       tests.id('order:alpha:1')), 'a manager marks a shipped order delivered');
select throws_ok(format($$select public.update_order(%L, '{"status": "shipped"}')$$, tests.id('order:alpha:4')),
  'PT409', null, 'a pending order cannot be shipped by hand');
select tests.clear_authentication();
select is((select h.reason from public.order_status_history h where h.order_id = tests.id('order:alpha:1')
           and h.new_status = 'delivered'),
  'Signed for by the customer', 'the hand-set status carries its reason');

-- plain SQL may give a reason too
select set_config('floorline.reason', 'Data fix', true);
update public.orders set status = 'on_hold' where id = tests.id('order:alpha:5');
select is((select h.reason || '/' || h.source from public.order_status_history h
           where h.order_id = tests.id('order:alpha:5') and h.new_status = 'on_hold'),
  'Data fix/system', 'set_config(''floorline.reason'') reaches the history from SQL');

select * from finish();
rollback;
