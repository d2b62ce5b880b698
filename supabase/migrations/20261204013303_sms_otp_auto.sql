-- One-time codes over SMS (OWASP ASVS V6) and automatic texts on order status changes.
--
-- OTP. otp_request (service role: the route passes the client's IP and user agent, which only the
-- server can vouch for) makes 6 digits from pg_strong_random (gen_random_bytes, rejection sampling:
-- no modulo bias), stores SHA-256(id:code) only, and queues the text — but only when the number is
-- known for the purpose (a member's account phone for LOGIN/RESET_PASSWORD, the customer for
-- VERIFY_PHONE). Unknown numbers get a row too (the limits count it) and the same answer; nothing is
-- sent. Limits: 3 codes per phone and purpose per 15 minutes, 10 per IP per 15 minutes, each answered
-- RATE_LIMITED with retry_after_seconds. otp_verify takes the newest live code for the phone and
-- purpose: each try counts (it commits: a failure value), the third wrong one kills the code, a right
-- one is used up; wrong, expired, used, dead and unknown all answer the same OTP_INVALID.
--
-- Automatic texts. After an order is created or changes status, if the organisation texts that
-- status (sms_settings.auto_statuses, off by default), has an active template for it
-- (sms_templates.order_status), and the customer opted in with a number that did not say STOP, one
-- text is queued in the same transaction — the order change and its text commit together. A
-- TRACKING_LINK in the template gets a fresh tracking token (label 'SMS': only hashes are kept, so an
-- earlier link cannot be re-read). A text that cannot be queued never blocks the order change.

-- ------------------------------------------------------------------ codes
create function app.otp_new_code() returns text
language plpgsql volatile security definer set search_path = '' as $$
declare
  v bigint;
begin
  loop
    v := ('x' || encode(extensions.gen_random_bytes(4), 'hex'))::bit(32)::bigint;
    -- 4294000000 is the largest multiple of 10^6 below 2^32: every 6-digit code equally likely
    exit when v < 4294000000;
  end loop;
  return lpad((v % 1000000)::text, 6, '0');
end $$;
comment on function app.otp_new_code() is '6 uniformly random digits from pg_strong_random (no modulo bias).';

create function app.otp_hash(p_id uuid, p_code text) returns text
language sql immutable set search_path = '' as $$
  select encode(sha256(convert_to(p_id::text || ':' || coalesce(p_code, ''), 'UTF8')), 'hex')
$$;
comment on function app.otp_hash(uuid, text) is 'SHA-256 of <otp id>:<code> (the row id salts it).';

-- Whom a number belongs to for a purpose, or null (unknown: same answer, nothing sent).
create function app.otp_subject(p_org_id uuid, p_phone text, p_purpose public.otp_purpose, p_subject_id uuid)
returns uuid
language sql stable security definer set search_path = '' as $$
  select case
    when p_purpose = 'VERIFY_PHONE' then
      (select c.id from public.customers c where c.org_id = p_org_id and c.id = p_subject_id)
    else
      (select u.id from auth.users u
       join public.members m on m.user_id = u.id and m.org_id = p_org_id and m.is_active
       where u.phone = ltrim(p_phone, '+') limit 1)
  end
$$;
comment on function app.otp_subject(uuid, text, public.otp_purpose, uuid) is
  'LOGIN/RESET_PASSWORD: the auth user with that phone who is an active member; VERIFY_PHONE: the customer given.';

create function public.otp_request(
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
      'otp', null, null, case when p_purpose = 'VERIFY_PHONE' then v_subject end, null, null, v_code);
  end if;
  insert into public.otp_codes (id, org_id, phone, purpose, code_hash, subject_id, message_id, ip_address,
                                user_agent, expires_at)
    values (v_id, p_org_id, v_phone, p_purpose, app.otp_hash(v_id, v_code), v_subject, v_message.id, p_ip,
            left(p_user_agent, 500), now() + interval '10 minutes');
  -- message_id is for the route (to send it at once), never for the client: it tells known from unknown
  return jsonb_build_object('sent', true, 'expires_in_seconds', 600, 'message_id', v_message.id);
end $$;
comment on function public.otp_request(uuid, text, public.otp_purpose, inet, text, uuid) is
  'Service role only: a new code for (phone, purpose), texted when the number is known for the purpose. '
  'Limits: 3 per phone and purpose and 10 per IP per 15 minutes (RATE_LIMITED, retry_after_seconds). Returns '
  '{sent: true, expires_in_seconds: 600, message_id (null for unknown numbers: keep it server-side)}.';

