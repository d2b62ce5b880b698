import { z } from 'zod'
import { Pin } from '@/lib/members/schema'

export const RegisterStationInput = z.object({
  locationId: z.guid('Pick a location'),
  name: z
    .string()
    .trim()
    .max(80, 'Keep the name to 80 characters')
    .optional()
    .transform((v) => v || undefined),
})
export type RegisterStationInput = z.input<typeof RegisterStationInput>

export const PinInInput = z.object({
  badge: z.string().trim().min(1, 'Scan your badge or pick your name').max(64, 'That badge code is too long'),
  pin: Pin,
})
export type PinInInput = z.input<typeof PinInInput>

/** A supervisor's email + password, to sign a tablet out when nobody with that right is PINed in. */
export const SupervisorCredentials = z.object({
  email: z
    .string()
    .trim()
    .toLowerCase()
    .min(1, 'Enter your email address')
    .pipe(z.email('That is not an email address')),
  password: z.string().min(1, 'Enter your password'),
})
export type SupervisorCredentials = z.input<typeof SupervisorCredentials>

export const SignOutTabletInput = z.object({ credentials: SupervisorCredentials.optional() })

/** PIN-out and touch need nothing from the page: the session is in the tablet's cookies. Whether it
 * ended by the button or by idling, the database tells from the timestamps (docs/tenancy.md §4). */
export const NoInput = z.object({})

/** pin_in's success answer (docs/tenancy.md §7). */
export const PinInAnswer = z.object({
  operator_session_id: z.guid(),
  member_id: z.guid(),
  // the member's floor identity (never the person's own account); null until the first PIN-in makes one
  floor_user_id: z.guid().nullable(),
  floor_email: z.string().min(3).nullable(),
  display_name: z.string(),
  role: z.string(),
  org_slug: z.string(),
  station_id: z.guid(),
  idle_timeout_seconds: z.number(),
})
export type PinInAnswer = z.output<typeof PinInAnswer>

/** operator_session_touch's success answer. */
export const TouchAnswer = z.object({
  operator_session_id: z.guid(),
  expires_at: z.string(),
  idle_timeout_seconds: z.number(),
})
