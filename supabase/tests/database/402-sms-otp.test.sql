-- One-time codes (OWASP ASVS V6): 6 digits stored only hashed, ≤ 10 minutes, ≤ 3 attempts then dead,
-- single use, bound to purpose and phone, per-phone and per-IP limits with retry_after_seconds, and
-- the same answer for known and unknown numbers.
begin;
select plan(24);
select tests.create_tenancy_fixture();
select tests.create_production_fixture();
select set_sms_provider(tests.id('org:alpha'), 'twilio', '{"accountSid": "ACalpha", "authToken": "twilio-secret-alpha"}');
select update_sms_settings(tests.id('org:alpha'), true, '{twilio}');
update auth.users set phone = '639175550001' where id = tests.user_id('manager@alpha.test');

create temporary table r (k text primary key, v jsonb) on commit drop;
grant all on r to service_role;
-- the code as the worker gets it (from the private payload, never from a readable column)
create function pg_temp.caught(p_sql text) returns jsonb language plpgsql as $$
declare v_hint text;
begin
  execute p_sql;
  return null;
exception when others then
  get stacked diagnostics v_hint = pg_exception_hint;
  return jsonb_build_object('hint', v_hint::jsonb);
end $$;
create function pg_temp.code_of(p_message uuid) returns text language sql as $$
  select p.code from app.sms_otp_payloads p where p.message_id = p_message $$;

select tests.authenticate_as('owner@alpha.test');
select throws_ok($$ select otp_request(tests.id('org:alpha'), '+639175550001', 'RESET_PASSWORD') $$, '42501', null,
  'a signed-in user cannot call otp_request (service role: the route vouches for the IP)');
select tests.clear_authentication();
select tests.authenticate_as_anon();
select throws_ok($$ select otp_verify(tests.id('org:alpha'), '+639175550001', 'RESET_PASSWORD', '123456') $$, '42501', null,
  'nor can anon call otp_verify');
select tests.clear_authentication();

select tests.authenticate_as_service_role();
insert into r select 'known', public.otp_request(tests.id('org:alpha'), '+639175550001', 'RESET_PASSWORD', '10.0.0.1', 'UA known');
insert into r select 'unknown', public.otp_request(tests.id('org:alpha'), '+639175550999', 'RESET_PASSWORD', '10.0.0.2', 'UA unknown');
select is((select v - 'message_id' from r where k = 'known'), (select v - 'message_id' from r where k = 'unknown'),
  'known and unknown numbers get the same answer');
select isnt((select v ->> 'message_id' from r where k = 'known'), null, 'a known number gets a text');
select is((select v ->> 'message_id' from r where k = 'unknown'), null, 'an unknown number gets none');
select tests.clear_authentication();

select is((select count(*)::int from public.otp_codes), 2, 'both requests are rows (the limits count them)');
select matches((select m.body from public.sms_messages m where m.id = (select (v ->> 'message_id')::uuid from r where k = 'known')),
  '\{otp\}', 'the text''s readable body holds {otp}, not the code');
select matches(pg_temp.code_of((select (v ->> 'message_id')::uuid from r where k = 'known')), '^[0-9]{6}$',
  'the code is 6 digits, kept privately for the worker');
select is((select c.code_hash from public.otp_codes c where c.phone = '+639175550001'),
  app.otp_hash((select c.id from public.otp_codes c where c.phone = '+639175550001'),
               pg_temp.code_of((select (v ->> 'message_id')::uuid from r where k = 'known'))),
  'only the salted hash is stored');
select ok((select c.expires_at <= c.created_at + interval '10 minutes' and c.ip_address = '10.0.0.1' and c.user_agent = 'UA known'
           from public.otp_codes c where c.phone = '+639175550001'), 'expires within 10 minutes; IP and user agent recorded');
select throws_ok($$ insert into public.otp_codes (org_id, phone, purpose, code_hash, expires_at)
                    values (tests.id('org:alpha'), '+639170000000', 'LOGIN', repeat('a', 64), now() + interval '11 minutes') $$,
  '23514', null, 'a code living longer than 10 minutes cannot be stored');

insert into r select 'code', to_jsonb(pg_temp.code_of((select (v ->> 'message_id')::uuid from r where k = 'known')));

