-- Assertion helpers for RLS tests (load after the other helpers).
--
--   tests.rows_changed(sql)   runs an insert/update/delete in the current role inside a
--                             subtransaction and returns how many rows it touched; a refusal
--                             of the table (privilege or RLS check, SQLSTATE 42501) counts as 0.
--                             Any other error is re-raised, so a broken statement never passes.
--   tests.changes_nothing(sql) = tests.rows_changed(sql) = 0
--   tests.error_of(sql)       runs a statement in the current role and returns what it raised in the
--                             error contract's terms {sqlstate, code (= detail), message, hint (jsonb)},
--                             or null when it raised nothing; files project it as they compare.

create or replace function tests.rows_changed(p_sql text) returns integer
language plpgsql as $$
declare
  v_count integer;
begin
  begin
    execute p_sql;
    get diagnostics v_count = row_count;
  exception when insufficient_privilege then
    -- a refusal of the table (grants or RLS) is the answer; a missing grant on a function or
    -- schema is a broken setup and must fail loudly
    if sqlerrm like 'permission denied for function%' or sqlerrm like 'permission denied for schema%' then
      raise;
    end if;
    v_count := 0;
  end;
  return v_count;
end $$;

create or replace function tests.changes_nothing(p_sql text) returns boolean
language sql as $$
  select tests.rows_changed(p_sql) = 0
$$;

create or replace function tests.error_of(p_sql text) returns jsonb
language plpgsql as $$
declare
  v_state text; v_message text; v_detail text; v_hint text;
begin
  execute p_sql;
  return null;
exception when others then
  get stacked diagnostics v_state = returned_sqlstate, v_message = message_text, v_detail = pg_exception_detail,
                          v_hint = pg_exception_hint;
  return jsonb_build_object('sqlstate', v_state, 'code', v_detail, 'message', v_message,
                            'hint', case when v_hint like '{%' then v_hint::jsonb end);
end $$;

grant execute on all functions in schema tests to anon, authenticated, service_role;
