-- The app's own per-account brake on password sign-in (issue 8). Supabase Auth limits per IP, and
-- the tablets of one workshop share the router's IP, so the per-IP limit must stay generous; this
-- keeps guessing at one account slow wherever it comes from. Keyed by a hash of the normalised
-- email, so unknown addresses are counted alike and nothing says which accounts exist.
--
-- Numbers: 10 failures in a row are free (a person mistyping). From the 10th on, each failure
-- blocks the address for 30 s × 2^(failures − 10), capped at 15 minutes. A streak is forgotten an
-- hour after its last failure; a successful sign-in clears it. Attempts refused while blocked are
-- not counted, so a blocked victim is never pushed further out: after at most 15 minutes the next
-- attempt is checked again (backoff, never a hard lock).
--
-- The table is in the private `app` schema (not exposed by the API). anon/authenticated reach it
-- only through three security-definer functions:
--   sign_in_allowed(email)  may this address try now? (read only)
--   sign_in_failed(email)   count one failure (what a wrong password would do anyway)
--   sign_in_succeeded()     clear the caller's own streak: needs a session of that account, so nobody
--                           can wipe someone else's streak to keep guessing.

create table app.sign_in_attempts (
  email_hash text primary key check (email_hash ~ '^[0-9a-f]{64}$'),
  failures integer not null default 0 check (failures >= 0),
  last_failure_at timestamptz not null default now(),
  blocked_until timestamptz
);
comment on table app.sign_in_attempts is
  'Per-account password sign-in failures (sha256 of the normalised email). Written only by '
  'public.sign_in_failed / sign_in_succeeded.';
revoke all on app.sign_in_attempts from public, anon, authenticated;
alter table app.sign_in_attempts enable row level security;

create function app.sign_in_email_hash(p_email text) returns text
language sql immutable set search_path = '' as $$
  -- core sha256 (not pgcrypto's digest): works the same on PGlite
  select encode(pg_catalog.sha256(convert_to(lower(btrim(coalesce(p_email, ''))), 'UTF8')), 'hex')
$$;
comment on function app.sign_in_email_hash(text) is 'sha256 hex of lower(trim(email)): the key of app.sign_in_attempts.';

create function public.sign_in_allowed(p_email text) returns jsonb
language plpgsql stable security definer set search_path = '' as $$
declare
  v_until timestamptz;
begin
  if p_email is null or length(p_email) > 320 then
    raise exception 'email is required' using errcode = '22023', detail = 'email';
  end if;
  select a.blocked_until into v_until
    from app.sign_in_attempts a
   where a.email_hash = app.sign_in_email_hash(p_email)
     and a.last_failure_at > now() - interval '1 hour';
  if v_until is not null and v_until > now() then
    return jsonb_build_object('allowed', false,
      'retry_after_seconds', greatest(1, ceil(extract(epoch from v_until - now()))::int));
  end if;
  return jsonb_build_object('allowed', true, 'retry_after_seconds', 0);
end $$;
comment on function public.sign_in_allowed(text) is
  'Whether a password sign-in for this email may be tried now: {allowed, retry_after_seconds}. '
  'Called by the sign-in server action before asking Supabase Auth.';

create function public.sign_in_failed(p_email text) returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_hash text;
  v_row app.sign_in_attempts;
  v_failures int;
  v_until timestamptz;
begin
  if p_email is null or length(p_email) > 320 then
    raise exception 'email is required' using errcode = '22023', detail = 'email';
  end if;
  v_hash := app.sign_in_email_hash(p_email);
  select * into v_row from app.sign_in_attempts a where a.email_hash = v_hash for update;
  if found and v_row.blocked_until > now() then
    -- refused while blocked: not counted, so the block is never extended by guessing
    return jsonb_build_object('failures', v_row.failures,
      'retry_after_seconds', greatest(1, ceil(extract(epoch from v_row.blocked_until - now()))::int));
  end if;
  v_failures := case when found and v_row.last_failure_at > now() - interval '1 hour'
                     then v_row.failures + 1 else 1 end;
  v_until := case when v_failures >= 10
                  then now() + least(interval '15 minutes', interval '30 seconds' * power(2, least(v_failures - 10, 10)))
                  end;
  insert into app.sign_in_attempts as a (email_hash, failures, last_failure_at, blocked_until)
    values (v_hash, v_failures, now(), v_until)
    on conflict (email_hash) do update
      set failures = excluded.failures, last_failure_at = excluded.last_failure_at,
          blocked_until = excluded.blocked_until;
  return jsonb_build_object('failures', v_failures,
    'retry_after_seconds', case when v_until is null then 0
                                else greatest(1, ceil(extract(epoch from v_until - now()))::int) end);
end $$;
comment on function public.sign_in_failed(text) is
  'Counts one failed password sign-in for this email; from the 10th failure in a row the address is '
  'blocked for 30 s doubling per failure, at most 15 minutes. Answers {failures, retry_after_seconds}.';

create function public.sign_in_succeeded() returns void
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_email text;
begin
  select u.email into v_email from auth.users u where u.id = (select auth.uid());
  if v_email is null then
    raise exception 'Sign in first' using errcode = 'PT401';
  end if;
  delete from app.sign_in_attempts a where a.email_hash = app.sign_in_email_hash(v_email);
end $$;
comment on function public.sign_in_succeeded() is
  'Clears the signed-in caller''s own failure streak (after a successful password sign-in).';

-- Supabase's default privileges grant new functions to anon and authenticated: take them back first
revoke all on function app.sign_in_email_hash(text) from public, anon, authenticated;
revoke all on function public.sign_in_allowed(text) from public, anon, authenticated;
revoke all on function public.sign_in_failed(text) from public, anon, authenticated;
revoke all on function public.sign_in_succeeded() from public, anon, authenticated;
grant execute on function public.sign_in_allowed(text) to anon, authenticated;
grant execute on function public.sign_in_failed(text) to anon, authenticated;
grant execute on function public.sign_in_succeeded() to authenticated;
