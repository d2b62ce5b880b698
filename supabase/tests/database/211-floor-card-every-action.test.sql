-- The item card shows every action it counts (issue 10): an order's card lists the batch's own
-- actions (batch_actions) next to its own, every counted blocker is in actions, batch_actions or
-- blocking_actions, and advance_hold says why a card with nothing open still cannot advance.
begin;
select plan(14);
select tests.create_tenancy_fixture();
select tests.create_production_fixture();
select tests.create_floor_fixture();
select tests.start_floor_session('alpha', 'operator@alpha.test', 'A-OP-1') as sid \gset

-- Intake: only a batch-level required action (materials); the order has none of its own
create temporary table card on commit drop as
  select public.floor_pending_actions(tests.id('order:alpha:1')) -> 'item' as c;
grant select on card to authenticated;
select is((select jsonb_array_length(c -> 'actions') from card), 0, 'an order at Intake has no actions of its own');
select is((select (c ->> 'advance_blockers')::int from card), 1, 'but its card counts the batch''s required action');
select is((select jsonb_path_query_array(c -> 'batch_actions', '$[*].key') from card), '["materials", "blank-photo"]'::jsonb,
  'and lists the batch''s actions on it (batch_actions)');
select is((select c -> 'batch_actions' -> 0 -> 'checklist' -> 0 ->> 'key' from card), 'paperwork',
  'with their checklists resolved, ready for the form');
select is((select c -> 'batch' ->> 'id' from card), tests.id('batch:alpha:1')::text,
  'the batch id the tablet completes them with');

-- the batch's card has no batch_actions of its own (its actions are its own)
select is(public.floor_pending_actions(tests.id('batch:alpha:1')) -> 'item' -> 'batch_actions', '[]'::jsonb,
  'a batch''s card has no batch_actions');

-- completing the batch's action from the order's card (the batch's id) clears it on the order's card
select public.floor_complete_action(gen_random_uuid(), :'sid', tests.id('batch:alpha:1'), 'materials',
                                    '{"checklist": [{"key": "paperwork", "completed": true}, {"key": "ok", "completed": true}]}');
select is(public.floor_pending_actions(tests.id('order:alpha:1')) -> 'item' -> 'batch_actions' -> 0 ->> 'status', 'completed',
  'done on the batch, the order''s card shows it done');
select is(public.floor_pending_actions(tests.id('order:alpha:1')) -> 'item' ->> 'can_advance', 'true',
  'and the order can advance');

-- Sanding: each counted blocker is listed somewhere on the card
select public.floor_advance_item(gen_random_uuid(), :'sid', tests.id('batch:alpha:1'));
create temporary table sanding on commit drop as
  select public.floor_pending_actions(tests.id('order:alpha:1')) -> 'item' as c;
grant select on sanding to authenticated;
select is((select (c ->> 'advance_blockers')::int from sanding), 3, 'Sanding: three required actions count');
select is((select count(*)::int from sanding, jsonb_array_elements(c -> 'blocking_actions') b
           where (b ->> 'kind' = 'order' and b ->> 'ref_id' = tests.id('order:alpha:1')::text
                  and exists (select 1 from jsonb_array_elements(c -> 'actions') a where a ->> 'key' = b ->> 'key'))
              or (b ->> 'kind' = 'batch'
                  and exists (select 1 from jsonb_array_elements(c -> 'batch_actions') a where a ->> 'key' = b ->> 'key'))
              or (b ->> 'kind' = 'order' and b ->> 'ref_id' <> tests.id('order:alpha:1')::text)), 3,
  'each is the order''s own action, one of the batch''s, or another unit''s (named by number)');
select is((select c ->> 'advance_hold' from sanding), null, 'nothing holds it but its actions');

-- a failed batch at a quality gate with its actions done: can_advance false, and the card says why
select tests.clear_authentication();
update public.batches set quality_status = 'failed' where id = tests.id('batch:alpha:1');
-- Sanding made a quality gate in alpha's workflow (the batch type's meta)
update public.type_definitions set fsm_schema = jsonb_set(fsm_schema, '{meta,Sanding,requires_quality_pass}', 'true')
  where id = tests.workflow_id('alpha');
select tests.act_as_operator('alpha', 'operator@alpha.test', 'A-OP-1');
select is(public.floor_pending_actions(tests.id('batch:alpha:1')) -> 'item' ->> 'advance_hold', 'quality_failed',
  'a failed batch at a quality gate: advance_hold quality_failed');
select is(public.floor_pending_actions(tests.id('batch:alpha:1')) -> 'item' ->> 'can_advance', 'false',
  'and it cannot advance');

-- an order outside any batch
select is(public.floor_pending_actions(tests.id('order:alpha:3')) -> 'item' ->> 'advance_hold', null,
  'an order outside a batch is not on the floor (no stage): no hold to explain');

select * from finish();
rollback;
