-- Planning a lay through one RPC (issue 14): the lay's number, style and planned units are the
-- trigger's, so a client cannot insert the row with those columns itself; plan_lay takes what a
-- person decides (fabric, colour, shade, marker, plies, ratio, bundle size) and answers the lay.

create function public.plan_lay(
  p_cut_order_id uuid, p_fabric text, p_colour text, p_shade text, p_marker_length_m numeric, p_plies integer,
  p_size_ratio jsonb, p_bundle_size integer default 20, p_marker_width_cm numeric default null,
  p_location_id uuid default null, p_notes text default null
) returns jsonb
language plpgsql volatile security definer set search_path = '' set lock_timeout = '5s' as $$
declare
  v_co public.cut_orders;
  v_lay public.lays;
begin
  select * into v_co from public.cut_orders c where c.id = p_cut_order_id;
  if v_co.id is null or not (v_co.org_id = any (array(select app.my_org_ids())))
     and not app.is_service_role() and (select auth.role()) is not null then
    perform app.raise('NOT_FOUND', 'No such cut order in this workshop', 'cut_order_id');
  end if;
  perform app.require_member(v_co.org_id, 'supervisor', true);
  if v_co.closed_at is not null then
    perform app.raise('RULE_VIOLATION', format('Cut order CO-%s is closed', v_co.cut_order_number), 'cut_order_id');
  end if;
  if p_location_id is not null and not exists (select 1 from public.locations l where l.id = p_location_id
                                                 and l.org_id = v_co.org_id and l.is_active) then
    perform app.raise('NOT_FOUND', 'No such location in this workshop', 'location_id');
  end if;
  if p_plies is null or p_plies not between 1 and 500 then
    perform app.raise('VALIDATION_FAILED', 'Plies are 1 to 500', 'plies');
  end if;
  if p_marker_length_m is null or p_marker_length_m <= 0 or p_marker_length_m > 100 then
    perform app.raise('VALIDATION_FAILED', 'The marker is more than 0 and at most 100 m long', 'marker_length_m');
  end if;
  if p_bundle_size is null or p_bundle_size not between 1 and 1000 then
    perform app.raise('VALIDATION_FAILED', 'A bundle holds 1 to 1000 pieces', 'bundle_size');
  end if;
  if length(btrim(coalesce(p_fabric, ''))) not between 1 and 100 then
    perform app.raise('VALIDATION_FAILED', 'Name the fabric (up to 100 characters)', 'fabric');
  end if;
  if length(btrim(coalesce(p_colour, ''))) not between 1 and 40 then
    perform app.raise('VALIDATION_FAILED', 'Name the colour (up to 40 characters)', 'colour');
  end if;
  if coalesce(btrim(p_shade), 'A') !~ '^[A-Za-z0-9][A-Za-z0-9-]{0,15}$' then
    perform app.raise('VALIDATION_FAILED', 'A shade is 1 to 16 letters, digits or -', 'shade');
  end if;
  insert into public.lays (org_id, cut_order_id, fabric, colour, shade, marker_length_m, marker_width_cm, plies, size_ratio,
                           bundle_size, location_id, notes)
    values (v_co.org_id, v_co.id, btrim(p_fabric), btrim(p_colour), coalesce(nullif(btrim(p_shade), ''), 'A'),
            p_marker_length_m, p_marker_width_cm, p_plies, p_size_ratio, p_bundle_size, p_location_id,
            nullif(btrim(p_notes), ''))
    returning * into v_lay;
  return to_jsonb(v_lay);
end $$;
comment on function public.plan_lay(uuid, text, text, text, numeric, integer, jsonb, integer, numeric, uuid, text) is
  'Supervisors+: plans a lay for an open cut order (number, style and planned units by trigger). Errors: NOT_FOUND, '
  'RULE_VIOLATION (closed cut order), VALIDATION_FAILED with the field (size_ratio, plies, …).';

revoke execute on function public.plan_lay(uuid, text, text, text, numeric, integer, jsonb, integer, numeric, uuid, text)
  from public, anon;
grant execute on function public.plan_lay(uuid, text, text, text, numeric, integer, jsonb, integer, numeric, uuid, text)
  to authenticated, service_role;
