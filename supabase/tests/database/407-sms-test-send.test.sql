-- A test send aimed at one provider: logged as source test, that provider only (no failover), refused
-- for a provider without credentials, managers+ only.
begin;
select plan(9);
select tests.create_tenancy_fixture();
select set_sms_provider(tests.id('org:alpha'), 'semaphore', '{"apiKey": "semaphore-alpha"}');
select set_sms_provider(tests.id('org:alpha'), 'twilio', '{"accountSid": "ACalpha", "authToken": "twilio-secret-alpha"}');
select update_sms_settings(tests.id('org:alpha'), true, '{semaphore,twilio}');

create temporary table r (k text primary key, v jsonb) on commit drop;
grant all on r to service_role, authenticated;

select tests.authenticate_as('manager@alpha.test');
insert into r select 'test', public.sms_send_test(tests.id('org:alpha'), '+639171112222', 'twilio');
select is((select v #>> '{message,source}' from r where k = 'test'), 'test', 'a test send is logged as source test');
select is(tests.error_of($$ select public.sms_send_test(tests.id('org:alpha'), '+639171112222', 'movider') $$) -> 'hint' ->> 'field',
  'provider', 'a provider without credentials is refused under provider');
insert into r select 'any', public.sms_send_test(tests.id('org:alpha'), '+639171112223');
select is((select v #>> '{message,source}' from r where k = 'any'), 'test', 'without a provider it goes in the failover order');
select tests.clear_authentication();
select is((select m.only_provider::text from public.sms_messages m where m.id = (select (v #>> '{message,id}')::uuid from r where k = 'test')),
  'twilio', 'the aimed one is pinned to its provider');

select tests.authenticate_as('supervisor@alpha.test');
select throws_ok($$ select public.sms_send_test(tests.id('org:alpha'), '+639171112222', 'twilio') $$, 'PT403', null,
  'a supervisor may not send test texts');
select tests.clear_authentication();

select tests.authenticate_as_service_role();
insert into r select 'claim', public.sms_claim(10, 60, array[(select (v #>> '{message,id}')::uuid from r where k = 'test')]);
select is((select v -> 0 ->> 'provider' from r where k = 'claim'), 'twilio',
  'the worker is told to use the aimed provider, not the first in the failover order');
insert into r select 'rec', public.sms_record_attempt((select (v #>> '{message,id}')::uuid from r where k = 'test'),
  ((select v from r where k = 'claim') -> 0 ->> 'lease_token')::uuid, 'twilio',
  (select v #>> '{message,id}' from r where k = 'test') || ':1', 'retryable', null, null, null, 'HTTP 503', 503, 40);
select is((select v ->> 'next_provider' from r where k = 'rec'), null, 'a retryable failure does not fail over to Semaphore');
select is((select v ->> 'done' from r where k = 'rec'), 'true', 'it waits for a retry at the same provider instead');
insert into r select 'claim2', public.sms_claim(10, 60, array[(select (v #>> '{message,id}')::uuid from r where k = 'any')]);
select is((select v -> 0 ->> 'provider' from r where k = 'claim2'), 'semaphore', 'an unaimed test text starts at the first provider');
select tests.clear_authentication();

select * from finish();
rollback;
