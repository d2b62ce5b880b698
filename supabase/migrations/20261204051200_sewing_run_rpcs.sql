-- The sewing RPCs (issue 14): create a run for a bundle, start / complete / tap defects on a run
-- operation, correct one (supervisors+), and the station tablet's one-scan toggle. Each write is one
-- transaction; the tablet writes carry a client id (app.replay_begin / replay_store) so an offline
-- replay and an online retry meet. The rules themselves are the triggers of 20261204051100.

-- A run with its operations, as every RPC answers.
create function app.sewing_run_json(p_run_id uuid) returns jsonb
language sql stable security definer set search_path = '' as $$
  select jsonb_build_object(
    'run', to_jsonb(r) || jsonb_build_object('product_type', p.code),
    'bundle', jsonb_build_object('id', b.id, 'bundle_number', b.bundle_number, 'size', b.size, 'colour', b.colour,
                                 'shade', b.shade, 'quantity', b.quantity, 'rejected_quantity', b.rejected_quantity,
                                 'good_units', b.quantity - b.rejected_quantity, 'status', b.status),
    'operations', coalesce((
      select jsonb_agg(to_jsonb(ro) || jsonb_build_object(
               'name', o.name, 'sequence_number', o.sequence_number, 'machine_type', o.machine_type,
               'depends_on', o.depends_on, 'has_qc_checkpoint', o.has_qc_checkpoint, 'defect_codes', o.defect_codes,
               'operator_name', m.display_name)
             order by o.sequence_number, o.name)
      from public.sewing_run_operations ro
      join public.sewing_operations o on o.id = ro.operation_id
      left join public.members m on m.id = ro.operator_id
      where ro.sewing_run_id = r.id), '[]'))
  from public.sewing_runs r
  join public.bundles b on b.id = r.bundle_id
  join public.product_types p on p.id = r.product_type_id
  where r.id = p_run_id
$$;
comment on function app.sewing_run_json(uuid) is 'A sewing run as the RPCs return it: {run, bundle, operations[]}.';

-- The bundle's open run, created (with every active operation of its product type, or the ones
-- named) if there is none. Locks the bundle row so two tablets scanning it at once make one run.
create function app.sewing_open_run(p_org_id uuid, p_bundle_id uuid, p_operation_ids uuid[], p_team_id uuid,
                                    p_location_id uuid, p_member_id uuid, p_create boolean)
returns public.sewing_runs
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_bundle public.bundles;
  v_type uuid;
  v_run public.sewing_runs;
  v_ops uuid[];
begin
  select * into v_bundle from public.bundles b where b.id = p_bundle_id and b.org_id = p_org_id for update;
  if v_bundle.id is null then
    perform app.raise('BUNDLE_NOT_FOUND', 'No such bundle in this workshop', 'bundle_id');
  end if;
  select * into v_run from public.sewing_runs r where r.bundle_id = v_bundle.id and r.status <> 'COMPLETED';
  if v_run.id is not null then
    if p_create then
      perform app.raise('SEWING_RUN_OPEN', format('Bundle %s already has sewing run SR-%s', v_bundle.bundle_number,
                        v_run.run_number), 'bundle_id', jsonb_build_object('run_id', v_run.id));
    end if;
    return v_run;
  end if;
  if v_bundle.status not in ('cut', 'in_sewing') then
    perform app.raise('BUNDLE_NOT_SEWABLE', format('Bundle %s is %s, not ready for sewing', v_bundle.bundle_number,
                      replace(v_bundle.status, '_', ' ')), 'bundle_id', jsonb_build_object('status', v_bundle.status));
  end if;
  select s.product_type_id into v_type from public.styles s where s.id = v_bundle.style_id;
  if p_team_id is not null and not exists (select 1 from public.teams t where t.id = p_team_id and t.org_id = p_org_id) then
    perform app.raise('TEAM_NOT_FOUND', 'No such team in this workshop', 'team_id');
  end if;
  if p_location_id is not null
     and not exists (select 1 from public.locations l where l.id = p_location_id and l.org_id = p_org_id) then
    perform app.raise('LOCATION_NOT_FOUND', 'No such location in this workshop', 'location_id');
  end if;
  v_ops := array(select o.id from public.sewing_operations o
                 where o.org_id = p_org_id and o.product_type_id = v_type and o.is_active
                   and (p_operation_ids is null or o.id = any (p_operation_ids)));
  if p_operation_ids is not null and cardinality(v_ops) <> cardinality(array(select distinct unnest(p_operation_ids))) then
    perform app.raise('OPERATION_NOT_IN_RUN', 'Some operations are not active operations of the bundle''s product type',
                      'operation_ids');
  end if;
  if cardinality(v_ops) = 0 then
    perform app.raise('NO_SEWING_OPERATIONS', 'The bundle''s product type has no active sewing operations', 'bundle_id');
  end if;
  insert into public.sewing_runs (org_id, run_number, bundle_id, product_type_id, team_id, location_id, created_by)
  values (p_org_id, app.next_number(p_org_id, 'sewing_run'), v_bundle.id, v_type, p_team_id, p_location_id, p_member_id)
  returning * into v_run;
  insert into public.sewing_run_operations (org_id, sewing_run_id, operation_id)
  select p_org_id, v_run.id, unnest(v_ops);
  select * into v_run from public.sewing_runs r where r.id = v_run.id;
  return v_run;
