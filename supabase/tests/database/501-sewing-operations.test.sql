-- Sewing operations (issue 14): the dependency DAG refuses self-loops, cycles (naming the loop),
-- unknown ids, ids of another organisation or product type; names unique per product type; defect
-- codes checked; rates and SMVs keep their history; members read, managers+ save, others cannot.
begin;
select plan(23);
select tests.create_tenancy_fixture();

insert into public.product_types (id, org_id, code, name) values
  (tests.id('pt:alpha:TEE'), tests.id('org:alpha'), 'T-SHIRT', 'T-shirt'),
  (tests.id('pt:alpha:POLO'), tests.id('org:alpha'), 'POLO', 'Polo'),
  (tests.id('pt:beta:TEE'), tests.id('org:beta'), 'T-SHIRT', 'T-shirt');

create function pg_temp.op(p_key text, p_name text, p_seq int, p_deps uuid[] default '{}', p_type text default 'pt:alpha:TEE',
                           p_org text default 'org:alpha') returns uuid language sql as $$
  insert into public.sewing_operations (id, org_id, product_type_id, name, sequence_number, standard_minutes, piece_rate,
                                        machine_type, depends_on, created_at)
  values (tests.id(p_key), tests.id(p_org), tests.id(p_type), p_name, p_seq, 0.5, 1.25, 'OVERLOCK', p_deps,
          now() - interval '30 days')
  returning id
$$;
create function pg_temp.code(p_sql text) returns text language sql as $$ select tests.error_of(p_sql) ->> 'code' $$;

select pg_temp.op('op:shoulder', 'Join shoulders', 1);
select pg_temp.op('op:neck', 'Attach neck rib', 2, array[tests.id('op:shoulder')]);
select pg_temp.op('op:sleeve', 'Set sleeves', 3, array[tests.id('op:shoulder')]);
select pg_temp.op('op:side', 'Close side seams', 4, array[tests.id('op:sleeve'), tests.id('op:neck')]);
select pg_temp.op('op:beta', 'Join shoulders', 1, '{}', 'pt:beta:TEE', 'org:beta');
select pg_temp.op('op:polo', 'Placket', 1, '{}', 'pt:alpha:POLO');

-- ------------------------------------------------------------------ the DAG
select is(pg_temp.code($$ update public.sewing_operations set depends_on = array[id] where id = tests.id('op:shoulder') $$),
  'OPERATION_DEPENDENCY_CYCLE', 'an operation cannot depend on itself');
select is(pg_temp.code($$ update public.sewing_operations set depends_on = array[tests.id('op:side')]
                          where id = tests.id('op:shoulder') $$),
  'OPERATION_DEPENDENCY_CYCLE', 'a longer loop (shoulders → side seams → sleeves → shoulders) is refused');
select is(tests.error_of($$ update public.sewing_operations set depends_on = array[tests.id('op:side')]
                            where id = tests.id('op:shoulder') $$) -> 'hint' ->> 'field', 'depends_on',
  'the refusal names depends_on');
select ok((tests.error_of($$ update public.sewing_operations set depends_on = array[tests.id('op:side')]
                             where id = tests.id('op:shoulder') $$) ->> 'message') like '%Join shoulders%Close side seams%',
  'and the loop it would make');
select is(pg_temp.code($$ select pg_temp.op('op:x', 'Ghost', 9, array[gen_random_uuid()]) $$),
  'OPERATION_DEPENDENCY_UNKNOWN', 'an unknown id is refused');
select is(pg_temp.code($$ select pg_temp.op('op:x', 'Foreign', 9, array[tests.id('op:beta')]) $$),
  'OPERATION_DEPENDENCY_UNKNOWN', 'an operation of another organisation is refused');
select is(pg_temp.code($$ select pg_temp.op('op:x', 'Mixed', 9, array[tests.id('op:polo')]) $$),
  'OPERATION_DEPENDENCY_UNKNOWN', 'an operation of another product type is refused');
