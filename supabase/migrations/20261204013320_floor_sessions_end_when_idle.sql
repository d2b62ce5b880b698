-- Idle floor sessions end on their own (issue 10: sessions opened by visiting /scan on a desktop sat on
-- the floor view as "No location · Away/Idle" forever and inflated "N working now").
--
-- A floor session ended only by PIN-out, a takeover, the member starting again, or
-- floor_end_idle_sessions() — a job nothing schedules on the local stack. A supervisor's session from
-- their own device has no PIN-in, so nothing ended it. Now the reads that list sessions end the stale
-- ones of their organisation first, so the floor view never counts them (a scheduled job may still call
-- floor_end_idle_sessions()):
--
--   * a PIN-in (operator_sessions) idle past the organisation's timeout ends as idle_timeout (what RLS
--     already assumed: an idle PIN-in acts for nobody); its floor session ends with it (the PIN-out trigger);
--   * a floor session idle past the timeout with no live PIN-in (a staff session from a desktop, or one
--     whose PIN-in ended as "replaced" and was never resumed) ends as idle_timeout, back-dated to when it
--     went idle (app.floor_end_session_row).
--
-- A PINed-in operator whose tablet keeps the PIN-in alive (the keepalive) but has not scanned for a while
-- stays listed, flagged idle: they are at the station.

create function app.floor_end_stale_sessions(p_org_id uuid) returns integer
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_timeout interval := app.floor_idle_timeout(p_org_id);
  v_id uuid;
  v_count integer := 0;
begin
  for v_id in
    select os.id from public.operator_sessions os
    where os.org_id = p_org_id and os.ended_at is null and os.last_seen_at + v_timeout < now()
    for update skip locked
  loop
    perform app.end_operator_session(v_id, 'idle_timeout');
  end loop;
  for v_id in
    select s.id from public.floor_sessions s
    left join public.operator_sessions os on os.id = s.operator_session_id
    where s.org_id = p_org_id and s.ended_at is null and s.last_activity_at + v_timeout < now()
      and (os.id is null or os.ended_at is not null)
    for update of s skip locked
  loop
    perform app.floor_end_session_row(v_id, 'idle_timeout');
    v_count := v_count + 1;
  end loop;
  return v_count;
end $$;
comment on function app.floor_end_stale_sessions(uuid) is
  'Ends the organisation''s idle PIN-ins (idle_timeout; their floor sessions follow) and floor sessions idle past '
  'the timeout without a live PIN-in (idle_timeout, back-dated). Called by the reads that list sessions.';

-- Same answer as before, minus the stale sessions (ended first): volatile now, since it may end them.
create or replace function public.floor_live_sessions(p_org_id uuid) returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_timeout interval;
begin
  perform app.require_member(p_org_id, 'supervisor', true);
  perform app.floor_end_stale_sessions(p_org_id);
  v_timeout := app.floor_idle_timeout(p_org_id);
  return coalesce((
    select jsonb_agg(app.floor_session_json(s.id) || jsonb_build_object(
             'idle', s.last_activity_at + v_timeout < now(),
             'pinned_in', os.id is not null and os.ended_at is null,
             'current_item', case when fi.id is not null then jsonb_build_object(
               'id', fi.id, 'kind', fi.kind, 'number', coalesce(b.batch_number, o.order_number)) end)
           order by l.name nulls last, m.display_name)
    from public.floor_sessions s
    join public.members m on m.id = s.member_id
    left join public.locations l on l.id = s.location_id
    left join public.operator_sessions os on os.id = s.operator_session_id
    left join public.floor_items fi on fi.id = s.current_item_id
    left join public.batches b on b.id = fi.batch_id
    left join public.orders o on o.id = fi.order_id
    where s.org_id = p_org_id and s.ended_at is null), '[]'::jsonb);
end $$;
comment on function public.floor_live_sessions(uuid) is
  'Who is working where, on what (/[org]/floor): active sessions with location, current item, counters, idle '
  'and pinned_in flags. Ends the organisation''s stale sessions first (app.floor_end_stale_sessions), so none '
  'idle past the timeout without a live PIN-in is listed. Supervisors+. Errors: NOT_SIGNED_IN, FORBIDDEN.';

revoke execute on function app.floor_end_stale_sessions(uuid) from public;
