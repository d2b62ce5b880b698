-- The state-machine engine (issue 11): definitions are validated in the database (each malformed shape
-- refused with its reason), the engine follows javascript-state-machine for from (a state, a list,
-- '*'), the seeded system types are valid and reproduce spec 04's workflow, history is written by the
-- trigger, and RLS keeps system types read-only for everyone and org types to their organisation.
begin;
select plan(81);
select tests.create_tenancy_fixture();


-- a valid machine to break one key at a time
create function pg_temp.m(p_patch jsonb default '{}') returns jsonb language sql as $$
  select '{"init": "a", "states": ["a", "b", "c"], "terminal": ["c"],
           "transitions": [{"name": "go", "from": "a", "to": "b"},
                           {"name": "finish", "from": ["a", "b"], "to": "c"}]}'::jsonb || p_patch
$$;
create function pg_temp.first_problem(p_fsm jsonb) returns text language sql as $$
  select (app.fsm_problems(p_fsm))[1]
$$;

-- ------------------------------------------------------------------ validation: each shape with its reason
select is(app.fsm_problems(pg_temp.m()), '{}'::text[], 'the base machine is valid');
select is(pg_temp.first_problem('[]'), 'The state machine must be a JSON object with init, states, terminal and transitions',
  'not an object');
select is(pg_temp.first_problem(pg_temp.m('{"guards": []}')),
  'Unknown key "guards": a state machine has init, states, terminal, transitions and meta', 'unknown top-level key');
select is(pg_temp.first_problem(pg_temp.m('{"states": []}')), 'List at least one state in states', 'no states');
select is(pg_temp.first_problem(pg_temp.m('{"init": "x"}')), 'The initial state "x" is not one of the states', 'init not in states');
select is(pg_temp.first_problem(pg_temp.m('{"init": null}')), 'Name the initial state in init', 'init missing');
select is(pg_temp.first_problem(pg_temp.m('{"states": ["a", "b", "c", "b"]}')), 'State "b" is listed twice', 'duplicate state');
select is(pg_temp.first_problem(pg_temp.m('{"states": ["a", "b", "c", " d"]}')),
  'State " d" must be 1 to 32 characters, without spaces at either end', 'untrimmed state key');
select is(pg_temp.first_problem(pg_temp.m(jsonb_build_object('states', jsonb_build_array('a', 'b', 'c', repeat('x', 33))))),
  format('State "%s" must be 1 to 32 characters, without spaces at either end', repeat('x', 33)), 'state key too long');
select is(pg_temp.first_problem(pg_temp.m('{"states": ["a", "b", "c", "none"]}')),
  '"none" is reserved and cannot name a state', 'reserved state key');
select is(pg_temp.first_problem(pg_temp.m('{"terminal": null}')),
  'List the terminal states (where things end) in terminal; [] if they never end', 'terminal not declared');
select is(pg_temp.first_problem(pg_temp.m('{"terminal": ["c", "z"]}')), 'Terminal state "z" is not one of the states',
  'unknown terminal state');
select is(pg_temp.first_problem(pg_temp.m('{"transitions": [{"name": "go", "from": "a", "to": "z"}, {"name": "f", "from": "a", "to": "c"}]}')),
  'Transition "go" goes to "z", which is not one of the states', 'unknown to');
select is(pg_temp.first_problem(pg_temp.m('{"transitions": [{"name": "go", "from": "q", "to": "b"}, {"name": "f", "from": "b", "to": "c"}]}')),
  'Transition "go" leaves "q", which is not one of the states', 'unknown from');
select is(pg_temp.first_problem(pg_temp.m('{"transitions": [{"name": "go", "from": ["a", "q"], "to": "b"}, {"name": "f", "from": "b", "to": "c"}]}')),
  'Transition "go" leaves "q", which is not one of the states', 'unknown state in a from list');
select is(pg_temp.first_problem(pg_temp.m('{"transitions": [{"name": "go", "from": ["a", "*"], "to": "b"}, {"name": "f", "from": "b", "to": "c"}]}')),
  'Transition "go" lists "*" among states: write from "*" alone for every state', '* inside a list');
