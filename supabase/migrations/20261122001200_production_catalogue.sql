-- The catalogue (spec 04 §1): headphone models, the woods each allows, and per-model stage hours
-- with QC checklists. Members read it; managers+ maintain it.

create table public.headphone_models (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organisations (id) on delete cascade,
  name text not null check (length(btrim(name)) between 1 and 80),
  sku_prefix text not null check (sku_prefix ~ '^[A-Z0-9]{2,12}$'),
  complexity public.model_complexity not null,
  base_production_hours numeric(4, 2) not null check (base_production_hours >= 0),
  wood_types public.wood_type[] not null default '{}',
  base_price numeric(10, 2) not null check (base_price >= 0),
  description text check (length(description) <= 2000),
  is_active boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (org_id, name),
  unique (org_id, sku_prefix),
  unique (org_id, id)
);
comment on table public.headphone_models is
  'Products the workshop builds (spec 04 headphone_models; "models" generally). Members read, managers+ '
  'write. Archive with is_active = false: orders keep referring to their model.';
comment on column public.headphone_models.sku_prefix is
  'Upper-case letters/digits, unique per organisation. Shopify line items are matched by SKU: '
  '<prefix> or <prefix>-<WOOD>[-…], where WOOD is a wood''s first three letters (SAP, CHE, WAL, COC, ZIR).';
comment on column public.headphone_models.base_production_hours is 'Spec 04: nominal build hours per unit.';
comment on column public.headphone_models.wood_types is 'Woods this model may be ordered in (trigger check_order_wood_type).';
comment on column public.headphone_models.base_price is 'List price in the organisation''s currency.';

create trigger headphone_models_set_updated_at before update on public.headphone_models
  for each row execute function app.set_updated_at();
create trigger headphone_models_audit after insert or update or delete on public.headphone_models
  for each row execute function app.audit_row();

create table public.model_production_stages (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null,
  model_id uuid not null,
  stage public.production_stage not null,
  estimated_hours numeric(4, 2) not null check (estimated_hours >= 0),
  quality_checklist jsonb not null default '[]'
    check (jsonb_typeof(quality_checklist) = 'array'
           and not jsonb_path_exists(quality_checklist, '$[*] ? (@.type() != "object")')
           and not jsonb_path_exists(quality_checklist, '$[*] ? (!exists(@.label) || @.label.type() != "string")')),
  display_order integer not null,
  unique (model_id, stage),
  foreign key (org_id, model_id) references public.headphone_models (org_id, id) on delete cascade
);
comment on table public.model_production_stages is
  'Per model and stage: estimated hours per unit and the QC checklist the bench works through (spec 04). '
  'Remaining hours feed the estimated completion on the tracking page and the production summary.';
comment on column public.model_production_stages.estimated_hours is 'Hours per unit at this stage.';
comment on column public.model_production_stages.quality_checklist is
  'Array of {key, label, required?}: what to check at this stage before moving on.';

create index model_production_stages_org_model_idx on public.model_production_stages (org_id, model_id);

create trigger model_production_stages_audit after insert or update or delete on public.model_production_stages
  for each row execute function app.audit_row();

-- ------------------------------------------------------------------ RLS
alter table public.headphone_models enable row level security;
alter table public.model_production_stages enable row level security;

create policy headphone_models_select on public.headphone_models for select to authenticated
  using (org_id = any (array(select app.my_org_ids())));
create policy headphone_models_insert on public.headphone_models for insert to authenticated
  with check (org_id = any (array(select app.my_org_ids('manager'))));
create policy headphone_models_update on public.headphone_models for update to authenticated
  using (org_id = any (array(select app.my_org_ids('manager'))))
  with check (org_id = any (array(select app.my_org_ids('manager'))));
create policy headphone_models_delete on public.headphone_models for delete to authenticated
  using (org_id = any (array(select app.my_org_ids('manager'))));

create policy model_production_stages_select on public.model_production_stages for select to authenticated
  using (org_id = any (array(select app.my_org_ids())));
create policy model_production_stages_insert on public.model_production_stages for insert to authenticated
  with check (org_id = any (array(select app.my_org_ids('manager'))));
create policy model_production_stages_update on public.model_production_stages for update to authenticated
  using (org_id = any (array(select app.my_org_ids('manager'))))
  with check (org_id = any (array(select app.my_org_ids('manager'))));
create policy model_production_stages_delete on public.model_production_stages for delete to authenticated
  using (org_id = any (array(select app.my_org_ids('manager'))));

revoke all on public.headphone_models, public.model_production_stages from public, anon, authenticated, service_role;
grant select, delete on public.headphone_models, public.model_production_stages to authenticated;
grant insert (id, org_id, name, sku_prefix, complexity, base_production_hours, wood_types, base_price, description,
              is_active)
  on public.headphone_models to authenticated;
grant update (name, sku_prefix, complexity, base_production_hours, wood_types, base_price, description, is_active)
  on public.headphone_models to authenticated;
grant insert (id, org_id, model_id, stage, estimated_hours, quality_checklist, display_order)
  on public.model_production_stages to authenticated;
grant update (estimated_hours, quality_checklist, display_order) on public.model_production_stages to authenticated;
grant all on public.headphone_models, public.model_production_stages to service_role;
