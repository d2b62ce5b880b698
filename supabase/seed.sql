-- Demo data (runs once, on an empty database, after the migrations). Fixed UUIDs so tests, docs and
-- screenshots can point at rows:
--   1000…  accounts        2000…  organisations   3000…  locations   4000…  teams
--   5000…  auth users      6000…  members         7000…  auth identities
-- Every user's password is `floorline-demo`; every badge's PIN is 1234.
-- Operators without a mailbox get synthetic emails <org-slug>.<badge>@operators.floorline.invalid
-- (docs/tenancy.md); they never receive mail and only ever PIN in.

-- ------------------------------------------------------------------ tenants
insert into public.accounts (id, name, billing_email) values
  ('10000000-0000-4000-8000-000000000001', 'Aurora Audio', 'billing@aurora.test'),
  ('10000000-0000-4000-8000-000000000002', 'Birch & Bobbin', 'billing@birch.test');

insert into public.organisations (id, account_id, name, slug, time_zone, currency, settings) values
  ('20000000-0000-4000-8000-000000000001', '10000000-0000-4000-8000-000000000001',
   'Aurora Audio', 'aurora', 'America/Chicago', 'USD',
   '{"operator_idle_timeout_minutes": 10, "station_roster_enabled": true}'),
  ('20000000-0000-4000-8000-000000000002', '10000000-0000-4000-8000-000000000002',
   'Birch & Bobbin', 'birch', 'Asia/Manila', 'PHP',
   '{"operator_idle_timeout_minutes": 10, "station_roster_enabled": true}');

-- Aurora: handmade wooden headphones, one bench per production stage of spec 04
insert into public.locations (id, org_id, name, kind, description) values
  ('30000000-0000-4000-8000-000000000101', '20000000-0000-4000-8000-000000000001', 'Intake bench', 'workstation',
   'Wood blanks and cups arrive and are checked in'),
  ('30000000-0000-4000-8000-000000000102', '20000000-0000-4000-8000-000000000001', 'Sanding', 'area',
   'Shaping and sanding the cups'),
  ('30000000-0000-4000-8000-000000000103', '20000000-0000-4000-8000-000000000001', 'Finishing booth', 'workstation',
   'Oil and lacquer; ventilated'),
  ('30000000-0000-4000-8000-000000000104', '20000000-0000-4000-8000-000000000001', 'Assembly', 'area',
   'Sub-assembly and final assembly'),
  ('30000000-0000-4000-8000-000000000105', '20000000-0000-4000-8000-000000000001', 'Acoustic lab', 'workstation',
   'Measurement rig for acoustic QC'),
  ('30000000-0000-4000-8000-000000000106', '20000000-0000-4000-8000-000000000001', 'Shipping', 'shipping',
   'Packing and dispatch');

-- Birch & Bobbin: a garment workshop (spec 03): cutting, sewing lines, print, QC
insert into public.locations (id, org_id, name, kind, description) values
  ('30000000-0000-4000-8000-000000000201', '20000000-0000-4000-8000-000000000002', 'Cutting room', 'area',
   'Lay tables and the straight knife'),
  ('30000000-0000-4000-8000-000000000202', '20000000-0000-4000-8000-000000000002', 'Sewing line 1', 'area', null),
  ('30000000-0000-4000-8000-000000000203', '20000000-0000-4000-8000-000000000002', 'Sewing line 2', 'area', null),
  ('30000000-0000-4000-8000-000000000204', '20000000-0000-4000-8000-000000000002', 'Print table', 'workstation',
   'Screen printing'),
  ('30000000-0000-4000-8000-000000000205', '20000000-0000-4000-8000-000000000002', 'QC & packing', 'shipping', null);

insert into public.teams (id, org_id, name, description) values
  ('40000000-0000-4000-8000-000000000101', '20000000-0000-4000-8000-000000000001', 'Woodshop',
   'Intake, sanding and finishing'),
  ('40000000-0000-4000-8000-000000000102', '20000000-0000-4000-8000-000000000001', 'Assembly & QC',
   'Assembly and the acoustic lab'),
  ('40000000-0000-4000-8000-000000000103', '20000000-0000-4000-8000-000000000001', 'Dispatch', 'Packing and shipping'),
  ('40000000-0000-4000-8000-000000000201', '20000000-0000-4000-8000-000000000002', 'Cutting', null),
  ('40000000-0000-4000-8000-000000000202', '20000000-0000-4000-8000-000000000002', 'Line A', 'Sewing line 1'),
  ('40000000-0000-4000-8000-000000000203', '20000000-0000-4000-8000-000000000002', 'Line B', 'Sewing line 2');

