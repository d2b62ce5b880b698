-- Stock counts (issue 16): stock found with no line. A counter adds the line from the tablet
-- (count_add_line): with the tablet's id, once (a second delivery is the same line), only inside the
-- count's scope and never twice for one item × location; its snapshot is on-hand when added (none: 0)
-- and later movements count as movements since; review names who added it; posting adjusts it like any line.
begin;
select plan(17);
select tests.create_tenancy_fixture();
select tests.create_stock_fixture();
select tests.create_location('alpha', 'Yard', 'area');
-- fixture: on-hand at Bench I1 10, I2 20, I3 30, I4 40; at Shelf I1 5 (I2 has never been at Shelf)

select tests.authenticate_as('supervisor@alpha.test');
select (public.count_create(tests.id('org:alpha'), tests.id('count-a'), 'Bench and Shelf', 'locations', 'blind',
  array[tests.id('location:alpha:Bench'), tests.id('location:alpha:Shelf')]) ->> 'id')::uuid as c \gset
select public.count_start(:'c');

select tests.act_as_operator('alpha', 'operator@alpha.test', 'A-OP-1');
select current_setting('request.jwt.claims') as op1 \gset
select is(public.count_add_line(tests.id('line-x'), :'c', tests.id('item:alpha:I2'), tests.id('location:alpha:Shelf'))
  -> 'line' ->> 'id', tests.id('line-x')::text, 'a counter adds the line of stock found with no record, with the tablet''s id');
select is(public.count_add_line(tests.id('line-x'), :'c', tests.id('item:alpha:I2'), tests.id('location:alpha:Shelf'))
  ->> 'duplicate', 'true', 'the same delivery again is the same line');
select is((select count(*)::int from public.count_lines where count_id = :'c'), 6, 'one line more, not two');
select isnt((select added_at from public.count_lines where id = tests.id('line-x')), null,
  'a counter reads that it was added during the count');
select is(tests.error_of(format($$select public.count_add_line(%L, %L, %L, %L)$$, tests.id('line-x'), :'c',
  tests.id('item:alpha:I3'), tests.id('location:alpha:Shelf'))) ->> 'code', 'CLIENT_ID_REUSED',
  'one client id names one line');
select is(tests.error_of(format($$select public.count_add_line(gen_random_uuid(), %L, %L, %L)$$, :'c',
  tests.id('item:alpha:I1'), tests.id('location:alpha:Shelf'))) -> 'hint' ->> 'field', 'stock_item_id',
  'an item already on the count there is refused (open its line)');
select is(tests.error_of(format($$select public.count_add_line(gen_random_uuid(), %L, %L, %L)$$, :'c',
  tests.id('item:alpha:I3'), tests.id('location:alpha:Yard'))) -> 'hint' ->> 'field', 'location_id',
  'a location outside the count is refused (field location_id)');

-- the line's snapshot is on-hand when added (none: 0); a receipt after it is a movement since
select tests.clear_authentication();
select is((select expected_qty from public.count_lines where id = tests.id('line-x')), 0.000, 'its snapshot: nothing on record');
select tests.authenticate_as('supervisor@alpha.test');
select public.stock_record_movement(gen_random_uuid(), tests.id('org:alpha'), 'receipt', tests.id('item:alpha:I2'),
  tests.id('location:alpha:Shelf'), 2);
-- every other line counted as on record (read as the owner: counters cannot read on-hand), the added one 3
select tests.clear_authentication();
create temp table found on commit drop as
  select l.id, case when l.id = tests.id('line-x') then 3 else h.quantity end as qty
  from public.count_lines l left join public.stock_on_hand h on h.stock_item_id = l.stock_item_id and h.location_id = l.location_id
  where l.count_id = :'c';
grant select on found to authenticated;
select set_config('role', 'authenticated', true) is not null, set_config('request.jwt.claims', :'op1'::text, true) is not null;
select public.count_record(gen_random_uuid(), :'c', f.id, f.qty) from found f;

select tests.authenticate_as('supervisor@alpha.test');
select is(public.count_submit(:'c') ->> 'status', 'review', 'every line counted, the added one too: in review');
select is((select x ->> 'variance_qty' from jsonb_array_elements(public.count_review(:'c') -> 'lines') x where x ->> 'id' = tests.id('line-x')::text),
  '1.000', 'its variance: 3 counted − (0 + the receipt of 2 since) = 1');
select isnt((select x ->> 'added_by_name' from jsonb_array_elements(public.count_review(:'c') -> 'lines') x where x ->> 'id' = tests.id('line-x')::text),
  null, 'the review names who added it');
select public.count_set_reason(:'c', 'unrecorded_receipt');
select is((public.count_post(:'c') ->> 'adjustment_count')::int, 1, 'posting adjusts the added line like any other');
select is(tests.on_hand('I2', 'Shelf'), 3.000, 'on-hand there is now what was found');
select is(tests.error_of(format($$select public.count_add_line(gen_random_uuid(), %L, %L, %L)$$, :'c',
  tests.id('item:alpha:I3'), tests.id('location:alpha:Shelf'))) ->> 'code', 'COUNT_NOT_OPEN', 'a posted count takes no line');

-- scope: a category count covers its categories, a cycle count the items it picked
select (public.count_create(tests.id('org:alpha'), tests.id('count-b'), 'Drivers', 'categories', 'blind', '{}',
  array['drivers']) ->> 'id')::uuid as cb \gset
select public.count_start(:'cb');
select is(tests.error_of(format($$select public.count_add_line(gen_random_uuid(), %L, %L, %L)$$, :'cb',
  tests.id('item:alpha:I3'), tests.id('location:alpha:Shelf'))) -> 'hint' ->> 'field', 'stock_item_id',
  'a category count takes no item of another category');
select is(public.count_add_line(gen_random_uuid(), :'cb', tests.id('item:alpha:I2'), tests.id('location:alpha:Yard'))
  ->> 'duplicate', 'false', 'but one of its categories found anywhere');

-- another workshop sees no such count
select tests.authenticate_as('manager@beta.test');
select is(tests.error_of(format($$select public.count_add_line(gen_random_uuid(), %L, %L, %L)$$, :'cb',
  tests.id('item:alpha:I2'), tests.id('location:alpha:Bench'))) ->> 'code', 'NOT_FOUND', 'another workshop: no such count');

select * from finish();
rollback;
