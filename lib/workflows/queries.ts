import 'server-only'
import { cache } from 'react'
import { parseRpc } from '@/lib/rpc'
import { createClient } from '@/lib/supabase/server'
import type { TypeDefinitionRow } from './form-values'
import { EDITABLE_SUBJECTS, Fsm } from './fsm'

export interface TypeDefinition extends TypeDefinitionRow {
  archived_at: string | null
  copied_from_id: string | null
  updated_at: string
  is_system_defined: boolean
}

const COLUMNS =
  'id, org_id, subject, type_code, type_name, version, fsm_schema, custom_fields_schema, is_system_defined, archived_at, copied_from_id, updated_at'

function typed(row: Omit<TypeDefinition, 'fsm_schema'> & { fsm_schema: unknown }): TypeDefinition {
  return { ...row, fsm_schema: parseRpc(Fsm, row.fsm_schema, `type_definitions.fsm_schema of ${row.type_code}`) }
}

/**
 * The system types and the organisation's own, read as the person (RLS: members read both), for the
 * subjects this editor edits (the garment-bundle type is the cutting screens' and is not edited here yet).
 */
export const listTypeDefinitions = cache(async (orgId: string): Promise<TypeDefinition[]> => {
  const supabase = await createClient()
  const { data, error } = await supabase
    .from('type_definitions')
    .select(COLUMNS)
    .or(`org_id.is.null,org_id.eq.${orgId}`)
    .in('subject', EDITABLE_SUBJECTS)
    .order('subject')
    .order('type_name')
  if (error) throw new Error(`type_definitions: ${error.message}`)
  return data.map(typed)
})

/** One type the organisation can see (a system type or its own), or null. */
export const getTypeDefinition = cache(async (orgId: string, id: string): Promise<TypeDefinition | null> => {
  const supabase = await createClient()
  const { data, error } = await supabase
    .from('type_definitions')
    .select(COLUMNS)
    .eq('id', id)
    .or(`org_id.is.null,org_id.eq.${orgId}`)
    .maybeSingle()
  if (error) throw new Error(`type_definitions: ${error.message}`)
  return data ? typed(data) : null
})

/** Live items per type and state (not in a terminal state), so the screens say what a change would touch. */
export const typeUsage = cache(async (orgId: string): Promise<Map<string, Record<string, number>>> => {
  const supabase = await createClient()
  const { data, error } = await supabase.rpc('type_definition_usage', { p_org_id: orgId })
  if (error) throw new Error(`type_definition_usage: ${error.message}`)
  const out = new Map<string, Record<string, number>>()
  for (const row of data ?? []) {
    const states = out.get(row.type_definition_id) ?? {}
    states[row.state] = Number(row.live_count)
    out.set(row.type_definition_id, states)
  }
  return out
})

export const liveTotal = (states: Record<string, number> | undefined) =>
  Object.values(states ?? {}).reduce((n, c) => n + c, 0)
