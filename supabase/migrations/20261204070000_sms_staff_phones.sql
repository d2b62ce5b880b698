-- A phone on a staff account (issue 13): SMS password reset (/forgot-password, otp_request's
-- RESET_PASSWORD) matches auth.users.phone, which nothing in the app could set. Now a member puts
-- their own number on their account from Preferences, proved by a code texted to it: the existing
-- VERIFY_PHONE purpose and rules (6 digits, hashed, 10 minutes, 3 tries, 3 codes per number and 15
-- minutes, 10 per IP), with the signed-in person's user id as the subject.
--
--   * app.otp_subject: VERIFY_PHONE names the customer given or, failing that, the active member of
--     the organisation whose user id was given. A number already on another account is refused
--     (VALIDATION_FAILED under phone): a signed-in member may learn that, nobody else asks.
--   * otp_request: the text carries a customer id only when the subject is a customer.
--   * otp_verify gains p_subject_id: given, only that subject's codes count (the member who asked is
--     the member who confirms). A verified member code writes auth.users.phone (digits, as Supabase
--     Auth keeps it) and phone_confirmed_at; a customer code stores the consent as before.
--   * remove_my_phone(): the signed-in person takes their number off their account.
--
-- No admin writes another person's phone: an account can belong to several workshops, and an admin
-- of one who set the number could then reset the password of an owner of another.

create or replace function app.otp_subject(p_org_id uuid, p_phone text, p_purpose public.otp_purpose, p_subject_id uuid)
returns uuid
language plpgsql stable security definer set search_path = '' as $$
declare
  v_id uuid;
begin
  if p_purpose <> 'VERIFY_PHONE' then
    select u.id into v_id from auth.users u
      join public.members m on m.user_id = u.id and m.org_id = p_org_id and m.is_active
      where u.phone = ltrim(p_phone, '+') limit 1;
    return v_id;
  end if;
  select c.id into v_id from public.customers c where c.org_id = p_org_id and c.id = p_subject_id;
  if v_id is not null then
    return v_id;
  end if;
  select m.user_id into v_id from public.members m
    where m.org_id = p_org_id and m.user_id = p_subject_id and m.is_active limit 1;
  if v_id is not null and exists (select 1 from auth.users u where u.phone = ltrim(p_phone, '+') and u.id <> v_id) then
    perform app.raise('VALIDATION_FAILED', 'That number is already on another account', 'phone');
  end if;
  return v_id;
end $$;
comment on function app.otp_subject(uuid, text, public.otp_purpose, uuid) is
  'LOGIN/RESET_PASSWORD: the auth user with that phone who is an active member; VERIFY_PHONE: the customer given, '
  'else the active member whose user id was given (VALIDATION_FAILED when the number is on another account).';

create or replace function public.otp_request(
  p_org_id uuid, p_phone text, p_purpose public.otp_purpose, p_ip inet default null, p_user_agent text default null,
  p_subject_id uuid default null
) returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_phone text := btrim(p_phone);
  v_oldest timestamptz;
  v_id uuid := gen_random_uuid();
  v_code text := app.otp_new_code();
  v_subject uuid;
  v_message public.sms_messages;
  v_workshop text;
begin
  if v_phone is null or v_phone !~ '^\+[1-9][0-9]{6,14}$' then
    perform app.raise('VALIDATION_FAILED', 'Give the number in international form, e.g. +639171234567', 'phone');
  end if;
  -- one answer for every number: a workshop without SMS says so to everyone
  if not coalesce((select s.enabled from public.sms_settings s where s.org_id = p_org_id), false)
     or cardinality(app.sms_providers_for(p_org_id)) = 0 then
    perform app.raise('SMS_NOT_CONFIGURED', 'Codes by text are not available for this workshop');
  end if;
  select min(o.created_at) into v_oldest from (
    select c.created_at from public.otp_codes c
    where c.org_id = p_org_id and c.phone = v_phone and c.purpose = p_purpose
      and c.created_at > now() - interval '15 minutes'
    order by c.created_at desc limit 3) o
  having count(*) >= 3;
  if v_oldest is not null then
    perform app.raise('RATE_LIMITED', 'Too many codes for this number; wait a few minutes', 'phone',
      jsonb_build_object('retry_after_seconds',
        greatest(1, ceil(extract(epoch from v_oldest + interval '15 minutes' - now())))::integer));
  end if;
  if p_ip is not null then
    select min(o.created_at) into v_oldest from (
      select c.created_at from public.otp_codes c
      where c.ip_address = p_ip and c.created_at > now() - interval '15 minutes'
      order by c.created_at desc limit 10) o
    having count(*) >= 10;
    if v_oldest is not null then
      perform app.raise('RATE_LIMITED', 'Too many codes asked from this address; wait a few minutes', null,
        jsonb_build_object('retry_after_seconds',
          greatest(1, ceil(extract(epoch from v_oldest + interval '15 minutes' - now())))::integer));
    end if;
  end if;
  v_subject := app.otp_subject(p_org_id, v_phone, p_purpose, p_subject_id);
  if v_subject is not null then
    select o.name into v_workshop from public.organisations o where o.id = p_org_id;
    v_message := app.sms_enqueue(p_org_id, v_phone,
      format('%s: your code is {otp}. It expires in 10 minutes. Never share it.', left(v_workshop, 40)),
      'otp', null, null,
      case when p_purpose = 'VERIFY_PHONE'
           and exists (select 1 from public.customers c where c.org_id = p_org_id and c.id = v_subject) then v_subject end,
      null, null, v_code);
  end if;
  insert into public.otp_codes (id, org_id, phone, purpose, code_hash, subject_id, message_id, ip_address,
                                user_agent, expires_at)
    values (v_id, p_org_id, v_phone, p_purpose, app.otp_hash(v_id, v_code), v_subject, v_message.id, p_ip,
            left(p_user_agent, 500), now() + interval '10 minutes');
  -- message_id is for the route (to send it at once), never for the client: it tells known from unknown
  return jsonb_build_object('sent', true, 'expires_in_seconds', 600, 'message_id', v_message.id);
