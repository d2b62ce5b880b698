import 'server-only'
import { cache } from 'react'
import { expectRpc } from '@/lib/rpc'
import { MonthlyCosts } from '@/lib/sms/bulk-progress'
import { createClient } from '@/lib/supabase/server'
import type { Database } from '@/types/database'

type Tables = Database['public']['Tables']
export type SmsTemplate = Tables['sms_templates']['Row']
export type SmsSettings = Tables['sms_settings']['Row']
export type SmsStatus = Database['public']['Enums']['sms_status']
export type SmsProviderName = Database['public']['Enums']['sms_provider']
export type SmsAttempt = Pick<
  Tables['sms_attempts']['Row'],
  'id' | 'message_id' | 'attempt_no' | 'provider' | 'outcome' | 'error' | 'http_status' | 'latency_ms' | 'created_at'
>
export type SmsMessage = Pick<
  Tables['sms_messages']['Row'],
  | 'id'
  | 'to_phone'
  | 'body'
  | 'status'
  | 'provider'
  | 'source'
  | 'segments'
  | 'encoding'
  | 'attempts'
  | 'error'
  | 'created_at'
  | 'sent_at'
  | 'delivered_at'
  | 'failed_at'
  | 'cost_micros'
  | 'currency'
  | 'customer_id'
> & { attempt_log: SmsAttempt[] }

export interface LogFilter {
  status?: SmsStatus
  provider?: SmsProviderName
  from?: string
  to?: string
  q?: string
}

/** Everything the SMS screens show, read as the person (RLS: managers+). */
export const smsSettings = cache(async (orgId: string) => {
  const supabase = await createClient()
  const { data, error } = await supabase.from('sms_settings').select('*').eq('org_id', orgId).maybeSingle()
  if (error) throw new Error(`sms_settings: ${error.message}`)
  return data
})

export const smsTemplates = cache(async (orgId: string) => {
  const supabase = await createClient()
  const { data, error } = await supabase.from('sms_templates').select('*').eq('org_id', orgId).order('name')
  if (error) throw new Error(`sms_templates: ${error.message}`)
  return data
})

export const smsCustomers = cache(async (orgId: string) => {
  const supabase = await createClient()
  const [customers, consents] = await Promise.all([
    supabase.from('customers').select('id, name, phone').eq('org_id', orgId).order('name').limit(500),
    supabase.from('sms_customer_consents').select('customer_id, phone, opted_in').eq('org_id', orgId),
  ])
  if (customers.error) throw new Error(`customers: ${customers.error.message}`)
  const byId = new Map((consents.data ?? []).map((c) => [c.customer_id, c]))
  return customers.data.map((c) => ({
    id: c.id,
    name: c.name,
    phone: byId.get(c.id)?.phone ?? c.phone,
    optedIn: byId.get(c.id)?.opted_in ?? false,
  }))
})
export type SmsCustomer = Awaited<ReturnType<typeof smsCustomers>>[number]

export async function smsLog(orgId: string, filter: LogFilter): Promise<SmsMessage[]> {
  const supabase = await createClient()
  let q = supabase
    .from('sms_messages')
    .select(
      'id, to_phone, body, status, provider, source, segments, encoding, attempts, error, created_at, sent_at, delivered_at, failed_at, cost_micros, currency, customer_id',
    )
    .eq('org_id', orgId)
    .order('created_at', { ascending: false })
    .limit(100)
  if (filter.status) q = q.eq('status', filter.status)
  if (filter.provider) q = q.eq('provider', filter.provider)
  if (filter.from) q = q.gte('created_at', filter.from)
  if (filter.to) q = q.lt('created_at', filter.to)
  if (filter.q) q = q.ilike('to_phone', `%${filter.q.replace(/[%_]/g, '')}%`)
  const { data, error } = await q
  if (error) throw new Error(`sms_messages: ${error.message}`)
  const ids = data.map((m) => m.id)
  const { data: attempts } = ids.length
    ? await supabase
        .from('sms_attempts')
        .select('id, message_id, attempt_no, provider, outcome, error, http_status, latency_ms, created_at')
        .in('message_id', ids)
        .order('attempt_no')
    : { data: [] as SmsAttempt[] }
  const byMessage = new Map<string, SmsAttempt[]>()
  for (const a of attempts ?? []) byMessage.set(a.message_id, [...(byMessage.get(a.message_id) ?? []), a])
  return data.map((m) => ({ ...m, attempt_log: byMessage.get(m.id) ?? [] }))
}

/** Cost per month and provider over the last year (sms_monthly_costs; managers+). */
export async function smsMonthlyCosts(orgId: string, months = 12): Promise<MonthlyCosts> {
  const supabase = await createClient()
  const res = await supabase.rpc('sms_monthly_costs', { p_org_id: orgId, p_months: months })
  return expectRpc(MonthlyCosts, res, 'sms_monthly_costs')
}
