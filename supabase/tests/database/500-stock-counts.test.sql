-- Stock and counts (issue 16): on-hand kept from the ledger, the count lifecycle on the engine (each
-- refused transition with its reason), the snapshot + movement rule, blind mode unreadable by counters,
-- locks between counters, conflicts, recounts by another counter, posting arithmetic and idempotence,
-- immutability, void reversal, RLS.
begin;
select plan(59);
select tests.create_tenancy_fixture();
select tests.create_stock_fixture();

-- ------------------------------------------------------------------ the ledger keeps on-hand
select is(tests.on_hand('I1'), 10.000, 'on-hand is the sum of the ledger (receipt of 10)');
select tests.authenticate_as('supervisor@alpha.test');
select lives_ok($$select public.stock_record_movement(tests.id('mv-1'), tests.id('org:alpha'), 'issue', tests.id('item:alpha:I1'),
  tests.id('location:alpha:Bench'), 3, null, 'to batch 7')$$, 'a supervisor issues 3 to production');
select is(tests.on_hand('I1'), 7.000, 'on-hand follows the issue');
select is(public.stock_record_movement(tests.id('mv-1'), tests.id('org:alpha'), 'issue', tests.id('item:alpha:I1'),
  tests.id('location:alpha:Bench'), 3) ->> 'duplicate', 'true', 'the same client id again is a duplicate');
select is(tests.on_hand('I1'), 7.000, 'and issues nothing twice');
select is(tests.error_of($$select public.stock_record_movement(gen_random_uuid(), tests.id('org:alpha'), 'issue',
  tests.id('item:alpha:I1'), tests.id('location:alpha:Bench'), 8)$$) ->> 'code', 'STOCK_INSUFFICIENT',
  'an issue beyond on-hand is refused');
select is(tests.error_of($$select public.stock_record_movement(gen_random_uuid(), tests.id('org:alpha'), 'adjustment',
  tests.id('item:alpha:I1'), tests.id('location:alpha:Bench'), -1)$$) ->> 'code', 'VALIDATION_FAILED',
  'an adjustment needs a reason');
select tests.clear_authentication();
select is(tests.error_of($$update public.stock_ledger set quantity = 99$$) ->> 'code', 'STOCK_LEDGER_IMMUTABLE',
  'ledger rows are never changed, not even by the owner of the database');
select tests.authenticate_as('manager@alpha.test');
select throws_ok($$update public.stock_on_hand set quantity = 99$$, '42501', null, 'no API role writes on-hand: only the trigger does');

-- ------------------------------------------------------------------ create and start
select tests.act_as_operator('alpha', 'operator@alpha.test', 'A-OP-1');
select current_setting('request.jwt.claims') as op1 \gset
select is((select count(*)::int from public.stock_items), 4, 'an operator reads the items');
select is((select count(*)::int from public.stock_on_hand) + (select count(*)::int from public.stock_ledger), 0,
  'but neither on-hand nor the ledger (a blind count would be one select away)');
select is(tests.error_of($$select public.count_create(tests.id('org:alpha'), gen_random_uuid(), 'x', 'locations')$$) ->> 'code',
  'FORBIDDEN', 'an operator cannot create a count');

select tests.authenticate_as('supervisor@alpha.test');
select (public.count_create(tests.id('org:alpha'), tests.id('count-1'), 'Bench', 'locations', 'blind',
  array[tests.id('location:alpha:Bench')]) ->> 'id')::uuid as c1 \gset
select is((public.count_create(tests.id('org:alpha'), tests.id('count-1'), 'Bench', 'locations') ->> 'id')::uuid, :'c1'::uuid,
  'creating with the same client id returns the same count');
select is((select status from public.count_sessions where id = :'c1'), 'draft', 'a new count is a draft');
select is(tests.error_of(format($$select public.count_submit(%L)$$, :'c1')) ->> 'code', 'INVALID_TRANSITION',
  'a draft cannot go to review (INVALID_TRANSITION)');
