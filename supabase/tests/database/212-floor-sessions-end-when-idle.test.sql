-- Idle floor sessions end on their own (issue 10): the floor view's read ends the organisation's
-- stale sessions first — a staff session from a desktop idle past the timeout, an idle PIN-in and
-- its floor session — and never lists them; a PINed-in operator at the station stays, flagged idle.
begin;
select plan(13);
select tests.create_tenancy_fixture();
select tests.create_production_fixture();
select tests.create_floor_fixture();

-- a supervisor's session from their own desktop (no PIN-in), idle for 25 minutes (timeout 10)
select tests.authenticate_as('supervisor@alpha.test');
select tests.set_device('desktop');
select (public.floor_start_session(p_org_id => tests.id('org:alpha')) -> 'session' ->> 'id')::uuid as desk \gset
select tests.clear_authentication();
update public.floor_sessions set last_activity_at = now() - interval '25 minutes', started_at = now() - interval '30 minutes'
  where id = :'desk';

-- an operator PINed in and working: their tablet keeps the PIN-in alive, no scan for 15 minutes
select tests.start_floor_session('alpha', 'operator@alpha.test', 'A-OP-1', 'tablet-1') as working \gset
select tests.clear_authentication();
update public.floor_sessions set last_activity_at = now() - interval '15 minutes' where id = :'working';

select tests.authenticate_as('supervisor@alpha.test');
create temporary table live on commit drop as select public.floor_live_sessions(tests.id('org:alpha')) as a;
grant select on live to authenticated;
select tests.clear_authentication();

select is((select count(*)::int from live, jsonb_array_elements(a) s where (s ->> 'id')::uuid = :'desk'), 0,
  'the floor view does not list a desktop session idle past the timeout');
select is((select end_reason::text from public.floor_sessions where id = :'desk'), 'idle_timeout',
  'it has ended, as idle_timeout');
select is((select ended_at from public.floor_sessions where id = :'desk'),
          (select last_activity_at + interval '10 minutes' from public.floor_sessions where id = :'desk'),
  'back-dated to when it went idle');

select is((select s ->> 'idle' from live, jsonb_array_elements(a) s where (s ->> 'id')::uuid = :'working'), 'true',
  'a PINed-in operator who has not scanned lately is still listed, flagged idle');
select is((select end_reason from public.floor_sessions where id = :'working'), null, 'and keeps their session');

-- then the tablet is left: the PIN-in goes quiet too (40 minutes)
update public.operator_sessions set last_seen_at = now() - interval '40 minutes'
  where id = (select operator_session_id from public.floor_sessions where id = :'working');
update public.floor_sessions set last_activity_at = now() - interval '40 minutes', started_at = now() - interval '1 hour'
  where id = :'working';
select tests.authenticate_as('supervisor@alpha.test');
create temporary table live2 on commit drop as select public.floor_live_sessions(tests.id('org:alpha')) as a;
grant select on live2 to authenticated;
select tests.clear_authentication();
select is((select count(*)::int from live2, jsonb_array_elements(a) s where (s ->> 'id')::uuid = :'working'), 0,
  'a tablet left PINed in past the timeout is not listed either');
select is((select end_reason::text from public.operator_sessions
           where id = (select operator_session_id from public.floor_sessions where id = :'working')), 'idle_timeout',
  'its PIN-in ended as idle');
select isnt((select ended_at from public.floor_sessions where id = :'working'), null, 'and its floor session with it');


-- the desktop visitor comes back: starting again opens a fresh session (the old one stays ended)
select tests.authenticate_as('supervisor@alpha.test');
select tests.set_device('desktop');
select isnt((public.floor_start_session(p_org_id => tests.id('org:alpha')) -> 'session' ->> 'id')::uuid, :'desk'::uuid,
  'starting again opens a new session');
select is(jsonb_array_length(public.floor_live_sessions(tests.id('org:alpha'))), 1,
  'the view lists the one live session: the supervisor who just started');
select tests.clear_authentication();

-- the scheduled job does the same for every workshop, with nobody reading the floor view
select is((select schedule from cron.job where jobname = 'floor-idle-sessions'), '* * * * *',
  'a job ends idle sessions every minute');
update public.floor_sessions set last_activity_at = now() - interval '30 minutes', started_at = now() - interval '40 minutes'
  where ended_at is null;
select ok(app.floor_end_stale_sessions_everywhere() >= 1, 'the job''s function ends the stale sessions');
select is((select count(*)::int from public.floor_sessions where ended_at is null), 0, 'and none stays open');

select * from finish();
rollback;
