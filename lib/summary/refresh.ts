import 'server-only'
import { after } from 'next/server'
import { createAdminClient } from '@/lib/supabase/admin'

/**
 * After a stage change has been answered, ask for a summary refresh (docs/production.md §5): the
 * database debounces it and never blocks the floor, so this is fire and forget. The service role
 * runs it because it is background work, not something the person asked for.
 */
export function refreshSummaryLater(): void {
  after(async () => {
    const { error } = await createAdminClient().rpc('refresh_production_summary', { p_force: false })
    if (error) console.warn('[summary] refresh after a stage change failed:', error.message)
  })
}
