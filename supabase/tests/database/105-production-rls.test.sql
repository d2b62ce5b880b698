-- RLS on every production table: anon nothing, another organisation nothing, operators only what
-- the floor needs (and only through a station), staff-only notes hidden, writes by role.
begin;
select plan(147);
select tests.create_tenancy_fixture();
select tests.create_production_fixture();
insert into public.shopify_sku_review (org_id, shopify_order_id, shopify_line_item_id, sku, reason, line_item)
  values (tests.id('org:alpha'), '1', '2', 'XYZ', 'unknown_sku', '{}');

create temporary table prod_rows (tbl text, filter text, updatable text) on commit drop;
grant select on prod_rows to anon, authenticated;
insert into prod_rows values
  ('batch_settings', format('org_id = %L', tests.id('org:alpha')), 'hours_per_day'),
  ('headphone_models', format('org_id = %L', tests.id('org:alpha')), 'name'),
  ('model_production_stages', format('org_id = %L', tests.id('org:alpha')), 'estimated_hours'),
  ('customers', format('org_id = %L', tests.id('org:alpha')), 'name'),
  ('orders', format('org_id = %L', tests.id('org:alpha')), 'notes'),
  ('order_internal_notes', format('org_id = %L', tests.id('org:alpha')), 'notes'),
  ('order_status_history', format('org_id = %L', tests.id('org:alpha')), 'reason'),
  ('batches', format('org_id = %L', tests.id('org:alpha')), 'priority'),
  ('batch_metadata', format('org_id = %L', tests.id('org:alpha')), 'notes'),
  ('batch_orders', format('org_id = %L', tests.id('org:alpha')), 'added_at'),
  ('batch_events', format('org_id = %L', tests.id('org:alpha')), 'reason'),
  ('order_tracking_tokens', format('org_id = %L', tests.id('org:alpha')), 'label'),
  ('shopify_shops', format('org_id = %L', tests.id('org:alpha')), 'is_active'),
  ('shopify_sku_review', format('org_id = %L', tests.id('org:alpha')), 'status');

select is(
  (select count(*)::int from prod_rows r
   where tests.rows_changed(format('select 1 from public.%I where %s', r.tbl, r.filter)) > 0),
  14, 'alpha has rows in all fourteen production tables');

-- ------------------------------------------------------------------ anon: nothing at all
select tests.authenticate_as_anon();
select throws_ok(format('select 1 from public.%I', tbl), '42501', null, format('anon cannot select %s', tbl))
  from prod_rows order by tbl;
select ok(tests.changes_nothing(format('update public.%I set %I = %I', tbl, updatable, updatable)),
          format('anon updates nothing in %s', tbl))
  from prod_rows order by tbl;
select ok(tests.changes_nothing(format('delete from public.%I', tbl)), format('anon deletes nothing from %s', tbl))
  from prod_rows order by tbl;
select tests.clear_authentication();

-- ------------------------------------------------------------------ another organisation
select tests.authenticate_as('owner@beta.test');
select is_empty(format('select 1 from public.%I where %s', tbl, filter), format('beta''s owner sees no alpha %s', tbl))
  from prod_rows order by tbl;
select ok(tests.changes_nothing(format('update public.%I set %I = %I where %s', tbl, updatable, updatable, filter)),
          format('beta''s owner updates no alpha %s', tbl))
  from prod_rows order by tbl;
select ok(tests.changes_nothing(format('delete from public.%I where %s', tbl, filter)),
          format('beta''s owner deletes no alpha %s', tbl))
  from prod_rows order by tbl;
select ok(tests.changes_nothing(format($$insert into public.headphone_models (org_id, name, sku_prefix, complexity,
            base_production_hours, base_price) values (%L, 'Intruder', 'INT', 'low', 1, 1)$$, tests.id('org:alpha'))),
  'beta''s owner cannot add a model to alpha');
select ok(tests.changes_nothing(format($$insert into public.customers (org_id, name, email) values (%L, 'X', 'x@x.test')$$,
          tests.id('org:alpha'))), 'beta''s owner cannot add a customer to alpha');
select tests.clear_authentication();

-- ------------------------------------------------------------------ an alpha operator without a station session
select tests.authenticate_as('operator@alpha.test');
select is_empty(format('select 1 from public.%I where %s', tbl, filter),
                format('an operator off the station sees no %s', tbl))
  from prod_rows order by tbl;
select tests.clear_authentication();

