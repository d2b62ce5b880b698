-- SMS (issue 13, spec 03 §1 made multi-tenant): per-organisation settings, provider credentials in a
-- private table, templates, messages with their attempts, customer consent and STOP opt-outs, and
-- one-time codes. Design: docs/sms.md.
--
-- Every text is a row first (sms_messages, PENDING) in the transaction that caused it; a worker
-- (lib/sms/worker.ts, service role) claims due rows with a lease, calls the providers in the
-- organisation's order and records each attempt here (the sms_rpcs migration). Statuses only
-- move forward (PENDING → SENT → DELIVERED | FAILED), enforced by a trigger on every path.
--
-- Secrets: provider credentials and the per-organisation callback secret live in app (not exposed
-- by the API) with every privilege revoked from every API role, like the Shopify webhook secret;
-- only security definer functions granted to the service role read them (the worker and the
-- delivery-callback route need them to talk to the providers; nothing ever hands them to a browser).
-- OTP codes are stored as a salted SHA-256 only, and the code of an OTP text waiting to be sent sits
-- in a private table that is emptied the moment the text leaves PENDING.

-- ------------------------------------------------------------------ enums
create type public.sms_provider as enum ('semaphore', 'twilio', 'movider');
comment on type public.sms_provider is 'SMS providers with an adapter (lib/sms/providers). Mirrors ProviderName.';
create type public.sms_status as enum ('PENDING', 'SENT', 'DELIVERED', 'FAILED');
comment on type public.sms_status is
  'Spec 03 SMSMessage.status: PENDING (queued or retrying), SENT (a provider accepted it), DELIVERED (the '
  'provider reported delivery), FAILED (permanent error, every provider refused, or reported undelivered). '
  'Only forward: PENDING → SENT | DELIVERED | FAILED, SENT → DELIVERED | FAILED.';
create type public.sms_attempt_outcome as enum ('sent', 'retryable', 'permanent', 'skipped');
comment on type public.sms_attempt_outcome is
  'One try at one provider: sent (accepted), retryable (timeout, 5xx, rate limit: the next provider is tried), '
  'permanent (invalid number, blocked: the message fails), skipped (the provider cannot reach the number).';
create type public.sms_source as enum ('manual', 'bulk', 'automatic', 'otp', 'test');
comment on type public.sms_source is
  'Why a text exists: manual (staff, one recipient), bulk (staff, a list), automatic (an order status change), '
  'otp (a one-time code), test (provider settings'' test send).';
create type public.otp_purpose as enum ('LOGIN', 'RESET_PASSWORD', 'VERIFY_PHONE');
comment on type public.otp_purpose is 'Spec 03 OTPCode.purpose: a code is bound to one purpose and one phone.';

-- ------------------------------------------------------------------ error codes
insert into app.error_codes (code, status, meaning) values
  ('SMS_NOT_CONFIGURED', 422, 'SMS is off for this workshop or no provider has credentials.'),
  ('SMS_OPTED_OUT', 422, 'The number opted out of texts (STOP); only one-time codes it asks for are sent.'),
  ('SMS_STATUS_BACKWARDS', 409, 'An SMS status only moves forward (PENDING, SENT, then DELIVERED or FAILED).'),
  ('SMS_LEASE_LOST', 409, 'Another worker holds the message now; this attempt was recorded but changes nothing.'),
  ('TEMPLATE_NAME_TAKEN', 409, 'Another SMS template of the organisation has that name.'),
  ('TEMPLATE_VARIABLES', 422, 'The template''s placeholders and declared variables differ (missing/unused list them).'),
  ('TEMPLATE_VALUES', 422, 'The values given do not match the template''s variables (missing/extra list them).'),
  ('TEMPLATE_INACTIVE', 422, 'The SMS template is switched off.'),
  ('OTP_INVALID', 400, 'The code is wrong, expired or already used (one answer for every case).')
on conflict (code) do nothing;

