-- Order RPCs: every write that touches several rows is one call, so it commits or fails whole.
-- security definer because they share private helpers (app.*: role checks, idempotency store,
-- numbering) that API roles cannot execute; each checks the caller's role in the order's
-- organisation once (app.require_role: live membership, operators only through a station) and
-- the table rules still apply through the triggers. The service role acts as an owner.
--
-- Errors: PT401/PT403 (role), PT404 (not found), PT409 (conflict; details names the rule),
-- 22023 (invalid input; details names the field), 23514 (details wood_type: wood not allowed).

-- ------------------------------------------------------------------ shared pieces
create function app.require_production_role(p_org_id uuid, p_min_role public.member_role) returns void
language plpgsql stable security definer set search_path = '' as $$
begin
  -- the service role, and SQL sessions without any JWT (psql, pg_cron, seeds, benchmarks), pass
  if app.is_service_role() or (select auth.role()) is null then
    return;
  end if;
  if (select auth.uid()) is null then
    raise exception using errcode = 'PT401', message = 'Sign in first';
  end if;
  perform app.require_role(p_org_id, p_min_role);
end $$;
comment on function app.require_production_role(uuid, public.member_role) is
  'PT401 without a user, PT403 below p_min_role in p_org_id; the service role and JWT-less SQL sessions pass.';

-- The staff view of an order (RPC answers): includes internal notes, since only supervisors+ and
-- the service role get it.
create function app.order_json(p_order_id uuid) returns jsonb
language sql stable security definer set search_path = '' as $$
  select jsonb_build_object(
    'id', o.id, 'org_id', o.org_id, 'order_number', o.order_number, 'status', o.status, 'priority', o.priority,
    'model_id', o.model_id, 'model_name', m.name, 'wood_type', o.wood_type,
    'customer_id', o.customer_id,
    'customer', case when c.id is not null then jsonb_build_object('id', c.id, 'name', c.name, 'email', c.email) end,
    'customizations', o.customizations, 'notes', o.notes, 'internal_notes', n.notes,
    'due_date', o.due_date, 'price', o.price, 'shopify_order_id', o.shopify_order_id,
    'batch', (select jsonb_build_object('id', b.id, 'batch_number', b.batch_number, 'current_stage', b.current_stage)
              from public.batch_orders bo join public.batches b on b.id = bo.batch_id
              where bo.order_id = o.id and not bo.batch_is_complete),
    'created_at', o.created_at, 'updated_at', o.updated_at)
  from public.orders o
  join public.headphone_models m on m.id = o.model_id
  left join public.customers c on c.id = o.customer_id
  left join public.order_internal_notes n on n.order_id = o.id
  where o.id = p_order_id
$$;
comment on function app.order_json(uuid) is 'An order as the staff RPCs return it (with model, customer, batch, internal notes).';

-- A locked order, PT404 if missing.
create function app.order_for_update(p_order_id uuid) returns public.orders
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_order public.orders;
begin
  select * into v_order from public.orders o where o.id = p_order_id for update;
  if v_order.id is null then
    raise exception using errcode = 'PT404', message = 'Order not found', detail = 'order_id';
  end if;
  return v_order;
end $$;
comment on function app.order_for_update(uuid) is 'Locks and returns an order; PT404 if missing.';

-- Finds or creates a customer: by Shopify id, then by e-mail (case-insensitive); fills in what the
-- payload brings and keeps the rest. Fields: name, email, phone, shipping_address, billing_address.
create function app.upsert_customer(p_org_id uuid, p_customer jsonb, p_shopify_customer_id text default null)
returns uuid
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_name text := nullif(btrim(p_customer ->> 'name'), '');
  v_email text := lower(nullif(btrim(p_customer ->> 'email'), ''));
  v_phone text := nullif(btrim(p_customer ->> 'phone'), '');
  v_ship jsonb := nullif(p_customer -> 'shipping_address', 'null'::jsonb);
  v_bill jsonb := nullif(p_customer -> 'billing_address', 'null'::jsonb);
  v_id uuid;