select is(pg_temp.first_problem(pg_temp.m('{"transitions": [{"name": "go", "from": [], "to": "b"}, {"name": "f", "from": "b", "to": "c"}]}')),
  'Transition "go" needs from: a state, a list of states or "*"', 'empty from list');
select is(pg_temp.first_problem(pg_temp.m('{"transitions": [{"name": "Go Now", "from": "a", "to": "b"}, {"name": "f", "from": "b", "to": "c"}]}')),
  'Transition 1 needs a name of 1 to 32 lower-case letters, digits or _ starting with a letter (not "Go Now")', 'bad transition name');
select is(pg_temp.first_problem(pg_temp.m('{"transitions": [{"name": "init", "from": "a", "to": "b"}, {"name": "f", "from": "b", "to": "c"}]}')),
  '"init" is reserved by the state machine library and cannot name a transition', 'reserved transition name');
select is(pg_temp.first_problem(pg_temp.m('{"transitions": [{"name": "go", "from": "a", "to": "b", "when": 1}, {"name": "f", "from": "b", "to": "c"}]}')),
  'Transition 1 has an unknown key "when" (name, from, to and requires are known)', 'unknown transition key');
select is(pg_temp.first_problem(pg_temp.m('{"transitions": [{"name": "go", "from": "a", "to": "b"}, {"name": "go", "from": ["b", "a"], "to": "c"}]}')),
  'Transition "go" is defined more than once from "a" (transitions 1, 2)', 'name unique per source state (arrays expanded)');
select is(pg_temp.first_problem(pg_temp.m('{"terminal": [], "transitions": [{"name": "go", "from": "*", "to": "b"}, {"name": "go", "from": "b", "to": "c"}, {"name": "f", "from": "c", "to": "a"}]}')),
  'Transition "go" from "b" clashes with transition 1, which already leaves every state ("*") under that name',
  'name unique per source state ("*" counts for every state)');
select is(pg_temp.first_problem(pg_temp.m('{"transitions": [{"name": "go", "from": "*", "to": "b"}, {"name": "go", "from": "*", "to": "c"}]}')),
  'Transition "go" is defined more than once from every state ("*") (transitions 1, 2)', 'two "*" transitions of one name');
select is(pg_temp.first_problem(pg_temp.m('{"states": ["a", "b", "c", "d"], "terminal": ["c", "d"]}')),
  'State "d" cannot be reached from the initial state "a"', 'unreachable state');
select is(pg_temp.first_problem(pg_temp.m('{"terminal": []}')),
  'State "c" has no way out: add a transition from it or list it in terminal', 'a dead end that is not terminal');
select is(pg_temp.first_problem(pg_temp.m('{"terminal": ["b", "c"]}')),
  'Terminal state "b" has a way out (transition "finish"): a terminal state ends a thing''s life', 'terminal with a way out');
select is(pg_temp.first_problem(pg_temp.m('{"transitions": [{"name": "go", "from": "a", "to": "b"}, {"name": "finish", "from": "*", "to": "c"}]}')),
  'Transition "finish" leaves every state ("*"), so also the terminal state "c": list the states it leaves instead',
  '"*" would leave a terminal state');
select is(pg_temp.first_problem(pg_temp.m('{"transitions": [{"name": "go", "from": "a", "to": "b", "requires": {"role": "x"}}, {"name": "f", "from": "b", "to": "c"}]}')),
  'requires of transition "go" has an unknown key "role" (reason and min_role are known)', 'unknown requires key');
select is(pg_temp.first_problem(pg_temp.m('{"transitions": [{"name": "go", "from": "a", "to": "b", "requires": {"min_role": "boss"}}, {"name": "f", "from": "b", "to": "c"}]}')),
  'requires.min_role must be one of operator, supervisor, manager, admin, owner', 'unknown min_role');
