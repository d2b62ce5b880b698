-- The error contract (docs/errors.md): every function in public and app raises only through app.raise,
-- every code a function names is a row of app.error_codes, and both helpers answer in one wire shape.
begin;
select plan(14);

-- What a raised error looks like to PostgREST: SQLSTATE, message, detail, hint (as JSON when it is).
create function pg_temp.caught(p_sql text) returns jsonb
language plpgsql as $$
declare
  v_state text;
  v_message text;
  v_detail text;
  v_hint text;
begin
  execute p_sql;
  return null;
exception when others then
  get stacked diagnostics v_state = returned_sqlstate, v_message = message_text, v_detail = pg_exception_detail,
                          v_hint = pg_exception_hint;
  return jsonb_build_object('code', v_state, 'message', v_message, 'details', v_detail, 'hint', v_hint::jsonb);
end $$;

-- The functions the app wrote (not those of extensions), with comments taken out of their bodies.
create temp view app_functions as
  select p.oid::regprocedure::text as name, regexp_replace(p.prosrc, '--[^\n]*', '', 'g') as body
  from pg_proc p
  where p.pronamespace in ('public'::regnamespace, 'app'::regnamespace)
    and not exists (select 1 from pg_depend d where d.classid = 'pg_proc'::regclass and d.objid = p.oid and d.deptype = 'e');

-- ------------------------------------------------------------------ one raise
select ok((select count(*) from app_functions) > 100, 'the walk sees the app''s functions');

select is(
  array(select f.name from app_functions f
        where f.name <> 'app.raise(text,text,text,jsonb)' and f.body ~* '(?<![.\w])raise\M'
        order by 1),
  '{}'::text[],
  'no function but app.raise contains a raise statement (exception, notice or any other level)');

select is(
  array(select f.name from app_functions f
        where f.body ~* 'app\.(invalid|fail|floor_raise|floor_fail|floor_invalid|floor_replay_begin|floor_replay_store|require_role|caller_role|require_production_role|floor_member|floor_reader)\s*\('
        order by 1),
  '{}'::text[],
  'no function calls the retired error, replay or role helpers');

select is(
  array(select p.oid::regprocedure::text from pg_proc p
        where p.pronamespace = 'app'::regnamespace
          and p.proname in ('invalid', 'fail', 'floor_raise', 'floor_fail', 'floor_invalid', 'floor_replay_begin',
                            'floor_replay_store', 'require_role', 'caller_role', 'require_production_role',
                            'floor_member', 'floor_reader')
        order by 1),
  '{}'::text[],
  'the retired helpers are gone');

-- ------------------------------------------------------------------ every code is documented
select is(
  array(select distinct m[2] from app_functions f,
          regexp_matches(f.body, 'app\.(raise|fail_value)\(\s*''([^'']*)''', 'g') m
        where m[2] not in (select e.code from app.error_codes e)
        order by 1),
  '{}'::text[],
  'every code literal passed to app.raise or app.fail_value is a row of app.error_codes');

-- Codes also travel as data (app.floor_resolve_code's error_code, a case expression choosing one):
-- every upper-snake literal next to a raise or an error_code is a code too.
select is(
  array(select distinct m[1] from app_functions f,
          regexp_matches(f.body, '(?:error_code''?\s*,\s*|error_code\s*:=\s*|then\s+|else\s+|app\.(?:raise|fail_value)\(\s*)''([A-Z][A-Z0-9]*_[A-Z0-9_]+)''', 'g') m
        where (f.body ~ 'app\.(raise|fail_value)\(' or f.body ~ 'error_code')
          and m[1] not in (select e.code from app.error_codes e)
        order by 1),
  '{}'::text[],
  'every machine code a function hands on (case branches, error_code values) is a row of app.error_codes');

select is(
  (select count(*)::int from app.error_codes e where e.status not in (400, 401, 403, 404, 408, 409, 422, 423, 429, 440, 500)),
  0,
  'every code answers with one of the statuses the TypeScript mapper knows');

-- ------------------------------------------------------------------ the wire shape
select is(
  pg_temp.caught($$ select app.raise('BADGE_TAKEN', 'That badge code is already in use', 'badge_code') $$),
  jsonb_build_object('code', 'PT409', 'message', 'That badge code is already in use', 'details', 'BADGE_TAKEN',
                     'hint', jsonb_build_object('field', 'badge_code')),
  'app.raise: errcode PT<status>, the message, the code as detail and {field} as hint');

select is(
  pg_temp.caught($$ select app.raise('STALE_STAGE', 'moved', null, '{"current_stage": "sanding"}') $$),
  jsonb_build_object('code', 'PT409', 'message', 'moved', 'details', 'STALE_STAGE',
                     'hint', jsonb_build_object('field', null, 'current_stage', 'sanding')),
  'app.raise: context keys join field in the hint');

select is(
  pg_temp.caught($$ select app.raise('VALIDATION_FAILED', 'Enter a name', 'display_name') $$) ->> 'code',
  'PT400',
  'status 400 is raised as PT400 (not 22023)');

select is(
  pg_temp.caught($$ select app.raise('NO_SUCH_CODE', 'oops') $$),
  jsonb_build_object('code', 'PT500', 'message', 'Unknown error code NO_SUCH_CODE: oops', 'details', 'INTERNAL',
                     'hint', jsonb_build_object('field', null, 'unknown_code', 'NO_SUCH_CODE')),
  'an unknown code raises INTERNAL naming it');

select is(
  app.fail_value('LOCKED', 'Too many wrong PINs', null, '{"retry_after_seconds": 60}'),
  jsonb_build_object('code', 'PT423', 'message', 'Too many wrong PINs', 'details', 'LOCKED',
                     'hint', '{"field": null, "retry_after_seconds": 60}', 'retry_after_seconds', 60),
  'app.fail_value: the same body as a value, context keys also top-level');

select is(current_setting('response.status', true), '423', 'app.fail_value sets response.status to the code''s status');

select is(
  pg_temp.caught($$ select app.fail_value('NO_SUCH_CODE', 'oops') $$) ->> 'details',
  'INTERNAL',
  'app.fail_value with an unknown code raises INTERNAL');

select * from finish();
rollback;
