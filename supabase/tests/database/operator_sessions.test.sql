-- How RLS sees people who PIN in (docs/security.md): a station tablet holds the member's floor
-- identity, never the person's own account; it acts only through the operator session the server
-- bound to its exact GoTrue session, while that session is open and not idle; the person's own
-- operator account acts nowhere. Idle timeout, PIN-out, hand-over and replacement end sessions.
begin;
select plan(44);

select tests.create_tenancy_fixture();
create temporary table s (label text primary key, id uuid) on commit drop;
grant all on s to anon, authenticated, service_role;
create temporary table m (label text primary key, id uuid) on commit drop;
grant all on m to anon, authenticated, service_role;
insert into m values ('op1', tests.id('member:alpha:operator@alpha.test')),
                     ('op2', tests.id('member:alpha:operator2@alpha.test')),
                     ('sup', tests.id('member:alpha:supervisor@alpha.test')),
                     ('mgr', tests.id('member:alpha:manager@alpha.test'));

-- ------------------------------------------------------------------ operators' own accounts act nowhere
select tests.authenticate_as('operator@alpha.test');
select is_empty($$ select app.my_org_ids() $$, 'an operator signed in on their own device acts nowhere');
select results_eq($$ select slug, can_act, operator_session_id from public.my_organisations() $$,
                  $$ values ('alpha', false, null::uuid) $$, 'my_organisations says they must PIN in first');
select tests.clear_authentication();

insert into s select 'op1', (tests.pin_in('alpha', 'A-OP-1') ->> 'operator_session_id')::uuid;
select tests.authenticate_as('operator@alpha.test');
select is_empty($$ select app.my_org_ids() $$, 'nor after PIN-in: the person''s account is never the floor''s');
select tests.clear_authentication();
select is((tests.pin_in('alpha', 'A-OP-1')) -> 'email', null, 'pin_in never answers with the person''s email');

-- ------------------------------------------------------------------ the floor identity, bound by the server
delete from s where label = 'op1';
insert into s select 'op1', tests.pin_in_bound('alpha', 'A-OP-1', 'tablet-session-1');
select tests.authenticate_as_floor((select id from m where label = 'op1'), tests.id('tablet-session-1'));
select results_eq($$ select app.my_org_ids() $$, array[tests.id('org:alpha')],
                  'after PIN-in the floor identity acts in the organisation');
select results_eq($$ select can_act, operator_session_id from public.my_organisations() $$,
                  $$ select true, id from s where label = 'op1' $$, 'and my_organisations names the session');
select is((public.operator_session_touch((select id from s where label = 'op1'))) ->> 'idle_timeout_seconds', '600',
          'operator_session_touch keeps the session alive');
select is((select count(*)::int from public.teams), 1, 'the bound tablet JWT sees the organisation''s teams');
select tests.authenticate_as_floor((select id from m where label = 'op1'), tests.id('another-session'));
select is_empty($$ select app.my_org_ids() $$, 'the same floor identity with another GoTrue session acts nowhere');
select throws_ok($$ select public.operator_session_touch((select id from s where label = 'op1')) $$, 'PT403', null,
                 'nor can it touch the tablet''s session');
select tests.authenticate_as_floor((select id from m where label = 'op2'), tests.id('tablet-session-x'));
select throws_ok($$ select public.operator_session_touch((select id from s where label = 'op1')) $$, 'PT404', null,
                 'nobody touches someone else''s session');

-- binding is the server's (service role) and only to that member's floor identity
select tests.authenticate_as_floor((select id from m where label = 'op1'), tests.id('tablet-session-1'));
select throws_ok(format($$ select public.bind_operator_session(%L, %L) $$, (select id from s where label = 'op1'),
                        tests.id('tablet-session-1')), '42501', null, 'a tablet cannot bind sessions itself');
select tests.clear_authentication();
insert into auth.sessions (id, user_id) values (tests.id('person-session'), tests.user_id('operator@alpha.test'));
select tests.authenticate_as_service_role();
insert into s select 'op1x', (tests.pin_in('alpha', 'A-OP-1') ->> 'operator_session_id')::uuid;
select tests.authenticate_as_service_role();
select throws_ok(format($$ select public.bind_operator_session(%L, %L) $$, (select id from s where label = 'op1x'),
                        tests.id('person-session')), 'PT400', null,
                 'an operator session is never bound to the person''s own account');
select tests.clear_authentication();

-- ------------------------------------------------------------------ what a floor identity can never do
select tests.pin_in_bound('alpha', 'A-OP-1', 'tablet-session-1b');
select tests.authenticate_as_floor((select id from m where label = 'op1'), tests.id('tablet-session-1b'));
select throws_ok($$ select public.create_organisation('Mine', 'mine-from-tablet') $$, 'PT403', null,
                 'a floor identity cannot create an organisation');
