-- Sync conflicts, offline-created sessions and RealTimeEvents (issue 12): a queued change whose item
-- changed on the server, or is locked by another tablet, is recorded once with both versions and
-- answered as a conflict; a supervisor resolves it (audited), and the device's next delivery applies
-- it once (keep mine) or settles without applying (keep server / discard); a session started offline
-- is created with its own id and takes over the operator's open one; events reach roles on private
-- topics only; the lock-expiry job is scheduled.
begin;
select plan(47);
select tests.create_tenancy_fixture();
select tests.create_production_fixture();
select tests.create_floor_fixture();

create function pg_temp.may_read(p_topic text) returns boolean
language plpgsql as $$
begin
  perform set_config('realtime.topic', p_topic, true);
  return exists (select 1 from realtime.messages m where m.topic = p_topic and m.extension = 'broadcast');
end $$;
grant execute on all functions in schema pg_temp to anon, authenticated;
create temporary table topic on commit drop as
  select r::text as role, app.realtime_topic(tests.id('org:alpha'), 'events:' || r::text) as t
  from unnest(enum_range(null::public.member_role)) r;
grant select on topic to anon, authenticated;
create temporary table lbl on commit drop as select tests.floor_label('alpha', 'batch', tests.id('batch:alpha:1')) as b2;
grant select on lbl to authenticated;

create temporary table seen on commit drop as
  select app.floor_item_card('batch', tests.id('batch:alpha:1')) as card;
grant select on seen to authenticated;
select tests.start_floor_session('alpha', 'operator@alpha.test', 'A-OP-1', 'tablet-1') as sid1 \gset
select current_setting('request.jwt.claims') as op1 \gset
create temporary table ops on commit drop as
  select k, jsonb_build_object('op', 'complete_action', 'client_id', tests.id('op:' || k),
           'args', jsonb_build_object('session_id', :'sid1', 'item_id', tests.id('batch:alpha:1'),
                                      'action_key', 'blank-photo', 'status', 'skipped',
                                      'seen', jsonb_build_object('stage', (select card ->> 'current_stage' from seen),
                                                                 'stage_entered_at', (select card -> 'stage_entered_at' from seen))))
           as op
  from unnest(array['a', 'b', 'c']) k;
grant select on ops to authenticated;
create function pg_temp.sync(p_k text) returns jsonb
language sql as $$ select public.floor_sync(jsonb_build_array((select op from ops where k = p_k))) -> 'results' -> 0 $$;
grant execute on function pg_temp.sync(text) to authenticated;

-- ------------------------------------------------------------------ changed on the server
select is(pg_temp.sync('a') ->> 'status', '200', 'an action made on what the server still has applies');

select tests.clear_authentication();
update public.batches set stage_entered_at = stage_entered_at + interval '1 second' where id = tests.id('batch:alpha:1');
select set_config('role', 'authenticated', true) is not null, set_config('request.jwt.claims', :'op1'::text, true) is not null;
select tests.set_device('tablet-1');

create temporary table rb on commit drop as select pg_temp.sync('b') as a;
grant select on rb to authenticated;
select is((select a ->> 'status' from rb), '409', 'an action made on a card the server has since changed is a conflict');
select is((select a -> 'error' ->> 'details' from rb), 'ITEM_CHANGED', 'ITEM_CHANGED');
select ok((select (a -> 'error' ->> 'hint')::jsonb ? 'conflict_id' from rb), 'the answer names the recorded conflict');
select is((select (a -> 'error' ->> 'hint')::jsonb -> 'theirs' -> 'item' ->> 'ref_id' from rb),
  (select card ->> 'ref_id' from seen), 'and carries the server''s version (the item''s card now)');
select is((select count(*)::int from public.floor_actions where client_id = tests.id('op:b')), 0, 'nothing was written');
select is((select count(*)::int from public.sync_conflicts), 1, 'the tablet reads its own conflict');
select is((select kind::text || ' ' || op || ' ' || (device_change -> 'args' ->> 'action_key') from public.sync_conflicts),
  'item_changed complete_action blank-photo', 'with the device''s version');
select is(pg_temp.sync('b') -> 'error' ->> 'details', 'ITEM_CHANGED', 'delivered again: still a conflict');
select is((select deliveries from public.sync_conflicts), 2, 'one conflict per change, counting deliveries');

select tests.clear_authentication();
select is((select sync_status::text || ' ' || array_to_string(conflict_items, ',') from public.floor_sessions where id = :'sid1'),
  'conflict ALPHA-B1', 'the session''s sync_status is conflict, naming the item (spec 02)');
select is((select count(*)::int from public.realtime_events where type = 'system_alert'), 1, 'a system alert event for the supervisors');
select is((select payload -> 'payload' -> 'data' ->> 'message' from realtime.messages
           where topic = app.realtime_topic(tests.id('org:alpha'), 'events:supervisor') and event = 'system_alert'),
  '1 sync conflict waiting', 'broadcast on the supervisors'' private topic');
