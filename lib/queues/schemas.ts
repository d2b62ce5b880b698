import { z } from 'zod'

/** The manager's queue settings form and its action share this schema (react-hook-form + lib/actions.ts). */
export const QueueSettingsInput = z.object({
  queueId: z.string().uuid(),
  joinMode: z.enum(['walk_in_qr', 'staff', 'both']),
  phoneRequired: z.boolean(),
  ttlMinutes: z.coerce.number().int().min(1, 'At least 1 minute').max(1440, 'At most 24 hours'),
  maxOpen: z.number().int().min(1, 'At least 1').max(10000, 'At most 10,000').nullable(),
  defaultServiceMinutes: z.coerce.number().min(0.1).max(600),
  nearPosition: z.coerce.number().int().min(1).max(50),
})
