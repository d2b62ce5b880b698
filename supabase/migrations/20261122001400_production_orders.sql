-- Orders (spec 04 §2): one headphone to build, its status history, and staff-only notes.
--
-- Staff-only notes live in their own table, order_internal_notes, with stricter RLS (supervisors+)
-- instead of a column on orders: column grants cannot tell an operator from a manager (both are
-- the `authenticated` role), row policies can. supabase-js embeds it like a column:
-- `.from('orders').select('*, order_internal_notes(notes)')` → an object, or null for whoever may not see it.
--
-- Rules (triggers, whoever writes): the wood must be one the model allows (check_order_wood_type,
-- spec 04); model and wood are fixed once production starts; cancelled is final; every status
-- change is written to order_status_history with who (member, auth user) and why (reason).

-- ------------------------------------------------------------------ per-organisation numbering
create table app.org_counters (
  org_id uuid not null references public.organisations (id) on delete cascade,
  kind text not null,
  value bigint not null,
  primary key (org_id, kind)
);
comment on table app.org_counters is 'Next human-readable number per organisation and kind (order, batch).';
revoke all on app.org_counters from public, anon, authenticated, service_role;

create function app.next_number(p_org_id uuid, p_kind text, p_start bigint default 1001) returns bigint
language sql volatile security definer set search_path = '' as $$
  insert into app.org_counters as c (org_id, kind, value) values (p_org_id, p_kind, p_start)
  on conflict (org_id, kind) do update set value = c.value + 1
  returning c.value
$$;
comment on function app.next_number(uuid, text, bigint) is
  'The next number of a kind for an organisation (row-locked until commit: numbers never repeat).';

-- The caller's membership id in an organisation, for "who" columns (null for SQL and the service role).
create function app.actor_member_id(p_org_id uuid) returns uuid
language sql stable security definer set search_path = '' as $$
  select coalesce(
    (select m.member_id from app.my_memberships() m where m.org_id = p_org_id limit 1),
    (select m.id from public.members m where m.org_id = p_org_id and m.user_id = (select auth.uid())))
$$;
comment on function app.actor_member_id(uuid) is 'The member id of the current request in p_org_id, or null.';

-- ------------------------------------------------------------------ orders
create table public.orders (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organisations (id) on delete cascade,
  order_number text not null check (order_number ~ '^[A-Za-z0-9#][A-Za-z0-9#._/-]{0,39}$'),
  shopify_order_id text check (length(shopify_order_id) between 1 and 64),
  shopify_line_item_id text check (length(shopify_line_item_id) between 1 and 64),
  shopify_unit smallint check (shopify_unit >= 1),
  shopify_updated_at timestamptz,
  customer_id uuid,
  model_id uuid not null,
  wood_type public.wood_type not null,
  customizations jsonb not null default '{}' check (jsonb_typeof(customizations) = 'object'),
  notes text check (length(notes) <= 4000),
  status public.order_status not null default 'pending',
  priority public.batch_priority not null default 'standard',
  due_date date,
  price numeric(10, 2) check (price >= 0),
  created_by uuid,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (org_id, order_number),
  unique (org_id, id),
  -- a Shopify order with several headphones becomes one production order per unit
  unique (org_id, shopify_order_id, shopify_line_item_id, shopify_unit),
  check ((shopify_order_id is null) = (shopify_line_item_id is null)
         and (shopify_line_item_id is null) = (shopify_unit is null)),
  foreign key (org_id, customer_id) references public.customers (org_id, id),
  foreign key (org_id, model_id) references public.headphone_models (org_id, id),
  foreign key (org_id, created_by) references public.members (org_id, id) on delete set null (created_by)
);
comment on table public.orders is
  'One headphone to build (spec 04). Operators+ read (what to make); managers+ create and edit; status '
  'changes only through RPCs and triggers (it follows the batch''s stage). Staff-only notes: '
  'order_internal_notes. Never deleted: cancel_order.';
comment on column public.orders.order_number is
  'Shown to staff and the customer. Manual orders: ORD-<n> per organisation; Shopify orders: Shopify''s '
  'order name (#1001), with -2, -3 … for further units of the same Shopify order.';
comment on column public.orders.shopify_order_id is
  'Shopify order id. Spec 04 made it unique; a Shopify order with several headphones maps to several rows, '
  'so (shopify_order_id, shopify_line_item_id, shopify_unit) is the unique key.';
comment on column public.orders.shopify_updated_at is 'Shopify''s updated_at of the last payload applied (older replays are ignored).';
comment on column public.orders.customizations is 'Engraving, pads, cable … as the shop sent them (object).';
comment on column public.orders.notes is 'Notes from or for the customer, visible to all staff. Not on the tracking page.';
comment on column public.orders.status is 'See order_status; history in order_status_history.';
comment on column public.orders.price is 'Price charged for this unit, in the organisation''s currency. Never on the tracking page.';

