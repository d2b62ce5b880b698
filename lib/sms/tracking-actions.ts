'use server'
import { headers } from 'next/headers'
import { z } from 'zod'
import { publicAction } from '@/lib/actions'
import { dbFail, failWith, ok } from '@/lib/errors'
import { parseRpc } from '@/lib/rpc'
import { smsDeps } from '@/lib/sms/api/default-deps'
import { sendSoon } from '@/lib/sms/api/send'
import { toE164 } from '@/lib/sms/phone'
import { absoluteUrl } from '@/lib/tracking/link'
import { clientIp, clientIpPolicy } from '@/lib/tracking/rate-limit'
import { TrackCodeInput, TrackPhoneInput, TrackTokenInput } from './tracking-schema'

/**
 * Texts about an order, turned on from its tracking page (docs/sms.md §tracking): the customer's
 * number is verified with a one-time code (VERIFY_PHONE, bound to the order's customer through the
 * token) before the consent is stored; "stop" opts the number out (STOP). The service role acts,
 * as the person has only the link; the database keeps the code rules and limits.
 */
const Subject = z
  .object({
    org_id: z.string().uuid(),
    customer_id: z.string().uuid(),
    phone: z.string().nullable(),
    sms_enabled: z.boolean(),
    default_country: z.string(),
  })
  .loose()

async function subjectOf(token: string) {
  const admin = smsDeps.admin()
  const { data, error } = await admin.rpc('sms_tracking_subject', { p_token: token })
  if (error) return { ok: false as const, fail: dbFail(error) }
  if (!data) return { ok: false as const, fail: failWith('NOT_FOUND', 'This tracking link no longer works') }
  const s = parseRpc(Subject, data, 'sms_tracking_subject')
  if (!s.sms_enabled) {
    return {
      ok: false as const,
      fail: failWith('SMS_NOT_CONFIGURED', 'This workshop does not send texts', { status: 422 }),
    }
  }
  return { ok: true as const, admin, s }
}

async function ip() {
  const value = clientIp(await headers(), clientIpPolicy())
  return value === 'unknown' ? undefined : value
}

export const requestTrackingCode = publicAction(TrackPhoneInput, async ({ token, phone }) => {
  const found = await subjectOf(token)
  if (!found.ok) return found.fail
  const { admin, s } = found
  const number = toE164(phone, s.default_country)
  if (!number.ok) return failWith('VALIDATION_FAILED', number.reason, { fieldErrors: { phone: [number.reason] } })
  const { data, error } = await admin.rpc('otp_request', {
    p_org_id: s.org_id,
    p_phone: number.e164,
    p_purpose: 'VERIFY_PHONE',
    p_ip: await ip(),
    p_user_agent: (await headers()).get('user-agent')?.slice(0, 500),
    p_subject_id: s.customer_id,
  })
  if (error) return dbFail(error, { p_phone: 'phone' })
  const messageId = (data as { message_id?: string | null } | null)?.message_id
  if (messageId) sendSoon(smsDeps, [messageId], await absoluteUrl('/'))
  return ok({ sent: true })
})

export const confirmTrackingPhone = publicAction(TrackCodeInput, async ({ token, phone, code }) => {
  const found = await subjectOf(token)
  if (!found.ok) return found.fail
  const { admin, s } = found
  const number = toE164(phone, s.default_country)
  if (!number.ok) return failWith('VALIDATION_FAILED', number.reason, { fieldErrors: { phone: [number.reason] } })
  const { data, error } = await admin.rpc('otp_verify', {
    p_org_id: s.org_id,
    p_phone: number.e164,
    p_purpose: 'VERIFY_PHONE',
    p_code: code,
    p_ip: await ip(),
  })
  if (error) return dbFail(error)
  if ((data as { subject_id?: string } | null)?.subject_id !== s.customer_id) {
    const message = 'That code is wrong or has expired; ask for a new one'
    return failWith('OTP_INVALID', message, { status: 400, fieldErrors: { code: [message] } })
  }
  const consent = await admin.rpc('set_customer_sms_consent', {
    p_org_id: s.org_id,
    p_customer_id: s.customer_id,
    p_opted_in: true,
    p_phone: number.e164,
    p_verified: true,
  })
  if (consent.error) return dbFail(consent.error)
  // a number that once said STOP and now asks for texts again: the customer's own word lifts it
  await admin.rpc('sms_opt_in', { p_org_id: s.org_id, p_phone: number.e164 })
  return ok({ optedIn: true, phone: number.e164 })
})

export const stopTrackingTexts = publicAction(TrackTokenInput, async ({ token }) => {
  const found = await subjectOf(token)
  if (!found.ok) return found.fail
  const { admin, s } = found
  if (s.phone) {
    const { error } = await admin.rpc('sms_opt_out', { p_org_id: s.org_id, p_phone: s.phone, p_source: 'customer' })
    if (error) return dbFail(error)
  }
  await admin.rpc('set_customer_sms_consent', { p_org_id: s.org_id, p_customer_id: s.customer_id, p_opted_in: false })
  return ok({ optedIn: false })
})