select throws_ok($$ select * from public.my_invitations() $$, 'PT403', null, 'nor read or accept invitations');
select tests.clear_authentication();
select throws_ok(format($$ update auth.users set encrypted_password = 'x' where id = %L $$,
                        tests.floor_identity((select id from m where label = 'op1'))), 'PT403', null,
                 'its password cannot be set, whoever writes');
select throws_ok(format($$ update auth.users set email = 'me@evil.test' where id = %L $$,
                        tests.floor_identity((select id from m where label = 'op1'))), 'PT403', null,
                 'nor its email');
select throws_ok(format($$ update auth.users set phone = '+15550100' where id = %L $$,
                        tests.floor_identity((select id from m where label = 'op1'))), 'PT403', null,
                 'nor its phone');

-- ------------------------------------------------------------------ idle timeout
delete from s where label = 'op1';
insert into s select 'op1', tests.pin_in_bound('alpha', 'A-OP-1', 'tablet-session-1c');
update public.operator_sessions set last_seen_at = now() - interval '11 minutes' where id = (select id from s where label = 'op1');
select tests.authenticate_as_floor((select id from m where label = 'op1'), tests.id('tablet-session-1c'));
select is_empty($$ select 1 from public.teams $$, 'eleven idle minutes later RLS no longer sees the operator');
select is_empty($$ select app.my_org_ids() $$, 'the membership no longer counts');
select results_eq(
  $$ select answer ->> 'code', answer ->> 'message', answer ->> 'details', (answer ->> 'hint')::jsonb ->> 'end_reason'
     from (select public.operator_session_touch((select id from s where label = 'op1')) as answer) a $$,
  $$ values ('PT440', 'Signed out after 10 minutes without activity', 'SESSION_EXPIRED', 'idle_timeout') $$,
  'the next touch answers PT440 SESSION_EXPIRED, ended by idle_timeout');
select is(current_setting('response.status', true), '440', 'with HTTP status 440');
select tests.clear_authentication();
select results_eq($$ select end_reason::text, ended_at from public.operator_sessions where id = (select id from s where label = 'op1') $$,
                  $$ values ('idle_timeout', now() - interval '1 minute') $$,
                  'the session ended when it went idle');
select tests.authenticate_as_floor((select id from m where label = 'op1'), tests.id('tablet-session-1c'));
select is((public.operator_session_touch((select id from s where label = 'op1'))) ->> 'code', 'PT440',
          'an ended session stays ended');

-- the timeout is the organisation's setting; fractions of a minute make short e2e tests possible
select tests.clear_authentication();
update public.organisations set settings = '{"operator_idle_timeout_minutes": 0.05}' where slug = 'alpha';
insert into s select 'op1b', tests.pin_in_bound('alpha', 'A-OP-1', 'tablet-session-2');
update public.operator_sessions set last_seen_at = now() - interval '4 seconds' where id = (select id from s where label = 'op1b');
select tests.authenticate_as_floor((select id from m where label = 'op1'), tests.id('tablet-session-2'));
select is((public.operator_session_touch((select id from s where label = 'op1b'))) ->> 'message',
          'Signed out after 3 seconds without activity', 'a 0.05-minute timeout ends the session after 3 seconds');
select tests.clear_authentication();
update public.organisations set settings = '{"operator_idle_timeout_minutes": 10}' where slug = 'alpha';

-- ------------------------------------------------------------------ PIN-out
insert into s select 'op1c', tests.pin_in_bound('alpha', 'A-OP-1', 'tablet-session-3');
select tests.authenticate_as_floor((select id from m where label = 'op1'), tests.id('tablet-session-3'));
select public.operator_session_touch((select id from s where label = 'op1c'));
select lives_ok($$ select public.pin_out((select id from s where label = 'op1c')) $$, 'an operator PINs out');
select is_empty($$ select 1 from public.teams $$, 'and their tablet JWT acts no more');
select lives_ok($$ select public.pin_out((select id from s where label = 'op1c')) $$, 'PIN-out twice is harmless');
select tests.clear_authentication();
select is((select end_reason::text from public.operator_sessions where id = (select id from s where label = 'op1c')),
          'pin_out', 'recorded as pin_out');

-- ------------------------------------------------------------------ hand-over, replacement, station PIN-out
insert into s select 'op1d', (tests.pin_in('alpha', 'A-OP-1') ->> 'operator_session_id')::uuid;
insert into s select 'op2', (tests.pin_in('alpha', 'A-OP-2') ->> 'operator_session_id')::uuid;
select is((select end_reason::text from public.operator_sessions where id = (select id from s where label = 'op1d')),
          'handover', 'the next person PINing in on the same tablet ends the previous session');