create index orders_org_status_priority_idx on public.orders (org_id, status, priority);
create index orders_org_created_idx on public.orders (org_id, created_at desc, id desc);
create index orders_org_customer_idx on public.orders (org_id, customer_id);
create index orders_org_model_idx on public.orders (org_id, model_id);
create index orders_org_created_by_idx on public.orders (org_id, created_by);
create index orders_org_due_idx on public.orders (org_id, due_date) where status not in ('shipped', 'delivered', 'cancelled');
create index orders_updated_at_idx on public.orders (updated_at);

-- ------------------------------------------------------------------ staff-only notes
create table public.order_internal_notes (
  order_id uuid primary key,
  org_id uuid not null,
  notes text not null check (length(notes) <= 4000),
  updated_by uuid,
  updated_at timestamptz not null default now(),
  -- the foreign key's columns are unique, so PostgREST embeds the note as an object (one-to-one)
  unique (org_id, order_id),
  foreign key (org_id, order_id) references public.orders (org_id, id) on delete cascade,
  foreign key (org_id, updated_by) references public.members (org_id, id) on delete set null (updated_by)
);
comment on table public.order_internal_notes is
  'Spec 04''s orders.internal_notes ("staff only"), kept apart so RLS can hide it: supervisors+ read and '
  'write it; operators, customers (tracking page) and anon never see it.';
comment on column public.order_internal_notes.updated_by is 'The member who last wrote the note.';

create index order_internal_notes_updated_by_idx on public.order_internal_notes (org_id, updated_by);

-- ------------------------------------------------------------------ status history
create table public.order_status_history (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null,
  order_id uuid not null,
  old_status public.order_status,
  new_status public.order_status not null,
  changed_by uuid,
  changed_by_user uuid,
  source text not null default 'manual' check (source in ('manual', 'batch', 'shopify', 'system')),
  batch_id uuid,
  reason text check (length(reason) <= 1000),
  created_at timestamptz not null default now(),
  foreign key (org_id, order_id) references public.orders (org_id, id) on delete cascade,
  foreign key (org_id, changed_by) references public.members (org_id, id) on delete set null (changed_by)
);
comment on table public.order_status_history is
  'Every status an order had, written by trigger (never by app code): who (changed_by member, '
  'changed_by_user = auth.uid()), why (reason: the RPC''s argument or set_config(''floorline.reason'', …, '
  'true)), through what (source; batch_id when a batch''s stage moved it). Supervisors+ read.';
comment on column public.order_status_history.changed_by is 'The member acting (spec 04''s workers(id)); null for SQL / service role.';
comment on column public.order_status_history.source is 'manual (staff RPC), batch (followed its batch), shopify (webhook), system (SQL).';

create index order_status_history_order_idx on public.order_status_history (org_id, order_id, created_at);
create index order_status_history_changed_by_idx on public.order_status_history (org_id, changed_by);
create index order_status_history_batch_idx on public.order_status_history (org_id, batch_id);

-- ------------------------------------------------------------------ triggers
create function app.orders_set_number() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if new.order_number is null then
    new.order_number := 'ORD-' || app.next_number(new.org_id, 'order');
  end if;
  if new.created_by is null then
    new.created_by := app.actor_member_id(new.org_id);
  end if;
  return new;
end $$;
comment on function app.orders_set_number() is 'Trigger: numbers manual orders ORD-<n> per organisation and records who created them.';

create trigger orders_set_number before insert on public.orders
  for each row execute function app.orders_set_number();

-- Spec 04's validate_order_wood_type, scoped to the order's organisation.
create function app.validate_order_wood_type() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  v_woods public.wood_type[];
  v_name text;
begin
  select m.wood_types, m.name into v_woods, v_name
  from public.headphone_models m where m.id = new.model_id and m.org_id = new.org_id;
  if not found then
    raise exception using errcode = '23503', message = 'No such model in this organisation', detail = 'model_id';
  end if;
  if not (new.wood_type = any (v_woods)) then
    raise exception using errcode = '23514',
      message = format('Invalid wood type for this model: %s is not made in %s', v_name, new.wood_type),
      detail = 'wood_type',
      hint = format('Allowed: %s', array_to_string(v_woods, ', '));
  end if;
  return new;
end $$;
comment on function app.validate_order_wood_type() is
  'Trigger check_order_wood_type (spec 04): an order''s wood must be one its model allows (23514, details wood_type).';

create trigger check_order_wood_type before insert or update of model_id, wood_type, org_id on public.orders
  for each row execute function app.validate_order_wood_type();

-- Rules on changing an order: cancelled is final; model and wood are fixed once production starts.
create function app.orders_guard() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if old.status = 'cancelled' and new.status <> 'cancelled' then
    raise exception using errcode = 'PT409', message = 'A cancelled order cannot be reopened', detail = 'cancelled';
  end if;
  if (new.model_id, new.wood_type) is distinct from (old.model_id, old.wood_type)
     and old.status not in ('pending', 'on_hold') then
    raise exception using errcode = 'PT409',
      message = 'Model and wood cannot change once the order is in production', detail = 'in_production';
  end if;
  return new;
