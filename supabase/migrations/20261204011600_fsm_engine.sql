-- One state-machine engine (issue 11, spec 05): type definitions store how a kind of thing moves, in
-- javascript-state-machine's format plus our keys (terminal, requires, meta); one set of SQL functions
-- decides every transition; one history table records every state change, written by a trigger that
-- each subject's table attaches. Batches, tickets and later bundles and counts all use it.
--
-- Why the engine lives in SQL: the rules must hold whatever path writes a row (RPC, trigger, psql), so
-- the database carries them; the app only asks (available_transitions) to draw buttons.
-- Why javascript-state-machine's semantics exactly: spec 05 names that format, definitions are edited
-- and tried in the browser with it, and a differential test (tests/integration/fsm-differential)
-- proves both agree. For a transition name and a state the target is: the last definition of that
-- name listing the state in `from`, else the last `'*'` definition of that name; a `to` of '*' keeps
-- the state. Validation (app.fsm_problems) makes such overlaps impossible in stored definitions, but the
-- step function follows the library even for the overlaps, so "try it" on a draft answers like it.

create type public.fsm_subject as enum ('batch', 'ticket', 'bundle', 'count');
comment on type public.fsm_subject is
  'What a type definition describes: batch (production), ticket (queues, spec 05), bundle and count (later issues).';

insert into app.error_codes (code, status, meaning) values
  ('FSM_INVALID', 422, 'The state machine definition is not valid; context.problems lists every problem.'),
  ('CUSTOM_FIELDS_INVALID', 422, 'The custom fields schema is not one the database can check; context.problems lists why.'),
  ('INVALID_TRANSITION', 409, 'That transition is not open from the current state (context: from, to, available).'),
  ('STATE_IN_USE', 409, 'A state being removed still holds live rows (context: states with counts); move them first.'),
  ('TYPE_READ_ONLY', 403, 'System types cannot be changed; copy one to change it.'),
  ('TYPE_CODE_TAKEN', 409, 'The organisation already has a type of that subject with this code.'),
  ('TYPE_VERSION_CONFLICT', 409, 'The type was changed since it was loaded (context: version); reload and retry.'),
  ('CUSTOM_DATA_INVALID', 422, 'The custom data does not fit the type''s custom fields; field names the field.')
on conflict (code) do nothing;

-- ------------------------------------------------------------------ the definition checks
-- Every problem of a definition as (path into the JSON as sent, sentence). The editor places each
-- sentence under the input at path; app.fsm_problems gives the sentences alone.
create function app.fsm_problem_list(p_fsm jsonb) returns table (path text, message text)
language plpgsql stable set search_path = '' as $$
declare
  v_states text[] := '{}';
  v_terminal text[] := '{}';
  v_init text;
  v_key text;
  v_el jsonb;
  v_tr jsonb;
  v_from jsonb;
  v_name text;
  v_to text;
  v_src text;
  v_edges jsonb := '[]';  -- [{i, name, from, to}] one per (transition, source state)
  v_roles text[] := array(select unnest(enum_range(null::public.member_role))::text);
  v_order_statuses text[] := array(select unnest(enum_range(null::public.order_status))::text);
  v_reserved_names text[] := array['init', 'is', 'can', 'cannot', 'observe', 'state', 'transitions',
                                   'all_states', 'all_transitions', 'history', 'fire', 'goto'];
  r record;
  i integer;
  j integer;
