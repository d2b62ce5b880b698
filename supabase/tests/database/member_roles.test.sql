-- Membership RPCs and the role rules: admins manage members but never owners, the last owner stays,
-- supervisors list and unlock, operators and managers manage nobody.
begin;
select plan(38);

select tests.create_tenancy_fixture();
select tests.create_user('newbie@alpha.test');
select tests.create_user('boss@alpha.test');
select tests.create_user('stranger@elsewhere.test');
-- accounts the app server created for alpha's invites (app_metadata only the service key can set)
update auth.users set raw_app_meta_data = raw_app_meta_data || jsonb_build_object('floorline_invited_org', tests.id('org:alpha'))
  where email in ('newbie@alpha.test', 'boss@alpha.test');

-- ------------------------------------------------------------------ add_member
select tests.authenticate_as('admin@alpha.test');
select isnt(public.add_member(tests.id('org:alpha'), tests.user_id('newbie@alpha.test'), 'operator', ' Nina ', ' a-op-3 '),
            null, 'an admin adds a member');
select results_eq($$ select display_name, badge_code, role::text from public.members
                     where user_id = tests.user_id('newbie@alpha.test') $$,
                  $$ values ('Nina', 'A-OP-3', 'operator') $$, 'names are trimmed and badges upper-cased');
select throws_ok($$ select public.add_member(tests.id('org:alpha'), tests.user_id('stranger@elsewhere.test'), 'operator', 'S') $$,
                 'PT403', null, 'an existing account that was not created for this invite is never attached');
select throws_ok($$ select public.add_member(tests.id('org:alpha'), tests.user_id('operator@beta.test'), 'operator', 'S') $$,
                 'PT403', null, 'nor a member of another organisation');
select throws_ok($$ select public.add_member(tests.id('org:alpha'), tests.user_id('boss@alpha.test'), 'owner', 'Boss') $$,
                 'PT403', 'Only an owner can make someone an owner', 'an admin cannot add an owner');
select throws_ok($$ select public.add_member(tests.id('org:alpha'), tests.user_id('newbie@alpha.test'), 'operator', 'Again') $$,
                 'PT409', 'Already a member of this organisation', 'a person is a member once');
select throws_ok($$ select public.add_member(tests.id('org:alpha'), tests.user_id('boss@alpha.test'), 'operator', 'B', 'A-OP-1') $$,
                 'PT409', 'That badge code is already in use', 'badges stay unique');
select throws_ok($$ select public.add_member(tests.id('org:alpha'), tests.user_id('boss@alpha.test'), 'operator', 'B', null,
                                             tests.id('team:beta:Crew')) $$,
                 'PT400', 'No such team in this organisation', 'teams come from the same organisation');
select throws_ok($$ select public.add_member(tests.id('org:alpha'), tests.user_id('boss@alpha.test'), 'operator', '  ') $$,
                 'PT400', null, 'a name is required');
select throws_ok($$ select public.add_member(tests.id('org:alpha'), gen_random_uuid(), 'operator', 'Ghost') $$,
                 'PT404', 'No such user', 'the user must exist in Auth');

select tests.authenticate_as('manager@alpha.test');
select throws_ok($$ select public.add_member(tests.id('org:alpha'), tests.user_id('boss@alpha.test'), 'operator', 'B') $$,
                 'PT403', null, 'a manager cannot add members');

select tests.authenticate_as_service_role();
select isnt(public.add_member(tests.id('org:alpha'), tests.user_id('boss@alpha.test'), 'owner', 'Boss'), null,
            'the service role (server-side invite) can add an owner');

-- ------------------------------------------------------------------ change_member_role
select tests.clear_authentication();
select tests.authenticate_as('admin@alpha.test');
select lives_ok($$ select public.change_member_role(tests.id('member:alpha:operator2@alpha.test'), 'supervisor') $$,
                'an admin promotes an operator to supervisor');
select is((select role::text from public.members where id = tests.id('member:alpha:operator2@alpha.test')), 'supervisor',
          'the role changed');
select lives_ok($$ select public.change_member_role(tests.id('member:alpha:manager@alpha.test'), 'admin') $$,
                'an admin can make another admin');
select throws_ok($$ select public.change_member_role(tests.id('member:alpha:owner@alpha.test'), 'admin') $$,
                 'PT403', null, 'an admin cannot demote an owner');
select throws_ok($$ select public.change_member_role(tests.id('member:alpha:supervisor@alpha.test'), 'owner') $$,
                 'PT403', null, 'an admin cannot make an owner');