select is(pg_temp.first_problem(pg_temp.m('{"meta": {"z": {}}}')), 'meta names "z", which is not one of the states', 'meta of an unknown state');
select is(pg_temp.first_problem(pg_temp.m('{"meta": {"a": {"order_status": "done"}}}')),
  'The order status of "a" must be one of pending, in_production, quality_check, ready_to_ship, shipped, delivered, on_hold, cancelled',
  'unknown order status');
select is(pg_temp.first_problem(pg_temp.m('{"meta": {"a": {"colour": "red"}}}')),
  'meta of "a" has an unknown key "colour" (label, public_label, order_status and requires_quality_pass are known)', 'unknown meta key');
select is(
  (select jsonb_agg(p.path order by p.path) from app.fsm_problem_list(pg_temp.m('{"init": "x", "states": ["a", "b", "c", "b"]}')) p),
  '["init", "states.3"]', 'every problem is listed, each with its path');

-- the trigger refuses with FSM_INVALID, the first problem as message and all of them in context
select is(
  tests.error_of($$ insert into public.type_definitions (org_id, subject, type_code, type_name, fsm_schema)
                 values (tests.id('org:alpha'), 'ticket', 'bad', 'Bad', pg_temp.m('{"init": "x", "terminal": ["c", "z"]}')) $$)
    - 'hint',
  jsonb_build_object('sqlstate', 'PT422', 'code', 'FSM_INVALID', 'message', 'The initial state "x" is not one of the states'),
  'an invalid definition is refused (FSM_INVALID, 422)');
select is(
  tests.error_of($$ insert into public.type_definitions (org_id, subject, type_code, type_name, fsm_schema)
                 values (tests.id('org:alpha'), 'ticket', 'bad', 'Bad', pg_temp.m('{"init": "x", "terminal": ["c", "z"]}')) $$)
    -> 'hint',
  '{"field": "fsm_schema", "problems": [{"path": "init", "message": "The initial state \"x\" is not one of the states"},
                                       {"path": "terminal.1", "message": "Terminal state \"z\" is not one of the states"}]}',
  'the context lists every problem with its path');
select is(
  tests.error_of($$ insert into public.type_definitions (org_id, subject, type_code, type_name, fsm_schema, custom_fields_schema)
                 values (tests.id('org:alpha'), 'ticket', 'bad', 'Bad', pg_temp.m(),
                         '{"type": "object", "properties": {"size": {"type": "date"}}}') $$) ->> 'code',
  'CUSTOM_FIELDS_INVALID', 'a custom fields schema the database cannot check is refused');

-- version: 1 at creation, +1 on a schema change only
insert into public.type_definitions (id, org_id, subject, type_code, type_name, fsm_schema)
  values (tests.id('type:alpha'), tests.id('org:alpha'), 'ticket', 'walk', 'Walk', pg_temp.m());
select is((select version from public.type_definitions where id = tests.id('type:alpha')), 1, 'a new type is version 1');
update public.type_definitions set type_name = 'Walk on' where id = tests.id('type:alpha');
select is((select version from public.type_definitions where id = tests.id('type:alpha')), 1, 'a rename keeps the version');
update public.type_definitions set fsm_schema = pg_temp.m('{"meta": {"a": {"label": "Start"}}}') where id = tests.id('type:alpha');
select is((select version from public.type_definitions where id = tests.id('type:alpha')), 2, 'a schema change bumps the version');
select is((select is_system_defined from public.type_definitions where id = tests.id('type:alpha')), false, 'org types are not system types');

-- ------------------------------------------------------------------ the engine: jsm semantics for from
create temp table machine as select '{
  "init": "a", "states": ["a", "b", "c", "d"], "terminal": [],
  "transitions": [
    {"name": "one", "from": "a", "to": "b"},
    {"name": "many", "from": ["a", "b"], "to": "c"},
    {"name": "any", "from": "*", "to": "d"},
    {"name": "loop", "from": "d", "to": "a"},
    {"name": "stay", "from": "c", "to": "c"}
  ]}'::jsonb as fsm;
