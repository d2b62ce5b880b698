-- Batches (spec 04 §3): orders built together, moving through their workflow's stages.
--
-- Rules, enforced by triggers whoever writes (RPCs, service role, SQL):
--  * check_stage_progression (spec 04): forward exactly one stage at a time; back to any earlier
--    stage only with a reason (set_config('floorline.reason', …, true); return_batch passes its
--    argument) and, for API users, a supervisor+ role; never past a quality gate (Acoustic QC)
--    while quality_status is failed; a completed batch does not move.
--  * completion only from the workflow's last stage, not while quality failed, never undone.
--  * an order is in at most one incomplete batch. Spec 04's partial index needs a subquery, which
--    Postgres cannot index; instead batch_orders carries batch_is_complete (kept in sync from
--    batches) and a partial unique index on (order_id) where not batch_is_complete. Under
--    concurrency the unique index makes the second insert wait for the first and then fail (23505;
--    the RPCs answer PT409), and an insert takes a share lock on its batch so a completion cannot
--    slip in between reading and writing batch_is_complete.
--  * orders follow their batch: joining sets the stage's order status, each stage change sets
--    workflow_stages.order_status, completion ships them, leaving an unfinished batch makes them
--    pending again. Each change lands in order_status_history (source batch, batch_id).
--  * every stage move, quality change and completion is a batch_events row (board, summary, timeline).

-- ------------------------------------------------------------------ batches
create table public.batches (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organisations (id) on delete cascade,
  batch_number text not null check (batch_number ~ '^[A-Za-z0-9][A-Za-z0-9._/-]{0,39}$'),
  workflow_id uuid not null,
  priority public.batch_priority not null default 'standard',
  current_stage public.production_stage not null default 'Intake',
  quality_status public.quality_status not null default 'good',
  is_complete boolean not null default false,
  target_completion date,
  actual_completion date,
  stage_entered_at timestamptz not null default now(),
  completed_at timestamptz,
  created_by uuid,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (org_id, batch_number),
  unique (org_id, id),
  check (is_complete = (completed_at is not null)),
  check (not is_complete or actual_completion is not null),
  foreign key (org_id, workflow_id) references public.workflows (org_id, id),
  -- the stage must be one of the batch's workflow
  foreign key (workflow_id, current_stage) references public.workflow_stages (workflow_id, stage),
  foreign key (org_id, created_by) references public.members (org_id, id) on delete set null (created_by)
);
comment on table public.batches is
  'Orders built together (spec 04). Operators+ read; supervisors+ may edit priority and target date; '
  'everything else through RPCs (advance_batch, return_batch, split_batch, set_batch_quality, '
  'complete_batch, add_orders_to_batch, remove_order_from_batch). Stage rules: trigger check_stage_progression.';
comment on column public.batches.batch_number is 'B-<n> per organisation.';
comment on column public.batches.workflow_id is 'The workflow whose stages this batch follows (the org''s default).';
comment on column public.batches.current_stage is 'Where the batch is; one of its workflow''s stages.';
comment on column public.batches.quality_status is 'failed blocks leaving a quality-gate stage (Acoustic QC) and completion.';
comment on column public.batches.target_completion is 'When it should be done; late = past this date and not complete.';
comment on column public.batches.actual_completion is 'The organisation-local date it was completed.';
comment on column public.batches.stage_entered_at is 'When it entered its current stage (time in stage on the board).';

create index batches_org_stage_complete_idx on public.batches (org_id, current_stage, is_complete);
create index batches_org_workflow_idx on public.batches (org_id, workflow_id);
create index batches_workflow_stage_idx on public.batches (workflow_id, current_stage);
create index batches_org_created_by_idx on public.batches (org_id, created_by);
create index batches_org_completed_idx on public.batches (org_id, completed_at desc) where is_complete;

