-- Item locks (spec 02 ItemLock, issue 12): one per item, at most 15 minutes, renewed by its holder,
-- refused to another tablet with the holder's name, honoured by the action write path, expired
-- locks treated as released, stolen only by supervisors, released by their holder; RLS per org.
begin;
select plan(20);
select tests.create_tenancy_fixture();
select tests.create_production_fixture();
select tests.create_floor_fixture();

-- tablet 1: the operator, PINed in
select tests.start_floor_session('alpha', 'operator@alpha.test', 'A-OP-1', 'tablet-1') as sid1 \gset
select current_setting('request.jwt.claims') as op1 \gset
create temporary table t on commit drop as select tests.id('batch:alpha:1') as b1;
grant select on t to authenticated;

select public.item_lock_acquire(:'sid1', tests.id('batch:alpha:1')) as lock1 \gset
select is((:'lock1'::jsonb) ->> 'reason', 'offline_sync', 'the operator''s tablet takes the item''s lock (offline_sync by default)');
select ok(((:'lock1'::jsonb) ->> 'expires_at')::timestamptz <= now() + interval '15 minutes'
          and ((:'lock1'::jsonb) ->> 'expires_at')::timestamptz > now(), 'for 15 minutes');
select is(public.item_lock_acquire(:'sid1', tests.id('batch:alpha:1'), 'manual', 10) ->> 'id', (:'lock1'::jsonb) ->> 'id',
  'its holder renews it by taking it again: the same lock');
select throws_ok(format($$select public.item_lock_acquire(%L, %L, 'manual', 16)$$, :'sid1', tests.id('batch:alpha:1')),
  'PT400', 'A lock lasts 1 to 15 minutes', 'a lock longer than 15 minutes is refused');
select lives_ok(format($$select public.floor_complete_action(gen_random_uuid(), %L, %L, 'blank-photo', '{}', 'skipped')$$,
  :'sid1', tests.id('batch:alpha:1')), 'the holder''s own writes go through');
select is((select count(*)::int from public.item_locks), 1, 'the operator reads the lock (RLS: their workshop)');

-- tablet 2: a supervisor on their own device
select tests.authenticate_as('supervisor@alpha.test');
select tests.set_device('tablet-2');
select (public.floor_start_session(p_org_id => tests.id('org:alpha')) -> 'session' ->> 'id')::uuid as sid2 \gset
select throws_ok(format($$select public.item_lock_acquire(%L, %L)$$, :'sid2', tests.id('batch:alpha:1')),
  'PT409', null, 'another tablet cannot take a held lock');
select throws_like(format($$select public.floor_complete_action(gen_random_uuid(), %L, %L, 'blank-photo', '{}', 'skipped')$$,
  :'sid2', tests.id('batch:alpha:1')), '%operator is working on this item on another tablet%',
  'a write from another tablet is refused, naming the holder');
select is((select count(*)::int from public.floor_actions where session_id = :'sid2'), 0, 'and nothing was written');

-- the 15-minute cap is the table's own rule
select tests.clear_authentication();
select throws_ok(format($$update public.item_locks set expires_at = locked_at + interval '16 minutes' where item_id = %L$$,
  (select id from public.floor_items where batch_id = tests.id('batch:alpha:1'))),
  '23514', null, 'no lock lasts more than 15 minutes (check constraint)');
select throws_ok($$update public.item_locks set expires_at = locked_at$$, '23514', null, 'expires_at must be after locked_at');
select throws_ok(format($$insert into public.item_locks (org_id, item_id, session_id, locked_by, user_id, reason, expires_at)
  select org_id, item_id, session_id, locked_by, user_id, 'manual', now() + interval '1 minute' from public.item_locks$$),
  '23505', null, 'one lock per item');

-- expired: treated as released
update public.item_locks set locked_at = now() - interval '20 minutes', expires_at = now() - interval '6 minutes';
select tests.authenticate_as('supervisor@alpha.test');
select tests.set_device('tablet-2');
select lives_ok(format($$select public.floor_complete_action(gen_random_uuid(), %L, %L, 'blank-photo', '{}', 'skipped')$$,
  :'sid2', tests.id('batch:alpha:1')), 'an expired lock no longer refuses writes');
select is(public.item_lock_acquire(:'sid2', tests.id('batch:alpha:1')) ->> 'session_id', :'sid2',
  'and the next tablet takes the lock in its place');

-- steal: supervisors only
select set_config('role', 'authenticated', true) is not null, set_config('request.jwt.claims', :'op1'::text, true) is not null;
select tests.set_device('tablet-1');
select throws_ok(format($$select public.item_lock_steal(%L, %L)$$, :'sid1', tests.id('batch:alpha:1')),
  'PT403', null, 'an operator cannot steal a lock');
select tests.authenticate_as('supervisor@alpha.test');
select tests.set_device('tablet-2');
select public.item_lock_release(:'sid2', tests.id('batch:alpha:1')) ->> 'released' as released \gset
select is(:'released'::text, 'true', 'its holder releases the lock');
select is(public.item_lock_release(:'sid2', tests.id('batch:alpha:1')) ->> 'released', 'false', 'releasing twice: nothing to release');
select set_config('role', 'authenticated', true) is not null, set_config('request.jwt.claims', :'op1'::text, true) is not null;
select tests.set_device('tablet-1');
select public.item_lock_acquire(:'sid1', tests.id('batch:alpha:1')) as relock \gset
select tests.authenticate_as('supervisor@alpha.test');
select tests.set_device('tablet-2');
select is(public.item_lock_steal(:'sid2', tests.id('batch:alpha:1')) -> 'previous' ->> 'session_id', :'sid1',
  'a supervisor steals it, and is told from whom');

-- RLS: another workshop sees nothing
select tests.authenticate_as('owner@beta.test');
select is((select count(*)::int from public.item_locks), 0, 'another workshop reads no locks');
select tests.clear_authentication();

-- the scheduler's cleanup
update public.item_locks set locked_at = now() - interval '20 minutes', expires_at = now() - interval '6 minutes';
select is(app.item_locks_expire(), 1, 'app.item_locks_expire() deletes expired locks');

select * from finish();
rollback;
