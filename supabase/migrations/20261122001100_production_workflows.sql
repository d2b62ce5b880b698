-- Production workflows: the stages a batch goes through, as rows per organisation.
--
-- Spec 05 brings a configurable state-machine engine later (type definitions with an fsm_schema).
-- So that batches can move onto it without being rewritten, the order of stages and what each stage
-- means are data, not code: every batch references a workflow, and the stage-progression trigger
-- asks that workflow for "the next stage", "is this a quality gate", "which order status goes with
-- it". Each organisation gets the spec's seven stages as its default workflow. app.workflow_fsm()
-- renders a workflow in spec 05's FSM format, which is the shape the engine will store.

create table public.workflows (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organisations (id) on delete cascade,
  code text not null check (code ~ '^[a-z0-9_-]{2,32}$'),
  name text not null check (length(btrim(name)) between 1 and 80),
  is_default boolean not null default false,
  hours_per_day numeric(5, 2) not null default 16 check (hours_per_day > 0 and hours_per_day <= 240),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (org_id, code),
  unique (org_id, id)
);
comment on table public.workflows is
  'A production workflow: the ordered stages (workflow_stages) batches follow. Each organisation has a '
  'default one with spec 04''s seven stages. Spec 05''s state-machine engine will take these over '
  '(app.workflow_fsm renders one in its FSM format). Read by members; changed by migrations for now.';
comment on column public.workflows.code is 'Stable key, e.g. headphones; a later spec-05 type_code.';
comment on column public.workflows.is_default is 'The workflow new batches get. One per organisation.';
comment on column public.workflows.hours_per_day is
  'Work hours the floor puts into this workflow per day, across all benches: turns remaining stage '
  'hours into an estimated completion date on the tracking page.';

create unique index workflows_one_default_key on public.workflows (org_id) where is_default;

create trigger workflows_set_updated_at before update on public.workflows
  for each row execute function app.set_updated_at();
create trigger workflows_audit after insert or update or delete on public.workflows
  for each row execute function app.audit_row();

create table public.workflow_stages (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null,
  workflow_id uuid not null,
  position smallint not null check (position between 1 and 50),
  stage public.production_stage not null,
  name text not null check (length(btrim(name)) between 1 and 80),
  order_status public.order_status not null default 'in_production'
    check (order_status in ('in_production', 'quality_check', 'ready_to_ship')),
  is_quality_gate boolean not null default false,
  public_label text check (length(public_label) <= 80),
  unique (workflow_id, position),
  unique (workflow_id, stage),
  foreign key (org_id, workflow_id) references public.workflows (org_id, id) on delete cascade
);
comment on table public.workflow_stages is
  'The stages of a workflow in order. A batch moves forward one position at a time; going back needs a '
  'reason and a supervisor (trigger check_stage_progression).';
comment on column public.workflow_stages.position is 'Order within the workflow, 1 = where batches start.';
comment on column public.workflow_stages.stage is 'The stage (spec 04 enum); batches.current_stage refers to it.';
comment on column public.workflow_stages.name is 'What staff see (defaults to the stage).';
comment on column public.workflow_stages.order_status is
  'The status orders in a batch at this stage get (in_production, quality_check or ready_to_ship).';
comment on column public.workflow_stages.is_quality_gate is
  'A batch whose quality_status is failed cannot move past this stage or be completed from it.';
comment on column public.workflow_stages.public_label is
  'What a customer sees on the tracking page (null: the stage name).';

create index workflow_stages_org_workflow_idx on public.workflow_stages (org_id, workflow_id);

create trigger workflow_stages_audit after insert or update or delete on public.workflow_stages
  for each row execute function app.audit_row();

-- ------------------------------------------------------------------ the default workflow
create function app.create_default_workflow(p_org_id uuid) returns uuid
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_id uuid;
begin
  select w.id into v_id from public.workflows w where w.org_id = p_org_id and w.is_default;
  if v_id is not null then
    return v_id;
  end if;
  insert into public.workflows (org_id, code, name, is_default)
    values (p_org_id, 'headphones', 'Headphone production', true)
    returning id into v_id;
  insert into public.workflow_stages (org_id, workflow_id, position, stage, name, order_status, is_quality_gate,
                                      public_label)
  select p_org_id, v_id, s.position, s.stage, s.stage::text, s.order_status, s.stage = 'Acoustic QC', s.label
  from (values
    (1, 'Intake'::public.production_stage, 'in_production'::public.order_status, 'Materials selected'),
    (2, 'Sanding', 'in_production', 'Shaping the wood'),
    (3, 'Finishing', 'in_production', 'Finishing the wood'),
    (4, 'Sub-Assembly', 'in_production', 'Building the drivers and cups'),
    (5, 'Final Assembly', 'in_production', 'Final assembly'),
    (6, 'Acoustic QC', 'quality_check', 'Acoustic testing'),
    (7, 'Shipping', 'ready_to_ship', 'Packing for shipment')
  ) as s (position, stage, order_status, label);
  return v_id;
end $$;
comment on function app.create_default_workflow(uuid) is
  'Creates (once) an organisation''s default workflow with spec 04''s seven stages; returns its id.';

