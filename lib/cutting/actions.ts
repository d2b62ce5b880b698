'use server'
import { revalidatePath } from 'next/cache'
import { z } from 'zod'
import { action, dbFail } from '@/lib/actions'
import { ok } from '@/lib/result'
import { jsonObject, parseRpc } from '@/lib/rpc'
import {
  CompleteRunInput,
  CUTTING_FIELDS,
  CutLayInput,
  NewLayInput,
  parseSizeRatio,
  SetRunStatusInput,
  StartRunInput,
} from './schema'
import type { BundleJson, CuttingRunJson } from './types'

// Every write is one RPC (or one row) as the signed-in person or the PINed-in operator: the database
// holds the rules and answers a refusal with its code and field (docs/errors.md), passed on by dbFail.

const RunAnswer = z.object({ run: jsonObject<CuttingRunJson>() })
const CompleteAnswer = z.object({ run: jsonObject<CuttingRunJson>(), bundles: z.array(jsonObject<BundleJson>()) })
const BundlesAnswer = z.object({ bundles: z.array(jsonObject<BundleJson>()) })

function refresh() {
  revalidatePath('/[org]/cutting', 'page')
}

export const startCuttingRun = action(StartRunInput, async (input, { supabase }) => {
  const { data, error } = await supabase.rpc('start_cutting_run', {
    p_lay_id: input.layId,
    p_cutter_id: input.cutterId,
    p_machine: input.machine,
    p_client_id: input.clientId,
  })
  if (error) return dbFail(error, CUTTING_FIELDS)
  refresh()
  return ok(parseRpc(RunAnswer, data, 'start_cutting_run').run)
})

export const setCuttingRunStatus = action(SetRunStatusInput, async (input, { supabase }) => {
  const { data, error } = await supabase.rpc('set_cutting_run_status', {
    p_run_id: input.runId,
    p_status: input.status,
    p_client_id: input.clientId,
  })
  if (error) return dbFail(error, CUTTING_FIELDS)
  refresh()
  return ok(parseRpc(RunAnswer, data, 'set_cutting_run_status').run)
})

export const completeCuttingRun = action(CompleteRunInput, async (input, { supabase }) => {
  const { data, error } = await supabase.rpc('complete_cutting_run', {
    p_run_id: input.runId,
    p_plies_cut: input.pliesCut,
    p_defective_units: input.defectiveUnits,
    p_fabric_used_kg: input.fabricUsedKg,
    p_wastage_kg: input.wastageKg,
    p_notes: input.notes,
    p_make_bundles: true,
    p_client_id: input.clientId,
  })
  if (error) return dbFail(error, CUTTING_FIELDS)
  refresh()
  return ok(parseRpc(CompleteAnswer, data, 'complete_cutting_run'))
})

export const cutLayIntoBundles = action(CutLayInput, async (input, { supabase }) => {
  const { data, error } = await supabase.rpc('cut_lay_into_bundles', {
    p_lay_id: input.layId,
    p_client_id: input.clientId,
  })
  if (error) return dbFail(error, CUTTING_FIELDS)
  refresh()
  return ok(parseRpc(BundlesAnswer, data, 'cut_lay_into_bundles').bundles)
})

/** Plans a lay (supervisors+); the database numbers it, takes the cut order's style and checks the ratio. */
export const createLay = action(NewLayInput, async (input, { supabase }) => {
  const { data, error } = await supabase.rpc('plan_lay', {
    p_cut_order_id: input.cutOrderId,
    p_fabric: input.fabric,
    p_colour: input.colour,
    p_shade: input.shade,
    p_marker_length_m: input.markerLengthM,
    p_plies: input.plies,
    p_size_ratio: parseSizeRatio(input.sizeRatio) ?? {},
    p_bundle_size: input.bundleSize,
  })
  if (error) return dbFail(error, CUTTING_FIELDS)
  refresh()
  return ok(parseRpc(jsonObject<{ id: string; lay_number: number; planned_units: number }>(), data, 'plan_lay'))
})
