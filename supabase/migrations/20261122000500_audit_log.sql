-- Audit log: who changed which row, when, from which device and station. Written only by the
-- app.audit_row() trigger; no API role can insert, update or delete it. Managers+ read their
-- organisation's log.

create table public.audit_log (
  id bigint generated always as identity primary key,
  org_id uuid not null,
  table_name text not null,
  row_id uuid,
  op text not null check (op in ('INSERT', 'UPDATE', 'DELETE')),
  old_values jsonb,
  new_values jsonb,
  actor_user_id uuid,
  actor_member_id uuid,
  actor_role text,
  operator_session_id uuid,
  station_id uuid,
  device_id text,
  at timestamptz not null default now()
);
comment on table public.audit_log is
  'Row changes of tenant tables, written by the app.audit_row() trigger (never by app code). '
  'Ids are kept without foreign keys so history outlives what it describes.';
comment on column public.audit_log.org_id is 'The organisation the row belongs to (no foreign key: the log outlives a closed workshop).';
comment on column public.audit_log.row_id is 'Primary key of the changed row.';
comment on column public.audit_log.old_values is 'UPDATE: the changed columns before; DELETE: the whole row. Secrets left out.';
comment on column public.audit_log.new_values is 'INSERT: the whole row; UPDATE: the changed columns after. Secrets left out.';
comment on column public.audit_log.actor_user_id is 'auth.uid() of the request (the operator after a PIN-in), null for anon/SQL.';
comment on column public.audit_log.actor_member_id is 'The actor''s membership in this organisation.';
comment on column public.audit_log.actor_role is 'The request''s JWT role (authenticated, anon, service_role) or the database role.';
comment on column public.audit_log.operator_session_id is 'Set when the actor acts through a PIN-in on a station.';
comment on column public.audit_log.station_id is 'The station tablet the change came from, when known.';
comment on column public.audit_log.device_id is 'The x-device-id request header the app sends from each device.';

create index audit_log_org_at_idx on public.audit_log (org_id, at desc);
create index audit_log_row_idx on public.audit_log (table_name, row_id);

alter table public.audit_log enable row level security;

create policy audit_log_select on public.audit_log for select to authenticated
  using (org_id = any (array(select app.my_org_ids('manager'))));
create policy audit_log_insert on public.audit_log for insert to authenticated with check (false);
create policy audit_log_update on public.audit_log for update to authenticated using (false);
create policy audit_log_delete on public.audit_log for delete to authenticated using (false);

revoke all on public.audit_log from public, anon, authenticated, service_role;
grant select on public.audit_log to authenticated, service_role;

-- ------------------------------------------------------------------ the trigger
-- Trigger arguments name columns to keep out of the diff:
--   'redact:<column>'  a secret: its value never reaches the log, a change shows as "[redacted]";
--   'skip:<column>'    bookkeeping: left out entirely (an UPDATE changing only these logs nothing).
-- updated_at is always skipped. The organisation is the row's org_id, or its id for organisations.
create function app.audit_row() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  v_old jsonb := case when tg_op <> 'INSERT' then to_jsonb(old) end;
  v_new jsonb := case when tg_op <> 'DELETE' then to_jsonb(new) end;
  v_row jsonb := coalesce(v_new, v_old);
  v_arg text;
  v_skip text[] := array['updated_at'];
  v_redact text[] := '{}';
  v_key text;
  v_org uuid;
  v_member uuid;
  v_session uuid;
  v_station uuid;
begin
  foreach v_arg in array coalesce(tg_argv, '{}') loop
    if v_arg like 'redact:%' then
      v_redact := v_redact || substr(v_arg, 8);
    elsif v_arg like 'skip:%' then
      v_skip := v_skip || substr(v_arg, 6);
    else
      raise exception 'app.audit_row: argument % must start with redact: or skip:', v_arg;
    end if;
  end loop;
  v_old := v_old - v_skip;
  v_new := v_new - v_skip;
  if tg_op = 'UPDATE' then
    -- keep only what changed
    for v_key in select jsonb_object_keys(v_new) loop
      if v_new -> v_key is not distinct from v_old -> v_key then
        v_new := v_new - v_key;
        v_old := v_old - v_key;
      end if;
    end loop;
    if v_new = '{}'::jsonb then
      return null;
    end if;
  end if;
  foreach v_key in array v_redact loop
    if v_old ? v_key and v_old -> v_key <> 'null'::jsonb then
      v_old := jsonb_set(v_old, array[v_key], '"[redacted]"');
    end if;
    if v_new ? v_key and v_new -> v_key <> 'null'::jsonb then
      v_new := jsonb_set(v_new, array[v_key], '"[redacted]"');
    end if;
  end loop;

  v_org := case when tg_table_name = 'organisations' then (v_row ->> 'id')::uuid else (v_row ->> 'org_id')::uuid end;

  select m.member_id, m.operator_session_id, m.station_id into v_member, v_session, v_station
  from app.my_memberships() m where m.org_id = v_org;
  if v_member is null and (select auth.uid()) is not null then
    -- e.g. a person acting on their own row outside any live membership
    select m.id into v_member from public.members m where m.org_id = v_org and m.user_id = (select auth.uid());
  end if;

  insert into public.audit_log (org_id, table_name, row_id, op, old_values, new_values, actor_user_id,
                                actor_member_id, actor_role, operator_session_id, station_id, device_id)
  values (v_org, tg_table_name, (v_row ->> 'id')::uuid, tg_op, v_old, v_new,
          (select auth.uid()), v_member, coalesce((select auth.role()), session_user::text),
          v_session,
          coalesce(v_station, nullif(current_setting('floorline.station_id', true), '')::uuid),
          app.request_header('x-device-id'));
  return null;
end $$;
comment on function app.audit_row() is
  'AFTER trigger writing public.audit_log. Arguments: ''redact:<column>'' for secrets, ''skip:<column>'' for '
  'bookkeeping. Later tenant tables attach it the same way: create trigger <t>_audit after insert or update '
  'or delete on <t> for each row execute function app.audit_row(''redact:<secret>'', ''skip:<noise>'').';

create trigger organisations_audit after insert or update or delete on public.organisations
  for each row execute function app.audit_row();
create trigger locations_audit after insert or update or delete on public.locations
  for each row execute function app.audit_row();
create trigger teams_audit after insert or update or delete on public.teams
  for each row execute function app.audit_row();
create trigger members_audit after insert or update or delete on public.members
  for each row execute function app.audit_row('redact:pin_hash', 'skip:failed_auth_attempts', 'skip:last_failed_auth_at');

revoke execute on all functions in schema app from public;
