-- Floor sessions, scans and actions (spec 01 discoSessions, discoScans, discoActions).
-- Design: docs/floor.md §5–7. Written only by the floor RPCs (20261122003600 onwards); read through RLS.
--
-- One active floor session per member: a partial unique index on (member_id) where ended_at is null.
-- floor_start_session also takes a transaction-scoped advisory lock on the member, so two devices
-- starting at once are served one after the other (the second sees the first and gets the "resume or
-- take over" answer); the index is the guarantee whatever path writes.

-- ------------------------------------------------------------------ sessions
create table public.floor_sessions (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organisations (id) on delete cascade,
  member_id uuid not null,
  user_id uuid not null references auth.users (id) on delete cascade,
  operator_session_id uuid references public.operator_sessions (id) on delete set null,
  station_id uuid,
  device_id text check (length(device_id) <= 200),
  location_id uuid,
  team_id uuid,
  is_active boolean generated always as (ended_at is null) stored,
  started_at timestamptz not null default now(),
  last_activity_at timestamptz not null default now(),
  ended_at timestamptz,
  end_reason public.floor_session_end_reason,
  current_item_id uuid,
  current_stage public.production_stage,
  current_workflow_id uuid,
  items_processed integer not null default 0 check (items_processed >= 0),
  actions_completed integer not null default 0 check (actions_completed >= 0),
  scans_count integer not null default 0 check (scans_count >= 0),
  session_duration_minutes numeric(8, 2)
    generated always as (round((extract(epoch from (ended_at - started_at)) / 60)::numeric, 2)) stored,
  device_info jsonb not null default '{}'
    check (jsonb_typeof(device_info) = 'object' and length(device_info::text) <= 2048),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (org_id, id),
  check ((ended_at is null) = (end_reason is null)),
  check (ended_at is null or ended_at >= started_at),
  foreign key (org_id, member_id) references public.members (org_id, id) on delete cascade,
  foreign key (org_id, station_id) references public.stations (org_id, id) on delete set null (station_id),
  foreign key (org_id, location_id) references public.locations (org_id, id) on delete set null (location_id),
  foreign key (org_id, team_id) references public.teams (org_id, id) on delete set null (team_id),
  foreign key (org_id, current_item_id) references public.floor_items (org_id, id) on delete set null (current_item_id),
  foreign key (org_id, current_workflow_id) references public.workflows (org_id, id)
    on delete set null (current_workflow_id)
);
comment on table public.floor_sessions is
  'A worker''s floor session (spec 01 discoSessions): started on a tablet, tracking where (location, team), on '
  'what (current item, stage, workflow) and how much (items processed, actions completed, scans). One active '
  'session per member (partial unique index). Ends on floor_end_session, PIN-out, idle timeout, or when the '
  'worker takes over from another device. Supervisors+ read the organisation''s, others their own.';
comment on column public.floor_sessions.operator_session_id is
  'The PIN-in the session runs under (null for supervisors on their own devices). When that operator '
  'session ends the floor session ends too, except when the operator PINed in elsewhere (replaced): '
  'then the session waits to be resumed or taken over on the new tablet.';
comment on column public.floor_sessions.device_id is 'The tablet''s x-device-id; a start from another device must resume or take over.';
comment on column public.floor_sessions.is_active is 'Spec 01 isActive: true until ended_at is set.';
comment on column public.floor_sessions.last_activity_at is 'Last scan, action or update; a session idle for the organisation''s timeout is ended.';
comment on column public.floor_sessions.items_processed is 'Items advanced (or completed in a queue) in this session.';
comment on column public.floor_sessions.actions_completed is 'Actions completed (status completed) in this session.';
comment on column public.floor_sessions.session_duration_minutes is
  'Spec 01 sessionDuration, in minutes, once ended (the RPCs compute it live for active sessions).';
comment on column public.floor_sessions.device_info is
  '{platform: ios|android|web, version, screen_size, orientation: portrait|landscape, user_agent, …} (≤ 2 KB).';

create unique index floor_sessions_one_active_key on public.floor_sessions (member_id) where ended_at is null;
create index floor_sessions_org_active_idx on public.floor_sessions (org_id, last_activity_at desc) where ended_at is null;
create index floor_sessions_org_started_idx on public.floor_sessions (org_id, started_at desc);
create index floor_sessions_org_member_idx on public.floor_sessions (org_id, member_id, started_at desc);
create index floor_sessions_user_idx on public.floor_sessions (user_id);
create index floor_sessions_operator_session_idx on public.floor_sessions (operator_session_id);
create index floor_sessions_org_station_idx on public.floor_sessions (org_id, station_id);
create index floor_sessions_org_location_idx on public.floor_sessions (org_id, location_id);
create index floor_sessions_org_team_idx on public.floor_sessions (org_id, team_id);
create index floor_sessions_org_item_idx on public.floor_sessions (org_id, current_item_id);
create index floor_sessions_org_workflow_idx on public.floor_sessions (org_id, current_workflow_id);

create trigger floor_sessions_set_updated_at before update on public.floor_sessions
  for each row execute function app.set_updated_at();

-- ------------------------------------------------------------------ scans
create table public.floor_scans (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organisations (id) on delete cascade,
  session_id uuid not null,
  member_id uuid not null,
  user_id uuid not null references auth.users (id) on delete cascade,
  scan_type public.floor_scan_type not null,
  qr_code text not null check (length(qr_code) <= 512),
  scanned_value text check (length(scanned_value) <= 512),
  scan_result public.floor_scan_result not null,
  item_id uuid,
  location_id uuid,
  stage_action_id uuid,
  scanned_member_id uuid,
  scan_time timestamptz not null default now(),
  processing_time_ms integer not null default 0 check (processing_time_ms >= 0),
  error_code text check (error_code ~ '^[A-Z][A-Z0-9_]{1,39}$'),
  error_message text check (length(error_message) <= 500),
  device_info jsonb not null default '{}'
    check (jsonb_typeof(device_info) = 'object' and length(device_info::text) <= 2048),
  client_id uuid,
  created_at timestamptz not null default clock_timestamp(),
  unique (org_id, client_id),
  check ((scan_result = 'success') = (error_code is null)),
  foreign key (org_id, session_id) references public.floor_sessions (org_id, id) on delete cascade,
  foreign key (org_id, member_id) references public.members (org_id, id) on delete cascade,
  foreign key (org_id, item_id) references public.floor_items (org_id, id) on delete set null (item_id),
  foreign key (org_id, location_id) references public.locations (org_id, id) on delete set null (location_id),
  foreign key (org_id, stage_action_id) references public.floor_stage_actions (org_id, id)
    on delete set null (stage_action_id),
  foreign key (org_id, scanned_member_id) references public.members (org_id, id) on delete set null (scanned_member_id)
);
comment on table public.floor_scans is
  'Every scan (spec 01 discoScans), successful or not: the raw code, what it resolved to, the result, '
  'error code and message, processing time and device. Written by floor_scan (a failed scan is kept: the '
  'RPC returns the error as a value). Supervisors+ read the organisation''s, others their own.';
comment on column public.floor_scans.scan_type is
  'What the scan was for: the tablet''s expectation if it said, else the label''s type, else item.';
comment on column public.floor_scans.qr_code is 'The code as scanned or typed (first 512 characters).';
comment on column public.floor_scans.scanned_value is 'The normalised value: the canonical label, or the number / badge it matched.';
comment on column public.floor_scans.scan_time is 'When the scan happened (the tablet''s time for scans synced from offline, within 7 days).';
comment on column public.floor_scans.processing_time_ms is 'Server time to resolve and record the scan.';
comment on column public.floor_scans.error_code is 'Machine-readable failure (INVALID_CODE, FOREIGN_LABEL, ITEM_NOT_FOUND, …); null on success.';
comment on column public.floor_scans.client_id is 'The tablet''s idempotency key: a retry with it returns the first answer and records nothing.';
comment on column public.floor_scans.stage_action_id is 'The action card scanned (scan type action).';
comment on column public.floor_scans.scanned_member_id is 'The member whose badge was scanned (scan type user).';

create index floor_scans_org_time_idx on public.floor_scans (org_id, scan_time desc);
create index floor_scans_org_session_idx on public.floor_scans (org_id, session_id, scan_time desc);
create index floor_scans_org_member_idx on public.floor_scans (org_id, member_id, scan_time desc);
create index floor_scans_user_idx on public.floor_scans (user_id);
create index floor_scans_org_item_idx on public.floor_scans (org_id, item_id, scan_time desc);
create index floor_scans_org_location_idx on public.floor_scans (org_id, location_id);
create index floor_scans_org_action_idx on public.floor_scans (org_id, stage_action_id);
create index floor_scans_org_scanned_member_idx on public.floor_scans (org_id, scanned_member_id);

-- ------------------------------------------------------------------ actions
create table public.floor_actions (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organisations (id) on delete cascade,
  session_id uuid not null,
  member_id uuid not null,
  user_id uuid not null references auth.users (id) on delete cascade,
  item_id uuid not null,
  batch_id uuid,
  workflow_id uuid not null,
  stage public.production_stage not null,
  stage_action_id uuid,
  action_type public.floor_action_type not null,
  action_key text not null check (action_key ~ '^[a-z0-9][a-z0-9_-]{0,39}$'),
  label text not null check (length(label) between 1 and 80),
  required boolean not null,
  data jsonb not null default '{}' check (jsonb_typeof(data) = 'object' and length(data::text) <= 16384),
  photos jsonb not null default '[]' check (jsonb_typeof(photos) = 'array'),
  notes text check (length(notes) <= 4000),
  measurements jsonb not null default '[]' check (jsonb_typeof(measurements) = 'array'),
  checklist jsonb not null default '[]' check (jsonb_typeof(checklist) = 'array'),
  status public.floor_action_status not null,
  completed_at timestamptz,
  duration_ms integer check (duration_ms between 0 and 86400000),
  validation_result jsonb check (validation_result is null or jsonb_typeof(validation_result) = 'object'),
  approved_by uuid,
  client_id uuid,
  created_at timestamptz not null default clock_timestamp(),
  updated_at timestamptz not null default now(),
  unique (org_id, client_id),
  unique (org_id, id),
  check ((status = 'pending') = (completed_at is null)),
  check (approved_by is null or (action_type = 'approval' and status = 'completed')),
  foreign key (org_id, session_id) references public.floor_sessions (org_id, id) on delete cascade,
  foreign key (org_id, member_id) references public.members (org_id, id) on delete cascade,
  foreign key (org_id, item_id) references public.floor_items (org_id, id) on delete cascade,
  foreign key (org_id, batch_id) references public.batches (org_id, id) on delete set null (batch_id),
  foreign key (org_id, workflow_id) references public.workflows (org_id, id) on delete cascade,
  foreign key (org_id, stage_action_id) references public.floor_stage_actions (org_id, id)
    on delete set null (stage_action_id),
  foreign key (org_id, approved_by) references public.members (org_id, id) on delete set null (approved_by)
);
comment on table public.floor_actions is
  'Every attempt at a stage action (spec 01 discoActions) on an item: who, in which session, at which '
  'stage, with what data (photos as Storage paths, notes, measurements, checklist), the status, duration '
  'and validation result. Label, type and required are copied from the definition so history survives '
  'edits. Members read; written by floor_complete_action / floor_update_action.';
comment on column public.floor_actions.batch_id is 'The batch the item was in (itself for a batch) when the action was done.';
comment on column public.floor_actions.stage is 'The stage the item was at; together with created_at ≥ the stage''s entry it forms a stage visit.';
comment on column public.floor_actions.photos is
  'Storage objects in bucket floor-photos: [{path: "<org_id>/<item_id>/<file>", taken_at?, metadata?}].';
comment on column public.floor_actions.measurements is '[{type, value, unit}] as measured.';
comment on column public.floor_actions.checklist is '[{key, completed}] as ticked (inspections).';
comment on column public.floor_actions.status is
  'pending (draft), completed, skipped (optional actions only) or failed (out of tolerance, incomplete, refused).';
comment on column public.floor_actions.completed_at is 'When the action was finished (the tablet''s time for offline work); null while pending.';
comment on column public.floor_actions.duration_ms is 'How long the action took, as the tablet measured it.';
comment on column public.floor_actions.validation_result is '{passed, errors[], warnings[]} from the stage''s check.';
comment on column public.floor_actions.approved_by is 'Approval actions: the member whose PIN approved it (never the PIN).';
comment on column public.floor_actions.client_id is 'Idempotency key from the tablet.';
comment on column public.floor_actions.created_at is 'Server time the attempt was recorded (orders attempts; counts for the current stage visit).';

create index floor_actions_org_item_stage_idx on public.floor_actions (org_id, item_id, stage, created_at desc);
create index floor_actions_org_session_idx on public.floor_actions (org_id, session_id, created_at desc);
create index floor_actions_org_member_idx on public.floor_actions (org_id, member_id, created_at desc);
create index floor_actions_user_idx on public.floor_actions (user_id);
create index floor_actions_org_batch_idx on public.floor_actions (org_id, batch_id);
create index floor_actions_org_workflow_idx on public.floor_actions (org_id, workflow_id);
create index floor_actions_org_definition_idx on public.floor_actions (org_id, stage_action_id);
create index floor_actions_org_approved_by_idx on public.floor_actions (org_id, approved_by);
create index floor_actions_org_created_idx on public.floor_actions (org_id, created_at desc);

create trigger floor_actions_set_updated_at before update on public.floor_actions
  for each row execute function app.set_updated_at();

-- ------------------------------------------------------------------ RLS
alter table public.floor_sessions enable row level security;
alter table public.floor_scans enable row level security;
alter table public.floor_actions enable row level security;

-- own rows only while acting in the organisation (an operator: while PINed in)
create policy floor_sessions_select on public.floor_sessions for select to authenticated
  using (org_id = any (array(select app.my_org_ids('supervisor')))
         or (user_id = (select auth.uid()) and org_id = any (array(select app.my_org_ids()))));
create policy floor_sessions_insert on public.floor_sessions for insert to authenticated with check (false);
create policy floor_sessions_update on public.floor_sessions for update to authenticated using (false);
create policy floor_sessions_delete on public.floor_sessions for delete to authenticated using (false);

create policy floor_scans_select on public.floor_scans for select to authenticated
  using (org_id = any (array(select app.my_org_ids('supervisor')))
         or (user_id = (select auth.uid()) and org_id = any (array(select app.my_org_ids()))));
create policy floor_scans_insert on public.floor_scans for insert to authenticated with check (false);
create policy floor_scans_update on public.floor_scans for update to authenticated using (false);
create policy floor_scans_delete on public.floor_scans for delete to authenticated using (false);

-- actions are the item's history: everyone working in the organisation sees them
create policy floor_actions_select on public.floor_actions for select to authenticated
  using (org_id = any (array(select app.my_org_ids())));
create policy floor_actions_insert on public.floor_actions for insert to authenticated with check (false);
create policy floor_actions_update on public.floor_actions for update to authenticated using (false);
create policy floor_actions_delete on public.floor_actions for delete to authenticated using (false);

revoke all on public.floor_sessions, public.floor_scans, public.floor_actions
  from public, anon, authenticated, service_role;
grant select on public.floor_sessions, public.floor_scans, public.floor_actions to authenticated, service_role;

revoke execute on all functions in schema app from public;
