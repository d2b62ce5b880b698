-- Editing type definitions (issue 11): save / copy / archive for managers+, system types read-only,
-- code clashes and stale versions refused, and orphaned states handled for any registered subject:
-- refused with the count while live rows sit in a removed state, or those rows moved (with history).
-- A scratch table registers as the 'count' subject to show the registry is generic.
begin;
select plan(34);
select tests.create_tenancy_fixture();


create function pg_temp.m(p_states text[] default '{a,b,c}') returns jsonb language sql as $$
  select case when p_states = '{a,b,c}' then
    '{"init": "a", "states": ["a", "b", "c"], "terminal": ["c"],
      "transitions": [{"name": "go", "from": "a", "to": "b"}, {"name": "finish", "from": ["a", "b"], "to": "c"}]}'::jsonb
  else
    '{"init": "a", "states": ["a", "c"], "terminal": ["c"], "transitions": [{"name": "finish", "from": "a", "to": "c"}]}'::jsonb
  end
$$;
create function pg_temp.save(p_id uuid, p_code text, p_fsm jsonb, p_moves jsonb default '{}', p_version integer default null,
                             p_org uuid default null) returns jsonb language sql as $$
  select public.save_type_definition(coalesce(p_org, tests.id('org:alpha')), p_id, 'count', p_code, 'Stock walk', p_fsm,
                                     '{"type": "object", "properties": {}}', p_moves, p_version)
$$;
grant execute on function pg_temp.save(uuid, text, jsonb, jsonb, integer, uuid), pg_temp.m(text[]) to authenticated;

-- ------------------------------------------------------------------ who may
select tests.authenticate_as('supervisor@alpha.test');
select is(tests.error_of($$ select pg_temp.save(null, 'walk', pg_temp.m()) $$) ->> 'code', 'FORBIDDEN', 'a supervisor cannot save types');
select tests.clear_authentication();

select tests.authenticate_as('manager@alpha.test');
create temp table saved as select pg_temp.save(null, 'walk', pg_temp.m()) as answer;
select is((select answer - 'type_definition' from saved), '{"created": true, "moved": {}}', 'a manager creates a type');
select is((select (answer -> 'type_definition') ->> 'version' from saved), '1', 'it starts at version 1');
select is((select (answer -> 'type_definition') ->> 'org_id' from saved), tests.id('org:alpha')::text, 'in the organisation');
select is(tests.error_of($$ select pg_temp.save(null, 'walk', pg_temp.m()) $$) -> 'hint' ->> 'field', 'type_code', 'the code is taken (field)');
select is(tests.error_of($$ select pg_temp.save(null, 'walk', pg_temp.m()) $$) ->> 'code', 'TYPE_CODE_TAKEN', 'the code is taken (code)');
select is(tests.error_of($$ select pg_temp.save(null, 'Walk!', pg_temp.m()) $$) -> 'hint' ->> 'field', 'type_code', 'a malformed code is refused');
select is(tests.error_of($$ select pg_temp.save(null, 'broken', '{"init": "x", "states": ["a"], "terminal": ["a"], "transitions": []}') $$)
            - 'hint',
  '{"sqlstate": "PT422", "code": "FSM_INVALID", "message": "The initial state \"x\" is not one of the states"}',
  'an invalid machine is refused with its first problem');
select is(tests.error_of($$ select public.save_type_definition(tests.id('org:alpha'), (select id from public.type_definitions
                          where org_id is null and type_code = 'repair'), 'ticket', 'repair', 'Repair', '{}', '{}') $$) ->> 'code',
  'TYPE_READ_ONLY', 'a system type cannot be saved');
select is(tests.error_of($$ select pg_temp.save(((select answer -> 'type_definition' ->> 'id' from saved))::uuid, 'walk', pg_temp.m(),
                                             '{}', 7) $$) -> 'hint',
  '{"field": null, "version": 1}', 'a stale expected version is refused with the current version');
select is(tests.error_of($$ select pg_temp.save(((select answer -> 'type_definition' ->> 'id' from saved))::uuid, 'walk', pg_temp.m(),
                                             '{}', 7) $$) ->> 'code', 'TYPE_VERSION_CONFLICT', 'TYPE_VERSION_CONFLICT');
