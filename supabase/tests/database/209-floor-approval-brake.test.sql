-- Approver PIN limits (20261203002000): a brake per tablet (20 failures in 5 minutes → 429), a
-- throttle per approver badge (3 wrong PINs → 30 s, doubling), apart from PIN-in's lockout (wrong
-- approver PINs never lock the approver out of their own station PIN-in), unknown badges answered like
-- wrong PINs, and the attempts readable by supervisors and the approver.
begin;
select plan(32);
select tests.create_tenancy_fixture();
select tests.create_production_fixture();
select tests.create_floor_fixture();

-- alpha's batch 1 waits for its QC sign-off (an approval, supervisor+)
select set_config('floorline.override_reason', 'fixture: batch 1 to Acoustic QC', true); -- placed by SQL: this test is not about the earlier stages' actions
update public.batches set current_stage = 'Sanding' where id = tests.id('batch:alpha:1');
update public.batches set current_stage = 'Finishing' where id = tests.id('batch:alpha:1');
update public.batches set current_stage = 'Sub-Assembly' where id = tests.id('batch:alpha:1');
update public.batches set current_stage = 'Final Assembly' where id = tests.id('batch:alpha:1');
update public.batches set current_stage = 'Acoustic QC' where id = tests.id('batch:alpha:1');
select set_config('floorline.override_reason', '', true);

create temporary table t (n serial, label text, a jsonb, status text) on commit drop;
grant all on t to authenticated;
grant usage on sequence t_n_seq to authenticated;

-- one approval attempt as the PINed-in operator; answer and HTTP status kept in t
create function pg_temp.approve(p_label text, p_badge text, p_pin text, p_client uuid default gen_random_uuid())
returns jsonb language plpgsql as $$
declare
  v jsonb;
begin
  v := public.floor_complete_action(p_client, current_setting('h2.sid')::uuid, tests.id('batch:alpha:1'), 'signoff',
                                    p_approver_badge => p_badge, p_approver_pin => p_pin);
  insert into t (label, a, status) values (p_label, v, tests.floor_status());
  return v;
end $$;
create function pg_temp.got(p_label text) returns jsonb language sql as $$ select a from t where label = p_label $$;
create function pg_temp.status(p_label text) returns text language sql as $$ select status from t where label = p_label $$;
create function pg_temp.sup() returns public.members language sql security definer as $$
  select * from public.members where id = tests.id('member:alpha:supervisor@alpha.test') $$;
-- moves every recorded approval attempt back in time (as if that much had passed)
create function pg_temp.wait(p_seconds integer) returns void language sql security definer as $$
  update public.floor_approval_attempts set attempted_at = attempted_at - make_interval(secs => p_seconds) $$;

-- (the helpers above are created as the superuser; from here on the operator is PINed in)
select tests.start_floor_session('alpha', 'operator@alpha.test', 'A-OP-1') as sid \gset
select set_config('h2.sid', :'sid', false);

-- ------------------------------------------------------------------ unknown badge and wrong PIN alike
select pg_temp.approve('wrong-1', 'A-SUP-1', '9999');
select pg_temp.approve('unknown-1', 'A-NOBODY', '9999');
select is(pg_temp.status('wrong-1'), '403', 'a wrong approver PIN answers 403');
select is(pg_temp.status('unknown-1'), '403', 'an unknown approver badge answers 403 too');
select is(pg_temp.got('unknown-1') ->> 'details', pg_temp.got('wrong-1') ->> 'details', 'with the same code');
select is(pg_temp.got('unknown-1') ->> 'message', pg_temp.got('wrong-1') ->> 'message',
  'and the same message ("not recognised")');

-- ------------------------------------------------------------------ the badge throttle
select pg_temp.approve('wrong-2', 'A-SUP-1', '9998');
select pg_temp.approve('wrong-3', 'A-SUP-1', '9997');
select is(pg_temp.status('wrong-3'), '403', 'the third wrong PIN is still answered 403');
select pg_temp.approve('throttled-1', 'A-SUP-1', '1234', tests.id('client:throttled-1'));
select is(pg_temp.status('throttled-1'), '429', 'after 3 wrong PINs the badge waits: 429, even with the right PIN');
select is(pg_temp.got('throttled-1') ->> 'details', 'APPROVER_THROTTLED', 'APPROVER_THROTTLED');
select ok((pg_temp.got('throttled-1') ->> 'retry_after_seconds')::int between 25 and 30, 'retry after about 30 s');
select is((select count(*)::int from public.floor_actions where client_id = tests.id('client:throttled-1')), 0,
  'a throttled approval records no action attempt');
select pg_temp.approve('throttled-again', 'A-SUP-1', '1234', tests.id('client:throttled-1'));
select is(pg_temp.got('throttled-again') ->> 'replayed', 'false', 'and is not stored for replay: the retry really runs');

