import { z } from 'zod'

// The cutting room's inputs (issue 14, docs/garment.md). These shapes only say what a form sends;
// every rule (plies within the lay, wastage within the fabric, who may start a run for whom, one open
// run per lay, the status moves) is the database's, which answers with the field it is about.

/** A fresh id per attempt, reused by its retries: the RPCs answer a retry with the first answer. */
const ClientId = z.guid().optional()

const kg = (what: string) =>
  z
    .union([z.literal(''), z.coerce.number({ message: `${what} is a number of kg` })])
    .optional()
    .transform((v) => (v === '' || v === undefined ? undefined : v))

export const StartRunInput = z.object({
  layId: z.guid('Pick a lay'),
  cutterId: z
    .union([z.literal(''), z.guid('Pick a cutter')])
    .optional()
    .transform((v) => v || undefined),
  machine: z
    .string()
    .trim()
    .max(60, 'Keep the machine name under 60 characters')
    .optional()
    .transform((v) => v || undefined),
  clientId: ClientId,
})
export type StartRunInput = z.input<typeof StartRunInput>

export const SetRunStatusInput = z.object({
  runId: z.guid(),
  status: z.enum(['PAUSED', 'IN_PROGRESS']),
  clientId: ClientId,
})
export type SetRunStatusInput = z.input<typeof SetRunStatusInput>

export const CompleteRunInput = z.object({
  runId: z.guid(),
  pliesCut: z.coerce
    .number({ message: 'How many plies were cut?' })
    .int('Plies are a whole number')
    .min(1, 'At least 1 ply'),
  defectiveUnits: z.coerce
    .number({ message: 'Defective units are a number' })
    .int('Defective units are a whole number')
    .min(0, 'Defective units cannot be negative')
    .default(0),
  fabricUsedKg: kg('Fabric used'),
  wastageKg: kg('Wastage'),
  notes: z
    .string()
    .trim()
    .max(2000, 'Keep notes under 2000 characters')
    .optional()
    .transform((v) => v || undefined),
  clientId: ClientId,
})
export type CompleteRunInput = z.input<typeof CompleteRunInput>

export const CutLayInput = z.object({ layId: z.guid(), clientId: ClientId })
export type CutLayInput = z.input<typeof CutLayInput>

/** "S:1, M:2, L:2, XL:1" → {S: 1, M: 2, …}; the database checks sizes and counts (size_ratio). */
export function parseSizeRatio(text: string): Record<string, number> | null {
  const out: Record<string, number> = {}
  for (const part of text.split(/[,;\n]+/)) {
    const p = part.trim()
    if (!p) continue
    const m = /^(.+?)\s*[:=x×]\s*(\d+)$/i.exec(p)
    if (!m?.[1] || !m[2]) return null
    out[m[1].trim()] = Number(m[2])
  }
  return Object.keys(out).length ? out : null
}

export const NewLayInput = z.object({
  cutOrderId: z.guid('Pick a cut order'),
  fabric: z.string().trim().min(1, 'Name the fabric').max(100, 'Keep it under 100 characters'),
  colour: z.string().trim().min(1, 'Name the colour').max(40, 'Keep it under 40 characters'),
  shade: z.string().trim().min(1, 'Give the shade (A, B, …)').max(16, 'Keep it under 16 characters'),
  markerLengthM: z.coerce.number({ message: 'Marker length is a number of metres' }).positive('More than 0 m'),
  plies: z.coerce.number({ message: 'Plies are a number' }).int('Plies are a whole number').min(1, 'At least 1 ply'),
  sizeRatio: z
    .string()
    .trim()
    .min(1, 'Give the sizes and pieces per ply, e.g. S:1, M:2, L:2, XL:1')
    .refine((v) => parseSizeRatio(v) !== null, 'Write sizes and pieces per ply like S:1, M:2, L:2, XL:1'),
  bundleSize: z.coerce
    .number({ message: 'Bundle size is a number' })
    .int('Bundle size is a whole number')
    .min(1, 'At least 1 piece')
    .max(1000, 'At most 1000 pieces'),
})
export type NewLayInput = z.input<typeof NewLayInput>

/** Database field names (the error's `field`) → form fields. */
export const CUTTING_FIELDS: Record<string, string> = {
  lay_id: 'layId',
  cutter_id: 'cutterId',
  plies_cut: 'pliesCut',
  defective_units: 'defectiveUnits',
  fabric_used_kg: 'fabricUsedKg',
  wastage_kg: 'wastageKg',
  size_ratio: 'sizeRatio',
  plies: 'plies',
  cut_order_id: 'cutOrderId',
  fabric: 'fabric',
  colour: 'colour',
  shade: 'shade',
  marker_length_m: 'markerLengthM',
  bundle_size: 'bundleSize',
}
