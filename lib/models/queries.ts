import 'server-only'
import { cache } from 'react'
import type { Stage } from '@/lib/batches/types'
import { jsonArray, parseRpc } from '@/lib/rpc'
import { createClient } from '@/lib/supabase/server'
import type { Complexity, Wood } from './labels'

export interface ChecklistItem {
  key?: string
  label: string
  required?: boolean
}

export interface ModelStage {
  stage: Stage
  estimated_hours: number
  quality_checklist: ChecklistItem[]
  display_order: number
}

export interface Model {
  id: string
  name: string
  sku_prefix: string
  complexity: Complexity
  base_production_hours: number
  wood_types: Wood[]
  base_price: number
  description: string | null
  is_active: boolean
  stages: ModelStage[]
}

/** The catalogue, active models first, each with its stages in workflow order. */
export const listModels = cache(async (orgId: string): Promise<Model[]> => {
  const supabase = await createClient()
  const { data, error } = await supabase
    .from('headphone_models')
    .select(
      `id, name, sku_prefix, complexity, base_production_hours, wood_types, base_price, description, is_active,
       model_production_stages(stage, estimated_hours, quality_checklist, display_order)`,
    )
    .eq('org_id', orgId)
    .order('is_active', { ascending: false })
    .order('name')
  if (error) throw new Error(`headphone_models: ${error.message}`)
  return data.map(({ model_production_stages, ...m }) => ({
    ...m,
    stages: [...(model_production_stages ?? [])]
      .map((s) => ({
        ...s,
        quality_checklist:
          parseRpc(jsonArray<ChecklistItem>().nullable(), s.quality_checklist, 'quality_checklist') ?? [],
      }))
      .sort((a, b) => a.display_order - b.display_order),
  }))
})

/** What the order form needs: active models with their woods and list price. */
export async function modelOptions(orgId: string) {
  return (await listModels(orgId))
    .filter((m) => m.is_active)
    .map((m) => ({ id: m.id, name: m.name, woods: m.wood_types, price: m.base_price, hours: m.base_production_hours }))
}
export type ModelOption = Awaited<ReturnType<typeof modelOptions>>[number]
