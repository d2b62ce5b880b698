-- The SMS cron job: scheduled every minute, calls the app's /api/sms/cron through pg_net with the
-- bearer secret only when something is due, and the Semaphore stragglers it hands out are stamped
-- so two runs never poll one text twice.
begin;
select plan(8);

select is((select j.schedule || ' ' || j.command from cron.job j where j.jobname = 'floorline-sms-worker'),
  '* * * * *  select app.sms_cron_tick() ', 'the job runs every minute');
select ok(not has_table_privilege('service_role', 'app.sms_job_settings', 'select')
          and not has_table_privilege('authenticated', 'app.sms_job_settings', 'select'),
  'no API role reads the job''s URL and secret');

delete from public.sms_messages;
select is(app.sms_cron_tick(), null, 'nothing due: no request');

-- a text queued (the seed's Aurora settings: enabled, three providers)
select public.sms_send('20000000-0000-4000-8000-000000000001', '+14155550111', 'Due now');
select isnt(app.sms_cron_tick(), null, 'a due text: a request');
select is((select q.url || ' ' || (q.headers ->> 'authorization') from net.http_request_queue q order by q.id desc limit 1),
  'http://127.0.0.1:3000/api/sms/cron Bearer floorline-dev-sms-cron-secret',
  'to the app''s cron route with the configured secret');

delete from app.sms_job_settings;
select is(app.sms_cron_tick(), null, 'no settings: no request');

-- stragglers: a Semaphore text sent a minute ago, handed out once
update public.sms_messages set status = 'SENT', provider = 'semaphore', provider_message_id = '123',
  sent_at = now() - interval '1 minute';
select is(jsonb_array_length(public.sms_stragglers(10)), 1, 'a Semaphore text waiting for its status is polled');
select is(jsonb_array_length(public.sms_stragglers(10)), 0, 'and not again within 5 minutes');

select * from finish();
rollback;
