-- Garment cutting, first part (issue 14, spec 03 §4; docs/garment.md): styles, cut orders with their
-- size/colour quantities, lays, numbered bundles and the bundle's status history.
--
-- How a garment factory runs it: a cut order asks for so many pieces of a style per size and colour
-- (for a customer order when there is one); a lay spreads plies of one fabric/colour under a marker
-- with a size ratio; cutting it yields numbered bundles — one size, one colour, one shade, a count of
-- pieces — that travel down the sewing line, QC and packing. Cutting runs and the RPCs that cut a lay
-- into bundles come in the next migration.
--
-- Bundles follow the state-machine engine (docs/workflows.md): subject 'bundle', the system type
-- 'garment-bundle' (cut → in_sewing → sewn → in_qc → packed, rework, reject, hold/release). A BEFORE
-- trigger checks every status change with app.fsm_guard, whoever writes (garment-sew's RPCs move a
-- bundle cut → in_sewing → sewn with a plain UPDATE; those two steps need no reason or role). History:
-- public.bundle_status_history (spec §4.1) records every status OR location change with who, why,
-- when it was scanned and on which device; state_history keeps the engine's cross-subject record of
-- the status changes, as for every subject.

insert into app.error_codes (code, status, meaning) values
  ('STYLE_ARCHIVED', 422, 'The style is archived: nothing new is cut for it.'),
  ('PRODUCT_TYPE_ARCHIVED', 422, 'The product type is archived: no new style can use it.')
on conflict (code) do nothing;

-- ------------------------------------------------------------------ styles
create table public.styles (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organisations (id) on delete cascade,
  product_type_id uuid not null,
  code text not null check (code ~ '^[A-Z0-9][A-Z0-9_-]{1,31}$'),
  name text not null check (length(btrim(name)) between 1 and 100),
  description text check (length(description) <= 2000),
  default_fabric text check (length(btrim(default_fabric)) between 1 and 100),
  cutting_minutes_per_ply numeric(6, 3) check (cutting_minutes_per_ply > 0 and cutting_minutes_per_ply <= 600),
  archived_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (org_id, code),
  unique (org_id, id),
  foreign key (org_id, product_type_id) references public.product_types (org_id, id)
);
comment on table public.styles is
  'A garment design of one product type (a crew-neck T-shirt, a piqué polo): what cut orders, lays and bundles are '
  'of. Members read, managers+ write. Archive with archived_at: bundles keep pointing here.';
comment on column public.styles.code is 'Upper-case letters, digits, _ and -; unique per organisation (TS-CREW).';
comment on column public.styles.default_fabric is 'The fabric a new lay of this style starts with.';
comment on column public.styles.cutting_minutes_per_ply is
  'Standard cutting minutes per ply of a lay: a cutting run''s standard minutes = this × plies cut (spec §4.2).';

create index styles_org_product_type_idx on public.styles (org_id, product_type_id);

create trigger styles_set_updated_at before update on public.styles
  for each row execute function app.set_updated_at();
create trigger styles_audit after insert or update or delete on public.styles
  for each row execute function app.audit_row();

-- A new style needs a live product type (archived ones keep their styles but get no new ones).
create function app.styles_check() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if (tg_op = 'INSERT' or new.product_type_id is distinct from old.product_type_id)
     and exists (select 1 from public.product_types p where p.id = new.product_type_id and p.archived_at is not null) then
    perform app.raise('PRODUCT_TYPE_ARCHIVED', 'That product type is archived: pick another for the style', 'product_type_id');
  end if;
  return new;
end $$;
comment on function app.styles_check() is 'Trigger: a style gets a product type that is not archived.';
create trigger styles_check before insert or update of product_type_id on public.styles
  for each row execute function app.styles_check();

