-- Each advance precondition in one place (issue 9, 20261203006000): the stage trigger refuses a move
-- whose stage still has required actions open, whatever path moves it — the board's advance_batch /
-- complete_batch, the floor's floor_advance_item, a plain `update batches` — with one code and one
-- context; a supervisor's override is explicit (p_override_reason), refused to operators, and recorded
-- with who and why; the floor queues follow every path's move (issue 10).
begin;
select plan(39);
select tests.create_tenancy_fixture();
select tests.create_production_fixture();
select tests.create_floor_fixture();
-- Shipping gets a required batch action, so completing has something to wait for
insert into public.floor_stage_actions (org_id, type_definition_id, stage, action_key, action_type, label, required, item_kinds, position)
  values (tests.id('org:alpha'), tests.workflow_id('alpha'), 'Shipping', 'tracking', 'note', 'Tracking number', true, '{batch}', 1);

-- Runs a statement and answers how it failed: {state, message, code (details), hint (jsonb)}, or null.
create function pg_temp.refusal(p_sql text) returns jsonb
language plpgsql as $$
declare
  v_state text;
  v_msg text;
  v_detail text;
  v_hint text;
begin
  execute p_sql;
  return null;
exception when others then
  get stacked diagnostics v_state = returned_sqlstate, v_msg = message_text, v_detail = pg_exception_detail,
                          v_hint = pg_exception_hint;
  return jsonb_build_object('state', v_state, 'message', v_msg, 'code', v_detail,
                            'hint', case when v_hint like '{%' then v_hint::jsonb else to_jsonb(nullif(v_hint, '')) end);
end $$;
grant execute on all functions in schema pg_temp to authenticated, service_role;
create temporary table r (k text primary key, v jsonb) on commit drop;
grant all on r to authenticated, service_role;

-- the batch is a floor item already (as once scanned), so every answer can name its item_id
select count(*) from app.floor_resolve_item(tests.id('org:alpha'), tests.id('batch:alpha:1'), true);
select tests.start_floor_session('alpha', 'operator@alpha.test', 'A-OP-1') as sid \gset

-- ------------------------------------------------------------------ one refusal, every path
insert into r select 'floor', pg_temp.refusal(format($$select public.floor_advance_item(gen_random_uuid(), %L, %L, 'Intake')$$,
                                                    :'sid', tests.id('batch:alpha:1')));
insert into r select 'board', pg_temp.refusal(format($$select public.advance_batch(%L, 'Intake')$$, tests.id('batch:alpha:1')));
insert into r select 'sync', (public.floor_sync(jsonb_build_array(jsonb_build_object(
  'op', 'advance', 'client_id', gen_random_uuid(),
  'args', jsonb_build_object('session_id', :'sid', 'item_id', tests.id('batch:alpha:1'))))) -> 'results' -> 0 -> 'error');
select tests.clear_authentication();

select is((select v ->> 'code' from r where k = 'board'), 'REQUIRED_ACTIONS_PENDING',
  'an operator''s direct advance_batch with a required action missing is refused: REQUIRED_ACTIONS_PENDING');
select is((select v ->> 'state' from r where k = 'board'), 'PT422', 'as a 422');
select is((select v ->> 'code' from r where k = 'floor'), (select v ->> 'code' from r where k = 'board'),
  'the floor path gives the same code');
select is((select v ->> 'message' from r where k = 'floor'), (select v ->> 'message' from r where k = 'board'),
  'and the same message');
select is((select v -> 'hint' from r where k = 'floor'), (select v -> 'hint' from r where k = 'board'),
  'and the same context');
select is((select v ->> 'message' from r where k = 'board'), '1 required action(s) still to do at Intake, e.g. Materials check on ALPHA-B1',
  'the message names the stage and what is missing');
select is((select v -> 'hint' ->> 'count' from r where k = 'board') || '/' || (select v -> 'hint' -> 'pending' -> 0 ->> 'key' from r where k = 'board')
          || '/' || (select v -> 'hint' ->> 'stage' from r where k = 'board'),
  '1/materials/Intake', 'the context lists what is pending at which stage');
