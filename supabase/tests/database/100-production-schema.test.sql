-- Production schema: the spec's enums with their values, every new table tenant-scoped with RLS,
-- secrets unreadable, materialized views private, foreign keys indexed, and the default workflow
-- (spec 04's stages as the states of the system batch type 'Headphone build', a spec 05 FSM).
begin;
select plan(22);

select is(enum_range(null::public.wood_type)::text[], array['Sapele', 'Cherry', 'Walnut', 'Cocobolo', 'Ziricote'],
  'wood_type has spec 04''s woods in order');
select is((select array_agg(s.stage order by s.position) from app.batch_type_states s
           where s.type_definition_id = app.batch_type_id('headphone-build')),
  array['Intake', 'Sanding', 'Finishing', 'Sub-Assembly', 'Final Assembly', 'Acoustic QC', 'Shipping'],
  'the Headphone build batch type has spec 04''s stages in order');
select ok('medium' = any (enum_range(null::public.model_complexity)::text[])
          and 'very_high' = any (enum_range(null::public.model_complexity)::text[]),
  'model_complexity has the values spec 04 seeds');
select is((select column_default from information_schema.columns
           where table_schema = 'public' and table_name = 'orders' and column_name = 'status'),
  '''pending''::order_status', 'orders.status defaults to pending (spec 04)');
select is((select column_default from information_schema.columns
           where table_schema = 'public' and table_name = 'batches' and column_name = 'quality_status'),
  '''good''::quality_status', 'batches.quality_status defaults to good (spec 04)');

create temporary table production_tables (tbl text) on commit drop;
insert into production_tables values ('batch_settings'), ('headphone_models'),
  ('model_production_stages'), ('customers'), ('orders'), ('order_internal_notes'), ('order_status_history'),
  ('batches'), ('batch_metadata'), ('batch_orders'), ('batch_events'), ('order_tracking_tokens'),
  ('shopify_shops'), ('shopify_sku_review');

select is((select count(*)::int from production_tables t join pg_class c on c.relname = t.tbl
           and c.relnamespace = 'public'::regnamespace and c.relkind = 'r'), 14, 'all fourteen production tables exist');
select is_empty($$ select t.tbl from production_tables t
                   where not exists (select 1 from information_schema.columns c where c.table_schema = 'public'
                                     and c.table_name = t.tbl and c.column_name = 'org_id' and c.is_nullable = 'NO') $$,
  'every production table carries a non-null org_id');
select is_empty($$ select t.tbl from production_tables t join pg_class c on c.relname = t.tbl
                   and c.relnamespace = 'public'::regnamespace where not c.relrowsecurity $$,
  'every production table has RLS on');
select is_empty($$ select t.tbl from production_tables t
                   where (select count(*) from pg_policies p where p.schemaname = 'public' and p.tablename = t.tbl) <> 4 $$,
  'every production table has four policies');

-- the spec's columns are there
select columns_are('public', 'headphone_models', array['id', 'org_id', 'name', 'sku_prefix', 'complexity',
  'base_production_hours', 'wood_types', 'base_price', 'description', 'is_active', 'created_at', 'updated_at'],
  'headphone_models has spec 04''s columns (+ org_id, description)');
select ok((select bool_and(exists (select 1 from information_schema.columns c where c.table_schema = 'public'
                                   and c.table_name = 'batches' and c.column_name = x))
           from unnest(array['batch_number', 'priority', 'current_stage', 'quality_status', 'is_complete',
                             'target_completion', 'actual_completion', 'created_by', 'created_at', 'updated_at']) x),
  'batches has spec 04''s columns');
select ok((select bool_and(exists (select 1 from information_schema.columns c where c.table_schema = 'public'
                                   and c.table_name = 'batch_metadata' and c.column_name = x))
           from unnest(array['batch_id', 'total_estimated_hours', 'actual_hours_spent', 'defect_rate', 'notes', 'tags']) x),
  'batch_metadata has spec 04''s columns');
select has_index('public', 'batch_orders', 'idx_active_batch_orders', 'the one-incomplete-batch index exists');
select has_trigger('public', 'batches', 'check_stage_progression', 'spec 04''s stage progression trigger exists');
select has_trigger('public', 'orders', 'check_order_wood_type', 'spec 04''s wood type trigger exists');

select is_empty(
  $$ select r.rolname, x.tbl, x.col from pg_roles r
     cross join (values ('order_tracking_tokens', 'token_hash'), ('shopify_shops', 'webhook_secret')) as x (tbl, col)
     where r.rolname in ('anon', 'authenticated', 'service_role')
       and has_column_privilege(r.rolname, format('public.%I', x.tbl), x.col, 'select') $$,
  'no API role can read tracking token hashes or webhook secrets');

select is_empty(
  $$ select c.relname from pg_class c
     where c.relkind = 'm' and (c.relnamespace = 'public'::regnamespace
       or has_table_privilege('authenticated', c.oid, 'select') or has_table_privilege('anon', c.oid, 'select')) $$,
  'materialized views live outside public and no API role can read them');

-- every foreign key is covered by an index that starts with its columns (splinter: unindexed_foreign_keys)
select is_empty(
  $$ select c.conrelid::regclass, c.conname from pg_constraint c
     where c.contype = 'f' and c.connamespace = 'public'::regnamespace
       and c.conrelid::regclass::text in (select 'public.' || tbl from production_tables union select tbl from production_tables)
       and not exists (select 1 from pg_index i where i.indrelid = c.conrelid
                       and (i.indkey::int2[])[0:cardinality(c.conkey) - 1] @> c.conkey
                       and (i.indkey::int2[])[0:cardinality(c.conkey) - 1] <@ c.conkey) $$,
  'every production foreign key has an index');

-- every organisation gets the default workflow with the seven stages
select tests.create_tenancy_fixture();
select is(
  (select array_agg(s.stage order by s.position) from app.batch_type_states s
   join public.batch_settings bs on bs.default_type_id = s.type_definition_id where bs.org_id = tests.id('org:alpha')),
  array['Intake', 'Sanding', 'Finishing', 'Sub-Assembly', 'Final Assembly', 'Acoustic QC', 'Shipping'],
  'a new organisation gets the default workflow with spec 04''s stages in order');

select is(
  (select app.fsm_decide(bs.default_type_id, 'Intake', null, 'Sanding') ->> 'allowed'
   from public.batch_settings bs where bs.org_id = tests.id('org:alpha')),
  'true',
  'the workflow is spec 05''s FSM: Intake advances to Sanding');
select is(
  (select app.first_stage(bs.default_type_id) from public.batch_settings bs where bs.org_id = tests.id('org:alpha')),
  'Intake', 'the FSM starts at Intake');

-- closing a whole organisation still works with production data in it
select tests.create_production_fixture();
select lives_ok(format('delete from public.organisations where id = %L', tests.id('org:alpha')),
  'an organisation with models, orders and batches can be deleted');

select * from finish();
rollback;
