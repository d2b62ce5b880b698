-- Reading and printing labels: parse, resolve, mint. Design: docs/floor.md §3.
--
-- What a scan may contain, tried in this order:
--   a label  FL1:<prefix>:<I|L|U|A>:<code>  — another organisation's prefix → FOREIGN_LABEL, FL2… →
--            UNSUPPORTED_LABEL_VERSION, a bad check character → INVALID_CODE (a typo, not another item);
--   a plain code typed or printed elsewhere: a batch number (B-7), an order number (ORD-1001, #1042),
--            a badge code (AUR-OP-1), or a bare short code (100ZA) of this organisation.
-- Resolution never writes (floor_validate_scan and resolve_scan_code are read-only); floor_scan
-- registers the batch/order as a floor item afterwards.

-- ------------------------------------------------------------------ parsing
create function app.floor_parse_code(p_code text)
returns table (normalised text, is_label boolean, prefix text, type_letter text, value text, error_code text,
               message text)
language plpgsql immutable set search_path = '' as $$
declare
  v text := upper(btrim(coalesce(p_code, '')));
  v_parts text[];
  v_short text;
begin
  if v = '' then
    return query select v, false, null::text, null::text, null::text, 'INVALID_CODE', 'The code is empty';
    return;
  end if;
  if length(v) > 64 then
    return query select left(v, 64), false, null::text, null::text, null::text, 'INVALID_CODE',
                        'That is not a Floorline code (too long)';
    return;
  end if;
  if v ~ '^FL[0-9]+:' then
    if v !~ '^FL1:' then
      return query select v, true, null::text, null::text, null::text, 'UNSUPPORTED_LABEL_VERSION',
                          format('Label format %s is newer than this app reads: update the app', split_part(v, ':', 1));
      return;
    end if;
    v_parts := regexp_match(v, '^FL1:([A-Z0-9]{2,6}):([ILUA]):([A-Z0-9][A-Z0-9-]{1,31})$');
    if v_parts is null then
      return query select v, true, null::text, null::text, null::text, 'INVALID_CODE', 'This label is damaged or incomplete';
      return;
    end if;
    if v_parts[2] <> 'U' then
      v_short := app.floor_short_code(v_parts[3]);
      if v_short is null then
        return query select v, true, v_parts[1], v_parts[2], v_parts[3], 'INVALID_CODE',
                            'The label''s check character does not match: rescan or retype it';
        return;
      end if;
      v_parts[3] := v_short;
    end if;
    return query select 'FL1:' || v_parts[1] || ':' || v_parts[2] || ':' || v_parts[3], true, v_parts[1], v_parts[2],
                        v_parts[3], null::text, null::text;
    return;
  end if;
  if v !~ '^[A-Z0-9#][A-Z0-9#._/-]{0,39}$' then
    return query select v, false, null::text, null::text, null::text, 'INVALID_CODE', 'That is not a Floorline code';
    return;
  end if;
  return query select v, false, null::text, null::text, v, null::text, null::text;
end $$;
comment on function app.floor_parse_code(text) is
  'Splits a scanned/typed code: a label (FL1:<prefix>:<type>:<code>, check character verified) or a plain code; '
  'error_code INVALID_CODE / UNSUPPORTED_LABEL_VERSION when unreadable.';

-- ------------------------------------------------------------------ resolving
-- Answer: {valid, type, value (normalised), kind (batch|order|location|member|action), ref_id, item_id,
-- location_id, stage_action_id, member_id} or {valid: false, result: invalid|error, status, error_code,
-- message}. p_org_id: the organisation the tablet works for.
create function app.floor_resolve_code(p_org_id uuid, p_code text, p_scan_type public.floor_scan_type default null)
returns jsonb
language plpgsql stable security definer set search_path = '' as $$
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
    -- plain codes: batch number, order number, badge, bare short code
    if p_scan_type is null or p_scan_type = 'item' then
      select 'batch', b.id into v_kind, v_ref from public.batches b
        where b.org_id = p_org_id and (b.batch_number = p.value or upper(b.batch_number) = p.value)
        order by (b.batch_number = p.value) desc limit 1;
      if v_ref is null then
        select 'order', o.id into v_kind, v_ref from public.orders o
          where o.org_id = p_org_id and (o.order_number = p.value or upper(o.order_number) = p.value)
          order by (o.order_number = p.value) desc limit 1;
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
      select fi.kind::text, coalesce(fi.batch_id, fi.order_id), fi.id into v_kind, v_ref, v_item
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
  if v_item is null and v_kind in ('batch', 'order') then
    select fi.id into v_item from public.floor_items fi
      where fi.org_id = p_org_id and (fi.batch_id = v_ref or fi.order_id = v_ref);
  end if;
  return jsonb_build_object('valid', true, 'type', v_type, 'value', p.normalised, 'is_label', p.is_label,
    'kind', v_kind, 'ref_id', v_ref, 'item_id', v_item,
    'location_id', case when v_kind = 'location' then v_ref end,
    'stage_action_id', case when v_kind = 'action' then v_ref end,
    'member_id', case when v_kind = 'member' then v_ref end);
end $$;
comment on function app.floor_resolve_code(uuid, text, public.floor_scan_type) is
  'Resolves a code in an organisation without writing: {valid: true, type, value, kind, ref_id, item_id, …} or '
  '{valid: false, result, status, error_code, message}.';

-- The organisation a request works in: the given one, else the label's if the caller acts there,
-- else the caller's only live organisation.
create function app.floor_acting_org(p_org_id uuid, p_code text default null) returns uuid
language plpgsql stable security definer set search_path = '' as $$
declare
  v_prefix_org uuid;
  v_orgs uuid[];
begin
  if p_org_id is not null then
    return p_org_id;
  end if;
  if (select auth.uid()) is null then
    perform app.floor_raise('PT401', 'NOT_SIGNED_IN', 'Sign in first');
  end if;
  v_orgs := array(select distinct m.org_id from app.my_memberships() m);
  select s.org_id into v_prefix_org from public.floor_settings s
    where s.label_prefix = (regexp_match(upper(btrim(coalesce(p_code, ''))), '^FL1:([A-Z0-9]{2,6}):'))[1];
  if v_prefix_org = any (v_orgs) then
    return v_prefix_org;
  end if;
  if cardinality(v_orgs) = 1 then
    return v_orgs[1];
  end if;
  if cardinality(v_orgs) = 0 then
    perform app.floor_raise('PT403', 'FORBIDDEN', 'Not allowed: PIN in on a station of this workshop first');
  end if;
  perform app.floor_invalid('org_id', 'You work in several workshops: say which one');
  return null;
end $$;
comment on function app.floor_acting_org(uuid, text) is
  'p_org_id, else the label''s organisation if the caller acts there, else the caller''s only organisation.';

-- ------------------------------------------------------------------ label text and titles
create function app.floor_label_row(p_org_id uuid, p_kind text, p_id uuid, p_mint boolean) returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
declare
  r record;
  v_code text;
begin
  if p_kind in ('batch', 'order') then
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
      perform app.floor_raise('PT422', 'NO_BADGE', format('%s has no badge code yet: an admin sets one first', r.display_name),
                              jsonb_build_object('member_id', p_id));
    end if;
    return jsonb_build_object('kind', 'user', 'id', p_id, 'ref_id', p_id,
      'label', app.floor_label_text(p_org_id, 'U', r.badge_code), 'title', r.display_name, 'subtitle', r.badge_code);
  end if;
  perform app.floor_invalid('kind', 'kind is item, batch, order, location, action or user');
  return null;
end $$;
comment on function app.floor_label_row(uuid, text, uuid, boolean) is
  'One printable label {kind, id, ref_id, label, title, subtitle}, minting its code; null if the id is not of that kind here.';

-- ------------------------------------------------------------------ public: labels
create function public.label_code(p_kind text, p_id uuid) returns text
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_kind text := lower(btrim(coalesce(p_kind, '')));
  v_org uuid;
  v_row jsonb;
begin
  if v_kind = 'member' then
    v_kind := 'user';
  end if;
  if v_kind not in ('item', 'batch', 'order', 'location', 'action', 'user') then
    perform app.floor_invalid('kind', 'kind is item, batch, order, location, action or user');
  end if;
  v_org := case v_kind
    when 'location' then (select l.org_id from public.locations l where l.id = p_id)
    when 'action' then (select d.org_id from public.floor_stage_actions d where d.id = p_id)
    when 'user' then (select m.org_id from public.members m where m.id = p_id)
    else coalesce((select fi.org_id from public.floor_items fi where fi.id = p_id),
                  (select b.org_id from public.batches b where b.id = p_id),
                  (select o.org_id from public.orders o where o.id = p_id)) end;
  if v_org is null then
    perform app.floor_raise('PT404', case v_kind when 'location' then 'LOCATION_NOT_FOUND' when 'action' then 'ACTION_NOT_FOUND'
                                              when 'user' then 'USER_NOT_FOUND' else 'ITEM_NOT_FOUND' end,
                            'Nothing to label with that id');
  end if;
  if v_kind = 'user' and not exists (select 1 from public.members m where m.id = p_id and m.user_id = (select auth.uid())) then
    perform app.floor_reader(v_org, 'supervisor');
  else
    perform app.floor_reader(v_org, 'operator');
  end if;
  if v_kind = 'item' then
    v_kind := (select r.kind::text from app.floor_resolve_item(v_org, p_id, false) r);
    p_id := (select r.ref_id from app.floor_resolve_item(v_org, p_id, false) r);
  end if;
  v_row := app.floor_label_row(v_org, v_kind, p_id, true);
  if v_row is null then
    perform app.floor_raise('PT404', 'ITEM_NOT_FOUND', format('That id is not a %s', v_kind));
  end if;
  return v_row ->> 'label';
end $$;
comment on function public.label_code(text, uuid) is
  'The printed label of a thing, minted on first use: p_kind item|batch|order (a floor item, batch or order id), '
  'location, action (a stage action), user (a member: FL1:<prefix>:U:<badge>). Operators+ (users: supervisors+ '
  'or oneself). Errors: 22023 VALIDATION_FAILED (kind), PT403, PT404 *_NOT_FOUND, PT422 NO_BADGE.';

create function public.floor_label_sheet(p_org_id uuid, p_kind text, p_ids uuid[] default null) returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_kind text := lower(btrim(coalesce(p_kind, '')));
  v_ids uuid[] := p_ids;
  v_out jsonb := '[]'::jsonb;
  v_id uuid;
  v_row jsonb;
begin
  if v_kind not in ('batch', 'order', 'batch_orders', 'location', 'action', 'user') then
    perform app.floor_invalid('kind', 'kind is batch, order, batch_orders, location, action or user');
  end if;
  perform app.floor_reader(p_org_id, case when v_kind = 'user' then 'supervisor' else 'operator' end::public.member_role);
  if v_ids is null then
    v_ids := case v_kind
      when 'location' then array(select l.id from public.locations l where l.org_id = p_org_id and l.is_active order by l.name)
      when 'action' then array(select d.id from public.floor_stage_actions d join public.workflow_stages ws
                                 on ws.workflow_id = d.workflow_id and ws.stage = d.stage
                               where d.org_id = p_org_id and d.is_active order by ws.position, d.position, d.action_key)
      when 'user' then array(select m.id from public.members m
                             where m.org_id = p_org_id and m.is_active and m.badge_code is not null order by m.display_name)
      else null end;
    if v_ids is null then
      perform app.floor_invalid('ids', 'Say which batches or orders to print');
    end if;
  end if;
  if cardinality(v_ids) > 500 then
    perform app.floor_invalid('ids', 'At most 500 labels per sheet');
  end if;
  foreach v_id in array v_ids loop
    if v_kind = 'batch_orders' then
      v_row := app.floor_label_row(p_org_id, 'batch', v_id, true);
      if v_row is null then
        perform app.floor_raise('PT404', 'ITEM_NOT_FOUND', 'No such batch in this workshop', jsonb_build_object('id', v_id));
      end if;
      v_out := v_out || jsonb_build_array(v_row);
      select v_out || coalesce(jsonb_agg(app.floor_label_row(p_org_id, 'order', bo.order_id, true) order by o.order_number), '[]'::jsonb)
        into v_out
        from public.batch_orders bo join public.orders o on o.id = bo.order_id where bo.batch_id = v_id;
    else
      v_row := app.floor_label_row(p_org_id, v_kind, v_id, true);
      if v_row is null then
        perform app.floor_raise('PT404', case v_kind when 'location' then 'LOCATION_NOT_FOUND' when 'action' then 'ACTION_NOT_FOUND'
                                                  when 'user' then 'USER_NOT_FOUND' else 'ITEM_NOT_FOUND' end,
                                format('No such %s in this workshop', v_kind), jsonb_build_object('id', v_id));
      end if;
      v_out := v_out || jsonb_build_array(v_row);
    end if;
  end loop;
  return v_out;
end $$;
comment on function public.floor_label_sheet(uuid, text, uuid[]) is
  'Labels to print, [{kind, id, ref_id, label, title, subtitle}]: p_kind batch|order|location|action|user, or '
  'batch_orders (each batch followed by its orders). p_ids null: every active location / action / badge. '
  'Operators+ (user badges: supervisors+). Errors: 22023, PT403, PT404, PT422 NO_BADGE.';

-- ------------------------------------------------------------------ public: reading codes
create function public.resolve_scan_code(p_code text, p_org_id uuid default null) returns jsonb
language plpgsql stable security definer set search_path = '' as $$
declare
  v_org uuid := app.floor_acting_org(p_org_id, p_code);
begin
  perform app.floor_reader(v_org, 'operator');
  return app.floor_resolve_code(v_org, p_code) || jsonb_build_object('org_id', v_org);
end $$;
comment on function public.resolve_scan_code(text, uuid) is
  'What a code names in the caller''s workshop, without writing: {valid: true, type, value, kind, ref_id, '
  'item_id, location_id, stage_action_id, member_id, org_id} or {valid: false, result, status, error_code '
  '(INVALID_CODE, UNSUPPORTED_LABEL_VERSION, FOREIGN_LABEL, UNKNOWN_CODE, *_NOT_FOUND), message}. Raised: '
  'PT401, PT403, 22023 org_id (several workshops and no label prefix to tell).';

create function public.floor_validate_scan(
  p_code text, p_scan_type public.floor_scan_type default null, p_session_id uuid default null, p_org_id uuid default null
) returns jsonb
language plpgsql stable security definer set search_path = '' as $$
declare
  v_org uuid;
  v jsonb;
begin
  if p_session_id is not null then
    select s.org_id into v_org from public.floor_sessions s where s.id = p_session_id and s.user_id = (select auth.uid());
    if v_org is null then
      perform app.floor_raise('PT404', 'SESSION_NOT_FOUND', 'Floor session not found');
    end if;
  else
    v_org := app.floor_acting_org(p_org_id, p_code);
  end if;
  perform app.floor_reader(v_org, 'operator');
  v := app.floor_resolve_code(v_org, p_code, p_scan_type);
  if (v ->> 'valid')::boolean and v ->> 'kind' in ('batch', 'order') then
    v := v || jsonb_build_object('item', (
      select jsonb_build_object('number', c.number, 'title', c.title, 'current_stage', c.stage, 'status', c.status)
      from app.floor_item_context((v ->> 'kind')::public.floor_item_kind, (v ->> 'ref_id')::uuid) c));
  end if;
  return v;
end $$;
comment on function public.floor_validate_scan(text, public.floor_scan_type, uuid, uuid) is
  'Checks a code without recording a scan (POST /api/disco/scan/validate): the resolve_scan_code answer, plus '
  'a short item summary for items. Always 200 with valid true/false. Raised: PT401, PT403, PT404 SESSION_NOT_FOUND.';

revoke execute on all functions in schema app from public;
revoke execute on function public.label_code(text, uuid), public.floor_label_sheet(uuid, text, uuid[]),
  public.resolve_scan_code(text, uuid), public.floor_validate_scan(text, public.floor_scan_type, uuid, uuid)
  from public, anon, authenticated, service_role;
grant execute on function public.label_code(text, uuid), public.floor_label_sheet(uuid, text, uuid[]),
  public.resolve_scan_code(text, uuid), public.floor_validate_scan(text, public.floor_scan_type, uuid, uuid)
  to authenticated, service_role;
