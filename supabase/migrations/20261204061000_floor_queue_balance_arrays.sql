-- floor_queue_balance without temp tables: plpgsql_check (the db lint CI runs, and hosted
-- Supabase's linter) cannot see a table the function creates itself, and a temp table per call
-- also bloats the catalog. The state is a handful of rows, so arrays do.
create or replace function public.floor_queue_balance(p_client_id uuid, p_queue_id uuid, p_apply boolean default false)
returns jsonb
language plpgsql volatile security definer set search_path = '' set lock_timeout = '5s' as $$
declare
  q public.floor_queues := app.floor_queue_for(p_queue_id, 'supervisor');
  v_replay jsonb;
  v_moves jsonb := '[]'::jsonb;
  -- live workers: id, name and open load, one index per worker
  m_ids uuid[];
  m_names text[];
  m_loads int[];
  -- waiting entries: id, assignee, priority, added_at and item number, one index per entry
  e_ids uuid[];
  e_assigned uuid[];
  e_prio public.floor_priority[];
  e_added timestamptz[];
  e_numbers text[];
  v_lo int;
  v_hi int;
  v_e int;
  v_from uuid;
  v_guard integer := 0;
begin
  perform app.require_member(q.org_id, 'supervisor');
  if p_apply then
    v_replay := app.replay_begin(p_client_id, 'floor_queue_balance');
    if v_replay is not null then
      return v_replay;
    end if;
  end if;
  select coalesce(array_agg((w ->> 'member_id')::uuid order by ord), '{}'),
         coalesce(array_agg(w ->> 'display_name' order by ord), '{}'),
         coalesce(array_agg((w ->> 'open')::int order by ord), '{}')
    into m_ids, m_names, m_loads
    from jsonb_array_elements(public.floor_workload(q.org_id, q.id)) with ordinality as t(w, ord)
    where not (w ->> 'idle')::boolean;
  select coalesce(array_agg(qi.id order by qi.added_at, qi.id), '{}'),
         coalesce(array_agg(qi.assigned_to order by qi.added_at, qi.id), '{}'),
         coalesce(array_agg(qi.priority order by qi.added_at, qi.id), '{}'),
         coalesce(array_agg(qi.added_at order by qi.added_at, qi.id), '{}'),
         coalesce(array_agg(app.floor_queue_item_json(qi.id) -> 'item' ->> 'number' order by qi.added_at, qi.id), '{}')
    into e_ids, e_assigned, e_prio, e_added, e_numbers
    from public.floor_queue_items qi where qi.queue_id = q.id and qi.status = 'waiting';
  loop
    v_guard := v_guard + 1;
    exit when v_guard > 200;
    select t.i::int into v_lo from unnest(m_loads, m_names) with ordinality as t(load, name, i)
      order by t.load, t.name limit 1;
    exit when v_lo is null or m_loads[v_lo] >= q.member_capacity;
    -- unassigned work first, else the most loaded worker's
    select t.i::int into v_e from unnest(e_assigned, e_prio, e_added) with ordinality as t(a, p, added, i)
      where t.a is null order by t.p desc, t.added limit 1;
    if v_e is null then
      select t.i::int into v_hi from unnest(m_loads, m_names) with ordinality as t(load, name, i)
        order by t.load desc, t.name limit 1;
      exit when m_loads[v_hi] - m_loads[v_lo] <= 1;
      select t.i::int into v_e from unnest(e_assigned, e_prio, e_added) with ordinality as t(a, p, added, i)
        where t.a = m_ids[v_hi] order by t.p, t.added desc limit 1;
      exit when v_e is null;
      m_loads[v_hi] := m_loads[v_hi] - 1;
    end if;
    v_from := e_assigned[v_e];
    m_loads[v_lo] := m_loads[v_lo] + 1;
    e_assigned[v_e] := m_ids[v_lo];
    v_moves := v_moves || jsonb_build_array(jsonb_build_object(
      'queue_item_id', e_ids[v_e], 'number', e_numbers[v_e],
      'from', case when v_from is not null then jsonb_build_object('member_id', v_from, 'display_name', m_names[v_hi]) end,
      'to', jsonb_build_object('member_id', m_ids[v_lo], 'display_name', m_names[v_lo])));
    if p_apply then
      perform public.floor_queue_assign(null, e_ids[v_e], m_ids[v_lo]);
    end if;
    v_lo := null;
    v_hi := null;
    v_e := null;
  end loop;
  if p_apply then
    return app.replay_store(p_client_id, 'floor_queue_balance', q.org_id,
      jsonb_build_object('applied', true, 'moves', v_moves));
  end if;
  return jsonb_build_object('applied', false, 'moves', v_moves);
end $$;
