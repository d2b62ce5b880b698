-- RLS on every floor table: anon nothing; another organisation nothing; operators only while PINed
-- in, their own sessions and scans only, no direct writes; managers define stage actions,
-- supervisors manage queues, admins the approval role; the label prefix never changes.
begin;
select plan(37);
select tests.create_tenancy_fixture();
select tests.create_production_fixture();
select tests.create_floor_fixture();

-- data in both organisations, made through the RPCs
select tests.start_floor_session('alpha', 'operator2@alpha.test', 'A-OP-2', 'tablet-2') as sid2 \gset
select public.floor_scan(gen_random_uuid(), :'sid2', 'ALPHA-B1');
select tests.clear_authentication();
select tests.start_floor_session('alpha', 'operator@alpha.test', 'A-OP-1') as sid \gset
select public.floor_scan(gen_random_uuid(), :'sid', 'ALPHA-B1');
select public.floor_complete_action(gen_random_uuid(), :'sid', tests.id('batch:alpha:1'), 'materials',
                                    '{"checklist": [{"key": "paperwork", "completed": true}]}');
select public.floor_queue_add(gen_random_uuid(), tests.id('queue:alpha:bench'), tests.id('order:alpha:3'));
select public.label_code('location', tests.id('location:alpha:Bench'));
select tests.clear_authentication();
select tests.start_floor_session('beta', 'operator@beta.test', 'B-OP-1', 'tablet-beta') as bsid \gset
select public.floor_scan(gen_random_uuid(), :'bsid', 'BETA-B1');
select public.floor_complete_action(gen_random_uuid(), :'bsid', tests.id('batch:beta:1'), 'beta-check', '{"notes": "fine"}');
select public.floor_queue_add(gen_random_uuid(), tests.id('queue:beta:main'), tests.id('batch:beta:1'));
select tests.clear_authentication();

create temporary table floor_tables on commit drop as
  select unnest(array['floor_settings', 'floor_items', 'floor_labels', 'floor_stage_actions', 'floor_sessions',
                      'floor_scans', 'floor_actions', 'floor_queues', 'floor_queue_items']) as t;
grant select on floor_tables to anon, authenticated;

-- ------------------------------------------------------------------ anon
select is_empty($$ select t from floor_tables where has_table_privilege('anon', 'public.' || t, 'select')
                                                  or has_table_privilege('anon', 'public.' || t, 'insert')
                                                  or has_table_privilege('anon', 'public.' || t, 'update')
                                                  or has_table_privilege('anon', 'public.' || t, 'delete') $$,
  'anon holds no privilege on any floor table');
select tests.authenticate_as_anon();
select throws_ok($$select count(*) from public.floor_scans$$, '42501', null, 'anon cannot read scans');
select throws_ok($$select public.floor_queues(tests.id('org:alpha'))$$, '42501', null, 'nor call the floor RPCs');
select tests.clear_authentication();

-- ------------------------------------------------------------------ another organisation
select tests.authenticate_as('manager@beta.test');
select is((select count(*)::int from public.floor_settings where org_id = tests.id('org:alpha')), 0, 'beta sees no alpha settings');
select is((select count(*)::int from public.floor_items where org_id = tests.id('org:alpha')), 0, 'no alpha items');
select is((select count(*)::int from public.floor_labels where org_id = tests.id('org:alpha')), 0, 'no alpha labels');
select is((select count(*)::int from public.floor_stage_actions where org_id = tests.id('org:alpha')), 0, 'no alpha stage actions');
select is((select count(*)::int from public.floor_sessions where org_id = tests.id('org:alpha')), 0, 'no alpha sessions');
select is((select count(*)::int from public.floor_scans where org_id = tests.id('org:alpha')), 0, 'no alpha scans');
select is((select count(*)::int from public.floor_actions where org_id = tests.id('org:alpha')), 0, 'no alpha actions');
select is((select count(*)::int from public.floor_queues where org_id = tests.id('org:alpha')), 0, 'no alpha queues');
select is((select count(*)::int from public.floor_queue_items where org_id = tests.id('org:alpha')), 0, 'no alpha queue items');
select ok(tests.changes_nothing(format($$update public.floor_queues set name = 'hacked' where id = %L$$, tests.id('queue:alpha:bench'))),
  'nor changes alpha''s queues');
select ok(tests.changes_nothing(format($$delete from public.floor_stage_actions where org_id = %L$$, tests.id('org:alpha'))),
  'nor deletes alpha''s stage actions');
