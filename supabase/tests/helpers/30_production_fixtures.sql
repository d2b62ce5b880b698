-- Production fixtures for pgTAP (load after 10_tenancy_fixtures.sql). Call after
-- tests.create_tenancy_fixture(). Writes as the superuser whatever role the test is in. Ids come
-- from tests.id():
--
--   tests.create_production_fixture()
--     alpha: models ATT "Atticus" (Sapele, Cherry, Walnut) and CAL "Caldera" (all woods), spec 04's
--            stage hours for both; customer ada@customers.test; orders 1–6 (pending, Atticus Walnut;
--            order 1 with an internal note and the tracking token tests.tracking_token('alpha'));
--            batch 1 at Intake holding orders 1 and 2; Shopify store alpha-test.myshopify.com
--     beta:  model BET "Beta One" (Walnut); customer bob@customers.test; order 1 (pending); batch 1 with it
--   ids: tests.id('model:<slug>:<SKU>'), tests.id('customer:<slug>'), tests.id('order:<slug>:<n>'),
--        tests.id('batch:<slug>:<n>'), tests.id('token:<slug>')
--   tests.tracking_token(slug)          the fixture's raw tracking token for order 1
--   tests.shopify_secret(slug)          the fixture store's webhook secret
--   tests.add_order(slug, n [, model_sku, wood])   one more pending order tests.id('order:<slug>:<n>')
--   tests.add_batch(slug, n, order_numbers int[]) a batch at the first stage with those orders
--   tests.stage(slug, n)                a batch's current stage
--   tests.order_status(slug, n)         an order's status

create or replace function tests.tracking_token(p_slug text) returns text
language sql immutable as $$
  select 'track-' || p_slug || '-' || left(md5('tracking:' || p_slug), 16)
$$;

create or replace function tests.shopify_secret(p_slug text) returns text
language sql immutable as $$
  select 'shpss_' || md5('shopify:' || p_slug)
$$;

create or replace function tests.add_order(
  p_slug text, p_n integer, p_model_sku text default null, p_wood public.wood_type default 'Walnut'
) returns uuid
language plpgsql security definer set search_path = '' as $$
declare
  v_id uuid := tests.id('order:' || p_slug || ':' || p_n);
  v_org uuid := tests.id('org:' || p_slug);
begin
  insert into public.orders (id, org_id, order_number, customer_id, model_id, wood_type, price, due_date)
    values (v_id, v_org, upper(p_slug) || '-' || p_n, tests.id('customer:' || p_slug),
            tests.id('model:' || p_slug || ':' || coalesce(p_model_sku, case p_slug when 'beta' then 'BET' else 'ATT' end)),
            p_wood, 499, current_date + 20 + p_n);
  return v_id;
end $$;

create or replace function tests.add_batch(p_slug text, p_n integer, p_orders integer[]) returns uuid
language plpgsql security definer set search_path = '' as $$
declare
  v_id uuid := tests.id('batch:' || p_slug || ':' || p_n);
  v_org uuid := tests.id('org:' || p_slug);
begin
  insert into public.batches (id, org_id, batch_number, target_completion)
    values (v_id, v_org, upper(p_slug) || '-B' || p_n, current_date + 14);
  insert into public.batch_orders (org_id, batch_id, order_id)
    select v_org, v_id, tests.id('order:' || p_slug || ':' || n) from unnest(p_orders) n;
  return v_id;
end $$;

create or replace function tests.stage(p_slug text, p_n integer) returns text
language sql stable security definer set search_path = '' as $$
  select b.current_stage from public.batches b where b.id = tests.id('batch:' || p_slug || ':' || p_n)
$$;

create or replace function tests.order_status(p_slug text, p_n integer) returns public.order_status
language sql stable security definer set search_path = '' as $$
  select o.status from public.orders o where o.id = tests.id('order:' || p_slug || ':' || p_n)
$$;

create or replace function tests.create_production_fixture() returns void
language plpgsql security definer set search_path = '' as $$
declare
  v_alpha uuid := tests.id('org:alpha');
  v_beta uuid := tests.id('org:beta');
begin
  insert into public.headphone_models (id, org_id, name, sku_prefix, complexity, base_production_hours, wood_types, base_price)
  values
    (tests.id('model:alpha:ATT'), v_alpha, 'Atticus', 'ATT', 'medium', 6, '{Sapele,Cherry,Walnut}', 499),
    (tests.id('model:alpha:CAL'), v_alpha, 'Caldera', 'CAL', 'very_high', 14,
     '{Sapele,Cherry,Walnut,Cocobolo,Ziricote}', 3499),
    (tests.id('model:beta:BET'), v_beta, 'Beta One', 'BET', 'low', 4, '{Walnut}', 199);
  insert into public.model_production_stages (org_id, model_id, stage, estimated_hours, display_order, quality_checklist)
  select m.org_id, m.id, s.stage, s.hours, s.ord, '[{"key": "ok", "label": "Looks right"}]'
  from public.headphone_models m
  cross join (values ('Intake', 0.5, 1), ('Sanding', 2.0, 2), ('Finishing', 1.5, 3),
                     ('Sub-Assembly', 2.0, 4), ('Final Assembly', 2.5, 5), ('Acoustic QC', 1.0, 6),
                     ('Shipping', 0.5, 7)) s (stage, hours, ord)
  where m.org_id in (v_alpha, v_beta);

  insert into public.customers (id, org_id, name, email, phone, shipping_address) values
    (tests.id('customer:alpha'), v_alpha, 'Ada Lovelace', 'ada@customers.test', '+1 555 0100',
     '{"address1": "1 Analytical Way", "city": "London", "country_code": "GB"}'),
    (tests.id('customer:beta'), v_beta, 'Bob Builder', 'bob@customers.test', null, null);

  for i in 1 .. 6 loop
    perform tests.add_order('alpha', i);
  end loop;
  perform tests.add_order('beta', 1);

  insert into public.order_internal_notes (order_id, org_id, notes)
    values (tests.id('order:alpha:1'), v_alpha, 'SECRET-NOTE: customer is the owner''s cousin');
  insert into public.order_tracking_tokens (id, org_id, order_id, token_hash, label)
    values (tests.id('token:alpha'), v_alpha, tests.id('order:alpha:1'),
            app.tracking_token_hash(tests.tracking_token('alpha')), 'fixture');
  insert into public.order_tracking_tokens (id, org_id, order_id, token_hash, label)
    values (tests.id('token:beta'), v_beta, tests.id('order:beta:1'),
            app.tracking_token_hash(tests.tracking_token('beta')), 'fixture');

  perform tests.add_batch('alpha', 1, array[1, 2]);
  perform tests.add_batch('beta', 1, array[1]);

  insert into public.shopify_shops (id, org_id, shop_domain, webhook_secret)
    values (tests.id('shop:alpha'), v_alpha, 'alpha-test.myshopify.com', tests.shopify_secret('alpha'));
end $$;

grant execute on all functions in schema tests to anon, authenticated, service_role;
