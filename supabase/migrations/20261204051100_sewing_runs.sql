-- Sewing runs (issue 14, spec 03 §2.2–2.3): a bundle's pass down a sewing line, one run operation per
-- sewing operation of its product type. The rules live here, for every path (tablet scan, API,
-- supervisor correction, seed):
--   * an operation starts only when the operations it depends on (those in the run) are completed,
--     and completes at most the units they produced — and never more than the bundle's good units
--     (quantity − rejected_quantity);
--   * efficiency = SMV × units ÷ actual minutes × 100, earnings = piece rate × good units (units −
--     rework), with the SMV and rate in force at completion (sewing_operation_rates), both stored
--     generated columns so every report reads the same numbers;
--   * the run's totals and weighted average efficiency are kept by statement triggers (set-based: a
--     seed or a sync batch refreshes each run once), which also move the bundle cut → in_sewing (first
--     operation starts) and in_sewing → sewn (last completes): the garment contract (CONTEXT.md),
--     garment-cut's trigger writes bundle_status_history for those moves;
--   * the line's screens hear about changes on the private topic org:<org>:sewing.

insert into app.error_codes (code, status, meaning) values
  ('BUNDLE_NOT_FOUND', 404, 'No such bundle in this workshop.'),
  ('BUNDLE_NOT_SEWABLE', 422, 'The bundle is not cut or in sewing, so it cannot go down a sewing line (context: status).'),
  ('SEWING_RUN_OPEN', 409, 'The bundle already has an unfinished sewing run (context: run_id).'),
  ('NO_SEWING_OPERATIONS', 422, 'The product type has no active sewing operations; set them up first.'),
  ('OPERATION_NOT_IN_RUN', 422, 'That operation is not part of the bundle''s sewing run.'),
  ('OPERATION_DEPENDENCY_PENDING', 422,
   'Operations this one depends on have not produced the bundle''s units yet (context: pending).'),
  ('UNITS_EXCEED_BUNDLE', 422, 'More units than the bundle''s good units, quantity minus rejected (context: max).'),
  ('UNITS_EXCEED_DEPENDENCY', 422, 'More units than an operation it depends on produced (context: max, operation).'),
  ('RUN_OPERATION_STATUS', 409, 'The run operation is not in a state that allows this (context: status).')
on conflict (code) do nothing;

create type public.sewing_status as enum ('PENDING', 'IN_PROGRESS', 'COMPLETED');
comment on type public.sewing_status is 'A sewing run or run operation: not started, being sewn, done (spec 03 §2.2).';

-- ------------------------------------------------------------------ runs
create table public.sewing_runs (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organisations (id) on delete cascade,
  run_number integer not null check (run_number > 0),
  bundle_id uuid not null,
  product_type_id uuid not null,
  team_id uuid,
  location_id uuid,
  status public.sewing_status not null default 'PENDING',
  total_operations integer not null default 0 check (total_operations >= 0),
  completed_ops integer not null default 0 check (completed_ops between 0 and total_operations),
  average_efficiency numeric(8, 2),
  started_at timestamptz,
  completed_at timestamptz,
  created_by uuid,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (org_id, run_number),
  unique (org_id, id),
  foreign key (org_id, bundle_id) references public.bundles (org_id, id) on delete cascade,
  foreign key (org_id, product_type_id) references public.product_types (org_id, id),
  foreign key (org_id, team_id) references public.teams (org_id, id) on delete set null (team_id),
  foreign key (org_id, location_id) references public.locations (org_id, id) on delete set null (location_id),
  foreign key (org_id, created_by) references public.members (org_id, id) on delete set null (created_by)
);
comment on table public.sewing_runs is
  'A bundle''s pass down a sewing line (spec 03 §2.3): its product type, line (team/location), and totals kept '
  'by trigger from its run operations. One unfinished run per bundle. Members read; written by the sewing RPCs.';
comment on column public.sewing_runs.run_number is 'Human number per organisation (SR-1001).';
comment on column public.sewing_runs.average_efficiency is
  'Weighted over completed operations: Σ SMV × units ÷ Σ actual minutes × 100 (trigger).';
