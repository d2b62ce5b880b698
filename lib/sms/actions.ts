'use server'
import { revalidatePath } from 'next/cache'
import { action } from '@/lib/actions'
import { dbFail, failWith, ok } from '@/lib/errors'
import { parseRpc } from '@/lib/rpc'
import { smsDeps } from '@/lib/sms/api/default-deps'
import { queueTexts, sendSoon } from '@/lib/sms/api/send'
import { absoluteUrl } from '@/lib/tracking/link'
import { BulkProgress } from './bulk-progress'
import { toE164 } from './phone'
import {
  BulkProgressInput,
  ComposeFormInput,
  OptInInput,
  OptOutFormInput,
  SettingsFormInput,
  TemplateFormInput,
  TestSendInput,
} from './schema'

/**
 * The SMS screens' writes, as the signed-in manager (RLS and the RPCs decide). Sending goes the
 * same way as POST /api/sms/send (queueTexts: rows first, the worker after the response).
 */
export const sendText = action(ComposeFormInput, async (input, { supabase }) => {
  const answer = await queueTexts(
    {
      org_id: input.orgId,
      to: input.mode === 'number' ? input.to : undefined,
      customer_id: input.mode === 'customer' ? input.customerId : undefined,
      customer_ids: input.mode === 'customers' ? input.customerIds : undefined,
      body: input.templateId ? undefined : input.body,
      template_id: input.templateId || undefined,
      values: input.templateId ? input.values : undefined,
    },
    { supabase, signal: AbortSignal.timeout(8000), clientId: input.clientId, url: await absoluteUrl('/') },
    smsDeps,
  )
  if (!answer.ok) {
    // the route's field names → the form's
    const map: Record<string, string> = {
      to: 'to',
      customer_id: 'customerId',
      customer_ids: 'customerIds',
      values: 'values',
      template_id: 'templateId',
      body: 'body',
    }
    const fieldErrors = Object.fromEntries(Object.entries(answer.fieldErrors ?? {}).map(([k, v]) => [map[k] ?? k, v]))
    return { ...answer, fieldErrors }
  }
  return ok(
    answer.data as { message?: { id: string }; bulk_id?: string; queued?: number; skipped?: { reason: string }[] },
  )
})

const TEMPLATE_FIELDS = { order_status: 'orderStatus', is_active: 'isActive' }

export const saveTemplate = action(TemplateFormInput, async (input, { supabase }) => {
  const row = {
    name: input.name,
    description: input.description || null,
    body: input.body,
    variables: input.variables,
    order_status: input.orderStatus || null,
    is_active: input.isActive,
  }
  const { data, error } = input.id
    ? await supabase.from('sms_templates').update(row).eq('id', input.id).select('id').maybeSingle()
    : await supabase
        .from('sms_templates')
        .insert({ ...row, org_id: input.orgId })
        .select('id')
        .single()
  if (error) return dbFail(error, TEMPLATE_FIELDS)
  if (!data) return failWith('NOT_FOUND', 'No such template in your organisations')
  return ok({ id: data.id })
})

export const saveSmsSettings = action(SettingsFormInput, async (input, { supabase }) => {
  const { data, error } = await supabase.rpc('update_sms_settings', {
    p_org_id: input.orgId,
    p_enabled: input.enabled,
    p_provider_order: input.providerOrder,
    p_default_country: input.defaultCountry.toUpperCase(),
    p_auto_statuses: input.autoStatuses,
    p_link_base_url: input.linkBaseUrl,
  })
  if (error)
    return dbFail(error, {
      provider_order: 'providerOrder',
      default_country: 'defaultCountry',
      link_base_url: 'linkBaseUrl',
    })
  const rates = await supabase.rpc('set_sms_bulk_rates', { p_org_id: input.orgId, p_rates: input.bulkRates })
  if (rates.error) return dbFail(rates.error, { bulk_rates: 'bulkRates' })
  return ok({ saved: Boolean(data) })
})

/** How a bulk send is going (the compose screen re-reads it when org:<org>:sms says a text moved). */
export const readBulkProgress = action(BulkProgressInput, async (input, { supabase }) => {
  const { data, error } = await supabase.rpc('sms_bulk_progress', { p_org_id: input.orgId, p_bulk_id: input.bulkId })
  if (error) return dbFail(error, { bulk_id: 'bulkId' })
  return ok(parseRpc(BulkProgress, data, 'sms_bulk_progress'))
})

/**
 * Staff opt a number out (source staff: the customer asked at the counter or by phone) — no text but
 * a code they ask for goes to it, and automatic texts are withdrawn — or back in (sms_opt_in: the
 * customer asked to hear from us again; automatic texts stay off until they opt in again).
 */
export const optOutNumber = action(OptOutFormInput, async (input, { supabase }) => {
  const { data: settings } = await supabase
    .from('sms_settings')
    .select('default_country')
    .eq('org_id', input.orgId)
    .maybeSingle()
  const number = toE164(input.phone, settings?.default_country ?? undefined)
  if (!number.ok) return failWith('VALIDATION_FAILED', number.reason, { fieldErrors: { phone: [number.reason] } })
  const { error } = await supabase.rpc('sms_opt_out', {
    p_org_id: input.orgId,
    p_phone: number.e164,
    p_source: 'staff',
  })
  if (error) return dbFail(error)
  revalidatePath('/[org]/sms', 'page')
  return ok({ phone: number.e164 })
})

export const optInNumber = action(OptInInput, async (input, { supabase }) => {
  const { error } = await supabase.rpc('sms_opt_in', { p_org_id: input.orgId, p_phone: input.phone })
  if (error) return dbFail(error)
  revalidatePath('/[org]/sms', 'page')
  return ok({ phone: input.phone })
})

/**
 * A test text (source test) from Providers & settings: through one provider alone when one is
 * chosen — no failover, so the manager learns whether that provider's credentials and sender work —
 * else in the failover order. Sent after the response like any text.
 */
export const sendTestText = action(TestSendInput, async (input, { supabase }) => {
  const { data: settings } = await supabase
    .from('sms_settings')
    .select('default_country')
    .eq('org_id', input.orgId)
    .maybeSingle()
  const number = toE164(input.to, settings?.default_country ?? undefined)
  if (!number.ok) return failWith('VALIDATION_FAILED', number.reason, { fieldErrors: { to: [number.reason] } })
  const { data, error } = await supabase.rpc('sms_send_test', {
    p_org_id: input.orgId,
    p_to: number.e164,
    p_provider: input.provider || undefined,
  })
  if (error) return dbFail(error)
  const id = (data as { message?: { id?: string } } | null)?.message?.id
  if (id) sendSoon(smsDeps, [id], await absoluteUrl('/'))
  return ok({ id, to: number.e164 })
})