select pg_temp.wait(31);
select pg_temp.approve('wrong-4', 'A-SUP-1', '9996');
select is(pg_temp.status('wrong-4'), '403', 'after the wait a PIN is checked again (wrong: 403)');
select pg_temp.approve('throttled-2', 'A-SUP-1', '1234');
select ok((pg_temp.got('throttled-2') ->> 'retry_after_seconds')::int between 55 and 60,
  'the wait doubles with the 4th wrong PIN (60 s)');

select pg_temp.wait(61);
select pg_temp.approve('unknown-2', 'A-NOBODY', '9999');
select pg_temp.approve('unknown-3', 'A-NOBODY', '9999');
select pg_temp.approve('unknown-throttled', 'A-NOBODY', '9999');
select is(pg_temp.got('unknown-throttled') ->> 'details', 'APPROVER_THROTTLED',
  'an unknown badge is throttled exactly like a real one');

select pg_temp.approve('right', 'a-sup-1', '1234');
select is(pg_temp.got('right') -> 'action' -> 'approved_by' ->> 'display_name', 'supervisor',
  'the right PIN approves once the wait is over');
select pg_temp.approve('wrong-5', 'A-SUP-1', '9995');
select is(pg_temp.status('wrong-5'), '403', 'the right PIN resets the count: a wrong one is 403 again, not 429');

-- ------------------------------------------------------------------ PIN-in lockout untouched
select tests.clear_authentication();
select is(app.floor_approval_backoff(20), interval '15 minutes', 'the badge''s wait is capped at 15 minutes');
select is((select count(*)::int from public.floor_approval_attempts
           where approver_member_id = tests.id('member:alpha:supervisor@alpha.test') and reason = 'wrong_pin'), 5,
  'five wrong approver PINs for the supervisor are recorded');
select is((pg_temp.sup()).locked_until, null, 'they never lock the supervisor out of PIN-in (locked_until stays null)');
select is((pg_temp.sup()).failed_auth_attempts, 0, 'nor count towards the PIN-in lockout');
select ok(not exists (select 1 from public.floor_actions f where f.data::text ~ '999|1234'), 'PINs are never stored');

-- ------------------------------------------------------------------ the tablet brake
select pg_temp.wait(600); -- a fresh 5-minute window
select tests.act_as_operator('alpha', 'operator@alpha.test', 'A-OP-1');
select tests.set_device('tablet-1');
select public.floor_start_session('tablet-1') -> 'session' ->> 'id' as sid \gset
select set_config('h2.sid', :'sid', false);
select pg_temp.approve('spray-' || n, 'SPRAY-' || n, '1234') from generate_series(1, 30) n;
select is((select count(*)::int from t where label like 'spray-%' and status = '403'), 20,
  '30 unknown approver badges from one tablet: the first 20 answer 403');
select is((select array_agg(distinct status) from t where label like 'spray-%' and n > (select min(n) + 19 from t where label like 'spray-%')),
  array['429'], 'the next 10 answer 429');
select is(pg_temp.got('spray-21') ->> 'details', 'STATION_THROTTLED', 'STATION_THROTTLED');
select ok((pg_temp.got('spray-30') ->> 'retry_after_seconds')::int between 280 and 300, 'retry after about 5 minutes');
select pg_temp.approve('braked-right', 'A-SUP-1', '1234');
select is(pg_temp.got('braked-right') ->> 'details', 'STATION_THROTTLED', 'while braked, the right PIN waits too');

-- ------------------------------------------------------------------ telling supervisors
select tests.clear_authentication();
select tests.authenticate_as('supervisor@alpha.test');
select is((select count(*)::int from public.floor_approval_attempts
           where approver_member_id = tests.id('member:alpha:supervisor@alpha.test') and reason = 'wrong_pin'), 5,
  'the approver (a supervisor) reads the failed attempts against them');
select public.floor_approval_alerts(tests.id('org:alpha')) as alerts \gset
select is((:'alerts'::jsonb -> 'approvers' -> 0 ->> 'display_name'), 'supervisor', 'the notice names the approver');
select is((:'alerts'::jsonb -> 'approvers' -> 0 ->> 'failures')::int, 5, 'with their failed attempts');
select ok((:'alerts'::jsonb -> 'tablets' -> 0 ->> 'unknown_badges')::int >= 20 and (:'alerts'::jsonb -> 'tablets' -> 0 ->> 'braked')::int >= 10,
  'and the tablet that sprayed unknown badges, braked');
select tests.clear_authentication();
select tests.act_as_operator('alpha', 'operator2@alpha.test', 'A-OP-2');
select is((select count(*)::int from public.floor_approval_attempts), 0, 'an operator reads none of it');
select tests.clear_authentication();
select tests.authenticate_as('owner@beta.test');
select is(public.floor_approval_alerts(tests.id('org:alpha')) -> 'approvers', '[]'::jsonb,
  'another workshop sees nothing of it');
select tests.clear_authentication();
select ok(tests.pin_in('alpha', 'A-SUP-1') ->> 'operator_session_id' is not null,
  'and the supervisor still PINs in on their station');

select * from finish();
rollback;
