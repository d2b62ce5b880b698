import 'server-only'
import { z } from 'zod'
import { dbFail, failWith } from '@/lib/errors'
import { type Answer, answer, route } from '@/lib/route'
import { parseRpc } from '@/lib/rpc'
import { toE164 } from '@/lib/sms/phone'
import { parseTemplate } from '@/lib/sms/template'
import { callbackOriginFor, runSmsWorker } from '@/lib/sms/worker'
import type { AppClient } from '@/lib/supabase/types'
import type { SmsRouteDeps } from './deps'

/**
 * POST /api/sms/send (docs/sms.md §API), managers+, as the caller (RLS and the RPC decide):
 *   one text   {org_id, to | customer_id, body | template_id + values, order_id?, client_id?}
 *   many texts {org_id, customer_ids[≤1000], body | template_id + values}
 * Numbers are normalised to E.164 with the organisation's default country first (a typo is a 400
 * under `to`, never a provider's bill). The rows are queued (PENDING) by sms_send / sms_send_bulk
 * in one transaction and answered 201; the worker sends them right after the response (after()),
 * and the cron route picks up anything the app did not get to.
 */
const uuid = z.string().uuid()
export const SendInput = z
  .object({
    org_id: uuid,
    to: z.string().trim().min(1).max(40).optional(),
    customer_id: uuid.optional(),
    customer_ids: z.array(uuid).min(1).max(1000).optional(),
    body: z.string().max(1600).optional(),
    template_id: uuid.optional(),
    values: z.record(z.string().regex(/^[A-Z][A-Z0-9_]{0,31}$/), z.string().max(500)).optional(),
    order_id: uuid.optional(),
    test: z.boolean().optional(),
    client_id: uuid.optional(),
  })
  .refine((v) => Boolean(v.to) || Boolean(v.customer_id) || Boolean(v.customer_ids), {
    message: 'Give a number (to), a customer (customer_id) or a list (customer_ids)',
    path: ['to'],
  })
  .refine((v) => Boolean(v.body?.trim()) !== Boolean(v.template_id), {
    message: 'Write a text or choose a template (one of them)',
    path: ['body'],
  })

export type SendTextInput = z.output<typeof SendInput>
type Input = SendTextInput

const Queued = z.object({ message: z.object({ id: uuid }).loose(), replayed: z.boolean().optional() }).loose()
const BulkQueued = z
  .object({
    bulk_id: uuid,
    queued: z.number().int(),
    message_ids: z.array(uuid),
    skipped: z.array(z.object({ index: z.number().int(), reason: z.string() }).loose()),
    replayed: z.boolean().optional(),
  })
  .loose()

export function smsSendRoute(deps: SmsRouteDeps) {
  return route({
    schema: SendInput,
    from: 'body',
    idempotent: true,
    run: (input, ctx) =>
      queueTexts(
        input,
        { supabase: ctx.supabase, signal: ctx.signal, clientId: ctx.clientId, url: ctx.request.url },
        deps,
      ),
  })
}

/** What queueing needs from its caller (a route's context, or a server action's). */
export interface QueueContext {
  supabase: AppClient
  signal: AbortSignal
  clientId: string
  /** The URL the caller was reached at (for delivery-callback URLs). */
  url: string
}

/** Queues one text or many as the caller, then sends them after the response. */
export function queueTexts(input: Input, ctx: QueueContext, deps: SmsRouteDeps): Promise<Answer> {
  return input.customer_ids ? sendMany(input, ctx, deps) : sendOne(input, ctx, deps)
}

async function defaultCountry(supabase: AppClient, orgId: string): Promise<string> {
  const { data } = await supabase.from('sms_settings').select('default_country').eq('org_id', orgId).maybeSingle()
  return data?.default_country ?? 'PH'
}

/** The number a customer's texts go to: the consented (verified) one, else the one on file. */
async function customerPhones(supabase: AppClient, orgId: string, ids: string[]) {
  const [{ data: customers, error }, { data: consents }] = await Promise.all([
    supabase.from('customers').select('id, name, phone').eq('org_id', orgId).in('id', ids),
    supabase.from('sms_customer_consents').select('customer_id, phone').eq('org_id', orgId).in('customer_id', ids),
  ])
  if (error) return { error }
  const consented = new Map((consents ?? []).map((c) => [c.customer_id, c.phone]))
  return {
    customers: (customers ?? []).map((c) => ({ id: c.id, name: c.name, phone: consented.get(c.id) ?? c.phone })),
  }
}