select is((pg_temp.save(((select answer -> 'type_definition' ->> 'id' from saved))::uuid, 'walk',
                        pg_temp.m() || '{"meta": {"a": {"label": "Start"}}}', '{}', 1)) -> 'type_definition' ->> 'version', '2',
  'a save with the right version bumps it');
select tests.clear_authentication();

select tests.authenticate_as('manager@beta.test');
select is(tests.error_of($$ select pg_temp.save(((select answer -> 'type_definition' ->> 'id' from saved))::uuid, 'walk', pg_temp.m(),
                                             '{}', null, tests.id('org:beta')) $$) ->> 'code', 'NOT_FOUND',
  'another organisation''s type is not found');
select is(tests.error_of($$ select public.copy_type_definition(tests.id('org:beta'), ((select answer -> 'type_definition' ->> 'id' from saved))::uuid,
                                                            'mine', 'Mine') $$) ->> 'code', 'NOT_FOUND',
  'another organisation''s type cannot be copied');
select is(tests.error_of($$ select public.set_type_definition_archived(((select answer -> 'type_definition' ->> 'id' from saved))::uuid, true) $$)
            ->> 'code', 'FORBIDDEN', 'nor archived');
select tests.clear_authentication();

-- ------------------------------------------------------------------ copy and archive
select tests.authenticate_as('manager@alpha.test');
create temp table copied as
  select public.copy_type_definition(tests.id('org:alpha'), (select id from public.type_definitions where org_id is null and type_code = 'repair'),
                                     'phone-repair', 'Phone repair') as answer;
select is((select (answer -> 'type_definition') - '{id,created_at,updated_at,fsm_schema,custom_fields_schema}'::text[] from copied),
  jsonb_build_object('org_id', tests.id('org:alpha'), 'subject', 'ticket', 'type_code', 'phone-repair', 'type_name', 'Phone repair',
                     'is_system_defined', false, 'version', 1, 'archived_at', null,
                     'copied_from_id', (select id from public.type_definitions where org_id is null and type_code = 'repair')),
  'copying a system type makes an organisation type that remembers its source');
select is((select (answer -> 'type_definition' -> 'fsm_schema') = (select fsm_schema from public.type_definitions where org_id is null and type_code = 'repair') from copied),
  true, 'with the same machine');
select is(tests.error_of($$ select public.copy_type_definition(tests.id('org:alpha'), (select id from public.type_definitions
                          where org_id is null and type_code = 'repair'), 'phone-repair', 'Again') $$) ->> 'code', 'TYPE_CODE_TAKEN',
  'copying onto a taken code is refused');
select isnt((public.set_type_definition_archived(((select answer -> 'type_definition' ->> 'id' from copied))::uuid, true))
              -> 'type_definition' ->> 'archived_at', null, 'a manager archives a type');
select is((public.set_type_definition_archived(((select answer -> 'type_definition' ->> 'id' from copied))::uuid, false))
              -> 'type_definition' ->> 'archived_at', null, 'and restores it');
select is(tests.error_of($$ select public.set_type_definition_archived((select id from public.type_definitions where org_id is null
                          and type_code = 'pickup'), true) $$) ->> 'code', 'TYPE_READ_ONLY', 'system types cannot be archived');
select tests.clear_authentication();

-- ------------------------------------------------------------------ orphaned states, through the registry
create temp table scratch (id uuid primary key default gen_random_uuid(), org_id uuid not null, type_id uuid not null,
                           state text not null, type_version integer, done boolean not null default false);
create function pg_temp.scratch_guard() returns trigger language plpgsql as $$
begin
  if new.state is distinct from old.state then
    perform app.fsm_guard(new.type_id, old.state, new.state);
  end if;
  return new;
end $$;
create trigger scratch_guard before update on scratch for each row execute function pg_temp.scratch_guard();
create trigger scratch_history after insert or update of state on scratch
  for each row execute function app.fsm_history('count', 'state', 'type_id');
-- stock counts (issue 16) registered the subject 'count'; this scratch table stands in for it here
delete from app.fsm_subjects where subject = 'count';
insert into app.fsm_subjects (subject, relation, type_column, state_column, version_column, live_predicate)
  values ('count', 'scratch'::regclass, 'type_id', 'state', 'type_version', 'not x.done');
