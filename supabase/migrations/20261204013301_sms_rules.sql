-- SMS rules that hold on every path (plain SQL included): template variables checked both ways,
-- unique template names, status transitions only forward, template usage kept by trigger, the
-- segment count of a text, and private Realtime for the message log (topic org:<org>:sms).
--
-- The placeholder syntax and the GSM-7/UCS-2 arithmetic are the same as lib/sms/template.ts and
-- lib/sms/segments.ts (which explain them in the editor before the round trip); the database's
-- answer is the one that counts.

-- ------------------------------------------------------------------ templates
-- {NAME}: a brace pair around letters, digits and _; a valid name is capitals, digits and _,
-- starting with a capital, ≤ 32 characters. Other braces are plain text.
create function app.sms_tokens(p_body text) returns text[]
language sql immutable set search_path = '' as $$
  select coalesce(array_agg(t.name order by t.first), '{}')
  from (select m[1] as name, min(o) as first
        from regexp_matches(coalesce(p_body, ''), '\{([A-Za-z0-9_]+)\}', 'g') with ordinality as x (m, o)
        group by m[1]) t
$$;
comment on function app.sms_tokens(text) is 'Distinct {TOKEN}s of a text in order of first use (valid names or not).';

create function app.sms_valid_name(p_name text) returns boolean
language sql immutable set search_path = '' as $$
  select coalesce(p_name ~ '^[A-Z][A-Z0-9_]{0,31}$', false)
$$;
comment on function app.sms_valid_name(text) is 'A placeholder / variable name: capitals, digits and _, starting with a capital, ≤ 32.';

-- The variables an automatic order text may use (app.sms_order_status_text fills them).
create function app.sms_auto_variables() returns text[]
language sql immutable set search_path = '' as $$
  select array['NAME', 'ORDER_NUMBER', 'STATUS', 'TRACKING_LINK', 'WORKSHOP']
$$;
comment on function app.sms_auto_variables() is 'Variables an automatic order-status text can fill.';

create function app.sms_template_guard() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  v_tokens text[] := app.sms_tokens(new.body);
  v_bad text[];
  v_missing text[];
  v_unused text[];
