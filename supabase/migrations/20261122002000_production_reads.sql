-- Reads the screens need in one round trip: the batch board and the order list (search, filters,
-- keyset pagination). Plain tables stay readable through RLS for anything else (order detail with
-- history, models with stages, …). security definer + one role check, like the write RPCs;
-- `stable`, so PostgREST may serve them with GET.

-- ------------------------------------------------------------------ batch_board
create function public.batch_board(p_org_id uuid, p_completed_days integer default 7) returns jsonb
language plpgsql stable security definer set search_path = '' as $$
declare
  v_today date;
  v_workflow_id uuid;
begin
  perform app.require_production_role(p_org_id, 'operator');
  v_today := app.org_today(p_org_id);
  select w.id into v_workflow_id from public.workflows w where w.org_id = p_org_id and w.is_default;
  return jsonb_build_object(
    'today', v_today,
    'workflow_id', v_workflow_id,
    'stages', coalesce((
      select jsonb_agg(jsonb_build_object('stage', s.stage, 'name', s.name, 'position', s.position,
                                          'is_quality_gate', s.is_quality_gate, 'order_status', s.order_status)
                       order by s.position)
      from public.workflow_stages s where s.workflow_id = v_workflow_id), '[]'::jsonb),
    'batches', coalesce((
      select jsonb_agg(card order by card ->> 'sort_key')
      from (
        select jsonb_build_object(
          'id', b.id, 'batch_number', b.batch_number, 'current_stage', b.current_stage,
          'stage_position', ws.position,
          'next_stage', (select n.stage from public.workflow_stages n
                         where n.workflow_id = b.workflow_id and n.position = ws.position + 1),
          'priority', b.priority, 'quality_status', b.quality_status, 'is_complete', b.is_complete,
          'order_count', coalesce(agg.order_count, 0),
          'earliest_due_date', agg.earliest_due_date,
          'target_completion', b.target_completion,
          'is_late', not b.is_complete and b.target_completion < v_today,
          'days_late', case when not b.is_complete and b.target_completion < v_today
                            then v_today - b.target_completion else 0 end,
          'stage_entered_at', b.stage_entered_at, 'completed_at', b.completed_at,
          'models', coalesce(agg.models, '[]'::jsonb),
          'total_estimated_hours', bm.total_estimated_hours,
          'tags', coalesce(to_jsonb(bm.tags), '[]'::jsonb),
          'updated_at', b.updated_at,
          -- rush first, then oldest in stage
          'sort_key', (5 - array_position(enum_range(null::public.batch_priority), b.priority))::text
                      || to_char(b.stage_entered_at at time zone 'UTC', 'YYYYMMDDHH24MISSUS')) as card
        from public.batches b
        join public.workflow_stages ws on ws.workflow_id = b.workflow_id and ws.stage = b.current_stage
        left join public.batch_metadata bm on bm.batch_id = b.id
        left join lateral (
          select count(*) as order_count, min(o.due_date) as earliest_due_date,
                 jsonb_agg(distinct m.name) as models
          from public.batch_orders bo
          join public.orders o on o.id = bo.order_id
          join public.headphone_models m on m.id = o.model_id
          where bo.batch_id = b.id
        ) agg on true
        where b.org_id = p_org_id
          and (not b.is_complete or b.completed_at > now() - make_interval(days => greatest(coalesce(p_completed_days, 7), 0)))
      ) cards), '[]'::jsonb)
  );
end $$;
comment on function public.batch_board(uuid, integer) is
  'The batch board (operators+): {today, workflow_id, stages[{stage,name,position,is_quality_gate,order_status}], '
  'batches[{id, batch_number, current_stage, stage_position, next_stage, priority, quality_status, is_complete, '
  'order_count, earliest_due_date, target_completion, is_late, days_late, stage_entered_at, completed_at, models, '
  'total_estimated_hours, tags, updated_at, sort_key}]}: unfinished batches plus those completed in the last '
  'p_completed_days. Errors: PT401, PT403.';

-- ------------------------------------------------------------------ list_orders
-- A prefix full-text query from free text: "ada oka" → 'ada':* & 'oka':*. Words are quoted, so no
-- user input is parsed as tsquery syntax.
create function app.prefix_tsquery(p_text text) returns tsquery
language sql immutable set search_path = '' as $$
  select case when count(*) = 0 then null
              else to_tsquery('simple', string_agg(quote_literal(w) || ':*', ' & ')) end
  from unnest(regexp_split_to_array(lower(left(coalesce(p_text, ''), 200)), '[^[:alnum:]]+')) w
  where w <> ''
