-- Item locks (spec 02 ItemLock, issue 12): while a tablet works on an item — offline, or resolving a
-- conflict, or because a supervisor said so — the item is locked to that tablet's floor session, so a
-- second tablet cannot change it at the same time. Design: docs/offline.md "Item locks".
--
-- One lock per item (unique (org_id, item_id)). A lock lasts at most 15 minutes (check constraint);
-- its holder renews it by taking it again. Lifecycle: created → active → released (deleted by its
-- holder or a supervisor) | expired (expires_at passed, or the holder's floor session ended: treated
-- as released on every read, and replaced by the next taker; app.item_locks_expire() deletes them
-- for a scheduler). A supervisor may steal a lock (conflict resolution).
--
-- Honoured by the database, not the app: a BEFORE trigger on floor_actions (every write path that
-- records work on an item: floor_complete_action, floor_update_action, the sync replay) refuses a
-- write from any other floor session with ITEM_LOCKED (409), naming the holder and until when.

insert into app.error_codes (code, status, meaning) values
  ('ITEM_LOCKED', 409, 'Another tablet is working on this item (context: holder, device_id, expires_at); try again after it releases it or its lock expires.')
on conflict (code) do nothing;

create type public.item_lock_reason as enum ('offline_sync', 'conflict_resolution', 'manual');
comment on type public.item_lock_reason is
  'Why an item is locked (spec 02): a tablet working offline on it, a conflict being resolved, or a supervisor''s manual lock.';

create table public.item_locks (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organisations (id) on delete cascade,
  item_id uuid not null,
  session_id uuid not null,
  locked_by uuid not null,
  user_id uuid not null references auth.users (id) on delete cascade,
  device_id text check (length(device_id) <= 200),
  reason public.item_lock_reason not null,
  locked_at timestamptz not null default now(),
  expires_at timestamptz not null,
  unique (org_id, item_id),
  unique (org_id, id),
  -- spec 02: expires_at > locked_at, at most 15 minutes later
  constraint item_locks_duration check (expires_at > locked_at and expires_at <= locked_at + interval '15 minutes'),
  foreign key (org_id, item_id) references public.floor_items (org_id, id) on delete cascade,
  foreign key (org_id, session_id) references public.floor_sessions (org_id, id) on delete cascade,
  foreign key (org_id, locked_by) references public.members (org_id, id) on delete cascade
);
comment on table public.item_locks is
  'Spec 02 ItemLock: one per item, held by a floor session (a tablet) until released or expired (at most 15 '
  'minutes, renewed by taking it again). Members read their organisation''s locks; written only by '
  'item_lock_acquire / item_lock_release / item_lock_steal. floor_actions writes from other sessions are refused.';
comment on column public.item_locks.session_id is 'The floor session (tablet) holding the lock; its end releases the lock.';
comment on column public.item_locks.locked_by is 'The member holding it (named to the tablet that is refused).';
comment on column public.item_locks.user_id is 'The account acting for that member (the floor identity on a station tablet).';
comment on column public.item_locks.device_id is 'The holder''s device, as its x-device-id reported it.';
comment on column public.item_locks.expires_at is 'When the lock lapses unless renewed (≤ locked_at + 15 minutes).';

create index item_locks_session_idx on public.item_locks (org_id, session_id);
create index item_locks_member_idx on public.item_locks (org_id, locked_by);
create index item_locks_user_idx on public.item_locks (user_id);
create index item_locks_expires_idx on public.item_locks (expires_at);

alter table public.item_locks enable row level security;
create policy item_locks_select on public.item_locks for select to authenticated
  using (org_id = any (array(select app.my_org_ids())));
create policy item_locks_insert on public.item_locks for insert to authenticated with check (false);
create policy item_locks_update on public.item_locks for update to authenticated using (false);
create policy item_locks_delete on public.item_locks for delete to authenticated using (false);
revoke all on public.item_locks from public, anon, authenticated, service_role;
grant select on public.item_locks to authenticated, service_role;

