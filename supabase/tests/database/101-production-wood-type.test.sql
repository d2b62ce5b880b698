-- Wood-type validation (spec 04's check_order_wood_type) and the other rules on order rows:
-- model and wood fixed once production starts, cancelled is final, numbering, updated_at.
begin;
select plan(12);
select tests.create_tenancy_fixture();
select tests.create_production_fixture();

-- spec 04's own example: a wood the model is not made in is rejected
select throws_ok(
  format($$insert into public.orders (org_id, model_id, wood_type) values (%L, %L, 'Ziricote')$$,
         tests.id('org:alpha'), tests.id('model:alpha:ATT')),
  'PT400', 'Invalid wood type for this model: Atticus is not made in Ziricote',
  'an Atticus in Ziricote is rejected (PT400 VALIDATION_FAILED)');
select lives_ok(
  format($$insert into public.orders (org_id, model_id, wood_type) values (%L, %L, 'Ziricote')$$,
         tests.id('org:alpha'), tests.id('model:alpha:CAL')),
  'a Caldera in Ziricote is fine');
select throws_ok(
  format($$update public.orders set wood_type = 'Cocobolo' where id = %L$$, tests.id('order:alpha:3')),
  'PT400', null, 'changing a pending order to a wood its model lacks is rejected');
select throws_ok(
  format($$insert into public.orders (org_id, model_id, wood_type) values (%L, %L, 'Walnut')$$,
         tests.id('org:alpha'), tests.id('model:beta:BET')),
  'PT400', 'No such model in this organisation', 'a model of another organisation is rejected');

-- as a manager through RLS, the same rule applies
select tests.authenticate_as('manager@alpha.test');
select throws_ok(
  format($$insert into public.orders (org_id, model_id, wood_type) values (%L, %L, 'Cocobolo')$$,
         tests.id('org:alpha'), tests.id('model:alpha:ATT')),
  'PT400', null, 'a manager inserting directly hits the same rule');
select is(
  (select count(*)::int from public.orders where org_id = tests.id('org:alpha')), 7,
  'the manager sees the six fixture orders and the Caldera');
select tests.clear_authentication();

-- manual orders are numbered per organisation
select alike((select order_number from public.orders where model_id = tests.id('model:alpha:CAL')), 'ORD-%',
  'a manual order gets an ORD- number');

-- once in production, model and wood are fixed
select throws_ok(
  format($$update public.orders set wood_type = 'Cherry' where id = %L$$, tests.id('order:alpha:1')),
  'PT409', 'Model and wood cannot change once the order is in production',
  'an order in a batch keeps its wood');
select lives_ok(
  format($$update public.orders set wood_type = 'Cherry' where id = %L$$, tests.id('order:alpha:3')),
  'a pending order may change wood');

-- cancelled is final
update public.orders set status = 'cancelled' where id = tests.id('order:alpha:4');
select throws_ok(
  format($$update public.orders set status = 'pending' where id = %L$$, tests.id('order:alpha:4')),
  'PT409', 'A cancelled order cannot be reopened', 'a cancelled order stays cancelled');

-- updated_at is maintained
update public.orders set updated_at = now() - interval '1 day' where id = tests.id('order:alpha:5');
update public.orders set notes = 'touch' where id = tests.id('order:alpha:5');
select ok((select updated_at > now() - interval '1 minute' from public.orders where id = tests.id('order:alpha:5')),
  'updated_at follows every update');
select ok((select count(*) = 1 from public.audit_log where table_name = 'orders' and row_id = tests.id('order:alpha:5')
           and op = 'UPDATE'),
  'order updates are audited');

select * from finish();
rollback;
