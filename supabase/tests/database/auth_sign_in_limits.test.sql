-- The app's per-account password sign-in brake: app.sign_in_attempts behind three
-- security-definer functions (migration 20261203001000_auth_sign_in_limits.sql).
begin;
select plan(23);

select tests.create_user('limit-victim@example.com');
select tests.create_user('limit-other@example.com');

-- ---------------------------------------------------------------- locked down
select tests.authenticate_as_anon();
select throws_ok($$ select * from app.sign_in_attempts $$, '42501', null, 'anon cannot read the attempts table');
select throws_ok($$ insert into app.sign_in_attempts (email_hash) values (repeat('a', 64)) $$, '42501', null,
  'anon cannot write the attempts table');
select throws_ok($$ select public.sign_in_succeeded() $$, '42501', null, 'anon cannot clear a streak');
select throws_ok($$ select public.sign_in_failed('limit-victim@example.com') $$, '42501', null,
  'nor count failures against someone (only the app server does, after a real password check)');
select throws_ok($$ select public.sign_in_allowed('limit-victim@example.com') $$, '42501', null,
  'nor ask whose address is being guessed at');
select tests.authenticate_as('limit-other@example.com');
select throws_ok($$ delete from app.sign_in_attempts $$, '42501', null, 'authenticated cannot write the attempts table');

-- ---------------------------------------------------------------- counting (the app server: service key)
select tests.authenticate_as_service_role();
select is(public.sign_in_allowed('limit-victim@example.com') ->> 'allowed', 'true', 'a fresh address may try');
select is((select count(*) from generate_series(1, 9) g
            where (public.sign_in_failed(' Limit-Victim@Example.com ') ->> 'retry_after_seconds')::int = 0),
  9::bigint, 'nine failures are free (the email is normalised)');
select is(public.sign_in_allowed('limit-victim@example.com') ->> 'allowed', 'true', 'still allowed after nine');
select is((public.sign_in_failed('limit-victim@example.com') ->> 'retry_after_seconds')::int, 30,
  'the 10th failure blocks for 30 s');
select is(public.sign_in_allowed('LIMIT-VICTIM@example.com') ->> 'allowed', 'false', 'blocked while the backoff runs');
select ok((public.sign_in_allowed('limit-victim@example.com') ->> 'retry_after_seconds')::int between 1 and 30,
  'with the seconds left');
select is((public.sign_in_failed('limit-victim@example.com') ->> 'failures')::int, 10,
  'a failure reported while blocked is not counted');
select is(public.sign_in_allowed('limit-other@example.com') ->> 'allowed', 'true', 'other addresses are unaffected');
select is(public.sign_in_allowed('nobody-here@example.com') ->> 'allowed', 'true',
  'unknown addresses answer alike (nothing tells which accounts exist)');

-- backoff doubles, capped at 15 minutes
reset role;
update app.sign_in_attempts set blocked_until = now() - interval '1 second'
 where email_hash = app.sign_in_email_hash('limit-victim@example.com');
select tests.authenticate_as_service_role();
select is((public.sign_in_failed('limit-victim@example.com') ->> 'retry_after_seconds')::int, 60,
  'after the block, the 11th failure blocks for 60 s');
reset role;
update app.sign_in_attempts set failures = 40, blocked_until = now() - interval '1 second'
 where email_hash = app.sign_in_email_hash('limit-victim@example.com');
select tests.authenticate_as_service_role();
select is((public.sign_in_failed('limit-victim@example.com') ->> 'retry_after_seconds')::int, 900,
  'never more than 15 minutes');

-- a stale streak is forgotten
reset role;
update app.sign_in_attempts set last_failure_at = now() - interval '2 hours', blocked_until = now() + interval '1 minute'
 where email_hash = app.sign_in_email_hash('limit-victim@example.com');
select tests.authenticate_as_service_role();
select is(public.sign_in_allowed('limit-victim@example.com') ->> 'allowed', 'true', 'an hour after the last failure the address is free');

-- ---------------------------------------------------------------- success clears only one's own
reset role;
update app.sign_in_attempts set last_failure_at = now(), blocked_until = now() + interval '1 minute'
 where email_hash = app.sign_in_email_hash('limit-victim@example.com');
select public.sign_in_failed('limit-other@example.com');
select tests.authenticate_as('limit-other@example.com');
select lives_ok($$ select public.sign_in_succeeded() $$, 'a signed-in person clears their streak');
select tests.authenticate_as_service_role();
select is(public.sign_in_allowed('limit-victim@example.com') ->> 'allowed', 'false',
  'signing in as someone else does not clear the victim''s streak');
reset role;
select is((select count(*) from app.sign_in_attempts where email_hash = app.sign_in_email_hash('limit-other@example.com')),
  0::bigint, 'the caller''s own row is gone');
select tests.authenticate_as('limit-victim@example.com');
select public.sign_in_succeeded();
select tests.authenticate_as_service_role();
select is(public.sign_in_allowed('limit-victim@example.com') ->> 'allowed', 'true', 'the victim''s success clears it');

-- ---------------------------------------------------------------- input
select throws_ok($$ select public.sign_in_failed(repeat('a', 400)) $$, 'PT400', null, 'absurd input is refused');

select * from finish();
rollback;
