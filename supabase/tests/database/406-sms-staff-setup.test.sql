-- What a workshop needs to set SMS up (issue 13): a staff member puts a phone on their account by
-- code (VERIFY_PHONE, then RESET_PASSWORD finds it), the webhook URLs for admins only, starter
-- templates for a new organisation, and the sender recorded per attempt.
begin;
select plan(26);
select tests.create_tenancy_fixture();
select set_sms_provider(tests.id('org:alpha'), 'twilio', '{"accountSid": "ACalpha", "authToken": "twilio-secret-alpha"}');
select update_sms_settings(tests.id('org:alpha'), true, '{twilio}');
update auth.users set phone = '639175550077' where id = tests.user_id('owner@alpha.test');

create temporary table r (k text primary key, v jsonb) on commit drop;
grant all on r to service_role, authenticated;
create function pg_temp.code_of(p_message uuid) returns text language sql as $$
  select p.code from app.sms_otp_payloads p where p.message_id = p_message $$;

-- ------------------------------------------------------------------ a phone on a staff account
select tests.authenticate_as_service_role();
insert into r select 'reset_before',
  public.otp_request(tests.id('org:alpha'), '+639175550011', 'RESET_PASSWORD', '10.1.0.1', 'UA', null);
select is((select v ->> 'message_id' from r where k = 'reset_before'), null,
  'before: the number is on no account, so a reset code goes nowhere');
insert into r select 'verify',
  public.otp_request(tests.id('org:alpha'), '+639175550011', 'VERIFY_PHONE', '10.1.0.2', 'UA',
                     tests.user_id('manager@alpha.test'));
select isnt((select v ->> 'message_id' from r where k = 'verify'), null, 'a member asking to verify their number gets a code');
select is((select m.customer_id from public.sms_messages m where m.id = (select (v ->> 'message_id')::uuid from r where k = 'verify')),
  null, 'the text names no customer');
