-- Checking an action's data against its stage definition, and the supervisor PIN of approvals.
-- Design: docs/floor.md §6. Malformed data (no value, a photo outside the organisation's folder, a
-- note too short) is refused with 22023 VALIDATION_FAILED and nothing is recorded. Well-formed data
-- that fails the stage's rule (a measurement out of tolerance, a required checklist item unticked,
-- the wrong label scanned) is recorded as a failed attempt and answered with PT422 as a value.

create function app.floor_check_action_data(
  p_def public.floor_stage_actions, p_data jsonb, p_model_ids uuid[], p_org_id uuid
) returns table (
  passed boolean, error_code text, message text, errors jsonb, warnings jsonb,
  photos jsonb, notes text, measurements jsonb, checklist jsonb
)
language plpgsql stable security definer set search_path = '' as $$
declare
  c jsonb := p_def.config;
  d jsonb := coalesce(p_data, '{}'::jsonb);
  v_errors jsonb := '[]'::jsonb;
  v_warnings jsonb := '[]'::jsonb;
  v_photos jsonb := '[]'::jsonb;
  v_measurements jsonb := '[]'::jsonb;
  v_checklist jsonb := '[]'::jsonb;
  v_notes text;
  v_m jsonb;
  v_value numeric;
  v_unit text;
  v_name text;
  v_min numeric;
  v_max numeric;
  v_margin numeric;
  v_item jsonb;
  v_given jsonb;
  v_done boolean;
  v_photo jsonb;
  v_path text;
  v_resolved jsonb;