select is(app.fsm_problems((select fsm from machine)), '{}'::text[], 'the engine test machine is valid');
select is(app.fsm_step((select fsm from machine), 'a', 'one'), 'b', 'a plain from: allowed from its state');
select is(app.fsm_step((select fsm from machine), 'b', 'one'), null, 'a plain from: refused elsewhere');
select is(app.fsm_step((select fsm from machine), 'a', 'many'), 'c', 'a from list: allowed from its first state');
select is(app.fsm_step((select fsm from machine), 'b', 'many'), 'c', 'a from list: allowed from its second state');
select is(app.fsm_step((select fsm from machine), 'c', 'many'), null, 'a from list: refused from a state not in it');
select is(array(select app.fsm_step((select fsm from machine), s, 'any') from unnest('{a,b,c,d}'::text[]) s),
  '{d,d,d,d}'::text[], '"*": allowed from every state, itself included');
select is(app.fsm_step((select fsm from machine), 'c', 'stay'), 'c', 'a self-loop stays');
select is(app.fsm_step((select fsm from machine), 'a', 'nope'), null, 'an unknown name is refused');
select is(array(select t.name || '>' || t.to_state from app.fsm_transitions((select fsm from machine), 'a') t),
  '{one>b,many>c,any>d}'::text[], 'fsm_transitions lists what is open, in definition order');
-- precedence on drafts (validation refuses these, the step function still follows the library)
select is(app.fsm_step('{"transitions": [{"name": "x", "from": "a", "to": "b"}, {"name": "x", "from": "a", "to": "c"}]}', 'a', 'x'),
  'c', 'the later of two definitions wins (as in jsm)');
select is(app.fsm_step('{"transitions": [{"name": "x", "from": "a", "to": "b"}, {"name": "x", "from": "*", "to": "c"}]}', 'a', 'x'),
  'b', 'a definition naming the state beats "*" (as in jsm)');
select is(app.fsm_step('{"transitions": [{"name": "x", "from": "a", "to": "*"}]}', 'a', 'x'), 'a', 'to "*" stays (as in jsm)');
select is(app.fsm_step('{"transitions": [{"name": "x", "to": "b"}]}', 'q', 'x'), 'b', 'a missing from means "*" (as in jsm)');

-- ------------------------------------------------------------------ system types
select is(
  (select array_agg(type_code || ':' || subject || ':' || coalesce(array_length(app.fsm_problems(fsm_schema), 1), 0) order by type_code)
   from public.type_definitions where org_id is null),
  '{alteration:ticket:0,garment:batch:0,garment-bundle:bundle:0,headphone-build:batch:0,pickup:ticket:0,repair:ticket:0,stock-count:count:0}'::text[],
  'the seven system types are seeded and valid');
create temp table hp as select id, fsm_schema as fsm from public.type_definitions where org_id is null and type_code = 'headphone-build';
select is((select fsm -> 'states' from hp),
  '["Intake", "Sanding", "Finishing", "Sub-Assembly", "Final Assembly", "Acoustic QC", "Shipping", "completed"]',
  'Headphone build has spec 04''s seven stages and completed');
select is(
  (select jsonb_object_agg(s, app.fsm_step((select fsm from hp), s, 'advance')) from unnest('{Intake,Sanding,Finishing,Sub-Assembly,Final Assembly,Acoustic QC,Shipping}'::text[]) s),
  '{"Intake": "Sanding", "Sanding": "Finishing", "Finishing": "Sub-Assembly", "Sub-Assembly": "Final Assembly",
    "Final Assembly": "Acoustic QC", "Acoustic QC": "Shipping", "Shipping": null}',
  'advance goes one stage at a time, as in the default workflow');
select is((app.fsm_decide((select id from hp), 'Acoustic QC', null, 'Sanding')) -> 'requires',
  '{"reason": true, "min_role": "supervisor"}', 'going back needs a reason and a supervisor');
