-- Where a workshop points its providers (issue 13): the inbound-reply URL (STOP / START) and the
-- delivery-report URL carry the organisation and its callback secret (app.sms_callback_secrets,
-- readable by no API role). sms_webhook_urls gives them to the organisation's admins only, for the
-- providers tab to show with copy buttons; everyone else is refused (FORBIDDEN), the service role
-- included (it has sms_provider_config). Paths only: the app puts its own public origin in front.

create function public.sms_webhook_urls(p_org_id uuid) returns jsonb
language plpgsql stable security definer set search_path = '' as $$
declare
  v_q text;
begin
  perform app.require_member(p_org_id, 'admin');
  select format('org=%s&key=%s', p_org_id, cs.secret) into v_q
    from app.sms_callback_secrets cs where cs.org_id = p_org_id;
  if v_q is null then
    perform app.raise('NOT_FOUND', 'This organisation has no callback secret');
  end if;
  return jsonb_build_object(
    'inbound', jsonb_build_object('twilio', '/api/sms/inbound/twilio?' || v_q,
                                  'movider', '/api/sms/inbound/movider?' || v_q),
    'status', jsonb_build_object('twilio', '/api/sms/status/twilio?' || v_q,
                                 'movider', '/api/sms/status/movider?' || v_q));
end $$;
comment on function public.sms_webhook_urls(uuid) is
  'Admins+: the paths (with ?org=&key=, the callback secret) of the organisation''s inbound-reply and delivery-report '
  'webhooks per provider: {inbound: {twilio, movider}, status: {twilio, movider}}. Semaphore posts neither.';

revoke execute on function public.sms_webhook_urls(uuid) from public, anon, authenticated, service_role;
grant execute on function public.sms_webhook_urls(uuid) to authenticated;
