-- Item locks on every tablet write path (issue 12). Until now only floor_actions honoured a lock;
-- a second tablet could still advance the item's batch, or take, move or complete its queue entry.
--
-- Which writes a lock stops: those made from a floor session (a tablet) other than the holder's.
-- app.floor_session_for_write, the one gate every tablet write passes, records the session for the
-- rest of the transaction (app.floor_session_id). A write with no floor session — a supervisor on
-- the board or the queues screen, a scheduled job — is the authority and goes through; the holder's
-- next write then meets STALE_STAGE / the changed-on-server conflict as before (docs/offline.md).

create or replace function app.floor_session_for_write(p_session_id uuid)
returns public.floor_sessions
language plpgsql security definer set search_path = '' as $function$
declare
  v public.floor_sessions;
  v_device text := app.request_header('x-device-id');
begin
  if p_session_id is null then
    perform app.raise('VALIDATION_FAILED', 'Start a floor session first', 'session_id');
  end if;
  select * into v from public.floor_sessions s where s.id = p_session_id for update;
  if v.id is null or v.user_id is distinct from (select auth.uid()) then
    perform app.raise('SESSION_NOT_FOUND', 'Floor session not found');
  end if;
  perform app.require_member(v.org_id);
  if v.ended_at is not null then
    perform app.raise('SESSION_ENDED', 'This floor session has ended: start a new one', null, jsonb_build_object('end_reason', v.end_reason, 'ended_at', v.ended_at));
  end if;
  if v_device is not null and v.device_id is not null and v_device <> v.device_id then
    perform app.raise('SESSION_TAKEN', 'This floor session continues on another device', null, jsonb_build_object('session_id', v.id, 'device_id', v.device_id));
  end if;
  -- the tablet this transaction writes for: the lock guards below compare it with a lock's holder
  perform set_config('app.floor_session_id', v.id::text, true);
  return v;
end $function$;

-- The live lock on an item held by another floor session than the one this transaction writes for;
-- null when the item is free, held by this session, or the write is not a tablet's.
create function app.item_lock_other(p_org_id uuid, p_item_id uuid) returns public.item_locks
language plpgsql stable security definer set search_path = '' as $$
declare
  v_mine uuid := nullif(current_setting('app.floor_session_id', true), '')::uuid;
  v_live public.item_locks;
begin
  if v_mine is null then
    return null;
  end if;
  v_live := app.item_lock_live(p_org_id, p_item_id);
  if v_live.id is not null and v_live.session_id <> v_mine then
    return v_live;
  end if;
  return null;
end $$;
comment on function app.item_lock_other(uuid, uuid) is
  'The live lock on an item held by a floor session other than this transaction''s (app.floor_session_id), or null.';

-- A batch's stage moves or completes: refused while another tablet holds the batch or one of its units.
create function app.batches_item_lock_guard() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  v_lock public.item_locks;
begin
  if nullif(current_setting('app.floor_session_id', true), '') is null then
    return new;
  end if;
  select l.* into v_lock
    from public.floor_items fi
    cross join lateral app.item_lock_other(fi.org_id, fi.id) l
    where fi.org_id = new.org_id and l.id is not null
      and (fi.batch_id = new.id
           or fi.order_id in (select bo.order_id from public.batch_orders bo where bo.batch_id = new.id))
    limit 1;
  if v_lock.id is not null then
    perform app.item_lock_refuse(v_lock);
  end if;
  return new;
end $$;
comment on function app.batches_item_lock_guard() is
  'BEFORE UPDATE of a batch''s stage or completion from a tablet: ITEM_LOCKED while another tablet holds the batch or a unit of it.';
create trigger batches_item_lock before update of current_stage, is_complete on public.batches
  for each row when (old.current_stage is distinct from new.current_stage or old.is_complete is distinct from new.is_complete)
  execute function app.batches_item_lock_guard();

-- A queue entry is taken, completed, moved or reassigned: refused while another tablet holds its item.
create function app.floor_queue_items_lock_guard() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  v_lock public.item_locks := app.item_lock_other(new.org_id, new.item_id);
begin
  if v_lock.id is not null then
    perform app.item_lock_refuse(v_lock);
  end if;
  return new;