select is((app.fsm_decide((select id from hp), 'Sanding', null, 'Final Assembly')) ->> 'allowed', 'false', 'no skipping forward');
select is(app.fsm_step((select fsm from hp), 'Shipping', 'complete'), 'completed', 'complete leaves Shipping');
-- spec 04's default workflow as the workflow_stages rows had it (literal: those rows go when batches
-- move onto the engine)
select is(
  (select jsonb_object_agg(s, app.fsm_state_meta((select id from hp), s) - 'label') from jsonb_array_elements_text((select fsm -> 'states' from hp)) s),
  '{"Intake": {"order_status": "in_production", "public_label": "Materials selected"},
    "Sanding": {"order_status": "in_production", "public_label": "Shaping the wood"},
    "Finishing": {"order_status": "in_production", "public_label": "Finishing the wood"},
    "Sub-Assembly": {"order_status": "in_production", "public_label": "Building the drivers and cups"},
    "Final Assembly": {"order_status": "in_production", "public_label": "Final assembly"},
    "Acoustic QC": {"order_status": "quality_check", "public_label": "Acoustic testing", "requires_quality_pass": true},
    "Shipping": {"order_status": "ready_to_ship", "public_label": "Packing for shipment"},
    "completed": {"order_status": "shipped", "public_label": "Shipped"}}',
  'order status, public label and the Acoustic QC gate per stage, as in the default workflow');
select is(
  (select jsonb_object_agg(s, app.fsm_state_meta((select id from hp), s) ->> 'label') from jsonb_array_elements_text((select fsm -> 'states' from hp)) s),
  '{"Intake": "Intake", "Sanding": "Sanding", "Finishing": "Finishing", "Sub-Assembly": "Sub-Assembly", "Final Assembly": "Final Assembly",
    "Acoustic QC": "Acoustic QC", "Shipping": "Shipping", "completed": "Completed"}',
  'each stage is labelled with its name');
select is(app.fsm_step((select fsm_schema from public.type_definitions where org_id is null and type_code = 'garment'), 'QC', 'rework'),
  'Sewing', 'Garment: rework goes back from QC to Sewing');
select is((app.fsm_decide((select id from public.type_definitions where org_id is null and type_code = 'garment'), 'QC', 'rework', null))
            -> 'requires', '{"reason": true, "min_role": "supervisor"}', 'Garment: rework needs a reason and a supervisor');
select is(
  (select array_agg(s order by s) from unnest('{received,diagnosing,awaiting_parts,repairing,ready,picked_up,cancelled}'::text[]) s
   where app.fsm_step((select fsm_schema from public.type_definitions where org_id is null and type_code = 'repair'), s, 'cancel') is not null),
  '{awaiting_parts,diagnosing,ready,received,repairing}'::text[], 'Repair: cancel from every open state, not from the ended ones');

-- fsm_require raises INVALID_TRANSITION with what is open
select is(tests.error_of($$ select app.fsm_require((select id from hp), 'Intake', 'Shipping') $$) - 'message',
  '{"sqlstate": "PT409", "code": "INVALID_TRANSITION", "hint": {"field": "transition", "from": "Intake", "to": "Shipping",
    "transition": null, "available": ["advance"]}}',
  'a refused step raises INVALID_TRANSITION (409) naming what is open');

-- ------------------------------------------------------------------ RPCs
grant select on machine, hp to authenticated;
select tests.authenticate_as('operator@beta.test');
select is(tests.error_of($$ select public.available_transitions(tests.id('type:alpha'), 'a') $$) ->> 'code', 'NOT_FOUND',
  'available_transitions: an operator not PINned in does not see org types');
select tests.clear_authentication();
select tests.authenticate_as('manager@beta.test');
select is(tests.error_of($$ select public.available_transitions(tests.id('type:alpha'), 'a') $$) ->> 'code', 'NOT_FOUND',
  'available_transitions: another organisation''s type is not found');
select is(array(select t.name from public.available_transitions((select id from hp), 'Intake') t), '{advance}'::text[],
  'available_transitions: system types are open to every member');
