-- Item locks on every tablet write path (issue 12): while one tablet holds an item, another tablet
-- can neither advance its batch nor take, complete, move or reassign its queue entry, and Next item
-- passes it over. Writes with no floor session (the board, the queues screen) stay the authority.
begin;
select plan(10);
select tests.create_tenancy_fixture();
select tests.create_production_fixture();
select tests.create_floor_fixture();

-- tablet 1: the operator holds batch ALPHA-B1 and does its Intake work
select tests.start_floor_session('alpha', 'operator@alpha.test', 'A-OP-1', 'tablet-1') as sid1 \gset
select current_setting('request.jwt.claims') as op1 \gset
select public.item_lock_acquire(:'sid1', tests.id('batch:alpha:1')) is not null as locked \gset
select public.floor_complete_action(gen_random_uuid(), :'sid1', tests.id('batch:alpha:1'), 'materials',
                                    '{"checklist": [{"key": "paperwork", "completed": true}]}') is not null as done \gset

-- tablet 2: a supervisor on their own device
select tests.authenticate_as('supervisor@alpha.test');
select tests.set_device('tablet-2');
select (public.floor_start_session(p_org_id => tests.id('org:alpha')) -> 'session' ->> 'id')::uuid as sid2 \gset
select throws_like(format($$select public.floor_advance_item(gen_random_uuid(), %L, %L, 'Intake')$$, :'sid2', tests.id('batch:alpha:1')),
  '%operator is working on this item on another tablet%', 'another tablet cannot advance a batch the first one holds');
select is(tests.stage('alpha', 1), 'Intake', 'and the batch stays where it was');

-- the holder advances it: the batch joins the Sanding queue
select set_config('role', 'authenticated', true) is not null, set_config('request.jwt.claims', :'op1'::text, true) is not null;
select tests.set_device('tablet-1');
select is(public.floor_advance_item(gen_random_uuid(), :'sid1', tests.id('batch:alpha:1'), 'Intake') ->> 'to_stage', 'Sanding',
  'the holder''s own advance goes through');
select qi.id as entry from public.floor_queue_items qi
  where qi.queue_id = tests.id('queue:alpha:sanding') and qi.status = 'waiting' limit 1 \gset

-- tablet 2 presses Next item on Sanding: the held item is passed over, not refused
select tests.authenticate_as('supervisor@alpha.test');
select tests.set_device('tablet-2');
select is(public.floor_next_item(tests.id('queue:alpha:sanding'), gen_random_uuid(), :'sid2') ->> 'queue_item', null,
  'Next item on another tablet passes over the held item');
select throws_like(format($$select public.floor_queue_complete(gen_random_uuid(), %L, %L)$$, :'entry', :'sid2'),
  '%operator is working on this item on another tablet%', 'nor can another tablet complete its queue entry');
select is((select status::text from public.floor_queue_items where id = :'entry'), 'waiting', 'which stays waiting');

-- the board (no floor session in the transaction) is the authority: a supervisor's assign goes through
select set_config('app.floor_session_id', '', true) is not null as cleared \gset
select lives_ok(format($$select public.floor_queue_assign(gen_random_uuid(), %L, %L)$$, :'entry',
  tests.id('member:alpha:operator@alpha.test')), 'a supervisor off the tablet still assigns the entry (to the holder)');

-- the holder takes it with Next item
select set_config('role', 'authenticated', true) is not null, set_config('request.jwt.claims', :'op1'::text, true) is not null;
select tests.set_device('tablet-1');
select is(public.floor_next_item(tests.id('queue:alpha:sanding'), gen_random_uuid(), :'sid1') -> 'queue_item' ->> 'id', :'entry',
  'the holder''s Next item takes it');

-- released: the other tablet may act again
select public.item_lock_release(:'sid1', tests.id('batch:alpha:1')) is not null as released \gset
select tests.authenticate_as('supervisor@alpha.test');
select tests.set_device('tablet-2');
select lives_ok(format($$select public.floor_queue_complete(gen_random_uuid(), %L, %L)$$, :'entry', :'sid2'),
  'once released, another tablet completes the entry');
select is((select status::text from public.floor_queue_items where id = :'entry'), 'completed', 'and it is completed');

select * from finish();
rollback;
