-- Scan history and statistics. Design: docs/floor.md §7. Supervisors+ see everyone's scans in their
-- organisation; operators see only their own (the same rule as floor_scans' RLS).

create function app.floor_scan_json(p_scan_id uuid) returns jsonb
language plpgsql stable security definer set search_path = '' as $$
begin
  return (
  select jsonb_build_object(
    'id', sc.id, 'session_id', sc.session_id,
    'member', jsonb_build_object('id', m.id, 'display_name', m.display_name),
    'scan_type', sc.scan_type, 'qr_code', sc.qr_code, 'scanned_value', sc.scanned_value, 'scan_result', sc.scan_result,
    'item', case when fi.id is not null then jsonb_build_object('id', fi.id, 'kind', fi.kind,
                                                                 'number', coalesce(b.batch_number, o.order_number)) end,
    'location', case when l.id is not null then jsonb_build_object('id', l.id, 'name', l.name) end,
    'action', case when d.id is not null then jsonb_build_object('id', d.id, 'key', d.action_key, 'label', d.label) end,
    'scanned_member', case when sm.id is not null then jsonb_build_object('id', sm.id, 'display_name', sm.display_name) end,
    'scan_time', sc.scan_time, 'processing_time_ms', sc.processing_time_ms, 'error_code', sc.error_code,
    'error_message', sc.error_message, 'device_info', sc.device_info, 'client_id', sc.client_id,
    'created_at', sc.created_at)
  from public.floor_scans sc
  join public.members m on m.id = sc.member_id
  left join public.floor_items fi on fi.id = sc.item_id
  left join public.batches b on b.id = fi.batch_id
  left join public.orders o on o.id = fi.order_id
  left join public.locations l on l.id = sc.location_id
  left join public.floor_stage_actions d on d.id = sc.stage_action_id
  left join public.members sm on sm.id = sc.scanned_member_id
  where sc.id = p_scan_id);
end $$;
comment on function app.floor_scan_json(uuid) is 'A recorded scan as the RPCs return it.';

-- The organisation and whose scans the caller may read: supervisors anyone's (p_member_id or all),
-- others only their own.
create function app.floor_scan_scope(p_org_id uuid, p_session_id uuid, p_member_id uuid)
returns table (org_id uuid, member_id uuid)
language plpgsql stable security definer set search_path = '' as $$
declare
  v_org uuid := coalesce(p_org_id, (select s.org_id from public.floor_sessions s where s.id = p_session_id));
  v_me uuid;
begin
  v_org := app.floor_acting_org(v_org);
  v_me := app.floor_reader(v_org, 'operator');
  if v_me is null or exists (select 1 from app.my_memberships() m where m.org_id = v_org and m.role >= 'supervisor') then
    return query select v_org, p_member_id;
    return;
  end if;
  if p_member_id is not null and p_member_id <> v_me then
    perform app.floor_raise('PT403', 'FORBIDDEN', 'Operators see their own scans only');
  end if;
  return query select v_org, v_me;
end $$;
comment on function app.floor_scan_scope(uuid, uuid, uuid) is
  'Scope of a scan read: the organisation, and the member to filter by (forced to oneself below supervisor).';

create function public.floor_scan_history(
  p_session_id uuid default null,
  p_item_id uuid default null,
  p_org_id uuid default null,
  p_member_id uuid default null,
  p_result public.floor_scan_result default null,
  p_limit integer default 50,
  p_before timestamptz default null
) returns jsonb
language plpgsql stable security definer set search_path = '' as $$
declare
  v_scope record;
  v_item uuid;
  v_limit integer := least(greatest(coalesce(p_limit, 50), 1), 200);
  v_rows jsonb;
begin
  select * into v_scope from app.floor_scan_scope(coalesce(p_org_id, app.floor_org_of(p_item_id)), p_session_id, p_member_id);
  if p_item_id is not null then
    select r.item_id into v_item from app.floor_resolve_item(v_scope.org_id, p_item_id, false) r;
    if v_item is null then
      return jsonb_build_object('scans', '[]'::jsonb, 'next_before', null);
    end if;
  end if;
  select coalesce(jsonb_agg(app.floor_scan_json(x.id) order by x.scan_time desc, x.id), '[]'::jsonb) into v_rows
  from (
    select sc.id, sc.scan_time from public.floor_scans sc
    where sc.org_id = v_scope.org_id
      and (v_scope.member_id is null or sc.member_id = v_scope.member_id)
      and (p_session_id is null or sc.session_id = p_session_id)
      and (v_item is null or sc.item_id = v_item)
      and (p_result is null or sc.scan_result = p_result)
      and (p_before is null or sc.scan_time < p_before)
    order by sc.scan_time desc, sc.id
    limit v_limit
  ) x;
  return jsonb_build_object('scans', v_rows,
    'next_before', case when jsonb_array_length(v_rows) = v_limit then v_rows -> (v_limit - 1) ->> 'scan_time' end);
end $$;
comment on function public.floor_scan_history(uuid, uuid, uuid, uuid, public.floor_scan_result, integer, timestamptz) is
  'Scans newest first (GET /api/disco/scan/history) by session, item, member or result; keyset pages with p_before = '
  'next_before. Operators: their own scans. Errors: PT401, PT403, 22023 org_id.';

create function public.floor_scan_statistics(
  p_org_id uuid default null,
  p_from timestamptz default null,
  p_to timestamptz default null,
  p_session_id uuid default null,
  p_member_id uuid default null
) returns jsonb
language plpgsql stable security definer set search_path = '' as $$
declare
  v_scope record;
  v_from timestamptz;
  v_to timestamptz := coalesce(p_to, now());
begin
  select * into v_scope from app.floor_scan_scope(p_org_id, p_session_id, p_member_id);
  select coalesce(p_from, (date_trunc('day', now() at time zone o.time_zone)) at time zone o.time_zone) into v_from
    from public.organisations o where o.id = v_scope.org_id;
  if v_to < v_from or v_to - v_from > interval '366 days' then
    perform app.floor_invalid('from', 'Pick a period of up to a year');
  end if;
  return (
    with s as (
      select sc.* from public.floor_scans sc
      where sc.org_id = v_scope.org_id and sc.scan_time >= v_from and sc.scan_time < v_to
        and (v_scope.member_id is null or sc.member_id = v_scope.member_id)
        and (p_session_id is null or sc.session_id = p_session_id)
    )
    select jsonb_build_object(
      'from', v_from, 'to', v_to, 'member_id', v_scope.member_id, 'session_id', p_session_id,
      'total', (select count(*) from s),
      'success', (select count(*) from s where s.scan_result = 'success'),
      'error', (select count(*) from s where s.scan_result = 'error'),
      'invalid', (select count(*) from s where s.scan_result = 'invalid'),
      'success_rate', (select round(avg(case when s.scan_result = 'success' then 1.0 else 0 end), 4) from s),
      'avg_processing_ms', (select round(avg(s.processing_time_ms), 1) from s),
      'p50_processing_ms', (select percentile_cont(0.5) within group (order by s.processing_time_ms) from s),
      'p95_processing_ms', (select percentile_cont(0.95) within group (order by s.processing_time_ms) from s),
      'by_type', coalesce((select jsonb_object_agg(t.scan_type, jsonb_build_object('total', t.total, 'success', t.ok))
                           from (select s.scan_type, count(*) as total, count(*) filter (where s.scan_result = 'success') as ok
                                 from s group by s.scan_type) t), '{}'::jsonb),
      'top_errors', coalesce((select jsonb_agg(jsonb_build_object('error_code', e.error_code, 'count', e.n) order by e.n desc, e.error_code)
                              from (select s.error_code, count(*) as n from s where s.error_code is not null
                                    group by s.error_code order by count(*) desc limit 10) e), '[]'::jsonb),
      'by_hour', coalesce((select jsonb_agg(jsonb_build_object('hour', h.hour, 'total', h.total, 'success', h.ok) order by h.hour)
                           from (select date_trunc('hour', s.scan_time) as hour, count(*) as total,
                                        count(*) filter (where s.scan_result = 'success') as ok
                                 from s group by 1) h), '[]'::jsonb),
      'by_member', case when v_scope.member_id is null then coalesce((
                     select jsonb_agg(jsonb_build_object('member_id', x.member_id, 'display_name', m.display_name,
                                                         'total', x.total, 'success', x.ok) order by x.total desc, m.display_name)
                     from (select s.member_id, count(*) as total, count(*) filter (where s.scan_result = 'success') as ok
                           from s group by s.member_id) x
                     join public.members m on m.id = x.member_id), '[]'::jsonb) end));
end $$;
comment on function public.floor_scan_statistics(uuid, timestamptz, timestamptz, uuid, uuid) is
  'Scan statistics for a period (default: today, organisation time) (GET /api/disco/scan/statistics): totals by '
  'result, success rate, processing time avg/p50/p95, by type, top error codes, by hour, by member (supervisors). '
  'Operators: their own scans. Errors: PT401, PT403, 22023.';

revoke execute on all functions in schema app from public;
revoke execute on function
  public.floor_scan_history(uuid, uuid, uuid, uuid, public.floor_scan_result, integer, timestamptz),
  public.floor_scan_statistics(uuid, timestamptz, timestamptz, uuid, uuid)
  from public, anon, authenticated, service_role;
grant execute on function
  public.floor_scan_history(uuid, uuid, uuid, uuid, public.floor_scan_result, integer, timestamptz),
  public.floor_scan_statistics(uuid, timestamptz, timestamptz, uuid, uuid)
  to authenticated, service_role;