create temporary table secrets (secret text) on commit drop;
grant all on secrets to anon, authenticated;
select tests.authenticate_as('supervisor@alpha.test');
insert into secrets select station_secret from public.register_station(tests.id('location:alpha:Bench'), 'Third');
select tests.authenticate_as_anon();
insert into s select 'op2b', (public.pin_in((select secret from secrets), 'A-OP-2', '1234') ->> 'operator_session_id')::uuid;
select tests.clear_authentication();
select is((select end_reason::text from public.operator_sessions where id = (select id from s where label = 'op2')),
          'replaced', 'PINing in on another tablet replaces your session on the first');
select is((select count(*)::int from public.operator_sessions where member_id = tests.id('member:alpha:operator2@alpha.test')
           and ended_at is null), 1, 'one open session per person');
select tests.authenticate_as_anon();
select public.station_pin_out((select secret from secrets));
select tests.clear_authentication();
select is((select end_reason::text from public.operator_sessions where id = (select id from s where label = 'op2b')),
          'pin_out', 'the tablet''s PIN-out button ends its session without the operator''s JWT');

-- ------------------------------------------------------------------ supervisors ending sessions
insert into s select 'op1e', (tests.pin_in('alpha', 'A-OP-1') ->> 'operator_session_id')::uuid;
insert into s select 'op2c', tests.act_as_operator('alpha', 'operator2@alpha.test', 'A-OP-2');
select tests.clear_authentication();
insert into s select 'op1f', (tests.pin_in('beta', 'B-OP-1') ->> 'operator_session_id')::uuid;
select tests.authenticate_as('supervisor@alpha.test');
select throws_ok($$ select public.pin_out((select id from s where label = 'op1f')) $$, 'PT403', null,
                 'a supervisor cannot PIN out another organisation''s operator');
select lives_ok($$ select public.pin_out((select id from s where label = 'op2c')) $$,
                'a supervisor PINs out one of theirs');
select tests.clear_authentication();
select is((select end_reason::text from public.operator_sessions where id = (select id from s where label = 'op2c')),
          'ended_by_supervisor', 'recorded as ended_by_supervisor');

-- ------------------------------------------------------------------ supervisors and managers on a tablet
insert into s select 'sup', tests.pin_in_bound('alpha', 'A-SUP-1', 'tablet-session-sup');
select tests.authenticate_as_floor((select id from m where label = 'sup'), tests.id('tablet-session-sup'));
select public.operator_session_touch((select id from s where label = 'sup'));
select is((select count(*)::int from public.members), 6, 'a supervisor on a tablet acts with their role');
select public.pin_out((select id from s where label = 'sup'));
select is_empty($$ select app.my_org_ids() $$, 'after PIN-out the tablet''s JWT is powerless, even for a supervisor');
select tests.authenticate_as('supervisor@alpha.test');
select is((select count(*)::int from public.members), 6, 'while their own devices keep working');
select is((select count(*)::int from public.operator_sessions), (select count(*)::int from public.operator_sessions
          where org_id = tests.id('org:alpha')), 'supervisors see their organisation''s sessions');
select tests.clear_authentication();
update public.members set badge_code = 'A-MGR-1', pin_hash = extensions.crypt('1234', extensions.gen_salt('bf', 4))
  where id = (select id from m where label = 'mgr');
insert into s select 'mgr', tests.pin_in_bound('alpha', 'A-MGR-1', 'tablet-session-mgr');
select tests.authenticate_as_floor((select id from m where label = 'mgr'), tests.id('tablet-session-mgr'));
select is((select role::text from public.my_organisations()), 'supervisor',
          'a manager PINed in on a tablet acts as a supervisor at most');
select throws_ok($$ select public.change_member_role(tests.id('member:alpha:operator@alpha.test'), 'supervisor') $$,
                 'PT403', null, 'so a tablet never does admin work');

-- ------------------------------------------------------------------ housekeeping
select tests.clear_authentication();
insert into s select 'op1g', (tests.pin_in('alpha', 'A-OP-1') ->> 'operator_session_id')::uuid;
update public.operator_sessions set last_seen_at = now() - interval '1 hour' where id = (select id from s where label = 'op1g');
select tests.authenticate_as_service_role();
select is(public.end_idle_operator_sessions(), 1, 'end_idle_operator_sessions tidies idle sessions (service role)');
select tests.authenticate_as('manager@alpha.test');
select throws_ok($$ select public.end_idle_operator_sessions() $$, '42501', null, 'and only the service role runs it');

select * from finish();
rollback;
