-- Customers follow their order: tracking tokens, the public track_order() function, and live
-- progress broadcasts.
--
-- A token is 128 random bits (gen_random_bytes(16)) written base64url (22 characters, short enough
-- for a small QR code). Only its SHA-256 is stored; the token itself is shown once, by the RPC that
-- issues it. An order may have several live tokens (a link e-mailed at checkout, a QR shown at the
-- counter later), each revocable on its own; issuing a new one does not break the old ones.
--
-- track_order(token) is security definer and granted to anon. It returns only what the public page
-- shows — order number, model, wood, status, stage progress, estimated completion, public
-- milestones — never internal notes, staff, prices, customers or reasons. An unknown or revoked
-- token returns null after the same hashing and one indexed lookup.
--
-- Live updates: when an order's stage or status changes, realtime.send() broadcasts the same public
-- payload on the public channel 'track:' || token_hash (event order_progress) for each live token.
-- The channel name comes back from track_order (field channel), so the page never hashes anything.

create table public.order_tracking_tokens (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null,
  order_id uuid not null,
  token_hash text not null unique check (token_hash ~ '^[0-9a-f]{64}$'),
  label text check (length(label) <= 80),
  created_by uuid,
  created_at timestamptz not null default now(),
  revoked_at timestamptz,
  revoked_by uuid,
  foreign key (org_id, order_id) references public.orders (org_id, id) on delete cascade,
  foreign key (org_id, created_by) references public.members (org_id, id) on delete set null (created_by),
  foreign key (org_id, revoked_by) references public.members (org_id, id) on delete set null (revoked_by)
);
comment on table public.order_tracking_tokens is
  'Links customers use to follow an order (/track/<token>). Only the SHA-256 of each 128-bit token is '
  'kept (token_hash is not readable by any API role). Supervisors+ list and revoke them.';
comment on column public.order_tracking_tokens.token_hash is
  'hex SHA-256 of the token. Also names the public Realtime channel track:<token_hash>. Never selectable by API roles.';
comment on column public.order_tracking_tokens.label is 'Where the link went, e.g. "confirmation e-mail", "QR at pickup".';

create index order_tracking_tokens_order_idx on public.order_tracking_tokens (org_id, order_id) where revoked_at is null;
create index order_tracking_tokens_org_order_all_idx on public.order_tracking_tokens (org_id, order_id);
create index order_tracking_tokens_created_by_idx on public.order_tracking_tokens (org_id, created_by);
create index order_tracking_tokens_revoked_by_idx on public.order_tracking_tokens (org_id, revoked_by);

create trigger order_tracking_tokens_audit after insert or update or delete on public.order_tracking_tokens
  for each row execute function app.audit_row('redact:token_hash');

alter table public.order_tracking_tokens enable row level security;
create policy order_tracking_tokens_select on public.order_tracking_tokens for select to authenticated
  using (org_id = any (array(select app.my_org_ids('supervisor'))));
create policy order_tracking_tokens_insert on public.order_tracking_tokens for insert to authenticated
  with check (false); -- issue_tracking_token()
create policy order_tracking_tokens_update on public.order_tracking_tokens for update to authenticated
  using (false); -- revoke_tracking_token()
create policy order_tracking_tokens_delete on public.order_tracking_tokens for delete to authenticated
  using (false);

revoke all on public.order_tracking_tokens from public, anon, authenticated, service_role;
grant select (id, org_id, order_id, label, created_by, created_at, revoked_at, revoked_by)
  on public.order_tracking_tokens to authenticated, service_role;

-- ------------------------------------------------------------------ tokens
create function app.tracking_token_hash(p_token text) returns text
language sql immutable set search_path = '' as $$
  select encode(extensions.digest(convert_to(coalesce(p_token, ''), 'UTF8'), 'sha256'), 'hex')
$$;
comment on function app.tracking_token_hash(text) is 'hex SHA-256 of a tracking token (high entropy: a fast hash is right).';

create function app.new_tracking_token() returns text
language sql volatile set search_path = '' as $$
  select translate(rtrim(encode(extensions.gen_random_bytes(16), 'base64'), '='), '+/', '-_')
