-- Members: who sees whom, what stays secret, what admins may edit directly.
begin;
select plan(22);

select tests.create_tenancy_fixture();

-- ------------------------------------------------------------------ seeing people
select tests.authenticate_as('supervisor@alpha.test');
select is((select count(*)::int from public.members), 6, 'a supervisor sees every member of the organisation');
select throws_ok($$ select * from public.members $$, '42501', null, 'select * is refused: secret columns are not granted');
select throws_ok($$ select pin_hash from public.members $$, '42501', null, 'nobody reads pin_hash');
select throws_ok($$ select failed_auth_attempts from public.members $$, '42501', null, 'nobody reads the failure counter');
select ok((select bool_and(has_pin) from public.members where badge_code is not null), 'has_pin tells who has a PIN');

select tests.authenticate_as('operator@alpha.test');
select results_eq($$ select user_id from public.members $$, array[tests.user_id('operator@alpha.test')],
                  'an operator sees only their own membership, even off the station');
select tests.clear_authentication();
select tests.act_as_operator('alpha', 'operator@alpha.test', 'A-OP-1');
select is((select count(*)::int from public.members), 1, 'and only their own while PINed in');
select ok(tests.changes_nothing($$ update public.members set display_name = 'Boss' $$), 'an operator cannot edit members');

select tests.clear_authentication();
select tests.authenticate_as('manager@alpha.test');
select is((select count(*)::int from public.members), 6, 'a manager sees every member');
select ok(tests.changes_nothing($$ update public.members set display_name = 'Renamed' $$), 'a manager cannot edit members');

select tests.authenticate_as_service_role();
select throws_ok($$ select pin_hash from public.members $$, '42501', null, 'not even the service role reads pin_hash');

-- ------------------------------------------------------------------ admins edit names, teams, locations, badges
select tests.clear_authentication();
select tests.authenticate_as('admin@alpha.test');
select is(tests.rows_changed(format($$ update public.members set display_name = 'Olive', badge_code = 'A-OP-9',
                                        team_id = %L, location_id = %L where badge_code = 'A-OP-1' $$,
                                    tests.id('team:alpha:Crew'), tests.id('location:alpha:Bench'))),
          1, 'an admin edits name, badge, team and location');
select throws_ok(format($$ update public.members set team_id = %L where badge_code = 'A-OP-9' $$, tests.id('team:beta:Crew')),
                 '23503', null, 'a member cannot join another organisation''s team');
select throws_ok($$ update public.members set badge_code = 'A-OP-2' where badge_code = 'A-OP-9' $$, '23505', null,
                 'badge codes are unique in an organisation');
select throws_ok($$ update public.members set badge_code = 'a op' where badge_code = 'A-OP-9' $$, '23514', null,
                 'badge codes are upper-case letters, digits and hyphens');
select throws_ok($$ update public.members set role = 'owner' where badge_code = 'A-OP-9' $$, '42501', null,
                 'roles change only through change_member_role');
select throws_ok($$ update public.members set pin_hash = null $$, '42501', null, 'PINs change only through set_member_pin');
select ok(tests.changes_nothing(format($$ update public.members set display_name = 'Not the owner' where user_id = %L $$,
                                       tests.user_id('owner@alpha.test'))),
          'an admin cannot alter an owner');
select ok(tests.changes_nothing($$ insert into public.members (org_id, user_id, display_name)
                                    values (tests.id('org:alpha'), tests.user_id('owner@beta.test'), 'x') $$),
          'members are not inserted directly (add_member)');
select ok(tests.changes_nothing($$ delete from public.members where badge_code = 'A-OP-9' $$),
          'members are not deleted (deactivate_member)');

select tests.authenticate_as('owner@alpha.test');
select is(tests.rows_changed(format($$ update public.members set display_name = 'Ada' where user_id = %L $$,
                                    tests.user_id('owner@alpha.test'))),
          1, 'an owner edits an owner');

-- ------------------------------------------------------------------ Auth password changes are stamped
select tests.clear_authentication();
update auth.users set encrypted_password = extensions.crypt('new-password', extensions.gen_salt('bf', 4))
  where id = tests.user_id('manager@alpha.test');
select isnt((select password_changed_at from public.members where id = tests.id('member:alpha:manager@alpha.test')),
            null, 'a password change stamps password_changed_at');

select * from finish();
rollback;
