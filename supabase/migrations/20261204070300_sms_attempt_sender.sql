-- The sender of each attempt (issue 13; spec 03's SMSMessage `from`): the sender name or number the
-- worker gave the provider (sms_settings.senders, or Twilio's Messaging Service when no number is set),
-- kept per attempt because a failover sends from another provider's sender. sms_record_attempt takes
-- it as p_sender (same rules otherwise: the function is the one of 20261204053000 with one more
-- argument); the attempt timeline shows it.

alter table public.sms_attempts add column sender text check (length(sender) <= 64);
comment on column public.sms_attempts.sender is
  'What the text went out from at this provider: a sender name, a number, or "Messaging Service MG…"; null when '
  'the provider''s default sender was used or nothing was sent (skipped).';

drop function public.sms_record_attempt(uuid, uuid, public.sms_provider, text, public.sms_attempt_outcome, text, text,
  text, text, integer, integer, bigint, text, integer);
create function public.sms_record_attempt(
  p_message_id uuid, p_lease_token uuid, p_provider public.sms_provider, p_request_id text,
  p_outcome public.sms_attempt_outcome, p_provider_message_id text default null, p_provider_status text default null,
  p_provider_code text default null, p_error text default null, p_http_status integer default null,
  p_latency_ms integer default null, p_cost_micros bigint default null, p_currency text default null,
  p_retry_after_seconds integer default null, p_sender text default null
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
                                   currency, sender)
    values (v_m.org_id, v_m.id, v_no, p_provider, left(p_request_id, 200), p_outcome, left(p_provider_status, 100),
            left(p_provider_message_id, 200), left(p_provider_code, 100), v_error, p_http_status,
            greatest(p_latency_ms, 0), p_cost_micros, left(p_currency, 10), left(nullif(btrim(p_sender), ''), 64));

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
  text, text, text, integer, integer, bigint, text, integer, text) is
  'Service role only: records one attempt (idempotent by request id) and decides what follows: sent → SENT; '
  'permanent → FAILED with the provider''s reason; retryable/skipped → {done: false, next_provider} within a '
  'round (a bulk text whose next provider has no slot this minute waits: {done: true, throttled}), else backoff '
  '(30 s doubling, ≤ 15 min, Retry-After honoured) or FAILED after 4 rounds or a round of skips only. A lost '
  'lease records the attempt and changes nothing else (but a send).';

revoke execute on function public.sms_record_attempt(uuid, uuid, public.sms_provider, text, public.sms_attempt_outcome,
  text, text, text, text, integer, integer, bigint, text, integer, text) from public, anon, authenticated, service_role;
grant execute on function public.sms_record_attempt(uuid, uuid, public.sms_provider, text, public.sms_attempt_outcome,
  text, text, text, text, integer, integer, bigint, text, integer, text) to service_role;
