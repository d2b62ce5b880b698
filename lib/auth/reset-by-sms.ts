'use server'
import { headers } from 'next/headers'
import { publicAction } from '@/lib/actions'
import { ok } from '@/lib/errors'
import { smsDeps } from '@/lib/sms/api/default-deps'
import { otpFlow } from '@/lib/sms/api/otp'
import { absoluteUrl } from '@/lib/tracking/link'
import { ResetCodeInput, ResetRequestInput } from './reset-schema'

/**
 * The forgotten-password page's two steps, by text (docs/sms.md §OTP): the same flow as
 * POST /api/sms/otp, run with the service role because the person is not signed in; the database
 * keeps the limits and answers known and unknown numbers alike.
 */
async function context() {
  return {
    supabase: smsDeps.admin(),
    headers: await headers(),
    url: await absoluteUrl('/'),
    signal: AbortSignal.timeout(8000),
  }
}

export const requestResetCode = publicAction(ResetRequestInput, async (input) => {
  const answer = await otpFlow({ action: 'request', purpose: 'RESET_PASSWORD', ...input }, await context(), smsDeps)
  return answer.ok ? ok({ sent: true }) : answer
})

export const resetWithCode = publicAction(ResetCodeInput, async (input) => {
  const answer = await otpFlow(
    {
      action: 'verify',
      purpose: 'RESET_PASSWORD',
      org: input.org,
      phone: input.phone,
      code: input.code,
      new_password: input.newPassword,
    },
    await context(),
    smsDeps,
  )
  if (answer.ok) return ok({ changed: true })
  const fieldErrors = answer.fieldErrors?.new_password
    ? { newPassword: answer.fieldErrors.new_password }
    : answer.fieldErrors
  return { ...answer, fieldErrors }
})