$$;
comment on function app.new_tracking_token() is '128 random bits, base64url without padding (22 characters).';

-- Issues a token for an order without checking the caller (the RPCs check first).
create function app.issue_tracking_token(p_order_id uuid, p_label text) returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_order public.orders;
  v_token text := app.new_tracking_token();
  v_hash text := app.tracking_token_hash(v_token);
  v_id uuid;
begin
  select * into v_order from public.orders o where o.id = p_order_id;
  insert into public.order_tracking_tokens (org_id, order_id, token_hash, label, created_by)
    values (v_order.org_id, v_order.id, v_hash, nullif(btrim(p_label), ''), app.actor_member_id(v_order.org_id))
    returning id into v_id;
  return jsonb_build_object('token_id', v_id, 'token', v_token, 'path', '/track/' || v_token,
                            'channel', 'track:' || v_hash);
end $$;
comment on function app.issue_tracking_token(uuid, text) is 'Creates a tracking token; returns {token_id, token, path, channel}.';

-- ------------------------------------------------------------------ the public view of an order
create function app.public_status_label(p_status public.order_status) returns text
language sql immutable set search_path = '' as $$
  select case p_status
    when 'pending' then 'Order received'
    when 'in_production' then 'In production'
    when 'quality_check' then 'Acoustic testing'
    when 'ready_to_ship' then 'Ready to ship'
    when 'shipped' then 'Shipped'
    when 'delivered' then 'Delivered'
    when 'on_hold' then 'On hold'
    when 'cancelled' then 'Cancelled'
  end
$$;
comment on function app.public_status_label(public.order_status) is 'How the tracking page words a status.';

-- Estimated completion: the order's remaining stage hours for its model (from the current stage
-- on), the rest of its batch's work from that stage, and the work of batches ahead of it at the
-- same stage (higher priority, or same priority and there earlier), spread over the workflow's
-- hours_per_day. Pending orders wait behind everything in production. Calendar days, no holidays.
create function app.estimated_completion(p_order_id uuid) returns date
language plpgsql stable security definer set search_path = '' as $$
declare
  v_order public.orders;
  v_batch public.batches;
  v_workflow public.workflows;
  v_pos smallint;
  v_hours numeric := 0;
begin
  select * into v_order from public.orders o where o.id = p_order_id;
  if v_order.id is null or v_order.status in ('shipped', 'delivered', 'cancelled') then
    return null;
  end if;
  select b.* into v_batch from public.batch_orders bo join public.batches b on b.id = bo.batch_id
    where bo.order_id = p_order_id and not bo.batch_is_complete;
  if v_batch.id is not null then
    select * into v_workflow from public.workflows w where w.id = v_batch.workflow_id;
    v_pos := app.stage_position(v_batch.workflow_id, v_batch.current_stage);
    -- this batch's remaining work, all of its orders
    select coalesce(sum(mps.estimated_hours), 0) into v_hours
    from public.batch_orders bo
    join public.orders o on o.id = bo.order_id
    join public.model_production_stages mps on mps.model_id = o.model_id
    join public.workflow_stages ws on ws.workflow_id = v_batch.workflow_id and ws.stage = mps.stage
    where bo.batch_id = v_batch.id and ws.position >= v_pos;
    -- batches ahead at the same stage
    v_hours := v_hours + coalesce((
      select sum(mps.estimated_hours)
      from public.batches b
      join public.batch_orders bo on bo.batch_id = b.id
      join public.orders o on o.id = bo.order_id
      join public.model_production_stages mps on mps.model_id = o.model_id and mps.stage = b.current_stage
      where b.org_id = v_batch.org_id and not b.is_complete and b.id <> v_batch.id
        and b.current_stage = v_batch.current_stage
        and (b.priority > v_batch.priority
             or (b.priority = v_batch.priority and b.stage_entered_at < v_batch.stage_entered_at))), 0);
  else
    select * into v_workflow from public.workflows w where w.org_id = v_order.org_id and w.is_default;
    select coalesce(sum(mps.estimated_hours), 0) into v_hours
    from public.model_production_stages mps where mps.model_id = v_order.model_id;
    v_hours := v_hours + coalesce((
      select sum(mps.estimated_hours)
      from public.batches b
      join public.batch_orders bo on bo.batch_id = b.id
      join public.orders o on o.id = bo.order_id
      join public.model_production_stages mps on mps.model_id = o.model_id
      join public.workflow_stages ws on ws.workflow_id = b.workflow_id and ws.stage = mps.stage
      join public.workflow_stages cur on cur.workflow_id = b.workflow_id and cur.stage = b.current_stage
      where b.org_id = v_order.org_id and not b.is_complete and ws.position >= cur.position), 0);
  end if;
  return app.org_today(v_order.org_id)
         + greatest(1, ceil(v_hours / coalesce(v_workflow.hours_per_day, 16))::integer);