begin
  if p_fsm is null or jsonb_typeof(p_fsm) <> 'object' then
    return query select null::text, 'The state machine must be a JSON object with init, states, terminal and transitions';
    return;
  end if;
  for v_key in select k from jsonb_object_keys(p_fsm) k order by 1 loop
    if v_key not in ('init', 'states', 'terminal', 'transitions', 'meta') then
      return query select v_key, format('Unknown key "%s": a state machine has init, states, terminal, transitions and meta', v_key);
    end if;
  end loop;

  -- states
  if jsonb_typeof(p_fsm -> 'states') is distinct from 'array' or jsonb_array_length(p_fsm -> 'states') = 0 then
    return query select 'states', 'List at least one state in states';
  elsif jsonb_array_length(p_fsm -> 'states') > 100 then
    return query select 'states', 'A state machine has at most 100 states';
  else
    for i in 0 .. jsonb_array_length(p_fsm -> 'states') - 1 loop
      v_el := p_fsm -> 'states' -> i;
      if jsonb_typeof(v_el) <> 'string' then
        return query select 'states.' || i, format('State %s must be a name in quotes', i + 1);
        continue;
      end if;
      v_key := v_el #>> '{}';
      if v_key = any (v_states) then
        return query select 'states.' || i, format('State "%s" is listed twice', v_key);
        continue;
      end if;
      v_states := v_states || v_key;
      if v_key <> btrim(v_key) or length(v_key) not between 1 and 32 or v_key ~ '[[:cntrl:]]' then
        return query select 'states.' || i,
          format('State "%s" must be 1 to 32 characters, without spaces at either end', v_key);
      elsif v_key in ('*', 'none') then
        return query select 'states.' || i, format('"%s" is reserved and cannot name a state', v_key);
      end if;
    end loop;
  end if;

  -- init
  if jsonb_typeof(p_fsm -> 'init') is distinct from 'string' then
    return query select 'init', 'Name the initial state in init';
  else
    v_init := p_fsm ->> 'init';
    if not (v_init = any (v_states)) then
      return query select 'init', format('The initial state "%s" is not one of the states', v_init);
      v_init := null;
    end if;
  end if;

  -- terminal
  if jsonb_typeof(p_fsm -> 'terminal') is distinct from 'array' then
    return query select 'terminal', 'List the terminal states (where things end) in terminal; [] if they never end';
  else
    for i in 0 .. jsonb_array_length(p_fsm -> 'terminal') - 1 loop
      v_el := p_fsm -> 'terminal' -> i;
      v_key := v_el #>> '{}';
      if jsonb_typeof(v_el) <> 'string' or not (v_key = any (v_states)) then
        return query select 'terminal.' || i, format('Terminal state %s is not one of the states', coalesce('"' || v_key || '"', (i + 1)::text));
      elsif v_key = any (v_terminal) then
        return query select 'terminal.' || i, format('Terminal state "%s" is listed twice', v_key);
      else
        v_terminal := v_terminal || v_key;
      end if;
    end loop;
  end if;

  -- transitions
  if jsonb_typeof(p_fsm -> 'transitions') is distinct from 'array' then
    return query select 'transitions', 'transitions must be a list (it may be empty)';
  elsif jsonb_array_length(p_fsm -> 'transitions') > 500 then
    return query select 'transitions', 'A state machine has at most 500 transitions';
  else
    for i in 0 .. jsonb_array_length(p_fsm -> 'transitions') - 1 loop
      v_tr := p_fsm -> 'transitions' -> i;
      if jsonb_typeof(v_tr) <> 'object' then
        return query select 'transitions.' || i, format('Transition %s must be an object {name, from, to}', i + 1);
        continue;
      end if;
      for v_key in select k from jsonb_object_keys(v_tr) k order by 1 loop
        if v_key not in ('name', 'from', 'to', 'requires') then
          return query select 'transitions.' || i || '.' || v_key,
            format('Transition %s has an unknown key "%s" (name, from, to and requires are known)', i + 1, v_key);
        end if;
      end loop;
      v_name := case when jsonb_typeof(v_tr -> 'name') = 'string' then v_tr ->> 'name' end;
      if v_name is null or v_name !~ '^[a-z][a-z0-9_]{0,31}$' then
        return query select 'transitions.' || i || '.name',
          format('Transition %s needs a name of 1 to 32 lower-case letters, digits or _ starting with a letter%s',
                 i + 1, coalesce(' (not "' || v_name || '")', ''));
        v_name := null;
      elsif v_name = any (v_reserved_names) then
        return query select 'transitions.' || i || '.name',
          format('"%s" is reserved by the state machine library and cannot name a transition', v_name);
        v_name := null;
      end if;
      v_to := case when jsonb_typeof(v_tr -> 'to') = 'string' then v_tr ->> 'to' end;
      if v_to is null or not (v_to = any (v_states)) then
        return query select 'transitions.' || i || '.to',
          format('Transition %s goes to %s, which is not one of the states', coalesce('"' || v_name || '"', (i + 1)::text),
                 coalesce('"' || v_to || '"', 'nothing'));
        v_to := null;
      end if;
      v_from := v_tr -> 'from';
      if jsonb_typeof(v_from) = 'string' then
        v_from := jsonb_build_array(v_from);
      elsif jsonb_typeof(v_from) is distinct from 'array' or jsonb_array_length(v_from) = 0 then
        return query select 'transitions.' || i || '.from',
          format('Transition %s needs from: a state, a list of states or "*"', coalesce('"' || v_name || '"', (i + 1)::text));
        continue;
      elsif v_from @> '["*"]' then
        return query select 'transitions.' || i || '.from',
          format('Transition %s lists "*" among states: write from "*" alone for every state', coalesce('"' || v_name || '"', (i + 1)::text));
        continue;
      end if;
      for j in 0 .. jsonb_array_length(v_from) - 1 loop
        v_src := case when jsonb_typeof(v_from -> j) = 'string' then v_from ->> j end;
        if v_src is null or (v_src <> '*' and not (v_src = any (v_states))) then
          return query select 'transitions.' || i || '.from' || case when jsonb_typeof(v_tr -> 'from') = 'array' then '.' || j else '' end,
            format('Transition %s leaves %s, which is not one of the states', coalesce('"' || v_name || '"', (i + 1)::text),
                   coalesce('"' || v_src || '"', 'nothing'));
        elsif v_edges @> jsonb_build_array(jsonb_build_object('i', i, 'from', v_src)) then
          return query select 'transitions.' || i || '.from.' || j,
            format('Transition %s lists "%s" twice in from', coalesce('"' || v_name || '"', (i + 1)::text), v_src);
        elsif v_name is not null and v_to is not null then
          v_edges := v_edges || jsonb_build_object('i', i, 'name', v_name, 'from', v_src, 'to', v_to);
        end if;
      end loop;
      if v_tr ? 'requires' then
        if jsonb_typeof(v_tr -> 'requires') <> 'object' then
          return query select 'transitions.' || i || '.requires',
            format('requires of transition %s must be an object {reason, min_role}', coalesce('"' || v_name || '"', (i + 1)::text));
        else
          for v_key in select k from jsonb_object_keys(v_tr -> 'requires') k order by 1 loop
            if v_key not in ('reason', 'min_role') then
              return query select 'transitions.' || i || '.requires.' || v_key,
                format('requires of transition %s has an unknown key "%s" (reason and min_role are known)',
                       coalesce('"' || v_name || '"', (i + 1)::text), v_key);
            end if;
          end loop;
          if v_tr -> 'requires' ? 'reason' and jsonb_typeof(v_tr -> 'requires' -> 'reason') <> 'boolean' then
            return query select 'transitions.' || i || '.requires.reason', 'requires.reason must be true or false';
          end if;
          if v_tr -> 'requires' ? 'min_role'
             and (jsonb_typeof(v_tr -> 'requires' -> 'min_role') <> 'string'
                  or not (v_tr -> 'requires' ->> 'min_role' = any (v_roles))) then
            return query select 'transitions.' || i || '.requires.min_role',
              format('requires.min_role must be one of %s', array_to_string(v_roles, ', '));
          end if;
        end if;
      end if;
    end loop;
  end if;

  -- names unique per source state: jsm would silently let the last one win; '*' counts for every state
  for r in
    select e.name, e."from", array_agg(e.i + 1 order by e.i) as idx, min(e.i) as first_i
    from jsonb_to_recordset(v_edges) e (i integer, name text, "from" text, "to" text)
    group by e.name, e."from" having count(*) > 1 order by min(e.i)
  loop
    return query select 'transitions.' || r.idx[2] - 1 || '.name',
      format('Transition "%s" is defined more than once from %s (transitions %s)', r.name,
             case when r."from" = '*' then 'every state ("*")' else '"' || r."from" || '"' end, array_to_string(r.idx, ', '));
  end loop;
  for r in
    select e.name, e."from", e.i, w.i as wi
    from jsonb_to_recordset(v_edges) e (i integer, name text, "from" text, "to" text)
    join jsonb_to_recordset(v_edges) w (i integer, name text, "from" text, "to" text)
      on w.name = e.name and w."from" = '*' and e."from" <> '*'
    order by e.i
  loop
    return query select 'transitions.' || r.i || '.name',
      format('Transition "%s" from "%s" clashes with transition %s, which already leaves every state ("*") under that name',
             r.name, r."from", r.wi + 1);
  end loop;

  -- reachability, ways out, terminal states
  if v_init is not null then
    for r in
      with recursive reach (s) as (
        select v_init
        union
        select e."to" from reach
        join jsonb_to_recordset(v_edges) e (i integer, name text, "from" text, "to" text)
          on e."from" = reach.s or e."from" = '*'
      )
      select s.name, s.ord - 1 as idx from unnest(v_states) with ordinality s (name, ord)
      where not exists (select 1 from reach where reach.s = s.name)
      order by s.ord
    loop
      return query select 'states.' || r.idx,
        format('State "%s" cannot be reached from the initial state "%s"', r.name, v_init);
    end loop;
  end if;
  for r in
    select s.name, s.ord - 1 as idx, s.name = any (v_terminal) as is_terminal,
           (select e.name from jsonb_to_recordset(v_edges) e (i integer, name text, "from" text, "to" text)
            where e."from" = s.name order by e.i limit 1) as own_exit,
           (select e.name from jsonb_to_recordset(v_edges) e (i integer, name text, "from" text, "to" text)
            where e."from" = '*' order by e.i limit 1) as wild_exit
    from unnest(v_states) with ordinality s (name, ord)
    order by s.ord
  loop
    if r.is_terminal and r.own_exit is not null then
      return query select 'terminal.' || array_position(v_terminal, r.name) - 1,
        format('Terminal state "%s" has a way out (transition "%s"): a terminal state ends a thing''s life', r.name, r.own_exit);
    elsif r.is_terminal and r.wild_exit is not null then
      return query select 'terminal.' || array_position(v_terminal, r.name) - 1,
        format('Transition "%s" leaves every state ("*"), so also the terminal state "%s": list the states it leaves instead',
               r.wild_exit, r.name);
    elsif not r.is_terminal and r.own_exit is null and r.wild_exit is null then
      return query select 'states.' || r.idx,
        format('State "%s" has no way out: add a transition from it or list it in terminal', r.name);
    end if;
  end loop;

  -- meta
  if p_fsm ? 'meta' then
    if jsonb_typeof(p_fsm -> 'meta') <> 'object' then
      return query select 'meta', 'meta must be an object keyed by state';
    else
      for v_key, v_el in select m.key, m.value from jsonb_each(p_fsm -> 'meta') m order by 1 loop
        if not (v_key = any (v_states)) then
          return query select 'meta.' || v_key, format('meta names "%s", which is not one of the states', v_key);
        elsif jsonb_typeof(v_el) <> 'object' then
          return query select 'meta.' || v_key, format('meta of "%s" must be an object', v_key);
        else
          for r in select m.key, m.value from jsonb_each(v_el) m order by 1 loop
            if r.key = 'label' and (jsonb_typeof(r.value) <> 'string' or length(btrim(r.value #>> '{}')) not between 1 and 100) then
              return query select 'meta.' || v_key || '.label', format('The label of "%s" must be 1 to 100 characters', v_key);
            elsif r.key = 'public_label' and (jsonb_typeof(r.value) <> 'string' or length(btrim(r.value #>> '{}')) not between 1 and 80) then
              return query select 'meta.' || v_key || '.public_label', format('The public label of "%s" must be 1 to 80 characters', v_key);
            elsif r.key = 'order_status' and (jsonb_typeof(r.value) <> 'string' or not (r.value #>> '{}' = any (v_order_statuses))) then
              return query select 'meta.' || v_key || '.order_status',
                format('The order status of "%s" must be one of %s', v_key, array_to_string(v_order_statuses, ', '));
            elsif r.key = 'requires_quality_pass' and jsonb_typeof(r.value) <> 'boolean' then
              return query select 'meta.' || v_key || '.requires_quality_pass',
                format('requires_quality_pass of "%s" must be true or false', v_key);
            elsif r.key not in ('label', 'public_label', 'order_status', 'requires_quality_pass') then
              return query select 'meta.' || v_key || '.' || r.key,
                format('meta of "%s" has an unknown key "%s" (label, public_label, order_status and requires_quality_pass are known)',
                       v_key, r.key);
            end if;
          end loop;
        end if;
      end loop;
    end if;
  end if;
end $$;
comment on function app.fsm_problem_list(jsonb) is
  'Every problem of a state machine definition as (path into the JSON, sentence); no rows = valid.';

create function app.fsm_problems(p_fsm jsonb) returns text[]
language sql stable set search_path = '' as $$
  select coalesce(array_agg(p.message), '{}') from app.fsm_problem_list(p_fsm) p
$$;
comment on function app.fsm_problems(jsonb) is 'The problems of a state machine definition, one sentence each; {} = valid.';

-- ------------------------------------------------------------------ custom fields
-- The subset of JSON Schema the database itself checks (Ajv checks all of draft 2020-12 at the API):
-- an object of named properties of type string, integer, number, boolean (optionally enum, minLength,
-- maxLength, minimum, maximum), required, additionalProperties. Other keywords (title, description,
-- format, pattern, default, …) are allowed and left to Ajv.
create function app.custom_fields_problems(p_schema jsonb) returns table (path text, message text)
language plpgsql stable set search_path = '' as $$
declare
  r record;
  v_el jsonb;
begin
  if p_schema is null or jsonb_typeof(p_schema) <> 'object' or p_schema ->> 'type' is distinct from 'object' then
    return query select null::text, 'The custom fields schema must be a JSON Schema object {"type": "object", "properties": {…}}';
    return;
  end if;
  if p_schema ? 'properties' and jsonb_typeof(p_schema -> 'properties') <> 'object' then
    return query select 'properties', 'properties must be an object keyed by field name';
    return;
  end if;
  for r in select p.key, p.value from jsonb_each(coalesce(p_schema -> 'properties', '{}')) p order by 1 loop
    if r.key !~ '^[a-z][a-z0-9_]{0,63}$' then
      return query select 'properties.' || r.key,
        format('Field name "%s" must be lower-case letters, digits or _ starting with a letter (at most 64)', r.key);
    elsif jsonb_typeof(r.value) <> 'object'
          or r.value ->> 'type' is null
          or not (r.value ->> 'type' in ('string', 'integer', 'number', 'boolean')) then
      return query select 'properties.' || r.key || '.type',
        format('Field "%s" needs a type: string, integer, number or boolean', r.key);
    elsif r.value ? 'enum' and (jsonb_typeof(r.value -> 'enum') <> 'array' or jsonb_array_length(r.value -> 'enum') = 0) then
      return query select 'properties.' || r.key || '.enum', format('The choices (enum) of "%s" must be a non-empty list', r.key);
    else
      for v_el in select x from jsonb_array_elements(case when r.value ? 'enum' then r.value -> 'enum' else '[]' end) x loop
        if not app.custom_value_fits(r.value ->> 'type', v_el) then
          return query select 'properties.' || r.key || '.enum',
            format('Choice %s of "%s" is not a %s', v_el::text, r.key, r.value ->> 'type');
        end if;
      end loop;
      if exists (select 1 from unnest(array['minLength', 'maxLength', 'minimum', 'maximum']) k
                 where r.value ? k and jsonb_typeof(r.value -> k) <> 'number') then
        return query select 'properties.' || r.key, format('minLength, maxLength, minimum and maximum of "%s" must be numbers', r.key);
      end if;
    end if;
  end loop;
  if p_schema ? 'required' then
    if jsonb_typeof(p_schema -> 'required') <> 'array' then
      return query select 'required', 'required must be a list of field names';
    else
      for v_el in select x from jsonb_array_elements(p_schema -> 'required') x loop
        if jsonb_typeof(v_el) <> 'string' or not (coalesce(p_schema -> 'properties', '{}') ? (v_el #>> '{}')) then
          return query select 'required', format('Required field %s is not one of the properties', v_el::text);
        end if;
      end loop;
    end if;
  end if;
  if p_schema ? 'additionalProperties' and jsonb_typeof(p_schema -> 'additionalProperties') <> 'boolean' then
    return query select 'additionalProperties', 'additionalProperties must be true or false';
  end if;
end $$;
comment on function app.custom_fields_problems(jsonb) is
  'Why a custom fields schema is outside the subset the database checks, as (path, sentence); no rows = fine.';

create function app.custom_value_fits(p_type text, p_value jsonb) returns boolean
language sql immutable set search_path = '' as $$
  select case p_type
    when 'string' then jsonb_typeof(p_value) = 'string'
    when 'boolean' then jsonb_typeof(p_value) = 'boolean'
    when 'number' then jsonb_typeof(p_value) = 'number'
    when 'integer' then jsonb_typeof(p_value) = 'number' and (p_value::text)::numeric = trunc((p_value::text)::numeric)
    else false end
$$;
comment on function app.custom_value_fits(text, jsonb) is 'Whether a JSON value has a custom field''s primitive type.';

-- ------------------------------------------------------------------ type definitions
create table public.type_definitions (
  id uuid primary key default gen_random_uuid(),
  org_id uuid references public.organisations (id) on delete cascade,
  subject public.fsm_subject not null,
  type_code text not null check (type_code ~ '^[a-z0-9_-]{2,32}$'),
  type_name text not null check (length(btrim(type_name)) between 1 and 100),
  fsm_schema jsonb not null,
  custom_fields_schema jsonb not null default '{"type": "object", "properties": {}}',
  is_system_defined boolean not null default false,
  version integer not null default 1 check (version >= 1),
  copied_from_id uuid references public.type_definitions (id) on delete set null,
  archived_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (is_system_defined = (org_id is null)),
  unique nulls not distinct (org_id, subject, type_code)
);
comment on table public.type_definitions is
  'Spec 05 TypeDefinition: how a kind of thing (subject) moves (fsm_schema, javascript-state-machine format '
  'plus terminal/requires/meta) and which custom fields it carries (JSON Schema). org_id null = system type: '
  'every member reads it, nobody edits it (copy it instead). Org types: members read, managers+ write '
  'through save_type_definition. See docs/workflows.md.';
comment on column public.type_definitions.fsm_schema is
  '{init, states, terminal, transitions: [{name, from: state | [states] | "*", to, requires?: {reason, min_role}}], '
  'meta?: {state: {label, public_label, order_status, requires_quality_pass}}}; checked by app.fsm_problems.';
comment on column public.type_definitions.custom_fields_schema is
  'JSON Schema (draft 2020-12) of the custom data of this type''s rows; Ajv at the API, a subset check in the database.';
comment on column public.type_definitions.version is
  '1 at creation, +1 on every change of fsm_schema or custom_fields_schema; rows store the version they were validated against.';
comment on column public.type_definitions.copied_from_id is 'The type this one was copied from (a system type, usually).';
comment on column public.type_definitions.archived_at is 'Archived types keep their rows moving but get no new ones.';

create index type_definitions_org_subject_idx on public.type_definitions (org_id, subject);
create index type_definitions_copied_from_idx on public.type_definitions (copied_from_id);

-- Validation, system flag and version: in the database, whatever path writes the row.
create function app.type_definitions_check() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  v_problems jsonb;
begin
  new.is_system_defined := new.org_id is null;
  new.fsm_schema := coalesce(new.fsm_schema, 'null');
  select coalesce(jsonb_agg(jsonb_build_object('path', p.path, 'message', p.message)), '[]')
    into v_problems from app.fsm_problem_list(new.fsm_schema) p;
  if jsonb_array_length(v_problems) > 0 then
    perform app.raise('FSM_INVALID', v_problems -> 0 ->> 'message', 'fsm_schema',
                      jsonb_build_object('problems', v_problems));
  end if;
  select coalesce(jsonb_agg(jsonb_build_object('path', p.path, 'message', p.message)), '[]')
    into v_problems from app.custom_fields_problems(new.custom_fields_schema) p;
  if jsonb_array_length(v_problems) > 0 then
    perform app.raise('CUSTOM_FIELDS_INVALID', v_problems -> 0 ->> 'message', 'custom_fields_schema',
                      jsonb_build_object('problems', v_problems));
  end if;
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
comment on function app.type_definitions_check() is
  'Trigger: refuses an invalid definition (FSM_INVALID / CUSTOM_FIELDS_INVALID with every problem), sets '
  'is_system_defined and bumps version when the schemas change.';

create trigger type_definitions_check before insert or update on public.type_definitions
  for each row execute function app.type_definitions_check();
-- the audit log is per organisation; system types change only through migrations
create trigger type_definitions_audit after insert or update on public.type_definitions
  for each row when (new.org_id is not null) execute function app.audit_row();
create trigger type_definitions_audit_delete after delete on public.type_definitions
  for each row when (old.org_id is not null) execute function app.audit_row();

-- ------------------------------------------------------------------ the engine
-- The transitions open from a state, with jsm's precedence: a definition naming the state beats a '*'
-- one, a later definition beats an earlier one; to '*' (or missing) stays in the state.
create function app.fsm_transitions(p_fsm jsonb, p_from text)
returns table (name text, to_state text, requires jsonb)
language sql immutable set search_path = '' as $$
  with edges as (
    select t.tr ->> 'name' as name, f.src, coalesce(nullif(t.tr ->> 'to', ''), '*') as to_state,
           coalesce(t.tr -> 'requires', '{}') as requires, t.ti, f.fi
    from jsonb_array_elements(case when jsonb_typeof(p_fsm -> 'transitions') = 'array' then p_fsm -> 'transitions' else '[]' end)
         with ordinality t (tr, ti)
    cross join lateral (
      select x.src, x.fi from jsonb_array_elements_text(t.tr -> 'from') with ordinality x (src, fi)
      where jsonb_typeof(t.tr -> 'from') = 'array'
      union all
      select coalesce(nullif(t.tr ->> 'from', ''), '*'), 1 where jsonb_typeof(t.tr -> 'from') is distinct from 'array'
    ) f
    where jsonb_typeof(t.tr) = 'object' and t.tr ->> 'name' is not null
  ), winners as (
    select distinct on (e.name) e.name, e.to_state, e.requires, e.ti
    from edges e
    where e.src = p_from or e.src = '*'
    order by e.name, (e.src = p_from) desc, e.ti desc, e.fi desc
  )
  select w.name, case when w.to_state = '*' then p_from else w.to_state end, w.requires
  from winners w
  order by w.ti, w.name
$$;
comment on function app.fsm_transitions(jsonb, text) is
  'The transitions open from a state (javascript-state-machine semantics for from: a state, a list, ''*''), '
  'each with its target and requires.';

create function app.fsm_step(p_fsm jsonb, p_from text, p_transition text) returns text
language sql immutable set search_path = '' as $$
  select t.to_state from app.fsm_transitions(p_fsm, p_from) t where t.name = p_transition
$$;
comment on function app.fsm_step(jsonb, text, text) is
  'Where a transition leads from a state, or null when it is not open there (jsm''s can/fire).';

create function app.fsm_schema_of(p_type_id uuid) returns jsonb
language sql stable security definer set search_path = '' as $$
  select d.fsm_schema from public.type_definitions d where d.id = p_type_id
$$;
comment on function app.fsm_schema_of(uuid) is 'The fsm_schema of a type definition (any organisation; callers check access).';

create function app.fsm_decide(p_type_id uuid, p_from text, p_transition text, p_to text) returns jsonb
language plpgsql stable security definer set search_path = '' as $$
declare
  v_fsm jsonb := app.fsm_schema_of(p_type_id);
  v_to text;
  v_requires jsonb;
  v_name text;
  v_open text[];
begin
  if v_fsm is null then
    return jsonb_build_object('allowed', false, 'transition', p_transition, 'from', p_from, 'to', p_to,
                              'requires', '{}'::jsonb, 'reason', 'Unknown type definition');
  end if;
  if not (v_fsm -> 'states' ? p_from) then
    return jsonb_build_object('allowed', false, 'transition', p_transition, 'from', p_from, 'to', p_to,
      'requires', '{}'::jsonb, 'reason', format('"%s" is not a state of this type', p_from));
  end if;
  if p_transition is not null then
    select t.to_state, t.requires into v_to, v_requires from app.fsm_transitions(v_fsm, p_from) t where t.name = p_transition;
    if v_to is null then
      v_open := array(select t.name from app.fsm_transitions(v_fsm, p_from) t);
      return jsonb_build_object('allowed', false, 'transition', p_transition, 'from', p_from, 'to', p_to,
        'requires', '{}'::jsonb, 'available', to_jsonb(v_open),
        'reason', format('"%s" is not open from "%s"%s', p_transition, p_from,
                         case when cardinality(v_open) = 0 then ' (nothing is)'
                              else ' (open: ' || array_to_string(v_open, ', ') || ')' end));
    end if;
    if p_to is not null and p_to <> v_to then
      return jsonb_build_object('allowed', false, 'transition', p_transition, 'from', p_from, 'to', p_to,
        'requires', v_requires,
        'reason', format('"%s" leads from "%s" to "%s", not to "%s"', p_transition, p_from, v_to, p_to));
    end if;
    return jsonb_build_object('allowed', true, 'transition', p_transition, 'from', p_from, 'to', v_to,
                              'requires', v_requires, 'reason', null);
  end if;
  select t.name, t.requires into v_name, v_requires from app.fsm_transitions(v_fsm, p_from) t
    where t.to_state = p_to limit 1;
  if v_name is null then
    v_open := array(select format('%s → %s', t.name, t.to_state) from app.fsm_transitions(v_fsm, p_from) t);
    return jsonb_build_object('allowed', false, 'transition', null, 'from', p_from, 'to', p_to,
      'requires', '{}'::jsonb, 'available', to_jsonb(array(select t.name from app.fsm_transitions(v_fsm, p_from) t)),
      'reason', format('No transition leads from "%s" to "%s"%s', p_from, p_to,
                       case when cardinality(v_open) = 0 then ' (nothing leaves it)'
                            else ' (open: ' || array_to_string(v_open, ', ') || ')' end));
  end if;
  return jsonb_build_object('allowed', true, 'transition', v_name, 'from', p_from, 'to', p_to,
                            'requires', v_requires, 'reason', null);
end $$;
comment on function app.fsm_decide(uuid, text, text, text) is
  'The one decision: is this step allowed for a type? By transition name when given (and then p_to, if '
  'given, must be its target), else the first transition from p_from to p_to. '
  '{allowed, transition, from, to, requires, reason[, available]}.';

create function app.fsm_require(p_type_id uuid, p_from text, p_to text, p_transition text default null) returns jsonb
language plpgsql stable security definer set search_path = '' as $$
declare
  v_decision jsonb := app.fsm_decide(p_type_id, p_from, p_transition, p_to);
begin
  if not (v_decision ->> 'allowed')::boolean then
    perform app.raise('INVALID_TRANSITION', v_decision ->> 'reason', 'transition',
      jsonb_build_object('from', p_from, 'to', p_to, 'transition', p_transition,
                         'available', coalesce(v_decision -> 'available', '[]')));
  end if;
  return v_decision;
end $$;
comment on function app.fsm_require(uuid, text, text, text) is
  'app.fsm_decide that raises INVALID_TRANSITION (409) when refused; returns the decision otherwise.';

create function app.fsm_state_meta(p_type_id uuid, p_state text) returns jsonb
language sql stable security definer set search_path = '' as $$
  select coalesce(d.fsm_schema -> 'meta' -> p_state, '{}') from public.type_definitions d where d.id = p_type_id
$$;
comment on function app.fsm_state_meta(uuid, text) is 'A state''s meta in a type definition ({} if none).';

create function app.fsm_init_state(p_type_id uuid) returns text
language sql stable security definer set search_path = '' as $$
  select d.fsm_schema ->> 'init' from public.type_definitions d where d.id = p_type_id
$$;
comment on function app.fsm_init_state(uuid) is 'Where rows of a type start.';

create function app.fsm_is_terminal(p_type_id uuid, p_state text) returns boolean
language sql stable security definer set search_path = '' as $$
  select coalesce(d.fsm_schema -> 'terminal' ? p_state, false) from public.type_definitions d where d.id = p_type_id
$$;
comment on function app.fsm_is_terminal(uuid, text) is 'Whether a state ends a row''s life (not live any more).';

-- Enforces a transition's requires for a caller in an organisation: a reason (floorline.fsm_reason or
-- p_reason) and a minimum role. Trusted paths (service role, JWT-less SQL) pass the role check.
create function app.fsm_check_requires(p_org_id uuid, p_requires jsonb, p_reason text default null) returns void
language plpgsql stable security definer set search_path = '' as $$
begin
  if coalesce((p_requires ->> 'reason')::boolean, false)
     and coalesce(nullif(btrim(p_reason), ''), nullif(btrim(current_setting('floorline.fsm_reason', true)), '')) is null then
    perform app.raise('VALIDATION_FAILED', 'This transition needs a reason', 'reason');
  end if;
  if p_requires ? 'min_role' then
    perform app.require_member(p_org_id, (p_requires ->> 'min_role')::public.member_role, true);
  end if;
end $$;
comment on function app.fsm_check_requires(uuid, jsonb, text) is
  'Raises unless a transition''s requires are met: a reason (VALIDATION_FAILED on reason) and min_role (FORBIDDEN).';

-- ------------------------------------------------------------------ RPCs the app draws with
create function public.available_transitions(p_type_id uuid, p_state text)
returns table (name text, to_state text, requires jsonb)
language plpgsql stable security definer set search_path = '' as $$
begin
  -- the caller's readable types as RLS has them: system types and their organisations' own
  if not exists (select 1 from public.type_definitions d where d.id = p_type_id
                 and (d.org_id is null or d.org_id = any (array(select app.my_org_ids()))
                      or app.is_service_role() or (select auth.role()) is null)) then
    perform app.raise('NOT_FOUND', 'No such type definition', 'p_type_id');
  end if;
  return query select t.name, t.to_state, t.requires
    from public.type_definitions d, app.fsm_transitions(d.fsm_schema, p_state) t where d.id = p_type_id;
end $$;
comment on function public.available_transitions(uuid, text) is
  'The transitions open from a state of a type the caller can read (to draw buttons); the database still decides.';

create function public.fsm_dry_run(p_fsm jsonb, p_steps text[]) returns jsonb
language plpgsql stable security definer set search_path = '' as $$
declare
  v_problems jsonb;
  v_state text;
  v_to text;
  v_steps jsonb := '[]';
  v_name text;
begin
  if (select auth.uid()) is null and not app.is_service_role() and (select auth.role()) is not null then
    perform app.raise('NOT_SIGNED_IN', 'Sign in first');
  end if;
  if cardinality(p_steps) > 1000 then
    perform app.raise('VALIDATION_FAILED', 'At most 1000 steps per dry run', 'p_steps');
  end if;
  select coalesce(jsonb_agg(jsonb_build_object('path', p.path, 'message', p.message)), '[]')
    into v_problems from app.fsm_problem_list(p_fsm) p;
  v_state := case when jsonb_typeof(p_fsm) = 'object' then p_fsm ->> 'init' end;
  foreach v_name in array coalesce(p_steps, '{}') loop
    v_to := app.fsm_step(p_fsm, v_state, v_name);
    v_steps := v_steps || jsonb_build_object(
      'transition', v_name, 'from', v_state, 'to', v_to, 'allowed', v_to is not null,
      'reason', case when v_to is null then format('"%s" is not open from "%s"', v_name, v_state) end);
    v_state := coalesce(v_to, v_state);
  end loop;
  return jsonb_build_object('valid', jsonb_array_length(v_problems) = 0, 'problems', v_problems,
                            'steps', v_steps, 'final_state', v_state,
                            'transitions', coalesce((select jsonb_agg(jsonb_build_object('name', t.name, 'to', t.to_state,
                                                       'requires', t.requires))
                                                     from app.fsm_transitions(p_fsm, v_state) t), '[]'));
end $$;
comment on function public.fsm_dry_run(jsonb, text[]) is
  'Walks named transitions from init through a draft definition (nothing stored): per step {transition, from, to, '
  'allowed, reason}; refused steps leave the state as it was. Plus {valid, problems, final_state, transitions}.';

-- ------------------------------------------------------------------ one history for every subject
create table public.state_history (
  id bigint generated always as identity primary key,
  org_id uuid not null references public.organisations (id) on delete cascade,
  subject public.fsm_subject not null,
  subject_id uuid not null,
  type_definition_id uuid references public.type_definitions (id) on delete set null,
  type_version integer,
  from_state text,
  to_state text not null,
  transition text,
  actor_user_id uuid,
  member_id uuid,
  reason text,
  device text,
  created_at timestamptz not null default now()
);
comment on table public.state_history is
  'Every state change of every engine subject (batches, tickets, …): from, to, transition, who, why, device, when. '
  'Written only by the trigger app.fsm_history(); members read their organisation''s.';
comment on column public.state_history.from_state is 'null when the row was created (its first state).';
comment on column public.state_history.transition is 'The transition name (floorline.fsm_transition, else the engine''s pick).';
comment on column public.state_history.device is 'floorline.fsm_device, else the x-device-id header.';

create index state_history_subject_idx on public.state_history (subject, subject_id, created_at);
create index state_history_org_created_idx on public.state_history (org_id, created_at desc);
create index state_history_type_idx on public.state_history (type_definition_id);

-- Attach as: after insert or update of <state column> on <table> for each row execute function
-- app.fsm_history('<subject>', '<state column>', '<type column>'). The row must have org_id and id; a
-- type_version column, when the table has one, is recorded (else the type's current version).
create function app.fsm_history() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  v_new jsonb := to_jsonb(new);
  v_old jsonb := case when tg_op = 'UPDATE' then to_jsonb(old) end;
  v_state_col text := tg_argv[1];
  v_type_col text := tg_argv[2];
  v_type_id uuid := (v_new ->> v_type_col)::uuid;
  v_from text := v_old ->> v_state_col;
  v_to text := v_new ->> v_state_col;
  v_transition text := nullif(btrim(current_setting('floorline.fsm_transition', true)), '');
begin
  if tg_op = 'UPDATE' and v_from is not distinct from v_to then
    return null;
  end if;
  if v_transition is null and v_from is not null and v_type_id is not distinct from (v_old ->> v_type_col)::uuid then
    v_transition := app.fsm_decide(v_type_id, v_from, null, v_to) ->> 'transition';
  end if;
  insert into public.state_history (org_id, subject, subject_id, type_definition_id, type_version, from_state, to_state,
                                    transition, actor_user_id, member_id, reason, device)
  values ((v_new ->> 'org_id')::uuid, tg_argv[0]::public.fsm_subject, (v_new ->> 'id')::uuid, v_type_id,
          coalesce((v_new ->> 'type_version')::integer,
                   (select d.version from public.type_definitions d where d.id = v_type_id)),
          v_from, v_to, case when v_from is null then coalesce(v_transition, 'init') else v_transition end,
          (select auth.uid()), app.actor_member_id((v_new ->> 'org_id')::uuid),
          nullif(btrim(current_setting('floorline.fsm_reason', true)), ''),
          coalesce(nullif(btrim(current_setting('floorline.fsm_device', true)), ''), app.request_header('x-device-id')));
  return null;
end $$;
comment on function app.fsm_history() is
  'Trigger (after insert or update, TG_ARGV: subject, state column, type column): one state_history row per '
  'state change, with floorline.fsm_transition / fsm_reason / fsm_device and the acting user and member.';

-- ------------------------------------------------------------------ RLS and grants
alter table public.type_definitions enable row level security;
alter table public.state_history enable row level security;

create policy type_definitions_select on public.type_definitions for select to authenticated
  using (org_id is null or org_id = any (array(select app.my_org_ids())));
create policy type_definitions_insert on public.type_definitions for insert to authenticated with check (false);
create policy type_definitions_update on public.type_definitions for update to authenticated using (false);
create policy type_definitions_delete on public.type_definitions for delete to authenticated using (false);

create policy state_history_select on public.state_history for select to authenticated
  using (org_id = any (array(select app.my_org_ids())));
create policy state_history_insert on public.state_history for insert to authenticated with check (false);
create policy state_history_update on public.state_history for update to authenticated using (false);
create policy state_history_delete on public.state_history for delete to authenticated using (false);

-- No API role writes definitions or history directly (the service role bypasses RLS, so it gets no
-- write grant either): definitions change through the RPCs, history only through the trigger.
revoke all on public.type_definitions, public.state_history from public, anon, authenticated, service_role;
grant select on public.type_definitions, public.state_history to authenticated, service_role;

revoke execute on all functions in schema app from public;
revoke execute on function public.available_transitions(uuid, text), public.fsm_dry_run(jsonb, text[])
  from public, anon;
grant execute on function public.available_transitions(uuid, text), public.fsm_dry_run(jsonb, text[])
  to authenticated, service_role;

-- ------------------------------------------------------------------ system types (reference data)
-- 'Headphone build' is spec 04's default workflow as app.workflow_fsm renders it, stored: advance one
-- stage at a time, back to any earlier stage with a reason and a supervisor, complete from Shipping.
-- The back-steps are named per target (return_to_<stage>) because a name is unique per source state;
-- callers that know the target (the batch trigger) ask fsm_decide by target state.
with stages (position, stage, order_status, public_label) as (
  values (1, 'Intake', 'in_production', 'Materials selected'),
         (2, 'Sanding', 'in_production', 'Shaping the wood'),
         (3, 'Finishing', 'in_production', 'Finishing the wood'),
         (4, 'Sub-Assembly', 'in_production', 'Building the drivers and cups'),
         (5, 'Final Assembly', 'in_production', 'Final assembly'),
         (6, 'Acoustic QC', 'quality_check', 'Acoustic testing'),
         (7, 'Shipping', 'ready_to_ship', 'Packing for shipment')
)
insert into public.type_definitions (org_id, subject, type_code, type_name, fsm_schema)
select null, 'batch', 'headphone-build', 'Headphone build', jsonb_build_object(
  'init', 'Intake',
  'states', (select jsonb_agg(s.stage order by s.position) from stages s) || '["completed"]',
  'terminal', '["completed"]'::jsonb,
  'transitions',
    (select jsonb_agg(jsonb_build_object('name', 'advance', 'from', a.stage, 'to', b.stage) order by a.position)
     from stages a join stages b on b.position = a.position + 1)
    || (select jsonb_agg(jsonb_build_object(
                 'name', 'return_to_' || replace(replace(lower(b.stage), '-', '_'), ' ', '_'),
                 'from', (select jsonb_agg(a.stage order by a.position) from stages a where a.position > b.position),
                 'to', b.stage, 'requires', jsonb_build_object('reason', true, 'min_role', 'supervisor'))
               order by b.position)
        from stages b where b.position < 7)
    || '[{"name": "complete", "from": "Shipping", "to": "completed"}]'::jsonb,
  'meta', (select jsonb_object_agg(s.stage, jsonb_build_object('label', s.stage, 'public_label', s.public_label,
                                                               'order_status', s.order_status)
                                             || case when s.stage = 'Acoustic QC'
                                                     then '{"requires_quality_pass": true}'::jsonb else '{}' end)
           from stages s)
          || '{"completed": {"label": "Completed", "public_label": "Shipped", "order_status": "shipped"}}'::jsonb
);

insert into public.type_definitions (org_id, subject, type_code, type_name, fsm_schema, custom_fields_schema) values
(null, 'batch', 'garment', 'Garment', $j${
  "init": "Cutting",
  "states": ["Cutting", "Printing", "Sewing", "QC", "Packing", "Shipped"],
  "terminal": ["Shipped"],
  "transitions": [
    {"name": "advance", "from": "Cutting", "to": "Printing"},
    {"name": "advance", "from": "Printing", "to": "Sewing"},
    {"name": "advance", "from": "Sewing", "to": "QC"},
    {"name": "advance", "from": "QC", "to": "Packing"},
    {"name": "rework", "from": "QC", "to": "Sewing", "requires": {"reason": true}},
    {"name": "complete", "from": "Packing", "to": "Shipped"}
  ],
  "meta": {
    "Cutting": {"label": "Cutting", "public_label": "Cutting the fabric", "order_status": "in_production"},
    "Printing": {"label": "Printing", "public_label": "Printing", "order_status": "in_production"},
    "Sewing": {"label": "Sewing", "public_label": "Sewing", "order_status": "in_production"},
    "QC": {"label": "QC", "public_label": "Quality check", "order_status": "quality_check", "requires_quality_pass": true},
    "Packing": {"label": "Packing", "public_label": "Packing for shipment", "order_status": "ready_to_ship"},
    "Shipped": {"label": "Shipped", "public_label": "Shipped", "order_status": "shipped"}
  }
}$j$, '{"type": "object", "properties": {}}'),
(null, 'ticket', 'repair', 'Repair', $j${
  "init": "received",
  "states": ["received", "diagnosing", "awaiting_parts", "repairing", "ready", "picked_up", "cancelled"],
  "terminal": ["picked_up", "cancelled"],
  "transitions": [
    {"name": "diagnose", "from": "received", "to": "diagnosing"},
    {"name": "order_parts", "from": "diagnosing", "to": "awaiting_parts"},
    {"name": "start_repair", "from": ["diagnosing", "awaiting_parts"], "to": "repairing"},
    {"name": "finish", "from": "repairing", "to": "ready"},
    {"name": "pick_up", "from": "ready", "to": "picked_up"},
    {"name": "cancel", "from": ["received", "diagnosing", "awaiting_parts", "repairing", "ready"], "to": "cancelled",
     "requires": {"reason": true}}
  ],
  "meta": {
    "received": {"label": "Received", "public_label": "We have your device"},
    "diagnosing": {"label": "Diagnosing", "public_label": "Finding the fault"},
    "awaiting_parts": {"label": "Awaiting parts", "public_label": "Waiting for parts"},
    "repairing": {"label": "Repairing", "public_label": "Being repaired"},
    "ready": {"label": "Ready", "public_label": "Ready for pick-up"},
    "picked_up": {"label": "Picked up", "public_label": "Picked up"},
    "cancelled": {"label": "Cancelled", "public_label": "Cancelled"}
  }
}$j$, $j${
  "type": "object",
  "properties": {
    "device_serial": {"type": "string", "title": "Device serial", "minLength": 1, "maxLength": 64},
    "symptom": {"type": "string", "title": "Symptom", "maxLength": 500}
  },
  "required": ["device_serial"]
}$j$),
(null, 'ticket', 'pickup', 'Pickup', $j${
  "init": "received",
  "states": ["received", "in_progress", "ready", "completed"],
  "terminal": ["completed"],
  "transitions": [
    {"name": "start", "from": "received", "to": "in_progress"},
    {"name": "complete", "from": "in_progress", "to": "ready"},
    {"name": "pickup", "from": "ready", "to": "completed"}
  ],
  "meta": {
    "received": {"label": "Received", "public_label": "Order received"},
    "in_progress": {"label": "In progress", "public_label": "Being prepared"},
    "ready": {"label": "Ready", "public_label": "Ready for pick-up"},
    "completed": {"label": "Completed", "public_label": "Collected"}
  }
}$j$, $j${
  "type": "object",
  "properties": {
    "order_reference": {"type": "string", "title": "Order reference", "maxLength": 40}
  }
}$j$),
(null, 'ticket', 'alteration', 'Alteration', $j${
  "init": "received",
  "states": ["received", "measuring", "altering", "fitting", "ready", "collected", "cancelled"],
  "terminal": ["collected", "cancelled"],
  "transitions": [
    {"name": "measure", "from": "received", "to": "measuring"},
    {"name": "alter", "from": "measuring", "to": "altering"},
    {"name": "fit", "from": "altering", "to": "fitting"},
    {"name": "refit", "from": "fitting", "to": "altering", "requires": {"reason": true}},
    {"name": "finish", "from": ["altering", "fitting"], "to": "ready"},
    {"name": "collect", "from": "ready", "to": "collected"},
    {"name": "cancel", "from": ["received", "measuring", "altering", "fitting", "ready"], "to": "cancelled",
     "requires": {"reason": true}}
  ],
  "meta": {
    "received": {"label": "Received", "public_label": "Garment received"},
    "measuring": {"label": "Measuring", "public_label": "Taking measurements"},
    "altering": {"label": "Altering", "public_label": "Being altered"},
    "fitting": {"label": "Fitting", "public_label": "Ready to try on"},
    "ready": {"label": "Ready", "public_label": "Ready for collection"},
    "collected": {"label": "Collected", "public_label": "Collected"},
    "cancelled": {"label": "Cancelled", "public_label": "Cancelled"}
  }
}$j$, $j${
  "type": "object",
  "properties": {
    "garment_size": {"type": "string", "title": "Garment size", "enum": ["XS", "S", "M", "L", "XL", "XXL"]},
    "garment_type": {"type": "string", "title": "Garment", "maxLength": 80},
    "alteration": {"type": "string", "title": "What to alter", "maxLength": 500},
    "rush": {"type": "boolean", "title": "Rush job"}
  },
  "required": ["garment_size"]
}$j$);