-- ------------------------------------------------------------------ batch metadata
create table public.batch_metadata (
  batch_id uuid primary key,
  org_id uuid not null,
  total_estimated_hours numeric(8, 2),
  actual_hours_spent numeric(8, 2) check (actual_hours_spent >= 0),
  defect_rate numeric(5, 2) check (defect_rate between 0 and 100),
  notes text check (length(notes) <= 4000),
  tags text[] not null default '{}',
  unique (org_id, batch_id), -- one-to-one for PostgREST embedding
  foreign key (org_id, batch_id) references public.batches (org_id, id) on delete cascade
);
comment on table public.batch_metadata is
  'Spec 04''s batch metadata, one row per batch (created with it). total_estimated_hours is kept by '
  'trigger (sum of the models'' base_production_hours); supervisors+ edit the rest.';
comment on column public.batch_metadata.defect_rate is 'Percent of units with defects (0–100).';


-- ------------------------------------------------------------------ batch orders
create table public.batch_orders (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null,
  batch_id uuid not null,
  order_id uuid not null,
  batch_is_complete boolean not null default false,
  added_at timestamptz not null default now(),
  added_by uuid,
  unique (batch_id, order_id),
  foreign key (org_id, batch_id) references public.batches (org_id, id) on delete cascade,
  -- orders are never deleted through the API (cancel_order); closing a whole organisation deletes both
  foreign key (org_id, order_id) references public.orders (org_id, id) on delete cascade,
  foreign key (org_id, added_by) references public.members (org_id, id) on delete set null (added_by)
);
comment on table public.batch_orders is
  'Which orders a batch holds. Completed batches keep their rows (history). Written only by the RPCs.';
comment on column public.batch_orders.batch_is_complete is
  'Copy of batches.is_complete (trigger-maintained) so that a partial unique index can say: an order is '
  'in at most one incomplete batch (spec 04''s idx_active_batch_orders, which needed a subquery).';

create unique index idx_active_batch_orders on public.batch_orders (order_id) where not batch_is_complete;
create index idx_batch_orders_batch_id on public.batch_orders (org_id, batch_id);
create index idx_batch_orders_order_id on public.batch_orders (org_id, order_id);
create index batch_orders_added_by_idx on public.batch_orders (org_id, added_by);

-- ------------------------------------------------------------------ batch events
create table public.batch_events (
  id bigint generated always as identity primary key,
  org_id uuid not null,
  batch_id uuid not null,
  kind public.batch_event_kind not null,
  from_stage public.production_stage,
  to_stage public.production_stage,
  quality_status public.quality_status,
  reason text check (length(reason) <= 1000),
  order_ids uuid[],
  related_batch_id uuid,
  member_id uuid,
  user_id uuid,
  at timestamptz not null default now(),
  foreign key (org_id, batch_id) references public.batches (org_id, id) on delete cascade,
  foreign key (org_id, member_id) references public.members (org_id, id) on delete set null (member_id)
);
comment on table public.batch_events is
  'What happened to each batch, in order: created, advanced, returned (with reason), quality_changed, '
  'split, orders_added, order_removed, completed. Written by triggers and RPCs; operators+ read. Feeds '
  'the board (time in stage), throughput and the tracking page''s milestones.';
comment on column public.batch_events.related_batch_id is 'split: the other batch.';

create index batch_events_batch_idx on public.batch_events (org_id, batch_id, at);
create index batch_events_org_at_idx on public.batch_events (org_id, at desc);
create index batch_events_member_idx on public.batch_events (org_id, member_id);

-- ------------------------------------------------------------------ helpers
create function app.org_today(p_org_id uuid) returns date
language sql stable security definer set search_path = '' as $$
  select (now() at time zone o.time_zone)::date from public.organisations o where o.id = p_org_id
$$;
comment on function app.org_today(uuid) is 'Today''s date in the organisation''s time zone.';