-- ------------------------------------------------------------------ people (Supabase Auth)
-- one bcrypt hash for the shared demo password (cost 10, as Supabase Auth uses)
insert into auth.users (instance_id, id, aud, role, email, encrypted_password, email_confirmed_at,
                        confirmation_token, recovery_token, email_change, raw_app_meta_data,
                        raw_user_meta_data, created_at, updated_at)
select '00000000-0000-0000-0000-000000000000', p.user_id::uuid, 'authenticated', 'authenticated', p.email, pw.hash,
       now(), '', '', '', '{"provider": "email", "providers": ["email"]}', jsonb_build_object('full_name', p.name),
       now(), now()
from (values
  ('50000000-0000-4000-8000-000000000001', 'owner@aurora.test', 'Ada Okafor'),
  ('50000000-0000-4000-8000-000000000002', 'manager@aurora.test', 'Marco Bell'),
  ('50000000-0000-4000-8000-000000000003', 'supervisor@aurora.test', 'Sam Ortiz'),
  ('50000000-0000-4000-8000-000000000004', 'operator@aurora.test', 'Olive Park'),
  ('50000000-0000-4000-8000-000000000005', 'aurora.aur-op-2@operators.floorline.invalid', 'Theo Lin'),
  ('50000000-0000-4000-8000-000000000006', 'aurora.aur-op-3@operators.floorline.invalid', 'Rosa Diaz'),
  ('50000000-0000-4000-8000-000000000007', 'aurora.aur-op-4@operators.floorline.invalid', 'Kwame Mensah'),
  ('50000000-0000-4000-8000-000000000011', 'owner@birch.test', 'Hana Sato'),
  ('50000000-0000-4000-8000-000000000012', 'manager@birch.test', 'Leo Cruz'),
  ('50000000-0000-4000-8000-000000000013', 'birch.bir-op-1@operators.floorline.invalid', 'Ines Ramos'),
  ('50000000-0000-4000-8000-000000000021', 'consultant@floorline.test', 'Cora Quinn')
) as p (user_id, email, name)
cross join (select extensions.crypt('floorline-demo', extensions.gen_salt('bf', 10)) as hash) pw;

insert into auth.identities (id, provider_id, user_id, identity_data, provider, last_sign_in_at, created_at, updated_at)
select ('70000000' || substr(u.id::text, 9))::uuid, u.id::text, u.id,
       jsonb_build_object('sub', u.id::text, 'email', u.email, 'email_verified', true, 'phone_verified', false),
       'email', now(), now(), now()
from auth.users u
where u.id::text like '50000000-%';

-- Supabase Auth scans its token columns as strings and fails on NULL; the hosted schema has more of
-- them than the local stack's, so blank whichever exist.
do $$
declare
  c text;
begin
  for c in
    select column_name from information_schema.columns
    where table_schema = 'auth' and table_name = 'users'
      and column_name in ('confirmation_token', 'recovery_token', 'email_change', 'email_change_token_new',
                          'email_change_token_current', 'phone_change', 'phone_change_token', 'reauthentication_token')
  loop
    execute format('update auth.users set %I = '''' where %I is null and id::text like ''50000000-%%''', c, c);
  end loop;
end $$;

