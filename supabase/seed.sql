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
  ('50000000-0000-4000-8000-000000000014', 'supervisor@birch.test', 'Nora Santos'),
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

-- demo staff phones (password reset by text on /forgot-password; the fake gateway shows the code).
-- Supabase Auth keeps the digits without '+'.
update auth.users u set phone = p.phone, phone_confirmed_at = now()
from (values
  ('50000000-0000-4000-8000-000000000001', '639170000101'),
  ('50000000-0000-4000-8000-000000000002', '639170000102'),
  ('50000000-0000-4000-8000-000000000003', '639170000103'),
  ('50000000-0000-4000-8000-000000000004', '639170000104'),
  ('50000000-0000-4000-8000-000000000011', '639170000111'),
  ('50000000-0000-4000-8000-000000000012', '639170000112')
) as p (user_id, phone)
where u.id = p.user_id::uuid;

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
  ('60000000-0000-4000-8000-000000000204', '20000000-0000-4000-8000-000000000002',
   '50000000-0000-4000-8000-000000000014', 'supervisor', 'Nora Santos', '40000000-0000-4000-8000-000000000202',
   '30000000-0000-4000-8000-000000000202', 'BIR-SUP-1'),
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
  ('Intake', 0.5, 1, '[{"key": "wood-grade", "label": "Wood blank graded, no cracks or checks", "required": true},
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
create temporary table seed_batches (n integer primary key, stage text, complete boolean,
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
-- the demo batches carry their own numbers: the next batch made in the app continues after them
insert into app.org_counters (org_id, kind, value)
select '20000000-0000-4000-8000-000000000001', 'batch', max(n) from seed_batches
on conflict (org_id, kind) do update set value = greatest(app.org_counters.value, excluded.value);

insert into public.batch_orders (org_id, batch_id, order_id, added_at)
select '20000000-0000-4000-8000-000000000001', ('83000000-0000-4000-8000-' || lpad(b.n::text, 12, '0'))::uuid,
       ('82000000-0000-4000-8000-' || lpad(i::text, 12, '0'))::uuid, now() - make_interval(days => b.days_ago)
from seed_batches b cross join generate_series(b.first_order, b.first_order + b.order_count - 1) i;

do $$
declare
  b record;
  v_target smallint;
  v_pos smallint;
  v_type uuid;
begin
  for b in select * from seed_batches order by n loop
    select s.default_type_id into v_type from public.batch_settings s
      where s.org_id = '20000000-0000-4000-8000-000000000001';
    v_target := app.stage_position(v_type, b.stage);
    for v_pos in 2 .. v_target loop
      update public.batches set current_stage = app.stage_at(v_type, v_pos)
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
      (select e.at from public.batch_events e join app.batch_type_states s on s.type_definition_id = b.type_definition_id
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

-- ===== floor demo data =====
-- Floor scanning (issue 5, docs/floor.md §13) for Aurora Audio: what each of the seven stages asks
-- of the floor (stage actions), a queue per stage at its bench, printed labels for every location,
-- action card and unfinished batch with its orders, three days of floor sessions with their scans
-- (a few failures among them), actions in progress on the unfinished batches, and queue history
-- derived from the batches' stage moves. Deterministic: fixed ids, times relative to the seeding.
-- Ids: 8600…01NN stage actions, 8700…01NN queues, 8800…00OK sessions (O operator 1–4, K days ago).
-- Theo Lin (AUR-OP-2) and Kwame Mensah (AUR-OP-4) have open sessions until they go idle (10 minutes
-- after seeding): starting work as them on another tablet shows the "resume or take over" prompt.
select set_config('request.jwt.claims',
  '{"sub": "50000000-0000-4000-8000-000000000003", "role": "authenticated", "email": "supervisor@aurora.test"}', true);

-- ------------------------------------------------------------------ what each stage asks
insert into public.floor_stage_actions (id, org_id, type_definition_id, stage, action_key, action_type, label, description,
                                        required, item_kinds, position, config)
select ('86000000-0000-4000-8000-0000000001' || lpad(d.n::text, 2, '0'))::uuid, w.org_id, w.default_type_id, d.stage, d.key,
       d.type::public.floor_action_type, d.label, d.description, d.required, d.kinds::public.floor_item_kind[], d.pos,
       d.config::jsonb
from public.batch_settings w
cross join (values
  (1, 'Intake', 'materials', 'inspection', 'Materials check',
   'Grade the blanks and check the kit against the model''s list', true, '{batch}', 1, '{"checklist_from": "model"}'),
  (2, 'Intake', 'blank-photo', 'photo', 'Photo of the blanks', 'Grain and colour, before any cut', false, '{batch}', 2,
   '{"min_photos": 1, "max_photos": 4}'),
  (3, 'Intake', 'at-intake', 'scan', 'Confirm at the intake bench', 'Scan the bench label', false, '{batch}', 3,
   '{"expect": "location", "location_id": "30000000-0000-4000-8000-000000000101"}'),
  (11, 'Sanding', 'wall-thickness', 'measurement', 'Cup wall thickness', 'Calipers at the thinnest point', true, '{order}', 1,
   '{"unit": "mm", "min": 5.8, "max": 6.2, "target": 6.0}'),
  (12, 'Sanding', 'sanding-check', 'inspection', 'Sanding check', null, true, '{batch}', 2, '{"checklist_from": "model"}'),
  (21, 'Finishing', 'finish-check', 'inspection', 'Finish check', null, true, '{batch}', 1, '{"checklist_from": "model"}'),
  (22, 'Finishing', 'finish-photo', 'photo', 'Finish close-up', 'Under the daylight lamp', true, '{batch}', 2,
   '{"min_photos": 1, "max_photos": 4}'),
  (23, 'Finishing', 'finish-note', 'note', 'Finish notes', 'Oil batch, coats, anything unusual', false, '{batch}', 3, '{}'),
  (31, 'Sub-Assembly', 'driver-match', 'measurement', 'Driver pair match', 'Sensitivity difference of the pair', true,
   '{order}', 1, '{"unit": "dB", "min": 0, "max": 1.0}'),
  (32, 'Sub-Assembly', 'subassembly-check', 'inspection', 'Sub-assembly check', null, true, '{batch}', 2,
   '{"checklist_from": "model"}'),
  (41, 'Final Assembly', 'final-check', 'inspection', 'Final assembly check', null, true, '{batch}', 1,
   '{"checklist_from": "model"}'),
  (42, 'Final Assembly', 'serial-photo', 'photo', 'Serial engraving photo', null, false, '{order}', 2,
   '{"min_photos": 1, "max_photos": 2}'),
  (51, 'Acoustic QC', 'channel-balance', 'measurement', 'Channel balance', 'Left/right at 1 kHz', true, '{order}', 1,
   '{"unit": "dB", "min": 0, "max": 0.5}'),
  (52, 'Acoustic QC', 'thd', 'measurement', 'THD at 90 dB SPL', null, true, '{order}', 2,
   '{"unit": "%", "min": 0, "max": 0.5, "measurement": "thd-90db"}'),
  (53, 'Acoustic QC', 'qc-checklist', 'inspection', 'Acoustic QC checklist', null, true, '{batch}', 3,
   '{"checklist_from": "model"}'),
  (54, 'Acoustic QC', 'qc-signoff', 'approval', 'QC sign-off', 'A supervisor signs the batch off', true, '{batch}', 4,
   '{"min_role": "supervisor"}'),
  (61, 'Shipping', 'pack-check', 'inspection', 'Packing check', null, true, '{batch}', 1, '{"checklist_from": "model"}'),
  (62, 'Shipping', 'box-photo', 'photo', 'Packed box photo', null, true, '{batch}', 2, '{"min_photos": 1, "max_photos": 2}'),
  (63, 'Shipping', 'tracking-number', 'note', 'Tracking number', 'As printed on the label', true, '{batch}', 3,
   '{"min_length": 8, "max_length": 40}')
) as d (n, stage, key, type, label, description, required, kinds, pos, config)
where w.org_id = '20000000-0000-4000-8000-000000000001';

-- ------------------------------------------------------------------ a queue per stage, at its bench
insert into public.floor_queues (id, org_id, name, location_id, team_id, type_definition_id, stage, max_items, auto_assign,
                                 priority_rules)
select ('87000000-0000-4000-8000-0000000001' || lpad(q.n::text, 2, '0'))::uuid, w.org_id, q.name, q.location_id::uuid,
       q.team_id::uuid, w.default_type_id, q.stage, q.max_items, q.auto_assign,
       '[{"condition": "priority = rush", "priority": "urgent"}, {"condition": "is_late = true", "priority": "urgent"},
         {"condition": "due_in_days <= 5", "priority": "high"}]'::jsonb
from public.batch_settings w
cross join (values
  (1, 'Intake', '30000000-0000-4000-8000-000000000101', '40000000-0000-4000-8000-000000000101', 'Intake', null, false),
  (2, 'Sanding', '30000000-0000-4000-8000-000000000102', '40000000-0000-4000-8000-000000000101', 'Sanding', null, false),
  (3, 'Finishing', '30000000-0000-4000-8000-000000000103', '40000000-0000-4000-8000-000000000101', 'Finishing', 6, false),
  (4, 'Sub-assembly', '30000000-0000-4000-8000-000000000104', '40000000-0000-4000-8000-000000000102', 'Sub-Assembly', null, false),
  (5, 'Final assembly', '30000000-0000-4000-8000-000000000104', '40000000-0000-4000-8000-000000000102', 'Final Assembly', null, false),
  (6, 'Acoustic QC', '30000000-0000-4000-8000-000000000105', '40000000-0000-4000-8000-000000000102', 'Acoustic QC', 10, true),
  (7, 'Shipping', '30000000-0000-4000-8000-000000000106', '40000000-0000-4000-8000-000000000103', 'Shipping', null, false)
) as q (n, name, location_id, team_id, stage, max_items, auto_assign)
where w.org_id = '20000000-0000-4000-8000-000000000001';

-- ------------------------------------------------------------------ labels (minted in a fixed order)
select count(app.floor_mint_label(l.org_id, 'location', l.id))
from (select * from public.locations where org_id = '20000000-0000-4000-8000-000000000001' order by id) l;
select count(app.floor_mint_label(d.org_id, 'action', d.id))
from (select * from public.floor_stage_actions where org_id = '20000000-0000-4000-8000-000000000001' order by id) d;
select count(app.floor_mint_label(x.org_id, 'item', (select r.item_id from app.floor_resolve_item(x.org_id, x.ref_id, true) r)))
from (select b.org_id, b.id as ref_id, b.id as k1, null::uuid as k2 from public.batches b
      where b.org_id = '20000000-0000-4000-8000-000000000001' and not b.is_complete
      union all
      select bo.org_id, bo.order_id, bo.batch_id, bo.order_id from public.batch_orders bo
      join public.batches b on b.id = bo.batch_id
      where b.org_id = '20000000-0000-4000-8000-000000000001' and not b.is_complete
      order by 3, 4 nulls first) x;

-- ------------------------------------------------------------------ who works where
create temporary table seed_floor_ops (o integer primary key, member_id uuid, user_id uuid, location_id uuid,
  team_id uuid, stages text[], device text) on commit drop;
insert into seed_floor_ops values
  (1, '60000000-0000-4000-8000-000000000104', '50000000-0000-4000-8000-000000000004', '30000000-0000-4000-8000-000000000102',
   '40000000-0000-4000-8000-000000000101', '{Intake,Sanding}', 'demo-tablet-sanding'),
  (2, '60000000-0000-4000-8000-000000000105', '50000000-0000-4000-8000-000000000005', '30000000-0000-4000-8000-000000000103',
   '40000000-0000-4000-8000-000000000101', '{Finishing}', 'demo-tablet-finishing'),
  (3, '60000000-0000-4000-8000-000000000106', '50000000-0000-4000-8000-000000000006', '30000000-0000-4000-8000-000000000104',
   '40000000-0000-4000-8000-000000000102', '{Sub-Assembly,Final Assembly,Shipping}', 'demo-tablet-assembly'),
  (4, '60000000-0000-4000-8000-000000000107', '50000000-0000-4000-8000-000000000007', '30000000-0000-4000-8000-000000000105',
   '40000000-0000-4000-8000-000000000102', '{Acoustic QC}', 'demo-tablet-acoustic-lab');

-- three past shifts each (8 hours, ending 18, 42 and 66 hours ago), and two open sessions
insert into public.floor_sessions (id, org_id, member_id, user_id, device_id, location_id, team_id, started_at,
                                   last_activity_at, ended_at, end_reason, device_info, created_at)
select ('88000000-0000-4000-8000-' || lpad((op.o * 10 + k)::text, 12, '0'))::uuid,
       '20000000-0000-4000-8000-000000000001', op.member_id, op.user_id, op.device, op.location_id, op.team_id,
       case when k = 0 then now() - interval '40 minutes' else now() - make_interval(hours => 24 * k + 2) end,
       case when k = 0 then now() - interval '1 minute'
            when k = 2 then now() - make_interval(hours => 24 * k - 6) - interval '10 minutes'
            else now() - make_interval(hours => 24 * k - 6) end,
       case when k > 0 then now() - make_interval(hours => 24 * k - 6) end,
       case when k = 0 then null when k = 2 then 'idle_timeout' else 'pin_out' end::public.floor_session_end_reason,
       jsonb_build_object('platform', 'android', 'model', 'Galaxy Tab A9+', 'screen_size', '1340x800',
                          'orientation', 'landscape', 'version', '1.0.0'),
       case when k = 0 then now() - interval '40 minutes' else now() - make_interval(hours => 24 * k + 2) end
from seed_floor_ops op
cross join generate_series(0, 3) k
where k > 0 or op.o in (2, 4);

-- ------------------------------------------------------------------ scans
-- every 40 minutes of a shift (15 in the open ones): the bench label first, then the batches at the operator's stages; a
-- mistyped label, an unknown number and another workshop's label among them
insert into public.floor_scans (org_id, session_id, member_id, user_id, scan_type, qr_code, scanned_value, scan_result,
                                item_id, location_id, scan_time, processing_time_ms, error_code, error_message,
                                device_info, created_at)
select s.org_id, s.id, s.member_id, s.user_id,
       case when i = 1 then 'location' else 'item' end::public.floor_scan_type,
       c.code, c.value, c.result::public.floor_scan_result, c.item_id, c.location_id,
       s.started_at + make_interval(mins => s.gap * (i - 1) + 3), 3 + (i * 7 + s.k * 3) % 12,
       c.error_code, c.message, '{"platform": "android", "camera": "back"}'::jsonb,
       s.started_at + make_interval(mins => s.gap * (i - 1) + 3)
from (select fs.*, op.o, op.stages, right(fs.id::text, 1)::int as k,
             case when fs.ended_at is null then 15 else 40 end as gap
      from public.floor_sessions fs
      join seed_floor_ops op on op.member_id = fs.member_id
      where fs.org_id = '20000000-0000-4000-8000-000000000001') s
cross join lateral generate_series(1, case when s.ended_at is null then 2 else 12 end) i
cross join lateral (
  select array_agg(fi.id order by b.id) as items, array_agg(l.code order by b.id) as codes
  from public.batches b
  join public.floor_items fi on fi.batch_id = b.id
  join public.floor_labels l on l.item_id = fi.id
  where b.org_id = s.org_id and not b.is_complete and b.current_stage = any (s.stages)
) bs
cross join lateral (
  select case
    when i = 1 then (select jsonb_build_object('code', app.floor_label_text(s.org_id, 'L', l.code), 'location_id', s.location_id)
                     from public.floor_labels l where l.location_id = s.location_id)
    when i = 5 and s.k = 1 then jsonb_build_object('error', 'UNKNOWN_CODE', 'code', 'B-99', 'result', 'error',
                                                   'message', 'No item, badge or label with that code in this workshop')
    when i = 7 and s.k = 2 then jsonb_build_object('error', 'FOREIGN_LABEL', 'code', 'FL1:BIR:I:1000Z', 'result', 'invalid',
                                                   'message', 'This label belongs to another workshop')
    when i = 9 and s.k = 3 then jsonb_build_object('error', 'INVALID_CODE', 'code', 'FL1:AUR:I:100ZZ', 'result', 'invalid',
                                                   'message', 'The label''s check character does not match: rescan or retype it')
    when bs.items is null then null
    else jsonb_build_object('code', app.floor_label_text(s.org_id, 'I', bs.codes[1 + (i + s.k) % cardinality(bs.codes)]),
                            'item_id', bs.items[1 + (i + s.k) % cardinality(bs.items)]) end as j
) pick
cross join lateral (
  select pick.j ->> 'code' as code, pick.j ->> 'code' as value, coalesce(pick.j ->> 'result', 'success') as result,
         (pick.j ->> 'item_id')::uuid as item_id, (pick.j ->> 'location_id')::uuid as location_id,
         pick.j ->> 'error' as error_code, pick.j ->> 'message' as message
) c
where pick.j is not null;

-- ------------------------------------------------------------------ actions in progress
-- On the unfinished batches, at their current stage, during the operator's last shift after the batch
-- arrived. Checked by the same function floor_complete_action uses, so statuses and validation results
-- are what the tablet would have got. Scenarios: B-5 waits for its QC sign-off; B-4 has three units
-- out of balance; B-6 is ready to advance; B-7 and B-10 are part-way; B-3 waits for its tracking number.
create temporary table seed_floor_actions (b integer, unit integer, key text, data jsonb, at_minute integer) on commit drop;
insert into seed_floor_actions values
  (3, null, 'pack-check', null, 10),
  (3, null, 'box-photo', '{"photos": ["%org%/%item%/box-1.jpg"]}', 14),
  (4, 1, 'channel-balance', '{"value": 1.2}', 5), (4, 2, 'channel-balance', '{"value": 0.3}', 9),
  (4, 3, 'channel-balance', '{"value": 1.1}', 13), (4, 4, 'channel-balance', '{"value": 0.2}', 17),
  (4, 5, 'channel-balance', '{"value": 1.3}', 21), (4, 6, 'channel-balance', '{"value": 0.4}', 25),
  (4, 7, 'channel-balance', '{"value": 0.25}', 29),
  (5, 1, 'channel-balance', '{"value": 0.12}', 5), (5, 2, 'channel-balance', '{"value": 0.31}', 8),
  (5, 3, 'channel-balance', '{"value": 0.47}', 11), (5, 4, 'channel-balance', '{"value": 0.2}', 14),
  (5, 5, 'channel-balance', '{"value": 0.18}', 17), (5, 6, 'channel-balance', '{"value": 0.26}', 20),
  (5, 1, 'thd', '{"value": 0.21}', 23), (5, 2, 'thd', '{"value": 0.19}', 25), (5, 3, 'thd', '{"value": 0.33}', 27),
  (5, 4, 'thd', '{"value": 0.22}', 29), (5, 5, 'thd', '{"value": 0.24}', 31), (5, 6, 'thd', '{"value": 0.2}', 33),
  (5, null, 'qc-checklist', null, 40),
  (6, null, 'final-check', null, 20),
  (7, 1, 'driver-match', '{"value": 0.4}', 6), (7, 2, 'driver-match', '{"value": 1.4}', 10),
  (7, 2, 'driver-match', '{"value": 0.8}', 16), (7, 3, 'driver-match', '{"value": 0.3}', 20),
  (7, 4, 'driver-match', '{"value": 0.6}', 24), (7, 5, 'driver-match', '{"value": 0.5}', 28),
  (10, 1, 'wall-thickness', '{"value": 6.0}', 8), (10, 2, 'wall-thickness', '{"value": 6.05}', 12),
  (10, 3, 'wall-thickness', '{"value": 5.95}', 16), (10, 4, 'wall-thickness', '{"value": 6.35}', 20),
  (9, null, 'finish-note', '{"notes": "Second oil coat thinned 10%: humid day."}', 12);

insert into public.floor_actions (org_id, session_id, member_id, user_id, item_id, batch_id, type_definition_id, stage,
                                  stage_action_id, action_type, action_key, label, required, data, photos, notes,
                                  measurements, checklist, status, completed_at, duration_ms, validation_result,
                                  created_at, updated_at)
select b.org_id, s.id, s.member_id, s.user_id, x.item_id, b.id, b.type_definition_id, b.current_stage, d.id, d.action_type,
       d.action_key, d.label, d.required, x.data, chk.photos, chk.notes, chk.measurements, chk.checklist,
       case when chk.passed then 'completed' else 'failed' end::public.floor_action_status,
       t.at, 40000 + 7000 * (a.at_minute % 5),
       jsonb_build_object('passed', chk.passed, 'errors', chk.errors, 'warnings', chk.warnings), t.at, t.at
from seed_floor_actions a
join public.batches b on b.id = ('83000000-0000-4000-8000-' || lpad(a.b::text, 12, '0'))::uuid and not b.is_complete
join public.floor_stage_actions d on d.type_definition_id = b.type_definition_id and d.stage = b.current_stage and d.action_key = a.key
join seed_floor_ops op on b.current_stage = any (op.stages)
cross join lateral (
  select fs.* from public.floor_sessions fs
  where fs.member_id = op.member_id and fs.ended_at > b.stage_entered_at + interval '1 hour'
  order by fs.started_at desc limit 1
) s
cross join lateral (
  select fi.id as item_id, m.models,
         coalesce(replace(replace(a.data::text, '%org%', b.org_id::text), '%item%', fi.id::text)::jsonb,
                  jsonb_build_object('checklist', (
                    select jsonb_agg(jsonb_build_object('key', e ->> 'key', 'completed', true))
                    from jsonb_array_elements(app.floor_action_checklist(d, m.models)) e))) as data
  from (select case when a.unit is null then null
                    else (select bo.order_id from public.batch_orders bo where bo.batch_id = b.id
                          order by bo.order_id offset a.unit - 1 limit 1) end as order_id) u
  cross join lateral (select array(select distinct o.model_id from public.batch_orders bo
                                   join public.orders o on o.id = bo.order_id
                                   where bo.batch_id = b.id and (u.order_id is null or o.id = u.order_id)) as models) m
  join public.floor_items fi on fi.org_id = b.org_id
                             and (fi.order_id = u.order_id or (u.order_id is null and fi.batch_id = b.id))
) x
cross join lateral app.floor_check_action_data(d, x.data, x.models, b.org_id) chk
cross join lateral (select greatest(s.started_at, b.stage_entered_at) + make_interval(mins => 10 + a.at_minute) as at) t;

-- ------------------------------------------------------------------ queue history and today's queues
-- every stage a batch left: a completed entry in that stage's queue, worked by whoever works there
insert into public.floor_queue_items (org_id, queue_id, item_id, priority, status, added_at, assigned_to, assigned_at,
                                      started_at, completed_at, completed_by, estimated_duration_minutes, updated_at)
select q.org_id, q.id, fi.id, app.floor_queue_priority(q.id, 'batch', b.id), 'completed', e.entered, op.member_id,
       e.entered + (e.left_at - e.entered) * 0.3, e.entered + (e.left_at - e.entered) * 0.3, e.left_at, op.member_id,
       app.floor_estimate_minutes('batch', b.id, e.stage), e.left_at
from (select ev.batch_id, ev.to_stage as stage, ev.at as entered,
             lead(ev.at) over (partition by ev.batch_id order by ev.at, ev.id) as left_at,
             lead(ev.kind) over (partition by ev.batch_id order by ev.at, ev.id) as next_kind
      from public.batch_events ev where ev.kind in ('created', 'advanced', 'completed')) e
join public.batches b on b.id = e.batch_id and b.org_id = '20000000-0000-4000-8000-000000000001'
join public.floor_queues q on q.type_definition_id = b.type_definition_id and q.stage = e.stage
join public.floor_items fi on fi.batch_id = b.id
join seed_floor_ops op on e.stage = any (op.stages)
where e.left_at is not null and e.next_kind in ('advanced', 'completed');

-- the unfinished batches wait in (or are being worked at) their current stage's queue
insert into public.floor_queue_items (org_id, queue_id, item_id, priority, status, added_at, assigned_to, assigned_at,
                                      started_at, estimated_duration_minutes, updated_at)
select q.org_id, q.id, fi.id, app.floor_queue_priority(q.id, 'batch', b.id),
       case when w.first_at is not null then 'in_progress' else 'waiting' end::public.floor_queue_item_status,
       b.stage_entered_at,
       case when w.first_at is not null then op.member_id end, case when w.first_at is not null then w.first_at - interval '5 minutes' end,
       case when w.first_at is not null then w.first_at - interval '5 minutes' end,
       app.floor_estimate_minutes('batch', b.id, b.current_stage), coalesce(w.first_at, b.stage_entered_at)
from public.batches b
join public.floor_queues q on q.type_definition_id = b.type_definition_id and q.stage = b.current_stage
join public.floor_items fi on fi.batch_id = b.id
join seed_floor_ops op on b.current_stage = any (op.stages)
left join lateral (select min(a.created_at) as first_at from public.floor_actions a where a.batch_id = b.id
                   and a.stage = b.current_stage) w on true
where b.org_id = '20000000-0000-4000-8000-000000000001' and not b.is_complete;

-- a queue that is not a stage: touch-ups at the finishing booth, busy this last hour or two
insert into public.floor_queues (id, org_id, name, location_id, team_id, max_items, priority_rules) values
  ('87000000-0000-4000-8000-000000000108', '20000000-0000-4000-8000-000000000001', 'Touch-up',
   '30000000-0000-4000-8000-000000000103', '40000000-0000-4000-8000-000000000101', 8,
   '[{"condition": "priority = rush", "priority": "urgent"}]');
insert into public.floor_queue_items (org_id, queue_id, item_id, priority, status, added_at, added_by, assigned_to,
                                      assigned_at, started_at, completed_at, completed_by, estimated_duration_minutes,
                                      updated_at)
select fi.org_id, '87000000-0000-4000-8000-000000000108', fi.id, t.priority::public.floor_priority,
       t.status::public.floor_queue_item_status, now() - make_interval(mins => t.added),
       '60000000-0000-4000-8000-000000000103',
       case when t.status <> 'waiting' then '60000000-0000-4000-8000-000000000105'::uuid end,
       case when t.status <> 'waiting' then now() - make_interval(mins => t.started) end,
       case when t.status <> 'waiting' then now() - make_interval(mins => t.started) end,
       case when t.status = 'completed' then now() - make_interval(mins => t.done) end,
       case when t.status = 'completed' then '60000000-0000-4000-8000-000000000105'::uuid end,
       20, now() - make_interval(mins => least(t.added, coalesce(t.done, t.started, t.added)))
from (values (1, 'normal', 'completed', 110, 95, 70), (2, 'high', 'completed', 100, 68, 45),
             (3, 'normal', 'completed', 80, 44, 25), (4, 'normal', 'in_progress', 60, 22, null),
             (5, 'low', 'waiting', 8, null, null)) as t (unit, priority, status, added, started, done)
join lateral (select bo.order_id from public.batch_orders bo
              where bo.batch_id = '83000000-0000-4000-8000-000000000009'
              order by bo.order_id offset t.unit - 1 limit 1) u on true
join public.floor_items fi on fi.order_id = u.order_id;

-- ------------------------------------------------------------------ session counters
update public.floor_sessions s set
  scans_count = (select count(*) from public.floor_scans sc where sc.session_id = s.id),
  actions_completed = (select count(*) from public.floor_actions a where a.session_id = s.id and a.status = 'completed'),
  items_processed = (select count(*) from public.floor_queue_items qi
                     where qi.completed_by = s.member_id and qi.status = 'completed'
                       and qi.completed_at between s.started_at and coalesce(s.ended_at, now())),
  current_item_id = (select sc.item_id from public.floor_scans sc where sc.session_id = s.id and sc.item_id is not null
                     order by sc.scan_time desc limit 1),
  current_stage = (select b.current_stage from public.floor_scans sc join public.floor_items fi on fi.id = sc.item_id
                   join public.batches b on b.id = fi.batch_id where sc.session_id = s.id order by sc.scan_time desc limit 1),
  current_type_definition_id = (select b.type_definition_id from public.floor_scans sc join public.floor_items fi on fi.id = sc.item_id
                         join public.batches b on b.id = fi.batch_id where sc.session_id = s.id order by sc.scan_time desc limit 1)
where s.org_id = '20000000-0000-4000-8000-000000000001';


-- ===== Birch & Bobbin: garments on their own workflow =====
-- Birch follows the system batch type 'Garment' (Cutting → Printing → Sewing → QC → Packing → Shipped,
-- rework QC → Sewing), so its board, floor and tracking pages show garment stages. One model with hours
-- per garment stage, a customer, eight orders: B-1 at Cutting, B-2 at Sewing, two waiting for a batch.
-- Fixed UUIDs: 8000…0201 model, 8100…1001 customer, 8200…10NN orders, 8300…02NN batches.
-- (orders still carry a wood: the catalogue is the headphone one until garment production, issue 14.)
select set_config('request.jwt.claims',
  '{"sub": "50000000-0000-4000-8000-000000000012", "role": "authenticated", "email": "manager@birch.test"}', true);

update public.batch_settings set default_type_id = app.batch_type_id('garment'), hours_per_day = 24
  where org_id = '20000000-0000-4000-8000-000000000002';

insert into public.headphone_models (id, org_id, name, sku_prefix, complexity, base_production_hours, wood_types,
                                     base_price, description) values
  ('80000000-0000-4000-8000-000000000201', '20000000-0000-4000-8000-000000000002', 'Linen work shirt', 'LWS', 'low',
   3.0, array['Walnut']::public.wood_type[], 2450.00, 'Washed linen, printed yoke, corozo buttons.');
insert into public.model_production_stages (org_id, model_id, stage, estimated_hours, quality_checklist, display_order)
select '20000000-0000-4000-8000-000000000002', '80000000-0000-4000-8000-000000000201', s.stage, s.hours, s.checklist::jsonb,
       app.stage_position(app.batch_type_id('garment'), s.stage)
from (values
  ('Cutting', 0.5, '[{"key": "grain", "label": "Cut on the grain line", "required": true}]'),
  ('Printing', 0.5, '[{"key": "registration", "label": "Print registered on the yoke", "required": true}]'),
  ('Sewing', 1.5, '[{"key": "seams", "label": "Seams flat, 12 stitches per inch", "required": true}]'),
  ('QC', 0.25, '[{"key": "measure", "label": "Measured against the size chart", "required": true},
                 {"key": "threads", "label": "Loose threads trimmed"}]'),
  ('Packing', 0.25, '[{"key": "folded", "label": "Folded with tissue and care card", "required": true}]')
) as s (stage, hours, checklist);

insert into public.customers (id, org_id, name, email, phone, shipping_address) values
  ('81000000-0000-4000-8000-000000001001', '20000000-0000-4000-8000-000000000002', 'Marisol Reyes',
   'marisol.reyes@example.com', '+63 917 555 0101',
   '{"address1": "12 Kalayaan Ave", "city": "Quezon City", "zip": "1101", "country_code": "PH", "country": "Philippines"}');

insert into public.orders (id, org_id, order_number, customer_id, model_id, wood_type, customizations, priority, due_date,
                           price, created_at)
select ('82000000-0000-4000-8000-' || lpad((1000 + i)::text, 12, '0'))::uuid, '20000000-0000-4000-8000-000000000002',
       'BB-' || (100 + i), '81000000-0000-4000-8000-000000001001', '80000000-0000-4000-8000-000000000201', 'Walnut',
       jsonb_build_object('size', (array['S', 'M', 'L', 'XL'])[1 + i % 4]), 'standard',
       (now() + make_interval(days => 10 + i))::date, 2450.00, now() - make_interval(days => 6 - i % 3)
from generate_series(1, 8) i;

insert into public.batches (id, org_id, batch_number, target_completion, created_at) values
  ('83000000-0000-4000-8000-000000000201', '20000000-0000-4000-8000-000000000002', 'B-1', (now() + interval '9 days')::date,
   now() - interval '2 days'),
  ('83000000-0000-4000-8000-000000000202', '20000000-0000-4000-8000-000000000002', 'B-2', (now() + interval '5 days')::date,
   now() - interval '4 days');
insert into app.org_counters (org_id, kind, value) values ('20000000-0000-4000-8000-000000000002', 'batch', 2)
on conflict (org_id, kind) do update set value = greatest(app.org_counters.value, excluded.value);
insert into public.batch_orders (org_id, batch_id, order_id)
select '20000000-0000-4000-8000-000000000002',
       case when i <= 3 then '83000000-0000-4000-8000-000000000201' else '83000000-0000-4000-8000-000000000202' end::uuid,
       ('82000000-0000-4000-8000-' || lpad((1000 + i)::text, 12, '0'))::uuid
from generate_series(1, 6) i;
-- B-2 moves through the real trigger, so its events and history are the floor's
update public.batches set current_stage = 'Printing' where id = '83000000-0000-4000-8000-000000000202';
update public.batches set current_stage = 'Sewing' where id = '83000000-0000-4000-8000-000000000202';

select set_config('request.jwt.claims', '', true);

-- ------------------------------------------------------------------ garment product types (issue 14)
-- Birch's kinds of garment (spec 03 §2): styles (cutting) and sewing operation lists hang off them.
-- Fixed UUIDs a0000000-…-0000000002NN (garment ids use the a… prefixes: CONTRACT-CHANGES.md).
insert into public.product_types (id, org_id, code, name) values
  ('a0000000-0000-4000-8000-000000000201', '20000000-0000-4000-8000-000000000002', 'T-SHIRT', 'T-shirt'),
  ('a0000000-0000-4000-8000-000000000202', '20000000-0000-4000-8000-000000000002', 'POLO', 'Polo shirt'),
  ('a0000000-0000-4000-8000-000000000203', '20000000-0000-4000-8000-000000000002', 'PANTS', 'Pants'),
  ('a0000000-0000-4000-8000-000000000204', '20000000-0000-4000-8000-000000000002', 'DRESS', 'Dress');

-- ------------------------------------------------------------------ sewing operations (issue 14)
-- Birch's operation lists (spec 03 §6.3) with SMVs (standard minutes per piece) and piece rates (₱ per
-- good piece), as a Philippine knit/woven line runs them; depends_on by sequence within the type.
-- Fixed UUIDs a5000000-…-00000000TSSS (T = 1 T-shirt, 2 polo, 3 pants; SSS = sequence). Created 60 days
-- ago so the rate history covers the seeded four weeks; T-shirt side seams went ₱1.35 → ₱1.45 two weeks ago.
with ops (t, seq, name, machine, skill, smv, rate, deps, qc, defects) as (values
  (1, 1, 'Join shoulders', 'OVERLOCK', 'BEGINNER', 0.35, 0.60, '{}'::int[], false, '[{"code": "OPEN_SEAM", "label": "Open seam"}, {"code": "UNEVEN_SHOULDER", "label": "Uneven shoulder"}]'),
  (1, 2, 'Attach neck rib', 'OVERLOCK', 'INTERMEDIATE', 0.45, 0.75, '{1}', false, '[{"code": "TWISTED_RIB", "label": "Twisted rib"}, {"code": "PUCKERING", "label": "Puckering"}]'),
  (1, 3, 'Topstitch neck', 'COVERSTITCH', 'INTERMEDIATE', 0.40, 0.70, '{2}', false, '[{"code": "SKIPPED_STITCH", "label": "Skipped stitch"}]'),
  (1, 4, 'Attach back neck tape', 'FLATBED', 'INTERMEDIATE', 0.50, 0.85, '{3}', false, '[{"code": "CROOKED_TAPE", "label": "Crooked tape"}]'),
  (1, 5, 'Attach sleeves', 'OVERLOCK', 'INTERMEDIATE', 0.80, 1.30, '{1}', false, '[{"code": "PUCKERING", "label": "Puckering"}, {"code": "OPEN_SEAM", "label": "Open seam"}]'),
  (1, 6, 'Close side seams', 'OVERLOCK', 'INTERMEDIATE', 0.90, 1.45, '{4,5}', false, '[{"code": "MISMATCHED_SEAM", "label": "Mismatched underarm"}, {"code": "OPEN_SEAM", "label": "Open seam"}]'),
  (1, 7, 'Hem sleeves', 'COVERSTITCH', 'INTERMEDIATE', 0.55, 0.90, '{6}', false, '[{"code": "UNEVEN_HEM", "label": "Uneven hem"}]'),
  (1, 8, 'Hem bottom', 'COVERSTITCH', 'INTERMEDIATE', 0.50, 0.85, '{6}', false, '[{"code": "UNEVEN_HEM", "label": "Uneven hem"}, {"code": "SKIPPED_STITCH", "label": "Skipped stitch"}]'),
  (1, 9, 'Attach care label', 'FLATBED', 'BEGINNER', 0.25, 0.40, '{6}', false, '[{"code": "WRONG_LABEL", "label": "Wrong label"}]'),
  (1, 10, 'Trim and inspect', 'HAND', 'BEGINNER', 0.60, 0.95, '{7,8,9}', true, '[{"code": "SKIPPED_STITCH", "label": "Skipped stitch"}, {"code": "OPEN_SEAM", "label": "Open seam"}, {"code": "STAIN", "label": "Stain"}, {"code": "HOLE", "label": "Hole"}, {"code": "UNEVEN_HEM", "label": "Uneven hem"}]'),
  (2, 1, 'Make placket', 'FLATBED', 'EXPERT', 1.20, 2.00, '{}', false, '[{"code": "CROOKED_PLACKET", "label": "Crooked placket"}]'),
  (2, 2, 'Join shoulders', 'OVERLOCK', 'BEGINNER', 0.40, 0.65, '{}', false, '[{"code": "OPEN_SEAM", "label": "Open seam"}]'),
  (2, 3, 'Attach collar', 'FLATBED', 'EXPERT', 1.10, 1.85, '{1,2}', false, '[{"code": "COLLAR_OFF_CENTRE", "label": "Collar off centre"}, {"code": "PUCKERING", "label": "Puckering"}]'),
  (2, 4, 'Topstitch collar', 'FLATBED', 'INTERMEDIATE', 0.70, 1.15, '{3}', false, '[{"code": "SKIPPED_STITCH", "label": "Skipped stitch"}]'),
  (2, 5, 'Attach sleeves', 'OVERLOCK', 'INTERMEDIATE', 0.85, 1.40, '{2}', false, '[{"code": "PUCKERING", "label": "Puckering"}]'),
  (2, 6, 'Close side seams', 'OVERLOCK', 'INTERMEDIATE', 0.95, 1.55, '{4,5}', false, '[{"code": "MISMATCHED_SEAM", "label": "Mismatched underarm"}]'),
  (2, 7, 'Hem sleeves', 'COVERSTITCH', 'INTERMEDIATE', 0.60, 1.00, '{6}', false, '[{"code": "UNEVEN_HEM", "label": "Uneven hem"}]'),
  (2, 8, 'Hem bottom', 'COVERSTITCH', 'INTERMEDIATE', 0.55, 0.90, '{6}', false, '[{"code": "UNEVEN_HEM", "label": "Uneven hem"}]'),
  (2, 9, 'Buttonholes', 'BUTTONHOLE', 'INTERMEDIATE', 0.45, 0.75, '{4}', false, '[{"code": "CUT_OPEN", "label": "Buttonhole not cut"}]'),
  (2, 10, 'Attach buttons', 'BUTTON_ATTACH', 'BEGINNER', 0.40, 0.65, '{9}', false, '[{"code": "LOOSE_BUTTON", "label": "Loose button"}]'),
  (2, 11, 'Final inspection', 'HAND', 'INTERMEDIATE', 0.80, 1.30, '{7,8,10}', true, '[{"code": "SKIPPED_STITCH", "label": "Skipped stitch"}, {"code": "COLLAR_OFF_CENTRE", "label": "Collar off centre"}, {"code": "STAIN", "label": "Stain"}, {"code": "LOOSE_BUTTON", "label": "Loose button"}, {"code": "HOLE", "label": "Hole"}]'),
  (3, 1, 'Overlock panels', 'OVERLOCK', 'BEGINNER', 1.20, 1.90, '{}', false, '[{"code": "OPEN_SEAM", "label": "Open seam"}]'),
  (3, 2, 'Attach back pockets', 'FLATBED', 'INTERMEDIATE', 1.80, 2.90, '{1}', false, '[{"code": "POCKET_UNEVEN", "label": "Pockets uneven"}]'),
  (3, 3, 'Make front pockets', 'FLATBED', 'INTERMEDIATE', 2.10, 3.40, '{1}', false, '[{"code": "POCKET_UNEVEN", "label": "Pockets uneven"}, {"code": "PUCKERING", "label": "Puckering"}]'),
  (3, 4, 'Attach zipper fly', 'FLATBED', 'EXPERT', 2.00, 3.25, '{3}', false, '[{"code": "ZIP_WAVY", "label": "Wavy zip"}, {"code": "ZIP_EXPOSED", "label": "Zip teeth showing"}]'),
  (3, 5, 'Join crotch seam', 'FLATBED', 'INTERMEDIATE', 0.90, 1.45, '{2,4}', false, '[{"code": "MISMATCHED_SEAM", "label": "Mismatched crotch"}]'),
  (3, 6, 'Join side seams', 'OVERLOCK', 'INTERMEDIATE', 1.10, 1.80, '{5}', false, '[{"code": "OPEN_SEAM", "label": "Open seam"}]'),
  (3, 7, 'Join inseam', 'FEED_OFF_ARM', 'EXPERT', 1.00, 1.60, '{6}', false, '[{"code": "SKIPPED_STITCH", "label": "Skipped stitch"}]'),
  (3, 8, 'Attach waistband', 'FLATBED', 'EXPERT', 1.70, 2.75, '{7}', false, '[{"code": "WAIST_TWISTED", "label": "Twisted waistband"}, {"code": "PUCKERING", "label": "Puckering"}]'),
  (3, 9, 'Attach belt loops', 'BARTACK', 'INTERMEDIATE', 0.90, 1.45, '{8}', false, '[{"code": "LOOP_MISSING", "label": "Loop missing"}]'),
  (3, 10, 'Buttonhole and button', 'BUTTONHOLE', 'INTERMEDIATE', 0.60, 1.00, '{8}', false, '[{"code": "LOOSE_BUTTON", "label": "Loose button"}]'),
  (3, 11, 'Hem legs', 'BLINDSTITCH', 'INTERMEDIATE', 0.80, 1.30, '{7}', false, '[{"code": "UNEVEN_HEM", "label": "Uneven hem"}]'),
  (3, 12, 'Final inspection', 'HAND', 'INTERMEDIATE', 1.00, 1.60, '{9,10,11}', true, '[{"code": "SKIPPED_STITCH", "label": "Skipped stitch"}, {"code": "ZIP_WAVY", "label": "Wavy zip"}, {"code": "STAIN", "label": "Stain"}, {"code": "UNEVEN_HEM", "label": "Uneven hem"}, {"code": "HOLE", "label": "Hole"}]')
), ided as (
  select ('a5000000-0000-4000-8000-' || lpad((t * 1000 + seq)::text, 12, '0'))::uuid as id,
         ('a0000000-0000-4000-8000-00000000020' || t)::uuid as product_type_id, *,
         array(select ('a5000000-0000-4000-8000-' || lpad((t * 1000 + d)::text, 12, '0'))::uuid from unnest(deps) d order by d) as dep_ids
  from ops
)
insert into public.sewing_operations (id, org_id, product_type_id, name, sequence_number, standard_minutes, piece_rate,
                                      machine_type, skill_level, depends_on, has_qc_checkpoint, defect_codes, created_by,
                                      created_at)
select id, '20000000-0000-4000-8000-000000000002', product_type_id, name, seq, smv, rate,
       machine::public.sewing_machine_type, skill::public.sewing_skill_level, dep_ids, qc, defects::jsonb,
       (select m.id from public.members m where m.user_id = '50000000-0000-4000-8000-000000000012'
          and m.org_id = '20000000-0000-4000-8000-000000000002'),
       now() - interval '60 days'
from ided order by t, seq;
-- the rate change two weeks ago (history rows as the trigger would have written them then)
update public.sewing_operation_rates set piece_rate = 1.35
  where operation_id = 'a5000000-0000-4000-8000-000000001006';
insert into public.sewing_operation_rates (org_id, operation_id, piece_rate, standard_minutes, effective_from)
values ('20000000-0000-4000-8000-000000000002', 'a5000000-0000-4000-8000-000000001006', 1.45, 0.90,
        now() - interval '14 days');

-- ------------------------------------------------------------------ SMS (issue 13, docs/sms.md)
-- Both workshops text through the local stack's fake gateway (supabase/local/sms-gateway) with its
-- public development credentials: Semaphore first (Philippine numbers), then Twilio, then Movider.
-- Automatic texts stay off (a manager turns them on per status); the spec's templates plus the ones
-- a workshop needs. Three Aurora customers opted in (one Philippine mobile, two US numbers).
update public.sms_settings s set enabled = true, provider_order = '{semaphore,twilio,movider}',
  senders = '{"semaphore": "FLOORLINE", "twilio": "+15005550006", "movider": "FLOORLINE"}',
  default_country = 'PH', link_base_url = 'http://localhost:3000',
  configured_providers = '{semaphore,twilio,movider}'
where s.org_id in ('20000000-0000-4000-8000-000000000001', '20000000-0000-4000-8000-000000000002');
insert into app.sms_credentials (org_id, provider, secrets)
select o.id, c.provider, c.secrets
from (values ('20000000-0000-4000-8000-000000000001'::uuid), ('20000000-0000-4000-8000-000000000002'::uuid)) o (id)
cross join (values
  ('semaphore'::public.sms_provider, '{"apiKey": "floorline-dev-semaphore-apikey"}'::jsonb),
  ('twilio', '{"accountSid": "AC0f100d11e0de00000000000000000001", "authToken": "0f100d11e0de0000000000000000a7a7"}'),
  ('movider', '{"apiKey": "floorline-dev-movider-key", "apiSecret": "floorline-dev-movider-secret"}')) c (provider, secrets);
-- fixed callback secrets, so demo report URLs stay valid across resets (public, like the demo keys)
update app.sms_callback_secrets set secret = 'demo-sms-callback-secret-aurora-0000000001'
  where org_id = '20000000-0000-4000-8000-000000000001';
update app.sms_callback_secrets set secret = 'demo-sms-callback-secret-birch-00000000002'
  where org_id = '20000000-0000-4000-8000-000000000002';

-- the organisations were created with the starter templates (app.sms_org_created); the demo keeps the
-- same ones under fixed ids, which tests and links name
delete from public.sms_templates
  where org_id in ('20000000-0000-4000-8000-000000000001', '20000000-0000-4000-8000-000000000002');
insert into public.sms_templates (id, org_id, name, description, body, variables, order_status)
select ('86000000-0000-4000-8000-' || lpad((o.n * 10 + t.n)::text, 12, '0'))::uuid, o.id, t.name, t.description,
       t.body, t.variables, t.status
from (values (0, '20000000-0000-4000-8000-000000000001'::uuid), (1, '20000000-0000-4000-8000-000000000002'::uuid)) o (n, id)
cross join (values
  (1, 'Order Confirmation', 'Spec 03''s template: sent when an order is received.',
   'Hi {NAME}, your order {ORDER_NUMBER} has been confirmed!', '{NAME,ORDER_NUMBER}'::text[], 'pending'::public.order_status),
  (2, 'In production', 'Work on the order has started.',
   'Hi {NAME}, good news: order {ORDER_NUMBER} is now in production. Follow it here: {TRACKING_LINK}',
   '{NAME,ORDER_NUMBER,TRACKING_LINK}', 'in_production'),
  (3, 'Ready', 'Made and checked; waiting to go out or be picked up.',
   'Hi {NAME}, order {ORDER_NUMBER} is ready. {WORKSHOP}', '{NAME,ORDER_NUMBER,WORKSHOP}', 'ready_to_ship'),
  (4, 'Shipped', 'On its way, with the tracking link.',
   'Hi {NAME}, order {ORDER_NUMBER} has shipped! Track it: {TRACKING_LINK}', '{NAME,ORDER_NUMBER,TRACKING_LINK}', 'shipped'),
  (5, 'Ticket called', 'A customer''s queue ticket is called to a counter.',
   '{NAME}, ticket {TICKET_NUMBER} is being called. Please come to {COUNTER}.', '{NAME,TICKET_NUMBER,COUNTER}', null),
  (6, 'Pickup reminder', 'A nudge for orders waiting at the counter.',
   'Hi {NAME}, order {ORDER_NUMBER} is still waiting for you at {WORKSHOP}.', '{NAME,ORDER_NUMBER,WORKSHOP}', null)
) t (n, name, description, body, variables, status);

insert into public.sms_customer_consents (org_id, customer_id, phone, opted_in, opted_in_at, phone_verified_at)
select '20000000-0000-4000-8000-000000000001', ('81000000-0000-4000-8000-' || lpad(i::text, 12, '0'))::uuid,
       '+6391712345' || lpad(i::text, 2, '0'), true, now() - interval '20 days', now() - interval '20 days'
from generate_series(1, 1) i;
-- two opted in with US numbers: Semaphore skips them, Twilio delivers with reports
insert into public.sms_customer_consents (org_id, customer_id, phone, opted_in, opted_in_at, phone_verified_at)
select '20000000-0000-4000-8000-000000000001', ('81000000-0000-4000-8000-' || lpad(i::text, 12, '0'))::uuid,
       '+141555501' || lpad(i::text, 2, '0'), true, now() - interval '20 days', now() - interval '20 days'
from generate_series(2, 3) i;
-- the cron job calls `npm run dev`'s app with the public development secret (lib/sms/api/cron.ts)
insert into app.sms_job_settings (key, value) values
  ('app_url', 'http://127.0.0.1:3000'), ('cron_secret', 'floorline-dev-sms-cron-secret');

-- Customer queue (issue 15, docs/virtual-queues.md): Aurora's front counter for repair drop-off and
-- order pickup, two counters. Public development tokens (never a real workshop's): the poster's link
-- /q/demo-aurora-front-counter and the waiting-room display /q/d/demo-aurora-front-display.
insert into public.floor_queues (id, org_id, name, location_id) values
  ('87000000-0000-4000-8000-000000000201', '20000000-0000-4000-8000-000000000001', 'Front counter',
   '30000000-0000-4000-8000-000000000101');
insert into public.sms_templates (id, org_id, name, description, body, variables)
select ('86000000-0000-4000-8000-0000000001' || t.n)::uuid, '20000000-0000-4000-8000-000000000001', t.name, t.description,
       t.body, t.variables
from (values
  ('01', 'Queue joined', 'A customer joined a queue (with the ticket link).',
   'You are {TICKET_NUMBER} at {WORKSHOP} ({QUEUE}). Follow your place: {TICKET_LINK}', '{TICKET_NUMBER,WORKSHOP,QUEUE,TICKET_LINK}'::text[]),
  ('02', 'Queue nearly your turn', 'A waiting ticket reached the front of the queue.',
   '{TICKET_NUMBER}: nearly your turn at {WORKSHOP} ({POSITION} ahead or next). Please come back to the counter.',
   '{TICKET_NUMBER,WORKSHOP,POSITION}'),
  ('03', 'Queue no-show', 'A called customer did not come.',
   '{TICKET_NUMBER} was called at {WORKSHOP} but we missed you. Join again when you are here.', '{TICKET_NUMBER,WORKSHOP}'),
  ('04', 'Queue expired', 'A ticket waited past its time limit.',
   '{TICKET_NUMBER} at {WORKSHOP} has expired. Join again any time.', '{TICKET_NUMBER,WORKSHOP}')
) t (n, name, description, body, variables);
insert into public.customer_queue_settings (queue_id, org_id, letter, ticket_type_ids, join_mode, ticket_ttl_minutes,
                                            default_service_minutes, join_token_hash, sms_templates)
select '87000000-0000-4000-8000-000000000201', '20000000-0000-4000-8000-000000000001', 'A',
       array(select d.id from public.type_definitions d where d.org_id is null and d.subject = 'ticket'
               and d.type_code in ('repair', 'pickup') order by d.type_code desc),
       'both', 240, 6, app.tracking_token_hash('demo-aurora-front-counter'),
       jsonb_build_object('joined', '86000000-0000-4000-8000-000000000101', 'near', '86000000-0000-4000-8000-000000000102',
                          'called', '86000000-0000-4000-8000-000000000005', 'no_show', '86000000-0000-4000-8000-000000000103',
                          'expired', '86000000-0000-4000-8000-000000000104');
update public.customer_queue_settings set display_token_hash = app.tracking_token_hash('demo-aurora-front-display')
  where queue_id = '87000000-0000-4000-8000-000000000201';
insert into public.customer_queue_counters (id, org_id, queue_id, label) values
  ('87000000-0000-4000-8000-000000000211', '20000000-0000-4000-8000-000000000001', '87000000-0000-4000-8000-000000000201', '1'),
  ('87000000-0000-4000-8000-000000000212', '20000000-0000-4000-8000-000000000001', '87000000-0000-4000-8000-000000000201', '2');

-- ------------------------------------------------------------------ garment cutting demo (issue 14)
-- Birch's cutting room over the last four weeks (docs/garment.md): three styles, a cut order per style
-- per week (two for customer orders), two lays each, a completed cutting run per lay (two cutters, two
-- machines) and the numbered bundles each made — except today's: one lay is being cut (a run in
-- progress) and one is planned. Bundles cut more than 5 days ago are sewn, the later ones in sewing on
-- line 1 or 2, the newest cut lay's (L-1022) still cut; every move went through the bundle trigger (history
-- back-dated to when it happened). garment-sew's sewing runs are seeded on these bundles below.
-- Set-based (a few statements, no per-row loops). Fixed UUIDs: a1…02NN styles, a2…0NNN cut orders,
-- a3…0NNN lays, a4…0NNN cutting runs, a41…NNNN bundles (NNNN = bundle number).
insert into auth.users (instance_id, id, aud, role, email, encrypted_password, email_confirmed_at, confirmation_token,
                        recovery_token, email_change, raw_app_meta_data, raw_user_meta_data, created_at, updated_at)