select is(tests.error_of(format($$select public.count_post(%L)$$, :'c1')) ->> 'code', 'INVALID_TRANSITION',
  'a draft cannot be posted');
select is((tests.error_of($$select public.count_create(tests.id('org:alpha'), gen_random_uuid(), 'x', 'locations')$$) -> 'hint' ->> 'field'),
  'location_ids', 'a location count needs locations (field location_ids)');
select is(public.count_start(:'c1') ->> 'lines', '4', 'starting freezes one line per item at the location');
select tests.clear_authentication();
select is((select expected_qty from public.count_lines where id = tests.count_line(:'c1', 'I1')), 7.000,
  'the snapshot holds on-hand at the start');
select tests.authenticate_as('supervisor@alpha.test');
select is(tests.error_of(format($$select public.count_start(%L)$$, :'c1')) ->> 'code', 'INVALID_TRANSITION',
  'a started count cannot start again');
select is(tests.error_of(format($$select public.count_submit(%L)$$, :'c1')) ->> 'code', 'COUNT_INCOMPLETE',
  'review waits until every line is counted');
select is(tests.error_of(format($$select public.count_review(%L)$$, :'c1')) ->> 'code', 'COUNT_BLIND',
  'a blind count shows no expected quantities, even to a supervisor, before review');

-- ------------------------------------------------------------------ blind: the counter cannot read them
select set_config('role', 'authenticated', true) is not null, set_config('request.jwt.claims', :'op1'::text, true) is not null;
select throws_ok($$select expected_qty from public.count_lines$$, '42501', null,
  'the counter''s API role has no privilege on expected_qty');
select throws_ok($$select variance_qty, variance_value from public.count_lines$$, '42501', null, 'nor on variances');
select throws_ok($$select * from public.count_lines$$, '42501', null, 'not even through select *');
select is((select count(*)::int from jsonb_array_elements(public.count_sheet(:'c1') -> 'lines') x
           where x ? 'expected_qty' and x -> 'expected_qty' <> 'null'::jsonb), 0,
  'the count sheet of a blind count carries no expected quantity');
select is(tests.error_of(format($$select public.count_review(%L)$$, :'c1')) ->> 'code', 'FORBIDDEN',
  'counters cannot open the review');

-- ------------------------------------------------------------------ counting: movement rule, locks, duplicates
-- a receipt of 5 I2 during the count, before I2 is counted: the counter finds 25 → no variance
select tests.authenticate_as('supervisor@alpha.test');
select public.stock_record_movement(gen_random_uuid(), tests.id('org:alpha'), 'receipt', tests.id('item:alpha:I2'),
  tests.id('location:alpha:Bench'), 5);
select set_config('role', 'authenticated', true) is not null, set_config('request.jwt.claims', :'op1'::text, true) is not null;
select public.count_record(tests.id('e-1'), :'c1', tests.count_line(:'c1', 'I1'), 7, 'scan');
select public.count_record(tests.id('e-2'), :'c1', tests.count_line(:'c1', 'I2'), 25, 'keypad');
select public.count_record(tests.id('e-3'), :'c1', tests.count_line(:'c1', 'I3'), 28, 'pick');
select is(public.count_record(tests.id('e-3'), :'c1', tests.count_line(:'c1', 'I3'), 28, 'pick') ->> 'duplicate', 'true',
  'a second delivery of an entry is a duplicate');
select is((select entry_count from public.count_lines where id = tests.count_line(:'c1', 'I3')), 1, 'recorded once');
-- a receipt of 10 I3 after I3 was counted: not part of what the counter saw
select tests.authenticate_as('supervisor@alpha.test');
select public.stock_record_movement(gen_random_uuid(), tests.id('org:alpha'), 'receipt', tests.id('item:alpha:I3'),
  tests.id('location:alpha:Bench'), 10);

