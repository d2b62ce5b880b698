-- Shopify deliveries the app cannot import go on the review list, and the webhook answers 2xx.
--
-- Shopify treats every answer outside 200–299 (and no answer within 5 s) as a failed delivery and
-- sends the same payload again, 8 times over 4 hours (shopify.dev/changelog/updates-to-webhook-
-- retry-mechanism, 2024-09-10); a subscription made through the Admin API is removed after
-- repeated failures. A signed body that can never be stored (a U+0000 or a lone surrogate in a
-- string, absurd nesting, a field the schema refuses) would fail every time: answering 4xx/5xx
-- to it only buys retries and, at worst, a lost subscription. So such a delivery becomes one row
-- of shopify_sku_review (kind 'delivery') and the handler answers 200; only outages answer 503.
--
-- The row never holds the unstorable bytes: a sanitised excerpt (made by the handler), the
-- SHA-256 of the raw body (the key: a redelivery of the same body bumps delivery_count instead of
-- adding a row), its size, and Shopify's webhook id, topic and shop domain.
--
-- shopify_webhook_org_raw() checks the signature of a body that is not text Postgres can hold (raw
-- NUL bytes, invalid UTF-8), handed over as base64: HMAC over the bytes, with core sha256
-- (app.hmac_sha256, 20261203004000), never pgcrypto.

-- ------------------------------------------------------------------ the review list, widened
alter table public.shopify_sku_review
  add column kind text not null default 'line_item' check (kind in ('line_item', 'delivery')),
  add column webhook_id text check (length(webhook_id) <= 200),
  add column topic text check (length(topic) <= 100),
  add column shop_domain text check (length(shop_domain) <= 255),
  add column body_sha256 text check (body_sha256 ~ '^[0-9a-f]{64}$'),
  add column body_bytes integer check (body_bytes >= 0),
  add column excerpt text check (length(excerpt) <= 600),
  add column problem text check (length(problem) <= 600),
  add column delivery_count integer not null default 1 check (delivery_count >= 1),
  add column last_delivered_at timestamptz;

alter table public.shopify_sku_review
  alter column shopify_order_id drop not null,
  alter column shopify_line_item_id drop not null,
  alter column line_item drop not null,
  drop constraint shopify_sku_review_reason_check,
  add constraint shopify_sku_review_reason_check check (
    (kind = 'line_item' and reason in ('unknown_sku', 'unknown_wood', 'wood_not_allowed', 'changed_in_production'))
    or (kind = 'delivery' and reason in ('nul_character', 'unpaired_surrogate', 'too_deeply_nested', 'not_utf8',
                                         'not_json', 'not_an_order', 'unsupported_topic', 'rejected_by_database'))),
  add constraint shopify_sku_review_kind_fields check (
    case kind
      when 'line_item' then shopify_order_id is not null and shopify_line_item_id is not null and line_item is not null
      else body_sha256 is not null and last_delivered_at is not null
    end);

-- one row per distinct body and organisation, however often Shopify sends it
create unique index shopify_sku_review_delivery_key on public.shopify_sku_review (org_id, body_sha256)
  where kind = 'delivery';

comment on table public.shopify_sku_review is
  'The Shopify review list. kind line_item: line items the webhook could not turn into production orders '
  '(unknown SKU, wood missing or not offered for the model, a change to an order already in production); the '
  'rest of the order is imported. kind delivery: a signed delivery that could not be imported at all (see '
  'reason); acknowledged to Shopify so it is not redelivered forever. Managers+ resolve or ignore them. A '
  'redelivered webhook updates, never duplicates.';
comment on column public.shopify_sku_review.reason is
  'line_item — unknown_sku: no model''s sku_prefix matches; unknown_wood: no wood in SKU, properties or variant; '
  'wood_not_allowed: the model is not made in that wood; changed_in_production: model/wood changed in Shopify '
  'after production started (not applied). delivery — nul_character / unpaired_surrogate: a string holds U+0000 '
  'or half a surrogate pair (Postgres text cannot); too_deeply_nested; not_utf8; not_json; not_an_order (no id '
  'or line_items); unsupported_topic; rejected_by_database: the import refused a value (problem says which).';
comment on column public.shopify_sku_review.kind is 'line_item (one line of an imported order) or delivery (a whole delivery held back).';
comment on column public.shopify_sku_review.webhook_id is 'X-Shopify-Webhook-Id of the latest delivery of this body.';
comment on column public.shopify_sku_review.topic is 'X-Shopify-Topic, e.g. orders/create.';
comment on column public.shopify_sku_review.shop_domain is 'X-Shopify-Shop-Domain that signed the delivery.';
comment on column public.shopify_sku_review.body_sha256 is 'hex SHA-256 of the raw body: identifies the delivery without storing it.';
comment on column public.shopify_sku_review.body_bytes is 'Size of the raw body in bytes.';
comment on column public.shopify_sku_review.excerpt is 'The start of the body, sanitised (control characters and half surrogate pairs replaced by U+FFFD).';
comment on column public.shopify_sku_review.problem is 'What was wrong and where, e.g. "U+0000 in line_items[0].title" (sanitised).';
comment on column public.shopify_sku_review.delivery_count is 'How many times Shopify delivered this body (redeliveries are acknowledged again).';
comment on column public.shopify_sku_review.last_delivered_at is 'When this body was last delivered.';

