-- Sewing operations (issue 14, spec 03 §2.1): the operation list of a product type — name, sequence,
-- standard minutes (SMV), piece rate, machine, skill, QC checkpoint with its defect codes — and
-- depends_on, the operations that must have produced a bundle's units before this one may work on
-- them. depends_on is a DAG inside one product type; the database refuses unknown ids, ids of another
-- organisation or product type, and cycles, whatever path writes (trigger, one advisory lock per
-- product type so two concurrent edits cannot close a cycle between them).
-- Piece rates change; earnings pay the rate in force when the work was done, so every rate/SMV an
-- operation ever had is kept in sewing_operation_rates (written by trigger) and a completed run
-- operation snapshots the one in force at its completion time.

insert into app.error_codes (code, status, meaning) values
  ('OPERATION_NAME_TAKEN', 409, 'Another sewing operation of this product type has that name.'),
  ('OPERATION_DEPENDENCY_UNKNOWN', 422,
   'depends_on names an operation that does not exist in this product type of the organisation (context: unknown).'),
  ('OPERATION_DEPENDENCY_CYCLE', 422, 'depends_on would make the operations depend on themselves (context: cycle).'),
  ('OPERATION_IN_USE', 409, 'Other operations depend on this one or runs used it; archive it instead (context: dependents).')
on conflict (code) do nothing;

create type public.sewing_machine_type as enum (
  'FLATBED', 'OVERLOCK', 'COVERSTITCH', 'FEED_OFF_ARM', 'BARTACK', 'BUTTONHOLE', 'BUTTON_ATTACH', 'BLINDSTITCH',
  'HAND');
comment on type public.sewing_machine_type is
  'Machine an operation needs: lockstitch flatbed, overlock (serger), coverstitch, feed-off-the-arm, bartack, '
  'buttonhole, button attach, blindstitch, or by hand (trimming, folding).';
create type public.sewing_skill_level as enum ('BEGINNER', 'INTERMEDIATE', 'EXPERT');
comment on type public.sewing_skill_level is 'Skill an operation needs (spec 03 §2.1).';

