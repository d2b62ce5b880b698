import { z } from 'zod'
import { Constants } from '@/types/database'

// The model form's input, shared by the form (react-hook-form's resolver) and the server actions.
// The database says the same things again (save_model) and is the last word: names and SKU prefixes
// taken, and anything this schema lets through, come back under the field that caused them.

const Wood = z.enum(Constants.public.Enums.wood_type)
const Complexity = z.enum(Constants.public.Enums.model_complexity, { message: 'Pick a complexity' })
/** A state key of the organisation's batch type: save_model checks it against the type definition. */
const Stage = z
  .string({ message: 'Pick a stage of the workflow' })
  .trim()
  .min(1, 'Pick a stage of the workflow')
  .max(32, 'Pick a stage of the workflow')

/** "1 499.00", "1499" → 1499; the form keeps the text. */
const price = z
  .string()
  .trim()
  .transform((v) => v.replace(/[\s,]/g, ''))
  .pipe(
    z
      .string()
      .regex(/^\d{1,8}(\.\d{1,2})?$/, 'Enter an amount like 499 or 499.50')
      .transform(Number),
  )

/** Hours per unit at a stage, typed as text ("1.5"). */
const hours = z
  .string()
  .trim()
  .regex(/^\d{1,2}(\.\d{1,2})?$/, 'Enter hours from 0 to 99.99, e.g. 1.5')
  .transform(Number)

const Check = z.object({
  key: z.string().optional(),
  label: z.string().trim().min(1, 'Write what to check').max(200, 'Keep a check under 200 characters'),
  required: z.boolean(),
})

/**
 * One stage row. Its keys are the wire's (save_model's p_stages), so the database's field paths
 * (stages.1.estimated_hours, stages.0.quality_checklist.2.label) land on the form's inputs as they are.
 */
const StageRow = z.object({
  stage: Stage,
  estimated_hours: hours,
  quality_checklist: z.array(Check).max(30, 'At most 30 checks per stage'),
})

export const SaveModelInput = z.object({
  orgId: z.guid(),
  modelId: z.guid().optional(),
  name: z.string().trim().min(1, 'Enter a name').max(80, 'Keep the name under 80 characters'),
  skuPrefix: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z0-9]{2,12}$/, 'Use 2 to 12 letters or digits, e.g. ATT'),
  complexity: Complexity,
  woods: z.array(Wood).min(1, 'Pick at least one wood'),
  price,
  description: z
    .string()
    .trim()
    .max(2000, 'Keep the description under 2000 characters')
    .optional()
    .transform((v) => v || undefined),
  /** Nominal build hours per unit; empty: the sum of the stage hours. */
  baseHours: z
    .string()
    .trim()
    .optional()
    .transform((v) => v || undefined)
    .pipe(hours.optional()),
  stages: z.array(StageRow),
  clientId: z.guid(),
})

export const SetModelActiveInput = z.object({
  modelId: z.guid(),
  isActive: z.boolean(),
  clientId: z.guid(),
})

/** The database's field names (save_model, set_model_active) → the form's. Stage paths pass through as they are. */
export const MODEL_FIELDS: Record<string, string> = {
  model_id: 'name',
  name: 'name',
  sku_prefix: 'skuPrefix',
  complexity: 'complexity',
  wood_types: 'woods',
  base_price: 'price',
  description: 'description',
  base_production_hours: 'baseHours',
  is_active: 'name',
}
