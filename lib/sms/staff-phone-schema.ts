import { z } from 'zod'

/** Preferences → "Phone on your account" (lib/sms/staff-phone-actions.ts parses with these). */
export const MyPhoneInput = z.object({
  orgId: z.string().uuid(),
  phone: z.string().trim().min(4, 'Enter your mobile number').max(40),
})
export const MyPhoneCodeInput = MyPhoneInput.extend({
  code: z
    .string()
    .trim()
    .regex(/^[0-9]{6}$/, 'The code is 6 digits'),
})
export type MyPhoneCodeValues = z.input<typeof MyPhoneCodeInput>
export const RemoveMyPhoneInput = z.object({})
