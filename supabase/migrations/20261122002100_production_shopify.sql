-- Shopify: the shop of each organisation with its webhook secret, the review list for line items
-- that match no model/wood, and upsert_shopify_order() for the webhook handler.
--
-- The webhook secret never leaves the database: the handler (service role) passes the raw body and
-- the X-Shopify-Hmac-Sha256 header to shopify_webhook_org(), which checks the HMAC here and answers
-- with the organisation. No API role can select the secret column.

-- ------------------------------------------------------------------ shops
create table public.shopify_shops (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organisations (id) on delete cascade,
  shop_domain text not null unique check (shop_domain ~ '^[a-z0-9][a-z0-9-]*\.myshopify\.com$'),
  webhook_secret text not null check (length(webhook_secret) between 16 and 200),
  is_active boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (org_id, id)
);
comment on table public.shopify_shops is
  'The Shopify store(s) feeding an organisation''s orders. Managers+ see which; admins+ connect one with '
  'set_shopify_shop(). webhook_secret is readable by no API role (the HMAC is checked in SQL: '
  'shopify_webhook_org).';
comment on column public.shopify_shops.shop_domain is 'x-shopify-shop-domain header value, e.g. aurora-audio.myshopify.com.';
comment on column public.shopify_shops.webhook_secret is
  'The secret Shopify signs webhooks with (the app''s client secret, or the store''s notification key). Never selectable.';

create index shopify_shops_org_idx on public.shopify_shops (org_id);
create trigger shopify_shops_set_updated_at before update on public.shopify_shops
  for each row execute function app.set_updated_at();
create trigger shopify_shops_audit after insert or update or delete on public.shopify_shops
  for each row execute function app.audit_row('redact:webhook_secret');

alter table public.shopify_shops enable row level security;
create policy shopify_shops_select on public.shopify_shops for select to authenticated
  using (org_id = any (array(select app.my_org_ids('manager'))));
create policy shopify_shops_insert on public.shopify_shops for insert to authenticated with check (false);
create policy shopify_shops_update on public.shopify_shops for update to authenticated using (false);
create policy shopify_shops_delete on public.shopify_shops for delete to authenticated using (false);

revoke all on public.shopify_shops from public, anon, authenticated, service_role;
grant select (id, org_id, shop_domain, is_active, created_at, updated_at) on public.shopify_shops
  to authenticated, service_role;

-- ------------------------------------------------------------------ review list
create table public.shopify_sku_review (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organisations (id) on delete cascade,
  shopify_order_id text not null,
  shopify_order_name text,
  shopify_line_item_id text not null,
  sku text,
  title text,
  variant_title text,
  quantity integer,
  reason text not null check (reason in ('unknown_sku', 'unknown_wood', 'wood_not_allowed', 'changed_in_production')),
  line_item jsonb not null,
  status text not null default 'open' check (status in ('open', 'resolved', 'ignored')),
  resolution_note text check (length(resolution_note) <= 1000),
  resolved_by uuid,
  resolved_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (org_id, shopify_order_id, shopify_line_item_id, reason),
  foreign key (org_id, resolved_by) references public.members (org_id, id) on delete set null (resolved_by)
);
comment on table public.shopify_sku_review is
  'Shopify line items the webhook could not turn into production orders (unknown SKU, wood missing or not '
  'offered for the model, a change to an order already in production). Not an error: the rest of the '
  'order is imported. Managers+ resolve or ignore them. A redelivered webhook updates, never duplicates.';
comment on column public.shopify_sku_review.reason is
  'unknown_sku: no model''s sku_prefix matches; unknown_wood: no wood in SKU, properties or variant; '
  'wood_not_allowed: the model is not made in that wood; changed_in_production: model/wood changed in Shopify '
  'after production started (not applied).';

create index shopify_sku_review_org_status_idx on public.shopify_sku_review (org_id, status, created_at desc);
create index shopify_sku_review_resolved_by_idx on public.shopify_sku_review (org_id, resolved_by);
create trigger shopify_sku_review_set_updated_at before update on public.shopify_sku_review
  for each row execute function app.set_updated_at();

