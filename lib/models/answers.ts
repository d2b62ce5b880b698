import { z } from 'zod'

// The jsonb answer of save_model and set_model_active (app.model_json), parsed where it arrives
// (lib/rpc.ts): the fields the form and the list read are checked.
export const ModelJson = z.object({
  id: z.string(),
  org_id: z.string(),
  name: z.string(),
  sku_prefix: z.string(),
  is_active: z.boolean(),
  order_count: z.number(),
})
export type ModelJson = z.output<typeof ModelJson>

export const SaveModelAnswer = z.object({ model: ModelJson, created: z.boolean(), replayed: z.boolean() })
export const ModelAnswer = z.object({ model: ModelJson, replayed: z.boolean() })