select is((select count(*)::int from realtime.messages
           where topic = app.realtime_topic(tests.id('org:alpha'), 'events:operator') and event = 'system_alert'),
  0, 'not to the operators');
select ok((select count(*) > 0 from public.realtime_events where type = 'item_update' and entity_id = (select id::text from public.floor_items where batch_id = tests.id('batch:alpha:1'))),
  'every floor action is an item_update event');
select is((select payload ->> 'type' from realtime.messages
           where topic = app.realtime_topic(tests.id('org:alpha'), 'events:supervisor') and event = 'item_update' limit 1),
  'item_update', 'in spec 02''s envelope');

-- ------------------------------------------------------------------ resolving
select set_config('role', 'authenticated', true) is not null, set_config('request.jwt.claims', :'op1'::text, true) is not null;
select throws_ok(format($$select public.sync_conflict_resolve(%L, 'keep_mine')$$, (select id from public.sync_conflicts)),
  'PT404', null, 'an operator cannot resolve conflicts');
select tests.authenticate_as('supervisor@alpha.test');
select is(jsonb_array_length(public.sync_conflicts_list(tests.id('org:alpha'))), 1, 'the supervisor lists the open conflict');
select ok(public.sync_conflicts_list(tests.id('org:alpha')) -> 0 ? 'item_now', 'with the item as it is now');
select throws_ok(format($$select public.sync_conflict_resolve(%L, 'discard', '  ')$$, (select id from public.sync_conflicts)),
  'PT400', 'Say why the change is discarded', 'discarding needs a reason');
select is(public.sync_conflict_resolve((select id from public.sync_conflicts), 'keep_mine') ->> 'resolution', 'keep_mine',
  'the supervisor keeps the device''s version');
select throws_ok(format($$select public.sync_conflict_resolve(%L, 'discard', 'late')$$, (select id from public.sync_conflicts)),
  'PT409', null, 'a conflict is resolved once');
select tests.clear_authentication();
select is((select count(*)::int from public.audit_log where table_name = 'sync_conflicts' and op = 'UPDATE'
           and new_values ->> 'resolution' = 'keep_mine' and actor_member_id is not null), 1, 'the resolution is audited, with who');
select is((select sync_status::text from public.floor_sessions where id = :'sid1'), 'synced', 'the session is synced again');

select set_config('role', 'authenticated', true) is not null, set_config('request.jwt.claims', :'op1'::text, true) is not null;
select tests.set_device('tablet-1');
select is(public.sync_conflict_resolutions(array[tests.id('op:b')]) -> 0 ->> 'resolution', 'keep_mine',
  'the device learns the resolution');
select is(pg_temp.sync('b') ->> 'status', '200', 'its next delivery applies the change');
select is(pg_temp.sync('b') -> 'data' ->> 'replayed', 'true', 'and the one after is a duplicate');
select is((select count(*)::int from public.floor_actions where client_id = tests.id('op:b')), 1, 'applied exactly once');

-- ------------------------------------------------------------------ locked by another tablet
select tests.authenticate_as('supervisor@alpha.test');
select tests.set_device('tablet-2');
select (public.floor_start_session(p_org_id => tests.id('org:alpha')) -> 'session' ->> 'id')::uuid as sid2 \gset
select public.item_lock_acquire(:'sid2', tests.id('batch:alpha:1'), 'manual', 5) is not null;
select set_config('role', 'authenticated', true) is not null, set_config('request.jwt.claims', :'op1'::text, true) is not null;
select tests.set_device('tablet-1');
update ops set op = jsonb_set(op, '{args}', (op -> 'args') - 'seen') where k = 'c';
create temporary table rc on commit drop as select pg_temp.sync('c') as a;
grant select on rc to authenticated;
select is((select a -> 'error' ->> 'details' from rc), 'ITEM_LOCKED', 'a change on an item another tablet holds is a conflict');
select is((select (a -> 'error' ->> 'hint')::jsonb -> 'theirs' -> 'lock' ->> 'holder' from rc), 'supervisor',
  'carrying who holds it');
select is((select kind::text from public.sync_conflicts where client_id = tests.id('op:c')), 'item_locked', 'recorded as item_locked');
select tests.authenticate_as('supervisor@alpha.test');
select is(public.sync_conflict_resolve((select id from public.sync_conflicts where client_id = tests.id('op:c')), 'keep_server') ->> 'resolution',
  'keep_server', 'the supervisor keeps the server''s version');
select set_config('role', 'authenticated', true) is not null, set_config('request.jwt.claims', :'op1'::text, true) is not null;
select tests.set_device('tablet-1');
select is(pg_temp.sync('c') -> 'data' ->> 'resolution', 'keep_server', 'the device''s next delivery settles as resolved');
select is((select count(*)::int from public.floor_actions where client_id = tests.id('op:c')), 0, 'without applying it');

