-- Floor sessions: one active per member (also against a direct insert), resume on the same device,
-- "resume or take over" from another, PIN-out and idle end them, supervisors end anyone's.
begin;
select plan(28);
select tests.create_tenancy_fixture();
select tests.create_production_fixture();
select tests.create_floor_fixture();

-- ------------------------------------------------------------------ start, resume, take over
select tests.act_as_operator('alpha', 'operator@alpha.test', 'A-OP-1');
select tests.set_device('tablet-A');
create temporary table s1 on commit drop as select public.floor_start_session(p_device_info => '{"platform": "web", "orientation": "landscape"}') as a;
grant select on s1 to authenticated;
select is((select a ->> 'resumed' from s1), 'false', 'starting work opens a session');
select is((select a -> 'session' ->> 'device_id' from s1), 'tablet-A', 'on the device named by x-device-id');
select is((select (a -> 'session' -> 'location' ->> 'id')::uuid from s1), tests.id('location:alpha:Bench'),
  'at the station''s location');
select is((select a -> 'session' ->> 'is_active' from s1), 'true', 'active');
select is((select (public.floor_start_session() -> 'session' ->> 'id') from s1), (select a -> 'session' ->> 'id' from s1),
  'starting again on the same device resumes the same session');
select throws_ok($$select public.floor_start_session(p_device_info => '{"platform": "windows"}')$$, 'PT400', null,
  'device info is validated');

-- the operator moves to another tablet: a new PIN-in there (the first one is replaced)
select tests.clear_authentication();
select tests.act_as_operator('alpha', 'operator@alpha.test', 'A-OP-1');
select tests.set_device('tablet-B');
select throws_ok($$select public.floor_start_session()$$, 'PT409',
  'You already have a floor session on another device: resume it here or take it over',
  'a second device gets "resume or take over"');
create temporary table taken on commit drop as select public.floor_start_session(p_resume => true) as a;
grant select on taken to authenticated;
select is((select a -> 'session' ->> 'id' from taken), (select a -> 'session' ->> 'id' from s1),
  'resume moves the same session to this device');
select is((select a -> 'session' ->> 'device_id' from taken), 'tablet-B', 'now on tablet B');
select tests.set_device('tablet-A');
select throws_ok(format($$select public.floor_scan(gen_random_uuid(), %L, 'ALPHA-B1')$$, (select a -> 'session' ->> 'id' from s1)),
  'PT409', 'This floor session continues on another device', 'the old tablet can no longer use it');

-- and to a third, where they take over instead
select tests.clear_authentication();
select tests.act_as_operator('alpha', 'operator@alpha.test', 'A-OP-1');
select tests.set_device('tablet-C');
create temporary table s2 on commit drop as select public.floor_start_session(p_takeover => true) as a;
grant select on s2 to authenticated;
select isnt((select a -> 'session' ->> 'id' from s2), (select a -> 'session' ->> 'id' from s1),
  'take over starts a fresh session');
select is((select a -> 'took_over' ->> 'device_id' from s2), 'tablet-B', 'and names the one it took over');
select tests.clear_authentication();
select is((select end_reason::text from public.floor_sessions where id = (select (a -> 'session' ->> 'id')::uuid from s1)),
  'taken_over', 'the old session ended with reason taken_over');
select is((select count(*)::int from public.floor_sessions
           where member_id = tests.id('member:alpha:operator@alpha.test') and ended_at is null), 1,
  'one active session for the member');

select throws_ok(format($$insert into public.floor_sessions (org_id, member_id, user_id) values (%L, %L, %L)$$,
                        tests.id('org:alpha'), tests.id('member:alpha:operator@alpha.test'), tests.user_id('operator@alpha.test')),
  '23505', null, 'the database refuses a second active session whoever writes');

-- ------------------------------------------------------------------ ending
select tests.authenticate_as_operator('operator@alpha.test');
select is((public.floor_active_session() -> 'session' ->> 'id'), (select a -> 'session' ->> 'id' from s2),
  'the active session is readable');
select public.pin_out((select (a -> 'session' ->> 'operator_session_id')::uuid from s2));
select tests.clear_authentication();
select is((select end_reason::text from public.floor_sessions where id = (select (a -> 'session' ->> 'id')::uuid from s2)),
  'pin_out', 'PIN-out ends the floor session');

-- PIN-in elsewhere (replaced) leaves the floor session waiting to be resumed
select tests.start_floor_session('alpha', 'operator2@alpha.test', 'A-OP-2', 'tablet-D') as sid \gset
select tests.clear_authentication();
select tests.pin_in_bound('alpha', 'A-OP-2', 'tablet-E-session');
select ok((select ended_at is null from public.floor_sessions where id = :'sid'),
  'PINing in again (replaced) keeps the floor session to resume');
select tests.authenticate_as_operator('operator2@alpha.test');
select tests.set_device('tablet-E');
select throws_ok($$select public.floor_start_session()$$, 'PT409', null, 'the new tablet is asked to resume or take over');
select is((public.floor_start_session(p_resume => true) -> 'session' ->> 'id')::uuid, :'sid'::uuid,
  'and resumes it under the new PIN-in');
select tests.clear_authentication();

-- idle: a session idle past the timeout does not block a new one
update public.floor_sessions set last_activity_at = now() - interval '1 hour', started_at = now() - interval '2 hours'
  where id = :'sid';
select tests.authenticate_as_operator('operator2@alpha.test');
select tests.set_device('tablet-F');
select isnt((public.floor_start_session() -> 'session' ->> 'id')::uuid, :'sid'::uuid,
  'an idle session is ended and a new one starts without asking');
select tests.clear_authentication();
select is((select end_reason::text || '/' || (ended_at = last_activity_at + interval '10 minutes')::text
           from public.floor_sessions where id = :'sid'), 'idle_timeout/true',
  'the idle session ended as idle_timeout when it went idle');
select is((select session_duration_minutes from public.floor_sessions where id = :'sid'), 70.00::numeric(8, 2),
  'its duration is kept in minutes');

-- supervisors end anyone's; other organisations cannot
select tests.start_floor_session('alpha', 'operator@alpha.test', 'A-OP-1', 'tablet-G') as sid3 \gset
select tests.clear_authentication();
select tests.authenticate_as('manager@beta.test');
select throws_ok(format($$select public.floor_end_session(%L)$$, :'sid3'), 'PT404', null,
  'another workshop''s manager cannot even see the session');
select tests.clear_authentication();
select tests.authenticate_as('supervisor@alpha.test');
select is(public.floor_end_session(:'sid3') -> 'session' ->> 'end_reason', 'ended_by_supervisor',
  'a supervisor ends an operator''s session');
select is(public.floor_end_session(:'sid3') -> 'session' ->> 'end_reason', 'ended_by_supervisor', 'ending twice changes nothing');
select tests.clear_authentication();

-- operators act only through a live PIN-in
select tests.authenticate_as_anon();
select public.station_pin_out(tests.station_secret('alpha'));
select tests.clear_authentication();
select tests.authenticate_as_operator('operator@alpha.test');
select throws_ok($$select public.floor_start_session(p_org_id => tests.id('org:alpha'))$$, 'PT403', null,
  'an operator who is not PINed in cannot start a session');
select tests.clear_authentication();
select tests.authenticate_as('supervisor@alpha.test');
select tests.set_device('laptop');
select is((public.floor_start_session(p_org_id => tests.id('org:alpha')) -> 'session' ->> 'operator_session_id'), null,
  'a supervisor may work from their own device without a PIN-in');
select tests.clear_authentication();

select * from finish();
rollback;
