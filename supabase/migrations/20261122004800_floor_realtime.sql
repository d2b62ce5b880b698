-- Realtime for the floor screens (docs/floor.md §12): postgres_changes on floor_queue_items (my queue,
-- /[org]/queue), floor_sessions (who works where, /[org]/floor) and floor_queues (settings). Realtime
-- checks each change against the subscriber's RLS, so a screen only hears its own organisation (and an
-- operator only their own sessions). Subscribe with a filter, e.g.
-- `.on('postgres_changes', { event: '*', schema: 'public', table: 'floor_queue_items', filter: 'queue_id=eq.<id>' }, …)`.
-- Scans and actions are not published: they are high-volume and the screens read them on demand.

do $$
declare
  v_table text;
begin
  if exists (select 1 from pg_publication where pubname = 'supabase_realtime') then
    foreach v_table in array array['floor_queue_items', 'floor_sessions', 'floor_queues'] loop
      if not exists (select 1 from pg_publication_tables
                     where pubname = 'supabase_realtime' and schemaname = 'public' and tablename = v_table) then
        execute format('alter publication supabase_realtime add table public.%I', v_table);
      end if;
    end loop;
  end if;
end $$;
