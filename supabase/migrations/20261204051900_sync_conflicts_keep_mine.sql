-- Sync conflicts, two fixes found writing the tablet's end-to-end test (issue 12):
--  * keep_mine on a conflict whose item another tablet still holds could never apply: the device
--    re-sent, was refused again, and — the conflict being resolved — asked again every flush. Now
--    keeping the device's change over a lock releases the holder's lock (the supervisor decided), and
--    a change kept "mine" that is refused again reopens its conflict instead of looping.

create or replace function app.sync_conflict_record(p_client_id uuid, p_op text, p_args jsonb, p_code text, p_message text,
                                         p_context jsonb) returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_s public.floor_sessions;
  v_item_any uuid;
  v_item record;
  c record;
  v_server jsonb;
  v public.sync_conflicts;
  v_open integer;
begin
  if p_client_id is null then
    return null;
  end if;
  if p_op = 'update_action' then
    select s.* into v_s from public.floor_actions a join public.floor_sessions s on s.id = a.session_id
      where a.id = (p_args ->> 'action_id')::uuid;
    select a.item_id into v_item_any from public.floor_actions a where a.id = (p_args ->> 'action_id')::uuid;
    select s.* into v_s from public.floor_sessions s
      where s.user_id = (select auth.uid()) and s.org_id = v_s.org_id order by s.started_at desc limit 1;
  else
    select * into v_s from public.floor_sessions s where s.id = (p_args ->> 'session_id')::uuid;
    v_item_any := (p_args ->> 'item_id')::uuid;
  end if;
  if v_s.id is null or v_s.user_id is distinct from (select auth.uid()) then
    return null;
  end if;
  select * into v_item from app.floor_resolve_item(v_s.org_id, v_item_any, false) limit 1;
  if v_item.item_id is not null then
    select * into c from app.floor_item_context(v_item.kind, v_item.ref_id);
  end if;
  v_server := jsonb_build_object(
    'item', case when v_item.item_id is not null then app.floor_item_card(v_item.kind, v_item.ref_id) end,
    'lock', case when p_code = 'ITEM_LOCKED' then coalesce(p_context, '{}'::jsonb) - 'field' end,
    'read_at', now());
  insert into public.sync_conflicts (org_id, client_id, op, kind, code, message, item_id, item_number, session_id,
                                     member_id, user_id, device_id, device_change, server_state)
    values (v_s.org_id, p_client_id, p_op,
            case when p_code = 'ITEM_LOCKED' then 'item_locked' else 'item_changed' end::public.sync_conflict_kind,
            p_code, left(p_message, 1000), v_item.item_id, c.number, v_s.id, v_s.member_id, v_s.user_id,
            coalesce(app.request_header('x-device-id'), v_s.device_id),
            jsonb_build_object('op', p_op, 'args', p_args), v_server)
  on conflict (org_id, client_id) do update
    set server_state = excluded.server_state, code = excluded.code, message = excluded.message, kind = excluded.kind,
        deliveries = public.sync_conflicts.deliveries + 1, last_seen_at = now()
    , resolution = null, resolved_by = null, resolved_at = null, resolution_reason = null
    -- open, or kept "mine" and refused again (the item changed or was locked anew since): reopened,
    -- so the device never loops on a decision the server cannot carry out (the audit log keeps both)
    where public.sync_conflicts.resolution is null or public.sync_conflicts.resolution = 'keep_mine'
  returning * into v;
  if v.id is null then
    select * into v from public.sync_conflicts x where x.org_id = v_s.org_id and x.client_id = p_client_id;
  elsif v.deliveries = 1 then
    -- a new conflict: tell the supervisors (the banner "sync conflicts waiting")
    select count(*) into v_open from public.sync_conflicts x where x.org_id = v_s.org_id and x.resolution is null;
    perform app.realtime_emit(v_s.org_id, 'system_alert', 'item', coalesce(v_item.item_id::text, p_client_id::text), 'create',
      jsonb_build_object('alert', 'sync_conflicts', 'open', v_open, 'conflict_id', v.id,
                         'message', format('%s sync conflict%s waiting', v_open, case when v_open = 1 then '' else 's' end)),
      '{supervisor,manager,admin,owner}', v_s.member_id);
  end if;
  perform app.floor_session_sync_refresh(v_s.org_id, v_s.id);
  return jsonb_build_object('conflict_id', v.id, 'theirs', v.server_state);
end $$;

create or replace function public.sync_conflict_resolve(
  p_conflict_id uuid, p_resolution public.sync_conflict_resolution, p_reason text default null
) returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
declare
  v public.sync_conflicts;
  me record;
  v_reason text := nullif(btrim(coalesce(p_reason, '')), '');
begin
  if p_resolution is null then
    perform app.raise('VALIDATION_FAILED', 'Choose keep mine, keep server or discard', 'resolution');
  end if;
  select * into v from public.sync_conflicts c
    where c.id = p_conflict_id and c.org_id = any (array(select app.my_org_ids('supervisor')))
    for update;
  if v.id is null then
    perform app.raise('SYNC_CONFLICT_NOT_FOUND', 'Sync conflict not found');
  end if;
  select * into me from app.require_member(v.org_id, 'supervisor');
  if v.resolution is not null then
    perform app.raise('SYNC_CONFLICT_RESOLVED', 'This conflict was already resolved', null,
      jsonb_build_object('resolution', v.resolution, 'resolved_at', v.resolved_at));
  end if;
  if p_resolution = 'discard' and v_reason is null then
    perform app.raise('VALIDATION_FAILED', 'Say why the change is discarded', 'reason');
  end if;
  if length(v_reason) > 500 then
    perform app.raise('VALIDATION_FAILED', 'The reason is at most 500 characters', 'reason');
  end if;
  update public.sync_conflicts c
    set resolution = p_resolution, resolved_by = me.member_id, resolved_at = now(), resolution_reason = v_reason
    where c.id = v.id
    returning * into v;
  if p_resolution = 'keep_mine' and v.kind = 'item_locked' and v.item_id is not null then
    -- the supervisor chose the device's change over the holder's: the holder's lock on the item goes,
    -- so the device's next delivery applies (the holder's own writes since are already on the server)
    delete from public.item_locks l
      where l.org_id = v.org_id and l.item_id = v.item_id and l.session_id is distinct from v.session_id;
  end if;
  perform app.floor_session_sync_refresh(v.org_id, v.session_id);
  -- how the resolution reaches the device: its screen hears this and asks sync_conflict_resolutions
  perform app.realtime_emit(v.org_id, 'item_update', 'item', coalesce(v.item_id::text, v.client_id::text), 'update',
    jsonb_build_object('sync_conflict_id', v.id, 'client_id', v.client_id, 'resolution', v.resolution),
    '{operator,supervisor,manager,admin,owner}', me.member_id);
  return app.sync_conflict_json(v);
end $$;