end $$;
comment on function app.sewing_open_run(uuid, uuid, uuid[], uuid, uuid, uuid, boolean) is
  'The bundle''s unfinished sewing run, created if there is none (p_create: refuse an existing one).';

create function public.create_sewing_run(
  p_org_id uuid, p_bundle_id uuid, p_operation_ids uuid[] default null, p_team_id uuid default null,
  p_location_id uuid default null, p_client_id uuid default null
) returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_member uuid;
  v_replay jsonb;
  v_run public.sewing_runs;
begin
  select r.member_id into v_member from app.require_member(p_org_id, 'operator', true) r;
  v_replay := app.replay_begin(p_client_id, 'create_sewing_run'); if v_replay is not null then return v_replay; end if;
  v_run := app.sewing_open_run(p_org_id, p_bundle_id, p_operation_ids, p_team_id, p_location_id, v_member, true);
  return app.replay_store(p_client_id, 'create_sewing_run', p_org_id, app.sewing_run_json(v_run.id));
end $$;
comment on function public.create_sewing_run(uuid, uuid, uuid[], uuid, uuid, uuid) is
  'Starts a bundle down a sewing line: a run with one PENDING operation per active operation of its product type '
  '(or the ones named). Operators+. Returns {run, bundle, operations}.';

-- The run operation a caller may work on, locked.
create function app.sewing_run_operation_for(p_run_operation_id uuid) returns public.sewing_run_operations
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_ro public.sewing_run_operations;
begin
  select * into v_ro from public.sewing_run_operations o where o.id = p_run_operation_id;
  if v_ro.id is null
     or not (app.is_service_role() or (select auth.role()) is null or v_ro.org_id = any (array(select app.my_org_ids()))) then
    perform app.raise('NOT_FOUND', 'No such run operation', 'run_operation_id');
  end if;
  -- the run row serialises its operations: two tablets finishing at once both see the other's work
  perform 1 from public.sewing_runs r where r.id = v_ro.sewing_run_id for update;
  select * into v_ro from public.sewing_run_operations o where o.id = p_run_operation_id for update;
  return v_ro;
end $$;
comment on function app.sewing_run_operation_for(uuid) is 'A run operation of the caller''s organisation, its run locked (or NOT_FOUND).';

-- The operator a write is for: the caller, or (supervisors+) a member they name.
create function app.sewing_operator(p_org_id uuid, p_caller uuid, p_caller_role public.member_role, p_operator_id uuid)
returns uuid
language plpgsql stable security definer set search_path = '' as $$
begin
  if p_operator_id is null or p_operator_id = p_caller then
    return p_caller;
  end if;
  if p_caller_role < 'supervisor' then
    perform app.raise('FORBIDDEN', 'Operators record only their own work', 'operator_id');
  end if;
  if not exists (select 1 from public.members m where m.id = p_operator_id and m.org_id = p_org_id and m.is_active) then
    perform app.raise('NOT_FOUND', 'No such member in this organisation', 'operator_id');
  end if;
  return p_operator_id;
end $$;
comment on function app.sewing_operator(uuid, uuid, public.member_role, uuid) is
  'Who did the work: the caller, or a member a supervisor+ names (FORBIDDEN for operators naming others).';

create function public.start_sewing_operation(
  p_run_operation_id uuid, p_machine_id text default null, p_operator_id uuid default null,
  p_started_at timestamptz default null, p_client_id uuid default null
) returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_ro public.sewing_run_operations;
  v_me record;
  v_replay jsonb;
