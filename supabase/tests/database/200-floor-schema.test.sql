-- Floor schema: tables, the one-active-session index, settings per organisation, label codes, stage
-- action definitions and queue rules validated whoever writes them.
begin;
select plan(27);
select tests.create_tenancy_fixture();
select tests.create_production_fixture();

select has_table('public', t, format('table %s exists', t))
from unnest(array['floor_settings', 'floor_items', 'floor_labels', 'floor_stage_actions', 'floor_sessions',
                  'floor_scans', 'floor_actions', 'floor_queues', 'floor_queue_items']) t;

select is(
  (select indexdef ~ 'UNIQUE INDEX .* \(member_id\) WHERE \(ended_at IS NULL\)' from pg_indexes
   where indexname = 'floor_sessions_one_active_key'),
  true, 'one active floor session per member: a partial unique index');

-- ------------------------------------------------------------------ settings and prefixes
select is((select label_prefix from public.floor_settings where org_id = tests.id('org:alpha')), 'ALP',
  'a new organisation gets floor settings with a label prefix from its slug');
select tests.create_org('alpine');
select is((select label_prefix from public.floor_settings where org_id = tests.id('org:alpine')), 'ALPI',
  'a taken prefix grows a letter');
select tests.create_org('al');
select is((select label_prefix from public.floor_settings where org_id = tests.id('org:al')), 'AL',
  'short slugs give short prefixes');

-- ------------------------------------------------------------------ short codes
select is(app.floor_base32(32768), '1000', 'codes start at four base32 characters');
select is(app.floor_short_code('1000' || app.floor_check_char('1000')), '1000Z', 'a code with its check character reads back');
select is(app.floor_short_code('1OOOz'), '1000Z', 'typed look-alikes (O for 0, lower case) are normalised');
select is(app.floor_short_code('1001Z'), null, 'one wrong character fails the check');
select is(app.floor_short_code('0100Z'), null, 'swapped neighbours fail the check');

-- ------------------------------------------------------------------ stage action definitions
select throws_ok(format($$insert into public.floor_stage_actions (org_id, type_definition_id, stage, action_key, action_type, label, config)
                          values (%L, %L, 'Sanding', 'thick', 'measurement', 'Thickness', '{"min": 1}')$$,
                        tests.id('org:alpha'), tests.workflow_id('alpha')),
  'PT400', 'A measurement needs a unit (1–16 characters), e.g. "dB"', 'a measurement needs a unit');
select throws_ok(format($$insert into public.floor_stage_actions (org_id, type_definition_id, stage, action_key, action_type, label, config)
                          values (%L, %L, 'Sanding', 'thick', 'measurement', 'Thickness', '{"unit": "mm", "min": 2, "max": 1}')$$,
                        tests.id('org:alpha'), tests.workflow_id('alpha')),
  'PT400', 'max must not be below min', 'min must not exceed max');
select throws_ok(format($$insert into public.floor_stage_actions (org_id, type_definition_id, stage, action_key, action_type, label, config)
                          values (%L, %L, 'Sanding', 'pic', 'photo', 'Photo', '{"min_photo": 1}')$$,
                        tests.id('org:alpha'), tests.workflow_id('alpha')),
  'PT400', null, 'unknown config keys (typos) are refused');
select throws_ok(format($$insert into public.floor_stage_actions (org_id, type_definition_id, stage, action_key, action_type, label, config)
                          values (%L, %L, 'Sanding', 'look', 'inspection', 'Look', '{}')$$,
                        tests.id('org:alpha'), tests.workflow_id('alpha')),
  'PT400', null, 'an inspection needs a checklist or the model''s');
select throws_ok(format($$insert into public.floor_stage_actions (org_id, type_definition_id, stage, action_key, action_type, label, config)
                          values (%L, %L, 'Sanding', 'here', 'scan', 'Here', %L)$$,
                        tests.id('org:alpha'), tests.workflow_id('alpha'),
                        jsonb_build_object('expect', 'location', 'location_id', tests.id('location:beta:Bench'))),
  'PT400', 'No such location in this organisation', 'a scan action cannot expect another workshop''s location');
-- workflows are batch type definitions now: system ones are shared, so "another organisation's" is one beta owns
insert into public.type_definitions (id, org_id, subject, type_code, type_name, fsm_schema)
  select tests.id('type:beta:own'), tests.id('org:beta'), 'batch', 'beta-build', 'Beta build', t.fsm_schema
  from public.type_definitions t where t.id = tests.workflow_id('beta');
select throws_ok(format($$insert into public.floor_stage_actions (org_id, type_definition_id, stage, action_key, action_type, label)
                          values (%L, %L, 'Sanding', 'x', 'note', 'X')$$,
                        tests.id('org:alpha'), tests.id('type:beta:own')),
  'PT404', null, 'a definition cannot point at another organisation''s workflow');

-- ------------------------------------------------------------------ queue rules
select throws_ok(format($$insert into public.floor_queues (org_id, name, priority_rules)
                          values (%L, 'Q', '[{"condition": "colour = red", "priority": "high"}]')$$, tests.id('org:alpha')),
  'PT400', null, 'priority rule conditions are parsed: unknown fields refused');
select throws_ok(format($$insert into public.floor_queues (org_id, name, priority_rules)
                          values (%L, 'Q', '[{"condition": "priority = urgent", "priority": "high"}]')$$, tests.id('org:alpha')),
  'PT400', '"urgent" is not a value for priority', 'rule values are checked (production priorities are low..rush)');
select lives_ok(format($$insert into public.floor_queues (org_id, name, priority_rules)
                         values (%L, 'Q', '[{"condition": "due_in_days <= 3", "priority": "high"},
                                            {"condition": "stage = Acoustic QC", "priority": "urgent"}]')$$, tests.id('org:alpha')),
  'valid rules are accepted');

select * from finish();
rollback;
