import { z } from 'zod'
import { Constants } from '@/types/database'

/** Floor messages and item flags (docs/floor.md §18); the database checks every value again. */
export const FLAG_KINDS = Constants.public.Enums.floor_flag_kind
export const FLAG_LABEL: Record<(typeof FLAG_KINDS)[number], string> = {
  needs_help: 'Needs help',
  material_missing: 'Material missing',
  quality_issue: 'Quality issue',
  machine_down: 'Machine down',
  other: 'Something else',
}

export const MESSAGE_LIFETIMES = [
  { minutes: 60, label: '1 hour' },
  { minutes: 240, label: '4 hours' },
  { minutes: 720, label: '12 hours' },
  { minutes: 1440, label: '1 day' },
] as const

export const SendMessageInput = z.object({
  orgId: z.guid(),
  body: z.string().trim().min(1, 'Write the message').max(280, 'At most 280 characters'),
  /** "location:<id>", "team:<id>" or "person:<id>": one addressee. */
  to: z.string().regex(/^(location|team|person):[0-9a-f-]{36}$/, 'Choose who it is for'),
  urgent: z.boolean(),
  expiresInMinutes: z.coerce.number().int().min(5, '5 minutes to 7 days').max(10080, '5 minutes to 7 days'),
})

export const MessageIdInput = z.object({ messageId: z.guid() })
export const OrgInput = z.object({ orgId: z.guid() })

export const RaiseFlagInput = z.object({
  clientId: z.guid(),
  sessionId: z.guid(),
  itemId: z.guid(),
  kind: z.enum(FLAG_KINDS, { message: 'Say what the flag is about' }),
  note: z.string().trim().max(500, 'At most 500 characters').optional(),
})
export const FlagIdInput = z.object({ flagId: z.guid() })