end $$;
comment on function app.estimated_completion(uuid) is
  'Estimated completion date of an order from remaining stage hours and its batch''s position (null when done).';

-- Everything the tracking page shows, and nothing else.
create function app.order_public_progress(p_order_id uuid) returns jsonb
language plpgsql stable security definer set search_path = '' as $$
declare
  v_order public.orders;
  v_batch public.batches;
  v_batch_id uuid;
  v_added_at timestamptz;
  v_workflow_id uuid;
  v_pos smallint;
begin
  select * into v_order from public.orders o where o.id = p_order_id;
  if v_order.id is null then
    return null;
  end if;
  -- the batch it is in, else the last one it finished with
  select bo.batch_id, bo.added_at into v_batch_id, v_added_at
  from public.batch_orders bo
  where bo.order_id = p_order_id
  order by bo.batch_is_complete, bo.added_at desc limit 1;
  select * into v_batch from public.batches b where b.id = v_batch_id;
  v_workflow_id := coalesce(v_batch.workflow_id,
                            (select w.id from public.workflows w where w.org_id = v_order.org_id and w.is_default));
  v_pos := case
    when v_order.status in ('shipped', 'delivered') then 32767
    when v_batch.id is null or v_batch.is_complete then 0
    else app.stage_position(v_workflow_id, v_batch.current_stage) end;

  return jsonb_build_object(
    'order_number', v_order.order_number,
    'workshop', (select o.name from public.organisations o where o.id = v_order.org_id),
    'model', (select m.name from public.headphone_models m where m.id = v_order.model_id),
    'wood', v_order.wood_type,
    'status', v_order.status,
    'status_label', app.public_status_label(v_order.status),
    'current_stage', case when v_pos between 1 and 32766 then v_batch.current_stage end,
    'current_stage_label', case when v_pos between 1 and 32766 then (
      select coalesce(s.public_label, s.name) from public.workflow_stages s
      where s.workflow_id = v_workflow_id and s.stage = v_batch.current_stage) end,
    'stages', (
      select jsonb_agg(jsonb_build_object(
               'stage', s.stage,
               'label', coalesce(s.public_label, s.name),
               'state', case when s.position < v_pos then 'done' when s.position = v_pos then 'current' else 'upcoming' end)
             order by s.position)
      from public.workflow_stages s where s.workflow_id = v_workflow_id),
    'estimated_completion', app.estimated_completion(v_order.id),
    'milestones', coalesce((
      select jsonb_agg(jsonb_build_object('at', m.at, 'label', m.label) order by m.at, m.ord)
      from (
        select h.created_at as at, app.public_status_label(h.new_status) as label, 0 as ord
        from public.order_status_history h
        where h.order_id = v_order.id
        union all
        select e.at, coalesce(s.public_label, s.name), 1
        from public.batch_events e
        join public.workflow_stages s on s.workflow_id = v_batch.workflow_id and s.stage = e.to_stage
        where e.batch_id = v_batch.id and e.kind = 'advanced' and e.at >= v_added_at
      ) m), '[]'::jsonb),
    'updated_at', greatest(v_order.updated_at, v_batch.stage_entered_at)
  );
end $$;
comment on function app.order_public_progress(uuid) is
  'The public tracking payload of an order: number, workshop, model, wood, status, stages, estimate, milestones.';

