-- Issue 10: the tracking page's estimated completion, stable and explainable.
--
-- Why it jumped (Dec 29 → Dec 4 → Dec 6 → Dec 4): the old app.estimated_completion counted a
-- different queue at each step. A pending order waited behind the whole remaining work of every
-- unfinished batch (Dec 29); once in a batch, "ahead" was only the batches at the SAME stage, and of
-- those only their current stage's hours, ordered by stage_entered_at (Dec 4). Every advance of the
-- order's batch reset its stage_entered_at to now, so at the next stage every batch already waiting
-- there was suddenly ahead of it (Dec 6), and at the stage after, where nobody waited, none was
-- (Dec 4). The queue ahead depended on where this order stood, not on the work in front of it.
--
-- Now: the queue is one fixed order per organisation — unfinished batches by priority (rush first),
-- then by when the batch was created (never changes as it moves); pending orders after every
-- unfinished batch, by priority then age. The work before an order is done = the full remaining
-- stage hours of every batch ahead of it plus its own batch's remaining hours (all its orders: they
-- move together). That only shrinks as the floor works and only grows when work is added ahead
-- (a rush batch, a return). It is divided by the workshop's measured pace: net stage-hours finished
-- per day over the last whole weeks (up to 4) before today in the organisation's time zone — today
-- is left out, so the pace cannot move within a day with this order's own stage changes. The range
-- comes from the fastest and slowest of those weeks. No history yet (under a week): the default
-- workflow's hours_per_day, ±25 %.

-- Remaining stage hours of a batch: its orders (not cancelled), from its current stage on.
create or replace function app.batch_remaining_hours(p_batch_id uuid) returns numeric
language sql stable security definer set search_path = '' as $$
  select coalesce(sum(mps.estimated_hours), 0)
  from public.batches b
  join public.workflow_stages cur on cur.workflow_id = b.workflow_id and cur.stage = b.current_stage
  join public.batch_orders bo on bo.batch_id = b.id
  join public.orders o on o.id = bo.order_id and o.status <> 'cancelled'
  join public.model_production_stages mps on mps.model_id = o.model_id
  join public.workflow_stages ws on ws.workflow_id = b.workflow_id and ws.stage = mps.stage
  where b.id = p_batch_id and not b.is_complete and ws.position >= cur.position
$$;
comment on function app.batch_remaining_hours(uuid) is
  'Stage hours still to do in a batch (its orders'' stages from the current one on); 0 once complete.';

-- Net stage hours the organisation finished on each day: an advance finishes the stages it leaves,
-- completing a batch finishes its last stage, a return undoes the stages it goes back over.
create or replace function app.daily_stage_hours(p_org_id uuid, p_from date, p_to date)
returns table (day date, hours numeric)
language sql stable security definer set search_path = '' as $$
  with tz as (select o.time_zone from public.organisations o where o.id = p_org_id),
  ev as (
    select (e.at at time zone (select time_zone from tz))::date as day, e.kind, e.batch_id,
           b.workflow_id, pf.position as from_pos,
           coalesce(pt.position, pf.position + 1) as to_pos
    from public.batch_events e
    join public.batches b on b.id = e.batch_id
    join public.workflow_stages pf on pf.workflow_id = b.workflow_id and pf.stage = e.from_stage
    left join public.workflow_stages pt on pt.workflow_id = b.workflow_id and pt.stage = e.to_stage
    where e.org_id = p_org_id and e.kind in ('advanced', 'completed', 'returned')
      and e.at >= (p_from::timestamp at time zone (select time_zone from tz))
      and e.at < ((p_to + 1)::timestamp at time zone (select time_zone from tz))
  ),
  worked as (
    select ev.day,
           sum(case when ev.kind = 'returned' then -mps.estimated_hours else mps.estimated_hours end) as hours
    from ev
    join public.batch_orders bo on bo.batch_id = ev.batch_id
    join public.orders o on o.id = bo.order_id
    join public.model_production_stages mps on mps.model_id = o.model_id
    join public.workflow_stages ws on ws.workflow_id = ev.workflow_id and ws.stage = mps.stage
    where (ev.kind <> 'returned' and ws.position >= ev.from_pos and ws.position < ev.to_pos)
       or (ev.kind = 'returned' and ws.position >= ev.to_pos and ws.position < ev.from_pos)
    group by ev.day
  )
  select d::date, coalesce(w.hours, 0)
  from generate_series(p_from, p_to, interval '1 day') d
  left join worked w on w.day = d::date
$$;
comment on function app.daily_stage_hours(uuid, date, date) is
  'Net stage hours finished per day (organisation time zone), days without work included as 0.';

-- The workshop's pace in stage hours per calendar day: likeliest (mean over the last whole weeks
-- before today, at most 4), fast and slow (its best and slowest week; slow at least half the mean so
-- one idle week does not push the estimate to infinity). Under a week of history, or no net work
-- in it: the default workflow's hours_per_day ±25 % (weeks = 0).
create or replace function app.workshop_pace(p_org_id uuid,
  out likeliest numeric, out fast numeric, out slow numeric, out weeks integer)
