-- Assertion helpers for RLS tests (load after the other helpers).
--
--   tests.rows_changed(sql)   runs an insert/update/delete in the current role inside a
--                             subtransaction and returns how many rows it touched; a refusal
--                             of the table (privilege or RLS check, SQLSTATE 42501) counts as 0.
--                             Any other error is re-raised, so a broken statement never passes.
--   tests.changes_nothing(sql) = tests.rows_changed(sql) = 0

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

grant execute on all functions in schema tests to anon, authenticated, service_role;
