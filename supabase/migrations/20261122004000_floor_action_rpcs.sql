-- Action RPCs: complete, update a draft, pending actions, history. Design: docs/floor.md §6.
--
-- An action must be defined for the item's current stage and kind (else PT422 ACTION_NOT_AVAILABLE,
-- or PT404 ACTION_NOT_FOUND if the key exists nowhere in the workflow). Statuses the tablet sends:
--   completed  checked against the definition: passes → completed; fails the rule → a failed attempt
--              is recorded and PT422 (MEASUREMENT_OUT_OF_RANGE, CHECKLIST_INCOMPLETE, SCAN_MISMATCH)
--              comes back as a value; approvals need the approver's badge + PIN (PT403 APPROVAL_DENIED,
--              PT423 APPROVER_LOCKED, also as values: the wrong-PIN count commits);
--   pending    a draft (e.g. photos still uploading), finished later with floor_update_action;
--   skipped    optional actions only (PT422 ACTION_REQUIRED otherwise);
--   failed     the worker reports a failure; data.notes says why.

create function app.floor_action_json(p_action_id uuid) returns jsonb
language plpgsql stable security definer set search_path = '' as $$
begin
  return (
  select jsonb_build_object(
    'id', a.id, 'org_id', a.org_id, 'session_id', a.session_id, 'item_id', a.item_id, 'batch_id', a.batch_id,
    'workflow_id', a.workflow_id, 'stage', a.stage, 'stage_action_id', a.stage_action_id,
    'key', a.action_key, 'type', a.action_type, 'label', a.label, 'required', a.required, 'status', a.status,
    'data', a.data, 'photos', a.photos, 'notes', a.notes, 'measurements', a.measurements, 'checklist', a.checklist,
    'completed_at', a.completed_at, 'duration_ms', a.duration_ms, 'validation_result', a.validation_result,
    'member', jsonb_build_object('id', m.id, 'display_name', m.display_name),
    'approved_by', case when ap.id is not null then jsonb_build_object('id', ap.id, 'display_name', ap.display_name) end,
    'client_id', a.client_id, 'created_at', a.created_at, 'updated_at', a.updated_at)
  from public.floor_actions a
  join public.members m on m.id = a.member_id
  left join public.members ap on ap.id = a.approved_by
  where a.id = p_action_id);
end $$;
comment on function app.floor_action_json(uuid) is 'A floor action as the RPCs return it.';

-- The definition of p_key for the item's stage and kind, or PT422 ACTION_NOT_AVAILABLE / PT404 ACTION_NOT_FOUND.
create function app.floor_definition_for(
  p_workflow_id uuid, p_stage public.production_stage, p_kind public.floor_item_kind, p_key text, p_number text
) returns public.floor_stage_actions
language plpgsql stable security definer set search_path = '' as $$
declare
  v public.floor_stage_actions;
  v_stages text[];
begin
  select * into v from public.floor_stage_actions d
    where d.workflow_id = p_workflow_id and d.stage = p_stage and d.action_key = p_key and d.is_active
      and p_kind = any (d.item_kinds);
  if v.id is not null then
    return v;
  end if;
  select array_agg(distinct d.stage::text) into v_stages from public.floor_stage_actions d
    where d.workflow_id = p_workflow_id and d.action_key = p_key and d.is_active;
  if v_stages is null then
    perform app.floor_raise('PT404', 'ACTION_NOT_FOUND', format('No action "%s" in this workflow', p_key),
                            jsonb_build_object('action_key', p_key));
  end if;
  if p_stage::text = any (v_stages) then
    perform app.floor_raise('PT422', 'ACTION_NOT_AVAILABLE',
      format('"%s" is not done per %s at %s', p_key, p_kind, p_stage),
      jsonb_build_object('action_key', p_key, 'item_stage', p_stage, 'item_kind', p_kind));
  end if;
  perform app.floor_raise('PT422', 'ACTION_NOT_AVAILABLE',
    format('"%s" belongs to %s; %s is at %s', p_key, array_to_string(v_stages, ', '), p_number, p_stage),
    jsonb_build_object('action_key', p_key, 'item_stage', p_stage, 'available_at', to_jsonb(v_stages)));
  return null;
end $$;
comment on function app.floor_definition_for(uuid, public.production_stage, public.floor_item_kind, text, text) is
  'The active definition of an action key for a stage and item kind; PT422 ACTION_NOT_AVAILABLE (with where it '
  'is available) or PT404 ACTION_NOT_FOUND.';

