-- Offline: what a tablet caches, and replaying its outbox in order with per-operation results; a sync
-- sent twice writes nothing twice; one failing operation does not undo the others.
begin;
select plan(18);
select tests.create_tenancy_fixture();
select tests.create_production_fixture();
select tests.create_floor_fixture();
create temporary table lbl on commit drop as select
  tests.floor_label('alpha', 'batch', tests.id('batch:alpha:1')) as batch,
  tests.floor_label('alpha', 'location', tests.id('location:alpha:Bench')) as loc;
grant select on lbl to authenticated;

select tests.authenticate_as('supervisor@alpha.test');
select public.floor_queue_add(gen_random_uuid(), tests.id('queue:alpha:bench'), tests.id('batch:alpha:1'));
select tests.clear_authentication();

select tests.start_floor_session('alpha', 'operator@alpha.test', 'A-OP-1') as sid \gset

-- ------------------------------------------------------------------ offline data
create temporary table od on commit drop as select public.floor_offline_data(tests.id('location:alpha:Bench')) as a;
grant select on od to authenticated;
select is((select a -> 'org' ->> 'label_prefix' from od), 'ALP', 'the tablet learns the label prefix');
select is((select jsonb_array_length(a -> 'queues') from od), 2, 'the location''s queues');
select is((select a -> 'items' -> 0 ->> 'number' from od), 'ALPHA-B1', 'cards of the queued items');
select is((select a -> 'items' -> 0 -> 'actions' -> 0 ->> 'key' from od), 'materials', 'with their stage''s actions');
select is((select a -> 'labels' -> (select batch from lbl) ->> 'kind' from od), 'batch',
  'and a label map to resolve scans offline');
select ok((select jsonb_array_length(a -> 'stage_actions') >= 9 from od), 'all stage action definitions');

-- ------------------------------------------------------------------ sync
create temporary table ops on commit drop as select jsonb_build_array(
  jsonb_build_object('op', 'scan', 'client_id', tests.id('op-1'),
                     'args', jsonb_build_object('session_id', :'sid', 'code', (select batch from lbl),
                                                'scanned_at', now() - interval '5 minutes')),
  jsonb_build_object('op', 'complete_action', 'client_id', tests.id('op-2'),
                     'args', jsonb_build_object('session_id', :'sid', 'item_id', tests.id('batch:alpha:1'),
                                                'action_key', 'materials',
                                                'data', '{"checklist": [{"key": "paperwork", "completed": true}]}'::jsonb,
                                                'completed_at', now() - interval '4 minutes')),
  jsonb_build_object('op', 'scan', 'client_id', tests.id('op-3'),
                     'args', jsonb_build_object('session_id', :'sid', 'code', 'FL1:BET:I:1000Z')),
  jsonb_build_object('op', 'advance', 'client_id', tests.id('op-4'),
                     'args', jsonb_build_object('session_id', :'sid', 'item_id', tests.id('batch:alpha:1'),
                                                'expected_stage', 'Intake')),
  jsonb_build_object('op', 'advance', 'client_id', tests.id('op-5'),
                     'args', jsonb_build_object('session_id', :'sid', 'item_id', tests.id('batch:alpha:1'))),
  jsonb_build_object('op', 'teleport', 'client_id', tests.id('op-6')),
  jsonb_build_object('op', 'scan', 'client_id', 'not-a-uuid', 'args', jsonb_build_object('session_id', :'sid', 'code', 'x'))
) as ops;
grant select on ops to authenticated;
create temporary table r1 on commit drop as select public.floor_sync((select ops from ops)) as a;
grant select on r1 to authenticated;
select is(tests.floor_status(), '', 'a sync answers 200 whatever its operations did');
select is(array(select (e ->> 'status')::int from r1, jsonb_array_elements(a -> 'results') e order by (e ->> 'index')::int),
  array[200, 200, 422, 200, 422, 400, 400], 'each operation has its own status');
select is((select a -> 'results' -> 2 -> 'error' ->> 'details' from r1), 'FOREIGN_LABEL', 'failures carry their code');
select is((select a -> 'results' -> 4 -> 'error' ->> 'details' from r1), 'REQUIRED_ACTIONS_PENDING',
  'the second advance meets the Sanding stage''s required work');
select is((select a -> 'results' -> 3 -> 'data' ->> 'to_stage' from r1), 'Sanding', 'the first advance went through');
select is((select (a ->> 'succeeded')::int || '/' || (a ->> 'failed') from r1), '3/4', 'with a summary');

create temporary table r2 on commit drop as select public.floor_sync((select ops from ops)) as a;
grant select on r2 to authenticated;
select is(array(select e -> 'data' ->> 'replayed' from r2, jsonb_array_elements(a -> 'results') e
                where (e ->> 'ok')::boolean order by (e ->> 'index')::int),
  array['true', 'true', 'true'], 'syncing the same outbox again replays every answer');
select is(array(select (e ->> 'status')::int from r2, jsonb_array_elements(a -> 'results') e order by (e ->> 'index')::int),
  array[200, 200, 422, 200, 422, 400, 400], 'with the same statuses');
select tests.clear_authentication();

select is((select count(*)::int from public.floor_scans where session_id = :'sid'), 2, 'two scans recorded once each');
select is((select count(*)::int from public.floor_actions where session_id = :'sid'), 1, 'one action recorded once');
select is(tests.stage('alpha', 1), 'Sanding', 'the batch moved one stage, once');
select is((select scan_time from public.floor_scans where client_id = tests.id('op-1')), now() - interval '5 minutes',
  'offline scans keep the tablet''s time');

select * from finish();
rollback;
