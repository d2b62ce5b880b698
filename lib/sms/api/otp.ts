import 'server-only'
import { z } from 'zod'
import { dbFail, failWith } from '@/lib/errors'
import { type Answer, answer, route } from '@/lib/route'
import { parseRpc } from '@/lib/rpc'
import { toE164 } from '@/lib/sms/phone'
import type { AppClient } from '@/lib/supabase/types'
import { clientIp, clientIpPolicy } from '@/lib/tracking/rate-limit'
import type { SmsRouteDeps } from './deps'
import { sendSoon } from './send'

/**
 * POST /api/sms/otp (docs/sms.md §OTP), public: one-time codes by text for a staff member's
 * forgotten password.
 *   {action: 'request', org: <slug>, phone, purpose: 'RESET_PASSWORD'}
 *       → 202 {sent: true, expires_in_seconds} for every number, known or not (nothing says which;
 *         the text goes after the response, and every answer takes at least MIN_MS)
 *   {action: 'verify', org, phone, purpose, code, new_password}
 *       → 200 {verified: true} and the account's password is the new one; a wrong, expired, used or
 *         dead code is 400 OTP_INVALID with attempts_left.
 * The database keeps the rules (otp_request / otp_verify, service role: this route vouches for the
 * client's address and user agent): 6 CSPRNG digits stored hashed, 10 minutes, 3 tries, single use,
 * 3 codes per number per 15 minutes and 10 per address (429 RATE_LIMITED with Retry-After).
 */
const MIN_MS = 400
const phone = z.string().trim().min(4, 'Enter your phone number').max(40)
const org = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[a-z0-9-]+$/, 'The workshop address, e.g. aurora')

export const OtpInput = z.discriminatedUnion('action', [
  z.object({ action: z.literal('request'), org, phone, purpose: z.literal('RESET_PASSWORD') }),
  z.object({
    action: z.literal('verify'),
    org,
    phone,
    purpose: z.literal('RESET_PASSWORD'),
    code: z
      .string()
      .trim()
      .regex(/^[0-9]{6}$/, 'The code is 6 digits'),
    new_password: z.string().min(8, 'At least 8 characters').max(200),
  }),
])
type Input = z.output<typeof OtpInput>

const Requested = z.object({ sent: z.boolean(), expires_in_seconds: z.number(), message_id: z.string().nullable() })
const Verified = z.object({ verified: z.literal(true), subject_id: z.string().uuid().nullable() }).loose()

export function smsOtpRoute(deps: SmsRouteDeps) {
  return route({
    schema: OtpInput,
    from: 'body',
    auth: 'service',
    serviceClient: deps.admin,
    run: (input, ctx) =>
      otpFlow(
        input,
        { supabase: ctx.supabase, headers: ctx.request.headers, url: ctx.request.url, signal: ctx.signal },
        deps,
      ),
  })
}

/** What the flow needs from its caller: the service-role client and the request's headers and URL. */
export interface OtpContext {
  supabase: AppClient
  headers: Headers
  url: string
  signal: AbortSignal
}

export type OtpInputValue = Input

/** The request or verify step (the route and the forgotten-password page's actions share it). */
export async function otpFlow(input: Input, ctx: OtpContext, deps: SmsRouteDeps): Promise<Answer> {
  const started = Date.now()
  const result = await handle(input, ctx, deps)
  const wait = MIN_MS - (Date.now() - started)
  if (wait > 0) await new Promise((r) => setTimeout(r, wait))
  return result
}

function ipOf(headers: Headers): string | undefined {
  const ip = clientIp(headers, clientIpPolicy())
  // clientIp groups IPv6 by /64 ("2001:db8::/64"): inet takes that form too
  return ip === 'unknown' ? undefined : ip
}

async function handle(input: Input, ctx: OtpContext, deps: SmsRouteDeps) {
  const { supabase, headers, url, signal } = ctx
  const invalidCode = () =>
    failWith('OTP_INVALID', 'That code is wrong or has expired; ask for a new one', {
      status: 400,
      fieldErrors: { code: ['That code is wrong or has expired; ask for a new one'] },
    })
  const { data: o } = await supabase.from('organisations').select('id').eq('slug', input.org).maybeSingle()
  const { data: s } = o
    ? await supabase.from('sms_settings').select('default_country').eq('org_id', o.id).maybeSingle()
    : { data: null }
  if (!o) {
    // an unknown workshop answers like a known one without texts
    return input.action === 'request'
      ? failWith('SMS_NOT_CONFIGURED', 'Codes by text are not available for this workshop', { status: 422 })
      : invalidCode()
  }
  const number = toE164(input.phone, s?.default_country ?? 'PH')
  if (!number.ok) return failWith('VALIDATION_FAILED', number.reason, { fieldErrors: { phone: [number.reason] } })

  if (input.action === 'request') {
    const res = await supabase
      .rpc('otp_request', {
        p_org_id: o.id,
        p_phone: number.e164,
        p_purpose: input.purpose,
        p_ip: ipOf(headers),
        p_user_agent: headers.get('user-agent')?.slice(0, 500),
      })
      .abortSignal(signal)
    if (res.error) return dbFail(res.error, { p_phone: 'phone' }, { aborted: signal.aborted })
    const r = parseRpc(Requested, res.data, 'otp_request')
    if (r.message_id) sendSoon(deps, [r.message_id], url)
    return answer({ sent: true, expires_in_seconds: r.expires_in_seconds }, 202)
  }

  const res = await supabase
    .rpc('otp_verify', {
      p_org_id: o.id,
      p_phone: number.e164,
      p_purpose: input.purpose,
      p_code: input.code,
      p_ip: ipOf(headers),
    })
    .abortSignal(signal)
  if (res.error) return dbFail(res.error, {}, { aborted: signal.aborted })
  const v = parseRpc(Verified, res.data, 'otp_verify')
  if (!v.subject_id) return invalidCode()
  const { error } = await supabase.auth.admin.updateUserById(v.subject_id, { password: input.new_password })
  if (error) {
    const message = error.message || 'That password cannot be used'
    return failWith('VALIDATION_FAILED', message, { fieldErrors: { new_password: [message] } })
  }
  return answer({ verified: true, password_changed: true })
}
