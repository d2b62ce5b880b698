-- The production summary: served per organisation by production_summary(p_org_id) (supervisors+),
-- from materialized views refreshed concurrently, debounced, change-aware, never queueing.
begin;
select plan(20);
set local client_min_messages = warning;
select tests.create_tenancy_fixture();
select tests.create_production_fixture();
update public.batches set target_completion = current_date - 3 where id = tests.id('batch:alpha:1');
update public.batches set current_stage = 'Sanding' where id = tests.id('batch:beta:1');
-- a refresh already running elsewhere: skip, never wait (first: later refreshes here keep the lock)
create extension if not exists dblink with schema extensions;
select dblink_connect('holder', format('dbname=%s host=%s port=%s user=%s', current_database(),
                                       coalesce(host(inet_server_addr()), current_setting('unix_socket_directories')),
                                       current_setting('port'), current_user));
select dblink_exec('holder', 'begin');
select * from dblink('holder', $$select pg_advisory_xact_lock(hashtextextended('floorline.production_summary', 0))::text$$) as t (a text);
select is((public.refresh_production_summary(true)) ->> 'status', 'busy', 'while another refresh runs, a caller does not queue');
select dblink_exec('holder', 'rollback');
select dblink_disconnect('holder');


select public.refresh_production_summary(true);

-- ------------------------------------------------------------------ who may read
select tests.authenticate_as_anon();
select throws_ok(format($$select public.production_summary(%L)$$, tests.id('org:alpha')), '42501', null,
  'anon cannot read the summary');
select tests.clear_authentication();
select tests.act_as_operator('alpha', 'operator@alpha.test', 'A-OP-1');
select throws_ok(format($$select public.production_summary(%L)$$, tests.id('org:alpha')), 'PT403', null,
  'an operator cannot read the summary');
select tests.clear_authentication();
select tests.authenticate_as('manager@beta.test');
select throws_ok(format($$select public.production_summary(%L)$$, tests.id('org:alpha')), 'PT403', null,
  'another organisation''s manager cannot read it');
select throws_ok('select * from app.production_summary', '42501', null, 'nobody reads the materialized view directly');
select tests.clear_authentication();

-- ------------------------------------------------------------------ what it says, for alpha only
select tests.authenticate_as('supervisor@alpha.test');
create temporary table s on commit drop as select public.production_summary(tests.id('org:alpha')) as j;
select is((select jsonb_array_length(j -> 'stages') from s), 7, 'one entry per stage');
select is((select (st ->> 'batch_count')::int || '/' || (st ->> 'order_count') from s, jsonb_array_elements(j -> 'stages') st
           where st ->> 'stage' = 'Intake'), '1/2', 'Intake: alpha''s one batch with two orders');
select is((select (st ->> 'batch_count')::int from s, jsonb_array_elements(j -> 'stages') st where st ->> 'stage' = 'Sanding'),
  0, 'beta''s batch at Sanding is not counted');
select is((select (st ->> 'estimated_hours')::numeric from s, jsonb_array_elements(j -> 'stages') st where st ->> 'stage' = 'Intake'),
  12::numeric, 'hours by stage: two Atticus × 6 h');
select is((select (st ->> 'remaining_hours')::numeric from s, jsonb_array_elements(j -> 'stages') st where st ->> 'stage' = 'Intake'),
  20::numeric, 'remaining stage hours: two × 10 h');
select is((select (j -> 'pending' ->> 'order_count')::int from s), 4, 'four orders wait for a batch');
select is((select j -> 'late_batches' -> 0 ->> 'batch_number' from s), 'ALPHA-B1', 'the late batch is listed');
select is((select (j -> 'late_batches' -> 0 ->> 'days_late')::int from s), 3, 'three days late');
select is((select jsonb_array_length(j -> 'throughput' -> 'by_day') from s), 28, 'throughput for the last 28 days');
select tests.clear_authentication();

-- ------------------------------------------------------------------ refreshing
select tests.authenticate_as('supervisor@alpha.test');
select is((public.refresh_production_summary()) ->> 'status', 'fresh', 'nothing changed: no refresh');
select throws_ok('select public.refresh_production_summary(true)', 'PT403', null, 'forcing needs a manager');
select tests.clear_authentication();

update public.batches set current_stage = 'Sanding' where id = tests.id('batch:alpha:1');
set constraints all immediate; -- run the deferred change marker now, as a commit would
select tests.authenticate_as('supervisor@alpha.test');
select is((public.production_summary(tests.id('org:alpha'))) ->> 'stale', 'true', 'after a stage change the summary says stale');
select is((public.refresh_production_summary()) ->> 'status', 'debounced', 'a refresh right after another is debounced');
select tests.clear_authentication();
select tests.authenticate_as('manager@alpha.test');
select is((public.refresh_production_summary(true)) ->> 'status', 'refreshed', 'a manager forces it');
select is((select (st ->> 'batch_count')::int from jsonb_array_elements((public.production_summary(tests.id('org:alpha'))) -> 'stages') st
           where st ->> 'stage' = 'Sanding'), 1, 'and the batch shows at Sanding');
select tests.clear_authentication();

select * from finish();
rollback;