-- ------------------------------------------------------------------ memberships
insert into public.members (id, org_id, user_id, role, display_name, team_id, location_id, badge_code) values
  -- Aurora Audio
  ('60000000-0000-4000-8000-000000000101', '20000000-0000-4000-8000-000000000001',
   '50000000-0000-4000-8000-000000000001', 'owner', 'Ada Okafor', null, null, null),
  ('60000000-0000-4000-8000-000000000102', '20000000-0000-4000-8000-000000000001',
   '50000000-0000-4000-8000-000000000002', 'manager', 'Marco Bell', null, null, 'AUR-MGR-1'),
  ('60000000-0000-4000-8000-000000000103', '20000000-0000-4000-8000-000000000001',
   '50000000-0000-4000-8000-000000000003', 'supervisor', 'Sam Ortiz', '40000000-0000-4000-8000-000000000101',
   '30000000-0000-4000-8000-000000000102', 'AUR-SUP-1'),
  ('60000000-0000-4000-8000-000000000104', '20000000-0000-4000-8000-000000000001',
   '50000000-0000-4000-8000-000000000004', 'operator', 'Olive Park', '40000000-0000-4000-8000-000000000101',
   '30000000-0000-4000-8000-000000000102', 'AUR-OP-1'),
  ('60000000-0000-4000-8000-000000000105', '20000000-0000-4000-8000-000000000001',
   '50000000-0000-4000-8000-000000000005', 'operator', 'Theo Lin', '40000000-0000-4000-8000-000000000101',
   '30000000-0000-4000-8000-000000000103', 'AUR-OP-2'),
  ('60000000-0000-4000-8000-000000000106', '20000000-0000-4000-8000-000000000001',
   '50000000-0000-4000-8000-000000000006', 'operator', 'Rosa Diaz', '40000000-0000-4000-8000-000000000102',
   '30000000-0000-4000-8000-000000000104', 'AUR-OP-3'),
  ('60000000-0000-4000-8000-000000000107', '20000000-0000-4000-8000-000000000001',
   '50000000-0000-4000-8000-000000000007', 'operator', 'Kwame Mensah', '40000000-0000-4000-8000-000000000102',
   '30000000-0000-4000-8000-000000000105', 'AUR-OP-4'),
  ('60000000-0000-4000-8000-000000000121', '20000000-0000-4000-8000-000000000001',
   '50000000-0000-4000-8000-000000000021', 'manager', 'Cora Quinn', null, null, null),
  -- Birch & Bobbin
  ('60000000-0000-4000-8000-000000000201', '20000000-0000-4000-8000-000000000002',
   '50000000-0000-4000-8000-000000000011', 'owner', 'Hana Sato', null, null, null),
  ('60000000-0000-4000-8000-000000000202', '20000000-0000-4000-8000-000000000002',
   '50000000-0000-4000-8000-000000000012', 'manager', 'Leo Cruz', null, null, 'BIR-MGR-1'),
  ('60000000-0000-4000-8000-000000000203', '20000000-0000-4000-8000-000000000002',
   '50000000-0000-4000-8000-000000000013', 'operator', 'Ines Ramos', '40000000-0000-4000-8000-000000000202',
   '30000000-0000-4000-8000-000000000202', 'BIR-OP-1'),
  ('60000000-0000-4000-8000-000000000221', '20000000-0000-4000-8000-000000000002',
   '50000000-0000-4000-8000-000000000021', 'manager', 'Cora Quinn', null, null, null);

-- every badge gets PIN 1234 (one hash; bcrypt salts differ per call, sharing one is fine for a demo)
update public.members
  set pin_hash = (select extensions.crypt('1234', extensions.gen_salt('bf', 10))), pin_changed_at = now()
  where badge_code is not null;

update public.members set password_changed_at = now();

-- ===== production demo data =====
-- Workshop production (issue 4, docs/production.md §Demo data) for Aurora Audio: spec 04's five
-- models with their woods, prices, per-stage hours and QC checklists; 40 customers; 120 orders in
-- every status; 12 batches across every stage (two complete). Deterministic: generate_series and
-- md5-derived choices, timestamps relative to the time of seeding. Fixed UUIDs:
--   8000…01NN models   8100…0NNN customers   8200…0NNN orders   8300…00NN batches   8400… tracking links
-- Demo tracking links (public, show one order each): /track/demo-aurora-track-0001 (in production),
-- /track/demo-aurora-track-0002 (delivered). Demo Shopify store aurora-audio.myshopify.com, webhook
-- secret shpss_demo_aurora_webhook_secret_0001 (a demo credential: replace it on any real install).
-- The work is done "as" the demo staff (JWT claims) so history and audit rows name real people.