create unique index sewing_runs_one_open_per_bundle on public.sewing_runs (bundle_id) where status <> 'COMPLETED';
create index sewing_runs_bundle_idx on public.sewing_runs (bundle_id);
create index sewing_runs_org_status_idx on public.sewing_runs (org_id, status) where status <> 'COMPLETED';
create index sewing_runs_product_type_idx on public.sewing_runs (org_id, product_type_id);
create index sewing_runs_team_idx on public.sewing_runs (team_id);
create index sewing_runs_location_idx on public.sewing_runs (location_id);
create index sewing_runs_created_by_idx on public.sewing_runs (created_by);
create trigger sewing_runs_set_updated_at before update on public.sewing_runs
  for each row execute function app.set_updated_at();

-- ------------------------------------------------------------------ run operations
create table public.sewing_run_operations (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null,
  sewing_run_id uuid not null,
  operation_id uuid not null,
  operator_id uuid,
  machine_id text check (length(btrim(machine_id)) between 1 and 40),
  units_completed integer not null default 0 check (units_completed between 0 and 100000),
  actual_minutes numeric(8, 2) check (actual_minutes > 0),
  standard_minutes numeric(5, 2),
  piece_rate numeric(8, 2),
  efficiency numeric generated always as (
    case when actual_minutes > 0 and standard_minutes is not null
         then round(standard_minutes * units_completed / actual_minutes * 100, 2) end) stored,
  good_units integer generated always as (units_completed - rework_units) stored,
  earnings numeric generated always as (round(piece_rate * (units_completed - rework_units), 2)) stored,
  defects_found integer not null default 0 check (defects_found between 0 and 100000),
  rework_units integer not null default 0 check (rework_units between 0 and 100000),
  defect_tally jsonb not null default '{}' check (jsonb_typeof(defect_tally) = 'object'),
  status public.sewing_status not null default 'PENDING',
  started_at timestamptz,
  completed_at timestamptz,
  work_date date,
  updated_at timestamptz not null default now(),
  unique (sewing_run_id, operation_id),
  foreign key (org_id, sewing_run_id) references public.sewing_runs (org_id, id) on delete cascade,
  foreign key (org_id, operation_id) references public.sewing_operations (org_id, id),
  foreign key (org_id, operator_id) references public.members (org_id, id) on delete set null (operator_id),
  check (status = 'PENDING' or started_at is not null),
  check (status <> 'COMPLETED' or (completed_at is not null and actual_minutes is not null
                                   and piece_rate is not null and standard_minutes is not null and work_date is not null)),
  check (status <> 'COMPLETED' or rework_units <= units_completed),
  check (completed_at is null or completed_at >= started_at)
);
comment on table public.sewing_run_operations is
  'One operation of a sewing run (spec 03 §2.2): operator (a member), machine, units, actual minutes, defects and '
  'rework, status PENDING → IN_PROGRESS → COMPLETED. Dependencies and unit bounds checked by trigger. Members read; '
  'written by the sewing RPCs.';
comment on column public.sewing_run_operations.standard_minutes is 'SMV in force at completion (sewing_operation_rates).';
comment on column public.sewing_run_operations.piece_rate is 'Piece rate in force at completion (sewing_operation_rates).';
comment on column public.sewing_run_operations.efficiency is 'SMV × units ÷ actual minutes × 100 (percent).';
comment on column public.sewing_run_operations.good_units is 'Units completed minus rework units: what is paid.';
comment on column public.sewing_run_operations.earnings is 'Piece rate × good units, in the organisation''s currency.';
comment on column public.sewing_run_operations.defect_tally is '{"<defect code>": count}: the taps behind defects_found.';
comment on column public.sewing_run_operations.work_date is 'The organisation-local day of completion (earnings per day/week).';

create index sewing_run_operations_org_run_idx on public.sewing_run_operations (org_id, sewing_run_id);
create index sewing_run_operations_operation_idx on public.sewing_run_operations (operation_id);
create index sewing_run_operations_operator_day_idx on public.sewing_run_operations (org_id, operator_id, work_date);
create index sewing_run_operations_org_day_idx on public.sewing_run_operations (org_id, work_date)
  where status = 'COMPLETED';
