-- Stock counts (issue 16, spec 02 CountSession / CountLine / ItemLock): blind and guided counts,
-- cycle counts, a frozen snapshot, entries by scan + keypad, recounts by another counter, variance
-- review, posting as ledger adjustments, void. Design and the snapshot + movement rule: docs/stock.md.
--
-- * The lifecycle is a system type definition (subject 'count', type 'stock-count'): draft → in_progress
--   → review → posted, cancel from draft/in_progress/review, reopen review → in_progress, void posted →
--   voided. The engine decides every move (app.fsm_guard from the table's trigger, on every path) and
--   records it in state_history.
-- * Blind mode is the database's: the API role authenticated has no SELECT privilege on the columns
--   that hold or reveal expected quantities (expected_qty, movement_qty, movement_at_count, variance_qty,
--   variance_value, unit_cost, adjustment_id). They leave the server only through count_review, which
--   refuses a blind count until it is in review (COUNT_BLIND), and count_sheet, which includes them for
--   guided counts only. On-hand and the ledger are supervisors-only (RLS), so counters cannot look
--   them up either.
-- * Variance = counted − (snapshot + movements recorded between the snapshot and the entry's time).
--   Posting writes exactly the variance as the adjustment, so movements after the count stay on top.
-- * Item locks: a counter working on item × location holds an item_locks row (the additive stock
--   extension agreed with offline12 in CONTRACT-CHANGES.md): floor locks are untouched.

insert into app.error_codes (code, status, meaning) values
  ('COUNT_NOT_OPEN', 409, 'The count is not in progress: entries and locks are taken only while it is (context: status).'),
  ('COUNT_EMPTY', 422, 'The count''s scope selects no item at any location: widen it or receive stock first.'),
  ('COUNT_INCOMPLETE', 422, 'Lines are still to be counted or recounted (context: pending, recount) before review.'),
  ('COUNT_CONFLICTS', 409, 'Entries of this count are in conflict (context: conflict_items): resolve them before review.'),
  ('COUNT_BLIND', 403, 'A blind count''s expected quantities and variances are shown only once it is in review.'),
  ('COUNT_POSTED', 409, 'A posted, voided or cancelled count cannot change (void a posted one instead).'),
  ('RECOUNT_SAME_COUNTER', 409, 'A recount must be made by someone other than the line''s first counter.')
on conflict (code) do nothing;

-- ------------------------------------------------------------------ the lifecycle, as a system type
insert into public.type_definitions (org_id, subject, type_code, type_name, fsm_schema) values
(null, 'count', 'stock-count', 'Stock count', $j${
  "init": "draft",
  "states": ["draft", "in_progress", "review", "posted", "cancelled", "voided"],
  "terminal": ["cancelled", "voided"],
  "transitions": [
    {"name": "start", "from": "draft", "to": "in_progress", "requires": {"min_role": "supervisor"}},
    {"name": "submit", "from": "in_progress", "to": "review", "requires": {"min_role": "supervisor"}},
    {"name": "reopen", "from": "review", "to": "in_progress", "requires": {"reason": true, "min_role": "supervisor"}},
    {"name": "post", "from": "review", "to": "posted", "requires": {"min_role": "supervisor"}},
    {"name": "cancel", "from": ["draft", "in_progress", "review"], "to": "cancelled", "requires": {"reason": true, "min_role": "supervisor"}},
    {"name": "void", "from": "posted", "to": "voided", "requires": {"reason": true, "min_role": "manager"}}
  ],
  "meta": {
    "draft": {"label": "Draft"}, "in_progress": {"label": "In progress"}, "review": {"label": "Review"},
    "posted": {"label": "Posted"}, "cancelled": {"label": "Cancelled"}, "voided": {"label": "Voided"}
  }
}$j$);

create function app.count_type_id() returns uuid
language sql stable security definer set search_path = '' as $$
  select t.id from public.type_definitions t where t.org_id is null and t.subject = 'count' and t.type_code = 'stock-count'
$$;
comment on function app.count_type_id() is 'The system stock-count type definition every count follows.';

-- ------------------------------------------------------------------ count sessions
create type public.count_scope as enum ('locations', 'categories', 'cycle');
comment on type public.count_scope is
  'What a count covers: the items at chosen locations, the items of chosen categories, or a cycle selection of N items.';
create type public.count_mode as enum ('blind', 'guided');
comment on type public.count_mode is 'blind: counters never see expected quantities (enforced by column privileges); guided: they do.';
create type public.count_cycle_rule as enum ('abc', 'longest_since_counted');
comment on type public.count_cycle_rule is 'Cycle selection: the N longest-uncounted items of one ABC class, or of all items.';
create type public.count_sync_status as enum ('synced', 'pending', 'conflict');
comment on type public.count_sync_status is 'Spec 02: synced, pending (entries known to be waiting on a device) or conflict (conflict_items).';

create table public.count_sessions (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organisations (id) on delete cascade,
  count_number bigint not null,
  title text not null check (length(btrim(title)) between 1 and 120),
  type_definition_id uuid not null references public.type_definitions (id),
  type_version integer not null,
  status text not null check (length(status) between 1 and 32),
  scope public.count_scope not null,
  location_ids uuid[] not null default '{}',
  categories text[] not null default '{}',
  cycle_rule public.count_cycle_rule,
  cycle_class text check (cycle_class in ('A', 'B', 'C')),
  cycle_size integer check (cycle_size between 1 and 5000),
  mode public.count_mode not null default 'blind',
  counter_ids uuid[] not null default '{}',
  offline_created boolean not null default false,
  sync_status public.count_sync_status not null default 'synced',
  conflict_items text[] not null default '{}',
  client_id uuid,
  created_by uuid,
  started_at timestamptz,
  snapshot_at timestamptz,
  submitted_at timestamptz,
  posted_at timestamptz,
  posted_by uuid,
  adjustment_count integer,
  adjustment_value numeric(20, 4),
  voided_at timestamptz,
  voided_by uuid,
  closed_reason text check (length(closed_reason) <= 500),
  cancelled_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (org_id, id),
  unique (org_id, count_number),
  unique (org_id, client_id),
  check (scope <> 'locations' or cardinality(location_ids) > 0),
  check (scope <> 'categories' or cardinality(categories) > 0),
  check (scope <> 'cycle' or (cycle_rule is not null and cycle_size is not null)),
  check (cycle_rule is distinct from 'abc' or cycle_class is not null),
  check (cardinality(location_ids) <= 200 and cardinality(categories) <= 100 and cardinality(counter_ids) <= 100),
  foreign key (org_id, created_by) references public.members (org_id, id) on delete set null (created_by),
  foreign key (org_id, posted_by) references public.members (org_id, id) on delete set null (posted_by),
  foreign key (org_id, voided_by) references public.members (org_id, id) on delete set null (voided_by)
);
comment on table public.count_sessions is
  'Spec 02 CountSession: a stock count (scope, blind or guided, assigned counters) following the system type '
  'stock-count (status). Members read; written only by the count RPCs. Posted counts change only by void.';
comment on column public.count_sessions.status is 'A state of the stock-count type: draft, in_progress, review, posted, cancelled, voided.';
comment on column public.count_sessions.location_ids is 'Scope: locations counted (scope locations), or a location filter for the other scopes (empty: all).';
comment on column public.count_sessions.categories is 'Scope categories: items of these categories (scope categories).';
comment on column public.count_sessions.cycle_size is 'Cycle counts: how many items are selected (their lines at every location in scope).';
comment on column public.count_sessions.counter_ids is 'Members assigned to count (empty: any member); supervisors+ may always count.';
comment on column public.count_sessions.offline_created is 'Spec 02: created on a tablet while offline and synced later.';
comment on column public.count_sessions.sync_status is 'Spec 02: conflict while conflict_items is not empty, else synced.';
comment on column public.count_sessions.conflict_items is 'Spec 02: item codes with an entry in conflict (another counter counted the line meanwhile).';
comment on column public.count_sessions.snapshot_at is 'When starting froze the expected quantities (= started_at).';
comment on column public.count_sessions.adjustment_count is 'Posting: how many adjustments (non-zero variances) it wrote.';
comment on column public.count_sessions.adjustment_value is 'Posting: the total value of those adjustments (negative = shrinkage).';
comment on column public.count_sessions.closed_reason is 'Why it was cancelled or voided.';
comment on column public.count_sessions.client_id is 'Idempotency key from the device that created it (offline-created sessions sync once).';
create index count_sessions_org_status_idx on public.count_sessions (org_id, status, created_at desc);
create index count_sessions_org_posted_idx on public.count_sessions (org_id, posted_at) where posted_at is not null;
create index count_sessions_type_idx on public.count_sessions (type_definition_id, status);
create index count_sessions_created_by_idx on public.count_sessions (org_id, created_by);
create index count_sessions_posted_by_idx on public.count_sessions (org_id, posted_by);
create index count_sessions_voided_by_idx on public.count_sessions (org_id, voided_by);
create index count_sessions_sync_idx on public.count_sessions (sync_status) where sync_status <> 'synced';

-- ------------------------------------------------------------------ count lines
create type public.count_line_status as enum ('pending', 'counted', 'recount');
comment on type public.count_line_status is 'A line waits to be counted, is counted, or waits for a recount asked by the reviewer.';

create table public.count_lines (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organisations (id) on delete cascade,
  count_id uuid not null,
  stock_item_id uuid not null,
  location_id uuid not null,
  expected_qty numeric(14, 3) not null,
  unit_cost numeric(12, 4) not null,
  movement_qty numeric(14, 3) not null default 0,
  counted_qty numeric(14, 3) check (counted_qty >= 0),
  movement_at_count numeric(14, 3),
  variance_qty numeric(14, 3) generated always as (counted_qty - expected_qty - movement_at_count) stored,
  variance_value numeric(20, 4) generated always as ((counted_qty - expected_qty - movement_at_count) * unit_cost) stored,
  status public.count_line_status not null default 'pending',
  counted_by uuid,
  counted_at timestamptz,
  device_id text check (length(device_id) <= 200),
  entry_count integer not null default 0,
  recount_round integer not null default 0,
  recount_requested_at timestamptz,
  recount_requested_by uuid,
  recount_reason text check (length(recount_reason) <= 500),
  recount_excluded_member uuid,
  reason_code text,
  reason_note text check (length(reason_note) <= 500),
  adjustment_id uuid,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (org_id, id),
  unique (count_id, stock_item_id, location_id),
  check ((counted_qty is null) = (movement_at_count is null)),
  check ((status = 'counted') = (counted_qty is not null)),
  foreign key (org_id, count_id) references public.count_sessions (org_id, id) on delete cascade,
  foreign key (org_id, stock_item_id) references public.stock_items (org_id, id) on delete cascade,
  foreign key (org_id, location_id) references public.locations (org_id, id) on delete cascade,
  foreign key (org_id, reason_code) references public.stock_reason_codes (org_id, code),
  foreign key (org_id, counted_by) references public.members (org_id, id) on delete set null (counted_by),
  foreign key (org_id, recount_requested_by) references public.members (org_id, id) on delete set null (recount_requested_by),
  foreign key (org_id, recount_excluded_member) references public.members (org_id, id) on delete set null (recount_excluded_member),
  foreign key (org_id, adjustment_id) references public.stock_ledger (org_id, id)
);
comment on table public.count_lines is
  'Spec 02 CountLine: one item at one location in a count, with its frozen expected quantity, what was counted '
  '(the latest entry of the current round), the variance and its reason. Members read the columns that reveal '
  'nothing expected; expected_qty, movements, variance and cost are readable only through count_review / '
  'count_sheet (column privileges: blind mode). Written only by the count RPCs.';
comment on column public.count_lines.expected_qty is 'Snapshot: on-hand when the count started (never granted to the API role).';
comment on column public.count_lines.unit_cost is 'The item''s unit cost when the count started (variance value).';
comment on column public.count_lines.movement_qty is 'Ledger movements of this item and location since the snapshot (other than this count''s own), kept by trigger.';
comment on column public.count_lines.movement_at_count is 'The movements since the snapshot up to the counted entry''s time: expected at count = expected_qty + this.';
comment on column public.count_lines.variance_qty is 'counted − (snapshot + movements up to the count); posting writes exactly this as the adjustment.';
comment on column public.count_lines.variance_value is 'variance_qty × unit_cost (negative = shrinkage).';
comment on column public.count_lines.recount_round is '0 for the first count, +1 per recount request.';
comment on column public.count_lines.recount_excluded_member is 'Who counted the line before the recount request: they may not do the recount.';
comment on column public.count_lines.reason_code is 'Why the line differs (the reviewer''s choice among the workshop''s reasons); required to post a non-zero variance.';
comment on column public.count_lines.adjustment_id is 'The ledger row posting wrote for this line''s variance.';
create index count_lines_count_idx on public.count_lines (count_id, status);
create index count_lines_item_loc_idx on public.count_lines (org_id, stock_item_id, location_id);
create index count_lines_location_idx on public.count_lines (org_id, location_id);
create index count_lines_reason_idx on public.count_lines (org_id, reason_code);
create index count_lines_counted_by_idx on public.count_lines (org_id, counted_by);
create index count_lines_recount_by_idx on public.count_lines (org_id, recount_requested_by);
create index count_lines_recount_excluded_idx on public.count_lines (org_id, recount_excluded_member);
create index count_lines_adjustment_idx on public.count_lines (org_id, adjustment_id);

-- ------------------------------------------------------------------ entries (each scan / keypad entry)
create type public.count_entry_method as enum ('scan', 'keypad', 'pick');
comment on type public.count_entry_method is 'How the counter reached the line: scanned its label, or picked it from the list; the quantity is keyed in.';

create table public.count_entries (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organisations (id) on delete cascade,
  count_id uuid not null,
  count_line_id uuid not null,
  quantity numeric(14, 3) not null check (quantity >= 0),
  method public.count_entry_method not null default 'keypad',
  round integer not null default 0,
  member_id uuid,
  user_id uuid references auth.users (id) on delete set null,
  device_id text check (length(device_id) <= 200),
  entered_at timestamptz not null,
  received_at timestamptz not null default now(),
  forced boolean not null default false,
  client_id uuid not null,
  unique (org_id, client_id),
  foreign key (org_id, count_id) references public.count_sessions (org_id, id) on delete cascade,
  foreign key (org_id, count_line_id) references public.count_lines (org_id, id) on delete cascade,
  foreign key (org_id, member_id) references public.members (org_id, id) on delete set null (member_id)
);
comment on table public.count_entries is
  'Every counted quantity entered on a line: counter, device, method, the device''s time and when the server got it '
  '(offline entries sync later, once, by client id). The line holds the latest of its current round. Members read.';
comment on column public.count_entries.entered_at is 'When the counter entered it (device clock, clamped to the count''s start and the server''s now).';
comment on column public.count_entries.forced is 'Sent again after a conflict with "keep mine": it replaced another counter''s entry.';
create index count_entries_line_idx on public.count_entries (count_line_id, round, received_at desc);
create index count_entries_count_idx on public.count_entries (org_id, count_id);
create index count_entries_member_idx on public.count_entries (org_id, member_id);
create index count_entries_user_idx on public.count_entries (user_id);

-- ------------------------------------------------------------------ item locks for stock (additive)
alter table public.item_locks
  alter column item_id drop not null,
  alter column session_id drop not null,
  add column stock_item_id uuid,
  add column stock_location_id uuid,
  add column count_id uuid,
  add constraint item_locks_kind check (
    (item_id is not null and session_id is not null and stock_item_id is null and stock_location_id is null and count_id is null)
    or (item_id is null and session_id is null and stock_item_id is not null and stock_location_id is not null and count_id is not null)),
  add constraint item_locks_stock_unique unique (org_id, stock_item_id, stock_location_id),
  add foreign key (org_id, stock_item_id) references public.stock_items (org_id, id) on delete cascade,
  add foreign key (org_id, stock_location_id) references public.locations (org_id, id) on delete cascade,
  add foreign key (org_id, count_id) references public.count_sessions (org_id, id) on delete cascade;
comment on column public.item_locks.stock_item_id is 'Stock counts: the stock item locked (with stock_location_id); item_id and session_id are then null.';
comment on column public.item_locks.stock_location_id is 'Stock counts: the location of the locked stock item.';
comment on column public.item_locks.count_id is 'Stock counts: the count session the lock was taken in (its end releases it).';
create index item_locks_count_idx on public.item_locks (org_id, count_id) where count_id is not null;
create index item_locks_stock_location_idx on public.item_locks (org_id, stock_location_id);

-- ------------------------------------------------------------------ rules on every write path
create function app.count_sessions_check() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  v_decision jsonb;
begin
  if tg_op = 'INSERT' then
    if (select t.subject from public.type_definitions t where t.id = new.type_definition_id) is distinct from 'count' then
      perform app.raise('VALIDATION_FAILED', 'A count follows a count type definition', 'type_definition_id');
    end if;
    new.status := coalesce(new.status, app.fsm_init_state(new.type_definition_id));
    if new.status <> app.fsm_init_state(new.type_definition_id) then
      perform app.raise('INVALID_TRANSITION', format('A new count starts as "%s"', app.fsm_init_state(new.type_definition_id)),
        'status', jsonb_build_object('from', null, 'to', new.status, 'available', jsonb_build_array('init')));
    end if;
    new.type_version := (select t.version from public.type_definitions t where t.id = new.type_definition_id);
    if new.count_number is null then
      new.count_number := app.next_number(new.org_id, 'count', 1);
    end if;
    return new;
  end if;
  if new.org_id <> old.org_id or new.type_definition_id <> old.type_definition_id or new.count_number <> old.count_number
     or new.created_at <> old.created_at then
    perform app.raise('VALIDATION_FAILED', 'A count keeps its organisation, type and number', 'type_definition_id');
  end if;
  -- posted, voided and cancelled counts are immutable: only the void transition leaves posted
  if old.status in ('posted', 'voided', 'cancelled') and not (old.status = 'posted' and new.status = 'voided') then
    perform app.raise('COUNT_POSTED', format('This count is %s: it cannot change%s', old.status,
      case when old.status = 'posted' then ' (void it instead)' else '' end), 'status', jsonb_build_object('status', old.status));
  end if;
  -- the scope is fixed once the snapshot is taken
  if old.status <> 'draft' and (new.scope, new.location_ids, new.categories, new.cycle_rule, new.cycle_class, new.cycle_size, new.mode)
       is distinct from (old.scope, old.location_ids, old.categories, old.cycle_rule, old.cycle_class, old.cycle_size, old.mode) then
    perform app.raise('COUNT_NOT_OPEN', 'The scope and mode are fixed once the count has started', 'scope',
      jsonb_build_object('status', old.status));
  end if;
  if new.status is distinct from old.status then
    v_decision := app.fsm_guard(new.type_definition_id, old.status, new.status);
    if not app.fsm_migrating() then
      perform app.fsm_check_requires(new.org_id, v_decision -> 'requires');
    end if;
    new.type_version := (select t.version from public.type_definitions t where t.id = new.type_definition_id);
  end if;
  new.updated_at := now();
  return new;
end $$;
comment on function app.count_sessions_check() is
  'BEFORE INSERT/UPDATE on count_sessions: starts in the type''s init state, numbers it, moves only as the engine '
  'allows (with the transition''s reason and role), keeps posted/voided/cancelled counts immutable (COUNT_POSTED) '
  'and the scope fixed once started.';
create trigger count_sessions_check before insert or update on public.count_sessions
  for each row execute function app.count_sessions_check();
create trigger count_sessions_state_history after insert or update of status on public.count_sessions
  for each row execute function app.fsm_history('count', 'status', 'type_definition_id');
create trigger count_sessions_audit after insert or update or delete on public.count_sessions
  for each row execute function app.audit_row();

insert into app.fsm_subjects (subject, relation, type_column, state_column, version_column, live_predicate)
  values ('count', 'public.count_sessions', 'type_definition_id', 'status', 'type_version', 'posted_at is null');

create function app.count_lines_check() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  v_status text;
begin
  select s.status into v_status from public.count_sessions s where s.id = coalesce(new.count_id, old.count_id);
  if v_status in ('posted', 'voided', 'cancelled') and tg_op <> 'DELETE' then
    perform app.raise('COUNT_POSTED', format('This count is %s: its lines cannot change', v_status), 'count_id',
      jsonb_build_object('status', v_status));
  end if;
  if tg_op = 'UPDATE' then
    if (new.org_id, new.count_id, new.stock_item_id, new.location_id, new.expected_qty, new.unit_cost)
       is distinct from (old.org_id, old.count_id, old.stock_item_id, old.location_id, old.expected_qty, old.unit_cost) then
      perform app.raise('VALIDATION_FAILED', 'A count line keeps its item, location and snapshot', 'expected_qty');
    end if;
    new.updated_at := now();
  end if;
  return new;
end $$;
comment on function app.count_lines_check() is
  'BEFORE INSERT/UPDATE on count_lines: nothing changes on a posted, voided or cancelled count (COUNT_POSTED); the '
  'snapshot (item, location, expected quantity, cost) never changes.';
create trigger count_lines_check before insert or update on public.count_lines
  for each row execute function app.count_lines_check();

create function app.count_entries_check() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if tg_op <> 'INSERT' then
    perform app.raise('COUNT_POSTED', 'Count entries are never changed: enter the quantity again', 'quantity');
  end if;
  if (select s.status from public.count_sessions s where s.id = new.count_id) <> 'in_progress' then
    perform app.raise('COUNT_NOT_OPEN', 'This count is not in progress', 'count_id');
  end if;
  return new;
end $$;
comment on function app.count_entries_check() is 'BEFORE INSERT/UPDATE on count_entries: entries only while in progress; never changed.';
create trigger count_entries_check before insert or update on public.count_entries
  for each row execute function app.count_entries_check();

-- movements during a count: every ledger row adds to the live counts' lines of its item and location
create function app.stock_ledger_count_movements() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  update public.count_lines l set movement_qty = l.movement_qty + new.quantity
  from public.count_sessions s
  where l.org_id = new.org_id and l.stock_item_id = new.stock_item_id and l.location_id = new.location_id
    and s.id = l.count_id and s.status in ('in_progress', 'review') and l.count_id is distinct from new.count_id;
  return null;
end $$;
comment on function app.stock_ledger_count_movements() is
  'AFTER INSERT on stock_ledger (after on-hand): adds the movement to the lines of counts in progress or in review '
  'of the same item and location (not the posting count''s own), so review shows snapshot + movements since.';
create trigger stock_ledger_b_count_movements after insert on public.stock_ledger
  for each row execute function app.stock_ledger_count_movements();

-- ------------------------------------------------------------------ RLS and grants
alter table public.count_sessions enable row level security;
create policy count_sessions_select on public.count_sessions for select to authenticated
  using (org_id = any (array(select app.my_org_ids())));
create policy count_sessions_insert on public.count_sessions for insert to authenticated with check (false);
create policy count_sessions_update on public.count_sessions for update to authenticated using (false);
create policy count_sessions_delete on public.count_sessions for delete to authenticated using (false);
revoke all on public.count_sessions from public, anon, authenticated, service_role;
grant select on public.count_sessions to authenticated;
grant all on public.count_sessions to service_role;

alter table public.count_lines enable row level security;
create policy count_lines_select on public.count_lines for select to authenticated
  using (org_id = any (array(select app.my_org_ids())));
create policy count_lines_insert on public.count_lines for insert to authenticated with check (false);
create policy count_lines_update on public.count_lines for update to authenticated using (false);
create policy count_lines_delete on public.count_lines for delete to authenticated using (false);
revoke all on public.count_lines from public, anon, authenticated, service_role;
-- blind mode: not expected_qty, unit_cost, movement_qty, movement_at_count, variance_qty, variance_value, adjustment_id
grant select (id, org_id, count_id, stock_item_id, location_id, counted_qty, status, counted_by, counted_at, device_id,
              entry_count, recount_round, recount_requested_at, recount_requested_by, recount_reason,
              recount_excluded_member, reason_code, reason_note, created_at, updated_at)
  on public.count_lines to authenticated;
grant all on public.count_lines to service_role;

alter table public.count_entries enable row level security;
create policy count_entries_select on public.count_entries for select to authenticated
  using (org_id = any (array(select app.my_org_ids())));
create policy count_entries_insert on public.count_entries for insert to authenticated with check (false);
create policy count_entries_update on public.count_entries for update to authenticated using (false);
create policy count_entries_delete on public.count_entries for delete to authenticated using (false);
revoke all on public.count_entries from public, anon, authenticated, service_role;
grant select on public.count_entries to authenticated, service_role;

-- ------------------------------------------------------------------ realtime: org:<org>:counts
-- can_read with every scope so far — messages (20261204051001_floor_messages_flags.sql), sewing
-- (20261204051100_sewing_runs.sql, which had dropped messages) — plus counts
create or replace function app_realtime.can_read(p_topic text) returns boolean
language plpgsql stable security definer set search_path = '' as $$
declare
  v_m text[];
begin
  if p_topic is null then
    return false;
  end if;
  -- the tracking page: the hash of a live token (the raw token never appears in a topic)
  v_m := regexp_match(p_topic, '^track:([0-9a-f]{64})$');
  if v_m is not null then
    return exists (select 1 from public.order_tracking_tokens t
                   where t.token_hash = v_m[1] and t.revoked_at is null);
  end if;
  v_m := regexp_match(p_topic,
    '^org:([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}):(board|floor|sms|messages|sewing|counts|queue:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$');
  if v_m is null then
    return false;
  end if;
  -- who reads the tables behind the topic: floor sessions of everyone are supervisors+ (RLS on
  -- floor_sessions), SMS messages managers+, batches, queues, floor messages, sewing runs and counts every member
  -- (a counts message names only the count, line and counter: never a quantity)
  return v_m[1]::uuid = any (array(select app.my_org_ids(
    case v_m[2] when 'floor' then 'supervisor' when 'sms' then 'manager' else 'operator' end::public.member_role)));
end $$;
comment on function app_realtime.can_read(text) is
  'May the caller receive broadcasts on this Realtime topic? track:<hash> of a live token (anyone), '
  'org:<org>:board|messages|sewing|counts|queue:<id> (members), org:<org>:floor (supervisors+), org:<org>:sms (managers+); anything else no.';

-- spec 02 RealTimeEvent types on the org's counts topic, as the app's one 'changed' event (lib/realtime/topics.ts)
create function app.count_broadcast(p_org_id uuid, p_type text, p_count_id uuid, p_line_id uuid default null,
                                    p_member_id uuid default null) returns void
language plpgsql volatile security definer set search_path = '' as $$
begin
  perform realtime.send(
    jsonb_build_object('table', case when p_line_id is null then 'count_sessions' else 'count_lines' end, 'op', 'UPDATE',
                       'id', coalesce(p_line_id, p_count_id), 'type', p_type, 'count_id', p_count_id, 'member_id', p_member_id),
    'changed', app.realtime_topic(p_org_id, 'counts'), true);
end $$;
comment on function app.count_broadcast(uuid, text, uuid, uuid, uuid) is
  'Sends a spec 02 RealTimeEvent (session_update | item_update | count_complete) on org:<org>:counts: ids only.';

-- ------------------------------------------------------------------ helpers
-- The caller's count (NOT_FOUND outside their organisations), locked for the caller's change.
create function app.count_for_update(p_count_id uuid) returns public.count_sessions
language plpgsql volatile security definer set search_path = '' as $$
declare
  v public.count_sessions;
begin
  select * into v from public.count_sessions s where s.id = p_count_id for update;
  if v.id is null or not (app.is_service_role() or (select auth.role()) is null
                          or v.org_id = any (array(select app.my_org_ids()))) then
    perform app.raise('NOT_FOUND', 'No such count in this workshop', 'count_id');
  end if;
  return v;
end $$;
comment on function app.count_for_update(uuid) is 'Locks and returns a count of the caller''s organisations, or NOT_FOUND.';

-- Moves a count by a named transition of its type (the engine decides; requires are checked by the trigger).
create function app.count_move(p_count public.count_sessions, p_transition text, p_reason text default null)
returns public.count_sessions
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_decision jsonb := app.fsm_require(p_count.type_definition_id, p_count.status, null, p_transition);
  v public.count_sessions;
begin
  if p_reason is not null and length(btrim(p_reason)) > 500 then
    perform app.raise('VALIDATION_FAILED', 'Keep the reason under 500 characters', 'reason');
  end if;
  perform app.fsm_check_requires(p_count.org_id, v_decision -> 'requires', p_reason);
  perform set_config('floorline.fsm_transition', p_transition, true);
  perform set_config('floorline.fsm_reason', coalesce(btrim(p_reason), ''), true);
  perform set_config('floorline.fsm_device', coalesce(app.request_header('x-device-id'), ''), true);
  update public.count_sessions s set status = v_decision ->> 'to' where s.id = p_count.id returning * into v;
  perform set_config('floorline.fsm_transition', '', true);
  perform set_config('floorline.fsm_reason', '', true);
  perform set_config('floorline.fsm_device', '', true);
  perform app.count_broadcast(v.org_id, case when v.status in ('review', 'posted') then 'count_complete' else 'session_update' end, v.id);
  -- spec 02 RealTimeEvent count_complete (20261204045000_realtime_events.sql) for the supervisors: counting
  -- finished (review) or the count posted; no quantities in it
  if v.status in ('review', 'posted') then
    perform app.realtime_emit(v.org_id, 'count_complete', 'session', v.id::text, 'complete',
      jsonb_build_object('count_number', v.count_number, 'title', v.title, 'status', v.status,
                         'lines', (select count(*) from public.count_lines l where l.count_id = v.id),
                         'adjustment_count', v.adjustment_count),
      '{supervisor,manager,admin,owner}', (select m.member_id from app.require_member(v.org_id, 'operator', true) m));
  end if;
  return v;
end $$;
comment on function app.count_move(public.count_sessions, text, text) is
  'Moves a count by a transition of its type (INVALID_TRANSITION naming what is open), with its reason; history and a broadcast follow.';

create function app.count_json(p_count public.count_sessions) returns jsonb
language sql stable security definer set search_path = '' as $$
  select to_jsonb(p_count) || jsonb_build_object(
    'lines', (select count(*) from public.count_lines l where l.count_id = p_count.id),
    'counted', (select count(*) from public.count_lines l where l.count_id = p_count.id and l.status = 'counted'),
    'recount', (select count(*) from public.count_lines l where l.count_id = p_count.id and l.status = 'recount'),
    'by_counter', coalesce((select jsonb_agg(jsonb_build_object('member_id', x.counted_by, 'name', m.display_name, 'lines', x.n)
                                            order by m.display_name)
                            from (select l.counted_by, count(*) as n from public.count_lines l
                                  where l.count_id = p_count.id and l.counted_by is not null group by l.counted_by) x
                            left join public.members m on m.org_id = p_count.org_id and m.id = x.counted_by), '[]'),
    'transitions', coalesce((select jsonb_agg(jsonb_build_object('name', t.name, 'to', t.to_state, 'requires', t.requires))
                             from app.fsm_transitions(app.fsm_schema_of(p_count.type_definition_id), p_count.status) t), '[]'))
$$;
comment on function app.count_json(public.count_sessions) is
  'A count as the RPCs return it: the row, line progress (per counter) and the transitions open from its status. No quantities.';

-- ------------------------------------------------------------------ create and start
create function public.count_create(
  p_org_id uuid, p_client_id uuid, p_title text, p_scope public.count_scope, p_mode public.count_mode default 'blind',
  p_location_ids uuid[] default '{}', p_categories text[] default '{}', p_cycle_rule public.count_cycle_rule default null,
  p_cycle_class text default null, p_cycle_size integer default null, p_counter_ids uuid[] default '{}',
  p_offline_created boolean default false
) returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_me record;
  v public.count_sessions;
  v_bad uuid;
begin
  select * into v_me from app.require_member(p_org_id, 'supervisor', true);
  if p_client_id is null then
    perform app.raise('VALIDATION_FAILED', 'A client id is required', 'client_id');
  end if;
  select * into v from public.count_sessions s where s.org_id = p_org_id and s.client_id = p_client_id;
  if v.id is not null then
    return app.count_json(v) || jsonb_build_object('duplicate', true);
  end if;
  if p_scope is null then
    perform app.raise('VALIDATION_FAILED', 'Choose what to count', 'scope');
  end if;
  if length(btrim(coalesce(p_title, ''))) > 120 then
    perform app.raise('VALIDATION_FAILED', 'A title has at most 120 characters', 'title');
  end if;
  select x into v_bad from unnest(coalesce(p_location_ids, '{}')) x
    where not exists (select 1 from public.locations l where l.org_id = p_org_id and l.id = x) limit 1;
  if v_bad is not null then
    perform app.raise('LOCATION_NOT_FOUND', 'A chosen location is not in this workshop', 'location_ids', jsonb_build_object('location_id', v_bad));
  end if;
  if p_scope = 'locations' and cardinality(coalesce(p_location_ids, '{}')) = 0 then
    perform app.raise('VALIDATION_FAILED', 'Choose at least one location', 'location_ids');
  end if;
  if p_scope = 'categories' and cardinality(array_remove(coalesce(p_categories, '{}'), null)) = 0 then
    perform app.raise('VALIDATION_FAILED', 'Choose at least one category', 'categories');
  end if;
  if p_scope = 'cycle' then
    if p_cycle_rule is null then
      perform app.raise('VALIDATION_FAILED', 'Choose how the cycle count picks items', 'cycle_rule');
    end if;
    if p_cycle_size is null or p_cycle_size not between 1 and 5000 then
      perform app.raise('VALIDATION_FAILED', 'A cycle count picks 1 to 5000 items', 'cycle_size');
    end if;
    if p_cycle_rule = 'abc' and (p_cycle_class is null or p_cycle_class not in ('A', 'B', 'C')) then
      perform app.raise('VALIDATION_FAILED', 'Choose the ABC class to count', 'cycle_class');
    end if;
  end if;
  select x into v_bad from unnest(coalesce(p_counter_ids, '{}')) x
    where not exists (select 1 from public.members m where m.org_id = p_org_id and m.id = x) limit 1;
  if v_bad is not null then
    perform app.raise('VALIDATION_FAILED', 'A chosen counter is not a member of this workshop', 'counter_ids',
                      jsonb_build_object('member_id', v_bad));
  end if;
  insert into public.count_sessions (org_id, title, type_definition_id, type_version, status, scope, location_ids, categories,
                                     cycle_rule, cycle_class, cycle_size, mode, counter_ids, offline_created, client_id, created_by)
    values (p_org_id, coalesce(nullif(btrim(p_title), ''), 'Stock count'), app.count_type_id(), 1, null, p_scope,
            coalesce(p_location_ids, '{}'), case when p_scope = 'categories' then array_remove(p_categories, null) else '{}' end,
            case when p_scope = 'cycle' then p_cycle_rule end,
            case when p_scope = 'cycle' and p_cycle_rule = 'abc' then p_cycle_class end,
            case when p_scope = 'cycle' then p_cycle_size end,
            coalesce(p_mode, 'blind'), coalesce(p_counter_ids, '{}'), coalesce(p_offline_created, false), p_client_id, v_me.member_id)
    returning * into v;
  if nullif(btrim(p_title), '') is null then
    update public.count_sessions s set title = 'Count ' || s.count_number where s.id = v.id returning * into v;
  end if;
  perform app.count_broadcast(v.org_id, 'session_update', v.id);
  return app.count_json(v) || jsonb_build_object('duplicate', false);
end $$;
comment on function public.count_create(uuid, uuid, text, public.count_scope, public.count_mode, uuid[], text[],
  public.count_cycle_rule, text, integer, uuid[], boolean) is
  'Supervisors+: a draft count with its scope (locations | categories | cycle: N items by ABC class or longest since '
  'counted; location_ids filters the other scopes), mode and counters. Idempotent by p_client_id (offline-created).';

-- Freezes the snapshot: one line per item × location in scope, expected = on-hand now.
create function public.count_start(p_count_id uuid) returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
declare
  v public.count_sessions := app.count_for_update(p_count_id);
  v_n integer;
begin
  perform app.require_member(v.org_id, 'supervisor', true);
  perform app.fsm_require(v.type_definition_id, v.status, null, 'start');
  -- wait for movements in flight on these rows, then read on-hand as committed: a movement is either
  -- in the snapshot or (its trigger sees our lines) in movement_qty, never in both or neither
  perform 1 from public.stock_on_hand h join public.stock_items i on i.org_id = h.org_id and i.id = h.stock_item_id
  where h.org_id = v.org_id and i.is_active
    and (cardinality(v.location_ids) = 0 or h.location_id = any (v.location_ids))
    and (v.scope <> 'categories' or i.category = any (v.categories))
  for share of h;
  insert into public.count_lines (org_id, count_id, stock_item_id, location_id, expected_qty, unit_cost)
  select h.org_id, v.id, h.stock_item_id, h.location_id, h.quantity, i.unit_cost
  from public.stock_on_hand h
  join public.stock_items i on i.org_id = h.org_id and i.id = h.stock_item_id
  where h.org_id = v.org_id and i.is_active
    and (cardinality(v.location_ids) = 0 or h.location_id = any (v.location_ids))
    and (v.scope <> 'categories' or i.category = any (v.categories))
    and (v.scope <> 'cycle' or h.stock_item_id in (
      select c.id from public.stock_items c
      where c.org_id = v.org_id and c.is_active and (v.cycle_rule <> 'abc' or c.abc_class = v.cycle_class)
        and exists (select 1 from public.stock_on_hand h2 where h2.org_id = c.org_id and h2.stock_item_id = c.id
                    and (cardinality(v.location_ids) = 0 or h2.location_id = any (v.location_ids)))
      order by c.last_counted_at nulls first, c.code
      limit v.cycle_size));
  get diagnostics v_n = row_count;
  if v_n = 0 then
    perform app.raise('COUNT_EMPTY', 'Nothing to count: no item has stock history at the chosen locations', 'scope');
  end if;
  update public.count_sessions s set started_at = now(), snapshot_at = now() where s.id = v.id;
  v := app.count_move((select s from public.count_sessions s where s.id = v.id), 'start');
  return app.count_json(v);
end $$;
comment on function public.count_start(uuid) is
  'Supervisors+: draft → in_progress, freezing the snapshot (one line per item × location in scope, expected = on-hand). COUNT_EMPTY if none.';

-- ------------------------------------------------------------------ locks (the stock extension of item_locks)
create function app.count_lock_live(p_org_id uuid, p_item uuid, p_location uuid) returns public.item_locks
language sql stable security definer set search_path = '' as $$
  select l.* from public.item_locks l
  join public.count_sessions s on s.id = l.count_id and s.status = 'in_progress'
  where l.org_id = p_org_id and l.stock_item_id = p_item and l.stock_location_id = p_location and l.expires_at > now()
$$;
comment on function app.count_lock_live(uuid, uuid, uuid) is
  'The live lock on a stock item at a location (null: none, expired, or its count is no longer in progress).';

-- Takes or renews the caller's lock; ITEM_LOCKED naming the holder if another member holds it.
create function app.count_lock_take(p_count public.count_sessions, p_line public.count_lines, p_member_id uuid,
                                    p_minutes integer, p_device text) returns public.item_locks
language plpgsql volatile security definer set search_path = '' as $$
declare
  v public.item_locks;
begin
  insert into public.item_locks as l (org_id, stock_item_id, stock_location_id, count_id, locked_by, user_id, device_id,
                                      reason, locked_at, expires_at)
    values (p_count.org_id, p_line.stock_item_id, p_line.location_id, p_count.id, p_member_id, (select auth.uid()),
            p_device, 'manual', now(), now() + make_interval(mins => p_minutes))
  on conflict (org_id, stock_item_id, stock_location_id) do update
    set count_id = excluded.count_id, locked_by = excluded.locked_by, user_id = excluded.user_id, device_id = excluded.device_id,
        locked_at = excluded.locked_at, expires_at = excluded.expires_at
    -- the holder renews; an expired lock or one of a count no longer in progress is released
    where l.locked_by = excluded.locked_by or l.expires_at <= now()
       or not exists (select 1 from public.count_sessions s where s.id = l.count_id and s.status = 'in_progress')
  returning * into v;
  if v.id is null then
    perform app.item_lock_refuse(app.count_lock_live(p_count.org_id, p_line.stock_item_id, p_line.location_id));
  end if;
  return v;
end $$;
comment on function app.count_lock_take(public.count_sessions, public.count_lines, uuid, integer, text) is
  'Takes (or renews, for its holder) the lock on a count line''s item at its location; ITEM_LOCKED if another member holds it.';

create function app.count_lock_json(p_lock public.item_locks, p_member_id uuid) returns jsonb
language sql stable security definer set search_path = '' as $$
  select case when p_lock.id is null then null else app.item_lock_json(p_lock) || jsonb_build_object(
    'stock_item_id', p_lock.stock_item_id, 'location_id', p_lock.stock_location_id, 'count_id', p_lock.count_id,
    'mine', p_lock.locked_by = p_member_id) end
$$;
comment on function app.count_lock_json(public.item_locks, uuid) is 'A stock lock as the count RPCs return it (holder''s name, mine or not).';

-- the caller, a counter of this count: an assigned one, or any member when none are assigned, or supervisors+
create function app.count_counter(p_count public.count_sessions) returns uuid
language plpgsql stable security definer set search_path = '' as $$
declare
  v_me record;
begin
  select * into v_me from app.require_member(p_count.org_id, 'operator');
  if cardinality(p_count.counter_ids) > 0 and not v_me.member_id = any (p_count.counter_ids) and v_me.role < 'supervisor' then
    perform app.raise('FORBIDDEN', 'You are not one of this count''s counters', 'count_id');
  end if;
  return v_me.member_id;
end $$;
comment on function app.count_counter(public.count_sessions) is 'The caller''s member id if they may count in this count, else FORBIDDEN.';

create function public.item_lock_acquire_stock(p_count_id uuid, p_line_id uuid, p_minutes integer default 15) returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_count public.count_sessions;
  v_line public.count_lines;
  v_member uuid;
begin
  select * into v_count from public.count_sessions s where s.id = p_count_id;
  if v_count.id is null or not v_count.org_id = any (array(select app.my_org_ids())) then
    perform app.raise('NOT_FOUND', 'No such count in this workshop', 'count_id');
  end if;
  v_member := app.count_counter(v_count);
  if v_count.status <> 'in_progress' then
    perform app.raise('COUNT_NOT_OPEN', 'This count is not in progress', 'count_id', jsonb_build_object('status', v_count.status));
  end if;
  if p_minutes is null or p_minutes not between 1 and 15 then
    perform app.raise('VALIDATION_FAILED', 'A lock lasts 1 to 15 minutes', 'minutes');
  end if;
  select * into v_line from public.count_lines l where l.id = p_line_id and l.count_id = v_count.id;
  if v_line.id is null then
    perform app.raise('NOT_FOUND', 'No such line in this count', 'line_id');
  end if;
  return app.count_lock_json(app.count_lock_take(v_count, v_line, v_member, p_minutes, app.request_header('x-device-id')), v_member);
end $$;
comment on function public.item_lock_acquire_stock(uuid, uuid, integer) is
  'A counter locks a count line''s item at its location for 1–15 minutes (renewed by calling again); ITEM_LOCKED '
  'naming the holder if another counter has it. The stock extension of item_lock_acquire (CONTRACT-CHANGES.md).';

create function public.item_lock_release_stock(p_count_id uuid, p_line_id uuid) returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_count public.count_sessions;
  v_me record;
  v_n integer;
begin
  select * into v_count from public.count_sessions s where s.id = p_count_id;
  if v_count.id is null or not v_count.org_id = any (array(select app.my_org_ids())) then
    perform app.raise('NOT_FOUND', 'No such count in this workshop', 'count_id');
  end if;
  select * into v_me from app.require_member(v_count.org_id, 'operator');
  delete from public.item_locks k using public.count_lines l
  where l.id = p_line_id and l.count_id = v_count.id and k.org_id = l.org_id and k.stock_item_id = l.stock_item_id
    and k.stock_location_id = l.location_id and k.locked_by = v_me.member_id;
  get diagnostics v_n = row_count;
  return jsonb_build_object('released', v_n > 0, 'line_id', p_line_id);
end $$;
comment on function public.item_lock_release_stock(uuid, uuid) is 'Releases the caller''s lock on a count line''s item (released false: nothing held).';

-- ------------------------------------------------------------------ entries
create function app.count_line_json(p_line public.count_lines) returns jsonb
language sql stable security definer set search_path = '' as $$
  select jsonb_build_object('id', p_line.id, 'status', p_line.status, 'counted_qty', p_line.counted_qty,
    'counted_by', p_line.counted_by, 'counted_at', p_line.counted_at, 'recount_round', p_line.recount_round,
    'latest_entry_id', (select e.id from public.count_entries e where e.count_line_id = p_line.id and e.round = p_line.recount_round
                        order by e.received_at desc, e.id desc limit 1))
$$;
comment on function app.count_line_json(public.count_lines) is 'A line as a counter may see it: no expected quantity, no variance.';

create function public.count_record(
  p_client_id uuid, p_count_id uuid, p_line_id uuid, p_quantity numeric,
  p_method public.count_entry_method default 'keypad', p_entered_at timestamptz default null,
  p_seen_entry_id uuid default null, p_force boolean default false
) returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_count public.count_sessions;
  v_line public.count_lines;
  v_entry public.count_entries;
  v_latest public.count_entries;
  v_member uuid;
  v_at timestamptz;
  v_code text;
  v_device text := app.request_header('x-device-id');
  v_lock public.item_locks;
begin
  select * into v_count from public.count_sessions s where s.id = p_count_id;
  if v_count.id is null or not v_count.org_id = any (array(select app.my_org_ids())) then
    perform app.raise('NOT_FOUND', 'No such count in this workshop', 'count_id');
  end if;
  v_member := app.count_counter(v_count);
  if p_client_id is null then
    perform app.raise('VALIDATION_FAILED', 'A client id is required', 'client_id');
  end if;
  -- a second delivery of the same entry (the sync queue sends again when in doubt)
  select * into v_entry from public.count_entries e where e.org_id = v_count.org_id and e.client_id = p_client_id;
  if v_entry.id is not null then
    if v_entry.count_line_id <> p_line_id then
      perform app.raise('CLIENT_ID_REUSED', 'This client id was used for another line', 'client_id');
    end if;
    return jsonb_build_object('entry', to_jsonb(v_entry), 'duplicate', true,
      'line', app.count_line_json((select l from public.count_lines l where l.id = v_entry.count_line_id)));
  end if;
  -- posting and submitting lock the count: an entry either lands before them or finds the count closed
  -- (key share: entries do not block each other, nor their own conflict_items update)
  select * into v_count from public.count_sessions s where s.id = p_count_id for key share;
  if v_count.status <> 'in_progress' then
    perform app.raise('COUNT_NOT_OPEN', format('This count is %s: entries are closed', replace(v_count.status, '_', ' ')),
      'count_id', jsonb_build_object('status', v_count.status));
  end if;
  select * into v_line from public.count_lines l where l.id = p_line_id and l.count_id = v_count.id for update;
  if v_line.id is null then
    perform app.raise('NOT_FOUND', 'No such line in this count', 'line_id');
  end if;
  if p_quantity is null or p_quantity < 0 or p_quantity >= 100000000 or p_quantity <> round(p_quantity, 3) then
    perform app.raise('VALIDATION_FAILED', 'Enter the quantity counted: zero or more, at most 3 decimals', 'quantity');
  end if;
  if v_line.status = 'recount' and v_line.recount_excluded_member = v_member then
    perform app.raise('RECOUNT_SAME_COUNTER', 'You counted this line before: someone else does the recount', 'line_id');
  end if;
  -- another counter working on it now: refused, naming them (nothing written)
  v_lock := app.count_lock_live(v_count.org_id, v_line.stock_item_id, v_line.location_id);
  if v_lock.id is not null and v_lock.locked_by <> v_member then
    perform app.item_lock_refuse(v_lock);
  end if;
  -- another counter's entry the device had not seen (offline, or after a lock lapsed): a conflict,
  -- recorded on the count (spec 02 conflict_items) and answered as a value so that record commits
  select * into v_latest from public.count_entries e where e.count_line_id = v_line.id and e.round = v_line.recount_round
    order by e.received_at desc, e.id desc limit 1;
  select i.code into v_code from public.stock_items i where i.id = v_line.stock_item_id;
  if v_latest.id is not null and v_latest.member_id is distinct from v_member
     and v_latest.id is distinct from p_seen_entry_id and not coalesce(p_force, false) then
    update public.count_sessions s set sync_status = 'conflict',
      conflict_items = case when v_code = any (s.conflict_items) then s.conflict_items else s.conflict_items || v_code end
      where s.id = v_count.id;
    perform app.count_broadcast(v_count.org_id, 'item_update', v_count.id, v_line.id, v_member);
    return app.fail_value('CONFLICT',
      format('%s was counted by %s at %s UTC meanwhile: keep yours or take theirs', v_code,
             coalesce((select m.display_name from public.members m where m.org_id = v_count.org_id and m.id = v_latest.member_id), 'someone'),
             to_char(v_latest.entered_at at time zone 'UTC', 'HH24:MI')),
      'quantity', jsonb_build_object('line_id', v_line.id, 'item_code', v_code, 'entry_id', v_latest.id,
        'counted_qty', v_latest.quantity, 'counted_by', v_latest.member_id, 'counted_at', v_latest.entered_at));
  end if;

  v_lock := app.count_lock_take(v_count, v_line, v_member, 15, v_device);
  v_at := greatest(least(coalesce(p_entered_at, now()), now()), coalesce(v_count.started_at, now()));
  insert into public.count_entries (org_id, count_id, count_line_id, quantity, method, round, member_id, user_id, device_id,
                                    entered_at, forced, client_id)
    values (v_count.org_id, v_count.id, v_line.id, p_quantity, coalesce(p_method, 'keypad'), v_line.recount_round, v_member,
            (select auth.uid()), v_device, v_at, coalesce(p_force, false) and v_latest.id is not null, p_client_id)
    returning * into v_entry;
  -- expected at count = snapshot + movements up to the entry's time: those recorded after it (an
  -- offline entry synced late) are taken back out of movement_qty
  update public.count_lines l set counted_qty = p_quantity,
    movement_at_count = l.movement_qty - coalesce((select sum(g.quantity) from public.stock_ledger g
      where g.org_id = l.org_id and g.stock_item_id = l.stock_item_id and g.location_id = l.location_id
        and g.created_at > v_at and g.count_id is distinct from l.count_id), 0),
    status = 'counted', counted_by = v_member, counted_at = v_at, device_id = v_device, entry_count = l.entry_count + 1
  where l.id = v_line.id returning * into v_line;
  if v_code = any (v_count.conflict_items) then
    update public.count_sessions s set conflict_items = array_remove(s.conflict_items, v_code),
      sync_status = case when cardinality(array_remove(s.conflict_items, v_code)) = 0 then 'synced' else 'conflict' end::public.count_sync_status
      where s.id = v_count.id;
  end if;
  perform app.count_broadcast(v_count.org_id, 'item_update', v_count.id, v_line.id, v_member);
  return jsonb_build_object('entry', to_jsonb(v_entry), 'duplicate', false, 'line', app.count_line_json(v_line),
    'lock', app.count_lock_json(v_lock, v_member));
end $$;
comment on function public.count_record(uuid, uuid, uuid, numeric, public.count_entry_method, timestamptz, uuid, boolean) is
  'A counter enters the quantity counted on a line (scan/keypad/pick), with the device''s time; idempotent by '
  'p_client_id; takes/renews the line''s lock (ITEM_LOCKED if another counter holds it); RECOUNT_SAME_COUNTER on a '
  'recount by the first counter; CONFLICT (as a value, recorded in conflict_items) when another counter''s entry '
  'arrived that the device had not seen (p_seen_entry_id) unless p_force (keep mine). Returns {entry, line, lock, duplicate}.';

-- Take theirs: the device drops its entry; the conflict is resolved on the count.
create function public.count_resolve_conflict(p_count_id uuid, p_line_id uuid) returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
declare
  v public.count_sessions := app.count_for_update(p_count_id);
  v_code text;
begin
  perform app.count_counter(v);
  select i.code into v_code from public.count_lines l join public.stock_items i on i.id = l.stock_item_id
    where l.id = p_line_id and l.count_id = v.id;
  if v_code is null then
    perform app.raise('NOT_FOUND', 'No such line in this count', 'line_id');
  end if;
  if v.status in ('posted', 'voided', 'cancelled') or not v_code = any (v.conflict_items) then
    return app.count_json(v);
  end if;
  update public.count_sessions s set conflict_items = array_remove(s.conflict_items, v_code),
    sync_status = case when cardinality(array_remove(s.conflict_items, v_code)) = 0 then 'synced' else 'conflict' end::public.count_sync_status
    where s.id = v.id returning * into v;
  return app.count_json(v);
end $$;
comment on function public.count_resolve_conflict(uuid, uuid) is 'Take theirs: clears a line''s item from the count''s conflict_items (the other entry stands).';

-- ------------------------------------------------------------------ reading: the tablet and the review
create function public.count_sheet(p_count_id uuid) returns jsonb
language plpgsql stable security definer set search_path = '' as $$
declare
  v public.count_sessions;
  v_me record;
begin
  select * into v from public.count_sessions s where s.id = p_count_id;
  if v.id is null or not v.org_id = any (array(select app.my_org_ids())) then
    perform app.raise('NOT_FOUND', 'No such count in this workshop', 'count_id');
  end if;
  select * into v_me from app.require_member(v.org_id, 'operator');
  return jsonb_build_object('count', app.count_json(v), 'me', v_me.member_id,
    'lines', coalesce((select jsonb_agg(app.count_line_json(l) || jsonb_build_object(
        'stock_item_id', i.id, 'code', i.code, 'barcode', i.barcode, 'name', i.name, 'category', i.category, 'unit', i.unit,
        'location_id', l.location_id, 'location', loc.name,
        'counted_by_name', m.display_name, 'recount_excluded_member', l.recount_excluded_member,
        -- guided counts show what is expected; a blind one never sends it
        'expected_qty', case when v.mode = 'guided' then l.expected_qty + l.movement_qty end,
        'lock', (select app.count_lock_json(k, v_me.member_id) from public.item_locks k
                 where k.org_id = l.org_id and k.stock_item_id = l.stock_item_id and k.stock_location_id = l.location_id
                   and k.count_id = v.id and k.expires_at > now()))
      order by loc.name, i.code)
      from public.count_lines l
      join public.stock_items i on i.id = l.stock_item_id
      join public.locations loc on loc.id = l.location_id
      left join public.members m on m.org_id = l.org_id and m.id = l.counted_by
      where l.count_id = v.id), '[]'));
end $$;
comment on function public.count_sheet(uuid) is
  'The counting tablet''s sheet: the count and its lines (item, location, unit, status, who counted, lock holder); '
  'expected quantities only for guided counts. Members of the count''s organisation.';

create function public.count_review(p_count_id uuid) returns jsonb
language plpgsql stable security definer set search_path = '' as $$
declare
  v public.count_sessions;
begin
  select * into v from public.count_sessions s where s.id = p_count_id;
  if v.id is null or not v.org_id = any (array(select app.my_org_ids())) then
    perform app.raise('NOT_FOUND', 'No such count in this workshop', 'count_id');
  end if;
  perform app.require_member(v.org_id, 'supervisor', true);
  if v.mode = 'blind' and v.status in ('draft', 'in_progress') then
    perform app.raise('COUNT_BLIND', 'This is a blind count: expected quantities and variances show once it is in review',
      'count_id', jsonb_build_object('status', v.status));
  end if;
  return jsonb_build_object('count', app.count_json(v),
    'totals', (select jsonb_build_object('lines', count(*), 'with_variance', count(*) filter (where l.variance_qty <> 0),
                 'variance_value', coalesce(sum(l.variance_value), 0),
                 'shrinkage_value', coalesce(sum(l.variance_value) filter (where l.variance_value < 0), 0))
               from public.count_lines l where l.count_id = v.id),
    'lines', coalesce((select jsonb_agg(jsonb_build_object(
        'id', l.id, 'status', l.status, 'stock_item_id', i.id, 'code', i.code, 'name', i.name, 'category', i.category,
        'unit', i.unit, 'location_id', l.location_id, 'location', loc.name,
        'expected_qty', l.expected_qty, 'movement_qty', l.movement_qty, 'movement_at_count', l.movement_at_count,
        'expected_at_count', l.expected_qty + coalesce(l.movement_at_count, l.movement_qty),
        'counted_qty', l.counted_qty, 'variance_qty', l.variance_qty, 'variance_value', l.variance_value,
        'unit_cost', l.unit_cost, 'reason_code', l.reason_code, 'reason_note', l.reason_note,
        'counted_by', l.counted_by, 'counted_by_name', m.display_name, 'counted_at', l.counted_at,
        'entry_count', l.entry_count, 'recount_round', l.recount_round, 'recount_excluded_member', l.recount_excluded_member,
        'adjustment_id', l.adjustment_id)
      order by abs(coalesce(l.variance_value, 0)) desc, loc.name, i.code)
      from public.count_lines l
      join public.stock_items i on i.id = l.stock_item_id
      join public.locations loc on loc.id = l.location_id
      left join public.members m on m.org_id = l.org_id and m.id = l.counted_by
      where l.count_id = v.id), '[]'));
end $$;
comment on function public.count_review(uuid) is
  'Supervisors+: a count''s lines with expected (snapshot), movements since, counted, variance qty/value and reason. '
  'A blind count answers COUNT_BLIND until it is in review.';

-- ------------------------------------------------------------------ review: submit, recount, reopen, reasons
create function public.count_submit(p_count_id uuid) returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
declare
  v public.count_sessions := app.count_for_update(p_count_id);
  v_pending integer;
  v_recount integer;
begin
  perform app.require_member(v.org_id, 'supervisor', true);
  perform app.fsm_require(v.type_definition_id, v.status, null, 'submit');
  select count(*) filter (where l.status = 'pending'), count(*) filter (where l.status = 'recount')
    into v_pending, v_recount from public.count_lines l where l.count_id = v.id;
  if v_pending + v_recount > 0 then
    perform app.raise('COUNT_INCOMPLETE', format('%s line%s still to count%s', v_pending + v_recount,
      case when v_pending + v_recount = 1 then '' else 's' end,
      case when v_recount > 0 then format(' (%s recount%s)', v_recount, case when v_recount = 1 then '' else 's' end) else '' end),
      'count_id', jsonb_build_object('pending', v_pending, 'recount', v_recount));
  end if;
  if cardinality(v.conflict_items) > 0 then
    perform app.raise('COUNT_CONFLICTS', format('Resolve the conflicts first: %s', array_to_string(v.conflict_items, ', ')),
      'count_id', jsonb_build_object('conflict_items', v.conflict_items));
  end if;
  delete from public.item_locks k where k.count_id = v.id;
  update public.count_sessions s set submitted_at = now() where s.id = v.id returning * into v;
  return app.count_json(app.count_move(v, 'submit'));
end $$;
comment on function public.count_submit(uuid) is
  'Supervisors+: in_progress → review once every line is counted (COUNT_INCOMPLETE) and no conflict is open (COUNT_CONFLICTS); releases its locks.';

create function public.count_request_recount(p_count_id uuid, p_line_ids uuid[], p_reason text) returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
declare
  v public.count_sessions := app.count_for_update(p_count_id);
  v_me record;
  v_n integer;
begin
  select * into v_me from app.require_member(v.org_id, 'supervisor', true);
  perform app.fsm_require(v.type_definition_id, v.status, null, 'reopen');
  if cardinality(coalesce(p_line_ids, '{}')) = 0 then
    perform app.raise('VALIDATION_FAILED', 'Choose the lines to recount', 'line_ids');
  end if;
  if exists (select 1 from unnest(p_line_ids) x where not exists (select 1 from public.count_lines l where l.id = x and l.count_id = v.id)) then
    perform app.raise('NOT_FOUND', 'A chosen line is not in this count', 'line_ids');
  end if;
  v := app.count_move(v, 'reopen', p_reason);
  update public.count_lines l set status = 'recount', recount_round = l.recount_round + 1, recount_requested_at = now(),
    recount_requested_by = v_me.member_id, recount_reason = btrim(p_reason), recount_excluded_member = l.counted_by,
    counted_qty = null, movement_at_count = null, counted_by = null, counted_at = null
  where l.id = any (p_line_ids) and l.count_id = v.id;
  get diagnostics v_n = row_count;
  return app.count_json(v) || jsonb_build_object('recount_lines', v_n);
end $$;
comment on function public.count_request_recount(uuid, uuid[], text) is
  'Supervisors+: review → in_progress (reopen, with the reason) with the chosen lines to be recounted by someone other than their first counter.';

create function public.count_reopen(p_count_id uuid, p_reason text) returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
declare
  v public.count_sessions := app.count_for_update(p_count_id);
begin
  return app.count_json(app.count_move(v, 'reopen', p_reason));
end $$;
comment on function public.count_reopen(uuid, text) is 'Supervisors+: review → in_progress (with a reason); lines keep their counts and may be counted again.';

create function public.count_set_reason(p_count_id uuid, p_reason_code text, p_line_id uuid default null, p_note text default null)
returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
declare
  v public.count_sessions := app.count_for_update(p_count_id);
  v_n integer;
begin
  perform app.require_member(v.org_id, 'supervisor', true);
  if v.status <> 'review' then
    perform app.raise('COUNT_NOT_OPEN', 'Reasons are given while the count is in review', 'count_id', jsonb_build_object('status', v.status));
  end if;
  if p_reason_code is not null and not exists (select 1 from public.stock_reason_codes r
      where r.org_id = v.org_id and r.code = p_reason_code and r.is_active) then
    perform app.raise('VALIDATION_FAILED', 'Choose one of the workshop''s reasons', 'reason_code');
  end if;
  if length(p_note) > 500 then
    perform app.raise('VALIDATION_FAILED', 'Keep the note under 500 characters', 'note');
  end if;
  -- p_line_id null: every line with a variance and no reason yet ("the rest are miscounts")
  update public.count_lines l set reason_code = p_reason_code, reason_note = coalesce(nullif(btrim(p_note), ''), l.reason_note)
  where l.count_id = v.id
    and (l.id = p_line_id or (p_line_id is null and l.variance_qty <> 0 and l.reason_code is null));
  get diagnostics v_n = row_count;
  if p_line_id is not null and v_n = 0 then
    perform app.raise('NOT_FOUND', 'No such line in this count', 'line_id');
  end if;
  return jsonb_build_object('updated', v_n);
end $$;
comment on function public.count_set_reason(uuid, text, uuid, text) is
  'Supervisors+, in review: the reason for a line''s variance (p_line_id null: every variance line still without one).';

-- ------------------------------------------------------------------ post, cancel, void
create function public.count_post(p_count_id uuid) returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
declare
  v public.count_sessions := app.count_for_update(p_count_id);
  v_me record;
  v_missing uuid[];
  v_n integer;
  v_value numeric;
begin
  select * into v_me from app.require_member(v.org_id, 'supervisor', true);
  -- idempotent: a second post (a retry, a double click) answers with the first
  if v.status in ('posted', 'voided') and v.posted_at is not null then
    return app.count_json(v) || jsonb_build_object('duplicate', true);
  end if;
  perform app.fsm_require(v.type_definition_id, v.status, null, 'post');
  select array_agg(l.id) into v_missing from public.count_lines l
    where l.count_id = v.id and l.variance_qty <> 0 and l.reason_code is null;
  if v_missing is not null then
    perform app.raise('VALIDATION_FAILED', format('Give a reason for %s line%s with a variance', cardinality(v_missing),
      case when cardinality(v_missing) = 1 then '' else 's' end), 'reason_code',
      jsonb_build_object('line_ids', to_jsonb(v_missing), 'lines', cardinality(v_missing)));
  end if;
  -- one adjustment per non-zero variance, exactly the variance (movements after the count stay on top)
  insert into public.stock_ledger (org_id, stock_item_id, location_id, kind, quantity, unit_cost, reason_code, count_id,
                                   count_line_id, member_id, user_id)
  select l.org_id, l.stock_item_id, l.location_id, 'count', l.variance_qty, l.unit_cost, l.reason_code, v.id, l.id,
         v_me.member_id, (select auth.uid())
  from public.count_lines l where l.count_id = v.id and l.variance_qty <> 0;
  get diagnostics v_n = row_count;
  update public.count_lines l set adjustment_id = g.id
    from public.stock_ledger g where g.count_line_id = l.id and g.kind = 'count' and l.count_id = v.id;
  select coalesce(sum(g.value), 0) into v_value from public.stock_ledger g where g.count_id = v.id and g.kind = 'count';
  update public.stock_items i set last_counted_at = now()
    where i.org_id = v.org_id and i.id in (select l.stock_item_id from public.count_lines l where l.count_id = v.id);
  update public.count_sessions s set posted_at = now(), posted_by = v_me.member_id, adjustment_count = v_n, adjustment_value = v_value
    where s.id = v.id returning * into v;
  v := app.count_move(v, 'post');
  perform app.variance_analytics_for_count(v.id);
  return app.count_json(v) || jsonb_build_object('duplicate', false);
end $$;
comment on function public.count_post(uuid) is
  'Supervisors+: review → posted in one transaction: one ledger adjustment per non-zero variance (each needs a reason), '
  'items marked counted, variance analytics of its periods recomputed. Idempotent: posting again answers duplicate.';

create function public.count_cancel(p_count_id uuid, p_reason text) returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
declare
  v public.count_sessions := app.count_for_update(p_count_id);
begin
  perform app.fsm_require(v.type_definition_id, v.status, null, 'cancel');
  delete from public.item_locks k where k.count_id = v.id;
  update public.count_sessions s set cancelled_at = now(), closed_reason = btrim(p_reason) where s.id = v.id returning * into v;
  return app.count_json(app.count_move(v, 'cancel', p_reason));
end $$;
comment on function public.count_cancel(uuid, text) is 'Supervisors+, with a reason: a draft, in-progress or in-review count is cancelled (nothing was posted).';

create function public.count_void(p_count_id uuid, p_reason text) returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
declare
  v public.count_sessions := app.count_for_update(p_count_id);
  v_me record;
  v_n integer;
begin
  select * into v_me from app.require_member(v.org_id, 'manager', true);
  if v.status = 'voided' then
    return app.count_json(v) || jsonb_build_object('duplicate', true);
  end if;
  perform app.fsm_require(v.type_definition_id, v.status, null, 'void');
  perform app.fsm_check_requires(v.org_id, '{"reason": true}', p_reason);
  -- reverse each adjustment exactly (unique (count_line_id, kind) makes a second reversal impossible)
  insert into public.stock_ledger (org_id, stock_item_id, location_id, kind, quantity, unit_cost, reason_code, count_id,
                                   count_line_id, reverses_id, note, member_id, user_id)
  select g.org_id, g.stock_item_id, g.location_id, 'count_void', -g.quantity, g.unit_cost, g.reason_code, g.count_id,
         g.count_line_id, g.id, left('Void: ' || btrim(p_reason), 500), v_me.member_id, (select auth.uid())
  from public.stock_ledger g where g.count_id = v.id and g.kind = 'count';
  get diagnostics v_n = row_count;
  perform set_config('floorline.fsm_transition', 'void', true);
  perform set_config('floorline.fsm_reason', btrim(p_reason), true);
  update public.count_sessions s set status = 'voided', voided_at = now(), voided_by = v_me.member_id,
    closed_reason = btrim(p_reason) where s.id = v.id returning * into v;
  perform set_config('floorline.fsm_transition', '', true);
  perform set_config('floorline.fsm_reason', '', true);
  perform app.count_broadcast(v.org_id, 'session_update', v.id);
  perform app.variance_analytics_for_count(v.id);
  return app.count_json(v) || jsonb_build_object('duplicate', false, 'reversed', v_n);
end $$;
comment on function public.count_void(uuid, text) is
  'Managers+, with a reason: posted → voided, writing one reversing ledger row per adjustment; analytics recomputed '
  'without it. Idempotent.';

revoke execute on function app.count_type_id(), app.count_sessions_check(), app.count_lines_check(), app.count_entries_check(),
  app.stock_ledger_count_movements(), app.count_broadcast(uuid, text, uuid, uuid, uuid), app.count_for_update(uuid),
  app.count_move(public.count_sessions, text, text), app.count_json(public.count_sessions),
  app.count_lock_live(uuid, uuid, uuid), app.count_lock_take(public.count_sessions, public.count_lines, uuid, integer, text),
  app.count_lock_json(public.item_locks, uuid), app.count_counter(public.count_sessions), app.count_line_json(public.count_lines)
  from public, anon, authenticated;
revoke execute on function
  public.count_create(uuid, uuid, text, public.count_scope, public.count_mode, uuid[], text[], public.count_cycle_rule, text, integer, uuid[], boolean),
  public.count_start(uuid), public.item_lock_acquire_stock(uuid, uuid, integer), public.item_lock_release_stock(uuid, uuid),
  public.count_record(uuid, uuid, uuid, numeric, public.count_entry_method, timestamptz, uuid, boolean),
  public.count_resolve_conflict(uuid, uuid), public.count_sheet(uuid), public.count_review(uuid), public.count_submit(uuid),
  public.count_request_recount(uuid, uuid[], text), public.count_reopen(uuid, text), public.count_set_reason(uuid, text, uuid, text),
  public.count_post(uuid), public.count_cancel(uuid, text), public.count_void(uuid, text)
  from public, anon;
grant execute on function
  public.count_create(uuid, uuid, text, public.count_scope, public.count_mode, uuid[], text[], public.count_cycle_rule, text, integer, uuid[], boolean),
  public.count_start(uuid), public.item_lock_acquire_stock(uuid, uuid, integer), public.item_lock_release_stock(uuid, uuid),
  public.count_record(uuid, uuid, uuid, numeric, public.count_entry_method, timestamptz, uuid, boolean),
  public.count_resolve_conflict(uuid, uuid), public.count_sheet(uuid), public.count_review(uuid), public.count_submit(uuid),
  public.count_request_recount(uuid, uuid[], text), public.count_reopen(uuid, text), public.count_set_reason(uuid, text, uuid, text),
  public.count_post(uuid), public.count_cancel(uuid, text), public.count_void(uuid, text)
  to authenticated;
