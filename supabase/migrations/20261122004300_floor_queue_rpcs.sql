-- Queue RPCs: add, assign, update, pull the next item, complete. Design: docs/floor.md §8.
--
-- floor_next_item never hands one entry to two callers: it picks the best waiting entry with
-- `for update skip locked` (a concurrent puller skips the row being claimed and takes the next) and
-- re-checks it is still waiting when it claims it. An item open in several queues is in progress in
-- at most one (unique index floor_queue_items_in_progress_key); a pull that loses that race moves on
-- to the next entry.

create function public.floor_queue_add(
  p_client_id uuid,
  p_queue_id uuid,
  p_item_id uuid,
  p_priority public.floor_priority default null,
  p_assigned_to uuid default null,
  p_estimated_minutes numeric default null
) returns jsonb
language plpgsql volatile security definer set search_path = '' set lock_timeout = '5s' as $$
declare
  q public.floor_queues := app.floor_queue_for(p_queue_id, 'operator');
  v_replay jsonb;
  v_item record;
  v_id uuid;
begin
  v_replay := app.floor_replay_begin(p_client_id, 'floor_queue_add');
  if v_replay is not null then
    return v_replay;
  end if;
  if p_estimated_minutes is not null and p_estimated_minutes not between 0 and 100000 then
    perform app.floor_invalid('estimated_minutes', 'estimated_minutes is between 0 and 100000');
  end if;
  select * into v_item from app.floor_require_item(q.org_id, p_item_id);
  v_id := app.floor_enqueue(q.id, v_item.item_id, p_priority, p_assigned_to, p_estimated_minutes, false);
  return app.floor_replay_store(p_client_id, 'floor_queue_add', q.org_id,
                                jsonb_build_object('queue_item', app.floor_queue_item_json(v_id)));
end $$;
comment on function public.floor_queue_add(uuid, uuid, uuid, public.floor_priority, uuid, numeric) is
  'Adds an item (floor item, batch or order id) to a queue (POST /api/disco/queues/:id/items); operators+. Priority '
  'defaults by the queue''s rules, the estimate from the catalogue, the assignee by auto-assign. Returns {queue_item, '
  'replayed}. Errors: 22023, PT403, PT404 QUEUE_NOT_FOUND/ITEM_NOT_FOUND, PT409 ITEM_ALREADY_QUEUED, PT422 '
  'QUEUE_INACTIVE/QUEUE_FULL/NOT_ASSIGNABLE.';

create function public.floor_queue_assign(p_client_id uuid, p_queue_item_id uuid, p_member_id uuid default null)
returns jsonb
language plpgsql volatile security definer set search_path = '' set lock_timeout = '5s' as $$
declare
  v public.floor_queue_items := app.floor_queue_entry_for(p_queue_item_id);
  v_replay jsonb;
  v_me uuid;
  v_supervisor boolean;
begin
  v_replay := app.floor_replay_begin(p_client_id, 'floor_queue_assign');
  if v_replay is not null then
    return v_replay;
  end if;
  v_me := app.floor_reader(v.org_id, 'operator');
  v_supervisor := v_me is null or exists (select 1 from app.my_memberships() m
                                          where m.org_id = v.org_id and m.role >= 'supervisor');
  -- operators take an unassigned entry for themselves, or hand back their own
  if not v_supervisor and not ((p_member_id = v_me and v.assigned_to is null)
                               or (p_member_id is null and v.assigned_to = v_me)) then
    perform app.floor_raise('PT403', 'FORBIDDEN', 'Operators may only take unassigned work or hand back their own');
  end if;
  if v.status not in ('waiting', 'in_progress') then
    perform app.floor_raise('PT422', 'QUEUE_ITEM_CLOSED', format('This entry is %s', v.status));
  end if;
  if p_member_id is not null and not exists (select 1 from public.members m
                                             where m.id = p_member_id and m.org_id = v.org_id and m.is_active) then
    perform app.floor_raise('PT422', 'NOT_ASSIGNABLE', 'Assign to an active member of this workshop',
                            jsonb_build_object('member_id', p_member_id));
  end if;
  update public.floor_queue_items qi
    set assigned_to = p_member_id,
        assigned_at = case when p_member_id is null then null
                           when p_member_id is not distinct from qi.assigned_to then qi.assigned_at else now() end
    where qi.id = v.id;
  return app.floor_replay_store(p_client_id, 'floor_queue_assign', v.org_id,
                                jsonb_build_object('queue_item', app.floor_queue_item_json(v.id)));
