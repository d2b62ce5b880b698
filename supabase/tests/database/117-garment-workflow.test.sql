-- A garment workshop on its own workflow (issue 11): beta follows the system batch type 'Garment'
-- (Cutting → Printing → Sewing → QC → Packing → Shipped, rework QC → Sewing). The engine decides every
-- move; what a state means (order status, QC gate, public label) comes from the type's meta.
begin;
select plan(37);
select tests.create_tenancy_fixture();
select tests.create_production_fixture();
select app.batch_type_id('garment') as garment_id, app.batch_type_id('headphone-build') as headphone_id \gset

-- ------------------------------------------------------------------ the organisation's batch type
select tests.authenticate_as('supervisor@alpha.test');
select ok(tests.changes_nothing(format($$update public.batch_settings set hours_per_day = 1 where org_id = %L$$,
                                       tests.id('org:alpha'))), 'a supervisor cannot change the batch settings');
select tests.clear_authentication();
select tests.authenticate_as('manager@beta.test');
select throws_ok(format($$update public.batch_settings set default_type_id = %L where org_id = %L$$,
                        gen_random_uuid(), tests.id('org:beta')),
  'PT400', 'Pick a batch type of this organisation or a system one', 'the default must be a batch type it can use');
select is(tests.rows_changed(format($$update public.batch_settings set default_type_id = %L where org_id = %L$$,
                                    :'garment_id', tests.id('org:beta'))), 1,
  'a manager makes Garment beta''s batch type');
select tests.clear_authentication();
select is((select s.default_type_id from public.batch_settings s where s.org_id = tests.id('org:alpha')),
  :'headphone_id'::uuid, 'alpha keeps the Headphone build');

-- ------------------------------------------------------------------ model hours per garment stage
select tests.authenticate_as('manager@beta.test');
select throws_ok(format($$select public.save_model(%L, 'Shirt', 'SHI', 'low', '{Walnut}', 40,
                          '[{"stage": "Sanding", "estimated_hours": 1}]')$$, tests.id('org:beta')),
  'PT400', 'Pick a stage of the workflow', 'a headphone stage is not one of beta''s');
select is(jsonb_array_length(public.save_model(tests.id('org:beta'), 'Shirt', 'SHI', 'low', '{Walnut}', 40,
            '[{"stage": "Sewing", "estimated_hours": 1.5}, {"stage": "Cutting", "estimated_hours": 0.5}]') -> 'model' -> 'stages'),
  2, 'garment stages are');
select is((select array_agg(s.stage order by s.display_order) from public.model_production_stages s
           join public.headphone_models m on m.id = s.model_id where m.sku_prefix = 'SHI'),
  array['Cutting', 'Sewing'], 'in the garment floor order');
select tests.clear_authentication();

-- ------------------------------------------------------------------ a batch follows the garment machine
select tests.add_order('beta', 2, 'BET', 'Walnut');
select tests.add_batch('beta', 2, array[2]);
select is(tests.stage('beta', 2), 'Cutting', 'a new beta batch starts at Cutting');
select is((select type_definition_id from public.batches where id = tests.id('batch:beta:2')), :'garment_id'::uuid,
  'and follows the Garment type');

select tests.authenticate_as('manager@beta.test');
select is(public.advance_batch(tests.id('batch:beta:2')) -> 'batch' ->> 'current_stage', 'Printing',
  'advancing goes to Printing');
select is(tests.order_status('beta', 2), 'in_production', 'its order is in production');
select tests.clear_authentication();

select throws_ok(format($$update public.batches set current_stage = 'QC' where id = %L$$, tests.id('batch:beta:2')),
  'PT400', 'Stages cannot be skipped: Printing moves on to Sewing, not QC', 'skipping Sewing is refused (STAGE_SKIPPED)');
select is(tests.stage('beta', 2), 'Printing', 'the skip changed nothing');

update public.batches set current_stage = 'Sewing' where id = tests.id('batch:beta:2');
update public.batches set current_stage = 'QC' where id = tests.id('batch:beta:2');
select is(tests.order_status('beta', 2), 'quality_check', 'at QC its order is in quality check (meta.order_status)');

-- QC is the gate (meta.requires_quality_pass)
select tests.authenticate_as('manager@beta.test');
select lives_ok(format($$select public.set_batch_quality(%L, 'failed', 'Collar stitched crooked')$$, tests.id('batch:beta:2')),
  'the batch fails QC');
select throws_ok(format($$select public.advance_batch(%L)$$, tests.id('batch:beta:2')),
  'PT422', null, 'a failed batch does not move on from QC');
select tests.clear_authentication();

-- rework QC → Sewing: the Garment type requires a reason (and return_batch a supervisor)
select throws_ok(format($$update public.batches set current_stage = 'Sewing' where id = %L$$, tests.id('batch:beta:2')),
  'PT400', 'Say why the batch goes back a stage', 'rework needs a reason');
select tests.act_as_operator('beta', 'operator@beta.test', 'B-OP-1');
select throws_ok(format($$select public.return_batch(%L, 'Sewing', 'Collar')$$, tests.id('batch:beta:2')),
  'PT403', null, 'an operator cannot send it back (return_batch is for supervisors+)');
select tests.clear_authentication();
select tests.authenticate_as('manager@beta.test');
select is(public.return_batch(tests.id('batch:beta:2'), 'Sewing', 'Collar stitched crooked: resew') -> 'batch' ->> 'current_stage',
  'Sewing', 'a manager sends it back to Sewing with a reason');
