-- Order RPCs: create_order (customer upsert, tracking link, idempotent), update_order, cancel_order.
begin;
select plan(29);
select tests.create_tenancy_fixture();
select tests.create_production_fixture();

-- ------------------------------------------------------------------ who may
select tests.authenticate_as_anon();
select throws_ok(format($$select public.create_order(%L, %L, 'Walnut')$$, tests.id('org:alpha'), tests.id('model:alpha:ATT')),
  '42501', null, 'anon cannot call create_order');
select tests.clear_authentication();
select tests.authenticate_as('supervisor@alpha.test');
select throws_ok(format($$select public.create_order(%L, %L, 'Walnut')$$, tests.id('org:alpha'), tests.id('model:alpha:ATT')),
  'PT403', null, 'a supervisor cannot create orders');
select tests.clear_authentication();
select tests.authenticate_as('manager@beta.test');
select throws_ok(format($$select public.create_order(%L, %L, 'Walnut')$$, tests.id('org:alpha'), tests.id('model:alpha:ATT')),
  'PT403', null, 'a manager of another organisation cannot create alpha orders');
select tests.clear_authentication();

-- ------------------------------------------------------------------ create_order
select tests.authenticate_as('manager@alpha.test');
create temporary table first_answer on commit drop as
  select public.create_order(
    p_org_id => tests.id('org:alpha'), p_model_id => tests.id('model:alpha:CAL'), p_wood_type => 'Ziricote',
    p_customer => '{"name": "Grace Hopper", "email": "Grace@Customers.test", "phone": "+1 555 0199",
                    "shipping_address": {"city": "Arlington", "country_code": "US"}}',
    p_due_date => current_date + 30, p_customizations => '{"engraving": "Amazing Grace"}',
    p_internal_notes => 'VIP', p_client_id => tests.id('client:create-1')) as a;
grant select on first_answer to authenticated;
select is((select a -> 'order' ->> 'status' from first_answer), 'pending', 'the new order is pending');
select is((select (a -> 'order' ->> 'price')::numeric from first_answer), 3499::numeric, 'price defaults to the model''s');
select is((select a -> 'order' ->> 'internal_notes' from first_answer), 'VIP', 'the internal note is stored');
select is((select a -> 'order' -> 'customer' ->> 'email' from first_answer), 'grace@customers.test',
  'a customer is created, e-mail lower-cased');
select alike((select a -> 'tracking' ->> 'token' from first_answer), '______________________',
  'a 22-character tracking token comes back once');
select is((select a ->> 'replayed' from first_answer), 'false', 'first answer: replayed false');

-- replay: same answer, nothing new
select is((public.create_order(tests.id('org:alpha'), tests.id('model:alpha:CAL'), 'Ziricote',
             p_client_id => tests.id('client:create-1'))) -> 'order' ->> 'id',
          (select a -> 'order' ->> 'id' from first_answer), 'a replay returns the first order');
select is((public.create_order(tests.id('org:alpha'), tests.id('model:alpha:CAL'), 'Ziricote',
             p_client_id => tests.id('client:create-1'))) -> 'tracking' ->> 'token', null,
  'a replay does not repeat the token (stored hashed only)');
select is((select count(*)::int from public.orders where model_id = tests.id('model:alpha:CAL')), 1,
  'replays created nothing more');

-- the customer is upserted by e-mail
select is((public.create_order(tests.id('org:alpha'), tests.id('model:alpha:ATT'), 'Walnut',
             '{"name": "Rear Admiral Grace Hopper", "email": "grace@customers.test"}')) -> 'order' -> 'customer' ->> 'id',
          (select a -> 'order' ->> 'customer_id' from first_answer), 'the same e-mail finds the same customer');
select is((select name from public.customers where email = 'grace@customers.test'), 'Rear Admiral Grace Hopper',
  'and updates the name given');
select is((select phone from public.customers where email = 'grace@customers.test'), '+1 555 0199',
  'keeping what was not given');

-- invalid input
select throws_ok(format($$select public.create_order(%L, %L, 'Cocobolo')$$, tests.id('org:alpha'), tests.id('model:alpha:ATT')),
  'PT400', null, 'create_order refuses a wood the model lacks');
select throws_ok(format($$select public.create_order(%L, %L, 'Walnut', p_customer_id => %L)$$,
                        tests.id('org:alpha'), tests.id('model:alpha:ATT'), tests.id('customer:beta')),
  'PT400', 'No such customer in this organisation', 'another organisation''s customer is refused');
select throws_ok(format($$select public.create_order(%L, %L, 'Walnut', '{"name": "No mail"}')$$,
                        tests.id('org:alpha'), tests.id('model:alpha:ATT')),
  'PT400', null, 'a new customer needs an e-mail');
select throws_ok(format($$select public.create_order(%L, %L, 'Walnut', p_order_number => 'ALPHA-1')$$,
                        tests.id('org:alpha'), tests.id('model:alpha:ATT')),
  'PT409', 'That order number is taken', 'order numbers are unique');
select tests.clear_authentication();

-- another user may not reuse the client id
select tests.authenticate_as('admin@alpha.test');
select throws_ok(format($$select public.create_order(%L, %L, 'Walnut', p_client_id => %L)$$,
                        tests.id('org:alpha'), tests.id('model:alpha:ATT'), tests.id('client:create-1')),
  'PT400', 'This client_id was already used for another request', 'a client id belongs to its first caller');
select tests.clear_authentication();

-- ------------------------------------------------------------------ update_order
select tests.authenticate_as('manager@alpha.test');
select throws_ok(format($$select public.update_order(%L, '{"order_number": "X"}')$$, tests.id('order:alpha:3')),
  'PT400', 'order_number cannot be changed here', 'unknown fields are refused');
select throws_ok(format($$select public.update_order(%L, '{"wood_type": "Cherry"}')$$, tests.id('order:alpha:1')),
  'PT409', null, 'wood is fixed once in production');
select is((public.update_order(tests.id('order:alpha:3'), '{"wood_type": "Cherry", "due_date": "2030-01-31", "internal_notes": "call first"}'))
            -> 'order' ->> 'wood_type', 'Cherry', 'a pending order changes wood');
select is((select notes from public.order_internal_notes where order_id = tests.id('order:alpha:3')), 'call first',
  'update_order writes the internal note');
select lives_ok(format($$select public.update_order(%L, '{"internal_notes": ""}')$$, tests.id('order:alpha:3')),
  'an empty internal note');
select is_empty(format('select 1 from public.order_internal_notes where order_id = %L', tests.id('order:alpha:3')),
  'deletes it');

-- ------------------------------------------------------------------ cancel_order
select throws_ok(format($$select public.cancel_order(%L, '')$$, tests.id('order:alpha:1')),
  'PT400', 'Say why the order is cancelled', 'cancelling needs a reason');
select is((public.cancel_order(tests.id('order:alpha:1'), 'Customer changed their mind')) ->> 'removed_from_batch_id',
  tests.id('batch:alpha:1')::text, 'cancelling takes the order out of its batch');
select set_eq(
  format($$select old_status::text, new_status::text, reason from public.order_status_history where order_id = %L$$,
         tests.id('order:alpha:1')),
  $$values (null, 'pending', null), ('pending', 'in_production', null),
           ('in_production', 'cancelled', 'Customer changed their mind')$$,
  'straight from in_production to cancelled, with the reason (no detour through pending)');
select tests.clear_authentication();

select * from finish();
rollback;