language plpgsql stable security definer set search_path = '' as $$
declare
  v_today date := app.org_today(p_org_id);
  v_first date;
  v_default numeric;
begin
  select (min(e.at) at time zone o.time_zone)::date into v_first
  from public.batch_events e join public.organisations o on o.id = e.org_id
  where e.org_id = p_org_id and e.kind in ('advanced', 'completed')
  group by o.time_zone;
  weeks := least(4, greatest(0, (v_today - coalesce(v_first, v_today)) / 7));
  if weeks > 0 then
    select sum(w.hours) / (7 * weeks), max(w.hours) / 7, min(w.hours) / 7
      into likeliest, fast, slow
    from (select floor((v_today - 1 - d.day) / 7) as wk, sum(d.hours) as hours
          from app.daily_stage_hours(p_org_id, v_today - 7 * weeks, v_today - 1) d
          group by 1) w;
  end if;
  if weeks = 0 or coalesce(likeliest, 0) <= 0 then
    select coalesce(max(w.hours_per_day), 16) into v_default
    from public.workflows w where w.org_id = p_org_id and w.is_default;
    likeliest := v_default; fast := v_default * 1.25; slow := v_default * 0.75; weeks := 0;
    return;
  end if;
  fast := greatest(fast, likeliest);
  slow := least(greatest(slow, likeliest / 2), likeliest);
end $$;
comment on function app.workshop_pace(uuid) is
  'Stage hours per day the organisation finishes: mean of the last whole weeks (≤ 4) before today, '
  'fastest and slowest week; default workflow hours_per_day ±25 % without a week of history (weeks = 0).';

-- The work that has to be done before an order is finished: its batch's remaining hours plus the
-- remaining hours of every batch ahead of it in the organisation's queue. Null once done.
create or replace function app.order_work_ahead(p_order_id uuid) returns numeric
language plpgsql stable security definer set search_path = '' as $$
declare
  v_order public.orders;
  v_batch public.batches;
begin
  select * into v_order from public.orders o where o.id = p_order_id;
  if v_order.id is null or v_order.status in ('shipped', 'delivered', 'cancelled') then
    return null;
  end if;
  select b.* into v_batch from public.batch_orders bo join public.batches b on b.id = bo.batch_id
    where bo.order_id = p_order_id and not bo.batch_is_complete;
  if v_batch.id is not null then
    return app.batch_remaining_hours(v_batch.id) + coalesce((
      select sum(app.batch_remaining_hours(b.id))
      from public.batches b
      where b.org_id = v_batch.org_id and not b.is_complete and b.id <> v_batch.id
        and (b.priority > v_batch.priority
             or (b.priority = v_batch.priority and (b.created_at, b.id) < (v_batch.created_at, v_batch.id)))), 0);
  end if;
  -- pending: behind every unfinished batch and the pending orders before it, plus its own stages
  return coalesce((select sum(app.batch_remaining_hours(b.id)) from public.batches b
                   where b.org_id = v_order.org_id and not b.is_complete), 0)
       + coalesce((
           select sum(mps.estimated_hours)
           from public.orders o
           join public.model_production_stages mps on mps.model_id = o.model_id
           where o.org_id = v_order.org_id and o.status = 'pending'
             and (o.id = v_order.id
                  or o.priority > v_order.priority
                  or (o.priority = v_order.priority and (o.created_at, o.id) < (v_order.created_at, v_order.id)))
             and not exists (select 1 from public.batch_orders bo
                             where bo.order_id = o.id and not bo.batch_is_complete)), 0);
end $$;
comment on function app.order_work_ahead(uuid) is
  'Stage hours to finish before an order is done: its batch''s remaining work plus every batch ahead '
  '(priority, then batch age); pending orders also wait behind all batches and older pending orders.';

-- {likeliest, earliest, latest, basis} or null once done. Dates in the organisation's time zone.
create or replace function app.order_estimate(p_order_id uuid) returns jsonb
language plpgsql stable security definer set search_path = '' as $$
declare
  v_org uuid;
  v_hours numeric := app.order_work_ahead(p_order_id);
  v_pace record;
  v_today date;
begin
  if v_hours is null then
    return null;
  end if;
  select o.org_id into v_org from public.orders o where o.id = p_order_id;
  v_pace := app.workshop_pace(v_org);
  v_today := app.org_today(v_org);
  return jsonb_build_object(
    'likeliest', v_today + greatest(1, ceil(v_hours / v_pace.likeliest)::integer),
    'earliest', v_today + greatest(1, ceil(v_hours / v_pace.fast)::integer),
    'latest', v_today + greatest(1, ceil(v_hours / v_pace.slow)::integer),
    'basis', case
      when v_pace.weeks = 0 then 'based on the workshop''s planned pace (no history yet)'
      when v_pace.weeks = 1 then 'based on the last week of the workshop''s pace'
      else format('based on the last %s weeks of the workshop''s pace', v_pace.weeks) end);
