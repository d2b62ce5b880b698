-- Platform bootstrap for the local stack: the parts of a Supabase database that hosted Supabase
-- (and `supabase start`) already provide. Never a migration: `supabase db push` must not carry it.
-- Idempotent, so it can run against an existing Postgres on every start.

do $$
declare r text;
begin
  foreach r in array array['anon', 'authenticated', 'service_role', 'supabase_auth_admin',
                           'supabase_realtime_admin', 'supabase_storage_admin', 'dashboard_user'] loop
    if not exists (select 1 from pg_roles where rolname = r) then
      execute format('create role %I nologin noinherit', r);
    end if;
  end loop;
  if not exists (select 1 from pg_roles where rolname = 'authenticator') then
    create role authenticator noinherit login;
  end if;
  if not exists (select 1 from pg_roles where rolname = 'postgres') then
    create role postgres superuser;
  end if;
end $$;

alter role service_role bypassrls;
grant anon, authenticated, service_role to authenticator;
-- the connecting user switches into these roles per request, as PostgREST's authenticator does
do $$ begin
  execute format('grant anon, authenticated, service_role, supabase_auth_admin to %I', current_user);
exception when others then null; -- superusers need no grant
end $$;

create schema if not exists extensions;
grant usage on schema extensions to public;
create extension if not exists pgcrypto with schema extensions;
create extension if not exists "uuid-ossp" with schema extensions;
create extension if not exists pg_trgm with schema extensions;
create extension if not exists citext with schema extensions;

-- Supabase grants the API roles everything in public; RLS and explicit revokes narrow it.
grant usage on schema public to anon, authenticated, service_role;
alter default privileges in schema public grant all on tables to anon, authenticated, service_role;
alter default privileges in schema public grant all on functions to anon, authenticated, service_role;
alter default privileges in schema public grant all on sequences to anon, authenticated, service_role;

