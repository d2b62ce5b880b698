-- Work queues (spec 01 discoQueues): per location / team / stage, with prioritised entries.
-- Design: docs/floor.md §8. Spec 01 keeps the entries as an array inside the queue; here they are
-- rows (floor_queue_items) so that a pull can lock one entry (`for update skip locked`), two tablets
-- never receive the same item, and metrics are plain aggregates.
--
-- priority_rules: [{condition, priority}], first match wins when an item is added without a priority.
-- condition is `<field> <op> <value>`:
--   priority        the item's production priority (low < standard < high < rush), ops = != < <= > >=
--   due_in_days     days until the earliest due date / target completion (number), ops as above
--   quality_status  good | warning | failed, ops = !=
--   is_late         true | false, ops = !=
--   kind            order | batch, ops = !=
--   stage           a production stage name (e.g. Acoustic QC), ops = !=
-- Without a match: rush → urgent, high → high, standard → normal, low → low.

create table public.floor_queues (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organisations (id) on delete cascade,
  name text not null check (length(btrim(name)) between 1 and 80),
  location_id uuid,
  team_id uuid,
  workflow_id uuid,
  stage public.production_stage,
  max_items integer check (max_items between 1 and 10000),
  auto_assign boolean not null default false,
  member_capacity smallint not null default 3 check (member_capacity between 1 and 100),
  priority_rules jsonb not null default '[]' check (jsonb_typeof(priority_rules) = 'array'),
  is_active boolean not null default true,
  created_by uuid,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (org_id, name),
  unique (org_id, id),
  check (stage is null or workflow_id is not null),
  foreign key (org_id, location_id) references public.locations (org_id, id) on delete set null (location_id),
  foreign key (org_id, team_id) references public.teams (org_id, id) on delete set null (team_id),
  foreign key (org_id, workflow_id) references public.workflows (org_id, id) on delete cascade,
  foreign key (workflow_id, stage) references public.workflow_stages (workflow_id, stage) on delete cascade,
  foreign key (org_id, created_by) references public.members (org_id, id) on delete set null (created_by)
);
comment on table public.floor_queues is
  'A work queue (spec 01 discoQueues) for a location and/or team, optionally bound to a workflow stage: items '
  'advanced into that stage join it and leave it when they advance on. Members read; supervisors+ manage.';
comment on column public.floor_queues.stage is
  'Stage queues: floor_advance_item adds items entering this stage (priority by the rules) and completes '
  'their entries when they leave it.';
comment on column public.floor_queues.max_items is 'Most open (waiting + in progress) entries; adding more is refused (QUEUE_FULL).';
comment on column public.floor_queues.auto_assign is
  'Assign new entries to the least-loaded worker with an active floor session at the queue''s location or '
  'team, below member_capacity.';
comment on column public.floor_queues.member_capacity is 'Open entries one worker may hold before auto-assign passes them by.';
comment on column public.floor_queues.priority_rules is '[{condition, priority}]; see the migration header and docs/floor.md.';

create index floor_queues_org_location_idx on public.floor_queues (org_id, location_id);
create index floor_queues_org_team_idx on public.floor_queues (org_id, team_id);
create index floor_queues_org_workflow_stage_idx on public.floor_queues (org_id, workflow_id, stage) where is_active;
create index floor_queues_workflow_stage_idx on public.floor_queues (workflow_id, stage);
create index floor_queues_org_created_by_idx on public.floor_queues (org_id, created_by);

