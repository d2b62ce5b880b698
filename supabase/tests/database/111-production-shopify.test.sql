-- Shopify: HMAC check in SQL (the secret never leaves the database), connecting a store, and
-- upsert_shopify_order with Shopify's orders/create and orders/updated payload shape: SKU mapping,
-- review list, one order per unit, replays that never duplicate, stale payloads, cancellations.
begin;
select plan(27);
select tests.create_tenancy_fixture();
select tests.create_production_fixture();

create temporary table payload (v jsonb) on commit drop;
grant select on payload to service_role, authenticated;
-- the shape of Shopify's orders/create webhook (REST Admin API 2025-07), trimmed to what matters
insert into payload values ($json${
  "id": 820982911946154508, "admin_graphql_api_id": "gid://shopify/Order/820982911946154508",
  "name": "#1001", "order_number": 1001, "email": "jon@example.com", "contact_email": "jon@example.com",
  "created_at": "2026-11-20T10:00:00-05:00", "updated_at": "2026-11-20T10:00:05-05:00", "cancelled_at": null,
  "currency": "USD", "financial_status": "paid", "fulfillment_status": null, "note": "Please gift wrap",
  "tags": "vip, rush", "total_price": "7996.00",
  "customer": {"id": 115310627314723954, "email": "jon@example.com", "first_name": "Jon", "last_name": "Snow",
               "phone": "+16135551111", "currency": "USD"},
  "shipping_address": {"first_name": "Jon", "last_name": "Snow", "address1": "123 Wall St", "city": "Ottawa",
                       "province": "Ontario", "province_code": "ON", "zip": "K2P 1L4", "country": "Canada",
                       "country_code": "CA", "phone": "+16135551111", "name": "Jon Snow", "company": null},
  "billing_address": {"first_name": "Jon", "last_name": "Snow", "address1": "123 Wall St", "city": "Ottawa",
                      "country_code": "CA", "name": "Jon Snow"},
  "line_items": [
    {"id": 866550311766439020, "variant_id": 808950810, "product_id": 632910392, "title": "Atticus",
     "variant_title": "Walnut", "sku": "ATT-WAL", "quantity": 1, "current_quantity": 1, "price": "499.00",
     "gift_card": false, "properties": [{"name": "Engraving", "value": "Winter is coming"}, {"name": "_hidden", "value": "x"}]},
    {"id": 141249953214522974, "variant_id": 808950811, "product_id": 632910393, "title": "Caldera",
     "variant_title": "Ziricote / Balanced cable", "sku": "cal", "quantity": 2, "current_quantity": 2,
     "price": "3499.00", "gift_card": false, "properties": []},
    {"id": 141249953214522975, "title": "Balanced cable", "variant_title": null, "sku": "CBL-XLR4",
     "quantity": 1, "current_quantity": 1, "price": "149.00", "gift_card": false, "properties": []},
    {"id": 141249953214522976, "title": "Atticus", "variant_title": "Cocobolo", "sku": "ATT-COC",
     "quantity": 1, "current_quantity": 1, "price": "799.00", "gift_card": false, "properties": []},
    {"id": 141249953214522977, "title": "Gift card", "sku": "", "quantity": 1, "price": "50.00", "gift_card": true}
  ]
}$json$);

-- ------------------------------------------------------------------ the webhook signature
select tests.authenticate_as_service_role();
select is(public.shopify_webhook_org('alpha-test.myshopify.com', (select v::text from payload),
            encode(extensions.hmac(convert_to((select v::text from payload), 'UTF8'),
                                   convert_to(tests.shopify_secret('alpha'), 'UTF8'), 'sha256'), 'base64')),
  tests.id('org:alpha'), 'a correctly signed body answers with the organisation');
select throws_ok(format($$select public.shopify_webhook_org('alpha-test.myshopify.com', '{}', %L)$$,
                        encode(extensions.hmac('{} ', tests.shopify_secret('alpha'), 'sha256'), 'base64')),
  'PT401', 'Webhook signature not valid for this shop', 'a body that does not match its signature is refused');
select throws_ok($$select public.shopify_webhook_org('nobody.myshopify.com', '{}', 'AAAA')$$,
  'PT401', 'Webhook signature not valid for this shop', 'an unknown shop gets the same answer');
select tests.clear_authentication();
select tests.authenticate_as('owner@alpha.test');
select throws_ok($$select public.shopify_webhook_org('alpha-test.myshopify.com', '{}', 'AAAA')$$, '42501', null,
  'signed-in users cannot probe signatures');
select throws_ok(format($$select public.upsert_shopify_order(%L, '{}')$$, tests.id('org:alpha')), '42501', null,
  'nor import orders');
select tests.clear_authentication();

-- ------------------------------------------------------------------ connecting a store
select tests.authenticate_as('manager@alpha.test');
select throws_ok(format($$select public.set_shopify_shop(%L, 'alpha-two.myshopify.com', 'secret-secret-secret')$$,
                        tests.id('org:alpha')), 'PT403', null, 'a manager cannot connect a store');
select tests.clear_authentication();
select tests.authenticate_as('admin@alpha.test');
select is((public.set_shopify_shop(tests.id('org:alpha'), 'Alpha-Two.myshopify.com', 'secret-secret-secret')) ? 'webhook_secret',
  false, 'an admin connects a store; the answer has no secret');
select tests.clear_authentication();
select tests.authenticate_as('owner@beta.test');
select throws_ok(format($$select public.set_shopify_shop(%L, 'alpha-two.myshopify.com', 'secret-secret-secret')$$,
                        tests.id('org:beta')), 'PT409', null, 'a store belongs to one organisation');
select tests.clear_authentication();

