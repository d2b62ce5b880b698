-- Every minute, pg_cron asks the app to send what is due (docs/scheduler.md, docs/sms.md §cron):
-- retries after backoff, texts whose worker died (expired lease), texts queued by triggers or while
-- the app was down, and Semaphore's reports (polled). The sending needs the app (provider adapters),
-- so the job is a pg_net POST to /api/sms/cron with a bearer secret; URL and secret are deployment
-- data in a private table (an operator writes them once per environment:
--   insert into app.sms_job_settings values ('app_url', 'https://app.example.com'), ('cron_secret', '<SMS_CRON_SECRET>')
--     on conflict (key) do update set value = excluded.value;
-- the seed points them at http://127.0.0.1:3000 with the public development secret).
-- Without them the job does nothing. Same migration on hosted Supabase, the local stack and pgTAP.

do $$
begin
  if not exists (select 1 from pg_namespace where nspname = 'cron') then
    create extension if not exists pg_cron;
  end if;
  if not exists (select 1 from pg_namespace where nspname = 'net') then
    create extension if not exists pg_net with schema extensions;
  end if;
end $$;

create table app.sms_job_settings (
  key text primary key check (key in ('app_url', 'cron_secret')),
  value text not null check (length(value) between 1 and 500),
  updated_at timestamptz not null default now()
);
comment on table app.sms_job_settings is
  'Where the SMS cron job calls the app: app_url (origin, no path) and cron_secret (= the app''s SMS_CRON_SECRET). '
  'Readable by no API role.';
alter table app.sms_job_settings enable row level security;
revoke all on app.sms_job_settings from public, anon, authenticated, service_role;

create function app.sms_cron_tick() returns bigint
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_url text := (select s.value from app.sms_job_settings s where s.key = 'app_url');
  v_secret text := (select s.value from app.sms_job_settings s where s.key = 'cron_secret');
begin
  if v_url is null or v_secret is null then
    return null;
  end if;
  -- nothing due and nothing to poll: no request (a quiet workshop costs nothing)
  if not exists (select 1 from public.sms_messages m
                 where (m.status = 'PENDING' and m.next_attempt_at <= now()
                        and (m.lease_until is null or m.lease_until < now()))
                    or (m.status = 'SENT' and m.provider = 'semaphore' and m.sent_at > now() - interval '3 days'
                        and (m.status_checked_at is null or m.status_checked_at < now() - interval '5 minutes'))) then
    return null;
  end if;
  return net.http_post(
    url := rtrim(v_url, '/') || '/api/sms/cron',
    body := '{}'::jsonb,
    params := '{}'::jsonb,
    headers := jsonb_build_object('content-type', 'application/json', 'authorization', 'Bearer ' || v_secret),
    timeout_milliseconds := 25000);
end $$;
comment on function app.sms_cron_tick() is
  'pg_cron job (every minute): when texts are due or Semaphore texts wait for a status, POSTs /api/sms/cron with the '
  'bearer secret (pg_net). Returns the pg_net request id, or null when there is nothing to do or no settings.';
revoke execute on function app.sms_cron_tick() from public, anon, authenticated, service_role;

-- same name = replace: re-running is harmless
select cron.schedule('floorline-sms-worker', '* * * * *', $$ select app.sms_cron_tick() $$);
