-- Garment product types (issue 14, spec 03 §2): T-SHIRT, POLO, PANTS, DRESS and whatever else an
-- organisation makes. Both garment halves hang off them: garment-cut's styles (a style is one product
-- type) and garment-sew's sewing operations (the operation list is per product type). Shared contract
-- between the two (CONTEXT.md): this table lands first, on its own, so neither side waits.
-- Catalogue data: members read, managers+ write, like headphone_models.

create table public.product_types (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organisations (id) on delete cascade,
  code text not null check (code ~ '^[A-Z0-9_-]{2,32}$'),
  name text not null check (length(btrim(name)) between 1 and 100),
  archived_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (org_id, code),
  -- composite key so styles and sewing operations can point at (org_id, id) and never across tenants
  unique (org_id, id)
);
comment on table public.product_types is
  'Kinds of garment an organisation makes (T-SHIRT, POLO, PANTS, DRESS…). Styles and sewing operations '
  'belong to one. Members read, managers+ write. Archive with archived_at: styles and history keep pointing here.';
comment on column public.product_types.code is 'Upper-case letters, digits, _ and -; unique per organisation.';
comment on column public.product_types.archived_at is 'Set = no longer offered for new styles or operations.';

create trigger product_types_set_updated_at before update on public.product_types
  for each row execute function app.set_updated_at();
create trigger product_types_audit after insert or update or delete on public.product_types
  for each row execute function app.audit_row();

alter table public.product_types enable row level security;

create policy product_types_select on public.product_types for select to authenticated
  using (org_id = any (array(select app.my_org_ids())));
create policy product_types_insert on public.product_types for insert to authenticated
  with check (org_id = any (array(select app.my_org_ids('manager'))));
create policy product_types_update on public.product_types for update to authenticated
  using (org_id = any (array(select app.my_org_ids('manager'))))
  with check (org_id = any (array(select app.my_org_ids('manager'))));
create policy product_types_delete on public.product_types for delete to authenticated
  using (org_id = any (array(select app.my_org_ids('manager'))));

revoke all on public.product_types from public, anon, authenticated, service_role;
grant select, delete on public.product_types to authenticated;
grant insert (id, org_id, code, name, archived_at) on public.product_types to authenticated;
grant update (code, name, archived_at) on public.product_types to authenticated;
grant all on public.product_types to service_role;