-- ------------------------------------------------------------------ orders/create
select tests.authenticate_as_service_role();
create temporary table first_import on commit drop as
  select public.upsert_shopify_order(tests.id('org:alpha'), (select v from payload)) as r;
select is((select jsonb_agg(o ->> 'order_number' order by o ->> 'order_number') from first_import, jsonb_array_elements(r -> 'orders') o),
  '["#1001", "#1001-2", "#1001-3"]', 'one production order per headphone unit, numbered by Shopify''s name');
select is((select jsonb_agg(x ->> 'reason' order by x ->> 'reason') from first_import, jsonb_array_elements(r -> 'review') x),
  '["unknown_sku", "wood_not_allowed"]', 'the cable and the Cocobolo Atticus go to the review list, not an error');
select is((select jsonb_array_length(r -> 'tracking') from first_import), 3, 'each new order gets a tracking link');
select results_eq(
  $$ select m.sku_prefix, o.wood_type::text, o.priority::text, o.price from public.orders o
     join public.headphone_models m on m.id = o.model_id where o.shopify_order_id = '820982911946154508'
     order by o.order_number $$,
  $$ values ('ATT', 'Walnut', 'rush', 499.00), ('CAL', 'Ziricote', 'rush', 3499.00), ('CAL', 'Ziricote', 'rush', 3499.00) $$,
  'SKU prefix → model, SKU or variant → wood, rush tag → priority, line price → price');
select is((select customizations from public.orders where order_number = '#1001' and org_id = tests.id('org:alpha')),
  '{"Engraving": "Winter is coming"}', 'line properties become customizations (hidden ones dropped)');
select results_eq(
  $$ select name, email, shopify_customer_id, shipping_address ->> 'city' from public.customers where email = 'jon@example.com' $$,
  $$ values ('Jon Snow', 'jon@example.com', '115310627314723954', 'Ottawa') $$,
  'the customer is upserted with Shopify''s id and address');
select is((select count(*)::int from public.order_status_history h join public.orders o on o.id = h.order_id
           where o.shopify_order_id = '820982911946154508' and h.source = 'shopify'), 3,
  'the history says the orders came from Shopify');

-- a replay (Shopify retries) duplicates nothing
create temporary table replay on commit drop as
  select public.upsert_shopify_order(tests.id('org:alpha'), (select v from payload)) as r;
select is((select count(*)::int from public.orders where shopify_order_id = '820982911946154508'), 3, 'a replay creates no orders');
select is((select bool_or((o ->> 'created')::boolean) from replay, jsonb_array_elements(r -> 'orders') o), false,
  'and says so');
select is((select jsonb_array_length(r -> 'tracking') from replay), 0, 'no new tracking links');
select is((select count(*)::int from public.shopify_sku_review where shopify_order_id = '820982911946154508'), 2,
  'no duplicate review items');
select is((select count(*)::int from public.customers where email = 'jon@example.com'), 1, 'one customer');

-- an older payload arriving late changes nothing
select is((public.upsert_shopify_order(tests.id('org:alpha'),
             (select jsonb_set(v, '{updated_at}', '"2026-11-20T09:00:00-05:00"') from payload))) ->> 'skipped',
  'stale', 'a payload older than the last applied is skipped');

-- ------------------------------------------------------------------ orders/updated
-- one Caldera fewer; the first unit went into a batch meanwhile
select tests.clear_authentication();
select tests.authenticate_as('supervisor@alpha.test');
select public.create_batch_from_orders(tests.id('org:alpha'),
  array[(select id from public.orders where order_number = '#1001-2' and org_id = tests.id('org:alpha'))]);
select tests.clear_authentication();
select tests.authenticate_as_service_role();
select lives_ok($$select public.upsert_shopify_order(tests.id('org:alpha'),
  (select jsonb_set(jsonb_set(v, '{updated_at}', '"2026-11-21T08:00:00-05:00"'), '{line_items,1,current_quantity}', '1')
   from payload))$$, 'an orders/updated payload with one Caldera fewer');
select is((select string_agg(order_number || ':' || status, ', ' order by order_number) from public.orders
           where shopify_order_id = '820982911946154508'),
  '#1001:pending, #1001-2:in_production, #1001-3:cancelled', 'the removed unit is cancelled, the rest untouched');

select lives_ok($$select public.upsert_shopify_order(tests.id('org:alpha'),
  (select jsonb_set(jsonb_set(v, '{updated_at}', '"2026-11-22T08:00:00-05:00"'), '{cancelled_at}', '"2026-11-22T08:00:00-05:00"')
   from payload))$$, 'Shopify cancels the order');
select is((select string_agg(distinct status::text, ',') from public.orders where shopify_order_id = '820982911946154508'),
  'cancelled', 'every unit is cancelled');
select is_empty($$ select 1 from public.batch_orders bo join public.orders o on o.id = bo.order_id
                   where o.shopify_order_id = '820982911946154508' and not bo.batch_is_complete $$,
  'and the unit in production left its batch');

-- a guest checkout without an e-mail still imports
create temporary table guest on commit drop as
  select public.upsert_shopify_order(tests.id('org:alpha'),
           '{"id": 5, "name": "#1002", "updated_at": "2026-11-22T08:00:00Z", "customer": null,
             "line_items": [{"id": 9, "sku": "ATT-SAP", "quantity": 1, "price": "499.00"}]}') as r;
select is((select c.email from public.customers c where c.id = (select (r ->> 'customer_id')::uuid from guest)),
  'order-5@shopify-customers.invalid', 'an order without an e-mail gets a synthetic .invalid customer address');
select tests.clear_authentication();

select * from finish();
rollback;
