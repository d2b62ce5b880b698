-- Issue 10: "how many PIN attempts remain", without telling which badges exist. Every typed badge
-- code is counted alike (app.pin_badge_guards): an unknown badge counts down and locks exactly as a
-- real one does, attempts_left is capped by the tablet's brake, success and a supervisor's unlock
-- clear it, and no API role reads the counters.
begin;
select plan(14);
select tests.create_tenancy_fixture();

create temporary table runs (k text, i int, code text, left_ int, retry int) on commit drop;
grant all on runs to anon, authenticated;

-- five failures in a row: an unknown badge and a real badge with a wrong PIN
insert into runs select 'unknown', g, a ->> 'code', (a ->> 'attempts_left')::int, (a ->> 'retry_after_seconds')::int
  from generate_series(1, 6) g, lateral (select tests.pin_in('alpha', 'NOBODY-7', case when g > 0 then '1234' end) as a) x;
insert into runs select 'real', g, a ->> 'code', (a ->> 'attempts_left')::int, (a ->> 'retry_after_seconds')::int
  from generate_series(1, 6) g, lateral (select tests.pin_in('alpha', 'A-OP-2', case when g > 0 then '0000' end) as a) x;

select is(array(select left_ from runs where k = 'real' and i <= 4 order by i), array[4, 3, 2, 1],
  'a real badge with wrong PINs counts down 4, 3, 2, 1');
select is(array(select left_ from runs where k = 'unknown' and i <= 4 order by i), array[4, 3, 2, 1],
  'an unknown badge counts down exactly the same');
select is(array(select code from runs where k = 'unknown' order by i), array(select code from runs where k = 'real' order by i),
  'the same codes, failure after failure (PT401 ×4, then PT423 locked)');
select is((select code from runs where k = 'unknown' and i = 5), 'PT423', 'the fifth failure locks an unknown badge code too');
select is((select retry from runs where k = 'unknown' and i = 5), (select retry from runs where k = 'real' and i = 5),
  'for as long as a real one (retry_after_seconds alike)');
select is((select code from runs where k = 'unknown' and i = 6), 'PT423', 'and it stays locked');
select is((select failed_attempts from app.pin_badge_guards where org_id = tests.id('org:alpha') and badge_code = 'A-OP-2'),
  (select failed_auth_attempts from public.members where badge_code = 'A-OP-2'), 'a real badge''s guard mirrors the member');

-- the lock runs out: both count from the start again
update app.pin_badge_guards set locked_until = now() - interval '1 second' where org_id = tests.id('org:alpha');
update public.members set locked_until = now() - interval '1 second' where badge_code = 'A-OP-2';
select is((tests.pin_in('alpha', 'NOBODY-7', '1234') ->> 'attempts_left')::int, 4, 'after the lock an unknown badge has 4 again');

-- a supervisor's unlock clears a real badge's guard; success clears it too
select tests.pin_in('alpha', 'A-OP-1', '0000');
select is((select failed_attempts from app.pin_badge_guards where badge_code = 'A-OP-1'), 1, 'one failure counted');
select tests.authenticate_as('supervisor@alpha.test');
select public.unlock_member(tests.id('member:alpha:operator@alpha.test'));
select tests.clear_authentication();
select is_empty($$ select 1 from app.pin_badge_guards where badge_code = 'A-OP-1' $$, 'unlock_member clears the guard');
select tests.pin_in('alpha', 'A-OP-1', '0000');
select ok(tests.pin_in('alpha', 'A-OP-1', '1234') ? 'operator_session_id', 'the right PIN works');
select is_empty($$ select 1 from app.pin_badge_guards where badge_code = 'A-OP-1' $$, 'and success clears the count');

-- the tablet's brake caps it: 18 failures on this tablet in 5 minutes leave 2 for any badge code
delete from public.auth_attempts;
insert into public.auth_attempts (org_id, station_id, badge_code, success, reason)
  select tests.id('org:alpha'), tests.id('station:alpha'), 'GUESS-' || g, false, 'unknown_badge'
  from generate_series(1, 17) g;
select is((tests.pin_in('alpha', 'ANYONE-1', '1234') ->> 'attempts_left')::int, 2,
  'attempts_left is the tablet''s when fewer remain there (20 in 5 minutes)');

select tests.authenticate_as('owner@alpha.test');
select throws_ok($$ select * from app.pin_badge_guards $$, '42501', null, 'no API role reads the counters');
select tests.clear_authentication();

select * from finish();
rollback;
