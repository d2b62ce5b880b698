-- Realtime for the batch board: postgres_changes on batches (stage, quality, completion, priority)
-- and batch_orders (order counts). Realtime checks each change against the subscriber's RLS, so a
-- board only hears about its own organisation. Subscribe with a filter, e.g.
-- `.on('postgres_changes', { event: '*', schema: 'public', table: 'batches', filter: 'org_id=eq.<org>' }, …)`.
-- The public tracking page uses broadcast instead (app.broadcast_order_progress, channel track:<hash>).

do $$
begin
  if exists (select 1 from pg_publication where pubname = 'supabase_realtime') then
    if not exists (select 1 from pg_publication_tables
                   where pubname = 'supabase_realtime' and schemaname = 'public' and tablename = 'batches') then
      alter publication supabase_realtime add table public.batches;
    end if;
    if not exists (select 1 from pg_publication_tables
                   where pubname = 'supabase_realtime' and schemaname = 'public' and tablename = 'batch_orders') then
      alter publication supabase_realtime add table public.batch_orders;
    end if;
  end if;
end $$;