select is((select v ->> 'details' from r where k = 'sync'), 'REQUIRED_ACTIONS_PENDING', 'sync reports the same code');

select is(pg_temp.refusal(format($$update public.batches set current_stage = 'Sanding' where id = %L$$, tests.id('batch:alpha:1'))) ->> 'code',
  'REQUIRED_ACTIONS_PENDING', 'plain SQL (no JWT) is refused too');
select tests.authenticate_as_service_role();
select is(pg_temp.refusal(format($$update public.batches set current_stage = 'Sanding' where id = %L$$, tests.id('batch:alpha:1'))) ->> 'code',
  'REQUIRED_ACTIONS_PENDING', 'and the service role, which may update batches directly');
select tests.clear_authentication();
select tests.authenticate_as('supervisor@alpha.test');
select is(pg_temp.refusal(format($$select public.advance_batch(%L, 'Intake')$$, tests.id('batch:alpha:1'))) ->> 'code',
  'REQUIRED_ACTIONS_PENDING', 'a supervisor without an override is refused like anyone');
select tests.clear_authentication();
select is(tests.stage('alpha', 1), 'Intake', 'nothing moved');

-- ------------------------------------------------------------------ the override: explicit, supervisors+, recorded
select tests.act_as_operator('alpha', 'operator@alpha.test', 'A-OP-1');
insert into r select 'op-override', pg_temp.refusal(format($$select public.advance_batch(%L, 'Intake', p_override_reason => 'in a hurry')$$,
                                                          tests.id('batch:alpha:1')));
select set_config('role', 'none', true); -- the operator's JWT claims, written as the test superuser
select set_config('floorline.override_reason', 'in a hurry', true);
insert into r select 'op-sql-override', pg_temp.refusal(format($$update public.batches set current_stage = 'Sanding' where id = %L$$,
                                                              tests.id('batch:alpha:1')));
select set_config('floorline.override_reason', '', true);
select tests.clear_authentication();
select is((select v ->> 'code' from r where k = 'op-override'), 'FORBIDDEN', 'an operator cannot override');
select is((select v -> 'hint' ->> 'field' from r where k = 'op-override'), 'override_reason', 'the refusal names override_reason');
select is((select v ->> 'code' from r where k = 'op-sql-override'), 'FORBIDDEN',
  'nor by setting floorline.override_reason on a direct update');

select tests.authenticate_as('supervisor@alpha.test');
select is(pg_temp.refusal(format($$select public.advance_batch(%L, 'Intake', p_override_reason => '   ')$$, tests.id('batch:alpha:1'))) -> 'hint' ->> 'field',
  'override_reason', 'an override needs a real reason');
create temporary table ov on commit drop as
  select public.advance_batch(tests.id('batch:alpha:1'), 'Intake', p_override_reason => 'Paperwork arrives with the courier') as a;
select tests.clear_authentication();
select is((select a -> 'batch' ->> 'current_stage' from ov), 'Sanding', 'a supervisor''s override moves the batch on');
select is((select reason from public.batch_events where batch_id = tests.id('batch:alpha:1') and kind = 'advanced'),
  'Paperwork arrives with the courier', 'the advanced event says why');
select is((select member_id from public.batch_events where batch_id = tests.id('batch:alpha:1') and kind = 'advanced'),
  tests.id('member:alpha:supervisor@alpha.test'), 'and who');
select is((select skipped_actions -> 'pending' -> 0 ->> 'key' from public.batch_events
           where batch_id = tests.id('batch:alpha:1') and kind = 'advanced'), 'materials', 'and what was skipped');
select is(current_setting('floorline.override_reason', true), '', 'the RPC clears the override it set');

-- ------------------------------------------------------------------ queues follow the board (issue 10)
select is((select count(*)::int from public.floor_queue_items qi join public.floor_items fi on fi.id = qi.item_id
           where qi.queue_id = tests.id('queue:alpha:sanding') and fi.batch_id = tests.id('batch:alpha:1') and qi.status = 'waiting'),
  1, 'the board''s advance put the batch in the Sanding queue');

