-- Virtual queues (issue 15): a customer queue is a floor queue with a settings row. Joining by the
-- QR token (anon) with its refusals, daily numbers, the token's own view only, call-next to counters
-- (skip-locked), serve with a type transition, no-show, TTL expiry by the job and on read, cancel by
-- the customer, the wait median, RLS and the hashed tokens.
begin;
select plan(55);
select tests.create_tenancy_fixture();

create temp table types as
  select type_code as code, id from public.type_definitions where org_id is null and subject = 'ticket';
grant select on types to anon, authenticated;
create function pg_temp.type_id(p_code text) returns uuid language sql as $$ select id from types where code = p_code $$;
grant execute on function tests.error_of(text), pg_temp.type_id(text) to anon, authenticated;

insert into public.floor_queues (id, org_id, name) values
  (tests.id('queue:counter'), tests.id('org:alpha'), 'Repair counter');
create temp table toks (name text primary key, token text);
grant select, insert on toks to anon, authenticated;

-- ------------------------------------------------------------------ settings
select tests.act_as_operator('alpha', 'operator@alpha.test', 'A-OP-1');
select is(tests.error_of($$ select public.issue_queue_join_token(tests.id('queue:counter')) $$) ->> 'code', 'FORBIDDEN',
  'an operator cannot issue the join token');
select tests.clear_authentication();

select tests.authenticate_as('manager@alpha.test');
insert into toks select 'join', public.issue_queue_join_token(tests.id('queue:counter')) ->> 'join_token';
select ok((select token ~ '^[A-Za-z0-9_-]{22}$' from toks where name = 'join'), 'a manager gets a 128-bit join token');
update public.customer_queue_settings set letter = 'R', ticket_type_ids = array[pg_temp.type_id('repair'), pg_temp.type_id('pickup')]
  where queue_id = tests.id('queue:counter');
insert into public.customer_queue_counters (id, org_id, queue_id, label) values
  (tests.id('counter:1'), tests.id('org:alpha'), tests.id('queue:counter'), '1'),
  (tests.id('counter:2'), tests.id('org:alpha'), tests.id('queue:counter'), '2');
select is((select letter || array_length(ticket_type_ids, 1) from public.customer_queue_settings), 'R2', 'managers set the offered types');
select is(tests.error_of($$ update public.customer_queue_settings set ticket_type_ids = array[tests.id('nope')] $$) -> 'hint' ->> 'field',
  'ticket_type_ids', 'only ticket types of the organisation may be offered');
select is(tests.error_of($$ update public.customer_queue_settings set opening_hours = '[{"day": 8, "opens": "09:00", "closes": "17:00"}]' $$)
  ->> 'code', 'VALIDATION_FAILED', 'malformed opening hours are refused');
select throws_ok($$ select join_token_hash from public.customer_queue_settings $$, '42501', null, 'members cannot read the join token hash');
select tests.clear_authentication();

select tests.authenticate_as('manager@beta.test');
select is((select count(*) from public.customer_queue_settings), 0::bigint, 'another organisation sees no settings');
select is((select count(*) from public.customer_queue_counters), 0::bigint, 'nor counters');
select tests.clear_authentication();

-- ------------------------------------------------------------------ joining (anon)
select tests.authenticate_as_anon();
select is(tests.error_of($$ select public.join_queue('not-a-token', pg_temp.type_id('repair')) $$) ->> 'code', 'NOT_FOUND',
  'an unknown join token finds no queue');
select is(tests.error_of($$ select public.join_queue((select token from toks where name = 'join'), pg_temp.type_id('repair')) $$) -> 'hint' ->> 'field',
  'device_serial', 'custom fields are checked by the type (field named)');
select is(tests.error_of($$ select public.join_queue((select token from toks where name = 'join'), pg_temp.type_id('alteration')) $$) ->> 'code',
  'TICKET_TYPE_NOT_OFFERED', 'a type the queue does not offer is refused');
select is(tests.error_of($$ select public.join_queue((select token from toks where name = 'join'), pg_temp.type_id('pickup'), '{}', '09171234567') $$)
  - 'hint', '{"sqlstate": "PT422", "code": "PHONE_INVALID", "message": "Enter the phone number with its country code, like +639171234567"}',
  'a phone not in E.164 form is refused with the reason');