select '00000000-0000-0000-0000-000000000000', p.id::uuid, 'authenticated', 'authenticated', p.email, null, now(), '', '', '',
       '{"provider": "email", "providers": ["email"]}', jsonb_build_object('full_name', p.name), now(), now()
from (values ('50000000-0000-4000-8000-000000000031', 'birch.bir-cut-1@operators.floorline.invalid', 'Dante Villareal'),
             ('50000000-0000-4000-8000-000000000032', 'birch.bir-cut-2@operators.floorline.invalid', 'Mika Santos')) p (id, email, name);
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
    execute format('update auth.users set %I = '''' where %I is null and id::text like ''50000000-%%-00000000003_''', c, c);
  end loop;
end $$;
insert into public.members (id, org_id, user_id, role, display_name, team_id, location_id, badge_code, pin_hash, pin_changed_at)
select m.id::uuid, '20000000-0000-4000-8000-000000000002', m.user_id::uuid, 'operator', m.name,
       '40000000-0000-4000-8000-000000000201', '30000000-0000-4000-8000-000000000201', m.badge,
       extensions.crypt('1234', extensions.gen_salt('bf', 10)), now()
from (values ('60000000-0000-4000-8000-000000000231', '50000000-0000-4000-8000-000000000031', 'Dante Villareal', 'BIR-CUT-1'),
             ('60000000-0000-4000-8000-000000000232', '50000000-0000-4000-8000-000000000032', 'Mika Santos', 'BIR-CUT-2'))
  m (id, user_id, name, badge);

