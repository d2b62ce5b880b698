-- Labels: one format for items, locations, badges and action cards; minted once; short; resolved in
-- the caller's workshop only (a foreign label is refused with a clear reason); reading never writes.
begin;
select plan(30);
select tests.create_tenancy_fixture();
select tests.create_production_fixture();
select tests.create_floor_fixture();

select tests.act_as_operator('alpha', 'operator@alpha.test', 'A-OP-1');
create temporary table lbl on commit drop as select
  public.label_code('batch', tests.id('batch:alpha:1')) as batch,
  public.label_code('order', tests.id('order:alpha:1')) as ord,
  public.label_code('location', tests.id('location:alpha:Bench')) as loc,
  public.label_code('action', tests.id('action:alpha:at-bench')) as act;
grant select on lbl to authenticated;
select matches((select batch from lbl), '^FL1:ALP:I:[0-9A-HJKMNP-TV-Z]{5}$', 'a batch label is FL1:<prefix>:I:<code>');
select matches((select loc from lbl), '^FL1:ALP:L:', 'a location label has type L');
select matches((select act from lbl), '^FL1:ALP:A:', 'an action card has type A');
select ok((select max(length(x)) from lbl, unnest(array[batch, ord, loc, act]) x) <= 25,
  'labels fit a version-1 QR code (at most 25 alphanumeric characters)');
select ok((select bool_and(x ~ '^[0-9A-Z:-]+$') from lbl, unnest(array[batch, ord, loc, act]) x),
  'labels use only QR alphanumeric-mode characters');
select is(public.label_code('batch', tests.id('batch:alpha:1')), (select batch from lbl), 'the same thing keeps its label');
select is(public.label_code('item', tests.id('batch:alpha:1')), (select batch from lbl), 'kind item accepts a batch id too');
select throws_ok(format($$select public.label_code('user', %L)$$, tests.id('member:alpha:operator2@alpha.test')),
  'PT403', null, 'operators do not print other people''s badges');
select is(public.label_code('user', tests.id('member:alpha:operator@alpha.test')), 'FL1:ALP:U:A-OP-1',
  'a badge label carries the badge code');
select throws_ok(format($$select public.label_code('batch', %L)$$, tests.id('batch:beta:1')),
  'PT403', null, 'no labels for another workshop''s items');
select throws_ok($$select public.label_code('pallet', gen_random_uuid())$$, 'PT400', null, 'unknown kinds are refused');

-- ------------------------------------------------------------------ resolving
select is((public.resolve_scan_code((select batch from lbl)) ->> 'kind'), 'batch', 'a batch label resolves to the batch');
select is((public.resolve_scan_code((select batch from lbl)) ->> 'ref_id')::uuid, tests.id('batch:alpha:1'), 'with its id');
select is((public.resolve_scan_code(lower((select ord from lbl))) ->> 'ref_id')::uuid, tests.id('order:alpha:1'),
  'typed in lower case, an order label still resolves');
select is((public.resolve_scan_code('ALPHA-B1') ->> 'kind'), 'batch', 'a typed batch number resolves');
select is((public.resolve_scan_code('alpha-3') ->> 'ref_id')::uuid, tests.id('order:alpha:3'), 'a typed order number resolves');
select is((public.resolve_scan_code('a-op-2') ->> 'type'), 'user', 'a typed badge code resolves to a user');
select is((public.resolve_scan_code(split_part((select loc from lbl), ':', 4)) ->> 'kind'), 'location',
  'a bare short code resolves');
select tests.clear_authentication();

select tests.act_as_operator('beta', 'operator@beta.test', 'B-OP-1');
select is(public.resolve_scan_code((select batch from lbl)) ->> 'error_code', 'FOREIGN_LABEL',
  'another workshop''s label is refused');
select is(public.resolve_scan_code((select batch from lbl)) ->> 'message', 'This label belongs to another workshop',
  'with a clear reason');
select is(public.resolve_scan_code('ALPHA-B1') ->> 'error_code', 'UNKNOWN_CODE',
  'another workshop''s batch number means nothing here');
select tests.clear_authentication();

select tests.act_as_operator('alpha', 'operator@alpha.test', 'A-OP-1');
select is(public.resolve_scan_code(left((select batch from lbl), 14) || 'A') ->> 'error_code', 'INVALID_CODE',
  'a wrong check character is caught, not resolved to another item');
select is(public.resolve_scan_code('FL2:ALP:I:1000Z') ->> 'error_code', 'UNSUPPORTED_LABEL_VERSION', 'a newer label version is named');
select is(public.resolve_scan_code('https://example.com/x') ->> 'error_code', 'INVALID_CODE', 'a URL is not a code');
select is(public.floor_validate_scan((select loc from lbl), 'item') ->> 'error_code', 'WRONG_SCAN_TYPE',
  'a location label where an item is expected is the wrong type');
select is(public.floor_validate_scan((select batch from lbl), 'item') -> 'item' ->> 'current_stage', 'Intake',
  'validating an item label shows where it is');
select is(public.floor_validate_scan('ALPHA-4') ->> 'item_id', null,
  'an order never labelled or scanned is not registered by validating it');
select tests.clear_authentication();

select is((select count(*)::int from public.floor_scans where org_id in (tests.id('org:alpha'), tests.id('org:beta'))), 0,
  'resolving and validating record no scans');
select is((select count(*)::int from public.floor_items where order_id = tests.id('order:alpha:4')), 0,
  'nor items');

select tests.authenticate_as('supervisor@alpha.test');
select is(jsonb_array_length(public.floor_label_sheet(tests.id('org:alpha'), 'batch_orders', array[tests.id('batch:alpha:1')])), 3,
  'a label sheet for a batch has the batch and its two orders');
select tests.clear_authentication();

select * from finish();
rollback;
