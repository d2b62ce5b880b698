-- A test send aimed at one provider (issue 13, Providers & settings → Test send): the text is logged
-- with source `test` and goes to that provider only — no failover to another, so a manager learns
-- whether *this* provider's credentials and sender work. sms_messages.only_provider pins it;
-- app.sms_message_providers(m) is the failover order for a message (the pinned provider alone, if it
-- still has credentials), which sms_claim and sms_record_attempt now use (both otherwise the
-- functions of 20261204053000 / 20261204070300). Retries and backoff are as for any text.

alter table public.sms_messages add column only_provider public.sms_provider;
comment on column public.sms_messages.only_provider is
  'Set for a test send aimed at one provider: no failover to another. Null: the organisation''s failover order.';

create function app.sms_message_providers(p_m public.sms_messages) returns public.sms_provider[]
language sql stable security definer set search_path = '' as $$
  select case when p_m.only_provider is null then app.sms_providers_for(p_m.org_id)
              when p_m.only_provider = any (app.sms_providers_for(p_m.org_id)) then array[p_m.only_provider]
              else '{}'::public.sms_provider[] end
$$;
comment on function app.sms_message_providers(public.sms_messages) is
  'The providers to try for a message, in order: its only_provider alone (if it has credentials), else the '
  'organisation''s failover order.';

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
    v_providers := app.sms_message_providers(v_m);
    select s.enabled into v_enabled from public.sms_settings s where s.org_id = v_m.org_id;
    if cardinality(v_providers) = 0 or not coalesce(v_enabled, false) then
      -- settings changed since it was queued: say so rather than wait for ever
      update public.sms_messages m set status = 'FAILED',
        error = case when cardinality(v_providers) = 0 and v_m.only_provider is not null
                       then format('%s has no credentials any more', v_m.only_provider)
                     when cardinality(v_providers) = 0 then 'No SMS provider has credentials any more'
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

create or replace function public.sms_record_attempt(
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

  v_providers := app.sms_message_providers(v_m);
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


create function public.sms_send_test(p_org_id uuid, p_to text, p_provider public.sms_provider default null)
returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_m public.sms_messages;
begin
  perform app.require_member(p_org_id, 'manager', true);
  if p_provider is not null and not (p_provider = any (app.sms_providers_for(p_org_id))) then
    perform app.raise('VALIDATION_FAILED', format('%s has no credentials or is not in the failover order', p_provider),
      'provider');
  end if;
  v_m := app.sms_enqueue(p_org_id, p_to,
    format('Floorline test text%s: your SMS settings work.', coalesce(' via ' || initcap(p_provider::text), '')),
    'test', null, null, null, null, null, null);
  if p_provider is not null then
    update public.sms_messages m set only_provider = p_provider where m.id = v_m.id returning * into v_m;
  end if;
  return jsonb_build_object('message', app.sms_message_json(v_m));
end $$;
comment on function public.sms_send_test(uuid, text, public.sms_provider) is
  'Managers+: queues a test text (source test) to a number, through one provider only when p_provider is given '
  '(VALIDATION_FAILED under provider when it has no credentials), else in the failover order. {message}.';

revoke execute on function app.sms_message_providers(public.sms_messages) from public;
revoke execute on function public.sms_send_test(uuid, text, public.sms_provider) from public, anon, authenticated, service_role;
grant execute on function public.sms_send_test(uuid, text, public.sms_provider) to authenticated, service_role;
