import 'server-only'
import { cache } from 'react'
import { expectRpc } from '@/lib/rpc'
import { createClient } from '@/lib/supabase/server'
import { ConflictRows } from './schemas'

/** A workshop's sync conflicts for its supervisors (sync_conflicts_list: RLS and role in the database). */
export const syncConflicts = cache(async (orgId: string, open: boolean) => {
  const supabase = await createClient()
  return expectRpc(
    ConflictRows,
    await supabase.rpc('sync_conflicts_list', { p_org_id: orgId, p_open: open, p_limit: 200 }),
    'sync_conflicts_list',
  )
})
