-- Organisations and accounts: who sees and edits them, settings and slug rules, create_organisation.
begin;
select plan(31);

select tests.create_tenancy_fixture();

-- ------------------------------------------------------------------ visibility
select tests.authenticate_as('owner@alpha.test');
select results_eq($$ select slug from public.organisations $$, $$ values ('alpha') $$, 'an owner sees their organisation only');
select results_eq($$ select id from public.accounts $$, array[tests.id('account:alpha')], 'an owner sees their account');

select tests.authenticate_as('admin@alpha.test');
select is((select count(*)::int from public.accounts), 1, 'an admin sees the account');

select tests.authenticate_as('manager@alpha.test');
select is((select count(*)::int from public.organisations), 1, 'a manager sees the organisation');
select is_empty($$ select 1 from public.accounts $$, 'a manager does not see billing accounts');

select tests.authenticate_as('supervisor@alpha.test');
select is((select count(*)::int from public.organisations), 1, 'a supervisor sees the organisation');

select tests.authenticate_as('operator@alpha.test');
select is_empty($$ select 1 from public.organisations $$, 'an operator without a station session sees no organisation');
select tests.clear_authentication();
select tests.act_as_operator('alpha', 'operator@alpha.test', 'A-OP-1');
select is((select count(*)::int from public.organisations), 1, 'an operator PINed in on a station sees the organisation');

-- ------------------------------------------------------------------ editing
select ok(tests.changes_nothing($$ update public.organisations set name = 'Operator Works' $$),
          'an operator cannot rename the organisation');
select tests.authenticate_as('manager@alpha.test');
select ok(tests.changes_nothing($$ update public.organisations set settings = '{"operator_idle_timeout_minutes": 1}' $$),
          'a manager cannot change settings');
select tests.authenticate_as('admin@alpha.test');
select is(tests.rows_changed($$ update public.organisations
                                set settings = '{"operator_idle_timeout_minutes": 5, "station_roster_enabled": false}' $$),
          1, 'an admin changes settings');
select is(tests.rows_changed($$ update public.organisations set time_zone = 'Europe/Lisbon', currency = 'GBP' $$),
          1, 'an admin changes time zone and currency');
select ok(tests.changes_nothing($$ update public.accounts set name = 'Renamed' $$), 'an admin cannot edit the billing account');
select throws_ok($$ update public.organisations set account_id = account_id $$, '42501', null,
                 'nobody moves an organisation to another account');
select ok(tests.changes_nothing($$ delete from public.organisations $$), 'an admin cannot delete the organisation');
select tests.authenticate_as('owner@alpha.test');
select is(tests.rows_changed($$ update public.accounts set billing_email = 'pay@alpha.test' $$), 1,
          'an owner edits the billing account');
select ok(tests.changes_nothing($$ insert into public.organisations (account_id, name, slug)
                                    values (tests.id('account:alpha'), 'Side', 'side') $$),
          'organisations are not inserted directly');

-- ------------------------------------------------------------------ rules
select throws_ok($$ update public.organisations set settings = '{"operator_idle_timeout_minutes": 0}' $$,
                 '23514', null, 'the idle timeout must be positive');
select throws_ok($$ update public.organisations set settings = '{"station_roster_enabled": "yes"}' $$,
                 '23514', null, 'station_roster_enabled must be a boolean');
select throws_ok($$ update public.organisations set settings = '[]' $$, '23514', null, 'settings must be an object');
select throws_ok($$ update public.organisations set slug = 'Alpha Works' $$, '23514', null, 'slugs are lower-case and url-safe');
select throws_ok($$ update public.organisations set slug = 'login' $$, '23514', null, 'slugs cannot shadow app routes');
select throws_ok($$ update public.organisations set slug = 'beta' $$, '23505', null, 'slugs are unique');
select throws_ok($$ update public.organisations set time_zone = 'Mars/Olympus' $$, '23514', null, 'time zones are IANA names');
select throws_ok($$ update public.organisations set currency = 'eur' $$, '23514', null, 'currencies are ISO codes');

-- ------------------------------------------------------------------ create_organisation
select tests.clear_authentication();
select tests.create_user('founder@gamma.test');
select tests.authenticate_as('founder@gamma.test');
select is((public.create_organisation('Gamma Guitars', 'gamma', 'Europe/Berlin', 'EUR', 'Greta')).slug, 'gamma',
          'anyone signed in can start an organisation');
select results_eq($$ select slug, role::text, display_name from public.my_organisations() $$,
                  $$ values ('gamma', 'owner', 'Greta') $$, 'and becomes its owner');
select throws_ok($$ select public.create_organisation('Copycat', 'alpha') $$, 'PT409', 'That address is taken',
                 'a taken slug is refused');
select throws_ok($$ select public.create_organisation('Bad', 'Not A Slug') $$, 'PT400', null, 'a malformed slug is refused');
select throws_ok($$ select public.create_organisation('Tz', 'tz-test', 'Nowhere/Else') $$, 'PT400', null,
                 'an unknown time zone is refused');
select tests.authenticate_as_anon();
select throws_ok($$ select public.create_organisation('Anon', 'anon-co') $$, '42501', null, 'anon cannot create organisations');

select * from finish();
rollback;
