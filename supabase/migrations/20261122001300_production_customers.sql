-- Customers (spec 04 §2): who orders, with Shopify's customer id and addresses. Personal data, so
-- supervisors+ read it (operators build headphones without needing names and addresses) and
-- managers+ change it. Searchable by name and email: full text (generated tsvector + GIN, prefix
-- queries) and trigram (GIN) for fragments and typos.

-- hosted Supabase ships pg_trgm but does not enable it (the local bootstrap does)
create extension if not exists pg_trgm with schema extensions;

create table public.customers (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organisations (id) on delete cascade,
  shopify_customer_id text check (length(shopify_customer_id) between 1 and 64),
  name text not null check (length(btrim(name)) between 1 and 200),
  email text not null check (email ~ '^[^@\s]+@[^@\s]+$' and length(email) <= 320),
  phone text check (length(phone) <= 40),
  shipping_address jsonb check (shipping_address is null or jsonb_typeof(shipping_address) = 'object'),
  billing_address jsonb check (billing_address is null or jsonb_typeof(billing_address) = 'object'),
  search tsvector generated always as (
    to_tsvector('simple'::regconfig, coalesce(name, '') || ' ' || coalesce(email, '') || ' '
                || coalesce(replace(split_part(email, '@', 1), '.', ' '), ''))
  ) stored,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (org_id, shopify_customer_id),
  unique (org_id, id)
);
comment on table public.customers is
  'People who order (spec 04). Supervisors+ read, managers+ write. One row per email per organisation; '
  'create_order and upsert_shopify_order upsert by Shopify id, then email.';
comment on column public.customers.shopify_customer_id is 'Shopify''s customer id (unique per organisation).';
comment on column public.customers.email is
  'Contact email (unique per organisation, case-insensitive). Shopify orders without one get '
  '<id>@shopify-customers.invalid (.invalid never delivers).';
comment on column public.customers.shipping_address is
  'Shopify''s address shape: {first_name, last_name, address1, address2, city, province, province_code, zip, '
  'country, country_code, phone, company}.';
comment on column public.customers.search is
  'Full-text vector of name and email (simple config: names are not stemmed). Query with a prefix '
  'tsquery, e.g. to_tsquery(''simple'', ''ada:* & oka:*''), or use list_orders(p_query).';

create unique index customers_org_email_key on public.customers (org_id, lower(email));
create index customers_search_idx on public.customers using gin (search);
create index customers_name_trgm_idx on public.customers using gin (name extensions.gin_trgm_ops);
create index customers_email_trgm_idx on public.customers using gin (email extensions.gin_trgm_ops);

create trigger customers_set_updated_at before update on public.customers
  for each row execute function app.set_updated_at();
create trigger customers_audit after insert or update or delete on public.customers
  for each row execute function app.audit_row();

alter table public.customers enable row level security;

create policy customers_select on public.customers for select to authenticated
  using (org_id = any (array(select app.my_org_ids('supervisor'))));
create policy customers_insert on public.customers for insert to authenticated
  with check (org_id = any (array(select app.my_org_ids('manager'))));
create policy customers_update on public.customers for update to authenticated
  using (org_id = any (array(select app.my_org_ids('manager'))))
  with check (org_id = any (array(select app.my_org_ids('manager'))));
create policy customers_delete on public.customers for delete to authenticated
  using (org_id = any (array(select app.my_org_ids('manager'))));

revoke all on public.customers from public, anon, authenticated, service_role;
grant select, delete on public.customers to authenticated;
grant insert (id, org_id, shopify_customer_id, name, email, phone, shipping_address, billing_address)
  on public.customers to authenticated;
grant update (name, email, phone, shipping_address, billing_address) on public.customers to authenticated;
grant all on public.customers to service_role;