-- ------------------------------------------------------------------ with the actions done, every path passes
select tests.act_as_operator('alpha', 'operator@alpha.test', 'A-OP-1');
select tests.set_device('tablet-1');
select is(pg_temp.refusal(format($$select public.advance_batch(%L, 'Sanding')$$, tests.id('batch:alpha:1'))) -> 'hint' ->> 'count',
  '3', 'at Sanding the orders'' measurements and the batch check are pending');
select public.floor_complete_action(gen_random_uuid(), :'sid', tests.id('order:alpha:1'), 'wall', '{"value": 6.0}');
select public.floor_complete_action(gen_random_uuid(), :'sid', tests.id('order:alpha:2'), 'wall', '{"value": 6.1}');
select public.floor_complete_action(gen_random_uuid(), :'sid', tests.id('batch:alpha:1'), 'sanding-ok',
                                    '{"checklist": [{"key": "grit", "completed": true}]}');
select is((public.advance_batch(tests.id('batch:alpha:1'), 'Sanding')) -> 'batch' ->> 'current_stage', 'Finishing',
  'with the actions done the operator''s advance_batch passes');
select tests.clear_authentication();
select is((select skipped_actions from public.batch_events where batch_id = tests.id('batch:alpha:1') and kind = 'advanced'
           and from_stage = 'Sanding'), null, 'an ordinary advance records no skipped actions');
select is((select status::text from public.floor_queue_items where queue_id = tests.id('queue:alpha:sanding')), 'completed',
  'leaving Sanding on the board completes its queue entry');

-- a return for rework: the earlier stage's queue gets it back, and its actions are due again
select tests.authenticate_as('supervisor@alpha.test');
select public.return_batch(tests.id('batch:alpha:1'), 'Sanding', 'Orange peel on the finish', 'Finishing');
select tests.clear_authentication();
select is((select count(*)::int from public.floor_queue_items where queue_id = tests.id('queue:alpha:sanding') and status = 'waiting'),
  1, 'a returned batch waits in the Sanding queue again');
select is(pg_temp.refusal(format($$update public.batches set current_stage = 'Finishing' where id = %L$$, tests.id('batch:alpha:1'))) -> 'hint' ->> 'count',
  '3', 'back at Sanding, its actions count again from the return (a new stage visit)');

-- plain SQL: the actions done, a direct update passes
select tests.act_as_operator('alpha', 'operator@alpha.test', 'A-OP-1');
select tests.set_device('tablet-1');
select public.floor_complete_action(gen_random_uuid(), :'sid', tests.id('order:alpha:1'), 'wall', '{"value": 6.0}');
select public.floor_complete_action(gen_random_uuid(), :'sid', tests.id('order:alpha:2'), 'wall', '{"value": 6.0}');
select public.floor_complete_action(gen_random_uuid(), :'sid', tests.id('batch:alpha:1'), 'sanding-ok',
                                    '{"checklist": [{"key": "grit", "completed": true}]}');
select tests.clear_authentication();
select tests.authenticate_as_service_role();
select lives_ok(format($$update public.batches set current_stage = 'Finishing' where id = %L$$, tests.id('batch:alpha:1')),
  'with the actions done a plain update passes');
select tests.clear_authentication();

-- plain SQL with an override (service role, JWT-less SQL): it names why, and it is recorded
select set_config('floorline.override_reason', 'Photo taken on the old camera', true);
select lives_ok(format($$update public.batches set current_stage = 'Sub-Assembly' where id = %L$$, tests.id('batch:alpha:1')),
  'SQL may override with a reason');
select set_config('floorline.override_reason', '', true);
select is((select reason || ' / ' || (skipped_actions ->> 'count') from public.batch_events
           where batch_id = tests.id('batch:alpha:1') and kind = 'advanced' and from_stage = 'Finishing' order by id desc limit 1),
  'Photo taken on the old camera / 1', 'recorded with its reason and what it skipped');
update public.batches set current_stage = 'Final Assembly' where id = tests.id('batch:alpha:1');

