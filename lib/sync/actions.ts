'use server'
import { revalidatePath } from 'next/cache'
import { action, dbFail } from '@/lib/actions'
import { ok } from '@/lib/result'
import { ResolveConflict } from './schemas'

/**
 * A supervisor's decision on a sync conflict (/[org]/sync). sync_conflict_resolve checks the role,
 * that it is still open and that a discard says why, and audits it; the device hears it and settles.
 */
export const resolveConflict = action(ResolveConflict, async (i, { supabase }) => {
  const { error } = await supabase.rpc('sync_conflict_resolve', {
    p_conflict_id: i.conflictId,
    p_resolution: i.resolution,
    p_reason: i.reason || undefined,
  })
  if (error) return dbFail(error, { reason: 'reason', resolution: 'resolution' })
  revalidatePath('/[org]/sync', 'page')
  return ok(null)
})
