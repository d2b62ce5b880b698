import { z } from 'zod'

/** The tracking page's "texts about this order" form (lib/sms/tracking-actions.ts parses with these). */
export const TrackPhoneInput = z.object({
  token: z.string().min(10).max(100),
  phone: z.string().trim().min(4, 'Enter your mobile number').max(40),
})
export const TrackCodeInput = TrackPhoneInput.extend({
  code: z
    .string()
    .trim()
    .regex(/^[0-9]{6}$/, 'The code is 6 digits'),
})
export type TrackCodeValues = z.input<typeof TrackCodeInput>
export const TrackTokenInput = z.object({ token: z.string().min(10).max(100) })