-- Does the work of floor_complete_action / floor_update_action (p_existing: the pending draft).
create function app.floor_perform_action(
  p_session public.floor_sessions, p_existing uuid, p_item_any uuid, p_key text,
  p_status public.floor_action_status, p_data jsonb, p_duration_ms integer, p_approver_badge text,
  p_approver_pin text, p_completed_at timestamptz, p_client_id uuid
) returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_item record;
  c record;
  v_def public.floor_stage_actions;
  v_existing public.floor_actions;
  v_data jsonb := coalesce(p_data, '{}'::jsonb);
  v_passed boolean;
  v_error_code text;
  v_message text;
  v_errors jsonb;
  v_warnings jsonb;
  v_photos jsonb;
  v_notes text;
  v_measurements jsonb;
  v_checklist jsonb;
  v_status public.floor_action_status := coalesce(p_status, 'completed');
  v_validation jsonb;
  v_failure jsonb;
  v_approver uuid;
  v_approver_reason text;
  v_done_at timestamptz;
  v_duration integer := p_duration_ms;
  v_action_id uuid;
  v_min_role public.member_role;
begin
  if jsonb_typeof(v_data) <> 'object' then
    perform app.floor_invalid('data', 'data must be an object');
  end if;
  if p_duration_ms is not null and p_duration_ms not between 0 and 86400000 then
    perform app.floor_invalid('duration_ms', 'duration_ms is between 0 and 86400000');
  end if;
  select * into v_item from app.floor_require_item(p_session.org_id, p_item_any);
  select * into c from app.floor_item_context(v_item.kind, v_item.ref_id);
  if c.stage is null or c.is_complete then
    perform app.floor_raise('PT422', 'ACTION_NOT_AVAILABLE',
      format('%s is not on the floor (%s): there is nothing to do', c.number, c.status),
      jsonb_build_object('status', c.status));
  end if;
  v_def := app.floor_definition_for(c.workflow_id, c.stage, c.kind, p_key, c.number);

  if p_existing is not null then
    select * into v_existing from public.floor_actions a where a.id = p_existing for update;
    if v_existing.item_id <> v_item.item_id or v_existing.action_key <> v_def.action_key or v_existing.stage <> c.stage
       or v_existing.created_at < c.stage_entered_at then
      perform app.floor_raise('PT422', 'ACTION_NOT_AVAILABLE',
        format('%s has moved on since this action was started: start it again', c.number));
    end if;
  end if;

  v_done_at := case when v_status = 'pending' then null else app.floor_client_time(p_completed_at, 'completed_at') end;
  if v_duration is null and v_status <> 'pending' then
    -- as long as since the draft was started, or since the item was last scanned in this session
    select least(86400000, greatest(0, (extract(epoch from (v_done_at - coalesce(v_existing.created_at, x.scan_time))) * 1000)))::int
      into v_duration
      from (select max(sc.scan_time) as scan_time from public.floor_scans sc
            where sc.org_id = p_session.org_id and sc.session_id = p_session.id and sc.item_id = v_item.item_id) x;
  end if;

  if v_status = 'skipped' and v_def.required then
    perform app.floor_raise('PT422', 'ACTION_REQUIRED', format('"%s" is required: it cannot be skipped', v_def.label),
                            jsonb_build_object('action_key', v_def.action_key));
  end if;
  if v_status = 'failed' and nullif(btrim(v_data ->> 'notes'), '') is null then
    perform app.floor_invalid('data.notes', 'Say what failed');
  end if;

  if v_status = 'completed' then
    select k.passed, k.error_code, k.message, k.errors, k.warnings, k.photos, k.notes, k.measurements, k.checklist
      into v_passed, v_error_code, v_message, v_errors, v_warnings, v_photos, v_notes, v_measurements, v_checklist
      from app.floor_check_action_data(v_def, v_data, c.model_ids, p_session.org_id) k;
    v_validation := jsonb_build_object('passed', v_passed, 'errors', v_errors, 'warnings', v_warnings);
    if not v_passed then
      v_status := 'failed';
      v_failure := app.floor_fail(422, v_error_code, v_message,
                                  jsonb_build_object('errors', v_errors, 'action_key', v_def.action_key));
    elsif v_def.action_type = 'approval' then
      v_min_role := greatest(coalesce((v_def.config ->> 'min_role')::public.member_role, 'supervisor'),
                             (select s.approval_min_role from public.floor_settings s where s.org_id = p_session.org_id));
      select a.approver_id, a.failure, a.reason into v_approver, v_failure, v_approver_reason
        from app.floor_check_approver(p_session.org_id, p_approver_badge, p_approver_pin, v_min_role, p_session.member_id,
                                      coalesce((v_def.config ->> 'allow_self')::boolean, false)) a;
      if v_approver is null then
        v_status := 'failed';
        v_validation := jsonb_build_object('passed', false, 'errors', jsonb_build_array(v_approver_reason),
                                           'warnings', v_warnings);
      end if;
    end if;
  elsif v_status = 'failed' then
    v_validation := jsonb_build_object('passed', false, 'errors', jsonb_build_array(btrim(v_data ->> 'notes')),
                                       'warnings', '[]'::jsonb, 'reported', true);
  end if;

  if v_existing.id is not null then
    update public.floor_actions a
      set status = v_status, data = v_data, photos = coalesce(v_photos, a.photos),
          notes = coalesce(v_notes, nullif(btrim(v_data ->> 'notes'), ''), a.notes),
          measurements = coalesce(v_measurements, a.measurements), checklist = coalesce(v_checklist, a.checklist),
          completed_at = v_done_at, duration_ms = v_duration, validation_result = v_validation, approved_by = v_approver,
          client_id = coalesce(a.client_id, p_client_id)
      where a.id = v_existing.id
      returning a.id into v_action_id;
  else
    insert into public.floor_actions (org_id, session_id, member_id, user_id, item_id, batch_id, workflow_id, stage,
                                      stage_action_id, action_type, action_key, label, required, data, photos, notes,
                                      measurements, checklist, status, completed_at, duration_ms, validation_result,
                                      approved_by, client_id)
      values (p_session.org_id, p_session.id, p_session.member_id, p_session.user_id, v_item.item_id, c.batch_id,
              c.workflow_id, c.stage, v_def.id, v_def.action_type, v_def.action_key, v_def.label, v_def.required, v_data,
              coalesce(v_photos, '[]'::jsonb), coalesce(v_notes, nullif(btrim(v_data ->> 'notes'), '')),
              coalesce(v_measurements, '[]'::jsonb), coalesce(v_checklist, '[]'::jsonb), v_status, v_done_at,
              v_duration, v_validation, v_approver, p_client_id)
      returning id into v_action_id;
  end if;

  update public.floor_sessions s
    set actions_completed = s.actions_completed + case when v_status = 'completed' then 1 else 0 end,
        last_activity_at = now(), current_item_id = v_item.item_id, current_stage = c.stage,
        current_workflow_id = c.workflow_id
    where s.id = p_session.id;

  if v_failure is not null then
    return v_failure || jsonb_build_object('action', app.floor_action_json(v_action_id),
                                           'item', app.floor_item_card(v_item.kind, v_item.ref_id));
  end if;
  return jsonb_build_object('action', app.floor_action_json(v_action_id),
                            'item', app.floor_item_card(v_item.kind, v_item.ref_id));
