import { z } from 'zod'
import { Constants } from '@/types/database'

const Name = z.string().trim().min(1, 'Enter a name').max(80, 'Keep the name to 80 characters')
const Description = z
  .string()
  .trim()
  .max(500, 'Keep the description to 500 characters')
  .optional()
  .transform((v) => v || null)

export const LOCATION_KINDS = Constants.public.Enums.location_kind
export const LocationKind = z.enum(LOCATION_KINDS, { message: 'Pick a kind' })

export const KIND_LABEL: Record<(typeof LOCATION_KINDS)[number], string> = {
  area: 'Floor area',
  workstation: 'Workstation',
  storage: 'Storage',
  shipping: 'Shipping',
  office: 'Office',
}

/** What the location and team forms hold; the actions' schemas add the ids to these same fields. */
export const LocationFields = z.object({ name: Name, kind: LocationKind, description: Description })
export const TeamFields = z.object({ name: Name, description: Description })

export const CreateLocationInput = LocationFields.extend({ orgId: z.guid() })
export const UpdateLocationInput = LocationFields.extend({ id: z.guid() })
export const CreateTeamInput = TeamFields.extend({ orgId: z.guid() })
export const UpdateTeamInput = TeamFields.extend({ id: z.guid() })

export const SetActiveInput = z.object({ id: z.guid(), isActive: z.boolean() })
