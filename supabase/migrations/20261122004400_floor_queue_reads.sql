-- Queue reads: metrics, the list of queues, a queue's entries. Design: docs/floor.md §8.
-- "Today" is the organisation's day (organisations.time_zone). Averages cover today's work: wait =
-- started − added for entries started today, processing = completed − started for entries completed today.

create function app.floor_queue_metrics_json(p_queue_id uuid) returns jsonb
language plpgsql stable security definer set search_path = '' as $$
begin
  return (
  with q as (
    select q.*, (date_trunc('day', now() at time zone o.time_zone)) at time zone o.time_zone as day_start
    from public.floor_queues q join public.organisations o on o.id = q.org_id
    where q.id = p_queue_id
  )
  select jsonb_build_object(
    'queue_id', q.id,
    'waiting', (select count(*) from public.floor_queue_items qi where qi.queue_id = q.id and qi.status = 'waiting'),
    'in_progress', (select count(*) from public.floor_queue_items qi where qi.queue_id = q.id and qi.status = 'in_progress'),
    'total_items', (select count(*) from public.floor_queue_items qi
                    where qi.queue_id = q.id and qi.status in ('waiting', 'in_progress')),
    'completed_today', (select count(*) from public.floor_queue_items qi
                        where qi.queue_id = q.id and qi.status = 'completed' and qi.completed_at >= q.day_start),
    'average_wait_minutes', (select round(avg(qi.wait_minutes), 1) from public.floor_queue_items qi
                             where qi.queue_id = q.id and qi.started_at >= q.day_start),
    'average_processing_minutes', (select round(avg(qi.actual_duration_minutes), 1) from public.floor_queue_items qi
                                   where qi.queue_id = q.id and qi.status = 'completed' and qi.completed_at >= q.day_start),
    'oldest_waiting_minutes', (select round((extract(epoch from (now() - min(qi.added_at))) / 60)::numeric, 1)
                               from public.floor_queue_items qi where qi.queue_id = q.id and qi.status = 'waiting'),
    'waiting_by_priority', (select jsonb_build_object(
                              'urgent', count(*) filter (where qi.priority = 'urgent'),
                              'high', count(*) filter (where qi.priority = 'high'),
                              'normal', count(*) filter (where qi.priority = 'normal'),
                              'low', count(*) filter (where qi.priority = 'low'))
                            from public.floor_queue_items qi where qi.queue_id = q.id and qi.status = 'waiting'),
    'estimated_backlog_minutes', (select coalesce(sum(qi.estimated_duration_minutes), 0) from public.floor_queue_items qi
                                  where qi.queue_id = q.id and qi.status in ('waiting', 'in_progress')),
    'max_items', q.max_items,
    'since', q.day_start)
  from q);
end $$;
comment on function app.floor_queue_metrics_json(uuid) is
  'Queue metrics: waiting, in_progress, total_items, completed_today, average_wait_minutes, '
  'average_processing_minutes (today, organisation time), oldest_waiting_minutes, waiting_by_priority, '
  'estimated_backlog_minutes, max_items.';

create function app.floor_queue_json(p_queue_id uuid) returns jsonb
language plpgsql stable security definer set search_path = '' as $$
begin
  return (
  select jsonb_build_object(
    'id', q.id, 'org_id', q.org_id, 'name', q.name,
    'location', case when l.id is not null then jsonb_build_object('id', l.id, 'name', l.name) end,
    'team', case when t.id is not null then jsonb_build_object('id', t.id, 'name', t.name) end,
    'workflow_id', q.workflow_id, 'stage', q.stage, 'max_items', q.max_items, 'auto_assign', q.auto_assign,
    'member_capacity', q.member_capacity, 'priority_rules', q.priority_rules, 'is_active', q.is_active,
    'metrics', app.floor_queue_metrics_json(q.id), 'created_at', q.created_at, 'updated_at', q.updated_at)
  from public.floor_queues q
  left join public.locations l on l.id = q.location_id
  left join public.teams t on t.id = q.team_id
  where q.id = p_queue_id);