end $$;
drop function public.otp_verify(uuid, text, public.otp_purpose, text, inet);
create function public.otp_verify(
  p_org_id uuid, p_phone text, p_purpose public.otp_purpose, p_code text, p_ip inet default null,
  p_subject_id uuid default null
) returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_otp public.otp_codes;
  v_ok boolean;
begin
  select * into v_otp from public.otp_codes c
    where c.org_id = p_org_id and c.phone = btrim(p_phone) and c.purpose = p_purpose
      and (p_subject_id is null or c.subject_id = p_subject_id)
      and c.verified_at is null and c.dead_at is null and c.expires_at > now()
    order by c.created_at desc limit 1
    for update;
  if v_otp.id is null then
    return app.fail_value('OTP_INVALID', 'That code is wrong or has expired; ask for a new one', 'code');
  end if;
  v_ok := coalesce(btrim(p_code) ~ '^[0-9]{6}$', false) and app.otp_hash(v_otp.id, btrim(p_code)) = v_otp.code_hash
          and v_otp.subject_id is not null;
  update public.otp_codes c set attempts = c.attempts + 1,
    verified_at = case when v_ok then now() end,
    dead_at = case when not v_ok and c.attempts + 1 >= c.max_attempts then now() end
    where c.id = v_otp.id returning * into v_otp;
  if not v_ok then
    return app.fail_value('OTP_INVALID', 'That code is wrong or has expired; ask for a new one', 'code',
      jsonb_build_object('attempts_left', greatest(v_otp.max_attempts - v_otp.attempts, 0)));
  end if;
  if p_purpose = 'VERIFY_PHONE' then
    if exists (select 1 from public.customers c where c.org_id = p_org_id and c.id = v_otp.subject_id) then
      insert into public.sms_customer_consents as c (org_id, customer_id, phone, phone_verified_at)
        values (p_org_id, v_otp.subject_id, v_otp.phone, now())
        on conflict (org_id, customer_id) do update set phone = excluded.phone, phone_verified_at = now();
    else
      begin
        update auth.users u set phone = ltrim(v_otp.phone, '+'), phone_confirmed_at = now(), updated_at = now()
          where u.id = v_otp.subject_id;
      exception when unique_violation then
        perform app.raise('VALIDATION_FAILED', 'That number is already on another account', 'phone');
      end;
    end if;
  end if;
  return jsonb_build_object('verified', true, 'purpose', v_otp.purpose, 'phone', v_otp.phone,
                            'subject_id', v_otp.subject_id, 'otp_id', v_otp.id);
end $$;
comment on function public.otp_verify(uuid, text, public.otp_purpose, text, inet, uuid) is
  'Service role only: checks a code against the newest live one for (phone, purpose[, subject]). Every try counts '
  'and commits; the 3rd wrong try kills it; a right one is used up (single use). Wrong, expired, used, dead or '
  'unknown: OTP_INVALID (attempts_left). VERIFY_PHONE stamps the customer''s verified number, or puts the number on '
  'the member''s account (auth.users.phone, confirmed). Returns {verified, purpose, phone, subject_id, otp_id}.';

create function public.remove_my_phone() returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
begin
  if (select auth.uid()) is null then
    perform app.raise('NOT_SIGNED_IN', 'Sign in first');
  end if;
  update auth.users u set phone = null, phone_confirmed_at = null, updated_at = now() where u.id = (select auth.uid());
  return jsonb_build_object('phone', null);
end $$;
comment on function public.remove_my_phone() is
  'The signed-in person takes the phone number off their account (no more password reset by text).';

revoke execute on function app.otp_subject(uuid, text, public.otp_purpose, uuid) from public;
revoke execute on function public.otp_verify(uuid, text, public.otp_purpose, text, inet, uuid),
  public.remove_my_phone() from public, anon, authenticated, service_role;
grant execute on function public.otp_verify(uuid, text, public.otp_purpose, text, inet, uuid) to service_role;
grant execute on function public.remove_my_phone() to authenticated;
