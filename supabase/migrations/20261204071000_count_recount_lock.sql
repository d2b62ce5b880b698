-- Stock counts (issue 16): a line waiting for a recount is not locked by the counter who may not recount it.
-- Found by the count tablet's Playwright run: the first counter opened the recount line on their tablet,
-- which took its lock (item_lock_acquire_stock did not look at the recount rule), and the second counter's
-- recount then waited as ITEM_LOCKED for up to 15 minutes. count_record already refuses the entry
-- (RECOUNT_SAME_COUNTER); taking the lock is refused the same way now, so the line stays free for someone else.
create or replace function public.item_lock_acquire_stock(p_count_id uuid, p_line_id uuid, p_minutes integer default 15) returns jsonb
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
  if v_line.status = 'recount' and v_line.recount_excluded_member = v_member then
    perform app.raise('RECOUNT_SAME_COUNTER', 'You counted this line before: someone else does the recount', 'line_id');
  end if;
  return app.count_lock_json(app.count_lock_take(v_count, v_line, v_member, p_minutes, app.request_header('x-device-id')), v_member);
end $$;
comment on function public.item_lock_acquire_stock(uuid, uuid, integer) is
  'A counter locks a count line''s item at its location for 1–15 minutes (renewed by calling again); ITEM_LOCKED '
  'naming the holder if another counter has it; RECOUNT_SAME_COUNTER on a line to recount by its first counter. '
  'The stock extension of item_lock_acquire (CONTRACT-CHANGES.md).';
