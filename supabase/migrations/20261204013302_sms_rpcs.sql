-- SMS RPCs (docs/sms.md): settings and credentials, queueing texts (one row per text, PENDING, in
-- the caller's transaction), and the worker's side — claim due messages with a lease, record each
-- attempt (failover order, backoff with a cap, permanent → FAILED), apply delivery callbacks
-- (idempotent, never backwards).
--
-- Who calls what:
--   managers+ (authenticated): update_sms_settings, sms_send, sms_send_bulk, set_customer_sms_consent,
--                              sms_opt_out, sms_opt_in;  admins+: set_sms_provider
--   the service role only:     sms_provider_config (credentials!), sms_claim, sms_record_attempt,
--                              sms_apply_status, sms_callback_check
--
-- Failover. An organisation's providers are provider_order ∩ configured_providers, in that order.
-- Attempt k (0-based, over the message's life) goes to providers[k mod n]: a retryable outcome
-- (timeout, 5xx, 429) or a skip (the provider cannot reach the number) moves to the next provider
-- at once; after a whole round without success the message waits 30 s · 2^(round-1), at most 15
-- minutes (longer if a provider asked with Retry-After, still capped), and after 4 rounds it is
-- FAILED with the last reason. A round of nothing but skips fails at once (no provider reaches the
-- number). A permanent outcome fails the message with the provider's reason, untried providers
-- left untried: an invalid number is invalid everywhere.
--
-- Leases. sms_claim takes due PENDING rows `for update skip locked` and stamps a lease (default 60 s);
-- a worker that dies mid-send leaves a lease that expires, and the next claim (the cron route, every
-- minute) takes the message again. Nothing is lost between commit and send: the row is the queue.
-- A send the provider accepted is recorded even if the lease was lost meanwhile (it was sent).

-- ------------------------------------------------------------------ helpers
create function app.sms_providers_for(p_org_id uuid) returns public.sms_provider[]
language sql stable security definer set search_path = '' as $$
  select coalesce((select array(select u.p from unnest(s.provider_order) with ordinality as u (p, i)
                                where u.p = any (s.configured_providers) order by u.i)
                   from public.sms_settings s where s.org_id = p_org_id), '{}')
$$;
comment on function app.sms_providers_for(uuid) is 'The organisation''s usable providers in failover order.';

create function app.sms_message_json(p_m public.sms_messages) returns jsonb
language sql stable security definer set search_path = '' as $$
  select jsonb_build_object('id', p_m.id, 'org_id', p_m.org_id, 'to', p_m.to_phone, 'body', p_m.body,
    'status', p_m.status, 'source', p_m.source, 'provider', p_m.provider, 'segments', p_m.segments,
    'encoding', p_m.encoding, 'template_id', p_m.template_id, 'customer_id', p_m.customer_id,
    'order_id', p_m.order_id, 'attempts', p_m.attempts, 'next_attempt_at', p_m.next_attempt_at,
    'error', p_m.error, 'created_at', p_m.created_at)
$$;
comment on function app.sms_message_json(public.sms_messages) is 'The answer shape of a message (never its lease).';

-- Queues one text without checking the caller (the RPCs and triggers check first). Refuses when SMS
-- is off or has no provider, an invalid number, an opted-out number (but for a code it asked for),
-- more than 10 parts. A dedupe key already used answers the existing row.
create function app.sms_enqueue(
  p_org_id uuid, p_to text, p_body text, p_source public.sms_source, p_template_id uuid, p_variables jsonb,
  p_customer_id uuid, p_order_id uuid, p_dedupe_key text, p_otp_code text
) returns public.sms_messages
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_settings public.sms_settings;
  v_seg jsonb;
  v_row public.sms_messages;
  v_to text := btrim(p_to);
begin
  select * into v_settings from public.sms_settings s where s.org_id = p_org_id;
  if not coalesce(v_settings.enabled, false) then
    perform app.raise('SMS_NOT_CONFIGURED', 'Texts are switched off for this workshop (SMS settings)');
  end if;
  if cardinality(app.sms_providers_for(p_org_id)) = 0 then
    perform app.raise('SMS_NOT_CONFIGURED', 'No SMS provider has credentials yet (SMS settings → providers)');
  end if;
  if v_to is null or v_to !~ '^\+[1-9][0-9]{6,14}$' then
    perform app.raise('VALIDATION_FAILED', 'Give the number in international form, e.g. +639171234567', 'to');
  end if;
  if p_body is null or length(btrim(p_body)) = 0 then
    perform app.raise('VALIDATION_FAILED', 'The text is empty', 'body');
  end if;
  if length(p_body) > 1600 then
    perform app.raise('VALIDATION_FAILED', 'A text is at most 1600 characters', 'body');
  end if;
  if p_source <> 'otp' and exists (select 1 from public.sms_opt_outs o where o.org_id = p_org_id and o.phone = v_to) then
    perform app.raise('SMS_OPTED_OUT', format('%s asked for no more texts (STOP)', v_to), 'to');
  end if;
  v_seg := app.sms_segments(p_body);
  if (v_seg ->> 'segments')::integer > 10 then
    perform app.raise('VALIDATION_FAILED',
      format('That is %s SMS parts; keep a text to 10 (%s)', v_seg ->> 'segments', v_seg ->> 'encoding'), 'body',
      jsonb_build_object('segments', (v_seg ->> 'segments')::integer, 'encoding', v_seg ->> 'encoding'));
  end if;
  insert into public.sms_messages (org_id, to_phone, body, template_id, variables, source, segments, encoding,
                                   customer_id, order_id, sent_by, dedupe_key)
    values (p_org_id, v_to, p_body, p_template_id, p_variables, p_source, (v_seg ->> 'segments')::smallint,
            v_seg ->> 'encoding', p_customer_id, p_order_id, app.actor_member_id(p_org_id), p_dedupe_key)
    on conflict (org_id, dedupe_key) do nothing
    returning * into v_row;
  if v_row.id is null then
    select * into v_row from public.sms_messages m where m.org_id = p_org_id and m.dedupe_key = p_dedupe_key;
    return v_row;
  end if;
  if p_otp_code is not null then
    insert into app.sms_otp_payloads (message_id, code) values (v_row.id, p_otp_code);
  end if;
  return v_row;
end $$;
comment on function app.sms_enqueue(uuid, text, text, public.sms_source, uuid, jsonb, uuid, uuid, text, text) is
  'Queues one text (PENDING) with its segment count; refuses SMS_NOT_CONFIGURED, SMS_OPTED_OUT, bad numbers, '
  'more than 10 parts. No caller check: for the RPCs and triggers that checked.';

-- A template's text for these values (TEMPLATE_VALUES / TEMPLATE_INACTIVE / NOT_FOUND).
create function app.sms_template_text(p_org_id uuid, p_template_id uuid, p_values jsonb) returns text
language plpgsql stable security definer set search_path = '' as $$
declare
  v_t public.sms_templates;
begin
  select * into v_t from public.sms_templates t where t.org_id = p_org_id and t.id = p_template_id;
  if v_t.id is null then
    perform app.raise('NOT_FOUND', 'No such template in this workshop', 'template_id');
  end if;
  if not v_t.is_active then
    perform app.raise('TEMPLATE_INACTIVE', format('The template "%s" is switched off', v_t.name), 'template_id');
  end if;
  return app.sms_render(v_t.body, p_values);
end $$;
comment on function app.sms_template_text(uuid, uuid, jsonb) is 'Renders an active template of the organisation.';

-- ------------------------------------------------------------------ settings
create function public.update_sms_settings(
  p_org_id uuid, p_enabled boolean default null, p_provider_order public.sms_provider[] default null,
  p_senders jsonb default null, p_default_country text default null,
  p_auto_statuses public.order_status[] default null, p_link_base_url text default null
) returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_row public.sms_settings;
  v_key text;
begin
  perform app.require_member(p_org_id, 'manager', true);
  if p_provider_order is not null and (cardinality(p_provider_order) = 0
      or cardinality(p_provider_order) <> (select count(distinct p) from unnest(p_provider_order) p)) then
    perform app.raise('VALIDATION_FAILED', 'List each provider once, at least one', 'provider_order');
  end if;
  if p_senders is not null then
    if jsonb_typeof(p_senders) <> 'object' then
      perform app.raise('VALIDATION_FAILED', 'Senders are {provider: sender}', 'senders');
    end if;
    for v_key in select jsonb_object_keys(p_senders) loop
      if v_key not in ('semaphore', 'twilio', 'movider') or jsonb_typeof(p_senders -> v_key) <> 'string'
         or length(p_senders ->> v_key) not between 1 and 20 then
        perform app.raise('VALIDATION_FAILED', format('Sender for %s: 1 to 20 characters', v_key), 'senders.' || v_key);
      end if;
    end loop;
  end if;
  if p_default_country is not null and upper(btrim(p_default_country)) !~ '^[A-Z]{2}$' then
    perform app.raise('VALIDATION_FAILED', 'A two-letter country code, e.g. PH', 'default_country');
  end if;
  if p_link_base_url is not null and btrim(p_link_base_url) <> ''
     and rtrim(btrim(p_link_base_url), '/') !~ '^https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?$' then
    perform app.raise('VALIDATION_FAILED', 'The app''s address, e.g. https://floorline.example.com', 'link_base_url');
  end if;
  update public.sms_settings s set
    enabled = coalesce(p_enabled, s.enabled),
    provider_order = coalesce(p_provider_order, s.provider_order),
    senders = coalesce(p_senders, s.senders),
    default_country = coalesce(upper(btrim(p_default_country)), s.default_country),
    auto_statuses = coalesce(array(select distinct x from unnest(p_auto_statuses) x), s.auto_statuses),
    link_base_url = case when p_link_base_url is null then s.link_base_url
                         else nullif(rtrim(btrim(p_link_base_url), '/'), '') end
    where s.org_id = p_org_id
    returning * into v_row;
  if v_row.org_id is null then
    perform app.raise('NOT_FOUND', 'No such organisation');
  end if;
  return to_jsonb(v_row);
end $$;
comment on function public.update_sms_settings(uuid, boolean, public.sms_provider[], jsonb, text, public.order_status[], text) is
  'Managers+: SMS on/off, failover order, senders, default country, automatic texts per order status, link '
  'origin. Null leaves a setting as it is (an empty link_base_url clears it). Returns the settings row.';

create function public.set_sms_provider(p_org_id uuid, p_provider public.sms_provider, p_credentials jsonb)
returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_need text[] := case p_provider when 'semaphore' then array['apiKey']
                                   when 'twilio' then array['accountSid', 'authToken']
                                   else array['apiKey', 'apiSecret'] end;
  v_allowed text[] := v_need || case when p_provider = 'twilio' then array['messagingServiceSid'] else '{}' end;
  v_key text;
  v_clean jsonb := '{}';
begin
  perform app.require_member(p_org_id, 'admin', true);
  if p_credentials is null then
    delete from app.sms_credentials c where c.org_id = p_org_id and c.provider = p_provider;
  else
    if jsonb_typeof(p_credentials) <> 'object' then
      perform app.raise('VALIDATION_FAILED', 'Credentials are an object', 'credentials');
    end if;
    foreach v_key in array v_need loop
      if jsonb_typeof(p_credentials -> v_key) is distinct from 'string'
         or length(btrim(p_credentials ->> v_key)) not between 4 and 200 then
        perform app.raise('VALIDATION_FAILED', format('%s needs %s', p_provider, v_key), 'credentials.' || v_key);
      end if;
    end loop;
    for v_key in select jsonb_object_keys(p_credentials) loop
      if not (v_key = any (v_allowed)) then
        perform app.raise('VALIDATION_FAILED', format('%s takes only %s', p_provider, array_to_string(v_allowed, ', ')),
          'credentials.' || v_key);
      end if;
      v_clean := v_clean || jsonb_build_object(v_key, left(btrim(p_credentials ->> v_key), 200));
    end loop;
    insert into app.sms_credentials (org_id, provider, secrets) values (p_org_id, p_provider, v_clean)
      on conflict (org_id, provider) do update set secrets = excluded.secrets, updated_at = now();
  end if;
  update public.sms_settings s
    set configured_providers = array(select c.provider from app.sms_credentials c where c.org_id = p_org_id
                                     order by c.provider)
    where s.org_id = p_org_id;
  return jsonb_build_object('provider', p_provider, 'configured', p_credentials is not null,
                            'configured_providers', to_jsonb(app.sms_providers_for(p_org_id)));
end $$;
comment on function public.set_sms_provider(uuid, public.sms_provider, jsonb) is
  'Admins+: stores (null: removes) a provider''s credentials — semaphore {apiKey}, twilio {accountSid, authToken, '
  'messagingServiceSid?}, movider {apiKey, apiSecret}. Never answers with them.';

-- The worker's and the callback route's view of an organisation: its providers in order with their
-- credentials (sender from the settings) and the callback secret. Service role only.
create function public.sms_provider_config(p_org_id uuid) returns jsonb
language sql stable security definer set search_path = '' as $$
  select jsonb_build_object(
    'org_id', s.org_id, 'enabled', s.enabled, 'default_country', s.default_country,
    'callback_secret', (select cs.secret from app.sms_callback_secrets cs where cs.org_id = s.org_id),
    'providers', coalesce((select jsonb_agg(jsonb_build_object('provider', u.p,
                   'credentials', c.secrets || jsonb_build_object('provider', u.p)
                                  || coalesce(jsonb_build_object('sender', s.senders ->> u.p::text), '{}'))
                   order by u.i)
                 from unnest(s.provider_order) with ordinality as u (p, i)
                 join app.sms_credentials c on c.org_id = s.org_id and c.provider = u.p), '[]'::jsonb))
  from public.sms_settings s where s.org_id = p_org_id
$$;
comment on function public.sms_provider_config(uuid) is
  'Service role only: {org_id, enabled, default_country, callback_secret, providers[{provider, credentials}]} in '
  'failover order. The one way credentials leave the database (to the worker and the callback route).';

-- Is this the organisation's callback secret? Same work whether the organisation exists or not.
create function public.sms_callback_check(p_org_id uuid, p_key text) returns boolean
language sql stable security definer set search_path = '' as $$
  select coalesce(
    sha256(convert_to(coalesce((select cs.secret from app.sms_callback_secrets cs where cs.org_id = p_org_id),
                               'no-such-org'), 'UTF8'))
      = sha256(convert_to(coalesce(p_key, ''), 'UTF8'))
    and exists (select 1 from app.sms_callback_secrets cs where cs.org_id = p_org_id), false)
$$;
comment on function public.sms_callback_check(uuid, text) is
  'Service role only: true when p_key is the organisation''s delivery-callback secret (compared as SHA-256).';

-- ------------------------------------------------------------------ consent and STOP
create function public.set_customer_sms_consent(
  p_org_id uuid, p_customer_id uuid, p_opted_in boolean, p_phone text default null, p_verified boolean default false
) returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_row public.sms_customer_consents;
  v_phone text := nullif(btrim(p_phone), '');
begin
  perform app.require_member(p_org_id, 'manager', true);
  if not exists (select 1 from public.customers c where c.org_id = p_org_id and c.id = p_customer_id) then
    perform app.raise('NOT_FOUND', 'No such customer in this workshop', 'customer_id');
  end if;
  if v_phone is not null and v_phone !~ '^\+[1-9][0-9]{6,14}$' then
    perform app.raise('VALIDATION_FAILED', 'Give the number in international form, e.g. +639171234567', 'phone');
  end if;
  -- phone_verified_at is set only by a trusted caller (otp_verify, or the service role on its word)
  insert into public.sms_customer_consents as c (org_id, customer_id, phone, opted_in, opted_in_at, phone_verified_at)
    values (p_org_id, p_customer_id, v_phone, coalesce(p_opted_in, false),
            case when p_opted_in then now() end,
            case when p_verified and app.is_service_role() then now() end)
    on conflict (org_id, customer_id) do update set
      phone = coalesce(excluded.phone, c.phone),
      opted_in = excluded.opted_in,
      opted_in_at = case when excluded.opted_in and not c.opted_in then now()
                         when excluded.opted_in then c.opted_in_at end,
      phone_verified_at = case when excluded.phone is distinct from c.phone and excluded.phone is not null
                               then excluded.phone_verified_at
                               else coalesce(excluded.phone_verified_at, c.phone_verified_at) end
    returning * into v_row;
  return to_jsonb(v_row);
end $$;
comment on function public.set_customer_sms_consent(uuid, uuid, boolean, text, boolean) is
  'Managers+ (or the service role for the tracking page): opt a customer in or out of automatic texts and '
  'set the number they go to. p_verified (service role only) stamps phone_verified_at.';

create function public.sms_opt_out(p_org_id uuid, p_phone text, p_source text default 'staff') returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
begin
  perform app.require_member(p_org_id, 'manager', true);
  if p_phone is null or btrim(p_phone) !~ '^\+[1-9][0-9]{6,14}$' then
    perform app.raise('VALIDATION_FAILED', 'Give the number in international form, e.g. +639171234567', 'phone');
  end if;
  if p_source not in ('stop_reply', 'staff', 'customer') or (p_source <> 'staff' and not app.is_service_role()) then
    perform app.raise('VALIDATION_FAILED', 'Unknown opt-out source', 'source');
  end if;
  insert into public.sms_opt_outs (org_id, phone, source) values (p_org_id, btrim(p_phone), p_source)
    on conflict (org_id, phone) do nothing;
  update public.sms_customer_consents c set opted_in = false where c.org_id = p_org_id and c.phone = btrim(p_phone);
  return jsonb_build_object('phone', btrim(p_phone), 'opted_out', true);
end $$;
comment on function public.sms_opt_out(uuid, text, text) is
  'STOP: no more texts to this number in this workshop (automatic consent withdrawn too). Managers+ '
  '(source staff) or the service role (stop_reply from a provider, customer from the tracking page).';

create function public.sms_opt_in(p_org_id uuid, p_phone text) returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_n integer;
begin
  perform app.require_member(p_org_id, 'manager', true);
  delete from public.sms_opt_outs o where o.org_id = p_org_id and o.phone = btrim(p_phone);
  get diagnostics v_n = row_count;
  return jsonb_build_object('phone', btrim(p_phone), 'opted_out', false, 'removed', v_n > 0);
end $$;
comment on function public.sms_opt_in(uuid, text) is 'Managers+: lifts an opt-out (the customer asked to hear from us again).';

-- ------------------------------------------------------------------ sending
create function public.sms_send(
  p_org_id uuid, p_to text, p_body text default null, p_template_id uuid default null, p_values jsonb default null,
  p_customer_id uuid default null, p_order_id uuid default null, p_source public.sms_source default 'manual',
  p_client_id uuid default null
) returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_replay jsonb;
  v_body text;
  v_row public.sms_messages;
begin
  v_replay := app.replay_begin(p_client_id, 'sms_send');
  if v_replay is not null then
    return v_replay;
  end if;
  perform app.require_member(p_org_id, 'manager', true);
  if p_source not in ('manual', 'test') then
    perform app.raise('VALIDATION_FAILED', 'Send manual or test texts here', 'source');
  end if;
  if (p_template_id is null) = (nullif(btrim(p_body), '') is null) then
    perform app.raise('VALIDATION_FAILED', 'Write a text or choose a template (one of them)', 'body');
  end if;
  if p_customer_id is not null
     and not exists (select 1 from public.customers c where c.org_id = p_org_id and c.id = p_customer_id) then
    perform app.raise('NOT_FOUND', 'No such customer in this workshop', 'customer_id');
  end if;
  if p_order_id is not null
     and not exists (select 1 from public.orders o where o.org_id = p_org_id and o.id = p_order_id) then
    perform app.raise('NOT_FOUND', 'No such order in this workshop', 'order_id');
  end if;
  v_body := case when p_template_id is not null then app.sms_template_text(p_org_id, p_template_id, p_values)
                 else p_body end;
  if p_template_id is null and p_values is not null and p_values <> '{}'::jsonb then
    perform app.raise('VALIDATION_FAILED', 'Values go with a template', 'values');
  end if;
  v_row := app.sms_enqueue(p_org_id, p_to, v_body, p_source, p_template_id,
                           case when p_template_id is not null then p_values end,
                           p_customer_id, p_order_id, null, null);
  return app.replay_store(p_client_id, 'sms_send', p_org_id, jsonb_build_object('message', app.sms_message_json(v_row)));
end $$;
comment on function public.sms_send(uuid, text, text, uuid, jsonb, uuid, uuid, public.sms_source, uuid) is
  'Managers+: queues one text (free text or a template with its values) to an E.164 number; idempotent by '
  'p_client_id. Returns {message{id, status PENDING, segments, encoding, …}, replayed}. The worker sends it.';

create function public.sms_send_bulk(
  p_org_id uuid, p_recipients jsonb, p_body text default null, p_template_id uuid default null,
  p_client_id uuid default null
) returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_replay jsonb;
  v_r jsonb;
  v_to text;
  v_customer uuid;
  v_body text;
  v_row public.sms_messages;
  v_ids uuid[] := '{}';
  v_skipped jsonb := '[]';
  v_i integer := 0;
begin
  v_replay := app.replay_begin(p_client_id, 'sms_send_bulk');
  if v_replay is not null then
    return v_replay;
  end if;
  perform app.require_member(p_org_id, 'manager', true);
  if jsonb_typeof(p_recipients) is distinct from 'array' or jsonb_array_length(p_recipients) not between 1 and 1000 then
    perform app.raise('VALIDATION_FAILED', 'Send to 1 to 1000 recipients at a time', 'recipients');
  end if;
  if (p_template_id is null) = (nullif(btrim(p_body), '') is null) then
    perform app.raise('VALIDATION_FAILED', 'Write a text or choose a template (one of them)', 'body');
  end if;
  -- the organisation-wide refusals first, so one bad setting is one answer, not 1000 skips
  if not coalesce((select s.enabled from public.sms_settings s where s.org_id = p_org_id), false)
     or cardinality(app.sms_providers_for(p_org_id)) = 0 then
    perform app.raise('SMS_NOT_CONFIGURED', 'Texts are switched off or no provider has credentials (SMS settings)');
  end if;
  for v_r in select x from jsonb_array_elements(p_recipients) x loop
    v_i := v_i + 1;
    v_to := btrim(v_r ->> 'to');
    v_customer := nullif(v_r ->> 'customer_id', '')::uuid;
    if v_to is null or v_to !~ '^\+[1-9][0-9]{6,14}$' then
      v_skipped := v_skipped || jsonb_build_object('index', v_i - 1, 'to', v_to, 'reason', 'Not an international number');
      continue;
    end if;
    if exists (select 1 from public.sms_opt_outs o where o.org_id = p_org_id and o.phone = v_to) then
      v_skipped := v_skipped || jsonb_build_object('index', v_i - 1, 'to', v_to, 'reason', 'Opted out (STOP)');
      continue;
    end if;
    if v_customer is not null
       and not exists (select 1 from public.customers c where c.org_id = p_org_id and c.id = v_customer) then
      perform app.raise('NOT_FOUND', 'No such customer in this workshop', format('recipients.%s.customer_id', v_i - 1));
    end if;
    v_body := case when p_template_id is not null
                   then app.sms_template_text(p_org_id, p_template_id, coalesce(v_r -> 'values', '{}'))
                   else p_body end;
    v_row := app.sms_enqueue(p_org_id, v_to, v_body, 'bulk', p_template_id,
                             case when p_template_id is not null then coalesce(v_r -> 'values', '{}') end,
                             v_customer, null, null, null);
    v_ids := v_ids || v_row.id;
  end loop;
  return app.replay_store(p_client_id, 'sms_send_bulk', p_org_id,
    jsonb_build_object('queued', cardinality(v_ids), 'message_ids', to_jsonb(v_ids), 'skipped', v_skipped));
end $$;
comment on function public.sms_send_bulk(uuid, jsonb, text, uuid, uuid) is
  'Managers+: queues one text per recipient [{to, customer_id?, values?}] (≤ 1000) in one transaction; invalid '
  'and opted-out numbers are skipped with a reason. Returns {queued, message_ids, skipped[{index, to, reason}]}.';

-- ------------------------------------------------------------------ the worker
create function public.sms_claim(
  p_limit integer default 20, p_lease_seconds integer default 60, p_message_ids uuid[] default null
) returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_m public.sms_messages;
  v_providers public.sms_provider[];
  v_enabled boolean;
  v_out jsonb := '[]';
begin
  for v_m in
    with due as (
      select m.id from public.sms_messages m
      where m.status = 'PENDING' and m.next_attempt_at <= now()
        and (m.lease_until is null or m.lease_until < now())
        and (p_message_ids is null or m.id = any (p_message_ids))
      order by m.next_attempt_at
      limit least(greatest(coalesce(p_limit, 20), 1), 500)
      for update skip locked
    )
    update public.sms_messages m
      set lease_token = gen_random_uuid(),
          lease_until = now() + make_interval(secs => least(greatest(coalesce(p_lease_seconds, 60), 5), 600))
      from due where m.id = due.id
      returning m.*
  loop
    v_providers := app.sms_providers_for(v_m.org_id);
    select s.enabled into v_enabled from public.sms_settings s where s.org_id = v_m.org_id;
    if cardinality(v_providers) = 0 or not coalesce(v_enabled, false) then
      -- settings changed since it was queued: say so rather than wait for ever
      update public.sms_messages m set status = 'FAILED',
        error = case when cardinality(v_providers) = 0 then 'No SMS provider has credentials any more'
                     else 'Texts were switched off before this one was sent' end
        where m.id = v_m.id;
      continue;
    end if;
    v_out := v_out || jsonb_build_object(
      'id', v_m.id, 'org_id', v_m.org_id, 'to', v_m.to_phone, 'body', v_m.body, 'source', v_m.source,
      'attempts', v_m.attempts, 'lease_token', v_m.lease_token, 'lease_until', v_m.lease_until,
      'provider', v_providers[(v_m.attempts % cardinality(v_providers)) + 1],
      'otp_code', (select p.code from app.sms_otp_payloads p where p.message_id = v_m.id));
  end loop;
  return v_out;
end $$;
comment on function public.sms_claim(integer, integer, uuid[]) is
  'Service role only: leases up to p_limit due PENDING messages (for update skip locked; an expired lease is '
  'due again) and returns [{id, org_id, to, body, source, attempts, lease_token, lease_until, provider (the one '
  'to try now), otp_code (OTP texts only)}]. p_message_ids narrows it to those (the after() right after a send).';

create function public.sms_record_attempt(
  p_message_id uuid, p_lease_token uuid, p_provider public.sms_provider, p_request_id text,
  p_outcome public.sms_attempt_outcome, p_provider_message_id text default null, p_provider_status text default null,
  p_provider_code text default null, p_error text default null, p_http_status integer default null,
  p_latency_ms integer default null, p_cost_micros bigint default null, p_currency text default null,
  p_retry_after_seconds integer default null
) returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_m public.sms_messages;
  v_no smallint;
  v_providers public.sms_provider[];
  v_n integer;
  v_round integer;
  v_wait integer;
  v_all_skipped boolean;
  v_error text := left(nullif(btrim(p_error), ''), 1000);
begin
  select * into v_m from public.sms_messages m where m.id = p_message_id for update;
  if v_m.id is null then
    perform app.raise('NOT_FOUND', 'No such message');
  end if;
  -- the same call again (a retried RPC): the first record stands
  if exists (select 1 from public.sms_attempts a where a.message_id = p_message_id and a.request_id = p_request_id) then
    return jsonb_build_object('status', v_m.status, 'done', true, 'replayed', true);
  end if;
  v_no := v_m.attempts + 1;
  insert into public.sms_attempts (org_id, message_id, attempt_no, provider, request_id, outcome, provider_status,
                                   provider_message_id, provider_code, error, http_status, latency_ms, cost_micros,
                                   currency)
    values (v_m.org_id, v_m.id, v_no, p_provider, left(p_request_id, 200), p_outcome, left(p_provider_status, 100),
            left(p_provider_message_id, 200), left(p_provider_code, 100), v_error, p_http_status,
            greatest(p_latency_ms, 0), p_cost_micros, left(p_currency, 10));

  if p_outcome = 'sent' then
    -- recorded even when the lease was lost: the provider has it. A callback may have arrived first.
    update public.sms_messages m set attempts = v_no, provider = p_provider,
      provider_message_id = left(p_provider_message_id, 200), cost_micros = p_cost_micros,
      currency = left(p_currency, 10), error = null,
      status = case when m.status = 'PENDING' then 'SENT'::public.sms_status else m.status end,
      lease_token = null, lease_until = null
      where m.id = v_m.id returning * into v_m;
    return jsonb_build_object('status', v_m.status, 'done', true);
  end if;

  if v_m.status <> 'PENDING' or v_m.lease_token is distinct from p_lease_token then
    update public.sms_messages m set attempts = v_no where m.id = v_m.id;
    return jsonb_build_object('status', v_m.status, 'done', true, 'lease_lost', true);
  end if;

  if p_outcome = 'permanent' then
    update public.sms_messages m set attempts = v_no, provider = p_provider, status = 'FAILED',
      error = coalesce(v_error, format('%s refused the message', p_provider))
      where m.id = v_m.id returning * into v_m;
    return jsonb_build_object('status', v_m.status, 'done', true, 'error', v_m.error);
  end if;

  v_providers := app.sms_providers_for(v_m.org_id);
  v_n := greatest(cardinality(v_providers), 1);
  if v_no % v_n <> 0 and cardinality(v_providers) > 0 then
    -- failover: the next provider now, under a renewed lease
    update public.sms_messages m set attempts = v_no, error = v_error, lease_until = now() + interval '60 seconds'
      where m.id = v_m.id;
    return jsonb_build_object('status', 'PENDING', 'done', false, 'next_provider', v_providers[(v_no % v_n) + 1]);
  end if;

  -- a whole round without success
  v_round := v_no / v_n;
  select bool_and(a.outcome = 'skipped') into v_all_skipped
    from public.sms_attempts a where a.message_id = v_m.id and a.attempt_no > v_no - v_n;
  if v_all_skipped then
    update public.sms_messages m set attempts = v_no, status = 'FAILED',
      error = format('No provider can deliver to %s: %s', v_m.to_phone, coalesce(v_error, 'out of reach'))
      where m.id = v_m.id returning * into v_m;
    return jsonb_build_object('status', v_m.status, 'done', true, 'error', v_m.error);
  end if;
  if v_round >= 4 then
    update public.sms_messages m set attempts = v_no, status = 'FAILED',
      error = format('Every provider failed %s times; last: %s', v_round, coalesce(v_error, 'no answer'))
      where m.id = v_m.id returning * into v_m;
    return jsonb_build_object('status', v_m.status, 'done', true, 'error', v_m.error);
  end if;
  v_wait := least(900, greatest(30 * (2 ^ (v_round - 1))::integer, coalesce(p_retry_after_seconds, 0)));
  update public.sms_messages m set attempts = v_no, error = v_error,
    next_attempt_at = now() + make_interval(secs => v_wait), lease_token = null, lease_until = null
    where m.id = v_m.id returning * into v_m;
  return jsonb_build_object('status', 'PENDING', 'done', true, 'next_attempt_at', v_m.next_attempt_at,
                            'retry_in_seconds', v_wait);
end $$;
comment on function public.sms_record_attempt(uuid, uuid, public.sms_provider, text, public.sms_attempt_outcome, text,
  text, text, text, integer, integer, bigint, text, integer) is
  'Service role only: records one attempt (idempotent by request id) and decides what follows: sent → SENT; '
  'permanent → FAILED with the provider''s reason; retryable/skipped → {done: false, next_provider} within a '
  'round, else backoff (30 s doubling, ≤ 15 min, Retry-After honoured) or FAILED after 4 rounds or a round of '
  'skips only. A lost lease records the attempt and changes nothing else (but a send).';

-- Delivery callbacks: forward only, so replays and late or out-of-order reports change nothing.
create function public.sms_apply_status(
  p_org_id uuid, p_provider public.sms_provider, p_message_id uuid, p_provider_message_id text,
  p_status public.sms_status, p_provider_status text default null, p_error text default null
) returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_m public.sms_messages;
begin
  if p_message_id is not null then
    select * into v_m from public.sms_messages m where m.org_id = p_org_id and m.id = p_message_id for update;
  end if;
  if v_m.id is null and p_provider_message_id is not null then
    select * into v_m from public.sms_messages m
      where m.org_id = p_org_id and m.provider = p_provider and m.provider_message_id = p_provider_message_id
      for update;
  end if;
  if v_m.id is null then
    return jsonb_build_object('applied', false, 'reason', 'unknown_message');
  end if;
  -- a report about another provider's copy of this message (an earlier attempt that timed out
  -- but went through) is still news about the text: applied, but it does not rename the provider
  if app.sms_status_rank(p_status) <= app.sms_status_rank(v_m.status) or p_status = 'PENDING' then
    return jsonb_build_object('applied', false, 'reason', 'not_forward', 'status', v_m.status, 'id', v_m.id);
  end if;
  update public.sms_messages m set status = p_status,
    provider = coalesce(m.provider, p_provider),
    provider_message_id = coalesce(m.provider_message_id, left(p_provider_message_id, 200)),
    error = case when p_status = 'FAILED'
                 then left(coalesce(nullif(btrim(p_error), ''), format('Not delivered (%s: %s)', p_provider,
                                                                     coalesce(p_provider_status, 'failed'))), 1000)
                 else m.error end
    where m.id = v_m.id returning * into v_m;
  return jsonb_build_object('applied', true, 'status', v_m.status, 'id', v_m.id);
end $$;
comment on function public.sms_apply_status(uuid, public.sms_provider, uuid, text, public.sms_status, text, text) is
  'Service role only (the callback route, after checking the signature or the URL secret): moves a message '
  'forward to SENT, DELIVERED or FAILED, found by our id or the provider''s. Replays and statuses that would go '
  'backwards answer {applied: false, reason: not_forward}; unknown messages {applied: false, reason: unknown_message}.';

revoke execute on all functions in schema app from public;
revoke execute on function
  public.update_sms_settings(uuid, boolean, public.sms_provider[], jsonb, text, public.order_status[], text),
  public.set_sms_provider(uuid, public.sms_provider, jsonb),
  public.sms_provider_config(uuid),
  public.sms_callback_check(uuid, text),
  public.set_customer_sms_consent(uuid, uuid, boolean, text, boolean),
  public.sms_opt_out(uuid, text, text),
  public.sms_opt_in(uuid, text),
  public.sms_send(uuid, text, text, uuid, jsonb, uuid, uuid, public.sms_source, uuid),
  public.sms_send_bulk(uuid, jsonb, text, uuid, uuid),
  public.sms_claim(integer, integer, uuid[]),
  public.sms_record_attempt(uuid, uuid, public.sms_provider, text, public.sms_attempt_outcome, text, text, text, text,
                            integer, integer, bigint, text, integer),
  public.sms_apply_status(uuid, public.sms_provider, uuid, text, public.sms_status, text, text)
  from public, anon, authenticated, service_role;
grant execute on function
  public.update_sms_settings(uuid, boolean, public.sms_provider[], jsonb, text, public.order_status[], text),
  public.set_sms_provider(uuid, public.sms_provider, jsonb),
  public.set_customer_sms_consent(uuid, uuid, boolean, text, boolean),
  public.sms_opt_out(uuid, text, text),
  public.sms_opt_in(uuid, text),
  public.sms_send(uuid, text, text, uuid, jsonb, uuid, uuid, public.sms_source, uuid),
  public.sms_send_bulk(uuid, jsonb, text, uuid, uuid)
  to authenticated, service_role;
grant execute on function
  public.sms_provider_config(uuid),
  public.sms_callback_check(uuid, text),
  public.sms_claim(integer, integer, uuid[]),
  public.sms_record_attempt(uuid, uuid, public.sms_provider, text, public.sms_attempt_outcome, text, text, text, text,
                            integer, integer, bigint, text, integer),
  public.sms_apply_status(uuid, public.sms_provider, uuid, text, public.sms_status, text, text)
  to service_role;
