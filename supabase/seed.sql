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
