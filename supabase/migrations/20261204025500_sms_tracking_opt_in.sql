-- The tracking page lets a customer turn on texts about their order (docs/sms.md §tracking): the
-- number is verified with a one-time code (otp_request / otp_verify, purpose VERIFY_PHONE, bound to
-- the order's customer) before the consent is recorded. The page's server actions run as the
-- service role and learn whom a tracking token belongs to here — the token's hash is never readable
-- through the API, so this function is the only way from a token to its customer.

create function public.sms_tracking_subject(p_token text) returns jsonb
language sql stable security definer set search_path = '' as $$
  select jsonb_build_object('org_id', o.org_id, 'customer_id', o.customer_id, 'order_id', o.id,
    'opted_in', coalesce(c.opted_in, false), 'phone', c.phone,
    'verified', c.phone_verified_at is not null,
    'sms_enabled', coalesce(s.enabled, false) and cardinality(app.sms_providers_for(o.org_id)) > 0,
    'default_country', coalesce(s.default_country, 'PH'))
  from public.order_tracking_tokens t
  join public.orders o on o.id = t.order_id
  left join public.sms_customer_consents c on c.org_id = o.org_id and c.customer_id = o.customer_id
  left join public.sms_settings s on s.org_id = o.org_id
  where t.token_hash = app.tracking_token_hash(p_token) and t.revoked_at is null and o.customer_id is not null
$$;
comment on function public.sms_tracking_subject(text) is
  'Service role only (the tracking page''s actions): {org_id, customer_id, order_id, opted_in, phone, verified, '
  'sms_enabled, default_country} for a live tracking token of an order with a customer, else null.';
revoke execute on function public.sms_tracking_subject(text) from public, anon, authenticated, service_role;
grant execute on function public.sms_tracking_subject(text) to service_role;
