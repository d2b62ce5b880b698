-- Floor scanning (spec 01 "Disco", issue 5): the enums. Design: docs/floor.md.
-- Spec 01 gives scan types, scan results, action types, action statuses, queue priorities and queue
-- item statuses; the item kinds, label kinds and session end reasons are ours.

create type public.floor_item_kind as enum ('order', 'batch');
comment on type public.floor_item_kind is
  'What moves on the floor and can be scanned as an item: a production order (one headphone) or a batch. '
  'Garment bundles and tickets join later as new values (ALTER TYPE … ADD VALUE) with a resolver branch.';

create type public.floor_scan_type as enum ('item', 'location', 'user', 'action');
comment on type public.floor_scan_type is
  'What a scan is for (spec 01): an item, a location (where the tablet is), a user (a badge) or an action card.';

create type public.floor_scan_result as enum ('success', 'error', 'invalid');
comment on type public.floor_scan_result is
  'success: the code resolved; error: a well-formed code that could not be used (unknown item, action not '
  'available at this stage); invalid: not a code we read, another workshop''s label, or the wrong type.';

create type public.floor_action_type as enum ('scan', 'photo', 'note', 'approval', 'measurement', 'inspection');
comment on type public.floor_action_type is
  'scan: confirm by scanning a label; photo: pictures in Storage; note: text; approval: a supervisor''s PIN; '
  'measurement: a value checked against the stage''s tolerance; inspection: a checklist (often the model''s '
  'quality_checklist).';

create type public.floor_action_status as enum ('pending', 'completed', 'skipped', 'failed');
comment on type public.floor_action_status is
  'pending: started, not finished (e.g. photos still uploading); completed: done and valid; skipped: an '
  'optional action left out; failed: done but out of tolerance, checklist incomplete or approval refused.';

create type public.floor_priority as enum ('low', 'normal', 'high', 'urgent');
comment on type public.floor_priority is
  'Queue priority (spec 01), ascending, so `order by priority desc` pulls urgent work first.';

create type public.floor_queue_item_status as enum ('waiting', 'in_progress', 'completed', 'removed');
comment on type public.floor_queue_item_status is
  'waiting: in the queue; in_progress: someone pulled it; completed: done at this queue; removed: taken out '
  'without being done (cancelled order, moved elsewhere).';

create type public.floor_label_kind as enum ('item', 'location', 'action');
comment on type public.floor_label_kind is
  'Things that get a short label code of their own. Users are labelled by their badge code instead.';

create type public.floor_session_end_reason as enum (
  'ended', 'pin_out', 'idle_timeout', 'taken_over', 'signed_out', 'ended_by_supervisor'
);
comment on type public.floor_session_end_reason is
  'ended: the worker ended it; pin_out: they PINed out; idle_timeout: no activity for the organisation''s '
  'idle timeout; taken_over: they started again on another device and chose "take over"; signed_out: their '
  'operator session ended otherwise (someone else PINed in on the tablet, station revoked, member '
  'deactivated); ended_by_supervisor: a supervisor ended it.';
