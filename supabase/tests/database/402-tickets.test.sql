-- Tickets (spec 05, issue 11): created in their type's init state with checked custom data, moved only
-- by transitions of the type (requires met), by the RPC and by plain SQL alike; history by trigger;
-- orphaned states of ticket types; RLS per organisation on tickets, items and their history.
begin;
select plan(46);
select tests.create_tenancy_fixture();

create function pg_temp.err(p_sql text) returns jsonb language sql as $$
  -- the error as these assertions compare it: state, code, message and the field the hint names
  select jsonb_build_object('sqlstate', e ->> 'sqlstate', 'code', e ->> 'code', 'message', e ->> 'message',
                            'field', e -> 'hint' ->> 'field')
  from tests.error_of(p_sql) e where e is not null
$$;
create function pg_temp.type_id(p_code text) returns uuid language sql stable as $$
  select id from public.type_definitions where org_id is null and type_code = p_code
$$;
create function pg_temp.create(p_type text, p_data jsonb, p_queue uuid default null) returns jsonb language sql as $$
  select public.create_ticket(tests.id('org:alpha'), coalesce(p_queue, tests.id('queue:alpha')), pg_temp.type_id(p_type), p_data,
                              p_items => '[{"description": "Phone", "quantity": 1}, {"description": "Charger"}]')
$$;
grant execute on all functions in schema pg_temp to authenticated;

insert into public.floor_queues (id, org_id, name) values
  (tests.id('queue:alpha'), tests.id('org:alpha'), 'Counter'),
  (tests.id('queue:alpha-closed'), tests.id('org:alpha'), 'Closed counter'),
  (tests.id('queue:beta'), tests.id('org:beta'), 'Counter');
update public.floor_queues set is_active = false where id = tests.id('queue:alpha-closed');

-- ------------------------------------------------------------------ create
select tests.act_as_operator('alpha', 'operator@alpha.test', 'A-OP-1');
create temp table t1 as select pg_temp.create('repair', '{"device_serial": "SN-1", "symptom": "No sound"}') as answer;
grant select on t1 to authenticated;
select is((select answer -> 'ticket' ->> 'current_state' from t1), 'received', 'a ticket starts in its type''s init state');
select is((select (answer -> 'ticket' ->> 'ticket_number')::integer from t1), 1, 'numbered per organisation');
select is((select (answer -> 'ticket' ->> 'type_version')::integer from t1), 1, 'with the type version it was validated against');
select is((select (answer -> 'ticket' ->> 'created_by')::uuid from t1), tests.id('member:alpha:operator@alpha.test'), 'by the PINned-in member');
select is((select jsonb_agg(i ->> 'description') from t1, jsonb_array_elements(answer -> 'items') i), '["Phone", "Charger"]',
  'with its items');
select is((select jsonb_agg(x ->> 'name') from t1, jsonb_array_elements(answer -> 'transitions') x), '["diagnose", "cancel"]',
  'and the transitions open from its state');
select is(pg_temp.err($$ select pg_temp.create('repair', '{"symptom": "No sound"}') $$) - 'sqlstate',
  '{"code": "CUSTOM_DATA_INVALID", "message": "Device serial is required", "field": "device_serial"}',
  'a missing required field is refused naming the field');
select is(pg_temp.err($$ select pg_temp.create('repair', '{"device_serial": 42}') $$) ->> 'message', 'Device serial must be text',
  'a value of the wrong type is refused');
select is(pg_temp.err($$ select pg_temp.create('alteration', '{"garment_size": "XXXL"}') $$) - 'sqlstate',
  '{"code": "CUSTOM_DATA_INVALID", "message": "Garment size must be one of XS, S, M, L, XL, XXL", "field": "garment_size"}',
  'a value outside the choices is refused');
select is(pg_temp.err($$ select pg_temp.create('alteration', '{"garment_size": "M", "rush": "yes"}') $$) ->> 'field', 'rush',
  'a boolean field takes only true or false');
select is(pg_temp.err($$ select pg_temp.create('repair', '{"device_serial": "SN"}', tests.id('queue:beta')) $$) ->> 'field', 'queue_id',
  'another organisation''s queue is not found');
select is(pg_temp.err($$ select pg_temp.create('repair', '{"device_serial": "SN"}', tests.id('queue:alpha-closed')) $$) ->> 'code',
  'QUEUE_INACTIVE', 'a closed queue takes no tickets');
select is(pg_temp.err($$ select pg_temp.create('headphone-build', '{}') $$) ->> 'field', 'type_definition_id',
  'a batch type is not a ticket type');

-- ------------------------------------------------------------------ transitions by the RPC
create temp table tid as select ((answer -> 'ticket' ->> 'id'))::uuid as id from t1;
grant select on tid to authenticated;
select tests.set_device('counter-tablet');
select is((public.transition_ticket((select id from tid), 'diagnose')) - '{ticket,transitions}'::text[],
  '{"transition": "diagnose", "from": "received", "to": "diagnosing"}', 'an open transition moves the ticket');
