-- Approver PIN: a brake per tablet and a throttle per approver badge, apart from PIN-in's lockout.
-- Design: docs/floor.md §3 (approval) and docs/security.md. Replaces app.floor_check_approver
-- (20261122003900), which shared members.failed_auth_attempts / locked_until with pin_in: five wrong
-- approver PINs from any operator locked a supervisor out of their own station PIN-in for 15 minutes,
-- and nothing stopped one tablet spraying a PIN across every badge (each unknown badge answered 403).
--
-- Every approval attempt is a row of floor_approval_attempts (never the PIN). Three limits read it:
--   tablet brake    20 failed attempts from one tablet in 5 minutes → PT429 STATION_THROTTLED until
--                   the window lets one through (pin_in's numbers). The tablet is the floor session's
--                   station (from the operator session); a session without a station (someone on their
--                   own device, signed in with their password) is braked per account, since the
--                   x-device-id header is the client's to choose. Throttled attempts count too, so a
--                   tablet that keeps hammering stays braked.
--   badge throttle  after 3 wrong PINs for one badge (since its last right PIN, within 24 hours) the
--                   badge waits 30 s, doubling with each further wrong PIN, at most 15 minutes →
--                   PT429 APPROVER_THROTTLED with retry_after_seconds. Keyed by the badge as typed, so
--                   an unknown badge is throttled exactly like a real one (no oracle for which exist).
--   no lockout      the approval path never reads or writes members.failed_auth_attempts/locked_until:
--                   wrong approver PINs cannot lock anyone off the floor, and PIN-in's lockout does
--                   not decide approvals (each path has its own limit).
-- Unknown badge, badge without a PIN and wrong PIN answer alike (403 APPROVAL_DENIED, "Approver
-- badge or PIN not recognised", one bcrypt each: the decoy hash for badges without one). The role
-- and self-approval checks answer before the PIN is judged (the PIN is still hashed, for timing), so
-- they never tell whether a PIN was right.
-- "Tell supervisors": supervisors+ read the organisation's attempts, an approver their own (RLS), and
-- floor_approval_alerts() sums them up for the floor view.

-- ------------------------------------------------------------------ attempts
create type public.floor_approval_reason as enum (
  'approved', 'denied_role', 'denied_self', 'unknown_badge', 'no_pin', 'wrong_pin',
  'station_throttled', 'approver_throttled'
);
comment on type public.floor_approval_reason is
  'How an approval attempt ended. unknown_badge, no_pin and wrong_pin are credential failures (the caller sees '
  'the same "not recognised"); the *_throttled ones were refused before the PIN was looked at.';

create table public.floor_approval_attempts (
  id bigint generated always as identity primary key,
  org_id uuid not null references public.organisations (id) on delete cascade,
  station_id uuid,
  device_id text check (length(device_id) <= 200),
  floor_session_id uuid,
  actor_member_id uuid,
  badge_code text not null check (length(badge_code) <= 64),
  approver_member_id uuid,
  approver_user_id uuid references auth.users (id) on delete set null,
  reason public.floor_approval_reason not null,
  attempted_at timestamptz not null default now(),
  foreign key (org_id, station_id) references public.stations (org_id, id) on delete set null (station_id),
  foreign key (org_id, floor_session_id) references public.floor_sessions (org_id, id)
    on delete set null (floor_session_id),
  foreign key (org_id, actor_member_id) references public.members (org_id, id) on delete set null (actor_member_id),
  foreign key (org_id, approver_member_id) references public.members (org_id, id)
    on delete set null (approver_member_id)
);
comment on table public.floor_approval_attempts is
  'Every approver badge + PIN attempt on the floor (never the PIN): the tablet brake, the badge throttle and the '
  'supervisors'' notice read it. Supervisors+ read their organisation''s rows, an approver the rows naming them.';
comment on column public.floor_approval_attempts.station_id is 'The station of the floor session (null: no tablet).';
comment on column public.floor_approval_attempts.device_id is 'The x-device-id of the request, as reported (not trusted).';
comment on column public.floor_approval_attempts.actor_member_id is 'Whose work was to be approved (who typed the PIN in).';
comment on column public.floor_approval_attempts.badge_code is 'The approver badge as entered (upper-cased), also when it matched nobody.';
comment on column public.floor_approval_attempts.approver_member_id is 'The member the badge named, if any.';
comment on column public.floor_approval_attempts.approver_user_id is 'That member''s account: lets the approver read the attempts against them.';

create index floor_approval_attempts_station_at_idx on public.floor_approval_attempts (org_id, station_id, attempted_at desc);
create index floor_approval_attempts_actor_at_idx on public.floor_approval_attempts (org_id, actor_member_id, attempted_at desc);
create index floor_approval_attempts_badge_at_idx on public.floor_approval_attempts (org_id, badge_code, attempted_at desc);
create index floor_approval_attempts_approver_idx on public.floor_approval_attempts (org_id, approver_member_id, attempted_at desc);
create index floor_approval_attempts_approver_user_idx on public.floor_approval_attempts (approver_user_id);
create index floor_approval_attempts_session_idx on public.floor_approval_attempts (org_id, floor_session_id);

alter table public.floor_approval_attempts enable row level security;
create policy floor_approval_attempts_select on public.floor_approval_attempts for select to authenticated
  using (org_id = any (array(select app.my_org_ids('supervisor'))) or approver_user_id = (select auth.uid()));
create policy floor_approval_attempts_insert on public.floor_approval_attempts for insert to authenticated
  with check (false); -- floor_complete_action / floor_update_action
create policy floor_approval_attempts_update on public.floor_approval_attempts for update to authenticated
  using (false);
create policy floor_approval_attempts_delete on public.floor_approval_attempts for delete to authenticated
  using (false);
revoke all on public.floor_approval_attempts from public, anon, authenticated, service_role;
grant select on public.floor_approval_attempts to authenticated, service_role;

-- ------------------------------------------------------------------ the limits
create function app.floor_approval_credential_failure(p_reason public.floor_approval_reason) returns boolean
language sql immutable set search_path = '' as $$
  select p_reason in ('unknown_badge', 'no_pin', 'wrong_pin')
$$;
comment on function app.floor_approval_credential_failure(public.floor_approval_reason) is
  'A wrong badge or PIN (what the badge throttle counts).';

-- The wait after n wrong PINs for one badge: none below 3, then 30 s doubling, at most 15 minutes.
create function app.floor_approval_backoff(p_failures integer) returns interval
language sql immutable set search_path = '' as $$
  select case when p_failures < 3 then interval '0'
              else make_interval(secs => least(900, 30 * power(2, least(p_failures - 3, 10)))) end
$$;
comment on function app.floor_approval_backoff(integer) is
  'Badge throttle: the wait after p_failures wrong approver PINs (0 below 3; 30 s, 60 s, 120 s … capped at 15 min).';

-- The tablet brake: failures from this tablet (station, else the acting member) in the last 5 minutes,
-- and until when it is braked (null: not braked).
create function app.floor_approval_tablet_state(p_org_id uuid, p_station_id uuid, p_actor_member uuid)
returns table (failures integer, throttled_until timestamptz)
language plpgsql stable security definer set search_path = '' as $$
begin
  return query
    with recent as (
      select a.attempted_at from public.floor_approval_attempts a
      where a.org_id = p_org_id and a.reason not in ('approved', 'denied_role', 'denied_self')
        and a.attempted_at > now() - interval '5 minutes'
        and case when p_station_id is not null then a.station_id = p_station_id
                 else a.station_id is null and a.actor_member_id = p_actor_member end
    )
    select (select count(*)::int from recent),
           -- the window lets one through when its 20th newest failure is 5 minutes old
           (select r.attempted_at + interval '5 minutes' from recent r order by r.attempted_at desc offset 19 limit 1);
end $$;
comment on function app.floor_approval_tablet_state(uuid, uuid, uuid) is
  'Tablet brake: failed approval attempts from a station (or, without one, by the acting member) in 5 minutes, '
  'and throttled_until when there are 20 or more.';

-- The badge throttle: wrong PINs for a badge since its last right one (within 24 hours), and until when it waits.
create function app.floor_approval_badge_state(p_org_id uuid, p_badge text)
returns table (failures integer, last_failed_at timestamptz, throttled_until timestamptz)
language plpgsql stable security definer set search_path = '' as $$
declare
  v_since timestamptz;
  v_failures integer;
  v_last timestamptz;
begin
  select max(a.attempted_at) into v_since from public.floor_approval_attempts a
    where a.org_id = p_org_id and a.badge_code = p_badge and a.reason in ('approved', 'denied_role', 'denied_self')
      and a.attempted_at > now() - interval '24 hours';
  select count(*)::int, max(a.attempted_at) into v_failures, v_last from public.floor_approval_attempts a
    where a.org_id = p_org_id and a.badge_code = p_badge and app.floor_approval_credential_failure(a.reason)
      and a.attempted_at > greatest(coalesce(v_since, '-infinity'), now() - interval '24 hours');
  return query select v_failures, v_last,
    case when v_failures >= 3 and v_last + app.floor_approval_backoff(v_failures) > now()
         then v_last + app.floor_approval_backoff(v_failures) end;
end $$;
comment on function app.floor_approval_badge_state(uuid, text) is
  'Badge throttle: wrong approver PINs for a badge since its last right PIN (24 hours at most), the last one, and '
  'throttled_until while the backoff runs.';

create function app.floor_throttled(p_code text, p_message text, p_until timestamptz) returns jsonb
language sql volatile set search_path = '' as $$
  select app.floor_fail(429, p_code, p_message, null,
                        jsonb_build_object('retry_after_seconds', greatest(1, ceil(extract(epoch from p_until - now())))::int))
$$;
comment on function app.floor_throttled(text, text, timestamptz) is
  'A PT429 failure value with retry_after_seconds (the API sends it as Retry-After).';

-- Checks an approver's badge and PIN for the action p_session is doing. Returns the approver, or a
-- failure value (throttled: the caller answers it without recording the action). Records the attempt.
create function app.floor_check_approval(
  p_session public.floor_sessions, p_badge text, p_pin text, p_min_role public.member_role, p_allow_self boolean
) returns table (approver_id uuid, failure jsonb, reason text, throttled boolean)
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_org uuid := p_session.org_id;
  v_badge text := left(app.normalise_badge(p_badge), 64);
  v_device text := coalesce(app.request_header('x-device-id'), p_session.device_id);
  v_member public.members;
  v_pin_ok boolean;
  v_until timestamptz;
  v_reason public.floor_approval_reason;
  v_denied jsonb;
  v_denied_reason text;
begin
  if v_badge is null or p_pin is null then
    perform app.floor_invalid('approver_pin', 'An approval needs the approver''s badge and PIN');
  end if;
  -- one approval at a time per tablet, then per badge (always in this order): the counts below hold
  perform pg_advisory_xact_lock(hashtextextended(
    'floorline.approval-tablet:' || coalesce(p_session.station_id::text, 'member:' || p_session.member_id::text), 0));
  perform pg_advisory_xact_lock(hashtextextended('floorline.approval-badge:' || v_org::text || ':' || v_badge, 0));

  select t.throttled_until into v_until
    from app.floor_approval_tablet_state(v_org, p_session.station_id, p_session.member_id) t;
  if v_until > now() then
    insert into public.floor_approval_attempts (org_id, station_id, device_id, floor_session_id, actor_member_id,
                                                badge_code, reason)
      values (v_org, p_session.station_id, v_device, p_session.id, p_session.member_id, v_badge, 'station_throttled');
    return query select null::uuid,
      app.floor_throttled('STATION_THROTTLED', 'Too many wrong approver PINs on this tablet: wait a few minutes', v_until),
      'Tablet throttled', true;
    return;
  end if;

  select b.throttled_until into v_until from app.floor_approval_badge_state(v_org, v_badge) b;
  if v_until > now() then
    select * into v_member from public.members m where m.org_id = v_org and m.badge_code = v_badge and m.is_active;
    insert into public.floor_approval_attempts (org_id, station_id, device_id, floor_session_id, actor_member_id,
                                                badge_code, approver_member_id, approver_user_id, reason)
      values (v_org, p_session.station_id, v_device, p_session.id, p_session.member_id, v_badge, v_member.id,
              v_member.user_id, 'approver_throttled');
    return query select null::uuid,
      app.floor_throttled('APPROVER_THROTTLED',
        format('Too many wrong PINs for this approver badge: try again in %s',
               app.describe_interval(make_interval(secs => greatest(1, ceil(extract(epoch from v_until - now())))))),
        v_until),
      'Approver throttled', true;
    return;
  end if;

  select * into v_member from public.members m where m.org_id = v_org and m.badge_code = v_badge and m.is_active;
  -- one bcrypt whatever the badge: a badge nobody has costs what a wrong PIN costs
  v_pin_ok := v_member.pin_hash is not null
              and extensions.crypt(p_pin, v_member.pin_hash) = v_member.pin_hash;
  if v_member.pin_hash is null then
    perform extensions.crypt(p_pin, app.decoy_pin_hash());
  end if;

  if v_member.id is not null and v_member.role < p_min_role then
    v_denied := app.floor_fail(403, 'APPROVAL_DENIED',
      format('%s cannot approve this: it needs a %s or above', v_member.display_name, p_min_role),
      jsonb_build_object('min_role', p_min_role));
    v_denied_reason := format('Approver below %s', p_min_role);
    v_reason := case when v_pin_ok then 'denied_role' when v_member.pin_hash is null then 'no_pin' else 'wrong_pin' end;
  elsif v_member.id is not null and v_member.id = p_session.member_id and not p_allow_self then
    v_denied := app.floor_fail(403, 'APPROVAL_DENIED', 'Someone else must approve your own work',
                               jsonb_build_object('allow_self', false));
    v_denied_reason := 'Self-approval not allowed';
    v_reason := case when v_pin_ok then 'denied_self' when v_member.pin_hash is null then 'no_pin' else 'wrong_pin' end;
  elsif v_pin_ok then
    v_reason := 'approved';
  else
    v_reason := case when v_member.id is null then 'unknown_badge' when v_member.pin_hash is null then 'no_pin'
                     else 'wrong_pin' end;
    v_denied := app.floor_fail(403, 'APPROVAL_DENIED', 'Approver badge or PIN not recognised');
    v_denied_reason := 'Approver badge or PIN not recognised';
  end if;

  insert into public.floor_approval_attempts (org_id, station_id, device_id, floor_session_id, actor_member_id,
                                              badge_code, approver_member_id, approver_user_id, reason)
    values (v_org, p_session.station_id, v_device, p_session.id, p_session.member_id, v_badge, v_member.id,
            v_member.user_id, v_reason);
  if v_reason = 'approved' then
    return query select v_member.id, null::jsonb, null::text, false;
    return;
  end if;
  return query select null::uuid, v_denied, v_denied_reason, false;
end $$;
comment on function app.floor_check_approval(public.floor_sessions, text, text, public.member_role, boolean) is
  'Verifies an approver''s badge + PIN for an action of p_session (bcrypt, decoy hash for unknown badges) and role; '
  'records the attempt; returns the approver or a failure value: PT403 APPROVAL_DENIED, PT429 STATION_THROTTLED / '
  'APPROVER_THROTTLED (throttled = true, retry_after_seconds). Never touches the PIN-in lockout; never stores the PIN.';

-- ------------------------------------------------------------------ actions use it
-- As in 20261122004000, but the approval goes through app.floor_check_approval (with the session: its
-- tablet) and a throttled approval returns at once.
-- Does the work of floor_complete_action / floor_update_action (p_existing: the pending draft).
create or replace function app.floor_perform_action(
  p_session public.floor_sessions, p_existing uuid, p_item_any uuid, p_key text,
  p_status public.floor_action_status, p_data jsonb, p_duration_ms integer, p_approver_badge text,
  p_approver_pin text, p_completed_at timestamptz, p_client_id uuid
) returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
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
    perform app.floor_invalid('data', 'data must be an object');
  end if;
  if p_duration_ms is not null and p_duration_ms not between 0 and 86400000 then
    perform app.floor_invalid('duration_ms', 'duration_ms is between 0 and 86400000');
  end if;
  select * into v_item from app.floor_require_item(p_session.org_id, p_item_any);
  select * into c from app.floor_item_context(v_item.kind, v_item.ref_id);
  if c.stage is null or c.is_complete then
    perform app.floor_raise('PT422', 'ACTION_NOT_AVAILABLE',
      format('%s is not on the floor (%s): there is nothing to do', c.number, c.status),
      jsonb_build_object('status', c.status));
  end if;
  v_def := app.floor_definition_for(c.workflow_id, c.stage, c.kind, p_key, c.number);

  if p_existing is not null then
    select * into v_existing from public.floor_actions a where a.id = p_existing for update;
    if v_existing.item_id <> v_item.item_id or v_existing.action_key <> v_def.action_key or v_existing.stage <> c.stage
       or v_existing.created_at < c.stage_entered_at then
      perform app.floor_raise('PT422', 'ACTION_NOT_AVAILABLE',
        format('%s has moved on since this action was started: start it again', c.number));
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
    perform app.floor_raise('PT422', 'ACTION_REQUIRED', format('"%s" is required: it cannot be skipped', v_def.label),
                            jsonb_build_object('action_key', v_def.action_key));
  end if;
  if v_status = 'failed' and nullif(btrim(v_data ->> 'notes'), '') is null then
    perform app.floor_invalid('data.notes', 'Say what failed');
  end if;

  if v_status = 'completed' then
    select k.passed, k.error_code, k.message, k.errors, k.warnings, k.photos, k.notes, k.measurements, k.checklist
      into v_passed, v_error_code, v_message, v_errors, v_warnings, v_photos, v_notes, v_measurements, v_checklist
      from app.floor_check_action_data(v_def, v_data, c.model_ids, p_session.org_id) k;
    v_validation := jsonb_build_object('passed', v_passed, 'errors', v_errors, 'warnings', v_warnings);
    if not v_passed then
      v_status := 'failed';
      v_failure := app.floor_fail(422, v_error_code, v_message,
                                  jsonb_build_object('errors', v_errors, 'action_key', v_def.action_key));
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
    insert into public.floor_actions (org_id, session_id, member_id, user_id, item_id, batch_id, workflow_id, stage,
                                      stage_action_id, action_type, action_key, label, required, data, photos, notes,
                                      measurements, checklist, status, completed_at, duration_ms, validation_result,
                                      approved_by, client_id)
      values (p_session.org_id, p_session.id, p_session.member_id, p_session.user_id, v_item.item_id, c.batch_id,
              c.workflow_id, c.stage, v_def.id, v_def.action_type, v_def.action_key, v_def.label, v_def.required, v_data,
              coalesce(v_photos, '[]'::jsonb), coalesce(v_notes, nullif(btrim(v_data ->> 'notes'), '')),
              coalesce(v_measurements, '[]'::jsonb), coalesce(v_checklist, '[]'::jsonb), v_status, v_done_at,
              v_duration, v_validation, v_approver, p_client_id)
      returning id into v_action_id;
  end if;

  update public.floor_sessions s
    set actions_completed = s.actions_completed + case when v_status = 'completed' then 1 else 0 end,
        last_activity_at = now(), current_item_id = v_item.item_id, current_stage = c.stage,
        current_workflow_id = c.workflow_id
    where s.id = p_session.id;

  if v_failure is not null then
    return v_failure || jsonb_build_object('action', app.floor_action_json(v_action_id),
                                           'item', app.floor_item_card(v_item.kind, v_item.ref_id));
  end if;
  return jsonb_build_object('action', app.floor_action_json(v_action_id),
                            'item', app.floor_item_card(v_item.kind, v_item.ref_id));
end $$;
comment on function app.floor_perform_action(public.floor_sessions, uuid, uuid, text, public.floor_action_status, jsonb,
  integer, text, text, timestamptz, uuid) is
  'Records one action attempt for the item''s current stage (see 20261122004000); returns {action, item} or a failure '
  'value with them. A throttled approval (PT429) records no action and comes back alone.';

drop function app.floor_check_approver(uuid, text, text, public.member_role, uuid, boolean);

-- A 429 is "come back later", not the answer to the request: it is not stored for replay, so the retry
-- with the same client id (after Retry-After) really runs. Otherwise as in 20261122003500.
create or replace function app.floor_replay_store(p_client_id uuid, p_rpc text, p_org_id uuid, p_body jsonb) returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_status text := nullif(current_setting('response.status', true), '');
begin
  if v_status = '429' then
    return p_body || '{"replayed": false}'::jsonb;
  end if;
  return app.replay_store(p_client_id, p_rpc, p_org_id,
                          p_body || case when v_status is not null then jsonb_build_object('_status', v_status::int)
                                         else '{}'::jsonb end) - '_status';
end $$;
comment on function app.floor_replay_store(uuid, text, uuid, jsonb) is
  'Stores the first answer for a client id (with the HTTP status of a failure value; a 429 is not stored); returns '
  'it (replayed: false).';

-- Text Postgres cannot store (U+0000 in text/jsonb: 22P05 / 22021) is the request's fault: 400, like other 22xxx.
create or replace function app.floor_http_status(p_sqlstate text) returns integer
language sql immutable set search_path = '' as $$
  select case when p_sqlstate ~ '^PT[0-9]{3}$' then substr(p_sqlstate, 3)::int
              when p_sqlstate in ('22023', '22P02', '22007', '22008', '22003', '22001', '23514', '23502', '42804',
                                  '22P05', '22021') then 400
              when p_sqlstate = '42501' then 403
              when p_sqlstate in ('23505', '23503') then 409
              when p_sqlstate in ('55P03', '57014') then 408
              else 500 end
$$;
comment on function app.floor_http_status(text) is
  'HTTP status for a SQLSTATE as PostgREST answers it (PTxyz → xyz; text Postgres cannot store → 400), plus '
  'lock/statement timeouts → 408.';

-- ------------------------------------------------------------------ telling supervisors
-- Sums up the rows the caller may read: the same predicate as the select policy (supervisors+: the
-- organisation's; anyone else: the attempts naming them), so the notice shows nothing RLS would hide.
create function app.floor_approval_visible(p_org_id uuid, p_approver_user_id uuid) returns boolean
language sql stable security definer set search_path = '' as $$
  select app.is_service_role() or p_org_id = any (array(select app.my_org_ids('supervisor')))
      or p_approver_user_id = (select auth.uid())
$$;
comment on function app.floor_approval_visible(uuid, uuid) is
  'Whether the caller may see an approval attempt (mirrors the floor_approval_attempts_select policy).';

create function public.floor_approval_alerts(p_org_id uuid, p_hours integer default 24) returns jsonb
language plpgsql stable security definer set search_path = '' as $$
declare
  v_since timestamptz := now() - make_interval(hours => least(greatest(coalesce(p_hours, 24), 1), 168));
begin
  if (select auth.uid()) is null and not app.is_service_role() then
    perform app.floor_raise('PT401', 'NOT_SIGNED_IN', 'Sign in first');
  end if;
  return jsonb_build_object(
    'since', v_since,
    'approvers', coalesce((
      select jsonb_agg(jsonb_build_object(
               'member_id', x.approver_member_id, 'display_name', m.display_name, 'badge_code', x.badge_code,
               'failures', x.failures, 'throttled', x.throttled, 'last_failed_at', x.last_failed_at,
               'throttled_until', b.throttled_until, 'stations', x.stations)
             order by x.last_failed_at desc)
      from (
        select a.approver_member_id, a.badge_code,
               count(*) filter (where app.floor_approval_credential_failure(a.reason))::int as failures,
               count(*) filter (where a.reason = 'approver_throttled')::int as throttled,
               max(a.attempted_at) as last_failed_at,
               coalesce(jsonb_agg(distinct s.name) filter (where s.name is not null), '[]'::jsonb) as stations
        from public.floor_approval_attempts a
        left join public.stations s on s.id = a.station_id
        where a.org_id = p_org_id and a.approver_member_id is not null and a.attempted_at > v_since
          and app.floor_approval_visible(a.org_id, a.approver_user_id)
          and (app.floor_approval_credential_failure(a.reason) or a.reason = 'approver_throttled')
        group by a.approver_member_id, a.badge_code
      ) x
      left join public.members m on m.id = x.approver_member_id
      cross join lateral app.floor_approval_badge_state(p_org_id, x.badge_code) b), '[]'::jsonb),
    'tablets', coalesce((
      select jsonb_agg(jsonb_build_object(
               'station_id', x.station_id, 'station_name', s.name, 'failures', x.failures,
               'unknown_badges', x.unknown_badges, 'braked', x.braked, 'last_failed_at', x.last_failed_at)
             order by x.last_failed_at desc)
      from (
        select a.station_id,
               count(*) filter (where app.floor_approval_credential_failure(a.reason))::int as failures,
               count(distinct a.badge_code) filter (where a.reason = 'unknown_badge')::int as unknown_badges,
               count(*) filter (where a.reason = 'station_throttled')::int as braked,
               max(a.attempted_at) as last_failed_at
        from public.floor_approval_attempts a
        where a.org_id = p_org_id and a.station_id is not null and a.attempted_at > v_since
          and app.floor_approval_visible(a.org_id, a.approver_user_id)
          and a.reason not in ('approved', 'denied_role', 'denied_self')
        group by a.station_id
        having count(*) filter (where a.reason in ('unknown_badge', 'station_throttled')) > 0
      ) x
      left join public.stations s on s.id = x.station_id), '[]'::jsonb));
end $$;
comment on function public.floor_approval_alerts(uuid, integer) is
  'Failed approver-PIN attempts in the last p_hours (default 24, at most 168), as the caller may read them (RLS: '
  'supervisors+ the organisation''s, an approver their own): {since, approvers: [{member_id, display_name, '
  'badge_code, failures, throttled, last_failed_at, throttled_until, stations}], tablets: [{station_id, '
  'station_name, failures, unknown_badges, braked, last_failed_at}] (tablets that tried unknown badges or were '
  'braked)}. Errors: PT401.';

revoke execute on all functions in schema app from public;
revoke execute on function public.floor_approval_alerts(uuid, integer) from public, anon, authenticated, service_role;
grant execute on function public.floor_approval_alerts(uuid, integer) to authenticated, service_role;
