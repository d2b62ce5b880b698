-- Schema-wide guarantees: every table in public has RLS and one policy per command for
-- authenticated only, nothing is granted to anon, secrets are unreadable, functions are private
-- unless meant for the API, and every function pins its search_path.
begin;
select plan(18);

select is_empty(
  $$ select c.relname from pg_class c
     where c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'p') and not c.relrowsecurity $$,
  'every table in public has row level security enabled');

select is_empty(
  $$ select c.relname, cmd.cmd from pg_class c
     cross join (values ('SELECT'), ('INSERT'), ('UPDATE'), ('DELETE')) as cmd (cmd)
     where c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'p')
       and not exists (select 1 from pg_policies p
                       where p.schemaname = 'public' and p.tablename = c.relname and p.cmd = cmd.cmd) $$,
  'every table in public has a policy for select, insert, update and delete');

select is_empty(
  $$ select tablename, policyname from pg_policies
     where schemaname = 'public' and (cmd = 'ALL' or policyname <> tablename || '_' || lower(cmd)) $$,
  'policies are one per command, named <table>_<command>');

select is_empty(
  $$ select tablename, policyname, roles from pg_policies
     where schemaname = 'public' and roles <> '{authenticated}'::name[] $$,
  'every policy applies to authenticated only');

select is_empty(
  $$ select tablename, policyname from pg_policies where schemaname = 'public' and permissive <> 'PERMISSIVE'
     union all
     select tablename, cmd from pg_policies where schemaname = 'public' group by tablename, cmd having count(*) > 1 $$,
  'exactly one permissive policy per table and command');

select is_empty(
  $$ select table_name, privilege_type from information_schema.role_table_grants
     where table_schema = 'public' and grantee in ('anon', 'PUBLIC')
     union all
     select table_name, privilege_type from information_schema.column_privileges
     where table_schema = 'public' and grantee in ('anon', 'PUBLIC') $$,
  'anon and PUBLIC hold no privilege on any table or column in public');

select is_empty(
  $$ select r.rolname, x.tbl, x.col from pg_roles r
     cross join (values ('members', 'pin_hash'), ('members', 'failed_auth_attempts'),
                        ('members', 'last_failed_auth_at'), ('stations', 'secret_hash')) as x (tbl, col)
     where r.rolname in ('anon', 'authenticated', 'service_role')
       and has_column_privilege(r.rolname, format('public.%I', x.tbl), x.col, 'select') $$,
  'no API role can read PIN hashes, failure counters or station secret hashes');

select is_empty(
  $$ select r.rolname, p.priv from pg_roles r
     cross join (values ('insert'), ('update'), ('delete'), ('truncate')) as p (priv)
     where r.rolname in ('anon', 'authenticated', 'service_role')
       and has_table_privilege(r.rolname, 'public.audit_log', p.priv) $$,
  'no API role can write the audit log');

select is_empty(
  $$ select r.rolname, t.tbl from pg_roles r
     cross join (values ('auth_attempts'), ('operator_sessions')) as t (tbl)
     where r.rolname in ('anon', 'authenticated')
       and (has_table_privilege(r.rolname, format('public.%I', t.tbl), 'insert')
            or has_table_privilege(r.rolname, format('public.%I', t.tbl), 'update')
            or has_table_privilege(r.rolname, format('public.%I', t.tbl), 'delete')) $$,
  'PIN-in attempts and operator sessions are written only by the RPCs');

select is_empty(
  $$ select p.oid::regprocedure from pg_proc p
     where p.pronamespace in ('public'::regnamespace, 'app'::regnamespace)
       and not exists (select 1 from unnest(p.proconfig) c where c like 'search_path=%') $$,
  'every function in public and app sets its search_path');

select is_empty(
  $$ select p.oid::regprocedure from pg_proc p
     where p.pronamespace in ('public'::regnamespace, 'app'::regnamespace) and p.prosecdef
       and not ('search_path=""' = any (p.proconfig)) $$,
  'security definer functions use an empty search_path');

select is_empty(
  $$ select p.oid::regprocedure from pg_proc p
     where p.pronamespace in ('public'::regnamespace, 'app'::regnamespace)
       and (p.proacl is null
            or exists (select 1 from aclexplode(p.proacl) a where a.grantee = 0 and a.privilege_type = 'EXECUTE')) $$,
  'no function in public or app is executable by PUBLIC');

select is(
  array(select p.proname::text from pg_proc p
        where p.pronamespace = 'public'::regnamespace and has_function_privilege('anon', p.oid, 'execute')
        order by 1),
  array['cancel_queue_ticket', 'check_in_queue_ticket', 'join_queue', 'pin_in', 'queue_display', 'queue_join_info', 'queue_ticket', 'station_info',
        'station_pin_out', 'station_roster', 'track_order'],
  'anon may execute only the station tablet RPCs, public order tracking and the virtual-queue customer RPCs');

select is(
  array(select p.proname::text from pg_proc p
        where p.pronamespace = 'app'::regnamespace and has_function_privilege('authenticated', p.oid, 'execute')
        order by 1),
  array['floor_member_id', 'my_account_ids', 'my_email', 'my_org_ids', 'reserved_slug', 'valid_org_settings', 'valid_time_zone'],
  'authenticated may execute only the policy helpers and check-constraint validators in app');

select ok(
  not has_schema_privilege('anon', 'app', 'usage'),
  'anon cannot even look into the app schema');

select is_empty(
  $$ select c.relname from pg_class c
     where c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'p')
       and obj_description(c.oid, 'pg_class') is null $$,
  'every table in public is documented with comment on');

-- Realtime: clients never send on any topic (the database does, realtime.send from security definer
-- triggers); the only policy for the API roles on realtime.messages is the SELECT one (120-realtime-policies)
select is_empty(
  $$ select policyname, cmd, roles from pg_policies
     where schemaname = 'realtime' and tablename = 'messages' and cmd <> 'SELECT'
       and roles && array['anon', 'authenticated', 'public']::name[] $$,
  'no insert, update or delete policy on realtime.messages for anon or authenticated');

select ok(
  not has_schema_privilege('anon', 'app_realtime', 'create')
  and (select array_agg(p.oid::regprocedure::text order by p.proname) from pg_proc p where p.pronamespace = 'app_realtime'::regnamespace)
      = array['app_realtime.can_read(text)', 'app_realtime.can_read_events(text)', 'app_realtime.vq_can_read(text)'],
  'schema app_realtime (usage for anon) holds only the realtime policy helpers (app topics, events, customer-queue topics)');

select * from finish();
rollback;