-- a second counter: the first holds I1's lock
select tests.act_as_operator('alpha2', 'operator2@alpha.test', 'A-OP-2');
select current_setting('request.jwt.claims') as op2 \gset
select is(tests.error_of(format($$select public.count_record(gen_random_uuid(), %L, %L, 6)$$, :'c1', tests.count_line(:'c1', 'I1'))) ->> 'code',
  'ITEM_LOCKED', 'another counter cannot count a line whose item the first is counting');
select matches(tests.error_of(format($$select public.item_lock_acquire_stock(%L, %L)$$, :'c1', tests.count_line(:'c1', 'I1'))) ->> 'message',
  '^operator is working on this item', 'and is told who holds it');

-- a conflict: the first counter counted I4 and its lock lapsed; the second's offline entry arrives
select set_config('role', 'authenticated', true) is not null, set_config('request.jwt.claims', :'op1'::text, true) is not null;
select public.count_record(tests.id('e-4'), :'c1', tests.count_line(:'c1', 'I4'), 40);
reset role;
update public.item_locks set locked_at = now() - interval '20 minutes', expires_at = now() - interval '5 minutes'
  where stock_item_id = tests.id('item:alpha:I4');
select set_config('role', 'authenticated', true) is not null, set_config('request.jwt.claims', :'op2'::text, true) is not null;
select is(public.count_record(tests.id('e-5'), :'c1', tests.count_line(:'c1', 'I4'), 38, 'keypad', now() - interval '1 minute') ->> 'details',
  'CONFLICT', 'an entry made without seeing the other counter''s is a conflict (answered as a value)');
select is((select conflict_items from public.count_sessions where id = :'c1'), array['I4'],
  'the count lists the item in conflict_items');
select is((select sync_status::text from public.count_sessions where id = :'c1'), 'conflict', 'and its sync_status is conflict');
select tests.authenticate_as('supervisor@alpha.test');
select is(tests.error_of(format($$select public.count_submit(%L)$$, :'c1')) ->> 'code', 'COUNT_CONFLICTS',
  'review waits until the conflict is resolved');
select set_config('role', 'authenticated', true) is not null, set_config('request.jwt.claims', :'op2'::text, true) is not null;
select is((public.count_record(tests.id('e-5b'), :'c1', tests.count_line(:'c1', 'I4'), 38, 'keypad', null, null, true) -> 'line' ->> 'counted_qty')::numeric,
  38.000, '"keep mine" sends it again, forced: it replaces the other entry');
select is((select sync_status::text from public.count_sessions where id = :'c1'), 'synced', 'and the conflict is resolved');

-- ------------------------------------------------------------------ review, recount by another counter
select tests.authenticate_as('supervisor@alpha.test');
select is(public.count_submit(:'c1') ->> 'status', 'review', 'every line counted: in review');
select is((select jsonb_object_agg(x ->> 'code', x ->> 'variance_qty') from jsonb_array_elements(public.count_review(:'c1') -> 'lines') x),
  '{"I1": "0.000", "I2": "0.000", "I3": "-2.000", "I4": "-2.000"}'::jsonb,
  'variance = counted − (snapshot + movements up to the count): the receipt before I2''s count is expected, the one after I3''s is not');
select is(tests.error_of(format($$select public.count_reopen(%L, null)$$, :'c1')) -> 'hint' ->> 'field', 'reason',
  'reopening needs a reason');
select public.count_request_recount(:'c1', array[tests.count_line(:'c1', 'I3')], 'Cables were in two boxes');
select set_config('role', 'authenticated', true) is not null, set_config('request.jwt.claims', :'op1'::text, true) is not null;
select is(tests.error_of(format($$select public.count_record(gen_random_uuid(), %L, %L, 28)$$, :'c1', tests.count_line(:'c1', 'I3'))) ->> 'code',
  'RECOUNT_SAME_COUNTER', 'the first counter cannot do the recount');
select is(tests.error_of(format($$select public.item_lock_acquire_stock(%L, %L)$$, :'c1', tests.count_line(:'c1', 'I3'))) ->> 'code',
  'RECOUNT_SAME_COUNTER', 'nor lock the line to recount (it stays free for someone else)');
