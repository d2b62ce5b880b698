import 'server-only'
import { cache } from 'react'
import { z } from 'zod'
import { expectRpc } from '@/lib/rpc'
import { MonthlyCosts } from '@/lib/sms/bulk-progress'
import { callbackOriginFor } from '@/lib/sms/worker'
import { createClient } from '@/lib/supabase/server'
import { absoluteUrl } from '@/lib/tracking/link'
import type { Database } from '@/types/database'

type Tables = Database['public']['Tables']
export type SmsTemplate = Tables['sms_templates']['Row']
export type SmsSettings = Tables['sms_settings']['Row']
export type SmsStatus = Database['public']['Enums']['sms_status']
export type SmsProviderName = Database['public']['Enums']['sms_provider']
export type SmsAttempt = Pick<
  Tables['sms_attempts']['Row'],
  | 'id'
  | 'message_id'
  | 'attempt_no'
  | 'provider'
  | 'outcome'
  | 'error'
  | 'http_status'
  | 'latency_ms'
  | 'created_at'
  | 'sender'
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
  /** A number, a customer's name or words of the text. */
  q?: string
  /** 1-based, LOG_PAGE texts a page. */
  page?: number
}

export const LOG_PAGE = 100

/** What a search may hold: PostgREST's filter syntax (commas, parentheses, quotes, wildcards) stripped. */
export const searchTerm = (q: string) =>
  q
    .replace(/[^\p{L}\p{N} +#@-]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 60)

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

export async function smsLog(orgId: string, filter: LogFilter): Promise<{ messages: SmsMessage[]; more: boolean }> {
  const supabase = await createClient()
  const page = Math.max(1, Math.min(filter.page ?? 1, 1000))
  const term = filter.q ? searchTerm(filter.q) : ''
  // customers whose name matches: their texts match too (the log holds numbers and words, not names)
  const named = term
    ? ((await supabase.from('customers').select('id').eq('org_id', orgId).ilike('name', `%${term}%`).limit(200)).data ??
      [])
    : []
  let q = supabase
    .from('sms_messages')
    .select(
      'id, to_phone, body, status, provider, source, segments, encoding, attempts, error, created_at, sent_at, delivered_at, failed_at, cost_micros, currency, customer_id',
    )
    .eq('org_id', orgId)
    .order('created_at', { ascending: false })
    .order('id', { ascending: false })
    .range((page - 1) * LOG_PAGE, page * LOG_PAGE) // one more than a page: is there a next one?
  if (filter.status) q = q.eq('status', filter.status)
  if (filter.provider) q = q.eq('provider', filter.provider)
  if (filter.from) q = q.gte('created_at', filter.from)
  if (filter.to) q = q.lt('created_at', filter.to)
  if (term) {
    const digits = term.replace(/[^0-9+]/g, '')
    const any = [`body.ilike.*${term}*`]
    if (digits.length >= 3) any.push(`to_phone.ilike.*${digits}*`)
    if (named.length) any.push(`customer_id.in.(${named.map((c) => c.id).join(',')})`)
    q = q.or(any.join(','))
  }
  const { data: rows, error } = await q
  if (error) throw new Error(`sms_messages: ${error.message}`)
  const more = rows.length > LOG_PAGE
  const data = rows.slice(0, LOG_PAGE)
  const ids = data.map((m) => m.id)
  const { data: attempts } = ids.length
    ? await supabase
        .from('sms_attempts')
        .select('id, message_id, attempt_no, provider, outcome, error, http_status, latency_ms, created_at, sender')
        .in('message_id', ids)
        .order('attempt_no')
    : { data: [] as SmsAttempt[] }
  const byMessage = new Map<string, SmsAttempt[]>()
  for (const a of attempts ?? []) byMessage.set(a.message_id, [...(byMessage.get(a.message_id) ?? []), a])
  return { messages: data.map((m) => ({ ...m, attempt_log: byMessage.get(m.id) ?? [] })), more }
}

/** Cost per month and provider over the last year (sms_monthly_costs; managers+). */
export async function smsMonthlyCosts(orgId: string, months = 12): Promise<MonthlyCosts> {
  const supabase = await createClient()
  const res = await supabase.rpc('sms_monthly_costs', { p_org_id: orgId, p_months: months })
  return expectRpc(MonthlyCosts, res, 'sms_monthly_costs')
}

const Paths = z.object({ twilio: z.string(), movider: z.string() })
const WebhookPaths = z.object({ inbound: Paths, status: Paths })
export type WebhookUrls = z.output<typeof WebhookPaths>

/**
 * The webhook URLs a workshop pastes into its providers' consoles (sms_webhook_urls: admins only,
 * they carry the callback secret), on SMS_CALLBACK_ORIGIN (behind a proxy) or this app's origin.
 */
export async function smsWebhookUrls(orgId: string): Promise<WebhookUrls> {
  const supabase = await createClient()
  const paths = expectRpc(WebhookPaths, await supabase.rpc('sms_webhook_urls', { p_org_id: orgId }), 'sms_webhook_urls')
  const origin = callbackOriginFor(await absoluteUrl('/')) ?? ''
  const on = (p: z.output<typeof Paths>) => ({ twilio: origin + p.twilio, movider: origin + p.movider })
  return { inbound: on(paths.inbound), status: on(paths.status) }
}

export type SmsOptOut = Pick<Tables['sms_opt_outs']['Row'], 'phone' | 'source' | 'created_at'> & {
  customers: string[]
}

/** Numbers that get no texts, newest first, with the customers they belong to (managers+). */
export async function smsOptOuts(orgId: string, limit = 500): Promise<SmsOptOut[]> {
  const supabase = await createClient()
  const { data, error } = await supabase
    .from('sms_opt_outs')
    .select('phone, source, created_at')
    .eq('org_id', orgId)
    .order('created_at', { ascending: false })
    .limit(limit)
  if (error) throw new Error(`sms_opt_outs: ${error.message}`)
  const phones = data.map((o) => o.phone)
  if (!phones.length) return []
  const [consents, customers] = await Promise.all([
    supabase.from('sms_customer_consents').select('phone, customers(name)').eq('org_id', orgId).in('phone', phones),
    supabase.from('customers').select('name, phone').eq('org_id', orgId).in('phone', phones),
  ])
  const names = new Map<string, Set<string>>()
  const add = (phone: string | null, name: string | null | undefined) => {
    if (!phone || !name) return
    names.set(phone, (names.get(phone) ?? new Set()).add(name))
  }
  for (const c of consents.data ?? []) add(c.phone, c.customers?.name)
  for (const c of customers.data ?? []) add(c.phone, c.name)
  return data.map((o) => ({ ...o, customers: [...(names.get(o.phone) ?? [])].sort() }))
}