select is(public.fsm_dry_run((select fsm from machine), '{one,one,many,stay,any,loop}') -> 'steps' -> 1,
  '{"transition": "one", "from": "b", "to": null, "allowed": false, "reason": "\"one\" is not open from \"b\""}',
  'fsm_dry_run: a refused step says why and keeps the state');
select is(public.fsm_dry_run((select fsm from machine), '{one,one,many,stay,any,loop}') ->> 'final_state', 'a',
  'fsm_dry_run: walks to the final state');
select tests.clear_authentication();

-- ------------------------------------------------------------------ history by the generic trigger
create temp table scratch (id uuid primary key, org_id uuid, state text, type_id uuid, type_version integer);
create trigger scratch_history after insert or update of state on scratch
  for each row execute function app.fsm_history('ticket', 'state', 'type_id');
insert into scratch values (tests.id('scratch:1'), tests.id('org:alpha'), 'a', tests.id('type:alpha'), 2);
select set_config('floorline.fsm_reason', 'Customer asked', true), set_config('floorline.fsm_device', 'tablet-7', true);
update scratch set state = 'b' where id = tests.id('scratch:1');
select set_config('floorline.fsm_transition', 'finish', true), set_config('floorline.fsm_reason', '', true);
update scratch set state = 'c' where id = tests.id('scratch:1');
update scratch set type_version = 3 where id = tests.id('scratch:1');
select is(
  (select jsonb_agg(jsonb_build_array(h.from_state, h.to_state, h.transition, h.reason, h.device, h.type_version) order by h.id)
   from public.state_history h where h.subject_id = tests.id('scratch:1')),
  '[[null, "a", "init", null, null, 2], ["a", "b", "go", "Customer asked", "tablet-7", 2], ["b", "c", "finish", null, "tablet-7", 2]]',
  'the trigger writes one row per state change: first state, the engine''s transition name when none is set, reason, device, version');
select is((select count(*)::integer from public.state_history h where h.subject_id = tests.id('scratch:1') and h.org_id = tests.id('org:alpha')
           and h.subject = 'ticket' and h.type_definition_id = tests.id('type:alpha')), 3,
  'history rows carry the organisation, subject and type');
select tests.authenticate_as('manager@beta.test');
select is((select count(*)::integer from public.state_history), 0, 'history is readable only within its organisation');
select tests.clear_authentication();
select tests.authenticate_as('manager@alpha.test');
select is((select count(*)::integer from public.state_history), 3, 'members read their organisation''s history');
select tests.clear_authentication();
select set_config('floorline.fsm_transition', '', true), set_config('floorline.fsm_device', '', true);

-- ------------------------------------------------------------------ RLS and grants
select tests.authenticate_as('manager@beta.test');
select is((select count(*)::integer from public.type_definitions where org_id is null), 7, 'every member reads the system types');
select is((select count(*)::integer from public.type_definitions where org_id is not null), 0, 'but not another organisation''s types');
select is(tests.error_of($$ update public.type_definitions set type_name = 'Mine' where org_id is null $$) ->> 'sqlstate', '42501',
  'nobody updates a system type directly');
select is(tests.error_of($$ insert into public.state_history (org_id, subject, subject_id, to_state)
                         values (tests.id('org:beta'), 'ticket', gen_random_uuid(), 'x') $$) ->> 'sqlstate', '42501',
  'nobody writes history directly');
select tests.clear_authentication();
select tests.authenticate_as('manager@alpha.test');
select is((select count(*)::integer from public.type_definitions where org_id = tests.id('org:alpha')), 1, 'members read their organisation''s types');
select tests.clear_authentication();
select ok(not has_table_privilege('service_role', 'public.type_definitions', 'update')
          and not has_table_privilege('service_role', 'public.type_definitions', 'insert')
          and not has_table_privilege('service_role', 'public.state_history', 'insert'),
  'the service role cannot write definitions or history either');

select * from finish();
rollback;
