-- Station tablets: supervisors+ sign them in with a one-time secret, the tablet shows its station
-- and roster by that secret, revoking signs it out.
begin;
select plan(23);

select tests.create_tenancy_fixture();
create temporary table registered (station_id uuid, station_secret text) on commit drop;
grant all on registered to authenticated, anon;

-- ------------------------------------------------------------------ register_station
select tests.authenticate_as('supervisor@alpha.test');
insert into registered
  select station_id, station_secret from public.register_station(tests.id('location:alpha:Bench'), 'Bench 2');
select matches((select station_secret from registered), '^fls_[0-9a-f]{64}$',
               'a supervisor signs a tablet in and gets a 256-bit secret');
select is((select count(*)::int from public.stations where name = 'Bench 2'), 1, 'the station is listed for supervisors');
select throws_ok($$ select secret_hash from public.stations $$, '42501', null, 'the stored hash is not readable');
select tests.clear_authentication();
select is((select s.secret_hash from public.stations s join registered r on r.station_id = s.id),
          encode(extensions.digest((select station_secret from registered), 'sha256'), 'hex'),
          'only the SHA-256 of the secret is stored');
select is((select registered_by from public.stations s join registered r on r.station_id = s.id),
          tests.id('member:alpha:supervisor@alpha.test'), 'who signed it in is recorded');

select tests.authenticate_as('supervisor@alpha.test');
select isnt((select max(station_secret) from registered),
            (select station_secret from public.register_station(tests.id('location:alpha:Bench'), 'Bench 3')),
            'every registration gets a fresh secret');
select throws_ok($$ select * from public.register_station(tests.id('location:alpha:Bench'), 'Bench 2') $$,
                 'PT409', null, 'two signed-in stations cannot share a name');
select throws_ok($$ select * from public.register_station(gen_random_uuid(), 'Nowhere') $$, 'PT404', null, 'unknown location');
select is((select name from public.register_station(tests.id('location:alpha:Bench'))), 'Bench',
          'the name defaults to the location''s');

select tests.clear_authentication();
select tests.act_as_operator('alpha', 'operator@alpha.test', 'A-OP-1');
select throws_ok($$ select * from public.register_station(tests.id('location:alpha:Bench'), 'Mine') $$, 'PT403', null,
                 'an operator cannot sign tablets in');
select is_empty($$ select 1 from public.stations $$, 'operators do not see the station list');
select tests.clear_authentication();
select tests.authenticate_as_anon();
select throws_ok($$ select * from public.register_station(tests.id('location:alpha:Bench'), 'Anon') $$, '42501', null,
                 'anon cannot sign tablets in');

-- ------------------------------------------------------------------ what the tablet sees (anon, by secret)
select results_eq(
  $$ select station_name, org_slug, location_name, idle_timeout_seconds, roster_enabled
     from public.station_info((select station_secret from registered)) $$,
  $$ values ('Bench 2', 'alpha', 'Bench', 600, true) $$,
  'station_info tells the tablet where it is');
select throws_ok($$ select * from public.station_info('fls_' || repeat('0', 64)) $$, 'PT403', null,
                 'an unknown secret is refused');
select throws_ok($$ select * from public.station_info('not a secret') $$, 'PT403', null, 'a malformed secret is refused');
select results_eq($$ select badge_code from public.station_roster((select station_secret from registered)) $$,
                  $$ values ('A-MGR-1'), ('A-OP-1'), ('A-OP-2'), ('A-SUP-1') $$,
                  'station_roster lists people with a PIN and a badge, by name');
select tests.clear_authentication();
update public.organisations set settings = settings || '{"station_roster_enabled": false}' where slug = 'alpha';
select tests.authenticate_as_anon();
select is_empty($$ select * from public.station_roster((select station_secret from registered)) $$,
                'the roster is empty when the organisation turns the name picker off');

-- ------------------------------------------------------------------ revoke_station
select tests.clear_authentication();
select tests.pin_in('alpha', 'A-OP-2'); -- someone is PINed in on the fixture station
select tests.authenticate_as('manager@beta.test');
select throws_ok(format('select public.revoke_station(%L)', tests.id('station:alpha')), 'PT403', null,
                 'another organisation cannot revoke it');
select tests.authenticate_as('supervisor@alpha.test');
select lives_ok(format('select public.revoke_station(%L)', tests.id('station:alpha')), 'a supervisor revokes a station');
select isnt((select revoked_at from public.stations where id = tests.id('station:alpha')), null, 'it is marked revoked');
select results_eq(format($$ select end_reason::text from public.operator_sessions where station_id = %L order by started_at, end_reason $$,
                         tests.id('station:alpha')),
                  $$ values ('handover'), ('station_revoked') $$,
                  'the open operator session on it ends (the earlier one was handed over)');
select tests.authenticate_as_anon();
select throws_ok($$ select public.pin_in(tests.station_secret('alpha'), 'A-OP-1', '1234') $$, 'PT403', null,
                 'a revoked tablet can no longer PIN anyone in');
select ok(tests.changes_nothing('update public.stations set name = name'), 'anon changes no station');

select * from finish();
rollback;
