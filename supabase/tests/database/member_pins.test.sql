-- set_member_pin: admins reset PINs (not owners' unless owner), people change their own with the old
-- PIN, wrong old PINs count towards the lockout, PINs are 4–6 digits and stored as bcrypt.
begin;
select plan(18);

select tests.create_tenancy_fixture();

-- ------------------------------------------------------------------ admins reset
select tests.authenticate_as('admin@alpha.test');
select is((public.set_member_pin(tests.id('member:alpha:operator@alpha.test'), '246810')) ->> 'member_id',
          tests.id('member:alpha:operator@alpha.test')::text, 'an admin resets an operator''s PIN');
select tests.clear_authentication();
select ok((select pin_hash like '$2a$10$%' from public.members where id = tests.id('member:alpha:operator@alpha.test')),
          'stored as a bcrypt (cost 10) hash');
select ok((select pin_hash <> '246810' and pin_changed_at = now() from public.members
           where id = tests.id('member:alpha:operator@alpha.test')), 'never as the PIN; pin_changed_at stamped');
select ok((tests.pin_in('alpha', 'A-OP-1', '246810')) ? 'operator_session_id', 'the new PIN works at the station');
select is((tests.pin_in('alpha', 'A-OP-1', '1234')) ->> 'code', 'PT401', 'the old one does not');

select tests.authenticate_as('admin@alpha.test');
select throws_ok($$ select public.set_member_pin(tests.id('member:alpha:operator@alpha.test'), '12') $$,
                 'PT400', 'A PIN is 4 to 6 digits', 'too short');
select throws_ok($$ select public.set_member_pin(tests.id('member:alpha:operator@alpha.test'), '1234567') $$,
                 'PT400', null, 'too long');
select throws_ok($$ select public.set_member_pin(tests.id('member:alpha:operator@alpha.test'), '12a4') $$,
                 'PT400', null, 'digits only');
select throws_ok($$ select public.set_member_pin(tests.id('member:alpha:owner@alpha.test'), '1111') $$,
                 'PT403', null, 'an admin cannot set an owner''s PIN');
select tests.clear_authentication();
update public.members set locked_until = now() + interval '5 minutes', failed_auth_attempts = 5
  where id = tests.id('member:alpha:operator2@alpha.test');
select tests.authenticate_as('admin@alpha.test');
select public.set_member_pin(tests.id('member:alpha:operator2@alpha.test'), '5555');
select results_eq($$ select locked_until from public.members where id = tests.id('member:alpha:operator2@alpha.test') $$,
                  $$ values (null::timestamptz) $$, 'a reset also lifts a lockout');

select tests.authenticate_as('manager@alpha.test');
select throws_ok($$ select public.set_member_pin(tests.id('member:alpha:operator@alpha.test'), '1111') $$,
                 'PT403', null, 'a manager cannot reset other people''s PINs');

-- ------------------------------------------------------------------ changing your own
select is((public.set_member_pin(tests.id('member:alpha:manager@alpha.test'), '8642', '1234')) ? 'pin_changed_at', true,
          'a person changes their own PIN with the current one');
select is((public.set_member_pin(tests.id('member:alpha:manager@alpha.test'), '1111', '0000')) ->> 'code', 'PT401',
          'a wrong current PIN is refused');
select is(current_setting('response.status', true), '401', 'as HTTP 401');
select tests.clear_authentication();
select is((select failed_auth_attempts from public.members where id = tests.id('member:alpha:manager@alpha.test')), 1,
          'and counts towards the lockout (the refusal is committed, not rolled back)');
update public.members set failed_auth_attempts = 4 where id = tests.id('member:alpha:manager@alpha.test');
select tests.authenticate_as('manager@alpha.test');
select is((public.set_member_pin(tests.id('member:alpha:manager@alpha.test'), '1111', '0000')) ->> 'code', 'PT423',
          'the fifth wrong current PIN locks the member');
select is((public.set_member_pin(tests.id('member:alpha:manager@alpha.test'), '1111', '8642')) ->> 'code', 'PT423',
          'and while locked even the right one is refused');

select tests.clear_authentication();
update public.members set pin_hash = null where id = tests.id('member:alpha:operator2@alpha.test');
select tests.authenticate_as('operator2@alpha.test');
select is((public.set_member_pin(tests.id('member:alpha:operator2@alpha.test'), '9753')) ? 'pin_changed_at', true,
          'someone without a PIN sets their first one without a current PIN');

select * from finish();
rollback;
