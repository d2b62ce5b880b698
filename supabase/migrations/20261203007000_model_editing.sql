-- Catalogue editing (issue 10): managers create and edit headphone models — name, SKU prefix,
-- complexity, woods, price, description, per-stage hours and QC checklists — and archive/restore
-- them, through two RPCs that check the role once and validate every field with a message for the
-- person and the field it is about (docs/errors.md). A model and its stages change in one
-- transaction: a half-saved model (new name, old stages) never shows on the floor.
-- The tables' own checks stay the last word (sku_prefix format, checklist shape, hours >= 0); these
-- functions say the same things earlier, with the field. RLS is unchanged.
-- Archived models (is_active = false) keep their orders; create_order already refuses them.

insert into app.error_codes (code, status, meaning) values
  ('MODEL_NAME_TAKEN', 409, 'Another model of the organisation has that name.'),
  ('SKU_PREFIX_TAKEN', 409, 'Another model of the organisation has that SKU prefix.')
on conflict (code) do nothing;

-- ------------------------------------------------------------------ the answer
create function app.model_json(p_model_id uuid) returns jsonb
language sql stable security definer set search_path = '' as $$
  select jsonb_build_object(
    'id', m.id, 'org_id', m.org_id, 'name', m.name, 'sku_prefix', m.sku_prefix, 'complexity', m.complexity,
    'base_production_hours', m.base_production_hours, 'wood_types', to_jsonb(m.wood_types),
    'base_price', m.base_price, 'description', m.description, 'is_active', m.is_active,
    'order_count', (select count(*) from public.orders o where o.org_id = m.org_id and o.model_id = m.id),
    'stages', coalesce((
      select jsonb_agg(jsonb_build_object('stage', s.stage, 'estimated_hours', s.estimated_hours,
                                          'quality_checklist', s.quality_checklist, 'display_order', s.display_order)
                       order by s.display_order)
      from public.model_production_stages s where s.model_id = m.id and s.org_id = m.org_id), '[]'::jsonb),
    'updated_at', m.updated_at)
  from public.headphone_models m where m.id = p_model_id
$$;
comment on function app.model_json(uuid) is
  'A model as save_model and set_model_active return it: its fields, order_count and stages (workflow order).';

-- ------------------------------------------------------------------ stages
-- Validates p_stages ([{stage, estimated_hours, quality_checklist: [{key?, label, required?}]}]) and
-- returns them normalised: hours rounded to hundredths, labels trimmed, every item with a key (the
-- one given, else one from its label as app.floor_action_checklist makes it), display_order from the
-- stage's place in the workflow. Fields are paths: stages.<i>.estimated_hours, stages.<i>.quality_checklist.<j>.label.
create function app.model_stages(p_stages jsonb) returns jsonb
language plpgsql immutable set search_path = '' as $$
declare
  v_out jsonb := '[]'::jsonb;
  v_seen text[] := '{}';
  v_stage jsonb;
  v_name text;
  v_hours numeric;
  v_items jsonb;
  v_item jsonb;
  v_label text;
  v_key text;
  v_keys text[];
  i integer := 0;
  j integer;
begin
  if p_stages is null or jsonb_typeof(p_stages) <> 'array' then
    perform app.raise('VALIDATION_FAILED', 'Stages must be a list', 'stages');
  end if;
  for v_stage in select e from jsonb_array_elements(p_stages) e loop
    if jsonb_typeof(v_stage) <> 'object' then
      perform app.raise('VALIDATION_FAILED', 'Each stage must be an object', format('stages.%s', i));
    end if;
    v_name := v_stage ->> 'stage';
    if v_name is null or not (v_name = any (enum_range(null::public.production_stage)::text[])) then
      perform app.raise('VALIDATION_FAILED', 'Pick a stage of the workflow', format('stages.%s.stage', i));
    end if;
    if v_name = any (v_seen) then
      perform app.raise('VALIDATION_FAILED', format('%s is listed twice', v_name), format('stages.%s.stage', i));
    end if;
    v_seen := v_seen || v_name;
    v_hours := case when jsonb_typeof(v_stage -> 'estimated_hours') = 'number'
                    then round((v_stage ->> 'estimated_hours')::numeric, 2) end;
    if v_hours is null or v_hours < 0 or v_hours >= 100 then
      perform app.raise('VALIDATION_FAILED', 'Enter hours from 0 to 99.99', format('stages.%s.estimated_hours', i));
    end if;
    v_items := coalesce(v_stage -> 'quality_checklist', '[]'::jsonb);
    if jsonb_typeof(v_items) <> 'array' then
      perform app.raise('VALIDATION_FAILED', 'The checklist must be a list', format('stages.%s.quality_checklist', i));
    end if;
    if jsonb_array_length(v_items) > 30 then
      perform app.raise('VALIDATION_FAILED', 'At most 30 checks per stage', format('stages.%s.quality_checklist', i));
    end if;
    j := 0;
    v_keys := '{}';
    for v_item in select e from jsonb_array_elements(v_items) e loop
      v_label := case when jsonb_typeof(v_item) = 'object' and jsonb_typeof(v_item -> 'label') = 'string'
                      then btrim(v_item ->> 'label') end;
      if v_label is null or length(v_label) not between 1 and 200 then
        perform app.raise('VALIDATION_FAILED', 'Write what to check (up to 200 characters)',
          format('stages.%s.quality_checklist.%s.label', i, j));
      end if;
      v_key := coalesce(nullif(btrim(v_item ->> 'key'), ''),
                        nullif(trim(both '-' from regexp_replace(lower(v_label), '[^a-z0-9]+', '-', 'g')), ''),
                        format('check-%s', j + 1));
      if v_key = any (v_keys) then
        perform app.raise('VALIDATION_FAILED', 'This check is listed twice at this stage',
          format('stages.%s.quality_checklist.%s.label', i, j));
      end if;
      v_keys := v_keys || v_key;
      v_items := jsonb_set(v_items, array[j::text], jsonb_build_object(
        'key', v_key, 'label', v_label,
        'required', coalesce(jsonb_typeof(v_item -> 'required') = 'boolean' and (v_item ->> 'required')::boolean, false)));
      j := j + 1;
    end loop;
    v_out := v_out || jsonb_build_array(jsonb_build_object(
      'stage', v_name, 'estimated_hours', v_hours, 'quality_checklist', v_items,
      'display_order', array_position(enum_range(null::public.production_stage)::text[], v_name)));
    i := i + 1;
  end loop;
  return v_out;