create function app.log_batch_event(
  p_org_id uuid, p_batch_id uuid, p_kind public.batch_event_kind, p_from public.production_stage default null,
  p_to public.production_stage default null, p_quality public.quality_status default null,
  p_reason text default null, p_order_ids uuid[] default null, p_related uuid default null
) returns void
language sql volatile security definer set search_path = '' as $$
  insert into public.batch_events (org_id, batch_id, kind, from_stage, to_stage, quality_status, reason, order_ids,
                                   related_batch_id, member_id, user_id)
  values (p_org_id, p_batch_id, p_kind, p_from, p_to, p_quality, nullif(btrim(p_reason), ''), p_order_ids, p_related,
          app.actor_member_id(p_org_id), (select auth.uid()))
$$;
comment on function app.log_batch_event(uuid, uuid, public.batch_event_kind, public.production_stage,
  public.production_stage, public.quality_status, text, uuid[], uuid) is 'Appends a batch_events row with who.';

create function app.current_reason() returns text
language sql stable set search_path = '' as $$
  select nullif(btrim(current_setting('floorline.reason', true)), '')
$$;
comment on function app.current_reason() is 'The reason the current transaction gave (floorline.reason), or null.';

-- ------------------------------------------------------------------ insert defaults
create function app.batches_defaults() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if new.workflow_id is null then
    new.workflow_id := app.create_default_workflow(new.org_id);
  end if;
  if new.batch_number is null then
    new.batch_number := 'B-' || app.next_number(new.org_id, 'batch', 1);
  end if;
  if new.created_by is null then
    new.created_by := app.actor_member_id(new.org_id);
  end if;
  return new;
end $$;
comment on function app.batches_defaults() is 'Trigger: default workflow, batch number B-<n>, created_by.';

create trigger batches_defaults before insert on public.batches
  for each row execute function app.batches_defaults();

create function app.batches_after_insert() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  insert into public.batch_metadata (batch_id, org_id, total_estimated_hours) values (new.id, new.org_id, 0)
    on conflict (batch_id) do nothing;
  perform app.log_batch_event(new.org_id, new.id, 'created', null, new.current_stage, new.quality_status);
  return null;
end $$;
comment on function app.batches_after_insert() is 'Trigger: every batch gets its metadata row and a created event.';

create trigger batches_after_insert after insert on public.batches
  for each row execute function app.batches_after_insert();

-- ------------------------------------------------------------------ stage progression (spec 04)
create function app.validate_stage_progression() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  v_old smallint := app.stage_position(old.workflow_id, old.current_stage);
  v_new smallint := app.stage_position(new.workflow_id, new.current_stage);
  v_next public.production_stage;
begin
  if new.workflow_id is distinct from old.workflow_id then
    raise exception using errcode = 'PT409', message = 'A batch cannot change workflow', detail = 'workflow_id';
  end if;
  if old.is_complete then
    raise exception using errcode = 'PT409', message = format('Batch %s is complete and no longer moves', old.batch_number),
      detail = 'batch_complete';
  end if;
  if v_new is null then
    raise exception using errcode = '23514', message = format('%s is not a stage of this batch''s workflow', new.current_stage),
      detail = 'current_stage';
  end if;

  if v_new > v_old then
    if v_new > v_old + 1 then
      v_next := app.stage_at(old.workflow_id, v_old + 1);
      raise exception using errcode = '23514',
        message = format('Stages cannot be skipped: %s moves on to %s, not %s', old.current_stage, v_next, new.current_stage),
        detail = 'stage_skip', hint = format('Next stage: %s', v_next);
    end if;
    if new.quality_status = 'failed' and exists (
         select 1 from public.workflow_stages s
         where s.workflow_id = old.workflow_id and s.stage = old.current_stage and s.is_quality_gate) then
      raise exception using errcode = 'PT409',
        message = format('Batch %s failed %s: fix it (or return it for rework) before it moves on', old.batch_number,
                         old.current_stage),
        detail = 'quality_failed';
    end if;
  else
    -- going back: a reason, and a supervisor when it comes through the API
    if app.current_reason() is null then
      raise exception using errcode = '22023', message = 'Say why the batch goes back a stage', detail = 'reason';
    end if;
    if coalesce((select auth.role()), '') not in ('', 'service_role') and not exists (
         select 1 from app.my_memberships() m where m.org_id = new.org_id and m.role >= 'supervisor') then
      raise exception using errcode = 'PT403', message = 'Only a supervisor or above can send a batch back a stage',
        detail = 'role';
    end if;
  end if;
  new.stage_entered_at := now();
  return new;