begin
  if jsonb_typeof(p_customer) is distinct from 'object' then
    perform app.invalid('customer', 'Customer must be an object {name, email, phone, shipping_address, billing_address}');
  end if;
  if v_email is null or v_email !~ '^[^@\s]+@[^@\s]+$' or length(v_email) > 320 then
    perform app.invalid('customer.email', 'Enter the customer''s e-mail address');
  end if;
  if v_name is not null and length(v_name) > 200 then
    perform app.invalid('customer.name', 'Keep the name under 200 characters');
  end if;
  if v_phone is not null and length(v_phone) > 40 then
    perform app.invalid('customer.phone', 'Keep the phone number under 40 characters');
  end if;
  if (v_ship is not null and jsonb_typeof(v_ship) <> 'object') or (v_bill is not null and jsonb_typeof(v_bill) <> 'object') then
    perform app.invalid('customer.shipping_address', 'Addresses are objects');
  end if;

  if p_shopify_customer_id is not null then
    select c.id into v_id from public.customers c
      where c.org_id = p_org_id and c.shopify_customer_id = p_shopify_customer_id for update;
  end if;
  if v_id is null then
    select c.id into v_id from public.customers c where c.org_id = p_org_id and lower(c.email) = v_email for update;
  end if;

  if v_id is null then
    if v_name is null then
      perform app.invalid('customer.name', 'Enter the customer''s name');
    end if;
    insert into public.customers (org_id, shopify_customer_id, name, email, phone, shipping_address, billing_address)
      values (p_org_id, p_shopify_customer_id, v_name, v_email, v_phone, v_ship, v_bill)
      on conflict (org_id, lower(email)) do nothing
      returning id into v_id;
    if v_id is null then
      -- created by a concurrent request a moment ago
      select c.id into v_id from public.customers c where c.org_id = p_org_id and lower(c.email) = v_email for update;
    else
      return v_id;
    end if;
  end if;
  update public.customers c
    set name = coalesce(v_name, c.name),
        email = case when exists (select 1 from public.customers x
                                  where x.org_id = p_org_id and lower(x.email) = v_email and x.id <> c.id)
                     then c.email else v_email end,
        phone = coalesce(v_phone, c.phone),
        shipping_address = coalesce(v_ship, c.shipping_address),
        billing_address = coalesce(v_bill, c.billing_address),
        shopify_customer_id = coalesce(c.shopify_customer_id, p_shopify_customer_id)
    where c.id = v_id;
  return v_id;
end $$;
comment on function app.upsert_customer(uuid, jsonb, text) is
  'Finds a customer by Shopify id, then e-mail, and updates the fields given; otherwise creates one. 22023 customer.*.';

-- Writes (or clears) an order's staff-only note.
create function app.write_internal_notes(p_org_id uuid, p_order_id uuid, p_notes text) returns void
language plpgsql volatile security definer set search_path = '' as $$
begin
  if nullif(btrim(p_notes), '') is null then
    delete from public.order_internal_notes n where n.order_id = p_order_id;
  elsif length(p_notes) > 4000 then
    perform app.invalid('internal_notes', 'Keep internal notes under 4000 characters');
  else
    insert into public.order_internal_notes (order_id, org_id, notes) values (p_order_id, p_org_id, p_notes)
      on conflict (order_id) do update set notes = excluded.notes;
  end if;
end $$;
comment on function app.write_internal_notes(uuid, uuid, text) is 'Upserts an order''s internal note; empty deletes it.';

-- ------------------------------------------------------------------ create_order
create function public.create_order(
  p_org_id uuid,
  p_model_id uuid,
  p_wood_type public.wood_type,
  p_customer jsonb default null,
  p_customer_id uuid default null,
  p_priority public.batch_priority default 'standard',
  p_due_date date default null,
  p_customizations jsonb default '{}',
  p_notes text default null,
  p_internal_notes text default null,
  p_price numeric default null,
  p_order_number text default null,
  p_issue_tracking_token boolean default true,
  p_client_id uuid default null
) returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_replay jsonb;
  v_model public.headphone_models;
  v_customer_id uuid := p_customer_id;
  v_order_id uuid;
  v_tracking jsonb;
  v_answer jsonb;