create function app.sku_review_resolution() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if new.status is distinct from old.status then
    new.resolved_at := case when new.status = 'open' then null else now() end;
    new.resolved_by := case when new.status = 'open' then null else app.actor_member_id(new.org_id) end;
  end if;
  return new;
end $$;
comment on function app.sku_review_resolution() is 'Trigger: stamps who resolved or ignored a review row, and when.';
create trigger shopify_sku_review_resolution before update on public.shopify_sku_review
  for each row execute function app.sku_review_resolution();

alter table public.shopify_sku_review enable row level security;
create policy shopify_sku_review_select on public.shopify_sku_review for select to authenticated
  using (org_id = any (array(select app.my_org_ids('manager'))));
create policy shopify_sku_review_insert on public.shopify_sku_review for insert to authenticated with check (false);
create policy shopify_sku_review_update on public.shopify_sku_review for update to authenticated
  using (org_id = any (array(select app.my_org_ids('manager'))))
  with check (org_id = any (array(select app.my_org_ids('manager'))));
create policy shopify_sku_review_delete on public.shopify_sku_review for delete to authenticated using (false);

revoke all on public.shopify_sku_review from public, anon, authenticated, service_role;
grant select on public.shopify_sku_review to authenticated, service_role;
grant update (status, resolution_note) on public.shopify_sku_review to authenticated;

-- ------------------------------------------------------------------ connecting a shop
create function public.set_shopify_shop(
  p_org_id uuid, p_shop_domain text, p_webhook_secret text, p_is_active boolean default true
) returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_domain text := lower(btrim(p_shop_domain));
  v_row public.shopify_shops;
begin
  perform app.require_production_role(p_org_id, 'admin');
  if v_domain is null or v_domain !~ '^[a-z0-9][a-z0-9-]*\.myshopify\.com$' then
    perform app.invalid('shop_domain', 'Use the store''s myshopify.com domain, e.g. my-store.myshopify.com');
  end if;
  if p_webhook_secret is null or length(p_webhook_secret) not between 16 and 200 then
    perform app.invalid('webhook_secret', 'Paste the webhook signing secret from Shopify');
  end if;
  if exists (select 1 from public.shopify_shops s where s.shop_domain = v_domain and s.org_id <> p_org_id) then
    raise exception using errcode = 'PT409', message = 'That store is connected to another organisation',
      detail = 'shop_domain';
  end if;
  insert into public.shopify_shops (org_id, shop_domain, webhook_secret, is_active)
    values (p_org_id, v_domain, p_webhook_secret, coalesce(p_is_active, true))
    on conflict (shop_domain) do update set webhook_secret = excluded.webhook_secret, is_active = excluded.is_active
    returning * into v_row;
  return jsonb_build_object('id', v_row.id, 'org_id', v_row.org_id, 'shop_domain', v_row.shop_domain,
                            'is_active', v_row.is_active);
end $$;
comment on function public.set_shopify_shop(uuid, text, text, boolean) is
  'Connects (or updates) a Shopify store and its webhook secret (admins+). Returns {id, org_id, shop_domain, '
  'is_active} — never the secret. Errors: PT403, PT409 shop_domain, 22023 (shop_domain, webhook_secret).';

-- For the webhook handler (service role): the organisation whose store signed this body.
create function public.shopify_webhook_org(p_shop_domain text, p_body text, p_hmac text) returns uuid
language plpgsql stable security definer set search_path = '' as $$
declare
  v_shop public.shopify_shops;
  v_expected text;
begin
  select * into v_shop from public.shopify_shops s
    where s.shop_domain = lower(btrim(p_shop_domain)) and s.is_active;
  -- same work whether or not the shop exists
  v_expected := encode(extensions.hmac(convert_to(coalesce(p_body, ''), 'UTF8'),
                                       convert_to(coalesce(v_shop.webhook_secret, 'no-such-shop'), 'UTF8'), 'sha256'),
                       'base64');
  if v_shop.id is null or p_hmac is null
     or extensions.digest(v_expected, 'sha256') <> extensions.digest(btrim(p_hmac), 'sha256') then
    raise exception using errcode = 'PT401', message = 'Webhook signature not valid for this shop';
  end if;
  return v_shop.org_id;
