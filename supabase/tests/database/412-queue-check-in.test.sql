-- "I'm here" (20261204063000): a customer checks in by their ticket token; a checked-in ticket no
-- longer expires (spec 05: not served or checked in within its TTL), by the job, on read or at
-- call-next; the counter's waiting list shows who is here; a closed ticket cannot check in.
begin;
select plan(11);
select tests.create_tenancy_fixture();

create temp table types as
  select type_code as code, id from public.type_definitions where org_id is null and subject = 'ticket';
grant select on types to anon, authenticated;
create function pg_temp.type_id(p_code text) returns uuid language sql as $$ select id from types where code = p_code $$;
grant execute on function tests.error_of(text), pg_temp.type_id(text) to anon, authenticated;
create temp table toks (name text primary key, token text);
grant select, insert on toks to anon, authenticated;

insert into public.floor_queues (id, org_id, name) values (tests.id('queue:counter'), tests.id('org:alpha'), 'Pickup counter');
select tests.authenticate_as('manager@alpha.test');
insert into toks select 'join', public.issue_queue_join_token(tests.id('queue:counter')) ->> 'join_token';
update public.customer_queue_settings set letter = 'P', ticket_type_ids = array[pg_temp.type_id('pickup')]
  where queue_id = tests.id('queue:counter');
insert into public.customer_queue_counters (id, org_id, queue_id, label) values
  (tests.id('counter:1'), tests.id('org:alpha'), tests.id('queue:counter'), '1');
select tests.clear_authentication();

select tests.authenticate_as_anon();
insert into toks select 'here', public.join_queue((select token from toks where name = 'join'), pg_temp.type_id('pickup')) ->> 'ticket_token';
insert into toks select 'away', public.join_queue((select token from toks where name = 'join'), pg_temp.type_id('pickup')) ->> 'ticket_token';
select is(public.queue_ticket((select token from toks where name = 'here')) ->> 'checked_in_at', null, 'a new ticket is not checked in');
select isnt(public.check_in_queue_ticket((select token from toks where name = 'here')) ->> 'checked_in_at', null,
  'the customer says "I''m here" by their token');
select is(public.check_in_queue_ticket((select token from toks where name = 'here')) ->> 'checked_in_at',
  public.queue_ticket((select token from toks where name = 'here')) ->> 'checked_in_at', 'a second tap changes nothing');
select is(public.queue_ticket((select token from toks where name = 'here')) ->> 'expires_at', null,
  'a checked-in ticket shows no expiry');
select is(tests.error_of($$ select public.check_in_queue_ticket('guessed') $$) ->> 'code', 'NOT_FOUND', 'a guessed token checks nothing in');
select tests.clear_authentication();

-- both tickets pass their TTL
alter table public.tickets disable trigger tickets_check;
update public.tickets set created_at = now() - interval '5 hours' where queue_id = tests.id('queue:counter');
alter table public.tickets enable trigger tickets_check;

select tests.act_as_operator('alpha', 'operator@alpha.test', 'A-OP-1');
select is((select jsonb_agg(t ->> 'number') from jsonb_array_elements(public.queue_waiting_list(tests.id('queue:counter')) -> 'tickets') t),
  '["P-001"]'::jsonb, 'past the TTL only the checked-in ticket still waits');
select isnt(public.queue_waiting_list(tests.id('queue:counter')) -> 'tickets' -> 0 ->> 'checked_in_at', null,
  'and the counter sees the customer is here');
select is(public.call_next(tests.id('queue:counter'), tests.id('counter:1')) -> 'ticket' ->> 'number', 'P-001',
  'call-next calls the checked-in ticket, past its TTL');
select tests.clear_authentication();
select is(app.vq_expire(tests.id('queue:counter')), 1, 'the expiry job expires only the one that never checked in');

select tests.authenticate_as_anon();
select is(public.queue_ticket((select token from toks where name = 'away')) ->> 'status', 'expired', 'the absent customer''s ticket expired');
select is(tests.error_of($$ select public.check_in_queue_ticket((select token from toks where name = 'away')) $$) ->> 'code',
  'TICKET_NOT_WAITING', 'an expired ticket cannot check in');
select tests.clear_authentication();

select * from finish();
rollback;