insert into toks select 'a', public.join_queue((select token from toks where name = 'join'), pg_temp.type_id('repair'),
  '{"device_serial": "HP-1"}', '+639171234567') ->> 'ticket_token';
insert into toks select 'b', public.join_queue((select token from toks where name = 'join'), pg_temp.type_id('pickup')) ->> 'ticket_token';
select is(public.queue_ticket((select token from toks where name = 'a')) ->> 'number', 'R-001', 'the first ticket of the day is R-001');
select is(public.queue_ticket((select token from toks where name = 'b')) ->> 'number', 'R-002', 'the next R-002');
select is(public.queue_ticket((select token from toks where name = 'b')) ->> 'position', '2', 'second in line');
select is((select array_agg(k order by k) from jsonb_object_keys(public.queue_ticket((select token from toks where name = 'a'))) k),
  array['called_at', 'channel', 'checked_in_at', 'counter', 'expires_at', 'joined_at', 'number', 'position', 'queue_channel', 'queue_name',
        'recall_count', 'recalled_at', 'state_label', 'status', 'type_name', 'updated_at', 'wait_high', 'wait_low', 'workshop'],
  'a token shows only its own ticket''s public fields (no phone, no custom data)');
select is(public.queue_ticket((select token from toks where name = 'a')) ->> 'state_label', 'We have your device', 'with the state''s public label');
-- default 5 minutes, two open counters: position 1 ≈ 2.5 min, position 2 ≈ 5 min, as 5-minute ranges
select is((select r ->> 'wait_low' || '-' || (r ->> 'wait_high') from (select public.queue_ticket((select token from toks where name = 'a')) r) x),
  '0-5', 'the wait is a range (position 1)');
select is((select r ->> 'wait_low' || '-' || (r ->> 'wait_high') from (select public.queue_ticket((select token from toks where name = 'b')) r) x),
  '0-10', 'the wait grows with the position');
select is(tests.error_of($$ select public.queue_ticket('guessed') $$) ->> 'code', 'NOT_FOUND', 'a guessed ticket token shows nothing');
select throws_ok($$ select * from public.tickets $$, '42501', null, 'anon cannot read tickets');
select throws_ok($$ select * from public.queue_ticket_tokens $$, '42501', null, 'anon cannot read token hashes');
select tests.clear_authentication();

select is((select count(*) from public.tickets where queue_id = tests.id('queue:counter') and current_state = 'received'
             and queue_status = 'waiting' and estimated_wait_minutes is not null), 2::bigint,
  'tickets start in the type''s init state, waiting, with the estimate given at join');
select is((select phone_e164 from public.tickets where display_number = 'R-001'), '+639171234567', 'the phone is kept for texts');
select is((select count(*) from public.queue_ticket_tokens where token_hash in
            (select app.tracking_token_hash(token) from toks where name in ('a', 'b'))), 2::bigint, 'only token hashes are stored');

-- refusals that depend on the settings
update public.customer_queue_settings set phone_required = true;
select tests.authenticate_as_anon();
select is(tests.error_of($$ select public.join_queue((select token from toks where name = 'join'), pg_temp.type_id('pickup')) $$) ->> 'code',
  'PHONE_REQUIRED', 'a queue may require a phone');
select tests.clear_authentication();
update public.customer_queue_settings set phone_required = false, max_open_tickets = 2;
select tests.authenticate_as_anon();
select is(tests.error_of($$ select public.join_queue((select token from toks where name = 'join'), pg_temp.type_id('pickup')) $$) ->> 'code',
  'QUEUE_FULL', 'a full queue refuses to take more');
select tests.clear_authentication();
update public.customer_queue_settings set max_open_tickets = null,
  opening_hours = jsonb_build_array(jsonb_build_object('day', (extract(isodow from now() at time zone
    (select time_zone from public.organisations where id = tests.id('org:alpha'))))::integer % 7 + 1, 'opens', '09:00', 'closes', '17:00'));
select tests.authenticate_as_anon();
select is(tests.error_of($$ select public.join_queue((select token from toks where name = 'join'), pg_temp.type_id('pickup')) $$) ->> 'code',
  'QUEUE_CLOSED', 'outside opening hours joining is refused');
select tests.clear_authentication();
update public.customer_queue_settings set opening_hours = null, join_mode = 'staff';
select tests.authenticate_as_anon();
select is(tests.error_of($$ select public.join_queue((select token from toks where name = 'join'), pg_temp.type_id('pickup')) $$) ->> 'code',
  'QUEUE_JOIN_MODE', 'a staff-only queue refuses the QR link');
