-- One error contract (issue 9, docs/errors.md). Every expected failure the database reports has
--   * a machine code (upper snake case, e.g. BADGE_TAKEN) listed in app.error_codes with its HTTP
--     status and meaning — the one table docs/errors.md is generated from and the tests check;
--   * a message written for a person;
--   * optionally the input field it is about, and a JSON context.
-- On the wire (PostgREST's error body, which supabase-js hands over as `error`):
--   code    = 'PT' || status   (PostgREST answers with that HTTP status)
--   message = the message
--   details = the machine code
--   hint    = JSON text {"field": <field or null>, ...context}
-- Raised with app.raise (the transaction rolls back), or returned as a value with app.fail_value when
-- the attempt itself must commit (a wrong PIN counts towards a lockout): same body, response.status set.

create table app.error_codes (
  code text primary key check (code ~ '^[A-Z][A-Z0-9_]{1,39}$'),
  status integer not null check (status between 400 and 599),
  meaning text not null check (length(meaning) between 3 and 300)
);
comment on table app.error_codes is
  'Every machine error code the database raises or returns, with its HTTP status and meaning '
  '(docs/errors.md is generated from it; pgTAP checks every code used in a function is here).';
revoke all on app.error_codes from public, anon, authenticated;

insert into app.error_codes (code, status, meaning) values
  -- generic, one per status: what a failure is when nothing more specific applies
  ('VALIDATION_FAILED', 400, 'The input is not valid; field names the input.'),
  ('NOT_SIGNED_IN', 401, 'Sign in first.'),
  ('FORBIDDEN', 403, 'The caller''s role or organisation does not allow this.'),
  ('NOT_FOUND', 404, 'Nothing with that id in the caller''s organisation.'),
  ('REQUEST_TIMEOUT', 408, 'A row stayed locked too long or a statement took too long; try again.'),
  ('CONFLICT', 409, 'It conflicts with a row that exists or was changed at the same time.'),
  ('RULE_VIOLATION', 422, 'A business rule refuses it; the message says which.'),
  ('LOCKED', 423, 'Locked out for a while (retry_after_seconds).'),
  ('RATE_LIMITED', 429, 'Too many attempts; wait retry_after_seconds.'),
  ('SESSION_EXPIRED', 440, 'The operator session ended (idle timeout, PIN-out); PIN in again.'),
  ('INTERNAL', 500, 'An unexpected database error; nothing was changed.')
on conflict (code) do nothing;

create function app.error_status(p_code text) returns integer
language sql stable security definer set search_path = '' as $$
  select e.status from app.error_codes e where e.code = p_code
$$;
comment on function app.error_status(text) is 'The HTTP status of a machine error code, or null if it is not in app.error_codes.';

-- The body both helpers share.
create function app.error_hint(p_field text, p_context jsonb) returns jsonb
language sql immutable set search_path = '' as $$
  select jsonb_build_object('field', p_field) || coalesce(p_context, '{}'::jsonb)
$$;
comment on function app.error_hint(text, jsonb) is 'The hint of an error body: {field, ...context}.';

-- The one way SQL raises an expected failure. An unknown code is itself a bug: it raises INTERNAL
-- naming the code, so a test (and not a customer) finds it.
create function app.raise(p_code text, p_message text, p_field text default null, p_context jsonb default null)
returns void
language plpgsql stable security definer set search_path = '' as $$
declare
  v_status integer := app.error_status(p_code);
begin
  if v_status is null then
    raise exception using errcode = 'PT500', message = format('Unknown error code %s: %s', p_code, p_message),
      detail = 'INTERNAL', hint = app.error_hint(null, jsonb_build_object('unknown_code', p_code))::text;
  end if;
  raise exception using errcode = 'PT' || v_status, message = p_message, detail = p_code,
    hint = app.error_hint(p_field, p_context)::text;
end $$;
comment on function app.raise(text, text, text, jsonb) is
  'Raises an expected failure: errcode PT<status of p_code>, message, detail = p_code, hint = {field, ...context}. '
  'The only raise in Floorline''s functions (docs/errors.md).';

-- The same failure as a value, for RPCs whose attempt must commit; supabase-js still reports `error`.
create function app.fail_value(p_code text, p_message text, p_field text default null, p_context jsonb default null)
returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_status integer := app.error_status(p_code);
begin
  if v_status is null then
    perform app.raise(p_code, p_message, p_field, p_context); -- raises INTERNAL for the unknown code
  end if;
  perform set_config('response.status', v_status::text, true);
  -- context keys are also top-level, as callers of the older helpers read them (retry_after_seconds)
  return coalesce(p_context, '{}'::jsonb) || jsonb_build_object(
    'code', 'PT' || v_status, 'message', p_message, 'details', p_code,
    'hint', app.error_hint(p_field, p_context)::text);
end $$;
comment on function app.fail_value(text, text, text, jsonb) is
  'Returns an expected failure as a PostgREST-shaped error body and sets response.status, without rolling '
  'back (the attempt commits). Same fields as app.raise.';

revoke execute on all functions in schema app from public;
grant execute on function app.my_org_ids(public.member_role) to authenticated;
