-- Idle floor sessions end on their own, on a schedule too (issue 10). 20261204013320 ended them when
-- the floor view reads; now that the stack schedules jobs as hosted Supabase does (pg_cron, or its
-- emulation: docs/scheduler.md), a job ends them every minute, so a workshop whose floor view nobody
-- opens does not keep them either. Same rule (app.floor_end_stale_sessions): idle PIN-ins end as
-- idle_timeout with their floor sessions, idle floor sessions without a live PIN-in end back-dated.
do $$
begin
  if not exists (select 1 from pg_namespace where nspname = 'cron') then
    create extension if not exists pg_cron;
  end if;
end $$;

create function app.floor_end_stale_sessions_everywhere() returns integer
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_org uuid;
  v_count integer := 0;
begin
  for v_org in
    select distinct s.org_id from public.floor_sessions s where s.ended_at is null
    union
    select distinct os.org_id from public.operator_sessions os where os.ended_at is null
  loop
    v_count := v_count + app.floor_end_stale_sessions(v_org);
  end loop;
  return v_count;
end $$;
comment on function app.floor_end_stale_sessions_everywhere() is
  'The scheduled job floor-idle-sessions: app.floor_end_stale_sessions for every organisation with open sessions; '
  'returns how many floor sessions it ended.';
revoke execute on function app.floor_end_stale_sessions_everywhere() from public;

-- scheduling a name that exists replaces the job
select cron.schedule('floor-idle-sessions', '* * * * *', $$ select app.floor_end_stale_sessions_everywhere() $$);
