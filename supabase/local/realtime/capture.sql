-- Change capture for the local Realtime (no WAL / logical decoding here).
-- Row triggers on every table in publication supabase_realtime (and on realtime.messages) copy each
-- change into _realtime.changes. A deferred constraint trigger stamps every writing transaction with
-- a commit sequence number right before it commits, under an advisory lock held until the commit,
-- so seq order is commit order and a poller reading `seq > watermark` can never skip a transaction
-- that commits late with a lower number. Stack-internal: not exposed to the API roles.
-- Idempotent: runs on every start.

create schema if not exists _realtime;
revoke all on schema _realtime from public;

create table if not exists _realtime.txs (
  xid xid8 primary key,
  seq bigint,
  committed_at timestamptz
);
create index if not exists txs_seq on _realtime.txs (seq);
create sequence if not exists _realtime.commit_seq;

create table if not exists _realtime.changes (
  id bigserial primary key,
  xid xid8 not null references _realtime.txs (xid) on delete cascade,
  kind text not null,            -- 'change' (published table) | 'broadcast' (realtime.messages)
  schema_name text not null,
  table_name text not null,
  op text not null,              -- INSERT | UPDATE | DELETE
  record jsonb,
  old_record jsonb
);
create index if not exists changes_xid on _realtime.changes (xid);

create or replace function _realtime.capture() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  x xid8 := pg_catalog.pg_current_xact_id();
begin
  insert into _realtime.txs (xid) values (x) on conflict do nothing;
  insert into _realtime.changes (xid, kind, schema_name, table_name, op, record, old_record)
  values (
    x,
    case when tg_table_schema = 'realtime' and tg_table_name = 'messages' then 'broadcast' else 'change' end,
    tg_table_schema, tg_table_name, tg_op,
    case when tg_op <> 'DELETE' then pg_catalog.to_jsonb(new) end,
    case when tg_op <> 'INSERT' then pg_catalog.to_jsonb(old) end
  );
  return null;
end $$;

create or replace function _realtime.stamp() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  -- held until this transaction's commit: the next writer stamps only after we are visible
  perform pg_catalog.pg_advisory_xact_lock(7355608130241);
  update _realtime.txs
     set seq = pg_catalog.nextval('_realtime.commit_seq'), committed_at = pg_catalog.clock_timestamp()
   where xid = new.xid;
  return null;
end $$;

do $$ begin
  if not exists (select 1 from pg_trigger where tgname = 'stamp' and tgrelid = '_realtime.txs'::regclass) then
    create constraint trigger stamp after insert on _realtime.txs
      deferrable initially deferred for each row execute function _realtime.stamp();
  end if;
end $$;

-- Installs the capture trigger on every published table (and realtime.messages) and removes it from
-- tables that left the publication. Returns the number of triggers created.
create or replace function _realtime.sync() returns int
language plpgsql security definer set search_path = '' as $$
declare
  r record;
  n int := 0;
begin
  for r in
    select c.oid::regclass as rel
      from pg_catalog.pg_class c join pg_catalog.pg_namespace ns on ns.oid = c.relnamespace
     where c.relkind in ('r', 'p')
       and ns.nspname <> '_realtime'
       and ((ns.nspname, c.relname) in (select schemaname, tablename from pg_catalog.pg_publication_tables
                                         where pubname = 'supabase_realtime')
            or (ns.nspname = 'realtime' and c.relname = 'messages'))
       and not exists (select 1 from pg_catalog.pg_trigger t where t.tgrelid = c.oid and t.tgname = '_realtime_capture')
  loop
    -- realtime.messages: only inserts are broadcasts
    execute format('create trigger _realtime_capture after %s on %s for each row execute function _realtime.capture()',
                   case when r.rel = 'realtime.messages'::regclass then 'insert' else 'insert or update or delete' end, r.rel);
    n := n + 1;
  end loop;
  for r in
    select t.tgrelid::regclass as rel
      from pg_catalog.pg_trigger t
      join pg_catalog.pg_class c on c.oid = t.tgrelid
      join pg_catalog.pg_namespace ns on ns.oid = c.relnamespace
     where t.tgname = '_realtime_capture' and t.tgparentid = 0
       and not (ns.nspname = 'realtime' and c.relname = 'messages')
       and (ns.nspname, c.relname) not in (select schemaname, tablename from pg_catalog.pg_publication_tables
                                            where pubname = 'supabase_realtime')
  loop
    execute format('drop trigger _realtime_capture on %s', r.rel);
  end loop;
  return n;
end $$;
revoke all on all functions in schema _realtime from public;
