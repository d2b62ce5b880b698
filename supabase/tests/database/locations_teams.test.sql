-- Locations and teams: every member sees them, managers+ manage them, operators and supervisors don't.
begin;
select plan(20);

select tests.create_tenancy_fixture();

-- ------------------------------------------------------------------ managers manage
select tests.authenticate_as('manager@alpha.test');
select lives_ok($$ insert into public.locations (org_id, name, kind) values (tests.id('org:alpha'), 'Paint booth', 'workstation') $$,
                'a manager adds a location');
select lives_ok($$ insert into public.teams (org_id, name) values (tests.id('org:alpha'), 'Night shift') $$,
                'a manager adds a team');
select is(tests.rows_changed($$ update public.locations set description = 'Spray' where name = 'Paint booth' $$), 1,
          'a manager edits a location');
select is(tests.rows_changed($$ update public.teams set is_active = false where name = 'Night shift' $$), 1,
          'a manager archives a team');
select is(tests.rows_changed($$ delete from public.teams where name = 'Night shift' $$), 1, 'a manager deletes a team');
select throws_ok($$ insert into public.locations (org_id, name) values (tests.id('org:alpha'), 'Bench') $$,
                 '23505', null, 'location names are unique per organisation');
select throws_ok($$ update public.locations set org_id = tests.id('org:beta') where name = 'Paint booth' $$,
                 '42501', null, 'a location cannot change organisation');
select throws_ok($$ delete from public.locations where name = 'Bench' $$, '23503', null,
                 'a location with a station cannot be deleted (archive it)');

-- ------------------------------------------------------------------ supervisors and operators only read
select tests.authenticate_as('supervisor@alpha.test');
select is((select count(*)::int from public.locations), 2, 'a supervisor sees the locations');
select ok(tests.changes_nothing($$ insert into public.locations (org_id, name) values (tests.id('org:alpha'), 'Sup') $$),
          'a supervisor cannot add a location');
select ok(tests.changes_nothing($$ update public.locations set description = 'x' $$), 'a supervisor cannot edit locations');
select ok(tests.changes_nothing($$ delete from public.teams $$), 'a supervisor cannot delete teams');

select tests.clear_authentication();
select tests.act_as_operator('alpha', 'operator@alpha.test', 'A-OP-1');
select is((select count(*)::int from public.teams), 1, 'an operator on a station sees the teams');
select ok(tests.changes_nothing($$ insert into public.teams (org_id, name) values (tests.id('org:alpha'), 'Op team') $$),
          'an operator cannot add a team');
select ok(tests.changes_nothing($$ update public.teams set name = 'Renamed' $$), 'an operator cannot rename teams');
select ok(tests.changes_nothing($$ delete from public.locations where name = 'Paint booth' $$),
          'an operator cannot delete locations');

-- the same operator without a live station session sees nothing at all
select tests.clear_authentication();
update public.operator_sessions set ended_at = now(), end_reason = 'pin_out'
  where member_id = tests.id('member:alpha:operator@alpha.test');
select tests.authenticate_as('operator@alpha.test');
select is_empty($$ select 1 from public.locations $$, 'after PIN-out an operator sees no locations');

-- ------------------------------------------------------------------ admins and owners are managers too
select tests.clear_authentication();
select tests.authenticate_as('owner@alpha.test');
select is(tests.rows_changed($$ update public.locations set kind = 'area' where name = 'Paint booth' $$), 1,
          'an owner edits locations');
select throws_ok($$ update public.locations set kind = 'garage' $$, '22P02', null, 'kind is one of the location kinds');
select throws_ok($$ update public.locations set name = ' ' $$, '23514', null, 'names cannot be blank');

select * from finish();
rollback;
