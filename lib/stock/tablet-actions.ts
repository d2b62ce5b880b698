'use server'
import { action } from '@/lib/actions'
import { dbFail, ok } from '@/lib/errors'
import { LineLockInput, ResolveConflictInput } from './schema'

/**
 * The count tablet's online-only calls: taking (or renewing, or releasing) the lock on the line it
 * shows, and "take theirs" on a conflict. Entries themselves go through the sync queue
 * (POST /api/stock/counts/sync), so they survive a dropped connection.
 */
export const lockLine = action(LineLockInput, async ({ countId, lineId, release }, { supabase }) => {
  const r = release
    ? await supabase.rpc('item_lock_release_stock', { p_count_id: countId, p_line_id: lineId })
    : await supabase.rpc('item_lock_acquire_stock', { p_count_id: countId, p_line_id: lineId })
  if (r.error) return dbFail(r.error)
  return ok({ locked: !release })
})

export const takeTheirs = action(ResolveConflictInput, async ({ countId, lineId }, { supabase }) => {
  const { error } = await supabase.rpc('count_resolve_conflict', { p_count_id: countId, p_line_id: lineId })
  if (error) return dbFail(error)
  return ok({ resolved: true })
})