end $$;
comment on function public.shopify_webhook_org(text, text, text) is
  'Service role only: verifies X-Shopify-Hmac-Sha256 (base64 HMAC-SHA256 of the raw body with the shop''s '
  'secret) and returns the organisation id. Errors: PT401 (unknown/inactive shop or bad signature).';

-- ------------------------------------------------------------------ mapping line items
create function app.wood_from_text(p_text text) returns public.wood_type
language sql immutable set search_path = '' as $$
  select w from unnest(enum_range(null::public.wood_type)) w
  where upper(btrim(p_text)) in (upper(w::text), upper(left(w::text, 3)))
  limit 1
$$;
comment on function app.wood_from_text(text) is 'A wood from its name or three-letter code (WAL, COC …), case-insensitive.';

-- {model_id, wood, reason}: reason null when the line maps to a model and an allowed wood.
create function app.map_shopify_line_item(p_org_id uuid, p_line jsonb) returns jsonb
language plpgsql stable security definer set search_path = '' as $$
declare
  v_sku text := upper(btrim(p_line ->> 'sku'));
  v_model public.headphone_models;
  v_wood public.wood_type;
begin
  if v_sku is not null and v_sku <> '' then
    select * into v_model from public.headphone_models m
      where m.org_id = p_org_id and (v_sku = m.sku_prefix or v_sku like m.sku_prefix || '-%')
      order by length(m.sku_prefix) desc limit 1;
  end if;
  if v_model.id is null then
    return jsonb_build_object('reason', 'unknown_sku');
  end if;
  -- wood: the SKU's second part (ATT-WAL), else a "Wood" property, else a variant option
  v_wood := app.wood_from_text(split_part(v_sku, '-', 2));
  if v_wood is null then
    select app.wood_from_text(p ->> 'value') into v_wood
      from jsonb_array_elements(case when jsonb_typeof(p_line -> 'properties') = 'array' then p_line -> 'properties'
                                     else '[]'::jsonb end) p
      where lower(p ->> 'name') in ('wood', 'wood type', 'wood_type') limit 1;
  end if;
  if v_wood is null then
    select app.wood_from_text(x) into v_wood
      from unnest(string_to_array(coalesce(p_line ->> 'variant_title', ''), ' / ')) x
      where app.wood_from_text(x) is not null limit 1;
  end if;
  if v_wood is null then
    return jsonb_build_object('model_id', v_model.id, 'reason', 'unknown_wood');
  end if;
  if not (v_wood = any (v_model.wood_types)) then
    return jsonb_build_object('model_id', v_model.id, 'wood', v_wood, 'reason', 'wood_not_allowed');
  end if;
  return jsonb_build_object('model_id', v_model.id, 'wood', v_wood, 'reason', null);
end $$;
comment on function app.map_shopify_line_item(uuid, jsonb) is
  'Maps a Shopify line item by SKU prefix (longest match) to a model and wood; reason says why not.';

create function app.shopify_review(p_org_id uuid, p_payload jsonb, p_line jsonb, p_reason text) returns void
language sql volatile security definer set search_path = '' as $$
  insert into public.shopify_sku_review (org_id, shopify_order_id, shopify_order_name, shopify_line_item_id, sku, title,
                                         variant_title, quantity, reason, line_item)
  values (p_org_id, p_payload ->> 'id', p_payload ->> 'name', p_line ->> 'id', p_line ->> 'sku', p_line ->> 'title',
          p_line ->> 'variant_title', coalesce((p_line ->> 'current_quantity')::integer, (p_line ->> 'quantity')::integer),
          p_reason, p_line)
  on conflict (org_id, shopify_order_id, shopify_line_item_id, reason)
    do update set line_item = excluded.line_item, quantity = excluded.quantity, sku = excluded.sku
$$;
comment on function app.shopify_review(uuid, jsonb, jsonb, text) is 'Puts a line item on the review list (once per order, line and reason).';