end $$;
comment on function app.orders_guard() is 'Trigger: cancelled is final; model and wood fixed after production starts (PT409).';

create trigger orders_guard before update on public.orders
  for each row execute function app.orders_guard();

create trigger orders_set_updated_at before update on public.orders
  for each row execute function app.set_updated_at();
-- status changes are already in order_status_history, with who and why
create trigger orders_audit after insert or update or delete on public.orders
  for each row execute function app.audit_row('skip:status', 'skip:shopify_updated_at');

-- Writes the history row. The reason comes from set_config('floorline.reason', …, true) (the RPCs set
-- it from their argument); the source and batch from floorline.status_source / floorline.batch_id,
-- which the batch triggers set while orders follow their batch.
create function app.record_order_status() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  v_source text := nullif(current_setting('floorline.status_source', true), '');
begin
  if tg_op = 'UPDATE' and new.status is not distinct from old.status then
    return null;
  end if;
  insert into public.order_status_history (org_id, order_id, old_status, new_status, changed_by, changed_by_user,
                                           source, batch_id, reason)
  values (new.org_id, new.id, case when tg_op = 'UPDATE' then old.status end, new.status,
          app.actor_member_id(new.org_id), (select auth.uid()),
          coalesce(v_source, case when (select auth.uid()) is null then 'system' else 'manual' end),
          nullif(current_setting('floorline.batch_id', true), '')::uuid,
          nullif(btrim(current_setting('floorline.reason', true)), ''));
  return null;
end $$;
comment on function app.record_order_status() is 'Trigger: writes order_status_history for every new status, with who and why.';

create trigger orders_status_history after insert or update of status on public.orders
  for each row execute function app.record_order_status();

create trigger order_internal_notes_set_updated_at before update on public.order_internal_notes
  for each row execute function app.set_updated_at();
create trigger order_internal_notes_audit after insert or update or delete on public.order_internal_notes
  for each row execute function app.audit_row();

create function app.internal_notes_set_author() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  new.updated_by := coalesce(app.actor_member_id(new.org_id), new.updated_by);
  return new;
end $$;
comment on function app.internal_notes_set_author() is 'Trigger: order_internal_notes.updated_by is whoever writes.';

create trigger order_internal_notes_set_author before insert or update on public.order_internal_notes
  for each row execute function app.internal_notes_set_author();

-- ------------------------------------------------------------------ RLS
alter table public.orders enable row level security;
alter table public.order_internal_notes enable row level security;
alter table public.order_status_history enable row level security;

create policy orders_select on public.orders for select to authenticated
  using (org_id = any (array(select app.my_org_ids())));
create policy orders_insert on public.orders for insert to authenticated
  with check (org_id = any (array(select app.my_org_ids('manager'))));
create policy orders_update on public.orders for update to authenticated
  using (org_id = any (array(select app.my_org_ids('manager'))))
  with check (org_id = any (array(select app.my_org_ids('manager'))));
create policy orders_delete on public.orders for delete to authenticated using (false); -- cancel_order()

create policy order_internal_notes_select on public.order_internal_notes for select to authenticated
  using (org_id = any (array(select app.my_org_ids('supervisor'))));
create policy order_internal_notes_insert on public.order_internal_notes for insert to authenticated
  with check (org_id = any (array(select app.my_org_ids('supervisor'))));
create policy order_internal_notes_update on public.order_internal_notes for update to authenticated
  using (org_id = any (array(select app.my_org_ids('supervisor'))))
  with check (org_id = any (array(select app.my_org_ids('supervisor'))));
create policy order_internal_notes_delete on public.order_internal_notes for delete to authenticated
  using (org_id = any (array(select app.my_org_ids('supervisor'))));

create policy order_status_history_select on public.order_status_history for select to authenticated
  using (org_id = any (array(select app.my_org_ids('supervisor'))));
create policy order_status_history_insert on public.order_status_history for insert to authenticated
  with check (false);
create policy order_status_history_update on public.order_status_history for update to authenticated
  using (false);
create policy order_status_history_delete on public.order_status_history for delete to authenticated
  using (false);

revoke all on public.orders, public.order_internal_notes, public.order_status_history
  from public, anon, authenticated, service_role;
grant select on public.orders to authenticated;
grant insert (id, org_id, order_number, customer_id, model_id, wood_type, customizations, notes, priority, due_date,
              price)
  on public.orders to authenticated;
grant update (customer_id, model_id, wood_type, customizations, notes, priority, due_date, price)
  on public.orders to authenticated;
grant select, delete on public.order_internal_notes to authenticated;
grant insert (order_id, org_id, notes) on public.order_internal_notes to authenticated;
grant update (notes) on public.order_internal_notes to authenticated;
grant select on public.order_status_history to authenticated;
grant all on public.orders, public.order_internal_notes to service_role;
grant select on public.order_status_history to service_role;

revoke execute on all functions in schema app from public;
