-- Advancing from the floor: blocked while required actions (of the batch and of each of its orders)
-- are pending; then the production rules move the batch; stage queues follow; at the last stage it
-- completes. Replays move nothing twice.
begin;
select plan(27);
select tests.create_tenancy_fixture();
select tests.create_production_fixture();
select tests.create_floor_fixture();
select tests.start_floor_session('alpha', 'operator@alpha.test', 'A-OP-1') as sid \gset

select throws_ok(format($$select public.floor_advance_item(gen_random_uuid(), %L, %L)$$, :'sid', tests.id('order:alpha:3')),
  'PT422', 'ALPHA-3 is not in an unfinished batch (pending): there is no stage to advance',
  'an order outside a batch has no stage to advance');
select throws_ok(format($$select public.floor_advance_item(gen_random_uuid(), %L, %L)$$, :'sid', tests.id('batch:alpha:1')),
  'PT422', '1 required action(s) still to do at Intake, e.g. Materials check on ALPHA-B1',
  'required actions block advancing');
create temporary table err (detail text, hint jsonb) on commit drop;
grant all on err to authenticated;
do $$
declare
  v_detail text;
  v_hint text;
begin
  perform public.floor_advance_item(gen_random_uuid(),
    (select s.id from public.floor_sessions s where s.member_id = tests.id('member:alpha:operator@alpha.test') and s.ended_at is null),
    tests.id('batch:alpha:1'));
exception when others then
  get stacked diagnostics v_detail = pg_exception_detail, v_hint = pg_exception_hint;
  insert into err values (v_detail, v_hint::jsonb);
end $$;
select is((select detail from err), 'REQUIRED_ACTIONS_PENDING', 'with the code REQUIRED_ACTIONS_PENDING');
select is((select hint -> 'pending' -> 0 ->> 'key' from err), 'materials', 'and what is pending in hint');

select public.floor_complete_action(gen_random_uuid(), :'sid', tests.id('batch:alpha:1'), 'materials',
                                    '{"checklist": [{"key": "paperwork", "completed": true}]}');
create temporary table adv on commit drop as
  select public.floor_advance_item(tests.id('adv-1'), :'sid', tests.id('batch:alpha:1'), 'Intake') as a;
grant select on adv to authenticated;
select is((select a ->> 'to_stage' from adv), 'Sanding', 'with the work done the batch advances');
select is((select a -> 'item' ->> 'current_stage' from adv), 'Sanding', 'the card shows the new stage');
select is((select jsonb_array_length(a -> 'queue_entries') from adv), 1, 'and it joins the Sanding stage queue');
select is(public.floor_advance_item(tests.id('adv-1'), :'sid', tests.id('batch:alpha:1'), 'Intake') ->> 'replayed', 'true',
  'a retry replays the answer');
select tests.clear_authentication();
select is(tests.stage('alpha', 1), 'Sanding', 'and moves nothing further');
select is((select count(*)::int from public.batch_events where batch_id = tests.id('batch:alpha:1') and kind = 'advanced'), 1,
  'one advanced event');
select is((select member_id from public.batch_events where batch_id = tests.id('batch:alpha:1') and kind = 'advanced'),
  tests.id('member:alpha:operator@alpha.test'), 'naming the operator');
select is((select count(*)::int from public.floor_queue_items where queue_id = tests.id('queue:alpha:sanding') and status = 'waiting'), 1,
  'one entry waits in the Sanding queue');

-- Sanding: a per-order measurement for each order, and the batch's own check
select tests.act_as_operator('alpha', 'operator@alpha.test', 'A-OP-1');
select tests.set_device('tablet-1');
select throws_ok(format($$select public.floor_advance_item(gen_random_uuid(), %L, %L)$$, :'sid', tests.id('batch:alpha:1')),
  'PT422', '3 required action(s) still to do at Sanding, e.g. Sanding check on ALPHA-B1',
  'each order''s required actions block the batch too');
select public.floor_complete_action(gen_random_uuid(), :'sid', tests.id('order:alpha:1'), 'wall', '{"value": 6.0}');
select public.floor_complete_action(gen_random_uuid(), :'sid', tests.id('order:alpha:2'), 'wall', '{"value": 6.4}');
select is((public.floor_pending_actions(tests.id('batch:alpha:1')) -> 'item' ->> 'advance_blockers')::int, 2,
  'a failed measurement still blocks (and the batch check is pending)');