-- ------------------------------------------------------------------ the operator PINed in on the station
select tests.act_as_operator('alpha', 'operator@alpha.test', 'A-OP-1');
select isnt_empty(format('select 1 from public.%I where %s', tbl, filter), format('the operator reads %s', tbl))
  from prod_rows where tbl in ('batch_settings', 'headphone_models', 'model_production_stages', 'orders',
                                'batches', 'batch_metadata', 'batch_orders', 'batch_events')
  order by tbl;
select is_empty(format('select 1 from public.%I where %s', tbl, filter), format('the operator does not see %s', tbl))
  from prod_rows where tbl in ('customers', 'order_internal_notes', 'order_status_history', 'order_tracking_tokens',
                                'shopify_shops', 'shopify_sku_review')
  order by tbl;
select is(
  (select count(*)::int from public.orders o left join public.order_internal_notes n on n.order_id = o.id
   where n.notes is not null),
  0, 'embedding internal notes into orders yields nothing for an operator');
select ok(tests.changes_nothing(format($$update public.orders set notes = 'x' where org_id = %L$$, tests.id('org:alpha'))),
  'the operator cannot edit orders');
select ok(tests.changes_nothing(format($$update public.batches set priority = 'rush' where org_id = %L$$, tests.id('org:alpha'))),
  'the operator cannot reprioritise batches');
select throws_ok(format($$update public.batches set current_stage = 'Sanding' where id = %L$$, tests.id('batch:alpha:1')),
  '42501', null, 'nobody moves a stage by a direct update (advance_batch does)');
select tests.clear_authentication();

-- beta's operator on beta's station sees nothing of alpha
select tests.act_as_operator('beta', 'operator@beta.test', 'B-OP-1');
select is_empty(format('select 1 from public.%I where %s', tbl, filter), format('beta''s operator sees no alpha %s', tbl))
  from prod_rows order by tbl;
select tests.clear_authentication();

-- ------------------------------------------------------------------ supervisors and managers
select tests.authenticate_as('supervisor@alpha.test');
select is((select notes from public.order_internal_notes where order_id = tests.id('order:alpha:1')),
  'SECRET-NOTE: customer is the owner''s cousin', 'a supervisor reads internal notes');
select isnt_empty(format('select 1 from public.customers where org_id = %L', tests.id('org:alpha')),
  'a supervisor reads customers');
select is(tests.rows_changed(format($$update public.batches set priority = 'rush' where id = %L$$, tests.id('batch:alpha:1'))),
  1, 'a supervisor may reprioritise a batch');
select ok(tests.changes_nothing(format($$update public.orders set notes = 'x' where org_id = %L$$, tests.id('org:alpha'))),
  'a supervisor cannot edit orders directly');
select ok(tests.changes_nothing(format($$update public.customers set name = 'x' where org_id = %L$$, tests.id('org:alpha'))),
  'a supervisor cannot edit customers');
select is_empty(format('select 1 from public.shopify_shops where org_id = %L', tests.id('org:alpha')),
  'a supervisor does not see the Shopify connection');
select tests.clear_authentication();

select tests.authenticate_as('manager@alpha.test');
select is(tests.rows_changed(format($$insert into public.headphone_models (org_id, name, sku_prefix, complexity,
            base_production_hours, base_price) values (%L, 'Odin', 'ODN', 'high', 9, 999)$$, tests.id('org:alpha'))),
  1, 'a manager adds a model');
select is(tests.rows_changed(format($$update public.order_internal_notes set notes = 'updated' where order_id = %L$$,
            tests.id('order:alpha:1'))), 1, 'a manager edits an internal note');
select is((select updated_by from public.order_internal_notes where order_id = tests.id('order:alpha:1')),
  tests.id('member:alpha:manager@alpha.test'), 'the note records its author');
select is(tests.rows_changed(format($$update public.shopify_sku_review set status = 'ignored' where org_id = %L$$,
            tests.id('org:alpha'))), 1, 'a manager resolves a review item');
select throws_ok('select token_hash from public.order_tracking_tokens', '42501', null,
  'not even a manager can read token hashes');
select throws_ok('select webhook_secret from public.shopify_shops', '42501', null,
  'nor the webhook secret');
select ok(tests.changes_nothing(format($$delete from public.order_status_history where org_id = %L$$, tests.id('org:alpha'))),
  'history cannot be deleted');
select ok(tests.changes_nothing(format($$update public.batch_events set reason = 'x' where org_id = %L$$, tests.id('org:alpha'))),
  'batch events cannot be rewritten');
select tests.clear_authentication();

select * from finish();
rollback;