select set_config('role', 'authenticated', true) is not null, set_config('request.jwt.claims', :'op2'::text, true) is not null;
select is((public.item_lock_acquire_stock(:'c1', tests.count_line(:'c1', 'I3')) ->> 'mine')::boolean, true,
  'another counter locks it');
select public.count_record(tests.id('e-6'), :'c1', tests.count_line(:'c1', 'I3'), 39);
select tests.authenticate_as('supervisor@alpha.test');
select public.count_submit(:'c1');
select is((select x ->> 'variance_qty' from jsonb_array_elements(public.count_review(:'c1') -> 'lines') x where x ->> 'code' = 'I3'),
  '-1.000', 'a recount made after the later receipt expects it: 39 − (30 + 10) = −1');

-- ------------------------------------------------------------------ post: arithmetic, reasons, idempotence
select is(tests.error_of(format($$select public.count_post(%L)$$, :'c1')) -> 'hint' ->> 'field', 'reason_code',
  'posting needs a reason for each variance');
select public.count_set_reason(:'c1', 'damaged', tests.count_line(:'c1', 'I4'));
select public.count_set_reason(:'c1', 'miscount');
select is((public.count_post(:'c1') ->> 'adjustment_count')::int, 2, 'posting writes one adjustment per non-zero variance');
select is(array[tests.on_hand('I1'), tests.on_hand('I2'), tests.on_hand('I3'), tests.on_hand('I4')],
  array[7, 25, 39, 38]::numeric[], 'on-hand is now what was counted (plus what moved after each count)');
select is((select adjustment_value from public.count_sessions where id = :'c1'), -8.5000,
  'the adjustments'' value: −1 × 0.5 + −2 × 4');
select is(public.count_post(:'c1') ->> 'duplicate', 'true', 'posting again is a duplicate');
select is((select count(*)::int from public.stock_ledger where count_id = :'c1'), 2, 'and writes nothing more');
reset role;
select is(tests.error_of(format($$update public.count_lines set counted_qty = 1 where id = %L$$, tests.count_line(:'c1', 'I1'))) ->> 'code',
  'COUNT_POSTED', 'a posted count''s lines are immutable on every path');
select tests.authenticate_as('supervisor@alpha.test');
select is(tests.error_of(format($$select public.count_cancel(%L, 'oops')$$, :'c1')) ->> 'code', 'INVALID_TRANSITION',
  'a posted count cannot be cancelled');

-- ------------------------------------------------------------------ void
select is(tests.error_of(format($$select public.count_void(%L, 'wrong bench')$$, :'c1')) ->> 'code', 'FORBIDDEN',
  'voiding needs a manager');
select tests.authenticate_as('manager@alpha.test');
select is(tests.error_of(format($$select public.count_void(%L, '')$$, :'c1')) -> 'hint' ->> 'field', 'reason', 'and a reason');
select is((public.count_void(:'c1', 'Counted the wrong bench') ->> 'reversed')::int, 2, 'void reverses each adjustment');
select is(array[tests.on_hand('I3'), tests.on_hand('I4')], array[40, 40]::numeric[], 'on-hand is back to what it was');
select is(array(select to_state from public.state_history where subject_id = :'c1' order by id),
  array['draft', 'in_progress', 'review', 'in_progress', 'review', 'posted', 'voided'], 'every move is in the engine''s history');

-- ------------------------------------------------------------------ RLS
select tests.authenticate_as('owner@beta.test');
select is((select count(*)::int from public.count_sessions) + (select count(*)::int from public.stock_items)
          + (select count(*)::int from public.count_entries), 0, 'another workshop sees no stock and no counts');
select is(tests.error_of(format($$select public.count_sheet(%L)$$, :'c1')) ->> 'code', 'NOT_FOUND', 'nor reads a sheet');

select * from finish();
rollback;