select tests.clear_authentication();
update public.customer_queue_settings set join_mode = 'both';
update public.floor_queues set is_active = false where id = tests.id('queue:counter');
select tests.authenticate_as_anon();
select is(tests.error_of($$ select public.join_queue((select token from toks where name = 'join'), pg_temp.type_id('pickup')) $$) ->> 'code',
  'QUEUE_INACTIVE', 'a switched-off queue refuses joins');
select tests.clear_authentication();
update public.floor_queues set is_active = true where id = tests.id('queue:counter');

-- ------------------------------------------------------------------ counters (staff)
select tests.act_as_operator('alpha', 'operator@alpha.test', 'A-OP-1');
insert into toks select 'c', (public.staff_join_queue(tests.id('queue:counter'), pg_temp.type_id('pickup')) ->> 'ticket_token');
select is(public.queue_ticket((select token from toks where name = 'c')) ->> 'number', 'R-003', 'staff add customers at the counter');
select is(public.call_next(tests.id('queue:counter'), tests.id('counter:1')) -> 'ticket' ->> 'display_number', 'R-001',
  'call next gives counter 1 the first in line');
select is(public.call_next(tests.id('queue:counter'), tests.id('counter:2')) -> 'ticket' ->> 'display_number', 'R-002',
  'and counter 2 the next: a called ticket is never called twice');
select ok(pg_get_functiondef('public.call_next(uuid, uuid)'::regprocedure) ~* 'for update skip locked',
  'call next picks skip-locked (exactly one caller per ticket across sessions)');
select is(public.queue_ticket((select token from toks where name = 'a'))
          - array['called_at', 'joined_at', 'expires_at', 'channel', 'queue_channel', 'updated_at', 'recalled_at', 'recall_count', 'workshop', 'checked_in_at'],
  '{"number": "R-001", "queue_name": "Repair counter", "type_name": "Repair", "status": "called", "state_label": "We have your device",
    "position": null, "wait_low": null, "wait_high": null, "counter": "1"}', 'the customer sees which counter calls them');
select is(public.queue_ticket((select token from toks where name = 'c')) ->> 'position', '1', 'the rest move up');

select is(public.serve_queue_ticket((select id from public.tickets where display_number = 'R-001'), 'diagnose') -> 'ticket' ->> 'current_state',
  'diagnosing', 'serving may take a type transition in the same transaction');
select is(tests.error_of($$ select public.serve_queue_ticket((select id from public.tickets where display_number = 'R-001')) $$) - 'hint',
  '{"sqlstate": "PT409", "code": "TICKET_NOT_CALLED", "message": "Ticket R-001 is served, not at a counter"}', 'a served ticket is not served twice');
select is(public.no_show_queue_ticket((select id from public.tickets where display_number = 'R-002')) -> 'ticket' ->> 'queue_status',
  'no_show', 'a called customer who does not come is a no-show');
select tests.clear_authentication();
update public.customer_queue_counters set is_open = false where id = tests.id('counter:2');
select tests.act_as_operator('alpha', 'operator@alpha.test', 'A-OP-1');
select is(tests.error_of($$ select public.call_next(tests.id('queue:counter'), tests.id('counter:2')) $$) ->> 'code', 'COUNTER_CLOSED',
  'a closed counter calls nobody');
select tests.clear_authentication();

-- the wait median: R-001 took 12 minutes at the counter
update public.tickets set called_at = now() - interval '12 minutes', served_at = now() where display_number = 'R-001';
select is(app.vq_service_minutes(tests.id('queue:counter'), pg_temp.type_id('repair')), 12::numeric, 'the median of served repairs');
select is(app.vq_service_minutes(tests.id('queue:counter'), pg_temp.type_id('pickup')), 5::numeric, 'else the queue''s default');