end $$;
comment on function app.order_estimate(uuid) is
  'An order''s estimated completion: work ahead (app.order_work_ahead) over the workshop''s pace '
  '(app.workshop_pace) from today in the organisation''s time zone: {likeliest, earliest, latest, basis}.';

-- Same signature as before (other callers keep working): the likeliest date.
create or replace function app.estimated_completion(p_order_id uuid) returns date
language sql stable security definer set search_path = '' as $$
  select (app.order_estimate(p_order_id) ->> 'likeliest')::date
$$;
comment on function app.estimated_completion(uuid) is
  'Likeliest estimated completion date of an order (app.order_estimate); null when done.';

-- The public payload gains estimated_completion_range {earliest, latest} and estimate_basis.
create or replace function app.order_public_progress(p_order_id uuid) returns jsonb
language plpgsql stable security definer set search_path = '' as $$
declare
  v_order public.orders;
  v_batch public.batches;
  v_batch_id uuid;
  v_added_at timestamptz;
  v_workflow_id uuid;
  v_pos smallint;
  v_estimate jsonb;
begin
  select * into v_order from public.orders o where o.id = p_order_id;
  if v_order.id is null then
    return null;
  end if;
  -- the batch it is in, else the last one it finished with
  select bo.batch_id, bo.added_at into v_batch_id, v_added_at
  from public.batch_orders bo
  where bo.order_id = p_order_id
  order by bo.batch_is_complete, bo.added_at desc limit 1;
  select * into v_batch from public.batches b where b.id = v_batch_id;
  v_workflow_id := coalesce(v_batch.workflow_id,
                            (select w.id from public.workflows w where w.org_id = v_order.org_id and w.is_default));
  v_pos := case
    when v_order.status in ('shipped', 'delivered') then 32767
    when v_batch.id is null or v_batch.is_complete then 0
    else app.stage_position(v_workflow_id, v_batch.current_stage) end;
  v_estimate := app.order_estimate(v_order.id);

  return jsonb_build_object(
    'order_number', v_order.order_number,
    'workshop', (select o.name from public.organisations o where o.id = v_order.org_id),
    'model', (select m.name from public.headphone_models m where m.id = v_order.model_id),
    'wood', v_order.wood_type,
    'status', v_order.status,
    'status_label', app.public_status_label(v_order.status),
    'current_stage', case when v_pos between 1 and 32766 then v_batch.current_stage end,
    'current_stage_label', case when v_pos between 1 and 32766 then (
      select coalesce(s.public_label, s.name) from public.workflow_stages s
      where s.workflow_id = v_workflow_id and s.stage = v_batch.current_stage) end,
    'stages', (
      select jsonb_agg(jsonb_build_object(
               'stage', s.stage,
               'label', coalesce(s.public_label, s.name),
               'state', case when s.position < v_pos then 'done' when s.position = v_pos then 'current' else 'upcoming' end)
             order by s.position)
      from public.workflow_stages s where s.workflow_id = v_workflow_id),
    'estimated_completion', v_estimate -> 'likeliest',
    'estimated_completion_range', case when v_estimate is not null then
      jsonb_build_object('earliest', v_estimate -> 'earliest', 'latest', v_estimate -> 'latest') end,
    'estimate_basis', v_estimate -> 'basis',
    'milestones', coalesce((
      select jsonb_agg(jsonb_build_object('at', m.at, 'label', m.label) order by m.at, m.ord)
      from (
        select h.created_at as at, app.public_status_label(h.new_status) as label, 0 as ord
        from public.order_status_history h
        where h.order_id = v_order.id
        union all
        select e.at, coalesce(s.public_label, s.name), 1
        from public.batch_events e
        join public.workflow_stages s on s.workflow_id = v_batch.workflow_id and s.stage = e.to_stage
        where e.batch_id = v_batch.id and e.kind = 'advanced' and e.at >= v_added_at
      ) m), '[]'::jsonb),
    'updated_at', greatest(v_order.updated_at, v_batch.stage_entered_at)
  );
end $$;
comment on function app.order_public_progress(uuid) is
  'The public tracking payload of an order: number, workshop, model, wood, status, stages, estimate '
  '(likeliest date, range, basis), milestones.';

comment on function public.track_order(text) is
  'Public order tracking (anon): {order_number, workshop, model, wood, status, status_label, current_stage, '
  'current_stage_label, stages[{stage,label,state}], estimated_completion, estimated_completion_range'
  '{earliest,latest}, estimate_basis, milestones[{at,label}], updated_at, channel}. Null for an unknown or '
  'revoked token. Subscribe to `channel` as a private channel (broadcast, event order_progress) for live '
  'updates with the same payload.';

revoke execute on function app.batch_remaining_hours(uuid), app.daily_stage_hours(uuid, date, date),
  app.workshop_pace(uuid), app.order_work_ahead(uuid), app.order_estimate(uuid) from public;