insert into public.styles (id, org_id, product_type_id, code, name, description, default_fabric, cutting_minutes_per_ply) values
  ('a1000000-0000-4000-8000-000000000201', '20000000-0000-4000-8000-000000000002', 'a0000000-0000-4000-8000-000000000201',
   'TS-CREW', 'Crew-neck tee', 'Regular fit, ribbed neck, twin-needle hems.', 'Cotton jersey 180 gsm', 0.45),
  ('a1000000-0000-4000-8000-000000000202', '20000000-0000-4000-8000-000000000002', 'a0000000-0000-4000-8000-000000000202',
   'PL-PIQUE', 'Piqué polo', 'Two-button placket, knitted collar.', 'Cotton piqué 220 gsm', 0.60),
  ('a1000000-0000-4000-8000-000000000203', '20000000-0000-4000-8000-000000000002', 'a0000000-0000-4000-8000-000000000203',
   'PN-CHINO', 'Chino pants', 'Slant pockets, zip fly.', 'Cotton twill 260 gsm', 0.80);

-- the seed's plan: week w (0 = this week … 3), style s (1 tee, 2 polo, 3 pants), lay n (1, 2)
create temporary table garment_seed_lays as
select w, s, n, (w * 3 + s) as co, ((3 - w) * 3 + s - 1) * 2 + n as k,
       (array['a1000000-0000-4000-8000-000000000201', 'a1000000-0000-4000-8000-000000000202',
              'a1000000-0000-4000-8000-000000000203'])[s]::uuid as style_id,
       case when s = 1 and n = 2 then 'White' else (array['Navy', 'Black', 'Khaki'])[s] end as lay_colour,
       (array['Cotton jersey 180 gsm', 'Cotton piqué 220 gsm', 'Cotton twill 260 gsm'])[s] as fabric,
       (array['{"S": 1, "M": 2, "L": 2, "XL": 1}', '{"S": 1, "M": 2, "L": 1, "XL": 1}',
              '{"28": 1, "30": 2, "32": 2, "34": 1, "36": 1}'])[s]::jsonb as ratio,
       (array[20, 20, 15])[s] as bundle_size,
       (array[6.40, 5.80, 7.90])[s] + n * 0.1 as marker_m,
       (array[0.21, 0.26, 0.33])[s] as kg_per_m,
       32 + ((w * 7 + s * 5 + n * 3) % 17) as plies,
       -- lay k (1 oldest … 24 newest) is spread across the last four weeks; the two newest today
       case when ((3 - w) * 3 + s - 1) * 2 + n >= 23
            then now() - make_interval(hours => 25 - (((3 - w) * 3 + s - 1) * 2 + n))
            else date_trunc('day', now() - make_interval(days => round((24 - (((3 - w) * 3 + s - 1) * 2 + n)) * 27.0 / 23)::integer))
                 + make_interval(hours => 1 + n * 2) end as spread_at