-- Cancels one order on Shopify's word (taking it out of its unfinished batch).
create function app.shopify_cancel(p_order public.orders, p_reason text) returns void
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_batch_id uuid;
begin
  if p_order.status in ('shipped', 'delivered', 'cancelled') then
    return;
  end if;
  select bo.batch_id into v_batch_id from public.batch_orders bo where bo.order_id = p_order.id and not bo.batch_is_complete;
  if v_batch_id is not null then
    perform set_config('floorline.batch_move', 'on', true);
    delete from public.batch_orders bo where bo.order_id = p_order.id and bo.batch_id = v_batch_id;
    perform set_config('floorline.batch_move', '', true);
    perform app.log_batch_event(p_order.org_id, v_batch_id, 'order_removed', null, null, null, p_reason, array[p_order.id]);
  end if;
  perform app.set_reason(p_reason);
  update public.orders o set status = 'cancelled' where o.id = p_order.id;
end $$;
comment on function app.shopify_cancel(public.orders, text) is 'Cancels an order because Shopify says so.';

-- ------------------------------------------------------------------ upsert_shopify_order
create function public.upsert_shopify_order(p_org_id uuid, p_payload jsonb) returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_shop_id text := nullif(btrim(p_payload ->> 'id'), '');
  v_name text;
  v_updated timestamptz;
  v_cancelled boolean := nullif(p_payload ->> 'cancelled_at', '') is not null;
  v_cust jsonb := case when jsonb_typeof(p_payload -> 'customer') = 'object' then p_payload -> 'customer' else '{}' end;
  v_email text;
  v_cust_name text;
  v_customer_id uuid;
  v_priority public.batch_priority := 'standard'::public.batch_priority;
  v_line jsonb;
  v_map jsonb;
  v_qty integer;
  v_seq integer := 0;
  v_order public.orders;
  v_number text;
  v_custom jsonb;
  v_results jsonb := '[]'::jsonb;
  v_review jsonb := '[]'::jsonb;
  v_tracking jsonb := '[]'::jsonb;
  v_token jsonb;
  v_created boolean;
