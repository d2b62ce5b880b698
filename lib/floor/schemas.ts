import { z } from 'zod'
import { Constants } from '@/types/database'
import { storable } from './text'

/**
 * Request schemas of the floor API (/api/disco/*, docs/api.md). Shared by the route handlers and
 * the tablet's client code. Field names are the RPC parameters without `p_`. The database checks the
 * rules (stage, tolerance, roles); these only refuse what is malformed, with a 400 before any call.
 * Every request schema is `storable(…)`: text Postgres cannot store (NUL, a lone surrogate) anywhere
 * in the input is refused first, as INVALID_TEXT with the field's path (lib/floor/text.ts).
 */
const id = z.guid({ message: 'Must be a uuid' })
const optionalId = id.optional()
const nullableId = id.nullable().optional()
const isoTime = z.iso.datetime({ offset: true, message: 'An ISO 8601 time with a zone, e.g. 2026-11-22T09:30:00Z' })
const flag = z
  .union([z.boolean(), z.enum(['true', 'false', '1', '0'])])
  .transform((v) => v === true || v === 'true' || v === '1')
const limit = z.coerce.number().int().min(1).max(500).optional()

const Enums = Constants.public.Enums
export const SCAN_TYPES = Enums.floor_scan_type
export const SCAN_RESULTS = Enums.floor_scan_result
export const ACTION_STATUSES = Enums.floor_action_status
export const PRIORITIES = Enums.floor_priority
export const QUEUE_ITEM_STATUSES = Enums.floor_queue_item_status

/** Any JSON value: what a jsonb parameter takes. */
const json = z.json()

/**
 * The tablet's device info: any JSON object here; its rules (platform, 2 KB, gps…) are the
 * database's alone (app.floor_device_info), which names the failing field.
 */
export const DeviceInfo = z.record(z.string(), json)

/** Writes take an optional client_id (or the Idempotency-Key header). */
const write = { client_id: optionalId }

// ------------------------------------------------------------------ sessions
export const StartSession = storable(
  z.object({
    org_id: optionalId,
    device_id: z.string().trim().min(1).max(200).optional(),
    location_id: optionalId,
    team_id: optionalId,
    device_info: DeviceInfo.optional(),
    takeover: z.boolean().optional(),
    resume: z.boolean().optional(),
  }),
)
export const ActiveSession = storable(z.object({ org_id: optionalId }))
export const UpdateSession = storable(
  z.object({
    id,
    location_id: optionalId,
    team_id: optionalId,
    device_info: DeviceInfo.optional(),
    current_item_id: optionalId,
  }),
)
export const EndSession = storable(z.object({ id }))

// ------------------------------------------------------------------ scans
export const Scan = storable(
  z.object({
    ...write,
    session_id: id,
    code: z.string().min(1, 'Scan or type a code').max(512),
    scan_type: z.enum(SCAN_TYPES).optional(),
    device_info: DeviceInfo.optional(),
    scanned_at: isoTime.optional(),
  }),
)
export const ValidateScan = storable(
  z.object({
    code: z.string().min(1, 'Scan or type a code').max(512),
    scan_type: z.enum(SCAN_TYPES).optional(),
    session_id: optionalId,
    org_id: optionalId,
  }),
)
export const ScanHistory = storable(
  z.object({
    session_id: optionalId,
    item_id: optionalId,
    org_id: optionalId,
    member_id: optionalId,
    result: z.enum(SCAN_RESULTS).optional(),
    limit,
    before: isoTime.optional(),
  }),
)
export const ScanStatistics = storable(
  z.object({
    org_id: optionalId,
    from: isoTime.optional(),
    to: isoTime.optional(),
    session_id: optionalId,
    member_id: optionalId,
  }),
)

// ------------------------------------------------------------------ actions
export const Measurement = z.object({
  type: z.string().max(40).optional(),
  value: z.number({ message: 'Enter the value as a number' }).finite(),
  unit: z.string().max(16).optional(),
})
export const ActionData = z
  .object({
    value: z.number().finite().optional(),
    unit: z.string().max(16).optional(),
    measurements: z.array(Measurement).min(1).max(10).optional(),
    notes: z.string().max(4000).optional(),
    photos: z
      .array(z.union([z.string().max(300), z.object({ path: z.string().max(300) }).catchall(json)]))
      .max(20)
      .optional(),
    checklist: z
      .array(
        z.object({ key: z.string().max(40).optional(), item: z.string().max(200).optional(), completed: z.boolean() }),
      )
      .max(100)
      .optional(),
    code: z.string().max(512).optional(),
  })
  .catchall(json)
  .refine((v) => JSON.stringify(v).length <= 16384, 'data is limited to 16 KB')

