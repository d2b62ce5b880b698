-- Putting an order on hold needs a reason (issue 10: "Put on hold" acted on one tap, and the order's
-- history could not say why it stopped). The reason is what the transaction gave (floorline.reason,
-- set by update_order's p_reason through app.set_reason) and lands in the status history as for every
-- other change. Through the API only: the service role and JWT-less SQL (seed, migrations, a person at
-- psql) stay free, as for sending a batch back. Releasing from hold needs none.
create function app.orders_hold_needs_reason() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if new.status = 'on_hold' and old.status is distinct from 'on_hold' and app.current_reason() is null
     and coalesce((select auth.role()), '') not in ('', 'service_role') then
    perform app.raise('VALIDATION_FAILED', 'Say why the order is put on hold', 'reason');
  end if;
  return new;
end $$;
comment on function app.orders_hold_needs_reason() is
  'Trigger: an order goes on hold through the API only with a reason (VALIDATION_FAILED field reason).';

create trigger orders_hold_needs_reason before update of status on public.orders
  for each row when (new.status = 'on_hold' and old.status is distinct from new.status)
  execute function app.orders_hold_needs_reason();

revoke execute on function app.orders_hold_needs_reason() from public;
