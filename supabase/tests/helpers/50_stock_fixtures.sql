-- Stock fixtures (issue 16): a second alpha tablet (slug alpha2 for act_as_operator), four items in alpha at two locations, with receipts in the ledger.
--   item:alpha:I1..I4 (categories drivers, drivers, cables, pads; unit cost 2, 3, 0.5, 4)
--   location:alpha:Bench (from the tenancy fixture) and location:alpha:Shelf
--   on-hand at Bench: I1 10, I2 20, I3 30, I4 40; at Shelf: I1 5
create or replace function tests.create_stock_fixture() returns void
language plpgsql security definer set search_path = '' as $$
begin
  perform tests.create_location('alpha', 'Shelf', 'area');
  -- a second tablet, so two operators can be PINed in at once (act_as_operator('alpha2', …))
  insert into public.stations (id, org_id, location_id, name, secret_hash)
    values (tests.id('station:alpha2'), tests.id('org:alpha'), tests.id('location:alpha:Shelf'), 'Shelf tablet',
            app.station_secret_hash(tests.station_secret('alpha2')));
  insert into public.stock_items (id, org_id, code, barcode, name, category, unit, unit_cost, abc_class) values
    (tests.id('item:alpha:I1'), tests.id('org:alpha'), 'I1', '0000000001', 'Driver 40 mm', 'drivers', 'pcs', 2, 'A'),
    (tests.id('item:alpha:I2'), tests.id('org:alpha'), 'I2', '0000000002', 'Driver 50 mm', 'drivers', 'pcs', 3, 'A'),
    (tests.id('item:alpha:I3'), tests.id('org:alpha'), 'I3', null, 'Cable 1.2 m', 'cables', 'pcs', 0.5, 'B'),
    (tests.id('item:alpha:I4'), tests.id('org:alpha'), 'I4', null, 'Ear pads', 'pads', 'pair', 4, 'C');
  insert into public.stock_ledger (org_id, stock_item_id, location_id, kind, quantity, unit_cost, created_at)
  select tests.id('org:alpha'), tests.id('item:alpha:' || x.code), tests.id('location:alpha:' || x.loc), 'receipt', x.qty, x.cost,
         now() - interval '1 day'
  from (values ('I1', 'Bench', 10, 2), ('I2', 'Bench', 20, 3), ('I3', 'Bench', 30, 0.5), ('I4', 'Bench', 40, 4),
               ('I1', 'Shelf', 5, 2)) x (code, loc, qty, cost);
end $$;

-- the count line of an item at a location
create or replace function tests.count_line(p_count_id uuid, p_code text, p_location text default 'Bench') returns uuid
language sql security definer set search_path = '' as $$
  select l.id from public.count_lines l
  where l.count_id = p_count_id and l.stock_item_id = tests.id('item:alpha:' || p_code)
    and l.location_id = tests.id('location:alpha:' || p_location)
$$;

create or replace function tests.on_hand(p_code text, p_location text default 'Bench') returns numeric
language sql security definer set search_path = '' as $$
  select h.quantity from public.stock_on_hand h
  where h.stock_item_id = tests.id('item:alpha:' || p_code) and h.location_id = tests.id('location:alpha:' || p_location)
$$;

grant execute on all functions in schema tests to anon, authenticated, service_role;
