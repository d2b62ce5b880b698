-- Stock counts (issue 16): counting stock found with no prior record. A counter finds an item where the
-- count has no line for it (it never had stock history at that location, so the snapshot made none) and
-- adds the line from the tablet: count_add_line. The line's snapshot is on-hand at the moment it is
-- added — normally 0, there being no record — and movements after that count as "movements since", as
-- for every other line. The tablet chooses the line's id (p_client_id), so a line added offline is
-- created with that id when it syncs and the quantity queued behind it names it; a second delivery
-- returns the same line (duplicate). Only inside the count's scope: its locations when it has some, its
-- categories for a category count, an item it already counts for a cycle count.
alter table public.count_lines
  add column added_by uuid,
  add column added_at timestamptz,
  add constraint count_lines_added_by_fkey foreign key (org_id, added_by) references public.members (org_id, id)
    on delete set null (added_by),
  add constraint count_lines_added check ((added_by is null or added_at is not null));
comment on column public.count_lines.added_by is 'A line added during the count (stock found with no line): who added it (count_add_line).';
comment on column public.count_lines.added_at is 'When the line was added during the count (its snapshot is on-hand at that moment); null: from the start.';
create index count_lines_added_by_idx on public.count_lines (org_id, added_by);
grant select (added_by, added_at) on public.count_lines to authenticated;

create or replace function app.count_line_json(p_line public.count_lines) returns jsonb
language sql stable security definer set search_path = '' as $$
  select jsonb_build_object('id', p_line.id, 'status', p_line.status, 'counted_qty', p_line.counted_qty,
    'counted_by', p_line.counted_by, 'counted_at', p_line.counted_at, 'recount_round', p_line.recount_round,
    'added_at', p_line.added_at,
    'latest_entry_id', (select e.id from public.count_entries e where e.count_line_id = p_line.id and e.round = p_line.recount_round
                        order by e.received_at desc, e.id desc limit 1))
$$;
comment on function app.count_line_json(public.count_lines) is
  'A line as a counter may see it: no expected quantity, no variance (added_at: added during the count).';

create function public.count_add_line(p_client_id uuid, p_count_id uuid, p_stock_item_id uuid, p_location_id uuid)
returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_count public.count_sessions;
  v_line public.count_lines;
  v_item public.stock_items;
  v_member uuid;
begin
  select * into v_count from public.count_sessions s where s.id = p_count_id;
  if v_count.id is null or not v_count.org_id = any (array(select app.my_org_ids())) then
    perform app.raise('NOT_FOUND', 'No such count in this workshop', 'count_id');
  end if;
  v_member := app.count_counter(v_count);
  if p_client_id is null then
    perform app.raise('VALIDATION_FAILED', 'A client id is required', 'client_id');
  end if;
  -- a second delivery (the sync queue sends again when in doubt)
  select * into v_line from public.count_lines l where l.id = p_client_id;
  if v_line.id is not null then
    if v_line.count_id <> v_count.id or v_line.stock_item_id <> p_stock_item_id or v_line.location_id <> p_location_id then
      perform app.raise('CLIENT_ID_REUSED', 'This client id was used for another line', 'client_id');
    end if;
    return jsonb_build_object('line', app.count_line_json(v_line), 'duplicate', true);
  end if;
  -- submitting and posting lock the count: a line is either added before them or finds the count closed
  select * into v_count from public.count_sessions s where s.id = p_count_id for key share;
  if v_count.status <> 'in_progress' then
    perform app.raise('COUNT_NOT_OPEN', format('This count is %s: entries are closed', replace(v_count.status, '_', ' ')),
      'count_id', jsonb_build_object('status', v_count.status));
  end if;
  select * into v_item from public.stock_items i where i.org_id = v_count.org_id and i.id = p_stock_item_id and i.is_active;
  if v_item.id is null then
    perform app.raise('NOT_FOUND', 'No such item in this workshop', 'stock_item_id');
  end if;
  if not exists (select 1 from public.locations loc where loc.org_id = v_count.org_id and loc.id = p_location_id) then
    perform app.raise('LOCATION_NOT_FOUND', 'No such location in this workshop', 'location_id');
  end if;
  if cardinality(v_count.location_ids) > 0 and not p_location_id = any (v_count.location_ids) then
    perform app.raise('VALIDATION_FAILED', 'This count does not cover that location', 'location_id');
  end if;
  if v_count.scope = 'categories' and not v_item.category = any (v_count.categories) then
    perform app.raise('VALIDATION_FAILED', format('This count does not cover %s (%s)', v_item.code, v_item.category),
      'stock_item_id');
  end if;
  if v_count.scope = 'cycle' and not exists (select 1 from public.count_lines l
                                             where l.count_id = v_count.id and l.stock_item_id = v_item.id) then
    perform app.raise('VALIDATION_FAILED', format('This cycle count does not count %s', v_item.code), 'stock_item_id');
  end if;
  select * into v_line from public.count_lines l
    where l.count_id = v_count.id and l.stock_item_id = v_item.id and l.location_id = p_location_id;
  if v_line.id is not null then
    perform app.raise('VALIDATION_FAILED', format('%s is already on this count there: open its line', v_item.code),
      'stock_item_id', jsonb_build_object('line_id', v_line.id));
  end if;
  -- the line's snapshot: on-hand now (waiting for a movement in flight, as count_start does), normally none
  insert into public.count_lines (id, org_id, count_id, stock_item_id, location_id, expected_qty, unit_cost, added_by, added_at)
    values (p_client_id, v_count.org_id, v_count.id, v_item.id, p_location_id,
            coalesce((select h.quantity from public.stock_on_hand h
                      where h.org_id = v_count.org_id and h.stock_item_id = v_item.id and h.location_id = p_location_id
                      for share), 0),
            v_item.unit_cost, v_member, now())
    returning * into v_line;
  perform app.count_broadcast(v_count.org_id, 'item_update', v_count.id, v_line.id, v_member);
  return jsonb_build_object('line', app.count_line_json(v_line) || jsonb_build_object(
      'stock_item_id', v_item.id, 'code', v_item.code, 'location_id', p_location_id), 'duplicate', false);
end $$;
comment on function public.count_add_line(uuid, uuid, uuid, uuid) is
  'A counter adds a line for stock found with no line (item × location without stock history) to a count in progress: '
  'id = p_client_id (idempotent; offline-created lines keep the tablet''s id), snapshot = on-hand now (normally 0), '
  'within the count''s scope (VALIDATION_FAILED on location_id / stock_item_id), not twice for one item × location.';
revoke execute on function public.count_add_line(uuid, uuid, uuid, uuid) from public, anon;
grant execute on function public.count_add_line(uuid, uuid, uuid, uuid) to authenticated;

-- the review names lines added during the count and who added them
create or replace function public.count_review(p_count_id uuid) returns jsonb
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
        'adjustment_id', l.adjustment_id, 'added_at', l.added_at, 'added_by_name', ab.display_name)
      order by abs(coalesce(l.variance_value, 0)) desc, loc.name, i.code)
      from public.count_lines l
      join public.stock_items i on i.id = l.stock_item_id
      join public.locations loc on loc.id = l.location_id
      left join public.members m on m.org_id = l.org_id and m.id = l.counted_by
      left join public.members ab on ab.org_id = l.org_id and ab.id = l.added_by
      where l.count_id = v.id), '[]'));
end $$;
comment on function public.count_review(uuid) is
  'Supervisors+: a count''s lines with expected (snapshot), movements since, counted, variance qty/value and reason '
  '(and who added a line during the count). A blind count answers COUNT_BLIND until it is in review.';
