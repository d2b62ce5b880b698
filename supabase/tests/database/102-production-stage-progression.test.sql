-- Stage progression (spec 04's check_stage_progression): forward one stage at a time, back only with
-- a reason and a supervisor, never past Acoustic QC while quality failed; completion rules.
begin;
select plan(23);
select tests.create_tenancy_fixture();
select tests.create_production_fixture();

-- ------------------------------------------------------------------ forward
select lives_ok(format($$update public.batches set current_stage = 'Sanding' where id = %L$$, tests.id('batch:alpha:1')),
  'a batch moves forward one stage');
-- spec 04's own example: stage skipping is rejected
select throws_ok(format($$update public.batches set current_stage = 'Sub-Assembly' where id = %L$$, tests.id('batch:alpha:1')),
  'PT400', 'Stages cannot be skipped: Sanding moves on to Finishing, not Sub-Assembly',
  'skipping a stage is rejected (STAGE_SKIPPED, 400)');
select is(tests.stage('alpha', 1), 'Sanding', 'the skip changed nothing');
select ok((select stage_entered_at > now() - interval '1 minute' and batch_number = 'ALPHA-B1'
           from public.batches where id = tests.id('batch:alpha:1')), 'stage_entered_at is stamped');

-- ------------------------------------------------------------------ back
select throws_ok(format($$update public.batches set current_stage = 'Intake' where id = %L$$, tests.id('batch:alpha:1')),
  'PT400', 'Say why the batch goes back a stage', 'going back without a reason is rejected');

-- an operator (PINed in on the station) gives a reason but lacks the role
select tests.act_as_operator('alpha', 'operator@alpha.test', 'A-OP-1');
select set_config('role', 'none', true); -- keep the operator's JWT claims, write as the test superuser
select set_config('floorline.reason', 'Grain tear-out', true);
select throws_ok(format($$update public.batches set current_stage = 'Intake' where id = %L$$, tests.id('batch:alpha:1')),
  'PT403', 'Only a supervisor or above can send a batch back a stage', 'an operator cannot send a batch back');
select tests.clear_authentication();

-- through the RPCs
select tests.act_as_operator('alpha', 'operator@alpha.test', 'A-OP-1');
select throws_ok(format($$select public.return_batch(%L, 'Intake', 'Grain tear-out')$$, tests.id('batch:alpha:1')),
  'PT403', null, 'return_batch refuses an operator');
select tests.clear_authentication();
select tests.authenticate_as('supervisor@alpha.test');
select throws_ok(format($$select public.return_batch(%L, 'Intake', '  ')$$, tests.id('batch:alpha:1')),
  'PT400', 'Say why the batch goes back', 'return_batch needs a reason');
select throws_ok(format($$select public.return_batch(%L, 'Finishing', 'no')$$, tests.id('batch:alpha:1')),
  'PT400', 'Pick a stage before Sanding', 'return_batch only goes backwards');
select is((public.return_batch(tests.id('batch:alpha:1'), 'Intake', 'Grain tear-out on two cups')) -> 'batch' ->> 'current_stage',
  'Intake', 'a supervisor sends it back with a reason');
select tests.clear_authentication();
select is((select reason from public.batch_events where batch_id = tests.id('batch:alpha:1') and kind = 'returned'),
  'Grain tear-out on two cups', 'the return and its reason are in batch_events');
select is((select member_id from public.batch_events where batch_id = tests.id('batch:alpha:1') and kind = 'returned'),
  tests.id('member:alpha:supervisor@alpha.test'), 'with the supervisor who did it');
select is(current_setting('floorline.reason', true), '', 'the RPC clears the reason it set');

-- ------------------------------------------------------------------ the quality gate
update public.batches set current_stage = 'Sanding' where id = tests.id('batch:alpha:1');
update public.batches set current_stage = 'Finishing' where id = tests.id('batch:alpha:1');
update public.batches set current_stage = 'Sub-Assembly' where id = tests.id('batch:alpha:1');
update public.batches set current_stage = 'Final Assembly' where id = tests.id('batch:alpha:1');
update public.batches set current_stage = 'Acoustic QC' where id = tests.id('batch:alpha:1');
select tests.act_as_operator('alpha', 'operator@alpha.test', 'A-OP-1');
select throws_ok(format($$select public.set_batch_quality(%L, 'failed')$$, tests.id('batch:alpha:1')),
  'PT400', 'Say what failed', 'failing QC needs a reason');
select lives_ok(format($$select public.set_batch_quality(%L, 'failed', 'Left channel 2 dB low')$$, tests.id('batch:alpha:1')),
  'the acoustic lab operator fails the batch');
select throws_ok(format($$select public.advance_batch(%L, 'Acoustic QC')$$, tests.id('batch:alpha:1')),
  'PT422', null, 'a failed batch cannot pass Acoustic QC');
select tests.clear_authentication();
select throws_ok(format($$update public.batches set current_stage = 'Shipping' where id = %L$$, tests.id('batch:alpha:1')),
  'PT422', null, 'not even by plain SQL');
update public.batches set quality_status = 'warning' where id = tests.id('batch:alpha:1');
select lives_ok(format($$update public.batches set current_stage = 'Shipping' where id = %L$$, tests.id('batch:alpha:1')),
  'with quality warning it moves on');

-- ------------------------------------------------------------------ completion
select throws_ok(format($$update public.batches set is_complete = true where id = %L$$, tests.id('batch:beta:1')),
  'PT409', null, 'a batch at Intake cannot be completed');
update public.batches set quality_status = 'failed' where id = tests.id('batch:alpha:1');
select throws_ok(format($$update public.batches set is_complete = true where id = %L$$, tests.id('batch:alpha:1')),
  'PT422', 'Batch ALPHA-B1 failed quality: it cannot be completed', 'a failed batch cannot be completed');
update public.batches set quality_status = 'good' where id = tests.id('batch:alpha:1');
update public.batches set is_complete = true where id = tests.id('batch:alpha:1');
select throws_ok(format($$update public.batches set current_stage = 'Acoustic QC' where id = %L$$, tests.id('batch:alpha:1')),
  'PT409', 'Batch ALPHA-B1 is complete and no longer moves', 'a completed batch does not move');
select throws_ok(format($$update public.batches set is_complete = false where id = %L$$, tests.id('batch:alpha:1')),
  'PT409', 'A completed batch cannot be reopened', 'completion is final');
select is(
  (select array_agg(kind::text order by id) from public.batch_events where batch_id = tests.id('batch:alpha:1')),
  array['created', 'advanced', 'returned', 'advanced', 'advanced', 'advanced', 'advanced', 'advanced',
        'quality_changed', 'quality_changed', 'advanced', 'quality_changed', 'quality_changed', 'completed'],
  'batch_events tells the whole story');

select * from finish();
rollback;
