-- Bundles on the floor (issue 14, docs/floor.md §1, docs/garment.md): a bundle is a floor item like a
-- batch or an order, so its QR label (FL1:<prefix>:I:<code>, printed from /[org]/labels or the cutting
-- screen) or its number (BN-117) opens its card on /scan. floor_items gets a bundle_id with its foreign
-- key; the resolver, the context, the card, the label RPCs and the scan RPCs get a bundle branch.
-- Every function below is its newest definition with only that branch added (see the "==== name"
-- markers). A bundle has no batch stage: its card has current_stage null, no stage actions and no
-- Advance; it carries `bundle` (style, size, colour, shade, pieces, status, location, lay, cut order,
-- cutting run, the transitions open from its status and its latest history) for the tablet.

alter table public.floor_items add column bundle_id uuid;
alter table public.floor_items drop constraint floor_items_check;
alter table public.floor_items add constraint floor_items_check
  check (num_nonnulls(order_id, batch_id, bundle_id) = 1
         and (kind = 'order') = (order_id is not null)
         and (kind = 'batch') = (batch_id is not null)
         and (kind = 'bundle') = (bundle_id is not null));
alter table public.floor_items add constraint floor_items_org_id_bundle_id_key unique (org_id, bundle_id);
alter table public.floor_items add constraint floor_items_org_id_bundle_id_fkey
  foreign key (org_id, bundle_id) references public.bundles (org_id, id) on delete cascade;
comment on column public.floor_items.bundle_id is 'The garment bundle (kind bundle).';
comment on column public.floor_items.kind is 'order, batch or bundle; exactly the matching reference column is set.';

-- What the scan card shows about a bundle.
create function app.floor_bundle_details(p_bundle_id uuid) returns jsonb
language sql stable security definer set search_path = '' as $$
  select jsonb_build_object(
    'id', bu.id, 'bundle_number', bu.bundle_number, 'number', 'BN-' || bu.bundle_number,
    'style', jsonb_build_object('id', s.id, 'code', s.code, 'name', s.name, 'product_type', pt.code),
    'size', bu.size, 'colour', bu.colour, 'shade', bu.shade, 'quantity', bu.quantity,
    'rejected_quantity', bu.rejected_quantity, 'good_units', bu.quantity - bu.rejected_quantity,
    'status', bu.status, 'status_label', coalesce(d.fsm_schema -> 'meta' -> bu.status ->> 'label', bu.status),
    'type_definition_id', bu.type_definition_id,
    'location', case when l.id is not null then jsonb_build_object('id', l.id, 'name', l.name) end,
    'lay', case when la.id is not null then jsonb_build_object('id', la.id, 'lay_number', la.lay_number) end,
    'cut_order', case when co.id is not null
                      then jsonb_build_object('id', co.id, 'cut_order_number', co.cut_order_number) end,
    'cutting_run', case when cr.id is not null then jsonb_build_object('id', cr.id, 'run_number', cr.run_number) end,
    'transitions', coalesce((select jsonb_agg(jsonb_build_object('name', t.name, 'to', t.to_state, 'requires', t.requires)
                                              order by t.name)
                             from app.fsm_transitions(d.fsm_schema, bu.status) t), '[]'::jsonb),
    'history', coalesce((select jsonb_agg(jsonb_build_object(
                                  'from_status', h.from_status, 'to_status', h.to_status, 'transition', h.transition,
                                  'from_location', fl.name, 'to_location', tl.name, 'member', m.display_name,
                                  'reason', h.change_reason, 'scanned_at', h.scanned_at, 'device', h.scanner_device,
                                  'at', h.created_at) order by h.id desc)
                         from (select * from public.bundle_status_history x where x.bundle_id = bu.id
                               order by x.id desc limit 10) h
                         left join public.locations fl on fl.id = h.from_location_id
                         left join public.locations tl on tl.id = h.to_location_id
                         left join public.members m on m.id = h.member_id), '[]'::jsonb))
  from public.bundles bu
  join public.styles s on s.id = bu.style_id
  join public.product_types pt on pt.id = s.product_type_id
  join public.type_definitions d on d.id = bu.type_definition_id
  left join public.locations l on l.id = bu.location_id
  left join public.lays la on la.id = bu.lay_id
  left join public.cut_orders co on co.id = bu.cut_order_id
  left join public.cutting_runs cr on cr.id = bu.cutting_run_id
  where bu.id = p_bundle_id
$$;
comment on function app.floor_bundle_details(uuid) is
  'The bundle part of a floor card: style, size, colour, shade, pieces, status, where, lay/cut order/run, the '
  'transitions open now and the last 10 history rows.';

-- ==== app.floor_resolve_item: + bundles
CREATE OR REPLACE FUNCTION app.floor_resolve_item(p_org_id uuid, p_any uuid, p_create boolean DEFAULT true)
 RETURNS TABLE(kind floor_item_kind, ref_id uuid, item_id uuid)
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
#variable_conflict use_column
declare
  v_kind public.floor_item_kind;
  v_ref uuid;
  v_item uuid;
