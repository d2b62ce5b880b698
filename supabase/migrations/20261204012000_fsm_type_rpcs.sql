-- Editing type definitions (issue 11): save, copy and archive RPCs for managers+, and spec 05's
-- "orphaned state handling" made generic. Every table whose rows follow a type definition registers
-- itself in app.fsm_subjects (its type, state and version columns and what makes a row live); the
-- engine then counts live rows per state for any subject and, when a save removes a state, either
-- refuses (STATE_IN_USE with the counts and the way out) or moves those rows to the state the caller
-- named, through the table's normal update path, so the subject's own trigger checks it and
-- app.fsm_history records it (reason 'definition changed').

create table app.fsm_subjects (
  subject public.fsm_subject primary key,
  relation regclass not null unique,
  type_column text not null,
  state_column text not null,
  version_column text,
  live_predicate text not null default 'true'
);
comment on table app.fsm_subjects is
  'The tables whose rows follow a type definition, one per subject: which columns hold the type, the state and '
  'the validated version, and a SQL predicate over the row for "live" (rows in terminal states never are). '
  'Each subject''s migration inserts its row; the engine counts and migrates rows through it.';
comment on column app.fsm_subjects.live_predicate is
  'A boolean SQL expression over the table''s columns (e.g. completed_at is null); written only by migrations.';
revoke all on app.fsm_subjects from public, anon, authenticated, service_role;

insert into app.error_codes (code, status, meaning) values
  ('TYPE_ARCHIVED', 422, 'The type is archived: its rows keep moving, but nothing new is created with it.')
on conflict (code) do nothing;

-- Inside a definition change the engine moves rows out of removed states; subject triggers ask this
-- instead of the transition table for those updates.
create function app.fsm_migrating() returns boolean
language sql stable set search_path = '' as $$
  select coalesce(current_setting('floorline.fsm_migrating', true), '') = 'on'
$$;
comment on function app.fsm_migrating() is 'True while save_type_definition moves rows out of removed states.';

-- The check a subject's BEFORE UPDATE trigger makes when the state changes: the engine's decision
-- (floorline.fsm_transition names the transition when the caller gave one), or, during a definition
-- change, only that the new state exists in the type.
create function app.fsm_guard(p_type_id uuid, p_from text, p_to text) returns jsonb
language plpgsql stable security definer set search_path = '' as $$
begin
  if app.fsm_migrating() then
    if not (app.fsm_schema_of(p_type_id) -> 'states' ? p_to) then
      perform app.raise('INVALID_TRANSITION', format('"%s" is not a state of this type', p_to), 'transition',
                        jsonb_build_object('from', p_from, 'to', p_to));
    end if;
    return jsonb_build_object('allowed', true, 'transition', 'definition_changed', 'from', p_from, 'to', p_to,
                              'requires', '{}'::jsonb, 'reason', null);
  end if;
  return app.fsm_require(p_type_id, p_from, p_to, nullif(btrim(current_setting('floorline.fsm_transition', true)), ''));
end $$;
comment on function app.fsm_guard(uuid, text, text) is
  'For subject triggers: app.fsm_require (by floorline.fsm_transition when set, else by target), or, while a '
  'definition change migrates rows, just that the target is a state of the type.';

-- Live rows per (type, state) of every registered subject, optionally for one organisation or one type.
create function app.fsm_live_counts(p_org_id uuid, p_type_id uuid)
returns table (subject public.fsm_subject, type_definition_id uuid, state text, live_count bigint)
language plpgsql stable security definer set search_path = '' as $$
declare
  s app.fsm_subjects;
begin
  for s in select * from app.fsm_subjects order by subject loop
    return query execute format(
      'select %L::public.fsm_subject, x.%2$I, x.%3$I::text, count(*) from %4$s x
       join public.type_definitions d on d.id = x.%2$I
       where ($1 is null or x.org_id = $1) and ($2 is null or x.%2$I = $2) and (%5$s)
         and not coalesce(d.fsm_schema -> ''terminal'' ? x.%3$I::text, false)
       group by 2, 3',
      s.subject, s.type_column, s.state_column, s.relation, s.live_predicate)
      using p_org_id, p_type_id;
  end loop;
end $$;
comment on function app.fsm_live_counts(uuid, uuid) is
  'Live rows (live predicate, not in a terminal state) per subject, type and state, over every registered subject.';

-- Moves the live rows of one type out of a state, through the table's update path.
create function app.fsm_move_rows(p_type_id uuid, p_from text, p_to text, p_version integer) returns bigint
language plpgsql volatile security definer set search_path = '' as $$
declare
  s app.fsm_subjects;
  v_total bigint := 0;
  v_n bigint;
