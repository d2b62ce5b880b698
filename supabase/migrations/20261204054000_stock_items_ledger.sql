-- Stock (issue 16): items per organisation, the stock ledger and the on-hand it keeps. Design: docs/stock.md.
--
-- On-hand is never typed in: every change of stock is a ledger row (a receipt, an issue to production,
-- an adjustment, a count's adjustment or its reversal by a void), and an AFTER INSERT trigger adds it to
-- stock_on_hand (item × location). Ledger rows are never updated or deleted (no grant, no policy, a
-- trigger for the owner too): a mistake is corrected by another row.
--
-- Quantities are stock, so they are supervisors' business: operators (who count, maybe blind) read the
-- items' names and codes but neither on-hand nor the ledger (RLS) — otherwise a blind count would be
-- one SELECT away from its expected quantities.

insert into app.error_codes (code, status, meaning) values
  ('STOCK_INSUFFICIENT', 409, 'The movement would take an item''s on-hand at a location below zero (context: on_hand, quantity).'),
  ('STOCK_LEDGER_IMMUTABLE', 409, 'Stock ledger rows are never changed or deleted: record a correcting movement instead.')
on conflict (code) do nothing;

-- ------------------------------------------------------------------ items
create table public.stock_items (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organisations (id) on delete cascade,
  code text not null check (code ~ '^[A-Z0-9][A-Z0-9._/-]{0,39}$'),
  barcode text check (barcode ~ '^[0-9A-Za-z._-]{4,64}$'),
  name text not null check (length(btrim(name)) between 1 and 120),
  category text not null check (length(btrim(category)) between 1 and 60),
  unit text not null default 'pcs' check (length(btrim(unit)) between 1 and 16),
  unit_cost numeric(12, 4) not null default 0 check (unit_cost >= 0 and unit_cost < 100000000),
  abc_class text not null default 'C' check (abc_class in ('A', 'B', 'C')),
  is_active boolean not null default true,
  last_counted_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (org_id, code),
  unique (org_id, barcode),
  unique (org_id, id)
);
comment on table public.stock_items is
  'Stock items of an organisation (spec 02''s ERP item: code, barcode, name, category, unit, unit cost). Members '
  'read; managers+ create and edit. Quantities live in the ledger (stock_ledger) and on-hand (stock_on_hand).';
comment on column public.stock_items.code is 'The item code (spec 02 item_code), upper case, unique per organisation; printed on its label.';
comment on column public.stock_items.barcode is 'The supplier barcode, if any; scanning it on the count screen opens the item''s line.';
comment on column public.stock_items.category is 'Free category name (drivers, cables, fabric rolls, …): count scopes and variance by category.';
comment on column public.stock_items.unit is 'Counting unit shown on the keypad (pcs, m, kg, roll, cone, …).';
comment on column public.stock_items.unit_cost is 'Cost per unit in the organisation''s currency: variance value = variance qty × unit cost (snapshotted per count line).';
comment on column public.stock_items.abc_class is 'ABC class (A = high value/turnover) for cycle counts by class.';
comment on column public.stock_items.last_counted_at is 'When a posted count last counted the item (cycle counts pick the longest-since-counted first).';
create index stock_items_org_category_idx on public.stock_items (org_id, category);
create index stock_items_org_cycle_idx on public.stock_items (org_id, abc_class, last_counted_at nulls first);
create trigger stock_items_set_updated_at before update on public.stock_items
  for each row execute function app.set_updated_at();
create trigger stock_items_audit after insert or update or delete on public.stock_items
  for each row execute function app.audit_row();

alter table public.stock_items enable row level security;
create policy stock_items_select on public.stock_items for select to authenticated
  using (org_id = any (array(select app.my_org_ids())));
create policy stock_items_insert on public.stock_items for insert to authenticated
  with check (org_id = any (array(select app.my_org_ids('manager'))));
create policy stock_items_update on public.stock_items for update to authenticated
  using (org_id = any (array(select app.my_org_ids('manager'))))
  with check (org_id = any (array(select app.my_org_ids('manager'))));
create policy stock_items_delete on public.stock_items for delete to authenticated using (false);
revoke all on public.stock_items from public, anon, authenticated, service_role;
grant select on public.stock_items to authenticated;
grant insert (org_id, code, barcode, name, category, unit, unit_cost, abc_class, is_active) on public.stock_items to authenticated;
grant update (code, barcode, name, category, unit, unit_cost, abc_class, is_active) on public.stock_items to authenticated;
grant all on public.stock_items to service_role;

-- ------------------------------------------------------------------ reason codes
create table public.stock_reason_codes (
  org_id uuid not null references public.organisations (id) on delete cascade,
  code text not null check (code ~ '^[a-z][a-z0-9_]{1,31}$'),
  label text not null check (length(btrim(label)) between 1 and 60),
  is_active boolean not null default true,
  position smallint not null default 0,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (org_id, code)
);
comment on table public.stock_reason_codes is
  'Why stock differed or moved by hand (damaged, miscount, theft, unrecorded issue, unit error, …), per organisation: '
  'members read; managers+ add, rename and retire them (is_active). Every new organisation gets the defaults.';
create trigger stock_reason_codes_set_updated_at before update on public.stock_reason_codes
  for each row execute function app.set_updated_at();

alter table public.stock_reason_codes enable row level security;
create policy stock_reason_codes_select on public.stock_reason_codes for select to authenticated
  using (org_id = any (array(select app.my_org_ids())));
create policy stock_reason_codes_insert on public.stock_reason_codes for insert to authenticated
  with check (org_id = any (array(select app.my_org_ids('manager'))));
create policy stock_reason_codes_update on public.stock_reason_codes for update to authenticated
  using (org_id = any (array(select app.my_org_ids('manager'))))
  with check (org_id = any (array(select app.my_org_ids('manager'))));
create policy stock_reason_codes_delete on public.stock_reason_codes for delete to authenticated using (false);
revoke all on public.stock_reason_codes from public, anon, authenticated, service_role;
grant select on public.stock_reason_codes to authenticated;
grant insert (org_id, code, label, is_active, position) on public.stock_reason_codes to authenticated;
grant update (label, is_active, position) on public.stock_reason_codes to authenticated;
grant all on public.stock_reason_codes to service_role;

create function app.ensure_stock_reason_codes(p_org_id uuid) returns void
language sql volatile security definer set search_path = '' as $$
  insert into public.stock_reason_codes (org_id, code, label, position)
  select p_org_id, d.code, d.label, d.position from (values
    ('miscount', 'Miscount', 1), ('damaged', 'Damaged', 2), ('theft', 'Theft or loss', 3),
    ('unrecorded_issue', 'Unrecorded issue to production', 4), ('unrecorded_receipt', 'Unrecorded receipt', 5),
    ('unit_error', 'Unit error', 6), ('supplier_short', 'Supplier short-shipped', 7)) d (code, label, position)
  on conflict do nothing
$$;
comment on function app.ensure_stock_reason_codes(uuid) is 'Gives an organisation the default stock reason codes (once).';
select app.ensure_stock_reason_codes(o.id) from public.organisations o;

create function app.on_organisation_created_stock() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  perform app.ensure_stock_reason_codes(new.id);
  return null;
end $$;
comment on function app.on_organisation_created_stock() is 'Trigger: every new organisation gets the default stock reason codes.';
create trigger organisations_stock_reason_codes after insert on public.organisations
  for each row execute function app.on_organisation_created_stock();

-- ------------------------------------------------------------------ the ledger
create type public.stock_movement_kind as enum ('receipt', 'issue', 'adjustment', 'count', 'count_void');
comment on type public.stock_movement_kind is
  'What moved stock: a receipt (+), an issue to production (−), a manual adjustment (±, with a reason), a posted '
  'count''s adjustment (± its variance) or the reversal of one by voiding the count.';

create table public.stock_ledger (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organisations (id) on delete cascade,
  stock_item_id uuid not null,
  location_id uuid not null,
  kind public.stock_movement_kind not null,
  quantity numeric(14, 3) not null check (quantity <> 0),
  unit_cost numeric(12, 4) not null check (unit_cost >= 0),
  value numeric(20, 4) generated always as (quantity * unit_cost) stored,
  reason_code text,
  note text check (length(note) <= 500),
  count_id uuid,
  count_line_id uuid,
  reverses_id uuid references public.stock_ledger (id),
  member_id uuid,
  user_id uuid references auth.users (id) on delete set null,
  client_id uuid,
  created_at timestamptz not null default now(),
  unique (org_id, id),
  unique (org_id, client_id),
  -- one count adjustment per count line, and at most one reversal of it
  unique (count_line_id, kind),
  check ((kind <> 'receipt' or quantity > 0) and (kind <> 'issue' or quantity < 0)),
  check ((kind in ('count', 'count_void')) = (count_id is not null and count_line_id is not null)),
  check ((kind = 'count_void') = (reverses_id is not null)),
  check (kind <> 'adjustment' or reason_code is not null),
  foreign key (org_id, stock_item_id) references public.stock_items (org_id, id) on delete cascade,
  foreign key (org_id, location_id) references public.locations (org_id, id) on delete cascade,
  foreign key (org_id, reason_code) references public.stock_reason_codes (org_id, code),
  foreign key (org_id, member_id) references public.members (org_id, id) on delete set null (member_id)
);
comment on table public.stock_ledger is
  'Every movement of stock, signed, append-only: receipts, issues, adjustments, count adjustments and their voids. '
  'stock_on_hand is their sum per item and location, kept by trigger. Supervisors+ read; written only by '
  'stock_record_movement and the count RPCs (count_post, count_void).';
comment on column public.stock_ledger.quantity is 'Signed change of on-hand in the item''s unit (receipt > 0, issue < 0).';
comment on column public.stock_ledger.unit_cost is 'The item''s unit cost when it moved (a count''s snapshot cost for count rows).';
comment on column public.stock_ledger.count_id is 'The count session whose posting (count) or void (count_void) wrote the row.';
comment on column public.stock_ledger.reverses_id is 'For count_void: the count adjustment this row reverses.';
comment on column public.stock_ledger.client_id is 'Idempotency key of a hand-entered movement (a retry answers with the first row).';
create index stock_ledger_item_idx on public.stock_ledger (org_id, stock_item_id, location_id, created_at);
create index stock_ledger_org_time_idx on public.stock_ledger (org_id, created_at desc);
create index stock_ledger_count_idx on public.stock_ledger (count_id) where count_id is not null;
create index stock_ledger_location_idx on public.stock_ledger (org_id, location_id);
create index stock_ledger_member_idx on public.stock_ledger (org_id, member_id);
create index stock_ledger_user_idx on public.stock_ledger (user_id);
create index stock_ledger_reason_idx on public.stock_ledger (org_id, reason_code);
create index stock_ledger_reverses_idx on public.stock_ledger (reverses_id);

-- ------------------------------------------------------------------ on-hand, kept from the ledger
create table public.stock_on_hand (
  org_id uuid not null references public.organisations (id) on delete cascade,
  stock_item_id uuid not null,
  location_id uuid not null,
  quantity numeric(14, 3) not null default 0,
  last_movement_at timestamptz not null default now(),
  primary key (org_id, stock_item_id, location_id),
  foreign key (org_id, stock_item_id) references public.stock_items (org_id, id) on delete cascade,
  foreign key (org_id, location_id) references public.locations (org_id, id) on delete cascade
);
comment on table public.stock_on_hand is
  'On-hand per item and location: the sum of its stock_ledger rows, kept by the ledger''s trigger (never typed in). '
  'A row exists once stock first moved there (a zero row stays: the item still belongs there and is counted). '
  'Supervisors+ read; nobody writes it but the trigger.';
create index stock_on_hand_location_idx on public.stock_on_hand (org_id, location_id);

create function app.stock_ledger_apply() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  v_after numeric;
begin
  insert into public.stock_on_hand as h (org_id, stock_item_id, location_id, quantity, last_movement_at)
    values (new.org_id, new.stock_item_id, new.location_id, new.quantity, new.created_at)
  on conflict (org_id, stock_item_id, location_id) do update
    set quantity = h.quantity + excluded.quantity, last_movement_at = greatest(h.last_movement_at, excluded.last_movement_at)
  returning h.quantity into v_after;
  -- what is on the shelf cannot go below zero by hand; a count (or its void) records what was found, so it may
  if v_after < 0 and new.kind in ('receipt', 'issue', 'adjustment') then
    perform app.raise('STOCK_INSUFFICIENT',
      format('Only %s on hand here: cannot take %s', trim_scale(v_after - new.quantity), trim_scale(-new.quantity)),
      'quantity', jsonb_build_object('on_hand', v_after - new.quantity, 'quantity', new.quantity));
  end if;
  return null;
end $$;
comment on function app.stock_ledger_apply() is
  'AFTER INSERT on stock_ledger: adds the movement to stock_on_hand; a hand movement that would go below zero is refused (STOCK_INSUFFICIENT).';
create trigger stock_ledger_a_on_hand after insert on public.stock_ledger
  for each row execute function app.stock_ledger_apply();

create function app.stock_ledger_immutable() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  -- deleting the organisation (or the item) cascades here through the foreign keys' own triggers:
  -- that is the only delete allowed
  if tg_op = 'DELETE' and pg_trigger_depth() > 1 then
    return old;
  end if;
  perform app.raise('STOCK_LEDGER_IMMUTABLE', 'Stock ledger rows are never changed: record a correcting movement');
  return null;
end $$;
comment on function app.stock_ledger_immutable() is 'BEFORE UPDATE/DELETE on stock_ledger: refuses (append-only).';
create trigger stock_ledger_immutable before update or delete on public.stock_ledger
  for each row execute function app.stock_ledger_immutable();

alter table public.stock_ledger enable row level security;
create policy stock_ledger_select on public.stock_ledger for select to authenticated
  using (org_id = any (array(select app.my_org_ids('supervisor'))));
create policy stock_ledger_insert on public.stock_ledger for insert to authenticated with check (false);
create policy stock_ledger_update on public.stock_ledger for update to authenticated using (false);
create policy stock_ledger_delete on public.stock_ledger for delete to authenticated using (false);
revoke all on public.stock_ledger from public, anon, authenticated, service_role;
grant select on public.stock_ledger to authenticated, service_role;

alter table public.stock_on_hand enable row level security;
create policy stock_on_hand_select on public.stock_on_hand for select to authenticated
  using (org_id = any (array(select app.my_org_ids('supervisor'))));
create policy stock_on_hand_insert on public.stock_on_hand for insert to authenticated with check (false);
create policy stock_on_hand_update on public.stock_on_hand for update to authenticated using (false);
create policy stock_on_hand_delete on public.stock_on_hand for delete to authenticated using (false);
revoke all on public.stock_on_hand from public, anon, authenticated, service_role;
grant select on public.stock_on_hand to authenticated, service_role;

-- ------------------------------------------------------------------ hand-entered movements
-- Receipts, issues and adjustments from the stock screen (supervisors+). p_quantity is the amount
-- (positive) for receipts and issues, signed for adjustments. p_client_id: a retry returns the first row.
create function public.stock_record_movement(
  p_client_id uuid, p_org_id uuid, p_kind public.stock_movement_kind, p_stock_item_id uuid, p_location_id uuid,
  p_quantity numeric, p_reason_code text default null, p_note text default null
) returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_me record;
  v_item public.stock_items;
  v_row public.stock_ledger;
  v_qty numeric;
begin
  select * into v_me from app.require_member(p_org_id, 'supervisor', true);
  if p_client_id is null then
    perform app.raise('VALIDATION_FAILED', 'A client id is required', 'client_id');
  end if;
  select * into v_row from public.stock_ledger g where g.org_id = p_org_id and g.client_id = p_client_id;
  if v_row.id is not null then
    return jsonb_build_object('movement', to_jsonb(v_row), 'duplicate', true,
      'on_hand', (select h.quantity from public.stock_on_hand h where h.org_id = p_org_id
                  and h.stock_item_id = v_row.stock_item_id and h.location_id = v_row.location_id));
  end if;
  if p_kind is null or p_kind not in ('receipt', 'issue', 'adjustment') then
    perform app.raise('VALIDATION_FAILED', 'Choose a receipt, an issue or an adjustment', 'kind');
  end if;
  select * into v_item from public.stock_items i where i.org_id = p_org_id and i.id = p_stock_item_id;
  if v_item.id is null then
    perform app.raise('NOT_FOUND', 'No such stock item in this workshop', 'stock_item_id');
  end if;
  if not exists (select 1 from public.locations l where l.org_id = p_org_id and l.id = p_location_id) then
    perform app.raise('LOCATION_NOT_FOUND', 'No such location in this workshop', 'location_id');
  end if;
  if p_quantity is null or p_quantity = 0 or abs(p_quantity) >= 100000000 or p_quantity <> round(p_quantity, 3) then
    perform app.raise('VALIDATION_FAILED', 'Enter a quantity other than zero, with at most 3 decimals', 'quantity');
  end if;
  if p_kind in ('receipt', 'issue') and p_quantity < 0 then
    perform app.raise('VALIDATION_FAILED', 'Enter the amount received or issued as a positive number', 'quantity');
  end if;
  if p_kind = 'adjustment' and nullif(btrim(p_reason_code), '') is null then
    perform app.raise('VALIDATION_FAILED', 'An adjustment needs a reason', 'reason_code');
  end if;
  if p_reason_code is not null and not exists (select 1 from public.stock_reason_codes r
      where r.org_id = p_org_id and r.code = p_reason_code and r.is_active) then
    perform app.raise('VALIDATION_FAILED', 'Choose one of the workshop''s reasons', 'reason_code');
  end if;
  if length(p_note) > 500 then
    perform app.raise('VALIDATION_FAILED', 'Keep the note under 500 characters', 'note');
  end if;
  v_qty := case when p_kind = 'issue' then -p_quantity else p_quantity end;
  insert into public.stock_ledger (org_id, stock_item_id, location_id, kind, quantity, unit_cost, reason_code, note,
                                   member_id, user_id, client_id)
    values (p_org_id, p_stock_item_id, p_location_id, p_kind, v_qty, v_item.unit_cost, nullif(btrim(p_reason_code), ''),
            nullif(btrim(p_note), ''), v_me.member_id, (select auth.uid()), p_client_id)
    returning * into v_row;
  return jsonb_build_object('movement', to_jsonb(v_row), 'duplicate', false,
    'on_hand', (select h.quantity from public.stock_on_hand h where h.org_id = p_org_id
                and h.stock_item_id = p_stock_item_id and h.location_id = p_location_id));
end $$;
comment on function public.stock_record_movement(uuid, uuid, public.stock_movement_kind, uuid, uuid, numeric, text, text) is
  'Supervisors+: records a receipt (+amount), an issue (−amount) or an adjustment (signed, with a reason) in the '
  'stock ledger; on-hand follows by trigger. Idempotent by p_client_id. Returns {movement, on_hand, duplicate}.';

revoke execute on function app.ensure_stock_reason_codes(uuid), app.on_organisation_created_stock(),
  app.stock_ledger_apply(), app.stock_ledger_immutable() from public, anon, authenticated;
revoke execute on function public.stock_record_movement(uuid, uuid, public.stock_movement_kind, uuid, uuid, numeric, text, text)
  from public, anon;
grant execute on function public.stock_record_movement(uuid, uuid, public.stock_movement_kind, uuid, uuid, numeric, text, text)
  to authenticated;
