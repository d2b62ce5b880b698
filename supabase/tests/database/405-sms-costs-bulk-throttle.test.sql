-- Issue 13 leftovers: monthly cost by provider, bulk progress, the per-provider bulk throttle
-- (nothing lost, nothing twice, across a worker that dies), and inbound STOP / START replies.
begin;
select plan(43);
select tests.create_tenancy_fixture();
select tests.create_production_fixture();
select set_sms_provider(tests.id('org:alpha'), 'semaphore', '{"apiKey": "sem-secret-key-alpha"}');
select set_sms_provider(tests.id('org:alpha'), 'twilio', '{"accountSid": "ACalpha", "authToken": "twilio-secret-alpha"}');
select update_sms_settings(tests.id('org:alpha'), true, '{twilio,semaphore}');

create temporary table t (k text primary key, v jsonb) on commit drop;
grant all on t to authenticated, service_role;

-- ------------------------------------------------------------------ rates
select is((select bulk_rates from public.sms_settings where org_id = tests.id('org:alpha')),
  '{"semaphore": 120, "twilio": 60, "movider": 60}'::jsonb, 'default bulk rates: the providers'' documented limits');
select tests.authenticate_as('manager@alpha.test');
select is((set_sms_bulk_rates(tests.id('org:alpha'), '{"twilio": 3}') -> 'bulk_rates' ->> 'twilio'), '3',
  'a manager sets Twilio to 3 a minute');
select is((select bulk_rates ->> 'semaphore' from public.sms_settings where org_id = tests.id('org:alpha')), '120',
  'the other providers keep theirs');
select is(tests.error_of($$ select set_sms_bulk_rates(tests.id('org:alpha'), '{"twilio": 0}') $$) ->> 'code',
  'VALIDATION_FAILED', 'a rate of 0 is refused');
select is(tests.error_of($$ select set_sms_bulk_rates(tests.id('org:alpha'), '{"pigeon": 5}') $$) ->> 'code',
  'VALIDATION_FAILED', 'an unknown provider is refused');
select is(tests.error_of($$ select set_sms_bulk_rates(tests.id('org:alpha'), '{"twilio": 2.5}') $$) ->> 'code',
  'VALIDATION_FAILED', 'a fraction is refused');
select tests.authenticate_as('operator@alpha.test');
select is(tests.error_of($$ select set_sms_bulk_rates(tests.id('org:alpha'), '{"twilio": 5}') $$) ->> 'code',
  'FORBIDDEN', 'operators cannot change rates');
select tests.clear_authentication();
select throws_ok($$ update public.sms_settings set bulk_rates = '{"twilio": -1}' where org_id = tests.id('org:alpha') $$,
  '23514', null, 'the check holds on plain SQL too');

-- ------------------------------------------------------------------ bulk send, stamped
select tests.authenticate_as('manager@alpha.test');
insert into t select 'bulk', sms_send_bulk(tests.id('org:alpha'),
  '[{"to": "+14155550101"}, {"to": "+14155550102"}, {"to": "+14155550103"}, {"to": "+14155550104"},
    {"to": "+14155550105"}, {"to": "bad"}]', 'Sale on today', null, tests.id('client:bulk'));
select is((select (v ->> 'bulk_id')::uuid from t where k = 'bulk'), tests.id('client:bulk'), 'the bulk id is its client id');
select is((select (v ->> 'queued')::int from t where k = 'bulk'), 5, 'five queued, the bad number skipped');
select is((select count(*)::int from public.sms_messages where bulk_id = tests.id('client:bulk')), 5,
  'every queued text carries the bulk id');
select is((sms_send_bulk(tests.id('org:alpha'), '[{"to": "+14155550101"}]', 'Sale on today', null,
          tests.id('client:bulk')) ->> 'bulk_id')::uuid, tests.id('client:bulk'), 'a replay names the same bulk');
select is((sms_bulk_progress(tests.id('org:alpha'), tests.id('client:bulk')) ->> 'pending')::int, 5,
  'progress: five pending');
select is(tests.error_of($$ select sms_bulk_progress(tests.id('org:alpha'), gen_random_uuid()) $$) ->> 'code',
  'NOT_FOUND', 'an unknown bulk is NOT_FOUND');