create function app.on_organisation_created() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  perform app.create_default_workflow(new.id);
  return null;
end $$;
comment on function app.on_organisation_created() is 'Trigger: every new organisation gets the default workflow.';

create trigger organisations_default_workflow after insert on public.organisations
  for each row execute function app.on_organisation_created();

select app.create_default_workflow(o.id) from public.organisations o;

-- ------------------------------------------------------------------ stage lookups used by the rules
create function app.stage_position(p_workflow_id uuid, p_stage public.production_stage) returns smallint
language sql stable security definer set search_path = '' as $$
  select s.position from public.workflow_stages s where s.workflow_id = p_workflow_id and s.stage = p_stage
$$;
comment on function app.stage_position(uuid, public.production_stage) is 'A stage''s position in a workflow, or null.';

create function app.stage_at(p_workflow_id uuid, p_position integer) returns public.production_stage
language sql stable security definer set search_path = '' as $$
  select s.stage from public.workflow_stages s where s.workflow_id = p_workflow_id and s.position = p_position
$$;
comment on function app.stage_at(uuid, integer) is 'The stage at a position of a workflow, or null past the end.';

create function app.first_stage(p_workflow_id uuid) returns public.production_stage
language sql stable security definer set search_path = '' as $$
  select s.stage from public.workflow_stages s where s.workflow_id = p_workflow_id order by s.position limit 1
$$;
comment on function app.first_stage(uuid) is 'Where batches of a workflow start.';

create function app.last_stage(p_workflow_id uuid) returns public.production_stage
language sql stable security definer set search_path = '' as $$
  select s.stage from public.workflow_stages s where s.workflow_id = p_workflow_id order by s.position desc limit 1
$$;
comment on function app.last_stage(uuid) is 'The stage a batch is completed from.';

-- Spec 05's FSM format (jakesgordon/javascript-state-machine): what the engine will store for this
-- workflow. Forward transitions are "advance", backward ones "return" (reason + supervisor), and
-- "complete" leaves the last stage.
create function app.workflow_fsm(p_workflow_id uuid) returns jsonb
language sql stable security definer set search_path = '' as $$
  select jsonb_build_object(
    'init', (select s.stage from public.workflow_stages s where s.workflow_id = p_workflow_id order by s.position limit 1),
    'states', (select jsonb_agg(s.stage order by s.position) || '["completed"]'::jsonb
               from public.workflow_stages s where s.workflow_id = p_workflow_id),
    'transitions', coalesce((
      select jsonb_agg(t.tr order by t.ord)
      from (
        select jsonb_build_object('name', 'advance', 'from', a.stage, 'to', b.stage) as tr, a.position * 100 as ord
        from public.workflow_stages a
        join public.workflow_stages b on b.workflow_id = a.workflow_id and b.position = a.position + 1
        where a.workflow_id = p_workflow_id
        union all
        select jsonb_build_object('name', 'return', 'from', a.stage, 'to', b.stage, 'requires',
                                  jsonb_build_object('reason', true, 'min_role', 'supervisor')),
               a.position * 100 + b.position
        from public.workflow_stages a
        join public.workflow_stages b on b.workflow_id = a.workflow_id and b.position < a.position
        where a.workflow_id = p_workflow_id
        union all
        select jsonb_build_object('name', 'complete', 'from', a.stage, 'to', 'completed'), 99999
        from public.workflow_stages a
        where a.workflow_id = p_workflow_id
          and a.position = (select max(x.position) from public.workflow_stages x where x.workflow_id = p_workflow_id)
      ) t), '[]'::jsonb),
    'guards', coalesce((
      select jsonb_agg(jsonb_build_object('state', s.stage, 'blocks_leaving_when', 'quality_status = failed')
                       order by s.position)
      from public.workflow_stages s where s.workflow_id = p_workflow_id and s.is_quality_gate), '[]'::jsonb)
  )
$$;
comment on function app.workflow_fsm(uuid) is
  'A workflow in spec 05''s FSM format {init, states, transitions, guards}: the definition the later '
  'state-machine engine stores; batches.current_stage is then its current_state.';

-- ------------------------------------------------------------------ RLS
alter table public.workflows enable row level security;
alter table public.workflow_stages enable row level security;

create policy workflows_select on public.workflows for select to authenticated
  using (org_id = any (array(select app.my_org_ids())));
create policy workflows_insert on public.workflows for insert to authenticated with check (false);
create policy workflows_update on public.workflows for update to authenticated using (false);
create policy workflows_delete on public.workflows for delete to authenticated using (false);

create policy workflow_stages_select on public.workflow_stages for select to authenticated
  using (org_id = any (array(select app.my_org_ids())));
create policy workflow_stages_insert on public.workflow_stages for insert to authenticated with check (false);
create policy workflow_stages_update on public.workflow_stages for update to authenticated using (false);
create policy workflow_stages_delete on public.workflow_stages for delete to authenticated using (false);

revoke all on public.workflows, public.workflow_stages from public, anon, authenticated, service_role;
grant select on public.workflows, public.workflow_stages to authenticated, service_role;
grant insert, update, delete on public.workflows, public.workflow_stages to service_role;

revoke execute on all functions in schema app from public;
