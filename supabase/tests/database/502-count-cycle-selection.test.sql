-- Cycle counts (issue 16): which items count_start picks for a cycle count of N — by ABC class or of all
-- items, the longest since counted first (never counted before anyone, then oldest; ties by code), only
-- active items with stock history (at the chosen locations when some are chosen), every location the
-- item is at — and what count_create refuses for a cycle count.
begin;
select plan(12);
select tests.create_tenancy_fixture();
select tests.create_stock_fixture();
-- fixture: I1 A (Bench 10, Shelf 5), I2 A (Bench 20), I3 B (Bench 30), I4 C (Bench 40)

-- when each was last counted: I1 2 days ago, I2 never, I3 10 days ago, I4 1 day ago
update public.stock_items set last_counted_at = case code when 'I1' then now() - interval '2 days'
  when 'I3' then now() - interval '10 days' when 'I4' then now() - interval '1 day' end
where org_id = tests.id('org:alpha');

create function pg_temp.cycle(p_rule public.count_cycle_rule, p_class text, p_size int, p_locations uuid[] default '{}')
returns text language plpgsql as $$
declare
  v_id uuid;
begin
  v_id := (public.count_create(tests.id('org:alpha'), gen_random_uuid(), 'cycle', 'cycle', 'blind', p_locations, '{}',
                               p_rule, p_class, p_size) ->> 'id')::uuid;
  perform public.count_start(v_id);
  -- the lines as item@location, in a stable order
  return (select string_agg(i.code || '@' || loc.name, ' ' order by i.code, loc.name)
          from public.count_lines l join public.stock_items i on i.id = l.stock_item_id
          join public.locations loc on loc.id = l.location_id where l.count_id = v_id);
end $$;
grant execute on function pg_temp.cycle(public.count_cycle_rule, text, int, uuid[]) to authenticated;

select tests.authenticate_as('supervisor@alpha.test');

-- ABC class
select is(pg_temp.cycle('abc', 'A', 1), 'I2@Bench', 'class A, one item: the one never counted (I2) before I1');
select is(pg_temp.cycle('abc', 'A', 5), 'I1@Bench I1@Shelf I2@Bench',
  'class A, up to five: both A items, each at every location it is at');
select is(pg_temp.cycle('abc', 'B', 5), 'I3@Bench', 'class B: only the B item');
select is(pg_temp.cycle('abc', 'C', 1), 'I4@Bench', 'class C: only the C item');

-- longest since counted, over every class
select is(pg_temp.cycle('longest_since_counted', null, 2), 'I2@Bench I3@Bench',
  'longest since counted, two: never counted (I2), then the oldest count (I3, 10 days)');
select is(pg_temp.cycle('longest_since_counted', null, 3), 'I1@Bench I1@Shelf I2@Bench I3@Bench',
  'three: then I1 (2 days), not I4 (1 day)');

-- ties: the code decides
select tests.clear_authentication();
update public.stock_items set last_counted_at = null where org_id = tests.id('org:alpha');
select tests.authenticate_as('supervisor@alpha.test');
select is(pg_temp.cycle('longest_since_counted', null, 2), 'I1@Bench I1@Shelf I2@Bench',
  'none ever counted: by code (I1, I2)');

-- a location filter: only items with stock history there, counted there
select is(pg_temp.cycle('longest_since_counted', null, 5, array[tests.id('location:alpha:Shelf')]), 'I1@Shelf',
  'at Shelf only: the one item with history there, at that location alone');

-- retired items are never picked
select tests.clear_authentication();
update public.stock_items set is_active = false where id = tests.id('item:alpha:I1');
select tests.authenticate_as('supervisor@alpha.test');
select is(pg_temp.cycle('abc', 'A', 5), 'I2@Bench', 'an inactive item is not picked');

-- what count_create refuses for a cycle count
select is(tests.error_of($$select public.count_create(tests.id('org:alpha'), gen_random_uuid(), 'x', 'cycle', 'blind',
  '{}', '{}', 'abc', null, 5)$$) -> 'hint' ->> 'field', 'cycle_class', 'an ABC cycle count needs its class (field cycle_class)');
select is(tests.error_of($$select public.count_create(tests.id('org:alpha'), gen_random_uuid(), 'x', 'cycle', 'blind',
  '{}', '{}', 'longest_since_counted', null, 0)$$) -> 'hint' ->> 'field', 'cycle_size', 'a cycle count picks at least one item (field cycle_size)');
select is(tests.error_of($$select public.count_create(tests.id('org:alpha'), gen_random_uuid(), 'x', 'cycle', 'blind',
  '{}', '{}', null, null, 5)$$) -> 'hint' ->> 'field', 'cycle_rule', 'a cycle count needs its rule (field cycle_rule)');

select * from finish();
rollback;
