-- Batches move onto the state-machine engine (issue 11, spec 05). Until now a batch followed its
-- organisation's "workflow": rows in workflows / workflow_stages whose stage was the spec 04 enum
-- production_stage, so every organisation got the headphone stages. Now:
--  * batches.type_definition_id names the batch's type definition (subject 'batch') and
--    batches.current_stage is a state key of it (text). Which moves are allowed is decided by the
--    engine alone (app.fsm_decide / app.fsm_require from the stage trigger, on every path: board,
--    tablet, sync, SQL); what a state means for a batch is the state's meta in the definition:
--    order_status (the status its orders get), requires_quality_pass (the QC gate), label and
--    public_label (the tracking page). A back-step needs what its transition's `requires` says
--    (spec 04's headphone type: a reason and a supervisor). Skips keep their code STAGE_SKIPPED.
--  * spec 04's seven stages are now the states of the system type 'Headphone build', which every
--    headphone organisation uses; Birch & Bobbin uses the system type 'Garment'. The production_stage
--    enum goes: nothing needs it any more (model hours, floor actions, queues, events are per state key).
--  * the floor order of states (board columns, "remaining hours from here on", done/upcoming on the
--    tracking page) is the order of the definition's `states` list: app.batch_type_states.
--  * what lived on a workflow row but is not part of any definition moves to public.batch_settings,
--    one row per organisation: which batch type new batches get, and hours_per_day (the floor's
--    capacity, which turns remaining hours into an estimated date). It cannot live on the type
--    definition: system types are shared by every organisation and are read-only.
--  * every stage change is also written to state_history by the engine's app.fsm_history() trigger
--    (one history shape for every subject); batch_events keeps what only batches have (splits,
--    orders added, quality, skipped actions) and feeds the board, throughput and tracking milestones.
--  * workflow_id columns of the floor tables become type_definition_id (floor_sessions:
--    current_type_definition_id): stage actions and queues are per organisation, type and state.

-- ------------------------------------------------------------------ the states of batch types
create function app.batch_order_status(p_value text) returns public.order_status
language sql immutable set search_path = '' as $$
  select case when p_value in ('in_production', 'quality_check', 'ready_to_ship') then p_value::public.order_status
              else 'in_production'::public.order_status end
$$;
comment on function app.batch_order_status(text) is
  'The order status a batch state''s meta.order_status implies: in_production, quality_check or ready_to_ship '
  '(what orders follow while in a batch; shipped comes with completion); anything else reads as in_production.';

create view app.batch_type_states as
select t.id as type_definition_id, (row_number() over (partition by t.id order by s.ord))::smallint as position,
       s.state as stage,
       coalesce(nullif(btrim(m.meta ->> 'label'), ''), s.state) as name,
       app.batch_order_status(m.meta ->> 'order_status') as order_status,
       coalesce(jsonb_typeof(m.meta -> 'requires_quality_pass') = 'boolean'
                and (m.meta ->> 'requires_quality_pass')::boolean, false) as is_quality_gate,
       nullif(btrim(m.meta ->> 'public_label'), '') as public_label,
       exists (select 1 from app.fsm_transitions(t.fsm_schema, s.state) x
               where coalesce(t.fsm_schema -> 'terminal' ? x.to_state, false)) as completes
from public.type_definitions t
cross join lateral jsonb_array_elements_text(t.fsm_schema -> 'states') with ordinality as s (state, ord)
cross join lateral (select coalesce(t.fsm_schema -> 'meta' -> s.state, '{}'::jsonb) as meta) m
where t.subject = 'batch' and not coalesce(t.fsm_schema -> 'terminal' ? s.state, false);
comment on view app.batch_type_states is
  'The stages of every batch type definition: its non-terminal states in floor order (position = order in '
  'fsm_schema.states), with what each means for a batch, read from the definition''s meta: name (meta.label or '
  'the key), order_status, is_quality_gate (meta.requires_quality_pass), public_label, and completes (a '
  'transition leads from it into a terminal state: complete_batch is allowed there). A terminal state is where '
  'a completed batch has gone (is_complete), never a stage it sits in. Which moves are allowed is not here: that '
  'is app.fsm_decide''s.';
revoke all on app.batch_type_states from public, anon, authenticated, service_role;

-- ------------------------------------------------------------------ per-organisation batch settings
create table public.batch_settings (
  org_id uuid primary key references public.organisations (id) on delete cascade,
  default_type_id uuid not null references public.type_definitions (id),
  hours_per_day numeric(5, 2) not null default 16 check (hours_per_day > 0 and hours_per_day <= 240),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
comment on table public.batch_settings is
  'One row per organisation: how its batches are run, independent of any type definition (system types are '
  'shared by every organisation and read-only, so per-organisation numbers cannot live on them). Members read; '
  'managers+ change the default type and hours_per_day. Created with the organisation.';
comment on column public.batch_settings.default_type_id is
  'The batch type definition (subject batch, system or this organisation''s, not archived) new batches follow; '
  'its states are the board''s columns and the model form''s stages.';
comment on column public.batch_settings.hours_per_day is
  'Work hours the floor puts into batches per day, across all benches: turns remaining stage hours into an '
  'estimated completion date on the tracking page until there is a measured pace.';
create index batch_settings_default_type_idx on public.batch_settings (default_type_id);

create function app.batch_type_id(p_code text) returns uuid
language sql stable security definer set search_path = '' as $$
  select t.id from public.type_definitions t
  where t.org_id is null and t.subject = 'batch' and t.type_code = p_code
$$;
comment on function app.batch_type_id(text) is 'The system batch type with this code (headphone-build, garment), or null.';

create function app.batch_settings_check() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if not exists (select 1 from public.type_definitions t
                 where t.id = new.default_type_id and t.subject = 'batch' and t.archived_at is null
                   and (t.org_id is null or t.org_id = new.org_id)) then
    perform app.raise('VALIDATION_FAILED', 'Pick a batch type of this organisation or a system one', 'default_type_id');
  end if;
  return new;
end $$;
comment on function app.batch_settings_check() is
  'Trigger: the default batch type is a live batch type the organisation can use (its own or a system one).';

create trigger batch_settings_check before insert or update of default_type_id on public.batch_settings
  for each row execute function app.batch_settings_check();
create trigger batch_settings_set_updated_at before update on public.batch_settings
  for each row execute function app.set_updated_at();
create trigger batch_settings_audit after insert or update or delete on public.batch_settings
  for each row execute function app.audit_row();

create function app.ensure_batch_settings(p_org_id uuid) returns uuid
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_type uuid;
begin
  select s.default_type_id into v_type from public.batch_settings s where s.org_id = p_org_id;
  if v_type is null then
    insert into public.batch_settings (org_id, default_type_id) values (p_org_id, app.batch_type_id('headphone-build'))
      on conflict (org_id) do nothing;
    select s.default_type_id into v_type from public.batch_settings s where s.org_id = p_org_id;
  end if;
  return v_type;
end $$;
comment on function app.ensure_batch_settings(uuid) is
  'Creates (once) an organisation''s batch settings (default type: the system Headphone build, spec 04); '
  'returns its default batch type.';

create or replace function app.on_organisation_created() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  perform app.ensure_batch_settings(new.id);
  return null;
end $$;
comment on function app.on_organisation_created() is 'Trigger: every new organisation gets its batch settings.';
drop trigger organisations_default_workflow on public.organisations;
create trigger organisations_batch_settings after insert on public.organisations
  for each row execute function app.on_organisation_created();

insert into public.batch_settings (org_id, default_type_id, hours_per_day)
select w.org_id, app.batch_type_id('headphone-build'), w.hours_per_day
from public.workflows w where w.is_default
on conflict (org_id) do nothing;
select app.ensure_batch_settings(o.id) from public.organisations o;

alter table public.batch_settings enable row level security;
create policy batch_settings_select on public.batch_settings for select to authenticated
  using (org_id = any (array(select app.my_org_ids())));
create policy batch_settings_insert on public.batch_settings for insert to authenticated with check (false);
create policy batch_settings_update on public.batch_settings for update to authenticated
  using (org_id = any (array(select app.my_org_ids('manager'))))
  with check (org_id = any (array(select app.my_org_ids('manager'))));
create policy batch_settings_delete on public.batch_settings for delete to authenticated using (false);
revoke all on public.batch_settings from public, anon, authenticated, service_role;
grant select on public.batch_settings to authenticated;
grant update (default_type_id, hours_per_day) on public.batch_settings to authenticated;
grant all on public.batch_settings to service_role;

-- ------------------------------------------------------------------ columns: enum + workflow → state key + type
-- the summary view reads batches.current_stage and the workflows: rebuilt below
drop materialized view app.production_summary;

-- data moves are not user changes: no audit rows, no realtime pings, no stage rules
alter table public.batches disable trigger user;
alter table public.floor_stage_actions disable trigger user;
alter table public.floor_queues disable trigger user;
alter table public.floor_actions disable trigger user;
alter table public.floor_sessions disable trigger user;

-- triggers that name current_stage (WHEN, UPDATE OF) pin its type: recreated right after
drop trigger check_stage_progression on public.batches;
drop trigger batches_after_update on public.batches;
alter table public.batches add column type_definition_id uuid, add column type_version integer;
update public.batches b set type_definition_id = s.default_type_id, type_version = t.version
  from public.batch_settings s join public.type_definitions t on t.id = s.default_type_id
  where s.org_id = b.org_id;
alter table public.batches
  drop constraint batches_workflow_id_current_stage_fkey,
  drop constraint batches_org_id_workflow_id_fkey,
  drop column workflow_id,
  alter column current_stage drop default,
  alter column current_stage type text using current_stage::text,
  alter column type_definition_id set not null,
  alter column type_version set not null,
  add constraint batches_current_stage_check check (length(current_stage) between 1 and 32),
  add foreign key (type_definition_id) references public.type_definitions (id);
create trigger check_stage_progression
  before update of current_stage on public.batches
  for each row when (old.current_stage is distinct from new.current_stage)
  execute function app.validate_stage_progression();
create trigger batches_after_update
  after update of current_stage, quality_status, is_complete on public.batches
  for each row execute function app.batches_after_update();
create index batches_type_stage_idx on public.batches (type_definition_id, current_stage);
comment on column public.batches.type_definition_id is
  'The batch type definition (subject batch) whose machine this batch follows: the organisation''s default '
  'batch type when it was created. Fixed for the batch''s life.';
comment on column public.batches.type_version is 'The version of the type definition its current stage was validated against.';
comment on column public.batches.current_stage is
  'Where the batch is: a state key of its type definition, moved only as app.fsm_decide allows (check_stage_progression).';

alter table public.batch_events
  alter column from_stage type text using from_stage::text,
  alter column to_stage type text using to_stage::text;

alter table public.model_production_stages
  alter column stage type text using stage::text,
  add constraint model_production_stages_stage_check check (length(stage) between 1 and 32 and stage = btrim(stage));
comment on column public.model_production_stages.stage is
  'A state key of the organisation''s batch type (save_model checks it): the model''s hours per unit there.';

alter table public.floor_stage_actions add column type_definition_id uuid;
update public.floor_stage_actions d set type_definition_id = s.default_type_id
  from public.batch_settings s where s.org_id = d.org_id;
alter table public.floor_stage_actions
  drop constraint floor_stage_actions_workflow_id_stage_fkey,
  drop constraint floor_stage_actions_org_id_workflow_id_fkey,
  drop constraint floor_stage_actions_workflow_id_stage_action_key_key,
  drop column workflow_id,
  alter column stage type text using stage::text,
  alter column type_definition_id set not null,
  add foreign key (type_definition_id) references public.type_definitions (id),
  add constraint floor_stage_actions_org_type_stage_key_key unique (org_id, type_definition_id, stage, action_key);
create index floor_stage_actions_type_idx on public.floor_stage_actions (type_definition_id, stage);
comment on column public.floor_stage_actions.type_definition_id is
  'The batch type whose state this action belongs to (a system type or the organisation''s own).';
comment on column public.floor_stage_actions.stage is 'A state key of that type (trigger floor_stage_actions_check).';

alter table public.floor_queues add column type_definition_id uuid;
update public.floor_queues q set type_definition_id = s.default_type_id
  from public.batch_settings s where s.org_id = q.org_id and q.workflow_id is not null;
alter table public.floor_queues
  drop constraint floor_queues_workflow_id_stage_fkey,
  drop constraint floor_queues_org_id_workflow_id_fkey,
  drop constraint floor_queues_check,
  drop column workflow_id,
  alter column stage type text using stage::text,
  add foreign key (type_definition_id) references public.type_definitions (id),
  add constraint floor_queues_check check (stage is null or type_definition_id is not null);
create index floor_queues_org_type_stage_idx on public.floor_queues (org_id, type_definition_id, stage) where is_active;
create index floor_queues_type_stage_idx on public.floor_queues (type_definition_id, stage);
comment on column public.floor_queues.type_definition_id is 'With stage: the batch type and state this queue feeds from.';

alter table public.floor_actions add column type_definition_id uuid;
update public.floor_actions a set type_definition_id = s.default_type_id
  from public.batch_settings s where s.org_id = a.org_id;
alter table public.floor_actions
  drop constraint floor_actions_org_id_workflow_id_fkey,
  drop column workflow_id,
  alter column stage type text using stage::text,
  alter column type_definition_id set not null,
  add foreign key (type_definition_id) references public.type_definitions (id);
create index floor_actions_type_idx on public.floor_actions (type_definition_id);

alter table public.floor_sessions add column current_type_definition_id uuid;
update public.floor_sessions f set current_type_definition_id = s.default_type_id
  from public.batch_settings s where s.org_id = f.org_id and f.current_workflow_id is not null;
alter table public.floor_sessions
  drop constraint floor_sessions_org_id_current_workflow_id_fkey,
  drop column current_workflow_id,
  alter column current_stage type text using current_stage::text,
  add foreign key (current_type_definition_id) references public.type_definitions (id) on delete set null;
create index floor_sessions_type_idx on public.floor_sessions (current_type_definition_id);

alter table public.batches enable trigger user;
alter table public.floor_stage_actions enable trigger user;
alter table public.floor_queues enable trigger user;
alter table public.floor_actions enable trigger user;
alter table public.floor_sessions enable trigger user;

-- ------------------------------------------------------------------ functions with enum or workflow signatures

drop function app.model_stages(jsonb);
drop function app.floor_check_priority_rules(jsonb);
drop function app.batch_queues_follow(p_batch public.batches, p_from public.production_stage, p_to public.production_stage, p_forward boolean);
drop function app.create_default_workflow(p_org_id uuid);
drop function app.first_stage(p_workflow_id uuid);
drop function app.floor_action_states(p_workflow_id uuid, p_stage public.production_stage, p_kind public.floor_item_kind, p_item_id uuid, p_since timestamp with time zone, p_model_ids uuid[], p_with_checklists boolean);
drop function app.floor_definition_for(p_workflow_id uuid, p_stage public.production_stage, p_kind public.floor_item_kind, p_key text, p_number text);
drop function app.floor_estimate_minutes(p_kind public.floor_item_kind, p_ref_id uuid, p_stage public.production_stage);
drop function app.floor_item_context(p_kind public.floor_item_kind, p_ref_id uuid);
drop function app.floor_rule_matches(p_condition text, p_priority public.batch_priority, p_due_in_days integer, p_quality public.quality_status, p_is_late boolean, p_kind public.floor_item_kind, p_stage public.production_stage);
drop function app.last_stage(p_workflow_id uuid);
drop function app.log_batch_event(p_org_id uuid, p_batch_id uuid, p_kind public.batch_event_kind, p_from public.production_stage, p_to public.production_stage, p_quality public.quality_status, p_reason text, p_order_ids uuid[], p_related uuid);
drop function app.log_stage_move(p_batch public.batches, p_kind public.batch_event_kind, p_from public.production_stage, p_to public.production_stage);
drop function app.stage_at(p_workflow_id uuid, p_position integer);
drop function app.stage_position(p_workflow_id uuid, p_stage public.production_stage);
drop function app.workflow_fsm(p_workflow_id uuid);
drop function public.advance_batch(p_batch_id uuid, p_expected_stage public.production_stage, p_client_id uuid, p_override_reason text);
drop function public.floor_advance_item(p_client_id uuid, p_session_id uuid, p_item_id uuid, p_expected_stage public.production_stage);
drop function public.return_batch(p_batch_id uuid, p_to_stage public.production_stage, p_reason text, p_expected_stage public.production_stage, p_client_id uuid);

-- ------------------------------------------------------------------ stage lookups, now on type definitions
create function app.stage_position(p_type_id uuid, p_stage text) returns smallint
language sql stable security definer set search_path = '' as $$
  select s.position from app.batch_type_states s where s.type_definition_id = p_type_id and s.stage = p_stage
$$;
comment on function app.stage_position(uuid, text) is
  'A state''s place in its batch type''s floor order (1 = first of fsm_schema.states), or null if not a state of it.';

create function app.first_stage(p_type_id uuid) returns text
language sql stable security definer set search_path = '' as $$
  select t.fsm_schema ->> 'init' from public.type_definitions t where t.id = p_type_id and t.subject = 'batch'
$$;
comment on function app.first_stage(uuid) is 'Where batches of a type start: its fsm_schema.init.';

create function app.last_stage(p_type_id uuid) returns text
language sql stable security definer set search_path = '' as $$
  select s.stage from app.batch_type_states s where s.type_definition_id = p_type_id and s.completes
  order by s.position desc limit 1
$$;
comment on function app.last_stage(uuid) is
  'The last stage of a batch type (floor order) with a transition into a terminal state: where batches complete.';

-- The stage "advance" moves to: the transition out of p_from that needs no reason and leads further
-- along the floor order (the first such in floor order). The engine still decides in the trigger;
-- this only names the target, as the board's Advance button and the tablet's need one.
create function app.batch_next_stage(p_type_id uuid, p_from text) returns text
language sql stable security definer set search_path = '' as $$
  select s.stage
  from public.type_definitions t
  cross join lateral app.fsm_transitions(t.fsm_schema, p_from) x
  join app.batch_type_states s on s.type_definition_id = t.id and s.stage = x.to_state
  where t.id = p_type_id
    and not coalesce(jsonb_typeof(x.requires -> 'reason') = 'boolean' and (x.requires ->> 'reason')::boolean, false)
    and s.position > app.stage_position(p_type_id, p_from)
  order by s.position
  limit 1
$$;
comment on function app.batch_next_stage(uuid, text) is
  'Where advancing a batch of this type from p_from leads: the target of the open transition (no reason needed) '
  'nearest after p_from in floor order; null when there is none (complete the batch instead).';

-- The earlier stages a batch can be sent back to: targets of the machine's transitions out of p_from
-- that lie before it in floor order. What the board offers for rework; the trigger still decides.
create function app.batch_returns_to(p_type_id uuid, p_from text) returns jsonb
language sql stable security definer set search_path = '' as $$
  select coalesce(jsonb_agg(r.stage order by r.position), '[]'::jsonb)
  from (select distinct s.stage, s.position
        from public.type_definitions t
        cross join lateral app.fsm_transitions(t.fsm_schema, p_from) x
        join app.batch_type_states s on s.type_definition_id = t.id and s.stage = x.to_state
        where t.id = p_type_id and s.position < app.stage_position(p_type_id, p_from)) r
$$;
comment on function app.batch_returns_to(uuid, text) is
  'The earlier states (floor order) a batch of this type at p_from has a transition back to: the rework targets.';

create function app.stage_at(p_type_id uuid, p_position integer) returns text
language sql stable security definer set search_path = '' as $$
  select s.stage from app.batch_type_states s where s.type_definition_id = p_type_id and s.position = p_position
$$;
comment on function app.stage_at(uuid, integer) is 'The state at a place of a batch type''s floor order, or null.';

-- a floor definition (stage action, queue) names a batch type the organisation can use and a state of it
create function app.require_batch_state(p_org_id uuid, p_type_id uuid, p_stage text) returns void
language plpgsql stable security definer set search_path = '' as $$
begin
  if p_type_id is null then
    return;
  end if;
  if not exists (select 1 from public.type_definitions t
                 where t.id = p_type_id and t.subject = 'batch' and (t.org_id is null or t.org_id = p_org_id)) then
    perform app.raise('NOT_FOUND', 'No such batch type in this organisation', 'type_definition_id');
  end if;
  if p_stage is not null and app.stage_position(p_type_id, p_stage) is null then
    perform app.raise('VALIDATION_FAILED', format('%s is not a stage of this batch type', p_stage), 'stage');
  end if;
end $$;
comment on function app.require_batch_state(uuid, uuid, text) is
  'Raises unless the batch type is one the organisation can use (NOT_FOUND) and the stage, if given, is one of its '
  'states (VALIDATION_FAILED): what the foreign keys to workflows / workflow_stages used to say.';

create or replace function app.floor_stage_actions_check() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  perform app.require_batch_state(new.org_id, new.type_definition_id, new.stage);
  perform app.floor_check_action_config(new.org_id, new.action_type, new.config);
  new.label := btrim(new.label);
  return new;
end $$;

create or replace function app.floor_queues_check() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  perform app.require_batch_state(new.org_id, new.type_definition_id, new.stage);
  perform app.floor_check_priority_rules(new.priority_rules, new.org_id);
  if new.created_by is null and tg_op = 'INSERT' then
    new.created_by := app.actor_member_id(new.org_id);
  end if;
  new.name := btrim(new.name);
  return new;
end $$;

grant insert (type_definition_id) on public.floor_stage_actions, public.floor_queues to authenticated;

-- ------------------------------------------------------------------ every function that read workflows or the enum, on type definitions
-- (same bodies as their newest definitions, with workflow_stages read as app.batch_type_states and
-- "the next stage" as app.batch_next_stage)


-- ==== app.batch_json 
CREATE OR REPLACE FUNCTION app.batch_json(p_batch_id uuid)
 RETURNS jsonb
 LANGUAGE sql
 STABLE SECURITY DEFINER
 SET search_path TO ''
AS $function$
  select jsonb_build_object(
    'id', b.id, 'org_id', b.org_id, 'batch_number', b.batch_number, 'type_definition_id', b.type_definition_id,
    'current_stage', b.current_stage,
    'stage_position', app.stage_position(b.type_definition_id, b.current_stage),
    'next_stage', case when not b.is_complete then app.batch_next_stage(b.type_definition_id, b.current_stage) end,
    'returns_to', case when b.is_complete then '[]'::jsonb else app.batch_returns_to(b.type_definition_id, b.current_stage) end,
    'priority', b.priority, 'quality_status', b.quality_status, 'is_complete', b.is_complete,
    'target_completion', b.target_completion, 'actual_completion', b.actual_completion,
    'is_late', not b.is_complete and b.target_completion < app.org_today(b.org_id),
    'stage_entered_at', b.stage_entered_at, 'completed_at', b.completed_at,
    'order_ids', coalesce((select jsonb_agg(bo.order_id order by bo.added_at, bo.order_id)
                           from public.batch_orders bo where bo.batch_id = b.id), '[]'::jsonb),
    'order_count', (select count(*) from public.batch_orders bo where bo.batch_id = b.id),
    'earliest_due_date', (select min(o.due_date) from public.batch_orders bo join public.orders o on o.id = bo.order_id
                          where bo.batch_id = b.id),
    'total_estimated_hours', bm.total_estimated_hours,
    'created_at', b.created_at, 'updated_at', b.updated_at)
  from public.batches b
  left join public.batch_metadata bm on bm.batch_id = b.id
  where b.id = p_batch_id
$function$;

-- ==== app.batch_orders_after_change 
CREATE OR REPLACE FUNCTION app.batch_orders_after_change()
 RETURNS trigger
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
declare
  v_batch public.batches;
  v_status public.order_status;
begin
  if tg_op = 'INSERT' then
    select * into v_batch from public.batches b where b.id = new.batch_id;
    select s.order_status into v_status from app.batch_type_states s
      where s.type_definition_id = v_batch.type_definition_id and s.stage = v_batch.current_stage;
    perform set_config('floorline.status_source', 'batch', true);
    perform set_config('floorline.batch_id', new.batch_id::text, true);
    update public.orders o set status = v_status where o.id = new.order_id and o.status <> v_status;
    perform app.recount_batch_hours(new.batch_id);
  elsif tg_op = 'DELETE' then
    if not old.batch_is_complete then
      if current_setting('floorline.batch_move', true) is distinct from 'on' then
        perform set_config('floorline.status_source', 'batch', true);
        perform set_config('floorline.batch_id', old.batch_id::text, true);
        update public.orders o set status = 'pending'
          where o.id = old.order_id and o.status in ('in_production', 'quality_check', 'ready_to_ship');
      end if;
    end if;
    perform app.recount_batch_hours(old.batch_id);
  end if;
  perform set_config('floorline.status_source', '', true);
  perform set_config('floorline.batch_id', '', true);
  return null;
end $function$;

-- ==== app.batch_queues_follow (new signature)
CREATE OR REPLACE FUNCTION app.batch_queues_follow(p_batch public.batches, p_from text, p_to text, p_forward boolean)
 RETURNS void
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
declare
  v_queue uuid;
  v_item uuid;
begin
  update public.floor_queue_items qi
    set status = case when p_forward then 'completed' else 'removed' end::public.floor_queue_item_status,
        completed_at = now(), completed_by = app.actor_member_id(p_batch.org_id),
        started_at = case when p_forward then coalesce(qi.started_at, now()) else qi.started_at end
    from public.floor_queues q
    where q.id = qi.queue_id and q.org_id = p_batch.org_id and q.type_definition_id = p_batch.type_definition_id and q.stage = p_from
      and qi.status in ('waiting', 'in_progress')
      and qi.item_id in (select fi.id from public.floor_items fi where fi.batch_id = p_batch.id
                         union all
                         select fi.id from public.batch_orders bo join public.floor_items fi on fi.order_id = bo.order_id
                         where bo.batch_id = p_batch.id);
  if p_to is null then
    return;
  end if;
  for v_queue in
    select q.id from public.floor_queues q
    where q.org_id = p_batch.org_id and q.is_active and q.type_definition_id = p_batch.type_definition_id and q.stage = p_to
    order by q.name
  loop
    if v_item is null then
      select f.item_id into v_item from app.floor_resolve_item(p_batch.org_id, p_batch.id, true) f;
    end if;
    perform app.floor_enqueue(v_queue, v_item, null, null, null, true);
  end loop;
end $function$;
comment on function app.batch_queues_follow(p_batch public.batches, p_from text, p_to text, p_forward boolean) is
  'Stage queues follow a batch: open entries (batch and orders) at the stage it left are completed (forward) or removed (sent back); active queues of the stage it entered receive it (skipped when full or closed).';

-- ==== app.batch_remaining_hours 
CREATE OR REPLACE FUNCTION app.batch_remaining_hours(p_batch_id uuid)
 RETURNS numeric
 LANGUAGE sql
 STABLE SECURITY DEFINER
 SET search_path TO ''
AS $function$
  select coalesce(sum(mps.estimated_hours), 0)
  from public.batches b
  join app.batch_type_states cur on cur.type_definition_id = b.type_definition_id and cur.stage = b.current_stage
  join public.batch_orders bo on bo.batch_id = b.id
  join public.orders o on o.id = bo.order_id and o.status <> 'cancelled'
  join public.model_production_stages mps on mps.model_id = o.model_id
  join app.batch_type_states ws on ws.type_definition_id = b.type_definition_id and ws.stage = mps.stage
  where b.id = p_batch_id and not b.is_complete and ws.position >= cur.position
$function$;

-- ==== app.batches_after_update 
CREATE OR REPLACE FUNCTION app.batches_after_update()
 RETURNS trigger
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
declare
  v_status public.order_status;
  v_from smallint;
  v_to smallint;
begin
  if new.current_stage is distinct from old.current_stage then
    v_from := app.stage_position(old.type_definition_id, old.current_stage);
    v_to := app.stage_position(new.type_definition_id, new.current_stage);
    perform app.log_stage_move(new, (case when v_to > v_from then 'advanced' else 'returned' end)::public.batch_event_kind,
                               old.current_stage, new.current_stage);
    select s.order_status into v_status from app.batch_type_states s
      where s.type_definition_id = new.type_definition_id and s.stage = new.current_stage;
    perform app.batch_orders_follow(new, v_status);
    perform app.batch_queues_follow(new, old.current_stage, new.current_stage, v_to > v_from);
  end if;
  if new.quality_status is distinct from old.quality_status then
    perform app.log_batch_event(new.org_id, new.id, 'quality_changed', null, new.current_stage, new.quality_status,
                                app.current_reason());
  end if;
  if new.is_complete and not old.is_complete then
    update public.batch_orders bo set batch_is_complete = true where bo.batch_id = new.id;
    perform app.log_stage_move(new, 'completed', new.current_stage, null);
    perform app.batch_orders_follow(new, 'shipped');
    perform app.batch_queues_follow(new, new.current_stage, null, true);
  end if;
  return null;
end $function$;

-- ==== app.batches_defaults 
CREATE OR REPLACE FUNCTION app.batches_defaults()
 RETURNS trigger
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
begin
  if new.type_definition_id is null then
    new.type_definition_id := app.ensure_batch_settings(new.org_id);
    -- new work starts on a live type (a split keeps its batch's type, archived or not)
    if exists (select 1 from public.type_definitions t where t.id = new.type_definition_id and t.archived_at is not null) then
      perform app.raise('TYPE_ARCHIVED', 'The organisation''s batch type is archived: pick another one in its settings',
                        'type_definition_id');
    end if;
  end if;
  -- a batch type the organisation can use, and a state of it (new batches start at its init)
  perform app.require_batch_state(new.org_id, new.type_definition_id, null);
  new.current_stage := coalesce(new.current_stage, app.first_stage(new.type_definition_id));
  if app.stage_position(new.type_definition_id, new.current_stage) is null then
    perform app.raise('VALIDATION_FAILED', format('%s is not a stage of this batch''s workflow', new.current_stage),
                      'current_stage');
  end if;
  new.type_version := (select t.version from public.type_definitions t where t.id = new.type_definition_id);
  -- the engine's history row of the creation (app.fsm_history) has no transition; a split says why
  perform set_config('floorline.fsm_transition', '', true);
  perform set_config('floorline.fsm_reason', coalesce(app.current_reason(), ''), true);
  if new.batch_number is null then
    new.batch_number := 'B-' || app.next_number(new.org_id, 'batch', 1);
  end if;
  if new.created_by is null then
    new.created_by := app.actor_member_id(new.org_id);
  end if;
  return new;
end $function$;

-- ==== app.daily_stage_hours 
CREATE OR REPLACE FUNCTION app.daily_stage_hours(p_org_id uuid, p_from date, p_to date)
 RETURNS TABLE(day date, hours numeric)
 LANGUAGE sql
 STABLE SECURITY DEFINER
 SET search_path TO ''
AS $function$
  with tz as (select o.time_zone from public.organisations o where o.id = p_org_id),
  ev as (
    select (e.at at time zone (select time_zone from tz))::date as day, e.kind, e.batch_id,
           b.type_definition_id, pf.position as from_pos,
           coalesce(pt.position, pf.position + 1) as to_pos
    from public.batch_events e
    join public.batches b on b.id = e.batch_id
    join app.batch_type_states pf on pf.type_definition_id = b.type_definition_id and pf.stage = e.from_stage
    left join app.batch_type_states pt on pt.type_definition_id = b.type_definition_id and pt.stage = e.to_stage
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
    join app.batch_type_states ws on ws.type_definition_id = ev.type_definition_id and ws.stage = mps.stage
    where (ev.kind <> 'returned' and ws.position >= ev.from_pos and ws.position < ev.to_pos)
       or (ev.kind = 'returned' and ws.position >= ev.to_pos and ws.position < ev.from_pos)
    group by ev.day
  )
  select d::date, coalesce(w.hours, 0)
  from generate_series(p_from, p_to, interval '1 day') d
  left join worked w on w.day = d::date
$function$;

-- ==== app.floor_action_json 
CREATE OR REPLACE FUNCTION app.floor_action_json(p_action_id uuid)
 RETURNS jsonb
 LANGUAGE plpgsql
 STABLE SECURITY DEFINER
 SET search_path TO ''
AS $function$
begin
  return (
  select jsonb_build_object(
    'id', a.id, 'org_id', a.org_id, 'session_id', a.session_id, 'item_id', a.item_id, 'batch_id', a.batch_id,
    'type_definition_id', a.type_definition_id, 'stage', a.stage, 'stage_action_id', a.stage_action_id,
    'key', a.action_key, 'type', a.action_type, 'label', a.label, 'required', a.required, 'status', a.status,
    'data', a.data, 'photos', a.photos, 'notes', a.notes, 'measurements', a.measurements, 'checklist', a.checklist,
    'completed_at', a.completed_at, 'duration_ms', a.duration_ms, 'validation_result', a.validation_result,
    'member', jsonb_build_object('id', m.id, 'display_name', m.display_name),
    'approved_by', case when ap.id is not null then jsonb_build_object('id', ap.id, 'display_name', ap.display_name) end,
    'client_id', a.client_id, 'created_at', a.created_at, 'updated_at', a.updated_at)
  from public.floor_actions a
  join public.members m on m.id = a.member_id
  left join public.members ap on ap.id = a.approved_by
  where a.id = p_action_id);
end $function$;

-- ==== app.floor_action_states (new signature)
CREATE OR REPLACE FUNCTION app.floor_action_states(p_org_id uuid, p_type_id uuid, p_stage text, p_kind public.floor_item_kind, p_item_id uuid, p_since timestamp with time zone, p_model_ids uuid[], p_with_checklists boolean DEFAULT true)
 RETURNS TABLE(stage_action_id uuid, action_key text, action_type public.floor_action_type, label text, description text, required boolean, "position" smallint, config jsonb, checklist jsonb, status public.floor_action_status, last_action_id uuid, last_completed_at timestamp with time zone, last_member_id uuid, validation_result jsonb)
 LANGUAGE plpgsql
 STABLE SECURITY DEFINER
 SET search_path TO ''
AS $function$
#variable_conflict use_column
begin
  return query
  select d.id, d.action_key, d.action_type, d.label, d.description, d.required, d.position, d.config,
         case when d.action_type = 'inspection' and p_with_checklists then app.floor_action_checklist(d, p_model_ids) end,
         coalesce(a.status, 'pending'), a.id, a.completed_at, a.member_id, a.validation_result
  from public.floor_stage_actions d
  left join lateral (
    select a.id, a.status, a.completed_at, a.member_id, a.validation_result
    from public.floor_actions a
    where a.org_id = d.org_id and a.item_id = p_item_id and a.stage = d.stage and a.type_definition_id = d.type_definition_id
      and a.action_key = d.action_key and a.created_at >= p_since
    order by a.created_at desc
    limit 1
  ) a on true
  where d.org_id = p_org_id and d.type_definition_id = p_type_id and d.stage = p_stage and d.is_active
    and p_kind = any (d.item_kinds)
  order by d.position, d.action_key;
end $function$;
comment on function app.floor_action_states(p_org_id uuid, p_type_id uuid, p_stage text, p_kind public.floor_item_kind, p_item_id uuid, p_since timestamp with time zone, p_model_ids uuid[], p_with_checklists boolean) is
  'The stage''s actions for an item kind, each with the status of its latest attempt in the current visit (pending when none). p_item_id null: nothing attempted yet.';

-- ==== app.floor_blocking_actions 
CREATE OR REPLACE FUNCTION app.floor_blocking_actions(p_batch_id uuid)
 RETURNS TABLE(item_id uuid, kind public.floor_item_kind, ref_id uuid, number text, action_key text, label text, status public.floor_action_status)
 LANGUAGE plpgsql
 STABLE SECURITY DEFINER
 SET search_path TO ''
AS $function$
#variable_conflict use_column
begin
  return query
  select fi.id, 'batch'::public.floor_item_kind, b.id, b.batch_number, s.action_key, s.label, s.status
  from public.batches b
  left join public.floor_items fi on fi.org_id = b.org_id and fi.batch_id = b.id
  cross join lateral app.floor_action_states(b.org_id, b.type_definition_id, b.current_stage, 'batch', fi.id, b.stage_entered_at,
                                             '{}', false) s
  where b.id = p_batch_id and s.required and s.status <> 'completed'
  union all
  select fi.id, 'order'::public.floor_item_kind, o.id, o.order_number, s.action_key, s.label, s.status
  from public.batches b
  join public.batch_orders bo on bo.batch_id = b.id
  join public.orders o on o.id = bo.order_id
  left join public.floor_items fi on fi.org_id = o.org_id and fi.order_id = o.id
  cross join lateral app.floor_action_states(b.org_id, b.type_definition_id, b.current_stage, 'order', fi.id, b.stage_entered_at,
                                             array[o.model_id], false) s
  where b.id = p_batch_id and s.required and s.status <> 'completed' and o.status <> 'cancelled';
end $function$;

-- ==== app.floor_check_priority_rules 
CREATE OR REPLACE FUNCTION app.floor_check_priority_rules(p_rules jsonb, p_org_id uuid)
 RETURNS void
 LANGUAGE plpgsql
 STABLE SECURITY DEFINER
 SET search_path TO ''
AS $function$
declare
  v_rule jsonb;
  v_parts text[];
  v_field text;
  v_value text;
begin
  if jsonb_typeof(p_rules) <> 'array' or jsonb_array_length(p_rules) > 20 then
    perform app.raise('VALIDATION_FAILED', 'priority_rules is a list of at most 20 rules', 'priority_rules');
  end if;
  for v_rule in select jsonb_array_elements(p_rules) loop
    if jsonb_typeof(v_rule) <> 'object' or (select count(*) from jsonb_object_keys(v_rule)) <> 2
       or v_rule ->> 'priority' is null or v_rule ->> 'priority' not in ('low', 'normal', 'high', 'urgent') then
      perform app.raise('VALIDATION_FAILED', 'Each rule is {condition, priority: low|normal|high|urgent}', 'priority_rules');
    end if;
    v_parts := app.floor_rule_parts(v_rule ->> 'condition');
    if v_parts is null then
      perform app.raise('VALIDATION_FAILED', format('Cannot read the condition "%s": write <field> <op> <value>, e.g. "priority = rush"', v_rule ->> 'condition'), 'priority_rules');
    end if;
    v_field := v_parts[1];
    v_value := btrim(v_parts[3]);
    if (v_field = 'priority' and v_value not in ('low', 'standard', 'high', 'rush'))
       or (v_field = 'due_in_days' and v_value !~ '^-?[0-9]{1,4}$')
       or (v_field = 'quality_status' and v_value not in ('good', 'warning', 'failed'))
       or (v_field = 'is_late' and v_value not in ('true', 'false'))
       or (v_field = 'kind' and v_value not in ('order', 'batch'))
       or (v_field = 'stage' and not exists (
             select 1 from app.batch_type_states s join public.type_definitions t on t.id = s.type_definition_id
             where s.stage = v_value and (t.org_id is null or t.org_id = p_org_id))) then
      perform app.raise('VALIDATION_FAILED', format('"%s" is not a value for %s', v_value, v_field), 'priority_rules');
    end if;
    if v_field in ('quality_status', 'is_late', 'kind', 'stage') and v_parts[2] not in ('=', '!=') then
      perform app.raise('VALIDATION_FAILED', format('%s compares with = or != only', v_field), 'priority_rules');
    end if;
  end loop;
end $function$;

-- ==== app.floor_complete_scan_action 
CREATE OR REPLACE FUNCTION app.floor_complete_scan_action(p_session public.floor_sessions, p_code text, p_resolved jsonb, p_client_id uuid)
 RETURNS jsonb
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
declare
  v_item record;
  c record;
  v_def public.floor_stage_actions;
begin
  if p_session.current_item_id is null then
    return null;
  end if;
  select fi.kind, coalesce(fi.batch_id, fi.order_id) as ref_id into v_item
    from public.floor_items fi where fi.id = p_session.current_item_id;
  select * into c from app.floor_item_context(v_item.kind, v_item.ref_id);
  if c.stage is null or c.is_complete then
    return null;
  end if;
  select d.* into v_def
    from app.floor_action_states(c.org_id, c.type_definition_id, c.stage, c.kind, c.item_id, c.stage_entered_at, c.model_ids, false) s
    join public.floor_stage_actions d on d.id = s.stage_action_id
    where s.action_type = 'scan' and s.status <> 'completed'
      and coalesce(d.config ->> 'expect', 'action') = (p_resolved ->> 'type')
      and case coalesce(d.config ->> 'expect', 'action')
            when 'action' then d.id = (p_resolved ->> 'stage_action_id')::uuid
            when 'location' then not (d.config ? 'location_id')
                                 or (d.config ->> 'location_id')::uuid = (p_resolved ->> 'location_id')::uuid
            else true end
    order by s.position
    limit 1;
  if v_def.id is null then
    return null;
  end if;
  return app.floor_perform_action(p_session, null, c.item_id, v_def.action_key, 'completed',
                                  jsonb_build_object('code', p_code), null, null, null, null, p_client_id);
end $function$;

-- ==== app.floor_definition_for (new signature)
CREATE OR REPLACE FUNCTION app.floor_definition_for(p_org_id uuid, p_type_id uuid, p_stage text, p_kind public.floor_item_kind, p_key text, p_number text)
 RETURNS public.floor_stage_actions
 LANGUAGE plpgsql
 STABLE SECURITY DEFINER
 SET search_path TO ''
AS $function$
declare
  v public.floor_stage_actions;
  v_stages text[];
begin
  select * into v from public.floor_stage_actions d
    where d.org_id = p_org_id and d.type_definition_id = p_type_id and d.stage = p_stage and d.action_key = p_key
      and d.is_active
      and p_kind = any (d.item_kinds);
  if v.id is not null then
    return v;
  end if;
  select array_agg(distinct d.stage::text) into v_stages from public.floor_stage_actions d
    where d.org_id = p_org_id and d.type_definition_id = p_type_id and d.action_key = p_key and d.is_active;
  if v_stages is null then
    perform app.raise('ACTION_NOT_FOUND', format('No action "%s" in this workflow', p_key), null, jsonb_build_object('action_key', p_key));
  end if;
  if p_stage::text = any (v_stages) then
    perform app.raise('ACTION_NOT_AVAILABLE', format('"%s" is not done per %s at %s', p_key, p_kind, p_stage), null, jsonb_build_object('action_key', p_key, 'item_stage', p_stage, 'item_kind', p_kind));
  end if;
  perform app.raise('ACTION_NOT_AVAILABLE', format('"%s" belongs to %s; %s is at %s', p_key, array_to_string(v_stages, ', '), p_number, p_stage), null, jsonb_build_object('action_key', p_key, 'item_stage', p_stage, 'available_at', to_jsonb(v_stages)));
  return null;
end $function$;
comment on function app.floor_definition_for(p_org_id uuid, p_type_id uuid, p_stage text, p_kind public.floor_item_kind, p_key text, p_number text) is
  'The active definition of an action key for a stage and item kind; PT422 ACTION_NOT_AVAILABLE (with where it is available) or PT404 ACTION_NOT_FOUND.';

-- ==== app.floor_enqueue 
CREATE OR REPLACE FUNCTION app.floor_enqueue(p_queue_id uuid, p_item_id uuid, p_priority public.floor_priority, p_assigned_to uuid, p_estimated_minutes numeric, p_quiet boolean DEFAULT false)
 RETURNS uuid
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
declare
  q public.floor_queues;
  v_item public.floor_items;
  v_ref uuid;
  v_stage text;
  v_assignee uuid := p_assigned_to;
  v_open integer;
  v_id uuid;
begin
  -- the queue row lock serialises adds, so max_items holds under concurrency (pulls do not take it)
  select * into q from public.floor_queues x where x.id = p_queue_id for no key update;
  select * into v_item from public.floor_items fi where fi.id = p_item_id and fi.org_id = q.org_id;
  v_ref := coalesce(v_item.batch_id, v_item.order_id);
  if not q.is_active then
    if p_quiet then return null; end if;
    perform app.raise('QUEUE_INACTIVE', format('Queue %s is closed', q.name));
  end if;
  if exists (select 1 from public.floor_queue_items qi
             where qi.queue_id = q.id and qi.item_id = p_item_id and qi.status in ('waiting', 'in_progress')) then
    if p_quiet then return null; end if;
    perform app.raise('ITEM_ALREADY_QUEUED', format('That item is already in queue %s', q.name), null, jsonb_build_object('queue_id', q.id));
  end if;
  select count(*) into v_open from public.floor_queue_items qi
    where qi.queue_id = q.id and qi.status in ('waiting', 'in_progress');
  if q.max_items is not null and v_open >= q.max_items then
    if p_quiet then return null; end if;
    perform app.raise('QUEUE_FULL', format('Queue %s is full (%s items)', q.name, q.max_items), null, jsonb_build_object('max_items', q.max_items));
  end if;
  if v_assignee is not null and not exists (select 1 from public.members m
                                            where m.id = v_assignee and m.org_id = q.org_id and m.is_active) then
    perform app.raise('NOT_ASSIGNABLE', 'Assign to an active member of this workshop', null, jsonb_build_object('member_id', v_assignee));
  end if;
  if v_assignee is null and q.auto_assign then
    v_assignee := app.floor_auto_assignee(q);
  end if;
  select c.stage into v_stage from app.floor_item_context(v_item.kind, v_ref) c;
  insert into public.floor_queue_items (org_id, queue_id, item_id, priority, added_by, assigned_to, assigned_at,
                                        estimated_duration_minutes)
    values (q.org_id, q.id, p_item_id, coalesce(p_priority, app.floor_queue_priority(q.id, v_item.kind, v_ref)),
            app.actor_member_id(q.org_id), v_assignee, case when v_assignee is not null then now() end,
            coalesce(p_estimated_minutes, app.floor_estimate_minutes(v_item.kind, v_ref, coalesce(q.stage, v_stage))))
    returning id into v_id;
  return v_id;
end $function$;

-- ==== app.floor_estimate_minutes (new signature)
CREATE OR REPLACE FUNCTION app.floor_estimate_minutes(p_kind public.floor_item_kind, p_ref_id uuid, p_stage text)
 RETURNS numeric
 LANGUAGE plpgsql
 STABLE SECURITY DEFINER
 SET search_path TO ''
AS $function$
begin
  return (
  select round(sum(mps.estimated_hours) * 60, 2)
  from public.orders o
  join public.model_production_stages mps on mps.model_id = o.model_id and mps.stage = p_stage
  where p_stage is not null
    and ((p_kind = 'order' and o.id = p_ref_id)
         or (p_kind = 'batch' and o.id in (select bo.order_id from public.batch_orders bo where bo.batch_id = p_ref_id))));
end $function$;
comment on function app.floor_estimate_minutes(p_kind public.floor_item_kind, p_ref_id uuid, p_stage text) is
  'Catalogue estimate (model_production_stages.estimated_hours) for an order or a whole batch at a stage, in minutes.';

-- ==== app.floor_item_card (its newest definition: 20261204013310_floor_card_counts_every_action)
create or replace function app.floor_item_card(p_kind public.floor_item_kind, p_ref_id uuid) returns jsonb
language plpgsql stable security definer set search_path = '' as $$
declare
  c record;
  v_actions jsonb;
  v_batch_actions jsonb;
  v_blockers jsonb;
  v_blocker_count integer := 0;
  v_queue jsonb;
  v_assigned jsonb;
  v_position smallint;
  v_stage_count integer;
  v_next text;
  v_stage_name text;
  v_gate boolean := false;
  v_hold text;
begin
  select * into c from app.floor_item_context(p_kind, p_ref_id);
  if c.ref_id is null then
    return null;
  end if;
  if c.stage is not null then
    select ws.position, ws.name, ws.is_quality_gate into v_position, v_stage_name, v_gate from app.batch_type_states ws
      where ws.type_definition_id = c.type_definition_id and ws.stage = c.stage;
    select count(*) into v_stage_count from app.batch_type_states ws where ws.type_definition_id = c.type_definition_id;
    v_next := app.batch_next_stage(c.type_definition_id, c.stage);
  end if;
  if c.stage is not null and not c.is_complete then
    select coalesce(jsonb_agg(jsonb_build_object(
             'stage_action_id', s.stage_action_id, 'key', s.action_key, 'type', s.action_type, 'label', s.label,
             'description', s.description, 'required', s.required, 'config', s.config, 'checklist', s.checklist,
             'status', s.status, 'last_action_id', s.last_action_id, 'completed_at', s.last_completed_at,
             'validation_result', s.validation_result) order by s.position, s.action_key), '[]'::jsonb)
      into v_actions
      from app.floor_action_states(c.org_id, c.type_definition_id, c.stage, c.kind, c.item_id, c.stage_entered_at, c.model_ids) s;
    if c.kind = 'order' and c.batch_id is not null then
      -- the batch's own actions, as the batch's card lists them (its models' checklists)
      select coalesce(jsonb_agg(jsonb_build_object(
               'stage_action_id', s.stage_action_id, 'key', s.action_key, 'type', s.action_type, 'label', s.label,
               'description', s.description, 'required', s.required, 'config', s.config, 'checklist', s.checklist,
               'status', s.status, 'last_action_id', s.last_action_id, 'completed_at', s.last_completed_at,
               'validation_result', s.validation_result) order by s.position, s.action_key), '[]'::jsonb)
        into v_batch_actions
        from app.floor_item_context('batch', c.batch_id) bc
        cross join lateral app.floor_action_states(bc.org_id, bc.type_definition_id, bc.stage, 'batch', bc.item_id, bc.stage_entered_at,
                                                   bc.model_ids) s;
    end if;
    if c.batch_id is not null then
      select count(*), coalesce(jsonb_agg(jsonb_build_object('item_id', x.item_id, 'kind', x.kind, 'ref_id', x.ref_id,
                                                             'number', x.number, 'key', x.action_key, 'label', x.label,
                                                             'status', x.status)
                                          order by x.rn) filter (where x.rn <= 50), '[]'::jsonb)
        into v_blocker_count, v_blockers
        from (select b.*, row_number() over (order by b.kind = 'order', b.number, b.action_key) as rn
              from app.floor_blocking_actions(c.batch_id) b) x;
    end if;
  end if;
  v_hold := case
    when c.stage is null or c.is_complete then null
    when c.batch_id is null then 'not_in_batch'
    when v_gate and c.quality_status is not distinct from 'failed' then 'quality_failed'
  end;
  select coalesce(jsonb_agg(jsonb_build_object(
           'queue_item_id', qi.id, 'queue_id', q.id, 'queue_name', q.name, 'status', qi.status, 'priority', qi.priority,
           'assigned_to', case when m.id is not null then jsonb_build_object('member_id', m.id, 'display_name', m.display_name) end,
           'added_at', qi.added_at, 'started_at', qi.started_at) order by qi.added_at), '[]'::jsonb),
         (array_agg(jsonb_build_object('member_id', m.id, 'display_name', m.display_name)
                    order by (qi.status = 'in_progress') desc, qi.added_at) filter (where m.id is not null))[1]
    into v_queue, v_assigned
    from public.floor_queue_items qi
    join public.floor_queues q on q.id = qi.queue_id
    left join public.members m on m.id = qi.assigned_to
    where qi.item_id = c.item_id and qi.status in ('waiting', 'in_progress');

  return jsonb_build_object(
    'id', c.item_id, 'kind', c.kind, 'ref_id', c.ref_id, 'org_id', c.org_id, 'number', c.number, 'title', c.title,
    'label', (select app.floor_label_text(c.org_id, 'I', l.code) from public.floor_labels l
              where l.org_id = c.org_id and l.item_id = c.item_id),
    'status', c.status, 'quality_status', c.quality_status, 'priority', c.priority, 'due_date', c.due_date,
    'is_complete', c.is_complete,
    'batch', case when c.kind = 'order' and c.batch_id is not null
                  then jsonb_build_object('id', c.batch_id, 'number', c.batch_number) end,
    'order_count', c.order_count,
    'type_definition_id', c.type_definition_id, 'current_stage', c.stage, 'stage_name', v_stage_name,
    'stage_position', v_position, 'stage_count', v_stage_count,
    'next_stage', case when not c.is_complete then v_next end,
    'stage_entered_at', c.stage_entered_at,
    'minutes_in_stage', case when c.stage_entered_at is not null and not c.is_complete
                             then round((extract(epoch from (now() - c.stage_entered_at)) / 60)::numeric, 1) end,
    'assigned_to', v_assigned,
    'queues', v_queue,
    'actions', coalesce(v_actions, '[]'::jsonb),
    'batch_actions', coalesce(v_batch_actions, '[]'::jsonb),
    'required_pending', (select count(*) from jsonb_array_elements(coalesce(v_actions, '[]'::jsonb)) a
                         where (a ->> 'required')::boolean and a ->> 'status' <> 'completed'),
    'advance_blockers', v_blocker_count,
    'blocking_actions', coalesce(v_blockers, '[]'::jsonb),
    'advance_hold', v_hold,
    'can_advance', c.stage is not null and not c.is_complete and c.batch_id is not null and v_blocker_count = 0
                   and v_hold is null,
    'advance_completes', v_next is null and c.stage is not null and not c.is_complete);
end $$;

-- ==== app.floor_item_context (new signature)
CREATE OR REPLACE FUNCTION app.floor_item_context(p_kind public.floor_item_kind, p_ref_id uuid)
 RETURNS TABLE(kind public.floor_item_kind, ref_id uuid, item_id uuid, org_id uuid, number text, title text, batch_id uuid, batch_number text, type_definition_id uuid, stage text, stage_entered_at timestamp with time zone, is_complete boolean, status text, quality_status public.quality_status, priority public.batch_priority, due_date date, model_ids uuid[], order_count integer)
 LANGUAGE plpgsql
 STABLE SECURITY DEFINER
 SET search_path TO ''
AS $function$
#variable_conflict use_column
begin
  return query
  select 'batch'::public.floor_item_kind, b.id, fi.id, b.org_id, b.batch_number,
         coalesce((select string_agg(x.name || case when x.n > 1 then ' ×' || x.n else '' end, ', ' order by x.name)
                   from (select m.name, count(*) as n from public.batch_orders bo
                         join public.orders o on o.id = bo.order_id join public.headphone_models m on m.id = o.model_id
                         where bo.batch_id = b.id group by m.name) x), 'Empty batch'),
         b.id, b.batch_number, b.type_definition_id, b.current_stage, b.stage_entered_at, b.is_complete,
         case when b.is_complete then 'completed' else ws.order_status::text end,
         b.quality_status, b.priority,
         coalesce(b.target_completion, (select min(o.due_date) from public.batch_orders bo
                                        join public.orders o on o.id = bo.order_id where bo.batch_id = b.id)),
         coalesce((select array_agg(distinct o.model_id) from public.batch_orders bo
                   join public.orders o on o.id = bo.order_id where bo.batch_id = b.id), '{}'),
         (select count(*)::int from public.batch_orders bo where bo.batch_id = b.id)
  from public.batches b
  join app.batch_type_states ws on ws.type_definition_id = b.type_definition_id and ws.stage = b.current_stage
  left join public.floor_items fi on fi.org_id = b.org_id and fi.batch_id = b.id
  where p_kind = 'batch' and b.id = p_ref_id
  union all
  select 'order'::public.floor_item_kind, o.id, fi.id, o.org_id, o.order_number, m.name || ' · ' || o.wood_type,
         b.id, b.batch_number, b.type_definition_id, b.current_stage, b.stage_entered_at,
         o.status in ('shipped', 'delivered', 'cancelled') or b.id is null,
         o.status::text, b.quality_status, o.priority, o.due_date, array[o.model_id], null::integer
  from public.orders o
  join public.headphone_models m on m.id = o.model_id
  left join public.batch_orders bo on bo.order_id = o.id and not bo.batch_is_complete
  left join public.batches b on b.id = bo.batch_id
  left join public.floor_items fi on fi.org_id = o.org_id and fi.order_id = o.id
  where p_kind = 'order' and o.id = p_ref_id;
end $function$;
comment on function app.floor_item_context(p_kind public.floor_item_kind, p_ref_id uuid) is
  'Where an order or batch is: number, title, batch, workflow, stage and when it entered it, status, quality, priority, due date, models. Orders outside an unfinished batch have no stage (is_complete = no floor work).';

-- ==== app.floor_perform_action 
CREATE OR REPLACE FUNCTION app.floor_perform_action(p_session public.floor_sessions, p_existing uuid, p_item_any uuid, p_key text, p_status public.floor_action_status, p_data jsonb, p_duration_ms integer, p_approver_badge text, p_approver_pin text, p_completed_at timestamp with time zone, p_client_id uuid)
 RETURNS jsonb
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
declare
  v_item record;
  c record;
  v_def public.floor_stage_actions;
  v_existing public.floor_actions;
  v_data jsonb := coalesce(p_data, '{}'::jsonb);
  v_passed boolean;
  v_error_code text;
  v_message text;
  v_errors jsonb;
  v_warnings jsonb;
  v_photos jsonb;
  v_notes text;
  v_measurements jsonb;
  v_checklist jsonb;
  v_status public.floor_action_status := coalesce(p_status, 'completed');
  v_validation jsonb;
  v_failure jsonb;
  v_approver uuid;
  v_approver_reason text;
  v_done_at timestamptz;
  v_duration integer := p_duration_ms;
  v_action_id uuid;
  v_min_role public.member_role;
  v_throttled boolean;
begin
  if jsonb_typeof(v_data) <> 'object' then
    perform app.raise('VALIDATION_FAILED', 'data must be an object', 'data');
  end if;
  if p_duration_ms is not null and p_duration_ms not between 0 and 86400000 then
    perform app.raise('VALIDATION_FAILED', 'duration_ms is between 0 and 86400000', 'duration_ms');
  end if;
  select * into v_item from app.floor_require_item(p_session.org_id, p_item_any);
  select * into c from app.floor_item_context(v_item.kind, v_item.ref_id);
  if c.stage is null or c.is_complete then
    perform app.raise('ACTION_NOT_AVAILABLE', format('%s is not on the floor (%s): there is nothing to do', c.number, c.status), null, jsonb_build_object('status', c.status));
  end if;
  v_def := app.floor_definition_for(c.org_id, c.type_definition_id, c.stage, c.kind, p_key, c.number);

  if p_existing is not null then
    select * into v_existing from public.floor_actions a where a.id = p_existing for update;
    if v_existing.item_id <> v_item.item_id or v_existing.action_key <> v_def.action_key or v_existing.stage <> c.stage
       or v_existing.created_at < c.stage_entered_at then
      perform app.raise('ACTION_NOT_AVAILABLE', format('%s has moved on since this action was started: start it again', c.number));
    end if;
  end if;

  v_done_at := case when v_status = 'pending' then null else app.floor_client_time(p_completed_at, 'completed_at') end;
  if v_duration is null and v_status <> 'pending' then
    -- as long as since the draft was started, or since the item was last scanned in this session
    select least(86400000, greatest(0, (extract(epoch from (v_done_at - coalesce(v_existing.created_at, x.scan_time))) * 1000)))::int
      into v_duration
      from (select max(sc.scan_time) as scan_time from public.floor_scans sc
            where sc.org_id = p_session.org_id and sc.session_id = p_session.id and sc.item_id = v_item.item_id) x;
  end if;

  if v_status = 'skipped' and v_def.required then
    perform app.raise('ACTION_REQUIRED', format('"%s" is required: it cannot be skipped', v_def.label), null, jsonb_build_object('action_key', v_def.action_key));
  end if;
  if v_status = 'failed' and nullif(btrim(v_data ->> 'notes'), '') is null then
    perform app.raise('VALIDATION_FAILED', 'Say what failed', 'data.notes');
  end if;

  if v_status = 'completed' then
    select k.passed, k.error_code, k.message, k.errors, k.warnings, k.photos, k.notes, k.measurements, k.checklist
      into v_passed, v_error_code, v_message, v_errors, v_warnings, v_photos, v_notes, v_measurements, v_checklist
      from app.floor_check_action_data(v_def, v_data, c.model_ids, p_session.org_id) k;
    v_validation := jsonb_build_object('passed', v_passed, 'errors', v_errors, 'warnings', v_warnings);
    if not v_passed then
      v_status := 'failed';
      v_failure := app.fail_value(v_error_code, v_message, null, jsonb_build_object('errors', v_errors, 'action_key', v_def.action_key));
    elsif v_def.action_type = 'approval' then
      v_min_role := greatest(coalesce((v_def.config ->> 'min_role')::public.member_role, 'supervisor'),
                             (select s.approval_min_role from public.floor_settings s where s.org_id = p_session.org_id));
      select a.approver_id, a.failure, a.reason, a.throttled
        into v_approver, v_failure, v_approver_reason, v_throttled
        from app.floor_check_approval(p_session, p_approver_badge, p_approver_pin, v_min_role,
                                      coalesce((v_def.config ->> 'allow_self')::boolean, false)) a;
      if v_throttled then
        -- "come back later": no attempt of the action is recorded (its client id stays free for the
        -- retry) and floor_replay_store keeps no 429; only the approval attempt row commits
        return v_failure;
      end if;
      if v_approver is null then
        v_status := 'failed';
        v_validation := jsonb_build_object('passed', false, 'errors', jsonb_build_array(v_approver_reason),
                                           'warnings', v_warnings);
      end if;
    end if;
  elsif v_status = 'failed' then
    v_validation := jsonb_build_object('passed', false, 'errors', jsonb_build_array(btrim(v_data ->> 'notes')),
                                       'warnings', '[]'::jsonb, 'reported', true);
  end if;

  if v_existing.id is not null then
    update public.floor_actions a
      set status = v_status, data = v_data, photos = coalesce(v_photos, a.photos),
          notes = coalesce(v_notes, nullif(btrim(v_data ->> 'notes'), ''), a.notes),
          measurements = coalesce(v_measurements, a.measurements), checklist = coalesce(v_checklist, a.checklist),
          completed_at = v_done_at, duration_ms = v_duration, validation_result = v_validation, approved_by = v_approver,
          client_id = coalesce(a.client_id, p_client_id)
      where a.id = v_existing.id
      returning a.id into v_action_id;
  else
    insert into public.floor_actions (org_id, session_id, member_id, user_id, item_id, batch_id, type_definition_id, stage,
                                      stage_action_id, action_type, action_key, label, required, data, photos, notes,
                                      measurements, checklist, status, completed_at, duration_ms, validation_result,
                                      approved_by, client_id)
      values (p_session.org_id, p_session.id, p_session.member_id, p_session.user_id, v_item.item_id, c.batch_id,
              c.type_definition_id, c.stage, v_def.id, v_def.action_type, v_def.action_key, v_def.label, v_def.required, v_data,
              coalesce(v_photos, '[]'::jsonb), coalesce(v_notes, nullif(btrim(v_data ->> 'notes'), '')),
              coalesce(v_measurements, '[]'::jsonb), coalesce(v_checklist, '[]'::jsonb), v_status, v_done_at,
              v_duration, v_validation, v_approver, p_client_id)
      returning id into v_action_id;
  end if;

  update public.floor_sessions s
    set actions_completed = s.actions_completed + case when v_status = 'completed' then 1 else 0 end,
        last_activity_at = now(), current_item_id = v_item.item_id, current_stage = c.stage,
        current_type_definition_id = c.type_definition_id
    where s.id = p_session.id;

  if v_failure is not null then
    return v_failure || jsonb_build_object('action', app.floor_action_json(v_action_id),
                                           'item', app.floor_item_card(v_item.kind, v_item.ref_id));
  end if;
  return jsonb_build_object('action', app.floor_action_json(v_action_id),
                            'item', app.floor_item_card(v_item.kind, v_item.ref_id));
end $function$;

-- ==== app.floor_queue_json 
CREATE OR REPLACE FUNCTION app.floor_queue_json(p_queue_id uuid)
 RETURNS jsonb
 LANGUAGE plpgsql
 STABLE SECURITY DEFINER
 SET search_path TO ''
AS $function$
begin
  return (
  select jsonb_build_object(
    'id', q.id, 'org_id', q.org_id, 'name', q.name,
    'location', case when l.id is not null then jsonb_build_object('id', l.id, 'name', l.name) end,
    'team', case when t.id is not null then jsonb_build_object('id', t.id, 'name', t.name) end,
    'type_definition_id', q.type_definition_id, 'stage', q.stage, 'max_items', q.max_items, 'auto_assign', q.auto_assign,
    'member_capacity', q.member_capacity, 'priority_rules', q.priority_rules, 'is_active', q.is_active,
    'metrics', app.floor_queue_metrics_json(q.id), 'created_at', q.created_at, 'updated_at', q.updated_at)
  from public.floor_queues q
  left join public.locations l on l.id = q.location_id
  left join public.teams t on t.id = q.team_id
  where q.id = p_queue_id);
end $function$;

-- ==== app.floor_rule_matches (new signature)
CREATE OR REPLACE FUNCTION app.floor_rule_matches(p_condition text, p_priority public.batch_priority, p_due_in_days integer, p_quality public.quality_status, p_is_late boolean, p_kind public.floor_item_kind, p_stage text)
 RETURNS boolean
 LANGUAGE plpgsql
 IMMUTABLE
 SET search_path TO ''
AS $function$
declare
  v_parts text[] := app.floor_rule_parts(p_condition);
  v_op text := v_parts[2];
  v_value text := btrim(v_parts[3]);
  a numeric;
  b numeric;
  v_text text;
begin
  if v_parts is null then
    return false;
  end if;
  case v_parts[1]
    when 'priority' then
      a := array_position(enum_range(null::public.batch_priority), p_priority);
      b := array_position(enum_range(null::public.batch_priority), v_value::public.batch_priority);
    when 'due_in_days' then
      a := p_due_in_days;
      b := v_value::numeric;
    else
      v_text := case v_parts[1] when 'quality_status' then p_quality::text when 'is_late' then p_is_late::text
                                when 'kind' then p_kind::text else p_stage::text end;
      return case v_op when '=' then v_text = v_value when '!=' then v_text <> v_value else false end;
  end case;
  if a is null or b is null then
    return false;
  end if;
  return case v_op when '=' then a = b when '!=' then a <> b when '<' then a < b when '<=' then a <= b
                   when '>' then a > b when '>=' then a >= b else false end;
end $function$;
comment on function app.floor_rule_matches(p_condition text, p_priority public.batch_priority, p_due_in_days integer, p_quality public.quality_status, p_is_late boolean, p_kind public.floor_item_kind, p_stage text) is
  'Whether one priority rule condition holds for an item.';

-- ==== app.floor_run_op 
CREATE OR REPLACE FUNCTION app.floor_run_op(p_op text, p_client_id uuid, a jsonb)
 RETURNS jsonb
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
begin
  return case p_op
    when 'scan' then public.floor_scan(p_client_id, (a ->> 'session_id')::uuid, a ->> 'code',
                                       (a ->> 'scan_type')::public.floor_scan_type, a -> 'device_info',
                                       (a ->> 'scanned_at')::timestamptz)
    when 'complete_action' then public.floor_complete_action(p_client_id, (a ->> 'session_id')::uuid,
                                       (a ->> 'item_id')::uuid, a ->> 'action_key', coalesce(a -> 'data', '{}'),
                                       coalesce((a ->> 'status')::public.floor_action_status, 'completed'),
                                       (a ->> 'duration_ms')::integer, a ->> 'approver_badge', a ->> 'approver_pin',
                                       (a ->> 'completed_at')::timestamptz)
    when 'update_action' then public.floor_update_action(p_client_id, (a ->> 'action_id')::uuid,
                                       coalesce((a ->> 'status')::public.floor_action_status, 'completed'), a -> 'data',
                                       (a ->> 'duration_ms')::integer, a ->> 'approver_badge', a ->> 'approver_pin',
                                       (a ->> 'completed_at')::timestamptz)
    when 'advance' then public.floor_advance_item(p_client_id, (a ->> 'session_id')::uuid, (a ->> 'item_id')::uuid,
                                       (a ->> 'expected_stage')::text)
    when 'queue_add' then public.floor_queue_add(p_client_id, (a ->> 'queue_id')::uuid, (a ->> 'item_id')::uuid,
                                       (a ->> 'priority')::public.floor_priority, (a ->> 'assigned_to')::uuid,
                                       (a ->> 'estimated_minutes')::numeric)
    when 'queue_assign' then public.floor_queue_assign(p_client_id, (a ->> 'queue_item_id')::uuid, (a ->> 'member_id')::uuid)
    when 'queue_complete' then public.floor_queue_complete(p_client_id, (a ->> 'queue_item_id')::uuid,
                                       (a ->> 'session_id')::uuid)
    when 'update_session' then public.floor_update_session((a ->> 'session_id')::uuid, (a ->> 'location_id')::uuid,
                                       (a ->> 'team_id')::uuid, a -> 'device_info', (a ->> 'current_item_id')::uuid)
    when 'end_session' then public.floor_end_session((a ->> 'session_id')::uuid)
  end;
end $function$;

-- ==== app.floor_session_json 
CREATE OR REPLACE FUNCTION app.floor_session_json(p_session_id uuid)
 RETURNS jsonb
 LANGUAGE plpgsql
 STABLE SECURITY DEFINER
 SET search_path TO ''
AS $function$
begin
  return (
  select jsonb_build_object(
    'id', s.id, 'org_id', s.org_id, 'member_id', s.member_id, 'user_id', s.user_id, 'display_name', m.display_name,
    'operator_session_id', s.operator_session_id, 'station_id', s.station_id, 'device_id', s.device_id,
    'location', case when l.id is not null then jsonb_build_object('id', l.id, 'name', l.name, 'kind', l.kind) end,
    'team', case when t.id is not null then jsonb_build_object('id', t.id, 'name', t.name) end,
    'is_active', s.is_active, 'started_at', s.started_at, 'last_activity_at', s.last_activity_at,
    'ended_at', s.ended_at, 'end_reason', s.end_reason,
    'current_item_id', s.current_item_id, 'current_stage', s.current_stage, 'current_type_definition_id', s.current_type_definition_id,
    'items_processed', s.items_processed, 'actions_completed', s.actions_completed, 'scans_count', s.scans_count,
    'session_duration_minutes',
      coalesce(s.session_duration_minutes, round((extract(epoch from (now() - s.started_at)) / 60)::numeric, 2)),
    'idle_expires_at', case when s.ended_at is null then s.last_activity_at + app.floor_idle_timeout(s.org_id) end,
    'device_info', s.device_info)
  from public.floor_sessions s
  join public.members m on m.id = s.member_id
  left join public.locations l on l.id = s.location_id
  left join public.teams t on t.id = s.team_id
  where s.id = p_session_id);
end $function$;

-- ==== app.log_batch_event (new signature)
CREATE OR REPLACE FUNCTION app.log_batch_event(p_org_id uuid, p_batch_id uuid, p_kind public.batch_event_kind, p_from text DEFAULT NULL::text, p_to text DEFAULT NULL::text, p_quality public.quality_status DEFAULT NULL::public.quality_status, p_reason text DEFAULT NULL::text, p_order_ids uuid[] DEFAULT NULL::uuid[], p_related uuid DEFAULT NULL::uuid)
 RETURNS void
 LANGUAGE sql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
  insert into public.batch_events (org_id, batch_id, kind, from_stage, to_stage, quality_status, reason, order_ids,
                                   related_batch_id, member_id, user_id)
  values (p_org_id, p_batch_id, p_kind, p_from, p_to, p_quality, nullif(btrim(p_reason), ''), p_order_ids, p_related,
          app.actor_member_id(p_org_id), (select auth.uid()))
$function$;
comment on function app.log_batch_event(p_org_id uuid, p_batch_id uuid, p_kind public.batch_event_kind, p_from text, p_to text, p_quality public.quality_status, p_reason text, p_order_ids uuid[], p_related uuid) is
  'Appends a batch_events row with who.';

-- ==== app.log_stage_move (new signature)
CREATE OR REPLACE FUNCTION app.log_stage_move(p_batch public.batches, p_kind public.batch_event_kind, p_from text, p_to text)
 RETURNS void
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
declare
  v_all jsonb := coalesce(nullif(current_setting('floorline.skipped_actions', true), '')::jsonb, '{}'::jsonb);
  v_skipped jsonb := v_all -> p_batch.id::text;
begin
  insert into public.batch_events (org_id, batch_id, kind, from_stage, to_stage, quality_status, reason,
                                   member_id, user_id, skipped_actions)
  values (p_batch.org_id, p_batch.id, p_kind, p_from, p_to, p_batch.quality_status,
          coalesce(app.current_reason(), case when v_skipped is not null then app.override_reason() end),
          app.actor_member_id(p_batch.org_id), (select auth.uid()), v_skipped);
  if v_skipped is not null then
    perform set_config('floorline.skipped_actions', (v_all - p_batch.id::text)::text, true);
  end if;
end $function$;
comment on function app.log_stage_move(p_batch public.batches, p_kind public.batch_event_kind, p_from text, p_to text) is
  'Logs an advanced / returned / completed event with the override''s reason and skipped actions, if one was used.';

-- ==== app.model_stages 
CREATE OR REPLACE FUNCTION app.model_stages(p_stages jsonb, p_states text[])
 RETURNS jsonb
 LANGUAGE plpgsql
 IMMUTABLE
 SET search_path TO ''
AS $function$
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
    if v_name is null or not (v_name = any (p_states)) then
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
      'display_order', array_position(p_states, v_name)));
    i := i + 1;
  end loop;
  return v_out;
end $function$;

-- ==== app.order_public_progress 
CREATE OR REPLACE FUNCTION app.order_public_progress(p_order_id uuid)
 RETURNS jsonb
 LANGUAGE plpgsql
 STABLE SECURITY DEFINER
 SET search_path TO ''
AS $function$
declare
  v_order public.orders;
  v_batch public.batches;
  v_batch_id uuid;
  v_added_at timestamptz;
  v_type_id uuid;
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
  v_type_id := coalesce(v_batch.type_definition_id,
                            (select s.default_type_id from public.batch_settings s where s.org_id = v_order.org_id));
  v_pos := case
    when v_order.status in ('shipped', 'delivered') then 32767
    when v_batch.id is null or v_batch.is_complete then 0
    else app.stage_position(v_type_id, v_batch.current_stage) end;
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
      select coalesce(s.public_label, s.name) from app.batch_type_states s
      where s.type_definition_id = v_type_id and s.stage = v_batch.current_stage) end,
    'stages', (
      select jsonb_agg(jsonb_build_object(
               'stage', s.stage,
               'label', coalesce(s.public_label, s.name),
               'state', case when s.position < v_pos then 'done' when s.position = v_pos then 'current' else 'upcoming' end)
             order by s.position)
      from app.batch_type_states s where s.type_definition_id = v_type_id),
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
        join app.batch_type_states s on s.type_definition_id = v_batch.type_definition_id and s.stage = e.to_stage
        where e.batch_id = v_batch.id and e.kind = 'advanced' and e.at >= v_added_at
      ) m), '[]'::jsonb),
    'updated_at', greatest(v_order.updated_at, v_batch.stage_entered_at)
  );
