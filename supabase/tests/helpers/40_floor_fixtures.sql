-- Floor fixtures for pgTAP (load after 30_production_fixtures.sql). Call after
-- tests.create_tenancy_fixture() and tests.create_production_fixture(). Writes as the superuser
-- whatever role the test is in. Ids come from tests.id():
--
--   tests.create_floor_fixture()
--     alpha (default workflow), stage actions tests.id('action:alpha:<key>'):
--       Intake       materials     inspection, required, batch: checklist paperwork (required) + the model's ("ok")
--                    blank-photo   photo, optional, batch
--       Sanding      wall          measurement mm 5.8–6.2, required, per order
--                    sanding-ok    inspection, required, batch: grit (required), dust (optional)
--                    at-bench      scan, optional, batch: expect the Bench location label
--       Finishing    finish-photo  photo 1–3, required, batch;  finish-note  note, optional, batch
--       Acoustic QC  balance       measurement dB 0–0.5, required, per order;  signoff  approval, required, batch
--     queues: tests.id('queue:alpha:sanding') "Sanding" at Bench, stage Sanding;
--             tests.id('queue:alpha:bench') "Bench" at Bench, no stage, max 3 items, rule "priority = rush" → urgent
--     beta: stage action beta-check (note, Intake, required); queue tests.id('queue:beta:main')
--   tests.workflow_id(slug)                      the organisation's default batch type (its workflow)
--   tests.floor_label(slug, kind, id)            the printed label (minted) of a batch|order|location|action|user
--   tests.start_floor_session(slug, email, badge [, device])
--                                                PIN in as that operator (tests.act_as_operator), set the device
--                                                header, start a floor session; returns its id and stays
--                                                authenticated as the operator
--   tests.floor_status()                         response.status set by the last call ('' when none), then cleared

create or replace function tests.workflow_id(p_slug text) returns uuid
language sql stable security definer set search_path = '' as $$
  select s.default_type_id from public.batch_settings s where s.org_id = tests.id('org:' || p_slug)
$$;

create or replace function tests.floor_label(p_slug text, p_kind text, p_id uuid) returns text
language plpgsql security definer set search_path = '' as $$
begin
  return app.floor_label_row(tests.id('org:' || p_slug), p_kind, p_id, true) ->> 'label';
end $$;

create or replace function tests.floor_status() returns text
language plpgsql as $$
declare
  v text := coalesce(current_setting('response.status', true), '');
begin
  perform set_config('response.status', '', true);
  return v;
end $$;

create or replace function tests.create_floor_fixture() returns void
language plpgsql security definer set search_path = '' as $$
declare
  v_alpha uuid := tests.id('org:alpha');
  v_beta uuid := tests.id('org:beta');
  v_wa uuid := tests.workflow_id('alpha');
  v_wb uuid := tests.workflow_id('beta');
begin
  insert into public.floor_stage_actions (id, org_id, type_definition_id, stage, action_key, action_type, label, required,
                                          item_kinds, position, config)
  values
    (tests.id('action:alpha:materials'), v_alpha, v_wa, 'Intake', 'materials', 'inspection', 'Materials check', true,
     '{batch}', 1, '{"checklist_from": "model", "checklist": [{"key": "paperwork", "label": "Paperwork in the bag", "required": true}]}'),
    (tests.id('action:alpha:blank-photo'), v_alpha, v_wa, 'Intake', 'blank-photo', 'photo', 'Photo of the blanks', false,
     '{batch}', 2, '{"min_photos": 1, "max_photos": 3}'),
    (tests.id('action:alpha:wall'), v_alpha, v_wa, 'Sanding', 'wall', 'measurement', 'Cup wall thickness', true,
     '{order}', 1, '{"unit": "mm", "min": 5.8, "max": 6.2}'),
    (tests.id('action:alpha:sanding-ok'), v_alpha, v_wa, 'Sanding', 'sanding-ok', 'inspection', 'Sanding check', true,
     '{batch}', 2, '{"checklist": [{"key": "grit", "label": "Sanded through 400 grit", "required": true},
                                   {"key": "dust", "label": "Dust blown off"}]}'),
    (tests.id('action:alpha:at-bench'), v_alpha, v_wa, 'Sanding', 'at-bench', 'scan', 'Confirm at the bench', false,
     '{batch}', 3, jsonb_build_object('expect', 'location', 'location_id', tests.id('location:alpha:Bench'))),
    (tests.id('action:alpha:finish-photo'), v_alpha, v_wa, 'Finishing', 'finish-photo', 'photo', 'Finish close-up', true,
     '{batch}', 1, '{"min_photos": 1, "max_photos": 3}'),
    (tests.id('action:alpha:finish-note'), v_alpha, v_wa, 'Finishing', 'finish-note', 'note', 'Finish notes', false,
     '{batch}', 2, '{}'),
    (tests.id('action:alpha:balance'), v_alpha, v_wa, 'Acoustic QC', 'balance', 'measurement', 'Channel balance', true,
     '{order}', 1, '{"unit": "dB", "min": 0, "max": 0.5}'),
    (tests.id('action:alpha:signoff'), v_alpha, v_wa, 'Acoustic QC', 'signoff', 'approval', 'QC sign-off', true,
     '{batch}', 2, '{}'),
    (tests.id('action:beta:beta-check'), v_beta, v_wb, 'Intake', 'beta-check', 'note', 'Beta check', true,
     '{batch}', 1, '{}');

  insert into public.floor_queues (id, org_id, name, location_id, type_definition_id, stage)
    values (tests.id('queue:alpha:sanding'), v_alpha, 'Sanding', tests.id('location:alpha:Bench'), v_wa, 'Sanding');
  insert into public.floor_queues (id, org_id, name, location_id, max_items, priority_rules)
    values (tests.id('queue:alpha:bench'), v_alpha, 'Bench', tests.id('location:alpha:Bench'), 3,
            '[{"condition": "priority = rush", "priority": "urgent"}]');
  insert into public.floor_queues (id, org_id, name, location_id)
    values (tests.id('queue:beta:main'), v_beta, 'Main', tests.id('location:beta:Bench'));
end $$;

create or replace function tests.start_floor_session(
  p_slug text, p_email text, p_badge text, p_device text default 'tablet-1'
) returns uuid
language plpgsql as $$
declare
  v jsonb;
begin
  perform tests.act_as_operator(p_slug, p_email, p_badge);
  perform tests.set_device(p_device);
  v := public.floor_start_session(p_device);
  return (v -> 'session' ->> 'id')::uuid;
end $$;

grant execute on all functions in schema tests to anon, authenticated, service_role;