begin
  new.name := btrim(new.name);
  new.variables := coalesce(new.variables, '{}');
  if tg_op = 'INSERT' then
    new.created_by := app.actor_member_id(new.org_id);
    new.usage_count := 0;
    new.last_used_at := null;
  end if;
  if exists (select 1 from public.sms_templates t
             where t.org_id = new.org_id and lower(t.name) = lower(new.name) and t.id <> new.id) then
    perform app.raise('TEMPLATE_NAME_TAKEN', format('Another template is already called "%s"', new.name), 'name');
  end if;
  v_bad := array(select t from unnest(v_tokens) t where not app.sms_valid_name(t));
  if cardinality(v_bad) > 0 then
    perform app.raise('TEMPLATE_VARIABLES',
      format('{%s}: placeholder names are capital letters, digits and _, starting with a letter (like {ORDER_NUMBER})',
             v_bad[1]), 'body', jsonb_build_object('invalid', v_bad));
  end if;
  v_bad := array(select v from unnest(new.variables) v where not app.sms_valid_name(v));
  if cardinality(v_bad) > 0 then
    perform app.raise('TEMPLATE_VARIABLES', format('''%s'' is not a valid variable name (like ORDER_NUMBER)', v_bad[1]),
      'variables', jsonb_build_object('invalid', v_bad));
  end if;
  if cardinality(new.variables) <> (select count(distinct v) from unnest(new.variables) v) then
    perform app.raise('TEMPLATE_VARIABLES', 'A variable is declared twice', 'variables');
  end if;
  v_missing := array(select t from unnest(v_tokens) t where not (t = any (new.variables)));
  v_unused := array(select v from unnest(new.variables) v where not (v = any (v_tokens)));
  if cardinality(v_missing) > 0 then
    perform app.raise('TEMPLATE_VARIABLES',
      format('{%s} is used in the message but not declared', array_to_string(v_missing, '}, {')), 'body',
      jsonb_build_object('missing', v_missing, 'unused', v_unused));
  end if;
  if cardinality(v_unused) > 0 then
    perform app.raise('TEMPLATE_VARIABLES',
      format('%s declared but the message never uses it', array_to_string(v_unused, ', ')), 'variables',
      jsonb_build_object('missing', v_missing, 'unused', v_unused));
  end if;
  if new.order_status is not null then
    v_bad := array(select v from unnest(new.variables) v where not (v = any (app.sms_auto_variables())));
    if cardinality(v_bad) > 0 then
      perform app.raise('TEMPLATE_VARIABLES',
        format('An automatic order text can only use %s (not %s)', array_to_string(app.sms_auto_variables(), ', '),
               array_to_string(v_bad, ', ')), 'variables', jsonb_build_object('invalid', v_bad));
    end if;
    if exists (select 1 from public.sms_templates t
               where t.org_id = new.org_id and t.order_status = new.order_status and t.id <> new.id) then
      perform app.raise('CONFLICT', 'Another template is already the automatic text for that status', 'order_status');
    end if;
  end if;
  return new;
end $$;
comment on function app.sms_template_guard() is
  'Trigger: trims the name, refuses a taken name (TEMPLATE_NAME_TAKEN), invalid or duplicate names, undeclared '
  'placeholders and unused variables (TEMPLATE_VARIABLES with missing/unused), and automatic texts using '
  'variables the order trigger cannot fill. Holds for plain SQL too.';
create trigger sms_templates_guard before insert or update on public.sms_templates
  for each row execute function app.sms_template_guard();

-- Send time: every placeholder given a non-blank value, nothing extra; one pass (a value holding
-- "{X}" is inserted literally).
create function app.sms_render(p_body text, p_values jsonb) returns text
language plpgsql stable security definer set search_path = '' as $$
declare
  v_values jsonb := coalesce(p_values, '{}'::jsonb);
  v_tokens text[] := app.sms_tokens(p_body);
  v_missing text[];
  v_extra text[];
  v_out text := '';
  v_rest text := p_body;
  v_match text[];
  v_pos integer;
begin
  if jsonb_typeof(v_values) <> 'object' then
    perform app.raise('VALIDATION_FAILED', 'Values are an object of variable names to text', 'values');
  end if;
  v_missing := array(select t from unnest(v_tokens) t
                     where app.sms_valid_name(t)
                       and (jsonb_typeof(v_values -> t) is distinct from 'string' or btrim(v_values ->> t) = ''));
  v_extra := array(select k from jsonb_object_keys(v_values) k where not (k = any (v_tokens)));
  if cardinality(v_missing) > 0 or cardinality(v_extra) > 0 then
    perform app.raise('TEMPLATE_VALUES',
      case when cardinality(v_missing) > 0 then format('No value for {%s}', array_to_string(v_missing, '}, {'))
           else format('%s is not used by this template', array_to_string(v_extra, ', ')) end,
      'values', jsonb_build_object('missing', v_missing, 'extra', v_extra));
  end if;
  loop
    v_match := regexp_match(v_rest, '\{([A-Za-z0-9_]+)\}');
    exit when v_match is null;
    v_pos := strpos(v_rest, '{' || v_match[1] || '}');
    v_out := v_out || left(v_rest, v_pos - 1)
             || case when app.sms_valid_name(v_match[1]) then v_values ->> v_match[1] else '{' || v_match[1] || '}' end;
    v_rest := substr(v_rest, v_pos + length(v_match[1]) + 2);
  end loop;
  return v_out || v_rest;
end $$;
comment on function app.sms_render(text, jsonb) is
  'Fills a template: every placeholder needs a non-blank string value and no value may be extra (TEMPLATE_VALUES).';

-- ------------------------------------------------------------------ segments
-- GSM 03.38: 160 septets in one SMS, 153 per part when split; extension characters take two and an
-- escape pair is never split. Anything else makes it UCS-2: 70 UTF-16 units, 67 per part, a
-- surrogate pair never split.
create function app.sms_segments(p_body text) returns jsonb
language plpgsql immutable set search_path = '' as $$
declare
  v_basic constant text := '@£$¥èéùìòÇ' || chr(10) || 'Øø' || chr(13)
    || 'ÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&''()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
  v_ext constant text := chr(12) || '^{}\[~]|€';
  v_sizes integer[] := '{}';
  v_gsm boolean := true;
  v_ch text;
  v_single integer;
  v_multi integer;
  v_units integer := 0;
  v_used integer := 0;
  v_segments integer := 1;
  v_size integer;
begin
  for i in 1 .. coalesce(length(p_body), 0) loop
    v_ch := substr(p_body, i, 1);
    if strpos(v_basic, v_ch) > 0 then
      v_sizes := v_sizes || 1;
    elsif strpos(v_ext, v_ch) > 0 then
      v_sizes := v_sizes || 2;
    else
      v_gsm := false;
      exit;
    end if;
  end loop;
  if not v_gsm then
    v_sizes := array(select case when ascii(substr(p_body, i, 1)) > 65535 then 2 else 1 end
                     from generate_series(1, length(p_body)) i order by i);
  end if;
  v_single := case when v_gsm then 160 else 70 end;
  v_multi := case when v_gsm then 153 else 67 end;
  v_units := coalesce((select sum(s) from unnest(v_sizes) s), 0);
  if v_units = 0 then
    v_segments := 0;
  elsif v_units > v_single then
    foreach v_size in array v_sizes loop
      if v_used + v_size > v_multi then
        v_segments := v_segments + 1;
        v_used := 0;
      end if;
      v_used := v_used + v_size;
    end loop;
  end if;
  return jsonb_build_object('encoding', case when v_gsm then 'GSM-7' else 'UCS-2' end, 'units', v_units,
                            'segments', v_segments);
end $$;
comment on function app.sms_segments(text) is
  '{encoding GSM-7|UCS-2, units, segments} of a text (same packing as lib/sms/segments.ts).';

-- ------------------------------------------------------------------ statuses only forward
create function app.sms_status_rank(p_status public.sms_status) returns integer
language sql immutable set search_path = '' as $$
  select case p_status when 'PENDING' then 0 when 'SENT' then 1 else 2 end
$$;
comment on function app.sms_status_rank(public.sms_status) is 'PENDING 0 < SENT 1 < DELIVERED = FAILED 2 (final).';

create function app.sms_message_guard() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if new.status is distinct from old.status then
    if app.sms_status_rank(new.status) <= app.sms_status_rank(old.status) then
      perform app.raise('SMS_STATUS_BACKWARDS',
        format('An SMS that is %s cannot become %s', old.status, new.status), 'status',
        jsonb_build_object('status', old.status));
    end if;
    if new.status in ('SENT', 'DELIVERED') then
      new.sent_at := coalesce(new.sent_at, now());
    end if;
    if new.status = 'DELIVERED' then
      new.delivered_at := coalesce(new.delivered_at, now());
    elsif new.status = 'FAILED' then
      new.failed_at := coalesce(new.failed_at, now());
    end if;
    -- out of the queue: no lease, and an OTP's code is forgotten
    new.lease_token := null;
    new.lease_until := null;
    delete from app.sms_otp_payloads p where p.message_id = new.id;
  end if;
  if (new.to_phone, new.body, new.org_id) is distinct from (old.to_phone, old.body, old.org_id) then
    perform app.raise('RULE_VIOLATION', 'A queued text''s number and words do not change', 'body');
  end if;
  return new;
end $$;
comment on function app.sms_message_guard() is
  'Trigger: status only forward (SMS_STATUS_BACKWARDS), stamps sent_at/delivered_at/failed_at, drops the lease '
  'and an OTP''s code when the message leaves PENDING; number and body are fixed.';
create trigger sms_messages_guard before update on public.sms_messages
  for each row execute function app.sms_message_guard();

-- ------------------------------------------------------------------ template usage
create function app.sms_template_usage() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  update public.sms_templates t
    set usage_count = t.usage_count + u.n, last_used_at = u.last_at
    from (select r.template_id, count(*)::integer as n, max(r.created_at) as last_at
          from new_rows r where r.template_id is not null group by r.template_id) u
    where t.id = u.template_id;
  return null;
end $$;
comment on function app.sms_template_usage() is 'Trigger (per statement): usage_count and last_used_at of the templates used.';
create trigger sms_messages_template_usage after insert on public.sms_messages
  referencing new table as new_rows
  for each statement execute function app.sms_template_usage();

-- ------------------------------------------------------------------ realtime: the message log
-- org:<org>:sms joins the topics of 20261203004100; managers+ receive (who reads sms_messages).
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
    '^org:([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}):(board|floor|sms|queue:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$');
  if v_m is null then
    return false;
  end if;
  -- who reads the tables behind the topic: floor sessions of everyone are supervisors+ (RLS on
  -- floor_sessions), SMS messages managers+, batches and queues every member
  return v_m[1]::uuid = any (array(select app.my_org_ids(
    case v_m[2] when 'floor' then 'supervisor' when 'sms' then 'manager' else 'operator' end::public.member_role)));
end $$;
comment on function app_realtime.can_read(text) is
  'May the caller receive broadcasts on this Realtime topic? track:<hash> of a live token (anyone), '
  'org:<org>:board|queue:<id> (members), org:<org>:floor (supervisors+), org:<org>:sms (managers+); anything else no.';

create trigger sms_messages_realtime after insert or update on public.sms_messages
  for each row execute function app.realtime_row_changed('sms');

revoke execute on all functions in schema app from public;
