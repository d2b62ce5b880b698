-- Workshop production (spec 04, issue 4): the enums. Design: docs/production.md.
-- Spec 04 names six enums and gives some of their values (wood_type, production_stage in full;
-- 'pending', 'standard', 'good', 'medium', 'high', 'very_high' in its defaults and seed). The rest
-- are ours, declared in ascending order wherever order means something, so `>=` reads naturally.

create type public.model_complexity as enum ('low', 'medium', 'high', 'very_high');
comment on type public.model_complexity is
  'How hard a headphone model is to build, ascending. Spec 04 seeds medium, high and very_high.';

create type public.wood_type as enum ('Sapele', 'Cherry', 'Walnut', 'Cocobolo', 'Ziricote');
comment on type public.wood_type is
  'Woods a headphone can be made of (spec 04). Each model allows a subset (headphone_models.wood_types).';

create type public.production_stage as enum (
  'Intake', 'Sanding', 'Finishing', 'Sub-Assembly', 'Final Assembly', 'Acoustic QC', 'Shipping'
);
comment on type public.production_stage is
  'Spec 04''s production stages, in floor order. The order that batches follow is not this enum''s '
  'but their workflow''s (workflow_stages.position); the default workflow lists them in this order.';

create type public.order_status as enum (
  'pending', 'in_production', 'quality_check', 'ready_to_ship', 'shipped', 'delivered', 'on_hold', 'cancelled'
);
comment on type public.order_status is
  'pending: waiting for a batch; in_production, quality_check, ready_to_ship: follow the batch''s stage '
  '(workflow_stages.order_status); shipped: its batch was completed; delivered: confirmed at the customer; '
  'on_hold: parked by staff (only while not in a batch); cancelled: final.';

create type public.batch_priority as enum ('low', 'standard', 'high', 'rush');
comment on type public.batch_priority is 'Urgency of an order or batch, ascending. Default standard (spec 04).';

create type public.quality_status as enum ('good', 'warning', 'failed');
comment on type public.quality_status is
  'A batch''s quality. good (default, spec 04); warning: an issue noted, may proceed; failed: the batch '
  'cannot pass a quality gate stage (Acoustic QC) nor be completed until it is set back to good or warning.';

create type public.batch_event_kind as enum (
  'created', 'advanced', 'returned', 'quality_changed', 'split', 'orders_added', 'order_removed', 'completed'
);
comment on type public.batch_event_kind is 'What happened to a batch (batch_events.kind).';
