-- Issue 13 leftovers (docs/sms.md): monthly cost by provider, bulk sends you can follow, a
-- per-provider throttle for bulk sends, and inbound STOP / START replies.
--
-- Throttle. A bulk of 1,000 texts must not hit a provider faster than it takes them (Semaphore's
-- /api/v4/messages is limited to 120 calls a minute; a Twilio long code sends about one a second).
-- The rate lives in the database, per organisation and provider (sms_settings.bulk_rates, texts
-- per minute), and the slots in app.sms_rate_slots: sms_claim takes a slot for each bulk text it
-- hands out (for the provider of that attempt) and leaves the text PENDING, due at the next minute,
-- when the minute is full; sms_record_attempt does the same before failing over to the next
-- provider. A slot is taken in the claiming transaction, so a worker that dies or restarts never
-- sends more than the rate (its slot is spent, its lease runs out, the text is claimed again
-- later): nothing is lost (the row is the queue) and nothing is sent twice (the lease, as before).
-- One-off, automatic and OTP texts are never held back.

-- ------------------------------------------------------------------ columns
alter table public.sms_messages add column bulk_id uuid;
comment on column public.sms_messages.bulk_id is
  'The bulk send this text belongs to (sms_send_bulk: its client id), for sms_bulk_progress.';
create index sms_messages_org_bulk_idx on public.sms_messages (org_id, bulk_id) where bulk_id is not null;
grant select (bulk_id) on public.sms_messages to authenticated, service_role;

create function app.sms_valid_rates(p_rates jsonb) returns boolean
language sql immutable set search_path = '' as $$
  select jsonb_typeof(p_rates) = 'object'
     and not exists (
       select 1 from jsonb_each(p_rates) e
       where e.key not in ('semaphore', 'twilio', 'movider')
          or jsonb_typeof(e.value) <> 'number'
          or (e.value)::numeric <> trunc((e.value)::numeric)
          or (e.value)::numeric not between 1 and 6000)
$$;
comment on function app.sms_valid_rates(jsonb) is
  'True for {provider: texts per minute} with known providers and whole numbers 1..6000.';

alter table public.sms_settings
  add column bulk_rates jsonb not null default '{"semaphore": 120, "twilio": 60, "movider": 60}'
    check (app.sms_valid_rates(bulk_rates));
comment on column public.sms_settings.bulk_rates is
  'Bulk texts per minute per provider (sms_claim holds the rest until the next minute). Defaults: Semaphore 120 '
  '(its documented API limit), Twilio 60 (one a second from a long code), Movider 60. set_sms_bulk_rates writes.';

-- ------------------------------------------------------------------ rate slots (no API role)
create table app.sms_rate_slots (
  org_id uuid not null references public.organisations (id) on delete cascade,
  provider public.sms_provider not null,
  window_start timestamptz not null,
  used integer not null check (used >= 0),
  primary key (org_id, provider, window_start)
);
comment on table app.sms_rate_slots is
  'Bulk texts handed to each provider per organisation and minute (app.sms_take_slot). Private: no API role.';
alter table app.sms_rate_slots enable row level security;
revoke all on app.sms_rate_slots from public, anon, authenticated, service_role;

-- Takes one slot of this minute for a bulk text to p_provider. Null when taken; else the start of
-- the next minute (when to try again). Old windows are pruned as it goes (one row per minute).
create function app.sms_take_slot(p_org_id uuid, p_provider public.sms_provider) returns timestamptz
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_window timestamptz := date_trunc('minute', now());
  v_rate integer;
  v_used integer;
begin
  select coalesce((s.bulk_rates ->> p_provider::text)::integer,
                  case p_provider when 'semaphore' then 120 else 60 end)
    into v_rate from public.sms_settings s where s.org_id = p_org_id;
  v_rate := coalesce(v_rate, 60);
  insert into app.sms_rate_slots as r (org_id, provider, window_start, used)
    values (p_org_id, p_provider, v_window, 1)
    on conflict (org_id, provider, window_start) do update set used = r.used + 1 where r.used < v_rate
    returning r.used into v_used;
  if v_used is null then
    return v_window + interval '1 minute';
  end if;
  if v_used = 1 then
    delete from app.sms_rate_slots r
      where r.org_id = p_org_id and r.provider = p_provider and r.window_start < v_window - interval '1 hour';
  end if;
  return null;
end $$;
comment on function app.sms_take_slot(uuid, public.sms_provider) is
  'One bulk text to this provider this minute: null when a slot was taken, else when the next minute starts.';