create function public.track_order(p_token text) returns jsonb
language plpgsql stable security definer set search_path = '' as $$
declare
  -- always hash (bounded input), so unknown and real tokens cost the same up to the lookup
  v_hash text := app.tracking_token_hash(left(coalesce(p_token, ''), 128));
  v_order_id uuid;
begin
  select t.order_id into v_order_id
  from public.order_tracking_tokens t
  where t.token_hash = v_hash and t.revoked_at is null;
  if v_order_id is null then
    return null;
  end if;
  return app.order_public_progress(v_order_id) || jsonb_build_object('channel', 'track:' || v_hash);
end $$;
comment on function public.track_order(text) is
  'Public order tracking (anon): {order_number, workshop, model, wood, status, status_label, current_stage, '
  'current_stage_label, stages[{stage,label,state}], estimated_completion, milestones[{at,label}], updated_at, '
  'channel}. Null for an unknown or revoked token. Subscribe to `channel` (public broadcast, event '
  'order_progress) for live updates with the same payload.';

-- ------------------------------------------------------------------ live progress
create function app.broadcast_order_progress(p_order_id uuid) returns void
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_payload jsonb;
  v_hash text;
begin
  for v_hash in
    select t.token_hash from public.order_tracking_tokens t where t.order_id = p_order_id and t.revoked_at is null
  loop
    v_payload := coalesce(v_payload, app.order_public_progress(p_order_id));
    perform realtime.send(v_payload || jsonb_build_object('channel', 'track:' || v_hash), 'order_progress',
                          'track:' || v_hash, false);
  end loop;
end $$;
comment on function app.broadcast_order_progress(uuid) is
  'Sends the public payload to every live tracking channel of an order (realtime.send, public broadcast).';

create function app.orders_broadcast_status() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  perform app.broadcast_order_progress(new.id);
  return null;
end $$;
comment on function app.orders_broadcast_status() is 'Trigger: a status change goes to the order''s tracking pages.';

create trigger orders_broadcast_status after update of status on public.orders
  for each row when (old.status is distinct from new.status)
  execute function app.orders_broadcast_status();

-- ------------------------------------------------------------------ RPCs
create function public.issue_tracking_token(p_order_id uuid, p_label text default null) returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_org uuid;
begin
  select o.org_id into v_org from public.orders o where o.id = p_order_id;
  if v_org is null then
    raise exception using errcode = 'PT404', message = 'Order not found', detail = 'order_id';
  end if;
  if not app.is_service_role() then
    perform app.require_role(v_org, 'supervisor');
  end if;
  if p_label is not null and length(p_label) > 80 then
    perform app.invalid('label', 'Keep the label under 80 characters');
  end if;
  return app.issue_tracking_token(p_order_id, p_label);
end $$;
comment on function public.issue_tracking_token(uuid, text) is
  'A new tracking link for an order (supervisors+): {token_id, token, path, channel}. The token is shown '
  'only now (stored hashed); earlier links keep working. Errors: PT403, PT404, 22023 label.';

create function public.revoke_tracking_token(p_token_id uuid) returns void
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_token public.order_tracking_tokens;
begin
  select * into v_token from public.order_tracking_tokens t where t.id = p_token_id for update;
  if v_token.id is null then
    raise exception using errcode = 'PT404', message = 'Tracking link not found', detail = 'token_id';
  end if;
  if not app.is_service_role() then
    perform app.require_role(v_token.org_id, 'supervisor');
  end if;
  update public.order_tracking_tokens t
    set revoked_at = now(), revoked_by = app.actor_member_id(t.org_id)
    where t.id = p_token_id and t.revoked_at is null;
end $$;
comment on function public.revoke_tracking_token(uuid) is
  'Revokes one tracking link (supervisors+): the page answers not found from now on. Idempotent. Errors: PT403, PT404.';

revoke execute on all functions in schema app from public;
revoke execute on function public.track_order(text), public.issue_tracking_token(uuid, text),
  public.revoke_tracking_token(uuid)
  from public, anon, authenticated, service_role;
grant execute on function public.track_order(text) to anon, authenticated, service_role;
grant execute on function public.issue_tracking_token(uuid, text), public.revoke_tracking_token(uuid)
  to authenticated, service_role;