begin
  perform app.require_production_role(p_org_id, 'manager');
  v_replay := app.replay_begin(p_client_id, 'create_order');
  if v_replay is not null then
    return v_replay;
  end if;

  select * into v_model from public.headphone_models m where m.id = p_model_id and m.org_id = p_org_id;
  if v_model.id is null then
    perform app.invalid('model_id', 'Pick a model from the catalogue');
  end if;
  if not v_model.is_active then
    perform app.invalid('model_id', format('%s is no longer made', v_model.name));
  end if;
  if p_wood_type is null then
    perform app.invalid('wood_type', 'Pick a wood');
  end if;
  if p_customizations is null or jsonb_typeof(p_customizations) <> 'object' then
    perform app.invalid('customizations', 'Customizations must be an object');
  end if;
  if p_notes is not null and length(p_notes) > 4000 then
    perform app.invalid('notes', 'Keep notes under 4000 characters');
  end if;
  if p_price is not null and (p_price < 0 or p_price >= 100000000) then
    perform app.invalid('price', 'Enter a price of 0 or more');
  end if;
  if p_order_number is not null and p_order_number !~ '^[A-Za-z0-9#][A-Za-z0-9#._/-]{0,39}$' then
    perform app.invalid('order_number', 'Order numbers are up to 40 letters, digits and # . _ / -');
  end if;
  if p_order_number is not null and exists (
       select 1 from public.orders o where o.org_id = p_org_id and o.order_number = p_order_number) then
    raise exception using errcode = 'PT409', message = 'That order number is taken', detail = 'order_number';
  end if;

  if v_customer_id is not null then
    if not exists (select 1 from public.customers c where c.id = v_customer_id and c.org_id = p_org_id) then
      perform app.invalid('customer_id', 'No such customer in this organisation');
    end if;
  elsif p_customer is not null then
    v_customer_id := app.upsert_customer(p_org_id, p_customer);
  end if;

  perform app.set_reason('Order created');
  insert into public.orders (org_id, order_number, customer_id, model_id, wood_type, customizations, notes, priority,
                             due_date, price)
    values (p_org_id, p_order_number, v_customer_id, p_model_id, p_wood_type, p_customizations,
            nullif(btrim(p_notes), ''), coalesce(p_priority, 'standard'), p_due_date, coalesce(p_price, v_model.base_price))
    returning id into v_order_id;
  perform app.set_reason(null);
  if p_internal_notes is not null then
    perform app.write_internal_notes(p_org_id, v_order_id, p_internal_notes);
  end if;
  if coalesce(p_issue_tracking_token, true) then
    v_tracking := app.issue_tracking_token(v_order_id, 'created with the order');
  end if;

  v_answer := jsonb_build_object('order', app.order_json(v_order_id));
  -- the stored answer never holds the token (it is kept hashed only): a replay gets its id, not the token
  perform app.replay_store(p_client_id, 'create_order', p_org_id,
    v_answer || jsonb_build_object('tracking', v_tracking - 'token' - 'path' || '{"token": null, "path": null}'));
  return v_answer || jsonb_build_object('tracking', v_tracking, 'replayed', false);
end $$;
comment on function public.create_order(uuid, uuid, public.wood_type, jsonb, uuid, public.batch_priority, date, jsonb,
  text, text, numeric, text, boolean, uuid) is
  'Creates an order (managers+), upserting its customer (p_customer {name, email, phone, shipping_address, '
  'billing_address}, or p_customer_id), its internal note and a tracking link. Returns {order, tracking: '
  '{token_id, token, path, channel} | null, replayed}. With p_client_id a retry returns the first answer, '
  'with tracking.token null (tokens are stored hashed: issue_tracking_token for a new link). Errors: PT401, '
  'PT403, PT409 order_number, 22023 (model_id, wood_type, customer.*, customizations, notes, price, '
  'order_number, client_id), 23514 wood_type (not made in that wood).';

