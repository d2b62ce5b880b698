-- What each workflow stage asks of the floor: the stage action definitions. Design: docs/floor.md §4.
--
-- A definition belongs to one stage of one workflow and says which action the floor performs there
-- (type, label, required or optional), for which kinds of item (a batch as a whole, or each order in
-- it: every headphone gets its own channel-balance measurement), and how to check it (config). Floor
-- actions (floor_actions) record each attempt against a definition; an item may leave its stage only
-- when every required definition's latest attempt in the current stage visit is completed.
--
-- config by type (unknown keys are refused so typos do not silently disable a check):
--   measurement  {unit: text (required), min?: number, max?: number (at least one), target?: number,
--                 measurement?: text (name, default the action key), warn_margin?: 0–0.5 (fraction of
--                 the range near a limit that passes with a warning, default 0.1)}
--   inspection   {checklist?: [{key, label, required?}], checklist_from?: "model"} (at least one):
--                 "model" adds the model's quality_checklist for this stage (model_production_stages)
--   approval     {min_role?: supervisor|manager|admin|owner (default floor_settings.approval_min_role),
--                 allow_self?: boolean (default false: someone else approves)}
--   photo        {min_photos?: 0–10 (default 1), max_photos?: 1–20 (default 10)}
--   note         {min_length?: 0–2000 (default 1), max_length?: 1–4000 (default 2000)}
--   scan         {expect?: action|location|item|user (default action: scan this action's own card),
--                 location_id?: uuid (expect location: this location's label)}

create table public.floor_stage_actions (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organisations (id) on delete cascade,
  workflow_id uuid not null,
  stage public.production_stage not null,
  action_key text not null check (action_key ~ '^[a-z0-9][a-z0-9_-]{0,39}$'),
  action_type public.floor_action_type not null,
  label text not null check (length(btrim(label)) between 1 and 80),
  description text check (length(description) <= 500),
  required boolean not null default true,
  item_kinds public.floor_item_kind[] not null default '{batch}'
    check (cardinality(item_kinds) between 1 and 8 and array_position(item_kinds, null) is null),
  position smallint not null default 1 check (position between 1 and 100),
  config jsonb not null default '{}' check (jsonb_typeof(config) = 'object'),
  is_active boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (workflow_id, stage, action_key),
  unique (org_id, id),
  foreign key (org_id, workflow_id) references public.workflows (org_id, id) on delete cascade,
  foreign key (workflow_id, stage) references public.workflow_stages (workflow_id, stage) on delete cascade
);
comment on table public.floor_stage_actions is
  'Stage action definitions: what the floor must (required) or may do at a workflow stage, per item kind, '
  'with the check to apply (config, see the migration header and docs/floor.md). Members read; managers+ '
  'write (a trigger validates config). Archive with is_active = false: past actions keep referring to it.';
comment on column public.floor_stage_actions.action_key is 'Stable key within the stage (e.g. channel-balance); the API names actions by it.';
comment on column public.floor_stage_actions.required is 'Required actions block advancing the item out of the stage until completed.';
comment on column public.floor_stage_actions.item_kinds is
  'Which items carry this action: batch (the batch as a whole) and/or order (each order in the batch).';
comment on column public.floor_stage_actions.position is 'Display order within the stage.';
comment on column public.floor_stage_actions.config is 'Type-specific check; see the table comment.';

create index floor_stage_actions_org_workflow_idx on public.floor_stage_actions (org_id, workflow_id, stage);

alter table public.floor_labels
  add foreign key (org_id, stage_action_id) references public.floor_stage_actions (org_id, id) on delete cascade;

-- ------------------------------------------------------------------ config validation
create function app.floor_invalid(p_field text, p_message text) returns void
language plpgsql set search_path = '' as $$
begin
  raise exception using errcode = '22023', message = p_message, detail = 'VALIDATION_FAILED',
    hint = jsonb_build_object('field', p_field)::text;
end $$;
comment on function app.floor_invalid(text, text) is
  'Raises 22023 (HTTP 400) with detail VALIDATION_FAILED and hint {"field": …}.';

create function app.floor_is_number(p_value jsonb) returns boolean
language sql immutable set search_path = '' as $$
  select p_value is not null and jsonb_typeof(p_value) = 'number'
$$;
comment on function app.floor_is_number(jsonb) is 'True for a JSON number.';

create function app.floor_int_in(p_value jsonb, p_min integer, p_max integer) returns boolean
language sql immutable set search_path = '' as $$
  select p_value is null
      or (jsonb_typeof(p_value) = 'number' and p_value::numeric = trunc(p_value::numeric)
          and p_value::numeric between p_min and p_max)
$$;
comment on function app.floor_int_in(jsonb, integer, integer) is 'True when absent, or a whole JSON number within [min, max].';

create function app.floor_check_action_config(
  p_org_id uuid, p_type public.floor_action_type, p_config jsonb
) returns void
language plpgsql stable security definer set search_path = '' as $$
declare
  c jsonb := p_config;
  v_allowed text[];
  v_key text;
  v_item jsonb;
  v_keys text[] := '{}'::text[];
begin
  v_allowed := case p_type
    when 'measurement' then array['unit', 'min', 'max', 'target', 'measurement', 'warn_margin']
    when 'inspection' then array['checklist', 'checklist_from']
    when 'approval' then array['min_role', 'allow_self']
    when 'photo' then array['min_photos', 'max_photos']
    when 'note' then array['min_length', 'max_length']
    when 'scan' then array['expect', 'location_id'] end;
  for v_key in select jsonb_object_keys(c) loop
    if not (v_key = any (v_allowed)) then
      perform app.floor_invalid('config.' || v_key,
        format('%s actions do not take "%s" (allowed: %s)', p_type, v_key, array_to_string(v_allowed, ', ')));
    end if;
  end loop;

  if p_type = 'measurement' then
    if jsonb_typeof(c -> 'unit') is distinct from 'string' or length(c ->> 'unit') not between 1 and 16 then
      perform app.floor_invalid('config.unit', 'A measurement needs a unit (1–16 characters), e.g. "dB"');
    end if;
    if not (app.floor_is_number(c -> 'min') or app.floor_is_number(c -> 'max')) then
      perform app.floor_invalid('config.min', 'A measurement needs a min, a max or both');
    end if;
    if (c ? 'min' and not app.floor_is_number(c -> 'min')) or (c ? 'max' and not app.floor_is_number(c -> 'max'))
       or (c ? 'target' and not app.floor_is_number(c -> 'target')) then
      perform app.floor_invalid('config.min', 'min, max and target are numbers');
    end if;
    if (c -> 'min')::numeric > (c -> 'max')::numeric then
      perform app.floor_invalid('config.max', 'max must not be below min');
    end if;
    if c ? 'warn_margin' and not (app.floor_is_number(c -> 'warn_margin')
                                  and (c -> 'warn_margin')::numeric between 0 and 0.5) then
      perform app.floor_invalid('config.warn_margin', 'warn_margin is a fraction between 0 and 0.5');
    end if;
    if c ? 'measurement' and (jsonb_typeof(c -> 'measurement') <> 'string' or length(c ->> 'measurement') not between 1 and 40) then
      perform app.floor_invalid('config.measurement', 'measurement is a name of 1–40 characters');
    end if;
  elsif p_type = 'inspection' then
    if not (c ? 'checklist' or c ? 'checklist_from') then
      perform app.floor_invalid('config.checklist', 'An inspection needs a checklist, checklist_from "model", or both');
    end if;
    if c ? 'checklist_from' and c ->> 'checklist_from' is distinct from 'model' then
      perform app.floor_invalid('config.checklist_from', 'checklist_from can only be "model"');
    end if;
    if c ? 'checklist' then
      if jsonb_typeof(c -> 'checklist') <> 'array' or jsonb_array_length(c -> 'checklist') not between 1 and 50 then
        perform app.floor_invalid('config.checklist', 'checklist is a list of 1–50 items');
      end if;
      for v_item in select jsonb_array_elements(c -> 'checklist') loop
        if jsonb_typeof(v_item) <> 'object' or coalesce(v_item ->> 'key', '') !~ '^[a-z0-9][a-z0-9_-]{0,39}$'
           or jsonb_typeof(v_item -> 'label') is distinct from 'string' or length(v_item ->> 'label') not between 1 and 200
           or (v_item ? 'required' and jsonb_typeof(v_item -> 'required') <> 'boolean') then
          perform app.floor_invalid('config.checklist', 'Each checklist item is {key, label, required?}');
        end if;
        if v_item ->> 'key' = any (v_keys) then
          perform app.floor_invalid('config.checklist', format('Checklist key "%s" appears twice', v_item ->> 'key'));
        end if;
        v_keys := v_keys || (v_item ->> 'key');
      end loop;
    end if;
  elsif p_type = 'approval' then
    if c ? 'min_role' and (c ->> 'min_role' is null
                           or c ->> 'min_role' not in ('supervisor', 'manager', 'admin', 'owner')) then
      perform app.floor_invalid('config.min_role', 'min_role is supervisor, manager, admin or owner');
    end if;
    if c ? 'allow_self' and jsonb_typeof(c -> 'allow_self') <> 'boolean' then
      perform app.floor_invalid('config.allow_self', 'allow_self is true or false');
    end if;
  elsif p_type = 'photo' then
    if not app.floor_int_in(c -> 'min_photos', 0, 10) or not app.floor_int_in(c -> 'max_photos', 1, 20)
       or coalesce((c ->> 'min_photos')::int, 1) > coalesce((c ->> 'max_photos')::int, 10) then
      perform app.floor_invalid('config.min_photos', 'min_photos is 0–10, max_photos 1–20 and not below min_photos');
    end if;
  elsif p_type = 'note' then
    if not app.floor_int_in(c -> 'min_length', 0, 2000) or not app.floor_int_in(c -> 'max_length', 1, 4000)
       or coalesce((c ->> 'min_length')::int, 1) > coalesce((c ->> 'max_length')::int, 2000) then
      perform app.floor_invalid('config.min_length', 'min_length is 0–2000, max_length 1–4000 and not below min_length');
    end if;
  elsif p_type = 'scan' then
    if c ? 'expect' and (c ->> 'expect' is null or c ->> 'expect' not in ('action', 'location', 'item', 'user')) then
      perform app.floor_invalid('config.expect', 'expect is action, location, item or user');
    end if;
    if c ? 'location_id' then
      if coalesce(c ->> 'expect', 'action') <> 'location' then
        perform app.floor_invalid('config.location_id', 'location_id goes with expect "location"');
      end if;
      if coalesce(c ->> 'location_id', '') !~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
         or not exists (select 1 from public.locations l where l.id = (c ->> 'location_id')::uuid and l.org_id = p_org_id) then
        perform app.floor_invalid('config.location_id', 'No such location in this organisation');
      end if;
    end if;
  end if;
end $$;
comment on function app.floor_check_action_config(uuid, public.floor_action_type, jsonb) is
  'Validates a stage action''s config for its type (22023 VALIDATION_FAILED, hint {"field": "config.…"}).';

create function app.floor_stage_actions_check() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  perform app.floor_check_action_config(new.org_id, new.action_type, new.config);
  new.label := btrim(new.label);
  return new;
end $$;
comment on function app.floor_stage_actions_check() is 'Trigger: validates config for the action type on every write.';

create trigger floor_stage_actions_check before insert or update on public.floor_stage_actions
  for each row execute function app.floor_stage_actions_check();
create trigger floor_stage_actions_set_updated_at before update on public.floor_stage_actions
  for each row execute function app.set_updated_at();
create trigger floor_stage_actions_audit after insert or update or delete on public.floor_stage_actions
  for each row execute function app.audit_row();

-- ------------------------------------------------------------------ checklists
-- An inspection's checklist: its own items, then (checklist_from "model") the quality_checklist of
-- each model involved at this stage; items without a key get one from their label; first key wins.
create function app.floor_action_checklist(
  p_action public.floor_stage_actions, p_model_ids uuid[]
) returns jsonb
language plpgsql stable security definer set search_path = '' as $$
begin
  return (
  select coalesce(jsonb_agg(x.item order by x.ord), '[]'::jsonb)
  from (
    select distinct on (y.key) y.key, y.ord,
           jsonb_build_object('key', y.key, 'label', y.label, 'required', y.required) as item
    from (
      select e ->> 'key' as key, e ->> 'label' as label, coalesce((e ->> 'required')::boolean, false) as required,
             n as ord
      from jsonb_array_elements(coalesce(p_action.config -> 'checklist', '[]'::jsonb)) with ordinality as t (e, n)
      union all
      select coalesce(nullif(e ->> 'key', ''), trim(both '-' from regexp_replace(lower(e ->> 'label'), '[^a-z0-9]+', '-', 'g'))),
             e ->> 'label', coalesce((e ->> 'required')::boolean, false),
             1000 * (array_position(p_model_ids, mps.model_id)) + n
      from public.model_production_stages mps
      cross join lateral jsonb_array_elements(mps.quality_checklist) with ordinality as t (e, n)
      where p_action.config ->> 'checklist_from' = 'model'
        and mps.model_id = any (p_model_ids) and mps.stage = p_action.stage and mps.org_id = p_action.org_id
    ) y
    order by y.key, y.ord
  ) x);
end $$;
comment on function app.floor_action_checklist(public.floor_stage_actions, uuid[]) is
  'The checklist an inspection shows for the given models: config.checklist plus the models'' quality_checklist.';

-- ------------------------------------------------------------------ RLS
alter table public.floor_stage_actions enable row level security;

create policy floor_stage_actions_select on public.floor_stage_actions for select to authenticated
  using (org_id = any (array(select app.my_org_ids())));
create policy floor_stage_actions_insert on public.floor_stage_actions for insert to authenticated
  with check (org_id = any (array(select app.my_org_ids('manager'))));
create policy floor_stage_actions_update on public.floor_stage_actions for update to authenticated
  using (org_id = any (array(select app.my_org_ids('manager'))))
  with check (org_id = any (array(select app.my_org_ids('manager'))));
create policy floor_stage_actions_delete on public.floor_stage_actions for delete to authenticated
  using (org_id = any (array(select app.my_org_ids('manager'))));

revoke all on public.floor_stage_actions from public, anon, authenticated, service_role;
grant select, delete on public.floor_stage_actions to authenticated;
grant insert (id, org_id, workflow_id, stage, action_key, action_type, label, description, required, item_kinds,
              position, config, is_active)
  on public.floor_stage_actions to authenticated;
grant update (label, description, required, item_kinds, position, config, is_active)
  on public.floor_stage_actions to authenticated;
grant all on public.floor_stage_actions to service_role;

revoke execute on all functions in schema app from public;