select public.floor_complete_action(gen_random_uuid(), :'sid', tests.id('order:alpha:2'), 'wall', '{"value": 6.1}');
select public.floor_complete_action(gen_random_uuid(), :'sid', tests.id('batch:alpha:1'), 'sanding-ok',
                                    '{"checklist": [{"key": "grit", "completed": true}]}');
select is(public.floor_pending_actions(tests.id('order:alpha:1')) ->> 'can_advance', 'true',
  'with all done, an order''s card offers advance');
create temporary table adv2 on commit drop as
  select public.floor_advance_item(tests.id('adv-2'), :'sid', tests.id('order:alpha:1')) as a;
grant select on adv2 to authenticated;
select is((select a -> 'batch' ->> 'current_stage' from adv2), 'Finishing', 'advancing from an order moves its batch');
select is((select a -> 'item' ->> 'number' from adv2), 'ALPHA-1', 'and answers with the order''s card');
select throws_ok(format($$select public.floor_advance_item(gen_random_uuid(), %L, %L, 'Sanding')$$, :'sid', tests.id('batch:alpha:1')),
  'PT409', null, 'a tablet that still shows Sanding gets STALE_STAGE');
select tests.clear_authentication();
select is((select status::text from public.floor_queue_items where queue_id = tests.id('queue:alpha:sanding')), 'completed',
  'leaving Sanding completes its Sanding queue entry');
select is((select items_processed from public.floor_sessions where id = :'sid'), 2, 'the session counts items processed');

-- quality gate and completion (Finishing's photo first: plain SQL obeys the required actions too)
select tests.act_as_operator('alpha', 'operator@alpha.test', 'A-OP-1');
select tests.set_device('tablet-1');
select public.floor_complete_action(gen_random_uuid(), :'sid', tests.id('batch:alpha:1'), 'finish-photo',
                                    jsonb_build_object('photos', jsonb_build_array(tests.id('org:alpha') || '/b1/finish.jpg')));
select tests.clear_authentication();
update public.batches set current_stage = 'Sub-Assembly' where id = tests.id('batch:alpha:1');
update public.batches set current_stage = 'Final Assembly' where id = tests.id('batch:alpha:1');
update public.batches set current_stage = 'Acoustic QC' where id = tests.id('batch:alpha:1');
select set_config('floorline.reason', 'hum on the left channel', true);
update public.batches set quality_status = 'failed' where id = tests.id('batch:alpha:1');
select tests.act_as_operator('alpha', 'operator@alpha.test', 'A-OP-1');
select tests.set_device('tablet-1');
select public.floor_complete_action(gen_random_uuid(), :'sid', tests.id('order:alpha:1'), 'balance', '{"value": 0.2}');
select public.floor_complete_action(gen_random_uuid(), :'sid', tests.id('order:alpha:2'), 'balance', '{"value": 0.3}');
select public.floor_complete_action(gen_random_uuid(), :'sid', tests.id('batch:alpha:1'), 'signoff',
                                    p_approver_badge => 'A-SUP-1', p_approver_pin => '1234');
select is(public.floor_pending_actions(tests.id('batch:alpha:1')) ->> 'can_advance', 'false',
  'a failed batch at a quality gate cannot advance, even with its actions done');
select throws_ok(format($$select public.floor_advance_item(gen_random_uuid(), %L, %L)$$, :'sid', tests.id('batch:alpha:1')),
  'PT422', null, 'the production quality gate answers QUALITY_FAILED');
select tests.clear_authentication();
update public.batches set quality_status = 'good' where id = tests.id('batch:alpha:1');
select tests.act_as_operator('alpha', 'operator@alpha.test', 'A-OP-1');
select tests.set_device('tablet-1');
select is(public.floor_advance_item(gen_random_uuid(), :'sid', tests.id('batch:alpha:1')) ->> 'to_stage', 'Shipping',
  'fixed, it moves on to Shipping');
create temporary table done on commit drop as
  select public.floor_advance_item(gen_random_uuid(), :'sid', tests.id('batch:alpha:1')) as a;
grant select on done to authenticated;
select is((select a ->> 'completed' from done), 'true', 'advancing from the last stage completes the batch');
select is((select a -> 'item' ->> 'status' from done), 'completed', 'the card says completed');
select throws_ok(format($$select public.floor_advance_item(gen_random_uuid(), %L, %L)$$, :'sid', tests.id('batch:alpha:1')),
  'PT422', 'Batch ALPHA-B1 is already complete', 'a complete batch does not move');
select tests.clear_authentication();
select is(tests.order_status('alpha', 1), 'shipped', 'its orders shipped, by the production rules');

select * from finish();
rollback;