-- ------------------------------------------------------------------ the quality gate, on every path
update public.batches set current_stage = 'Acoustic QC' where id = tests.id('batch:alpha:1');
select set_config('floorline.reason', 'hum on the left channel', true);
update public.batches set quality_status = 'failed' where id = tests.id('batch:alpha:1');
select set_config('floorline.reason', '', true);
select set_config('floorline.override_reason', 'fixture: the Acoustic QC actions are not what this checks', true);
select is(pg_temp.refusal(format($$update public.batches set current_stage = 'Shipping' where id = %L$$, tests.id('batch:alpha:1'))) ->> 'code',
  'QUALITY_FAILED', 'an override skips actions, never the quality gate');
select set_config('floorline.override_reason', '', true);
select tests.act_as_operator('alpha', 'operator@alpha.test', 'A-OP-1');
select tests.set_device('tablet-1');
select public.floor_complete_action(gen_random_uuid(), :'sid', tests.id('order:alpha:1'), 'balance', '{"value": 0.2}');
select public.floor_complete_action(gen_random_uuid(), :'sid', tests.id('order:alpha:2'), 'balance', '{"value": 0.3}');
select public.floor_complete_action(gen_random_uuid(), :'sid', tests.id('batch:alpha:1'), 'signoff',
                                    p_approver_badge => 'A-SUP-1', p_approver_pin => '1234');
insert into r select 'qc-board', pg_temp.refusal(format($$select public.advance_batch(%L, 'Acoustic QC')$$, tests.id('batch:alpha:1')));
insert into r select 'qc-floor', pg_temp.refusal(format($$select public.floor_advance_item(gen_random_uuid(), %L, %L)$$,
                                                       :'sid', tests.id('batch:alpha:1')));
select tests.clear_authentication();
select is((select v ->> 'code' from r where k = 'qc-board') || '/' || (select v ->> 'code' from r where k = 'qc-floor'),
  'QUALITY_FAILED/QUALITY_FAILED', 'the board and the floor get the same quality-gate refusal');
update public.batches set quality_status = 'good' where id = tests.id('batch:alpha:1');
update public.batches set current_stage = 'Shipping' where id = tests.id('batch:alpha:1');

-- ------------------------------------------------------------------ completing waits for the last stage's actions
select tests.act_as_operator('alpha', 'operator@alpha.test', 'A-OP-1');
select tests.set_device('tablet-1');
insert into r select 'done-board', pg_temp.refusal(format($$select public.complete_batch(%L)$$, tests.id('batch:alpha:1')));
insert into r select 'done-floor', pg_temp.refusal(format($$select public.floor_advance_item(gen_random_uuid(), %L, %L)$$,
                                                         :'sid', tests.id('batch:alpha:1')));
insert into r select 'done-op-override', pg_temp.refusal(format($$select public.complete_batch(%L, p_override_reason => 'x')$$,
                                                               tests.id('batch:alpha:1')));
select tests.clear_authentication();
select is((select v ->> 'code' from r where k = 'done-board') || '/' || (select v ->> 'code' from r where k = 'done-floor'),
  'REQUIRED_ACTIONS_PENDING/REQUIRED_ACTIONS_PENDING', 'completing at Shipping waits for its required actions, board and floor alike');
select is((select v ->> 'message' from r where k = 'done-floor'), '1 required action(s) still to do at Shipping, e.g. Tracking number on ALPHA-B1',
  'naming them');
select is((select v ->> 'code' from r where k = 'done-op-override'), 'FORBIDDEN', 'an operator cannot override completion');
select is(pg_temp.refusal(format($$update public.batches set is_complete = true where id = %L$$, tests.id('batch:alpha:1'))) ->> 'code',
  'REQUIRED_ACTIONS_PENDING', 'nor can plain SQL complete it');
select tests.authenticate_as('supervisor@alpha.test');
select is((public.complete_batch(tests.id('batch:alpha:1'), p_override_reason => 'Customer collects in person')) -> 'batch' ->> 'is_complete',
  'true', 'a supervisor completes it with an override');
select tests.clear_authentication();
select is((select reason || ' / ' || (skipped_actions -> 'pending' -> 0 ->> 'key') from public.batch_events
           where batch_id = tests.id('batch:alpha:1') and kind = 'completed'),
  'Customer collects in person / tracking', 'the completed event records the override');

select * from finish();
rollback;
