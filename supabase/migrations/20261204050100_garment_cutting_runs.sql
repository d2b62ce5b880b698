-- Garment cutting, second part (issue 14, spec 03 §4.2; docs/garment.md): cutting runs and the RPCs
-- the cutting room works through — create a cut order with its lines, plan a lay, start / pause /
-- resume / complete a cutting run on a tablet, cut a lay into numbered bundles, move a bundle.
--
-- A cutting run is one cutter cutting one lay on one machine. The arithmetic is the database's:
--   actual minutes  = (end − start) − paused minutes           (kept by trigger on completion)
--   standard minutes = the style's cutting minutes per ply × plies cut (unless given)
--   efficiency      = standard ÷ actual × 100                  (generated column)
--   wastage %       = wastage kg ÷ fabric used kg × 100         (generated column)
--   units cut       = plies cut × the lay's size-ratio sum      (kept by trigger)
-- Run numbers are unique per organisation (spec's global @unique made per tenant): CR-1001, …
-- Status: IN_PROGRESS ⇄ PAUSED → COMPLETED (final), checked by trigger on every path; one open run per lay.

insert into app.error_codes (code, status, meaning) values
  ('CUTTING_RUN_OPEN', 409, 'The lay already has a cutting run in progress or paused: finish that one first.'),
  ('LAY_NOT_CUTTABLE', 422, 'The lay is already cut or cancelled.'),
  ('LAY_ALREADY_BUNDLED', 409, 'Bundles were already made from this lay.')
on conflict (code) do nothing;

create type public.cutting_run_status as enum ('IN_PROGRESS', 'PAUSED', 'COMPLETED');
comment on type public.cutting_run_status is 'Spec 03 §4.2: IN_PROGRESS ⇄ PAUSED → COMPLETED (final).';

create table public.cutting_runs (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organisations (id) on delete cascade,
  lay_id uuid not null,
  run_number text not null check (run_number ~ '^[A-Z0-9][A-Z0-9-]{1,31}$'),
  cutter_id uuid not null,
  machine text check (length(btrim(machine)) between 1 and 60),
  start_time timestamptz not null default now(),
  end_time timestamptz,
  paused_at timestamptz,
  paused_minutes numeric(8, 2) not null default 0 check (paused_minutes >= 0),
  duration_minutes integer check (duration_minutes >= 0),
  plies_cut integer not null default 0 check (plies_cut between 0 and 500),
  units_cut integer not null default 0 check (units_cut >= 0),
  defective_units integer not null default 0,
  standard_minutes numeric(8, 2) check (standard_minutes >= 0),
  actual_minutes numeric(8, 2) check (actual_minutes >= 0),
  efficiency numeric generated always as (round(standard_minutes * 100 / nullif(actual_minutes, 0), 2)) stored,
  fabric_used_kg numeric(8, 2) check (fabric_used_kg > 0),
  wastage_kg numeric(8, 2) check (wastage_kg >= 0),
  wastage_percent numeric generated always as (round(wastage_kg * 100 / nullif(fabric_used_kg, 0), 2)) stored,
  status public.cutting_run_status not null default 'IN_PROGRESS',
  notes text check (length(notes) <= 2000),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (org_id, run_number),
  unique (org_id, id),
  check (defective_units between 0 and units_cut),
  check (wastage_kg <= fabric_used_kg),
  check (end_time is null or end_time >= start_time),
  check ((status = 'COMPLETED') = (end_time is not null)),
  check ((status = 'PAUSED') = (paused_at is not null)),
  foreign key (org_id, lay_id) references public.lays (org_id, id) on delete cascade,
  foreign key (org_id, cutter_id) references public.members (org_id, id)
);
comment on table public.cutting_runs is
  'Spec 03 §4.2 CuttingRun: one cutter cutting one lay — times, plies and units cut, defects, standard vs actual '
  'minutes (efficiency), fabric used and wastage. Members read; written through the cutting RPCs (the trigger '
  'holds the status rules and the arithmetic on every path).';
comment on column public.cutting_runs.run_number is 'Unique per organisation (CR-1001, …).';
comment on column public.cutting_runs.cutter_id is 'The member who cuts (spec: cutter_id → Employee).';
comment on column public.cutting_runs.machine is 'The cutting machine (straight knife, band knife, …), as the floor names it.';
comment on column public.cutting_runs.paused_minutes is 'Minutes spent paused, added on resume or completion.';
comment on column public.cutting_runs.duration_minutes is 'Whole minutes from start to end (set on completion).';
comment on column public.cutting_runs.units_cut is 'plies_cut × the lay''s size-ratio sum (kept by trigger).';
comment on column public.cutting_runs.standard_minutes is 'The style''s cutting minutes per ply × plies cut, unless given.';
comment on column public.cutting_runs.actual_minutes is '(end − start) − paused minutes, set on completion.';
comment on column public.cutting_runs.efficiency is 'standard_minutes ÷ actual_minutes × 100 (percent).';
comment on column public.cutting_runs.wastage_percent is 'wastage_kg ÷ fabric_used_kg × 100.';

create unique index cutting_runs_one_open_per_lay on public.cutting_runs (lay_id) where status <> 'COMPLETED';
create index cutting_runs_org_lay_idx on public.cutting_runs (org_id, lay_id);
create index cutting_runs_org_cutter_idx on public.cutting_runs (org_id, cutter_id, start_time desc);
create index cutting_runs_org_status_idx on public.cutting_runs (org_id, status);
create index cutting_runs_org_start_idx on public.cutting_runs (org_id, start_time desc);

alter table public.bundles add column cutting_run_id uuid;
alter table public.bundles add foreign key (org_id, cutting_run_id) references public.cutting_runs (org_id, id)
  on delete set null (cutting_run_id);
comment on column public.bundles.cutting_run_id is 'The cutting run that cut it, when there was one.';
create index bundles_org_cutting_run_idx on public.bundles (org_id, cutting_run_id);

-- The status rules and the arithmetic, whoever writes.
create function app.cutting_runs_check() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  v_lay public.lays;
  v_ratio_sum integer;
  v_per_ply numeric;
begin
  select * into v_lay from public.lays l where l.id = new.lay_id and l.org_id = new.org_id;
  if tg_op = 'INSERT' then
    if v_lay.status in ('cut', 'cancelled') then
      perform app.raise('LAY_NOT_CUTTABLE', format('Lay L-%s is already %s', v_lay.lay_number, v_lay.status), 'lay_id');
    end if;
    if new.run_number is null then
      new.run_number := 'CR-' || app.next_number(new.org_id, 'cutting_run', 1001);
    end if;
    if new.status <> 'IN_PROGRESS' then
      perform app.raise('INVALID_TRANSITION', 'A cutting run starts in progress', 'status');
    end if;
    new.paused_at := null;
    new.end_time := null;
  else
    new.lay_id := old.lay_id;
    new.run_number := old.run_number;
    new.created_at := old.created_at;
    if old.status = 'COMPLETED' and row(new.*) is distinct from row(old.*) then
      perform app.raise('INVALID_TRANSITION', format('Cutting run %s is completed: it is final', old.run_number), 'status',
                        jsonb_build_object('from', old.status, 'to', new.status));
    end if;
    if new.status is distinct from old.status then
      -- IN_PROGRESS ⇄ PAUSED, either → COMPLETED
      if old.status = 'PAUSED' then
        new.paused_minutes := old.paused_minutes
          + round((extract(epoch from (coalesce(new.end_time, now()) - old.paused_at)) / 60)::numeric, 2);
        new.paused_at := null;
      elsif new.status = 'PAUSED' then
        new.paused_at := coalesce(new.paused_at, now());
      end if;
      if new.status = 'COMPLETED' then
        new.end_time := coalesce(new.end_time, now());
        if new.end_time < new.start_time then
          perform app.raise('VALIDATION_FAILED', 'A cutting run ends after it starts', 'end_time');
        end if;
        new.duration_minutes := floor(extract(epoch from (new.end_time - new.start_time)) / 60);
        new.actual_minutes := greatest(round((extract(epoch from (new.end_time - new.start_time)) / 60)::numeric
                                             - new.paused_minutes, 2), 0);
      end if;
    end if;
  end if;
  if new.plies_cut > v_lay.plies then
    perform app.raise('VALIDATION_FAILED', format('The lay has %s plies: no more can be cut', v_lay.plies), 'plies_cut',
                      jsonb_build_object('plies', v_lay.plies));
  end if;
  select sum((e.value #>> '{}')::integer) into v_ratio_sum from jsonb_each(v_lay.size_ratio) e;
  new.units_cut := new.plies_cut * v_ratio_sum;
  if new.defective_units > new.units_cut then
    perform app.raise('VALIDATION_FAILED', format('At most %s units were cut: defective units cannot be more', new.units_cut),
                      'defective_units');
  end if;
  if new.wastage_kg is not null and (new.fabric_used_kg is null or new.wastage_kg > new.fabric_used_kg) then
    perform app.raise('VALIDATION_FAILED', 'Wastage is part of the fabric used: give the fabric used, at least the wastage',
                      'wastage_kg');
  end if;
  if new.status = 'COMPLETED' and new.standard_minutes is null then
    select s.cutting_minutes_per_ply into v_per_ply from public.styles s where s.id = v_lay.style_id;
    new.standard_minutes := round(v_per_ply * new.plies_cut, 2);
  end if;
  return new;
end $$;
comment on function app.cutting_runs_check() is
  'Trigger: numbers a new run (CR-n per organisation), IN_PROGRESS ⇄ PAUSED → COMPLETED (final), pause minutes, '
  'duration and actual minutes on completion, units cut = plies × ratio sum, standard minutes from the style.';

create trigger cutting_runs_check before insert or update on public.cutting_runs
  for each row execute function app.cutting_runs_check();
create trigger cutting_runs_set_updated_at before update on public.cutting_runs
  for each row execute function app.set_updated_at();
create trigger cutting_runs_audit after insert or update or delete on public.cutting_runs
  for each row execute function app.audit_row('skip:paused_at');

-- The lay follows its runs: a run opens → cutting; the last open run goes (without bundles) → planned.
create function app.cutting_runs_lay_status() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if new.status <> 'COMPLETED' then
    update public.lays l set status = 'cutting' where l.id = new.lay_id and l.status = 'planned';
  end if;
  return null;
end $$;
comment on function app.cutting_runs_lay_status() is 'Trigger: a lay with an open cutting run is cutting.';
create trigger cutting_runs_lay_status after insert or update of status on public.cutting_runs
  for each row execute function app.cutting_runs_lay_status();

-- Sizes in the order a size chart lists them (XS < S < M < L < XL < 2XL …; numeric sizes by value;
-- anything else after, alphabetically): lays, bundles and labels list sizes this way.
create function app.size_rank(p_size text) returns numeric
language sql immutable set search_path = '' as $$
  select coalesce(
    array_position(array['XXS', 'XS', 'S', 'M', 'L', 'XL', 'XXL', '2XL', '3XL', '4XL', '5XL'],
                   case upper(btrim(p_size)) when 'XXL' then 'XXL' when 'XXXL' then '3XL' else upper(btrim(p_size)) end)::numeric,
    case when btrim(p_size) ~ '^[0-9]{1,4}(\.[0-9]+)?$' then 100 + btrim(p_size)::numeric end,
    100000)
$$;
comment on function app.size_rank(text) is 'Sort key of a size: letter sizes in chart order, then numeric sizes, then the rest.';

-- ------------------------------------------------------------------ RLS
alter table public.cutting_runs enable row level security;
create policy cutting_runs_select on public.cutting_runs for select to authenticated
  using (org_id = any (array(select app.my_org_ids())));
create policy cutting_runs_insert on public.cutting_runs for insert to authenticated with check (false);
create policy cutting_runs_update on public.cutting_runs for update to authenticated using (false);
create policy cutting_runs_delete on public.cutting_runs for delete to authenticated using (false);
revoke all on public.cutting_runs from public, anon, authenticated, service_role;
grant select on public.cutting_runs to authenticated;
grant all on public.cutting_runs to service_role;

-- ------------------------------------------------------------------ JSON
create function app.cutting_run_json(p_run public.cutting_runs) returns jsonb
language sql stable security definer set search_path = '' as $$
  select to_jsonb(p_run) || jsonb_build_object(
    'cutter', (select jsonb_build_object('member_id', m.id, 'display_name', m.display_name)
               from public.members m where m.id = p_run.cutter_id),
    'lay', (select jsonb_build_object('id', l.id, 'lay_number', l.lay_number, 'status', l.status, 'plies', l.plies,
                                      'planned_units', l.planned_units)
            from public.lays l where l.id = p_run.lay_id))
$$;
comment on function app.cutting_run_json(public.cutting_runs) is 'A cutting run as the RPCs answer it, with its cutter and lay.';

create function app.bundle_json(p_bundle public.bundles) returns jsonb
language sql stable security definer set search_path = '' as $$
  select jsonb_build_object('id', p_bundle.id, 'bundle_number', p_bundle.bundle_number, 'number', 'BN-' || p_bundle.bundle_number,
    'style_id', p_bundle.style_id, 'cut_order_id', p_bundle.cut_order_id, 'lay_id', p_bundle.lay_id,
    'cutting_run_id', p_bundle.cutting_run_id, 'size', p_bundle.size, 'colour', p_bundle.colour, 'shade', p_bundle.shade,
    'quantity', p_bundle.quantity, 'rejected_quantity', p_bundle.rejected_quantity,
    'good_units', p_bundle.quantity - p_bundle.rejected_quantity, 'status', p_bundle.status,
    'location_id', p_bundle.location_id, 'created_at', p_bundle.created_at)
$$;
comment on function app.bundle_json(public.bundles) is 'A bundle as the RPCs answer it (number BN-n, good units).';

-- ------------------------------------------------------------------ cut orders and lays
-- A cut order and its lines in one transaction. p_lines: [{size, colour, quantity}].
create function public.create_cut_order(
  p_org_id uuid, p_style_id uuid, p_lines jsonb, p_order_id uuid default null, p_due_date date default null,
  p_notes text default null
) returns jsonb
language plpgsql volatile security definer set search_path = '' set lock_timeout = '5s' as $$
declare
  v_co public.cut_orders;
  v_line jsonb;
  v_i integer := 0;
begin
  perform app.require_member(p_org_id, 'supervisor');
  if not exists (select 1 from public.styles s where s.id = p_style_id and s.org_id = p_org_id) then
    perform app.raise('NOT_FOUND', 'No such style in this workshop', 'style_id');
  end if;
  if p_order_id is not null and not exists (select 1 from public.orders o where o.id = p_order_id and o.org_id = p_org_id) then
    perform app.raise('NOT_FOUND', 'No such customer order in this workshop', 'order_id');
  end if;
  if p_lines is null or jsonb_typeof(p_lines) <> 'array' or jsonb_array_length(p_lines) not between 1 and 200 then
    perform app.raise('VALIDATION_FAILED', 'A cut order needs 1 to 200 lines of size, colour and quantity', 'lines');
  end if;
  insert into public.cut_orders (org_id, style_id, order_id, due_date, notes)
    values (p_org_id, p_style_id, p_order_id, p_due_date, nullif(btrim(p_notes), ''))
    returning * into v_co;
  for v_line in select x from jsonb_array_elements(p_lines) x loop
    if jsonb_typeof(v_line) <> 'object' or jsonb_typeof(v_line -> 'quantity') <> 'number'
       or (v_line ->> 'quantity')::numeric <> trunc((v_line ->> 'quantity')::numeric)
       or (v_line ->> 'quantity')::numeric not between 1 and 100000 then
      perform app.raise('VALIDATION_FAILED', 'Each line''s quantity is a whole number from 1 to 100000',
                        format('lines.%s.quantity', v_i));
    end if;
    if coalesce(v_line ->> 'size', '') !~ '^[A-Za-z0-9][A-Za-z0-9 /._-]{0,15}$' then
      perform app.raise('VALIDATION_FAILED', 'A size is 1 to 16 letters, digits, spaces or / . _ -', format('lines.%s.size', v_i));
    end if;
    if length(btrim(coalesce(v_line ->> 'colour', ''))) not between 1 and 40 then
      perform app.raise('VALIDATION_FAILED', 'A colour is 1 to 40 characters', format('lines.%s.colour', v_i));
    end if;
    if exists (select 1 from public.cut_order_lines c where c.cut_order_id = v_co.id and c.size = v_line ->> 'size'
               and c.colour = btrim(v_line ->> 'colour')) then
      perform app.raise('VALIDATION_FAILED', format('Size %s in %s is listed twice', v_line ->> 'size', v_line ->> 'colour'),
                        format('lines.%s.size', v_i));
    end if;
    insert into public.cut_order_lines (org_id, cut_order_id, size, colour, quantity)
      values (p_org_id, v_co.id, v_line ->> 'size', btrim(v_line ->> 'colour'), (v_line ->> 'quantity')::integer);
    v_i := v_i + 1;
  end loop;
  return to_jsonb(v_co) || jsonb_build_object('lines',
    (select jsonb_agg(to_jsonb(c) order by c.colour, c.size) from public.cut_order_lines c where c.cut_order_id = v_co.id));
end $$;
comment on function public.create_cut_order(uuid, uuid, jsonb, uuid, date, text) is
  'Supervisors+: a cut order for a style (optionally for a customer order) with its lines [{size, colour, quantity}], '
  'in one transaction. Errors: NOT_FOUND style_id/order_id, VALIDATION_FAILED lines.N.field.';

-- ------------------------------------------------------------------ cutting runs
create function app.cutting_run_for_update(p_run_id uuid) returns public.cutting_runs
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_run public.cutting_runs;
begin
  select * into v_run from public.cutting_runs r where r.id = p_run_id for update;
  if v_run.id is null or not (v_run.org_id = any (array(select app.my_org_ids()))) and not app.is_service_role()
     and (select auth.role()) is not null then
    perform app.raise('NOT_FOUND', 'No such cutting run in this workshop', 'run_id');
  end if;
  return v_run;
end $$;
comment on function app.cutting_run_for_update(uuid) is 'The run, locked, or NOT_FOUND unless the caller''s organisation has it.';

-- Operators start runs for themselves (PINed in on the cutting room's tablet); supervisors+ for anyone.
create function public.start_cutting_run(
  p_lay_id uuid, p_cutter_id uuid default null, p_machine text default null, p_client_id uuid default null
) returns jsonb
language plpgsql volatile security definer set search_path = '' set lock_timeout = '5s' as $$
declare
  v_lay public.lays;
  v_me record;
  v_cutter uuid;
  v_run public.cutting_runs;
  v_replay jsonb := app.replay_begin(p_client_id, 'start_cutting_run');
begin
  if v_replay is not null then
    return v_replay;
  end if;
  select * into v_lay from public.lays l where l.id = p_lay_id for update;
  if v_lay.id is null or not (v_lay.org_id = any (array(select app.my_org_ids())))
     and not app.is_service_role() and (select auth.role()) is not null then
    perform app.raise('NOT_FOUND', 'No such lay in this workshop', 'lay_id');
  end if;
  select * into v_me from app.require_member(v_lay.org_id, 'operator', true);
  v_cutter := coalesce(p_cutter_id, v_me.member_id);
  if v_cutter is null then
    perform app.raise('VALIDATION_FAILED', 'Say who cuts', 'cutter_id');
  end if;
  if v_cutter is distinct from v_me.member_id and v_me.role < 'supervisor' then
    perform app.raise('FORBIDDEN', 'Operators start cutting runs for themselves; a supervisor may start one for anyone',
                      'cutter_id', jsonb_build_object('min_role', 'supervisor'));
  end if;
  if not exists (select 1 from public.members m where m.id = v_cutter and m.org_id = v_lay.org_id and m.is_active) then
    perform app.raise('NOT_FOUND', 'No such active member in this workshop', 'cutter_id');
  end if;
  if exists (select 1 from public.cutting_runs r where r.lay_id = v_lay.id and r.status <> 'COMPLETED') then
    perform app.raise('CUTTING_RUN_OPEN', format('Lay L-%s already has a cutting run open', v_lay.lay_number), 'lay_id',
      jsonb_build_object('run_id', (select r.id from public.cutting_runs r where r.lay_id = v_lay.id and r.status <> 'COMPLETED')));
  end if;
  insert into public.cutting_runs (org_id, lay_id, cutter_id, machine)
    values (v_lay.org_id, v_lay.id, v_cutter, nullif(btrim(p_machine), ''))
    returning * into v_run;
  return app.replay_store(p_client_id, 'start_cutting_run', v_lay.org_id, jsonb_build_object('run', app.cutting_run_json(v_run)));
end $$;
comment on function public.start_cutting_run(uuid, uuid, text, uuid) is
  'Starts a cutting run on a lay (operators for themselves, supervisors+ for any cutter); idempotent by p_client_id. '
  'Errors: NOT_FOUND, FORBIDDEN, LAY_NOT_CUTTABLE, CUTTING_RUN_OPEN.';

-- Pause, resume: the cutter or a supervisor+.
create function public.set_cutting_run_status(p_run_id uuid, p_status public.cutting_run_status, p_client_id uuid default null)
returns jsonb
language plpgsql volatile security definer set search_path = '' set lock_timeout = '5s' as $$
declare
  v_run public.cutting_runs;
  v_me record;
  v_replay jsonb := app.replay_begin(p_client_id, 'set_cutting_run_status');
begin
  if v_replay is not null then
    return v_replay;
  end if;
  v_run := app.cutting_run_for_update(p_run_id);
  select * into v_me from app.require_member(v_run.org_id, 'operator', true);
  if v_run.cutter_id is distinct from v_me.member_id and v_me.role < 'supervisor' then
    perform app.raise('FORBIDDEN', 'Only the cutter or a supervisor changes this run', 'run_id',
                      jsonb_build_object('min_role', 'supervisor'));
  end if;
  if p_status = 'COMPLETED' then
    perform app.raise('VALIDATION_FAILED', 'Complete a run with complete_cutting_run (plies, fabric and wastage)', 'status');
  end if;
  if v_run.status = p_status then
    return app.replay_store(p_client_id, 'set_cutting_run_status', v_run.org_id, jsonb_build_object('run', app.cutting_run_json(v_run)));
  end if;
  update public.cutting_runs r set status = p_status where r.id = v_run.id returning * into v_run;
  return app.replay_store(p_client_id, 'set_cutting_run_status', v_run.org_id, jsonb_build_object('run', app.cutting_run_json(v_run)));
end $$;
comment on function public.set_cutting_run_status(uuid, public.cutting_run_status, uuid) is
  'Pauses (PAUSED) or resumes (IN_PROGRESS) a cutting run: the cutter or supervisors+. A completed run is final '
  '(INVALID_TRANSITION).';

-- Cuts a lay into bundles: per size, ratio × plies pieces in bundles of the lay's bundle size (the
-- last one of a size takes what is left), numbered in one go, at the lay's location. Internal: the
-- public RPCs below check the caller.
create function app.cut_lay_bundles(p_lay public.lays, p_run public.cutting_runs, p_plies integer) returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_n integer;
  v_first bigint;
begin
  if exists (select 1 from public.bundles b where b.lay_id = p_lay.id) then
    perform app.raise('LAY_ALREADY_BUNDLED', format('Bundles were already made from lay L-%s', p_lay.lay_number), 'lay_id');
  end if;
  if p_plies < 1 then
    perform app.raise('VALIDATION_FAILED', 'Nothing was cut: at least one ply makes bundles', 'plies_cut');
  end if;
  -- reserve the numbers at once (one counter update), then insert set-based
  select count(*) into v_n
    from jsonb_each(p_lay.size_ratio) e
    cross join lateral generate_series(1, ceil(((e.value #>> '{}')::integer * p_plies)::numeric / p_lay.bundle_size)::integer) g;
  insert into app.org_counters as c (org_id, kind, value) values (p_lay.org_id, 'bundle', 100 + v_n)
    on conflict (org_id, kind) do update set value = c.value + v_n
    returning c.value - v_n + 1 into v_first;
  with pieces as (
    select e.key as size, (e.value #>> '{}')::integer * p_plies as total,
           row_number() over (order by app.size_rank(e.key), e.key) as size_pos
    from jsonb_each(p_lay.size_ratio) e
  ), parts as (
    select p.size, p.size_pos, g as part,
           least(p_lay.bundle_size, p.total - (g - 1) * p_lay.bundle_size) as quantity
    from pieces p cross join lateral generate_series(1, ceil(p.total::numeric / p_lay.bundle_size)::integer) g
  )
  insert into public.bundles (org_id, bundle_number, style_id, cut_order_id, lay_id, cutting_run_id, size, colour, shade,
                              quantity, location_id)
  select p_lay.org_id, v_first + row_number() over (order by x.size_pos, x.part) - 1, p_lay.style_id, p_lay.cut_order_id,
         p_lay.id, p_run.id, x.size, p_lay.colour, p_lay.shade, x.quantity, p_lay.location_id
  from parts x;
  update public.lays l set status = 'cut' where l.id = p_lay.id;
  return coalesce((select jsonb_agg(app.bundle_json(b) order by b.bundle_number) from public.bundles b where b.lay_id = p_lay.id),
                  '[]'::jsonb);
end $$;
comment on function app.cut_lay_bundles(public.lays, public.cutting_runs, integer) is
  'Makes a lay''s bundles (ratio × plies pieces per size, in bundles of bundle_size, numbered in one go) and marks it cut.';

-- Completes a run with what was cut and, unless p_make_bundles is false, cuts the lay into bundles in
-- the same transaction.
create function public.complete_cutting_run(
  p_run_id uuid, p_plies_cut integer, p_defective_units integer default 0, p_fabric_used_kg numeric default null,
  p_wastage_kg numeric default null, p_standard_minutes numeric default null, p_notes text default null,
  p_make_bundles boolean default true, p_client_id uuid default null
) returns jsonb
language plpgsql volatile security definer set search_path = '' set lock_timeout = '5s' as $$
declare
  v_run public.cutting_runs;
  v_lay public.lays;
  v_me record;
  v_bundles jsonb := '[]'::jsonb;
  v_replay jsonb := app.replay_begin(p_client_id, 'complete_cutting_run');
begin
  if v_replay is not null then
    return v_replay;
  end if;
  v_run := app.cutting_run_for_update(p_run_id);
  select * into v_me from app.require_member(v_run.org_id, 'operator', true);
  if v_run.cutter_id is distinct from v_me.member_id and v_me.role < 'supervisor' then
    perform app.raise('FORBIDDEN', 'Only the cutter or a supervisor completes this run', 'run_id',
                      jsonb_build_object('min_role', 'supervisor'));
  end if;
  if v_run.status = 'COMPLETED' then
    perform app.raise('INVALID_TRANSITION', format('Cutting run %s is already completed', v_run.run_number), 'status',
                      jsonb_build_object('from', v_run.status, 'to', 'COMPLETED'));
  end if;
  if p_plies_cut is null or p_plies_cut < 1 then
    perform app.raise('VALIDATION_FAILED', 'How many plies were cut? At least 1', 'plies_cut');
  end if;
  if coalesce(p_defective_units, 0) < 0 then
    perform app.raise('VALIDATION_FAILED', 'Defective units cannot be negative', 'defective_units');
  end if;
  if p_fabric_used_kg is not null and p_fabric_used_kg <= 0 then
    perform app.raise('VALIDATION_FAILED', 'Fabric used is more than 0 kg', 'fabric_used_kg');
  end if;
  if p_wastage_kg is not null and p_wastage_kg < 0 then
    perform app.raise('VALIDATION_FAILED', 'Wastage cannot be negative', 'wastage_kg');
  end if;
  if p_standard_minutes is not null and p_standard_minutes < 0 then
    perform app.raise('VALIDATION_FAILED', 'Standard minutes cannot be negative', 'standard_minutes');
  end if;
  update public.cutting_runs r set status = 'COMPLETED', plies_cut = p_plies_cut,
         defective_units = coalesce(p_defective_units, 0), fabric_used_kg = p_fabric_used_kg, wastage_kg = p_wastage_kg,
         standard_minutes = p_standard_minutes, notes = coalesce(nullif(btrim(p_notes), ''), r.notes)
    where r.id = v_run.id returning * into v_run;
  select * into v_lay from public.lays l where l.id = v_run.lay_id for update;
  if p_make_bundles then
    v_bundles := app.cut_lay_bundles(v_lay, v_run, v_run.plies_cut);
  end if;
  return app.replay_store(p_client_id, 'complete_cutting_run', v_run.org_id,
                          jsonb_build_object('run', app.cutting_run_json(v_run), 'bundles', v_bundles));
end $$;
comment on function public.complete_cutting_run(uuid, integer, integer, numeric, numeric, numeric, text, boolean, uuid) is
  'Completes a cutting run (plies cut, defects, fabric used, wastage; efficiency and wastage % follow) and, unless '
  'p_make_bundles is false, cuts the lay into bundles. The cutter or supervisors+. Returns {run, bundles}.';

-- Cuts a lay into bundles without a run (or after a run completed without making them): supervisors+.
create function public.cut_lay_into_bundles(p_lay_id uuid, p_plies integer default null, p_client_id uuid default null)
returns jsonb
language plpgsql volatile security definer set search_path = '' set lock_timeout = '5s' as $$
declare
  v_lay public.lays;
  v_run public.cutting_runs;
  v_bundles jsonb;
  v_replay jsonb := app.replay_begin(p_client_id, 'cut_lay_into_bundles');
begin
  if v_replay is not null then
    return v_replay;
  end if;
  select * into v_lay from public.lays l where l.id = p_lay_id for update;
  if v_lay.id is null or not (v_lay.org_id = any (array(select app.my_org_ids())))
     and not app.is_service_role() and (select auth.role()) is not null then
    perform app.raise('NOT_FOUND', 'No such lay in this workshop', 'lay_id');
  end if;
  perform app.require_member(v_lay.org_id, 'supervisor', true);
  if v_lay.status = 'cancelled' then
    perform app.raise('LAY_NOT_CUTTABLE', format('Lay L-%s is cancelled', v_lay.lay_number), 'lay_id');
  end if;
  if exists (select 1 from public.cutting_runs r where r.lay_id = v_lay.id and r.status <> 'COMPLETED') then
    perform app.raise('CUTTING_RUN_OPEN', format('Lay L-%s has a cutting run open: complete it first', v_lay.lay_number), 'lay_id');
  end if;
  select * into v_run from public.cutting_runs r where r.lay_id = v_lay.id and r.status = 'COMPLETED'
    order by r.end_time desc limit 1;
  if p_plies is not null and (p_plies < 1 or p_plies > v_lay.plies) then
    perform app.raise('VALIDATION_FAILED', format('Plies are 1 to %s for this lay', v_lay.plies), 'plies');
  end if;
  v_bundles := app.cut_lay_bundles(v_lay, v_run, coalesce(p_plies, nullif(v_run.plies_cut, 0), v_lay.plies));
  return app.replay_store(p_client_id, 'cut_lay_into_bundles', v_lay.org_id, jsonb_build_object('bundles', v_bundles));
end $$;
comment on function public.cut_lay_into_bundles(uuid, integer, uuid) is
  'Supervisors+: cuts a lay into numbered bundles (plies: given, else the last completed run''s, else the lay''s). '
  'Errors: NOT_FOUND, LAY_NOT_CUTTABLE, CUTTING_RUN_OPEN, LAY_ALREADY_BUNDLED.';

-- ------------------------------------------------------------------ bundles
-- Moves a bundle: a transition of its type (by name) and/or a new location, with a reason, the scan
-- time and the device recorded in bundle_status_history. Members; the transition's requires (reason,
-- role) are the type's.
create function public.move_bundle(
  p_bundle_id uuid, p_transition text default null, p_location_id uuid default null, p_reason text default null,
  p_scanned_at timestamptz default null, p_expected_status text default null, p_client_id uuid default null
) returns jsonb
language plpgsql volatile security definer set search_path = '' set lock_timeout = '5s' as $$
declare
  v_b public.bundles;
  v_to text;
  v_replay jsonb := app.replay_begin(p_client_id, 'move_bundle');
begin
  if v_replay is not null then
    return v_replay;
  end if;
  select * into v_b from public.bundles b where b.id = p_bundle_id for update;
  if v_b.id is null or not (v_b.org_id = any (array(select app.my_org_ids())))
     and not app.is_service_role() and (select auth.role()) is not null then
    perform app.raise('NOT_FOUND', 'No such bundle in this workshop', 'bundle_id');
  end if;
  perform app.require_member(v_b.org_id, 'operator', true);
  if p_expected_status is not null and p_expected_status <> v_b.status then
    perform app.raise('CONFLICT', format('Bundle BN-%s is %s now', v_b.bundle_number, v_b.status), 'status',
                      jsonb_build_object('status', v_b.status));
  end if;
  if p_transition is null and p_location_id is null then
    perform app.raise('VALIDATION_FAILED', 'Say where the bundle goes: a transition or a location', 'transition');
  end if;
  if p_location_id is not null and not exists (select 1 from public.locations l where l.id = p_location_id
                                                 and l.org_id = v_b.org_id and l.is_active) then
    perform app.raise('NOT_FOUND', 'No such location in this workshop', 'location_id');
  end if;
  if p_scanned_at is not null and (p_scanned_at > now() + interval '5 minutes' or p_scanned_at < now() - interval '7 days') then
    perform app.raise('VALIDATION_FAILED', 'The scan time is within the last 7 days', 'scanned_at');
  end if;
  v_to := v_b.status;
  if p_transition is not null then
    v_to := (app.fsm_require(v_b.type_definition_id, v_b.status, null, p_transition)) ->> 'to';
    perform set_config('floorline.fsm_transition', p_transition, true);
  end if;
  perform set_config('floorline.fsm_reason', coalesce(btrim(p_reason), ''), true);
  perform set_config('floorline.bundle_scanned_at', coalesce(p_scanned_at::text, ''), true);
  update public.bundles b set status = v_to, location_id = coalesce(p_location_id, b.location_id)
    where b.id = v_b.id returning * into v_b;
  perform set_config('floorline.fsm_transition', '', true);
  perform set_config('floorline.fsm_reason', '', true);
  perform set_config('floorline.bundle_scanned_at', '', true);
  return app.replay_store(p_client_id, 'move_bundle', v_b.org_id, jsonb_build_object('bundle', app.bundle_json(v_b)));
end $$;
comment on function public.move_bundle(uuid, text, uuid, text, timestamptz, text, uuid) is
  'Members: moves a bundle by a transition of its type and/or to a location; the reason, scan time and device go to '
  'bundle_status_history. Errors: NOT_FOUND, CONFLICT (p_expected_status), INVALID_TRANSITION, VALIDATION_FAILED '
  '(reason), FORBIDDEN (role).';

revoke execute on all functions in schema app from public;
revoke execute on function public.create_cut_order(uuid, uuid, jsonb, uuid, date, text),
  public.start_cutting_run(uuid, uuid, text, uuid),
  public.set_cutting_run_status(uuid, public.cutting_run_status, uuid),
  public.complete_cutting_run(uuid, integer, integer, numeric, numeric, numeric, text, boolean, uuid),
  public.cut_lay_into_bundles(uuid, integer, uuid),
  public.move_bundle(uuid, text, uuid, text, timestamptz, text, uuid)
  from public, anon;
grant execute on function public.create_cut_order(uuid, uuid, jsonb, uuid, date, text),
  public.start_cutting_run(uuid, uuid, text, uuid),
  public.set_cutting_run_status(uuid, public.cutting_run_status, uuid),
  public.complete_cutting_run(uuid, integer, integer, numeric, numeric, numeric, text, boolean, uuid),
  public.cut_lay_into_bundles(uuid, integer, uuid),
  public.move_bundle(uuid, text, uuid, text, timestamptz, text, uuid)
  to authenticated, service_role;