end $$;
comment on function app.model_stages(jsonb) is
  'save_model''s stage list, validated (VALIDATION_FAILED with the path stages.<i>.…) and normalised (keys, display_order).';

-- ------------------------------------------------------------------ save
create function public.save_model(
  p_org_id uuid, p_name text, p_sku_prefix text, p_complexity public.model_complexity,
  p_woods public.wood_type[], p_price numeric, p_stages jsonb default '[]'::jsonb, p_description text default null,
  p_base_hours numeric default null, p_is_active boolean default null, p_model_id uuid default null,
  p_client_id uuid default null
) returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_replay jsonb;
  v_model public.headphone_models;
  v_name text := btrim(p_name);
  v_sku text := upper(btrim(p_sku_prefix));
  v_description text := nullif(btrim(p_description), '');
  v_stages jsonb;
  v_hours numeric;
  v_id uuid;
  v_answer jsonb;
begin
  perform app.require_member(p_org_id, 'manager', true);
  v_replay := app.replay_begin(p_client_id, 'save_model'); if v_replay is not null then return v_replay; end if;

  if p_model_id is not null then
    select * into v_model from public.headphone_models m where m.id = p_model_id and m.org_id = p_org_id for update;
    if v_model.id is null then
      perform app.raise('NOT_FOUND', 'No such model in this organisation', 'model_id');
    end if;
  end if;

  if v_name is null or length(v_name) not between 1 and 80 then
    perform app.raise('VALIDATION_FAILED', 'Enter a name of up to 80 characters', 'name');
  end if;
  if exists (select 1 from public.headphone_models m where m.org_id = p_org_id and lower(m.name) = lower(v_name)
             and m.id is distinct from p_model_id) then
    perform app.raise('MODEL_NAME_TAKEN', format('Another model is called %s', v_name), 'name');
  end if;
  if v_sku is null or v_sku !~ '^[A-Z0-9]{2,12}$' then
    perform app.raise('VALIDATION_FAILED', 'Use 2 to 12 letters or digits, e.g. ATT', 'sku_prefix');
  end if;
  if exists (select 1 from public.headphone_models m where m.org_id = p_org_id and m.sku_prefix = v_sku
             and m.id is distinct from p_model_id) then
    perform app.raise('SKU_PREFIX_TAKEN', format('Another model uses the SKU prefix %s', v_sku), 'sku_prefix');
  end if;
  if p_complexity is null then
    perform app.raise('VALIDATION_FAILED', 'Pick a complexity', 'complexity');
  end if;
  if p_woods is null or cardinality(p_woods) = 0 or array_position(p_woods, null) is not null then
    perform app.raise('VALIDATION_FAILED', 'Pick at least one wood', 'wood_types');
  end if;
  if p_price is null or p_price < 0 or p_price >= 100000000 then
    perform app.raise('VALIDATION_FAILED', 'Enter a price of 0 or more', 'base_price');
  end if;
  if v_description is not null and length(v_description) > 2000 then
    perform app.raise('VALIDATION_FAILED', 'Keep the description under 2000 characters', 'description');
  end if;
  v_stages := app.model_stages(coalesce(p_stages, '[]'::jsonb));
  v_hours := coalesce(round(p_base_hours, 2),
                      (select coalesce(sum((s ->> 'estimated_hours')::numeric), 0) from jsonb_array_elements(v_stages) s));
  if v_hours < 0 or v_hours >= 100 then
    perform app.raise('VALIDATION_FAILED', 'A model takes from 0 to 99.99 hours per unit',
      case when p_base_hours is null then 'stages' else 'base_production_hours' end);
  end if;

  -- woods in workflow (enum) order, once each
  if v_model.id is null then
    insert into public.headphone_models (org_id, name, sku_prefix, complexity, base_production_hours, wood_types,
                                         base_price, description, is_active)
      values (p_org_id, v_name, v_sku, p_complexity, v_hours,
              array(select distinct w from unnest(p_woods) w order by w), round(p_price, 2), v_description,
              coalesce(p_is_active, true))
      returning id into v_id;
  else
    v_id := v_model.id;
    update public.headphone_models m set
      name = v_name, sku_prefix = v_sku, complexity = p_complexity, base_production_hours = v_hours,
      wood_types = array(select distinct w from unnest(p_woods) w order by w), base_price = round(p_price, 2),
      description = v_description, is_active = coalesce(p_is_active, m.is_active)
    where m.id = v_id;
  end if;

  -- the stages are the list given: others go, given ones are inserted or updated
  delete from public.model_production_stages s
  where s.model_id = v_id and s.org_id = p_org_id
    and not (s.stage::text in (select x ->> 'stage' from jsonb_array_elements(v_stages) x));
  insert into public.model_production_stages (org_id, model_id, stage, estimated_hours, quality_checklist, display_order)
    select p_org_id, v_id, (x ->> 'stage')::public.production_stage, (x ->> 'estimated_hours')::numeric,
           x -> 'quality_checklist', (x ->> 'display_order')::integer
    from jsonb_array_elements(v_stages) x
  on conflict (model_id, stage) do update set
    estimated_hours = excluded.estimated_hours, quality_checklist = excluded.quality_checklist,
    display_order = excluded.display_order
  where (model_production_stages.estimated_hours, model_production_stages.quality_checklist,
         model_production_stages.display_order)
        is distinct from (excluded.estimated_hours, excluded.quality_checklist, excluded.display_order);

  v_answer := jsonb_build_object('model', app.model_json(v_id), 'created', v_model.id is null);
  return app.replay_store(p_client_id, 'save_model', p_org_id, v_answer);