begin
  v_ro := app.sewing_run_operation_for(p_run_operation_id);
  select * into v_me from app.require_member(v_ro.org_id, 'operator', true);
  v_replay := app.replay_begin(p_client_id, 'start_sewing_operation'); if v_replay is not null then return v_replay; end if;
  if v_ro.status <> 'PENDING' then
    perform app.raise('RUN_OPERATION_STATUS', format('Already %s', lower(replace(v_ro.status::text, '_', ' '))),
                      'run_operation_id', jsonb_build_object('status', v_ro.status));
  end if;
  if p_started_at is not null and (p_started_at > now() + interval '5 minutes' or p_started_at < now() - interval '7 days') then
    perform app.raise('VALIDATION_FAILED', 'The start time is within the last 7 days', 'started_at');
  end if;
  update public.sewing_run_operations o
  set status = 'IN_PROGRESS', started_at = least(coalesce(p_started_at, now()), now()),
      operator_id = app.sewing_operator(v_ro.org_id, v_me.member_id, v_me.role, p_operator_id),
      machine_id = coalesce(nullif(btrim(p_machine_id), ''), o.machine_id)
  where o.id = v_ro.id;
  return app.replay_store(p_client_id, 'start_sewing_operation', v_ro.org_id, app.sewing_run_json(v_ro.sewing_run_id));
end $$;
comment on function public.start_sewing_operation(uuid, text, uuid, timestamptz, uuid) is
  'Starts a run operation for the caller (or, supervisors+, a named operator). Refused while operations it depends '
  'on are not completed (OPERATION_DEPENDENCY_PENDING names them).';

create function public.complete_sewing_operation(
  p_run_operation_id uuid, p_units integer default null, p_actual_minutes numeric default null,
  p_defects_found integer default null, p_rework_units integer default null, p_completed_at timestamptz default null,
  p_client_id uuid default null
) returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_ro public.sewing_run_operations;
  v_me record;
  v_replay jsonb;
  v_units integer;
begin
  v_ro := app.sewing_run_operation_for(p_run_operation_id);
  select * into v_me from app.require_member(v_ro.org_id, 'operator', true);
  v_replay := app.replay_begin(p_client_id, 'complete_sewing_operation'); if v_replay is not null then return v_replay; end if;
  if v_ro.status <> 'IN_PROGRESS' then
    perform app.raise('RUN_OPERATION_STATUS',
      case when v_ro.status = 'PENDING' then 'Start the operation first' else 'Already completed' end,
      'run_operation_id', jsonb_build_object('status', v_ro.status));
  end if;
  if v_me.role < 'supervisor' and v_ro.operator_id is distinct from v_me.member_id then
    perform app.raise('FORBIDDEN', 'Another operator is doing this operation', 'run_operation_id');
  end if;
  if p_units is not null and p_units < 0 then
    perform app.raise('VALIDATION_FAILED', 'Units are 0 or more', 'units_completed');
  end if;
  if p_actual_minutes is not null and (p_actual_minutes <= 0 or p_actual_minutes > 999999) then
    perform app.raise('VALIDATION_FAILED', 'Actual minutes are more than 0', 'actual_minutes');
  end if;
  if coalesce(p_defects_found, 0) < 0 or coalesce(p_rework_units, 0) < 0 then
    perform app.raise('VALIDATION_FAILED', 'Defects and rework are 0 or more',
                      case when coalesce(p_defects_found, 0) < 0 then 'defects_found' else 'rework_units' end);
  end if;
  if p_completed_at is not null and (p_completed_at > now() + interval '5 minutes' or p_completed_at < v_ro.started_at) then
    perform app.raise('VALIDATION_FAILED', 'The completion time is after the start and not in the future', 'completed_at');
  end if;
  -- the default: the bundle's good units (the tablet pre-fills the same number)
  select coalesce(p_units, b.quantity - b.rejected_quantity) into v_units
  from public.sewing_runs r join public.bundles b on b.id = r.bundle_id where r.id = v_ro.sewing_run_id;
  update public.sewing_run_operations o
  set status = 'COMPLETED', units_completed = v_units, actual_minutes = coalesce(p_actual_minutes, o.actual_minutes),
      defects_found = coalesce(p_defects_found, o.defects_found), rework_units = coalesce(p_rework_units, o.rework_units),
      completed_at = least(coalesce(p_completed_at, now()), now())
  where o.id = v_ro.id;
  return app.replay_store(p_client_id, 'complete_sewing_operation', v_ro.org_id, app.sewing_run_json(v_ro.sewing_run_id));
end $$;
comment on function public.complete_sewing_operation(uuid, integer, numeric, integer, integer, timestamptz, uuid) is
  'Completes the caller''s run operation with its units (default: the bundle''s good units), optional actual minutes '
  '(default: the clock), defects and rework. Bounds: UNITS_EXCEED_BUNDLE / UNITS_EXCEED_DEPENDENCY.';