$$;
comment on function app.prefix_tsquery(text) is 'Free text → prefix tsquery (every word a prefix, all required).';

create function public.list_orders(
  p_org_id uuid,
  p_query text default null,
  p_statuses public.order_status[] default null,
  p_model_id uuid default null,
  p_wood_type public.wood_type default null,
  p_unbatched_only boolean default false,
  p_cursor text default null,
  p_limit integer default 50
) returns jsonb
language plpgsql stable security definer set search_path = '' as $$
declare
  v_limit integer := least(greatest(coalesce(p_limit, 50), 1), 200);
  v_query text := nullif(btrim(p_query), '');
  v_tsq tsquery := app.prefix_tsquery(p_query);
  v_cur_at timestamptz;
  v_cur_id uuid;
  v_rows jsonb;
  v_count integer;
begin
  perform app.require_production_role(p_org_id, 'supervisor');
  if p_cursor is not null then
    begin
      v_cur_at := split_part(p_cursor, '|', 1)::timestamptz;
      v_cur_id := split_part(p_cursor, '|', 2)::uuid;
    exception when others then
      perform app.invalid('cursor', 'That page cursor is not valid');
    end;
  end if;

  with page as (
    select o.*
    from public.orders o
    left join public.customers c on c.id = o.customer_id
    where o.org_id = p_org_id
      and (p_statuses is null or o.status = any (p_statuses))
      and (p_model_id is null or o.model_id = p_model_id)
      and (p_wood_type is null or o.wood_type = p_wood_type)
      and (not coalesce(p_unbatched_only, false) or o.status in ('pending', 'on_hold'))
      and (v_query is null
           or c.search @@ v_tsq
           or c.name ilike '%' || v_query || '%'
           or o.order_number ilike v_query || '%')
      and (v_cur_at is null or (o.created_at, o.id) < (v_cur_at, v_cur_id))
    order by o.created_at desc, o.id desc
    limit v_limit + 1
  )
  select jsonb_agg(jsonb_build_object(
           'id', p.id, 'order_number', p.order_number, 'status', p.status, 'priority', p.priority,
           'model_id', p.model_id, 'model_name', m.name, 'wood_type', p.wood_type,
           'customer_id', p.customer_id, 'customer_name', c.name, 'customer_email', c.email,
           'due_date', p.due_date, 'price', p.price, 'shopify_order_id', p.shopify_order_id,
           'batch_id', bo.batch_id, 'batch_number', b.batch_number, 'current_stage', b.current_stage,
           'created_at', p.created_at, 'cursor', to_char(p.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') || '|' || p.id)
         order by p.created_at desc, p.id desc),
         count(*)
    into v_rows, v_count
  from page p
  join public.headphone_models m on m.id = p.model_id
  left join public.customers c on c.id = p.customer_id
  left join public.batch_orders bo on bo.order_id = p.id and not bo.batch_is_complete
  left join public.batches b on b.id = bo.batch_id;

  v_rows := coalesce(v_rows, '[]'::jsonb);
  if v_count > v_limit then
    v_rows := v_rows - v_limit;
    return jsonb_build_object('rows', v_rows, 'next_cursor', v_rows -> (v_limit - 1) ->> 'cursor');
  end if;
  return jsonb_build_object('rows', v_rows, 'next_cursor', null);
end $$;
comment on function public.list_orders(uuid, text, public.order_status[], uuid, public.wood_type, boolean, text, integer) is
  'The order list (supervisors+), newest first: {rows[{id, order_number, status, priority, model_id, model_name, '
  'wood_type, customer_id, customer_name, customer_email, due_date, price, shopify_order_id, batch_id, batch_number, '
  'current_stage, created_at, cursor}], next_cursor}. p_query: customer name/e-mail words as prefixes (full text), '
  'a name fragment (trigram) or an order-number prefix. Pass next_cursor as p_cursor for the next page '
  '(keyset, stable under inserts). p_limit 1–200. Errors: PT401, PT403, 22023 cursor.';

revoke execute on all functions in schema app from public;
revoke execute on function public.batch_board(uuid, integer),
  public.list_orders(uuid, text, public.order_status[], uuid, public.wood_type, boolean, text, integer)
  from public, anon, authenticated, service_role;
grant execute on function public.batch_board(uuid, integer),
  public.list_orders(uuid, text, public.order_status[], uuid, public.wood_type, boolean, text, integer)
  to authenticated, service_role;
