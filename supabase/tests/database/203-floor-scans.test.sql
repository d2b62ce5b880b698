-- Scanning: an item scan returns its card and becomes the session's current item; every scan is
-- recorded with its result, also failures (returned as values with the HTTP status set, so the row
-- commits); a replay with the same client id returns the first answer and records nothing twice.
begin;
select plan(33);
select tests.create_tenancy_fixture();
select tests.create_production_fixture();
select tests.create_floor_fixture();
create temporary table lbl on commit drop as select
  tests.floor_label('alpha', 'batch', tests.id('batch:alpha:1')) as batch,
  tests.floor_label('alpha', 'location', tests.id('location:alpha:Bench')) as loc,
  tests.floor_label('alpha', 'action', tests.id('action:alpha:wall')) as wall,
  tests.floor_label('alpha', 'action', tests.id('action:alpha:materials')) as materials,
  tests.floor_label('beta', 'batch', tests.id('batch:beta:1')) as beta_batch;
grant select on lbl to authenticated;

select tests.start_floor_session('alpha', 'operator@alpha.test', 'A-OP-1') as sid \gset

-- ------------------------------------------------------------------ an item
create temporary table s1 on commit drop as
  select public.floor_scan(tests.id('scan-1'), :'sid', (select batch from lbl), 'item',
                           '{"platform": "android", "camera": "back"}') as a;
grant select on s1 to authenticated;
select is(tests.floor_status(), '', 'a good scan answers 200');
select is((select a ->> 'result' from s1), 'success', 'the scan succeeds');
select is((select a -> 'item' ->> 'number' from s1), 'ALPHA-B1', 'the card names the item');
select is((select a -> 'item' ->> 'current_stage' from s1), 'Intake', 'with its current stage');
select is((select a -> 'item' ->> 'status' from s1), 'in_production', 'its status');
select is((select jsonb_array_length(a -> 'item' -> 'actions') from s1), 2, 'and the actions its stage requires');
select is((select a -> 'item' -> 'actions' -> 0 -> 'checklist' -> 1 ->> 'label' from s1), 'Looks right',
  'inspections bring the model''s quality checklist');
select is((select a -> 'item' ->> 'can_advance' from s1), 'false', 'required actions are pending: no advance yet');
select ok((select (a ->> 'processing_time_ms')::int >= 0 from s1), 'processing time is reported');

select is((public.floor_scan(tests.id('scan-1'), :'sid', (select batch from lbl)) ->> 'replayed'), 'true',
  'the same client id again replays the first answer');
select is((public.floor_scan(tests.id('scan-1'), :'sid', (select batch from lbl)) ->> 'scan_id'),
          (select a ->> 'scan_id' from s1), 'the same scan');
select tests.clear_authentication();
select is((select count(*)::int from public.floor_scans where client_id = tests.id('scan-1')), 1, 'recorded once');
select is((select s.current_item_id from public.floor_sessions s where s.id = :'sid'),
          (select id from public.floor_items where batch_id = tests.id('batch:alpha:1')),
  'the item becomes the session''s current item');
select is((select scans_count from public.floor_sessions s where s.id = :'sid'), 1, 'the session counts the scan once');
select is((select device_info ->> 'camera' from public.floor_scans where client_id = tests.id('scan-1')), 'back',
  'device info is kept');

-- ------------------------------------------------------------------ failures are recorded
select tests.act_as_operator('alpha', 'operator@alpha.test', 'A-OP-1');
select tests.set_device('tablet-1');
create temporary table f1 on commit drop as
  select public.floor_scan(tests.id('scan-2'), :'sid', (select beta_batch from lbl)) as a;
grant select on f1 to authenticated;
select is(tests.floor_status(), '422', 'another workshop''s label answers 422');
select is((select a ->> 'details' from f1), 'FOREIGN_LABEL', 'with the code FOREIGN_LABEL');
select is((select a ->> 'code' from f1), 'PT422', 'shaped like a PostgREST error');
select is(public.floor_scan(tests.id('scan-3'), :'sid', 'not a code!') ->> 'details', 'INVALID_CODE', 'garbage is INVALID_CODE');
select is(tests.floor_status(), '400', 'answered 400');
select is(public.floor_scan(tests.id('scan-4'), :'sid', 'B-999') ->> 'details', 'UNKNOWN_CODE', 'an unknown number');
select is(tests.floor_status(), '404', 'answered 404');
select is(public.floor_scan(tests.id('scan-5'), :'sid', (select loc from lbl), 'item') ->> 'details', 'WRONG_SCAN_TYPE',
  'a location label where an item was expected');
select is(tests.floor_status(), '422', 'answered 422');
select is(public.floor_scan(tests.id('scan-2'), :'sid', (select beta_batch from lbl)) ->> 'details', 'FOREIGN_LABEL',
  'a replayed failure gives the same answer');
select is(tests.floor_status(), '422', 'with the same status');
select tests.clear_authentication();
select is((select array_agg(scan_result::text || ':' || error_code order by created_at) from public.floor_scans
           where session_id = :'sid' and scan_result <> 'success'),
          array['invalid:FOREIGN_LABEL', 'invalid:INVALID_CODE', 'error:UNKNOWN_CODE', 'invalid:WRONG_SCAN_TYPE'],
  'every failed scan is recorded once, with its result and code');

-- ------------------------------------------------------------------ action cards and locations
select tests.act_as_operator('alpha', 'operator@alpha.test', 'A-OP-1');
select tests.set_device('tablet-1');
select is(public.floor_scan(tests.id('scan-6'), :'sid', (select wall from lbl)) ->> 'details', 'ACTION_NOT_AVAILABLE',
  'an action card of another stage is not available for the current item');
select is(tests.floor_status(), '422', 'answered 422');
select is(public.floor_scan(tests.id('scan-7'), :'sid', (select materials from lbl)) -> 'action' ->> 'key', 'materials',
  'an action card of the current stage shows the action');
select is(public.floor_scan(tests.id('scan-8'), :'sid', 'A-OP-2') -> 'user' ->> 'display_name', 'operator2',
  'a badge names the person');
select tests.clear_authentication();

-- a scan action completes when its label is scanned: batch 1 at Sanding expects the Bench label
select set_config('floorline.override_reason', 'fixture: batch 1 to Sanding', true); -- placed by SQL: this test is not about Intake's actions
update public.batches set current_stage = 'Sanding' where id = tests.id('batch:alpha:1');
select set_config('floorline.override_reason', '', true);
update public.floor_sessions set location_id = null where id = :'sid';
select tests.act_as_operator('alpha', 'operator@alpha.test', 'A-OP-1');
select tests.set_device('tablet-1');
select public.floor_scan(tests.id('scan-9'), :'sid', (select batch from lbl));
select is(public.floor_scan(tests.id('scan-10'), :'sid', (select loc from lbl)) -> 'completed_action' ->> 'key', 'at-bench',
  'scanning the bench label completes the "confirm at the bench" action');
select tests.clear_authentication();
select is((select location_id from public.floor_sessions where id = :'sid'), tests.id('location:alpha:Bench'),
  'a location scan moves the session there');

select * from finish();
rollback;
