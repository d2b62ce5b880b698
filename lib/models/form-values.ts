import type { z } from 'zod'
import type { Stage } from '@/lib/batches/types'
import type { Model } from './queries'
import type { SaveModelInput } from './schema'

export type ModelFormValues = z.input<typeof SaveModelInput>

// The model form always shows every stage of the workflow (the states of the organisation's batch
// type, in floor order, from workflowStages): a stage the model has no row for starts at 0 hours and
// no checks (saving stores it like that).

/** Empty values for a new model. */
export function blankModel(orgId: string, stages: readonly Stage[]): ModelFormValues {
  return {
    orgId,
    name: '',
    skuPrefix: '',
    complexity: 'medium',
    woods: [],
    price: '',
    description: '',
    baseHours: '',
    stages: stages.map((stage) => ({ stage, estimated_hours: '0', quality_checklist: [] })),
    clientId: '',
  }
}

/** A model as the form edits it (numbers as the text the inputs hold). */
export function modelFormValues(orgId: string, model: Model, stages: readonly Stage[]): ModelFormValues {
  return {
    orgId,
    modelId: model.id,
    name: model.name,
    skuPrefix: model.sku_prefix,
    complexity: model.complexity,
    woods: [...model.wood_types],
    price: String(model.base_price),
    description: model.description ?? '',
    baseHours: String(model.base_production_hours),
    stages: stages.map((stage) => {
      const row = model.stages.find((s) => s.stage === stage)
      return {
        stage,
        estimated_hours: String(row?.estimated_hours ?? 0),
        quality_checklist: (row?.quality_checklist ?? []).map((c) => ({
          key: c.key,
          label: c.label,
          required: c.required ?? false,
        })),
      }
    }),
    clientId: '',
  }
}