create temp table walk as select ((answer -> 'type_definition' ->> 'id'))::uuid as id from saved;
grant select on walk, saved, copied to authenticated;
insert into scratch (org_id, type_id, state, type_version, done)
  select tests.id('org:alpha'), (select id from walk), s, 2, d
  from (values ('b', false), ('b', false), ('b', true), ('a', false), ('c', false)) v (s, d);

select is(tests.error_of($$ update scratch set state = 'a' where state = 'b' $$) ->> 'code', 'INVALID_TRANSITION',
  'the subject''s own guard refuses a step the machine does not have');

select tests.authenticate_as('manager@alpha.test');
select is(
  array(select u.state || '=' || u.live_count from public.type_definition_usage(tests.id('org:alpha')) u
        where u.type_definition_id = (select id from walk)),
  '{a=1,b=2}'::text[], 'usage counts live rows per state (not done ones, not terminal ones)');
select is(tests.error_of($$ select pg_temp.save((select id from walk), 'walk', pg_temp.m('{a,c}')) $$) - 'sqlstate',
  '{"code": "STATE_IN_USE", "message": "2 live rows are in \"b\": move them to another state, or keep the state",
    "hint": {"field": "fsm_schema", "states": {"b": 2}, "state": "b", "count": 2}}',
  'removing a state with live rows is refused with the count and the way out');
select is((select version from public.type_definitions where id = (select id from walk)), 2, 'and nothing changed');
select is(tests.error_of($$ select pg_temp.save((select id from walk), 'walk', pg_temp.m('{a,c}'), '{"b": "z"}') $$) -> 'hint' ->> 'field',
  'state_moves', 'a move to a state the new machine lacks is refused');
select is(tests.error_of($$ select pg_temp.save((select id from walk), 'walk', pg_temp.m('{a,c}'), '{"a": "c"}') $$) -> 'hint' ->> 'field',
  'state_moves', 'a move of a state that is not removed is refused');
select is(tests.error_of($$ select pg_temp.save((select id from walk), 'walk',
                          '{"init": "a", "states": ["a", "c", "d"], "terminal": ["c"], "transitions": [{"name": "finish", "from": "a", "to": "c"}]}',
                          '{"b": "a"}') $$) - 'sqlstate',
  '{"code": "FSM_INVALID", "message": "State \"d\" cannot be reached from the initial state \"a\"",
    "hint": {"field": "fsm_schema", "problems": [{"path": "states.2", "message": "State \"d\" cannot be reached from the initial state \"a\""},
                                                 {"path": "states.2", "message": "State \"d\" has no way out: add a transition from it or list it in terminal"}]}}',
  'a broken machine is refused with its own problems before the moves are looked at');
select is((pg_temp.save((select id from walk), 'walk', pg_temp.m('{a,c}'), '{"b": "a"}')) -> 'moved', '{"b": 2}',
  'with a move, the save goes through and says how many rows moved');
select tests.clear_authentication();
select is((select array_agg(s.state || ':' || s.type_version || ':' || s.done order by s.state, s.done, s.type_version) from scratch s),
  '{a:2:false,a:3:false,a:3:false,b:2:true,c:2:false}'::text[],
  'the live rows moved and were validated against the new version; the finished one stayed');
select is(
  (select array_agg(h.from_state || '>' || h.to_state || ':' || h.transition || ':' || h.reason || ':' || h.type_version order by h.id)
   from public.state_history h where h.subject = 'count' and h.org_id = tests.id('org:alpha') and h.from_state is not null),
  '{b>a:definition_changed:definition changed:3,b>a:definition_changed:definition changed:3}'::text[],
  'the moves are in the history, with the reason');
select is(current_setting('floorline.fsm_migrating', true), '', 'the migration flag is cleared afterwards');
select is(tests.error_of($$ update scratch set state = 'b' where state = 'a' $$) ->> 'code', 'INVALID_TRANSITION',
  'after the change the guard follows the new machine');
select is((select count(*)::integer from public.type_definitions where id = (select id from walk) and version = 3), 1,
  'the type is at version 3');

select * from finish();
rollback;
