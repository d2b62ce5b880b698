import { z } from 'zod'
import { Constants } from '@/types/database'

/** A state key of the batch's type definition; which ones exist and which moves are allowed is the database's. */
export const StageInput = z.string({ message: 'Pick a stage' }).trim().min(1, 'Pick a stage').max(32, 'Pick a stage')
export const PriorityInput = z.enum(Constants.public.Enums.batch_priority, { message: 'Pick a priority' })
const QualityInput = z.enum(Constants.public.Enums.quality_status, { message: 'Pick good, warning or failed' })

/** A fresh id per attempt, reused by its retries: the RPCs answer a retry with the first answer. */
const ClientId = z.guid().optional()

const optionalDate = z
  .union([z.literal(''), z.iso.date('Use a date like 2026-12-24')])
  .optional()
  .transform((v) => v || undefined)

const reason = z.string().trim().min(3, 'Say why, in a few words').max(1000, 'Keep it under 1000 characters')

/**
 * A supervisor's explicit, recorded override of the stage's open required actions (the database
 * refuses it from anyone below supervisor and records who and why; docs/production.md).
 */
const overrideReason = reason.optional()

export const AdvanceBatchInput = z.object({
  batchId: z.guid(),
  expectedStage: StageInput,
  clientId: ClientId,
  overrideReason,
})
export type AdvanceBatchInput = z.input<typeof AdvanceBatchInput>
/** The board's "move on anyway" form: the same advance with the reason required. */
export const OverrideAdvanceInput = AdvanceBatchInput.extend({ overrideReason: reason })

export const ReturnBatchInput = z.object({
  batchId: z.guid(),
  expectedStage: StageInput,
  toStage: StageInput,
  reason,
  clientId: ClientId,
})
export type ReturnBatchInput = z.input<typeof ReturnBatchInput>

export const CompleteBatchInput = z.object({ batchId: z.guid(), clientId: ClientId, overrideReason })

export const SetQualityInput = z
  .object({
    batchId: z.guid(),
    quality: QualityInput,
    reason: z
      .string()
      .trim()
      .max(1000, 'Keep it under 1000 characters')
      .optional()
      .transform((v) => v || undefined),
    clientId: ClientId,
  })
  .superRefine((v, ctx) => {
    if (v.quality === 'failed' && !v.reason)
      ctx.addIssue({ code: 'custom', path: ['reason'], message: 'Say what failed' })
  })
export type SetQualityInput = z.input<typeof SetQualityInput>

const OrderIds = z
  .array(z.guid())
  .min(1, 'Pick at least one order')
  .max(500, 'At most 500 orders at a time')
  .refine((ids) => new Set(ids).size === ids.length, 'Each order once, please')

export const CreateBatchInput = z.object({
  orgId: z.guid(),
  orderIds: OrderIds,
  priority: z
    .union([z.literal(''), PriorityInput])
    .optional()
    .transform((v) => v || undefined),
  targetCompletion: optionalDate,
  notes: z
    .string()
    .trim()
    .max(4000, 'Keep notes under 4000 characters')
    .optional()
    .transform((v) => v || undefined),
  clientId: ClientId,
})
export type CreateBatchInput = z.input<typeof CreateBatchInput>

export const AddToBatchInput = z.object({ batchId: z.guid('Pick a batch'), orderIds: OrderIds, clientId: ClientId })
export type AddToBatchInput = z.input<typeof AddToBatchInput>

/** Database field names (`details`) → form fields. */
export const BATCH_FIELDS: Record<string, string> = {
  order_ids: 'orderIds',
  notes: 'notes',
  reason: 'reason',
  to_stage: 'toStage',
  quality: 'quality',
  override_reason: 'overrideReason',
}

/** The board read again by the open board (live updates, after a refused move). */
export const ReadBoardInput = z.object({ orgId: z.guid() })
export type ReadBoardInput = z.input<typeof ReadBoardInput>