create function public.set_sms_bulk_rates(p_org_id uuid, p_rates jsonb) returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_rates jsonb;
begin
  perform app.require_member(p_org_id, 'manager', true);
  if p_rates is null or not app.sms_valid_rates(p_rates) then
    perform app.raise('VALIDATION_FAILED', 'Texts per minute per provider: whole numbers from 1 to 6000', 'bulk_rates');
  end if;
  update public.sms_settings s set bulk_rates = s.bulk_rates || p_rates where s.org_id = p_org_id
    returning s.bulk_rates into v_rates;
  if v_rates is null then
    perform app.raise('NOT_FOUND', 'No such organisation');
  end if;
  return jsonb_build_object('bulk_rates', v_rates);
end $$;
comment on function public.set_sms_bulk_rates(uuid, jsonb) is
  'Managers+: bulk texts per minute per provider ({"twilio": 30}: the others stay). Returns {bulk_rates}.';

-- ------------------------------------------------------------------ bulk send, stamped
create or replace function public.sms_send_bulk(
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
  -- the bulk's id is its client id (a replay names the same bulk), else a new one
  v_bulk uuid := coalesce(p_client_id, gen_random_uuid());
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
  update public.sms_messages m set bulk_id = v_bulk where m.id = any (v_ids);
  return app.replay_store(p_client_id, 'sms_send_bulk', p_org_id,
    jsonb_build_object('bulk_id', v_bulk, 'queued', cardinality(v_ids), 'message_ids', to_jsonb(v_ids),
                       'skipped', v_skipped));
end $$;
comment on function public.sms_send_bulk(uuid, jsonb, text, uuid, uuid) is
  'Managers+: queues one text per recipient [{to, customer_id?, values?}] (≤ 1000) in one transaction, all '
  'stamped with one bulk id (the client id); invalid and opted-out numbers are skipped with a reason. Returns '
  '{bulk_id, queued, message_ids, skipped[{index, to, reason}]}. Sent at the providers'' bulk rates.';

create function public.sms_bulk_progress(p_org_id uuid, p_bulk_id uuid) returns jsonb
language plpgsql stable security definer set search_path = '' as $$
declare
  v jsonb;
begin
  perform app.require_member(p_org_id, 'manager', true);
  select jsonb_build_object(
      'bulk_id', p_bulk_id,
      'total', count(*),
      'pending', count(*) filter (where m.status = 'PENDING'),
      'sent', count(*) filter (where m.status = 'SENT'),
      'delivered', count(*) filter (where m.status = 'DELIVERED'),
      'failed', count(*) filter (where m.status = 'FAILED'),
      'waiting_for_rate', count(*) filter (where m.status = 'PENDING' and m.next_attempt_at > now()),
      'next_at', min(m.next_attempt_at) filter (where m.status = 'PENDING'),
      'started_at', min(m.created_at),
      'finished_at', case when count(*) filter (where m.status = 'PENDING') = 0 and count(*) > 0
                          then max(coalesce(m.sent_at, m.failed_at, m.updated_at)) end,
      'cost_micros', coalesce(sum(m.cost_micros), 0))
    into v
    from public.sms_messages m where m.org_id = p_org_id and m.bulk_id = p_bulk_id;
  if (v ->> 'total')::integer = 0 then
    perform app.raise('NOT_FOUND', 'No such bulk send in this workshop', 'bulk_id');
  end if;
  return v;
end $$;
comment on function public.sms_bulk_progress(uuid, uuid) is
  'Managers+: how a bulk send is going: {bulk_id, total, pending, sent, delivered, failed, waiting_for_rate, '
  'next_at, started_at, finished_at, cost_micros}. The screen re-reads it when org:<org>:sms says a text changed.';

-- ------------------------------------------------------------------ monthly cost by provider
create function public.sms_monthly_costs(p_org_id uuid, p_months integer default 12) returns jsonb
language plpgsql stable security definer set search_path = '' as $$
declare
  v_tz text;
  v_from timestamptz;
  v jsonb;
begin
  perform app.require_member(p_org_id, 'manager', true);
  if p_months is null or p_months not between 1 and 36 then
    perform app.raise('VALIDATION_FAILED', 'Ask for 1 to 36 months', 'months');
  end if;
  select o.time_zone into v_tz from public.organisations o where o.id = p_org_id;
  v_tz := coalesce(v_tz, 'UTC');
  -- the first day of the oldest month asked for, in the workshop's zone
  v_from := (date_trunc('month', now() at time zone v_tz) - make_interval(months => p_months - 1)) at time zone v_tz;
  select coalesce(jsonb_agg(jsonb_build_object(
      'month', r.month, 'provider', r.provider, 'texts', r.texts, 'segments', r.segments,
      'cost_micros', r.cost_micros, 'currency', r.currency, 'priced', r.priced)
      order by r.month desc, r.provider), '[]')
    into v
    from (
      select to_char(m.sent_at at time zone v_tz, 'YYYY-MM') as month, m.provider,
             count(*) as texts, sum(m.segments) as segments,
             coalesce(sum(m.cost_micros), 0) as cost_micros,
             -- a provider bills in one currency (Semaphore in credits): the most used one names the sum
             mode() within group (order by m.currency) as currency,
             count(m.cost_micros) as priced
      from public.sms_messages m
      where m.org_id = p_org_id and m.provider is not null and m.sent_at >= v_from
      group by 1, 2
    ) r;
  return v;
end $$;
comment on function public.sms_monthly_costs(uuid, integer) is
  'Managers+: what texts cost per month (the workshop''s time zone) and provider over the last p_months (1..36): '
  '[{month YYYY-MM, provider, texts, segments, cost_micros, currency, priced (texts the provider priced)}], newest '
  'first. Texts that reached a provider count (sent_at set), whatever happened after.';
create index sms_messages_org_sent_idx on public.sms_messages (org_id, sent_at) where provider is not null;

-- ------------------------------------------------------------------ claim and failover, throttled
create or replace function public.sms_claim(
  p_limit integer default 20, p_lease_seconds integer default 60, p_message_ids uuid[] default null
) returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_m public.sms_messages;
  v_providers public.sms_provider[];
  v_provider public.sms_provider;
  v_enabled boolean;
  v_wait timestamptz;
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
    v_provider := v_providers[(v_m.attempts % cardinality(v_providers)) + 1];
    if v_m.source = 'bulk' then
      v_wait := app.sms_take_slot(v_m.org_id, v_provider);
      if v_wait is not null then
        -- this minute's rate for that provider is used up: due again at the next minute, unleased
        update public.sms_messages m set next_attempt_at = v_wait, lease_token = null, lease_until = null
          where m.id = v_m.id;
        continue;
      end if;
    end if;
    v_out := v_out || jsonb_build_object(
      'id', v_m.id, 'org_id', v_m.org_id, 'to', v_m.to_phone, 'body', v_m.body, 'source', v_m.source,
      'attempts', v_m.attempts, 'lease_token', v_m.lease_token, 'lease_until', v_m.lease_until,
      'provider', v_provider,
      'otp_code', (select p.code from app.sms_otp_payloads p where p.message_id = v_m.id));
  end loop;
  return v_out;
end $$;
comment on function public.sms_claim(integer, integer, uuid[]) is
  'Service role only: leases up to p_limit due PENDING messages (for update skip locked; an expired lease is '
  'due again) and returns [{id, org_id, to, body, source, attempts, lease_token, lease_until, provider (the one '
  'to try now), otp_code (OTP texts only)}]. Bulk texts take a slot of their provider''s rate per minute '
  '(sms_settings.bulk_rates); without one they stay PENDING, due at the next minute. p_message_ids narrows it to '
  'those (the after() right after a send).';

create or replace function public.sms_record_attempt(
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
  v_until timestamptz;
  v_next public.sms_provider;
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
    v_next := v_providers[(v_no % v_n) + 1];
    -- failover, but a bulk text waits for the next provider's rate like any other
    if v_m.source = 'bulk' then
      v_until := app.sms_take_slot(v_m.org_id, v_next);
      if v_until is not null then
        update public.sms_messages m set attempts = v_no, error = v_error, next_attempt_at = v_until,
          lease_token = null, lease_until = null
          where m.id = v_m.id;
        return jsonb_build_object('status', 'PENDING', 'done', true, 'next_attempt_at', v_until, 'throttled', true);
      end if;
    end if;
    -- the next provider now, under a renewed lease
    update public.sms_messages m set attempts = v_no, error = v_error, lease_until = now() + interval '60 seconds'
      where m.id = v_m.id;
    return jsonb_build_object('status', 'PENDING', 'done', false, 'next_provider', v_next);
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
  'round (a bulk text whose next provider has no slot this minute waits: {done: true, throttled}), else backoff '
  '(30 s doubling, ≤ 15 min, Retry-After honoured) or FAILED after 4 rounds or a round of skips only. A lost '
  'lease records the attempt and changes nothing else (but a send).';

-- ------------------------------------------------------------------ inbound replies: STOP / START
create table public.sms_inbound_messages (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organisations (id) on delete cascade,
  provider public.sms_provider not null,
  provider_message_id text not null check (length(provider_message_id) between 1 and 200),
  from_phone text not null check (from_phone ~ '^\+[1-9][0-9]{6,14}$'),
  body text not null check (length(body) <= 1600),
  action text not null check (action in ('opt_out', 'opt_in', 'help', 'none')),
  created_at timestamptz not null default now(),
  unique (org_id, provider, provider_message_id)
);
comment on table public.sms_inbound_messages is
  'Replies customers texted back (a provider''s inbound webhook, /api/sms/inbound/[provider]) and what they did: '
  'STOP and its synonyms opt the number out (sms_opt_outs), START opts it back in. One row per provider message '
  'id, so a replayed webhook changes nothing. Managers+ read; sms_inbound only writes.';
create index sms_inbound_messages_org_created_idx on public.sms_inbound_messages (org_id, created_at desc);
alter table public.sms_inbound_messages enable row level security;
create policy sms_inbound_messages_select on public.sms_inbound_messages for select to authenticated
  using (org_id = any (array(select app.my_org_ids('manager'))));
create policy sms_inbound_messages_insert on public.sms_inbound_messages for insert to authenticated with check (false);
create policy sms_inbound_messages_update on public.sms_inbound_messages for update to authenticated using (false);
create policy sms_inbound_messages_delete on public.sms_inbound_messages for delete to authenticated using (false);
revoke all on public.sms_inbound_messages from public, anon, authenticated, service_role;
grant select on public.sms_inbound_messages to authenticated, service_role;

-- The keywords carriers and providers use (CTIA / Twilio's defaults): the first word decides.
create function app.sms_inbound_action(p_body text) returns text
language sql immutable set search_path = '' as $$
  select case
    when w in ('STOP', 'STOPALL', 'UNSUBSCRIBE', 'CANCEL', 'END', 'QUIT', 'OPTOUT', 'REVOKE') then 'opt_out'
    when w in ('START', 'UNSTOP', 'YES', 'SUBSCRIBE') then 'opt_in'
    when w in ('HELP', 'INFO') then 'help'
    else 'none' end
  from (select upper(coalesce(substring(btrim(coalesce(p_body, '')) from '^([A-Za-z-]+)'), '')) as w0) a,
       lateral (select replace(a.w0, '-', '') as w) b
$$;
comment on function app.sms_inbound_action(text) is
  'What a reply asks for by its first word: opt_out (STOP, UNSUBSCRIBE, CANCEL, END, QUIT, …), opt_in (START, '
  'UNSTOP, YES), help (HELP, INFO) or none.';

create function public.sms_inbound(
  p_org_id uuid, p_provider public.sms_provider, p_provider_message_id text, p_from text, p_body text
) returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_action text := app.sms_inbound_action(p_body);
  v_from text := btrim(p_from);
  v_id uuid;
begin
  if not app.is_service_role() then
    perform app.raise('FORBIDDEN', 'Only the inbound webhook records replies');
  end if;
  if v_from is null or v_from !~ '^\+[1-9][0-9]{6,14}$' then
    perform app.raise('VALIDATION_FAILED', 'The sender is not an international number', 'from');
  end if;
  if nullif(btrim(p_provider_message_id), '') is null then
    perform app.raise('VALIDATION_FAILED', 'The reply has no message id', 'message_id');
  end if;
  insert into public.sms_inbound_messages (org_id, provider, provider_message_id, from_phone, body, action)
    values (p_org_id, p_provider, left(btrim(p_provider_message_id), 200), v_from, left(coalesce(p_body, ''), 1600),
            v_action)
    on conflict (org_id, provider, provider_message_id) do nothing
    returning id into v_id;
  if v_id is null then
    return jsonb_build_object('action', v_action, 'replayed', true);
  end if;
  if v_action = 'opt_out' then
    insert into public.sms_opt_outs (org_id, phone, source) values (p_org_id, v_from, 'stop_reply')
      on conflict (org_id, phone) do nothing;
    update public.sms_customer_consents c set opted_in = false where c.org_id = p_org_id and c.phone = v_from;
  elsif v_action = 'opt_in' then
    -- the customer's own word lifts their STOP; automatic texts stay off until they opt in again
    delete from public.sms_opt_outs o where o.org_id = p_org_id and o.phone = v_from;
  end if;
  return jsonb_build_object('action', v_action, 'replayed', false);
end $$;
comment on function public.sms_inbound(uuid, public.sms_provider, text, text, text) is
  'Service role only (the inbound webhook, after checking the provider''s signature or the URL secret): records a '
  'reply and acts on its keyword: opt_out → sms_opt_outs (source stop_reply) and automatic texts off; opt_in → the '
  'STOP lifted. Once per provider message id: {action, replayed}.';

revoke execute on function app.sms_valid_rates(jsonb), app.sms_take_slot(uuid, public.sms_provider),
  app.sms_inbound_action(text) from public;
revoke execute on function
  public.set_sms_bulk_rates(uuid, jsonb),
  public.sms_bulk_progress(uuid, uuid),
  public.sms_monthly_costs(uuid, integer),
  public.sms_inbound(uuid, public.sms_provider, text, text, text)
  from public, anon, authenticated, service_role;
grant execute on function
  public.set_sms_bulk_rates(uuid, jsonb),
  public.sms_bulk_progress(uuid, uuid),
  public.sms_monthly_costs(uuid, integer)
  to authenticated, service_role;
grant execute on function public.sms_inbound(uuid, public.sms_provider, text, text, text) to service_role;