end $$;
comment on function app.floor_queue_json(uuid) is 'A queue with its settings and metrics.';

create function public.floor_queue_metrics(p_queue_id uuid) returns jsonb
language plpgsql stable security definer set search_path = '' as $$
declare
  q public.floor_queues := app.floor_queue_for(p_queue_id, 'operator');
begin
  return app.floor_queue_metrics_json(q.id);
end $$;
comment on function public.floor_queue_metrics(uuid) is
  'A queue''s metrics (see app.floor_queue_metrics_json). Members. Errors: PT403, PT404 QUEUE_NOT_FOUND.';

create function public.floor_queues(
  p_org_id uuid default null, p_location_id uuid default null, p_team_id uuid default null,
  p_include_inactive boolean default false
) returns jsonb
language plpgsql stable security definer set search_path = '' as $$
declare
  v_org uuid := app.floor_acting_org(coalesce(p_org_id, (select l.org_id from public.locations l where l.id = p_location_id)));
begin
  perform app.floor_reader(v_org, 'operator');
  return coalesce((
    select jsonb_agg(app.floor_queue_json(q.id) order by ws.position nulls last, q.name)
    from public.floor_queues q
    left join public.workflow_stages ws on ws.workflow_id = q.workflow_id and ws.stage = q.stage
    where q.org_id = v_org and (p_include_inactive or q.is_active)
      and (p_location_id is null or q.location_id = p_location_id)
      and (p_team_id is null or q.team_id = p_team_id)), '[]'::jsonb);
end $$;
comment on function public.floor_queues(uuid, uuid, uuid, boolean) is
  'Queues with settings and metrics (GET /api/disco/queues), in stage order; filter by location or team. Members. '
  'Errors: PT401, PT403, 22023 org_id.';

create function public.floor_queue_items(
  p_queue_id uuid,
  p_statuses public.floor_queue_item_status[] default '{waiting,in_progress}',
  p_assigned_to uuid default null,
  p_limit integer default 200
) returns jsonb
language plpgsql stable security definer set search_path = '' as $$
declare
  q public.floor_queues := app.floor_queue_for(p_queue_id, 'operator');
begin
  return jsonb_build_object(
    'queue', app.floor_queue_json(q.id),
    'items', coalesce((
      select jsonb_agg(app.floor_queue_item_json(x.id) order by x.ord, x.priority desc, x.added_at, x.id)
      from (
        select qi.id, qi.priority, qi.added_at,
               case qi.status when 'in_progress' then 0 when 'waiting' then 1 else 2 end as ord
        from public.floor_queue_items qi
        where qi.queue_id = q.id and qi.status = any (coalesce(p_statuses, '{waiting,in_progress}'))
          and (p_assigned_to is null or qi.assigned_to = p_assigned_to)
        order by ord, qi.priority desc, qi.added_at, qi.id
        limit least(greatest(coalesce(p_limit, 200), 1), 500)
      ) x), '[]'::jsonb));
end $$;
comment on function public.floor_queue_items(uuid, public.floor_queue_item_status[], uuid, integer) is
  'A queue and its entries (GET /api/disco/queues/:id/items): in progress first, then waiting by priority and age. '
  'Members. Errors: PT403, PT404 QUEUE_NOT_FOUND.';

revoke execute on all functions in schema app from public;
revoke execute on function public.floor_queue_metrics(uuid), public.floor_queues(uuid, uuid, uuid, boolean),
  public.floor_queue_items(uuid, public.floor_queue_item_status[], uuid, integer)
  from public, anon, authenticated, service_role;
grant execute on function public.floor_queue_metrics(uuid), public.floor_queues(uuid, uuid, uuid, boolean),
  public.floor_queue_items(uuid, public.floor_queue_item_status[], uuid, integer)
  to authenticated, service_role;