create table public.floor_queue_items (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null,
  queue_id uuid not null,
  item_id uuid not null,
  priority public.floor_priority not null default 'normal',
  status public.floor_queue_item_status not null default 'waiting',
  added_at timestamptz not null default clock_timestamp(),
  added_by uuid,
  assigned_to uuid,
  assigned_at timestamptz,
  started_at timestamptz,
  completed_at timestamptz,
  completed_by uuid,
  estimated_duration_minutes numeric(8, 2) check (estimated_duration_minutes >= 0),
  actual_duration_minutes numeric(8, 2)
    generated always as (round((extract(epoch from (completed_at - started_at)) / 60)::numeric, 2)) stored,
  wait_minutes numeric(10, 2)
    generated always as (round((extract(epoch from (started_at - added_at)) / 60)::numeric, 2)) stored,
  updated_at timestamptz not null default now(),
  unique (org_id, id),
  check ((status = 'waiting') or started_at is not null or status = 'removed'),
  check ((status in ('completed', 'removed')) = (completed_at is not null)),
  foreign key (org_id, queue_id) references public.floor_queues (org_id, id) on delete cascade,
  foreign key (org_id, item_id) references public.floor_items (org_id, id) on delete cascade,
  foreign key (org_id, added_by) references public.members (org_id, id) on delete set null (added_by),
  foreign key (org_id, assigned_to) references public.members (org_id, id) on delete set null (assigned_to),
  foreign key (org_id, completed_by) references public.members (org_id, id) on delete set null (completed_by)
);
comment on table public.floor_queue_items is
  'Entries of a queue (spec 01 QueueItem): an item, its priority, who it is assigned to, and when it was '
  'added, started and completed. An item is open (waiting/in progress) at most once per queue and in '
  'progress at most once across queues. Members read; written by the queue RPCs.';
comment on column public.floor_queue_items.status is 'waiting → in_progress (pulled or started) → completed; or removed.';
comment on column public.floor_queue_items.assigned_to is 'The member it is assigned to (spec 01 assignedTo); pulls give it to the puller.';
comment on column public.floor_queue_items.estimated_duration_minutes is
  'Expected work (spec 01 estimatedDuration); defaults to the catalogue''s hours for the item at the queue''s stage.';
comment on column public.floor_queue_items.actual_duration_minutes is 'Spec 01 actualDuration: completed_at − started_at.';
comment on column public.floor_queue_items.wait_minutes is 'started_at − added_at: time spent waiting.';

create unique index floor_queue_items_open_key on public.floor_queue_items (queue_id, item_id)
  where status in ('waiting', 'in_progress');
create unique index floor_queue_items_in_progress_key on public.floor_queue_items (item_id)
  where status = 'in_progress';
-- the pull: best priority first, then oldest
create index floor_queue_items_waiting_idx on public.floor_queue_items (queue_id, priority desc, added_at, id)
  where status = 'waiting';
create index floor_queue_items_org_queue_idx on public.floor_queue_items (org_id, queue_id, status);
create index floor_queue_items_queue_completed_idx on public.floor_queue_items (queue_id, completed_at)
  where status = 'completed';
create index floor_queue_items_org_item_idx on public.floor_queue_items (org_id, item_id);
create index floor_queue_items_org_added_by_idx on public.floor_queue_items (org_id, added_by);
create index floor_queue_items_org_assigned_idx on public.floor_queue_items (org_id, assigned_to, status);
create index floor_queue_items_org_completed_by_idx on public.floor_queue_items (org_id, completed_by);

create trigger floor_queue_items_set_updated_at before update on public.floor_queue_items
  for each row execute function app.set_updated_at();

-- ------------------------------------------------------------------ queue validation
create function app.floor_rule_parts(p_condition text) returns text[]
language sql immutable set search_path = '' as $$
  select regexp_match(btrim(p_condition),
                      '^(priority|due_in_days|quality_status|is_late|kind|stage)\s*(!=|<=|>=|=|<|>)\s*(\S.*)$')
$$;
comment on function app.floor_rule_parts(text) is 'A priority rule condition split into {field, op, value}, or null.';

create function app.floor_check_priority_rules(p_rules jsonb) returns void
language plpgsql immutable set search_path = '' as $$
declare
  v_rule jsonb;
  v_parts text[];
  v_field text;
  v_value text;