select tests.authenticate_as('manager@beta.test');
select is(tests.error_of($$ select sms_bulk_progress(tests.id('org:alpha'), tests.id('client:bulk')) $$) ->> 'code',
  'FORBIDDEN', 'another workshop cannot follow it');

-- ------------------------------------------------------------------ throttle
select tests.authenticate_as_service_role();
insert into t select 'claim1', public.sms_claim(100, 60, null);
select is((select jsonb_array_length(v) from t where k = 'claim1'), 3, 'Twilio at 3 a minute: three bulk texts claimed');
select tests.clear_authentication();
select is((select count(*)::int from public.sms_messages
           where bulk_id = tests.id('client:bulk') and status = 'PENDING' and next_attempt_at > now()
             and lease_token is null), 2, 'the other two wait for the next minute, unleased and still PENDING');
select is((select min(next_attempt_at) from public.sms_messages
           where bulk_id = tests.id('client:bulk') and next_attempt_at > now()),
  date_trunc('minute', now()) + interval '1 minute', 'due at the start of the next minute');
select tests.authenticate_as_service_role();
select is(jsonb_array_length(public.sms_claim(100, 60, null)), 0, 'a second claim this minute gets nothing more');
-- a one-off text is never held back by the bulk rate
select tests.authenticate_as('manager@alpha.test');
insert into t select 'one', sms_send(tests.id('org:alpha'), '+14155550199', 'Your order is ready');
select tests.authenticate_as_service_role();
select is(jsonb_array_length(public.sms_claim(100, 60, null)), 1, 'a one-off text goes out although the minute is full');

-- the worker dies holding the three: leases run out, they are due again, but the slots are spent
select tests.clear_authentication();
update public.sms_messages set lease_until = now() - interval '1 second'
  where id in (select (x ->> 'id')::uuid from t, jsonb_array_elements(v) x where k = 'claim1');
select tests.authenticate_as_service_role();
select is(jsonb_array_length(public.sms_claim(100, 60, null)), 0,
  'after a crash the expired leases are not sent again this minute: the rate holds across restarts');
select tests.clear_authentication();
select is((select count(*)::int from public.sms_messages where bulk_id = tests.id('client:bulk') and status = 'PENDING'), 5,
  'nothing lost: all five are still PENDING');
select tests.clear_authentication();
select is((select used from app.sms_rate_slots where org_id = tests.id('org:alpha') and provider = 'twilio'
           and window_start = date_trunc('minute', now())), 3, 'three Twilio slots used this minute');

-- next minute (the slots of a past window no longer count)
select tests.clear_authentication();
update app.sms_rate_slots set window_start = window_start - interval '1 minute' where org_id = tests.id('org:alpha');
update public.sms_messages set next_attempt_at = now() - interval '1 second' where bulk_id = tests.id('client:bulk');
select tests.authenticate_as_service_role();
insert into t select 'claim2', public.sms_claim(100, 60, null);
select is((select jsonb_array_length(v) from t where k = 'claim2'), 3, 'the next minute: three more');
select is((select count(distinct x ->> 'id')::int from t, jsonb_array_elements(v) x where k = 'claim2'), 3,
  'each claimed once');
-- failover to Semaphore takes a Semaphore slot: set Semaphore to 1 a minute
select tests.authenticate_as('manager@alpha.test');
select set_sms_bulk_rates(tests.id('org:alpha'), '{"semaphore": 1}');
select tests.authenticate_as_service_role();
select is((public.sms_record_attempt(((select v -> 0 from t where k = 'claim2') ->> 'id')::uuid,
  ((select v -> 0 from t where k = 'claim2') ->> 'lease_token')::uuid, 'twilio', 'th:1', 'retryable', null, null, null,
  'HTTP 503') ->> 'next_provider'), 'semaphore', 'a retryable bulk text fails over while Semaphore has a slot');
select is((public.sms_record_attempt(((select v -> 1 from t where k = 'claim2') ->> 'id')::uuid,
  ((select v -> 1 from t where k = 'claim2') ->> 'lease_token')::uuid, 'twilio', 'th:2', 'retryable', null, null, null,
  'HTTP 503') ->> 'throttled'), 'true', 'the next one waits: Semaphore''s minute is full');
select tests.clear_authentication();
select is((select status::text || ':' || (lease_token is null)::text || ':' || (next_attempt_at > now())::text
           from public.sms_messages where id = ((select v -> 1 from t where k = 'claim2') ->> 'id')::uuid),
  'PENDING:true:true', 'the throttled failover is PENDING, unleased, due next minute');