create index sewing_run_operations_open_idx on public.sewing_run_operations (org_id, operation_id)
  where status <> 'COMPLETED';

-- ------------------------------------------------------------------ the rules of a run operation
create function app.sewing_run_operation_check() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  v_good integer;
  v_tz text;
  v_pending text[];
  v_dep record;
  v_next record;
  v_rate record;
begin
  if tg_op = 'UPDATE' and new.operation_id <> old.operation_id or tg_op = 'UPDATE' and new.sewing_run_id <> old.sewing_run_id then
    perform app.raise('VALIDATION_FAILED', 'A run operation stays with its run and operation', 'operation_id');
  end if;
  if new.status = 'PENDING' then
    return new;
  end if;
  new.started_at := coalesce(new.started_at, now());

  -- started: everything it depends on (in this run) has produced its units
  if tg_op = 'INSERT' or old.status = 'PENDING' or new.units_completed <> old.units_completed then
    v_pending := array(
      select o.name from public.sewing_operations me
      join public.sewing_run_operations d on d.sewing_run_id = new.sewing_run_id and d.operation_id = any (me.depends_on)
      join public.sewing_operations o on o.id = d.operation_id
      where me.id = new.operation_id and d.status <> 'COMPLETED'
      order by o.sequence_number, o.name);
    if cardinality(v_pending) > 0 then
      perform app.raise('OPERATION_DEPENDENCY_PENDING',
        format('Finish %s first: this operation depends on it', array_to_string(v_pending, ', ')), 'operation_id',
        jsonb_build_object('pending', to_jsonb(v_pending)));
    end if;
  end if;

  select b.quantity - b.rejected_quantity into v_good
  from public.sewing_runs r join public.bundles b on b.id = r.bundle_id where r.id = new.sewing_run_id;
  if new.units_completed > v_good then
    perform app.raise('UNITS_EXCEED_BUNDLE',
      format('The bundle has %s good units; %s is more', v_good, new.units_completed), 'units_completed',
      jsonb_build_object('max', v_good));
  end if;
  if new.status = 'COMPLETED' then
    select o.name, d.units_completed into v_dep
    from public.sewing_operations me
    join public.sewing_run_operations d on d.sewing_run_id = new.sewing_run_id and d.operation_id = any (me.depends_on)
    join public.sewing_operations o on o.id = d.operation_id
    where me.id = new.operation_id and d.units_completed < new.units_completed
    order by d.units_completed limit 1;
    if v_dep.name is not null then
      perform app.raise('UNITS_EXCEED_DEPENDENCY',
        format('"%s" passed on %s units; %s is more', v_dep.name, v_dep.units_completed, new.units_completed),
        'units_completed', jsonb_build_object('max', v_dep.units_completed, 'operation', v_dep.name));
    end if;
    -- a correction downwards must not leave a later operation with more units than arrived there
    if tg_op = 'UPDATE' and old.status = 'COMPLETED' and new.units_completed < old.units_completed then
      select o.name, n.units_completed into v_next
      from public.sewing_run_operations n join public.sewing_operations o on o.id = n.operation_id
      where n.sewing_run_id = new.sewing_run_id and new.operation_id = any (o.depends_on)
        and n.status = 'COMPLETED' and n.units_completed > new.units_completed
      order by n.units_completed desc limit 1;
      if v_next.name is not null then
        perform app.raise('UNITS_EXCEED_DEPENDENCY',
          format('"%s" already completed %s units after this operation', v_next.name, v_next.units_completed),
          'units_completed', jsonb_build_object('min', v_next.units_completed, 'operation', v_next.name));
      end if;
    end if;
    if new.rework_units > new.units_completed then
      perform app.raise('VALIDATION_FAILED', 'Rework units cannot be more than the units completed', 'rework_units',
                        jsonb_build_object('max', new.units_completed));
    end if;
    new.completed_at := coalesce(new.completed_at, now());
    if new.completed_at < new.started_at then
      perform app.raise('VALIDATION_FAILED', 'It cannot be completed before it started', 'completed_at');
    end if;
    -- time on the job unless the operator said otherwise (at least a hundredth of a minute)
    new.actual_minutes := coalesce(new.actual_minutes,
      greatest(0.01, round((extract(epoch from new.completed_at - new.started_at) / 60)::numeric, 2)));
    if tg_op = 'INSERT' or old.status <> 'COMPLETED' or new.completed_at <> old.completed_at then
      select * into v_rate from app.sewing_rate_at(new.operation_id, new.completed_at);
      new.piece_rate := v_rate.piece_rate;
      new.standard_minutes := v_rate.standard_minutes;
      select o.time_zone into v_tz from public.organisations o where o.id = new.org_id;
      new.work_date := (new.completed_at at time zone coalesce(v_tz, 'UTC'))::date;
    end if;
  else
    new.completed_at := null;
    new.work_date := null;
  end if;
  if tg_op = 'UPDATE' then
    new.updated_at := now();
  end if;
  return new;
