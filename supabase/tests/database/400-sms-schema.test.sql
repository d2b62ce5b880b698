-- SMS: credentials and the callback secret unreadable by every API role, RLS per organisation and
-- role, templates checked both ways on every path, usage kept by trigger, statuses only forward.
begin;
select plan(37);
select tests.create_tenancy_fixture();
select tests.create_production_fixture();

-- alpha texts through semaphore then twilio
select set_sms_provider(tests.id('org:alpha'), 'semaphore', '{"apiKey": "sem-secret-key-alpha"}');
select set_sms_provider(tests.id('org:alpha'), 'twilio', '{"accountSid": "ACalpha", "authToken": "twilio-secret-alpha"}');
select update_sms_settings(tests.id('org:alpha'), true, '{semaphore,twilio}');

-- ------------------------------------------------------------------ secrets
select is_empty(
  $$ select r.rolname, t.tbl, p.priv from pg_roles r
     cross join (values ('app.sms_credentials'), ('app.sms_callback_secrets'), ('app.sms_otp_payloads')) as t (tbl)
     cross join (values ('select'), ('insert'), ('update'), ('delete')) as p (priv)
     where r.rolname in ('anon', 'authenticated', 'service_role')
       and has_table_privilege(r.rolname, t.tbl, p.priv) $$,
  'no API role holds any privilege on credentials, callback secrets or OTP payloads');

select is_empty(
  $$ select r.rolname, c.col from pg_roles r
     cross join (values ('code_hash'), ('phone'), ('ip_address')) as c (col)
     where r.rolname in ('anon', 'authenticated', 'service_role')
       and has_column_privilege(r.rolname, 'public.otp_codes', c.col, 'select') $$,
  'no API role reads OTP rows (hashes, phones, addresses)');

select is_empty(
  $$ select r.rolname, c.col from pg_roles r
     cross join (values ('lease_token'), ('lease_until'), ('dedupe_key')) as c (col)
     where r.rolname in ('anon', 'authenticated', 'service_role')
       and has_column_privilege(r.rolname, 'public.sms_messages', c.col, 'select') $$,
  'worker leases are not readable through the API');

select ok(
  not has_function_privilege('anon', 'public.sms_provider_config(uuid)', 'execute')
  and not has_function_privilege('authenticated', 'public.sms_provider_config(uuid)', 'execute')
  and not has_function_privilege('authenticated', 'public.sms_claim(integer, integer, uuid[])', 'execute')
  and not has_function_privilege('authenticated', 'public.sms_callback_check(uuid, text)', 'execute')
  and not has_function_privilege('authenticated', 'public.otp_request(uuid, text, public.otp_purpose, inet, text, uuid)', 'execute')
  and has_function_privilege('service_role', 'public.sms_provider_config(uuid)', 'execute'),
  'only the service role may execute the credential, claim, callback and OTP functions');

select tests.authenticate_as('owner@alpha.test');
select throws_ok($$ select * from app.sms_credentials $$, '42501', null, 'an owner cannot select credentials');
select throws_ok($$ select public.sms_provider_config(tests.id('org:alpha')) $$, '42501', null,
  'an owner cannot call the credentials function');
select is((select set_sms_provider(tests.id('org:alpha'), 'movider', '{"apiKey": "mov-key-1", "apiSecret": "mov-secret-1"}')
           ::text ~ 'mov-secret'), false, 'set_sms_provider never answers with the secret');
select tests.clear_authentication();

select tests.authenticate_as_service_role();
select throws_ok($$ select * from app.sms_credentials $$, '42501', null, 'the service role cannot select credentials');
select throws_ok($$ select code_hash from public.otp_codes $$, '42501', null, 'the service role cannot select OTP hashes');
select is((public.sms_provider_config(tests.id('org:alpha')) -> 'providers' -> 1 -> 'credentials' ->> 'authToken'),
  'twilio-secret-alpha', 'the service role gets credentials through sms_provider_config, in failover order');
select is(public.sms_callback_check(tests.id('org:alpha'), 'wrong'), false, 'a wrong callback key is refused');
select is(public.sms_callback_check(tests.id('org:alpha'),
            (public.sms_provider_config(tests.id('org:alpha')) ->> 'callback_secret')), true,
  'the organisation''s callback key is accepted');
select is(public.sms_callback_check(tests.id('org:beta'),
            (public.sms_provider_config(tests.id('org:alpha')) ->> 'callback_secret')), false,
  'another organisation''s key is refused');
select tests.clear_authentication();

select tests.authenticate_as('manager@alpha.test');
select throws_ok($$ select set_sms_provider(tests.id('org:alpha'), 'semaphore', '{"apiKey": "x-y-z-w"}') $$,
  'PT403', null, 'a manager cannot change credentials (admins+)');
select tests.clear_authentication();

-- ------------------------------------------------------------------ settings and RLS
select is((select s.enabled from public.sms_settings s where s.org_id = tests.id('org:beta')), false,
  'SMS is off by default');
select is((select s.auto_statuses from public.sms_settings s where s.org_id = tests.id('org:beta')), '{}'::public.order_status[],
  'automatic texts are off by default');

select tests.authenticate_as('supervisor@alpha.test');
select is_empty($$ select 1 from public.sms_settings $$, 'a supervisor sees no SMS settings');
select throws_ok($$ select update_sms_settings(tests.id('org:alpha'), false) $$, 'PT403', null,
  'a supervisor cannot change them');
select tests.clear_authentication();