begin
  perform set_config('floorline.fsm_migrating', 'on', true);
  perform set_config('floorline.fsm_reason', 'definition changed', true);
  perform set_config('floorline.fsm_transition', 'definition_changed', true);
  for s in select * from app.fsm_subjects order by subject loop
    -- cast to the column's own type (text, or an enum)
    execute format('update %1$s x set %2$I = $1::%6$s%3$s where x.%4$I = $2 and x.%2$I::text = $3 and (%5$s)',
                   s.relation, s.state_column,
                   case when s.version_column is not null then format(', %I = $4', s.version_column) else '' end,
                   s.type_column, s.live_predicate,
                   (select format_type(a.atttypid, a.atttypmod) from pg_catalog.pg_attribute a
                    where a.attrelid = s.relation and a.attname = s.state_column))
      using p_to, p_type_id, p_from, p_version;
    get diagnostics v_n = row_count;
    v_total := v_total + v_n;
  end loop;
  perform set_config('floorline.fsm_migrating', '', true);
  perform set_config('floorline.fsm_reason', '', true);
  perform set_config('floorline.fsm_transition', '', true);
  return v_total;
end $$;
comment on function app.fsm_move_rows(uuid, text, text, integer) is
  'Moves a type''s live rows from one state to another (history reason ''definition changed''); returns how many.';

-- The definition as the RPCs answer it.
create function app.type_definition_json(p_row public.type_definitions) returns jsonb
language sql stable set search_path = '' as $$
  select jsonb_build_object('id', p_row.id, 'org_id', p_row.org_id, 'subject', p_row.subject,
    'type_code', p_row.type_code, 'type_name', p_row.type_name, 'fsm_schema', p_row.fsm_schema,
    'custom_fields_schema', p_row.custom_fields_schema, 'is_system_defined', p_row.is_system_defined,
    'version', p_row.version, 'copied_from_id', p_row.copied_from_id, 'archived_at', p_row.archived_at,
    'created_at', p_row.created_at, 'updated_at', p_row.updated_at)
$$;
comment on function app.type_definition_json(public.type_definitions) is 'A type definition as the RPCs return it.';

create function app.check_type_names(p_type_code text, p_type_name text) returns void
language plpgsql stable set search_path = '' as $$
begin
  if p_type_code is null or p_type_code !~ '^[a-z0-9_-]{2,32}$' then
    perform app.raise('VALIDATION_FAILED', 'Use 2 to 32 lower-case letters, digits, - or _ for the code', 'type_code');
  end if;
  if p_type_name is null or length(btrim(p_type_name)) not between 1 and 100 then
    perform app.raise('VALIDATION_FAILED', 'Enter a name of up to 100 characters', 'type_name');
  end if;
end $$;
comment on function app.check_type_names(text, text) is 'VALIDATION_FAILED unless a type code and name are well formed.';

create function app.check_type_code_free(p_org_id uuid, p_subject public.fsm_subject, p_type_code text, p_id uuid)
returns void
language plpgsql stable security definer set search_path = '' as $$
begin
  if exists (select 1 from public.type_definitions d
             where d.org_id = p_org_id and d.subject = p_subject and d.type_code = p_type_code
               and d.id is distinct from p_id) then
    perform app.raise('TYPE_CODE_TAKEN', format('Another type already uses the code %s', p_type_code), 'type_code');
  end if;
end $$;
comment on function app.check_type_code_free(uuid, public.fsm_subject, text, uuid) is
  'TYPE_CODE_TAKEN when the organisation has another type of the subject with that code.';

-- ------------------------------------------------------------------ save
create function public.save_type_definition(
  p_org_id uuid, p_id uuid, p_subject public.fsm_subject, p_type_code text, p_type_name text,
  p_fsm_schema jsonb, p_custom_fields_schema jsonb, p_state_moves jsonb default '{}'::jsonb,
  p_expected_version integer default null
) returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_old public.type_definitions;
  v_row public.type_definitions;
  v_code text := btrim(p_type_code);
  v_moves jsonb := coalesce(p_state_moves, '{}'::jsonb);
  v_removed text[];
  v_in_use jsonb;
  v_move record;
  v_moved jsonb := '{}';
  v_state text;
  v_count bigint;
