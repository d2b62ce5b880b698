-- Floor sessions record the Auth identity that works in them: after PIN-in that is the member's
-- floor identity, not the person's own account (20261203000100_floor_identities.sql). Scans and
-- actions copy the session's user_id, and the floor RPCs and policies compare it with auth.uid(),
-- so setting it here, in one trigger, keeps every floor path on the identity that is acting.
-- A session resumed or taken over on another device moves to whoever resumed it (same member).

create function app.floor_session_acting_identity() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  v_uid uuid := (select auth.uid());
begin
  if v_uid is not null
     and (tg_op = 'INSERT' or new.device_id is distinct from old.device_id)
     and exists (select 1 from public.members m
                 where m.id = new.member_id and v_uid in (m.user_id, m.floor_user_id)) then
    new.user_id := v_uid;
  end if;
  return new;
end $$;
comment on function app.floor_session_acting_identity() is
  'Trigger: floor_sessions.user_id is the Auth identity acting for the member (its floor identity after PIN-in).';

create trigger floor_sessions_acting_identity
  before insert or update of device_id on public.floor_sessions
  for each row execute function app.floor_session_acting_identity();

comment on column public.floor_sessions.user_id is
  'The Auth identity working in this session: the member''s floor identity after a station PIN-in, or the '
  'person''s own account (supervisors+ on their own device). Set by trigger.';

revoke execute on all functions in schema app from public;