begin
  if not (app.is_service_role() or (select auth.role()) is null) then
    raise exception using errcode = 'PT403', message = 'Only the webhook handler (service role) imports Shopify orders';
  end if;
  if not exists (select 1 from public.organisations o where o.id = p_org_id) then
    raise exception using errcode = 'PT404', message = 'Organisation not found', detail = 'org_id';
  end if;
  if jsonb_typeof(p_payload) is distinct from 'object' or v_shop_id is null then
    perform app.invalid('payload', 'Not a Shopify order payload (no id)');
  end if;
  if jsonb_typeof(p_payload -> 'line_items') is distinct from 'array' then
    perform app.invalid('payload.line_items', 'The order has no line_items array');
  end if;
  v_name := coalesce(nullif(btrim(p_payload ->> 'name'), ''), '#' || nullif(p_payload ->> 'order_number', ''), v_shop_id);
  begin
    v_updated := coalesce((p_payload ->> 'updated_at')::timestamptz, (p_payload ->> 'created_at')::timestamptz, now());
  exception when others then
    perform app.invalid('payload.updated_at', 'updated_at is not a timestamp');
  end;

  -- one delivery of this Shopify order at a time (orders/create and orders/updated often race)
  perform pg_advisory_xact_lock(hashtextextended('floorline.shopify:' || p_org_id || ':' || v_shop_id, 0));

  -- an older payload than one already applied changes nothing (Shopify does not guarantee order)
  if exists (select 1 from public.orders o where o.org_id = p_org_id and o.shopify_order_id = v_shop_id
                                           and o.shopify_updated_at > v_updated) then
    return jsonb_build_object('skipped', 'stale', 'orders',
      (select coalesce(jsonb_agg(jsonb_build_object('id', o.id, 'order_number', o.order_number, 'status', o.status,
                                                    'created', false) order by o.order_number), '[]'::jsonb)
       from public.orders o where o.org_id = p_org_id and o.shopify_order_id = v_shop_id),
      'review', '[]'::jsonb, 'tracking', '[]'::jsonb);
  end if;

  perform set_config('floorline.status_source', 'shopify', true);

  -- the customer
  v_email := lower(coalesce(nullif(btrim(v_cust ->> 'email'), ''), nullif(btrim(p_payload ->> 'email'), ''),
                            nullif(btrim(p_payload ->> 'contact_email'), '')));
  if v_email is null or v_email !~ '^[^@\s]+@[^@\s]+$' then
    v_email := coalesce(v_cust ->> 'id', 'order-' || v_shop_id) || '@shopify-customers.invalid';
  end if;
  v_cust_name := coalesce(
    nullif(btrim(concat_ws(' ', v_cust ->> 'first_name', v_cust ->> 'last_name')), ''),
    nullif(btrim(p_payload -> 'shipping_address' ->> 'name'), ''),
    nullif(btrim(p_payload -> 'billing_address' ->> 'name'), ''),
    split_part(v_email, '@', 1));
  v_customer_id := app.upsert_customer(p_org_id, jsonb_build_object(
    'name', left(v_cust_name, 200), 'email', v_email,
    'phone', left(coalesce(v_cust ->> 'phone', p_payload ->> 'phone', p_payload -> 'shipping_address' ->> 'phone'), 40),
    'shipping_address', case when jsonb_typeof(p_payload -> 'shipping_address') = 'object' then p_payload -> 'shipping_address' end,
    'billing_address', case when jsonb_typeof(p_payload -> 'billing_address') = 'object' then p_payload -> 'billing_address' end),
    nullif(v_cust ->> 'id', ''));

  if exists (select 1 from unnest(string_to_array(lower(coalesce(p_payload ->> 'tags', '')), ',')) t
             where btrim(t) in ('rush', 'priority', 'express')) then
    v_priority := 'rush';
  end if;

  -- the line items: one production order per unit of a headphone
  for v_line in select l from jsonb_array_elements(p_payload -> 'line_items') l loop
    if coalesce((v_line ->> 'gift_card')::boolean, false) or nullif(v_line ->> 'id', '') is null then
      continue;
    end if;
    v_qty := greatest(coalesce((v_line ->> 'current_quantity')::integer, (v_line ->> 'quantity')::integer, 1), 0);
    v_map := app.map_shopify_line_item(p_org_id, v_line);
    if v_map ->> 'reason' is not null then
      perform app.shopify_review(p_org_id, p_payload, v_line, v_map ->> 'reason');
      v_review := v_review || jsonb_build_object('line_item_id', v_line ->> 'id', 'sku', v_line ->> 'sku',
                                                 'reason', v_map ->> 'reason');
      continue;
    end if;
    select coalesce(jsonb_object_agg(p ->> 'name', p -> 'value'), '{}'::jsonb) into v_custom
      from jsonb_array_elements(case when jsonb_typeof(v_line -> 'properties') = 'array' then v_line -> 'properties'
                                     else '[]'::jsonb end) p
      where p ->> 'name' is not null and lower(p ->> 'name') not in ('wood', 'wood type', 'wood_type')
        and left(p ->> 'name', 1) <> '_';

    -- units beyond the current quantity that exist from an earlier payload get cancelled below
    for v_unit in 1 .. greatest(v_qty, 1, (
        select max(o.shopify_unit) from public.orders o
        where o.org_id = p_org_id and o.shopify_order_id = v_shop_id and o.shopify_line_item_id = v_line ->> 'id')) loop
      select * into v_order from public.orders o
        where o.org_id = p_org_id and o.shopify_order_id = v_shop_id and o.shopify_line_item_id = v_line ->> 'id'
          and o.shopify_unit = v_unit
        for update;
      v_created := false;
      if v_order.id is null then
        if v_cancelled or v_unit > v_qty then
          continue;
        end if;
        v_seq := v_seq + 1;
        v_number := v_name || case when v_seq > 1 then '-' || v_seq else '' end;
        if exists (select 1 from public.orders o where o.org_id = p_org_id and o.order_number = v_number) then
          v_number := left(v_number || '-' || right(v_line ->> 'id', 6) || '-' || v_unit, 40);
        end if;
        perform app.set_reason('Shopify order ' || v_name);
        insert into public.orders (org_id, order_number, shopify_order_id, shopify_line_item_id, shopify_unit,
                                   shopify_updated_at, customer_id, model_id, wood_type, customizations, notes, priority,
                                   price)
          values (p_org_id, v_number, v_shop_id, v_line ->> 'id', v_unit, v_updated, v_customer_id,
                  (v_map ->> 'model_id')::uuid, (v_map ->> 'wood')::public.wood_type, v_custom,
                  left(nullif(btrim(p_payload ->> 'note'), ''), 4000), v_priority,
                  nullif(v_line ->> 'price', '')::numeric)
          returning * into v_order;
        v_created := true;
        v_token := app.issue_tracking_token(v_order.id, 'Shopify ' || v_name);
        v_tracking := v_tracking || jsonb_build_array(
                        jsonb_build_object('order_id', v_order.id, 'order_number', v_order.order_number) || v_token);
      else
        v_seq := v_seq + 1;
        if v_cancelled then
          perform app.shopify_cancel(v_order, 'Cancelled in Shopify');
        elsif v_unit > v_qty then
          perform app.shopify_cancel(v_order, 'Removed from the order in Shopify');
        else
          if (v_order.model_id, v_order.wood_type) is distinct from ((v_map ->> 'model_id')::uuid, (v_map ->> 'wood')::public.wood_type) then
            if v_order.status in ('pending', 'on_hold') then
              update public.orders o set model_id = (v_map ->> 'model_id')::uuid, wood_type = (v_map ->> 'wood')::public.wood_type
                where o.id = v_order.id;
            elsif v_order.status <> 'cancelled' then
              perform app.shopify_review(p_org_id, p_payload, v_line, 'changed_in_production');
              v_review := v_review || jsonb_build_object('line_item_id', v_line ->> 'id', 'sku', v_line ->> 'sku',
                                                         'reason', 'changed_in_production');
            end if;
          end if;
          update public.orders o
            set customer_id = v_customer_id, customizations = v_custom,
                notes = left(nullif(btrim(p_payload ->> 'note'), ''), 4000),
                price = coalesce(nullif(v_line ->> 'price', '')::numeric, o.price)
            where o.id = v_order.id;
        end if;
        update public.orders o set shopify_updated_at = v_updated where o.id = v_order.id;
      end if;
      select * into v_order from public.orders o where o.id = v_order.id;
      v_results := v_results || jsonb_build_object('id', v_order.id, 'order_number', v_order.order_number,
                                                   'status', v_order.status, 'created', v_created);
    end loop;
  end loop;

  perform app.set_reason(null);
  perform set_config('floorline.status_source', '', true);
  return jsonb_build_object('orders', v_results, 'review', v_review, 'tracking', v_tracking,
                            'customer_id', v_customer_id);