-- ------------------------------------------------------------------ recording a held delivery
create function public.record_shopify_delivery(
  p_org_id uuid, p_shop_domain text, p_topic text, p_webhook_id text, p_body_sha256 text, p_body_bytes integer,
  p_reason text, p_problem text, p_excerpt text, p_shopify_order_id text default null,
  p_shopify_order_name text default null
) returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_row public.shopify_sku_review;
  v_created boolean;
begin
  if not (app.is_service_role() or (select auth.role()) is null) then
    raise exception using errcode = 'PT403', message = 'Only the webhook handler (service role) records Shopify deliveries';
  end if;
  if not exists (select 1 from public.organisations o where o.id = p_org_id) then
    raise exception using errcode = 'PT404', message = 'Organisation not found', detail = 'org_id';
  end if;
  if p_body_sha256 is null or p_body_sha256 !~ '^[0-9a-f]{64}$' then
    perform app.invalid('body_sha256', 'The hex SHA-256 of the raw body');
  end if;
  if p_reason is null or p_reason not in ('nul_character', 'unpaired_surrogate', 'too_deeply_nested', 'not_utf8',
                                          'not_json', 'not_an_order', 'unsupported_topic', 'rejected_by_database') then
    perform app.invalid('reason', 'Not a delivery review reason');
  end if;
  insert into public.shopify_sku_review as r (org_id, kind, reason, shopify_order_id, shopify_order_name, webhook_id,
                                              topic, shop_domain, body_sha256, body_bytes, problem, excerpt,
                                              last_delivered_at)
    values (p_org_id, 'delivery', p_reason, left(nullif(btrim(p_shopify_order_id), ''), 64),
            left(nullif(btrim(p_shopify_order_name), ''), 200), left(p_webhook_id, 200), left(p_topic, 100),
            left(lower(btrim(p_shop_domain)), 255), p_body_sha256, greatest(p_body_bytes, 0), left(p_problem, 600),
            left(p_excerpt, 600), now())
    on conflict (org_id, body_sha256) where kind = 'delivery'
      do update set delivery_count = r.delivery_count + 1, last_delivered_at = now(),
                    webhook_id = excluded.webhook_id, topic = excluded.topic
    returning * into v_row;
  v_created := v_row.delivery_count = 1;
  return jsonb_build_object('id', v_row.id, 'reason', v_row.reason, 'status', v_row.status,
                            'delivery_count', v_row.delivery_count, 'created', v_created);
end $$;
comment on function public.record_shopify_delivery(uuid, text, text, text, text, integer, text, text, text, text, text) is
  'Service role only (the webhook handler, after a valid signature): puts a delivery that cannot be imported on '
  'the review list, once per organisation and body SHA-256 (a redelivery bumps delivery_count and keeps the '
  'status a manager set). Never given the raw body: a sanitised excerpt and problem. Returns {id, reason, '
  'status, delivery_count, created}. Errors: PT403, PT404, 22023 (body_sha256, reason).';

-- ------------------------------------------------------------------ signatures of non-text bodies
create function public.shopify_webhook_org_raw(p_shop_domain text, p_body_base64 text, p_hmac text) returns uuid
language plpgsql stable security definer set search_path = '' as $$
declare
  v_shop public.shopify_shops;
  v_body bytea;
  v_expected text;
begin
  begin
    v_body := decode(coalesce(p_body_base64, ''), 'base64');
  exception when others then
    perform app.invalid('body', 'The body must be base64');
  end;
  select * into v_shop from public.shopify_shops s
    where s.shop_domain = lower(btrim(p_shop_domain)) and s.is_active;
  -- as shopify_webhook_org: the same work whether or not the shop exists, compared through hashes
  v_expected := encode(app.hmac_sha256(v_body, convert_to(coalesce(v_shop.webhook_secret, 'no-such-shop'), 'UTF8')),
                       'base64');
  if v_shop.id is null or p_hmac is null
     or sha256(convert_to(v_expected, 'UTF8')) <> sha256(convert_to(btrim(p_hmac), 'UTF8')) then
    raise exception using errcode = 'PT401', message = 'Webhook signature not valid for this shop';
  end if;
  return v_shop.org_id;
end $$;
comment on function public.shopify_webhook_org_raw(text, text, text) is
  'Service role only: shopify_webhook_org for a body that is not text Postgres can hold (raw NUL bytes, invalid '
  'UTF-8), passed as base64; the HMAC is computed over the bytes. Errors: PT401, 22023 body.';

revoke execute on function public.record_shopify_delivery(uuid, text, text, text, text, integer, text, text, text, text, text),
  public.shopify_webhook_org_raw(text, text, text) from public, anon, authenticated, service_role;
grant execute on function public.record_shopify_delivery(uuid, text, text, text, text, integer, text, text, text, text, text),
  public.shopify_webhook_org_raw(text, text, text) to service_role;
