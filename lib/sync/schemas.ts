import { z } from 'zod'
import { Constants } from '@/types/database'

/**
 * Inputs of the sync-conflict screen (/[org]/sync) and the tablet's questions about its conflicts.
 * The rules (who may resolve, a discard needs a reason, once only) are sync_conflict_resolve's; these
 * only refuse what is malformed.
 */
export const RESOLUTIONS = Constants.public.Enums.sync_conflict_resolution
export const RESOLUTION_LABEL: Record<(typeof RESOLUTIONS)[number], string> = {
  keep_mine: 'Keep the tablet’s change (apply it now)',
  keep_server: 'Keep the server’s version (drop the change)',
  discard: 'Discard the change (say why)',
}

export const ResolveConflict = z.object({
  conflictId: z.guid({ message: 'Must be a uuid' }),
  resolution: z.enum(RESOLUTIONS, { message: 'Choose keep mine, keep server or discard' }),
  reason: z.string().trim().max(500, 'At most 500 characters').optional(),
})
export type ResolveConflictInput = z.input<typeof ResolveConflict>

/** GET /api/disco/sync/resolutions?client_ids=a,b — the tablet's conflict entries (at most 200). */
export const Resolutions = z.object({
  client_ids: z
    .string()
    .max(200 * 37)
    .transform((s) => s.split(',').filter(Boolean))
    .pipe(
      z
        .array(z.guid({ message: 'client_ids is a comma-separated list of uuids' }))
        .min(1)
        .max(200),
    ),
})

/** A resolution as sync_conflict_resolutions answers it (null: still open). */
export const ResolutionRow = z.object({
  client_id: z.string(),
  conflict_id: z.string(),
  resolution: z.enum(RESOLUTIONS).nullable(),
  resolved_at: z.string().nullable(),
  reason: z.string().nullable(),
  resolved_by_name: z.string().nullable(),
})
export type ResolutionRow = z.output<typeof ResolutionRow>
export const ResolutionRows = z.array(ResolutionRow)

/** One conflict as sync_conflicts_list answers it: both versions, and the item as it is now. */
export const ConflictRow = z.object({
  id: z.string(),
  client_id: z.string(),
  op: z.string(),
  kind: z.enum(Constants.public.Enums.sync_conflict_kind),
  code: z.string(),
  message: z.string(),
  item_id: z.string().nullable(),
  item_number: z.string().nullable(),
  session_id: z.string().nullable(),
  member_name: z.string().nullable(),
  device_id: z.string().nullable(),
  device_change: z.object({ op: z.string(), args: z.record(z.string(), z.unknown()) }),
  server_state: z.record(z.string(), z.unknown()),
  deliveries: z.number().int(),
  detected_at: z.string(),
  last_seen_at: z.string(),
  resolution: z.enum(RESOLUTIONS).nullable(),
  resolved_at: z.string().nullable(),
  resolved_by_name: z.string().nullable(),
  resolution_reason: z.string().nullable(),
  item_now: z.record(z.string(), z.unknown()).nullable(),
})
export type ConflictRow = z.output<typeof ConflictRow>
export const ConflictRows = z.array(ConflictRow)

/** POST/DELETE /api/disco/items/:id/lock — the tablet holding the item it works on. */
export const ItemLockInput = z.object({
  id: z.guid({ message: 'Must be a uuid' }),
  session_id: z.guid({ message: 'Must be a uuid' }),
  reason: z.enum(Constants.public.Enums.item_lock_reason).optional(),
  minutes: z.coerce.number().int().min(1).max(15).optional(),
})
