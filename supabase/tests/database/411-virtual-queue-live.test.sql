-- Virtual queues, step 3 (20261204045100): the public route's join with its limits per address and
-- phone (kept in the database; refused joins not counted), the join page's info, recall, the display
-- token and its view, the manager's day stats, the database-sent Realtime topics and who may read
-- them, and the queue texts (a row in the same transaction; never blocking the join or the call).
begin;
select plan(40);
select tests.create_tenancy_fixture();
select set_sms_provider(tests.id('org:alpha'), 'semaphore', '{"apiKey": "sem-secret-key-alpha"}');

create temp table types as
  select type_code as code, id from public.type_definitions where org_id is null and subject = 'ticket';
create function pg_temp.type_id(p_code text) returns uuid language sql as $$ select id from types where code = p_code $$;
create function pg_temp.may_read(p_topic text) returns boolean
language plpgsql as $$
begin
  perform set_config('realtime.topic', p_topic, true);
  return exists (select 1 from realtime.messages m where m.topic = p_topic and m.extension = 'broadcast');
end $$;
create function pg_temp.joins(p_ip inet default null) returns integer language sql security definer
  as $$ select count(*)::int from app.queue_join_log where p_ip is null or ip = p_ip $$;
create function pg_temp.log_joins(p_ip inet, p_n integer, p_ago interval) returns void language sql security definer
  as $$ insert into app.queue_join_log (queue_id, ticket_id, ip, created_at)
        select tests.id('queue:front'), gen_random_uuid(), p_ip, now() - p_ago - make_interval(secs => g) from generate_series(1, p_n) g $$;
create function pg_temp.age_joins(p_ip inet, p_ago interval) returns void language sql security definer
  as $$ update app.queue_join_log set created_at = now() - p_ago where ip = p_ip $$;
create function pg_temp.h(p_token text) returns text language sql security definer
  as $$ select app.tracking_token_hash(p_token) $$;
create temp table toks (name text primary key, token text);
create temp table ids (name text primary key, id uuid);
grant select on types to anon, authenticated, service_role;
grant select, insert on toks, ids to anon, authenticated, service_role;
grant execute on all functions in schema pg_temp to anon, authenticated, service_role;
grant execute on function tests.error_of(text) to anon, authenticated, service_role;

insert into public.floor_queues (id, org_id, name) values
  (tests.id('queue:front'), tests.id('org:alpha'), 'Front counter');

select tests.authenticate_as('manager@alpha.test');
select update_sms_settings(p_org_id => tests.id('org:alpha'), p_enabled => true, p_provider_order => '{semaphore}',
                           p_link_base_url => 'https://alpha.example');
insert into toks select 'join', public.issue_queue_join_token(tests.id('queue:front')) ->> 'join_token';
insert into public.sms_templates (id, org_id, name, body, variables) values
  (tests.id('tpl:joined'), tests.id('org:alpha'), 'Q joined', 'You are {TICKET_NUMBER}: {TICKET_LINK}', '{TICKET_NUMBER,TICKET_LINK}'),
  (tests.id('tpl:near'), tests.id('org:alpha'), 'Q near', '{TICKET_NUMBER}: {POSITION} to go', '{TICKET_NUMBER,POSITION}'),
  (tests.id('tpl:called'), tests.id('org:alpha'), 'Q called', '{TICKET_NUMBER} to {COUNTER}', '{TICKET_NUMBER,COUNTER}'),
  (tests.id('tpl:gone'), tests.id('org:alpha'), 'Q gone', '{TICKET_NUMBER} missed', '{TICKET_NUMBER}');
update public.customer_queue_settings
  set ticket_type_ids = array[pg_temp.type_id('pickup'), pg_temp.type_id('repair')], sms_near_position = 1,
      sms_templates = jsonb_build_object('joined', tests.id('tpl:joined'), 'near', tests.id('tpl:near'),
                                         'called', tests.id('tpl:called'), 'no_show', tests.id('tpl:gone'),
                                         'expired', tests.id('tpl:gone'))
  where queue_id = tests.id('queue:front');
insert into public.customer_queue_counters (id, org_id, queue_id, label) values
  (tests.id('counter:f1'), tests.id('org:alpha'), tests.id('queue:front'), '1');
select is(tests.error_of($$ update public.customer_queue_settings set sms_templates = '{"lunch": null}' $$) -> 'hint' ->> 'field',
  'sms_templates', 'an unknown queue event is refused under sms_templates');
select is(tests.error_of(format($$ update public.customer_queue_settings set sms_templates = '{"called": %s}' $$,
                                to_jsonb(tests.id('nope')))) ->> 'code',
  'VALIDATION_FAILED', 'a template of no workshop is refused');