end $$;
comment on function public.save_model(uuid, text, text, public.model_complexity, public.wood_type[], numeric, jsonb,
                                      text, numeric, boolean, uuid, uuid) is
  'Creates (p_model_id null) or edits a model with its stages in one transaction (managers+). p_stages '
  '[{stage, estimated_hours, quality_checklist: [{key?, label, required?}]}] replaces the model''s stages; '
  'p_base_hours null: the sum of the stage hours; p_is_active null keeps it (new: active). Returns '
  '{model, created, replayed}. Errors: PT401, PT403, PT404 model_id, PT409 MODEL_NAME_TAKEN name / '
  'SKU_PREFIX_TAKEN sku_prefix, PT400 (name, sku_prefix, complexity, wood_types, base_price, description, '
  'base_production_hours, stages, stages.<i>.stage|estimated_hours|quality_checklist[.<j>.label]).';

-- ------------------------------------------------------------------ archive / restore
create function public.set_model_active(p_model_id uuid, p_is_active boolean, p_client_id uuid default null)
returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_replay jsonb;
  v_model public.headphone_models;
begin
  select * into v_model from public.headphone_models m where m.id = p_model_id;
  if v_model.id is null then
    perform app.raise('NOT_FOUND', 'No such model in this organisation', 'model_id');
  end if;
  perform app.require_member(v_model.org_id, 'manager', true);
  v_replay := app.replay_begin(p_client_id, 'set_model_active'); if v_replay is not null then return v_replay; end if;
  if p_is_active is null then
    perform app.raise('VALIDATION_FAILED', 'Say whether the model is made', 'is_active');
  end if;
  update public.headphone_models m set is_active = p_is_active
  where m.id = p_model_id and m.is_active is distinct from p_is_active;
  return app.replay_store(p_client_id, 'set_model_active', v_model.org_id,
           jsonb_build_object('model', app.model_json(p_model_id)));
end $$;
comment on function public.set_model_active(uuid, boolean, uuid) is
  'Archives (false) or restores (true) a model (managers+). Archived models keep their orders and cannot be '
  'picked for new ones. Returns {model, replayed}. Errors: PT401, PT403, PT404 model_id, PT400 is_active.';

revoke all on function app.model_json(uuid), app.model_stages(jsonb) from public;
revoke all on function public.save_model(uuid, text, text, public.model_complexity, public.wood_type[], numeric,
                                         jsonb, text, numeric, boolean, uuid, uuid),
                       public.set_model_active(uuid, boolean, uuid) from public, anon;
grant execute on function public.save_model(uuid, text, text, public.model_complexity, public.wood_type[], numeric,
                                            jsonb, text, numeric, boolean, uuid, uuid),
                          public.set_model_active(uuid, boolean, uuid) to authenticated, service_role;