select lives_ok($$ select pg_temp.op('op:hem', 'Hem bottom', 5, array[tests.id('op:side'), tests.id('op:side'), tests.id('op:neck')]) $$,
  'a diamond (hem after side seams and neck) is a DAG');
select is((select cardinality(depends_on) from public.sewing_operations where id = tests.id('op:hem')), 2,
  'duplicate dependencies are stored once');
select is(pg_temp.code($$ delete from public.sewing_operations where id = tests.id('op:shoulder') $$), 'OPERATION_IN_USE',
  'an operation others depend on is not deleted');
select throws_ok($$ select pg_temp.op('op:y', 'Join shoulders', 7) $$, '23505', null,
  'names are unique per organisation and product type');
select is(pg_temp.code($$ update public.sewing_operations set defect_codes = '[{"code": "bad code", "label": "x"}]'
                          where id = tests.id('op:hem') $$), 'VALIDATION_FAILED', 'defect codes have a shape');

-- ------------------------------------------------------------------ rate history
update public.sewing_operations set piece_rate = 1.50 where id = tests.id('op:hem');
select is((select count(*)::int from public.sewing_operation_rates where operation_id = tests.id('op:hem')), 2,
  'a new piece rate adds a rate history row');
select is((select piece_rate from app.sewing_rate_at(tests.id('op:hem'), now() - interval '10 days')), 1.25::numeric,
  'the rate in force ten days ago is the old one');
select is((select piece_rate from app.sewing_rate_at(tests.id('op:hem'), now())), 1.50::numeric, 'now it is the new one');

-- ------------------------------------------------------------------ who may
select tests.authenticate_as('manager@alpha.test');
select is((select count(*)::int from public.sewing_operations), 6, 'a manager sees their own organisation''s operations');
select lives_ok($$ select public.save_sewing_operation(tests.id('org:alpha'), tests.id('pt:alpha:TEE'), 'Topstitch neck', 6,
                   0.35, 0.90, 'COVERSTITCH', 'INTERMEDIATE', array[tests.id('op:neck')], true,
                   '[{"code": "SKIP", "label": "Skipped stitch"}]') $$, 'a manager saves a new operation');
select is(pg_temp.code($$ select public.save_sewing_operation(tests.id('org:alpha'), tests.id('pt:alpha:TEE'), 'Topstitch neck', 6,
                   0.35, 0.90) $$), 'OPERATION_NAME_TAKEN', 'a taken name is refused by name');
select is(pg_temp.code($$ select public.save_sewing_operation(tests.id('org:alpha'), tests.id('pt:alpha:TEE'), 'Bad', 6,
                   0, 0.90) $$), 'VALIDATION_FAILED', 'SMV must be positive');
select tests.clear_authentication();

select tests.act_as_operator('alpha', 'operator@alpha.test', 'A-OP-1');
select is(pg_temp.code($$ select public.save_sewing_operation(tests.id('org:alpha'), tests.id('pt:alpha:TEE'), 'Nope', 8, 1, 1) $$),
  'FORBIDDEN', 'an operator cannot save operations');
select is((select count(*)::int from public.sewing_operation_rates), 8, 'but reads them and their rates');
select tests.clear_authentication();

select tests.authenticate_as('manager@beta.test');
select is(tests.rows_changed($$ update public.sewing_operations set piece_rate = 9 where org_id = tests.id('org:alpha') $$), 0,
  'another organisation''s manager changes nothing');
select tests.clear_authentication();

select is(array(select p.code || ':' || count(*) from public.sewing_operations o join public.product_types p on p.id = o.product_type_id
               where o.org_id = '20000000-0000-4000-8000-000000000002' group by p.code order by p.code),
  array['PANTS:12', 'POLO:11', 'T-SHIRT:10'], 'the demo seed gives Birch its T-shirt, polo and pants operation lists');

select * from finish();
rollback;