end $$;
comment on function app.sewing_run_operation_check() is
  'Trigger: dependencies completed before a start (OPERATION_DEPENDENCY_PENDING), units within the bundle''s good '
  'units and what the dependencies passed on (UNITS_EXCEED_*), rework within units; on completion fills actual '
  'minutes (from the clock), the SMV and rate in force, and the local work date.';
create trigger sewing_run_operations_check before insert or update on public.sewing_run_operations
  for each row execute function app.sewing_run_operation_check();

-- Totals, status and average efficiency of runs, and the bundle moves of the garment contract.
create function app.sewing_runs_refresh(p_run_ids uuid[]) returns void
language plpgsql security definer set search_path = '' as $$
begin
  update public.sewing_runs r
  set total_operations = s.total, completed_ops = s.done, average_efficiency = s.eff,
      status = case when s.total > 0 and s.done = s.total then 'COMPLETED'
                    when s.started > 0 then 'IN_PROGRESS' else 'PENDING' end::public.sewing_status,
      started_at = s.first_start,
      completed_at = case when s.total > 0 and s.done = s.total then s.last_done end
  from (select x.id, count(o.id)::int as total,
               count(o.id) filter (where o.status = 'COMPLETED')::int as done,
               count(o.id) filter (where o.status <> 'PENDING')::int as started,
               round(sum(o.standard_minutes * o.units_completed) filter (where o.status = 'COMPLETED')
                     / nullif(sum(o.actual_minutes) filter (where o.status = 'COMPLETED'), 0) * 100, 2) as eff,
               min(o.started_at) as first_start, max(o.completed_at) as last_done
        from unnest(p_run_ids) x (id)
        left join public.sewing_run_operations o on o.sewing_run_id = x.id
        group by x.id) s
  where r.id = s.id
    and (r.total_operations, r.completed_ops, r.average_efficiency, r.started_at, r.completed_at)
        is distinct from (s.total, s.done, s.eff, s.first_start,
                          case when s.total > 0 and s.done = s.total then s.last_done end);

  -- the garment contract: a plain update of bundles.status (and location) here; garment-cut's trigger
  -- records the history. A bundle held or sent elsewhere meanwhile is left alone.
  perform set_config('floorline.fsm_reason', 'Sewing started', true);
  update public.bundles b set status = 'in_sewing', location_id = coalesce(r.location_id, b.location_id)
  from public.sewing_runs r
  where r.id = any (p_run_ids) and r.bundle_id = b.id and r.status <> 'PENDING' and b.status = 'cut';
  perform set_config('floorline.fsm_reason', 'Sewing completed', true);
  update public.bundles b set status = 'sewn'
  from public.sewing_runs r
  where r.id = any (p_run_ids) and r.bundle_id = b.id and r.status = 'COMPLETED' and b.status = 'in_sewing';
  perform set_config('floorline.fsm_reason', '', true);
end $$;
comment on function app.sewing_runs_refresh(uuid[]) is
  'Recomputes runs from their operations (totals, status, weighted efficiency, start/end) and moves their bundles '
  'cut → in_sewing → sewn (the garment contract).';