begin
  if p_any is null then
    return;
  end if;
  select fi.kind, coalesce(fi.batch_id, fi.order_id, fi.bundle_id), fi.id into v_kind, v_ref, v_item
    from public.floor_items fi where fi.id = p_any and fi.org_id = p_org_id;
  if v_item is null then
    if exists (select 1 from public.batches b where b.id = p_any and b.org_id = p_org_id) then
      v_kind := 'batch';
    elsif exists (select 1 from public.orders o where o.id = p_any and o.org_id = p_org_id) then
      v_kind := 'order';
    elsif exists (select 1 from public.bundles bu where bu.id = p_any and bu.org_id = p_org_id) then
      v_kind := 'bundle';
    else
      return;
    end if;
    v_ref := p_any;
    select fi.id into v_item from public.floor_items fi
      where fi.org_id = p_org_id and (fi.batch_id = p_any or fi.order_id = p_any or fi.bundle_id = p_any);
    if v_item is null and p_create then
      insert into public.floor_items (org_id, kind, order_id, batch_id, bundle_id)
        values (p_org_id, v_kind, case when v_kind = 'order' then p_any end, case when v_kind = 'batch' then p_any end,
                case when v_kind = 'bundle' then p_any end)
        on conflict do nothing
        returning id into v_item;
      if v_item is null then
        select fi.id into v_item from public.floor_items fi
          where fi.org_id = p_org_id and (fi.batch_id = p_any or fi.order_id = p_any or fi.bundle_id = p_any);
      end if;
    end if;
  end if;
  return query select v_kind, v_ref, v_item;
end $function$;

-- ==== app.floor_item_context: + bundles
CREATE OR REPLACE FUNCTION app.floor_item_context(p_kind floor_item_kind, p_ref_id uuid)
 RETURNS TABLE(kind floor_item_kind, ref_id uuid, item_id uuid, org_id uuid, number text, title text, batch_id uuid, batch_number text, type_definition_id uuid, stage text, stage_entered_at timestamp with time zone, is_complete boolean, status text, quality_status quality_status, priority batch_priority, due_date date, model_ids uuid[], order_count integer)
 LANGUAGE plpgsql
 STABLE SECURITY DEFINER
 SET search_path TO ''