select is(pg_temp.err($$ select public.transition_ticket((select id from tid), 'pick_up') $$) - 'sqlstate',
  '{"code": "INVALID_TRANSITION", "message": "\"pick_up\" is not open from \"diagnosing\" (open: order_parts, start_repair, cancel)",
    "field": "transition"}',
  'a transition not open from the state is refused, naming what is open');
select is(pg_temp.err($$ select public.transition_ticket((select id from tid), 'order_parts', null, 'received') $$) - 'sqlstate',
  '{"code": "CONFLICT", "message": "The ticket moved on to \"diagnosing\" meanwhile", "field": "transition"}',
  'a stale expected state is refused');
select is(pg_temp.err($$ select public.transition_ticket((select id from tid), 'cancel') $$) ->> 'field', 'reason',
  'a transition that requires a reason is refused without one');
select is((public.transition_ticket((select id from tid), 'order_parts', null, 'diagnosing')) ->> 'to', 'awaiting_parts',
  'the right expected state goes through');
select is((public.transition_ticket((select id from tid), 'cancel', '  Customer changed their mind ')) ->> 'to', 'cancelled',
  'with a reason it goes through');
select tests.clear_authentication();
select isnt((select closed_at from public.tickets where id = (select id from tid)), null, 'reaching a terminal state closes the ticket');
select is(
  (select jsonb_agg(jsonb_build_array(h.from_state, h.to_state, h.transition, h.reason, h.device, h.member_id) order by h.id)
   from public.ticket_state_history h where h.ticket_id = (select id from tid)),
  jsonb_build_array(
    jsonb_build_array(null, 'received', 'init', null, null, tests.id('member:alpha:operator@alpha.test')),
    jsonb_build_array('received', 'diagnosing', 'diagnose', null, 'counter-tablet', tests.id('member:alpha:operator@alpha.test')),
    jsonb_build_array('diagnosing', 'awaiting_parts', 'order_parts', null, 'counter-tablet', tests.id('member:alpha:operator@alpha.test')),
    jsonb_build_array('awaiting_parts', 'cancelled', 'cancel', 'Customer changed their mind', 'counter-tablet',
                      tests.id('member:alpha:operator@alpha.test'))),
  'every step is in the history: transition, reason, device, member');
select is(pg_temp.err($$ select public.transition_ticket((select id from tid), 'diagnose') $$) ->> 'message',
  '"diagnose" is not open from "cancelled" (nothing is)', 'nothing leaves a terminal state');

-- ------------------------------------------------------------------ plain SQL holds the same rules
select is(pg_temp.err($$ insert into public.tickets (org_id, queue_id, type_definition_id, current_state, type_version, ticket_number, custom_data)
                         values (tests.id('org:alpha'), tests.id('queue:alpha'), pg_temp.type_id('repair'), 'ready', 1, 99,
                                 '{"device_serial": "X"}') $$) - 'sqlstate',
  '{"code": "INVALID_TRANSITION", "message": "A new Repair ticket starts in \"received\", not \"ready\"", "field": "current_state"}',
  'plain SQL cannot create a ticket past its init state');
select is(pg_temp.err($$ insert into public.tickets (org_id, queue_id, type_definition_id, custom_data)
                         values (tests.id('org:alpha'), tests.id('queue:alpha'), pg_temp.type_id('repair'), '{"symptom": 1}') $$) ->> 'code',
  'CUSTOM_DATA_INVALID', 'nor store junk custom data');
insert into public.tickets (id, org_id, queue_id, type_definition_id, custom_data)
  values (tests.id('ticket:sql'), tests.id('org:alpha'), tests.id('queue:alpha'), pg_temp.type_id('repair'), '{"device_serial": "SQL-1"}');
select is((select current_state from public.tickets where id = tests.id('ticket:sql')), 'received', 'plain SQL gets the init state by default');
select is(pg_temp.err($$ update public.tickets set current_state = 'ready' where id = tests.id('ticket:sql') $$) ->> 'code',
  'INVALID_TRANSITION', 'plain SQL cannot skip states');
select is(pg_temp.err($$ update public.tickets set current_state = 'cancelled' where id = tests.id('ticket:sql') $$) ->> 'field',
  'reason', 'nor leave out a required reason');
select set_config('floorline.fsm_reason', 'Duplicate', true);
update public.tickets set current_state = 'cancelled' where id = tests.id('ticket:sql');
select set_config('floorline.fsm_reason', '', true);
select is((select h.transition || ':' || h.reason from public.ticket_state_history h where h.ticket_id = tests.id('ticket:sql') and h.to_state = 'cancelled'),
  'cancel:Duplicate', 'a plain SQL step with its reason is in the history under the engine''s transition name');
select is(pg_temp.err($$ update public.tickets set custom_data = '{"device_serial": ""}' where id = tests.id('ticket:sql') $$) ->> 'field',
  'device_serial', 'changed custom data is checked too');
