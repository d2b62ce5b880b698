-- The Garment system type as batches use it (fsm-batches, CONTRACT-CHANGES 01:27): rework from QC back
-- to Sewing is a back-step like the headphone returns, so it needs a supervisor as well as a reason;
-- batches sit in the terminal Shipped state until they are completed, so their orders are ready to
-- ship there (complete_batch ships them). Reference data: changed here, the version goes up.
update public.type_definitions d
set fsm_schema = jsonb_set(
      jsonb_set(d.fsm_schema, '{transitions}',
        (select jsonb_agg(case when t ->> 'name' = 'rework'
                               then t || '{"requires": {"reason": true, "min_role": "supervisor"}}'::jsonb else t end
                          order by o)
         from jsonb_array_elements(d.fsm_schema -> 'transitions') with ordinality x (t, o))),
      '{meta,Shipped,order_status}', '"ready_to_ship"')
where d.org_id is null and d.subject = 'batch' and d.type_code = 'garment';