create function public.record_sewing_defect(
  p_run_operation_id uuid, p_defect_code text, p_rework boolean default false, p_count integer default 1,
  p_client_id uuid default null
) returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_ro public.sewing_run_operations;
  v_replay jsonb;
  v_codes jsonb;
begin
  v_ro := app.sewing_run_operation_for(p_run_operation_id);
  perform app.require_member(v_ro.org_id, 'operator', true);
  v_replay := app.replay_begin(p_client_id, 'record_sewing_defect'); if v_replay is not null then return v_replay; end if;
  if v_ro.status = 'PENDING' then
    perform app.raise('RUN_OPERATION_STATUS', 'Start the operation first', 'run_operation_id',
                      jsonb_build_object('status', v_ro.status));
  end if;
  if p_count is null or p_count not between -100 and 100 or p_count = 0 then
    perform app.raise('VALIDATION_FAILED', 'Count a tap as 1 (or -1 to undo one), at most 100', 'count');
  end if;
  select o.defect_codes into v_codes from public.sewing_operations o where o.id = v_ro.operation_id;
  if p_defect_code is not null
     and not exists (select 1 from jsonb_array_elements(v_codes) x where x ->> 'code' = p_defect_code) then
    perform app.raise('VALIDATION_FAILED', 'That is not one of this operation''s defect codes', 'defect_code',
                      jsonb_build_object('allowed', (select jsonb_agg(x -> 'code') from jsonb_array_elements(v_codes) x)));
  end if;
  update public.sewing_run_operations o
  set defects_found = greatest(0, o.defects_found + case when p_rework then 0 else p_count end),
      rework_units = greatest(0, o.rework_units + case when p_rework then p_count else 0 end),
      defect_tally = case when p_defect_code is null then o.defect_tally
                          else o.defect_tally || jsonb_build_object(p_defect_code,
                                 greatest(0, coalesce((o.defect_tally ->> p_defect_code)::int, 0) + p_count)) end
  where o.id = v_ro.id;
  return app.replay_store(p_client_id, 'record_sewing_defect', v_ro.org_id, app.sewing_run_json(v_ro.sewing_run_id));
end $$;
comment on function public.record_sewing_defect(uuid, text, boolean, integer, uuid) is
  'A tap on the tablet: one defect (with its code from the operation''s list) or one rework unit (p_rework) on a '
  'started run operation; p_count -1 undoes a tap. Rework stays within the units completed (trigger).';

create function public.update_sewing_run_operation(
  p_run_operation_id uuid, p_units integer default null, p_actual_minutes numeric default null,
  p_defects_found integer default null, p_rework_units integer default null, p_operator_id uuid default null,
  p_machine_id text default null, p_status public.sewing_status default null
) returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_ro public.sewing_run_operations;
begin
  v_ro := app.sewing_run_operation_for(p_run_operation_id);
  perform app.require_member(v_ro.org_id, 'supervisor', true);
  if p_status is not null and p_status <> v_ro.status and not (v_ro.status = 'IN_PROGRESS' and p_status = 'PENDING') then
    perform app.raise('RUN_OPERATION_STATUS', 'Only an operation in progress can be put back to pending; start and '
                      'complete it through start/complete', 'status', jsonb_build_object('status', v_ro.status));
  end if;
  if exists (select 1 from (values (p_units), (p_defects_found), (p_rework_units)) v (n) where n < 0)
     or p_actual_minutes is not null and p_actual_minutes <= 0 then
    perform app.raise('VALIDATION_FAILED', 'Units, minutes, defects and rework are not negative (minutes more than 0)',
      case when p_units < 0 then 'units_completed' when p_actual_minutes <= 0 then 'actual_minutes'
           when p_defects_found < 0 then 'defects_found' else 'rework_units' end);
  end if;
  if p_operator_id is not null
     and not exists (select 1 from public.members m where m.id = p_operator_id and m.org_id = v_ro.org_id) then
    perform app.raise('NOT_FOUND', 'No such member in this organisation', 'operator_id');
  end if;
  if p_status = 'PENDING' then
    update public.sewing_run_operations o set status = 'PENDING', started_at = null, operator_id = null
    where o.id = v_ro.id;
  else
    update public.sewing_run_operations o
    set units_completed = coalesce(p_units, o.units_completed), actual_minutes = coalesce(p_actual_minutes, o.actual_minutes),
        defects_found = coalesce(p_defects_found, o.defects_found), rework_units = coalesce(p_rework_units, o.rework_units),
        operator_id = coalesce(p_operator_id, o.operator_id), machine_id = coalesce(nullif(btrim(p_machine_id), ''), o.machine_id)
    where o.id = v_ro.id;
  end if;
  return app.sewing_run_json(v_ro.sewing_run_id);