insert into toks select 'display', public.issue_queue_display_token(tests.id('queue:front')) ->> 'display_token';
select ok((select token ~ '^[A-Za-z0-9_-]{22}$' from toks where name = 'display'), 'a manager gets a 128-bit display token');
select throws_ok($$ select display_token_hash from public.customer_queue_settings $$, '42501', null,
  'members cannot read the display token hash');
select tests.clear_authentication();

select tests.act_as_operator('alpha', 'operator@alpha.test', 'A-OP-1');
select is(tests.error_of($$ select public.issue_queue_display_token(tests.id('queue:front')) $$) ->> 'code', 'FORBIDDEN',
  'an operator cannot issue a display token');
select tests.clear_authentication();

-- ------------------------------------------------------------------ the join page (anon)
select tests.authenticate_as_anon();
select is((public.queue_join_info((select token from toks where name = 'join')) -> 'types' -> 0 ->> 'name'), 'Pickup',
  'the join page lists the offered types in order');
select ok((public.queue_join_info((select token from toks where name = 'join')) -> 'types' -> 1 -> 'custom_fields_schema' -> 'required')
          ? 'device_serial', 'with their custom-field schemas');
select is((public.queue_join_info((select token from toks where name = 'join')) ->> 'texts'), 'true', 'and says texts are sent');
select is(tests.error_of($$ select public.queue_join_info('nope') $$) ->> 'code', 'NOT_FOUND', 'an unknown join token finds nothing');
select throws_ok($$ select public.join_queue_from((select token from toks where name = 'join'), pg_temp.type_id('pickup'), '{}', null, '10.0.0.1') $$,
  '42501', null, 'anon cannot call the route''s join (it would choose its own address)');
select tests.clear_authentication();

-- ------------------------------------------------------------------ limits (service role = the route)
select tests.authenticate_as_service_role();
delete from realtime.messages;
insert into toks select 'p1', public.join_queue_from((select token from toks where name = 'join'), pg_temp.type_id('pickup'),
  '{}', '+639171110001', '10.0.0.1') ->> 'ticket_token';
select is(pg_temp.joins(), 1, 'a join through the route is counted');
select is((select body from public.sms_messages where to_phone = '+639171110001'),
  'You are A-001: https://alpha.example/q/t/' || (select token from toks where name = 'p1'),
  'the joined text carries the ticket link, queued in the join''s transaction');
select ok(exists (select 1 from realtime.messages where topic = 'vq:' || tests.id('queue:front') and event = 'moved'),
  'a join tells the queue''s public topic it moved');
select ok(exists (select 1 from realtime.messages where topic = ('org:' || tests.id('org:alpha') || ':queue:' || tests.id('queue:front'))
                  and event = 'changed' and payload ->> 'table' = 'tickets'), 'and the staff topic which ticket changed');
select ok(not exists (select 1 from realtime.messages where payload::text like '%+639171110001%'),
  'no broadcast carries the phone');

insert into toks select 'p2', public.join_queue_from((select token from toks where name = 'join'), pg_temp.type_id('pickup'),
  '{}', '+639171110001', '10.0.0.2') ->> 'ticket_token';
insert into toks select 'p3', public.join_queue_from((select token from toks where name = 'join'), pg_temp.type_id('pickup'),
  '{}', '+639171110001', '10.0.0.3') ->> 'ticket_token';
select is(tests.error_of($$ select public.join_queue_from((select token from toks where name = 'join'), pg_temp.type_id('pickup'),
  '{}', '+639171110001', '10.0.0.4') $$) - 'message' - 'hint',
  '{"code": "RATE_LIMITED", "sqlstate": "PT429"}', 'a fourth join of one phone within the hour is refused');
select is((tests.error_of($$ select public.join_queue_from((select token from toks where name = 'join'), pg_temp.type_id('pickup'),
  '{}', '+639171110001', '10.0.0.4') $$) -> 'hint' ->> 'limit'), 'phone', 'naming the phone limit');
select ok((tests.error_of($$ select public.join_queue_from((select token from toks where name = 'join'), pg_temp.type_id('pickup'),
  '{}', '+639171110001', '10.0.0.4') $$) -> 'hint' ->> 'retry_after_seconds')::int between 3000 and 3600,
  'with when to come back');
select is(tests.error_of($$ select public.join_queue_from((select token from toks where name = 'join'), pg_temp.type_id('repair'),
  '{}', null, '10.0.0.9') $$) -> 'hint' ->> 'field', 'device_serial', 'custom fields are still checked by the type');
select is(pg_temp.joins('10.0.0.9'), 0, 'a refused join is not counted and changes nothing');
select pg_temp.log_joins('10.0.0.7', 20, interval '0 seconds');
select is(tests.error_of($$ select public.join_queue_from((select token from toks where name = 'join'), pg_temp.type_id('pickup'),
  '{}', null, '10.0.0.7') $$) -> 'hint' ->> 'limit', 'ip', 'the 21st join from one address in 10 minutes is refused');
