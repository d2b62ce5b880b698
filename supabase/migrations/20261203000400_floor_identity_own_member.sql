-- "My own" member row, for a floor identity too: an operator on a station tablet changes their own
-- PIN (proving the current one) and prints their own badge label, as they did when the tablet held
-- their own account (20261203000100_floor_identities.sql). Bodies as before but for that check.

create or replace function public.set_member_pin(p_member_id uuid, p_pin text, p_current_pin text default null) returns jsonb
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
    if (select auth.uid()) is null or (select auth.uid()) not in (v_target.user_id, coalesce(v_target.floor_user_id, v_target.user_id))
       or not v_target.is_active then
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

create or replace function public.label_code(p_kind text, p_id uuid) returns text
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_kind text := lower(btrim(coalesce(p_kind, '')));
  v_org uuid;
  v_row jsonb;
begin
  if v_kind = 'member' then
    v_kind := 'user';
  end if;
  if v_kind not in ('item', 'batch', 'order', 'location', 'action', 'user') then
    perform app.floor_invalid('kind', 'kind is item, batch, order, location, action or user');
  end if;
  v_org := case v_kind
    when 'location' then (select l.org_id from public.locations l where l.id = p_id)
    when 'action' then (select d.org_id from public.floor_stage_actions d where d.id = p_id)
    when 'user' then (select m.org_id from public.members m where m.id = p_id)
    else coalesce((select fi.org_id from public.floor_items fi where fi.id = p_id),
                  (select b.org_id from public.batches b where b.id = p_id),
                  (select o.org_id from public.orders o where o.id = p_id)) end;
  if v_org is null then
    perform app.floor_raise('PT404', case v_kind when 'location' then 'LOCATION_NOT_FOUND' when 'action' then 'ACTION_NOT_FOUND'
                                              when 'user' then 'USER_NOT_FOUND' else 'ITEM_NOT_FOUND' end,
                            'Nothing to label with that id');
  end if;
  if v_kind = 'user' and not exists (select 1 from public.members m where m.id = p_id and (select auth.uid()) in (m.user_id, m.floor_user_id)) then
    perform app.floor_reader(v_org, 'supervisor');
  else
    perform app.floor_reader(v_org, 'operator');
  end if;
  if v_kind = 'item' then
    v_kind := (select r.kind::text from app.floor_resolve_item(v_org, p_id, false) r);
    p_id := (select r.ref_id from app.floor_resolve_item(v_org, p_id, false) r);
  end if;
  v_row := app.floor_label_row(v_org, v_kind, p_id, true);
  if v_row is null then
    perform app.floor_raise('PT404', 'ITEM_NOT_FOUND', format('That id is not a %s', v_kind));
  end if;
  return v_row ->> 'label';
end $$;

revoke execute on all functions in schema app from public;