-- ---------------------------------------------------------------- auth (GoTrue's schema, subset)
create schema if not exists auth;
grant usage on schema auth to anon, authenticated, service_role, supabase_auth_admin;

create table if not exists auth.users (
  instance_id uuid,
  id uuid primary key default gen_random_uuid(),
  aud varchar(255) default 'authenticated',
  role varchar(255) default 'authenticated',
  email varchar(255),
  encrypted_password varchar(255),
  email_confirmed_at timestamptz,
  invited_at timestamptz,
  confirmation_token varchar(255),
  confirmation_sent_at timestamptz,
  recovery_token varchar(255),
  recovery_sent_at timestamptz,
  email_change varchar(255),
  last_sign_in_at timestamptz,
  raw_app_meta_data jsonb default '{}'::jsonb,
  raw_user_meta_data jsonb default '{}'::jsonb,
  is_super_admin boolean,
  created_at timestamptz default now(),
  updated_at timestamptz default now(),
  phone text unique,
  phone_confirmed_at timestamptz,
  banned_until timestamptz,
  deleted_at timestamptz,
  is_sso_user boolean not null default false,
  is_anonymous boolean not null default false
);
create unique index if not exists users_email_partial_key on auth.users (lower(email)) where is_sso_user = false;

create table if not exists auth.identities (
  id uuid primary key default gen_random_uuid(),
  provider_id text not null,
  user_id uuid not null references auth.users (id) on delete cascade,
  identity_data jsonb not null,
  provider text not null,
  last_sign_in_at timestamptz,
  created_at timestamptz default now(),
  updated_at timestamptz default now(),
  email text generated always as (lower(identity_data ->> 'email')) stored,
  unique (provider_id, provider)
);

create table if not exists auth.sessions (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references auth.users (id) on delete cascade,
  created_at timestamptz default now(),
  updated_at timestamptz default now(),
  aal text default 'aal1',
  not_after timestamptz,
  user_agent text,
  ip text
);

create table if not exists auth.refresh_tokens (
  id bigserial primary key,
  token varchar(255) unique,
  user_id varchar(255),
  revoked boolean default false,
  created_at timestamptz default now(),
  updated_at timestamptz default now(),
  parent varchar(255),
  session_id uuid references auth.sessions (id) on delete cascade
);

-- The rest of GoTrue's schema the /auth/v1 subset uses (see auth/README.md): one-time tokens for
-- generate_link/verify, the AMR claims a session was authenticated with, refresh bookkeeping.
alter table auth.users add column if not exists email_change_sent_at timestamptz;
-- GET /reauthenticate's nonce (secure_password_change), as GoTrue stores it
alter table auth.users add column if not exists reauthentication_token varchar(255) default '';
alter table auth.users add column if not exists reauthentication_sent_at timestamptz;
alter table auth.users add column if not exists confirmed_at timestamptz
  generated always as (least(email_confirmed_at, phone_confirmed_at)) stored;
alter table auth.sessions add column if not exists refreshed_at timestamp;
create index if not exists refresh_tokens_session_id_revoked_idx on auth.refresh_tokens (session_id, revoked);
create index if not exists refresh_tokens_parent_idx on auth.refresh_tokens (parent);
create index if not exists sessions_user_id_idx on auth.sessions (user_id);

create table if not exists auth.mfa_amr_claims (
  session_id uuid not null references auth.sessions (id) on delete cascade,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  authentication_method text not null,
  id uuid primary key default gen_random_uuid(),
  constraint mfa_amr_claims_session_id_authentication_method_pkey unique (session_id, authentication_method)
);

do $$ begin
  if to_regtype('auth.one_time_token_type') is null then
    create type auth.one_time_token_type as enum ('confirmation_token', 'reauthentication_token',
      'recovery_token', 'email_change_token_new', 'email_change_token_current', 'phone_change_token');
  end if;
end $$;
create table if not exists auth.one_time_tokens (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references auth.users (id) on delete cascade,
  token_type auth.one_time_token_type not null,
  token_hash text not null check (char_length(token_hash) > 0),
  relates_to text not null,
  created_at timestamp not null default now(),
  updated_at timestamp not null default now(),
  unique (user_id, token_type)
);
create index if not exists one_time_tokens_token_hash_hash_idx on auth.one_time_tokens using hash (token_hash);

create or replace function auth.uid() returns uuid language sql stable as $$
  select coalesce(
    nullif(current_setting('request.jwt.claim.sub', true), ''),
    (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'sub')
  )::uuid
$$;
create or replace function auth.role() returns text language sql stable as $$
  select coalesce(
    nullif(current_setting('request.jwt.claim.role', true), ''),
    (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'role')
  )::text
$$;
create or replace function auth.email() returns text language sql stable as $$
  select coalesce(
    nullif(current_setting('request.jwt.claim.email', true), ''),
    (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'email')
  )::text
$$;
create or replace function auth.jwt() returns jsonb language sql stable as $$
  select coalesce(
    nullif(current_setting('request.jwt.claim', true), ''),
    nullif(current_setting('request.jwt.claims', true), '')
  )::jsonb
$$;
grant execute on function auth.uid(), auth.role(), auth.email(), auth.jwt()
  to anon, authenticated, service_role;
grant all on all tables in schema auth to supabase_auth_admin;
grant all on all sequences in schema auth to supabase_auth_admin;

-- ------------------------------------------------------------------ realtime (subset)
create schema if not exists realtime;
grant usage on schema realtime to anon, authenticated, service_role, supabase_realtime_admin;

-- Broadcast messages: private channel authorisation is RLS on this table, as in Supabase.
create table if not exists realtime.messages (
  id uuid not null default gen_random_uuid() primary key,
  topic text not null,
  extension text not null,
  payload jsonb,
  event text,
  private boolean default false,
  updated_at timestamp not null default now(),
  inserted_at timestamp not null default now()
);
alter table realtime.messages enable row level security;
grant select, insert, update on realtime.messages to anon, authenticated;
grant all on realtime.messages to service_role, supabase_realtime_admin;

create or replace function realtime.topic() returns text language sql stable as $$
  select nullif(current_setting('realtime.topic', true), '')::text
$$;
grant execute on function realtime.topic() to anon, authenticated, service_role;

create or replace function realtime.send(payload jsonb, event text, topic text, private boolean default true)
returns void language plpgsql security definer set search_path = '' as $$
begin
  insert into realtime.messages (payload, event, topic, private, extension)
  values (payload, event, topic, private, 'broadcast');
exception when others then
  -- Supabase's send never fails the caller's transaction
  raise warning 'realtime.send failed: %', sqlerrm;
end $$;

create or replace function realtime.broadcast_changes(
  topic_name text, event_name text, operation text, table_name text, table_schema text,
  new record, old record, level text default 'ROW'
) returns void language plpgsql security definer set search_path = '' as $$
begin
  perform realtime.send(
    jsonb_build_object(
      'schema', table_schema, 'table', table_name, 'operation', operation,
      'record', case when new is null then null else to_jsonb(new) end,
      'old_record', case when old is null then null else to_jsonb(old) end
    ),
    event_name, topic_name, true);
end $$;
grant execute on function realtime.send(jsonb, text, text, boolean), 
  realtime.broadcast_changes(text, text, text, text, text, record, record, text)
  to authenticated, service_role;

do $$ begin
  if not exists (select 1 from pg_publication where pubname = 'supabase_realtime') then
    create publication supabase_realtime;
  end if;
end $$;

-- ---------------------------------------------------- migration history, as the Supabase CLI keeps it
create schema if not exists supabase_migrations;
create table if not exists supabase_migrations.schema_migrations (
  version text primary key,
  statements text[],
  name text
);
create table if not exists supabase_migrations.seed_files (
  path text primary key,
  hash text not null
);

-- ------------------------------------------------------------------ storage (Supabase Storage's schema, subset)
-- Shaped like the tables storage-api's migrations create (migrations/tenant in supabase/storage), so RLS
-- policies written for hosted Supabase work unchanged. Object bytes live on disk (storage/README.md).
create schema if not exists storage;
grant usage on schema storage to anon, authenticated, service_role, supabase_storage_admin;

create table if not exists storage.buckets (
  id text not null primary key,
  name text not null,
  owner uuid,
  created_at timestamptz default now(),
  updated_at timestamptz default now(),
  public boolean default false,
  avif_autodetection boolean default false,
  file_size_limit bigint,
  allowed_mime_types text[],
  owner_id text
);
create unique index if not exists bname on storage.buckets using btree (name);

create table if not exists storage.objects (
  id uuid not null default gen_random_uuid() primary key,
  bucket_id text,
  name text,
  owner uuid,
  created_at timestamptz default now(),
  updated_at timestamptz default now(),
  last_accessed_at timestamptz default now(),
  metadata jsonb,
  path_tokens text[] generated always as (string_to_array(name, '/')) stored,
  version text,
  owner_id text,
  user_metadata jsonb,
  constraint "objects_bucketId_fkey" foreign key (bucket_id) references storage.buckets (id)
);
create unique index if not exists bucketid_objname on storage.objects using btree (bucket_id, name);
create index if not exists name_prefix_search on storage.objects (name text_pattern_ops);

-- Storage authorises every request with these tables' policies, like Supabase: no policy, no access
-- (service_role bypasses RLS).
alter table storage.buckets enable row level security;
alter table storage.objects enable row level security;

grant all on storage.buckets, storage.objects to anon, authenticated, service_role, supabase_storage_admin;
alter default privileges in schema storage grant all on tables to anon, authenticated, service_role;
alter default privileges in schema storage grant all on functions to anon, authenticated, service_role;
alter default privileges in schema storage grant all on sequences to anon, authenticated, service_role;

create or replace function storage.update_updated_at_column() returns trigger language plpgsql as $$
begin
  new.updated_at = now();
  return new;
end $$;
drop trigger if exists update_objects_updated_at on storage.objects;
create trigger update_objects_updated_at before update on storage.objects
  for each row execute function storage.update_updated_at_column();

-- Policy helpers, as storage-api defines them (0002-storage-schema, 0036-optimise-existing-functions).
create or replace function storage.foldername(name text) returns text[] language plpgsql immutable as $$
declare
  _parts text[];
begin
  select string_to_array(name, '/') into _parts;
  return _parts[1 : array_length(_parts, 1) - 1];
end $$;

create or replace function storage.filename(name text) returns text language plpgsql immutable as $$
declare
  _parts text[];
begin
  select string_to_array(name, '/') into _parts;
  return _parts[array_length(_parts, 1)];
end $$;

create or replace function storage.extension(name text) returns text language plpgsql immutable as $$
declare
  _parts text[];
  _filename text;
begin
  select string_to_array(name, '/') into _parts;
  select _parts[array_length(_parts, 1)] into _filename;
  return reverse(split_part(reverse(_filename), '.', 1));
end $$;
grant execute on function storage.foldername(text), storage.filename(text), storage.extension(text)
  to anon, authenticated, service_role;

-- ---------------------------------------------------------------- pg_cron and pg_net (hosted Supabase has both)
-- The real extensions when this Postgres can load them (both need shared_preload_libraries, as on
-- hosted Supabase or a Debian cluster with postgresql-15-cron preloaded); otherwise an emulation
-- of their SQL API, run by the stack process (scheduler/): cron.schedule / unschedule / alter_job
-- with cron.job and cron.job_run_details; net.http_get / http_post / http_delete queueing into
-- net.http_request_queue, answers in net._http_response. Migrations call the same functions on
-- both (docs/scheduler.md). Only the connecting superuser may use either: no API role gets them.
do $$
begin
  if not exists (select 1 from pg_extension where extname = 'pg_cron')
     and not exists (select 1 from pg_namespace where nspname = 'cron')
     and exists (select 1 from pg_available_extensions where name = 'pg_cron')
     and coalesce(current_setting('shared_preload_libraries', true), '') like '%pg_cron%' then
    begin
      create extension pg_cron;
    exception when others then
      raise notice 'pg_cron is preloaded but not usable in this database (%): using the emulation', sqlerrm;
    end;
  end if;
  if not exists (select 1 from pg_extension where extname = 'pg_net')
     and not exists (select 1 from pg_namespace where nspname = 'net')
     and exists (select 1 from pg_available_extensions where name = 'pg_net')
     and coalesce(current_setting('shared_preload_libraries', true), '') like '%pg_net%' then
    begin
      create extension pg_net;
    exception when others then
      raise notice 'pg_net is preloaded but not usable in this database (%): using the emulation', sqlerrm;
    end;
  end if;
end $$;

do $bootstrap$
begin
  if exists (select 1 from pg_extension where extname = 'pg_cron') then
    return;
  end if;
  execute $ddl$
    create schema if not exists cron;
    comment on schema cron is 'Emulation of pg_cron for the local stack (supabase/local/scheduler runs the jobs)';
    revoke all on schema cron from public;

    create table if not exists cron.job (
      jobid bigserial primary key,
      schedule text not null,
      command text not null,
      nodename text not null default 'localhost',
      nodeport integer not null default 5432,
      database text not null default current_database(),
      username text not null default current_user,
      active boolean not null default true,
      jobname text
    );
    create unique index if not exists jobname_username_uniq on cron.job (jobname, username);

    create table if not exists cron.job_run_details (
      jobid bigint,
      runid bigserial primary key,
      job_pid integer,
      database text,
      username text,
      command text,
      status text,
      return_message text,
      start_time timestamptz,
      end_time timestamptz
    );

    -- pg_cron's schedule grammar: five fields (minute hour day-of-month month day-of-week: *, n,
    -- n-m, lists, /step, 3-letter names, '$' for the last day of the month), a macro (@hourly …),
    -- or '1..59 seconds'. The stack's scheduler reads the same grammar (scheduler/cron.ts).
    create or replace function cron._invalid_schedule(p_schedule text) returns text
    language plpgsql immutable set search_path = '' as $fn$
    declare
      s text := lower(btrim(p_schedule));
      fields text[];
      lo int[] := array[0, 0, 1, 1, 0];
      hi int[] := array[59, 23, 31, 12, 7];
      item text;
      n text;
      i int;
    begin
      if s ~ '^[0-9]+ seconds?$' then
        if split_part(s, ' ', 1)::int between 1 and 59 then return null; end if;
        return 'seconds must be 1..59';
      end if;
      if s in ('@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly') then
        return null;
      end if;
      fields := regexp_split_to_array(s, '\s+');
      if array_length(fields, 1) <> 5 then
        return 'a schedule has five fields (minute hour day month weekday)';
      end if;
      for i in 1 .. 5 loop
        foreach item in array string_to_array(fields[i], ',') loop
          if i = 3 and item = '$' then continue; end if;
          if item !~ '^(\*|[0-9]+|[a-z]{3})(-([0-9]+|[a-z]{3}))?(/[0-9]+)?$' then
            return format('%s is not a cron field item', item);
          end if;
          if item ~ '[a-z]' and i < 4 then return format('%s: names are for months and weekdays', item); end if;
          for n in select (regexp_matches(split_part(item, '/', 1), '[0-9]+', 'g'))[1] loop
            if n::int < lo[i] or n::int > hi[i] then
              return format('%s is out of range %s-%s', n, lo[i], hi[i]);
            end if;
          end loop;
          if item ~ '/' and split_part(item, '/', 2)::int = 0 then return 'a step must be at least 1'; end if;
        end loop;
      end loop;
      return null;
    end $fn$;

    create or replace function cron.schedule(job_name text, schedule text, command text) returns bigint
    language plpgsql set search_path = '' as $fn$
    declare
      why text := cron._invalid_schedule(schedule);
      id bigint;
    begin
      if why is not null then
        raise exception 'invalid schedule: %', schedule using detail = why;
      end if;
      -- pg_cron: scheduling a name that exists replaces that job
      update cron.job j set schedule = $2, command = $3, active = true
       where j.jobname = job_name and j.username = current_user
      returning j.jobid into id;
      if id is null then
        insert into cron.job (jobname, schedule, command) values (job_name, $2, $3) returning jobid into id;
      end if;
      return id;
    end $fn$;

    create or replace function cron.schedule(schedule text, command text) returns bigint
    language plpgsql set search_path = '' as $fn$
    declare
      why text := cron._invalid_schedule(schedule);
      id bigint;
    begin
      if why is not null then
        raise exception 'invalid schedule: %', schedule using detail = why;
      end if;
      insert into cron.job (schedule, command) values ($1, $2) returning jobid into id;
      return id;
    end $fn$;

    create or replace function cron.schedule_in_database(job_name text, schedule text, command text,
      database text, username text default null, active boolean default true) returns bigint
    language plpgsql set search_path = '' as $fn$
    declare
      id bigint := cron.schedule(job_name, schedule, command);
    begin
      update cron.job j set database = $4, username = coalesce($5, j.username), active = $6 where j.jobid = id;
      return id;
    end $fn$;

    create or replace function cron.unschedule(job_id bigint) returns boolean
    language plpgsql set search_path = '' as $fn$
    begin
      delete from cron.job where jobid = job_id;
      if not found then raise exception 'could not find valid entry for job %', job_id; end if;
      return true;
    end $fn$;

    create or replace function cron.unschedule(job_name text) returns boolean
    language plpgsql set search_path = '' as $fn$
    begin
      delete from cron.job where jobname = job_name and username = current_user;
      if not found then raise exception 'could not find valid entry for job ''%''', job_name; end if;
      return true;
    end $fn$;

    create or replace function cron.alter_job(job_id bigint, schedule text default null, command text default null,
      database text default null, username text default null, active boolean default null) returns void
    language plpgsql set search_path = '' as $fn$
    begin
      if schedule is not null and cron._invalid_schedule(schedule) is not null then
        raise exception 'invalid schedule: %', schedule using detail = cron._invalid_schedule(schedule);
      end if;
      update cron.job j set
        schedule = coalesce($2, j.schedule),
        command = coalesce($3, j.command),
        database = coalesce($4, j.database),
        username = coalesce($5, j.username),
        active = coalesce($6, j.active)
      where j.jobid = job_id;
      if not found then raise exception 'could not find valid entry for job %', job_id; end if;
    end $fn$;

    revoke all on all tables in schema cron from public;
    revoke all on all functions in schema cron from public;
  $ddl$;
end $bootstrap$;

do $bootstrap$
begin
  if exists (select 1 from pg_extension where extname = 'pg_net') then
    return;
  end if;
  execute $ddl$
    create schema if not exists net;
    comment on schema net is 'Emulation of pg_net for the local stack (supabase/local/scheduler performs the requests)';
    revoke all on schema net from public;

    create table if not exists net.http_request_queue (
      id bigserial primary key,
      method text not null,
      url text not null,
      headers jsonb not null,
      body bytea,
      timeout_milliseconds integer not null
    );

    create unlogged table if not exists net._http_response (
      id bigint,
      status_code integer,
      content_type text,
      headers jsonb,
      content text,
      timed_out boolean,
      error_msg text,
      created timestamptz not null default now()
    );
    create index if not exists _http_response_created_idx on net._http_response (created);

    create or replace function net._urlencode(p text) returns text
    language sql immutable set search_path = '' as $fn$
      select coalesce(string_agg(
        case when c ~ '^[A-Za-z0-9_.~-]$' then c
             else regexp_replace(upper(encode(convert_to(c, 'UTF8'), 'hex')), '(..)', '%\1', 'g') end,
        '' order by o), '')
      from regexp_split_to_table(p, '') with ordinality as t (c, o)
    $fn$;

    -- the URL with params appended, as pg_net's _encode_url_with_params_array does
    create or replace function net._url(url text, params jsonb) returns text
    language sql immutable set search_path = '' as $fn$
      select url || case when params is null or params = '{}'::jsonb then ''
                         else case when url like '%?%' then '&' else '?' end
                              || (select string_agg(net._urlencode(key) || '=' || net._urlencode(value), '&' order by key)
                                  from jsonb_each_text(params)) end
    $fn$;

    create or replace function net.http_get(url text, params jsonb default '{}'::jsonb,
      headers jsonb default '{}'::jsonb, timeout_milliseconds integer default 5000) returns bigint
    language sql set search_path = '' as $fn$
      insert into net.http_request_queue (method, url, headers, body, timeout_milliseconds)
      values ('GET', net._url(url, params), coalesce(headers, '{}'::jsonb), null, timeout_milliseconds)
      returning id
    $fn$;

    create or replace function net.http_post(url text, body jsonb default '{}'::jsonb, params jsonb default '{}'::jsonb,
      headers jsonb default '{"Content-Type": "application/json"}'::jsonb, timeout_milliseconds integer default 5000)
      returns bigint
    language sql set search_path = '' as $fn$
      insert into net.http_request_queue (method, url, headers, body, timeout_milliseconds)
      values ('POST', net._url(url, params), coalesce(headers, '{}'::jsonb), convert_to(body::text, 'UTF8'),
              timeout_milliseconds)
      returning id
    $fn$;

    create or replace function net.http_delete(url text, params jsonb default '{}'::jsonb,
      headers jsonb default '{}'::jsonb, timeout_milliseconds integer default 5000, body jsonb default null)
      returns bigint
    language sql set search_path = '' as $fn$
      insert into net.http_request_queue (method, url, headers, body, timeout_milliseconds)
      values ('DELETE', net._url(url, params), coalesce(headers, '{}'::jsonb),
              case when body is null then null else convert_to(body::text, 'UTF8') end, timeout_milliseconds)
      returning id
    $fn$;

    revoke all on all tables in schema net from public;
    revoke all on all functions in schema net from public;
  $ddl$;
end $bootstrap$;
