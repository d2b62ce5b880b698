import { z } from 'zod'

/** sms_bulk_progress's answer (docs/sms.md §bulk): counts per status, and when the rate lets the rest go. */
export const BulkProgress = z.object({
  bulk_id: z.string().uuid(),
  total: z.number().int(),
  pending: z.number().int(),
  sent: z.number().int(),
  delivered: z.number().int(),
  failed: z.number().int(),
  waiting_for_rate: z.number().int(),
  next_at: z.string().nullable(),
  started_at: z.string().nullable(),
  finished_at: z.string().nullable(),
  cost_micros: z.number(),
})
export type BulkProgress = z.output<typeof BulkProgress>

/** sms_monthly_costs's answer: one row per month (the workshop's zone) and provider, newest first. */
export const MonthlyCosts = z.array(
  z.object({
    month: z.string().regex(/^\d{4}-\d{2}$/),
    provider: z.enum(['semaphore', 'twilio', 'movider']),
    texts: z.number().int(),
    segments: z.number().int(),
    cost_micros: z.number(),
    currency: z.string().nullable(),
    priced: z.number().int(),
  }),
)
export type MonthlyCosts = z.output<typeof MonthlyCosts>
