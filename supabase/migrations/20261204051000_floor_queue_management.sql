-- Running the floor, part 1 (issue 18): what a supervisor does to queues from /[org]/queues, as RPCs
-- so every path (the screen, the API, SQL) obeys the same rules and every change is one transaction.
--   order     floor_queue_items.rank: a manual order inside one priority. Pulls (floor_next_item) and
--             reads go priority → rank → age, so a reorder really changes what the tablets get next.
--             A reorder that would put lower-priority work above higher is refused (change its
--             priority instead), so rank never silently fights priority.
--   move      floor_queue_move: a waiting entry leaves one queue (removed) and joins another with its
--             priority and assignee (the target's max_items / open rules apply).
--   bulk      floor_queue_bulk: assign / unassign / priority / move / remove over many entries, all or
--             nothing.
--   preview   floor_priority_preview: today's open items ranked by a draft rule list (validated by
--             the same check as the floor_queues trigger).
--   workload  floor_workload: each live worker's load (assigned, in progress, done today, average
--             processing) beside the queue's member_capacity; floor_queue_balance suggests (or applies)
--             moves of waiting work from the most to the least loaded, never above capacity.
--   capacity  floor_location_capacity: max concurrent people (live floor sessions) and items (entries
--             in progress in the location's queues) per location, 'warn' or 'refuse'. Refusal is a
--             trigger on floor_sessions and floor_queue_items, so every path that starts work or moves
--             a session there is refused alike (LOCATION_FULL); 'warn' only shows on the floor view.
-- Operators: none of these (reorder, reassign others, move, bulk, balance) — app.require_member(…,
-- 'supervisor') in each; they keep floor_queue_assign's "take unassigned / hand back own".
-- Audit: floor_queue_items gets the audit trigger the configuration tables have (who moved what).

insert into app.error_codes (code, status, meaning) values
  ('LOCATION_FULL', 409, 'The location is at its capacity (people or items in progress) and refuses more (context: location_id, limit, current).'),
  ('QUEUE_ORDER_CONFLICT', 422, 'A reorder would put lower-priority work above higher-priority work; change the priority instead (context: queue_item_id).')
on conflict (code) do nothing;

-- ------------------------------------------------------------------ manual order
alter table public.floor_queue_items add column rank integer check (rank between 0 and 100000);
comment on column public.floor_queue_items.rank is
  'Manual order inside one priority, set by floor_queue_reorder (null: after the ranked ones, oldest first).';
create index floor_queue_items_pull_idx on public.floor_queue_items (queue_id, priority desc, rank, added_at)
  where status = 'waiting';

create trigger floor_queue_items_audit after insert or update or delete on public.floor_queue_items
  for each row execute function app.audit_row();

create or replace function public.floor_queue_reorder(p_client_id uuid, p_queue_id uuid, p_queue_item_ids uuid[])
returns jsonb
language plpgsql volatile security definer set search_path = '' set lock_timeout = '5s' as $$
declare
  q public.floor_queues := app.floor_queue_for(p_queue_id, 'operator');
  v_replay jsonb;
  v_bad uuid;
begin
  perform app.require_member(q.org_id, 'supervisor');
  v_replay := app.replay_begin(p_client_id, 'floor_queue_reorder');
  if v_replay is not null then
    return v_replay;
  end if;
  if p_queue_item_ids is null or cardinality(p_queue_item_ids) = 0 or cardinality(p_queue_item_ids) > 500 then
    perform app.raise('VALIDATION_FAILED', 'Give 1 to 500 entries in their new order', 'queue_item_ids');
  end if;
  select x into v_bad from unnest(p_queue_item_ids) x
    where not exists (select 1 from public.floor_queue_items qi
                      where qi.id = x and qi.queue_id = q.id and qi.status = 'waiting')
    limit 1;
  if v_bad is not null then
    perform app.raise('VALIDATION_FAILED', 'Only waiting entries of this queue can be reordered', 'queue_item_ids',
                      jsonb_build_object('queue_item_id', v_bad));
  end if;
  perform 1 from public.floor_queue_items qi where qi.id = any (p_queue_item_ids) order by qi.id for update;
  -- priority first: an entry listed above one of higher priority is a conflict
  select o.id into v_bad from (
    select qi.id, qi.priority, max(qi.priority) over (order by u.n rows between unbounded preceding and 1 preceding) as above
    from unnest(p_queue_item_ids) with ordinality u(id, n) join public.floor_queue_items qi on qi.id = u.id) o
  where o.priority > o.above limit 1;
  if v_bad is not null then
    perform app.raise('QUEUE_ORDER_CONFLICT',
      'Higher-priority work cannot go below lower-priority work: change the priority to move it there',
      'queue_item_ids', jsonb_build_object('queue_item_id', v_bad));
  end if;
  update public.floor_queue_items qi set rank = u.n - 1
    from unnest(p_queue_item_ids) with ordinality u(id, n) where qi.id = u.id;
  return app.replay_store(p_client_id, 'floor_queue_reorder', q.org_id,
    jsonb_build_object('queue_id', q.id, 'order', to_jsonb(p_queue_item_ids)));
end $$;
comment on function public.floor_queue_reorder(uuid, uuid, uuid[]) is
  'Supervisors+: sets the manual order of waiting entries (within their priorities; QUEUE_ORDER_CONFLICT otherwise). '
  'Pulls then follow priority → this order → age.';

-- Pulls: priority, then the manual order, then age (was: priority, age).
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

create or replace function public.floor_queue_items(
  p_queue_id uuid, p_statuses public.floor_queue_item_status[] default '{waiting,in_progress}',
  p_assigned_to uuid default null, p_limit integer default 200
) returns jsonb
language plpgsql stable security definer set search_path = '' as $$
declare
  q public.floor_queues := app.floor_queue_for(p_queue_id, 'operator');
begin
  return jsonb_build_object(
    'queue', app.floor_queue_json(q.id),
    'items', coalesce((
      select jsonb_agg(app.floor_queue_item_json(x.id) || jsonb_build_object('rank', x.rank)
                       order by x.ord, x.priority desc, x.rank nulls last, x.added_at, x.id)
      from (
        select qi.id, qi.priority, qi.added_at, qi.rank,
               case qi.status when 'in_progress' then 0 when 'waiting' then 1 else 2 end as ord
        from public.floor_queue_items qi
        where qi.queue_id = q.id and qi.status = any (coalesce(p_statuses, '{waiting,in_progress}'))
          and (p_assigned_to is null or qi.assigned_to = p_assigned_to)
        order by ord, qi.priority desc, qi.rank nulls last, qi.added_at, qi.id
        limit least(greatest(coalesce(p_limit, 200), 1), 500)
      ) x), '[]'::jsonb));
end $$;

-- ------------------------------------------------------------------ move and bulk
create or replace function public.floor_queue_move(p_client_id uuid, p_queue_item_id uuid, p_to_queue_id uuid)
returns jsonb
language plpgsql volatile security definer set search_path = '' set lock_timeout = '5s' as $$
declare
  v public.floor_queue_items := app.floor_queue_entry_for(p_queue_item_id);
  v_to public.floor_queues;
  v_replay jsonb;
  v_new uuid;
begin
  perform app.require_member(v.org_id, 'supervisor');
  v_replay := app.replay_begin(p_client_id, 'floor_queue_move');
  if v_replay is not null then
    return v_replay;
  end if;
  v_to := app.floor_queue_for(p_to_queue_id, 'supervisor');
  if v_to.org_id <> v.org_id then
    perform app.raise('QUEUE_NOT_FOUND', 'Queue not found', 'to_queue_id');
  end if;
  if v_to.id = v.queue_id then
    perform app.raise('VALIDATION_FAILED', 'The entry is already in that queue', 'to_queue_id');
  end if;
  if v.status <> 'waiting' then
    perform app.raise('QUEUE_ITEM_CLOSED',
      format('Only waiting work moves (this entry is %s): put it back first', replace(v.status::text, '_', ' ')));
  end if;
  update public.floor_queue_items qi set status = 'removed', completed_at = now(), completed_by = app.actor_member_id(v.org_id)
    where qi.id = v.id;
  v_new := app.floor_enqueue(v_to.id, v.item_id, v.priority, v.assigned_to, v.estimated_duration_minutes);
  return app.replay_store(p_client_id, 'floor_queue_move', v.org_id,
    jsonb_build_object('from_queue_item_id', v.id, 'queue_item', app.floor_queue_item_json(v_new)));
end $$;
comment on function public.floor_queue_move(uuid, uuid, uuid) is
  'Supervisors+: moves a waiting entry to another queue of the workshop (priority and assignee kept; the target''s '
  'QUEUE_FULL / QUEUE_INACTIVE / ITEM_ALREADY_QUEUED apply). Returns {from_queue_item_id, queue_item}.';

create or replace function public.floor_queue_bulk(
  p_client_id uuid, p_queue_item_ids uuid[], p_action text,
  p_member_id uuid default null, p_priority public.floor_priority default null, p_to_queue_id uuid default null
) returns jsonb
language plpgsql volatile security definer set search_path = '' set lock_timeout = '5s' as $$
declare
  v_org uuid;
  v_replay jsonb;
  v_id uuid;
  v_done jsonb := '[]'::jsonb;
begin
  if p_queue_item_ids is null or cardinality(p_queue_item_ids) = 0 or cardinality(p_queue_item_ids) > 200 then
    perform app.raise('VALIDATION_FAILED', 'Choose 1 to 200 entries', 'queue_item_ids');
  end if;
  if p_action is null or p_action not in ('assign', 'unassign', 'priority', 'move', 'remove') then
    perform app.raise('VALIDATION_FAILED', 'The action is one of assign, unassign, priority, move, remove', 'action');
  end if;
  if p_action = 'assign' and p_member_id is null then
    perform app.raise('VALIDATION_FAILED', 'Choose who gets the work', 'member_id');
  end if;
  if p_action = 'priority' and p_priority is null then
    perform app.raise('VALIDATION_FAILED', 'Choose a priority', 'priority');
  end if;
  if p_action = 'move' and p_to_queue_id is null then
    perform app.raise('VALIDATION_FAILED', 'Choose the queue to move to', 'to_queue_id');
  end if;
  select (app.floor_queue_entry_for(p_queue_item_ids[1])).org_id into v_org;
  perform app.require_member(v_org, 'supervisor');
  v_replay := app.replay_begin(p_client_id, 'floor_queue_bulk');
  if v_replay is not null then
    return v_replay;
  end if;
  -- each entry through the single-entry RPC (its own checks, one transaction for all)
  foreach v_id in array p_queue_item_ids loop
    if (app.floor_queue_entry_for(v_id)).org_id <> v_org then
      perform app.raise('QUEUE_ITEM_NOT_FOUND', 'Queue entry not found', 'queue_item_ids', jsonb_build_object('queue_item_id', v_id));
    end if;
    v_done := v_done || jsonb_build_array(case p_action
      when 'assign' then public.floor_queue_assign(null, v_id, p_member_id) -> 'queue_item'
      when 'unassign' then public.floor_queue_assign(null, v_id, null) -> 'queue_item'
      when 'priority' then public.floor_queue_update_item(null, v_id, p_priority) -> 'queue_item'
      when 'remove' then public.floor_queue_update_item(null, v_id, null, null, 'removed') -> 'queue_item'
      else public.floor_queue_move(null, v_id, p_to_queue_id) -> 'queue_item' end);
  end loop;
  return app.replay_store(p_client_id, 'floor_queue_bulk', v_org,
    jsonb_build_object('action', p_action, 'count', jsonb_array_length(v_done), 'queue_items', v_done));
end $$;
comment on function public.floor_queue_bulk(uuid, uuid[], text, uuid, public.floor_priority, uuid) is
  'Supervisors+: one action (assign, unassign, priority, move, remove) over up to 200 entries of the workshop, all or '
  'nothing; each entry passes the single-entry RPC''s checks.';

-- ------------------------------------------------------------------ priority rule preview
-- Draft rules ranked against today's work: the queue's open entries, or (no queue / an empty one)
-- the workshop's unfinished batches. Nothing is written.
create or replace function public.floor_priority_preview(p_org_id uuid, p_rules jsonb, p_queue_id uuid default null)
returns jsonb
language plpgsql stable security definer set search_path = '' as $$
declare
  v_today date;
  q public.floor_queues;
begin
  perform app.require_member(p_org_id, 'supervisor');
  perform app.floor_check_priority_rules(coalesce(p_rules, '[]'::jsonb), p_org_id);
  if p_queue_id is not null then
    q := app.floor_queue_for(p_queue_id, 'supervisor');
    if q.org_id <> p_org_id then
      perform app.raise('QUEUE_NOT_FOUND', 'Queue not found', 'queue_id');
    end if;
  end if;
  v_today := app.org_today(p_org_id);
  return coalesce((
    select jsonb_agg(r order by (r ->> 'rank_key')::int desc, r ->> 'due_date' nulls last, r ->> 'number')
    from (
      select jsonb_build_object(
        'kind', c.kind, 'ref_id', c.ref_id, 'number', c.number, 'title', c.title, 'stage', c.stage,
        'due_date', c.due_date, 'production_priority', c.priority, 'matched_rule', m.idx,
        'priority', coalesce(m.priority, case c.priority when 'rush' then 'urgent' when 'high' then 'high'
                                                          when 'low' then 'low' else 'normal' end),
        'rank_key', array_position(enum_range(null::public.floor_priority),
                      coalesce(m.priority, case c.priority when 'rush' then 'urgent' when 'high' then 'high'
                                                           when 'low' then 'low' else 'normal' end)::public.floor_priority)) r
      from (
        select fi.kind, coalesce(fi.batch_id, fi.order_id) as ref_id from public.floor_queue_items qi
          join public.floor_items fi on fi.id = qi.item_id
          where q.id is not null and qi.queue_id = q.id and qi.status in ('waiting', 'in_progress')
        union all
        select 'batch'::public.floor_item_kind, b.id from public.batches b
          where b.org_id = p_org_id and not b.is_complete
            and (q.id is null or not exists (select 1 from public.floor_queue_items qi
                                              where qi.queue_id = q.id and qi.status in ('waiting', 'in_progress')))
        limit 100
      ) src
      cross join lateral app.floor_item_context(src.kind, src.ref_id) c
      left join lateral (
        select (e.n - 1)::int as idx, e.rule ->> 'priority' as priority
        from jsonb_array_elements(coalesce(p_rules, '[]'::jsonb)) with ordinality e(rule, n)
        where app.floor_rule_matches(e.rule ->> 'condition', c.priority, c.due_date - v_today, c.quality_status,
                                     c.due_date < v_today and not c.is_complete, c.kind, c.stage)
        order by e.n limit 1
      ) m on true
    ) x(r)), '[]'::jsonb);
end $$;
comment on function public.floor_priority_preview(uuid, jsonb, uuid) is
  'Supervisors+: how today''s open items (the queue''s, else unfinished batches; ≤ 100) would rank under draft '
  'priority rules (validated like the floor_queues trigger; VALIDATION_FAILED with the rule''s field). Writes nothing.';

-- ------------------------------------------------------------------ location capacity
create table public.floor_location_capacity (
  org_id uuid not null references public.organisations (id) on delete cascade,
  location_id uuid not null,
  max_people integer check (max_people between 1 and 1000),
  max_items integer check (max_items between 1 and 10000),
  over_capacity text not null default 'warn' check (over_capacity in ('warn', 'refuse')),
  updated_at timestamptz not null default now(),
  primary key (org_id, location_id),
  foreign key (org_id, location_id) references public.locations (org_id, id) on delete cascade
);
comment on table public.floor_location_capacity is
  'Spec 01 location capacity: most live floor sessions (people) and entries in progress (items) at a location; '
  'over_capacity warn (shown on the floor view) or refuse (LOCATION_FULL on every path). Members read; managers+ write.';
comment on column public.floor_location_capacity.max_people is 'Most live floor sessions at the location at once (null: no limit).';
comment on column public.floor_location_capacity.max_items is 'Most queue entries in progress in the location''s queues at once (null: no limit).';
comment on column public.floor_location_capacity.over_capacity is 'warn: allowed and shown; refuse: LOCATION_FULL.';
alter table public.floor_location_capacity enable row level security;
create policy floor_location_capacity_select on public.floor_location_capacity for select to authenticated
  using (org_id = any (array(select app.my_org_ids())));
create policy floor_location_capacity_insert on public.floor_location_capacity for insert to authenticated
  with check (org_id = any (array(select app.my_org_ids('manager'))));
create policy floor_location_capacity_update on public.floor_location_capacity for update to authenticated
  using (org_id = any (array(select app.my_org_ids('manager'))))
  with check (org_id = any (array(select app.my_org_ids('manager'))));
create policy floor_location_capacity_delete on public.floor_location_capacity for delete to authenticated
  using (org_id = any (array(select app.my_org_ids('manager'))));
revoke all on public.floor_location_capacity from public, anon, authenticated, service_role;
grant select, insert, update, delete on public.floor_location_capacity to authenticated, service_role;
create trigger floor_location_capacity_set_updated_at before update on public.floor_location_capacity
  for each row execute function app.set_updated_at();
create trigger floor_location_capacity_audit after insert or update or delete on public.floor_location_capacity
  for each row execute function app.audit_row();
create trigger floor_location_capacity_realtime after insert or update or delete on public.floor_location_capacity
  for each row execute function app.realtime_row_changed('floor');

-- Live people and items in progress at a location (what the limits count).
create or replace function app.floor_location_usage(p_org_id uuid, p_location_id uuid, out people integer, out items integer)
language sql stable security definer set search_path = '' as $$
  select
    (select count(*)::int from public.floor_sessions s
      where s.org_id = p_org_id and s.location_id = p_location_id and s.ended_at is null),
    (select count(*)::int from public.floor_queue_items qi join public.floor_queues q on q.id = qi.queue_id
      where qi.org_id = p_org_id and q.location_id = p_location_id and qi.status = 'in_progress')
$$;
comment on function app.floor_location_usage(uuid, uuid) is 'Live floor sessions and in-progress entries at a location.';

create or replace function app.floor_capacity_guard() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  v_loc uuid;
  c public.floor_location_capacity;
  u record;
begin
  if tg_table_name = 'floor_sessions' then
    if new.ended_at is not null or new.location_id is null
       or (tg_op = 'UPDATE' and old.location_id is not distinct from new.location_id and old.ended_at is null) then
      return new;
    end if;
    v_loc := new.location_id;
  else
    if new.status <> 'in_progress' or (tg_op = 'UPDATE' and old.status = 'in_progress') then
      return new;
    end if;
    select q.location_id into v_loc from public.floor_queues q where q.id = new.queue_id;
  end if;
  select * into c from public.floor_location_capacity x
    where x.org_id = new.org_id and x.location_id = v_loc and x.over_capacity = 'refuse';
  if c.location_id is null then
    return new;
  end if;
  -- serialise arrivals at this location, so two tablets cannot both take the last place
  perform pg_advisory_xact_lock(hashtextextended('floorline.location:' || v_loc::text, 0));
  u := app.floor_location_usage(new.org_id, v_loc);
  if tg_table_name = 'floor_sessions' and c.max_people is not null and u.people >= c.max_people then
    perform app.raise('LOCATION_FULL',
      format('%s is full: %s of %s people are working there', (select l.name from public.locations l where l.id = v_loc),
             u.people, c.max_people),
      'location_id', jsonb_build_object('location_id', v_loc, 'limit', c.max_people, 'current', u.people, 'counts', 'people'));
  end if;
  if tg_table_name = 'floor_queue_items' and c.max_items is not null and u.items >= c.max_items then
    perform app.raise('LOCATION_FULL',
      format('%s is at capacity: %s of %s items are in progress there', (select l.name from public.locations l where l.id = v_loc),
             u.items, c.max_items),
      'location_id', jsonb_build_object('location_id', v_loc, 'limit', c.max_items, 'current', u.items, 'counts', 'items'));
  end if;
  return new;
end $$;
comment on function app.floor_capacity_guard() is
  'Trigger: LOCATION_FULL when a floor session arrives at, or an entry starts in, a location set to refuse over capacity.';
create trigger floor_sessions_capacity before insert or update of location_id, ended_at on public.floor_sessions
  for each row execute function app.floor_capacity_guard();
create trigger floor_queue_items_capacity before insert or update of status on public.floor_queue_items
  for each row execute function app.floor_capacity_guard();

create or replace function public.floor_location_load(p_org_id uuid) returns jsonb
language plpgsql stable security definer set search_path = '' as $$
begin
  perform app.require_member(p_org_id, 'operator');
  return coalesce((
    select jsonb_agg(jsonb_build_object(
      'location_id', l.id, 'name', l.name, 'people', u.people, 'items', u.items,
      'max_people', c.max_people, 'max_items', c.max_items, 'over_capacity', coalesce(c.over_capacity, 'warn'),
      'over', (c.max_people is not null and u.people > c.max_people) or (c.max_items is not null and u.items > c.max_items),
      'full', (c.max_people is not null and u.people >= c.max_people) or (c.max_items is not null and u.items >= c.max_items))
      order by l.name)
    from public.locations l
    left join public.floor_location_capacity c on c.org_id = l.org_id and c.location_id = l.id
    cross join lateral app.floor_location_usage(l.org_id, l.id) u
    where l.org_id = p_org_id and l.is_active), '[]'::jsonb);
end $$;
comment on function public.floor_location_load(uuid) is
  'Members: each active location''s live people and items in progress against its limits (over: above a limit, full: at it).';

-- ------------------------------------------------------------------ workload and balance
create or replace function public.floor_workload(p_org_id uuid, p_queue_id uuid default null, p_location_id uuid default null)
returns jsonb
language plpgsql stable security definer set search_path = '' as $$
declare
  q public.floor_queues;
  v_since timestamptz;
begin
  perform app.require_member(p_org_id, 'supervisor');
  if p_queue_id is not null then
    q := app.floor_queue_for(p_queue_id, 'supervisor');
    if q.org_id <> p_org_id then
      perform app.raise('QUEUE_NOT_FOUND', 'Queue not found', 'queue_id');
    end if;
  end if;
  v_since := app.org_today(p_org_id)::timestamp at time zone (select o.time_zone from public.organisations o where o.id = p_org_id);
  return coalesce((
    select jsonb_agg(w order by w ->> 'display_name')
    from (
      select jsonb_build_object(
        'member_id', m.id, 'display_name', m.display_name, 'role', m.role,
        'session_id', s.id, 'location', jsonb_build_object('id', l.id, 'name', l.name),
        'team', case when t.id is not null then jsonb_build_object('id', t.id, 'name', t.name) end,
        'idle', s.last_activity_at + app.floor_idle_timeout(p_org_id) <= now(),
        'assigned', ld.assigned, 'in_progress', ld.in_progress, 'open', ld.assigned + ld.in_progress,
        'done_today', ld.done_today, 'average_processing_minutes', ld.avg_minutes,
        'capacity', q.member_capacity,
        'over_capacity', q.id is not null and ld.assigned + ld.in_progress > q.member_capacity) w
      from public.floor_sessions s
      join public.members m on m.id = s.member_id
      left join public.locations l on l.id = s.location_id
      left join public.teams t on t.id = s.team_id
      cross join lateral (
        select count(*) filter (where qi.status = 'waiting')::int as assigned,
               count(*) filter (where qi.status = 'in_progress')::int as in_progress,
               count(*) filter (where qi.status = 'completed' and qi.completed_at >= v_since)::int as done_today,
               round(avg(qi.actual_duration_minutes) filter (where qi.status = 'completed' and qi.completed_at >= v_since), 1) as avg_minutes
        from public.floor_queue_items qi
        where qi.org_id = p_org_id and qi.assigned_to = s.member_id and (q.id is null or qi.queue_id = q.id)
          and (qi.status in ('waiting', 'in_progress') or qi.completed_at >= v_since)
      ) ld
      where s.org_id = p_org_id and s.ended_at is null
        and (coalesce(p_location_id, q.location_id) is null or s.location_id = coalesce(p_location_id, q.location_id))
        and (q.team_id is null or s.team_id = q.team_id)
    ) x(w)), '[]'::jsonb);
end $$;
comment on function public.floor_workload(uuid, uuid, uuid) is
  'Supervisors+: each worker with a live floor session (at the queue''s or the given location / team): assigned, in '
  'progress, done today, average processing minutes today, and the queue''s member_capacity (counted in that queue).';

-- Balance: move waiting work (lowest priority, newest first) from the most to the least loaded live
-- worker while they differ by more than one, never past member_capacity; unassigned waiting work
-- goes to whoever is below capacity. p_apply writes the moves (through floor_queue_assign).
create or replace function public.floor_queue_balance(p_client_id uuid, p_queue_id uuid, p_apply boolean default false)
returns jsonb
language plpgsql volatile security definer set search_path = '' set lock_timeout = '5s' as $$
declare
  q public.floor_queues := app.floor_queue_for(p_queue_id, 'supervisor');
  v_replay jsonb;
  v_moves jsonb := '[]'::jsonb;
  v_hi record;
  v_lo record;
  v_entry record;
  v_guard integer := 0;
begin
  perform app.require_member(q.org_id, 'supervisor');
  if p_apply then
    v_replay := app.replay_begin(p_client_id, 'floor_queue_balance');
    if v_replay is not null then
      return v_replay;
    end if;
  end if;
  create temp table if not exists pg_temp.floor_balance_load (member_id uuid primary key, name text, load int) on commit drop;
  truncate pg_temp.floor_balance_load;
  insert into pg_temp.floor_balance_load
    select (w ->> 'member_id')::uuid, w ->> 'display_name', (w ->> 'open')::int
    from jsonb_array_elements(public.floor_workload(q.org_id, q.id)) w where not (w ->> 'idle')::boolean;
  create temp table if not exists pg_temp.floor_balance_entries (id uuid primary key, assigned_to uuid, priority public.floor_priority,
    added_at timestamptz, number text) on commit drop;
  truncate pg_temp.floor_balance_entries;
  insert into pg_temp.floor_balance_entries
    select qi.id, qi.assigned_to, qi.priority, qi.added_at, (app.floor_queue_item_json(qi.id) -> 'item' ->> 'number')
    from public.floor_queue_items qi where qi.queue_id = q.id and qi.status = 'waiting';
  loop
    v_guard := v_guard + 1;
    exit when v_guard > 200;
    select * into v_lo from pg_temp.floor_balance_load order by load, name limit 1;
    exit when v_lo.member_id is null or v_lo.load >= q.member_capacity;
    -- unassigned work first, else the most loaded worker's
    select e.*, null::text as from_name into v_entry from pg_temp.floor_balance_entries e
      where e.assigned_to is null order by e.priority desc, e.added_at limit 1;
    if v_entry.id is null then
      select * into v_hi from pg_temp.floor_balance_load order by load desc, name limit 1;
      exit when v_hi.load - v_lo.load <= 1;
      select e.*, v_hi.name as from_name into v_entry from pg_temp.floor_balance_entries e
        where e.assigned_to = v_hi.member_id order by e.priority, e.added_at desc limit 1;
      exit when v_entry.id is null;
      update pg_temp.floor_balance_load set load = load - 1 where member_id = v_hi.member_id;
    end if;
    update pg_temp.floor_balance_load set load = load + 1 where member_id = v_lo.member_id;
    update pg_temp.floor_balance_entries set assigned_to = v_lo.member_id where id = v_entry.id;
    v_moves := v_moves || jsonb_build_array(jsonb_build_object(
      'queue_item_id', v_entry.id, 'number', v_entry.number,
      'from', case when v_entry.assigned_to is not null then jsonb_build_object('member_id', v_entry.assigned_to, 'display_name', v_entry.from_name) end,
      'to', jsonb_build_object('member_id', v_lo.member_id, 'display_name', v_lo.name)));
    if p_apply then
      perform public.floor_queue_assign(null, v_entry.id, v_lo.member_id);
    end if;
    v_entry := null;
    v_hi := null;
  end loop;
  if p_apply then
    return app.replay_store(p_client_id, 'floor_queue_balance', q.org_id,
      jsonb_build_object('applied', true, 'moves', v_moves));
  end if;
  return jsonb_build_object('applied', false, 'moves', v_moves);
end $$;
comment on function public.floor_queue_balance(uuid, uuid, boolean) is
  'Supervisors+: a balance suggestion for a queue''s waiting work across its live workers (never above member_capacity); '
  'p_apply true assigns it. Returns {applied, moves: [{queue_item_id, number, from, to}]}.';

revoke execute on all functions in schema app from public;
revoke execute on function public.floor_queue_reorder(uuid, uuid, uuid[]), public.floor_queue_move(uuid, uuid, uuid),
  public.floor_queue_bulk(uuid, uuid[], text, uuid, public.floor_priority, uuid),
  public.floor_priority_preview(uuid, jsonb, uuid), public.floor_location_load(uuid),
  public.floor_workload(uuid, uuid, uuid), public.floor_queue_balance(uuid, uuid, boolean) from public, anon;
grant execute on function public.floor_queue_reorder(uuid, uuid, uuid[]), public.floor_queue_move(uuid, uuid, uuid),
  public.floor_queue_bulk(uuid, uuid[], text, uuid, public.floor_priority, uuid),
  public.floor_priority_preview(uuid, jsonb, uuid), public.floor_location_load(uuid),
  public.floor_workload(uuid, uuid, uuid), public.floor_queue_balance(uuid, uuid, boolean) to authenticated, service_role;