select tests.authenticate_as_service_role();
select is(public.otp_verify(tests.id('org:alpha'), '+639175550001', 'LOGIN', (select v #>> '{}' from r where k = 'code')) ->> 'details',
  'OTP_INVALID', 'the right code for another purpose is refused (bound to its purpose)');
select is(public.otp_verify(tests.id('org:alpha'), '+639175550002', 'RESET_PASSWORD', (select v #>> '{}' from r where k = 'code')) ->> 'details',
  'OTP_INVALID', 'and for another phone');
select is((public.otp_verify(tests.id('org:alpha'), '+639175550001', 'RESET_PASSWORD', (select v #>> '{}' from r where k = 'code')) ->> 'subject_id')::uuid,
  tests.user_id('manager@alpha.test'), 'the right code verifies and names the account');
select is(public.otp_verify(tests.id('org:alpha'), '+639175550001', 'RESET_PASSWORD', (select v #>> '{}' from r where k = 'code')) ->> 'message',
  'That code is wrong or has expired; ask for a new one', 'a code works once');
select tests.clear_authentication();
select is((select count(*)::int from app.sms_otp_payloads), 1, 'the unsent text still holds its code until it leaves PENDING');

-- three wrong tries kill a code (each try commits: a failure value, not a rollback)
select tests.authenticate_as_service_role();
insert into r select 'second', public.otp_request(tests.id('org:alpha'), '+639175550001', 'RESET_PASSWORD', '10.0.0.1');
insert into r select 'w1', public.otp_verify(tests.id('org:alpha'), '+639175550001', 'RESET_PASSWORD', '000000');
select is((select v ->> 'details' from r where k = 'w1'), 'OTP_INVALID', 'a wrong code: OTP_INVALID');
select is((select v ->> 'attempts_left' from r where k = 'w1'), '2', 'with the tries left');
insert into r select 'w2', public.otp_verify(tests.id('org:alpha'), '+639175550001', 'RESET_PASSWORD', '000000');
insert into r select 'w3', public.otp_verify(tests.id('org:alpha'), '+639175550001', 'RESET_PASSWORD', '000000');
select tests.clear_authentication();
insert into r select 'code2', to_jsonb(pg_temp.code_of((select (v ->> 'message_id')::uuid from r where k = 'second')));
select isnt((select c.dead_at from public.otp_codes c where c.id = (select max(id::text)::uuid from public.otp_codes
             where phone = '+639175550001' and attempts = 3)), null, 'the third wrong try kills the code');
select tests.authenticate_as_service_role();
select is((public.otp_verify(tests.id('org:alpha'), '+639175550001', 'RESET_PASSWORD',
           (select v #>> '{}' from r where k = 'code2')) ->> 'details'),
  'OTP_INVALID', 'even the right code is refused once the code is dead');

-- limits: 3 per phone per 15 minutes, 10 per IP
select throws_ok($$ select otp_request(tests.id('org:alpha'), '+639175550001', 'RESET_PASSWORD', '10.0.0.1') $$ ||
                 $$ ; select otp_request(tests.id('org:alpha'), '+639175550001', 'RESET_PASSWORD', '10.0.0.1') $$,
  'PT429', 'Too many codes for this number; wait a few minutes', 'the fourth code in 15 minutes for one number is refused');
select lives_ok($$ select otp_request(tests.id('org:alpha'), '+63917555' || lpad(n::text, 4, '0'), 'VERIFY_PHONE', '10.9.9.9')
                   from generate_series(100, 109) n $$, 'ten requests from one address pass');
select throws_ok($$ select otp_request(tests.id('org:alpha'), '+639175550200', 'VERIFY_PHONE', '10.9.9.9') $$,
  'PT429', 'Too many codes asked from this address; wait a few minutes', 'the eleventh from that address is refused');
select ok((pg_temp.caught($$ select otp_request(tests.id('org:alpha'), '+639175550201', 'VERIFY_PHONE', '10.9.9.9') $$)
           -> 'hint' ->> 'retry_after_seconds')::int between 1 and 900, 'with retry_after_seconds');
select tests.clear_authentication();

select * from finish();
rollback;
