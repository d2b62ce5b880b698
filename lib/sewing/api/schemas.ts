import { z } from 'zod'
import { storable } from '@/lib/floor/text'
import { Constants } from '@/types/database'

/**
 * Request schemas of /api/sewing/* (docs/api.md "Sewing API"). Field names are the RPC parameters
 * without `p_` (units_completed for p_units, the column's name). They refuse only what is malformed,
 * with a 400 before any call; the database decides everything else — ranges, dependency cycles,
 * unit bounds, roles — and names the field it refuses (lib/errors.ts puts it under fieldErrors).
 */
const id = z.guid({ message: 'Must be a uuid' })
const day = z.iso.date({ message: 'A date like 2026-12-04' })
const isoTime = z.iso.datetime({ offset: true, message: 'An ISO 8601 time with a zone, e.g. 2026-12-04T09:30:00Z' })
const flag = z
  .union([z.boolean(), z.enum(['true', 'false', '1', '0'])])
  .transform((v) => v === true || v === 'true' || v === '1')
const count = (message: string) => z.number({ message }).int({ message })

const Enums = Constants.public.Enums
export const MACHINE_TYPES = Enums.sewing_machine_type
export const SKILL_LEVELS = Enums.sewing_skill_level
export const SEWING_STATUSES = Enums.sewing_status
type SewingStatus = (typeof SEWING_STATUSES)[number]

/** A product type by id, or by its code (T-SHIRT) within the organisation. */
const productTypeCode = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_-]{2,32}$/, 'A product type code like T-SHIRT')
  .transform((c) => c.toUpperCase())

// ------------------------------------------------------------------ operations
export const ListOperations = storable(
  z.object({
    org_id: id,
    product_type_id: id.optional(),
    product_type: productTypeCode.optional(),
    include_inactive: flag.optional(),
  }),
)
export type ListOperations = z.output<typeof ListOperations>

const DefectCode = z.object({ code: z.string(), label: z.string() })

/** The fields of an operation (spec 03 §2.1); the ranges are the database's (save_sewing_operation). */
const OperationFields = z.object({
  name: z.string({ message: 'Name the operation' }).trim().min(1, 'Name the operation').max(100),
  description: z.string().max(2000).nullable().optional(),
  sequence_number: count('The sequence number is a whole number'),
  standard_minutes: z.number({ message: 'Standard minutes (SMV) are a number, like 0.85' }),
  piece_rate: z.number({ message: 'The piece rate is a number, like 1.45' }),
  machine_type: z
    .enum(MACHINE_TYPES, { message: `One of ${MACHINE_TYPES.join(', ')}` })
    .nullable()
    .optional(),
  skill_level: z.enum(SKILL_LEVELS, { message: `One of ${SKILL_LEVELS.join(', ')}` }).optional(),
  depends_on: z.array(id).max(50, 'At most 50 dependencies').optional(),
  has_qc_checkpoint: z.boolean().optional(),
  defect_codes: z.array(DefectCode).optional(),
  is_active: z.boolean().optional(),
})
export type OperationFields = z.output<typeof OperationFields>

export const CreateOperation = storable(
  OperationFields.extend({
    org_id: id,
    product_type_id: id.optional(),
    product_type: productTypeCode.optional(),
  }).refine((v) => v.product_type_id || v.product_type, {
    message: 'Name the product type (product_type_id, or product_type as its code)',
    path: ['product_type_id'],
  }),
)
export type CreateOperation = z.output<typeof CreateOperation>

/** A change: any of the fields; the rest stay as they are. A new rate or SMV starts a rate history row. */
export const UpdateOperation = storable(
  OperationFields.partial()
    .extend({ id, product_type_id: id.optional() })
    .refine((v) => Object.keys(v).some((k) => k !== 'id'), { message: 'Nothing to change', path: ['id'] }),
)
export type UpdateOperation = z.output<typeof UpdateOperation>

// ------------------------------------------------------------------ runs
export const ListRuns = storable(
  z.object({
    org_id: id,
    bundle_id: id.optional(),
    bundle_number: z.coerce.number({ message: 'A bundle number, like 117' }).int().positive().optional(),
    operator_id: id.optional(),
    status: z
      .string()
      .transform((s, ctx) => {
        const list = s.split(',').map((x) => x.trim().toUpperCase())
        if (list.every((x): x is SewingStatus => (SEWING_STATUSES as readonly string[]).includes(x))) return list
        ctx.addIssue({ code: 'custom', message: `Status is one or more of ${SEWING_STATUSES.join(', ')}` })
        return z.NEVER
      })
      .optional(),
    limit: z.coerce.number().int().min(1).max(100).default(50),
    /** next_before of the previous page: runs numbered below it */
    before: z.coerce.number({ message: 'A run number' }).int().positive().optional(),
  }),
)
export type ListRuns = z.output<typeof ListRuns>

const write = { client_id: id.optional() }

export const CreateRun = storable(
  z.object({
    ...write,
    org_id: id,
    bundle_id: id,
    operation_ids: z.array(id).min(1, 'Name at least one operation, or leave operation_ids out').max(100).optional(),
    team_id: id.optional(),
    location_id: id.optional(),
  }),
)

export const StartRunOperation = storable(
  z.object({
    ...write,
    id,
    machine_id: z.string().trim().min(1).max(40).optional(),
    operator_id: id.optional(),
    started_at: isoTime.optional(),
  }),
)

export const CompleteRunOperation = storable(
  z.object({
    ...write,
    id,
    units_completed: count('Units are a whole number').optional(),
    actual_minutes: z.number({ message: 'Actual minutes are a number' }).optional(),
    defects_found: count('Defects are a whole number').optional(),
    rework_units: count('Rework units are a whole number').optional(),
    completed_at: isoTime.optional(),
  }),
)

export const RecordDefect = storable(
  z.object({
    ...write,
    id,
    defect_code: z.string().trim().min(1).max(32).nullable().optional(),
    rework: z.boolean().optional(),
    count: count('Count is a whole number: 1 a tap, -1 undoes one').optional(),
  }),
)

/** A supervisor's correction (update_sewing_run_operation): any of these; the triggers' rules still apply. */
export const CorrectRunOperation = storable(
  z
    .object({
      id,
      units_completed: count('Units are a whole number').optional(),
      actual_minutes: z.number({ message: 'Actual minutes are a number' }).optional(),
      defects_found: count('Defects are a whole number').optional(),
      rework_units: count('Rework units are a whole number').optional(),
      operator_id: id.optional(),
      machine_id: z.string().trim().min(1).max(40).optional(),
      status: z.enum(SEWING_STATUSES).optional(),
    })
    .refine((v) => Object.keys(v).some((k) => k !== 'id'), { message: 'Nothing to change', path: ['id'] }),
)

// ------------------------------------------------------------------ reads
export const DashboardQuery = storable(z.object({ org_id: id, day: day.optional(), team_id: id.optional() }))

export const EARNINGS_LEVELS = ['period', 'week', 'day', 'operation'] as const
export type EarningsLevel = (typeof EARNINGS_LEVELS)[number]

export const EarningsQuery = storable(
  z
    .object({
      org_id: id,
      from: day,
      to: day,
      member_id: id.optional(),
      level: z.enum(EARNINGS_LEVELS, { message: `Level is ${EARNINGS_LEVELS.join(', ')}` }).optional(),
    })
    .refine((v) => v.from <= v.to, { message: 'The end date is before the start date', path: ['to'] }),
)
export type EarningsQuery = z.output<typeof EarningsQuery>
