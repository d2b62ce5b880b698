-- PIN-in on a station: one answer for unknown badges and wrong PINs, every attempt recorded,
-- lockout after five wrong PINs for fifteen minutes, a brake per tablet.
begin;
select plan(34);

select tests.create_tenancy_fixture();
create temporary table answers (label text primary key, answer jsonb, http text) on commit drop;
grant all on answers to anon, authenticated;

-- ------------------------------------------------------------------ success
select tests.authenticate_as_anon();
select tests.set_device('tablet-7');
insert into answers
  select 'ok', public.pin_in(tests.station_secret('alpha'), 'a-op-1 ', '1234'), current_setting('response.status', true);
select tests.clear_authentication();
select ok((select answer ? 'operator_session_id' from answers where label = 'ok'),
          'badge (any case, stray spaces) + PIN opens an operator session');
select results_eq(
  $$ select coalesce(answer ->> 'email', answer ->> 'floor_email', 'none'), answer ->> 'display_name', answer ->> 'role', answer ->> 'org_slug',
            (answer ->> 'idle_timeout_seconds')::int, (answer ->> 'member_id')::uuid
     from answers where label = 'ok' $$,
  $$ values ('none', 'operator', 'operator', 'alpha', 600, tests.id('member:alpha:operator@alpha.test')) $$,
  'it answers who PINed in, never with the person''s email (no floor identity yet)');
select is((select coalesce(http, '') from answers where label = 'ok'), '', 'success sets no error status');
select results_eq(
  $$ select station_id, member_id, user_id, device_id, ended_at from public.operator_sessions $$,
  $$ values (tests.id('station:alpha'), tests.id('member:alpha:operator@alpha.test'),
             tests.user_id('operator@alpha.test'), 'tablet-7', null::timestamptz) $$,
  'the open session records station, member, user and device');
select results_eq($$ select success, reason::text, badge_code, device_id from public.auth_attempts $$,
                  $$ values (true, 'ok', 'A-OP-1', 'tablet-7') $$, 'the attempt is recorded');

-- ------------------------------------------------------------------ same answer for unknown badge and wrong PIN
select tests.authenticate_as_anon();
insert into answers select 'unknown', public.pin_in(tests.station_secret('alpha'), 'NOBODY-1', '1234'),
                           current_setting('response.status', true);
insert into answers select 'wrong', public.pin_in(tests.station_secret('alpha'), 'A-OP-2', '0000'),
                           current_setting('response.status', true);
select tests.clear_authentication();
select is((select answer from answers where label = 'unknown'),
          '{"code": "PT401", "message": "Badge or PIN not recognised", "details": "PIN_NOT_RECOGNISED", "hint": "{\"field\": null, \"attempts_left\": 4}", "attempts_left": 4}'::jsonb,
          'an unknown badge gets PT401 "Badge or PIN not recognised", with the tries left for that badge code');
select is((select answer from answers where label = 'wrong'), (select answer from answers where label = 'unknown'),
          'a wrong PIN gets exactly the same answer');
select is((select http from answers where label = 'wrong'), (select http from answers where label = 'unknown'),
          'and the same HTTP status');
select is((select http from answers where label = 'wrong'), '401', 'which is 401 (response.status)');
select results_eq($$ select reason::text, member_id from public.auth_attempts where not success order by id $$,
                  $$ values ('unknown_badge', null::uuid), ('wrong_pin', tests.id('member:alpha:operator2@alpha.test')) $$,
                  'both failures are recorded, with the reason kept internal');
select hasnt_column('public', 'auth_attempts', 'pin', 'attempts never store the PIN');

update public.members set pin_hash = null where badge_code = 'A-OP-2';
insert into answers select 'no-pin', tests.pin_in('alpha', 'A-OP-2', '1234'), null;
select is((select answer - 'attempts_left' - 'hint' from answers where label = 'no-pin'),
          (select answer - 'attempts_left' - 'hint' from answers where label = 'unknown'),
          'a member without a PIN gets the same answer too');
select is((select answer ->> 'attempts_left' from answers where label = 'no-pin'), '3',
          'its tries left follow that badge code''s own failures (its second), as any badge code''s would');
update public.members set pin_hash = extensions.crypt('1234', extensions.gen_salt('bf', 4)), failed_auth_attempts = 0
  where badge_code = 'A-OP-2';