const actionFields = {
  status: z.enum(ACTION_STATUSES).optional(),
  duration_ms: z.number().int().min(0).max(86_400_000).optional(),
  approver_badge: z.string().trim().min(1).max(40).optional(),
  approver_pin: z
    .string()
    .regex(/^\d{4,8}$/, 'A PIN is 4–8 digits')
    .optional(),
  completed_at: isoTime.optional(),
}
/** What a person fills in for an action (the tablet's action forms parse with it, as the route does). */
export const ActionPayload = z.object({ data: ActionData.optional(), ...actionFields })
export const CompleteAction = storable(
  z.object({
    ...write,
    session_id: id,
    item_id: id,
    action_key: z
      .string()
      .trim()
      .toLowerCase()
      .regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, 'An action key such as channel-balance'),
    ...ActionPayload.shape,
  }),
)
export const UpdateAction = storable(z.object({ ...write, id, data: ActionData.optional(), ...actionFields }))
export const PendingActions = storable(z.object({ item_id: id }))
export const ActionHistory = storable(
  z.object({
    item_id: optionalId,
    session_id: optionalId,
    org_id: optionalId,
    include_orders: flag.optional(),
    limit,
    before: isoTime.optional(),
  }),
)
export const AdvanceItem = storable(
  z.object({
    ...write,
    id,
    session_id: id,
    // a state key of the batch's type definition: the database says which ones exist
    expected_stage: z.string().trim().min(1, 'A stage of the batch').max(32, 'A stage of the batch').optional(),
  }),
)

// ------------------------------------------------------------------ queues
export const ListQueues = storable(
  z.object({
    org_id: optionalId,
    location_id: optionalId,
    team_id: optionalId,
    include_inactive: flag.optional(),
  }),
)
export const QueueItems = storable(
  z.object({
    id,
    status: z
      .string()
      .optional()
      .transform((s) => (s ? s.split(',').map((x) => x.trim()) : undefined))
      .pipe(z.array(z.enum(QUEUE_ITEM_STATUSES)).min(1).max(4).optional()),
    assigned_to: optionalId,
    limit,
  }),
)
export const AddQueueItem = storable(
  z.object({
    ...write,
    id,
    item_id: id,
    priority: z.enum(PRIORITIES).optional(),
    assigned_to: optionalId,
    estimated_minutes: z.number().min(0).max(100_000).optional(),
  }),
)
/**
 * One change per request: priority/estimate/put back/remove, or completed, or an assignment
 * (assigned_to: a member, or null to unassign).
 */
export const UpdateQueueItem = storable(
  z
    .object({
      ...write,
      id,
      itemId: id,
      priority: z.enum(PRIORITIES).optional(),
      estimated_minutes: z.number().min(0).max(100_000).optional(),
      status: z.enum(['waiting', 'removed', 'completed']).optional(),
      assigned_to: nullableId,
      session_id: optionalId,
    })
    .refine(
      (v) =>
        [
          v.priority !== undefined || v.estimated_minutes !== undefined || (v.status && v.status !== 'completed'),
          v.status === 'completed',
          v.assigned_to !== undefined,
        ].filter(Boolean).length === 1,
      {
        message: 'Send one change: priority/estimated_minutes/status, status "completed", or assigned_to',
        path: ['status'],
      },
    ),
)
export const NextItem = storable(z.object({ ...write, id, session_id: optionalId }))

// ------------------------------------------------------------------ mobile
export const SYNC_OPS = [
  'scan',
  'complete_action',
  'update_action',
  'advance',
  'queue_add',
  'queue_assign',
  'queue_complete',
  'update_session',
  'end_session',
  // a floor session the tablet started with no connection (args: session_id it chose, started_at)
  'start_session',
  // sewing on a bundle (docs/garment.md "On the tablet"): start / complete an operation, a defect or rework tap
  'sewing_scan',
  'sewing_defect',
] as const
/** One queued operation, checked on its own (POST /api/disco/sync answers for each). */
export const SyncOp = storable(
  z.object({
    op: z.enum(SYNC_OPS, { message: `Unknown operation: one of ${SYNC_OPS.join(', ')}` }),
    client_id: optionalId,
    args: z.record(z.string(), json).default({}),
  }),
)
/**
 * The sewing writes of the tablet (sync ops sewing_scan / sewing_defect; app.floor_sewing_op). item_id
 * is the bundle's floor item: the sync queue's order key (a refused start holds back the bundle's
 * later writes). The database checks the rest (dependencies, units, codes).
 */
const sewingTarget = { item_id: id, bundle_id: id, operation_id: id }
export const SewingScanArgs = z.object({
  ...sewingTarget,
  step: z.enum(['start', 'complete']),
  units: z.number().int().min(0).max(100_000).optional(),
  scanned_at: isoTime.optional(),
})
export const SewingDefectArgs = z.object({
  ...sewingTarget,
  defect_code: z.string().min(1).max(60).optional(),
  rework: z.boolean().optional(),
  count: z.number().int().min(-100).max(100).optional(),
})
/** The units an operator types when completing an operation (prefilled; the database bounds it). */
export const SewingUnits = z.object({
  units: z
    .string()
    .trim()
    .min(1, 'Enter the pieces done')
    .regex(/^\d{1,6}$/, 'Whole pieces, 0 or more')
    .transform(Number),
})

/**
 * The envelope of a sync: 1–100 operations. What each one holds is not checked here: one bad
 * operation must not refuse the others (the route checks each with SyncOp and answers per op).
 */
export const Sync = z.object({ ops: z.array(z.unknown()).min(1, 'Nothing to sync').max(100) })
export const OfflineData = storable(z.object({ location_id: id, limit }))
export const UploadPhoto = storable(
  z.object({
    ...write,
    org_id: id,
    item_id: id,
  }),
)

export const PHOTO_BUCKET = 'floor-photos'
export const PHOTO_MAX_BYTES = 5 * 1024 * 1024
export const PHOTO_TYPES = ['image/jpeg', 'image/webp', 'image/png'] as const