begin
  perform app.require_member(p_org_id, 'manager', true);
  perform app.check_type_names(v_code, p_type_name);
  if p_subject is null then
    perform app.raise('VALIDATION_FAILED', 'Choose what the type describes', 'subject');
  end if;
  if jsonb_typeof(v_moves) <> 'object' then
    perform app.raise('VALIDATION_FAILED', 'State moves must be an object {"removed state": "target state"}', 'state_moves');
  end if;

  if p_id is null then
    if v_moves <> '{}' then
      perform app.raise('VALIDATION_FAILED', 'A new type has no rows to move', 'state_moves');
    end if;
    perform app.check_type_code_free(p_org_id, p_subject, v_code, null);
    insert into public.type_definitions (org_id, subject, type_code, type_name, fsm_schema, custom_fields_schema)
      values (p_org_id, p_subject, v_code, btrim(p_type_name), p_fsm_schema,
              coalesce(p_custom_fields_schema, '{"type": "object", "properties": {}}'))
      returning * into v_row;
    return jsonb_build_object('type_definition', app.type_definition_json(v_row), 'created', true, 'moved', '{}'::jsonb);
  end if;

  select * into v_old from public.type_definitions d where d.id = p_id for update;
  if v_old.id is null or (v_old.org_id is not null and v_old.org_id <> p_org_id) then
    perform app.raise('NOT_FOUND', 'No such type in this organisation', 'type_definition_id');
  end if;
  if v_old.org_id is null then
    perform app.raise('TYPE_READ_ONLY', format('%s is a system type: copy it to change it', v_old.type_name));
  end if;
  if p_expected_version is not null and p_expected_version <> v_old.version then
    perform app.raise('TYPE_VERSION_CONFLICT',
      format('%s was changed since you opened it (now version %s): reload it', v_old.type_name, v_old.version),
      null, jsonb_build_object('version', v_old.version));
  end if;
  if p_subject <> v_old.subject then
    perform app.raise('VALIDATION_FAILED', 'What a type describes cannot change; create a new type instead', 'subject');
  end if;
  perform app.check_type_code_free(p_org_id, p_subject, v_code, p_id);

  -- states the new definition drops (when it is well formed; an invalid one is refused by the trigger)
  if app.fsm_problems(p_fsm_schema) = '{}' then
    v_removed := array(select s from jsonb_array_elements_text(v_old.fsm_schema -> 'states') s
                       where not (p_fsm_schema -> 'states' ? s));
  else
    v_removed := '{}';
  end if;
  for v_move in select m.key, m.value from jsonb_each(v_moves) m loop
    if not (v_move.key = any (v_removed)) then
      perform app.raise('VALIDATION_FAILED', format('"%s" is not a state this change removes', v_move.key), 'state_moves',
                        jsonb_build_object('state', v_move.key));
    end if;
    if jsonb_typeof(v_move.value) <> 'string' or not (p_fsm_schema -> 'states' ? (v_move.value #>> '{}')) then
      perform app.raise('VALIDATION_FAILED', format('Rows in "%s" must move to one of the new states', v_move.key),
                        'state_moves', jsonb_build_object('state', v_move.key));
    end if;
  end loop;
  select jsonb_object_agg(c.state, c.n) into v_in_use
  from (select l.state, sum(l.live_count)::bigint as n from app.fsm_live_counts(null, p_id) l
        where l.state = any (v_removed) and not (v_moves ? l.state)
        group by l.state order by l.state) c;
  if v_in_use is not null then
    select e.key, e.value::bigint into v_state, v_count from jsonb_each_text(v_in_use) e order by e.key limit 1;
    perform app.raise('STATE_IN_USE',
      format('%s live %s in "%s"%s: move %s to another state, or keep the state', v_count,
             case when v_count = 1 then 'row is' else 'rows are' end, v_state,
             case when (select count(*) from jsonb_object_keys(v_in_use)) > 1
                  then format(' (and more in %s other removed states)', (select count(*) - 1 from jsonb_object_keys(v_in_use)))
                  else '' end,
             case when v_count = 1 then 'it' else 'them' end),
      'fsm_schema', jsonb_build_object('states', v_in_use, 'state', v_state, 'count', v_count));
  end if;

  update public.type_definitions d
    set type_code = v_code, type_name = btrim(p_type_name), fsm_schema = p_fsm_schema,
        custom_fields_schema = coalesce(p_custom_fields_schema, d.custom_fields_schema)
    where d.id = p_id
    returning * into v_row;

  for v_move in select m.key, m.value #>> '{}' as target from jsonb_each(v_moves) m order by m.key loop
    v_moved := v_moved || jsonb_build_object(v_move.key, app.fsm_move_rows(p_id, v_move.key, v_move.target, v_row.version));
  end loop;
  return jsonb_build_object('type_definition', app.type_definition_json(v_row), 'created', false, 'moved', v_moved);
end $$;
comment on function public.save_type_definition(uuid, uuid, public.fsm_subject, text, text, jsonb, jsonb, jsonb, integer) is
  'Creates (p_id null) or changes an organisation''s type definition (managers+). System types: TYPE_READ_ONLY; '
  'p_expected_version stale: TYPE_VERSION_CONFLICT; a removed state with live rows and no move: STATE_IN_USE; '
  'p_state_moves {removed: target} moves those rows in the same transaction. '
  'Returns {type_definition, created, moved: {state: rows}}.';

-- ------------------------------------------------------------------ copy
create function public.copy_type_definition(p_org_id uuid, p_source_id uuid, p_type_code text, p_type_name text)
returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_source public.type_definitions;
  v_row public.type_definitions;
  v_code text := btrim(p_type_code);
begin
  perform app.require_member(p_org_id, 'manager', true);
  select * into v_source from public.type_definitions d
    where d.id = p_source_id and (d.org_id is null or d.org_id = p_org_id);
  if v_source.id is null then
    perform app.raise('NOT_FOUND', 'No such type to copy', 'source_id');
  end if;
  perform app.check_type_names(v_code, p_type_name);
  perform app.check_type_code_free(p_org_id, v_source.subject, v_code, null);
  insert into public.type_definitions (org_id, subject, type_code, type_name, fsm_schema, custom_fields_schema, copied_from_id)
    values (p_org_id, v_source.subject, v_code, btrim(p_type_name), v_source.fsm_schema, v_source.custom_fields_schema,
            v_source.id)
    returning * into v_row;
  return jsonb_build_object('type_definition', app.type_definition_json(v_row), 'created', true);
end $$;
comment on function public.copy_type_definition(uuid, uuid, text, text) is
  'Copies a system type (or one of the organisation''s) into the organisation under a new code (managers+). '
  'Returns {type_definition, created: true}.';

-- ------------------------------------------------------------------ archive
create function public.set_type_definition_archived(p_id uuid, p_archived boolean) returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_row public.type_definitions;
begin
  select * into v_row from public.type_definitions d where d.id = p_id;
  if v_row.id is null then
    perform app.raise('NOT_FOUND', 'No such type', 'type_definition_id');
  end if;
  if v_row.org_id is null then
    if (select auth.uid()) is null and not app.is_service_role() and (select auth.role()) is not null then
      perform app.raise('NOT_SIGNED_IN', 'Sign in first');
    end if;
    perform app.raise('TYPE_READ_ONLY', format('%s is a system type: it cannot be archived', v_row.type_name));
  end if;
  perform app.require_member(v_row.org_id, 'manager', true);
  if p_archived is null then
    perform app.raise('VALIDATION_FAILED', 'Say whether to archive or restore', 'archived');
  end if;
  update public.type_definitions d
    set archived_at = case when p_archived then coalesce(d.archived_at, now()) end
    where d.id = p_id
    returning * into v_row;
  return jsonb_build_object('type_definition', app.type_definition_json(v_row), 'created', false);
end $$;
comment on function public.set_type_definition_archived(uuid, boolean) is
  'Archives (no new rows; existing ones keep moving) or restores an organisation''s type (managers+).';

-- ------------------------------------------------------------------ usage, for the editor's warnings
create function public.type_definition_usage(p_org_id uuid)
returns table (type_definition_id uuid, state text, live_count bigint)
language plpgsql stable security definer set search_path = '' as $$
begin
  perform app.require_member(p_org_id, 'supervisor', true);
  return query
    select l.type_definition_id, l.state, sum(l.live_count)::bigint
    from app.fsm_live_counts(p_org_id, null) l
    group by l.type_definition_id, l.state
    order by l.type_definition_id, l.state;
end $$;
comment on function public.type_definition_usage(uuid) is
  'Live rows of the organisation per type and state (supervisors+), so the editor warns before a state is removed.';

revoke execute on all functions in schema app from public;
revoke execute on function
  public.save_type_definition(uuid, uuid, public.fsm_subject, text, text, jsonb, jsonb, jsonb, integer),
  public.copy_type_definition(uuid, uuid, text, text),
  public.set_type_definition_archived(uuid, boolean),
  public.type_definition_usage(uuid)
  from public, anon;
grant execute on function
  public.save_type_definition(uuid, uuid, public.fsm_subject, text, text, jsonb, jsonb, jsonb, integer),
  public.copy_type_definition(uuid, uuid, text, text),
  public.set_type_definition_archived(uuid, boolean),
  public.type_definition_usage(uuid)
  to authenticated, service_role;