create function app.sewing_run_operations_changed() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  v_org uuid;
begin
  perform app.sewing_runs_refresh(array(select distinct c.sewing_run_id from changed c));
  -- one message per organisation and statement: the line's screens re-read the dashboard
  for v_org in select distinct c.org_id from changed c loop
    perform realtime.send(jsonb_build_object('table', tg_table_name, 'op', tg_op, 'id', null), 'changed',
                          app.realtime_topic(v_org, 'sewing'), true);
  end loop;
  return null;
end $$;
comment on function app.sewing_run_operations_changed() is
  'Statement trigger: refreshes the runs whose operations changed and tells org:<org>:sewing.';
create trigger sewing_run_operations_inserted after insert on public.sewing_run_operations
  referencing new table as changed for each statement execute function app.sewing_run_operations_changed();
create trigger sewing_run_operations_updated after update on public.sewing_run_operations
  referencing new table as changed for each statement execute function app.sewing_run_operations_changed();
create trigger sewing_run_operations_deleted after delete on public.sewing_run_operations
  referencing old table as changed for each statement execute function app.sewing_run_operations_changed();

-- ------------------------------------------------------------------ realtime: the sewing topic
-- org:<org>:sewing, read by every member (the line board is on the floor), sent only by the database.
create or replace function app_realtime.can_read(p_topic text) returns boolean
language plpgsql stable security definer set search_path = '' as $$
declare
  v_m text[];
begin
  if p_topic is null then
    return false;
  end if;
  -- the tracking page: the hash of a live token (the raw token never appears in a topic)
  v_m := regexp_match(p_topic, '^track:([0-9a-f]{64})$');
  if v_m is not null then
    return exists (select 1 from public.order_tracking_tokens t
                   where t.token_hash = v_m[1] and t.revoked_at is null);
  end if;
  v_m := regexp_match(p_topic,
    '^org:([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}):(board|floor|sms|sewing|queue:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$');
  if v_m is null then
    return false;
  end if;
  -- who reads the tables behind the topic: floor sessions of everyone are supervisors+ (RLS on
  -- floor_sessions), SMS messages managers+, batches, queues and sewing runs every member
  return v_m[1]::uuid = any (array(select app.my_org_ids(
    case v_m[2] when 'floor' then 'supervisor' when 'sms' then 'manager' else 'operator' end::public.member_role)));
end $$;
comment on function app_realtime.can_read(text) is
  'May the caller receive broadcasts on this Realtime topic? track:<hash> of a live token (anyone), '
  'org:<org>:board|sewing|queue:<id> (members), org:<org>:floor (supervisors+), org:<org>:sms (managers+); anything else no.';

-- ------------------------------------------------------------------ RLS and grants
alter table public.sewing_runs enable row level security;
alter table public.sewing_run_operations enable row level security;

create policy sewing_runs_select on public.sewing_runs for select to authenticated
  using (org_id = any (array(select app.my_org_ids())));
create policy sewing_runs_insert on public.sewing_runs for insert to authenticated with check (false);
create policy sewing_runs_update on public.sewing_runs for update to authenticated using (false);
create policy sewing_runs_delete on public.sewing_runs for delete to authenticated using (false);

create policy sewing_run_operations_select on public.sewing_run_operations for select to authenticated
  using (org_id = any (array(select app.my_org_ids())));
create policy sewing_run_operations_insert on public.sewing_run_operations for insert to authenticated with check (false);
create policy sewing_run_operations_update on public.sewing_run_operations for update to authenticated using (false);
create policy sewing_run_operations_delete on public.sewing_run_operations for delete to authenticated using (false);

revoke all on public.sewing_runs, public.sewing_run_operations from public, anon, authenticated, service_role;
grant select on public.sewing_runs, public.sewing_run_operations to authenticated;
-- the service role may write directly (seeds, jobs): the triggers hold the rules whatever writes
grant select, insert, update, delete on public.sewing_runs, public.sewing_run_operations to service_role;

revoke execute on all functions in schema app from public;