-- keep mine over a held lock: the holder's lock goes and the change applies; refused again: reopened
update ops set op = jsonb_set(op, '{args}', (op -> 'args') - 'seen') where k in ('a', 'b', 'c');
insert into ops select k, jsonb_build_object('op', 'complete_action', 'client_id', tests.id('op:' || k),
  'args', jsonb_build_object('session_id', :'sid1', 'item_id', tests.id('batch:alpha:1'), 'action_key', 'blank-photo',
                             'status', 'skipped')) from unnest(array['d', 'e']) k;
select is(pg_temp.sync('d') -> 'error' ->> 'details', 'ITEM_LOCKED', 'the item is still held by the supervisor''s tablet');
select tests.authenticate_as('supervisor@alpha.test');
select public.sync_conflict_resolve((select id from public.sync_conflicts where client_id = tests.id('op:d')), 'keep_mine') is not null;
select set_config('role', 'authenticated', true) is not null, set_config('request.jwt.claims', :'op1'::text, true) is not null;
select tests.set_device('tablet-1');
select is(pg_temp.sync('d') ->> 'status', '200', 'keeping the device''s change releases the holder''s lock: it applies');
select tests.authenticate_as('supervisor@alpha.test');
select tests.set_device('tablet-2');
select public.item_lock_acquire(:'sid2', tests.id('batch:alpha:1'), 'manual', 5) is not null;
select set_config('role', 'authenticated', true) is not null, set_config('request.jwt.claims', :'op1'::text, true) is not null;
select tests.set_device('tablet-1');
select pg_temp.sync('e') is not null;
select tests.authenticate_as('supervisor@alpha.test');
select public.sync_conflict_resolve((select id from public.sync_conflicts where client_id = tests.id('op:e')), 'keep_mine') is not null;
select tests.set_device('tablet-2');
select public.item_lock_acquire(:'sid2', tests.id('batch:alpha:1'), 'manual', 5) is not null;
select set_config('role', 'authenticated', true) is not null, set_config('request.jwt.claims', :'op1'::text, true) is not null;
select tests.set_device('tablet-1');
select is(pg_temp.sync('e') -> 'error' ->> 'details', 'ITEM_LOCKED', 'locked anew before the device re-sent: a conflict again');
select is((select resolution::text from public.sync_conflicts where client_id = tests.id('op:e')), null,
  'and its conflict is reopened, not left resolved (no loop)');

-- ------------------------------------------------------------------ RLS
select tests.authenticate_as('owner@beta.test');
select is((select count(*)::int from public.sync_conflicts) + (select count(*)::int from public.realtime_events), 0,
  'another workshop reads no conflicts and no events');
select ok(not pg_temp.may_read((select t from topic where role = 'supervisor')), 'nor joins its event topics');
select tests.authenticate_as('supervisor@alpha.test');
select ok(pg_temp.may_read((select t from topic where role = 'supervisor')), 'a supervisor joins the supervisors'' topic');
select ok(not pg_temp.may_read((select t from topic where role = 'manager')), 'not the managers''');
select ok((select bool_and(target_roles[1] <= 'supervisor') from public.realtime_events), 'and reads only events targeted at supervisors or below');

-- ------------------------------------------------------------------ a session started offline
select set_config('role', 'authenticated', true) is not null, set_config('request.jwt.claims', :'op1'::text, true) is not null;
select tests.set_device('tablet-1');
create temporary table rs on commit drop as select public.floor_sync(jsonb_build_array(
  jsonb_build_object('op', 'start_session', 'client_id', tests.id('op:start'),
                     'args', jsonb_build_object('session_id', tests.id('session:offline'), 'started_at', now() - interval '3 minutes')),
  jsonb_build_object('op', 'scan', 'client_id', tests.id('op:scan'),
                     'args', jsonb_build_object('session_id', tests.id('session:offline'),
                                                'code', (select b2 from lbl))))) as a;
grant select on rs to authenticated;
select is(array(select coalesce(e -> 'error' ->> 'details', e ->> 'status') from rs, jsonb_array_elements(a -> 'results') e), array['200', '200'],
  'a session started offline is created on sync, and its scans apply');
select is((select a -> 'results' -> 0 -> 'data' -> 'took_over' ->> 'session_id' from rs), :'sid1',
  'reconciled: the operator''s open session is taken over');
select tests.clear_authentication();
select is((select offline_created::text || ' ' || (started_at < now())::text from public.floor_sessions where id = tests.id('session:offline')),
  'true true', 'offline_created, with the tablet''s start time');

select is((select count(*)::int from cron.job where jobname = 'item-locks-expire' and command like '%app.item_locks_expire()%'),
  1, 'expired item locks are deleted by a scheduled job');

select * from finish();
rollback;
