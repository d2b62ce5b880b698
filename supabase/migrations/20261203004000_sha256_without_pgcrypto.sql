-- SHA-256 and HMAC-SHA256 from core Postgres, not pgcrypto.
--
-- pgcrypto's digest() and hmac() go through OpenSSL's EVP layer. In the PGlite dev stack (WASM)
-- OpenSSL's one-time initialisation could fail at start-up, and OpenSSL remembers a failed
-- initialisation for the life of the process: every digest() then raised 22023 `Cannot use
-- "sha256": Cipher cannot be initialized`, so create_order (tracking token) and track_order failed
-- until the stack was restarted. Core sha256(bytea) (Postgres 11+) uses Postgres' own SHA-2 code in
-- a build without OpenSSL (PGlite's core is one: ssl_library is empty) and OpenSSL's in one with it,
-- never pgcrypto. Same answers, byte for byte: the stored hashes stay valid.
--
-- pgcrypto is still used for crypt()/gen_salt() (bcrypt PIN hashes: pgcrypto's own blowfish code,
-- not OpenSSL) and gen_random_bytes() (pg_strong_random, not OpenSSL's EVP).

-- HMAC (RFC 2104) over core sha256: H((K ⊕ opad) ‖ H((K ⊕ ipad) ‖ m)), block size 64 bytes, keys
-- longer than a block hashed first. Argument order as pgcrypto's hmac(data, key, type).
create or replace function app.hmac_sha256(p_data bytea, p_key bytea) returns bytea
language plpgsql immutable set search_path = '' as $$
declare
  v_key bytea := case when length(p_key) > 64 then sha256(p_key) else coalesce(p_key, ''::bytea) end;
  v_ipad bytea;
  v_opad bytea;
begin
  if p_data is null then
    return null; -- as hmac() (strict)
  end if;
  v_key := v_key || decode(repeat('00', 64 - length(v_key)), 'hex');
  v_ipad := v_key;
  v_opad := v_key;
  for i in 0 .. 63 loop
    v_ipad := set_byte(v_ipad, i, get_byte(v_key, i) # 54); -- 0x36
    v_opad := set_byte(v_opad, i, get_byte(v_key, i) # 92); -- 0x5c
  end loop;
  return sha256(v_opad || sha256(v_ipad || p_data));
end $$;
comment on function app.hmac_sha256(bytea, bytea) is
  'HMAC-SHA256(data, key) over core sha256() (RFC 2104/4231); same bytes as pgcrypto hmac(data, key, ''sha256'').';

create or replace function app.station_secret_hash(p_secret text) returns text
language sql immutable set search_path = '' as $$
  select encode(sha256(convert_to(p_secret, 'UTF8')), 'hex')
$$;
comment on function app.station_secret_hash(text) is 'hex SHA-256 of a station secret (core sha256, no pgcrypto).';

create or replace function app.tracking_token_hash(p_token text) returns text
language sql immutable set search_path = '' as $$
  select encode(sha256(convert_to(coalesce(p_token, ''), 'UTF8')), 'hex')
$$;
comment on function app.tracking_token_hash(text) is
  'hex SHA-256 of a tracking token (high entropy: a fast hash is right; core sha256, no pgcrypto).';

-- Same body as 20261122002100, with the hashes from core.
create or replace function public.shopify_webhook_org(p_shop_domain text, p_body text, p_hmac text) returns uuid
language plpgsql stable security definer set search_path = '' as $$
declare
  v_shop public.shopify_shops;
  v_expected text;
begin
  select * into v_shop from public.shopify_shops s
    where s.shop_domain = lower(btrim(p_shop_domain)) and s.is_active;
  -- same work whether or not the shop exists
  v_expected := encode(app.hmac_sha256(convert_to(coalesce(p_body, ''), 'UTF8'),
                                       convert_to(coalesce(v_shop.webhook_secret, 'no-such-shop'), 'UTF8')),
                       'base64');
  -- compared through a hash of each side, so the comparison time says nothing about the prefix
  if v_shop.id is null or p_hmac is null
     or sha256(convert_to(v_expected, 'UTF8')) <> sha256(convert_to(btrim(p_hmac), 'UTF8')) then
    raise exception using errcode = 'PT401', message = 'Webhook signature not valid for this shop';
  end if;
  return v_shop.org_id;
end $$;

revoke execute on function app.hmac_sha256(bytea, bytea), app.station_secret_hash(text),
  app.tracking_token_hash(text) from public, anon, authenticated;
revoke execute on function public.shopify_webhook_org(text, text, text) from public, anon, authenticated;
grant execute on function public.shopify_webhook_org(text, text, text) to service_role;
