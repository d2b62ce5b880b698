import 'server-only'
import { cache } from 'react'
import { expectRpc } from '@/lib/rpc'
import { createClient } from '@/lib/supabase/server'
import type { Database } from '@/types/database'
import { AnalyticsReport, CountReview, CountSheet, CountSummary } from './answers'

/** The stock and count screens' reads, as the signed-in person (RLS and the RPCs decide what they see). */
type Tables = Database['public']['Tables']
export type StockItem = Tables['stock_items']['Row']
export type OnHand = Pick<
  Tables['stock_on_hand']['Row'],
  'stock_item_id' | 'location_id' | 'quantity' | 'last_movement_at'
>
export type LedgerRow = Pick<
  Tables['stock_ledger']['Row'],
  | 'id'
  | 'kind'
  | 'quantity'
  | 'value'
  | 'reason_code'
  | 'note'
  | 'count_id'
  | 'location_id'
  | 'created_at'
  | 'member_id'
>
export type ReasonCode = Pick<Tables['stock_reason_codes']['Row'], 'code' | 'label' | 'is_active'>
export type VariancePeriodType = Database['public']['Enums']['variance_period_type']

export const stockItems = cache(async (orgId: string): Promise<StockItem[]> => {
  const supabase = await createClient()
  const { data, error } = await supabase
    .from('stock_items')
    .select('*')
    .eq('org_id', orgId)
    .order('category')
    .order('code')
  if (error) throw new Error(`stock_items: ${error.message}`)
  return data ?? []
})

/** On-hand per item and location (supervisors+; an operator's RLS answers none). */
export const onHand = cache(async (orgId: string): Promise<OnHand[]> => {
  const supabase = await createClient()
  const { data, error } = await supabase
    .from('stock_on_hand')
    .select('stock_item_id, location_id, quantity, last_movement_at')
    .eq('org_id', orgId)
  if (error) throw new Error(`stock_on_hand: ${error.message}`)
  return data ?? []
})

export async function ledgerOf(orgId: string, stockItemId: string, limit = 50): Promise<LedgerRow[]> {
  const supabase = await createClient()
  const { data, error } = await supabase
    .from('stock_ledger')
    .select('id, kind, quantity, value, reason_code, note, count_id, location_id, created_at, member_id')
    .eq('org_id', orgId)
    .eq('stock_item_id', stockItemId)
    .order('created_at', { ascending: false })
    .limit(limit)
  if (error) throw new Error(`stock_ledger: ${error.message}`)
  return data ?? []
}

export const reasonCodes = cache(async (orgId: string): Promise<ReasonCode[]> => {
  const supabase = await createClient()
  const { data, error } = await supabase
    .from('stock_reason_codes')
    .select('code, label, is_active')
    .eq('org_id', orgId)
    .order('position')
  if (error) throw new Error(`stock_reason_codes: ${error.message}`)
  return data ?? []
})

export type CountRow = Pick<
  Tables['count_sessions']['Row'],
  | 'id'
  | 'count_number'
  | 'title'
  | 'status'
  | 'scope'
  | 'mode'
  | 'created_at'
  | 'started_at'
  | 'posted_at'
  | 'adjustment_count'
  | 'adjustment_value'
  | 'sync_status'
  | 'offline_created'
>

export async function countList(orgId: string): Promise<CountRow[]> {
  const supabase = await createClient()
  const { data, error } = await supabase
    .from('count_sessions')
    .select(
      'id, count_number, title, status, scope, mode, created_at, started_at, posted_at, adjustment_count, adjustment_value, sync_status, offline_created',
    )
    .eq('org_id', orgId)
    .order('created_at', { ascending: false })
    .limit(100)
  if (error) throw new Error(`count_sessions: ${error.message}`)
  return data ?? []
}

export async function countSheet(countId: string): Promise<CountSheet> {
  const supabase = await createClient()
  return expectRpc(CountSheet, await supabase.rpc('count_sheet', { p_count_id: countId }), 'count_sheet')
}

/** The review (supervisors+), or null for a blind count not yet in review (COUNT_BLIND). */
export async function countReview(countId: string): Promise<CountReview | null> {
  const supabase = await createClient()
  const r = await supabase.rpc('count_review', { p_count_id: countId })
  if (r.error?.details === 'COUNT_BLIND') return null
  return expectRpc(CountReview, r, 'count_review')
}

export function countSummary(data: unknown): CountSummary {
  return CountSummary.parse(data)
}

export async function analyticsReport(
  orgId: string,
  periodType: VariancePeriodType,
  from: string,
  to: string,
): Promise<AnalyticsReport> {
  const supabase = await createClient()
  return expectRpc(
    AnalyticsReport,
    await supabase.rpc('variance_analytics_report', {
      p_org_id: orgId,
      p_period_type: periodType,
      p_from: from,
      p_to: to,
    }),
    'variance_analytics_report',
  )
}

/** Members who may be assigned to count (everyone active; operators PIN in on the tablet). */
export async function counterChoices(orgId: string): Promise<{ id: string; display_name: string; role: string }[]> {
  const supabase = await createClient()
  const { data, error } = await supabase
    .from('members')
    .select('id, display_name, role')
    .eq('org_id', orgId)
    .eq('is_active', true)
    .order('display_name')
  if (error) throw new Error(`members: ${error.message}`)
  return data ?? []
}

/** The workshop's currency (variance values) and time zone (periods, times). */
export const orgMoney = cache(async (orgId: string): Promise<{ currency: string; timeZone: string }> => {
  const supabase = await createClient()
  const { data } = await supabase.from('organisations').select('currency, time_zone').eq('id', orgId).maybeSingle()
  return { currency: data?.currency ?? 'USD', timeZone: data?.time_zone ?? 'UTC' }
})

export const SUPERVISOR_ROLES = ['supervisor', 'manager', 'admin', 'owner'] as const
export const isSupervisor = (role: string) => (SUPERVISOR_ROLES as readonly string[]).includes(role)