end $$;
comment on function app.validate_stage_progression() is
  'Trigger check_stage_progression (spec 04): one stage forward at a time (23514 stage_skip), back with a '
  'reason (22023 reason) and supervisor+ (PT403), not past a quality gate while failed (PT409 quality_failed), '
  'not when complete (PT409 batch_complete).';

create trigger check_stage_progression
  before update of current_stage on public.batches
  for each row when (old.current_stage is distinct from new.current_stage)
  execute function app.validate_stage_progression();

-- ------------------------------------------------------------------ completion
create function app.validate_batch_completion() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if old.is_complete and not new.is_complete then
    raise exception using errcode = 'PT409', message = 'A completed batch cannot be reopened', detail = 'batch_complete';
  end if;
  if new.current_stage is distinct from app.last_stage(new.workflow_id) then
    raise exception using errcode = 'PT409',
      message = format('Batch %s is at %s: it can be completed only from %s', new.batch_number, new.current_stage,
                       app.last_stage(new.workflow_id)),
      detail = 'not_at_last_stage';
  end if;
  if new.quality_status = 'failed' then
    raise exception using errcode = 'PT409', message = format('Batch %s failed quality: it cannot be completed', new.batch_number),
      detail = 'quality_failed';
  end if;
  new.completed_at := now();
  new.actual_completion := coalesce(new.actual_completion, app.org_today(new.org_id));
  return new;
end $$;
comment on function app.validate_batch_completion() is
  'Trigger: completion only from the last stage and not while quality failed; never undone (PT409).';

create trigger batches_check_completion
  before update of is_complete on public.batches
  for each row when (old.is_complete is distinct from new.is_complete)
  execute function app.validate_batch_completion();

-- ------------------------------------------------------------------ after a batch changes
-- Sets the status of the batch's orders (those still following it) and reports who did it.
create function app.batch_orders_follow(p_batch public.batches, p_status public.order_status) returns void
language plpgsql volatile security definer set search_path = '' as $$
begin
  perform set_config('floorline.status_source', 'batch', true);
  perform set_config('floorline.batch_id', p_batch.id::text, true);
  -- orders whose status stays the same still changed stage: tell their tracking pages
  perform app.broadcast_order_progress(o.id)
  from public.batch_orders bo join public.orders o on o.id = bo.order_id
  where bo.batch_id = p_batch.id and o.status = p_status;
  update public.orders o set status = p_status
  from public.batch_orders bo
  where bo.batch_id = p_batch.id and bo.order_id = o.id and o.status <> p_status
    and o.status in ('pending', 'in_production', 'quality_check', 'ready_to_ship');
  perform set_config('floorline.status_source', '', true);
  perform set_config('floorline.batch_id', '', true);
end $$;
comment on function app.batch_orders_follow(public.batches, public.order_status) is
  'Moves the batch''s orders to a status (history source batch) and broadcasts their progress.';

create function app.batches_after_update() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  v_status public.order_status;
  v_from smallint;
  v_to smallint;