-- ------------------------------------------------------------------ catalogue (spec 04 seed)
select set_config('request.jwt.claims',
  '{"sub": "50000000-0000-4000-8000-000000000002", "role": "authenticated", "email": "manager@aurora.test"}', true);

insert into public.headphone_models (id, org_id, name, sku_prefix, complexity, base_production_hours, wood_types,
                                     base_price, description) values
  ('80000000-0000-4000-8000-000000000101', '20000000-0000-4000-8000-000000000001', 'Atticus', 'ATT', 'medium', 6.0,
   array['Sapele', 'Cherry', 'Walnut']::public.wood_type[], 499.00, 'Closed-back dynamic, the everyday classic.'),
  ('80000000-0000-4000-8000-000000000102', '20000000-0000-4000-8000-000000000001', 'Eikon', 'EIK', 'medium', 8.0,
   array['Sapele', 'Cherry', 'Walnut']::public.wood_type[], 599.00, 'Closed-back with a bio-cellulose driver.'),
  ('80000000-0000-4000-8000-000000000103', '20000000-0000-4000-8000-000000000001', 'Verite', 'VER', 'high', 10.0,
   array['Sapele', 'Cherry', 'Walnut', 'Cocobolo']::public.wood_type[], 2499.00, 'Open-back flagship dynamic.'),
  ('80000000-0000-4000-8000-000000000104', '20000000-0000-4000-8000-000000000001', 'Auteur', 'AUT', 'high', 12.0,
   array['Sapele', 'Cherry', 'Walnut', 'Cocobolo']::public.wood_type[], 2499.00, 'Open-back, tuned for studios.'),
  ('80000000-0000-4000-8000-000000000105', '20000000-0000-4000-8000-000000000001', 'Caldera', 'CAL', 'very_high', 14.0,
   array['Sapele', 'Cherry', 'Walnut', 'Cocobolo', 'Ziricote']::public.wood_type[], 3499.00, 'Planar magnetic flagship.');

-- spec 04's per-stage hours (the same for every model), with a checklist per stage
insert into public.model_production_stages (org_id, model_id, stage, estimated_hours, quality_checklist, display_order)
select m.org_id, m.id, s.stage, s.hours, s.checklist, s.ord
from public.headphone_models m
cross join (values
  ('Intake'::public.production_stage, 0.5, 1, '[{"key": "wood-grade", "label": "Wood blank graded, no cracks or checks", "required": true},
     {"key": "grain-match", "label": "Left and right cup grain matched"},
     {"key": "parts-kit", "label": "Driver and hardware kit complete", "required": true}]'::jsonb),
  ('Sanding', 2.0, 2, '[{"key": "template", "label": "Shape within template tolerance", "required": true},
     {"key": "grit", "label": "Sanded through 400 grit", "required": true},
     {"key": "tear-out", "label": "No tear-out around the baffle"}]'),
  ('Finishing', 1.5, 3, '[{"key": "coats", "label": "Oil coats applied and cured", "required": true},
     {"key": "even", "label": "Finish even: no runs, dust or dry spots", "required": true},
     {"key": "inlay", "label": "Logo inlay flush"}]'),
  ('Sub-Assembly', 2.0, 4, '[{"key": "driver-match", "label": "Drivers matched within 1 dB", "required": true},
     {"key": "damping", "label": "Damping installed to spec", "required": true},
     {"key": "solder", "label": "Cable solder joints inspected"}]'),
  ('Final Assembly', 2.5, 5, '[{"key": "torque", "label": "Headband and yokes torqued", "required": true},
     {"key": "pads", "label": "Pads seated evenly"},
     {"key": "serial", "label": "Serial number engraved", "required": true}]'),
  ('Acoustic QC', 1.0, 6, '[{"key": "fr", "label": "Frequency response within the target curve", "required": true},
     {"key": "balance", "label": "Channel balance within 0.5 dB", "required": true},
     {"key": "thd", "label": "THD below 0.5% at 90 dB SPL", "required": true},
     {"key": "listening", "label": "Listening test passed"}]'),
  ('Shipping', 0.5, 7, '[{"key": "clean", "label": "Cleaned and inspected", "required": true},
     {"key": "accessories", "label": "Accessories and certificate packed", "required": true},
     {"key": "label", "label": "Label printed and tracking number recorded", "required": true}]')
) as s (stage, hours, ord, checklist)
where m.org_id = '20000000-0000-4000-8000-000000000001';

