-- Realtime: every channel the app listens on is private, authorised by RLS on realtime.messages.
--
-- Before, the tracking page listened on a public broadcast channel and the board and floor screens
-- on public channels with postgres_changes: anyone holding the anon key could push a fake
-- order_progress to a customer's page or a message into an organisation's board channel, and an
-- anon postgres_changes subscriber on a published table learnt when its rows changed.
--
-- Now:
--   topics   org:<org_id>:board              batches, batch_orders changed     members (operator+)
--            org:<org_id>:floor              floor_sessions, floor_queue_items  supervisors+
--            org:<org_id>:queue:<queue_id>   floor_queue_items, floor_queues    members (operator+)
--            track:<sha256 hex of a token>   order_progress (public payload)    whoever knows the hash
--                                                                                of a live (unrevoked) token
--            built by app.realtime_topic() here and lib/realtime/topics.ts in the app.
--   receive  SELECT policy realtime_messages_app_select: the topic must be one of the above and
--            app_realtime.can_read(topic) true for the caller (anon: only track: topics). Realtime
--            checks it when a private channel joins (realtime.topic() set to the topic).
--   send     nobody: there is no INSERT (or UPDATE/DELETE) policy for anon or authenticated, so
--            client broadcasts and presence on these topics are refused. The database sends, from
--            security definer triggers, with realtime.send(…, private => true).
--   changes  the five tables leave publication supabase_realtime: postgres_changes on them
--            delivers nothing to anybody (the screens re-read through their RPCs on a broadcast).
-- Broadcast payloads carry only {table, op, id} (org topics) or the public tracking payload: the
-- screens re-read what changed through RLS-checked reads.

-- ------------------------------------------------------------------ topics
create or replace function app.realtime_topic(p_org_id uuid, p_scope text) returns text
language sql immutable set search_path = '' as $$
  select 'org:' || p_org_id::text || ':' || p_scope
$$;
comment on function app.realtime_topic(uuid, text) is
  'Private Realtime topic of an organisation: org:<org_id>:<scope>, scope board | floor | queue:<queue_id>. '
  'Mirrored by lib/realtime/topics.ts.';

-- The policy helper lives in its own schema: realtime.messages policies run as the caller, and anon
-- must not see into schema app (00_schema_security). This schema holds only this function.
create schema if not exists app_realtime;
comment on schema app_realtime is
  'Realtime authorisation helpers called from policies on realtime.messages (usage for anon: the tracking page).';
revoke all on schema app_realtime from public;
grant usage on schema app_realtime to anon, authenticated, service_role;

create or replace function app_realtime.can_read(p_topic text) returns boolean
language plpgsql stable security definer set search_path = '' as $$
declare
  v_m text[];
begin
  if p_topic is null then
    return false;
  end if;
  -- the tracking page: the hash of a live token (the raw token never appears in a topic)
  v_m := regexp_match(p_topic, '^track:([0-9a-f]{64})$');
  if v_m is not null then
    return exists (select 1 from public.order_tracking_tokens t
                   where t.token_hash = v_m[1] and t.revoked_at is null);
  end if;
  v_m := regexp_match(p_topic,
    '^org:([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}):(board|floor|queue:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$');
  if v_m is null then
    return false;
  end if;
  -- who reads the tables behind the topic: floor sessions of everyone are supervisors+ (RLS on
  -- floor_sessions), batches and queues every member
  return v_m[1]::uuid = any (array(select app.my_org_ids(
    case when v_m[2] = 'floor' then 'supervisor' else 'operator' end::public.member_role)));
end $$;
comment on function app_realtime.can_read(text) is
  'May the caller receive broadcasts on this Realtime topic? track:<hash> of a live token (anyone), '
  'org:<org>:board|queue:<id> (members), org:<org>:floor (supervisors+); anything else no.';
revoke execute on function app_realtime.can_read(text) from public;
grant execute on function app_realtime.can_read(text) to anon, authenticated, service_role;

