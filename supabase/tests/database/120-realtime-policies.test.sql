-- Realtime authorisation (20261203004100): who may receive on the app's private topics (the SELECT
-- policy on realtime.messages, probed the way Realtime does: a row on the topic, read back with
-- realtime.topic() set), that nobody but the database may send (no INSERT policy), which changes the
-- database sends where, and that no app table is left in publication supabase_realtime.
begin;
select plan(30);
select tests.create_tenancy_fixture();
select tests.create_production_fixture();
select tests.create_floor_fixture();

-- Realtime's read probe: a message row on the topic (as the superuser), read back as the caller
create function pg_temp.may_read(p_topic text) returns boolean
language plpgsql as $$
begin
  perform set_config('realtime.topic', p_topic, true);
  return exists (select 1 from realtime.messages m where m.topic = p_topic and m.extension = 'broadcast');
end $$;
create function pg_temp.probe(p_topic text) returns void
language sql as $$ insert into realtime.messages (topic, extension, private) values (p_topic, 'broadcast', true) $$;
grant execute on all functions in schema pg_temp to anon, authenticated;

create temporary table t (k text primary key, topic text) on commit drop;
insert into t values
  ('alpha board', app.realtime_topic(tests.id('org:alpha'), 'board')),
  ('alpha floor', app.realtime_topic(tests.id('org:alpha'), 'floor')),
  ('alpha queue', app.realtime_topic(tests.id('org:alpha'), 'queue:' || tests.id('queue:alpha:sanding'))),
  ('beta board', app.realtime_topic(tests.id('org:beta'), 'board')),
  ('alpha track', 'track:' || app.tracking_token_hash(tests.tracking_token('alpha'))),
  ('beta track', 'track:' || app.tracking_token_hash(tests.tracking_token('beta'))),
  ('wrong track', 'track:' || app.tracking_token_hash('not-a-token')),
  ('raw token', 'track:' || tests.tracking_token('alpha')),
  ('other', 'user:' || tests.user_id('manager@alpha.test'));
select pg_temp.probe(topic) from t;
grant select on t to anon, authenticated;
update public.order_tracking_tokens set revoked_at = now() where id = tests.id('token:beta');

select is(app.realtime_topic(tests.id('org:alpha'), 'board'), 'org:' || tests.id('org:alpha') || ':board',
  'org topics are org:<org_id>:<scope>');

-- anon: the tracking topic of a live token, nothing else
select tests.authenticate_as_anon();
select ok(pg_temp.may_read((select topic from t where k = 'alpha track')), 'anon may receive on the topic of a live tracking token');
select ok(not pg_temp.may_read((select topic from t where k = 'beta track')), 'not on the topic of a revoked token');
select ok(not pg_temp.may_read((select topic from t where k = 'wrong track')), 'not on a topic with a hash no token has');
select ok(not pg_temp.may_read((select topic from t where k = 'raw token')), 'not on a topic carrying a raw token');
select ok(not pg_temp.may_read((select topic from t where k = 'alpha board')), 'not on an organisation''s board');
select ok(not pg_temp.may_read((select topic from t where k = 'alpha queue')), 'not on an organisation''s queue');
select ok(not pg_temp.may_read((select topic from t where k = 'other')), 'not on a topic the app does not name');
select is((select count(*)::int from realtime.messages), 0, 'and without realtime.topic set anon reads nothing');
select throws_ok($$ insert into realtime.messages (topic, extension, event, payload, private)
                    select topic, 'broadcast', 'order_progress', '{"status": "delivered"}', true from t where k = 'alpha track' $$,
  '42501', null, 'anon cannot send on a tracking topic');
select tests.clear_authentication();

-- members: their own organisation's topics, by role
select tests.authenticate_as('manager@alpha.test');
select ok(pg_temp.may_read((select topic from t where k = 'alpha board')), 'a manager receives on their board');
select ok(pg_temp.may_read((select topic from t where k = 'alpha floor')), 'and on their floor');
select ok(pg_temp.may_read((select topic from t where k = 'alpha queue')), 'and on their queues');
select ok(not pg_temp.may_read((select topic from t where k = 'beta board')), 'not on another organisation''s board');
select ok(not pg_temp.may_read((select topic from t where k = 'other')), 'not on a topic the app does not name');
select throws_ok($$ insert into realtime.messages (topic, extension, event, payload, private)
                    select topic, 'broadcast', 'changed', '{}', true from t where k = 'alpha board' $$,
  '42501', null, 'a manager cannot send on their own board');
