import 'server-only'
import { createClient } from '@/lib/supabase/server'
import type { ProductionSummary, RefreshAnswer } from './types'

/**
 * The production summary, fresh: the views are refreshed first when production data changed
 * (the database debounces and never queues; a `debounced`/`busy` answer reads the last snapshot).
 */
export async function getSummary(
  orgId: string,
): Promise<{ summary: ProductionSummary; refresh: RefreshAnswer | null }> {
  const supabase = await createClient()
  let { data, error } = await supabase.rpc('production_summary', { p_org_id: orgId })
  if (error) throw new Error(`production_summary: ${error.message}`)
  let refresh: RefreshAnswer | null = null
  if ((data as unknown as ProductionSummary).stale) {
    const r = await supabase.rpc('refresh_production_summary', { p_force: false })
    refresh = (r.data as unknown as RefreshAnswer) ?? null
    if (refresh?.status === 'refreshed') {
      ;({ data, error } = await supabase.rpc('production_summary', { p_org_id: orgId }))
      if (error) throw new Error(`production_summary: ${error.message}`)
    }
  }
  return { summary: data as unknown as ProductionSummary, refresh }
}
