import { z } from 'zod'
import { Constants } from '@/types/database'

/**
 * The stock and count screens' inputs (react-hook-form + these schemas; the server actions and the
 * count sync route parse with the same ones). Every rule that matters is the database's
 * (docs/stock.md): these only catch typing slips early, under the same field names the database's
 * refusals come back with.
 */
const uuid = z.string().uuid()
const Enums = Constants.public.Enums
const quantity = z.coerce
  .number({ message: 'Enter a number' })
  .refine((n) => Number.isFinite(n) && Math.abs(n) < 100_000_000, 'Enter a smaller number')
  .refine((n) => Math.round(n * 1000) === n * 1000, 'At most 3 decimals')

export const MovementInput = z.object({
  orgId: uuid,
  clientId: uuid,
  kind: z.enum(['receipt', 'issue', 'adjustment']),
  stockItemId: uuid,
  locationId: uuid,
  quantity: quantity.refine((n) => n !== 0, 'Enter a quantity other than zero'),
  reasonCode: z.string().max(32),
  note: z.string().trim().max(500),
})
export type MovementValues = z.input<typeof MovementInput>

export const ItemInput = z.object({
  orgId: uuid,
  id: uuid.optional(),
  code: z
    .string()
    .trim()
    .transform((s) => s.toUpperCase())
    .pipe(z.string().regex(/^[A-Z0-9][A-Z0-9._/-]{0,39}$/, 'Letters, digits and . _ / -, up to 40')),
  barcode: z
    .string()
    .trim()
    .refine((s) => s === '' || /^[0-9A-Za-z._-]{4,64}$/.test(s), '4 to 64 letters or digits'),
  name: z.string().trim().min(1, 'Name the item').max(120),
  category: z.string().trim().min(1, 'Give a category').max(60),
  unit: z.string().trim().min(1, 'Give the counting unit').max(16),
  unitCost: z.coerce.number({ message: 'Enter a cost' }).min(0, 'Zero or more'),
  abcClass: z.enum(['A', 'B', 'C']),
  isActive: z.boolean(),
})
export type ItemValues = z.input<typeof ItemInput>

/** A reason code of the organisation (managers+): added with its code, later renamed or retired. */
export const ReasonCodeInput = z.object({
  orgId: uuid,
  /** true: a new code; false: the existing one is renamed / (re)activated */
  isNew: z.boolean(),
  code: z
    .string()
    .trim()
    .regex(/^[a-z][a-z0-9_]{1,31}$/, 'Lower-case letters, digits and _, 2 to 32, starting with a letter'),
  label: z.string().trim().min(1, 'Give a label').max(60, 'At most 60 characters'),
  isActive: z.boolean(),
})
export type ReasonCodeValues = z.input<typeof ReasonCodeInput>

export const CountCreateInput = z
  .object({
    orgId: uuid,
    clientId: uuid,
    title: z.string().trim().max(120),
    scope: z.enum(Enums.count_scope),
    mode: z.enum(Enums.count_mode),
    locationIds: z.array(uuid).max(200),
    categories: z.array(z.string().trim().min(1).max(60)).max(100),
    cycleRule: z.union([z.literal(''), z.enum(Enums.count_cycle_rule)]),
    cycleClass: z.union([z.literal(''), z.enum(['A', 'B', 'C'])]),
    cycleSize: z.coerce.number().int().min(0).max(5000),
    counterIds: z.array(uuid).max(100),
  })
  .superRefine((v, ctx) => {
    if (v.scope === 'locations' && !v.locationIds.length)
      ctx.addIssue({ code: 'custom', path: ['locationIds'], message: 'Choose at least one location' })
    if (v.scope === 'categories' && !v.categories.length)
      ctx.addIssue({ code: 'custom', path: ['categories'], message: 'Choose at least one category' })
    if (v.scope === 'cycle' && !v.cycleRule)
      ctx.addIssue({ code: 'custom', path: ['cycleRule'], message: 'Choose how items are picked' })
    if (v.scope === 'cycle' && v.cycleSize < 1)
      ctx.addIssue({ code: 'custom', path: ['cycleSize'], message: 'Pick at least one item' })
    if (v.scope === 'cycle' && v.cycleRule === 'abc' && !v.cycleClass)
      ctx.addIssue({ code: 'custom', path: ['cycleClass'], message: 'Choose the class' })
  })
export type CountCreateValues = z.input<typeof CountCreateInput>

export const COUNT_STEPS = ['start', 'submit', 'post', 'cancel', 'void', 'reopen'] as const
export const CountStepInput = z.object({
  countId: uuid,
  step: z.enum(COUNT_STEPS),
  reason: z.string().trim().max(500),
})

export const RecountInput = z.object({
  countId: uuid,
  lineIds: z.array(uuid).min(1, 'Choose the lines to recount').max(5000),
  reason: z.string().trim().min(1, 'Say why').max(500),
})

export const ReasonInput = z.object({
  countId: uuid,
  /** null: every line with a variance still without a reason */
  lineId: uuid.nullable(),
  reasonCode: z.string().min(1, 'Choose a reason').max(32),
})

export const RecomputeInput = z.object({
  orgId: uuid,
  from: z.string().date(),
  to: z.string().date(),
})

/** One counted quantity as the tablet queues it (spec 02 SyncQueue payload of a `count_entry`). */
export const CountEntryPayload = z.object({
  count_id: uuid,
  /** the count line: also the queue's entity (entries of one line go in order) */
  item_id: uuid,
  quantity: quantity.refine((n) => n >= 0, 'Zero or more'),
  method: z.enum(Enums.count_entry_method),
  entered_at: z.string().datetime({ offset: true }),
  /** the line's latest entry the tablet had seen: another counter's newer one is a conflict */
  seen_entry_id: uuid.nullable(),
  /** "keep mine" after a conflict */
  force: z.boolean().default(false),
})
export type CountEntryPayload = z.output<typeof CountEntryPayload>

/**
 * A line the tablet adds for stock found with no line (spec 02 SyncQueue payload of a `count_add_line`):
 * the queue entry's client id is the new line's id, so the quantity queued behind it can name it.
 * The display fields (code, name, unit, location) are the tablet's, for showing the line before it syncs.
 */
export const CountAddLinePayload = z.object({
  count_id: uuid,
  /** the new line's id (= the entry's client id): also the queue's entity, so its quantity waits behind it */
  item_id: uuid,
  stock_item_id: uuid,
  location_id: uuid,
})
export type CountAddLinePayload = z.output<typeof CountAddLinePayload>

export const COUNT_SYNC_OPS = ['count_entry', 'count_add_line'] as const
export const CountSyncInput = z.object({
  ops: z
    .array(z.object({ client_id: uuid, op: z.enum(COUNT_SYNC_OPS).default('count_entry'), args: z.unknown() }))
    .min(1, 'Nothing to sync')
    .max(100),
})

export const AnalyticsQuery = z.object({
  org_id: uuid,
  period_type: z.enum(Enums.variance_period_type).default('weekly'),
  from: z.string().date(),
  to: z.string().date(),
})

export const LineLockInput = z.object({ countId: uuid, lineId: uuid, release: z.boolean().default(false) })
export const ResolveConflictInput = z.object({ countId: uuid, lineId: uuid })
