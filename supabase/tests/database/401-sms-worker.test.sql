-- SMS worker side: claims with a lease (skip locked, an expired lease is due again), attempts with
-- failover and backoff, permanent failures, callbacks that only move forward, STOP, and the
-- automatic order texts (off by default, opt-in, in the order's transaction).
begin;
select plan(32);
select tests.create_tenancy_fixture();
select tests.create_production_fixture();
select set_sms_provider(tests.id('org:alpha'), 'semaphore', '{"apiKey": "sem-secret-key-alpha"}');
select set_sms_provider(tests.id('org:alpha'), 'twilio', '{"accountSid": "ACalpha", "authToken": "twilio-secret-alpha"}');

select tests.authenticate_as('manager@alpha.test');
select throws_ok($$ select sms_send(tests.id('org:alpha'), '+639171234567', 'Hello') $$, 'PT422', null,
  'with SMS off nothing is queued (SMS_NOT_CONFIGURED)');
select tests.clear_authentication();
select update_sms_settings(tests.id('org:alpha'), true, '{semaphore,twilio}');

select tests.authenticate_as('manager@alpha.test');
create temporary table msg (k text primary key, id uuid) on commit drop;
grant all on msg to authenticated, service_role;
insert into msg select 'a', (sms_send(tests.id('org:alpha'), '+639171234567', 'Your order is ready') -> 'message' ->> 'id')::uuid;
insert into msg select 'b', (sms_send(tests.id('org:alpha'), '+14155550100', 'Hello from Alpha') -> 'message' ->> 'id')::uuid;
select is((select m.status::text from public.sms_messages m where m.id = (select id from msg where k = 'a')), 'PENDING',
  'a send is a PENDING row first');
select throws_ok($$ select sms_send(tests.id('org:alpha'), '09171234567', 'Hi') $$, 'PT400', null,
  'a number not in E.164 is refused (the route normalises first)');
select is((select (sms_send(tests.id('org:alpha'), '+639171234567', 'Hi', null, null, null, null, 'manual',
                            tests.id('client:1')) ->> 'replayed')), 'false', 'first send with a client id');
select is((select (sms_send(tests.id('org:alpha'), '+639171234567', 'Hi', null, null, null, null, 'manual',
                            tests.id('client:1')) ->> 'replayed')), 'true', 'the same client id replays, no second text');
select is((select count(*)::int from public.sms_messages m where m.body = 'Hi'), 1, 'one row for the replayed send');
select tests.clear_authentication();

-- ------------------------------------------------------------------ claims
select tests.authenticate_as_service_role();
create temporary table claim (k text primary key, v jsonb) on commit drop;
grant all on claim to service_role;
insert into claim select 'first', public.sms_claim(10, 60, array[(select id from msg where k = 'a'), (select id from msg where k = 'b')]);
select is(jsonb_array_length((select v from claim where k = 'first')), 2, 'the worker claims both');
select is((select v -> 0 ->> 'provider' from claim where k = 'first'), 'semaphore', 'the first attempt goes to the first provider');
select is(jsonb_array_length(public.sms_claim(10, 60, array[(select id from msg where k = 'a')])), 0,
  'a leased message is not claimed twice');

-- a crashed worker: its lease runs out and the message is due again
select tests.clear_authentication();
update public.sms_messages set lease_until = now() - interval '1 second' where id = (select id from msg where k = 'b');
select tests.authenticate_as_service_role();
insert into claim select 'again', public.sms_claim(10, 60, array[(select id from msg where k = 'b')]);
select is(jsonb_array_length((select v from claim where k = 'again')), 1, 'an expired lease is claimed again');

-- ------------------------------------------------------------------ failover
select is((public.sms_record_attempt((select id from msg where k = 'a'), ((select v from claim where k = 'first') -> 0 ->> 'lease_token')::uuid,
            'semaphore', 'a:1', 'retryable', null, null, null, 'timeout after 10000 ms', null, 10000) ->> 'next_provider'),
  'twilio', 'a retryable outcome fails over to the next provider at once');
select is((public.sms_record_attempt((select id from msg where k = 'a'), ((select v from claim where k = 'first') -> 0 ->> 'lease_token')::uuid,
            'twilio', 'a:2', 'sent', 'SM123', 'queued', null, null, 201, 120, 7900, 'USD') ->> 'status'),
  'SENT', 'the second provider accepts: SENT');
select is((select count(*)::int from public.sms_attempts a where a.message_id = (select id from msg where k = 'a')), 2,
  'both attempts are recorded');
select is((public.sms_record_attempt((select id from msg where k = 'a'), null, 'twilio', 'a:2', 'sent', 'SM123') ->> 'replayed'),
  'true', 'recording the same request again is a replay');
select is((select count(*)::int from public.sms_attempts a where a.message_id = (select id from msg where k = 'a')), 2,
  'and adds no attempt');

-- message b: a skip (semaphore reaches +63 only) then a permanent refusal
select is((public.sms_record_attempt((select id from msg where k = 'b'), ((select v from claim where k = 'again') -> 0 ->> 'lease_token')::uuid,
            'semaphore', 'b:1', 'skipped', null, null, null, 'Semaphore delivers to Philippine numbers (+63) only') ->> 'next_provider'),
  'twilio', 'a provider that cannot reach the number is skipped with a reason');
select is((public.sms_record_attempt((select id from msg where k = 'b'), ((select v from claim where k = 'again') -> 0 ->> 'lease_token')::uuid,
            'twilio', 'b:2', 'permanent', null, null, '21211', 'The ''To'' number is not a valid phone number', 400) ->> 'status'),
  'FAILED', 'a permanent error fails the message');
select is((select m.error from public.sms_messages m where m.id = (select id from msg where k = 'b')),
  'The ''To'' number is not a valid phone number', 'with the provider''s reason');
select is(jsonb_array_length(public.sms_claim(10, 60, array[(select id from msg where k = 'b')])), 0,
  'a failed message is never claimed again (not retried)');

-- backoff: a whole round of retryable failures waits
insert into msg select 'c', (public.sms_send(tests.id('org:alpha'), '+639170000001', 'Backoff') -> 'message' ->> 'id')::uuid;
insert into claim select 'c', public.sms_claim(10, 60, array[(select id from msg where k = 'c')]);
select public.sms_record_attempt((select id from msg where k = 'c'), ((select v from claim where k = 'c') -> 0 ->> 'lease_token')::uuid,
  'semaphore', 'c:1', 'retryable', null, null, null, 'HTTP 503', 503, 30);
select is((public.sms_record_attempt((select id from msg where k = 'c'), ((select v from claim where k = 'c') -> 0 ->> 'lease_token')::uuid,
  'twilio', 'c:2', 'retryable', null, null, null, 'HTTP 429', 429, 30, null, null, 120) ->> 'retry_in_seconds')::int,
  120, 'after a failed round the message waits (Retry-After honoured over the 30 s base)');
select is(jsonb_array_length(public.sms_claim(10, 60, array[(select id from msg where k = 'c')])), 0,
  'and is not due before then');

-- ------------------------------------------------------------------ callbacks
select is((public.sms_apply_status(tests.id('org:alpha'), 'twilio', 'DELIVERED', null, 'SM123', 'delivered') ->> 'applied'),
  'true', 'a delivery report moves SENT to DELIVERED');
select is((public.sms_apply_status(tests.id('org:alpha'), 'twilio', 'DELIVERED', null, 'SM123', 'delivered') ->> 'reason'),
  'not_forward', 'the same report replayed changes nothing');
select is((public.sms_apply_status(tests.id('org:alpha'), 'twilio', 'SENT', null, 'SM123', 'sent') ->> 'applied'),
  'false', 'a late "sent" after delivery never goes backwards');
select is((select m.status::text from public.sms_messages m where m.id = (select id from msg where k = 'a')), 'DELIVERED',
  'the message stays DELIVERED');
select is((public.sms_apply_status(tests.id('org:beta'), 'twilio', 'FAILED', null, 'SM123', 'failed') ->> 'reason'),
  'unknown_message', 'another organisation''s report cannot touch it');
select tests.clear_authentication();

-- ------------------------------------------------------------------ STOP
select tests.authenticate_as_service_role();
select public.sms_opt_out(tests.id('org:alpha'), '+639179999999', 'stop_reply');
select tests.clear_authentication();
select tests.authenticate_as('manager@alpha.test');
select throws_ok($$ select sms_send(tests.id('org:alpha'), '+639179999999', 'Sale!') $$, 'PT422',
  '+639179999999 asked for no more texts (STOP)', 'an opted-out number gets no text');
select tests.clear_authentication();

-- ------------------------------------------------------------------ automatic texts
-- the starter templates every new organisation gets (406-sms-staff-setup) out of the way
delete from public.sms_templates where org_id = tests.id('org:alpha');
select tests.authenticate_as('manager@alpha.test');
insert into public.sms_templates (org_id, name, body, variables, order_status)
  values (tests.id('org:alpha'), 'Shipped', 'Hi {NAME}, order {ORDER_NUMBER} has shipped: {TRACKING_LINK}',
          '{NAME,ORDER_NUMBER,TRACKING_LINK}', 'on_hold');
select tests.clear_authentication();
update public.orders set status = 'on_hold' where id = tests.id('order:alpha:3');
select is((select count(*)::int from public.sms_messages m where m.order_id = tests.id('order:alpha:3')), 0,
  'automatic texts are off by default: no text');
select update_sms_settings(tests.id('org:alpha'), null, null, null, null, '{on_hold}', 'https://track.example.com');
update public.orders set status = 'pending' where id = tests.id('order:alpha:3');
update public.orders set status = 'on_hold' where id = tests.id('order:alpha:3');
select is((select count(*)::int from public.sms_messages m where m.order_id = tests.id('order:alpha:3')), 0,
  'on for the status, but the customer has not opted in: no text');
select set_customer_sms_consent(tests.id('org:alpha'), tests.id('customer:alpha'), true, '+639171112222');
update public.orders set status = 'pending' where id = tests.id('order:alpha:3');
update public.orders set status = 'on_hold' where id = tests.id('order:alpha:3');
select matches((select m.body from public.sms_messages m where m.order_id = tests.id('order:alpha:3')),
  '^Hi Ada, order ALPHA-3 has shipped: https://track\.example\.com/track/[A-Za-z0-9_-]{22}$',
  'opted in: the status change queues the text with a tracking link, in the same transaction');
select is((select m.source::text || ' ' || m.to_phone from public.sms_messages m where m.order_id = tests.id('order:alpha:3')),
  'automatic +639171112222', 'to the consented number, as an automatic text');
select public.sms_opt_out(tests.id('org:alpha'), '+639171112222', 'staff');
update public.orders set status = 'pending' where id = tests.id('order:alpha:3');
update public.orders set status = 'on_hold' where id = tests.id('order:alpha:3');
select is((select count(*)::int from public.sms_messages m where m.order_id = tests.id('order:alpha:3')), 1,
  'after STOP no further automatic text');

select * from finish();
rollback;
