-- The audit log: written by triggers with who/what/when/device/station, secrets left out, and the
-- operator (not just the tablet) recorded on writes made through a PIN-in.
begin;
select plan(24);

select tests.create_tenancy_fixture();
delete from public.audit_log; -- forget the fixture's own inserts

-- ------------------------------------------------------------------ who, what, when, which device
select tests.authenticate_as('manager@alpha.test');
select tests.set_device('office-pc');
insert into public.locations (id, org_id, name) values (tests.id('loc:paint'), tests.id('org:alpha'), 'Paint booth');
update public.locations set description = 'Spray' where id = tests.id('loc:paint');
update public.locations set description = 'Spray' where id = tests.id('loc:paint'); -- no change: no entry
delete from public.locations where id = tests.id('loc:paint');
select tests.clear_authentication();

select results_eq(
  $$ select op, row_id, actor_user_id, actor_member_id, actor_role, device_id, station_id
     from public.audit_log order by id $$,
  $$ values
     ('INSERT', tests.id('loc:paint'), tests.user_id('manager@alpha.test'), tests.id('member:alpha:manager@alpha.test'),
      'authenticated', 'office-pc', null::uuid),
     ('UPDATE', tests.id('loc:paint'), tests.user_id('manager@alpha.test'), tests.id('member:alpha:manager@alpha.test'),
      'authenticated', 'office-pc', null::uuid),
     ('DELETE', tests.id('loc:paint'), tests.user_id('manager@alpha.test'), tests.id('member:alpha:manager@alpha.test'),
      'authenticated', 'office-pc', null::uuid) $$,
  'insert, update and delete are logged with actor, member and device; a no-op update is not');
select is((select new_values ->> 'name' from public.audit_log where op = 'INSERT'), 'Paint booth', 'an insert logs the new row');
select results_eq($$ select old_values, new_values from public.audit_log where op = 'UPDATE' $$,
                  $$ values ('{"description": null}'::jsonb, '{"description": "Spray"}'::jsonb) $$,
                  'an update logs only what changed (updated_at left out)');
select is((select old_values ->> 'description' from public.audit_log where op = 'DELETE'), 'Spray', 'a delete logs the old row');
select ok((select bool_and(org_id = tests.id('org:alpha') and table_name = 'locations' and at = now()) from public.audit_log),
          'with organisation, table and time');

-- ------------------------------------------------------------------ the operator is recorded, not just the tablet
-- a stand-in for later tenant tables (scans, moves …), wired exactly as they will be
create table public.test_scans (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organisations (id),
  note text
);
alter table public.test_scans enable row level security;
create policy test_scans_insert on public.test_scans for insert to authenticated
  with check (org_id = any (array(select app.my_org_ids())));
create policy test_scans_select on public.test_scans for select to authenticated
  using (org_id = any (array(select app.my_org_ids())));
grant select, insert on public.test_scans to authenticated;
create trigger test_scans_audit after insert or update or delete on public.test_scans
  for each row execute function app.audit_row();

create temporary table op (session_id uuid) on commit drop;
grant all on op to authenticated;
insert into op select tests.pin_in_bound('alpha', 'A-OP-1', 'tablet-jwt');
select tests.authenticate_as_floor(tests.id('member:alpha:operator@alpha.test'), tests.id('tablet-jwt'));
select public.operator_session_touch((select session_id from op));
select tests.set_device('tablet-7');
select lives_ok($$ insert into public.test_scans (id, org_id, note) values (tests.id('scan-1'), tests.id('org:alpha'), 'cup 12 sanded') $$,
                'an operator PINed in on a tablet writes');
select tests.clear_authentication();
select results_eq(
  $$ select actor_user_id, actor_member_id, operator_session_id, station_id, device_id
     from public.audit_log where table_name = 'test_scans' $$,
  $$ select tests.floor_identity(tests.id('member:alpha:operator@alpha.test')), tests.id('member:alpha:operator@alpha.test'), session_id,
            tests.id('station:alpha'), 'tablet-7' from op $$,
  'the audit entry names the operator''s floor identity, their member row, the operator session, the station and the device');