end $$;
comment on function app.floor_perform_action(public.floor_sessions, uuid, uuid, text, public.floor_action_status, jsonb,
  integer, text, text, timestamptz, uuid) is
  'Records one action attempt for the item''s current stage (see the migration header); returns {action, item} or a '
  'failure value with them.';

-- ------------------------------------------------------------------ public
create function public.floor_complete_action(
  p_client_id uuid,
  p_session_id uuid,
  p_item_id uuid,
  p_action_key text,
  p_data jsonb default '{}',
  p_status public.floor_action_status default 'completed',
  p_duration_ms integer default null,
  p_approver_badge text default null,
  p_approver_pin text default null,
  p_completed_at timestamptz default null
) returns jsonb
language plpgsql volatile security definer set search_path = '' set lock_timeout = '5s' as $$
declare
  v_session public.floor_sessions := app.floor_session_for_write(p_session_id);
  v_replay jsonb;
begin
  v_replay := app.floor_replay_begin(p_client_id, 'floor_complete_action');
  if v_replay is not null then
    return v_replay;
  end if;
  if nullif(btrim(p_action_key), '') is null then
    perform app.floor_invalid('action_key', 'Say which action');
  end if;
  return app.floor_replay_store(p_client_id, 'floor_complete_action', v_session.org_id,
    app.floor_perform_action(v_session, null, p_item_id, lower(btrim(p_action_key)), p_status, p_data, p_duration_ms,
                             p_approver_badge, p_approver_pin, p_completed_at, p_client_id));
