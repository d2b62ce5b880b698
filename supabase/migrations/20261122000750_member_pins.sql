-- PINs: the lockout rule shared by station PIN-in and PIN changes, and set_member_pin.
-- Admins+ reset anyone's PIN below owner (owners for owners); a person changes their own with the
-- current PIN, and wrong guesses count towards the same lockout as at the station.

-- Five consecutive wrong PINs lock the member for fifteen minutes; once a lock has run out the
-- count starts again. Returns the lock end (null while not locked).
create function app.record_pin_failure(p_member_id uuid) returns timestamptz
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_member public.members;
  v_count integer;
  v_locked timestamptz;
begin
  select * into v_member from public.members m where m.id = p_member_id for update;
  v_count := case when v_member.locked_until <= now() then 0 else v_member.failed_auth_attempts end + 1;
  v_locked := case when v_count >= 5 then now() + interval '15 minutes'
                   when v_member.locked_until <= now() then null
                   else v_member.locked_until end;
  update public.members m
    set failed_auth_attempts = v_count, last_failed_auth_at = now(), locked_until = v_locked
    where m.id = p_member_id;
  return v_locked;
end $$;
comment on function app.record_pin_failure(uuid) is
  'Counts a wrong PIN; the 5th in a row locks the member for 15 minutes. Returns locked_until.';

create function app.lockout_error(p_locked_until timestamptz) returns jsonb
language sql volatile set search_path = '' as $$
  select app.fail(
    423, 'PT423',
    format('Too many wrong PINs: try again in %s minutes',
           greatest(1, ceil(extract(epoch from p_locked_until - now()) / 60))::int),
    'locked',
    jsonb_build_object('retry_after_seconds', greatest(1, ceil(extract(epoch from p_locked_until - now())))::int))
$$;
comment on function app.lockout_error(timestamptz) is 'The PT423 answer with minutes left and retry_after_seconds.';

create function public.set_member_pin(p_member_id uuid, p_pin text, p_current_pin text default null) returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_target public.members := app.member_for_update(p_member_id);
  v_admin boolean;
  v_locked timestamptz;
begin
  if p_pin is null or p_pin !~ '^[0-9]{4,6}$' then
    perform app.invalid('pin', 'A PIN is 4 to 6 digits');
  end if;
  v_admin := app.is_service_role() or exists (
    select 1 from app.my_memberships() m
    where m.org_id = v_target.org_id and m.role >= 'admin' and (v_target.role < 'owner' or m.role = 'owner'));
  if not v_admin then
    if v_target.user_id is distinct from (select auth.uid()) or not v_target.is_active then
      raise exception using errcode = 'PT403', message = 'Not allowed: only admins set other people''s PINs';
    end if;
    -- changing your own PIN proves the old one, and wrong guesses count towards the lockout
    if v_target.pin_hash is not null then
      if v_target.locked_until > now() then
        return app.lockout_error(v_target.locked_until);
      end if;
      if p_current_pin is null or extensions.crypt(p_current_pin, v_target.pin_hash) <> v_target.pin_hash then
        v_locked := app.record_pin_failure(p_member_id);
        if v_locked > now() then
          return app.lockout_error(v_locked);
        end if;
        return app.fail(401, 'PT401', 'Current PIN not recognised', 'current_pin');
      end if;
    end if;
  end if;
  update public.members m
    set pin_hash = extensions.crypt(p_pin, extensions.gen_salt('bf', 10)), pin_changed_at = now(),
        failed_auth_attempts = 0, locked_until = null
    where m.id = p_member_id;
  return jsonb_build_object('member_id', p_member_id, 'pin_changed_at', now());
end $$;
comment on function public.set_member_pin(uuid, text, text) is
  'Sets a member''s PIN (4–6 digits, stored as bcrypt) and clears any lockout. Admins+ for anyone below '
  'owner (owners for owners), or the member themself with p_current_pin when a PIN is set. Returns '
  '{member_id, pin_changed_at}. Errors: 22023 (details: pin), PT403, PT404; as values with the HTTP '
  'status set: PT401 current PIN wrong (counts towards the lockout), PT423 locked.';

-- ------------------------------------------------------------------ grants
revoke execute on all functions in schema app from public;
revoke execute on function public.set_member_pin(uuid, text, text) from public, anon, authenticated, service_role;
grant execute on function public.set_member_pin(uuid, text, text) to authenticated, service_role;
