import { z } from 'zod'

export const InvitationIdInput = z.object({ invitationId: z.guid('That invitation link is not valid') })
export type InvitationIdInput = z.input<typeof InvitationIdInput>
