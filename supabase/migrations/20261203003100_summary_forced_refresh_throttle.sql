-- refresh_production_summary(p_force): a member's forced refresh is throttled globally.
--
-- The summary views are global (one REFRESH covers every organisation), so "manager of some
-- organisation" — anyone can create one — was enough to keep the database refreshing both views
-- back to back. Now:
--  * forcing still needs manager+ in at least one organisation (SQL, pg_cron and the service role
--    are trusted and never throttled: the seed, benches and background jobs);
--  * a member's forced refresh runs at most once per 30 s across all organisations
--    (app.production_summary_state.forced_at, checked under the refresh lock, so two managers
--    pressing at once cannot both pass);
--  * inside that window the force is dropped and the call is an ordinary one: it still refreshes
--    when data changed and the 5 s debounce allows, and otherwise answers
--    {status: 'throttled', refreshed_at, retry_after_seconds} (seconds until a force is allowed).
-- An unforced call costs what it did: at most one refresh per 5 s, and only after a change.

alter table app.production_summary_state add column forced_at timestamptz;
comment on column app.production_summary_state.forced_at is
  'When a member (not SQL/service role) last forced a refresh; forcing again waits 30 s.';

create or replace function public.refresh_production_summary(p_force boolean default false) returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_debounce constant interval := interval '5 seconds';
  v_max_age constant interval := interval '15 minutes';
  v_force_every constant interval := interval '30 seconds';
  v_state app.production_summary_state;
  v_change bigint;
  v_started timestamptz;
  v_role text := (select auth.role());
  v_member boolean := v_role is not null and v_role <> 'service_role';
  v_force boolean := coalesce(p_force, false);
  v_throttled_until timestamptz;
begin
  -- SQL and pg_cron (no JWT) and the service role may always; members need supervisor+, force manager+
  if v_member then
    if not exists (select 1 from app.my_memberships() m
                   where m.role >= case when v_force then 'manager' else 'supervisor' end::public.member_role) then
      raise exception using errcode = 'PT403',
        message = 'Refreshing the production summary needs a supervisor (forcing it, a manager) or above';
    end if;
  end if;
  if not pg_try_advisory_xact_lock(hashtextextended('floorline.production_summary', 0)) then
    return jsonb_build_object('status', 'busy');
  end if;
  select * into v_state from app.production_summary_state;
  select c.last_value into v_change from app.production_changes c;
  -- a member's force at most once per 30 s (clock time: the lock holder's transaction may be old)
  if v_force and v_member and v_state.forced_at > clock_timestamp() - v_force_every then
    v_force := false;
    v_throttled_until := v_state.forced_at + v_force_every;
  end if;
  if not v_force then
    if (v_change = v_state.refreshed_change and v_state.refreshed_at > now() - v_max_age)
       or v_state.refreshed_at > now() - v_debounce then
      if v_throttled_until is not null then
        return jsonb_build_object('status', 'throttled', 'refreshed_at', v_state.refreshed_at,
          'retry_after_seconds', greatest(1, ceil(extract(epoch from v_throttled_until - clock_timestamp())))::integer);
      end if;
      if v_change = v_state.refreshed_change and v_state.refreshed_at > now() - v_max_age then
        return jsonb_build_object('status', 'fresh', 'refreshed_at', v_state.refreshed_at);
      end if;
      return jsonb_build_object('status', 'debounced', 'refreshed_at', v_state.refreshed_at,
        'retry_after_seconds', ceil(extract(epoch from v_state.refreshed_at + v_debounce - now()))::integer);
    end if;
  end if;
  v_started := clock_timestamp();
  refresh materialized view concurrently app.production_summary;
  refresh materialized view concurrently app.production_throughput;
  update app.production_summary_state
    set refreshed_at = v_started, refreshed_change = v_change,
        duration_ms = round(extract(epoch from clock_timestamp() - v_started) * 1000, 1),
        forced_at = case when v_force and v_member then v_started else forced_at end;
  return jsonb_build_object('status', 'refreshed', 'refreshed_at', v_started,
                            'duration_ms', round(extract(epoch from clock_timestamp() - v_started) * 1000, 1));
end $$;
comment on function public.refresh_production_summary(boolean) is
  'Refreshes the production summary views concurrently if production data changed (or they are over 15 min '
  'old) and the last refresh is over 5 s ago; p_force skips both checks (managers+; a member''s force at most '
  'once per 30 s across all organisations — inside that window the call counts as unforced, and answers '
  '`throttled` when that would not refresh). Never waits for another refresh. Returns {status: '
  'refreshed|fresh|debounced|throttled|busy, refreshed_at, duration_ms?, retry_after_seconds?}. Supervisors+, '
  'service role, SQL/pg_cron (never throttled). Errors: PT403.';

revoke execute on function public.refresh_production_summary(boolean) from public, anon, authenticated, service_role;
grant execute on function public.refresh_production_summary(boolean) to authenticated, service_role;
