-- sms_apply_status takes the message id or the provider's id, either may be missing: its arguments
-- are reordered so both can default to null (the callback route passes what the report carries).
--
-- Semaphore posts no delivery reports: the cron route asks it about SENT texts instead
-- (lib/sms/stragglers.ts). sms_stragglers hands out a few at a time and stamps them checked, so
-- concurrent cron calls never poll the same text and a text is asked about at most every 5 minutes,
-- for 3 days after it was sent.

alter table public.sms_messages add column status_checked_at timestamptz;
comment on column public.sms_messages.status_checked_at is
  'When the provider was last asked about this SENT text (providers without delivery reports).';
create index sms_messages_stragglers_idx on public.sms_messages (sent_at)
  where status = 'SENT' and provider = 'semaphore';

create function public.sms_stragglers(p_limit integer default 50) returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_out jsonb;
begin
  with due as (
    select m.id from public.sms_messages m
    where m.status = 'SENT' and m.provider = 'semaphore' and m.provider_message_id is not null
      and m.sent_at > now() - interval '3 days' and m.sent_at < now() - interval '20 seconds'
      and (m.status_checked_at is null or m.status_checked_at < now() - interval '5 minutes')
    order by m.status_checked_at nulls first, m.sent_at
    limit least(greatest(coalesce(p_limit, 50), 1), 200)
    for update skip locked
  ), stamped as (
    update public.sms_messages m set status_checked_at = now() from due where m.id = due.id
      returning m.id, m.org_id, m.provider, m.provider_message_id
  )
  select coalesce(jsonb_agg(jsonb_build_object('id', s.id, 'org_id', s.org_id, 'provider', s.provider,
                                               'provider_message_id', s.provider_message_id)), '[]')
    into v_out from stamped s;
  return v_out;
end $$;
comment on function public.sms_stragglers(integer) is
  'Service role only: up to p_limit SENT texts of providers without delivery reports (Semaphore) to ask about '
  '(not asked in 5 minutes, sent 20 s to 3 days ago), stamped as checked. [{id, org_id, provider, provider_message_id}].';
revoke execute on function public.sms_stragglers(integer) from public, anon, authenticated, service_role;
grant execute on function public.sms_stragglers(integer) to service_role;

drop function public.sms_apply_status(uuid, public.sms_provider, uuid, text, public.sms_status, text, text);
-- Delivery callbacks: forward only, so replays and late or out-of-order reports change nothing.
create function public.sms_apply_status(
  p_org_id uuid, p_provider public.sms_provider, p_status public.sms_status, p_message_id uuid default null,
  p_provider_message_id text default null, p_provider_status text default null, p_error text default null
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
comment on function public.sms_apply_status(uuid, public.sms_provider, public.sms_status, uuid, text, text, text) is
  'Service role only (the callback route, after checking the signature or the URL secret): moves a message '
  'forward to SENT, DELIVERED or FAILED, found by our id or the provider''s. Replays and statuses that would go '
  'backwards answer {applied: false, reason: not_forward}; unknown messages {applied: false, reason: unknown_message}.';

revoke execute on function public.sms_apply_status(uuid, public.sms_provider, public.sms_status, uuid, text, text, text)
  from public, anon, authenticated, service_role;
grant execute on function public.sms_apply_status(uuid, public.sms_provider, public.sms_status, uuid, text, text, text)
  to service_role;