select throws_ok(format($$select public.floor_live_sessions(%L)$$, tests.id('org:alpha')), 'PT403', null,
  'nor reads alpha''s live sessions');
select tests.clear_authentication();

-- ------------------------------------------------------------------ operators
select tests.authenticate_as_operator('operator@beta.test');
select tests.authenticate_as_anon();
select public.station_pin_out(tests.station_secret('beta'));
select tests.authenticate_as_operator('operator@beta.test');
select is((select count(*)::int from public.floor_scans) + (select count(*)::int from public.floor_sessions)
          + (select count(*)::int from public.floor_queue_items), 0, 'an operator not PINed in sees nothing');
select tests.clear_authentication();

select tests.authenticate_as_operator('operator@alpha.test');
select is((select count(*)::int from public.floor_sessions), 1, 'a PINed-in operator sees their own session only');
select is((select count(*)::int from public.floor_scans), 1, 'and their own scans only');
select is((select count(*)::int from public.floor_actions), 1, 'but every action in the workshop (item history)');
select is((select count(*)::int from public.floor_queue_items), 1, 'and the queues'' entries');
select ok((select count(*) > 0 from public.floor_stage_actions), 'and the stage action definitions');
select is((select count(*)::int from public.floor_labels), 1, 'and labels');
select is(jsonb_array_length(public.floor_scan_history() -> 'scans'), 1, 'scan history: own scans only');
select throws_ok(format($$select public.floor_scan_history(p_member_id => %L)$$, tests.id('member:alpha:operator2@alpha.test')),
  'PT403', null, 'not a colleague''s');
select ok(tests.changes_nothing(format($$insert into public.floor_stage_actions (org_id, type_definition_id, stage, action_key, action_type, label)
                                         values (%L, %L, 'Intake', 'extra', 'note', 'Extra')$$,
                                       tests.id('org:alpha'), tests.workflow_id('alpha'))),
  'operators cannot define stage actions');
select ok(tests.changes_nothing(format($$update public.floor_queues set max_items = 100 where id = %L$$, tests.id('queue:alpha:bench'))),
  'nor change queues');
select ok(tests.changes_nothing(format($$update public.floor_sessions set items_processed = 99 where id = %L$$, :'sid')),
  'nor write their session directly');
select ok(tests.changes_nothing(format($$delete from public.floor_scans where session_id = %L$$, :'sid')),
  'nor delete their scans');
select ok(tests.changes_nothing($$update public.floor_queue_items set status = 'completed'$$),
  'nor complete queue entries behind the RPCs'' back');
select tests.clear_authentication();

-- ------------------------------------------------------------------ roles that may write
select tests.authenticate_as('supervisor@alpha.test');
select is((select count(*)::int from public.floor_sessions where org_id = tests.id('org:alpha')), 2, 'supervisors see every session');
select is((select count(*)::int from public.floor_scans where org_id = tests.id('org:alpha')), 2, 'and every scan');
select ok(tests.changes_nothing(format($$insert into public.floor_stage_actions (org_id, type_definition_id, stage, action_key, action_type, label)
                                         values (%L, %L, 'Intake', 'extra', 'note', 'Extra')$$,
                                       tests.id('org:alpha'), tests.workflow_id('alpha'))),
  'supervisors do not define stage actions');
select is(tests.rows_changed(format($$update public.floor_queues set max_items = 100 where id = %L$$, tests.id('queue:alpha:bench'))), 1,
  'but manage queues');
select tests.clear_authentication();

select tests.authenticate_as('manager@alpha.test');
select is(tests.rows_changed(format($$insert into public.floor_stage_actions (org_id, type_definition_id, stage, action_key, action_type, label)
                                      values (%L, %L, 'Intake', 'extra', 'note', 'Extra')$$,
                                    tests.id('org:alpha'), tests.workflow_id('alpha'))), 1,
  'managers define stage actions');
select ok(tests.changes_nothing(format($$update public.floor_settings set approval_min_role = 'manager' where org_id = %L$$,
                                       tests.id('org:alpha'))),
  'managers do not change floor settings');
select tests.clear_authentication();

select tests.authenticate_as('admin@alpha.test');
select is(tests.rows_changed(format($$update public.floor_settings set approval_min_role = 'manager' where org_id = %L$$,
                                    tests.id('org:alpha'))), 1, 'admins set the approval role');
select ok(tests.changes_nothing(format($$update public.floor_settings set label_prefix = 'ZZZ' where org_id = %L$$,
                                       tests.id('org:alpha'))), 'nobody changes the label prefix printed on labels');
select tests.clear_authentication();

select * from finish();
rollback;