-- ------------------------------------------------------------------ policies on realtime.messages
-- Only a SELECT policy: with RLS on and no INSERT policy, clients cannot send on any topic.
create policy realtime_messages_app_select on realtime.messages for select to anon, authenticated
  using (extension = 'broadcast'
         and topic = (select realtime.topic())
         and (select app_realtime.can_read(realtime.topic())));

-- ------------------------------------------------------------------ database senders
-- {table, op, id} to the topics named by the trigger arguments: 'board', 'floor', 'queue' (the
-- row's queue: queue_id, or id for floor_queues).
create or replace function app.realtime_row_changed() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  v_row jsonb := to_jsonb(case when tg_op = 'DELETE' then old else new end);
  v_scope text;
begin
  foreach v_scope in array tg_argv loop
    perform realtime.send(
      jsonb_build_object('table', tg_table_name, 'op', tg_op, 'id', v_row ->> 'id'),
      'changed',
      app.realtime_topic((v_row ->> 'org_id')::uuid,
        case when v_scope = 'queue'
             then 'queue:' || (v_row ->> case when tg_table_name = 'floor_queues' then 'id' else 'queue_id' end)
             else v_scope end),
      true);
  end loop;
  return null;
end $$;
comment on function app.realtime_row_changed() is
  'Trigger: tells the private Realtime topics named by its arguments (board, floor, queue) that a row changed.';

create trigger batches_realtime after insert or update or delete on public.batches
  for each row execute function app.realtime_row_changed('board');
create trigger batch_orders_realtime after insert or update or delete on public.batch_orders
  for each row execute function app.realtime_row_changed('board');
create trigger floor_sessions_realtime after insert or update or delete on public.floor_sessions
  for each row execute function app.realtime_row_changed('floor');
create trigger floor_queue_items_realtime after insert or update or delete on public.floor_queue_items
  for each row execute function app.realtime_row_changed('floor', 'queue');
create trigger floor_queues_realtime after insert or update or delete on public.floor_queues
  for each row execute function app.realtime_row_changed('queue');

-- The tracking page's progress, now on the private topic (same payload, same channel name).
create or replace function app.broadcast_order_progress(p_order_id uuid) returns void
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_payload jsonb;
  v_hash text;
begin
  for v_hash in
    select t.token_hash from public.order_tracking_tokens t where t.order_id = p_order_id and t.revoked_at is null
  loop
    v_payload := coalesce(v_payload, app.order_public_progress(p_order_id));
    perform realtime.send(v_payload || jsonb_build_object('channel', 'track:' || v_hash), 'order_progress',
                          'track:' || v_hash, true);
  end loop;
end $$;
comment on function app.broadcast_order_progress(uuid) is
  'Sends the public payload to every live tracking topic of an order (realtime.send, private broadcast: '
  'readers need the hash of a live token, see app_realtime.can_read).';

comment on function public.track_order(text) is
  'Public order tracking (anon): {order_number, workshop, model, wood, status, status_label, current_stage, '
  'current_stage_label, stages[{stage,label,state}], estimated_completion, milestones[{at,label}], updated_at, '
  'channel}. Null for an unknown or revoked token. Subscribe to `channel` as a private channel (broadcast, '
  'event order_progress) for live updates with the same payload.';

-- ------------------------------------------------------------------ postgres_changes: none
do $$
declare
  v_table text;
begin
  if exists (select 1 from pg_publication where pubname = 'supabase_realtime') then
    foreach v_table in array array['batches', 'batch_orders', 'floor_queue_items', 'floor_sessions', 'floor_queues'] loop
      if exists (select 1 from pg_publication_tables
                 where pubname = 'supabase_realtime' and schemaname = 'public' and tablename = v_table) then
        execute format('alter publication supabase_realtime drop table public.%I', v_table);
      end if;
    end loop;
  end if;
end $$;

revoke execute on function app.realtime_topic(uuid, text), app.realtime_row_changed(),
  app.broadcast_order_progress(uuid) from public, anon, authenticated;