-- ------------------------------------------------------------------ expiry
alter table public.tickets disable trigger tickets_check;
update public.tickets set created_at = now() - interval '5 hours' where display_number = 'R-003';
alter table public.tickets enable trigger tickets_check;
select tests.act_as_operator('alpha', 'operator@alpha.test', 'A-OP-1');
select is(public.call_next(tests.id('queue:counter'), tests.id('counter:1')) -> 'ticket', 'null'::jsonb, 'call next passes over a ticket past its TTL');
select tests.clear_authentication();
select tests.authenticate_as_anon();
select is(public.queue_ticket((select token from toks where name = 'c')) ->> 'status', 'expired', 'and reading it expires it');
insert into toks select 'd', public.join_queue((select token from toks where name = 'join'), pg_temp.type_id('pickup')) ->> 'ticket_token';
insert into toks select 'e', public.join_queue((select token from toks where name = 'join'), pg_temp.type_id('pickup')) ->> 'ticket_token';
select tests.clear_authentication();
alter table public.tickets disable trigger tickets_check;
update public.tickets set created_at = now() - interval '5 hours' where display_number = 'R-004';
alter table public.tickets enable trigger tickets_check;
select is(app.vq_expire(), 1, 'the scheduled job expires tickets past their TTL');
select is((select count(*) from cron.job where jobname = 'virtual-queue-expire'), 1::bigint, 'it is scheduled every minute');

-- ------------------------------------------------------------------ cancel by the customer
select tests.authenticate_as_anon();
select is(public.cancel_queue_ticket((select token from toks where name = 'e')) ->> 'status', 'cancelled', 'the customer leaves by their token');
select is(tests.error_of($$ select public.cancel_queue_ticket((select token from toks where name = 'e')) $$) ->> 'code', 'TICKET_NOT_WAITING',
  'not twice');
select tests.clear_authentication();

-- ------------------------------------------------------------------ waiting list and transfer
insert into public.floor_queues (id, org_id, name) values (tests.id('queue:pickup'), tests.id('org:alpha'), 'Pickup desk');
insert into public.customer_queue_settings (queue_id, org_id, letter, ticket_type_ids)
  values (tests.id('queue:pickup'), tests.id('org:alpha'), 'P', array[pg_temp.type_id('pickup')]);
select tests.authenticate_as_anon();
insert into toks select 'f', public.join_queue((select token from toks where name = 'join'), pg_temp.type_id('pickup')) ->> 'ticket_token';
insert into toks select 'g', public.join_queue((select token from toks where name = 'join'), pg_temp.type_id('repair'),
  '{"device_serial": "HP-7"}') ->> 'ticket_token';
select tests.clear_authentication();
select tests.act_as_operator('alpha', 'operator@alpha.test', 'A-OP-1');
select is(public.transfer_queue_ticket((select id from public.tickets where display_number = 'R-006'), tests.id('queue:pickup'))
  -> 'ticket' ->> 'display_number', 'P-001', 'a transferred ticket waits in the other queue under its next number');
select is(public.queue_ticket((select token from toks where name = 'f')) ->> 'queue_name', 'Pickup desk', 'and its token follows it');
select is(tests.error_of($$ select public.transfer_queue_ticket((select id from public.tickets where display_number = 'R-007'),
                                                            tests.id('queue:pickup')) $$) ->> 'code',
  'TICKET_TYPE_NOT_OFFERED', 'only to a queue offering its type');
select is(tests.error_of($$ select public.transfer_queue_ticket((select id from public.tickets where display_number = 'R-001'),
                                                            tests.id('queue:pickup')) $$) ->> 'code',
  'TICKET_NOT_WAITING', 'a served ticket is not transferred');
-- one open counter, repairs take 12 minutes (the median above): 9–15 → 5–15
select is((select jsonb_agg(jsonb_build_array(x ->> 'number', x ->> 'position', x ->> 'wait_low', x ->> 'wait_high'))
           from jsonb_array_elements(public.queue_waiting_list(tests.id('queue:counter')) -> 'tickets') x),
  '[["R-007", "1", "5", "15"]]', 'the counter''s waiting list: call order, position and wait range (stale, cancelled and moved left out)');
select tests.clear_authentication();
select tests.authenticate_as_anon();
select is((select r ->> 'wait_low' || '-' || (r ->> 'wait_high') from (select public.queue_ticket((select token from toks where name = 'g')) r) x),
  '5-15', 'the customer sees the same range');
select tests.clear_authentication();
select tests.authenticate_as('manager@beta.test');
select is(tests.error_of($$ select public.queue_waiting_list(tests.id('queue:counter')) $$) ->> 'code', 'NOT_FOUND',
  'another organisation cannot list the queue');
select tests.clear_authentication();

select * from finish();
rollback;