end $$;
comment on function public.floor_complete_action(uuid, uuid, uuid, text, jsonb, public.floor_action_status, integer, text, text, timestamptz) is
  'Records an action on an item at its current stage (POST /api/disco/actions). p_item_id: floor item, batch or '
  'order id. p_data: {value, unit} or {measurements}, {checklist: [{key, completed}]}, {photos: [paths]}, {notes}, '
  '{code} by type. Approvals: p_approver_badge + p_approver_pin (never stored). Returns {action, item, replayed}; '
  'item.can_advance tells whether the stage is done. Errors: 22023 VALIDATION_FAILED, PT403, PT404 '
  'SESSION_NOT_FOUND/ITEM_NOT_FOUND/ACTION_NOT_FOUND, PT409 SESSION_ENDED/SESSION_TAKEN, PT422 '
  'ACTION_NOT_AVAILABLE/ACTION_REQUIRED; as values (failed attempt recorded): PT422 MEASUREMENT_OUT_OF_RANGE/'
  'CHECKLIST_INCOMPLETE/SCAN_MISMATCH, PT403 APPROVAL_DENIED, PT423 APPROVER_LOCKED.';

create function public.floor_update_action(
  p_client_id uuid,
  p_action_id uuid,
  p_status public.floor_action_status default 'completed',
  p_data jsonb default null,
  p_duration_ms integer default null,
  p_approver_badge text default null,
  p_approver_pin text default null,
  p_completed_at timestamptz default null
) returns jsonb
language plpgsql volatile security definer set search_path = '' set lock_timeout = '5s' as $$
declare
  v_action public.floor_actions;
  v_session public.floor_sessions;
  v_replay jsonb;
begin
  select * into v_action from public.floor_actions a where a.id = p_action_id;
  if v_action.id is null or v_action.user_id is distinct from (select auth.uid()) then
    perform app.floor_raise('PT404', 'ACTION_NOT_FOUND', 'Action not found');
  end if;
  v_session := app.floor_session_for_write(v_action.session_id);
  v_replay := app.floor_replay_begin(p_client_id, 'floor_update_action');
  if v_replay is not null then
    return v_replay;
  end if;
  if v_action.status <> 'pending' then
    perform app.floor_raise('PT409', 'ACTION_FINAL', format('This action is already %s', v_action.status),
                            jsonb_build_object('status', v_action.status));
  end if;
  return app.floor_replay_store(p_client_id, 'floor_update_action', v_session.org_id,
    app.floor_perform_action(v_session, v_action.id, v_action.item_id, v_action.action_key, p_status,
                             v_action.data || coalesce(p_data, '{}'::jsonb), p_duration_ms, p_approver_badge,
                             p_approver_pin, p_completed_at, p_client_id));
end $$;
comment on function public.floor_update_action(uuid, uuid, public.floor_action_status, jsonb, integer, text, text, timestamptz) is
  'Finishes a pending (draft) action of one''s own (PUT /api/disco/actions/:id): p_data is merged into the draft''s, '
  'then checked as in floor_complete_action. Errors as there, plus PT409 ACTION_FINAL (not pending).';

create function app.floor_org_of(p_any uuid) returns uuid
language plpgsql stable security definer set search_path = '' as $$
begin
  return (
  select coalesce((select fi.org_id from public.floor_items fi where fi.id = p_any),
                  (select b.org_id from public.batches b where b.id = p_any),
                  (select o.org_id from public.orders o where o.id = p_any)));
end $$;
comment on function app.floor_org_of(uuid) is 'The organisation of a floor item, batch or order id.';

create function public.floor_pending_actions(p_item_id uuid) returns jsonb
language plpgsql stable security definer set search_path = '' as $$
declare
  v_org uuid := app.floor_org_of(p_item_id);
  v_item record;
  v_card jsonb;