-- ------------------------------------------------------------------ customers
insert into public.customers (id, org_id, shopify_customer_id, name, email, phone, shipping_address, billing_address,
                              created_at)
select ('81000000-0000-4000-8000-' || lpad(i::text, 12, '0'))::uuid,
       '20000000-0000-4000-8000-000000000001',
       case when i % 2 = 0 then (7100000000 + i)::text end,
       f.first || ' ' || l.last,
       lower(f.first || '.' || l.last || i || '@example.com'),
       '+1 555 01' || lpad(i::text, 2, '0'),
       jsonb_build_object('first_name', f.first, 'last_name', l.last, 'address1', (100 + i * 7) || ' ' || c.street,
                          'city', c.city, 'province_code', c.province, 'zip', c.zip, 'country_code', 'US',
                          'country', 'United States'),
       case when i % 5 = 0 then jsonb_build_object('first_name', f.first, 'last_name', l.last,
                                                   'address1', 'PO Box ' || (400 + i), 'city', c.city,
                                                   'province_code', c.province, 'zip', c.zip, 'country_code', 'US') end,
       now() - make_interval(days => 60 - i)
from generate_series(1, 40) i
cross join lateral (select (array['Ada', 'Ben', 'Chloe', 'Diego', 'Elena', 'Farah', 'Gus', 'Hiro', 'Imani', 'Jonas',
                                  'Kira', 'Liam', 'Maya', 'Noor', 'Omar', 'Priya', 'Quinn', 'Rafael', 'Sofia', 'Tariq'])
                                 [1 + (i * 7) % 20] as first) f
cross join lateral (select (array['Okafor', 'Lindqvist', 'Moreau', 'Santos', 'Novak', 'Haddad', 'Becker', 'Tanaka',
                                  'Mensah', 'Kowalski', 'Rossi', 'Nguyen', 'Fischer', 'Alvarez', 'Dubois', 'Shah',
                                  'Walsh', 'Costa', 'Ivanova'])[1 + (i * 11) % 19] as last) l
cross join lateral (select x.street, x.city, x.province, x.zip
                    from (values (0, 'Maple Ave', 'Chicago', 'IL', '60614'), (1, 'Oak St', 'Austin', 'TX', '78704'),
                                 (2, 'Pine Rd', 'Portland', 'OR', '97214'), (3, 'Elm Way', 'Denver', 'CO', '80206'),
                                 (4, 'Birch Ln', 'Brooklyn', 'NY', '11215'), (5, 'Cedar Ct', 'Madison', 'WI', '53703'))
                         as x (n, street, city, province, zip)
                    where x.n = i % 6) c;

-- ------------------------------------------------------------------ orders (all pending to start)
-- Batched orders (1–86) were placed a few days before their batch; unbatched ones (87–120) lately.
create temporary table seed_batches (n integer primary key, stage public.production_stage, complete boolean,
  priority public.batch_priority, quality public.quality_status, days_ago integer, first_order integer,
  order_count integer, completed_days_ago integer) on commit drop;
insert into seed_batches values
  (1, 'Shipping', true, 'standard', 'good', 30, 1, 8, 20),
  (2, 'Shipping', true, 'high', 'good', 21, 9, 8, 4),
  (3, 'Shipping', false, 'standard', 'good', 18, 17, 7, null),
  (4, 'Acoustic QC', false, 'high', 'failed', 16, 24, 7, null),
  (5, 'Acoustic QC', false, 'standard', 'warning', 14, 31, 6, null),
  (6, 'Final Assembly', false, 'standard', 'good', 12, 37, 7, null),
  (7, 'Sub-Assembly', false, 'high', 'good', 10, 44, 8, null),
  (8, 'Sub-Assembly', false, 'standard', 'good', 9, 52, 6, null),
  (9, 'Finishing', false, 'low', 'good', 7, 58, 7, null),
  (10, 'Sanding', false, 'rush', 'good', 5, 65, 6, null),
  (11, 'Sanding', false, 'standard', 'good', 4, 71, 8, null),
  (12, 'Intake', false, 'standard', 'good', 1, 79, 8, null);

