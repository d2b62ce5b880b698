import 'server-only'
import { jsonObject, parseRpc } from '@/lib/rpc'
import { createClient } from '@/lib/supabase/server'
import { type ProductionSummary, type RefreshAnswer, RefreshAnswerSchema } from './types'

const SummaryAnswer = jsonObject<ProductionSummary>()

/**
 * The production summary, fresh: the views are refreshed first when production data changed
 * (the database debounces and never queues; a `debounced`/`busy` answer reads the last snapshot).
 */
export async function getSummary(
  orgId: string,
): Promise<{ summary: ProductionSummary; refresh: RefreshAnswer | null }> {
  const supabase = await createClient()
  const read = async () => {
    const { data, error } = await supabase.rpc('production_summary', { p_org_id: orgId })
    if (error) throw new Error(`production_summary: ${error.message}`)
    return parseRpc(SummaryAnswer, data, 'production_summary')
  }
  let summary = await read()
  let refresh: RefreshAnswer | null = null
  if (summary.stale) {
    const r = await supabase.rpc('refresh_production_summary', { p_force: false })
    refresh = r.error ? null : parseRpc(RefreshAnswerSchema, r.data, 'refresh_production_summary')
    if (refresh?.status === 'refreshed') summary = await read()
  }
  return { summary, refresh }
}