select pg_temp.age_joins('10.0.0.7', interval '11 minutes');
select is(public.join_queue_from((select token from toks where name = 'join'), pg_temp.type_id('pickup'), '{}', null, '10.0.0.7')
  -> 'ticket' ->> 'number', 'A-004', 'after the window the address may join again');
select tests.clear_authentication();

-- ------------------------------------------------------------------ realtime readers
-- Realtime's read probe (as 120-realtime-policies): a row on each topic, read back as the caller
insert into realtime.messages (topic, extension, private)
  select x, 'broadcast', true from unnest(array['vqt:' || pg_temp.h((select token from toks where name = 'p1')),
    'vqt:' || pg_temp.h('made-up'), 'vq:' || tests.id('queue:front'), 'vq:' || tests.id('org:alpha'),
    'org:' || tests.id('org:alpha') || ':queue:' || tests.id('queue:front')]) x;
select tests.authenticate_as_anon();
select ok(pg_temp.may_read('vqt:' || pg_temp.h((select token from toks where name = 'p1'))),
  'the ticket''s holder (anon) may read its ticket topic');
select ok(not pg_temp.may_read('vqt:' || pg_temp.h('made-up')), 'a made-up ticket topic is refused');
select ok(pg_temp.may_read('vq:' || tests.id('queue:front')), 'the queue''s public topic is readable (payload: its id only)');
select ok(not pg_temp.may_read('vq:' || tests.id('org:alpha')), 'a uuid that is no customer queue is refused');
select ok(not pg_temp.may_read(('org:' || tests.id('org:alpha') || ':queue:' || tests.id('queue:front'))),
  'the staff topic is not for anon');
select tests.clear_authentication();

-- ------------------------------------------------------------------ call, near, recall, display
delete from realtime.messages;
select tests.act_as_operator('alpha', 'operator@alpha.test', 'A-OP-1');
insert into ids select 'c1', (public.call_next(tests.id('queue:front'), tests.id('counter:f1')) -> 'ticket' ->> 'id')::uuid;
select tests.clear_authentication();
select is((select body from public.sms_messages where template_id = tests.id('tpl:called')), 'A-001 to counter 1',
  'the called text names the counter');
select is((select count(*)::int from public.sms_messages where template_id = tests.id('tpl:near')), 1,
  'the next in line (with a phone) is told it is nearly their turn');
select ok(exists (select 1 from realtime.messages
                  where topic = 'vqt:' || pg_temp.h((select token from toks where name = 'p1'))
                    and event = 'ticket' and payload ->> 'status' = 'called' and payload ->> 'counter' = '1'),
  'the called ticket''s page gets its public view live');
select tests.act_as_operator('alpha', 'operator@alpha.test', 'A-OP-1');
select is(public.recall_queue_ticket((select id from ids where name = 'c1')) -> 'ticket' ->> 'recall_count', '1',
  'a called ticket can be called again');
select is(tests.error_of($$ select public.recall_queue_ticket((select id from ids where name = 'c1')) $$) ->> 'code', null,
  'twice too');
select tests.clear_authentication();
select is((select count(*)::int from public.sms_messages where template_id = tests.id('tpl:called')), 3, 'each call again texts again');

select tests.authenticate_as_anon();
select is(public.queue_display((select token from toks where name = 'display')) -> 'counters' -> 0 ->> 'number', 'A-001',
  'the display shows now serving per counter');
select is(public.queue_display((select token from toks where name = 'display')) -> 'next', '["A-002", "A-003", "A-004"]',
  'and the next numbers');
select ok(public.queue_display((select token from toks where name = 'display'))::text !~ '\+63',
  'numbers only: no phones on the display');
select is(tests.error_of($$ select public.queue_display('nope') $$) ->> 'code', 'NOT_FOUND', 'an unknown display token finds nothing');
select tests.clear_authentication();

select tests.act_as_operator('alpha', 'operator@alpha.test', 'A-OP-1');
select public.no_show_queue_ticket((select id from ids where name = 'c1'));
select tests.clear_authentication();
select is((select count(*)::int from public.sms_messages where template_id = tests.id('tpl:gone')), 1, 'a no-show is texted');

-- texts off: the call still goes, no row
select tests.authenticate_as('manager@alpha.test');
select update_sms_settings(tests.id('org:alpha'), false);
select tests.clear_authentication();
select tests.act_as_operator('alpha', 'operator@alpha.test', 'A-OP-1');
select is(public.call_next(tests.id('queue:front'), tests.id('counter:f1')) -> 'ticket' ->> 'number', 'A-002',
  'with texts switched off the call goes on');
select tests.clear_authentication();

select tests.authenticate_as('supervisor@alpha.test');
select is((public.queue_day_stats(tests.id('queue:front')) -> 'totals' ->> 'joins')::int, 4, 'the day''s joins');
select tests.clear_authentication();

select * from finish();
rollback;