insert into public.orders (id, org_id, order_number, shopify_order_id, shopify_line_item_id, shopify_unit,
                           shopify_updated_at, customer_id, model_id, wood_type, customizations, notes, priority,
                           due_date, price, created_at)
select ('82000000-0000-4000-8000-' || lpad(i::text, 12, '0'))::uuid,
       '20000000-0000-4000-8000-000000000001',
       case when i % 2 = 0 then '#' || (1000 + i) end,
       case when i % 2 = 0 then (5200000000 + i)::text end,
       case when i % 2 = 0 then (13000000000 + i)::text end,
       case when i % 2 = 0 then 1 end,
       case when i % 2 = 0 then o.placed end,
       ('81000000-0000-4000-8000-' || lpad((1 + (i * 7) % 40)::text, 12, '0'))::uuid,
       m.id,
       m.wood_types[1 + ('x' || substr(md5('aurora-wood-' || i), 1, 7))::bit(28)::integer % cardinality(m.wood_types)],
       case when i % 6 = 0 then jsonb_build_object('engraving', 'For ' || split_part(c.name, ' ', 1))
            when i % 6 = 3 then '{"pads": "velour", "cable": "balanced 4-pin XLR"}'::jsonb
            else '{}'::jsonb end,
       case when i % 9 = 0 then 'Gift: please include a handwritten card.' end,
       case when b.priority = 'rush' or i % 17 = 0 then 'rush'::public.batch_priority
            when i % 5 = 0 then 'high' else 'standard' end,
       (o.placed + interval '28 days')::date,
       m.base_price + case when w.wood in ('Cocobolo', 'Ziricote') then 300 else 0 end,
       o.placed
from generate_series(1, 120) i
left join seed_batches b on i between b.first_order and b.first_order + b.order_count - 1
cross join lateral (select ('x' || substr(md5('aurora-model-' || i), 1, 7))::bit(28)::integer % 5 as k) pick
join public.headphone_models m on m.id = ('80000000-0000-4000-8000-00000000010' || (pick.k + 1))::uuid
join public.customers c on c.id = ('81000000-0000-4000-8000-' || lpad((1 + (i * 7) % 40)::text, 12, '0'))::uuid
cross join lateral (select m.wood_types[1 + ('x' || substr(md5('aurora-wood-' || i), 1, 7))::bit(28)::integer
                                         % cardinality(m.wood_types)] as wood) w
cross join lateral (select case when b.n is not null
                                then now() - make_interval(days => b.days_ago + 1 + i % 3, hours => i % 5)
                                else now() - make_interval(hours => (121 - i) * 4) end as placed) o
order by i;

insert into public.order_internal_notes (order_id, org_id, notes)
select ('82000000-0000-4000-8000-' || lpad(i::text, 12, '0'))::uuid, '20000000-0000-4000-8000-000000000001',
       (array['Repeat customer: check the last order''s pad preference.',
              'Paid with a discount code from the Chicago show.',
              'Asked twice about shipping dates; keep them posted.',
              'Wood blank reserved from the 2024 Cocobolo lot.'])[1 + i % 4]
from generate_series(1, 120) i
where i % 8 = 1;

-- ------------------------------------------------------------------ batches, moved stage by stage
-- Inserted at Intake and advanced one stage at a time through the real trigger, so batch_events and
-- order_status_history look as they would on the floor; timestamps are spread out afterwards.
select set_config('request.jwt.claims',
  '{"sub": "50000000-0000-4000-8000-000000000003", "role": "authenticated", "email": "supervisor@aurora.test"}', true);

insert into public.batches (id, org_id, batch_number, priority, target_completion, created_at)
select ('83000000-0000-4000-8000-' || lpad(b.n::text, 12, '0'))::uuid, '20000000-0000-4000-8000-000000000001',
       'B-' || b.n, b.priority, (now() - make_interval(days => b.days_ago - 14))::date,
       now() - make_interval(days => b.days_ago)
