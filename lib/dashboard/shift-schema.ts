import { z } from 'zod'

const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'A time like 06:00')

/** A shift as the settings form edits it; overlaps and duplicate codes are the database's to refuse. */
export const ShiftFields = z.object({
  code: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z][A-Z0-9_]{1,15}$/, 'Capital letters, digits and _, starting with a letter (e.g. NIGHT)'),
  name: z.string().trim().min(1, 'Enter a name').max(60, 'Keep the name to 60 characters'),
  starts_at: time,
  ends_at: time,
})
export const CreateShiftInput = ShiftFields.extend({ orgId: z.guid() })
export const UpdateShiftInput = ShiftFields.extend({ id: z.guid() })
export const ArchiveShiftInput = z.object({ id: z.guid(), archived: z.boolean() })