-- ------------------------------------------------------------------ cut orders
create table public.cut_orders (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organisations (id) on delete cascade,
  cut_order_number integer not null,
  style_id uuid not null,
  order_id uuid,
  due_date date,
  notes text check (length(notes) <= 2000),
  closed_at timestamptz,
  created_by uuid,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (org_id, cut_order_number),
  unique (org_id, id),
  foreign key (org_id, style_id) references public.styles (org_id, id),
  foreign key (org_id, order_id) references public.orders (org_id, id) on delete set null (order_id),
  foreign key (org_id, created_by) references public.members (org_id, id) on delete set null (created_by)
);
comment on table public.cut_orders is
  'What to cut: pieces of one style per size and colour (cut_order_lines), for a customer order when there is one. '
  'Members read; supervisors+ write (create_cut_order writes the order and its lines in one go).';
comment on column public.cut_orders.cut_order_number is 'Per-organisation number (CO-1001 on screen), from app.next_number.';
comment on column public.cut_orders.order_id is 'The customer order this cut is for, if any.';
comment on column public.cut_orders.closed_at is 'Set when nothing more is cut for it.';

create index cut_orders_org_style_idx on public.cut_orders (org_id, style_id);
create index cut_orders_org_order_idx on public.cut_orders (org_id, order_id);
create index cut_orders_org_created_by_idx on public.cut_orders (org_id, created_by);
create index cut_orders_org_created_idx on public.cut_orders (org_id, created_at desc);

create table public.cut_order_lines (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null,
  cut_order_id uuid not null,
  size text not null check (size ~ '^[A-Za-z0-9][A-Za-z0-9 /._-]{0,15}$'),
  colour text not null check (length(btrim(colour)) between 1 and 40),
  quantity integer not null check (quantity between 1 and 100000),
  unique (cut_order_id, size, colour),
  foreign key (org_id, cut_order_id) references public.cut_orders (org_id, id) on delete cascade
);
comment on table public.cut_order_lines is 'A cut order''s pieces of one size and colour.';
create index cut_order_lines_org_cut_order_idx on public.cut_order_lines (org_id, cut_order_id);

-- Numbers and the style come from the database; a cut order keeps its style.
create function app.cut_orders_check() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if tg_op = 'INSERT' then
    if exists (select 1 from public.styles s where s.id = new.style_id and s.archived_at is not null) then
      perform app.raise('STYLE_ARCHIVED', 'That style is archived: nothing new is cut for it', 'style_id');
    end if;
    new.cut_order_number := app.next_number(new.org_id, 'cut_order', 1001);
    new.created_by := coalesce(new.created_by, app.actor_member_id(new.org_id));
  else
    new.cut_order_number := old.cut_order_number;
    new.style_id := old.style_id;
    new.created_at := old.created_at;
  end if;
  return new;
end $$;
comment on function app.cut_orders_check() is 'Trigger: numbers a new cut order, refuses archived styles, keeps number and style.';
create trigger cut_orders_check before insert or update on public.cut_orders
  for each row execute function app.cut_orders_check();
create trigger cut_orders_set_updated_at before update on public.cut_orders
  for each row execute function app.set_updated_at();
create trigger cut_orders_audit after insert or update or delete on public.cut_orders
  for each row execute function app.audit_row();
create trigger cut_order_lines_audit after insert or update or delete on public.cut_order_lines
  for each row execute function app.audit_row();

-- ------------------------------------------------------------------ lays
create type public.lay_status as enum ('planned', 'cutting', 'cut', 'cancelled');
comment on type public.lay_status is
  'planned (spread or about to be), cutting (a cutting run is open), cut (bundles made), cancelled.';