begin
  if jsonb_typeof(p_rules) <> 'array' or jsonb_array_length(p_rules) > 20 then
    perform app.floor_invalid('priority_rules', 'priority_rules is a list of at most 20 rules');
  end if;
  for v_rule in select jsonb_array_elements(p_rules) loop
    if jsonb_typeof(v_rule) <> 'object' or (select count(*) from jsonb_object_keys(v_rule)) <> 2
       or v_rule ->> 'priority' is null or v_rule ->> 'priority' not in ('low', 'normal', 'high', 'urgent') then
      perform app.floor_invalid('priority_rules', 'Each rule is {condition, priority: low|normal|high|urgent}');
    end if;
    v_parts := app.floor_rule_parts(v_rule ->> 'condition');
    if v_parts is null then
      perform app.floor_invalid('priority_rules',
        format('Cannot read the condition "%s": write <field> <op> <value>, e.g. "priority = rush"', v_rule ->> 'condition'));
    end if;
    v_field := v_parts[1];
    v_value := btrim(v_parts[3]);
    if (v_field = 'priority' and v_value not in ('low', 'standard', 'high', 'rush'))
       or (v_field = 'due_in_days' and v_value !~ '^-?[0-9]{1,4}$')
       or (v_field = 'quality_status' and v_value not in ('good', 'warning', 'failed'))
       or (v_field = 'is_late' and v_value not in ('true', 'false'))
       or (v_field = 'kind' and v_value not in ('order', 'batch'))
       or (v_field = 'stage' and not (v_value = any (enum_range(null::public.production_stage)::text[]))) then
      perform app.floor_invalid('priority_rules', format('"%s" is not a value for %s', v_value, v_field));
    end if;
    if v_field in ('quality_status', 'is_late', 'kind', 'stage') and v_parts[2] not in ('=', '!=') then
      perform app.floor_invalid('priority_rules', format('%s compares with = or != only', v_field));
    end if;
  end loop;
end $$;
comment on function app.floor_check_priority_rules(jsonb) is 'Validates floor_queues.priority_rules (22023 VALIDATION_FAILED).';

create function app.floor_queues_check() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  perform app.floor_check_priority_rules(new.priority_rules);
  if new.created_by is null and tg_op = 'INSERT' then
    new.created_by := app.actor_member_id(new.org_id);
  end if;
  new.name := btrim(new.name);
  return new;
end $$;
comment on function app.floor_queues_check() is 'Trigger: validates priority rules, records the creator.';

create trigger floor_queues_check before insert or update on public.floor_queues
  for each row execute function app.floor_queues_check();
create trigger floor_queues_set_updated_at before update on public.floor_queues
  for each row execute function app.set_updated_at();
create trigger floor_queues_audit after insert or update or delete on public.floor_queues
  for each row execute function app.audit_row();

-- ------------------------------------------------------------------ RLS
alter table public.floor_queues enable row level security;
alter table public.floor_queue_items enable row level security;

create policy floor_queues_select on public.floor_queues for select to authenticated
  using (org_id = any (array(select app.my_org_ids())));
create policy floor_queues_insert on public.floor_queues for insert to authenticated
  with check (org_id = any (array(select app.my_org_ids('supervisor'))));
create policy floor_queues_update on public.floor_queues for update to authenticated
  using (org_id = any (array(select app.my_org_ids('supervisor'))))
  with check (org_id = any (array(select app.my_org_ids('supervisor'))));
create policy floor_queues_delete on public.floor_queues for delete to authenticated
  using (org_id = any (array(select app.my_org_ids('supervisor'))));

create policy floor_queue_items_select on public.floor_queue_items for select to authenticated
  using (org_id = any (array(select app.my_org_ids())));
create policy floor_queue_items_insert on public.floor_queue_items for insert to authenticated with check (false);
create policy floor_queue_items_update on public.floor_queue_items for update to authenticated using (false);
create policy floor_queue_items_delete on public.floor_queue_items for delete to authenticated using (false);

revoke all on public.floor_queues, public.floor_queue_items from public, anon, authenticated, service_role;
grant select, delete on public.floor_queues to authenticated;
grant insert (id, org_id, name, location_id, team_id, workflow_id, stage, max_items, auto_assign, member_capacity,
              priority_rules, is_active)
  on public.floor_queues to authenticated;
grant update (name, location_id, team_id, max_items, auto_assign, member_capacity, priority_rules, is_active)
  on public.floor_queues to authenticated;
grant select on public.floor_queue_items to authenticated;
grant all on public.floor_queues to service_role;
grant select on public.floor_queue_items to service_role;

revoke execute on all functions in schema app from public;