-- ------------------------------------------------------------------ reading
-- The live lock on an item (null: none, or one that expired or whose session ended — as released).
create function app.item_lock_live(p_org_id uuid, p_item_id uuid) returns public.item_locks
language sql stable security definer set search_path = '' as $$
  select l.* from public.item_locks l
  join public.floor_sessions s on s.org_id = l.org_id and s.id = l.session_id
  where l.org_id = p_org_id and l.item_id = p_item_id and l.expires_at > now() and s.ended_at is null
$$;
comment on function app.item_lock_live(uuid, uuid) is
  'The active lock on an item, or null (expired locks and locks of ended floor sessions count as released).';

create function app.item_lock_json(p_lock public.item_locks) returns jsonb
language sql stable security definer set search_path = '' as $$
  select jsonb_build_object(
    'id', p_lock.id, 'item_id', p_lock.item_id, 'session_id', p_lock.session_id, 'reason', p_lock.reason,
    'locked_by', p_lock.locked_by,
    'holder', (select m.display_name from public.members m where m.org_id = p_lock.org_id and m.id = p_lock.locked_by),
    'device_id', p_lock.device_id, 'locked_at', p_lock.locked_at, 'expires_at', p_lock.expires_at)
$$;
comment on function app.item_lock_json(public.item_locks) is 'A lock as the RPCs return it, with the holder''s name.';

-- ITEM_LOCKED naming the holder: "Ana is working on this item (until 14:07)".
create function app.item_lock_refuse(p_lock public.item_locks) returns void
language plpgsql stable security definer set search_path = '' as $$
declare
  v jsonb := app.item_lock_json(p_lock);
begin
  perform app.raise('ITEM_LOCKED',
    format('%s is working on this item on another tablet (locked until %s UTC)',
           coalesce(v ->> 'holder', 'Someone'), to_char(p_lock.expires_at at time zone 'UTC', 'HH24:MI')),
    'item_id', v);
end $$;
comment on function app.item_lock_refuse(public.item_locks) is 'Raises ITEM_LOCKED with the holder, device and expiry.';

-- ------------------------------------------------------------------ RPCs
-- Take (or, for its holder, renew) the lock on an item for the caller's floor session.
create function public.item_lock_acquire(
  p_session_id uuid, p_item_id uuid, p_reason public.item_lock_reason default 'offline_sync', p_minutes integer default 15
) returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_s public.floor_sessions := app.floor_session_for_write(p_session_id);
  v_live public.item_locks;
  v_item uuid;
  v public.item_locks;
begin
  if p_minutes is null or p_minutes not between 1 and 15 then
    perform app.raise('VALIDATION_FAILED', 'A lock lasts 1 to 15 minutes', 'minutes');
  end if;
  -- the floor item of an item, order or batch id (made on first use, as the floor RPCs do)
  select r.item_id into v_item from app.floor_require_item(v_s.org_id, p_item_id) r;
  -- serialise takers of this item: a concurrent second taker waits here, then sees the first's lock
  perform 1 from public.floor_items i where i.org_id = v_s.org_id and i.id = v_item for update;
  v_live := app.item_lock_live(v_s.org_id, v_item);
  if v_live.id is not null and v_live.session_id <> v_s.id then
    perform app.item_lock_refuse(v_live);
  end if;
  -- an expired lock, or one of an ended session, is released: the new taker replaces it
  delete from public.item_locks l where l.org_id = v_s.org_id and l.item_id = v_item and l.session_id <> v_s.id;
  insert into public.item_locks (org_id, item_id, session_id, locked_by, user_id, device_id, reason, locked_at, expires_at)
    values (v_s.org_id, v_item, v_s.id, v_s.member_id, v_s.user_id, v_s.device_id, p_reason, now(),
            now() + make_interval(mins => p_minutes))
  on conflict (org_id, item_id) do update
    set reason = excluded.reason, locked_at = excluded.locked_at, expires_at = excluded.expires_at,
        device_id = excluded.device_id
  returning * into v;
  return app.item_lock_json(v);
