import 'server-only'
import { cache } from 'react'
import { parseRpc } from '@/lib/rpc'
import { createClient } from '@/lib/supabase/server'
import type { TypeDefinitionRow } from './form-values'
import { Fsm } from './fsm'

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

/** The system types and the organisation's own, read as the person (RLS: members read both). */
export const listTypeDefinitions = cache(async (orgId: string): Promise<TypeDefinition[]> => {
  const supabase = await createClient()
  const { data, error } = await supabase
    .from('type_definitions')
    .select(COLUMNS)
    .or(`org_id.is.null,org_id.eq.${orgId}`)
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
