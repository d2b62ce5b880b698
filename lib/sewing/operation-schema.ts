import { z } from 'zod'
import { Constants } from '@/types/database'

// The operations editor's input (/[org]/sewing/operations). This shape only says what the form sends;
// every rule — SMV and rate in hundredths, defect code format, unique names, dependencies known, of
// the same product type and without a cycle — is the database's (save_sewing_operation and the
// sewing_operations trigger), which answers with the field it is about.

export const MACHINE_TYPES = Constants.public.Enums.sewing_machine_type
export const SKILL_LEVELS = Constants.public.Enums.sewing_skill_level

const number = (message: string) =>
  z.union([z.number(), z.string().trim().min(1, message)]).pipe(z.coerce.number({ message }))

export const DefectCodeInput = z.object({
  code: z.string().trim().toUpperCase(),
  label: z.string().trim(),
})

export const OperationInput = z.object({
  orgId: z.guid(),
  operationId: z
    .union([z.literal(''), z.guid()])
    .optional()
    .transform((v) => v || undefined),
  productTypeId: z.guid('Pick a product type'),
  name: z.string().trim().min(1, 'Name the operation').max(100, 'Keep the name under 100 characters'),
  sequenceNumber: number('The sequence number is a whole number').pipe(
    z.number().int('The sequence number is a whole number'),
  ),
  standardMinutes: number('Standard minutes are a number, e.g. 0.45'),
  pieceRate: number('The piece rate is an amount, e.g. 1.25'),
  machineType: z
    .union([z.literal(''), z.enum(MACHINE_TYPES)])
    .optional()
    .transform((v) => v || undefined),
  skillLevel: z.enum(SKILL_LEVELS),
  dependsOn: z.array(z.guid()).max(50, 'At most 50 dependencies'),
  hasQcCheckpoint: z.boolean(),
  defectCodes: z.array(DefectCodeInput).max(30, 'At most 30 defect codes'),
  description: z
    .string()
    .trim()
    .max(2000, 'Keep the description under 2000 characters')
    .optional()
    .transform((v) => v || undefined),
  isActive: z.boolean(),
})
export type OperationInput = z.input<typeof OperationInput>

/** Database field names (the error's `field`) → form fields. */
export const OPERATION_FIELDS: Record<string, string> = {
  product_type_id: 'productTypeId',
  operation_id: 'name',
  name: 'name',
  sequence_number: 'sequenceNumber',
  standard_minutes: 'standardMinutes',
  piece_rate: 'pieceRate',
  machine_type: 'machineType',
  skill_level: 'skillLevel',
  depends_on: 'dependsOn',
  has_qc_checkpoint: 'hasQcCheckpoint',
  defect_codes: 'defectCodes',
  description: 'description',
  is_active: 'isActive',
}

/** "FEED_OFF_ARM" → "Feed off arm" (the enum's words, for people). */
export const enumWords = (v: string) => v.charAt(0) + v.slice(1).toLowerCase().replace(/_/g, ' ')
