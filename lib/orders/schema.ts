import { z } from 'zod'
import { Constants } from '@/types/database'

const Wood = z.enum(Constants.public.Enums.wood_type, { message: 'Pick a wood' })
const Priority = z.enum(Constants.public.Enums.batch_priority, { message: 'Pick a priority' })
const Status = z.enum(Constants.public.Enums.order_status)

const optionalText = (max: number, what: string) =>
  z
    .string()
    .trim()
    .max(max, `Keep ${what} under ${max} characters`)
    .optional()
    .transform((v) => v || undefined)

const optionalDate = z
  .union([z.literal(''), z.iso.date('Use a date like 2026-12-24')])
  .optional()
  .transform((v) => v || undefined)

/** "1 499.00", "1499" or empty (the model's price). */
const optionalPrice = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v ? v.replace(/[\s,]/g, '') : undefined))
  .pipe(
    z
      .string()
      .regex(/^\d{1,8}(\.\d{1,2})?$/, 'Enter an amount like 499 or 499.50')
      .transform(Number)
      .optional(),
  )

/**
 * Customizations are typed one per line as "Option: value" ("Engraving: For Mia") and stored as
 * a JSON object; a line without a colon is refused at the field rather than guessed at.
 */
export function parseCustomizations(text: string | undefined): Record<string, string> | string {
  const out: Record<string, string> = {}
  for (const raw of (text ?? '').split('\n')) {
    const line = raw.trim()
    if (!line) continue
    const at = line.indexOf(':')
    if (at <= 0 || !line.slice(at + 1).trim())
      return `Write each option as "Option: value" (line "${line.slice(0, 40)}")`
    const key = line.slice(0, at).trim()
    if (key.length > 60) return 'Keep option names under 60 characters'
    out[key] = line
      .slice(at + 1)
      .trim()
      .slice(0, 500)
  }
  return Object.keys(out).length > 30 ? 'At most 30 options' : out
}

export function formatCustomizations(value: unknown): string {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return ''
  return Object.entries(value as Record<string, unknown>)
    .map(([k, v]) => `${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join('\n')
}

const customizations = z
  .string()
  .max(8000, 'That is a lot of options: keep it shorter')
  .optional()
  .transform((text, ctx) => {
    const parsed = parseCustomizations(text)
    if (typeof parsed === 'string') {
      ctx.addIssue({ code: 'custom', message: parsed })
      return z.NEVER
    }
    return parsed
  })

/** The fields a manager sets on an order, when creating it and when editing it. */
const orderFields = {
  modelId: z.guid('Pick a model'),
  woodType: Wood,
  priority: Priority,
  dueDate: optionalDate,
  price: optionalPrice,
  notes: optionalText(4000, 'notes'),
  internalNotes: optionalText(4000, 'internal notes'),
  customizations,
}

export const CreateOrderInput = z.object({
  orgId: z.guid(),
  ...orderFields,
  customerName: z.string().trim().min(1, 'Enter the customer’s name').max(200, 'Keep the name under 200 characters'),
  customerEmail: z.string().trim().toLowerCase().pipe(z.email('That is not an email address')),
  customerPhone: optionalText(40, 'the phone number'),
  clientId: z.guid().optional(),
})
export type CreateOrderInput = z.input<typeof CreateOrderInput>

export const UpdateOrderInput = z.object({ orderId: z.guid(), ...orderFields, clientId: z.guid().optional() })
export type UpdateOrderInput = z.input<typeof UpdateOrderInput>

export const ChangeStatusInput = z.object({
  orderId: z.guid(),
  status: Status,
  reason: optionalText(1000, 'the reason'),
  clientId: z.guid().optional(),
})

export const CancelOrderInput = z.object({
  orderId: z.guid(),
  reason: z.string().trim().min(3, 'Say why, in a few words').max(1000, 'Keep it under 1000 characters'),
  clientId: z.guid().optional(),
})
export type CancelOrderInput = z.input<typeof CancelOrderInput>

export const IssueTokenInput = z.object({
  orderId: z.guid(),
  label: optionalText(80, 'the label'),
})
export type IssueTokenInput = z.input<typeof IssueTokenInput>

export const RevokeTokenInput = z.object({ tokenId: z.guid() })

/** Database field names (`details` of 22023 / 23514 / PT409) → form fields. */
export const ORDER_FIELDS: Record<string, string> = {
  model_id: 'modelId',
  wood_type: 'woodType',
  in_production: 'modelId',
  customer: 'customerName',
  'customer.name': 'customerName',
  'customer.email': 'customerEmail',
  customizations: 'customizations',
  notes: 'notes',
  internal_notes: 'internalNotes',
  price: 'price',
  due_date: 'dueDate',
  priority: 'priority',
  reason: 'reason',
  label: 'label',
}