-- ------------------------------------------------------------------ lockout
select is(array(select tests.pin_in('alpha', 'A-OP-2', '9999') ->> 'code' from generate_series(1, 4)),
          array['PT401', 'PT401', 'PT401', 'PT401'], 'four wrong PINs are just wrong');
select is((select failed_auth_attempts from public.members where badge_code = 'A-OP-2'), 4, 'and counted');
insert into answers select 'fifth', tests.pin_in('alpha', 'A-OP-2', '9999'), null;
select is((select answer ->> 'code' from answers where label = 'fifth'), 'PT423', 'the fifth wrong PIN locks the badge');
select is((select answer ->> 'message' from answers where label = 'fifth'), 'Too many wrong PINs: try again in 15 minutes',
          'saying for how long');
select is((select (answer ->> 'retry_after_seconds')::int from answers where label = 'fifth'), 900,
          'with retry_after_seconds');
select is((select locked_until from public.members where badge_code = 'A-OP-2'), now() + interval '15 minutes',
          'locked_until is fifteen minutes ahead');
insert into answers select 'locked-right-pin', tests.pin_in('alpha', 'A-OP-2', '1234'), null;
select is((select answer ->> 'code' from answers where label = 'locked-right-pin'), 'PT423',
          'while locked even the right PIN is refused');
select is((select reason::text from public.auth_attempts order by id desc limit 1), 'locked', 'recorded as locked');
select is((select failed_auth_attempts from public.members where badge_code = 'A-OP-2'), 5,
          'attempts while locked do not extend the count');

-- fifteen minutes later
update public.members set locked_until = now() - interval '1 second' where badge_code = 'A-OP-2';
select is((tests.pin_in('alpha', 'A-OP-2', '9999')) ->> 'code', 'PT401', 'after the lock a wrong PIN is just wrong again');
select is((select failed_auth_attempts from public.members where badge_code = 'A-OP-2'), 1, 'and the count starts again');
select ok((tests.pin_in('alpha', 'A-OP-2', '1234')) ? 'operator_session_id', 'the right PIN works');
select results_eq($$ select failed_auth_attempts, locked_until from public.members where badge_code = 'A-OP-2' $$,
                  $$ values (0, null::timestamptz) $$, 'success clears the count and the lock');

-- a supervisor can lift a lock early
select tests.pin_in('alpha', 'A-OP-1', '0000') from generate_series(1, 5);
select is((tests.pin_in('alpha', 'A-OP-1', '1234')) ->> 'code', 'PT423', 'A-OP-1 is locked');
select tests.authenticate_as('supervisor@alpha.test');
select public.unlock_member(tests.id('member:alpha:operator@alpha.test'));
select tests.clear_authentication();
select ok((tests.pin_in('alpha', 'A-OP-1', '1234')) ? 'operator_session_id', 'after unlock_member the operator PINs in');

-- ------------------------------------------------------------------ per-tablet brake
insert into public.auth_attempts (org_id, station_id, badge_code, success, reason)
  select tests.id('org:alpha'), tests.id('station:alpha'), 'GUESS-' || g, false, 'unknown_badge'
  from generate_series(1, 20) g;
insert into answers select 'throttled', tests.pin_in('alpha', 'A-OP-1', '1234'), null;
select is((select answer ->> 'code' from answers where label = 'throttled'), 'PT429',
          'twenty failures on one tablet in five minutes pause it');
select is((select reason::text from public.auth_attempts order by id desc limit 1), 'station_throttled', 'recorded');
select ok((tests.pin_in('beta', 'B-OP-1', '1234')) ? 'operator_session_id', 'other tablets carry on');

-- ------------------------------------------------------------------ access
select tests.authenticate_as('manager@beta.test');
select is((public.pin_in(tests.station_secret('alpha'), 'A-OP-1', '1234')) ->> 'code', 'PT429',
          'pin_in is callable signed in too (a tablet may hold a session)');
select tests.clear_authentication();
select tests.authenticate_as('supervisor@alpha.test');
select is((select count(*)::int from public.auth_attempts), (select count(*)::int from public.auth_attempts a
          where a.org_id = tests.id('org:alpha')), 'supervisors read their organisation''s attempts');
select tests.clear_authentication();
select tests.act_as_operator('beta', 'operator@beta.test', 'B-OP-1');
select is_empty($$ select 1 from public.auth_attempts $$, 'operators do not read attempts');

select * from finish();
rollback;