select tests.authenticate_as('manager@beta.test');
select is_empty($$ select 1 from public.sms_settings where org_id = tests.id('org:alpha') $$,
  'another organisation''s manager sees nothing of alpha''s settings');
select throws_ok($$ select update_sms_settings(tests.id('org:alpha'), false) $$, 'PT403', null,
  'nor changes them');
select tests.clear_authentication();

-- ------------------------------------------------------------------ templates
-- the starter templates every new organisation gets (406-sms-staff-setup) out of the way: these start empty
delete from public.sms_templates where org_id in (tests.id('org:alpha'), tests.id('org:beta'));
select tests.authenticate_as('manager@alpha.test');
select lives_ok(
  $$ insert into public.sms_templates (id, org_id, name, body, variables)
     values (tests.id('tpl:confirm'), tests.id('org:alpha'), 'Order Confirmation',
             'Hi {NAME}, your order {ORDER_NUMBER} has been confirmed!', '{NAME,ORDER_NUMBER}') $$,
  'a manager saves a template whose placeholders match its variables');
select throws_ok(
  $$ insert into public.sms_templates (org_id, name, body, variables)
     values (tests.id('org:alpha'), ' order confirmation ', 'Hello', '{}') $$,
  'PT409', 'Another template is already called "order confirmation"', 'names are unique per organisation, case-insensitive');
select throws_ok(
  $$ insert into public.sms_templates (org_id, name, body, variables)
     values (tests.id('org:alpha'), 'Missing', 'Hi {NAME}, order {ORDER_NUMBER}', '{NAME}') $$,
  'PT422', '{ORDER_NUMBER} is used in the message but not declared', 'an undeclared placeholder is refused');
select throws_ok(
  $$ insert into public.sms_templates (org_id, name, body, variables)
     values (tests.id('org:alpha'), 'Unused', 'Hi {NAME}', '{NAME,ORDER_NUMBER}') $$,
  'PT422', 'ORDER_NUMBER declared but the message never uses it', 'a declared variable never used is refused');
select throws_ok(
  $$ update public.sms_templates set body = 'Hi there' where id = tests.id('tpl:confirm') $$,
  'PT422', null, 'an update that leaves variables unused is refused too');
select throws_ok(
  $$ insert into public.sms_templates (org_id, name, body, variables, order_status)
     values (tests.id('org:alpha'), 'Auto', 'Hi {NAME}, pay {AMOUNT}', '{NAME,AMOUNT}', 'shipped') $$,
  'PT422', null, 'an automatic order text may only use the variables the order trigger fills');
select throws_ok(
  $$ update public.sms_templates set usage_count = 99 where id = tests.id('tpl:confirm') $$,
  '42501', null, 'usage_count is not writable through the API');
select tests.clear_authentication();

-- plain SQL (superuser) meets the same trigger
select throws_ok(
  $$ insert into public.sms_templates (org_id, name, body, variables) values (tests.id('org:beta'), 'X', '{A} {B}', '{A}') $$,
  'PT422', null, 'plain SQL cannot store an inconsistent template either');

select tests.authenticate_as('manager@beta.test');
select is_empty($$ select 1 from public.sms_templates where org_id = tests.id('org:alpha') $$,
  'another organisation''s templates are invisible');
select tests.clear_authentication();

-- ------------------------------------------------------------------ sending and usage
select tests.authenticate_as('manager@alpha.test');
select is((select sms_send(tests.id('org:alpha'), '+639171234567', null, tests.id('tpl:confirm'),
                           '{"NAME": "Ada", "ORDER_NUMBER": "ALPHA-1"}') -> 'message' ->> 'body'),
  'Hi Ada, your order ALPHA-1 has been confirmed!', 'a template send renders the values');
select throws_ok(
  $$ select sms_send(tests.id('org:alpha'), '+639171234567', null, tests.id('tpl:confirm'), '{"NAME": "Ada"}') $$,
  'PT422', 'No value for {ORDER_NUMBER}', 'a missing value is refused');
select throws_ok(
  $$ select sms_send(tests.id('org:alpha'), '+639171234567', null, tests.id('tpl:confirm'),
                     '{"NAME": "Ada", "ORDER_NUMBER": "1", "EXTRA": "x"}') $$,
  'PT422', 'EXTRA is not used by this template', 'an extra value is refused');
select is((select t.usage_count from public.sms_templates t where t.id = tests.id('tpl:confirm')), 1,
  'usage_count counts the text queued from the template');
select isnt((select t.last_used_at from public.sms_templates t where t.id = tests.id('tpl:confirm')), null,
  'and last_used_at is set');
select tests.clear_authentication();

-- ------------------------------------------------------------------ statuses only forward
select throws_ok(
  $$ update public.sms_messages set status = 'DELIVERED' where template_id = tests.id('tpl:confirm') $$ ||
  $$ ; update public.sms_messages set status = 'SENT' where template_id = tests.id('tpl:confirm') $$,
  'PT409', 'An SMS that is DELIVERED cannot become SENT', 'DELIVERED never goes back to SENT, even in plain SQL');
update public.sms_messages set status = 'SENT' where template_id = tests.id('tpl:confirm');
select isnt((select m.sent_at from public.sms_messages m where m.template_id = tests.id('tpl:confirm')), null,
  'SENT stamps sent_at');
select throws_ok(
  $$ update public.sms_messages set status = 'PENDING' where template_id = tests.id('tpl:confirm') $$,
  'PT409', null, 'SENT never goes back to PENDING');

select * from finish();
rollback;
