-- refresh_production_summary(p_force): the views are global, so a member's forced refresh runs at
-- most once per 30 s across all organisations; inside the window the call counts as unforced and
-- answers 'throttled' (with the seconds to wait) when that would not refresh. SQL and the service
-- role are never throttled. Time is moved by rewriting app.production_summary_state (as the owner).
begin;
select plan(16);
set local client_min_messages = warning;
select tests.create_tenancy_fixture();
select tests.create_production_fixture();
select public.refresh_production_summary(true); -- SQL: never throttled, never stamps forced_at
select is((select forced_at from app.production_summary_state), null, 'a forced refresh from SQL stamps no forced_at');

-- ------------------------------------------------------------------ one force per 30 s, globally
select tests.authenticate_as('manager@alpha.test');
select is((public.refresh_production_summary(true)) ->> 'status', 'refreshed', 'a manager forces a refresh');
select tests.clear_authentication();
select ok((select forced_at from app.production_summary_state) is not null, 'and the force is stamped');

select tests.authenticate_as('manager@beta.test');
create temporary table t1 on commit drop as select public.refresh_production_summary(true) as j;
select is((select j ->> 'status' from t1), 'throttled', 'another organisation''s manager forcing right after is throttled');
select ok((select (j ->> 'retry_after_seconds')::int between 1 and 30 from t1), 'and told how long to wait (1–30 s)');
select ok((select j ? 'refreshed_at' from t1), 'and when the summary was last refreshed');
select tests.clear_authentication();

select tests.authenticate_as('manager@alpha.test');
select is((public.refresh_production_summary(true)) ->> 'status', 'throttled', 'the same manager again: throttled too');
select tests.clear_authentication();

-- ------------------------------------------------------------------ a throttled force is an ordinary call
-- data changed and the last refresh is past the 5 s debounce: the unforced path refreshes
update app.production_summary_state set refreshed_at = clock_timestamp() - interval '10 seconds',
                                        forced_at = clock_timestamp() - interval '10 seconds';
update public.batches set current_stage = 'Sanding' where id = tests.id('batch:alpha:1');
set constraints all immediate; -- run the deferred change marker now, as a commit would
select tests.authenticate_as('manager@beta.test');
select is((public.refresh_production_summary(true)) ->> 'status', 'refreshed',
  'inside the window a force still refreshes what changed (as an unforced call would)');
select tests.clear_authentication();
select ok((select forced_at < clock_timestamp() - interval '9 seconds' from app.production_summary_state),
  'and does not restart the window');

-- nothing changed: an unforced call says fresh, a throttled force says throttled
select tests.authenticate_as('supervisor@alpha.test');
select is((public.refresh_production_summary(false)) ->> 'status', 'fresh', 'unforced and nothing changed: fresh');
select tests.clear_authentication();

-- ------------------------------------------------------------------ after the window
update app.production_summary_state set forced_at = clock_timestamp() - interval '31 seconds';
select tests.authenticate_as('manager@beta.test');
select is((public.refresh_production_summary(true)) ->> 'status', 'refreshed', 'after 30 s a manager may force again');
select tests.clear_authentication();
select ok((select forced_at > clock_timestamp() - interval '5 seconds' from app.production_summary_state),
  'which starts a new window');

-- ------------------------------------------------------------------ trusted callers and roles
select tests.authenticate_as_service_role();
select is((public.refresh_production_summary(true)) ->> 'status', 'refreshed', 'the service role is never throttled');
select tests.clear_authentication();
select is((public.refresh_production_summary(true)) ->> 'status', 'refreshed', 'nor is SQL / pg_cron');

select tests.authenticate_as('supervisor@alpha.test');
select throws_ok('select public.refresh_production_summary(true)', 'PT403', null, 'a supervisor still cannot force');
select tests.clear_authentication();
select tests.act_as_operator('alpha', 'operator@alpha.test', 'A-OP-1');
select throws_ok('select public.refresh_production_summary(false)', 'PT403', null, 'an operator cannot refresh at all');
select tests.clear_authentication();

select * from finish();
rollback;