from seed_batches b order by b.n;

insert into public.batch_orders (org_id, batch_id, order_id, added_at)
select '20000000-0000-4000-8000-000000000001', ('83000000-0000-4000-8000-' || lpad(b.n::text, 12, '0'))::uuid,
       ('82000000-0000-4000-8000-' || lpad(i::text, 12, '0'))::uuid, now() - make_interval(days => b.days_ago)
from seed_batches b cross join generate_series(b.first_order, b.first_order + b.order_count - 1) i;

do $$
declare
  b record;
  v_target smallint;
  v_pos smallint;
  v_workflow uuid;
begin
  for b in select * from seed_batches order by n loop
    select w.id into v_workflow from public.workflows w
      where w.org_id = '20000000-0000-4000-8000-000000000001' and w.is_default;
    v_target := app.stage_position(v_workflow, b.stage);
    for v_pos in 2 .. v_target loop
      update public.batches set current_stage = app.stage_at(v_workflow, v_pos)
        where id = ('83000000-0000-4000-8000-' || lpad(b.n::text, 12, '0'))::uuid;
    end loop;
    if b.quality <> 'good' then
      perform set_config('floorline.reason', case b.quality when 'failed' then 'Channel imbalance over 1 dB on three units'
                                                            else 'Slight driver rub on one unit: re-seat before shipping' end, true);
      update public.batches set quality_status = b.quality
        where id = ('83000000-0000-4000-8000-' || lpad(b.n::text, 12, '0'))::uuid;
      perform set_config('floorline.reason', '', true);
    end if;
    if b.complete then
      update public.batches set is_complete = true
        where id = ('83000000-0000-4000-8000-' || lpad(b.n::text, 12, '0'))::uuid;
    end if;
  end loop;
end $$;

update public.batch_metadata bm set
  actual_hours_spent = case when b.complete then round(bm.total_estimated_hours * 1.08, 2) end,
  defect_rate = case when b.quality = 'failed' then 42.86 when b.quality = 'warning' then 16.67 else 0 end,
  tags = case when b.priority = 'rush' then array['rush', 'trade-show'] when b.n = 4 then array['rework'] else '{}' end
from seed_batches b
where bm.batch_id = ('83000000-0000-4000-8000-' || lpad(b.n::text, 12, '0'))::uuid;

-- ------------------------------------------------------------------ statuses set by hand
select set_config('request.jwt.claims',
  '{"sub": "50000000-0000-4000-8000-000000000002", "role": "authenticated", "email": "manager@aurora.test"}', true);
select set_config('floorline.reason', 'Carrier confirmed delivery', true);
update public.orders set status = 'delivered'
  where id in (select bo.order_id from public.batch_orders bo where bo.batch_id = '83000000-0000-4000-8000-000000000001');
select set_config('floorline.reason', 'Customer asked to wait for a matching second pair', true);
update public.orders set status = 'on_hold'
  where id in (select ('82000000-0000-4000-8000-' || lpad(i::text, 12, '0'))::uuid
               from generate_series(87, 120) i where i % 7 = 3);
select set_config('floorline.reason', 'Customer cancelled before production', true);
update public.orders set status = 'cancelled'
  where id in (select ('82000000-0000-4000-8000-' || lpad(i::text, 12, '0'))::uuid
               from generate_series(87, 120) i where i % 7 = 5);
select set_config('floorline.reason', '', true);

-- ------------------------------------------------------------------ a believable timeline
-- batch events: created when the batch was, stage moves spread until now (or until completion)
with ev as (
  select e.id, sb.days_ago, sb.completed_days_ago,
         row_number() over (partition by e.batch_id order by e.id) - 1 as k,
         count(*) over (partition by e.batch_id) as n
  from public.batch_events e
  join seed_batches sb on e.batch_id = ('83000000-0000-4000-8000-' || lpad(sb.n::text, 12, '0'))::uuid
)
update public.batch_events e
  set at = ev.started + (ev.ended - ev.started) * (ev.k::numeric / greatest(ev.n - 1, 1))