select throws_ok($$ select public.change_member_role(gen_random_uuid(), 'operator') $$, 'PT404', null, 'unknown member');

select tests.authenticate_as('supervisor@alpha.test');
select throws_ok($$ select public.change_member_role(tests.id('member:alpha:operator@alpha.test'), 'supervisor') $$,
                 'PT403', null, 'a supervisor cannot change roles');

-- ------------------------------------------------------------------ the last owner
select tests.clear_authentication();
-- boss (added above) is the second owner: deactivate them so owner@ is the only one
update public.members set is_active = false where user_id = tests.user_id('boss@alpha.test');
select tests.authenticate_as('owner@alpha.test');
select throws_ok($$ select public.change_member_role(tests.id('member:alpha:owner@alpha.test'), 'admin') $$,
                 'PT409', null, 'the last owner cannot step down');
select throws_ok($$ select public.deactivate_member(tests.id('member:alpha:owner@alpha.test')) $$,
                 'PT409', null, 'the last owner cannot be deactivated');
select lives_ok($$ select public.change_member_role(tests.id('member:alpha:admin@alpha.test'), 'owner') $$,
                'an owner makes another owner');
select lives_ok($$ select public.change_member_role(tests.id('member:alpha:owner@alpha.test'), 'admin') $$,
                'then can step down');
select tests.clear_authentication();
select throws_ok($$ update public.members set role = 'manager' where id = tests.id('member:alpha:admin@alpha.test') $$,
                 'PT409', null, 'the rule holds for every write path, not only the RPCs');
select lives_ok($$ delete from public.organisations where id = tests.id('org:beta') $$,
                'closing a whole organisation is not blocked by the rule');

-- ------------------------------------------------------------------ deactivate / reactivate
select tests.pin_in('alpha', 'A-OP-1');
select tests.authenticate_as('owner@alpha.test'); -- now an admin: admin@ became owner above
select lives_ok($$ select public.deactivate_member(tests.id('member:alpha:operator@alpha.test')) $$,
                'an admin deactivates an operator');
select results_eq($$ select end_reason::text from public.operator_sessions
                     where member_id = tests.id('member:alpha:operator@alpha.test') $$,
                  $$ values ('member_deactivated') $$, 'their open station session ends');
select is((tests.pin_in('alpha', 'A-OP-1')) ->> 'code', 'PT401', 'a deactivated member cannot PIN in');
select tests.authenticate_as('owner@alpha.test');
select throws_ok($$ select public.deactivate_member(tests.id('member:alpha:admin@alpha.test')) $$,
                 'PT403', 'Only an owner can deactivate an owner', 'an admin cannot deactivate an owner');
select lives_ok($$ select public.reactivate_member(tests.id('member:alpha:operator@alpha.test')) $$,
                'an admin reactivates a member');
select lives_ok($$ select public.deactivate_member(tests.id('member:alpha:operator2@alpha.test')) $$,
                'deactivate again to re-add');
select is(public.add_member(tests.id('org:alpha'), tests.user_id('operator2@alpha.test'), 'operator', 'Back again'),
          tests.id('member:alpha:operator2@alpha.test'), 're-adding a former member reuses their row (history stays)');

-- ------------------------------------------------------------------ list_members and unlock_member
select tests.clear_authentication();
update public.members set locked_until = now() + interval '10 minutes'
  where id = tests.id('member:alpha:operator@alpha.test');
select tests.authenticate_as('supervisor@alpha.test');
select is((select count(*)::int from public.list_members(tests.id('org:alpha'))), 8, 'a supervisor lists all members');
select is((select email from public.list_members(tests.id('org:alpha')) where badge_code = 'A-OP-3'), 'newbie@alpha.test',
          'with their sign-in email for the members screen');
select lives_ok($$ select public.unlock_member(tests.id('member:alpha:operator@alpha.test')) $$,
                'a supervisor unlocks a locked-out operator');
select is((select locked_until from public.members where id = tests.id('member:alpha:operator@alpha.test')), null,
          'the lock is gone');

select tests.clear_authentication();
select tests.act_as_operator('alpha', 'operator@alpha.test', 'A-OP-1');
select throws_ok($$ select * from public.list_members(tests.id('org:alpha')) $$, 'PT403', null, 'an operator cannot list members');
select throws_ok($$ select public.unlock_member(tests.id('member:alpha:operator2@alpha.test')) $$, 'PT403', null,
                 'an operator cannot unlock anyone');

select * from finish();
rollback;