end $$;
comment on function public.floor_queue_assign(uuid, uuid, uuid) is
  'Assigns a queue entry to a member, or unassigns it with null (supervisors+; operators may take unassigned work '
  'or hand back their own). Returns {queue_item, replayed}. Errors: PT403, PT404 QUEUE_ITEM_NOT_FOUND, PT422 '
  'NOT_ASSIGNABLE/QUEUE_ITEM_CLOSED.';

create function public.floor_queue_update_item(
  p_client_id uuid,
  p_queue_item_id uuid,
  p_priority public.floor_priority default null,
  p_estimated_minutes numeric default null,
  p_status public.floor_queue_item_status default null
) returns jsonb
language plpgsql volatile security definer set search_path = '' set lock_timeout = '5s' as $$
declare
  v public.floor_queue_items := app.floor_queue_entry_for(p_queue_item_id);
  v_replay jsonb;
  v_me uuid;
  v_supervisor boolean;
begin
  v_replay := app.floor_replay_begin(p_client_id, 'floor_queue_update_item');
  if v_replay is not null then
    return v_replay;
  end if;
  v_me := app.floor_reader(v.org_id, 'operator');
  v_supervisor := v_me is null or exists (select 1 from app.my_memberships() m
                                          where m.org_id = v.org_id and m.role >= 'supervisor');
  if p_estimated_minutes is not null and p_estimated_minutes not between 0 and 100000 then
    perform app.floor_invalid('estimated_minutes', 'estimated_minutes is between 0 and 100000');
  end if;
  if p_status is not null and p_status not in ('waiting', 'removed') then
    perform app.floor_invalid('status', 'Set status waiting (put back) or removed; pulls and completion have their own RPCs');
  end if;
  if v.status not in ('waiting', 'in_progress') then
    perform app.floor_raise('PT422', 'QUEUE_ITEM_CLOSED', format('This entry is %s', v.status));
  end if;
  -- the worker holding an entry may put it back; everything else is for supervisors
  if not v_supervisor and not (p_status = 'waiting' and v.assigned_to = v_me and p_priority is null
                               and p_estimated_minutes is null) then
    perform app.floor_raise('PT403', 'FORBIDDEN', 'Only supervisors change priorities or remove entries');
  end if;
  update public.floor_queue_items qi
    set priority = coalesce(p_priority, qi.priority),
        estimated_duration_minutes = coalesce(p_estimated_minutes, qi.estimated_duration_minutes),
        status = coalesce(p_status, qi.status),
        started_at = case when p_status = 'waiting' then null else qi.started_at end,
        completed_at = case when p_status = 'removed' then now() else qi.completed_at end,
        completed_by = case when p_status = 'removed' then v_me else qi.completed_by end
    where qi.id = v.id;
  return app.floor_replay_store(p_client_id, 'floor_queue_update_item', v.org_id,
                                jsonb_build_object('queue_item', app.floor_queue_item_json(v.id)));
end $$;
comment on function public.floor_queue_update_item(uuid, uuid, public.floor_priority, numeric, public.floor_queue_item_status) is
  'Changes a queue entry (PUT /api/disco/queues/:id/items/:itemId): priority, estimate, status waiting (put back) or '
  'removed. Supervisors+; the assignee may put their entry back. Returns {queue_item, replayed}. Errors: 22023, '
  'PT403, PT404 QUEUE_ITEM_NOT_FOUND, PT422 QUEUE_ITEM_CLOSED.';

create function public.floor_next_item(p_queue_id uuid, p_client_id uuid default null, p_session_id uuid default null)
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
  select * into me from app.floor_member(q.org_id);
  if p_session_id is not null then
    v_session := app.floor_session_for_write(p_session_id);
  end if;
  v_replay := app.floor_replay_begin(p_client_id, 'floor_next_item');
  if v_replay is not null then
    return v_replay;
  end if;
  if not q.is_active then
    perform app.floor_raise('PT422', 'QUEUE_INACTIVE', format('Queue %s is closed', q.name));
  end if;
  for attempt in 1 .. 10 loop
    select qi.id into v_id from public.floor_queue_items qi
      where qi.queue_id = q.id and qi.status = 'waiting'
        and (qi.assigned_to is null or qi.assigned_to = me.member_id)
        and not exists (select 1 from public.floor_queue_items x where x.item_id = qi.item_id and x.status = 'in_progress')
      order by (qi.assigned_to is not null) desc, qi.priority desc, qi.added_at, qi.id
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
          current_workflow_id = coalesce((select c.workflow_id from public.floor_items fi
                                          cross join lateral app.floor_item_context(fi.kind, coalesce(fi.batch_id, fi.order_id)) c
                                          where fi.id = v_item), s.current_workflow_id)
      where s.id = v_session.id;
  end if;
  return app.floor_replay_store(p_client_id, 'floor_next_item', q.org_id, jsonb_build_object(
    'queue_item', case when v_claimed is not null then app.floor_queue_item_json(v_claimed) end,
    'item', case when v_claimed is not null then (
              select app.floor_item_card(fi.kind, coalesce(fi.batch_id, fi.order_id)) from public.floor_items fi
              where fi.id = v_item) end));