from (select ev.*, now() - make_interval(days => ev.days_ago) as started,
             case when ev.completed_days_ago is not null
                  then now() - make_interval(days => ev.completed_days_ago, hours => 3)
                  else now() - make_interval(hours => ev.days_ago * 4) end as ended
      from ev) ev
where ev.id = e.id;

update public.batches b
  set created_at = now() - make_interval(days => sb.days_ago),
      stage_entered_at = (select max(e.at) from public.batch_events e
                          where e.batch_id = b.id and e.kind in ('created', 'advanced')),
      completed_at = case when sb.complete then now() - make_interval(days => sb.completed_days_ago) - interval '3 hours' end,
      actual_completion = case when sb.complete
                               then ((now() - make_interval(days => sb.completed_days_ago)) at time zone 'America/Chicago')::date end
from seed_batches sb
where b.id = ('83000000-0000-4000-8000-' || lpad(sb.n::text, 12, '0'))::uuid;

-- order history: each status at the moment its cause happened
update public.order_status_history h
  set created_at = case
    when h.old_status is null then o.created_at
    when h.new_status = 'in_production' then b.created_at + interval '5 minutes'
    when h.new_status in ('quality_check', 'ready_to_ship') then coalesce(
      (select e.at from public.batch_events e join public.workflow_stages s on s.workflow_id = b.workflow_id
         and s.stage = e.to_stage
       where e.batch_id = b.id and e.kind = 'advanced' and s.order_status = h.new_status order by e.at limit 1),
      b.created_at)
    when h.new_status = 'shipped' then b.completed_at
    when h.new_status = 'delivered' then b.completed_at + interval '3 days'
    when h.new_status = 'on_hold' then o.created_at + interval '1 day'
    when h.new_status = 'cancelled' then o.created_at + interval '2 days'
    else h.created_at end
from public.orders o
left join public.batch_orders bo on bo.order_id = o.id
left join public.batches b on b.id = bo.batch_id
where h.order_id = o.id and o.org_id = '20000000-0000-4000-8000-000000000001';

-- ------------------------------------------------------------------ tracking links, Shopify
insert into public.order_tracking_tokens (id, org_id, order_id, token_hash, label, created_by) values
  ('84000000-0000-4000-8000-000000000001', '20000000-0000-4000-8000-000000000001',
   '82000000-0000-4000-8000-000000000046', app.tracking_token_hash('demo-aurora-track-0001'), 'demo link',
   '60000000-0000-4000-8000-000000000102'),
  ('84000000-0000-4000-8000-000000000002', '20000000-0000-4000-8000-000000000001',
   '82000000-0000-4000-8000-000000000003', app.tracking_token_hash('demo-aurora-track-0002'), 'demo link',
   '60000000-0000-4000-8000-000000000102');

insert into public.shopify_shops (id, org_id, shop_domain, webhook_secret) values
  ('85000000-0000-4000-8000-000000000001', '20000000-0000-4000-8000-000000000001', 'aurora-audio.myshopify.com',
   'shpss_demo_aurora_webhook_secret_0001');

insert into public.shopify_sku_review (org_id, shopify_order_id, shopify_order_name, shopify_line_item_id, sku, title,
                                       variant_title, quantity, reason, line_item, status, resolution_note) values
  ('20000000-0000-4000-8000-000000000001', '5200000118', '#1118', '13000000901', 'CBL-XLR4-2M',
   'Balanced cable, 4-pin XLR, 2 m', null, 1, 'unknown_sku',
   '{"id": 13000000901, "sku": "CBL-XLR4-2M", "title": "Balanced cable, 4-pin XLR, 2 m", "quantity": 1, "price": "149.00"}',
   'open', null),
  ('20000000-0000-4000-8000-000000000001', '5200000104', '#1104', '13000000902', 'VER-ZIR',
   'Verite', 'Ziricote', 1, 'wood_not_allowed',
   '{"id": 13000000902, "sku": "VER-ZIR", "title": "Verite", "variant_title": "Ziricote", "quantity": 1, "price": "2799.00"}',
   'ignored', 'Sold by mistake; customer switched to Cocobolo (order #1104).');

select set_config('request.jwt.claims', '', true);
select set_config('floorline.reason', '', true);
-- the summary reflects the demo data from the first page load
select public.refresh_production_summary(true);
