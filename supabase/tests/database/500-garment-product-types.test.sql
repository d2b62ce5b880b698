-- Garment product types (issue 14): code shape, unique per organisation, members read their own
-- organisation's, managers+ write, operators and other tenants cannot; Birch's demo seed has the four.
begin;
select plan(9);
select tests.create_tenancy_fixture();

insert into public.product_types (id, org_id, code, name)
values (tests.id('pt:alpha:TEE'), tests.id('org:alpha'), 'T-SHIRT', 'T-shirt'),
       (tests.id('pt:beta:TEE'), tests.id('org:beta'), 'T-SHIRT', 'T-shirt');

select throws_ok($$ insert into public.product_types (org_id, code, name) values (tests.id('org:alpha'), 't shirt', 'x') $$,
  '23514', null, 'codes are upper-case letters, digits, _ and -');
select throws_ok($$ insert into public.product_types (org_id, code, name) values (tests.id('org:alpha'), 'T-SHIRT', 'Again') $$,
  '23505', null, 'a code is unique per organisation');

select tests.authenticate_as('manager@alpha.test');
select is((select count(*)::int from public.product_types), 1, 'a manager sees only their organisation''s product types');
select lives_ok($$ insert into public.product_types (org_id, code, name) values (tests.id('org:alpha'), 'POLO', 'Polo') $$,
  'a manager adds a product type');
select is(tests.rows_changed($$ update public.product_types set name = 'Tee' where code = 'T-SHIRT' $$), 1,
  'a manager renames one');
select throws_ok($$ insert into public.product_types (org_id, code, name) values (tests.id('org:beta'), 'PANTS', 'Pants') $$,
  '42501', null, 'not into another organisation');
select tests.clear_authentication();

select tests.act_as_operator('alpha', 'operator@alpha.test', 'A-OP-1');
select is((select count(*)::int from public.product_types), 2, 'an operator reads them');
select is(tests.rows_changed($$ update public.product_types set name = 'Nope' $$), 0, 'but changes none');
select tests.clear_authentication();

select is(array(select code from public.product_types where org_id = '20000000-0000-4000-8000-000000000002' order by code),
  array['DRESS', 'PANTS', 'POLO', 'T-SHIRT'], 'the demo seed gives Birch & Bobbin its four product types');

select * from finish();
rollback;