begin
  if new.current_stage is distinct from old.current_stage then
    v_from := app.stage_position(old.workflow_id, old.current_stage);
    v_to := app.stage_position(new.workflow_id, new.current_stage);
    perform app.log_batch_event(new.org_id, new.id, (case when v_to > v_from then 'advanced' else 'returned' end)::public.batch_event_kind,
                                old.current_stage, new.current_stage, new.quality_status, app.current_reason());
    select s.order_status into v_status from public.workflow_stages s
      where s.workflow_id = new.workflow_id and s.stage = new.current_stage;
    perform app.batch_orders_follow(new, v_status);
  end if;
  if new.quality_status is distinct from old.quality_status then
    perform app.log_batch_event(new.org_id, new.id, 'quality_changed', null, new.current_stage, new.quality_status,
                                app.current_reason());
  end if;
  if new.is_complete and not old.is_complete then
    update public.batch_orders bo set batch_is_complete = true where bo.batch_id = new.id;
    perform app.log_batch_event(new.org_id, new.id, 'completed', new.current_stage, null, new.quality_status);
    perform app.batch_orders_follow(new, 'shipped');
  end if;
  return null;
end $$;
comment on function app.batches_after_update() is
  'Trigger: logs stage moves, quality changes and completion; orders follow the batch; batch_orders learn completion.';

create trigger batches_after_update
  after update of current_stage, quality_status, is_complete on public.batches
  for each row execute function app.batches_after_update();

create trigger batches_set_updated_at before update on public.batches
  for each row execute function app.set_updated_at();
-- stage moves and quality changes are in batch_events already, with who and why
create trigger batches_audit after insert or update or delete on public.batches
  for each row execute function app.audit_row('skip:current_stage', 'skip:stage_entered_at', 'skip:quality_status');

-- ------------------------------------------------------------------ orders joining and leaving
create function app.recount_batch_hours(p_batch_id uuid) returns void
language sql volatile security definer set search_path = '' as $$
  update public.batch_metadata bm
  set total_estimated_hours = coalesce((
    select sum(m.base_production_hours)
    from public.batch_orders bo
    join public.orders o on o.id = bo.order_id
    join public.headphone_models m on m.id = o.model_id
    where bo.batch_id = p_batch_id), 0)
  where bm.batch_id = p_batch_id
$$;
comment on function app.recount_batch_hours(uuid) is 'batch_metadata.total_estimated_hours = sum of the orders'' model base hours.';

create function app.batch_orders_before_insert() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  v_batch public.batches;
  v_order public.orders;
begin
  -- share lock: a concurrent completion waits for us (or we see it), so batch_is_complete is right
  select * into v_batch from public.batches b where b.id = new.batch_id and b.org_id = new.org_id for share;
  if v_batch.id is null then
    raise exception using errcode = '23503', message = 'No such batch in this organisation', detail = 'batch_id';
  end if;
  if v_batch.is_complete then
    raise exception using errcode = 'PT409', message = format('Batch %s is complete', v_batch.batch_number),
      detail = 'batch_complete';
  end if;
  select * into v_order from public.orders o where o.id = new.order_id and o.org_id = new.org_id;
  if v_order.id is null then
    raise exception using errcode = '23503', message = 'No such order in this organisation', detail = 'order_id';
  end if;
  -- split_batch moves orders between batches of the same stage without a round trip through pending
  if v_order.status <> 'pending' and current_setting('floorline.batch_move', true) is distinct from 'on' then
    raise exception using errcode = 'PT409',
      message = format('Order %s is %s: only pending orders can join a batch', v_order.order_number, v_order.status),
      detail = 'order_not_pending';
  end if;
  new.batch_is_complete := false;
  new.added_by := coalesce(new.added_by, app.actor_member_id(new.org_id));
  return new;
end $$;
comment on function app.batch_orders_before_insert() is
  'Trigger: the batch exists, is incomplete (share-locked) and the order is pending; sets batch_is_complete.';

create trigger batch_orders_before_insert before insert on public.batch_orders
  for each row execute function app.batch_orders_before_insert();

create function app.batch_orders_guard() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if (new.batch_id, new.order_id, new.org_id) is distinct from (old.batch_id, old.order_id, old.org_id) then
    raise exception using errcode = 'PT409', message = 'Move orders with split_batch or remove and add them',
      detail = 'batch_orders';
  end if;
  if old.batch_is_complete and not new.batch_is_complete then
    raise exception using errcode = 'PT409', message = 'A completed batch cannot be reopened', detail = 'batch_complete';
  end if;
  return new;
