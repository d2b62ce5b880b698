-- Idempotency replays: prune through the created_at index (a change to 20261122001700, for the floor).
--
-- app.replay_store deletes week-old answers each time it stores one, with
--   where client_id in (select … where created_at < now() - interval '7 days' limit 100).
-- The planner expects a third of the table to qualify and scans it sequentially; when nothing is a
-- week old (the usual case) that reads every row: 1.5 ms at 2,600 rows here, and growing with the
-- table. The floor stores one answer per scan and per action (thousands a day), so the prune now
-- walks the created_at index oldest first and stops at the first row younger than the cutoff.
-- Same signature, same behaviour.

create or replace function app.replay_store(p_client_id uuid, p_rpc text, p_org_id uuid, p_response jsonb) returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
begin
  if p_client_id is not null then
    insert into app.rpc_replays (client_id, rpc, org_id, user_id, response)
      values (p_client_id, p_rpc, p_org_id, (select auth.uid()), p_response);
    delete from app.rpc_replays r
      where r.client_id in (select x.client_id from app.rpc_replays x
                            where x.created_at < now() - interval '7 days'
                            order by x.created_at
                            limit 100);
  end if;
  return p_response || '{"replayed": false}'::jsonb;
end $$;

revoke execute on all functions in schema app from public;