-- an issue-3 write an operator really makes on a tablet: changing their own PIN
select tests.authenticate_as_floor(tests.id('member:alpha:operator@alpha.test'), tests.id('tablet-jwt'));
select public.set_member_pin(tests.id('member:alpha:operator@alpha.test'), '2468', '1234');
select tests.clear_authentication();
select results_eq(
  $$ select actor_member_id, operator_session_id, station_id, new_values ->> 'pin_hash'
     from public.audit_log where table_name = 'members' and row_id = tests.id('member:alpha:operator@alpha.test')
       and actor_member_id is not null $$,
  $$ select tests.id('member:alpha:operator@alpha.test'), session_id, tests.id('station:alpha'), '[redacted]' from op $$,
  'an operator changing their own PIN on the tablet is recorded with their session and station');

-- after PIN-out the same tablet JWT cannot write at all
select tests.authenticate_as_floor(tests.id('member:alpha:operator@alpha.test'), tests.id('tablet-jwt'));
select public.pin_out((select session_id from op));
select throws_ok($$ insert into public.test_scans (org_id, note) values (tests.id('org:alpha'), 'after pin-out') $$,
                 '42501', null, 'after PIN-out the tablet''s JWT writes nothing');
select tests.clear_authentication();

-- ------------------------------------------------------------------ secrets stay out
select tests.authenticate_as('admin@alpha.test');
select public.set_member_pin(tests.id('member:alpha:operator2@alpha.test'), '4321');
select tests.clear_authentication();
select results_eq($$ select op, old_values ->> 'pin_hash', new_values ->> 'pin_hash'
                     from public.audit_log where table_name = 'members' and row_id = tests.id('member:alpha:operator2@alpha.test') $$,
                  $$ values ('UPDATE', '[redacted]', '[redacted]') $$, 'a PIN change is logged, the hash redacted');
select tests.pin_in('alpha', 'A-OP-2', '0000') from generate_series(1, 4);
select is_empty($$ select 1 from public.audit_log where table_name = 'members'
                     and row_id = tests.id('member:alpha:operator2@alpha.test') and op = 'UPDATE'
                     and new_values ? 'failed_auth_attempts' $$, 'failure counters are not logged (auth_attempts has them)');
select tests.pin_in('alpha', 'A-OP-2', '0000');
select results_eq($$ select actor_user_id, actor_role, station_id, new_values ? 'locked_until'
                     from public.audit_log where table_name = 'members' order by id desc limit 1 $$,
                  $$ values (null::uuid, 'anon', tests.id('station:alpha'), true) $$,
                  'a lockout is logged as coming from the station tablet');

select tests.authenticate_as('supervisor@alpha.test');
select public.register_station(tests.id('location:alpha:Bench'), 'Audit tablet');
select tests.clear_authentication();
select results_eq($$ select op, new_values ->> 'secret_hash', new_values ->> 'name' from public.audit_log where table_name = 'stations' $$,
                  $$ values ('INSERT', '[redacted]', 'Audit tablet') $$, 'station registrations are logged, the secret hash redacted');
select is_empty($$ select 1 from public.audit_log where old_values::text ~ '\$2[aby]\$' or new_values::text ~ '\$2[aby]\$'
                     or new_values::text ~ '[0-9a-f]{64}' $$, 'no hash of any kind reaches the log');

-- ------------------------------------------------------------------ who reads it, nobody writes it
select tests.authenticate_as('manager@alpha.test');
select ok((select count(*) > 0 from public.audit_log), 'managers read their organisation''s log');
select ok(tests.changes_nothing($$ update public.audit_log set actor_user_id = null $$), 'a manager cannot edit it');
select ok(tests.changes_nothing($$ delete from public.audit_log $$), 'a manager cannot delete it');
select ok(tests.changes_nothing($$ insert into public.audit_log (org_id, table_name, op) values (tests.id('org:alpha'), 'x', 'INSERT') $$),
          'a manager cannot forge entries');
select tests.authenticate_as('owner@alpha.test');
select ok(tests.changes_nothing($$ delete from public.audit_log $$), 'not even the owner deletes it');
select tests.authenticate_as('supervisor@alpha.test');
select is_empty($$ select 1 from public.audit_log $$, 'supervisors do not read the log');
select tests.authenticate_as('manager@beta.test');
select is_empty($$ select 1 from public.audit_log $$, 'another organisation reads none of it');
select tests.authenticate_as_service_role();
select throws_ok($$ insert into public.audit_log (org_id, table_name, op) values (tests.id('org:alpha'), 'x', 'INSERT') $$,
                 '42501', null, 'the service role cannot write it either');
select throws_ok($$ delete from public.audit_log $$, '42501', null, 'nor delete it');
select ok((select count(*) > 0 from public.audit_log), 'the service role reads it (support, exports)');

select * from finish();
rollback;