select is(pg_temp.err($$ update public.tickets set type_definition_id = pg_temp.type_id('pickup') where id = tests.id('ticket:sql') $$) ->> 'code',
  'VALIDATION_FAILED', 'a ticket keeps its type');

-- ------------------------------------------------------------------ archived and edited ticket types
select tests.authenticate_as('manager@alpha.test');
create temp table own as select ((public.copy_type_definition(tests.id('org:alpha'), pg_temp.type_id('pickup'), 'pickup', 'Pickup'))
  -> 'type_definition' ->> 'id')::uuid as id;
grant select on own to authenticated;
select tests.clear_authentication();
select tests.act_as_operator('alpha', 'operator@alpha.test', 'A-OP-1');
create temp table t2 as
  select public.create_ticket(tests.id('org:alpha'), tests.id('queue:alpha'), (select id from own), '{}') -> 'ticket' ->> 'id' as id
  union all
  select public.create_ticket(tests.id('org:alpha'), tests.id('queue:alpha'), (select id from own), '{}') -> 'ticket' ->> 'id';
grant select on t2 to authenticated;
select is((select count(*)::integer from t2), 2, 'tickets of an organisation type');
select public.transition_ticket(id::uuid, 'start') from t2;
select tests.clear_authentication();
select tests.authenticate_as('manager@alpha.test');
create temp table smaller as select
  '{"init": "received", "states": ["received", "ready", "completed"], "terminal": ["completed"],
    "transitions": [{"name": "prepare", "from": "received", "to": "ready"}, {"name": "pickup", "from": "ready", "to": "completed"}]}'::jsonb as fsm;
grant select on smaller to authenticated;
select is(pg_temp.err($$ select public.save_type_definition(tests.id('org:alpha'), (select id from own), 'ticket', 'pickup', 'Pickup',
                          (select fsm from smaller), '{"type": "object", "properties": {}}') $$) - 'sqlstate',
  '{"code": "STATE_IN_USE", "message": "2 live rows are in \"in_progress\": move them to another state, or keep the state", "field": "fsm_schema"}',
  'a state tickets sit in cannot be removed');
select is((public.save_type_definition(tests.id('org:alpha'), (select id from own), 'ticket', 'pickup', 'Pickup',
             (select fsm from smaller), '{"type": "object", "properties": {}}', '{"in_progress": "ready"}', 1)) -> 'moved',
  '{"in_progress": 2}', 'unless they move with the change');
select is((select array_agg(t.current_state || ':' || t.type_version) from public.tickets t where t.type_definition_id = (select id from own)),
  '{ready:2,ready:2}'::text[], 'the tickets moved and carry the new version');
select is((select count(*)::integer from public.ticket_state_history h join t2 on t2.id::uuid = h.ticket_id
           where h.transition = 'definition_changed' and h.reason = 'definition changed' and h.member_id = tests.id('member:alpha:manager@alpha.test')),
  2, 'each move is in the history, by the manager who changed the type');
select ok((public.set_type_definition_archived((select id from own), true)) -> 'type_definition' ->> 'archived_at' is not null, 'archived');
select tests.clear_authentication();
select tests.act_as_operator('alpha', 'operator@alpha.test', 'A-OP-1');
select is(pg_temp.err($$ select public.create_ticket(tests.id('org:alpha'), tests.id('queue:alpha'), (select id from own), '{}') $$) ->> 'code',
  'TYPE_ARCHIVED', 'an archived type takes no new tickets');
select is((public.transition_ticket((select id::uuid from t2 limit 1), 'pickup')) ->> 'to', 'completed', 'but its tickets keep moving');
select tests.clear_authentication();

-- ------------------------------------------------------------------ RLS
select tests.authenticate_as('manager@beta.test');
select is((select count(*)::integer from public.tickets), 0, 'another organisation sees no tickets');
select is((select count(*)::integer from public.ticket_items), 0, 'no items');
select is((select count(*)::integer from public.ticket_state_history), 0, 'no ticket history');
select is(pg_temp.err($$ select public.transition_ticket((select id from tid), 'diagnose') $$) ->> 'code', 'NOT_FOUND',
  'and cannot move them');
select tests.clear_authentication();
select tests.authenticate_as('manager@alpha.test');
select is((select count(*)::integer from public.ticket_items), 2, 'members read their organisation''s items');
select is(pg_temp.err($$ update public.tickets set custom_data = '{}' $$) ->> 'sqlstate', '42501', 'nobody writes tickets directly');
select is(pg_temp.err($$ insert into public.ticket_items (org_id, ticket_id, position, description)
                         values (tests.id('org:alpha'), (select id from tid), 9, 'x') $$) ->> 'sqlstate', '42501',
  'nor items');
select tests.clear_authentication();

select ok(
  (select count(*) = 4 from pg_indexes where schemaname = 'public' and tablename = 'tickets'
     and indexname in ('tickets_queue_state_created_idx', 'tickets_assigned_state_idx', 'tickets_queue_type_idx', 'tickets_custom_data_idx')),
  'spec 05''s four ticket indexes exist');

select * from finish();
rollback;