-- ------------------------------------------------------------------ update_order
create function public.update_order(
  p_order_id uuid,
  p_changes jsonb,
  p_reason text default null,
  p_client_id uuid default null
) returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_order public.orders := app.order_for_update(p_order_id);
  v_replay jsonb;
  v_key text;
  v_status public.order_status;
  v_model public.headphone_models;
begin
  perform app.require_production_role(v_order.org_id, 'manager');
  v_replay := app.replay_begin(p_client_id, 'update_order');
  if v_replay is not null then
    return v_replay;
  end if;
  if jsonb_typeof(p_changes) is distinct from 'object' then
    perform app.invalid('changes', 'Send the fields to change as an object');
  end if;
  for v_key in select jsonb_object_keys(p_changes) loop
    if v_key not in ('model_id', 'wood_type', 'customer_id', 'priority', 'due_date', 'customizations', 'notes',
                     'internal_notes', 'price', 'status') then
      perform app.invalid(v_key, format('%s cannot be changed here', v_key));
    end if;
  end loop;
  perform app.set_reason(p_reason);

  if p_changes ? 'model_id' then
    select * into v_model from public.headphone_models m
      where m.id = (p_changes ->> 'model_id')::uuid and m.org_id = v_order.org_id;
    if v_model.id is null then
      perform app.invalid('model_id', 'Pick a model from the catalogue');
    end if;
  end if;
  if p_changes ? 'customer_id' and p_changes ->> 'customer_id' is not null and not exists (
       select 1 from public.customers c where c.id = (p_changes ->> 'customer_id')::uuid and c.org_id = v_order.org_id) then
    perform app.invalid('customer_id', 'No such customer in this organisation');
  end if;
  if p_changes ? 'customizations' and jsonb_typeof(p_changes -> 'customizations') <> 'object' then
    perform app.invalid('customizations', 'Customizations must be an object');
  end if;
  if p_changes ? 'price' and p_changes ->> 'price' is not null
     and ((p_changes ->> 'price')::numeric < 0 or (p_changes ->> 'price')::numeric >= 100000000) then
    perform app.invalid('price', 'Enter a price of 0 or more');
  end if;
  if p_changes ? 'notes' and length(p_changes ->> 'notes') > 4000 then
    perform app.invalid('notes', 'Keep notes under 4000 characters');
  end if;

  update public.orders o set
    model_id = case when p_changes ? 'model_id' then (p_changes ->> 'model_id')::uuid else o.model_id end,
    wood_type = case when p_changes ? 'wood_type' then (p_changes ->> 'wood_type')::public.wood_type else o.wood_type end,
    customer_id = case when p_changes ? 'customer_id' then (p_changes ->> 'customer_id')::uuid else o.customer_id end,
    priority = case when p_changes ? 'priority'
                    then coalesce((p_changes ->> 'priority')::public.batch_priority, 'standard') else o.priority end,
    due_date = case when p_changes ? 'due_date' then (p_changes ->> 'due_date')::date else o.due_date end,
    customizations = case when p_changes ? 'customizations' then p_changes -> 'customizations' else o.customizations end,
    notes = case when p_changes ? 'notes' then nullif(btrim(p_changes ->> 'notes'), '') else o.notes end,
    price = case when p_changes ? 'price' then (p_changes ->> 'price')::numeric else o.price end
  where o.id = p_order_id;

  if p_changes ? 'internal_notes' then
    perform app.write_internal_notes(v_order.org_id, p_order_id, p_changes ->> 'internal_notes');
  end if;

  if p_changes ? 'status' then
    v_status := (p_changes ->> 'status')::public.order_status;
    if v_status is distinct from v_order.status then
      -- the statuses staff set by hand; the rest follow the batch (or cancel_order)
      if not ((v_order.status = 'pending' and v_status = 'on_hold')
              or (v_order.status = 'on_hold' and v_status = 'pending')
              or (v_order.status = 'shipped' and v_status = 'delivered')) then
        raise exception using errcode = 'PT409',
          message = format('An order cannot go from %s to %s by hand', v_order.status, v_status),
          detail = 'status',
          hint = 'By hand: pending ↔ on_hold, shipped → delivered; cancel with cancel_order; the rest follows the batch';
      end if;
      update public.orders o set status = v_status where o.id = p_order_id;
    end if;
  end if;
  perform app.set_reason(null);
  return app.replay_store(p_client_id, 'update_order', v_order.org_id,
                          jsonb_build_object('order', app.order_json(p_order_id)));
