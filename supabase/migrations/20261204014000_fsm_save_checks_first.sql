-- save_type_definition checks the definition before the state moves (fsm-ui's request): a save that
-- both renames a state (remove + add, with a move) and breaks the machine used to be refused for the
-- move ("not a state this change removes") instead of with the machine's own problems, so the editor
-- could not place them under their inputs. The trigger and the RPC now share one check.

create function app.check_type_schemas(p_fsm_schema jsonb, p_custom_fields_schema jsonb) returns void
language plpgsql stable set search_path = '' as $$
declare
  v_problems jsonb;
begin
  select coalesce(jsonb_agg(jsonb_build_object('path', p.path, 'message', p.message)), '[]')
    into v_problems from app.fsm_problem_list(coalesce(p_fsm_schema, 'null')) p;
  if jsonb_array_length(v_problems) > 0 then
    perform app.raise('FSM_INVALID', v_problems -> 0 ->> 'message', 'fsm_schema', jsonb_build_object('problems', v_problems));
  end if;
  select coalesce(jsonb_agg(jsonb_build_object('path', p.path, 'message', p.message)), '[]')
    into v_problems from app.custom_fields_problems(p_custom_fields_schema) p;
  if jsonb_array_length(v_problems) > 0 then
    perform app.raise('CUSTOM_FIELDS_INVALID', v_problems -> 0 ->> 'message', 'custom_fields_schema',
                      jsonb_build_object('problems', v_problems));
  end if;
end $$;
comment on function app.check_type_schemas(jsonb, jsonb) is
  'FSM_INVALID / CUSTOM_FIELDS_INVALID with every problem (path, message) unless both schemas are valid.';

create or replace function app.type_definitions_check() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  new.is_system_defined := new.org_id is null;
  new.fsm_schema := coalesce(new.fsm_schema, 'null');
  perform app.check_type_schemas(new.fsm_schema, new.custom_fields_schema);
  if tg_op = 'INSERT' then
    new.version := 1;
  else
    new.version := old.version
      + case when new.fsm_schema is distinct from old.fsm_schema
               or new.custom_fields_schema is distinct from old.custom_fields_schema then 1 else 0 end;
    new.created_at := old.created_at;
    new.updated_at := now();
  end if;
  return new;
end $$;

create or replace function public.save_type_definition(
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
  perform app.check_type_schemas(p_fsm_schema, coalesce(p_custom_fields_schema, v_old.custom_fields_schema));

  -- states the new definition drops
  v_removed := array(select s from jsonb_array_elements_text(v_old.fsm_schema -> 'states') s
                     where not (p_fsm_schema -> 'states' ? s));
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

revoke execute on all functions in schema app from public;
