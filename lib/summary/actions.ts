'use server'
import { revalidatePath } from 'next/cache'
import { z } from 'zod'
import { action, dbFail } from '@/lib/actions'
import { ok } from '@/lib/result'
import { parseRpc } from '@/lib/rpc'
import { RefreshAnswerSchema } from './types'

/** "Refresh now": managers+ force a refresh (at most one per 30 s globally: `throttled`); supervisors ask for one (the database may debounce it). */
export const refreshSummary = action(z.object({ force: z.boolean() }), async ({ force }, { supabase }) => {
  const { data, error } = await supabase.rpc('refresh_production_summary', { p_force: force })
  if (error) return dbFail(error)
  revalidatePath('/[org]/summary', 'page')
  return ok(parseRpc(RefreshAnswerSchema, data, 'refresh_production_summary'))
})