async function sendOne(input: Input, ctx: QueueContext, deps: SmsRouteDeps) {
  const { supabase } = ctx
  const country = await defaultCountry(supabase, input.org_id)
  let raw = input.to
  if (!raw && input.customer_id) {
    const found = await customerPhones(supabase, input.org_id, [input.customer_id])
    if ('error' in found) return dbFail(found.error)
    const customer = found.customers[0]
    if (!customer)
      return failWith('NOT_FOUND', 'No such customer', { fieldErrors: { customer_id: ['No such customer'] } })
    if (!customer.phone) {
      const message = 'This customer has no phone number on file'
      return failWith('VALIDATION_FAILED', message, { fieldErrors: { customer_id: [message] } })
    }
    raw = customer.phone
  }
  const phone = toE164(raw ?? '', country)
  if (!phone.ok) return failWith('VALIDATION_FAILED', phone.reason, { fieldErrors: { to: [phone.reason] } })

  const res = await supabase
    .rpc('sms_send', {
      p_org_id: input.org_id,
      p_to: phone.e164,
      p_body: input.template_id ? undefined : input.body,
      p_template_id: input.template_id,
      p_values: input.values,
      p_customer_id: input.customer_id,
      p_order_id: input.order_id,
      p_source: input.test ? 'test' : 'manual',
      p_client_id: ctx.clientId,
    })
    .abortSignal(ctx.signal)
  if (res.error) return dbFail(res.error, { p_to: 'to' }, { aborted: ctx.signal.aborted })
  const queued = parseRpc(Queued, res.data, 'sms_send')
  if (!queued.replayed) sendSoon(deps, [queued.message.id], ctx.url)
  return answer(queued, queued.replayed ? 200 : 201)
}

async function sendMany(input: Input, ctx: QueueContext, deps: SmsRouteDeps) {
  const { supabase } = ctx
  const ids = input.customer_ids ?? []
  const [country, found] = await Promise.all([
    defaultCountry(supabase, input.org_id),
    customerPhones(supabase, input.org_id, ids),
  ])
  if ('error' in found) return dbFail(found.error)
  // a template's NAME is each customer's first name unless the sender fixed it
  let usesName = false
  if (input.template_id) {
    const { data } = await supabase.from('sms_templates').select('body').eq('id', input.template_id).maybeSingle()
    usesName = Boolean(data && parseTemplate(data.body).placeholders.includes('NAME') && !input.values?.NAME)
  }
  const byId = new Map(found.customers.map((c) => [c.id, c]))
  const skipped: { customer_id: string; reason: string }[] = []
  const recipients: { to: string; customer_id: string; values?: Record<string, string> }[] = []
  for (const id of ids) {
    const c = byId.get(id)
    if (!c) {
      skipped.push({ customer_id: id, reason: 'No such customer' })
      continue
    }
    const phone = c.phone ? toE164(c.phone, country) : ({ ok: false, reason: 'No phone number on file' } as const)
    if (!phone.ok) {
      skipped.push({ customer_id: id, reason: phone.reason })
      continue
    }
    const values = input.template_id
      ? { ...(input.values ?? {}), ...(usesName ? { NAME: c.name.trim().split(/\s+/)[0] } : {}) }
      : undefined
    recipients.push({ to: phone.e164, customer_id: id, ...(values ? { values } : {}) })
  }
  if (!recipients.length) {
    const message = 'None of these customers has a number a text can go to'
    return failWith('VALIDATION_FAILED', message, { fieldErrors: { customer_ids: [message] }, details: { skipped } })
  }
  const res = await supabase
    .rpc('sms_send_bulk', {
      p_org_id: input.org_id,
      p_recipients: recipients,
      p_body: input.template_id ? undefined : input.body,
      p_template_id: input.template_id,
      p_client_id: ctx.clientId,
    })
    .abortSignal(ctx.signal)
  if (res.error) return dbFail(res.error, {}, { aborted: ctx.signal.aborted })
  const queued = parseRpc(BulkQueued, res.data, 'sms_send_bulk')
  if (!queued.replayed) sendSoon(deps, queued.message_ids, ctx.url)
  for (const s of queued.skipped) {
    skipped.push({ customer_id: recipients[s.index]?.customer_id ?? '', reason: s.reason })
  }
  return answer(
    { bulk_id: queued.bulk_id, queued: queued.queued, message_ids: queued.message_ids, skipped },
    queued.replayed ? 200 : 201,
  )
}

/** Send what was just queued once the response has gone; throttled by the worker's lanes per run. */
export function sendSoon(deps: SmsRouteDeps, ids: string[], requestUrl: string) {
  const origin = callbackOriginFor(requestUrl)
  deps.later(async () => {
    for (let i = 0; i < ids.length; i += 100) {
      await runSmsWorker(deps.admin(), { messageIds: ids.slice(i, i + 100), limit: 100, callbackOrigin: origin })
    }
  })
}
