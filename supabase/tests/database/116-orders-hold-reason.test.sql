-- Putting an order on hold needs a reason through the API (issue 10); releasing it does not, and the
-- reason is kept in the status history.
begin;
select plan(5);
select tests.create_tenancy_fixture();
select tests.create_production_fixture();

select tests.authenticate_as('manager@alpha.test');
select throws_ok(format($$select public.update_order(%L, '{"status": "on_hold"}')$$, tests.id('order:alpha:3')),
  'PT400', 'Say why the order is put on hold', 'on hold without a reason is refused');
select throws_ok(format($$select public.update_order(%L, '{"status": "on_hold"}', '  ')$$, tests.id('order:alpha:3')),
  'PT400', 'Say why the order is put on hold', 'a blank reason is no reason');
select is(public.update_order(tests.id('order:alpha:3'), '{"status": "on_hold"}', 'Customer asked to wait for payday')
            -> 'order' ->> 'status', 'on_hold', 'with a reason it goes on hold');
select is(public.update_order(tests.id('order:alpha:3'), '{"status": "pending"}') -> 'order' ->> 'status', 'pending',
  'releasing from hold needs no reason');
select tests.clear_authentication();
select is((select h.reason from public.order_status_history h
           where h.order_id = tests.id('order:alpha:3') and h.new_status = 'on_hold'),
  'Customer asked to wait for payday', 'the reason is in the status history');

select * from finish();
rollback;