begin
  if v_org is null then
    perform app.floor_raise('PT404', 'ITEM_NOT_FOUND', 'Item not found in this workshop');
  end if;
  perform app.floor_reader(v_org, 'operator');
  select * into v_item from app.floor_resolve_item(v_org, p_item_id, false);
  v_card := app.floor_item_card(v_item.kind, v_item.ref_id);
  return jsonb_build_object(
    'item', v_card,
    'pending', coalesce((select jsonb_agg(a) from jsonb_array_elements(v_card -> 'actions') a
                         where a ->> 'status' <> 'completed'), '[]'::jsonb),
    'required_pending', v_card -> 'required_pending',
    'blocking_actions', v_card -> 'blocking_actions',
    'can_advance', v_card -> 'can_advance');
end $$;
comment on function public.floor_pending_actions(uuid) is
  'The actions an item still needs at its current stage (GET /api/disco/actions/pending): {item, pending, '
  'required_pending, blocking_actions (batch and per order), can_advance}. Errors: PT401, PT403, PT404 ITEM_NOT_FOUND.';

create function public.floor_action_history(
  p_item_id uuid default null,
  p_session_id uuid default null,
  p_org_id uuid default null,
  p_include_orders boolean default false,
  p_limit integer default 50,
  p_before timestamptz default null
) returns jsonb
language plpgsql stable security definer set search_path = '' as $$
declare
  v_org uuid;
  v_item_id uuid;
  v_item_kind public.floor_item_kind;
  v_item_ref uuid;
  v_limit integer := least(greatest(coalesce(p_limit, 50), 1), 200);
  v_rows jsonb;
begin
  v_org := coalesce(app.floor_org_of(p_item_id),
                    (select s.org_id from public.floor_sessions s where s.id = p_session_id));
  if p_item_id is not null and v_org is null then
    perform app.floor_raise('PT404', 'ITEM_NOT_FOUND', 'Item not found in this workshop');
  end if;
  v_org := app.floor_acting_org(coalesce(v_org, p_org_id));
  perform app.floor_reader(v_org, 'operator');
  if p_item_id is not null then
    select r.item_id, r.kind, r.ref_id into v_item_id, v_item_kind, v_item_ref
      from app.floor_resolve_item(v_org, p_item_id, false) r;
  end if;
  select coalesce(jsonb_agg(app.floor_action_json(x.id) order by x.created_at desc), '[]'::jsonb) into v_rows
  from (
    select a.id, a.created_at from public.floor_actions a
    where a.org_id = v_org
      and (p_session_id is null or a.session_id = p_session_id)
      and (p_item_id is null or a.item_id = v_item_id
           or (p_include_orders and v_item_kind = 'batch'
               and a.item_id in (select fi.id from public.batch_orders bo join public.floor_items fi on fi.order_id = bo.order_id
                                 where bo.batch_id = v_item_ref)))
      and (p_before is null or a.created_at < p_before)
    order by a.created_at desc
    limit v_limit
  ) x;
  return jsonb_build_object('actions', v_rows,
    'next_before', case when jsonb_array_length(v_rows) = v_limit then v_rows -> (v_limit - 1) ->> 'created_at' end);
end $$;
comment on function public.floor_action_history(uuid, uuid, uuid, boolean, integer, timestamptz) is
  'Actions newest first (GET /api/disco/actions/history), by item (a batch with p_include_orders: also its orders''), '
  'session or organisation; keyset pages with p_before = next_before. Members of the organisation. Errors: PT401, '
  'PT403, PT404 ITEM_NOT_FOUND, 22023 org_id.';

revoke execute on all functions in schema app from public;
revoke execute on function
  public.floor_complete_action(uuid, uuid, uuid, text, jsonb, public.floor_action_status, integer, text, text, timestamptz),
  public.floor_update_action(uuid, uuid, public.floor_action_status, jsonb, integer, text, text, timestamptz),
  public.floor_pending_actions(uuid),
  public.floor_action_history(uuid, uuid, uuid, boolean, integer, timestamptz)
  from public, anon, authenticated, service_role;
grant execute on function
  public.floor_complete_action(uuid, uuid, uuid, text, jsonb, public.floor_action_status, integer, text, text, timestamptz),
  public.floor_update_action(uuid, uuid, public.floor_action_status, jsonb, integer, text, text, timestamptz),
  public.floor_pending_actions(uuid),
  public.floor_action_history(uuid, uuid, uuid, boolean, integer, timestamptz)
  to authenticated, service_role;
