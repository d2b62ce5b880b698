-- New organisations get starter templates (issue 13), the ones the demo seed has: Order
-- Confirmation (spec 03) and what a workshop needs — In production, Ready, Shipped (tracking link),
-- Ticket called, Pickup reminder. The order-status ones are linked to their status, but automatic
-- texts stay off (sms_settings.auto_statuses is empty) until a manager turns them on. Existing
-- organisations keep what they have.

create or replace function app.sms_org_created() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  insert into public.sms_settings (org_id) values (new.id) on conflict do nothing;
  insert into app.sms_callback_secrets (org_id, secret)
    values (new.id, encode(extensions.gen_random_bytes(24), 'hex')) on conflict do nothing;
  insert into public.sms_templates (org_id, name, description, body, variables, order_status)
  select new.id, t.name, t.description, t.body, t.variables, t.status
  from (values
    ('Order Confirmation', 'Sent when an order is received.',
     'Hi {NAME}, your order {ORDER_NUMBER} has been confirmed!', '{NAME,ORDER_NUMBER}'::text[], 'pending'::public.order_status),
    ('In production', 'Work on the order has started.',
     'Hi {NAME}, good news: order {ORDER_NUMBER} is now in production. Follow it here: {TRACKING_LINK}',
     '{NAME,ORDER_NUMBER,TRACKING_LINK}', 'in_production'),
    ('Ready', 'Made and checked; waiting to go out or be picked up.',
     'Hi {NAME}, order {ORDER_NUMBER} is ready. {WORKSHOP}', '{NAME,ORDER_NUMBER,WORKSHOP}', 'ready_to_ship'),
    ('Shipped', 'On its way, with the tracking link.',
     'Hi {NAME}, order {ORDER_NUMBER} has shipped! Track it: {TRACKING_LINK}', '{NAME,ORDER_NUMBER,TRACKING_LINK}', 'shipped'),
    ('Ticket called', 'A customer''s queue ticket is called to a counter.',
     '{NAME}, ticket {TICKET_NUMBER} is being called. Please come to {COUNTER}.', '{NAME,TICKET_NUMBER,COUNTER}', null),
    ('Pickup reminder', 'A nudge for orders waiting at the counter.',
     'Hi {NAME}, order {ORDER_NUMBER} is still waiting for you at {WORKSHOP}.', '{NAME,ORDER_NUMBER,WORKSHOP}', null)
  ) t (name, description, body, variables, status)
  where not exists (select 1 from public.sms_templates x where x.org_id = new.id);
  return null;
end $$;
comment on function app.sms_org_created() is
  'Trigger: every organisation gets its SMS settings (off), a random delivery-callback secret and the starter '
  'templates (Order Confirmation, In production, Ready, Shipped, Ticket called, Pickup reminder).';
revoke execute on function app.sms_org_created() from public;