end $$;
comment on function public.update_sewing_run_operation(uuid, integer, numeric, integer, integer, uuid, text, public.sewing_status) is
  'Supervisor+ correction of a run operation: units, minutes, defects, rework, operator, machine, or an operation in '
  'progress back to pending. Every trigger rule still applies. Returns {run, bundle, operations}.';

-- ------------------------------------------------------------------ the station tablet: one scan
-- A bundle label and an operation (picked, or its card scanned): no run yet → one is made; the
-- operation pending → it starts for the operator; in progress → it completes with p_units
-- (default the bundle's good units). One idempotent call, so the offline outbox can replay it.
create function public.sewing_scan(
  p_org_id uuid, p_bundle_id uuid, p_operation_id uuid, p_units integer default null, p_machine_id text default null,
  p_scanned_at timestamptz default null, p_client_id uuid default null
) returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_me record;
  v_replay jsonb;
  v_run public.sewing_runs;
  v_ro public.sewing_run_operations;
  v_did text;
  v_answer jsonb;
begin
  select * into v_me from app.require_member(p_org_id, 'operator', true);
  v_replay := app.replay_begin(p_client_id, 'sewing_scan'); if v_replay is not null then return v_replay; end if;
  if p_scanned_at is not null and (p_scanned_at > now() + interval '5 minutes' or p_scanned_at < now() - interval '7 days') then
    perform app.raise('VALIDATION_FAILED', 'The scan time is within the last 7 days', 'scanned_at');
  end if;
  -- garment-cut's history trigger records when the label was scanned (an offline replay's own time)
  perform set_config('floorline.bundle_scanned_at', coalesce(p_scanned_at, now())::text, true);
  v_run := app.sewing_open_run(p_org_id, p_bundle_id, null, null,
                               (select s.location_id from public.stations s where s.id = v_me.station_id),
                               v_me.member_id, false);
  select * into v_ro from public.sewing_run_operations o where o.sewing_run_id = v_run.id and o.operation_id = p_operation_id;
  if v_ro.id is null then
    perform app.raise('OPERATION_NOT_IN_RUN', 'That operation is not part of this bundle''s sewing run', 'operation_id');
  end if;
  if v_ro.status = 'PENDING' then
    v_answer := public.start_sewing_operation(v_ro.id, p_machine_id, null, p_scanned_at, null);
    v_did := 'started';
  elsif v_ro.status = 'IN_PROGRESS' then
    v_answer := public.complete_sewing_operation(v_ro.id, p_units, null, null, null, p_scanned_at, null);
    v_did := 'completed';
  else
    perform app.raise('RUN_OPERATION_STATUS', 'This operation is already completed for this bundle', 'operation_id',
                      jsonb_build_object('status', v_ro.status));
  end if;
  return app.replay_store(p_client_id, 'sewing_scan', p_org_id,
    v_answer || jsonb_build_object('did', v_did, 'run_operation_id', v_ro.id));
end $$;
comment on function public.sewing_scan(uuid, uuid, uuid, integer, text, timestamptz, uuid) is
  'The station tablet''s scan of a bundle for an operation: makes the run if needed, then starts the operation for '
  'the operator or completes it (p_units, default the bundle''s good units). Returns {run, bundle, operations, did, '
  'run_operation_id}; p_client_id makes a replay answer the same.';

revoke execute on all functions in schema app from public;
revoke execute on function
  public.create_sewing_run(uuid, uuid, uuid[], uuid, uuid, uuid),
  public.start_sewing_operation(uuid, text, uuid, timestamptz, uuid),
  public.complete_sewing_operation(uuid, integer, numeric, integer, integer, timestamptz, uuid),
  public.record_sewing_defect(uuid, text, boolean, integer, uuid),
  public.update_sewing_run_operation(uuid, integer, numeric, integer, integer, uuid, text, public.sewing_status),
  public.sewing_scan(uuid, uuid, uuid, integer, text, timestamptz, uuid)
  from public, anon;
grant execute on function
  public.create_sewing_run(uuid, uuid, uuid[], uuid, uuid, uuid),
  public.start_sewing_operation(uuid, text, uuid, timestamptz, uuid),
  public.complete_sewing_operation(uuid, integer, numeric, integer, integer, timestamptz, uuid),
  public.record_sewing_defect(uuid, text, boolean, integer, uuid),
  public.update_sewing_run_operation(uuid, integer, numeric, integer, integer, uuid, text, public.sewing_status),
  public.sewing_scan(uuid, uuid, uuid, integer, text, timestamptz, uuid)
  to authenticated, service_role;