end $$;
comment on function public.item_lock_acquire(uuid, uuid, public.item_lock_reason, integer) is
  'Locks an item for the caller''s floor session for 1–15 minutes (its holder renews by calling again); '
  'ITEM_LOCKED if another live session holds it.';

-- Release the caller's session's lock on an item (nothing to release: released false).
create function public.item_lock_release(p_session_id uuid, p_item_id uuid) returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_s public.floor_sessions := app.floor_session_for_write(p_session_id);
  v_n integer;
begin
  delete from public.item_locks l
  where l.org_id = v_s.org_id and l.session_id = v_s.id
    and l.item_id in (select r.item_id from app.floor_resolve_item(v_s.org_id, p_item_id, false) r);
  get diagnostics v_n = row_count;
  return jsonb_build_object('released', v_n > 0, 'item_id', p_item_id);
end $$;
comment on function public.item_lock_release(uuid, uuid) is 'Releases the lock the caller''s floor session holds on an item.';

-- A supervisor takes an item's lock over for their own floor session (conflict resolution, or a
-- tablet that went away holding it); the previous holder is returned.
create function public.item_lock_steal(
  p_session_id uuid, p_item_id uuid, p_reason public.item_lock_reason default 'conflict_resolution'
) returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_s public.floor_sessions := app.floor_session_for_write(p_session_id);
  v_prev public.item_locks;
  v_item uuid;
  v jsonb;
begin
  perform app.require_member(v_s.org_id, 'supervisor');
  select r.item_id into v_item from app.floor_require_item(v_s.org_id, p_item_id) r;
  perform 1 from public.floor_items i where i.org_id = v_s.org_id and i.id = v_item for update;
  v_prev := app.item_lock_live(v_s.org_id, v_item);
  delete from public.item_locks l where l.org_id = v_s.org_id and l.item_id = v_item;
  v := public.item_lock_acquire(p_session_id, p_item_id, p_reason, 15);
  return v || jsonb_build_object('previous', case when v_prev.id is null then null else app.item_lock_json(v_prev) end);
end $$;
comment on function public.item_lock_steal(uuid, uuid, public.item_lock_reason) is
  'Supervisors+: takes an item''s lock over for their own floor session; returns the lock and the previous holder.';

-- For the scheduler: deletes expired locks and locks of ended sessions (reads already ignore them).
create function app.item_locks_expire() returns integer
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_n integer;
begin
  delete from public.item_locks l
  where l.expires_at <= now()
     or exists (select 1 from public.floor_sessions s where s.org_id = l.org_id and s.id = l.session_id and s.ended_at is not null);
  get diagnostics v_n = row_count;
  return v_n;
end $$;
comment on function app.item_locks_expire() is 'Deletes expired locks and those of ended floor sessions; returns how many.';

-- ------------------------------------------------------------------ every write path honours locks
create function app.item_lock_guard() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  v_live public.item_locks := app.item_lock_live(new.org_id, new.item_id);
begin
  if v_live.id is not null and v_live.session_id <> new.session_id then
    perform app.item_lock_refuse(v_live);
  end if;
  return new;
end $$;
comment on function app.item_lock_guard() is
  'BEFORE trigger: refuses a floor_actions write on an item locked by another live floor session (ITEM_LOCKED).';
create trigger floor_actions_item_lock before insert or update on public.floor_actions
  for each row execute function app.item_lock_guard();

revoke execute on function app.item_lock_live(uuid, uuid), app.item_lock_json(public.item_locks),
  app.item_lock_refuse(public.item_locks), app.item_locks_expire(), app.item_lock_guard() from public, anon, authenticated;
revoke execute on function public.item_lock_acquire(uuid, uuid, public.item_lock_reason, integer),
  public.item_lock_release(uuid, uuid), public.item_lock_steal(uuid, uuid, public.item_lock_reason) from public, anon;
grant execute on function public.item_lock_acquire(uuid, uuid, public.item_lock_reason, integer),
  public.item_lock_release(uuid, uuid), public.item_lock_steal(uuid, uuid, public.item_lock_reason) to authenticated;