create table public.sewing_operations (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organisations (id) on delete cascade,
  product_type_id uuid not null,
  name text not null check (length(btrim(name)) between 1 and 100),
  description text check (length(description) <= 2000),
  sequence_number integer not null check (sequence_number between 1 and 999),
  standard_minutes numeric(5, 2) not null check (standard_minutes > 0),
  piece_rate numeric(8, 2) not null check (piece_rate >= 0),
  machine_type public.sewing_machine_type,
  skill_level public.sewing_skill_level not null default 'INTERMEDIATE',
  depends_on uuid[] not null default '{}' check (cardinality(depends_on) <= 50),
  has_qc_checkpoint boolean not null default false,
  defect_codes jsonb not null default '[]' check (jsonb_typeof(defect_codes) = 'array'),
  is_active boolean not null default true,
  created_by uuid references public.members (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (org_id, product_type_id, name),
  unique (org_id, id),
  foreign key (org_id, product_type_id) references public.product_types (org_id, id) on delete cascade
);
comment on table public.sewing_operations is
  'The operations a product type is sewn in (spec 03 §2.1): sequence, SMV, piece rate, machine, skill, '
  'dependencies (a DAG, checked by trigger), QC checkpoint with defect codes. Members read, managers+ write '
  '(save_sewing_operation). Archive with is_active = false: history keeps pointing here.';
comment on column public.sewing_operations.sequence_number is 'Position in the line''s flow (display order; the DAG decides what may start).';
comment on column public.sewing_operations.standard_minutes is 'SMV: standard minutes per unit. Efficiency = SMV × units ÷ actual minutes × 100.';
comment on column public.sewing_operations.piece_rate is 'Pay per good unit in the organisation''s currency (₱ for Birch). History: sewing_operation_rates.';
comment on column public.sewing_operations.depends_on is
  'Operations (same organisation and product type) that must have produced a bundle''s units first. No cycles.';
comment on column public.sewing_operations.defect_codes is
  '[{code, label}]: the defects an operator taps at this operation (code upper-case, unique within the list).';

create index sewing_operations_org_type_seq_idx on public.sewing_operations (org_id, product_type_id, sequence_number);
create index sewing_operations_created_by_idx on public.sewing_operations (created_by);
create index sewing_operations_depends_on_idx on public.sewing_operations using gin (depends_on);

create trigger sewing_operations_set_updated_at before update on public.sewing_operations
  for each row execute function app.set_updated_at();
create trigger sewing_operations_audit after insert or update or delete on public.sewing_operations
  for each row execute function app.audit_row();

-- ------------------------------------------------------------------ the checks every write passes
create function app.sewing_operation_check() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  v_unknown uuid[];
  v_cycle text[];
  v_bad jsonb;
begin
  new.name := btrim(new.name);
  -- duplicates and order carry no meaning in a dependency set: keep it sorted and unique
  new.depends_on := coalesce(array(select distinct d from unnest(new.depends_on) d where d is not null order by d), '{}');

  -- defect codes: [{code: "SKIPPED_STITCH", label: "Skipped stitch"}], codes unique
  select x.value into v_bad
  from jsonb_array_elements(new.defect_codes) x (value)
  where jsonb_typeof(x.value) <> 'object'
     or coalesce(x.value ->> 'code', '') !~ '^[A-Z0-9_]{2,32}$'
     or length(btrim(coalesce(x.value ->> 'label', ''))) not between 1 and 60
  limit 1;
  if v_bad is not null or jsonb_array_length(new.defect_codes) > 30 then
    perform app.raise('VALIDATION_FAILED',
      'Defect codes are up to 30 of {code: A-Z 0-9 _ (2–32), label: 1–60 characters}', 'defect_codes',
      jsonb_build_object('value', v_bad));
  end if;
  if (select count(distinct x.value ->> 'code') from jsonb_array_elements(new.defect_codes) x (value))
     <> jsonb_array_length(new.defect_codes) then
    perform app.raise('VALIDATION_FAILED', 'Each defect code appears once', 'defect_codes');
  end if;

  if tg_op = 'UPDATE' and new.depends_on = old.depends_on and new.product_type_id = old.product_type_id then
    return new;
  end if;
  if cardinality(new.depends_on) = 0 and tg_op = 'INSERT' then
    return new;
  end if;
  -- one writer of a product type's graph at a time: a concurrent edit cannot close a cycle unseen
  perform pg_advisory_xact_lock(hashtextextended('floorline.sewing_dag:' || new.product_type_id::text, 0));

  if new.id = any (new.depends_on) then
    perform app.raise('OPERATION_DEPENDENCY_CYCLE', format('"%s" cannot depend on itself', new.name), 'depends_on',
                      jsonb_build_object('cycle', jsonb_build_array(new.name, new.name)));
  end if;
  v_unknown := array(
    select d from unnest(new.depends_on) d
    where not exists (select 1 from public.sewing_operations o
                      where o.id = d and o.org_id = new.org_id and o.product_type_id = new.product_type_id));
  if cardinality(v_unknown) > 0 then
    perform app.raise('OPERATION_DEPENDENCY_UNKNOWN',
      'It depends on operations that are not in this product type''s list', 'depends_on',
      jsonb_build_object('unknown', to_jsonb(v_unknown)));
  end if;

  -- a cycle exists if following depends_on from the new dependencies comes back to this row (the
  -- other rows as stored, this row as written). UNION keeps the walk finite on any graph. The loop
  -- named in the answer: this row and every operation both reachable from it and leading back to it.
  with recursive ahead (id) as (
    select d from unnest(new.depends_on) d
    union
    select dep from ahead a join public.sewing_operations o on o.id = a.id and o.id <> new.id
    cross join lateral unnest(o.depends_on) dep
  ), behind (id) as (
    select o.id from public.sewing_operations o where new.id = any (o.depends_on) and o.id <> new.id
    union
    select o.id from behind b join public.sewing_operations o on b.id = any (o.depends_on) and o.id <> new.id
  )
  select case when exists (select 1 from ahead where id = new.id)
              then array[new.name] || array(select o.name from public.sewing_operations o
                                             where o.id in (select id from ahead) and o.id in (select id from behind)
                                             order by o.sequence_number, o.name)
         end
    into v_cycle;
  if v_cycle is not null then
    perform app.raise('OPERATION_DEPENDENCY_CYCLE',
      format('That makes a loop: %s depend on each other', array_to_string(v_cycle, ', ')), 'depends_on',
      jsonb_build_object('cycle', to_jsonb(v_cycle)));
  end if;

  -- moving an operation to another product type would strand the operations depending on it
  if tg_op = 'UPDATE' and new.product_type_id <> old.product_type_id
     and exists (select 1 from public.sewing_operations o where new.id = any (o.depends_on)) then
    perform app.raise('OPERATION_IN_USE', 'Other operations depend on this one: it stays in its product type',
                      'product_type_id');
  end if;
  return new;
end $$;
comment on function app.sewing_operation_check() is
  'Trigger: trims the name, normalises depends_on, checks defect codes, refuses unknown/foreign dependencies '
  'and dependency cycles (OPERATION_DEPENDENCY_UNKNOWN / _CYCLE with the loop named).';
create trigger sewing_operations_check before insert or update on public.sewing_operations
  for each row execute function app.sewing_operation_check();

-- an operation others depend on is archived, not deleted (their depends_on would dangle)
create function app.sewing_operation_delete_check() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  v_dependents text[];
begin
  v_dependents := array(select o.name from public.sewing_operations o
                        where old.id = any (o.depends_on) and o.id <> old.id order by o.sequence_number);
  if cardinality(v_dependents) > 0
     and exists (select 1 from public.product_types p where p.id = old.product_type_id) then
    perform app.raise('OPERATION_IN_USE', format('%s depend on it: archive it instead', array_to_string(v_dependents, ', ')),
                      null, jsonb_build_object('dependents', to_jsonb(v_dependents)));
  end if;
  return old;
end $$;
comment on function app.sewing_operation_delete_check() is
  'Trigger: an operation other operations depend on cannot be deleted (OPERATION_IN_USE); archive it.';
create trigger sewing_operations_delete_check before delete on public.sewing_operations
  for each row execute function app.sewing_operation_delete_check();

-- ------------------------------------------------------------------ rate history
create table public.sewing_operation_rates (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null,
  operation_id uuid not null,
  piece_rate numeric(8, 2) not null check (piece_rate >= 0),
  standard_minutes numeric(5, 2) not null check (standard_minutes > 0),
  effective_from timestamptz not null default now(),
  changed_by uuid references public.members (id) on delete set null,
  created_at timestamptz not null default now(),
  unique (operation_id, effective_from),
  foreign key (org_id, operation_id) references public.sewing_operations (org_id, id) on delete cascade
);
comment on table public.sewing_operation_rates is
  'Every piece rate and SMV a sewing operation has had, from effective_from until the next row (trigger on '
  'sewing_operations). Earnings pay the rate in force when the work was completed. Members read; nobody writes '
  'directly.';
create index sewing_operation_rates_org_op_idx on public.sewing_operation_rates (org_id, operation_id, effective_from desc);
create index sewing_operation_rates_changed_by_idx on public.sewing_operation_rates (changed_by);

create function app.sewing_operation_rate_history() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if tg_op = 'INSERT' or new.piece_rate <> old.piece_rate or new.standard_minutes <> old.standard_minutes then
    -- the first rate counts from the operation's creation (seeds backdate created_at to cover history)
    insert into public.sewing_operation_rates (org_id, operation_id, piece_rate, standard_minutes, effective_from, changed_by)
    values (new.org_id, new.id, new.piece_rate, new.standard_minutes,
            case when tg_op = 'INSERT' then least(new.created_at, now()) else now() end,
            app.actor_member_id(new.org_id))
    on conflict (operation_id, effective_from) do update
      set piece_rate = excluded.piece_rate, standard_minutes = excluded.standard_minutes, changed_by = excluded.changed_by;
  end if;
  return null;
end $$;
comment on function app.sewing_operation_rate_history() is
  'Trigger: records the piece rate and SMV in force from now on (two changes in one transaction keep the last).';
create trigger sewing_operations_rate_history after insert or update of piece_rate, standard_minutes
  on public.sewing_operations for each row execute function app.sewing_operation_rate_history();

-- The rate and SMV in force at a moment (the first ones before the operation's first row).
create function app.sewing_rate_at(p_operation_id uuid, p_at timestamptz)
returns table (piece_rate numeric, standard_minutes numeric)
language sql stable security definer set search_path = '' as $$
  select r.piece_rate, r.standard_minutes from public.sewing_operation_rates r
  where r.operation_id = p_operation_id
  order by (r.effective_from <= p_at) desc, case when r.effective_from <= p_at then r.effective_from end desc nulls last,
           r.effective_from
  limit 1
$$;
comment on function app.sewing_rate_at(uuid, timestamptz) is
  'Piece rate and SMV of an operation in force at p_at (its first ones for a time before it existed).';

-- ------------------------------------------------------------------ save (the API and the screen)
create function public.save_sewing_operation(
  p_org_id uuid, p_product_type_id uuid, p_name text, p_sequence_number integer, p_standard_minutes numeric,
  p_piece_rate numeric, p_machine_type public.sewing_machine_type default null,
  p_skill_level public.sewing_skill_level default 'INTERMEDIATE', p_depends_on uuid[] default '{}',
  p_has_qc_checkpoint boolean default false, p_defect_codes jsonb default '[]', p_description text default null,
  p_is_active boolean default true, p_operation_id uuid default null
) returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_member uuid;
  v_op public.sewing_operations;
begin
  select r.member_id into v_member from app.require_member(p_org_id, 'manager', true) r;
  if not exists (select 1 from public.product_types t where t.id = p_product_type_id and t.org_id = p_org_id) then
    perform app.raise('NOT_FOUND', 'No such product type in this organisation', 'product_type_id');
  end if;
  if p_name is null or length(btrim(p_name)) not between 1 and 100 then
    perform app.raise('VALIDATION_FAILED', 'Name the operation (1–100 characters)', 'name');
  end if;
  if p_sequence_number is null or p_sequence_number not between 1 and 999 then
    perform app.raise('VALIDATION_FAILED', 'The sequence number is 1 to 999', 'sequence_number');
  end if;
  if p_standard_minutes is null or p_standard_minutes <= 0 or p_standard_minutes > 999.99
     or p_standard_minutes <> round(p_standard_minutes, 2) then
    perform app.raise('VALIDATION_FAILED', 'Standard minutes are more than 0 and at most 999.99, in hundredths', 'standard_minutes');
  end if;
  if p_piece_rate is null or p_piece_rate < 0 or p_piece_rate > 999999.99 or p_piece_rate <> round(p_piece_rate, 2) then
    perform app.raise('VALIDATION_FAILED', 'The piece rate is 0 to 999999.99, in cents', 'piece_rate');
  end if;
  if p_description is not null and length(p_description) > 2000 then
    perform app.raise('VALIDATION_FAILED', 'Keep the description under 2000 characters', 'description');
  end if;
  if jsonb_typeof(coalesce(p_defect_codes, '[]')) <> 'array' then
    perform app.raise('VALIDATION_FAILED', 'Defect codes are a list', 'defect_codes');
  end if;
  if cardinality(coalesce(p_depends_on, '{}')) > 50 then
    perform app.raise('VALIDATION_FAILED', 'At most 50 dependencies', 'depends_on');
  end if;
  if exists (select 1 from public.sewing_operations o
             where o.org_id = p_org_id and o.product_type_id = p_product_type_id and o.name = btrim(p_name)
               and o.id is distinct from p_operation_id) then
    perform app.raise('OPERATION_NAME_TAKEN', format('This product type already has "%s"', btrim(p_name)), 'name');
  end if;

  if p_operation_id is null then
    insert into public.sewing_operations (org_id, product_type_id, name, description, sequence_number, standard_minutes,
                                          piece_rate, machine_type, skill_level, depends_on, has_qc_checkpoint,
                                          defect_codes, is_active, created_by)
    values (p_org_id, p_product_type_id, p_name, nullif(btrim(p_description), ''), p_sequence_number, p_standard_minutes,
            p_piece_rate, p_machine_type, coalesce(p_skill_level, 'INTERMEDIATE'), coalesce(p_depends_on, '{}'),
            coalesce(p_has_qc_checkpoint, false), coalesce(p_defect_codes, '[]'), coalesce(p_is_active, true), v_member)
    returning * into v_op;
  else
    update public.sewing_operations o
    set product_type_id = p_product_type_id, name = p_name, description = nullif(btrim(p_description), ''),
        sequence_number = p_sequence_number, standard_minutes = p_standard_minutes, piece_rate = p_piece_rate,
        machine_type = p_machine_type, skill_level = coalesce(p_skill_level, 'INTERMEDIATE'),
        depends_on = coalesce(p_depends_on, '{}'), has_qc_checkpoint = coalesce(p_has_qc_checkpoint, false),
        defect_codes = coalesce(p_defect_codes, '[]'), is_active = coalesce(p_is_active, true)
    where o.id = p_operation_id and o.org_id = p_org_id
    returning * into v_op;
    if v_op.id is null then
      perform app.raise('NOT_FOUND', 'No such sewing operation in this organisation', 'operation_id');
    end if;
  end if;
  return to_jsonb(v_op);
end $$;
comment on function public.save_sewing_operation(uuid, uuid, text, integer, numeric, numeric, public.sewing_machine_type,
  public.sewing_skill_level, uuid[], boolean, jsonb, text, boolean, uuid) is
  'Creates (p_operation_id null) or replaces a sewing operation (managers+). Dependencies are checked by trigger '
  '(unknown, foreign, cycles); a changed rate or SMV starts a new sewing_operation_rates row. Returns the row.';

-- ------------------------------------------------------------------ RLS and grants
alter table public.sewing_operations enable row level security;
alter table public.sewing_operation_rates enable row level security;

create policy sewing_operations_select on public.sewing_operations for select to authenticated
  using (org_id = any (array(select app.my_org_ids())));
create policy sewing_operations_insert on public.sewing_operations for insert to authenticated
  with check (org_id = any (array(select app.my_org_ids('manager'))));
create policy sewing_operations_update on public.sewing_operations for update to authenticated
  using (org_id = any (array(select app.my_org_ids('manager'))))
  with check (org_id = any (array(select app.my_org_ids('manager'))));
create policy sewing_operations_delete on public.sewing_operations for delete to authenticated
  using (org_id = any (array(select app.my_org_ids('manager'))));

create policy sewing_operation_rates_select on public.sewing_operation_rates for select to authenticated
  using (org_id = any (array(select app.my_org_ids())));
create policy sewing_operation_rates_insert on public.sewing_operation_rates for insert to authenticated with check (false);
create policy sewing_operation_rates_update on public.sewing_operation_rates for update to authenticated using (false);
create policy sewing_operation_rates_delete on public.sewing_operation_rates for delete to authenticated using (false);

revoke all on public.sewing_operations, public.sewing_operation_rates from public, anon, authenticated, service_role;
grant select, delete on public.sewing_operations to authenticated;
grant insert (id, org_id, product_type_id, name, description, sequence_number, standard_minutes, piece_rate, machine_type,
              skill_level, depends_on, has_qc_checkpoint, defect_codes, is_active)
  on public.sewing_operations to authenticated;
grant update (product_type_id, name, description, sequence_number, standard_minutes, piece_rate, machine_type, skill_level,
              depends_on, has_qc_checkpoint, defect_codes, is_active)
  on public.sewing_operations to authenticated;
grant select on public.sewing_operation_rates to authenticated;
grant all on public.sewing_operations, public.sewing_operation_rates to service_role;

revoke execute on all functions in schema app from public;
revoke execute on function public.save_sewing_operation(uuid, uuid, text, integer, numeric, numeric,
  public.sewing_machine_type, public.sewing_skill_level, uuid[], boolean, jsonb, text, boolean, uuid) from public, anon;
grant execute on function public.save_sewing_operation(uuid, uuid, text, integer, numeric, numeric,
  public.sewing_machine_type, public.sewing_skill_level, uuid[], boolean, jsonb, text, boolean, uuid)
  to authenticated, service_role;
