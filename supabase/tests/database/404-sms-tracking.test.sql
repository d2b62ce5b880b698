-- The tracking page's way from a token to the order's customer: service role only, live tokens only.
begin;
select plan(4);
select tests.create_tenancy_fixture();
select tests.create_production_fixture();

select ok(not has_function_privilege('anon', 'public.sms_tracking_subject(text)', 'execute')
          and not has_function_privilege('authenticated', 'public.sms_tracking_subject(text)', 'execute'),
  'neither anon nor a signed-in user may resolve a token to its customer');
select tests.authenticate_as_service_role();
select is((public.sms_tracking_subject(tests.tracking_token('alpha')) ->> 'customer_id')::uuid, tests.id('customer:alpha'),
  'a live token names its order''s customer');
select is(public.sms_tracking_subject('not-a-token'), null, 'an unknown token names nobody');
select tests.clear_authentication();
update public.order_tracking_tokens set revoked_at = now() where id = tests.id('token:alpha');
select tests.authenticate_as_service_role();
select is(public.sms_tracking_subject(tests.tracking_token('alpha')), null, 'a revoked token names nobody');
select * from finish();
rollback;
