import { z } from 'zod'

/** The forgotten-password page's forms (lib/auth/reset-by-sms.ts parses with the same schemas). */
export const ResetRequestInput = z.object({
  org: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9-]{1,64}$/, 'The workshop address, e.g. aurora'),
  phone: z.string().trim().min(4, 'Enter the phone number on your account').max(40),
})
export type ResetRequestValues = z.input<typeof ResetRequestInput>

export const ResetCodeInput = ResetRequestInput.extend({
  code: z
    .string()
    .trim()
    .regex(/^[0-9]{6}$/, 'The code is 6 digits'),
  newPassword: z.string().min(8, 'At least 8 characters').max(200),
})
export type ResetCodeValues = z.input<typeof ResetCodeInput>