end $function$;

-- ==== app.validate_batch_completion 
CREATE OR REPLACE FUNCTION app.validate_batch_completion()
 RETURNS trigger
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
begin
  if old.is_complete and not new.is_complete then
    perform app.raise('BATCH_COMPLETE', 'A completed batch cannot be reopened');
  end if;
  if not coalesce((select s.completes from app.batch_type_states s
                   where s.type_definition_id = new.type_definition_id and s.stage = new.current_stage), false) then
    perform app.raise('NOT_AT_LAST_STAGE',
      format('Batch %s is at %s: it can be completed only from %s', new.batch_number, new.current_stage,
             app.last_stage(new.type_definition_id)));
  end if;
  if new.quality_status = 'failed' then
    perform app.raise('QUALITY_FAILED', format('Batch %s failed quality: it cannot be completed', new.batch_number));
  end if;
  -- completing leaves the last stage: its required actions count as for any other stage
  perform app.require_stage_done(old);
  new.completed_at := now();
  new.actual_completion := coalesce(new.actual_completion, app.org_today(new.org_id));
  return new;
end $function$;

-- ==== app.validate_stage_progression 
create or replace function app.validate_stage_progression() returns trigger
language plpgsql security definer set search_path = '' as $function$
declare
  v_old smallint := app.stage_position(old.type_definition_id, old.current_stage);
  v_new smallint := app.stage_position(new.type_definition_id, new.current_stage);
  v_decision jsonb;
  v_requires jsonb;
  v_min_role public.member_role;
  v_next text;