create function public.otp_verify(
  p_org_id uuid, p_phone text, p_purpose public.otp_purpose, p_code text, p_ip inet default null
) returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_otp public.otp_codes;
  v_ok boolean;
begin
  select * into v_otp from public.otp_codes c
    where c.org_id = p_org_id and c.phone = btrim(p_phone) and c.purpose = p_purpose
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
    insert into public.sms_customer_consents as c (org_id, customer_id, phone, phone_verified_at)
      values (p_org_id, v_otp.subject_id, v_otp.phone, now())
      on conflict (org_id, customer_id) do update set phone = excluded.phone, phone_verified_at = now();
  end if;
  return jsonb_build_object('verified', true, 'purpose', v_otp.purpose, 'phone', v_otp.phone,
                            'subject_id', v_otp.subject_id, 'otp_id', v_otp.id);
end $$;
comment on function public.otp_verify(uuid, text, public.otp_purpose, text, inet) is
  'Service role only: checks a code against the newest live one for (phone, purpose). Every try counts and '
  'commits; the 3rd wrong try kills it; a right one is used up (single use). Wrong, expired, used, dead or '
  'unknown: OTP_INVALID (attempts_left). VERIFY_PHONE stamps the customer''s verified number. Returns '
  '{verified, purpose, phone, subject_id, otp_id}.';

-- ------------------------------------------------------------------ automatic texts
create function app.sms_order_status_text() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  v_settings public.sms_settings;
  v_tpl public.sms_templates;
  v_consent public.sms_customer_consents;
  v_values jsonb := '{}';
  v_all jsonb;
  v_token jsonb;
  v_name text;
  v_workshop text;
begin
  if new.customer_id is null or (tg_op = 'UPDATE' and new.status is not distinct from old.status) then
    return null;
  end if;
  select * into v_settings from public.sms_settings s where s.org_id = new.org_id;
  if not coalesce(v_settings.enabled, false) or not (new.status = any (v_settings.auto_statuses)) then
    return null;
  end if;
  select * into v_tpl from public.sms_templates t
    where t.org_id = new.org_id and t.order_status = new.status and t.is_active;
  select * into v_consent from public.sms_customer_consents c
    where c.org_id = new.org_id and c.customer_id = new.customer_id;
  if v_tpl.id is null or not coalesce(v_consent.opted_in, false) or v_consent.phone is null
     or cardinality(app.sms_providers_for(new.org_id)) = 0
     or exists (select 1 from public.sms_opt_outs o where o.org_id = new.org_id and o.phone = v_consent.phone) then
    return null;
  end if;
  select c.name into v_name from public.customers c where c.id = new.customer_id;
  select o.name into v_workshop from public.organisations o where o.id = new.org_id;
  if 'TRACKING_LINK' = any (v_tpl.variables) then
    v_token := app.issue_tracking_token(new.id, 'SMS');
  end if;
  v_all := jsonb_build_object('NAME', split_part(btrim(v_name), ' ', 1), 'ORDER_NUMBER', new.order_number,
    'STATUS', app.public_status_label(new.status), 'WORKSHOP', v_workshop,
    'TRACKING_LINK', coalesce(v_settings.link_base_url, '') || (v_token ->> 'path'));
  select coalesce(jsonb_object_agg(k, v_all -> k), '{}') into v_values from unnest(v_tpl.variables) k;
  begin
    perform app.sms_enqueue(new.org_id, v_consent.phone, app.sms_render(v_tpl.body, v_values), 'automatic', v_tpl.id,
                            v_values, new.customer_id, new.id,
                            format('order:%s:%s:%s', new.id, new.status, extract(epoch from clock_timestamp())), null);
  exception when sqlstate 'PT422' or sqlstate 'PT400' or sqlstate 'PT409' then
    -- a text that cannot be queued (too long once filled, opted out meanwhile) never blocks the order
    null;
  end;
  return null;
end $$;
comment on function app.sms_order_status_text() is
  'Trigger: queues the automatic text for an order''s new status when the organisation texts it, has an '
  'active template for it and the customer opted in (not STOP). Never blocks the order change.';
create trigger orders_sms_status_text after insert or update of status on public.orders
  for each row execute function app.sms_order_status_text();

revoke execute on all functions in schema app from public;
revoke execute on function public.otp_request(uuid, text, public.otp_purpose, inet, text, uuid),
  public.otp_verify(uuid, text, public.otp_purpose, text, inet)
  from public, anon, authenticated, service_role;
grant execute on function public.otp_request(uuid, text, public.otp_purpose, inet, text, uuid),
  public.otp_verify(uuid, text, public.otp_purpose, text, inet)
  to service_role;