begin
  if jsonb_typeof(d) <> 'object' then
    perform app.floor_invalid('data', 'data must be an object');
  end if;
  if d ? 'notes' and d -> 'notes' <> 'null'::jsonb then
    if jsonb_typeof(d -> 'notes') <> 'string' or length(d ->> 'notes') > 4000 then
      perform app.floor_invalid('data.notes', 'notes is a text of up to 4000 characters');
    end if;
    v_notes := nullif(btrim(d ->> 'notes'), '');
  end if;
  if d ? 'photos' and d -> 'photos' <> 'null'::jsonb then
    if jsonb_typeof(d -> 'photos') <> 'array' or jsonb_array_length(d -> 'photos') > 20 then
      perform app.floor_invalid('data.photos', 'photos is a list of at most 20 Storage paths');
    end if;
    for v_photo in select jsonb_array_elements(d -> 'photos') loop
      v_path := case jsonb_typeof(v_photo) when 'string' then v_photo #>> '{}' when 'object' then v_photo ->> 'path' end;
      -- bucket floor-photos, folder per organisation: <org_id>/<item or anything>/<file>
      if v_path is null or length(v_path) > 300 or v_path like '%..%'
         or v_path !~ ('^' || p_org_id::text || '/[A-Za-z0-9._/-]+$') then
        perform app.floor_invalid('data.photos', format('Photos are uploaded to floor-photos under %s/…', p_org_id));
      end if;
      v_photos := v_photos || jsonb_build_array(jsonb_build_object(
        'path', v_path,
        'taken_at', case when jsonb_typeof(v_photo) = 'object' then v_photo -> 'taken_at' end,
        'metadata', case when jsonb_typeof(v_photo) = 'object' then v_photo -> 'metadata' end));
    end loop;
  end if;

  if p_def.action_type = 'measurement' then
    v_name := coalesce(c ->> 'measurement', p_def.action_key);
    if d ? 'measurements' then
      if jsonb_typeof(d -> 'measurements') <> 'array' or jsonb_array_length(d -> 'measurements') = 0 then
        perform app.floor_invalid('data.measurements', 'measurements is a list of {type, value, unit}');
      end if;
      select e into v_m from jsonb_array_elements(d -> 'measurements') with ordinality t (e, n)
        order by (e ->> 'type' is not distinct from v_name) desc, n limit 1;
    else
      v_m := jsonb_build_object('type', v_name, 'value', d -> 'value', 'unit', d -> 'unit');
    end if;
    if jsonb_typeof(v_m -> 'value') is distinct from 'number' then
      perform app.floor_invalid('data.value', format('Enter the %s as a number', v_name));
    end if;
    v_value := (v_m ->> 'value')::numeric;
    v_unit := coalesce(nullif(v_m ->> 'unit', ''), c ->> 'unit');
    if lower(v_unit) <> lower(c ->> 'unit') then
      perform app.floor_invalid('data.unit', format('Measure %s in %s, not %s', v_name, c ->> 'unit', v_unit));
    end if;
    v_measurements := jsonb_build_array(jsonb_build_object('type', v_name, 'value', v_value, 'unit', c ->> 'unit'));
    v_min := (c ->> 'min')::numeric;
    v_max := (c ->> 'max')::numeric;
    v_margin := coalesce((c ->> 'warn_margin')::numeric, 0.1);
    if v_value < v_min then
      v_errors := jsonb_build_array(format('%s %s %s is below the minimum %s %s', p_def.label, v_value, c ->> 'unit', v_min, c ->> 'unit'));
    elsif v_value > v_max then
      v_errors := jsonb_build_array(format('%s %s %s is above the maximum %s %s', p_def.label, v_value, c ->> 'unit', v_max, c ->> 'unit'));
    elsif v_min is not null and v_max is not null and v_max > v_min
          and (v_value - v_min < (v_max - v_min) * v_margin or v_max - v_value < (v_max - v_min) * v_margin) then
      v_warnings := jsonb_build_array(format('%s %s %s is close to the limit (%s–%s %s)', p_def.label, v_value,
                                             c ->> 'unit', v_min, v_max, c ->> 'unit'));
    end if;
    return query select jsonb_array_length(v_errors) = 0,
                        case when jsonb_array_length(v_errors) > 0 then 'MEASUREMENT_OUT_OF_RANGE' end,
                        v_errors ->> 0, v_errors, v_warnings, v_photos, v_notes, v_measurements, v_checklist;
    return;
  end if;

  if p_def.action_type = 'inspection' then
    if d ? 'checklist' and jsonb_typeof(d -> 'checklist') <> 'array' then
      perform app.floor_invalid('data.checklist', 'checklist is a list of {key, completed}');
    end if;
    for v_given in select jsonb_array_elements(coalesce(d -> 'checklist', '[]'::jsonb)) loop
      if jsonb_typeof(v_given) <> 'object' or jsonb_typeof(v_given -> 'completed') is distinct from 'boolean'
         or not exists (select 1 from jsonb_array_elements(app.floor_action_checklist(p_def, p_model_ids)) i
                        where i ->> 'key' = coalesce(v_given ->> 'key', v_given ->> 'item')
                           or i ->> 'label' = v_given ->> 'item') then
        perform app.floor_invalid('data.checklist',
          format('Unknown checklist entry %s: use the keys of this stage''s checklist', coalesce(v_given ->> 'key', v_given ->> 'item', v_given::text)));
      end if;
    end loop;
    for v_item in select jsonb_array_elements(app.floor_action_checklist(p_def, p_model_ids)) loop
      select (g ->> 'completed')::boolean into v_done
        from jsonb_array_elements(coalesce(d -> 'checklist', '[]'::jsonb)) g
        where coalesce(g ->> 'key', g ->> 'item') = v_item ->> 'key' or g ->> 'item' = v_item ->> 'label'
        limit 1;
      v_done := coalesce(v_done, false);
      v_checklist := v_checklist || jsonb_build_array(jsonb_build_object('key', v_item ->> 'key', 'label', v_item ->> 'label',
                                                                         'required', (v_item ->> 'required')::boolean,
                                                                         'completed', v_done));
      if not v_done and (v_item ->> 'required')::boolean then
        v_errors := v_errors || to_jsonb('Not checked: ' || (v_item ->> 'label'));
      elsif not v_done then
        v_warnings := v_warnings || to_jsonb('Not checked (optional): ' || (v_item ->> 'label'));
      end if;
      v_done := null;
    end loop;
    return query select jsonb_array_length(v_errors) = 0,
                        case when jsonb_array_length(v_errors) > 0 then 'CHECKLIST_INCOMPLETE' end,
                        case when jsonb_array_length(v_errors) > 0
                             then format('%s required check(s) not done: %s', jsonb_array_length(v_errors),
                                         (select string_agg(substr(e #>> '{}', 14), '; ') from jsonb_array_elements(v_errors) e)) end,
                        v_errors, v_warnings, v_photos, v_notes, v_measurements, v_checklist;
    return;
  end if;

  if p_def.action_type = 'photo' then
    if jsonb_array_length(v_photos) < coalesce((c ->> 'min_photos')::int, 1)
       or jsonb_array_length(v_photos) > coalesce((c ->> 'max_photos')::int, 10) then
      perform app.floor_invalid('data.photos', format('Take %s to %s photo(s)', coalesce((c ->> 'min_photos')::int, 1),
                                                       coalesce((c ->> 'max_photos')::int, 10)));
    end if;
  elsif p_def.action_type = 'note' then
    if coalesce(length(v_notes), 0) < coalesce((c ->> 'min_length')::int, 1)
       or coalesce(length(v_notes), 0) > coalesce((c ->> 'max_length')::int, 2000) then
      perform app.floor_invalid('data.notes', format('Write %s to %s characters', coalesce((c ->> 'min_length')::int, 1),
                                                      coalesce((c ->> 'max_length')::int, 2000)));
    end if;
  elsif p_def.action_type = 'scan' then
    if jsonb_typeof(d -> 'code') is distinct from 'string' then
      perform app.floor_invalid('data.code', 'Scan the label this action asks for');
    end if;
    v_resolved := app.floor_resolve_code(p_org_id, d ->> 'code',
                                         coalesce(c ->> 'expect', 'action')::public.floor_scan_type);
    if not coalesce((v_resolved ->> 'valid')::boolean, false)
       or (coalesce(c ->> 'expect', 'action') = 'action' and (v_resolved ->> 'stage_action_id')::uuid is distinct from p_def.id)
       or (c ? 'location_id' and (v_resolved ->> 'location_id')::uuid is distinct from (c ->> 'location_id')::uuid) then
      v_errors := jsonb_build_array(coalesce(v_resolved ->> 'message', 'That is not the label this action asks for'));
      if (v_resolved ->> 'valid')::boolean then
        v_errors := jsonb_build_array('That is not the label this action asks for');
      end if;
    end if;
    return query select jsonb_array_length(v_errors) = 0,
                        case when jsonb_array_length(v_errors) > 0 then 'SCAN_MISMATCH' end,
                        v_errors ->> 0, v_errors, v_warnings, v_photos, v_notes, v_measurements, v_checklist;
    return;
  end if;
  -- photo, note, approval (the PIN is checked by the caller): nothing more to compare
  return query select true, null::text, null::text, v_errors, v_warnings, v_photos, v_notes, v_measurements, v_checklist;
end $$;
comment on function app.floor_check_action_data(public.floor_stage_actions, jsonb, uuid[], uuid) is
  'Checks action data for a definition: 22023 VALIDATION_FAILED when malformed; otherwise {passed, error_code '
  '(MEASUREMENT_OUT_OF_RANGE, CHECKLIST_INCOMPLETE, SCAN_MISMATCH), message, errors, warnings} and the '
  'normalised photos, notes, measurements, checklist to store.';

-- Checks an approver's badge and PIN like pin_in: bcrypt, a decoy hash for unknown badges, the
-- shared lockout. Returns (member_id) on success, or (null, failure jsonb value) — the wrong-PIN
-- counter must commit, so the caller records a failed attempt and returns the value.
create function app.floor_check_approver(
  p_org_id uuid, p_badge text, p_pin text, p_min_role public.member_role, p_actor_member uuid, p_allow_self boolean
) returns table (approver_id uuid, failure jsonb, reason text)
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_badge text := app.normalise_badge(p_badge);
  v_member public.members;
  v_locked timestamptz;
begin
  if v_badge is null or p_pin is null then
    perform app.floor_invalid('approver_pin', 'An approval needs the approver''s badge and PIN');
  end if;
  select * into v_member from public.members m
    where m.org_id = p_org_id and m.badge_code = v_badge and m.is_active for update;
  if v_member.id is null or v_member.pin_hash is null then
    perform extensions.crypt(p_pin, app.decoy_pin_hash());
    return query select null::uuid, app.floor_fail(403, 'APPROVAL_DENIED', 'Approver badge or PIN not recognised'),
                        'Approver badge or PIN not recognised';
    return;
  end if;
  if v_member.locked_until > now() then
    return query select null::uuid,
      app.floor_fail(423, 'APPROVER_LOCKED', format('Too many wrong PINs for %s: try again in %s minutes', v_member.display_name,
                                                    greatest(1, ceil(extract(epoch from v_member.locked_until - now()) / 60))::int),
                     null, jsonb_build_object('retry_after_seconds',
                                              greatest(1, ceil(extract(epoch from v_member.locked_until - now())))::int)),
      'Approver locked out';
    return;
  end if;
  if extensions.crypt(p_pin, v_member.pin_hash) <> v_member.pin_hash then
    v_locked := app.record_pin_failure(v_member.id);
    if v_locked > now() then
      return query select null::uuid,
        app.floor_fail(423, 'APPROVER_LOCKED', 'Too many wrong PINs: try again in 15 minutes', null,
                       jsonb_build_object('retry_after_seconds', greatest(1, ceil(extract(epoch from v_locked - now())))::int)),
        'Approver locked out';
      return;
    end if;
    return query select null::uuid, app.floor_fail(403, 'APPROVAL_DENIED', 'Approver badge or PIN not recognised'),
                        'Approver badge or PIN not recognised';
    return;
  end if;
  update public.members m set failed_auth_attempts = 0, locked_until = null
    where m.id = v_member.id and (m.failed_auth_attempts <> 0 or m.locked_until is not null);
  if v_member.role < p_min_role then
    return query select null::uuid,
      app.floor_fail(403, 'APPROVAL_DENIED', format('%s cannot approve this: it needs a %s or above', v_member.display_name, p_min_role),
                     jsonb_build_object('min_role', p_min_role)),
      format('Approver below %s', p_min_role);
    return;
  end if;
  if v_member.id = p_actor_member and not p_allow_self then
    return query select null::uuid,
      app.floor_fail(403, 'APPROVAL_DENIED', 'Someone else must approve your own work', jsonb_build_object('allow_self', false)),
      'Self-approval not allowed';
    return;
  end if;
  return query select v_member.id, null::jsonb, null::text;
end $$;
comment on function app.floor_check_approver(uuid, text, text, public.member_role, uuid, boolean) is
  'Verifies an approver''s badge + PIN (bcrypt, lockout shared with PIN-in) and role; returns the approver or a '
  'failure value (PT403 APPROVAL_DENIED, PT423 APPROVER_LOCKED). Never stores the PIN.';

revoke execute on all functions in schema app from public;
