-- Idempotent RPCs: a client that may retry (tablets on shaky Wi-Fi, a double click, a webhook
-- redelivery) passes p_client_id uuid; the first answer is stored and every replay gets it back
-- (with "replayed": true) instead of doing the work twice or failing as stale.
--
-- A transaction-scoped advisory lock on the client id serialises a retry that arrives while the
-- first attempt is still running: the retry waits, then finds the stored answer. A failed attempt
-- stores nothing (its transaction rolled back), so a retry really retries.

create table app.rpc_replays (
  client_id uuid primary key,
  rpc text not null,
  org_id uuid,
  user_id uuid,
  response jsonb not null,
  created_at timestamptz not null default now()
);
comment on table app.rpc_replays is
  'First answers of idempotent RPCs by client id, kept 7 days (pruned as new ones arrive). Private.';
create index rpc_replays_created_at_idx on app.rpc_replays (created_at);
revoke all on app.rpc_replays from public, anon, authenticated, service_role;

-- The stored answer for this client id, or null (then do the work and call app.replay_store).
create function app.replay_begin(p_client_id uuid, p_rpc text) returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_row app.rpc_replays;
begin
  if p_client_id is null then
    return null;
  end if;
  perform pg_advisory_xact_lock(hashtextextended('floorline.rpc:' || p_client_id::text, 0));
  select * into v_row from app.rpc_replays r where r.client_id = p_client_id;
  if v_row.client_id is null then
    return null;
  end if;
  if v_row.rpc <> p_rpc or v_row.user_id is distinct from (select auth.uid()) then
    raise exception using errcode = '22023', message = 'This client_id was already used for another request',
      detail = 'client_id';
  end if;
  return v_row.response || '{"replayed": true}'::jsonb;
end $$;
comment on function app.replay_begin(uuid, text) is
  'Idempotency: locks the client id and returns its stored answer (replayed = true), or null.';

create function app.replay_store(p_client_id uuid, p_rpc text, p_org_id uuid, p_response jsonb) returns jsonb
language plpgsql volatile security definer set search_path = '' as $$
begin
  if p_client_id is not null then
    insert into app.rpc_replays (client_id, rpc, org_id, user_id, response)
      values (p_client_id, p_rpc, p_org_id, (select auth.uid()), p_response);
    delete from app.rpc_replays r
      where r.client_id in (select x.client_id from app.rpc_replays x
                            where x.created_at < now() - interval '7 days' limit 100);
  end if;
  return p_response || '{"replayed": false}'::jsonb;
end $$;
comment on function app.replay_store(uuid, text, uuid, jsonb) is
  'Idempotency: stores the first answer for a client id (prunes week-old ones) and returns it (replayed = false).';

-- Sets (or clears) the reason the history and event triggers record for this transaction.
create function app.set_reason(p_reason text) returns void
language sql volatile set search_path = '' as $$
  select set_config('floorline.reason', coalesce(left(btrim(p_reason), 1000), ''), true)
$$;
comment on function app.set_reason(text) is 'Sets floorline.reason (read by the history/event triggers) for this transaction.';

revoke execute on all functions in schema app from public;