select throws_ok($$ insert into realtime.messages (topic, extension, private)
                    select topic, 'presence', true from t where k = 'alpha board' $$,
  '42501', null, 'nor track presence on it');
select tests.clear_authentication();
-- a presence probe on the board, read back as the manager
insert into realtime.messages (topic, extension, private) select topic, 'presence', true from t where k = 'alpha board';
select tests.authenticate_as('manager@alpha.test');
select set_config('realtime.topic', (select topic from t where k = 'alpha board'), true);
select is((select count(*)::int from realtime.messages m where m.extension = 'presence'), 0,
  'presence on app topics is not readable (only broadcast)');
select tests.clear_authentication();

select tests.authenticate_as('owner@beta.test');
select ok(not pg_temp.may_read((select topic from t where k = 'alpha board')), 'beta''s owner cannot receive on alpha''s board');
select ok(not pg_temp.may_read((select topic from t where k = 'alpha floor')), 'nor on alpha''s floor');
select ok(pg_temp.may_read((select topic from t where k = 'beta board')), 'but on their own board');
select tests.clear_authentication();

-- the floor topic needs supervisor+ (everyone's floor sessions); board and queues every member
select tests.act_as_operator('alpha', 'operator@alpha.test', 'A-OP-1');
select ok(not pg_temp.may_read((select topic from t where k = 'alpha floor')), 'a PINed-in operator does not receive on the floor topic');
select ok(pg_temp.may_read((select topic from t where k = 'alpha queue')), 'but on the queues');
select ok(pg_temp.may_read((select topic from t where k = 'alpha board')), 'and on the board');
select tests.clear_authentication();

-- what the database sends
delete from realtime.messages;
update public.batches set priority = 'rush' where id = tests.id('batch:alpha:1');
select results_eq(
  $$ select topic, event, private, payload from realtime.messages $$,
  format($$ values (%L, 'changed', true, %L::jsonb) $$, app.realtime_topic(tests.id('org:alpha'), 'board'),
         jsonb_build_object('table', 'batches', 'op', 'UPDATE', 'id', tests.id('batch:alpha:1'))),
  'a batch change goes to its board as a private {table, op, id} broadcast');
delete from realtime.messages;
select set_config('floorline.override_reason', 'fixture: batch 1 to Sanding', true); -- placed by SQL: this test is not about Intake's actions
update public.batches set current_stage = 'Sanding' where id = tests.id('batch:alpha:1');
select set_config('floorline.override_reason', '', true);
select is((select array_agg(distinct private) from realtime.messages where event = 'order_progress'), array[true],
  'tracking progress is sent privately');
select is((select array_agg(distinct topic) from realtime.messages where event = 'order_progress'),
  array['track:' || app.tracking_token_hash(tests.tracking_token('alpha'))], 'on the topic of the order''s live token');
delete from realtime.messages;
update public.floor_queues set max_items = 5 where id = tests.id('queue:alpha:sanding');
select results_eq($$ select topic from realtime.messages $$,
  format($$ values (%L) $$, app.realtime_topic(tests.id('org:alpha'), 'queue:' || tests.id('queue:alpha:sanding'))),
  'a queue change goes to that queue''s topic');

select is_empty(
  $$ select tablename from pg_publication_tables where pubname = 'supabase_realtime' and schemaname = 'public' $$,
  'no app table is in publication supabase_realtime: postgres_changes carries nothing');
select is_empty(
  $$ select p.oid::regprocedure from pg_proc p where p.proname in ('realtime_row_changed', 'broadcast_order_progress')
       and p.pronamespace = 'app'::regnamespace and not p.prosecdef $$,
  'the senders are security definer (hosted realtime.send runs as its caller, and no caller may insert)');

select * from finish();
rollback;
