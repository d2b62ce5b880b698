-- Catalogue editing: save_model creates and edits a model with its stages (managers+), set_model_active
-- archives and restores; validation names its code and field; an archived model keeps its orders and
-- cannot be ordered.
begin;
select plan(31);
select tests.create_tenancy_fixture();
select tests.create_production_fixture();

-- The error a statement raises as {sqlstate, code, field}.
create function pg_temp.err(p_sql text) returns jsonb language sql as $$
  -- the error as these assertions compare it: state, code and the field the hint names
  select jsonb_build_object('sqlstate', e ->> 'sqlstate', 'code', e ->> 'code', 'field', e -> 'hint' ->> 'field')
  from tests.error_of(p_sql) e where e is not null
$$;

-- a stage list as the form sends it
create function pg_temp.stages() returns jsonb language sql as $$
  select '[{"stage": "Intake", "estimated_hours": 0.5, "quality_checklist": [{"label": "Parts counted", "required": true}]},
           {"stage": "Sanding", "estimated_hours": 2.25, "quality_checklist": []},
           {"stage": "Acoustic QC", "estimated_hours": 1, "quality_checklist": [{"key": "sweep", "label": " Frequency sweep "}]}]'::jsonb
$$;

create function pg_temp.save(p_name text, p_sku text, p_model uuid default null, p_stages jsonb default null,
                             p_org uuid default null) returns jsonb language sql as $$
  select public.save_model(p_org_id => coalesce(p_org, tests.id('org:alpha')), p_name => p_name, p_sku_prefix => p_sku,
           p_complexity => 'high', p_woods => '{Walnut,Sapele,Walnut}', p_price => 1299.5,
           p_stages => coalesce(p_stages, pg_temp.stages()), p_model_id => p_model)
$$;

-- ------------------------------------------------------------------ who may
select tests.authenticate_as('supervisor@alpha.test');
select is(pg_temp.err($$ select pg_temp.save('Orpheus', 'ORP') $$) ->> 'code', 'FORBIDDEN', 'a supervisor cannot create models');
select tests.clear_authentication();
select tests.act_as_operator('alpha', 'operator@alpha.test', 'A-OP-1');
select is(pg_temp.err($$ select pg_temp.save('Orpheus', 'ORP') $$) ->> 'code', 'FORBIDDEN', 'an operator cannot create models');
select tests.clear_authentication();
select tests.authenticate_as('manager@beta.test');
select is(pg_temp.err($$ select pg_temp.save('Orpheus', 'ORP') $$) ->> 'code', 'FORBIDDEN',
  'a manager of another organisation cannot create alpha models');
select is(pg_temp.err(format($$ select public.set_model_active(%L, false) $$, tests.id('model:alpha:ATT'))) ->> 'code',
  'FORBIDDEN', 'nor archive them');
select tests.clear_authentication();
select tests.authenticate_as_anon();
select throws_ok($$ select pg_temp.save('Orpheus', 'ORP') $$, '42501', null, 'anon cannot call save_model');
select tests.clear_authentication();

-- ------------------------------------------------------------------ create
select tests.authenticate_as('manager@alpha.test');
create temporary table created on commit drop as select pg_temp.save(' Orpheus ', 'orp') as a;
select is((select a ->> 'created' from created), 'true', 'a manager creates a model');
select is((select a -> 'model' ->> 'name' from created), 'Orpheus', 'the name is trimmed');
select is((select a -> 'model' ->> 'sku_prefix' from created), 'ORP', 'the SKU prefix is upper-cased');
select is((select a -> 'model' -> 'wood_types' from created), '["Sapele", "Walnut"]'::jsonb, 'woods once each, in order');
select is((select (a -> 'model' ->> 'base_production_hours')::numeric from created), 3.75,
  'nominal hours default to the sum of the stage hours');
select is((select a -> 'model' ->> 'is_active' from created), 'true', 'a new model is active');
select is(
  (select jsonb_agg(jsonb_build_object('stage', s.stage, 'h', s.estimated_hours, 'order', s.display_order) order by s.display_order)
   from public.model_production_stages s where s.model_id = (select (a -> 'model' ->> 'id')::uuid from created)),
  '[{"stage": "Intake", "h": 0.5, "order": 1}, {"stage": "Sanding", "h": 2.25, "order": 2},
    {"stage": "Acoustic QC", "h": 1, "order": 6}]'::jsonb,
  'its stages are stored with their hours, in workflow order');
select is(
  (select s.quality_checklist from public.model_production_stages s
   where s.model_id = (select (a -> 'model' ->> 'id')::uuid from created) and s.stage = 'Acoustic QC'),
  '[{"key": "sweep", "label": "Frequency sweep", "required": false}]'::jsonb,
  'checklist items keep their key, labels are trimmed, required defaults to false');