from generate_series(0, 3) w, generate_series(1, 3) s, generate_series(1, 2) n;

insert into public.cut_orders (id, org_id, style_id, order_id, due_date, notes, created_at)
select distinct on (g.co) ('a2000000-0000-4000-8000-' || lpad(g.co::text, 12, '0'))::uuid,
       '20000000-0000-4000-8000-000000000002', g.style_id,
       case g.co when 1 then '82000000-0000-4000-8000-000000001007'::uuid when 2 then '82000000-0000-4000-8000-000000001008'::uuid end,
       (g.spread_at + interval '12 days')::date, case when g.co in (1, 2) then 'For the customer order' end,
       g.spread_at - interval '1 day'
from garment_seed_lays g order by g.co desc, g.n;
insert into public.cut_order_lines (org_id, cut_order_id, size, colour, quantity)
select '20000000-0000-4000-8000-000000000002', ('a2000000-0000-4000-8000-' || lpad(g.co::text, 12, '0'))::uuid, r.key,
       g.lay_colour, sum((r.value #>> '{}')::integer * g.plies)
from garment_seed_lays g cross join lateral jsonb_each(g.ratio) r
group by g.co, r.key, g.lay_colour;

insert into public.lays (id, org_id, cut_order_id, fabric, colour, shade, marker_length_m, marker_width_cm, plies, size_ratio,
                         bundle_size, location_id, created_at)
select ('a3000000-0000-4000-8000-' || lpad(g.k::text, 12, '0'))::uuid, '20000000-0000-4000-8000-000000000002',
       ('a2000000-0000-4000-8000-' || lpad(g.co::text, 12, '0'))::uuid, g.fabric, g.lay_colour,
       case when g.k % 5 = 0 then 'B' else 'A' end, g.marker_m, 160, g.plies, g.ratio, g.bundle_size,
       '30000000-0000-4000-8000-000000000201', g.spread_at
from garment_seed_lays g order by g.k;

-- a run per lay except the newest (k = 24: planned); k = 23 is being cut now
insert into public.cutting_runs (id, org_id, lay_id, cutter_id, machine, start_time)
select ('a4000000-0000-4000-8000-' || lpad(g.k::text, 12, '0'))::uuid, '20000000-0000-4000-8000-000000000002',
       ('a3000000-0000-4000-8000-' || lpad(g.k::text, 12, '0'))::uuid,
       case when g.k % 2 = 0 then '60000000-0000-4000-8000-000000000231' else '60000000-0000-4000-8000-000000000232' end::uuid,
       case when g.s = 3 then 'Band knife' else 'Straight knife 1' end,
       case when g.k = 23 then now() - interval '25 minutes' else g.spread_at + interval '40 minutes' end
from garment_seed_lays g where g.k < 24 order by g.k;
update public.cutting_runs r
set status = 'COMPLETED', plies_cut = g.plies,
    defective_units = (g.k * 7) % 4,
    paused_minutes = case when g.k % 3 = 0 then 6 else 0 end,
    -- cut at 85–115 % of the standard time (the style's minutes per ply × plies), plus any pause
    end_time = r.start_time + make_interval(mins => round(g.plies * (array[0.45, 0.60, 0.80])[g.s]
                                                         * (0.85 + ((g.k * 13) % 31) / 100.0) + case when g.k % 3 = 0 then 6 else 0 end)::integer),
    fabric_used_kg = round(g.marker_m * g.plies * g.kg_per_m, 2),
    wastage_kg = round(g.marker_m * g.plies * g.kg_per_m * (0.04 + ((g.k * 11) % 6) / 100.0), 2)
from garment_seed_lays g
where r.id = ('a4000000-0000-4000-8000-' || lpad(g.k::text, 12, '0'))::uuid and g.k < 23;

-- the bundles each completed run made (app.cut_lay_bundles' arithmetic, set-based, back-dated)
insert into public.bundles (id, org_id, bundle_number, style_id, cut_order_id, lay_id, cutting_run_id, size, colour, shade,
                            quantity, location_id, created_by, created_at)
select ('a4100000-0000-4000-8000-' || lpad((100 + x.rn)::text, 12, '0'))::uuid, '20000000-0000-4000-8000-000000000002',
       100 + x.rn, l.style_id, l.cut_order_id, l.id, r.id, x.size, l.colour, l.shade, x.quantity, l.location_id, r.cutter_id,
       r.end_time
from (select p.lay_id, p.size, p.quantity,
             row_number() over (order by p.lay_number, app.size_rank(p.size), p.size, p.part) as rn
      from (select l.id as lay_id, l.lay_number, e.key as size, g as part,
                   least(l.bundle_size, (e.value #>> '{}')::integer * l.plies - (g - 1) * l.bundle_size) as quantity
            from public.lays l
            join public.cutting_runs r on r.lay_id = l.id and r.status = 'COMPLETED'
            cross join lateral jsonb_each(l.size_ratio) e
            cross join lateral generate_series(1, ceil(((e.value #>> '{}')::integer * l.plies)::numeric / l.bundle_size)::integer) g
            where l.org_id = '20000000-0000-4000-8000-000000000002') p) x
join public.lays l on l.id = x.lay_id
join public.cutting_runs r on r.lay_id = l.id;
update public.lays l set status = 'cut' where exists (select 1 from public.bundles b where b.lay_id = l.id);
insert into app.org_counters (org_id, kind, value)
select '20000000-0000-4000-8000-000000000002', 'bundle', max(bundle_number) from public.bundles
where org_id = '20000000-0000-4000-8000-000000000002'
on conflict (org_id, kind) do update set value = greatest(app.org_counters.value, excluded.value);

-- down the line: into sewing a day after cutting (line 1 tees and pants, line 2 polos), sewn two days later
-- (clear the transition name an earlier batch move of this transaction left behind)
select set_config('floorline.fsm_device', 'BIR-LINE-TABLET', true), set_config('floorline.fsm_transition', '', true),
       set_config('floorline.fsm_reason', '', true);
update public.bundles b set status = 'in_sewing',
       location_id = case when b.style_id = 'a1000000-0000-4000-8000-000000000202' then '30000000-0000-4000-8000-000000000203'
                          else '30000000-0000-4000-8000-000000000202' end::uuid
where b.org_id = '20000000-0000-4000-8000-000000000002' and b.created_at < date_trunc('day', now())
  and b.lay_id <> 'a3000000-0000-4000-8000-000000000022'; -- the newest cut lay's bundles wait, cut
update public.bundles b set status = 'sewn'
where b.org_id = '20000000-0000-4000-8000-000000000002' and b.created_at < now() - interval '5 days';
select set_config('floorline.fsm_device', '', true);
update public.bundle_status_history h
set created_at = b.created_at + case h.transition when 'init' then interval '0'
                                                 when 'start_sewing' then interval '1 day'
                                                 else interval '3 days' end,
    scanned_at = case when h.transition <> 'init' then b.created_at + case h.transition when 'start_sewing' then interval '1 day'
                                                                                       else interval '3 days' end end,
    member_id = case when h.transition = 'init' then b.created_by end,
    scanner_device = case when h.transition = 'init' then 'BIR-CUT-TABLET' else h.scanner_device end
from public.bundles b
where h.bundle_id = b.id and b.org_id = '20000000-0000-4000-8000-000000000002';
update public.bundle_status_history h set created_at = least(h.created_at, now()), scanned_at = least(h.scanned_at, now())
where h.org_id = '20000000-0000-4000-8000-000000000002';
update public.state_history s set created_at = h.created_at
from public.bundle_status_history h
where s.subject = 'bundle' and s.subject_id = h.bundle_id and s.to_state = h.to_status
  and s.org_id = '20000000-0000-4000-8000-000000000002';
drop table garment_seed_lays;
-- one customer waiting (repair drop-off), so the ticket page has a public development link:
-- /q/t/demo-aurora-front-ticket
select app.vq_join('87000000-0000-4000-8000-000000000201',
                   (select d.id from public.type_definitions d where d.org_id is null and d.subject = 'ticket' and d.type_code = 'repair'),
                   '{"device_serial": "AUR-AMP-0042", "symptom": "Hum on the left channel"}', null, null);
update public.queue_ticket_tokens k set token_hash = app.tracking_token_hash('demo-aurora-front-ticket')
  where k.ticket_id = (select t.id from public.tickets t where t.queue_id = '87000000-0000-4000-8000-000000000201');

-- ------------------------------------------------------------------ garment sewing demo (issue 14)
-- Birch's two sewing lines over the same four weeks (docs/garment.md): twelve operators (Ines Ramos and
-- eleven more, PIN 1234), a sewing run per bundle that reached sewing, on line 1 (tees, pants: team Line A)
-- or line 2 (polos: Line B). Sewn bundles went through every operation the day after cutting; bundles
-- still in sewing are part-way, worked today (so the line board has WIP, a bottleneck and today's
-- output). Operators differ in speed (efficiency ~60–100 %), some rework and QC defects. Inserted
-- set-based as the service role would: the run operation triggers check every row, fill rates in force
-- (the T-shirt side-seam rate change two weeks ago shows in earnings) and keep the run totals.
-- Fixed UUIDs: users 5000…0041–0051, members 6000…0241–0251, runs a5100000-…-0000000NNNNN (bundle number).
insert into auth.users (instance_id, id, aud, role, email, encrypted_password, email_confirmed_at, confirmation_token,
                        recovery_token, email_change, raw_app_meta_data, raw_user_meta_data, created_at, updated_at)
select '00000000-0000-0000-0000-000000000000', ('50000000-0000-4000-8000-0000000000' || (40 + p.n))::uuid, 'authenticated',
       'authenticated', 'birch.bir-sew-' || lpad(p.n::text, 2, '0') || '@operators.floorline.invalid', null, now(), '', '', '',
       '{"provider": "email", "providers": ["email"]}', jsonb_build_object('full_name', p.name), now(), now()
from (values (1, 'Maricel Dizon'), (2, 'Jun Bautista'), (3, 'Liza Mercado'), (4, 'Rowena Garcia'), (5, 'Arnel Flores'),
             (6, 'Joy Castillo'), (7, 'Nestor Aquino'), (8, 'Carmela Reyes'), (9, 'Divina Torres'), (10, 'Ramon Navarro'),
             (11, 'Precious Lim')) p (n, name);
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
    execute format('update auth.users set %I = '''' where %I is null and id::text like ''50000000-%%-0000000000{4,5}_''', c, c);
  end loop;
end $$;
insert into public.members (id, org_id, user_id, role, display_name, team_id, location_id, badge_code, pin_hash, pin_changed_at)
select ('60000000-0000-4000-8000-000000000' || (240 + u.n))::uuid, '20000000-0000-4000-8000-000000000002', u.id,
       'operator', u.raw_user_meta_data ->> 'full_name',
       case when u.n <= 7 then '40000000-0000-4000-8000-000000000202' else '40000000-0000-4000-8000-000000000203' end::uuid,
       case when u.n <= 7 then '30000000-0000-4000-8000-000000000202' else '30000000-0000-4000-8000-000000000203' end::uuid,
       'BIR-SEW-' || lpad(u.n::text, 2, '0'), extensions.crypt('1234', extensions.gen_salt('bf', 6)), now()
from (select x.id, x.raw_user_meta_data, substr(x.id::text, 35)::int - 40 as n from auth.users x
      where x.id::text like '50000000-0000-4000-8000-00000000004_' or x.id::text like '50000000-0000-4000-8000-00000000005_') u;

-- the line's operators in a fixed order: line 1 = Ines and sewers 1–7, line 2 = sewers 8–11
create temporary table sewing_seed_operators on commit drop as
select m.id, m.team_id, row_number() over (partition by m.team_id order by m.badge_code) - 1 as k,
       count(*) over (partition by m.team_id) as n,
       0.60 + (row_number() over (order by m.badge_code) % 5) * 0.09 as pace
from public.members m
where m.org_id = '20000000-0000-4000-8000-000000000002' and m.role = 'operator'
  and (m.badge_code like 'BIR-SEW-%' or m.badge_code = 'BIR-OP-1');

insert into public.sewing_runs (id, org_id, run_number, bundle_id, product_type_id, team_id, location_id, created_at)
select ('a5100000-0000-4000-8000-' || lpad(b.bundle_number::text, 12, '0'))::uuid, b.org_id, 1000 + b.bundle_number, b.id,
       s.product_type_id,
       case when s.code = 'PL-PIQUE' then '40000000-0000-4000-8000-000000000203' else '40000000-0000-4000-8000-000000000202' end::uuid,
       b.location_id, b.created_at + interval '1 day'
from public.bundles b join public.styles s on s.id = b.style_id
where b.org_id = '20000000-0000-4000-8000-000000000002' and b.status in ('in_sewing', 'sewn');
insert into app.org_counters (org_id, kind, value)
select '20000000-0000-4000-8000-000000000002', 'sewing_run', max(run_number) from public.sewing_runs
where org_id = '20000000-0000-4000-8000-000000000002'
on conflict (org_id, kind) do update set value = greatest(app.org_counters.value, excluded.value);

-- every operation of the run: sewn bundles all done the day they went in (1½ h apart down the line);
-- bundles in sewing done up to operation (bundle number mod count), the next one in progress (two in
-- three bundles), all of it in the last hours
with plan as (
  select r.id as run_id, r.org_id, b.bundle_number, b.status as bundle_status, b.quantity - b.rejected_quantity as units,
         o.id as operation_id, o.sequence_number as seq, o.standard_minutes as smv, o.has_qc_checkpoint as qc,
         o.defect_codes, count(*) over (partition by r.id) as n_ops, r.created_at, op.id as operator_id,
         op.pace * (0.9 + ((b.bundle_number * 7 + o.sequence_number * 13) % 21) / 100.0) as eff
  from public.sewing_runs r
  join public.bundles b on b.id = r.bundle_id
  join public.sewing_operations o on o.product_type_id = r.product_type_id and o.is_active
  join sewing_seed_operators op on op.team_id = r.team_id and op.k = (b.bundle_number * 3 + o.sequence_number) % op.n
  where r.org_id = '20000000-0000-4000-8000-000000000002'
), timed as (
  select p.*, round(p.smv * p.units / p.eff, 2) as minutes,
         case when p.bundle_status = 'sewn' then 'COMPLETED'
              when p.seq <= p.bundle_number % p.n_ops then 'COMPLETED'
              when p.seq = p.bundle_number % p.n_ops + 1 and p.bundle_number % 3 <> 0 then 'IN_PROGRESS'
              else 'PENDING' end::public.sewing_status as status,
         case when p.bundle_status = 'sewn'
              then date_trunc('day', p.created_at) + interval '8 hours' + (p.seq - 1) * interval '90 minutes'
              else now() - (p.bundle_number % p.n_ops + 1 - p.seq) * interval '50 minutes' - interval '45 minutes' end as started
  from plan p
)
insert into public.sewing_run_operations (org_id, sewing_run_id, operation_id, operator_id, machine_id, status, units_completed,
                                          actual_minutes, started_at, completed_at, rework_units, defects_found, defect_tally)
select t.org_id, t.run_id, t.operation_id,
       case when t.status <> 'PENDING' then t.operator_id end,
       case when t.status <> 'PENDING' then 'M-' || lpad(((t.bundle_number + t.seq * 5) % 24 + 1)::text, 2, '0') end,
       t.status, case when t.status = 'COMPLETED' then t.units else 0 end,
       case when t.status = 'COMPLETED' then t.minutes end,
       case when t.status <> 'PENDING' then t.started end,
       case when t.status = 'COMPLETED' then least(t.started + t.minutes * interval '1 minute', now() - interval '1 minute') end,
       case when t.status = 'COMPLETED' and (t.bundle_number + t.seq) % 11 = 0 then 1 else 0 end,
       case when t.status = 'COMPLETED' and t.qc then (t.bundle_number % 4) / 2 else 0 end,
       case when t.status = 'COMPLETED' and t.qc and (t.bundle_number % 4) / 2 > 0
            then jsonb_build_object(t.defect_codes -> (t.bundle_number % jsonb_array_length(t.defect_codes)) ->> 'code',
                                    (t.bundle_number % 4) / 2)
            else '{}' end
from timed t;

-- ===== stock and counts (issue 16, docs/stock.md) =====
-- Aurora keeps drivers, cables, wood blanks and ear pads; Birch & Bobbin fabric rolls, thread and trims.
-- Eight weeks of ledger history (an opening receipt, weekly receipts, issues to production on work
-- days), and two posted counts per workshop, made through the count RPCs as the demo supervisors at
-- the moment they happened (the history before each count is in the ledger when it starts). Set-based
-- except the four counts. Ids: 9000…0NNN stock items (Aurora 01NN, Birch 02NN); 9100…000N counts (1, 3 Aurora;
-- 2, 4 Birch).
insert into public.stock_items (id, org_id, code, barcode, name, category, unit, unit_cost, abc_class)
select ('90000000-0000-4000-8000-00000000' || x.n)::uuid, ('20000000-0000-4000-8000-00000000000' || substr(x.n, 2, 1))::uuid,
       x.code, x.barcode, x.name, x.category, x.unit, x.cost, x.abc
from (values
  ('0101', 'DRV-40-32', '4006381333931', 'Driver 40 mm, 32 Ω', 'Drivers', 'pcs', 6.50, 'A'),
  ('0102', 'DRV-50-32', '4006381333948', 'Driver 50 mm, 32 Ω', 'Drivers', 'pcs', 9.80, 'A'),
  ('0103', 'DRV-50-64', '4006381333955', 'Driver 50 mm, 64 Ω', 'Drivers', 'pcs', 10.40, 'A'),
  ('0104', 'CBL-12-35', '4006381334006', 'Cable 1.2 m, 3.5 mm', 'Cables', 'pcs', 3.20, 'B'),
  ('0105', 'CBL-30-35', '4006381334013', 'Cable 3 m, 3.5 mm', 'Cables', 'pcs', 4.10, 'B'),
  ('0106', 'CBL-12-XLR', '4006381334020', 'Cable 1.2 m, 4-pin XLR', 'Cables', 'pcs', 7.90, 'C'),
  ('0107', 'WB-WAL', null, 'Walnut cup blank', 'Wood blanks', 'pcs', 5.50, 'B'),
  ('0108', 'WB-CHR', null, 'Cherry cup blank', 'Wood blanks', 'pcs', 4.80, 'B'),
  ('0109', 'WB-MAP', null, 'Maple cup blank', 'Wood blanks', 'pcs', 3.90, 'C'),
  ('0110', 'WB-ZEB', null, 'Zebrawood cup blank', 'Wood blanks', 'pcs', 8.20, 'A'),
  ('0111', 'PAD-LTH', '4006381334105', 'Ear pads, lambskin', 'Ear pads', 'pair', 12.00, 'A'),
  ('0112', 'PAD-VEL', '4006381334112', 'Ear pads, velour', 'Ear pads', 'pair', 6.00, 'B'),
  ('0113', 'PAD-HYB', '4006381334129', 'Ear pads, hybrid', 'Ear pads', 'pair', 8.50, 'C'),
  ('0201', 'FAB-JER-BLK', null, 'Cotton jersey 180 g, black', 'Fabric rolls', 'm', 165.00, 'A'),
  ('0202', 'FAB-JER-WHT', null, 'Cotton jersey 180 g, white', 'Fabric rolls', 'm', 150.00, 'A'),
  ('0203', 'FAB-PIQ-NVY', null, 'Piqué 220 g, navy', 'Fabric rolls', 'm', 210.00, 'A'),
  ('0204', 'FAB-TWL-KHK', null, 'Cotton twill 260 g, khaki', 'Fabric rolls', 'm', 240.00, 'B'),
  ('0205', 'THR-POL-BLK', '4800016644016', 'Polyester thread 5000 m, black', 'Thread', 'cone', 95.00, 'B'),
  ('0206', 'THR-POL-WHT', '4800016644023', 'Polyester thread 5000 m, white', 'Thread', 'cone', 95.00, 'B'),
  ('0207', 'THR-POL-NVY', '4800016644030', 'Polyester thread 5000 m, navy', 'Thread', 'cone', 95.00, 'C'),
  ('0208', 'TRM-BTN-12', '4800016645013', 'Polo buttons 12 mm', 'Trims', 'pcs', 1.20, 'C'),
  ('0209', 'TRM-ZIP-18', '4800016645020', 'Zip 18 cm, black', 'Trims', 'pcs', 14.00, 'B'),
  ('0210', 'TRM-LBL-MAIN', '4800016645037', 'Woven main label', 'Trims', 'pcs', 2.50, 'C'),
  ('0211', 'TRM-ELA-25', null, 'Elastic 25 mm', 'Trims', 'm', 8.00, 'C')
) x (n, code, barcode, name, category, unit, cost, abc);

-- where each item is kept, its weekly receipt and the share issued per work day (md5-varied)
create temporary table seed_stock_places on commit drop as
select i.org_id, i.id as stock_item_id, p.location_id, p.weekly
from public.stock_items i
join (values
  ('Drivers', '30000000-0000-4000-8000-000000000104'::uuid, 60), ('Cables', '30000000-0000-4000-8000-000000000104', 50),
  ('Ear pads', '30000000-0000-4000-8000-000000000104', 30), ('Ear pads', '30000000-0000-4000-8000-000000000106', 10),
  ('Wood blanks', '30000000-0000-4000-8000-000000000101', 40), ('Wood blanks', '30000000-0000-4000-8000-000000000102', 16),
  ('Fabric rolls', '30000000-0000-4000-8000-000000000201', 300), ('Thread', '30000000-0000-4000-8000-000000000202', 6),
  ('Thread', '30000000-0000-4000-8000-000000000203', 6), ('Trims', '30000000-0000-4000-8000-000000000202', 200),
  ('Trims', '30000000-0000-4000-8000-000000000203', 150)
) p (category, location_id, weekly) on p.category = i.category
join public.locations l on l.id = p.location_id and l.org_id = i.org_id;

create temporary table seed_stock_moves on commit drop as
select s.org_id, s.stock_item_id, s.location_id, 'receipt'::public.stock_movement_kind as kind,
       (s.weekly * case when w = 0 then 3 else 1 end)::numeric as quantity,
       date_trunc('day', now()) - make_interval(days => 56 - w * 7) + interval '8 hours' as at
from seed_stock_places s cross join generate_series(0, 7) w
union all
select s.org_id, s.stock_item_id, s.location_id, 'issue',
       -greatest(1, round(s.weekly * (0.08 + (get_byte(decode(md5(s.stock_item_id::text || s.location_id || d), 'hex'), 0) / 255.0) * 0.08))),
       date_trunc('day', now()) - make_interval(days => 55 - d) + interval '14 hours'
from seed_stock_places s cross join generate_series(0, 54) d
where extract(isodow from now() - make_interval(days => 55 - d)) < 7;

-- the moves up to a moment (receipts of a day before its issues, so nothing goes below zero)
create function pg_temp.seed_stock_until(p_until timestamptz) returns void language sql as $$
  insert into public.stock_ledger (org_id, stock_item_id, location_id, kind, quantity, unit_cost, member_id, created_at)
  select m.org_id, m.stock_item_id, m.location_id, m.kind, m.quantity, i.unit_cost,
         case when m.org_id = '20000000-0000-4000-8000-000000000001' then '60000000-0000-4000-8000-000000000103'::uuid
              else '60000000-0000-4000-8000-000000000202'::uuid end, m.at
  from seed_stock_moves m join public.stock_items i on i.id = m.stock_item_id
  where m.at < p_until and not exists (select 1 from public.stock_ledger g where g.org_id = m.org_id and g.created_at = m.at
                                          and g.stock_item_id = m.stock_item_id and g.location_id = m.location_id)
  order by m.at, m.kind
$$;

-- a count made at p_at through the RPCs: every line counted (about one in four off by −2…+1), reasons, posted
create function pg_temp.seed_count(p_id uuid, p_org uuid, p_user uuid, p_member uuid, p_at timestamptz, p_title text,
                                   p_scope public.count_scope, p_mode public.count_mode, p_locations uuid[],
                                   p_categories text[], p_cycle_class text default null) returns void language plpgsql as $$
declare
  v_id uuid := p_id;
begin
  perform pg_temp.seed_stock_until(p_at);
  perform set_config('request.jwt.claims', json_build_object('sub', p_user, 'role', 'authenticated')::text, true);
  -- what count_create writes, with a fixed id (routes and docs point at these counts)
  insert into public.count_sessions (id, org_id, title, type_definition_id, type_version, status, scope, location_ids,
                                     categories, cycle_rule, cycle_class, cycle_size, mode, created_by)
    values (p_id, p_org, p_title, app.count_type_id(), 1, 'draft', p_scope, p_locations, p_categories,
            case when p_scope = 'cycle' then 'abc'::public.count_cycle_rule end, p_cycle_class,
            case when p_scope = 'cycle' then 20 end, p_mode, p_member);
  perform public.count_start(v_id);
  perform public.count_record(md5(l.id::text)::uuid, v_id, l.id,
            greatest(0, l.expected_qty + case when get_byte(decode(md5(l.id::text), 'hex'), 1) < 64
                                              then (get_byte(decode(md5(l.id::text), 'hex'), 2) % 4) - 2 else 0 end),
            case when get_byte(decode(md5(l.id::text), 'hex'), 3) < 200 then 'scan' else 'pick' end::public.count_entry_method)
  from public.count_lines l where l.count_id = v_id;
  perform public.count_submit(v_id);
  perform public.count_set_reason(v_id, (array['damaged', 'unrecorded_issue', 'theft', 'unit_error'])[1 + get_byte(decode(md5(l.id::text), 'hex'), 4) % 4], l.id)
    from public.count_lines l where l.count_id = v_id and l.variance_qty < 0 and get_byte(decode(md5(l.id::text), 'hex'), 5) < 128;
  perform public.count_set_reason(v_id, 'miscount');
  perform public.count_post(v_id);
  perform set_config('request.jwt.claims', '', true);
  -- it happened at p_at (an hour of counting): moved there as data, not as a change
  alter table public.count_sessions disable trigger user;
  alter table public.count_lines disable trigger user;
  alter table public.stock_ledger disable trigger user;
  alter table public.count_entries disable trigger user;
  update public.count_sessions set created_at = p_at - interval '70 minutes', started_at = p_at - interval '1 hour',
    snapshot_at = p_at - interval '1 hour', submitted_at = p_at - interval '5 minutes', posted_at = p_at, updated_at = p_at
    where id = v_id;
  update public.count_lines set counted_at = p_at - interval '1 hour' + (random() * interval '50 minutes'), updated_at = p_at
    where count_id = v_id;
  update public.count_entries e set entered_at = l.counted_at, received_at = l.counted_at
    from public.count_lines l where l.id = e.count_line_id and e.count_id = v_id;
  update public.stock_ledger set created_at = p_at where count_id = v_id;
  update public.state_history set created_at = p_at - interval '1 hour' where subject_id = v_id and to_state = 'in_progress';
  update public.state_history set created_at = p_at - interval '5 minutes' where subject_id = v_id and to_state = 'review';
  update public.state_history set created_at = p_at where subject_id = v_id and to_state = 'posted';
  update public.state_history set created_at = p_at - interval '70 minutes' where subject_id = v_id and to_state = 'draft';
  update public.stock_items i set last_counted_at = p_at
    where i.id in (select l.stock_item_id from public.count_lines l where l.count_id = v_id);
  alter table public.count_sessions enable trigger user;
  alter table public.count_lines enable trigger user;
  alter table public.stock_ledger enable trigger user;
  alter table public.count_entries enable trigger user;
end $$;

select pg_temp.seed_count('91000000-0000-4000-8000-000000000001', '20000000-0000-4000-8000-000000000001', '50000000-0000-4000-8000-000000000003',
  '60000000-0000-4000-8000-000000000103', date_trunc('day', now()) - interval '20 days' + interval '17 hours', 'Assembly shelves', 'locations', 'blind',
  array['30000000-0000-4000-8000-000000000104'::uuid], '{}');
select pg_temp.seed_count('91000000-0000-4000-8000-000000000002', '20000000-0000-4000-8000-000000000002', '50000000-0000-4000-8000-000000000012',
  '60000000-0000-4000-8000-000000000202', date_trunc('day', now()) - interval '13 days' + interval '9 hours', 'Cutting room fabric', 'locations', 'blind',
  array['30000000-0000-4000-8000-000000000201'::uuid], '{}');
select pg_temp.seed_count('91000000-0000-4000-8000-000000000003', '20000000-0000-4000-8000-000000000001', '50000000-0000-4000-8000-000000000003',
  '60000000-0000-4000-8000-000000000103', date_trunc('day', now()) - interval '6 days' + interval '16 hours', 'Cycle count, class A', 'cycle', 'guided',
  '{}', '{}', 'A');
select pg_temp.seed_count('91000000-0000-4000-8000-000000000004', '20000000-0000-4000-8000-000000000002', '50000000-0000-4000-8000-000000000012',
  '60000000-0000-4000-8000-000000000202', date_trunc('day', now()) - interval '3 days' + interval '10 hours', 'Thread and trims', 'categories', 'blind',
  '{}', array['Thread', 'Trims']);
select pg_temp.seed_stock_until(now() + interval '1 day');
-- the analytics of the counts' days (they were computed at seeding time, before the move)
delete from public.variance_analytics;
select app.variance_analytics_for_day(s.org_id, (s.posted_at at time zone o.time_zone)::date)
from public.count_sessions s join public.organisations o on o.id = s.org_id
where s.status = 'posted' order by s.posted_at;


-- ------------------------------------------------------------------ sync conflicts (issue 12)
-- One change a tablet made offline and the server could not apply as sent, waiting on /aurora/sync:
-- yesterday a Sanding tablet recorded B-10's materials check against the card it had cached at
-- Intake, after B-10 had already moved on. Both versions, as floor_sync records them.
insert into public.sync_conflicts (org_id, client_id, op, kind, code, message, item_id, item_number, session_id,
                                   member_id, user_id, device_id, device_change, server_state, detected_at, last_seen_at)
select s.org_id, '8a000000-0000-4000-8000-000000000001', 'complete_action', 'item_changed', 'ITEM_CHANGED',
       'B-10 changed on the server since this tablet read it: it is at Sanding now (the change was made at Intake)',
       r.item_id, 'B-10', s.id, s.member_id, s.user_id, s.device_id,
       jsonb_build_object('op', 'complete_action', 'args', jsonb_build_object(
         'session_id', s.id, 'item_id', r.item_id, 'action_key', 'materials', 'status', 'completed',
         'data', jsonb_build_object('notes', 'Two blanks with a knot, set aside'),
         'seen', jsonb_build_object('stage', 'Intake', 'stage_entered_at', now() - interval '3 days'))),
       jsonb_build_object('item', app.floor_item_card('batch', '83000000-0000-4000-8000-000000000010'), 'lock', null,
                          'read_at', now() - interval '20 hours'),
       now() - interval '20 hours', now() - interval '20 hours'
from public.floor_sessions s, app.floor_resolve_item(s.org_id, '83000000-0000-4000-8000-000000000010', true) r
where s.org_id = '20000000-0000-4000-8000-000000000001' and s.ended_at is not null
order by s.started_at desc
limit 1;
-- ------------------------------------------------------------------ dashboard metrics (issue 17)
-- Keep this section last: it stores the figures of the demo's past weeks from everything seeded above,
-- as the production-metrics job would have at each shift's end (docs/dashboards.md).
select public.recompute_production_metrics(o.id, (now() at time zone o.time_zone)::date - 28,
                                           (now() at time zone o.time_zone)::date - 1)
from public.organisations o
where o.id in ('20000000-0000-4000-8000-000000000001', '20000000-0000-4000-8000-000000000002');