-- ------------------------------------------------------------------ settings
create table public.sms_settings (
  org_id uuid primary key references public.organisations (id) on delete cascade,
  enabled boolean not null default false,
  provider_order public.sms_provider[] not null default '{semaphore,twilio,movider}'
    check (cardinality(provider_order) between 1 and 3),
  senders jsonb not null default '{}' check (jsonb_typeof(senders) = 'object'),
  default_country text not null default 'PH' check (default_country ~ '^[A-Z]{2}$'),
  auto_statuses public.order_status[] not null default '{}',
  link_base_url text check (link_base_url ~ '^https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?$'),
  configured_providers public.sms_provider[] not null default '{}',
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
comment on table public.sms_settings is
  'Per-organisation SMS settings. Managers+ read them and change them with update_sms_settings(); '
  'credentials are not here (app.sms_credentials, admins+ through set_sms_provider()).';
comment on column public.sms_settings.enabled is 'Master switch: off, nothing is queued (OTP included).';
comment on column public.sms_settings.provider_order is
  'Failover order: the worker tries these in turn (only those in configured_providers).';
comment on column public.sms_settings.senders is 'Sender per provider: {"semaphore": "FLOORLINE", "twilio": "+1555…"}.';
comment on column public.sms_settings.default_country is 'ISO 3166 country for numbers typed without +, e.g. PH.';
comment on column public.sms_settings.auto_statuses is
  'Order statuses that text the customer automatically (off by default: empty). Only customers who opted in '
  '(sms_customer_consents) and did not send STOP get them; the template is the one with that order_status.';
comment on column public.sms_settings.link_base_url is
  'The app''s public origin (https://track.example.com) for tracking links in texts; null: the path alone.';
comment on column public.sms_settings.configured_providers is
  'Providers with credentials stored (written by set_sms_provider only).';

create trigger sms_settings_set_updated_at before update on public.sms_settings
  for each row execute function app.set_updated_at();
create trigger sms_settings_audit after insert or update or delete on public.sms_settings
  for each row execute function app.audit_row();

alter table public.sms_settings enable row level security;
create policy sms_settings_select on public.sms_settings for select to authenticated
  using (org_id = any (array(select app.my_org_ids('manager'))));
create policy sms_settings_insert on public.sms_settings for insert to authenticated with check (false);
create policy sms_settings_update on public.sms_settings for update to authenticated using (false);
create policy sms_settings_delete on public.sms_settings for delete to authenticated using (false);
revoke all on public.sms_settings from public, anon, authenticated, service_role;
grant select on public.sms_settings to authenticated, service_role;

-- ------------------------------------------------------------------ credentials (private)
create table app.sms_credentials (
  org_id uuid not null references public.organisations (id) on delete cascade,
  provider public.sms_provider not null,
  secrets jsonb not null check (jsonb_typeof(secrets) = 'object'),
  updated_at timestamptz not null default now(),
  primary key (org_id, provider)
);
comment on table app.sms_credentials is
  'Provider credentials per organisation ({apiKey} | {accountSid, authToken, messagingServiceSid?} | '
  '{apiKey, apiSecret}). No API role holds any privilege; set_sms_provider writes, the service-role '
  'function sms_provider_config reads for the worker and the callback route.';
alter table app.sms_credentials enable row level security;
revoke all on app.sms_credentials from public, anon, authenticated, service_role;

create table app.sms_callback_secrets (
  org_id uuid primary key references public.organisations (id) on delete cascade,
  secret text not null check (length(secret) between 32 and 200),
  created_at timestamptz not null default now()
);
comment on table app.sms_callback_secrets is
  'The secret the organisation''s delivery-callback URLs carry (?key=), for providers that sign nothing '
  '(Semaphore, Movider; Twilio''s signature is checked as well). Readable by no API role.';
alter table app.sms_callback_secrets enable row level security;
revoke all on app.sms_callback_secrets from public, anon, authenticated, service_role;

-- ------------------------------------------------------------------ templates
create table public.sms_templates (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organisations (id) on delete cascade,
  name text not null check (length(btrim(name)) between 1 and 100),
  description text check (length(description) <= 500),
  body text not null check (length(body) between 1 and 1600),
  variables text[] not null default '{}',
  order_status public.order_status,
  is_active boolean not null default true,
  usage_count integer not null default 0 check (usage_count >= 0),
  last_used_at timestamptz,
  created_by uuid,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (org_id, id),
  foreign key (org_id, created_by) references public.members (org_id, id) on delete set null (created_by)
);
comment on table public.sms_templates is
  'Spec 03 SMSTemplate: a text with {NAME}-style placeholders. Managers+ read and write (RLS); a trigger '
  'checks on every path that every placeholder is declared and every declared variable used, and that '
  'the name is unique in the organisation (case-insensitive). usage_count/last_used_at are kept by a '
  'trigger on sms_messages.';
comment on column public.sms_templates.variables is 'Declared variable names (upper snake case), e.g. {NAME,ORDER_NUMBER}.';
comment on column public.sms_templates.order_status is
  'Set: the automatic text for orders reaching this status (one per status per organisation); its variables '
  'must come from NAME, ORDER_NUMBER, STATUS, TRACKING_LINK, WORKSHOP.';

create unique index sms_templates_org_name_key on public.sms_templates (org_id, lower(btrim(name)));
create unique index sms_templates_org_status_key on public.sms_templates (org_id, order_status)
  where order_status is not null;
create index sms_templates_org_created_by_idx on public.sms_templates (org_id, created_by);
create trigger sms_templates_set_updated_at before update on public.sms_templates
  for each row execute function app.set_updated_at();
create trigger sms_templates_audit after insert or update or delete on public.sms_templates
  for each row execute function app.audit_row('skip:usage_count', 'skip:last_used_at');

alter table public.sms_templates enable row level security;
create policy sms_templates_select on public.sms_templates for select to authenticated
  using (org_id = any (array(select app.my_org_ids('manager'))));
create policy sms_templates_insert on public.sms_templates for insert to authenticated
  with check (org_id = any (array(select app.my_org_ids('manager'))));
create policy sms_templates_update on public.sms_templates for update to authenticated
  using (org_id = any (array(select app.my_org_ids('manager'))))
  with check (org_id = any (array(select app.my_org_ids('manager'))));
create policy sms_templates_delete on public.sms_templates for delete to authenticated
  using (org_id = any (array(select app.my_org_ids('manager'))));
revoke all on public.sms_templates from public, anon, authenticated, service_role;
grant select, delete on public.sms_templates to authenticated;
grant insert (id, org_id, name, description, body, variables, order_status, is_active) on public.sms_templates
  to authenticated;
grant update (name, description, body, variables, order_status, is_active) on public.sms_templates to authenticated;
grant all on public.sms_templates to service_role;

-- ------------------------------------------------------------------ messages
create table public.sms_messages (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organisations (id) on delete cascade,
  to_phone text not null check (to_phone ~ '^\+[1-9][0-9]{6,14}$'),
  body text not null check (length(body) between 1 and 1600),
  template_id uuid,
  variables jsonb check (variables is null or jsonb_typeof(variables) = 'object'),
  source public.sms_source not null default 'manual',
  status public.sms_status not null default 'PENDING',
  provider public.sms_provider,
  provider_message_id text check (length(provider_message_id) <= 200),
  cost_micros bigint check (cost_micros >= 0),
  currency text check (length(currency) <= 10),
  segments smallint not null check (segments >= 1),
  encoding text not null check (encoding in ('GSM-7', 'UCS-2')),
  customer_id uuid,
  order_id uuid,
  sent_by uuid,
  attempts smallint not null default 0 check (attempts >= 0),
  next_attempt_at timestamptz not null default now(),
  lease_token uuid,
  lease_until timestamptz,
  sent_at timestamptz,
  delivered_at timestamptz,
  failed_at timestamptz,
  error text check (length(error) <= 1000),
  dedupe_key text check (length(dedupe_key) <= 200),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (org_id, id),
  unique (org_id, dedupe_key),
  foreign key (org_id, template_id) references public.sms_templates (org_id, id) on delete set null (template_id),
  foreign key (org_id, customer_id) references public.customers (org_id, id) on delete set null (customer_id),
  foreign key (org_id, order_id) references public.orders (org_id, id) on delete set null (order_id),
  foreign key (org_id, sent_by) references public.members (org_id, id) on delete set null (sent_by)
);
comment on table public.sms_messages is
  'Spec 03 SMSMessage, one row per text, written before it is sent (PENDING) in the transaction that caused it. '
  'Managers+ read; only the RPCs write. The worker claims due rows (sms_claim: lease, skip locked) and records '
  'attempts (sms_record_attempt); delivery callbacks apply sms_apply_status. Status moves only forward.';
comment on column public.sms_messages.to_phone is 'E.164 (+639171234567).';
comment on column public.sms_messages.body is
  'The text as sent. OTP texts hold {otp} where the code goes: the code itself never sits in a readable column.';
comment on column public.sms_messages.cost_micros is 'Millionths of currency (provider credits for Semaphore).';
comment on column public.sms_messages.attempts is 'Attempts so far (sms_attempts rows), across providers and rounds.';
comment on column public.sms_messages.next_attempt_at is 'When the message is next due (backoff after a failed round).';
comment on column public.sms_messages.lease_token is 'The claim of the worker sending it now; expires at lease_until.';
comment on column public.sms_messages.dedupe_key is 'One text per cause: automatic texts use order:<id>:<status>:<n>.';

create index sms_messages_due_idx on public.sms_messages (next_attempt_at) where status = 'PENDING';
create index sms_messages_org_created_idx on public.sms_messages (org_id, created_at desc, id desc);
create index sms_messages_org_status_idx on public.sms_messages (org_id, status, created_at desc);
create index sms_messages_provider_id_idx on public.sms_messages (provider, provider_message_id)
  where provider_message_id is not null;
create index sms_messages_org_template_idx on public.sms_messages (org_id, template_id);
create index sms_messages_org_customer_idx on public.sms_messages (org_id, customer_id);
create index sms_messages_org_order_idx on public.sms_messages (org_id, order_id);
create index sms_messages_org_sent_by_idx on public.sms_messages (org_id, sent_by);
create index sms_messages_org_phone_idx on public.sms_messages (org_id, to_phone, created_at desc);
create trigger sms_messages_set_updated_at before update on public.sms_messages
  for each row execute function app.set_updated_at();

alter table public.sms_messages enable row level security;
create policy sms_messages_select on public.sms_messages for select to authenticated
  using (org_id = any (array(select app.my_org_ids('manager'))));
create policy sms_messages_insert on public.sms_messages for insert to authenticated with check (false);
create policy sms_messages_update on public.sms_messages for update to authenticated using (false);
create policy sms_messages_delete on public.sms_messages for delete to authenticated using (false);
revoke all on public.sms_messages from public, anon, authenticated, service_role;
grant select (id, org_id, to_phone, body, template_id, variables, source, status, provider, provider_message_id,
              cost_micros, currency, segments, encoding, customer_id, order_id, sent_by, attempts, next_attempt_at,
              sent_at, delivered_at, failed_at, error, created_at, updated_at)
  on public.sms_messages to authenticated, service_role;

-- The code of an OTP text until it leaves PENDING (the worker puts it into the body's {otp}).
create table app.sms_otp_payloads (
  message_id uuid primary key references public.sms_messages (id) on delete cascade,
  code text not null check (code ~ '^[0-9]{6}$')
);
comment on table app.sms_otp_payloads is
  'The plain code of an OTP text waiting to be sent; deleted by trigger when the message is SENT, DELIVERED '
  'or FAILED. Readable by no API role.';
alter table app.sms_otp_payloads enable row level security;
revoke all on app.sms_otp_payloads from public, anon, authenticated, service_role;

-- ------------------------------------------------------------------ attempts
create table public.sms_attempts (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null,
  message_id uuid not null,
  attempt_no smallint not null check (attempt_no >= 1),
  provider public.sms_provider not null,
  request_id text not null check (length(request_id) between 1 and 200),
  outcome public.sms_attempt_outcome not null,
  provider_status text check (length(provider_status) <= 100),
  provider_message_id text check (length(provider_message_id) <= 200),
  provider_code text check (length(provider_code) <= 100),
  error text check (length(error) <= 1000),
  http_status smallint check (http_status between 100 and 599),
  latency_ms integer check (latency_ms >= 0),
  cost_micros bigint check (cost_micros >= 0),
  currency text check (length(currency) <= 10),
  created_at timestamptz not null default now(),
  unique (message_id, attempt_no),
  unique (message_id, request_id),
  foreign key (org_id, message_id) references public.sms_messages (org_id, id) on delete cascade
);
comment on table public.sms_attempts is
  'Every try of a message at a provider (request id, outcome, error, latency, cost, HTTP status): the message '
  'log''s timeline. Managers+ read; only sms_record_attempt writes (idempotent by request_id).';
comment on column public.sms_attempts.request_id is 'The worker''s id for this call (<message id>:<attempt no>).';
create index sms_attempts_org_message_idx on public.sms_attempts (org_id, message_id, attempt_no);

alter table public.sms_attempts enable row level security;
create policy sms_attempts_select on public.sms_attempts for select to authenticated
  using (org_id = any (array(select app.my_org_ids('manager'))));
create policy sms_attempts_insert on public.sms_attempts for insert to authenticated with check (false);
create policy sms_attempts_update on public.sms_attempts for update to authenticated using (false);
create policy sms_attempts_delete on public.sms_attempts for delete to authenticated using (false);
revoke all on public.sms_attempts from public, anon, authenticated, service_role;
grant select on public.sms_attempts to authenticated, service_role;

-- ------------------------------------------------------------------ consent and STOP
create table public.sms_customer_consents (
  org_id uuid not null,
  customer_id uuid not null,
  phone text check (phone ~ '^\+[1-9][0-9]{6,14}$'),
  opted_in boolean not null default false,
  opted_in_at timestamptz,
  phone_verified_at timestamptz,
  updated_at timestamptz not null default now(),
  primary key (org_id, customer_id),
  foreign key (org_id, customer_id) references public.customers (org_id, id) on delete cascade
);
comment on table public.sms_customer_consents is
  'A customer''s consent to automatic texts and the E.164 number they go to (verified by OTP from the '
  'tracking page, or entered by staff). Supervisors+ read (as customers); set_customer_sms_consent writes.';
create trigger sms_customer_consents_set_updated_at before update on public.sms_customer_consents
  for each row execute function app.set_updated_at();
create trigger sms_customer_consents_audit after insert or update or delete on public.sms_customer_consents
  for each row execute function app.audit_row();

alter table public.sms_customer_consents enable row level security;
create policy sms_customer_consents_select on public.sms_customer_consents for select to authenticated
  using (org_id = any (array(select app.my_org_ids('supervisor'))));
create policy sms_customer_consents_insert on public.sms_customer_consents for insert to authenticated
  with check (false);
create policy sms_customer_consents_update on public.sms_customer_consents for update to authenticated
  using (false);
create policy sms_customer_consents_delete on public.sms_customer_consents for delete to authenticated
  using (false);
revoke all on public.sms_customer_consents from public, anon, authenticated, service_role;
grant select on public.sms_customer_consents to authenticated, service_role;

create table public.sms_opt_outs (
  org_id uuid not null references public.organisations (id) on delete cascade,
  phone text not null check (phone ~ '^\+[1-9][0-9]{6,14}$'),
  source text not null check (source in ('stop_reply', 'staff', 'customer')),
  created_at timestamptz not null default now(),
  primary key (org_id, phone)
);
comment on table public.sms_opt_outs is
  'Numbers that said STOP (or were opted out by staff or on the tracking page): no text goes to them but a '
  'one-time code they ask for. Managers+ read; sms_opt_out / sms_opt_in write.';
alter table public.sms_opt_outs enable row level security;
create policy sms_opt_outs_select on public.sms_opt_outs for select to authenticated
  using (org_id = any (array(select app.my_org_ids('manager'))));
create policy sms_opt_outs_insert on public.sms_opt_outs for insert to authenticated with check (false);
create policy sms_opt_outs_update on public.sms_opt_outs for update to authenticated using (false);
create policy sms_opt_outs_delete on public.sms_opt_outs for delete to authenticated using (false);
revoke all on public.sms_opt_outs from public, anon, authenticated, service_role;
grant select on public.sms_opt_outs to authenticated, service_role;

-- ------------------------------------------------------------------ one-time codes
create table public.otp_codes (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organisations (id) on delete cascade,
  phone text not null check (phone ~ '^\+[1-9][0-9]{6,14}$'),
  purpose public.otp_purpose not null,
  code_hash text not null check (code_hash ~ '^[0-9a-f]{64}$'),
  attempts smallint not null default 0 check (attempts between 0 and 3),
  max_attempts smallint not null default 3 check (max_attempts between 1 and 3),
  subject_id uuid,
  message_id uuid references public.sms_messages (id) on delete set null,
  ip_address inet,
  user_agent text check (length(user_agent) <= 500),
  expires_at timestamptz not null,
  verified_at timestamptz,
  dead_at timestamptz,
  created_at timestamptz not null default now(),
  check (expires_at > created_at and expires_at <= created_at + interval '10 minutes'),
  check (attempts <= max_attempts)
);
comment on table public.otp_codes is
  'Spec 03 OTPCode (OWASP ASVS V6): 6 CSPRNG digits stored only as SHA-256(id:code), bound to a purpose and '
  'phone, single use (verified_at), ≤ 10 minutes, ≤ 3 attempts then dead. Every request is a row (known '
  'number or not: the per-phone and per-IP limits count them). No API role reads it: otp_request/otp_verify.';
comment on column public.otp_codes.subject_id is
  'Whom the code is for when the number is known: the auth user (LOGIN, RESET_PASSWORD) or the customer (VERIFY_PHONE).';
comment on column public.otp_codes.message_id is 'The text that carried it (null for an unknown number: nothing is sent).';
create index otp_codes_phone_idx on public.otp_codes (org_id, phone, purpose, created_at desc);
create index otp_codes_ip_idx on public.otp_codes (ip_address, created_at desc);
create index otp_codes_message_idx on public.otp_codes (message_id);

alter table public.otp_codes enable row level security;
create policy otp_codes_select on public.otp_codes for select to authenticated using (false);
create policy otp_codes_insert on public.otp_codes for insert to authenticated with check (false);
create policy otp_codes_update on public.otp_codes for update to authenticated using (false);
create policy otp_codes_delete on public.otp_codes for delete to authenticated using (false);
revoke all on public.otp_codes from public, anon, authenticated, service_role;

-- ------------------------------------------------------------------ settings row for every organisation
insert into public.sms_settings (org_id) select o.id from public.organisations o on conflict do nothing;
insert into app.sms_callback_secrets (org_id, secret)
  select o.id, encode(extensions.gen_random_bytes(24), 'hex') from public.organisations o on conflict do nothing;

create function app.sms_org_created() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  insert into public.sms_settings (org_id) values (new.id) on conflict do nothing;
  insert into app.sms_callback_secrets (org_id, secret)
    values (new.id, encode(extensions.gen_random_bytes(24), 'hex')) on conflict do nothing;
  return null;
end $$;
comment on function app.sms_org_created() is
  'Trigger: every organisation gets its SMS settings (off) and a random delivery-callback secret.';
create trigger organisations_sms_settings after insert on public.organisations
  for each row execute function app.sms_org_created();

revoke execute on all functions in schema app from public;
