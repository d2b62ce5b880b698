-- Public order tracking: track_order() for anon returns only the public fields, never private data;
-- unknown and revoked tokens return null; links are issued and revoked by supervisors+; stage and
-- status changes broadcast the same public payload on the token's channel.
begin;
select plan(36);
select tests.create_tenancy_fixture();
select tests.create_production_fixture();

-- a return with a private reason, so that there is something private to leak
select set_config('floorline.reason', 'PRIVATE-REASON tear-out', true);
update public.batches set current_stage = 'Sanding' where id = tests.id('batch:alpha:1');
update public.batches set current_stage = 'Intake' where id = tests.id('batch:alpha:1');
update public.batches set current_stage = 'Sanding' where id = tests.id('batch:alpha:1');
select set_config('floorline.reason', '', true);

select tests.authenticate_as_anon();
create temporary table seen on commit drop as select public.track_order(tests.tracking_token('alpha')) as t;
select tests.clear_authentication();

select is((select array_agg(k order by k) from seen, jsonb_object_keys(t) k),
  array['channel', 'current_stage', 'current_stage_label', 'estimate_basis', 'estimated_completion',
        'estimated_completion_range', 'milestones', 'model', 'order_number', 'stages', 'status', 'status_label',
        'updated_at', 'wood', 'workshop'],
  'track_order returns exactly the public fields');
select is((select t ->> 'order_number' from seen), 'ALPHA-1', 'the order number');
select is((select t ->> 'model' || ' in ' || (t ->> 'wood') from seen), 'Atticus in Walnut', 'model and wood');
select is((select t ->> 'current_stage' from seen), 'Sanding', 'the current stage');
select is((select string_agg(s ->> 'state', ',') from seen, jsonb_array_elements(t -> 'stages') s),
  'done,current,upcoming,upcoming,upcoming,upcoming,upcoming', 'a progress line over the seven stages');
select ok((select (t ->> 'estimated_completion')::date > current_date from seen), 'an estimated completion date');
select is((select array_agg(distinct k order by k) from seen, jsonb_array_elements(t -> 'milestones') m, jsonb_object_keys(m) k),
  array['at', 'label'], 'milestones carry only a time and a label');
select is((select t ->> 'channel' from seen), 'track:' || app.tracking_token_hash(tests.tracking_token('alpha')),
  'the live channel is named by the token hash');

-- nothing private anywhere in the answer
select ok((select t::text not like '%' || x || '%' from seen), format('the answer does not contain %s', x))
  from unnest(array['SECRET-NOTE', 'Ada Lovelace', 'ada@customers.test', '+1 555 0100', 'Analytical',
                    'PRIVATE-REASON', 'supervisor', 'operator', tests.id('order:alpha:1')::text,
                    tests.id('customer:alpha')::text, 'ALPHA-B1', 'internal', 'price']) x;
select ok((select not jsonb_path_exists(t, 'strict $.** ? (@ == 499)') from seen), 'the answer holds no price value');

-- unknown, empty and absurd tokens: null
select tests.authenticate_as_anon();
select is(public.track_order('no-such-token-000000000'), null, 'an unknown token finds nothing');
select is(public.track_order(null), null, 'a null token finds nothing');
select is(public.track_order(repeat('x', 10000)), null, 'a huge token finds nothing');
select tests.clear_authentication();

-- issuing and revoking
select tests.act_as_operator('alpha', 'operator@alpha.test', 'A-OP-1');
select throws_ok(format($$select public.issue_tracking_token(%L)$$, tests.id('order:alpha:2')), 'PT403', null,
  'an operator cannot issue tracking links');
select tests.clear_authentication();
select tests.authenticate_as('supervisor@alpha.test');
create temporary table issued on commit drop as select public.issue_tracking_token(tests.id('order:alpha:2'), 'QR at pickup') as t;
grant select on issued to anon;
select tests.clear_authentication();
select tests.authenticate_as_anon();
select is((public.track_order((select t ->> 'token' from issued))) ->> 'order_number', 'ALPHA-2', 'the new link works');
select tests.clear_authentication();
select tests.authenticate_as('owner@beta.test');
select throws_ok(format($$select public.revoke_tracking_token(%L)$$, (select t ->> 'token_id' from issued)), 'PT403', null,
  'another organisation cannot revoke it');
select tests.clear_authentication();
select tests.authenticate_as('supervisor@alpha.test');
select lives_ok(format($$select public.revoke_tracking_token(%L)$$, (select t ->> 'token_id' from issued)),
  'a supervisor revokes it');
select tests.clear_authentication();
select tests.authenticate_as_anon();
select is(public.track_order((select t ->> 'token' from issued)), null, 'a revoked link finds nothing');
select is((public.track_order(tests.tracking_token('alpha'))) ->> 'order_number', 'ALPHA-1', 'other links keep working');
select tests.clear_authentication();

-- live: a stage change broadcasts the public payload on the token's channel
delete from realtime.messages;
update public.batches set current_stage = 'Finishing' where id = tests.id('batch:alpha:1');
select results_eq(
  $$ select topic, event, private from realtime.messages where topic like 'track:%' $$,
  format($$ values (%L, 'order_progress', true) $$, 'track:' || app.tracking_token_hash(tests.tracking_token('alpha'))),
  'a stage change sends one order_progress broadcast on the order''s (private) channel');
select is((select payload ->> 'current_stage' from realtime.messages where topic like 'track:%'), 'Finishing', 'with the new stage');
select ok((select payload::text not like '%SECRET-NOTE%' and payload::text not like '%Ada%'
           and not jsonb_path_exists(payload, 'strict $.** ? (@ == 499)')
           from realtime.messages where topic like 'track:%'), 'and nothing private');
delete from realtime.messages;
update public.batches set current_stage = 'Sub-Assembly' where id = tests.id('batch:alpha:1');
update public.batches set current_stage = 'Final Assembly' where id = tests.id('batch:alpha:1');
update public.batches set current_stage = 'Acoustic QC' where id = tests.id('batch:alpha:1');
select is((select count(*)::int from realtime.messages where topic like 'track:%'), 3, 'one broadcast per change, also when the status changes with it');
select is((select payload ->> 'status' from realtime.messages where payload ->> 'current_stage' = 'Acoustic QC'), 'quality_check',
  'the status change is in the payload');

select * from finish();
rollback;
