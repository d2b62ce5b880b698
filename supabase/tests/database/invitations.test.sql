-- Joining an organisation needs the person's consent (issue 8, docs/security.md): an invitation for
-- an existing account is pending until that account's owner accepts it; until then there is no
-- membership to set a PIN or badge on, and the inviter sees only what they typed.
begin;
select plan(29);

select tests.create_tenancy_fixture();
create temporary table inv (label text primary key, id uuid) on commit drop;
grant all on inv to authenticated;

-- ------------------------------------------------------------------ beta's owner invites alpha's owner
select tests.authenticate_as('owner@beta.test');
insert into inv select 'victim', (public.invite_member(tests.id('org:beta'), ' Owner@Alpha.test ', 'operator', 'Victim')).id;
select is((select status::text from public.invitations where id = (select id from inv where label = 'victim')), 'pending',
          'inviting an existing account creates a pending invitation');
select is((select email::text from public.invitations where id = (select id from inv where label = 'victim')),
          'owner@alpha.test', 'for the address as typed (trimmed, lower-case)');
select is_empty($$ select 1 from public.members where user_id = tests.user_id('owner@alpha.test') and org_id = tests.id('org:beta') $$,
                'and no membership');
select is_empty($$ select 1 from public.list_members(tests.id('org:beta')) where email = 'owner@alpha.test' $$,
                'the inviter''s member list does not show the account');
select throws_ok(format($$ select public.add_member(%L, %L, 'operator', 'Victim', 'VIC-1') $$,
                        tests.id('org:beta'), tests.user_id('owner@alpha.test')),
                 'PT403', null, 'the inviter cannot attach the account directly');
select is_empty($$ select 1 from public.members where org_id = tests.id('org:alpha') $$,
                'nor see anything of the other organisation');
select throws_ok($$ select public.invite_member(tests.id('org:beta'), 'owner@alpha.test', 'operator', 'Again') $$,
                 'PT409', null, 'one pending invitation per address');
select throws_ok($$ select public.invite_member(tests.id('org:beta'), 'manager@beta.test', 'operator', 'M') $$,
                 'PT409', null, 'members are not invited again');
select throws_ok($$ select public.invite_member(tests.id('org:beta'), 'alpha.a-op-1@operators.floorline.invalid', 'operator', 'X') $$,
                 'PT400', null, 'made-up addresses (badge-only operators, floor identities) are never invited');
select tests.authenticate_as('manager@beta.test');
select throws_ok($$ select public.invite_member(tests.id('org:beta'), 'someone@else.test', 'operator', 'S') $$,
                 'PT403', null, 'managers do not invite');
select is_empty($$ select 1 from public.invitations $$, 'nor see invitations');

-- ------------------------------------------------------------------ who sees the invitation
select tests.authenticate_as('owner@alpha.test');
select results_eq($$ select org_name, role::text, invited_by_name from public.my_invitations() $$,
                  $$ values ('Beta Works', 'operator', 'owner') $$, 'the invitee sees it on their invitations screen');
select tests.authenticate_as('admin@alpha.test');
select is_empty($$ select 1 from public.my_invitations() $$, 'nobody else does');
select throws_ok(format($$ select public.accept_invitation(%L) $$, (select id from inv where label = 'victim')),
                 'PT404', null, 'nor can anyone else accept it');

-- ------------------------------------------------------------------ declining, then accepting a new one
select tests.authenticate_as('owner@alpha.test');
select lives_ok(format($$ select public.decline_invitation(%L) $$, (select id from inv where label = 'victim')),
                'the invitee declines');
select throws_ok(format($$ select public.accept_invitation(%L) $$, (select id from inv where label = 'victim')),
                 'PT409', 'This invitation is declined', 'a declined invitation cannot be accepted later');
select is_empty($$ select 1 from public.members where user_id = tests.user_id('owner@alpha.test') and org_id = tests.id('org:beta') $$,
                'declining leaves no membership');

select tests.authenticate_as('owner@beta.test');
insert into inv select 'second', (public.invite_member(tests.id('org:beta'), 'owner@alpha.test', 'supervisor', 'Alpha boss')).id;
select tests.authenticate_as('owner@alpha.test');
select results_eq(format($$ select org_slug from public.accept_invitation(%L) $$, (select id from inv where label = 'second')),
                  $$ values ('beta') $$, 'the invitee accepts, signed in with their own account');
select results_eq($$ select role::text, display_name from public.members
                     where user_id = tests.user_id('owner@alpha.test') and org_id = tests.id('org:beta') $$,
                  $$ values ('supervisor', 'Alpha boss') $$, 'and is a member with the invited role');
select is((select status::text from public.invitations where id = (select id from inv where label = 'second')), 'accepted',
          'the invitation is accepted');
select throws_ok(format($$ select public.accept_invitation(%L) $$, (select id from inv where label = 'second')),
                 'PT409', 'This invitation is accepted', 'once');

-- ------------------------------------------------------------------ revoking and expiry
select tests.authenticate_as('owner@beta.test');
insert into inv select 'revoked', (public.invite_member(tests.id('org:beta'), 'admin@alpha.test', 'operator', 'A')).id;
select lives_ok(format($$ select public.revoke_invitation(%L) $$, (select id from inv where label = 'revoked')),
                'an admin revokes an invitation');
select tests.authenticate_as('admin@alpha.test');
select throws_ok(format($$ select public.accept_invitation(%L) $$, (select id from inv where label = 'revoked')),
                 'PT409', 'This invitation is revoked', 'a revoked invitation cannot be accepted');
select tests.authenticate_as('owner@beta.test');
insert into inv select 'old', (public.invite_member(tests.id('org:beta'), 'manager@alpha.test', 'operator', 'M')).id;
select tests.clear_authentication();
update public.invitations set expires_at = now() - interval '1 second' where id = (select id from inv where label = 'old');
select tests.authenticate_as('manager@alpha.test');
select is_empty($$ select 1 from public.my_invitations() $$, 'an expired invitation is not offered');
select throws_ok(format($$ select public.accept_invitation(%L) $$, (select id from inv where label = 'old')),
                 'PT409', 'This invitation is expired', 'nor accepted');
select tests.authenticate_as('owner@beta.test');
select isnt((public.invite_member(tests.id('org:beta'), 'manager@alpha.test', 'operator', 'M')).id, null,
            'after expiry the address can be invited again');

-- ------------------------------------------------------------------ a station sign-in accepts nothing
select tests.authenticate_as('owner@beta.test');
insert into inv select 'op', (public.invite_member(tests.id('org:beta'), 'operator@alpha.test', 'operator', 'O')).id;
select tests.act_as_operator('alpha', 'operator@alpha.test', 'A-OP-1');
select throws_ok(format($$ select public.accept_invitation(%L) $$, (select id from inv where label = 'op')),
                 'PT403', null, 'the operator''s floor identity cannot accept their invitation');
select tests.clear_authentication();
select tests.authenticate_as('admin@alpha.test');
select throws_ok($$ select public.invite_member(tests.id('org:alpha'), 'someone@else.test', 'owner', 'S') $$,
                 'PT403', null, 'only owners invite owners');
select is((select count(*)::int from public.invitations where org_id = tests.id('org:beta') and email <> 'admin@alpha.test'), 0,
          'admins of one organisation see none of another''s invitations (only those addressed to them)');

select * from finish();
rollback;