end $$;
comment on function public.floor_next_item(uuid, uuid, uuid) is
  'Claims the best waiting entry of a queue for the caller (assigned to them first, then urgent → low, oldest '
  'first) and starts it; concurrent callers never get the same entry (skip locked). p_session_id makes it the '
  'session''s current item. Returns {queue_item, item (card)} or both null when nothing waits. Errors: PT403, '
  'PT404 QUEUE_NOT_FOUND, PT409 SESSION_*, PT422 QUEUE_INACTIVE.';

create function public.floor_queue_complete(p_client_id uuid, p_queue_item_id uuid, p_session_id uuid default null)
returns jsonb
language plpgsql volatile security definer set search_path = '' set lock_timeout = '5s' as $$
declare
  v public.floor_queue_items := app.floor_queue_entry_for(p_queue_item_id);
  v_replay jsonb;
  v_me uuid;
  v_session public.floor_sessions;
begin
  v_me := app.floor_reader(v.org_id, 'operator');
  if p_session_id is not null then
    v_session := app.floor_session_for_write(p_session_id);
  end if;
  v_replay := app.floor_replay_begin(p_client_id, 'floor_queue_complete');
  if v_replay is not null then
    return v_replay;
  end if;
  if v.status not in ('waiting', 'in_progress') then
    perform app.floor_raise('PT422', 'QUEUE_ITEM_CLOSED', format('This entry is already %s', v.status));
  end if;
  if v_me is not null and v.assigned_to is distinct from v_me and v.assigned_to is not null
     and not exists (select 1 from app.my_memberships() m where m.org_id = v.org_id and m.role >= 'supervisor') then
    perform app.floor_raise('PT403', 'FORBIDDEN', 'This entry is assigned to someone else');
  end if;
  update public.floor_queue_items qi
    set status = 'completed', completed_at = now(), completed_by = v_me, started_at = coalesce(qi.started_at, now()),
        assigned_to = coalesce(qi.assigned_to, v_me),
        assigned_at = case when qi.assigned_to is null and v_me is not null then now() else qi.assigned_at end
    where qi.id = v.id;
  if v_session.id is not null then
    update public.floor_sessions s set items_processed = s.items_processed + 1, last_activity_at = now()
      where s.id = v_session.id;
  end if;
  return app.floor_replay_store(p_client_id, 'floor_queue_complete', v.org_id,
                                jsonb_build_object('queue_item', app.floor_queue_item_json(v.id)));
end $$;
comment on function public.floor_queue_complete(uuid, uuid, uuid) is
  'Completes a queue entry (its assignee, anyone for unassigned entries, or supervisors+); counts an item processed '
  'in p_session_id. Returns {queue_item, replayed}. Errors: PT403, PT404 QUEUE_ITEM_NOT_FOUND, PT409 SESSION_*, '
  'PT422 QUEUE_ITEM_CLOSED.';

revoke execute on all functions in schema app from public;
revoke execute on function
  public.floor_queue_add(uuid, uuid, uuid, public.floor_priority, uuid, numeric),
  public.floor_queue_assign(uuid, uuid, uuid),
  public.floor_queue_update_item(uuid, uuid, public.floor_priority, numeric, public.floor_queue_item_status),
  public.floor_next_item(uuid, uuid, uuid),
  public.floor_queue_complete(uuid, uuid, uuid)
  from public, anon, authenticated, service_role;
grant execute on function
  public.floor_queue_add(uuid, uuid, uuid, public.floor_priority, uuid, numeric),
  public.floor_queue_assign(uuid, uuid, uuid),
  public.floor_queue_update_item(uuid, uuid, public.floor_priority, numeric, public.floor_queue_item_status),
  public.floor_next_item(uuid, uuid, uuid),
  public.floor_queue_complete(uuid, uuid, uuid)
  to authenticated, service_role;
