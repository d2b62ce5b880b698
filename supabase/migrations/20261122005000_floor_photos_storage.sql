-- Photos of floor actions in Supabase Storage (issue 5; POST /api/disco/upload-photo, docs/api.md).
-- Bucket floor-photos, private. Objects live at <org_id>/<floor item id>/<file>: the first folder
-- names the workshop, so RLS on storage.objects decides by it, as for any table with org_id.
-- floor_actions.photos keeps these paths (app.floor_check_action_data accepts only the actor's
-- organisation's folder). Members who can act in the workshop (operators while PINed in) read and add
-- its photos; nobody overwrites one (a photo is a record of the work, and uploads never upsert);
-- supervisors and above delete. Plain Storage SQL: the same migration works on hosted Supabase.

insert into storage.buckets (id, name, public, file_size_limit, allowed_mime_types)
values ('floor-photos', 'floor-photos', false, 5242880, array['image/jpeg', 'image/webp', 'image/png'])
on conflict (id) do update
  set public = excluded.public, file_size_limit = excluded.file_size_limit,
      allowed_mime_types = excluded.allowed_mime_types;

create policy floor_photos_select on storage.objects for select to authenticated
  using (bucket_id = 'floor-photos'
         and (storage.foldername(name))[1] = any (array(select o::text from app.my_org_ids() o)));

create policy floor_photos_insert on storage.objects for insert to authenticated
  with check (bucket_id = 'floor-photos'
              and array_length(storage.foldername(name), 1) = 2
              and (storage.foldername(name))[2] ~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
              and storage.filename(name) ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$'
              and (storage.foldername(name))[1] = any (array(select o::text from app.my_org_ids() o)));

create policy floor_photos_delete on storage.objects for delete to authenticated
  using (bucket_id = 'floor-photos'
         and (storage.foldername(name))[1] = any (array(select o::text from app.my_org_ids('supervisor') o)));