end $$;
comment on function public.upsert_shopify_order(uuid, jsonb) is
  'Imports a Shopify orders/create or orders/updated payload (service role: the webhook handler, after '
  'shopify_webhook_org). Line items map by SKU prefix to a model and wood (SKU ATT-WAL, a "Wood" property or '
  'the variant); each unit becomes an order numbered by Shopify''s name (#1001, #1001-2 …); unknown SKUs go to '
  'shopify_sku_review. Upserts by Shopify ids, so a replay never duplicates; a payload older than the last '
  'applied is skipped; cancelled_at cancels unshipped units. Returns {orders[{id, order_number, status, '
  'created}], review[{line_item_id, sku, reason}], tracking[{order_id, order_number, token_id, token, path, '
  'channel}] (new orders only), customer_id} or {skipped: ''stale'', …}. Errors: PT403, PT404, 22023 payload.*.';

revoke execute on all functions in schema app from public;
revoke execute on function public.set_shopify_shop(uuid, text, text, boolean),
  public.shopify_webhook_org(text, text, text), public.upsert_shopify_order(uuid, jsonb)
  from public, anon, authenticated, service_role;
grant execute on function public.set_shopify_shop(uuid, text, text, boolean) to authenticated, service_role;
grant execute on function public.shopify_webhook_org(text, text, text), public.upsert_shopify_order(uuid, jsonb)
  to service_role;
