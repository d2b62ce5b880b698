-- Bundles on the floor (issue 14, docs/floor.md §1): a bundle's QR label is an item label in the floor
-- format; scanning it (or typing BN-<number>) on /scan answers the bundle's card and makes it the
-- session's current item; the label sheet prints a lay's bundles in number order; another workshop's
-- bundle label is foreign; the Birch demo seed has bundles, runs and history.
begin;
select plan(17);
select tests.create_tenancy_fixture();
insert into public.product_types (id, org_id, code, name) values (tests.id('pt:alpha'), tests.id('org:alpha'), 'T-SHIRT', 'T-shirt'),
  (tests.id('pt:beta'), tests.id('org:beta'), 'T-SHIRT', 'T-shirt');
insert into public.styles (id, org_id, product_type_id, code, name)
values (tests.id('style:alpha'), tests.id('org:alpha'), tests.id('pt:alpha'), 'TS-CREW', 'Crew tee'),
       (tests.id('style:beta'), tests.id('org:beta'), tests.id('pt:beta'), 'TS-CREW', 'Crew tee');
insert into public.cut_orders (id, org_id, style_id) values (tests.id('co:alpha'), tests.id('org:alpha'), tests.id('style:alpha'));
insert into public.lays (id, org_id, cut_order_id, fabric, colour, marker_length_m, plies, size_ratio, bundle_size, location_id)
values (tests.id('lay:alpha'), tests.id('org:alpha'), tests.id('co:alpha'), 'Jersey', 'Navy', 6, 10, '{"M": 1, "L": 1}', 10,
        tests.id('location:alpha:Bench'));
select public.cut_lay_into_bundles(tests.id('lay:alpha'));
insert into public.bundles (id, org_id, style_id, size, colour, quantity)
values (tests.id('bundle:beta'), tests.id('org:beta'), tests.id('style:beta'), 'M', 'Red', 10);

create temporary table lbl as select
  (select id from public.bundles where org_id = tests.id('org:alpha') and bundle_number = 101) as b101,
  public.floor_label_sheet(tests.id('org:alpha'), 'lay_bundles', array[tests.id('lay:alpha')]) as sheet,
  tests.floor_label('beta', 'bundle', tests.id('bundle:beta')) as beta_label;
grant select on lbl to authenticated;

select is((select jsonb_agg(jsonb_build_array(s ->> 'kind', s ->> 'title')) from lbl, jsonb_array_elements(lbl.sheet) s),
  '[["bundle", "BN-101"], ["bundle", "BN-102"]]'::jsonb, 'the label sheet prints a lay''s bundles in number order');
select matches((select sheet -> 0 ->> 'label' from lbl), '^FL1:ALP:I:[0-9A-Z]{4,}$', 'in the floor label format (an item label)');
select is((select sheet -> 0 ->> 'subtitle' from lbl), 'TS-CREW Crew tee · M · Navy · shade A · 10 pcs',
  'with the style, size, colour, shade and pieces under the number');
select is(public.label_code('bundle', (select b101 from lbl)), (select sheet -> 0 ->> 'label' from lbl),
  'label_code gives the same label (minted once)');
select is((select count(*)::int from public.floor_items where kind = 'bundle' and org_id = tests.id('org:alpha')), 2,
  'each printed bundle is a floor item');

select tests.start_floor_session('alpha', 'operator@alpha.test', 'A-OP-1') as sid \gset
create temporary table s1 as
  select public.floor_scan(tests.id('scan-1'), :'sid', (select sheet -> 0 ->> 'label' from lbl), 'item') as a;
grant select on s1 to authenticated;
select is((select a ->> 'result' from s1), 'success', 'scanning a bundle label succeeds');
select is((select jsonb_build_array(a -> 'item' ->> 'kind', a -> 'item' ->> 'number', a -> 'item' ->> 'status') from s1),
  '["bundle", "BN-101", "cut"]'::jsonb, 'the card is the bundle''s: kind, number, status');
select is((select (a -> 'item' -> 'bundle') - '{id,type_definition_id,history,lay,cut_order,transitions,sewing}'::text[] from s1),
  jsonb_build_object('bundle_number', 101, 'number', 'BN-101',
    'style', jsonb_build_object('id', tests.id('style:alpha'), 'code', 'TS-CREW', 'name', 'Crew tee', 'product_type', 'T-SHIRT'),
    'size', 'M', 'colour', 'Navy', 'shade', 'A', 'quantity', 10, 'rejected_quantity', 0, 'good_units', 10, 'status', 'cut',
    'status_label', 'Cut', 'location', jsonb_build_object('id', tests.id('location:alpha:Bench'), 'name', 'Bench'),
    'cutting_run', null),
  'with the bundle''s style, size, colour, shade, pieces, status and location');
select is((select jsonb_agg(t ->> 'name' order by t ->> 'name') from s1, jsonb_array_elements(a -> 'item' -> 'bundle' -> 'transitions') t),
  '["hold", "start_sewing"]'::jsonb, 'the transitions open from cut');
select is((select a -> 'item' -> 'bundle' -> 'history' -> 0 ->> 'to_status' from s1), 'cut', 'and its history');
select is((select jsonb_build_array(a -> 'item' ->> 'current_stage', a -> 'item' -> 'can_advance', jsonb_array_length(a -> 'item' -> 'actions')) from s1),
  '[null, false, 0]'::jsonb, 'a bundle has no batch stage, no stage actions and no Advance');
select is((select current_item_id from public.floor_sessions where id = :'sid'),
  (select id from public.floor_items where bundle_id = (select b101 from lbl)), 'the bundle is the session''s current item');
select is(public.floor_scan(tests.id('scan-2'), :'sid', 'bn-102') -> 'item' ->> 'number', 'BN-102',
  'typing a bundle number (BN-102) opens its card');
select is(public.floor_validate_scan('BN-101', null, :'sid') -> 'item' ->> 'number', 'BN-101', 'validating a bundle code reads it');
select is(public.floor_scan(tests.id('scan-3'), :'sid', (select beta_label from lbl)) ->> 'details', 'FOREIGN_LABEL',
  'another workshop''s bundle label is foreign');
select tests.clear_authentication();

-- ------------------------------------------------------------------ the Birch demo seed
select ok((select count(*) from public.bundles where org_id = '20000000-0000-4000-8000-000000000002') > 200
          and (select count(distinct status) from public.bundles where org_id = '20000000-0000-4000-8000-000000000002') = 3,
  'Birch has hundreds of bundles, cut, in sewing and sewn');
select ok((select count(*) from public.cutting_runs where org_id = '20000000-0000-4000-8000-000000000002' and status = 'COMPLETED') >= 20
          and (select min(start_time) from public.cutting_runs where org_id = '20000000-0000-4000-8000-000000000002') < now() - interval '21 days'
          and exists (select 1 from public.cutting_runs where org_id = '20000000-0000-4000-8000-000000000002' and status = 'IN_PROGRESS'),
  'and four weeks of completed cutting runs, one in progress');

select * from finish();
rollback;