AS $function$
#variable_conflict use_column
begin
  return query
  select 'batch'::public.floor_item_kind, b.id, fi.id, b.org_id, b.batch_number,
         coalesce((select string_agg(x.name || case when x.n > 1 then ' ×' || x.n else '' end, ', ' order by x.name)
                   from (select m.name, count(*) as n from public.batch_orders bo
                         join public.orders o on o.id = bo.order_id join public.headphone_models m on m.id = o.model_id
                         where bo.batch_id = b.id group by m.name) x), 'Empty batch'),
         b.id, b.batch_number, b.type_definition_id, b.current_stage, b.stage_entered_at, b.is_complete,
         case when b.is_complete then 'completed' else ws.order_status::text end,
         b.quality_status, b.priority,
         coalesce(b.target_completion, (select min(o.due_date) from public.batch_orders bo
                                        join public.orders o on o.id = bo.order_id where bo.batch_id = b.id)),
         coalesce((select array_agg(distinct o.model_id) from public.batch_orders bo
                   join public.orders o on o.id = bo.order_id where bo.batch_id = b.id), '{}'),
         (select count(*)::int from public.batch_orders bo where bo.batch_id = b.id)
  from public.batches b
  join app.batch_type_states ws on ws.type_definition_id = b.type_definition_id and ws.stage = b.current_stage
  left join public.floor_items fi on fi.org_id = b.org_id and fi.batch_id = b.id
  where p_kind = 'batch' and b.id = p_ref_id
  union all
  select 'order'::public.floor_item_kind, o.id, fi.id, o.org_id, o.order_number, m.name || ' · ' || o.wood_type,
         b.id, b.batch_number, b.type_definition_id, b.current_stage, b.stage_entered_at,
         o.status in ('shipped', 'delivered', 'cancelled') or b.id is null,
         o.status::text, b.quality_status, o.priority, o.due_date, array[o.model_id], null::integer
  from public.orders o
  join public.headphone_models m on m.id = o.model_id
  left join public.batch_orders bo on bo.order_id = o.id and not bo.batch_is_complete
  left join public.batches b on b.id = bo.batch_id
  left join public.floor_items fi on fi.org_id = o.org_id and fi.order_id = o.id
  where p_kind = 'order' and o.id = p_ref_id
  union all
  -- a bundle: no stage of a batch type (its status is its own type's); done when the status is terminal
  select 'bundle'::public.floor_item_kind, bu.id, fi.id, bu.org_id, 'BN-' || bu.bundle_number,
         s.code || ' ' || s.name || ' · ' || bu.size || ' · ' || bu.colour || ' · shade ' || bu.shade || ' · '
           || (bu.quantity - bu.rejected_quantity) || ' pcs',
         null::uuid, null::text, null::uuid, null::text, null::timestamptz,
         coalesce(d.fsm_schema -> 'terminal' ? bu.status, false), bu.status, null::public.quality_status,
         null::public.batch_priority, co.due_date, '{}'::uuid[], null::integer
  from public.bundles bu
  join public.styles s on s.id = bu.style_id
  join public.type_definitions d on d.id = bu.type_definition_id
  left join public.cut_orders co on co.id = bu.cut_order_id
  left join public.floor_items fi on fi.org_id = bu.org_id and fi.bundle_id = bu.id
  where p_kind = 'bundle' and bu.id = p_ref_id;
end $function$;

-- ==== app.floor_item_card: + the bundle's details
CREATE OR REPLACE FUNCTION app.floor_item_card(p_kind floor_item_kind, p_ref_id uuid)
 RETURNS jsonb
 LANGUAGE plpgsql
 STABLE SECURITY DEFINER
 SET search_path TO ''
AS $function$
declare
  c record;
  v_actions jsonb;
  v_batch_actions jsonb;
  v_blockers jsonb;
  v_blocker_count integer := 0;
  v_queue jsonb;
  v_assigned jsonb;
  v_position smallint;
  v_stage_count integer;
  v_next text;
  v_stage_name text;
  v_gate boolean := false;
  v_hold text;
begin
  select * into c from app.floor_item_context(p_kind, p_ref_id);
  if c.ref_id is null then
    return null;
  end if;
  if c.stage is not null then
    select ws.position, ws.name, ws.is_quality_gate into v_position, v_stage_name, v_gate from app.batch_type_states ws
      where ws.type_definition_id = c.type_definition_id and ws.stage = c.stage;
    select count(*) into v_stage_count from app.batch_type_states ws where ws.type_definition_id = c.type_definition_id;
    v_next := app.batch_next_stage(c.type_definition_id, c.stage);
  end if;
  if c.stage is not null and not c.is_complete then
    select coalesce(jsonb_agg(jsonb_build_object(
             'stage_action_id', s.stage_action_id, 'key', s.action_key, 'type', s.action_type, 'label', s.label,
             'description', s.description, 'required', s.required, 'config', s.config, 'checklist', s.checklist,
             'status', s.status, 'last_action_id', s.last_action_id, 'completed_at', s.last_completed_at,
             'validation_result', s.validation_result) order by s.position, s.action_key), '[]'::jsonb)
      into v_actions
      from app.floor_action_states(c.org_id, c.type_definition_id, c.stage, c.kind, c.item_id, c.stage_entered_at, c.model_ids) s;
    if c.kind = 'order' and c.batch_id is not null then
      -- the batch's own actions, as the batch's card lists them (its models' checklists)
      select coalesce(jsonb_agg(jsonb_build_object(
               'stage_action_id', s.stage_action_id, 'key', s.action_key, 'type', s.action_type, 'label', s.label,
               'description', s.description, 'required', s.required, 'config', s.config, 'checklist', s.checklist,
               'status', s.status, 'last_action_id', s.last_action_id, 'completed_at', s.last_completed_at,
               'validation_result', s.validation_result) order by s.position, s.action_key), '[]'::jsonb)
        into v_batch_actions
        from app.floor_item_context('batch', c.batch_id) bc
        cross join lateral app.floor_action_states(bc.org_id, bc.type_definition_id, bc.stage, 'batch', bc.item_id, bc.stage_entered_at,
                                                   bc.model_ids) s;
    end if;
    if c.batch_id is not null then
      select count(*), coalesce(jsonb_agg(jsonb_build_object('item_id', x.item_id, 'kind', x.kind, 'ref_id', x.ref_id,
                                                             'number', x.number, 'key', x.action_key, 'label', x.label,
                                                             'status', x.status)
                                          order by x.rn) filter (where x.rn <= 50), '[]'::jsonb)
        into v_blocker_count, v_blockers
        from (select b.*, row_number() over (order by b.kind = 'order', b.number, b.action_key) as rn
              from app.floor_blocking_actions(c.batch_id) b) x;
    end if;
  end if;
  v_hold := case
    when c.stage is null or c.is_complete then null
    when c.batch_id is null then 'not_in_batch'
    when v_gate and c.quality_status is not distinct from 'failed' then 'quality_failed'
  end;
  select coalesce(jsonb_agg(jsonb_build_object(
           'queue_item_id', qi.id, 'queue_id', q.id, 'queue_name', q.name, 'status', qi.status, 'priority', qi.priority,
           'assigned_to', case when m.id is not null then jsonb_build_object('member_id', m.id, 'display_name', m.display_name) end,
           'added_at', qi.added_at, 'started_at', qi.started_at) order by qi.added_at), '[]'::jsonb),
         (array_agg(jsonb_build_object('member_id', m.id, 'display_name', m.display_name)
                    order by (qi.status = 'in_progress') desc, qi.added_at) filter (where m.id is not null))[1]
    into v_queue, v_assigned
    from public.floor_queue_items qi
    join public.floor_queues q on q.id = qi.queue_id
    left join public.members m on m.id = qi.assigned_to
    where qi.item_id = c.item_id and qi.status in ('waiting', 'in_progress');

  return jsonb_build_object(
    'id', c.item_id, 'kind', c.kind, 'ref_id', c.ref_id, 'org_id', c.org_id, 'number', c.number, 'title', c.title,
    'label', (select app.floor_label_text(c.org_id, 'I', l.code) from public.floor_labels l
              where l.org_id = c.org_id and l.item_id = c.item_id),
    'status', c.status, 'quality_status', c.quality_status, 'priority', c.priority, 'due_date', c.due_date,
    'is_complete', c.is_complete,
    'batch', case when c.kind = 'order' and c.batch_id is not null
                  then jsonb_build_object('id', c.batch_id, 'number', c.batch_number) end,
    'order_count', c.order_count,
    'type_definition_id', c.type_definition_id, 'current_stage', c.stage, 'stage_name', v_stage_name,
    'stage_position', v_position, 'stage_count', v_stage_count,
    'next_stage', case when not c.is_complete then v_next end,
    'stage_entered_at', c.stage_entered_at,
    'minutes_in_stage', case when c.stage_entered_at is not null and not c.is_complete
                             then round((extract(epoch from (now() - c.stage_entered_at)) / 60)::numeric, 1) end,
    'assigned_to', v_assigned,
    'queues', v_queue,
    'actions', coalesce(v_actions, '[]'::jsonb),
    'batch_actions', coalesce(v_batch_actions, '[]'::jsonb),
    'required_pending', (select count(*) from jsonb_array_elements(coalesce(v_actions, '[]'::jsonb)) a
                         where (a ->> 'required')::boolean and a ->> 'status' <> 'completed'),
    'advance_blockers', v_blocker_count,
    'blocking_actions', coalesce(v_blockers, '[]'::jsonb),
    'advance_hold', v_hold,
    'can_advance', c.stage is not null and not c.is_complete and c.batch_id is not null and v_blocker_count = 0
                   and v_hold is null,
    'advance_completes', v_next is null and c.stage is not null and not c.is_complete)
    || case when c.kind = 'bundle' then jsonb_build_object('bundle', app.floor_bundle_details(c.ref_id)) else '{}'::jsonb end;
end $function$;

-- ==== app.floor_resolve_code: bundle labels and plain bundle numbers (BN-117)
CREATE OR REPLACE FUNCTION app.floor_resolve_code(p_org_id uuid, p_code text, p_scan_type floor_scan_type DEFAULT NULL::floor_scan_type)
 RETURNS jsonb
 LANGUAGE plpgsql
 STABLE SECURITY DEFINER
 SET search_path TO ''
AS $function$
declare
  p record;
  v_org uuid;
  v_type public.floor_scan_type;
  v_kind text;
  v_ref uuid;
  v_item uuid;
  v_short text;
  v_label public.floor_labels;
  v_fail jsonb;
begin
  select * into p from app.floor_parse_code(p_code);
  v_fail := jsonb_build_object('valid', false, 'value', p.normalised);
  if p.error_code is not null then
    return v_fail || jsonb_build_object('result', 'invalid', 'status', 400, 'error_code', p.error_code,
                                        'message', p.message);
  end if;

  if p.is_label then
    select s.org_id into v_org from public.floor_settings s where s.label_prefix = p.prefix;
    v_type := (case p.type_letter when 'I' then 'item' when 'L' then 'location' when 'U' then 'user' else 'action' end)::public.floor_scan_type;
    if v_org is distinct from p_org_id then
      return v_fail || jsonb_build_object('result', 'invalid', 'status', 422, 'error_code', 'FOREIGN_LABEL',
        'type', v_type, 'message', 'This label belongs to another workshop');
    end if;
    if p_scan_type is not null and p_scan_type <> v_type then
      return v_fail || jsonb_build_object('result', 'invalid', 'status', 422, 'error_code', 'WRONG_SCAN_TYPE',
        'type', v_type, 'message', format('Expected a%s %s label, this is a%s %s label',
                                           case when p_scan_type in ('item', 'action') then 'n' else '' end, p_scan_type,
                                           case when v_type in ('item', 'action') then 'n' else '' end, v_type));
    end if;
    if v_type = 'user' then
      select 'member', m.id into v_kind, v_ref from public.members m
        where m.org_id = p_org_id and m.badge_code = p.value and m.is_active;
    else
      select * into v_label from public.floor_labels l where l.org_id = p_org_id and l.code = p.value;
      if v_label.kind::text is distinct from v_type::text then
        v_label := null;
      end if;
    end if;
  else
    -- plain codes: batch number, order number, bundle number, badge, bare short code
    if p_scan_type is null or p_scan_type = 'item' then
      select 'batch', b.id into v_kind, v_ref from public.batches b
        where b.org_id = p_org_id and (b.batch_number = p.value or upper(b.batch_number) = p.value)
        order by (b.batch_number = p.value) desc limit 1;
      if v_ref is null then
        select 'order', o.id into v_kind, v_ref from public.orders o
          where o.org_id = p_org_id and (o.order_number = p.value or upper(o.order_number) = p.value)
          order by (o.order_number = p.value) desc limit 1;
      end if;
      -- a bundle number as printed under its label: BN-117 (or BN117)
      if v_ref is null and p.value ~ '^BN-?[0-9]{1,9}$' then
        select 'bundle', bu.id into v_kind, v_ref from public.bundles bu
          where bu.org_id = p_org_id and bu.bundle_number = substring(p.value from '[0-9]+')::integer;
      end if;
    end if;
    if v_ref is null and (p_scan_type is null or p_scan_type = 'user') then
      select 'member', m.id into v_kind, v_ref from public.members m
        where m.org_id = p_org_id and m.badge_code = p.value and m.is_active;
    end if;
    if v_ref is null then
      v_short := app.floor_short_code(p.value);
      if v_short is not null then
        select * into v_label from public.floor_labels l where l.org_id = p_org_id and l.code = v_short;
        if p_scan_type is not null and v_label.kind::text is distinct from p_scan_type::text then
          v_label := null;
        end if;
      end if;
    end if;
    v_type := case when v_kind = 'member' then 'user'::public.floor_scan_type
                   when v_kind is not null then 'item'::public.floor_scan_type
                   when v_label.kind is not null then v_label.kind::text::public.floor_scan_type
                   else p_scan_type end;
  end if;

  if v_label.id is not null then
    v_kind := case v_label.kind when 'item' then null when 'location' then 'location' else 'action' end;
    if v_label.kind = 'item' then
      select fi.kind::text, coalesce(fi.batch_id, fi.order_id, fi.bundle_id), fi.id into v_kind, v_ref, v_item
        from public.floor_items fi where fi.id = v_label.item_id;
    elsif v_label.kind = 'location' then
      v_ref := v_label.location_id;
    else
      select d.id into v_ref from public.floor_stage_actions d where d.id = v_label.stage_action_id and d.is_active;
      if v_ref is null then
        v_kind := null;
      end if;
    end if;
  end if;

  if v_ref is null then
    return v_fail || jsonb_build_object('result', 'error', 'status', 404, 'type', v_type,
      'error_code', case when not p.is_label then 'UNKNOWN_CODE'
                         when v_type = 'item' then 'ITEM_NOT_FOUND' when v_type = 'location' then 'LOCATION_NOT_FOUND'
                         when v_type = 'user' then 'USER_NOT_FOUND' else 'ACTION_NOT_FOUND' end,
      'message', case when not p.is_label then 'No item, badge or label with that code in this workshop'
                      when v_type = 'item' then 'No item with this label in this workshop'
                      when v_type = 'location' then 'No location with this label in this workshop'
                      when v_type = 'user' then 'No active member with this badge'
                      else 'No active action with this label' end);
  end if;
  if v_item is null and v_kind in ('batch', 'order', 'bundle') then
    select fi.id into v_item from public.floor_items fi
      where fi.org_id = p_org_id and (fi.batch_id = v_ref or fi.order_id = v_ref or fi.bundle_id = v_ref);
  end if;
  return jsonb_build_object('valid', true, 'type', v_type, 'value', p.normalised, 'is_label', p.is_label,
    'kind', v_kind, 'ref_id', v_ref, 'item_id', v_item,
    'location_id', case when v_kind = 'location' then v_ref end,
    'stage_action_id', case when v_kind = 'action' then v_ref end,
    'member_id', case when v_kind = 'member' then v_ref end);
end $function$;

-- ==== app.floor_label_row: + bundle
CREATE OR REPLACE FUNCTION app.floor_label_row(p_org_id uuid, p_kind text, p_id uuid, p_mint boolean)
 RETURNS jsonb
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
declare
  r record;
  v_code text;
begin
  if p_kind in ('batch', 'order', 'bundle') then
    select * into r from app.floor_item_context(p_kind::public.floor_item_kind, p_id);
    if r.ref_id is null or r.org_id <> p_org_id then
      return null;
    end if;
    v_code := case when p_mint
                   then app.floor_mint_label(p_org_id, 'item',
                                             (select f.item_id from app.floor_resolve_item(p_org_id, p_id, true) f))
                   else (select l.code from public.floor_labels l where l.org_id = p_org_id and l.item_id = r.item_id) end;
    return jsonb_build_object('kind', p_kind, 'id', (select f.item_id from app.floor_resolve_item(p_org_id, p_id, p_mint) f),
      'ref_id', p_id, 'label', app.floor_label_text(p_org_id, 'I', v_code), 'title', r.number,
      'subtitle', case when p_kind = 'batch' then r.title || ' · ' || r.stage
                       when p_kind = 'bundle' then r.title
                       else r.title || coalesce(' · ' || r.batch_number, '') end);
  elsif p_kind = 'location' then
    select l.id, l.name, l.kind into r from public.locations l where l.id = p_id and l.org_id = p_org_id;
    if r.id is null then
      return null;
    end if;
    v_code := app.floor_mint_label(p_org_id, 'location', p_id);
    return jsonb_build_object('kind', 'location', 'id', p_id, 'ref_id', p_id,
      'label', app.floor_label_text(p_org_id, 'L', v_code), 'title', r.name, 'subtitle', r.kind);
  elsif p_kind = 'action' then
    select d.id, d.label, d.stage, d.action_type into r from public.floor_stage_actions d
      where d.id = p_id and d.org_id = p_org_id;
    if r.id is null then
      return null;
    end if;
    v_code := app.floor_mint_label(p_org_id, 'action', p_id);
    return jsonb_build_object('kind', 'action', 'id', p_id, 'ref_id', p_id,
      'label', app.floor_label_text(p_org_id, 'A', v_code), 'title', r.label, 'subtitle', r.stage || ' · ' || r.action_type);
  elsif p_kind = 'user' then
    select m.id, m.display_name, m.badge_code into r from public.members m where m.id = p_id and m.org_id = p_org_id;
    if r.id is null then
      return null;
    end if;
    if r.badge_code is null then
      perform app.raise('NO_BADGE', format('%s has no badge code yet: an admin sets one first', r.display_name), null, jsonb_build_object('member_id', p_id));
    end if;
    return jsonb_build_object('kind', 'user', 'id', p_id, 'ref_id', p_id,
      'label', app.floor_label_text(p_org_id, 'U', r.badge_code), 'title', r.display_name, 'subtitle', r.badge_code);
  end if;
  perform app.raise('VALIDATION_FAILED', 'kind is item, batch, order, bundle, location, action or user', 'kind');
  return null;
end $function$;

-- ==== public.label_code: + bundle
CREATE OR REPLACE FUNCTION public.label_code(p_kind text, p_id uuid)
 RETURNS text
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
declare
  v_kind text := lower(btrim(coalesce(p_kind, '')));
  v_org uuid;
  v_row jsonb;
begin
  if v_kind = 'member' then
    v_kind := 'user';
  end if;
  if v_kind not in ('item', 'batch', 'order', 'bundle', 'location', 'action', 'user') then
    perform app.raise('VALIDATION_FAILED', 'kind is item, batch, order, bundle, location, action or user', 'kind');
  end if;
  v_org := case v_kind
    when 'location' then (select l.org_id from public.locations l where l.id = p_id)
    when 'action' then (select d.org_id from public.floor_stage_actions d where d.id = p_id)
    when 'user' then (select m.org_id from public.members m where m.id = p_id)
    else coalesce((select fi.org_id from public.floor_items fi where fi.id = p_id),
                  (select b.org_id from public.batches b where b.id = p_id),
                  (select o.org_id from public.orders o where o.id = p_id),
                  (select bu.org_id from public.bundles bu where bu.id = p_id)) end;
  if v_org is null then
    perform app.raise(case v_kind when 'location' then 'LOCATION_NOT_FOUND' when 'action' then 'ACTION_NOT_FOUND'
                                              when 'user' then 'USER_NOT_FOUND' else 'ITEM_NOT_FOUND' end, 'Nothing to label with that id');
  end if;
  if v_kind = 'user' and not exists (select 1 from public.members m where m.id = p_id and (select auth.uid()) in (m.user_id, m.floor_user_id)) then
    perform app.require_member(v_org, 'supervisor', true);
  else
    perform app.require_member(v_org, 'operator', true);
  end if;
  if v_kind = 'item' then
    v_kind := (select r.kind::text from app.floor_resolve_item(v_org, p_id, false) r);
    p_id := (select r.ref_id from app.floor_resolve_item(v_org, p_id, false) r);
  end if;
  v_row := app.floor_label_row(v_org, v_kind, p_id, true);
  if v_row is null then
    perform app.raise('ITEM_NOT_FOUND', format('That id is not a %s', v_kind));
  end if;
  return v_row ->> 'label';
end $function$;

-- ==== public.floor_label_sheet: + bundle, lay_bundles
CREATE OR REPLACE FUNCTION public.floor_label_sheet(p_org_id uuid, p_kind text, p_ids uuid[] DEFAULT NULL::uuid[])
 RETURNS jsonb
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
declare
  v_kind text := lower(btrim(coalesce(p_kind, '')));
  v_ids uuid[] := p_ids;
  v_out jsonb := '[]'::jsonb;
  v_id uuid;
  v_row jsonb;
begin
  if v_kind not in ('batch', 'order', 'batch_orders', 'bundle', 'lay_bundles', 'location', 'action', 'user') then
    perform app.raise('VALIDATION_FAILED', 'kind is batch, order, batch_orders, bundle, lay_bundles, location, action or user', 'kind');
  end if;
  perform app.require_member(p_org_id, case when v_kind = 'user' then 'supervisor' else 'operator' end::public.member_role, true);
  if v_ids is null then
    v_ids := case v_kind
      when 'location' then array(select l.id from public.locations l where l.org_id = p_org_id and l.is_active order by l.name)
      when 'action' then array(select d.id from public.floor_stage_actions d join app.batch_type_states ws
                                 on ws.type_definition_id = d.type_definition_id and ws.stage = d.stage
                               where d.org_id = p_org_id and d.is_active order by ws.position, d.position, d.action_key)
      when 'user' then array(select m.id from public.members m
                             where m.org_id = p_org_id and m.is_active and m.badge_code is not null order by m.display_name)
      else null end;
    if v_ids is null then
      perform app.raise('VALIDATION_FAILED', 'Say which batches, orders, bundles or lays to print', 'ids');
    end if;
  end if;
  if cardinality(v_ids) > 500 then
    perform app.raise('VALIDATION_FAILED', 'At most 500 labels per sheet', 'ids');
  end if;
  foreach v_id in array v_ids loop
    if v_kind = 'lay_bundles' then
      -- a lay's bundles in number order (the sheet the cutting room prints after cutting)
      if not exists (select 1 from public.lays l where l.id = v_id and l.org_id = p_org_id) then
        perform app.raise('NOT_FOUND', 'No such lay in this workshop', 'ids', jsonb_build_object('id', v_id));
      end if;
      select v_out || coalesce(jsonb_agg(app.floor_label_row(p_org_id, 'bundle', bu.id, true) order by bu.bundle_number), '[]'::jsonb)
        into v_out
        from public.bundles bu where bu.lay_id = v_id and bu.org_id = p_org_id;
    elsif v_kind = 'batch_orders' then
      v_row := app.floor_label_row(p_org_id, 'batch', v_id, true);
      if v_row is null then
        perform app.raise('ITEM_NOT_FOUND', 'No such batch in this workshop', null, jsonb_build_object('id', v_id));
      end if;
      v_out := v_out || jsonb_build_array(v_row);
      select v_out || coalesce(jsonb_agg(app.floor_label_row(p_org_id, 'order', bo.order_id, true) order by o.order_number), '[]'::jsonb)
        into v_out
        from public.batch_orders bo join public.orders o on o.id = bo.order_id where bo.batch_id = v_id;
    else
      v_row := app.floor_label_row(p_org_id, v_kind, v_id, true);
      if v_row is null then
        perform app.raise(case v_kind when 'location' then 'LOCATION_NOT_FOUND' when 'action' then 'ACTION_NOT_FOUND'
                                                  when 'user' then 'USER_NOT_FOUND' else 'ITEM_NOT_FOUND' end, format('No such %s in this workshop', v_kind), null, jsonb_build_object('id', v_id));
      end if;
      v_out := v_out || jsonb_build_array(v_row);
    end if;
  end loop;
  return v_out;
end $function$;

-- ==== public.floor_scan: a bundle's label shows its card
CREATE OR REPLACE FUNCTION public.floor_scan(p_client_id uuid, p_session_id uuid, p_code text, p_scan_type floor_scan_type DEFAULT NULL::floor_scan_type, p_device_info jsonb DEFAULT NULL::jsonb, p_scanned_at timestamp with time zone DEFAULT NULL::timestamp with time zone)
 RETURNS jsonb
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
 SET lock_timeout TO '5s'
AS $function$
declare
  v_t0 timestamptz := clock_timestamp();
  v_session public.floor_sessions := app.floor_session_for_write(p_session_id);
  v_replay jsonb;
  v_info jsonb;
  v_at timestamptz;
  r jsonb;
  v_type public.floor_scan_type;
  v_result public.floor_scan_result := 'success'::public.floor_scan_result;
  v_status integer;
  v_error_code text;
  v_message text;
  v_hint jsonb;
  v_body jsonb := '{}'::jsonb;
  v_item_id uuid;
  v_kind public.floor_item_kind;
  v_card jsonb;
  v_def public.floor_stage_actions;
  v_ctx record;
  v_done jsonb;
  v_scan_id uuid;
  v_ms integer;
  v_location uuid;
begin
  v_replay := app.replay_begin(p_client_id, 'floor_scan'); if v_replay is not null then return v_replay; end if;
  if p_code is null then
    perform app.raise('VALIDATION_FAILED', 'Scan or type a code', 'code');
  end if;
  v_info := app.floor_device_info(p_device_info);
  v_at := app.floor_client_time(p_scanned_at, 'scanned_at');

  r := app.floor_resolve_code(v_session.org_id, left(p_code, 512), p_scan_type);
  v_type := coalesce(p_scan_type, (r ->> 'type')::public.floor_scan_type, 'item');

  if not (r ->> 'valid')::boolean then
    v_result := (r ->> 'result')::public.floor_scan_result;
    v_status := (r ->> 'status')::int;
    v_error_code := r ->> 'error_code';
    v_message := r ->> 'message';
  elsif r ->> 'kind' in ('batch', 'order', 'bundle') then
    v_kind := (r ->> 'kind')::public.floor_item_kind;
    select f.item_id into v_item_id from app.floor_resolve_item(v_session.org_id, (r ->> 'ref_id')::uuid, true) f;
    v_card := app.floor_item_card(v_kind, (r ->> 'ref_id')::uuid);
    v_body := jsonb_build_object('item', v_card);
  elsif r ->> 'kind' = 'location' then
    v_body := jsonb_build_object('location', (
      select jsonb_build_object('id', l.id, 'name', l.name, 'type', l.kind, 'label', r ->> 'value')
      from public.locations l where l.id = (r ->> 'location_id')::uuid));
    v_location := (r ->> 'location_id')::uuid;
  elsif r ->> 'kind' = 'member' then
    v_body := jsonb_build_object('user', (
      select jsonb_build_object('member_id', m.id, 'display_name', m.display_name, 'role', m.role,
                                'badge_code', m.badge_code, 'team', t.name)
      from public.members m left join public.teams t on t.id = m.team_id
      where m.id = (r ->> 'member_id')::uuid));
  else
    select * into v_def from public.floor_stage_actions d where d.id = (r ->> 'stage_action_id')::uuid;
    v_body := jsonb_build_object('action', jsonb_build_object(
      'id', v_def.id, 'key', v_def.action_key, 'type', v_def.action_type, 'label', v_def.label,
      'required', v_def.required, 'stage', v_def.stage, 'type_definition_id', v_def.type_definition_id, 'config', v_def.config));
    if v_session.current_item_id is not null then
      select c.* into v_ctx from public.floor_items fi
        cross join lateral app.floor_item_context(fi.kind, coalesce(fi.batch_id, fi.order_id)) c
        where fi.id = v_session.current_item_id;
      if v_ctx.stage is distinct from v_def.stage or v_ctx.type_definition_id is distinct from v_def.type_definition_id
         or v_ctx.is_complete or not (v_ctx.kind = any (v_def.item_kinds)) then
        v_result := 'error';
        v_status := 422;
        v_error_code := 'ACTION_NOT_AVAILABLE';
        v_message := format('"%s" is done at %s; %s is at %s', v_def.label, v_def.stage, v_ctx.number,
                            coalesce(v_ctx.stage::text, v_ctx.status));
        v_hint := jsonb_build_object('action_key', v_def.action_key, 'item_stage', v_ctx.stage, 'available_at', v_def.stage);
      end if;
    end if;
  end if;

  if v_result = 'success' and r ->> 'kind' in ('location', 'member', 'action') then
    v_done := app.floor_complete_scan_action(v_session, r ->> 'value', r, p_client_id);
    if v_done is not null then
      v_body := v_body || jsonb_build_object('completed_action', v_done -> 'action', 'item', v_done -> 'item');
    end if;
  end if;

  v_ms := greatest(0, (extract(epoch from (clock_timestamp() - v_t0)) * 1000)::int);
  insert into public.floor_scans (org_id, session_id, member_id, user_id, scan_type, qr_code, scanned_value, scan_result,
                                  item_id, location_id, stage_action_id, scanned_member_id, scan_time, processing_time_ms,
                                  error_code, error_message, device_info, client_id)
    values (v_session.org_id, v_session.id, v_session.member_id, v_session.user_id, v_type, left(p_code, 512),
            left(r ->> 'value', 512), v_result,
            coalesce(v_item_id, case when v_result <> 'success' then (r ->> 'item_id')::uuid end),
            (r ->> 'location_id')::uuid, (r ->> 'stage_action_id')::uuid, (r ->> 'member_id')::uuid, v_at, v_ms,
            v_error_code, left(v_message, 500), v_info, p_client_id)
    returning id into v_scan_id;
  -- one update of the session per scan (it is the hot path): counters, current item, location
  update public.floor_sessions s
    set scans_count = s.scans_count + 1, last_activity_at = now(),
        current_item_id = coalesce(v_item_id, s.current_item_id),
        current_stage = case when v_item_id is not null then (v_card ->> 'current_stage')::text
                             else s.current_stage end,
        current_type_definition_id = case when v_item_id is not null then (v_card ->> 'type_definition_id')::uuid
                                   else s.current_type_definition_id end,
        location_id = coalesce(v_location, s.location_id)
    where s.id = v_session.id;

  if v_result = 'success' then
    v_body := jsonb_build_object('success', true, 'scan_id', v_scan_id, 'type', v_type, 'value', r ->> 'value',
                                 'result', v_result, 'processing_time_ms', v_ms, 'scan_time', v_at) || v_body;
  else
    v_body := app.fail_value(v_error_code, v_message, (v_hint) ->> 'field', coalesce(v_hint, '{}'::jsonb) - 'field' || jsonb_build_object('success', false, 'scan_id', v_scan_id, 'type', v_type,
                                                'value', r ->> 'value', 'result', v_result, 'processing_time_ms', v_ms,
                                                'scan_time', v_at) || v_body);
  end if;
  return app.replay_store(p_client_id, 'floor_scan', v_session.org_id, v_body);
end $function$;

-- ==== public.floor_validate_scan: + bundle
CREATE OR REPLACE FUNCTION public.floor_validate_scan(p_code text, p_scan_type floor_scan_type DEFAULT NULL::floor_scan_type, p_session_id uuid DEFAULT NULL::uuid, p_org_id uuid DEFAULT NULL::uuid)
 RETURNS jsonb
 LANGUAGE plpgsql
 STABLE SECURITY DEFINER
 SET search_path TO ''
AS $function$
declare
  v_org uuid;
  v jsonb;
begin
  if p_session_id is not null then
    select s.org_id into v_org from public.floor_sessions s where s.id = p_session_id and s.user_id = (select auth.uid());
    if v_org is null then
      perform app.raise('SESSION_NOT_FOUND', 'Floor session not found');
    end if;
  else
    v_org := app.floor_acting_org(p_org_id, p_code);
  end if;
  perform app.require_member(v_org, 'operator', true);
  v := app.floor_resolve_code(v_org, p_code, p_scan_type);
  if (v ->> 'valid')::boolean and v ->> 'kind' in ('batch', 'order', 'bundle') then
    v := v || jsonb_build_object('item', (
      select jsonb_build_object('number', c.number, 'title', c.title, 'current_stage', c.stage, 'status', c.status)
      from app.floor_item_context((v ->> 'kind')::public.floor_item_kind, (v ->> 'ref_id')::uuid) c));
  end if;
  return v;
end $function$;

revoke execute on all functions in schema app from public;