select is(
  (select s.quality_checklist -> 0 ->> 'key' from public.model_production_stages s
   where s.model_id = (select (a -> 'model' ->> 'id')::uuid from created) and s.stage = 'Intake'),
  'parts-counted', 'an item without a key gets one from its label');

-- ------------------------------------------------------------------ validation: code and field
select is(pg_temp.err($$ select pg_temp.save('atticus', 'NEW') $$), '{"sqlstate": "PT409", "code": "MODEL_NAME_TAKEN", "field": "name"}',
  'a name another model has (any case) → MODEL_NAME_TAKEN on name');
select is(pg_temp.err($$ select pg_temp.save('Fresh', 'att') $$), '{"sqlstate": "PT409", "code": "SKU_PREFIX_TAKEN", "field": "sku_prefix"}',
  'a SKU prefix another model has → SKU_PREFIX_TAKEN on sku_prefix');
select is(pg_temp.err($$ select pg_temp.save('Fresh', 'A-1') $$) ->> 'field', 'sku_prefix', 'a malformed SKU prefix → sku_prefix');
select is(pg_temp.err($$ select pg_temp.save('  ', 'FRS') $$), '{"sqlstate": "PT400", "code": "VALIDATION_FAILED", "field": "name"}',
  'a blank name → VALIDATION_FAILED on name');
select is(pg_temp.err(format($$ select public.save_model(%L, 'Fresh', 'FRS', 'low', '{}', 10) $$, tests.id('org:alpha'))) ->> 'field',
  'wood_types', 'no woods → wood_types');
select is(pg_temp.err(format($$ select public.save_model(%L, 'Fresh', 'FRS', 'low', '{Walnut}', -1) $$, tests.id('org:alpha'))) ->> 'field',
  'base_price', 'a negative price → base_price');
select is(pg_temp.err($$ select pg_temp.save('Fresh', 'FRS', null,
    '[{"stage": "Intake", "estimated_hours": 0.5}, {"stage": "Sanding", "estimated_hours": 120}]') $$) ->> 'field',
  'stages.1.estimated_hours', 'hours out of range → the stage''s estimated_hours, by index');
select is(pg_temp.err($$ select pg_temp.save('Fresh', 'FRS', null,
    '[{"stage": "Intake", "estimated_hours": 1, "quality_checklist": [{"label": "ok"}, {"label": ""}]}]') $$) ->> 'field',
  'stages.0.quality_checklist.1.label', 'an empty check → its label, by index');
select is(pg_temp.err($$ select pg_temp.save('Fresh', 'FRS', null,
    '[{"stage": "Intake", "estimated_hours": 1}, {"stage": "Intake", "estimated_hours": 1}]') $$) ->> 'field',
  'stages.1.stage', 'a stage listed twice → its stage');

-- ------------------------------------------------------------------ edit
select is(
  (select pg_temp.save('Orpheus II', 'ORP2', (a -> 'model' ->> 'id')::uuid,
     '[{"stage": "Intake", "estimated_hours": 1, "quality_checklist": []}]') -> 'model' ->> 'name' from created),
  'Orpheus II', 'a manager renames a model (its own name and prefix are not "taken")');
select is(
  (select count(*)::int from public.model_production_stages s where s.model_id = (select (a -> 'model' ->> 'id')::uuid from created)),
  1, 'the stages are the list given: the others are removed');
select is(pg_temp.err(format($$ select pg_temp.save('X', 'XX', %L) $$, tests.id('model:beta:BET'))) ->> 'code',
  'NOT_FOUND', 'another organisation''s model is not found from alpha');

-- ------------------------------------------------------------------ archive: orders kept, no new ones
create temporary table att_orders on commit drop as
  select o.id, o.status from public.orders o where o.model_id = tests.id('model:alpha:ATT');
select cmp_ok((select count(*)::int from att_orders), '>', 0, 'Atticus has orders (fixture)');
select is(public.set_model_active(tests.id('model:alpha:ATT'), false) -> 'model' ->> 'is_active', 'false',
  'a manager archives a model');
select set_eq($$ select o.id, o.status from public.orders o where o.model_id = tests.id('model:alpha:ATT') $$,
  $$ select id, status from att_orders $$, 'its orders are kept, with their status');
select is(pg_temp.err(format($$ select public.create_order(%L, %L, 'Walnut', '{"name": "A", "email": "a@customers.test"}') $$,
    tests.id('org:alpha'), tests.id('model:alpha:ATT'))),
  '{"sqlstate": "PT400", "code": "VALIDATION_FAILED", "field": "model_id"}', 'an archived model cannot be ordered');
select is(public.set_model_active(tests.id('model:alpha:ATT'), true) -> 'model' ->> 'is_active', 'true',
  'and restores it');
select tests.clear_authentication();

select * from finish();
rollback;
