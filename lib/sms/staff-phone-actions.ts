'use server'
import { revalidatePath } from 'next/cache'
import { headers } from 'next/headers'
import { action } from '@/lib/actions'
import { dbFail, failWith, ok } from '@/lib/errors'
import { smsDeps } from '@/lib/sms/api/default-deps'
import { sendSoon } from '@/lib/sms/api/send'
import { toE164 } from '@/lib/sms/phone'
import { absoluteUrl } from '@/lib/tracking/link'
import { clientIp, clientIpPolicy } from '@/lib/tracking/rate-limit'
import { MyPhoneCodeInput, MyPhoneInput, RemoveMyPhoneInput } from './staff-phone-schema'

/**
 * A phone on the signed-in person's account (docs/sms.md §staff phones), so a forgotten password can
 * be reset by text: the number is proved with a code texted to it (VERIFY_PHONE, the OTP rules and
 * limits of the database), the subject being the person themself — the database texts only an
 * active member of the workshop, refuses a number on another account, and lets only the person who
 * asked confirm. The service role calls otp_request / otp_verify because only the server vouches for
 * the IP; who is asking comes from the verified session.
 */
async function requestContext(orgId: string, phone: string) {
  const admin = smsDeps.admin()
  const { data } = await admin.from('sms_settings').select('default_country').eq('org_id', orgId).maybeSingle()
  const number = toE164(phone, data?.default_country ?? undefined)
  const h = await headers()
  const ip = clientIp(h, clientIpPolicy())
  return { admin, number, ip: ip === 'unknown' ? undefined : ip, userAgent: h.get('user-agent')?.slice(0, 500) }
}

const invalidNumber = (reason: string) => failWith('VALIDATION_FAILED', reason, { fieldErrors: { phone: [reason] } })

export const requestMyPhoneCode = action(MyPhoneInput, async ({ orgId, phone }, { userId }) => {
  const { admin, number, ip, userAgent } = await requestContext(orgId, phone)
  if (!number.ok) return invalidNumber(number.reason)
  const { data, error } = await admin.rpc('otp_request', {
    p_org_id: orgId,
    p_phone: number.e164,
    p_purpose: 'VERIFY_PHONE',
    p_ip: ip,
    p_user_agent: userAgent,
    p_subject_id: userId,
  })
  if (error) return dbFail(error, { p_phone: 'phone' })
  const messageId = (data as { message_id?: string | null } | null)?.message_id
  if (!messageId) return failWith('FORBIDDEN', 'Only an active member of this workshop can add a phone here')
  sendSoon(smsDeps, [messageId], await absoluteUrl('/'))
  return ok({ sent: true, phone: number.e164 })
})

export const confirmMyPhone = action(MyPhoneCodeInput, async ({ orgId, phone, code }, { userId }) => {
  const { admin, number, ip } = await requestContext(orgId, phone)
  if (!number.ok) return invalidNumber(number.reason)
  const { data, error } = await admin.rpc('otp_verify', {
    p_org_id: orgId,
    p_phone: number.e164,
    p_purpose: 'VERIFY_PHONE',
    p_code: code,
    p_ip: ip,
    p_subject_id: userId,
  })
  if (error) return dbFail(error)
  const answer = data as { verified?: boolean; message?: string; attempts_left?: number } | null
  if (!answer?.verified) {
    const message = answer?.message ?? 'That code is wrong or has expired; ask for a new one'
    return failWith('OTP_INVALID', message, { status: 400, fieldErrors: { code: [message] } })
  }
  revalidatePath('/[org]/me/preferences', 'page')
  return ok({ phone: number.e164 })
})

export const removeMyPhone = action(RemoveMyPhoneInput, async (_input, { supabase }) => {
  const { error } = await supabase.rpc('remove_my_phone')
  if (error) return dbFail(error)
  revalidatePath('/[org]/me/preferences', 'page')
  return ok({ phone: null })
})