create table public.lays (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organisations (id) on delete cascade,
  lay_number integer not null,
  cut_order_id uuid not null,
  style_id uuid not null,
  fabric text not null check (length(btrim(fabric)) between 1 and 100),
  colour text not null check (length(btrim(colour)) between 1 and 40),
  shade text not null default 'A' check (shade ~ '^[A-Za-z0-9][A-Za-z0-9-]{0,15}$'),
  marker_length_m numeric(7, 3) not null check (marker_length_m > 0 and marker_length_m <= 100),
  marker_width_cm numeric(6, 1) check (marker_width_cm > 0 and marker_width_cm <= 500),
  plies integer not null check (plies between 1 and 500),
  size_ratio jsonb not null,
  planned_units integer not null,
  bundle_size integer not null default 20 check (bundle_size between 1 and 1000),
  status public.lay_status not null default 'planned',
  location_id uuid,
  notes text check (length(notes) <= 2000),
  created_by uuid,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (org_id, lay_number),
  unique (org_id, id),
  foreign key (org_id, cut_order_id) references public.cut_orders (org_id, id) on delete cascade,
  foreign key (org_id, style_id) references public.styles (org_id, id),
  foreign key (org_id, location_id) references public.locations (org_id, id) on delete set null (location_id),
  foreign key (org_id, created_by) references public.members (org_id, id) on delete set null (created_by)
);
comment on table public.lays is
  'A spread of plies of one fabric, colour and shade under a marker, with a size ratio (pieces of each size per ply). '
  'planned_units = plies × the ratio''s sum (kept by trigger). Cutting it makes bundles of bundle_size pieces. '
  'Members read; supervisors+ write.';
comment on column public.lays.lay_number is 'Per-organisation number (L-1001 on screen).';
comment on column public.lays.style_id is 'The cut order''s style (copied by trigger, so bundles and runs join on it).';
comment on column public.lays.marker_length_m is 'Marker length in metres.';
comment on column public.lays.size_ratio is 'JSON object size → pieces per ply, e.g. {"S": 1, "M": 2, "L": 2, "XL": 1}.';
comment on column public.lays.planned_units is 'plies × sum of the size ratio: the pieces this lay should yield.';
comment on column public.lays.bundle_size is 'Pieces per bundle when the lay is cut into bundles (the last of a size takes the rest).';

create index lays_org_cut_order_idx on public.lays (org_id, cut_order_id);
create index lays_org_style_idx on public.lays (org_id, style_id);
create index lays_org_location_idx on public.lays (org_id, location_id);
create index lays_org_created_by_idx on public.lays (org_id, created_by);
create index lays_org_status_idx on public.lays (org_id, status, created_at desc);

