import { z } from 'zod'
import { Constants } from '@/types/database'

const optionalId = z
  .union([z.literal(''), z.guid('Pick one from the list')])
  .optional()
  .transform((v) => v || undefined)

export const RoleInput = z.enum(Constants.public.Enums.member_role, { message: 'Pick a role' })

/** Badge codes are stored upper-case (app.normalise_badge); the form accepts any case. */
export const BadgeCode = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z0-9][A-Z0-9-]{1,31}$/, 'Use 2 to 32 letters, digits or hyphens, starting with a letter or digit')

export const Pin = z.string().regex(/^[0-9]{4,6}$/, 'A PIN is 4 to 6 digits')

/**
 * Inviting someone. Email is optional for operators who have a badge: they get a synthetic Auth
 * address (docs/tenancy.md §4) and only ever PIN in.
 */
export const InviteMemberInput = z
  .object({
    orgId: z.guid(),
    email: z
      .string()
      .trim()
      .toLowerCase()
      .optional()
      .transform((v) => v || undefined)
      .pipe(z.email('That is not an email address').optional()),
    displayName: z.string().trim().min(1, 'Enter their name').max(80, 'Keep the name to 80 characters'),
    role: RoleInput,
    badgeCode: z
      .string()
      .trim()
      .optional()
      .transform((v) => v || undefined)
      .pipe(BadgeCode.optional()),
    teamId: optionalId,
    locationId: optionalId,
  })
  .superRefine((v, ctx) => {
    if (v.email) return
    if (v.role !== 'operator') {
      ctx.addIssue({ code: 'custom', path: ['email'], message: 'Enter their email address: they sign in with it' })
    } else if (!v.badgeCode) {
      ctx.addIssue({
        code: 'custom',
        path: ['email'],
        message: 'Enter an email address, or a badge code for an operator',
      })
    }
  })
export type InviteMemberInput = z.input<typeof InviteMemberInput>
export type InviteMember = z.output<typeof InviteMemberInput>

export const MemberIdInput = z.object({ memberId: z.guid() })
export const ChangeRoleInput = z.object({ memberId: z.guid(), role: RoleInput })
export const ResetPinInput = z.object({ memberId: z.guid(), pin: Pin })
export type ResetPinInput = z.input<typeof ResetPinInput>

/** Database field names (`details` of 22023 / PT409) → form field names. */
export const MEMBER_FIELDS: Record<string, string> = {
  display_name: 'displayName',
  badge_code: 'badgeCode',
  team_id: 'teamId',
  location_id: 'locationId',
  role: 'role',
  user_id: 'email',
  email: 'email',
  pin: 'pin',
}
