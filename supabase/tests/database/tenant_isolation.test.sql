-- For every table: anon sees and changes nothing, and a member of another organisation (its owner,
-- the most powerful role, and an operator acting through a station) sees and changes nothing of alpha's.
begin;
select plan(91);

select tests.create_tenancy_fixture();
-- give every alpha table rows: a PIN-in (operator session + attempt), preferences, audit entries
select tests.pin_in('alpha', 'A-OP-1');
select tests.pin_in('alpha', 'A-OP-2', '9999');
insert into public.user_preferences (user_id) values (tests.user_id('owner@alpha.test'));
update public.locations set description = 'audited' where org_id = tests.id('org:alpha');

create temporary table alpha_rows (tbl text, filter text, updatable text) on commit drop;
grant select on alpha_rows to anon, authenticated;
insert into alpha_rows values
  ('accounts', format('id = %L', tests.id('account:alpha')), 'name'),
  ('organisations', format('id = %L', tests.id('org:alpha')), 'name'),
  ('locations', format('org_id = %L', tests.id('org:alpha')), 'name'),
  ('teams', format('org_id = %L', tests.id('org:alpha')), 'name'),
  ('members', format('org_id = %L', tests.id('org:alpha')), 'display_name'),
  ('user_preferences', format('user_id = %L', tests.user_id('owner@alpha.test')), 'primary_color'),
  ('audit_log', format('org_id = %L', tests.id('org:alpha')), 'table_name'),
  ('stations', format('org_id = %L', tests.id('org:alpha')), 'name'),
  ('operator_sessions', format('org_id = %L', tests.id('org:alpha')), 'device_id'),
  ('auth_attempts', format('org_id = %L', tests.id('org:alpha')), 'badge_code');

-- the fixture really has alpha rows in every table (so "sees nothing" below means something)
select is(
  (select count(*)::int from alpha_rows r
   where tests.rows_changed(format('select 1 from public.%I where %s', r.tbl, r.filter)) > 0),
  10, 'alpha has rows in all ten tables');

-- ------------------------------------------------------------------ anon
select tests.authenticate_as_anon();
select throws_ok(format('select * from public.%I', tbl), '42501', null, format('anon cannot select %s', tbl))
  from alpha_rows order by tbl;
select ok(tests.changes_nothing(format('insert into public.%I default values', tbl)), format('anon inserts nothing into %s', tbl))
  from alpha_rows order by tbl;
select ok(tests.changes_nothing(format('update public.%I set %I = %I', tbl, updatable, updatable)),
          format('anon updates nothing in %s', tbl))
  from alpha_rows order by tbl;
select ok(tests.changes_nothing(format('delete from public.%I', tbl)), format('anon deletes nothing from %s', tbl))
  from alpha_rows order by tbl;

-- ------------------------------------------------------------------ beta's owner
select tests.clear_authentication();
select tests.authenticate_as('owner@beta.test');
select is_empty(format('select 1 from public.%I where %s', tbl, filter), format('beta''s owner sees no alpha %s', tbl))
  from alpha_rows order by tbl;
select ok(tests.changes_nothing(format('update public.%I set %I = %I where %s', tbl, updatable, updatable, filter)),
          format('beta''s owner updates no alpha %s', tbl))
  from alpha_rows order by tbl;
select ok(tests.changes_nothing(format('delete from public.%I where %s', tbl, filter)),
          format('beta''s owner deletes no alpha %s', tbl))
  from alpha_rows order by tbl;

-- inserting into alpha
select ok(tests.changes_nothing(format($$insert into public.locations (org_id, name) values (%L, 'Intruder')$$,
          tests.id('org:alpha'))), 'beta''s owner cannot add an alpha location');
select ok(tests.changes_nothing(format($$insert into public.teams (org_id, name) values (%L, 'Intruder')$$,
          tests.id('org:alpha'))), 'beta''s owner cannot add an alpha team');
select ok(tests.changes_nothing(format($$insert into public.user_preferences (user_id) values (%L)$$,
          tests.user_id('admin@alpha.test'))), 'beta''s owner cannot create someone else''s preferences');
select ok(tests.changes_nothing(format(
          $$insert into public.members (org_id, user_id, role, display_name) values (%L, %L, 'owner', 'x')$$,
          tests.id('org:alpha'), tests.user_id('owner@beta.test'))), 'beta''s owner cannot join alpha');
select ok(tests.changes_nothing(format(
          $$update public.locations set org_id = %L where org_id = %L$$, tests.id('org:alpha'), tests.id('org:beta'))),
          'beta''s owner cannot move a beta location into alpha');

-- and through the RPCs
select throws_ok(format('select public.list_members(%L)', tests.id('org:alpha')), 'PT403', null,
                 'list_members refuses another organisation');
select throws_ok(format($$select public.add_member(%L, %L, 'owner', 'Mole')$$, tests.id('org:alpha'),
                 tests.user_id('owner@beta.test')), 'PT403', null, 'add_member refuses another organisation');
select throws_ok(format($$select public.change_member_role(%L, 'operator')$$, tests.id('member:alpha:owner@alpha.test')),
                 'PT403', null, 'change_member_role refuses another organisation');
select throws_ok(format($$select public.deactivate_member(%L)$$, tests.id('member:alpha:operator@alpha.test')),
                 'PT403', null, 'deactivate_member refuses another organisation');
select throws_ok(format($$select public.unlock_member(%L)$$, tests.id('member:alpha:operator@alpha.test')),
                 'PT403', null, 'unlock_member refuses another organisation');
select throws_ok(format($$select public.set_member_pin(%L, '0000')$$, tests.id('member:alpha:operator@alpha.test')),
                 'PT403', null, 'set_member_pin refuses another organisation');
select throws_ok(format($$select * from public.register_station(%L, 'Mine')$$, tests.id('location:alpha:Bench')),
                 'PT403', null, 'register_station refuses another organisation''s location');
select throws_ok(format($$select public.revoke_station(%L)$$, tests.id('station:alpha')),
                 'PT403', null, 'revoke_station refuses another organisation''s station');
select is((select count(*)::int from public.my_organisations() where slug = 'alpha'), 0,
          'my_organisations lists only beta');

-- ------------------------------------------------------------------ a beta operator on a beta station
select tests.clear_authentication();
select tests.act_as_operator('beta', 'operator@beta.test', 'B-OP-1');
select is_empty(format('select 1 from public.%I where %s', tbl, filter), format('a beta operator sees no alpha %s', tbl))
  from alpha_rows where tbl in ('organisations', 'locations', 'teams', 'members') order by tbl;
select ok(exists (select 1 from public.locations where org_id = tests.id('org:beta')),
          'while the beta operator does see beta''s locations');
select is((select public.pin_in(tests.station_secret('alpha'), 'B-OP-1', '1234') ->> 'code'), 'PT401',
          'a beta badge is unknown on an alpha station');

select * from finish();
rollback;
