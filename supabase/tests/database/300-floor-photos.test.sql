-- Floor photos in Storage (20261122005000): the private bucket, and RLS on storage.objects by the
-- workshop folder — members who can act read and add their workshop's photos, nobody overwrites,
-- supervisors+ delete, another workshop and anon see nothing.
begin;
select plan(14);
select tests.create_tenancy_fixture();

select results_eq(
  $$ select public, file_size_limit, allowed_mime_types from storage.buckets where id = 'floor-photos' $$,
  $$ values (false, 5242880::bigint, array['image/jpeg', 'image/webp', 'image/png']) $$,
  'floor-photos is a private bucket for JPEG/WebP/PNG up to 5 MB');

-- a photo of beta's, written by the superuser
insert into storage.objects (bucket_id, name)
  values ('floor-photos', tests.id('org:beta')::text || '/' || tests.id('item:beta')::text || '/b.jpg');

-- ------------------------------------------------------------------ an operator PINed in at alpha
select tests.act_as_operator('alpha', 'operator@alpha.test', 'A-OP-1');
select lives_ok(
  format($$ insert into storage.objects (bucket_id, name) values ('floor-photos', '%s/%s/a1.jpg') $$,
         tests.id('org:alpha'), tests.id('item:alpha')),
  'an operator adds a photo in their workshop''s folder');
select is((select count(*)::int from storage.objects where bucket_id = 'floor-photos'), 1,
  'and sees only their workshop''s photos');
select throws_ok(
  format($$ insert into storage.objects (bucket_id, name) values ('floor-photos', '%s/%s/x.jpg') $$,
         tests.id('org:beta'), tests.id('item:beta')),
  '42501', null, 'not in another workshop''s folder');
select throws_ok(
  format($$ insert into storage.objects (bucket_id, name) values ('floor-photos', '%s/loose.jpg') $$, tests.id('org:alpha')),
  '42501', null, 'not outside an item''s folder');
select throws_ok(
  format($$ insert into storage.objects (bucket_id, name) values ('floor-photos', '%s/%s/../x.jpg') $$,
         tests.id('org:alpha'), tests.id('item:alpha')),
  '42501', null, 'not with a path that climbs out');
select is_empty(
  format($$ update storage.objects set name = name || '.bak' where name like '%s/%%' returning 1 $$, tests.id('org:alpha')),
  'nobody overwrites a photo');
select is_empty(
  format($$ delete from storage.objects where name like '%s/%%' returning 1 $$, tests.id('org:alpha')),
  'operators do not delete photos');
select tests.clear_authentication();

-- ------------------------------------------------------------------ an operator not PINed in
select tests.authenticate_as('operator2@alpha.test');
select is((select count(*)::int from storage.objects where bucket_id = 'floor-photos'), 0,
  'an operator who is not PINed in sees no photo');
select throws_ok(
  format($$ insert into storage.objects (bucket_id, name) values ('floor-photos', '%s/%s/a2.jpg') $$,
         tests.id('org:alpha'), tests.id('item:alpha')),
  '42501', null, 'and adds none');
select tests.clear_authentication();

-- ------------------------------------------------------------------ a supervisor
select tests.authenticate_as('supervisor@alpha.test');
select is((select count(*)::int from storage.objects where bucket_id = 'floor-photos'), 1,
  'a supervisor sees the workshop''s photos');
select results_eq(
  $$ with d as (delete from storage.objects where bucket_id = 'floor-photos' returning 1) select count(*)::int from d $$,
  $$ values (1) $$, 'and may delete them (only their workshop''s)');
select tests.clear_authentication();

-- ------------------------------------------------------------------ anon
select tests.authenticate_as_anon();
select is((select count(*)::int from storage.objects where bucket_id = 'floor-photos'), 0, 'anon sees nothing');
select tests.clear_authentication();
select is((select count(*)::int from storage.objects where bucket_id = 'floor-photos'), 1,
  'beta''s photo is still there');

select * from finish();
rollback;