select tests.clear_authentication();
select is((select reason from public.batch_events where batch_id = tests.id('batch:beta:2') and kind = 'returned'),
  'Collar stitched crooked: resew', 'the rework and its reason are in batch_events');
select is((select row(h.from_state, h.to_state, h.transition, h.reason)::text from public.state_history h
           where h.subject = 'batch' and h.subject_id = tests.id('batch:beta:2') order by h.id desc limit 1),
  row('QC', 'Sewing', 'rework', 'Collar stitched crooked: resew')::text, 'and in the engine''s state history');
select is((select count(*)::int from public.state_history h where h.subject = 'batch' and h.subject_id = tests.id('batch:beta:2')),
  5, 'every stage change of the batch is in the history (created, three moves, the rework)');

-- no transition Sewing → Cutting in the garment machine
select tests.authenticate_as('manager@beta.test');
select throws_ok(format($$select public.return_batch(%L, 'Cutting', 'Recut')$$, tests.id('batch:beta:2')),
  'PT409', null, 'going back where the machine has no transition is refused (INVALID_TRANSITION)');
select is(tests.stage('beta', 2), 'Sewing', 'and changes nothing');

-- on to the end
select lives_ok(format($$select public.set_batch_quality(%L, 'good', 'Resewn')$$, tests.id('batch:beta:2')), 'fixed');
select public.advance_batch(tests.id('batch:beta:2'));
select throws_ok(format($$select public.complete_batch(%L)$$, tests.id('batch:beta:2')),
  'PT409', 'Batch BETA-B2 is at QC: it can be completed only from Packing', 'a garment batch completes only from Packing');
select is(public.advance_batch(tests.id('batch:beta:2')) -> 'batch' ->> 'current_stage', 'Packing', 'QC → Packing');
select is(tests.order_status('beta', 2), 'ready_to_ship', 'at Packing its order is ready to ship');
select throws_ok(format($$select public.advance_batch(%L)$$, tests.id('batch:beta:2')),
  'PT409', null, 'Packing is the last stage: advancing says complete it');
select lives_ok(format($$select public.complete_batch(%L)$$, tests.id('batch:beta:2')),
  'complete: Packing → Shipped, the terminal state');
select is(tests.order_status('beta', 2), 'shipped', 'its order is shipped');

-- ------------------------------------------------------------------ the board and the tracking page read the type
select is((select array(select jsonb_array_elements(public.batch_board(tests.id('org:beta')) -> 'stages') ->> 'stage')),
  array['Cutting', 'Printing', 'Sewing', 'QC', 'Packing'], 'beta''s board has a column per garment stage');
select tests.clear_authentication();
select is((select array(select jsonb_array_elements(app.order_public_progress(tests.id('order:beta:2')) -> 'stages') ->> 'stage')),
  array['Cutting', 'Printing', 'Sewing', 'QC', 'Packing'], 'its tracking page shows the garment stages');

-- ------------------------------------------------------------------ a definition change meets live batches
select tests.authenticate_as('manager@beta.test');
create temp table own as
  select (public.copy_type_definition(tests.id('org:beta'), :'garment_id', 'our-garment', 'Our garment')
          -> 'type_definition' ->> 'id')::uuid as id;
select is(tests.rows_changed(format($$update public.batch_settings set default_type_id = %L where org_id = %L$$,
                                    (select id from own), tests.id('org:beta'))), 1, 'beta makes its own copy the default');
select tests.clear_authentication();
select tests.add_order('beta', 3, 'BET', 'Walnut');
select tests.add_batch('beta', 3, array[3]);
update public.batches set current_stage = 'Printing' where id = tests.id('batch:beta:3');
create temp table no_printing as select jsonb_build_object(
  'init', 'Cutting', 'states', '["Cutting", "Sewing", "QC", "Packing", "Shipped"]'::jsonb, 'terminal', '["Shipped"]'::jsonb,
  'transitions', '[{"name": "advance", "from": "Cutting", "to": "Sewing"}, {"name": "advance", "from": "Sewing", "to": "QC"},
                   {"name": "advance", "from": "QC", "to": "Packing"}, {"name": "complete", "from": "Packing", "to": "Shipped"}]'::jsonb
) as fsm;
grant select on own, no_printing to authenticated;
select tests.authenticate_as('manager@beta.test');
select throws_ok(format($$select public.save_type_definition(%L, %L, 'batch', 'our-garment', 'Our garment', %L, '{"type": "object", "properties": {}}')$$,
                        tests.id('org:beta'), (select id from own), (select fsm from no_printing)),
  'PT409', null, 'removing a stage a live batch is in is refused (STATE_IN_USE: batches are an engine subject)');
select lives_ok(format($$select public.save_type_definition(%L, %L, 'batch', 'our-garment', 'Our garment', %L, '{"type": "object", "properties": {}}', '{"Printing": "Sewing"}')$$,
                       tests.id('org:beta'), (select id from own), (select fsm from no_printing)),
  'with a move, the batch goes on to Sewing');
select tests.clear_authentication();
select is((select row(b.current_stage, b.type_version)::text from public.batches b where b.id = tests.id('batch:beta:3')),
  row('Sewing', 2)::text, 'moved, validated against the new version');

select * from finish();
rollback;