exception
  when invalid_text_representation or datetime_field_overflow or invalid_datetime_format
       or numeric_value_out_of_range then
    raise exception using errcode = '22023', message = 'A field has an invalid value: ' || sqlerrm, detail = 'changes';
end $$;
comment on function public.update_order(uuid, jsonb, text, uuid) is
  'Changes an order (managers+). p_changes may hold model_id, wood_type (only while pending/on hold), '
  'customer_id, priority, due_date, customizations, notes, internal_notes (empty deletes), price, status '
  '(by hand only pending ↔ on_hold and shipped → delivered). p_reason goes to the status history. Returns '
  '{order, replayed}. Errors: PT403, PT404, PT409 (status, in_production, cancelled), 22023 (field in '
  'details), 23514 wood_type.';

-- ------------------------------------------------------------------ cancel_order
create function public.cancel_order(p_order_id uuid, p_reason text, p_client_id uuid default null) returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_order public.orders := app.order_for_update(p_order_id);
  v_replay jsonb;
  v_batch_id uuid;
begin
  perform app.require_production_role(v_order.org_id, 'manager');
  v_replay := app.replay_begin(p_client_id, 'cancel_order');
  if v_replay is not null then
    return v_replay;
  end if;
  if nullif(btrim(p_reason), '') is null then
    perform app.invalid('reason', 'Say why the order is cancelled');
  end if;
  if v_order.status in ('shipped', 'delivered') then
    raise exception using errcode = 'PT409', message = format('Order %s has already shipped', v_order.order_number),
      detail = 'already_shipped';
  end if;
  if v_order.status <> 'cancelled' then
    perform app.set_reason(p_reason);
    -- leave its batch without passing through pending
    select bo.batch_id into v_batch_id from public.batch_orders bo
      where bo.order_id = p_order_id and not bo.batch_is_complete;
    if v_batch_id is not null then
      perform set_config('floorline.batch_move', 'on', true);
      delete from public.batch_orders bo where bo.order_id = p_order_id and bo.batch_id = v_batch_id;
      perform set_config('floorline.batch_move', '', true);
      perform app.log_batch_event(v_order.org_id, v_batch_id, 'order_removed', null, null, null,
                                  'Order cancelled: ' || btrim(p_reason), array[p_order_id]);
    end if;
    update public.orders o set status = 'cancelled' where o.id = p_order_id;
    perform app.set_reason(null);
  end if;
  return app.replay_store(p_client_id, 'cancel_order', v_order.org_id,
                          jsonb_build_object('order', app.order_json(p_order_id), 'removed_from_batch_id', v_batch_id));
end $$;
comment on function public.cancel_order(uuid, text, uuid) is
  'Cancels an order (managers+), taking it out of its unfinished batch; reason required. Cancelling a '
  'cancelled order is a no-op. Returns {order, removed_from_batch_id, replayed}. Errors: PT403, PT404, '
  'PT409 already_shipped, 22023 reason.';

-- ------------------------------------------------------------------ grants
revoke execute on all functions in schema app from public;
revoke execute on function
  public.create_order(uuid, uuid, public.wood_type, jsonb, uuid, public.batch_priority, date, jsonb, text, text, numeric,
                      text, boolean, uuid),
  public.update_order(uuid, jsonb, text, uuid),
  public.cancel_order(uuid, text, uuid)
  from public, anon, authenticated, service_role;
grant execute on function
  public.create_order(uuid, uuid, public.wood_type, jsonb, uuid, public.batch_priority, date, jsonb, text, text, numeric,
                      text, boolean, uuid),
  public.update_order(uuid, jsonb, text, uuid),
  public.cancel_order(uuid, text, uuid)
  to authenticated, service_role;