select tests.clear_authentication();
insert into r select 'code', to_jsonb(pg_temp.code_of((select (v ->> 'message_id')::uuid from r where k = 'verify')));
select tests.authenticate_as_service_role();
select is(public.otp_verify(tests.id('org:alpha'), '+639175550011', 'VERIFY_PHONE', (select v #>> '{}' from r where k = 'code'),
                            null, tests.user_id('admin@alpha.test')) ->> 'details',
  'OTP_INVALID', 'another member cannot confirm it (bound to the member who asked)');
select tests.clear_authentication();
select is((select phone from auth.users where id = tests.user_id('manager@alpha.test')), null, 'nothing is written');
select tests.authenticate_as_service_role();
select is((public.otp_verify(tests.id('org:alpha'), '+639175550011', 'VERIFY_PHONE', (select v #>> '{}' from r where k = 'code'),
                             null, tests.user_id('manager@alpha.test')) ->> 'subject_id')::uuid,
  tests.user_id('manager@alpha.test'), 'the member who asked confirms with the code');
select tests.clear_authentication();
select ok((select u.phone = '639175550011' and u.phone_confirmed_at is not null from auth.users u
           where u.id = tests.user_id('manager@alpha.test')),
  'the number is on their account, confirmed, as Supabase Auth keeps it (digits)');
select is((select count(*)::int from public.sms_customer_consents c where c.phone = '+639175550011'), 0, 'and no customer consent was made of it');
select tests.authenticate_as_service_role();
insert into r select 'reset_after',
  public.otp_request(tests.id('org:alpha'), '+639175550011', 'RESET_PASSWORD', '10.1.0.3', 'UA', null);
select isnt((select v ->> 'message_id' from r where k = 'reset_after'), null, 'after: a reset code is texted to it');

select is(tests.error_of($$ select public.otp_request(tests.id('org:alpha'), '+639175550077', 'VERIFY_PHONE', '10.1.0.4', 'UA',
                                                      tests.user_id('manager@alpha.test')) $$) -> 'hint' ->> 'field',
  'phone', 'a number already on another account is refused under phone');
select is(public.otp_request(tests.id('org:alpha'), '+639175550012', 'VERIFY_PHONE', '10.1.0.5', 'UA',
                             tests.user_id('owner@beta.test')) ->> 'message_id',
  null, 'someone who is not a member of the workshop gets no code');
select tests.clear_authentication();

select tests.authenticate_as('manager@alpha.test');
select throws_ok($$ select public.otp_verify(tests.id('org:alpha'), '+639175550011', 'VERIFY_PHONE', '123456') $$, '42501', null,
  'a signed-in user cannot call otp_verify (the server action does, for the signed-in person)');
select is(public.remove_my_phone() ->> 'phone', null, 'a member takes the number off their account');
select tests.clear_authentication();
select is((select phone from auth.users where id = tests.user_id('manager@alpha.test')), null, 'and it is gone');
select ok(not has_function_privilege('anon', 'public.remove_my_phone()', 'execute'), 'anon cannot call remove_my_phone');

-- ------------------------------------------------------------------ webhook URLs
insert into r select 'secret', to_jsonb(s.secret) from app.sms_callback_secrets s where s.org_id = tests.id('org:alpha');
select tests.authenticate_as('admin@alpha.test');
select is(public.sms_webhook_urls(tests.id('org:alpha')) #>> '{inbound,twilio}',
  format('/api/sms/inbound/twilio?org=%s&key=%s', tests.id('org:alpha'),
         (select v #>> '{}' from r where k = 'secret')),
  'an admin gets the inbound URL with the organisation and its callback secret');
select is(array(select jsonb_object_keys(public.sms_webhook_urls(tests.id('org:alpha')) -> 'status') order by 1),
  array['movider', 'twilio'],
  'and the delivery-report URLs');
select tests.clear_authentication();
select tests.authenticate_as('manager@alpha.test');
select throws_ok($$ select public.sms_webhook_urls(tests.id('org:alpha')) $$, 'PT403', null, 'a manager gets nothing');
select tests.clear_authentication();
select tests.authenticate_as('owner@beta.test');
select throws_ok($$ select public.sms_webhook_urls(tests.id('org:alpha')) $$, 'PT403', null,
  'nor does another organisation''s owner');
select tests.clear_authentication();
select ok(not has_function_privilege('anon', 'public.sms_webhook_urls(uuid)', 'execute')
          and not has_function_privilege('service_role', 'public.sms_webhook_urls(uuid)', 'execute'),
  'anon and the service role cannot call it');

-- ------------------------------------------------------------------ starter templates
select tests.create_org('gamma');
select is(array(select t.name from public.sms_templates t where t.org_id = tests.id('org:gamma') order by t.name),
  array['In production', 'Order Confirmation', 'Pickup reminder', 'Ready', 'Shipped', 'Ticket called'],
  'a new organisation gets the starter templates');
select is((select t.order_status::text from public.sms_templates t where t.org_id = tests.id('org:gamma') and t.name = 'Shipped'),
  'shipped', 'the order-status ones are linked to their status');
select is((select s.auto_statuses from public.sms_settings s where s.org_id = tests.id('org:gamma')), '{}',
  'yet automatic texts stay off');
select ok((select bool_and(t.usage_count = 0 and t.is_active) from public.sms_templates t where t.org_id = tests.id('org:gamma')),
  'unused and active');

-- ------------------------------------------------------------------ sender per attempt
select tests.authenticate_as_service_role();
insert into r select 'claim', public.sms_claim(10, 60, array[(select (v ->> 'message_id')::uuid from r where k = 'verify')]);
select is(public.sms_record_attempt((select (v ->> 'message_id')::uuid from r where k = 'verify'),
            ((select v from r where k = 'claim') -> 0 ->> 'lease_token')::uuid, 'twilio',
            (select v ->> 'message_id' from r where k = 'verify') || ':1', 'sent', 'SM1', 'queued', null, null, 201, 80,
            null, null, null, '+15005550006') ->> 'status',
  'SENT', 'the worker records an attempt with its sender');
select is((select a.sender from public.sms_attempts a where a.message_id = (select (v ->> 'message_id')::uuid from r where k = 'verify')),
  '+15005550006', 'the sender is stored on the attempt');
select tests.clear_authentication();

select * from finish();
rollback;