select tests.clear_authentication();
select is((select count(*)::int from public.sms_attempts
           where message_id = ((select v -> 1 from t where k = 'claim2') ->> 'id')::uuid), 1,
  'its Twilio attempt is recorded once');

-- sent and priced: progress and monthly costs
select tests.authenticate_as_service_role();
select public.sms_record_attempt(((select v -> 2 from t where k = 'claim2') ->> 'id')::uuid,
  ((select v -> 2 from t where k = 'claim2') ->> 'lease_token')::uuid, 'twilio', 'th:3', 'sent', 'SM1', 'queued', null,
  null, 201, 100, 7900, 'USD');
select public.sms_record_attempt(((select v -> 0 from t where k = 'claim2') ->> 'id')::uuid,
  ((select v -> 0 from t where k = 'claim2') ->> 'lease_token')::uuid, 'semaphore', 'th:4', 'sent', '901', 'Pending', null,
  null, 200, 100, 1000000, 'PHP');
select tests.authenticate_as('manager@alpha.test');
insert into t select 'progress', sms_bulk_progress(tests.id('org:alpha'), tests.id('client:bulk'));
select is((select (v ->> 'sent')::int || '/' || (v ->> 'pending')::int || '/' || (v ->> 'total')::int from t where k = 'progress'),
  '2/3/5', 'progress: 2 sent, 3 pending of 5');
select is((select (v ->> 'cost_micros')::bigint from t where k = 'progress'), 1007900::bigint, 'progress sums the cost');
insert into t select 'costs', sms_monthly_costs(tests.id('org:alpha'), 3);
select is((select jsonb_array_length(v) from t where k = 'costs'), 2, 'this month: one row per provider');
select is((select x ->> 'month' from t, jsonb_array_elements(v) x where k = 'costs' limit 1),
  to_char(now() at time zone (select time_zone from public.organisations where id = tests.id('org:alpha')), 'YYYY-MM'),
  'months are the workshop''s');
select is((select (x ->> 'cost_micros')::bigint || ' ' || (x ->> 'currency') from t, jsonb_array_elements(v) x
           where k = 'costs' and x ->> 'provider' = 'twilio'), '7900 USD', 'Twilio: 7900 micro-USD');
select is((select (x ->> 'texts')::int from t, jsonb_array_elements(v) x
           where k = 'costs' and x ->> 'provider' = 'semaphore'), 1, 'Semaphore: one text');
select is(tests.error_of($$ select sms_monthly_costs(tests.id('org:alpha'), 0) $$) ->> 'code', 'VALIDATION_FAILED',
  'months outside 1..36 are refused');
select tests.authenticate_as('supervisor@alpha.test');
select is(tests.error_of($$ select sms_monthly_costs(tests.id('org:alpha'), 3) $$) ->> 'code', 'FORBIDDEN',
  'supervisors do not see the bill');

-- ------------------------------------------------------------------ inbound STOP / START
select tests.authenticate_as('manager@alpha.test');
select is(tests.error_of($$ select sms_inbound(tests.id('org:alpha'), 'twilio', 'SMin1', '+14155550101', 'STOP') $$) ->> 'sqlstate',
  '42501', 'only the webhook (service role) may record replies');
select tests.authenticate_as_service_role();
select is(public.sms_inbound(tests.id('org:alpha'), 'twilio', 'SMin1', '+14155550101', ' stop please') ->> 'action',
  'opt_out', 'a reply starting with STOP opts out');
select is((select source from public.sms_opt_outs where org_id = tests.id('org:alpha') and phone = '+14155550101'),
  'stop_reply', 'written to sms_opt_outs as a STOP reply');
select is(public.sms_inbound(tests.id('org:alpha'), 'twilio', 'SMin1', '+14155550101', 'STOP') ->> 'replayed', 'true',
  'the same provider message again is a replay');
select is(public.sms_inbound(tests.id('org:alpha'), 'movider', 'mv-2', '+14155550101', 'Start') ->> 'action', 'opt_in',
  'START lifts it');
select is((select count(*)::int from public.sms_opt_outs where org_id = tests.id('org:alpha') and phone = '+14155550101'), 0,
  'no opt-out left');

select * from finish();
rollback;