-- A size ratio is an object of 1–20 sizes, each a whole number of pieces per ply (1..50).
create function app.size_ratio_problem(p_ratio jsonb) returns text
language sql immutable set search_path = '' as $$
  select case
    when p_ratio is null or jsonb_typeof(p_ratio) <> 'object' then 'The size ratio must be sizes with pieces per ply'
    when (select count(*) from jsonb_object_keys(p_ratio)) not between 1 and 20 then 'The size ratio needs 1 to 20 sizes'
    when exists (select 1 from jsonb_each(p_ratio) e where e.key !~ '^[A-Za-z0-9][A-Za-z0-9 /._-]{0,15}$') then
      'A size is 1 to 16 letters, digits, spaces or / . _ -'
    when exists (select 1 from jsonb_each(p_ratio) e
                 where jsonb_typeof(e.value) <> 'number' or (e.value #>> '{}')::numeric <> trunc((e.value #>> '{}')::numeric)
                    or (e.value #>> '{}')::numeric not between 1 and 50) then
      'Each size takes a whole number of pieces per ply, 1 to 50'
  end
$$;
comment on function app.size_ratio_problem(jsonb) is 'Why a lay''s size ratio is not valid, or null.';

create function app.lays_check() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  v_problem text := app.size_ratio_problem(new.size_ratio);
begin
  if v_problem is not null then
    perform app.raise('VALIDATION_FAILED', v_problem, 'size_ratio');
  end if;
  if tg_op = 'INSERT' then
    new.lay_number := app.next_number(new.org_id, 'lay', 1001);
    new.created_by := coalesce(new.created_by, app.actor_member_id(new.org_id));
    select c.style_id into new.style_id from public.cut_orders c where c.id = new.cut_order_id and c.org_id = new.org_id;
  else
    new.lay_number := old.lay_number;
    new.cut_order_id := old.cut_order_id;
    new.style_id := old.style_id;
    new.created_at := old.created_at;
    if old.status in ('cut', 'cancelled')
       and (new.plies, new.size_ratio, new.bundle_size, new.colour, new.shade)
           is distinct from (old.plies, old.size_ratio, old.bundle_size, old.colour, old.shade) then
      perform app.raise('RULE_VIOLATION', 'This lay is already cut (or cancelled): its plies, ratio, colour and shade stay',
                        'plies', jsonb_build_object('status', old.status));
    end if;
  end if;
  new.planned_units := new.plies * (select sum((e.value #>> '{}')::integer) from jsonb_each(new.size_ratio) e);
  return new;
end $$;
comment on function app.lays_check() is
  'Trigger: checks the size ratio, numbers a new lay, takes the cut order''s style, keeps planned_units = plies × '
  'ratio sum, and freezes what was cut.';
create trigger lays_check before insert or update on public.lays
  for each row execute function app.lays_check();
create trigger lays_set_updated_at before update on public.lays
  for each row execute function app.set_updated_at();
create trigger lays_audit after insert or update or delete on public.lays
  for each row execute function app.audit_row();

-- ------------------------------------------------------------------ the bundle state machine (system type)
insert into public.type_definitions (org_id, subject, type_code, type_name, fsm_schema) values
(null, 'bundle', 'garment-bundle', 'Garment bundle', $j${
  "init": "cut",
  "states": ["cut", "in_sewing", "sewn", "in_qc", "packed", "on_hold", "rejected"],
  "terminal": ["packed", "rejected"],
  "transitions": [
    {"name": "start_sewing", "from": "cut", "to": "in_sewing"},
    {"name": "finish_sewing", "from": "in_sewing", "to": "sewn"},
    {"name": "send_to_qc", "from": "sewn", "to": "in_qc"},
    {"name": "pack", "from": "in_qc", "to": "packed"},
    {"name": "rework", "from": "in_qc", "to": "in_sewing", "requires": {"reason": true}},
    {"name": "reject", "from": "in_qc", "to": "rejected", "requires": {"reason": true, "min_role": "supervisor"}},
    {"name": "hold", "from": ["cut", "in_sewing", "sewn", "in_qc"], "to": "on_hold",
     "requires": {"reason": true, "min_role": "supervisor"}},
    {"name": "release_to_cut", "from": "on_hold", "to": "cut", "requires": {"min_role": "supervisor"}},
    {"name": "release_to_sewing", "from": "on_hold", "to": "in_sewing", "requires": {"min_role": "supervisor"}},
    {"name": "release_to_sewn", "from": "on_hold", "to": "sewn", "requires": {"min_role": "supervisor"}},
    {"name": "release_to_qc", "from": "on_hold", "to": "in_qc", "requires": {"min_role": "supervisor"}}
  ],
  "meta": {
    "cut": {"label": "Cut"}, "in_sewing": {"label": "In sewing"}, "sewn": {"label": "Sewn"},
    "in_qc": {"label": "In QC"}, "packed": {"label": "Packed"}, "on_hold": {"label": "On hold"},
    "rejected": {"label": "Rejected"}
  }
}$j$);

-- ------------------------------------------------------------------ bundles
create table public.bundles (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organisations (id) on delete cascade,
  bundle_number integer not null,
  style_id uuid not null,
  cut_order_id uuid,
  lay_id uuid,
  size text not null check (size ~ '^[A-Za-z0-9][A-Za-z0-9 /._-]{0,15}$'),
  colour text not null check (length(btrim(colour)) between 1 and 40),
  shade text not null default 'A' check (shade ~ '^[A-Za-z0-9][A-Za-z0-9-]{0,15}$'),
  quantity integer not null check (quantity between 1 and 1000),
  rejected_quantity integer not null default 0,
  type_definition_id uuid not null references public.type_definitions (id),
  type_version integer not null,
  status text not null check (length(status) between 1 and 32),
  location_id uuid,
  created_by uuid,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (org_id, bundle_number),
  unique (org_id, id),
  check (rejected_quantity between 0 and quantity),
  foreign key (org_id, style_id) references public.styles (org_id, id),
  foreign key (org_id, cut_order_id) references public.cut_orders (org_id, id) on delete set null (cut_order_id),
  foreign key (org_id, lay_id) references public.lays (org_id, id) on delete set null (lay_id),
  foreign key (org_id, location_id) references public.locations (org_id, id) on delete set null (location_id),
  foreign key (org_id, created_by) references public.members (org_id, id) on delete set null (created_by)
);
comment on table public.bundles is
  'A numbered bundle of cut pieces of one style, size, colour and shade ("bundle 117") travelling down the line. '
  'Its status follows the type definition (system type garment-bundle) checked by trigger on every path; every '
  'status or location change lands in bundle_status_history. Members read; written by the cutting RPCs and '
  'the sewing RPCs (security definer).';
comment on column public.bundles.bundle_number is 'Per-organisation number, from app.next_number (101, 102, …).';
comment on column public.bundles.quantity is 'Pieces in the bundle.';
comment on column public.bundles.rejected_quantity is 'Pieces rejected so far (0..quantity); good units = quantity − rejected_quantity.';
comment on column public.bundles.status is 'A state of the bundle''s type (cut, in_sewing, sewn, in_qc, packed, on_hold, rejected).';
comment on column public.bundles.type_version is 'The type version the status was last checked against.';
comment on column public.bundles.location_id is 'Where the bundle is now (a cutting room, a sewing line…).';

create index bundles_org_status_idx on public.bundles (org_id, status, created_at desc);
create index bundles_org_style_idx on public.bundles (org_id, style_id);
create index bundles_org_cut_order_idx on public.bundles (org_id, cut_order_id);
create index bundles_org_lay_idx on public.bundles (org_id, lay_id);
create index bundles_org_location_idx on public.bundles (org_id, location_id);
create index bundles_org_created_by_idx on public.bundles (org_id, created_by);
create index bundles_type_status_idx on public.bundles (type_definition_id, status);

-- The bundle type an organisation's new bundles follow: its own copy when it has exactly one live
-- bundle type of its own, else the system type.
create function app.bundle_type_id(p_org_id uuid) returns uuid
language sql stable security definer set search_path = '' as $$
  select coalesce(
    (select (array_agg(d.id))[1] from public.type_definitions d
     where d.org_id = p_org_id and d.subject = 'bundle' and d.archived_at is null
     having count(*) = 1),
    (select d.id from public.type_definitions d where d.org_id is null and d.type_code = 'garment-bundle'))
$$;
comment on function app.bundle_type_id(uuid) is
  'The type new bundles of an organisation follow: its only live own bundle type, else the system garment-bundle.';

create function app.bundles_check() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  v_type public.type_definitions;
  v_decision jsonb;
begin
  if tg_op = 'UPDATE' then
    if (new.org_id, new.type_definition_id, new.bundle_number, new.style_id, new.size, new.colour, new.shade, new.quantity)
       is distinct from (old.org_id, old.type_definition_id, old.bundle_number, old.style_id, old.size, old.colour, old.shade,
                         old.quantity) then
      perform app.raise('VALIDATION_FAILED', 'A bundle keeps its number, style, size, colour, shade and quantity once cut',
                        'bundle_number');
    end if;
    new.created_at := old.created_at;
  end if;
  new.type_definition_id := coalesce(new.type_definition_id, app.bundle_type_id(new.org_id));
  select * into v_type from public.type_definitions d where d.id = new.type_definition_id;
  if v_type.id is null or v_type.subject <> 'bundle' or (v_type.org_id is not null and v_type.org_id <> new.org_id) then
    perform app.raise('NOT_FOUND', 'No such bundle type in this organisation', 'type_definition_id');
  end if;

  if tg_op = 'INSERT' then
    if exists (select 1 from public.styles s where s.id = new.style_id and s.archived_at is not null) then
      perform app.raise('STYLE_ARCHIVED', 'That style is archived: nothing new is cut for it', 'style_id');
    end if;
    if new.lay_id is not null and not exists (
         select 1 from public.lays l where l.id = new.lay_id and l.org_id = new.org_id and l.style_id = new.style_id
           and l.colour = new.colour and l.shade = new.shade) then
      perform app.raise('VALIDATION_FAILED', 'A bundle from a lay has the lay''s style, colour and shade', 'lay_id');
    end if;
    if v_type.archived_at is not null then
      perform app.raise('TYPE_ARCHIVED', format('%s is archived: new bundles cannot use it', v_type.type_name),
                        'type_definition_id');
    end if;
    new.status := coalesce(new.status, v_type.fsm_schema ->> 'init');
    if new.status <> v_type.fsm_schema ->> 'init' then
      perform app.raise('INVALID_TRANSITION',
        format('A new bundle starts in "%s", not "%s"', v_type.fsm_schema ->> 'init', new.status), 'status',
        jsonb_build_object('from', null, 'to', new.status, 'transition', 'init', 'available', jsonb_build_array('init')));
    end if;
    new.type_version := v_type.version;
    new.bundle_number := coalesce(new.bundle_number, app.next_number(new.org_id, 'bundle', 101));
    new.created_by := coalesce(new.created_by, app.actor_member_id(new.org_id));
    return new;
  end if;

  if new.status is distinct from old.status then
    v_decision := app.fsm_guard(new.type_definition_id, old.status, new.status);
    if not app.fsm_migrating() then
      perform app.fsm_check_requires(new.org_id, v_decision -> 'requires');
    end if;
    new.type_version := v_type.version;
  end if;
  return new;
end $$;
comment on function app.bundles_check() is
  'Trigger: a new bundle is numbered and starts in its type''s init state; a status change must be a transition of '
  'the type with its requires met (app.fsm_guard, app.fsm_check_requires); what was cut stays.';

create trigger bundles_check before insert or update on public.bundles
  for each row execute function app.bundles_check();
create trigger bundles_set_updated_at before update on public.bundles
  for each row execute function app.set_updated_at();
create trigger bundles_state_history after insert or update of status on public.bundles
  for each row execute function app.fsm_history('bundle', 'status', 'type_definition_id');

insert into app.fsm_subjects (subject, relation, type_column, state_column, version_column, live_predicate)
  values ('bundle', 'public.bundles', 'type_definition_id', 'status', 'type_version', 'true');

-- ------------------------------------------------------------------ bundle status history (spec §4.1)
create table public.bundle_status_history (
  id bigint generated always as identity primary key,
  org_id uuid not null,
  bundle_id uuid not null,
  from_status text,
  to_status text not null,
  from_location_id uuid,
  to_location_id uuid,
  transition text,
  changed_by uuid,
  member_id uuid,
  change_reason text,
  scanned_at timestamptz,
  scanner_device text,
  created_at timestamptz not null default now(),
  foreign key (org_id, bundle_id) references public.bundles (org_id, id) on delete cascade,
  foreign key (org_id, from_location_id) references public.locations (org_id, id) on delete set null (from_location_id),
  foreign key (org_id, to_location_id) references public.locations (org_id, id) on delete set null (to_location_id),
  foreign key (org_id, member_id) references public.members (org_id, id) on delete set null (member_id)
);
comment on table public.bundle_status_history is
  'Spec 03 §4.1 BundleStatusHistory: every status or location change of a bundle, whichever path made it — from/to '
  'status and location, who (auth user and member), why, when it was scanned and on which device. Written only by '
  'the trigger app.bundle_history(); members read their organisation''s.';
comment on column public.bundle_status_history.from_status is 'null for the bundle''s first row (it was cut).';
comment on column public.bundle_status_history.changed_by is 'The auth user (null for SQL, seeds and the service role).';
comment on column public.bundle_status_history.change_reason is 'floorline.fsm_reason of the transaction, when set.';
comment on column public.bundle_status_history.scanned_at is
  'When the bundle''s label was scanned for this change (floorline.bundle_scanned_at; a tablet''s offline time).';
comment on column public.bundle_status_history.scanner_device is 'floorline.fsm_device, else the x-device-id header.';

create index bundle_status_history_bundle_idx on public.bundle_status_history (org_id, bundle_id, created_at);
create index bundle_status_history_org_created_idx on public.bundle_status_history (org_id, created_at desc);
create index bundle_status_history_to_status_idx on public.bundle_status_history (org_id, to_status);
create index bundle_status_history_from_location_idx on public.bundle_status_history (org_id, from_location_id);
create index bundle_status_history_to_location_idx on public.bundle_status_history (org_id, to_location_id);
create index bundle_status_history_member_idx on public.bundle_status_history (org_id, member_id);

-- One row per status or location change, reading the transaction's settings the RPCs set
-- (set_config(…, true)): floorline.fsm_transition, floorline.fsm_reason, floorline.fsm_device,
-- floorline.bundle_scanned_at.
create function app.bundle_history() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  v_scanned text := nullif(btrim(current_setting('floorline.bundle_scanned_at', true)), '');
  v_transition text := nullif(btrim(current_setting('floorline.fsm_transition', true)), '');
begin
  if tg_op = 'UPDATE' and new.status is not distinct from old.status and new.location_id is not distinct from old.location_id then
    return null;
  end if;
  if tg_op = 'INSERT' then
    v_transition := 'init';
  elsif new.status is not distinct from old.status then
    v_transition := 'move';
  elsif v_transition is null then
    v_transition := app.fsm_decide(new.type_definition_id, old.status, null, new.status) ->> 'transition';
  end if;
  insert into public.bundle_status_history (org_id, bundle_id, from_status, to_status, from_location_id, to_location_id,
                                            transition, changed_by, member_id, change_reason, scanned_at, scanner_device)
  values (new.org_id, new.id, case when tg_op = 'UPDATE' then old.status end, new.status,
          case when tg_op = 'UPDATE' then old.location_id end, new.location_id, v_transition,
          (select auth.uid()), app.actor_member_id(new.org_id),
          nullif(btrim(current_setting('floorline.fsm_reason', true)), ''),
          v_scanned::timestamptz,
          coalesce(nullif(btrim(current_setting('floorline.fsm_device', true)), ''), app.request_header('x-device-id')));
  return null;
end $$;
comment on function app.bundle_history() is
  'Trigger (after insert or update of status, location_id on bundles): one bundle_status_history row per change, '
  'with the transition, reason, scan time and device of the transaction and the acting user and member.';

create trigger bundles_status_history after insert or update of status, location_id on public.bundles
  for each row execute function app.bundle_history();

-- ------------------------------------------------------------------ RLS
alter table public.styles enable row level security;
alter table public.cut_orders enable row level security;
alter table public.cut_order_lines enable row level security;
alter table public.lays enable row level security;
alter table public.bundles enable row level security;
alter table public.bundle_status_history enable row level security;

create policy styles_select on public.styles for select to authenticated
  using (org_id = any (array(select app.my_org_ids())));
create policy styles_insert on public.styles for insert to authenticated
  with check (org_id = any (array(select app.my_org_ids('manager'))));
create policy styles_update on public.styles for update to authenticated
  using (org_id = any (array(select app.my_org_ids('manager'))))
  with check (org_id = any (array(select app.my_org_ids('manager'))));
create policy styles_delete on public.styles for delete to authenticated
  using (org_id = any (array(select app.my_org_ids('manager'))));

create policy cut_orders_select on public.cut_orders for select to authenticated
  using (org_id = any (array(select app.my_org_ids())));
create policy cut_orders_insert on public.cut_orders for insert to authenticated
  with check (org_id = any (array(select app.my_org_ids('supervisor'))));
create policy cut_orders_update on public.cut_orders for update to authenticated
  using (org_id = any (array(select app.my_org_ids('supervisor'))))
  with check (org_id = any (array(select app.my_org_ids('supervisor'))));
create policy cut_orders_delete on public.cut_orders for delete to authenticated
  using (org_id = any (array(select app.my_org_ids('manager'))));

create policy cut_order_lines_select on public.cut_order_lines for select to authenticated
  using (org_id = any (array(select app.my_org_ids())));
create policy cut_order_lines_insert on public.cut_order_lines for insert to authenticated
  with check (org_id = any (array(select app.my_org_ids('supervisor'))));
create policy cut_order_lines_update on public.cut_order_lines for update to authenticated
  using (org_id = any (array(select app.my_org_ids('supervisor'))))
  with check (org_id = any (array(select app.my_org_ids('supervisor'))));
create policy cut_order_lines_delete on public.cut_order_lines for delete to authenticated
  using (org_id = any (array(select app.my_org_ids('supervisor'))));

create policy lays_select on public.lays for select to authenticated
  using (org_id = any (array(select app.my_org_ids())));
create policy lays_insert on public.lays for insert to authenticated
  with check (org_id = any (array(select app.my_org_ids('supervisor'))));
create policy lays_update on public.lays for update to authenticated
  using (org_id = any (array(select app.my_org_ids('supervisor'))))
  with check (org_id = any (array(select app.my_org_ids('supervisor'))));
create policy lays_delete on public.lays for delete to authenticated
  using (org_id = any (array(select app.my_org_ids('manager'))));

-- bundles and their history: read by members; written by RPCs and triggers only
create policy bundles_select on public.bundles for select to authenticated
  using (org_id = any (array(select app.my_org_ids())));
create policy bundles_insert on public.bundles for insert to authenticated with check (false);
create policy bundles_update on public.bundles for update to authenticated using (false);
create policy bundles_delete on public.bundles for delete to authenticated using (false);

create policy bundle_status_history_select on public.bundle_status_history for select to authenticated
  using (org_id = any (array(select app.my_org_ids())));
create policy bundle_status_history_insert on public.bundle_status_history for insert to authenticated with check (false);
create policy bundle_status_history_update on public.bundle_status_history for update to authenticated using (false);
create policy bundle_status_history_delete on public.bundle_status_history for delete to authenticated using (false);

revoke all on public.styles, public.cut_orders, public.cut_order_lines, public.lays, public.bundles,
  public.bundle_status_history from public, anon, authenticated, service_role;
grant select, delete on public.styles, public.cut_orders, public.cut_order_lines, public.lays to authenticated;
grant select on public.bundles, public.bundle_status_history to authenticated;
grant insert (id, org_id, product_type_id, code, name, description, default_fabric, cutting_minutes_per_ply, archived_at)
  on public.styles to authenticated;
grant update (product_type_id, code, name, description, default_fabric, cutting_minutes_per_ply, archived_at)
  on public.styles to authenticated;
grant insert (id, org_id, style_id, order_id, due_date, notes) on public.cut_orders to authenticated;
grant update (order_id, due_date, notes, closed_at) on public.cut_orders to authenticated;
grant insert (id, org_id, cut_order_id, size, colour, quantity) on public.cut_order_lines to authenticated;
grant update (quantity) on public.cut_order_lines to authenticated;
grant insert (id, org_id, cut_order_id, fabric, colour, shade, marker_length_m, marker_width_cm, plies, size_ratio,
              bundle_size, location_id, notes)
  on public.lays to authenticated;
grant update (fabric, colour, shade, marker_length_m, marker_width_cm, plies, size_ratio, bundle_size, location_id, notes)
  on public.lays to authenticated;
grant all on public.styles, public.cut_orders, public.cut_order_lines, public.lays, public.bundles to service_role;
-- history: the service role reads it and writes nothing directly (RLS is bypassed, so no write grant)
grant select on public.bundle_status_history to service_role;

revoke execute on all functions in schema app from public;