end $$;
comment on function app.floor_queue_items_lock_guard() is
  'BEFORE UPDATE of a queue entry''s status, queue or assignee from a tablet: ITEM_LOCKED while another tablet holds its item.';
create trigger floor_queue_items_item_lock before update of status, queue_id, assigned_to on public.floor_queue_items
  for each row
  when (old.status is distinct from new.status or old.queue_id is distinct from new.queue_id
        or old.assigned_to is distinct from new.assigned_to)
  execute function app.floor_queue_items_lock_guard();

-- Next item skips an item another tablet holds instead of refusing the press.
create or replace function public.floor_next_item(p_queue_id uuid, p_client_id uuid default null, p_session_id uuid default null)
returns jsonb
language plpgsql volatile security definer set search_path = '' set lock_timeout = '5s' as $$
declare
  q public.floor_queues := app.floor_queue_for(p_queue_id, 'operator');
  me record;
  v_session public.floor_sessions;
  v_replay jsonb;
  v_id uuid;
  v_claimed uuid;
  v_item uuid;
begin
  select * into me from app.require_member(q.org_id);
  if p_session_id is not null then
    v_session := app.floor_session_for_write(p_session_id);
  end if;
  v_replay := app.replay_begin(p_client_id, 'floor_next_item'); if v_replay is not null then return v_replay; end if;
  if not q.is_active then
    perform app.raise('QUEUE_INACTIVE', format('Queue %s is closed', q.name));
  end if;
  for attempt in 1 .. 10 loop
    select qi.id into v_id from public.floor_queue_items qi
      where qi.queue_id = q.id and qi.status = 'waiting'
        and (qi.assigned_to is null or qi.assigned_to = me.member_id)
        and not exists (select 1 from public.floor_queue_items x where x.item_id = qi.item_id and x.status = 'in_progress')
        -- an item another tablet holds is not offered: the next one is
        and app.item_lock_other(q.org_id, qi.item_id) is null
      order by (qi.assigned_to is not null) desc, qi.priority desc, qi.rank nulls last, qi.added_at, qi.id
      limit 1
      for update skip locked;
    exit when v_id is null;
    begin
      update public.floor_queue_items qi
        set status = 'in_progress', started_at = now(), assigned_to = me.member_id,
            assigned_at = case when qi.assigned_to = me.member_id then qi.assigned_at else now() end
        where qi.id = v_id and qi.status = 'waiting'
        returning qi.id, qi.item_id into v_claimed, v_item;
    exception when unique_violation then
      v_claimed := null; -- the same item was just started from another queue: take the next entry
    end;
    exit when v_claimed is not null;
    v_id := null;
  end loop;
  if v_claimed is not null and v_session.id is not null then
    update public.floor_sessions s
      set current_item_id = v_item, last_activity_at = now(),
          current_stage = (select c.stage from public.floor_items fi
                           cross join lateral app.floor_item_context(fi.kind, coalesce(fi.batch_id, fi.order_id)) c
                           where fi.id = v_item),
          current_type_definition_id = coalesce((select c.type_definition_id from public.floor_items fi
                                          cross join lateral app.floor_item_context(fi.kind, coalesce(fi.batch_id, fi.order_id)) c
                                          where fi.id = v_item), s.current_type_definition_id)
      where s.id = v_session.id;
  end if;
  return app.replay_store(p_client_id, 'floor_next_item', q.org_id, jsonb_build_object(
    'queue_item', case when v_claimed is not null then app.floor_queue_item_json(v_claimed) end,
    'item', case when v_claimed is not null then (
              select app.floor_item_card(fi.kind, coalesce(fi.batch_id, fi.order_id)) from public.floor_items fi
              where fi.id = v_item) end));
end $$;

revoke execute on function app.item_lock_other(uuid, uuid), app.batches_item_lock_guard(),
  app.floor_queue_items_lock_guard() from public, anon, authenticated;