end $$;
comment on function app.batch_orders_guard() is 'Trigger: batch_orders rows are not re-pointed, and completion is not undone.';

create trigger batch_orders_guard before update on public.batch_orders
  for each row execute function app.batch_orders_guard();

create function app.batch_orders_after_change() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  v_batch public.batches;
  v_status public.order_status;
begin
  if tg_op = 'INSERT' then
    select * into v_batch from public.batches b where b.id = new.batch_id;
    select s.order_status into v_status from public.workflow_stages s
      where s.workflow_id = v_batch.workflow_id and s.stage = v_batch.current_stage;
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
end $$;
comment on function app.batch_orders_after_change() is
  'Trigger: an order joining takes its batch''s stage status; leaving an unfinished batch makes it pending; hours recounted.';

create trigger batch_orders_after_change after insert or delete on public.batch_orders
  for each row execute function app.batch_orders_after_change();

create trigger batch_orders_audit after insert or delete on public.batch_orders
  for each row execute function app.audit_row();
create trigger batch_metadata_audit after insert or update or delete on public.batch_metadata
  for each row execute function app.audit_row('skip:total_estimated_hours');

-- ------------------------------------------------------------------ RLS
alter table public.batches enable row level security;
alter table public.batch_metadata enable row level security;
alter table public.batch_orders enable row level security;
alter table public.batch_events enable row level security;

create policy batches_select on public.batches for select to authenticated
  using (org_id = any (array(select app.my_org_ids())));
create policy batches_insert on public.batches for insert to authenticated with check (false); -- create_batch_from_orders()
create policy batches_update on public.batches for update to authenticated
  using (org_id = any (array(select app.my_org_ids('supervisor'))))
  with check (org_id = any (array(select app.my_org_ids('supervisor'))));
create policy batches_delete on public.batches for delete to authenticated using (false);

create policy batch_metadata_select on public.batch_metadata for select to authenticated
  using (org_id = any (array(select app.my_org_ids())));
create policy batch_metadata_insert on public.batch_metadata for insert to authenticated with check (false);
create policy batch_metadata_update on public.batch_metadata for update to authenticated
  using (org_id = any (array(select app.my_org_ids('supervisor'))))
  with check (org_id = any (array(select app.my_org_ids('supervisor'))));
create policy batch_metadata_delete on public.batch_metadata for delete to authenticated using (false);

create policy batch_orders_select on public.batch_orders for select to authenticated
  using (org_id = any (array(select app.my_org_ids())));
create policy batch_orders_insert on public.batch_orders for insert to authenticated with check (false);
create policy batch_orders_update on public.batch_orders for update to authenticated using (false);
create policy batch_orders_delete on public.batch_orders for delete to authenticated using (false);

create policy batch_events_select on public.batch_events for select to authenticated
  using (org_id = any (array(select app.my_org_ids())));
create policy batch_events_insert on public.batch_events for insert to authenticated with check (false);
create policy batch_events_update on public.batch_events for update to authenticated using (false);
create policy batch_events_delete on public.batch_events for delete to authenticated using (false);

revoke all on public.batches, public.batch_metadata, public.batch_orders, public.batch_events
  from public, anon, authenticated, service_role;
grant select on public.batches, public.batch_metadata, public.batch_orders, public.batch_events to authenticated;
grant update (priority, target_completion) on public.batches to authenticated;
grant update (actual_hours_spent, defect_rate, notes, tags) on public.batch_metadata to authenticated;
grant all on public.batches, public.batch_metadata, public.batch_orders to service_role;
grant select on public.batch_events to service_role;

-- order history rows may name the batch that moved them
alter table public.order_status_history
  add foreign key (org_id, batch_id) references public.batches (org_id, id) on delete set null (batch_id);

revoke execute on all functions in schema app from public;