begin
  if new.type_definition_id is distinct from old.type_definition_id then
    perform app.raise('WORKFLOW_FIXED', 'A batch cannot change its type', 'type_definition_id');
  end if;
  if old.is_complete then
    perform app.raise('BATCH_COMPLETE', format('Batch %s is complete and no longer moves', old.batch_number));
  end if;
  if v_new is null and not app.fsm_migrating() then
    perform app.raise('VALIDATION_FAILED', format('%s is not a stage of this batch''s workflow', new.current_stage),
                      'current_stage');
  end if;

  -- a definition change moving batches out of a removed state: the engine's guard alone (it records why)
  if app.fsm_migrating() then
    perform app.fsm_guard(old.type_definition_id, old.current_stage, new.current_stage);
    new.stage_entered_at := clock_timestamp();
    return new;
  end if;

  -- the engine decides; a refused move forward along the floor order is a skip (spec 04's own code)
  v_decision := app.fsm_decide(old.type_definition_id, old.current_stage, null, new.current_stage);
  if not coalesce((v_decision ->> 'allowed')::boolean, false) then
    v_next := app.batch_next_stage(old.type_definition_id, old.current_stage);
    if v_new > v_old and v_next is not null then
      perform app.raise('STAGE_SKIPPED',
        format('Stages cannot be skipped: %s moves on to %s, not %s', old.current_stage, v_next, new.current_stage),
        null, jsonb_build_object('next_stage', v_next));
    end if;
    perform app.fsm_require(old.type_definition_id, old.current_stage, new.current_stage);
  end if;
  v_requires := coalesce(v_decision -> 'requires', '{}'::jsonb);

  if v_new > v_old then
    -- the gate first: a failed batch needs rework, whatever its actions say (and no override skips it)
    if new.quality_status = 'failed' and exists (
         select 1 from app.batch_type_states s
         where s.type_definition_id = old.type_definition_id and s.stage = old.current_stage and s.is_quality_gate) then
      perform app.raise('QUALITY_FAILED',
        format('Batch %s failed %s: fix it (or return it for rework) before it moves on', old.batch_number,
               old.current_stage));
    end if;
    perform app.require_stage_done(old);
  end if;
  -- what the transition requires (spec 04's back-step: a reason, and a supervisor when it comes through the API)
  if coalesce(jsonb_typeof(v_requires -> 'reason') = 'boolean' and (v_requires ->> 'reason')::boolean, false)
     and app.current_reason() is null then
    perform app.raise('VALIDATION_FAILED',
      case when v_new < v_old then 'Say why the batch goes back a stage'
           else format('Say why the batch moves to %s', new.current_stage) end, 'reason');
  end if;
  v_min_role := case when v_requires ->> 'min_role' in ('operator', 'supervisor', 'manager', 'admin', 'owner')
                     then (v_requires ->> 'min_role')::public.member_role end;
  if v_min_role is not null and coalesce((select auth.role()), '') not in ('', 'service_role') and not exists (
       select 1 from app.my_memberships() m where m.org_id = new.org_id and m.role >= v_min_role) then
    perform app.raise('FORBIDDEN',
      case when v_new < v_old then format('Only a %s or above can send a batch back a stage', v_min_role)
           else format('Only a %s or above can move a batch to %s', v_min_role, new.current_stage) end, null,
      jsonb_build_object('min_role', v_min_role));
  end if;
  -- for the engine's history row (app.fsm_history, after the update)
  perform set_config('floorline.fsm_transition', coalesce(v_decision ->> 'transition', ''), true);
  perform set_config('floorline.fsm_reason', coalesce(app.current_reason(), app.override_reason(), ''), true);
  new.type_version := (select t.version from public.type_definitions t where t.id = new.type_definition_id);
  -- the clock, not the transaction's start: floor_actions.created_at is clock time too, so a stage visit
  -- begins exactly here even when one transaction moves a batch on, back, and on again (floor_sync)
  new.stage_entered_at := clock_timestamp();
  return new;
end $function$;

-- ==== public.add_orders_to_batch 
CREATE OR REPLACE FUNCTION public.add_orders_to_batch(p_batch_id uuid, p_order_ids uuid[], p_client_id uuid DEFAULT NULL::uuid)
 RETURNS jsonb
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
declare
  v_batch public.batches := app.batch_row(p_batch_id, true);
  v_replay jsonb;
begin
  perform app.require_member(v_batch.org_id, 'supervisor', true);
  v_replay := app.replay_begin(p_client_id, 'add_orders_to_batch'); if v_replay is not null then return v_replay; end if;
  if v_batch.is_complete then
    perform app.raise('BATCH_COMPLETE', format('Batch %s is already complete', v_batch.batch_number));
  end if;
  -- an order joining later would skip the stages the batch has done
  if v_batch.current_stage is distinct from app.first_stage(v_batch.type_definition_id) then
    perform app.raise('BATCH_STARTED', format('Batch %s is past %s: start a new batch for these orders', v_batch.batch_number,
                       app.first_stage(v_batch.type_definition_id)));
  end if;
  perform 1 from app.lock_pending_orders(v_batch.org_id, p_order_ids);
  begin
    insert into public.batch_orders (org_id, batch_id, order_id)
      select v_batch.org_id, p_batch_id, x from unnest(p_order_ids) x;
  exception when unique_violation then
    perform app.raise('ORDER_IN_ACTIVE_BATCH', 'An order is already in another unfinished batch');
  end;
  perform app.log_batch_event(v_batch.org_id, p_batch_id, 'orders_added', null, null, null, null, p_order_ids);
  return app.replay_store(p_client_id, 'add_orders_to_batch', v_batch.org_id,
                          jsonb_build_object('batch', app.batch_json(p_batch_id)));
end $function$;

-- ==== public.advance_batch (new signature)
CREATE OR REPLACE FUNCTION public.advance_batch(p_batch_id uuid, p_expected_stage text DEFAULT NULL::text, p_client_id uuid DEFAULT NULL::uuid, p_override_reason text DEFAULT NULL::text)
 RETURNS jsonb
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
declare
  v_batch public.batches := app.batch_row(p_batch_id);
  v_replay jsonb;
  v_from text;
  v_next text;
  v_now public.batches;
begin
  perform app.require_member(v_batch.org_id, 'operator', true);
  v_replay := app.replay_begin(p_client_id, 'advance_batch');
  if v_replay is not null then
    return v_replay;
  end if;
  if v_batch.is_complete then
    perform app.raise('BATCH_COMPLETE', format('Batch %s is already complete', v_batch.batch_number));
  end if;
  v_from := coalesce(p_expected_stage, v_batch.current_stage);
  if app.stage_position(v_batch.type_definition_id, v_from) is null then
    perform app.raise('VALIDATION_FAILED', format('%s is not a stage of this batch''s workflow', v_from), 'expected_stage');
  end if;
  v_next := app.batch_next_stage(v_batch.type_definition_id, v_from);
  if v_next is null then
    perform app.raise('AT_LAST_STAGE', format('%s is the last stage: complete batch %s instead', v_from, v_batch.batch_number));
  end if;
  perform app.begin_override(v_batch.org_id, p_override_reason);

  -- optimistic: only if it is still where the caller saw it (a concurrent mover waits, then finds no row);
  -- every other rule is the trigger's, the same for every path
  update public.batches b set current_stage = v_next
    where b.id = p_batch_id and b.current_stage = v_from and not b.is_complete;
  if not found then
    select * into v_now from public.batches b where b.id = p_batch_id;
    if v_now.is_complete then
      perform app.raise('BATCH_COMPLETE', format('Batch %s was completed meanwhile', v_now.batch_number));
    end if;
    perform app.raise('STALE_STAGE',
      format('Batch %s is at %s now, not %s: someone moved it', v_now.batch_number, v_now.current_stage, v_from),
      null, jsonb_build_object('current_stage', v_now.current_stage));
  end if;
  perform app.begin_override(v_batch.org_id, null);
  return app.replay_store(p_client_id, 'advance_batch', v_batch.org_id,
                          jsonb_build_object('batch', app.batch_json(p_batch_id), 'from_stage', v_from));
end $function$;
comment on function public.advance_batch(p_batch_id uuid, p_expected_stage text, p_client_id uuid, p_override_reason text) is
  'Moves a batch one stage forward (operators+ through a station, or staff). p_expected_stage: the stage the caller saw (STALE_STAGE with context current_stage if it is elsewhere now; of two concurrent advances exactly one wins). The stage trigger''s rules apply as on every path: REQUIRED_ACTIONS_PENDING (context {stage, count, pending}), QUALITY_FAILED, BATCH_COMPLETE. p_override_reason: supervisors+ move on with required actions open (recorded in batch_events.reason / skipped_actions). Returns {batch, from_stage, replayed}. Errors also FORBIDDEN, NOT_FOUND, AT_LAST_STAGE, VALIDATION_FAILED (expected_stage, override_reason).';
revoke execute on function public.advance_batch(p_batch_id uuid, p_expected_stage text, p_client_id uuid, p_override_reason text) from public, anon;
grant execute on function public.advance_batch(p_batch_id uuid, p_expected_stage text, p_client_id uuid, p_override_reason text) to authenticated, service_role;

-- ==== public.batch_board 
CREATE OR REPLACE FUNCTION public.batch_board(p_org_id uuid, p_completed_days integer DEFAULT 7)
 RETURNS jsonb
 LANGUAGE plpgsql
 STABLE SECURITY DEFINER
 SET search_path TO ''
AS $function$
declare
  v_today date;
  v_type_id uuid;
begin
  perform app.require_member(p_org_id, 'operator', true);
  v_today := app.org_today(p_org_id);
  select s.default_type_id into v_type_id from public.batch_settings s where s.org_id = p_org_id;
  return jsonb_build_object(
    'today', v_today,
    'type_definition_id', v_type_id,
    'stages', coalesce((
      select jsonb_agg(jsonb_build_object('stage', s.stage, 'name', s.name, 'position', s.position,
                                          'is_quality_gate', s.is_quality_gate, 'order_status', s.order_status)
                       order by s.position)
      from app.batch_type_states s where s.type_definition_id = v_type_id), '[]'::jsonb),
    'batches', coalesce((
      select jsonb_agg(card order by card ->> 'sort_key')
      from (
        select jsonb_build_object(
          'id', b.id, 'batch_number', b.batch_number, 'current_stage', b.current_stage,
          'stage_position', ws.position,
          'next_stage', app.batch_next_stage(b.type_definition_id, b.current_stage),
          'returns_to', app.batch_returns_to(b.type_definition_id, b.current_stage),
          'priority', b.priority, 'quality_status', b.quality_status, 'is_complete', b.is_complete,
          'order_count', coalesce(agg.order_count, 0),
          'earliest_due_date', agg.earliest_due_date,
          'target_completion', b.target_completion,
          'is_late', not b.is_complete and b.target_completion < v_today,
          'days_late', case when not b.is_complete and b.target_completion < v_today
                            then v_today - b.target_completion else 0 end,
          'stage_entered_at', b.stage_entered_at, 'completed_at', b.completed_at,
          'models', coalesce(agg.models, '[]'::jsonb),
          'total_estimated_hours', bm.total_estimated_hours,
          'tags', coalesce(to_jsonb(bm.tags), '[]'::jsonb),
          'updated_at', b.updated_at,
          -- rush first, then oldest in stage
          'sort_key', (5 - array_position(enum_range(null::public.batch_priority), b.priority))::text
                      || to_char(b.stage_entered_at at time zone 'UTC', 'YYYYMMDDHH24MISSUS')) as card
        from public.batches b
        join app.batch_type_states ws on ws.type_definition_id = b.type_definition_id and ws.stage = b.current_stage
        left join public.batch_metadata bm on bm.batch_id = b.id
        left join lateral (
          select count(*) as order_count, min(o.due_date) as earliest_due_date,
                 jsonb_agg(distinct m.name) as models
          from public.batch_orders bo
          join public.orders o on o.id = bo.order_id
          join public.headphone_models m on m.id = o.model_id
          where bo.batch_id = b.id
        ) agg on true
        where b.org_id = p_org_id
          and (not b.is_complete or b.completed_at > now() - make_interval(days => greatest(coalesce(p_completed_days, 7), 0)))
      ) cards), '[]'::jsonb)
  );
end $function$;

-- ==== public.floor_advance_item (new signature)
CREATE OR REPLACE FUNCTION public.floor_advance_item(p_client_id uuid, p_session_id uuid, p_item_id uuid, p_expected_stage text DEFAULT NULL::text)
 RETURNS jsonb
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
 SET lock_timeout TO '5s'
AS $function$
declare
  v_session public.floor_sessions := app.floor_session_for_write(p_session_id);
  v_replay jsonb;
  v_item record;
  c record;
  v_batch public.batches;
  v_from text;
  v_next text;
  v_result jsonb;
  v_completed boolean;
  v_added jsonb;
begin
  v_replay := app.replay_begin(p_client_id, 'floor_advance_item');
  if v_replay is not null then
    return v_replay;
  end if;
  select * into v_item from app.floor_require_item(v_session.org_id, p_item_id);
  select * into c from app.floor_item_context(v_item.kind, v_item.ref_id);
  if c.batch_id is null then
    perform app.raise('ITEM_NOT_ADVANCEABLE',
      format('%s is not in an unfinished batch (%s): there is no stage to advance', c.number, c.status),
      null, jsonb_build_object('status', c.status));
  end if;
  select * into v_batch from public.batches b where b.id = c.batch_id for update;
  if v_batch.is_complete then
    perform app.raise('ITEM_COMPLETE', format('Batch %s is already complete', v_batch.batch_number));
  end if;
  v_from := v_batch.current_stage;
  if p_expected_stage is not null and p_expected_stage <> v_from then
    perform app.raise('STALE_STAGE',
      format('Batch %s is at %s now, not %s: someone moved it', v_batch.batch_number, v_from, p_expected_stage),
      null, jsonb_build_object('current_stage', v_from));
  end if;

  v_next := app.batch_next_stage(v_batch.type_definition_id, v_from);
  v_completed := v_next is null;
  if v_completed then
    v_result := public.complete_batch(v_batch.id, null);
  else
    v_result := public.advance_batch(v_batch.id, v_from, null);
  end if;

  -- the stage trigger fed the next stage's queues; answer with the entries it made
  select coalesce(jsonb_agg(app.floor_queue_item_json(qi.id) order by q.name), '[]'::jsonb) into v_added
    from public.floor_queue_items qi
    join public.floor_queues q on q.id = qi.queue_id
    join public.floor_items fi on fi.id = qi.item_id
    where fi.batch_id = v_batch.id and q.type_definition_id = v_batch.type_definition_id and q.stage = v_next
      and qi.added_at >= now() and qi.status in ('waiting', 'in_progress');

  update public.floor_sessions s
    set items_processed = s.items_processed + 1, last_activity_at = now(), current_item_id = v_item.item_id,
        current_stage = case when v_completed then s.current_stage else v_next end
    where s.id = v_session.id;

  return app.replay_store(p_client_id, 'floor_advance_item', v_session.org_id, jsonb_build_object(
    'item', app.floor_item_card(v_item.kind, v_item.ref_id),
    'batch', v_result -> 'batch',
    'from_stage', v_from, 'to_stage', v_next, 'completed', v_completed,
    'queue_entries', v_added));
end $function$;
comment on function public.floor_advance_item(p_client_id uuid, p_session_id uuid, p_item_id uuid, p_expected_stage text) is
  'Advances the item''s batch one stage (completes it at the last stage) through advance_batch / complete_batch, whose rules (the stage trigger''s: REQUIRED_ACTIONS_PENDING with context {stage, count, pending[]}, QUALITY_FAILED, STALE_STAGE, …) answer unchanged; stage queues follow in the trigger. p_expected_stage: the stage the tablet showed. Returns {item, batch, from_stage, to_stage, completed, queue_entries, replayed}. Errors also ITEM_NOT_FOUND, SESSION_NOT_FOUND, SESSION_ENDED, SESSION_TAKEN, ITEM_NOT_ADVANCEABLE, ITEM_COMPLETE.';
revoke execute on function public.floor_advance_item(p_client_id uuid, p_session_id uuid, p_item_id uuid, p_expected_stage text) from public, anon;
grant execute on function public.floor_advance_item(p_client_id uuid, p_session_id uuid, p_item_id uuid, p_expected_stage text) to authenticated, service_role;

-- ==== public.floor_label_sheet 
CREATE OR REPLACE FUNCTION public.floor_label_sheet(p_org_id uuid, p_kind text, p_ids uuid[] DEFAULT NULL::uuid[])
 RETURNS jsonb
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
declare
  v_kind text := lower(btrim(coalesce(p_kind, '')));
  v_ids uuid[] := p_ids;
  v_out jsonb := '[]'::jsonb;
  v_id uuid;
  v_row jsonb;
begin
  if v_kind not in ('batch', 'order', 'batch_orders', 'location', 'action', 'user') then
    perform app.raise('VALIDATION_FAILED', 'kind is batch, order, batch_orders, location, action or user', 'kind');
  end if;
  perform app.require_member(p_org_id, case when v_kind = 'user' then 'supervisor' else 'operator' end::public.member_role, true);
  if v_ids is null then
    v_ids := case v_kind
      when 'location' then array(select l.id from public.locations l where l.org_id = p_org_id and l.is_active order by l.name)
      when 'action' then array(select d.id from public.floor_stage_actions d join app.batch_type_states ws
                                 on ws.type_definition_id = d.type_definition_id and ws.stage = d.stage
                               where d.org_id = p_org_id and d.is_active order by ws.position, d.position, d.action_key)
      when 'user' then array(select m.id from public.members m
                             where m.org_id = p_org_id and m.is_active and m.badge_code is not null order by m.display_name)
      else null end;
    if v_ids is null then
      perform app.raise('VALIDATION_FAILED', 'Say which batches or orders to print', 'ids');
    end if;
  end if;
  if cardinality(v_ids) > 500 then
    perform app.raise('VALIDATION_FAILED', 'At most 500 labels per sheet', 'ids');
  end if;
  foreach v_id in array v_ids loop
    if v_kind = 'batch_orders' then
      v_row := app.floor_label_row(p_org_id, 'batch', v_id, true);
      if v_row is null then
        perform app.raise('ITEM_NOT_FOUND', 'No such batch in this workshop', null, jsonb_build_object('id', v_id));
      end if;
      v_out := v_out || jsonb_build_array(v_row);
      select v_out || coalesce(jsonb_agg(app.floor_label_row(p_org_id, 'order', bo.order_id, true) order by o.order_number), '[]'::jsonb)
        into v_out
        from public.batch_orders bo join public.orders o on o.id = bo.order_id where bo.batch_id = v_id;
    else
      v_row := app.floor_label_row(p_org_id, v_kind, v_id, true);
      if v_row is null then
        perform app.raise(case v_kind when 'location' then 'LOCATION_NOT_FOUND' when 'action' then 'ACTION_NOT_FOUND'
                                                  when 'user' then 'USER_NOT_FOUND' else 'ITEM_NOT_FOUND' end, format('No such %s in this workshop', v_kind), null, jsonb_build_object('id', v_id));
      end if;
      v_out := v_out || jsonb_build_array(v_row);
    end if;
  end loop;
  return v_out;
end $function$;

-- ==== public.floor_next_item 
CREATE OR REPLACE FUNCTION public.floor_next_item(p_queue_id uuid, p_client_id uuid DEFAULT NULL::uuid, p_session_id uuid DEFAULT NULL::uuid)
 RETURNS jsonb
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
 SET lock_timeout TO '5s'
AS $function$
declare
  q public.floor_queues := app.floor_queue_for(p_queue_id, 'operator');
  me record;
  v_session public.floor_sessions;
  v_replay jsonb;
  v_id uuid;
  v_claimed uuid;
  v_item uuid;
begin
  select * into me from app.require_member(q.org_id);
  if p_session_id is not null then
    v_session := app.floor_session_for_write(p_session_id);
  end if;
  v_replay := app.replay_begin(p_client_id, 'floor_next_item'); if v_replay is not null then return v_replay; end if;
  if not q.is_active then
    perform app.raise('QUEUE_INACTIVE', format('Queue %s is closed', q.name));
  end if;
  for attempt in 1 .. 10 loop
    select qi.id into v_id from public.floor_queue_items qi
      where qi.queue_id = q.id and qi.status = 'waiting'
        and (qi.assigned_to is null or qi.assigned_to = me.member_id)
        and not exists (select 1 from public.floor_queue_items x where x.item_id = qi.item_id and x.status = 'in_progress')
      order by (qi.assigned_to is not null) desc, qi.priority desc, qi.added_at, qi.id
      limit 1
      for update skip locked;
    exit when v_id is null;
    begin
      update public.floor_queue_items qi
        set status = 'in_progress', started_at = now(), assigned_to = me.member_id,
            assigned_at = case when qi.assigned_to = me.member_id then qi.assigned_at else now() end
        where qi.id = v_id and qi.status = 'waiting'
        returning qi.id, qi.item_id into v_claimed, v_item;
    exception when unique_violation then
      v_claimed := null; -- the same item was just started from another queue: take the next entry
    end;
    exit when v_claimed is not null;
    v_id := null;
  end loop;
  if v_claimed is not null and v_session.id is not null then
    update public.floor_sessions s
      set current_item_id = v_item, last_activity_at = now(),
          current_stage = (select c.stage from public.floor_items fi
                           cross join lateral app.floor_item_context(fi.kind, coalesce(fi.batch_id, fi.order_id)) c
                           where fi.id = v_item),
          current_type_definition_id = coalesce((select c.type_definition_id from public.floor_items fi
                                          cross join lateral app.floor_item_context(fi.kind, coalesce(fi.batch_id, fi.order_id)) c
                                          where fi.id = v_item), s.current_type_definition_id)
      where s.id = v_session.id;
  end if;
  return app.replay_store(p_client_id, 'floor_next_item', q.org_id, jsonb_build_object(
    'queue_item', case when v_claimed is not null then app.floor_queue_item_json(v_claimed) end,
    'item', case when v_claimed is not null then (
              select app.floor_item_card(fi.kind, coalesce(fi.batch_id, fi.order_id)) from public.floor_items fi
              where fi.id = v_item) end));
end $function$;

-- ==== public.floor_offline_data 
CREATE OR REPLACE FUNCTION public.floor_offline_data(p_location_id uuid, p_limit integer DEFAULT 200)
 RETURNS jsonb
 LANGUAGE plpgsql
 STABLE SECURITY DEFINER
 SET search_path TO ''
AS $function$
declare
  v_org uuid := (select l.org_id from public.locations l where l.id = p_location_id);
  v_items jsonb;
  v_queues jsonb;
  v_item_ids uuid[];
begin
  if v_org is null then
    perform app.raise('LOCATION_NOT_FOUND', 'Location not found');
  end if;
  perform app.require_member(v_org, 'operator', true);
  select coalesce(jsonb_agg(app.floor_queue_json(q.id) || jsonb_build_object('items', (
           select coalesce(jsonb_agg(app.floor_queue_item_json(qi.id) order by qi.priority desc, qi.added_at), '[]'::jsonb)
           from public.floor_queue_items qi where qi.queue_id = q.id and qi.status in ('waiting', 'in_progress')))
         order by q.name), '[]'::jsonb)
    into v_queues
    from public.floor_queues q where q.org_id = v_org and q.location_id = p_location_id and q.is_active;
  v_item_ids := array(
    select qi.item_id from public.floor_queue_items qi join public.floor_queues q on q.id = qi.queue_id
    where q.location_id = p_location_id and q.is_active and qi.status in ('waiting', 'in_progress')
    group by qi.item_id order by min(qi.added_at)
    limit least(greatest(coalesce(p_limit, 200), 1), 500));
  select coalesce(jsonb_agg(app.floor_item_card(fi.kind, coalesce(fi.batch_id, fi.order_id))), '[]'::jsonb) into v_items
    from public.floor_items fi where fi.id = any (v_item_ids);
  return jsonb_build_object(
    'generated_at', now(),
    'valid_until', now() + interval '15 minutes',
    'org', (select jsonb_build_object('id', o.id, 'slug', o.slug, 'name', o.name, 'label_prefix', s.label_prefix,
                                      'idle_timeout_seconds', extract(epoch from app.operator_idle_timeout(o.settings))::int)
            from public.organisations o join public.floor_settings s on s.org_id = o.id where o.id = v_org),
    'location', (select jsonb_build_object('id', l.id, 'name', l.name, 'kind', l.kind,
                                           'label', app.floor_label_text(v_org, 'L', fl.code))
                 from public.locations l left join public.floor_labels fl on fl.location_id = l.id and fl.org_id = v_org
                 where l.id = p_location_id),
    'queues', v_queues,
    'items', v_items,
    'locations', coalesce((select jsonb_agg(jsonb_build_object('id', l.id, 'name', l.name, 'kind', l.kind,
                                                               'label', app.floor_label_text(v_org, 'L', fl.code)) order by l.name)
                           from public.locations l
                           left join public.floor_labels fl on fl.location_id = l.id and fl.org_id = v_org
                           where l.org_id = v_org and l.is_active), '[]'::jsonb),
    'stage_actions', coalesce((select jsonb_agg(jsonb_build_object(
                                 'id', d.id, 'type_definition_id', d.type_definition_id, 'stage', d.stage, 'key', d.action_key,
                                 'type', d.action_type, 'label', d.label, 'description', d.description,
                                 'required', d.required, 'item_kinds', d.item_kinds, 'position', d.position,
                                 'config', d.config, 'label_code', app.floor_label_text(v_org, 'A', fl.code))
                               order by ws.position, d.position, d.action_key)
                               from public.floor_stage_actions d
                               join app.batch_type_states ws on ws.type_definition_id = d.type_definition_id and ws.stage = d.stage
                               left join public.floor_labels fl on fl.stage_action_id = d.id and fl.org_id = v_org
                               where d.org_id = v_org and d.is_active), '[]'::jsonb),
    'labels', coalesce((select jsonb_object_agg(app.floor_label_text(v_org, case fl.kind when 'item' then 'I'
                                                                       when 'location' then 'L' else 'A' end, fl.code),
                                                jsonb_build_object('kind', coalesce(fi.kind::text, fl.kind::text),
                                                                   'id', coalesce(fl.item_id, fl.location_id, fl.stage_action_id),
                                                                   'ref_id', coalesce(fi.batch_id, fi.order_id, fl.location_id,
                                                                                      fl.stage_action_id)))
                        from public.floor_labels fl
                        left join public.floor_items fi on fi.id = fl.item_id
                        where fl.org_id = v_org
                          and (fl.item_id = any (v_item_ids) or fl.location_id is not null or fl.stage_action_id is not null)),
                       '{}'::jsonb));
end $function$;

-- ==== public.floor_queues 
CREATE OR REPLACE FUNCTION public.floor_queues(p_org_id uuid DEFAULT NULL::uuid, p_location_id uuid DEFAULT NULL::uuid, p_team_id uuid DEFAULT NULL::uuid, p_include_inactive boolean DEFAULT false)
 RETURNS jsonb
 LANGUAGE plpgsql
 STABLE SECURITY DEFINER
 SET search_path TO ''
AS $function$
declare
  v_org uuid := app.floor_acting_org(coalesce(p_org_id, (select l.org_id from public.locations l where l.id = p_location_id)));
begin
  perform app.require_member(v_org, 'operator', true);
  return coalesce((
    select jsonb_agg(app.floor_queue_json(q.id) order by ws.position nulls last, q.name)
    from public.floor_queues q
    left join app.batch_type_states ws on ws.type_definition_id = q.type_definition_id and ws.stage = q.stage
    where q.org_id = v_org and (p_include_inactive or q.is_active)
      and (p_location_id is null or q.location_id = p_location_id)
      and (p_team_id is null or q.team_id = p_team_id)), '[]'::jsonb);
end $function$;

-- ==== public.floor_scan 
CREATE OR REPLACE FUNCTION public.floor_scan(p_client_id uuid, p_session_id uuid, p_code text, p_scan_type public.floor_scan_type DEFAULT NULL::public.floor_scan_type, p_device_info jsonb DEFAULT NULL::jsonb, p_scanned_at timestamp with time zone DEFAULT NULL::timestamp with time zone)
 RETURNS jsonb
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
 SET lock_timeout TO '5s'
AS $function$
declare
  v_t0 timestamptz := clock_timestamp();
  v_session public.floor_sessions := app.floor_session_for_write(p_session_id);
  v_replay jsonb;
  v_info jsonb;
  v_at timestamptz;
  r jsonb;
  v_type public.floor_scan_type;
  v_result public.floor_scan_result := 'success'::public.floor_scan_result;
  v_status integer;
  v_error_code text;
  v_message text;
  v_hint jsonb;
  v_body jsonb := '{}'::jsonb;
  v_item_id uuid;
  v_kind public.floor_item_kind;
  v_card jsonb;
  v_def public.floor_stage_actions;
  v_ctx record;
  v_done jsonb;
  v_scan_id uuid;
  v_ms integer;
  v_location uuid;
begin
  v_replay := app.replay_begin(p_client_id, 'floor_scan'); if v_replay is not null then return v_replay; end if;
  if p_code is null then
    perform app.raise('VALIDATION_FAILED', 'Scan or type a code', 'code');
  end if;
  v_info := app.floor_device_info(p_device_info);
  v_at := app.floor_client_time(p_scanned_at, 'scanned_at');

  r := app.floor_resolve_code(v_session.org_id, left(p_code, 512), p_scan_type);
  v_type := coalesce(p_scan_type, (r ->> 'type')::public.floor_scan_type, 'item');

  if not (r ->> 'valid')::boolean then
    v_result := (r ->> 'result')::public.floor_scan_result;
    v_status := (r ->> 'status')::int;
    v_error_code := r ->> 'error_code';
    v_message := r ->> 'message';
  elsif r ->> 'kind' in ('batch', 'order') then
    v_kind := (r ->> 'kind')::public.floor_item_kind;
    select f.item_id into v_item_id from app.floor_resolve_item(v_session.org_id, (r ->> 'ref_id')::uuid, true) f;
    v_card := app.floor_item_card(v_kind, (r ->> 'ref_id')::uuid);
    v_body := jsonb_build_object('item', v_card);
  elsif r ->> 'kind' = 'location' then
    v_body := jsonb_build_object('location', (
      select jsonb_build_object('id', l.id, 'name', l.name, 'type', l.kind, 'label', r ->> 'value')
      from public.locations l where l.id = (r ->> 'location_id')::uuid));
    v_location := (r ->> 'location_id')::uuid;
  elsif r ->> 'kind' = 'member' then
    v_body := jsonb_build_object('user', (
      select jsonb_build_object('member_id', m.id, 'display_name', m.display_name, 'role', m.role,
                                'badge_code', m.badge_code, 'team', t.name)
      from public.members m left join public.teams t on t.id = m.team_id
      where m.id = (r ->> 'member_id')::uuid));
  else
    select * into v_def from public.floor_stage_actions d where d.id = (r ->> 'stage_action_id')::uuid;
    v_body := jsonb_build_object('action', jsonb_build_object(
      'id', v_def.id, 'key', v_def.action_key, 'type', v_def.action_type, 'label', v_def.label,
      'required', v_def.required, 'stage', v_def.stage, 'type_definition_id', v_def.type_definition_id, 'config', v_def.config));
    if v_session.current_item_id is not null then
      select c.* into v_ctx from public.floor_items fi
        cross join lateral app.floor_item_context(fi.kind, coalesce(fi.batch_id, fi.order_id)) c
        where fi.id = v_session.current_item_id;
      if v_ctx.stage is distinct from v_def.stage or v_ctx.type_definition_id is distinct from v_def.type_definition_id
         or v_ctx.is_complete or not (v_ctx.kind = any (v_def.item_kinds)) then
        v_result := 'error';
        v_status := 422;
        v_error_code := 'ACTION_NOT_AVAILABLE';
        v_message := format('"%s" is done at %s; %s is at %s', v_def.label, v_def.stage, v_ctx.number,
                            coalesce(v_ctx.stage::text, v_ctx.status));
        v_hint := jsonb_build_object('action_key', v_def.action_key, 'item_stage', v_ctx.stage, 'available_at', v_def.stage);
      end if;
    end if;
  end if;

  if v_result = 'success' and r ->> 'kind' in ('location', 'member', 'action') then
    v_done := app.floor_complete_scan_action(v_session, r ->> 'value', r, p_client_id);
    if v_done is not null then
      v_body := v_body || jsonb_build_object('completed_action', v_done -> 'action', 'item', v_done -> 'item');
    end if;
  end if;

  v_ms := greatest(0, (extract(epoch from (clock_timestamp() - v_t0)) * 1000)::int);
  insert into public.floor_scans (org_id, session_id, member_id, user_id, scan_type, qr_code, scanned_value, scan_result,
                                  item_id, location_id, stage_action_id, scanned_member_id, scan_time, processing_time_ms,
                                  error_code, error_message, device_info, client_id)
    values (v_session.org_id, v_session.id, v_session.member_id, v_session.user_id, v_type, left(p_code, 512),
            left(r ->> 'value', 512), v_result,
            coalesce(v_item_id, case when v_result <> 'success' then (r ->> 'item_id')::uuid end),
            (r ->> 'location_id')::uuid, (r ->> 'stage_action_id')::uuid, (r ->> 'member_id')::uuid, v_at, v_ms,
            v_error_code, left(v_message, 500), v_info, p_client_id)
    returning id into v_scan_id;
  -- one update of the session per scan (it is the hot path): counters, current item, location
  update public.floor_sessions s
    set scans_count = s.scans_count + 1, last_activity_at = now(),
        current_item_id = coalesce(v_item_id, s.current_item_id),
        current_stage = case when v_item_id is not null then (v_card ->> 'current_stage')::text
                             else s.current_stage end,
        current_type_definition_id = case when v_item_id is not null then (v_card ->> 'type_definition_id')::uuid
                                   else s.current_type_definition_id end,
        location_id = coalesce(v_location, s.location_id)
    where s.id = v_session.id;

  if v_result = 'success' then
    v_body := jsonb_build_object('success', true, 'scan_id', v_scan_id, 'type', v_type, 'value', r ->> 'value',
                                 'result', v_result, 'processing_time_ms', v_ms, 'scan_time', v_at) || v_body;
  else
    v_body := app.fail_value(v_error_code, v_message, (v_hint) ->> 'field', coalesce(v_hint, '{}'::jsonb) - 'field' || jsonb_build_object('success', false, 'scan_id', v_scan_id, 'type', v_type,
                                                'value', r ->> 'value', 'result', v_result, 'processing_time_ms', v_ms,
                                                'scan_time', v_at) || v_body);
  end if;
  return app.replay_store(p_client_id, 'floor_scan', v_session.org_id, v_body);
end $function$;

-- ==== public.floor_update_session 
CREATE OR REPLACE FUNCTION public.floor_update_session(p_session_id uuid, p_location_id uuid DEFAULT NULL::uuid, p_team_id uuid DEFAULT NULL::uuid, p_device_info jsonb DEFAULT NULL::jsonb, p_current_item_id uuid DEFAULT NULL::uuid)
 RETURNS jsonb
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
 SET lock_timeout TO '5s'
AS $function$
declare
  v public.floor_sessions := app.floor_session_for_write(p_session_id);
  v_item_id uuid;
  v_stage text;
  v_type uuid;
begin
  if p_location_id is not null and not exists (select 1 from public.locations l where l.id = p_location_id and l.org_id = v.org_id) then
    perform app.raise('LOCATION_NOT_FOUND', 'No such location in this workshop');
  end if;
  if p_team_id is not null and not exists (select 1 from public.teams t where t.id = p_team_id and t.org_id = v.org_id) then
    perform app.raise('TEAM_NOT_FOUND', 'No such team in this workshop');
  end if;
  if p_current_item_id is not null then
    select r.item_id, c.stage, c.type_definition_id into v_item_id, v_stage, v_type
      from app.floor_require_item(v.org_id, p_current_item_id) r
      cross join lateral app.floor_item_context(r.kind, r.ref_id) c;
  end if;
  update public.floor_sessions s
    set location_id = coalesce(p_location_id, s.location_id),
        team_id = coalesce(p_team_id, s.team_id),
        device_info = case when p_device_info is not null then app.floor_device_info(p_device_info) else s.device_info end,
        current_item_id = coalesce(v_item_id, s.current_item_id),
        current_stage = case when v_item_id is not null then v_stage else s.current_stage end,
        current_type_definition_id = case when v_item_id is not null then v_type else s.current_type_definition_id end,
        last_activity_at = now()
    where s.id = v.id;
  return jsonb_build_object('session', app.floor_session_json(v.id));
end $function$;

-- ==== public.return_batch (new signature)
CREATE OR REPLACE FUNCTION public.return_batch(p_batch_id uuid, p_to_stage text, p_reason text, p_expected_stage text DEFAULT NULL::text, p_client_id uuid DEFAULT NULL::uuid)
 RETURNS jsonb
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
declare
  v_batch public.batches := app.batch_row(p_batch_id);
  v_replay jsonb;
  v_from text;
  v_now public.batches;
begin
  perform app.require_member(v_batch.org_id, 'supervisor', true);
  v_replay := app.replay_begin(p_client_id, 'return_batch');
  if v_replay is not null then
    return v_replay;
  end if;
  if nullif(btrim(p_reason), '') is null then
    perform app.raise('VALIDATION_FAILED', 'Say why the batch goes back', 'reason');
  end if;
  if v_batch.is_complete then
    perform app.raise('BATCH_COMPLETE', format('Batch %s is already complete', v_batch.batch_number));
  end if;
  v_from := coalesce(p_expected_stage, v_batch.current_stage);
  if p_to_stage is null or app.stage_position(v_batch.type_definition_id, p_to_stage) is null
     or app.stage_position(v_batch.type_definition_id, p_to_stage) >= app.stage_position(v_batch.type_definition_id, v_from) then
    perform app.raise('VALIDATION_FAILED', format('Pick a stage before %s', v_from), 'to_stage');
  end if;

  perform app.set_reason(p_reason);
  update public.batches b set current_stage = p_to_stage
    where b.id = p_batch_id and b.current_stage = v_from and not b.is_complete;
  if not found then
    select * into v_now from public.batches b where b.id = p_batch_id;
    perform app.raise('STALE_STAGE',
      format('Batch %s is at %s now, not %s: someone moved it', v_now.batch_number, v_now.current_stage, v_from),
      null, jsonb_build_object('current_stage', v_now.current_stage));
  end if;
  perform app.set_reason(null);
  return app.replay_store(p_client_id, 'return_batch', v_batch.org_id,
                          jsonb_build_object('batch', app.batch_json(p_batch_id), 'from_stage', v_from));
end $function$;
comment on function public.return_batch(p_batch_id uuid, p_to_stage text, p_reason text, p_expected_stage text, p_client_id uuid) is
  'Sends a batch back to an earlier stage for rework (supervisors+), with a reason (recorded in batch_events and the orders'' history); the earlier stage''s queues receive it. Returns {batch, from_stage, replayed}. Errors: FORBIDDEN, NOT_FOUND, STALE_STAGE (context current_stage), BATCH_COMPLETE, VALIDATION_FAILED (reason, to_stage).';
revoke execute on function public.return_batch(p_batch_id uuid, p_to_stage text, p_reason text, p_expected_stage text, p_client_id uuid) from public, anon;
grant execute on function public.return_batch(p_batch_id uuid, p_to_stage text, p_reason text, p_expected_stage text, p_client_id uuid) to authenticated, service_role;

-- ==== public.save_model 
CREATE OR REPLACE FUNCTION public.save_model(p_org_id uuid, p_name text, p_sku_prefix text, p_complexity public.model_complexity, p_woods public.wood_type[], p_price numeric, p_stages jsonb DEFAULT '[]'::jsonb, p_description text DEFAULT NULL::text, p_base_hours numeric DEFAULT NULL::numeric, p_is_active boolean DEFAULT NULL::boolean, p_model_id uuid DEFAULT NULL::uuid, p_client_id uuid DEFAULT NULL::uuid)
 RETURNS jsonb
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
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
  -- the stages a model can have hours at: the states of the organisation's batch type, in floor order
  v_stages := app.model_stages(coalesce(p_stages, '[]'::jsonb),
                               array(select s.stage from app.batch_type_states s
                                     where s.type_definition_id = app.ensure_batch_settings(p_org_id)
                                     order by s.position));
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
    select p_org_id, v_id, (x ->> 'stage')::text, (x ->> 'estimated_hours')::numeric,
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
end $function$;

-- ==== public.split_batch 
CREATE OR REPLACE FUNCTION public.split_batch(p_batch_id uuid, p_order_ids uuid[], p_reason text DEFAULT NULL::text, p_client_id uuid DEFAULT NULL::uuid)
 RETURNS jsonb
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO ''
AS $function$
declare
  v_batch public.batches := app.batch_row(p_batch_id, true);
  v_replay jsonb;
  v_in integer;
  v_total integer;
  v_new_id uuid;
begin
  perform app.require_member(v_batch.org_id, 'supervisor', true);
  v_replay := app.replay_begin(p_client_id, 'split_batch'); if v_replay is not null then return v_replay; end if;
  if v_batch.is_complete then
    perform app.raise('BATCH_COMPLETE', format('Batch %s is already complete', v_batch.batch_number));
  end if;
  if p_order_ids is null or cardinality(p_order_ids) = 0
     or (select count(distinct x) from unnest(p_order_ids) x) <> cardinality(p_order_ids) then
    perform app.raise('VALIDATION_FAILED', 'Pick the orders to split off, each once', 'order_ids');
  end if;
  select count(*) filter (where bo.order_id = any (p_order_ids)), count(*) into v_in, v_total
    from public.batch_orders bo where bo.batch_id = p_batch_id;
  if v_in <> cardinality(p_order_ids) then
    perform app.raise('VALIDATION_FAILED', format('Some of these orders are not in batch %s', v_batch.batch_number), 'order_ids');
  end if;
  if v_in = v_total then
    perform app.raise('VALIDATION_FAILED', 'Leave at least one order in the original batch', 'order_ids');
  end if;

  perform app.set_reason(p_reason);
  insert into public.batches (org_id, type_definition_id, priority, current_stage, quality_status, target_completion)
    values (v_batch.org_id, v_batch.type_definition_id, v_batch.priority, v_batch.current_stage, v_batch.quality_status,
            v_batch.target_completion)
    returning id into v_new_id;
  -- the orders stay at the same stage: no detour through pending, no status change
  perform set_config('floorline.batch_move', 'on', true);
  delete from public.batch_orders bo where bo.batch_id = p_batch_id and bo.order_id = any (p_order_ids);
  insert into public.batch_orders (org_id, batch_id, order_id)
    select v_batch.org_id, v_new_id, x from unnest(p_order_ids) x;
  perform set_config('floorline.batch_move', '', true);
  perform app.log_batch_event(v_batch.org_id, p_batch_id, 'split', v_batch.current_stage, v_batch.current_stage, null,
                              p_reason, p_order_ids, v_new_id);
  perform app.log_batch_event(v_batch.org_id, v_new_id, 'split', v_batch.current_stage, v_batch.current_stage, null,
                              p_reason, p_order_ids, p_batch_id);
  perform app.set_reason(null);
  return app.replay_store(p_client_id, 'split_batch', v_batch.org_id,
                          jsonb_build_object('batch', app.batch_json(p_batch_id), 'new_batch', app.batch_json(v_new_id)));
end $function$;


-- ==== app.workshop_pace: hours_per_day now lives in batch_settings
CREATE OR REPLACE FUNCTION app.workshop_pace(p_org_id uuid, OUT likeliest numeric, OUT fast numeric, OUT slow numeric, OUT weeks integer)
 RETURNS record
 LANGUAGE plpgsql
 STABLE SECURITY DEFINER
 SET search_path TO ''
AS $function$
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
    select coalesce(max(s.hours_per_day), 16) into v_default
    from public.batch_settings s where s.org_id = p_org_id;
    likeliest := v_default; fast := v_default * 1.25; slow := v_default * 0.75; weeks := 0;
    return;
  end if;
  fast := greatest(fast, likeliest);
  slow := least(greatest(slow, likeliest / 2), likeliest);
end $function$;

comment on function app.model_stages(jsonb, text[]) is
  'Validates and normalises a model''s stage list for save_model: each stage once and one of p_states (the '
  'organisation''s batch type''s states, in floor order), hours 0–99.99, checklists of {key, label, required}; '
  'display_order = the state''s place in that order. Raises VALIDATION_FAILED with the field path.';
comment on function app.floor_check_priority_rules(jsonb, uuid) is
  'Validates a queue''s priority rules: at most 20 {condition, priority}; a stage condition names a state of a '
  'batch type the organisation can use.';
comment on function app.validate_stage_progression() is
  'Trigger check_stage_progression (spec 04 on the spec 05 engine): the move must be a transition of the batch''s '
  'type (app.fsm_decide; a refused move forward is STAGE_SKIPPED with the next stage, any other INVALID_TRANSITION); '
  'what the transition requires (reason: VALIDATION_FAILED reason; min_role: FORBIDDEN for API users); moving on '
  'from a state with requires_quality_pass while quality failed is QUALITY_FAILED; required floor actions '
  '(REQUIRED_ACTIONS_PENDING); never when complete (BATCH_COMPLETE) or to another type (WORKFLOW_FIXED).';
comment on function app.validate_batch_completion() is
  'Trigger: completion only from a stage whose type has a transition into a terminal state (spec 04: the last '
  'stage) and not while quality failed; never undone.';
comment on table public.batches is
  'Orders built together (spec 04), following the machine of their batch type definition (type_definition_id). '
  'Operators+ read; supervisors+ may edit priority and target date; everything else through RPCs (advance_batch, '
  'return_batch, split_batch, set_batch_quality, complete_batch, add_orders_to_batch, remove_order_from_batch). '
  'Stage rules: trigger check_stage_progression, decided by app.fsm_decide.';

-- ------------------------------------------------------------------ the stages screens list
create function public.batch_stages(p_org_id uuid, p_type_id uuid default null) returns jsonb
language plpgsql stable security definer set search_path = '' as $$
declare
  v_type uuid;
begin
  perform app.require_member(p_org_id, 'operator', true);
  v_type := coalesce(p_type_id, (select s.default_type_id from public.batch_settings s where s.org_id = p_org_id));
  if not exists (select 1 from public.type_definitions t
                 where t.id = v_type and t.subject = 'batch' and (t.org_id is null or t.org_id = p_org_id)) then
    perform app.raise('NOT_FOUND', 'No such batch type in this organisation', 'type_definition_id');
  end if;
  return (
    select jsonb_build_object(
      'type_definition_id', t.id, 'type_name', t.type_name, 'version', t.version,
      'stages', coalesce((select jsonb_agg(jsonb_build_object('stage', s.stage, 'name', s.name, 'position', s.position,
                                                              'is_quality_gate', s.is_quality_gate,
                                                              'order_status', s.order_status,
                                                              'completes', s.completes)
                                           order by s.position)
                          from app.batch_type_states s where s.type_definition_id = t.id), '[]'::jsonb))
    from public.type_definitions t where t.id = v_type);
end $$;
comment on function public.batch_stages(uuid, uuid) is
  'The states of a batch type (default: the organisation''s), in floor order, with what each means for a batch: '
  '{type_definition_id, type_name, version, stages: [{stage, name, position, is_quality_gate, order_status, '
  'completes}]}. Operators+. What screens list as stages (model form, order page); moves are the engine''s.';
revoke execute on function public.batch_stages(uuid, uuid) from public, anon;
grant execute on function public.batch_stages(uuid, uuid) to authenticated, service_role;

-- ------------------------------------------------------------------ the workflow tables and the enum go
drop table public.workflow_stages;
drop table public.workflows;
drop type public.production_stage;

-- ------------------------------------------------------------------ batches are a subject of the engine
-- so that a definition change counts the live batches in a state it removes (STATE_IN_USE) or moves them
-- (through the stage trigger, which then only asks app.fsm_guard)
insert into app.fsm_subjects (subject, relation, type_column, state_column, version_column, live_predicate)
  values ('batch', 'public.batches', 'type_definition_id', 'current_stage', 'type_version', 'completed_at is null');

-- ------------------------------------------------------------------ every stage change in the engine's history
create trigger batches_state_history after insert or update of current_stage on public.batches
  for each row execute function app.fsm_history('batch', 'current_stage', 'type_definition_id');

-- ------------------------------------------------------------------ the summary view, on batch types
create materialized view app.production_summary as
with org_stages as (
  select bs.org_id, s.position, s.stage
  from public.batch_settings bs join app.batch_type_states s on s.type_definition_id = bs.default_type_id
),
-- per organisation and model: hours still to do from each state of each batch type on
model_remaining as (
  select cur.type_definition_id, cur.stage, mps.org_id, mps.model_id, sum(mps.estimated_hours) as hours
  from app.batch_type_states cur
  join app.batch_type_states s on s.type_definition_id = cur.type_definition_id and s.position >= cur.position
  join public.model_production_stages mps on mps.stage = s.stage
  group by cur.type_definition_id, cur.stage, mps.org_id, mps.model_id
),
batch_stats as (
  select b.org_id, b.id, b.batch_number, b.current_stage, b.priority, b.target_completion, b.stage_entered_at,
         count(bo.order_id) as order_count,
         coalesce(sum(m.base_production_hours), 0) as estimated_hours,
         coalesce(sum(mr.hours), 0) as remaining_hours,
         coalesce(b.target_completion < (now() at time zone org.time_zone)::date, false) as is_late,
         (now() at time zone org.time_zone)::date - b.target_completion as days_late
  from public.batches b
  join public.organisations org on org.id = b.org_id
  left join public.batch_orders bo on bo.batch_id = b.id
  left join public.orders o on o.id = bo.order_id
  left join public.headphone_models m on m.id = o.model_id
  left join model_remaining mr on mr.type_definition_id = b.type_definition_id and mr.stage = b.current_stage
                              and mr.org_id = b.org_id and mr.model_id = o.model_id
  where not b.is_complete
  group by b.id, org.time_zone
)
select os.org_id, os.stage as bucket, os.position::integer as position,
       count(bs.id)::integer as batch_count,
       coalesce(sum(bs.order_count), 0)::integer as order_count,
       coalesce(sum(bs.estimated_hours), 0)::numeric(12, 2) as estimated_hours,
       coalesce(sum(bs.remaining_hours), 0)::numeric(12, 2) as remaining_hours,
       (count(bs.id) filter (where bs.is_late))::integer as late_batch_count,
       coalesce(jsonb_agg(jsonb_build_object('id', bs.id, 'batch_number', bs.batch_number, 'stage', bs.current_stage,
                                             'priority', bs.priority, 'target_completion', bs.target_completion,
                                             'days_late', bs.days_late, 'order_count', bs.order_count)
                          order by bs.days_late desc, bs.batch_number) filter (where bs.is_late), '[]'::jsonb)
         as late_batches,
       min(bs.stage_entered_at) as oldest_stage_entered_at
from org_stages os
left join batch_stats bs on bs.org_id = os.org_id and bs.current_stage = os.stage
group by os.org_id, os.stage, os.position
union all
-- orders waiting for a batch
select o.org_id, 'pending', 0, 0, count(*)::integer,
       coalesce(sum(m.base_production_hours), 0)::numeric(12, 2),
       coalesce(sum((select sum(mps.estimated_hours) from public.model_production_stages mps where mps.model_id = o.model_id)), 0)::numeric(12, 2),
       0, '[]'::jsonb, null
from public.orders o join public.headphone_models m on m.id = o.model_id
where o.status = 'pending'
group by o.org_id;
comment on materialized view app.production_summary is
  'Per organisation and state of its default batch type (bucket = state key, or pending for orders without a '
  'batch): batches, orders, base and remaining hours, late batches. Read through public.production_summary(p_org_id).';
create unique index production_summary_key on app.production_summary (org_id, bucket);
revoke all on app.production_summary from public, anon, authenticated, service_role;

revoke execute on all functions in schema app from public;
