'use server'
import { revalidatePath } from 'next/cache'
import { action, dbFail } from '@/lib/actions'
import { type DbError, type Fail, failWith, ok } from '@/lib/result'
import { parseRpc } from '@/lib/rpc'
import { checkJsonSchema } from './ajv'
import { DryRunAnswer, TypeDefinitionAnswer } from './answers'
import { fsmProblemsOf, placeFsmProblems, schemaProblemsToFieldErrors, TYPE_FIELDS } from './errors'
import { toWire } from './form-values'
import { ArchiveTypeInput, CopyTypeInput, DryRunInput, type WorkflowFormValues, WorkflowInput } from './schema'

// Type definitions change only through save_type_definition / copy_type_definition /
// set_type_definition_archived as the signed-in person: the database checks the role (managers+),
// refuses system types (TYPE_READ_ONLY), validates the machine (FSM_INVALID, every problem with its
// path) and refuses removing a state that live items sit in (STATE_IN_USE, with the counts). The
// custom fields' JSON Schema is compiled with Ajv here first, the way every validator of custom data
// will read it, so a schema nobody could use is never stored.

const refresh = () => revalidatePath('/[org]/settings/workflows', 'layout')

const problemsMessage = (n: number, first: string) =>
  n === 1 ? first : `The workflow has ${n} problems: each is shown where it is. First: ${first}`

/** A refusal of the save, with the database's problems under the inputs they name. */
function saveFail(error: DbError, input: WorkflowFormValues): Fail {
  const f = dbFail(error, TYPE_FIELDS)
  if (f.code !== 'FSM_INVALID' && f.code !== 'CUSTOM_FIELDS_INVALID') return f
  const problems = fsmProblemsOf(f.details)
  if (!problems.length) return f
  if (f.code === 'CUSTOM_FIELDS_INVALID') {
    const fieldErrors = schemaProblemsToFieldErrors(
      problems.map((p) => ({ pointer: p.path ? p.path.split('.') : [], message: p.message })),
      input,
    )
    return { ...f, message: problemsMessage(problems.length, f.message), fieldErrors }
  }
  const { fieldErrors, unplaced } = placeFsmProblems(problems, input)
  return {
    ...f,
    message: problemsMessage(problems.length, f.message),
    fieldErrors,
    details: { ...f.details, unplaced },
  }
}

export const saveWorkflow = action(WorkflowInput, async (input, { supabase }) => {
  const wire = toWire(input)
  if (!wire.customFieldsSchema)
    return failWith('VALIDATION_FAILED', 'The custom fields schema must be a JSON object', {
      fieldErrors: { rawSchema: ['The custom fields schema must be a JSON object'] },
    })
  const problems = checkJsonSchema(wire.customFieldsSchema)
  if (problems.length) {
    return failWith('VALIDATION_FAILED', problemsMessage(problems.length, problems[0].message), {
      fieldErrors: schemaProblemsToFieldErrors(problems, input),
    })
  }
  const { data, error } = await supabase.rpc('save_type_definition', {
    p_org_id: input.orgId,
    p_id: input.id,
    p_subject: input.subject,
    p_type_code: input.typeCode,
    p_type_name: input.typeName,
    p_fsm_schema: wire.fsm,
    p_custom_fields_schema: wire.customFieldsSchema,
    p_state_moves: wire.stateMoves,
    p_expected_version: input.expectedVersion,
  })
  if (error) return saveFail(error, input)
  const answer = parseRpc(TypeDefinitionAnswer, data, 'save_type_definition')
  refresh()
  return ok(answer.type_definition)
})

export const copyWorkflow = action(CopyTypeInput, async (input, { supabase }) => {
  const { data, error } = await supabase.rpc('copy_type_definition', {
    p_org_id: input.orgId,
    p_source_id: input.sourceId,
    p_type_code: input.typeCode,
    p_type_name: input.typeName,
  })
  if (error) return dbFail(error, { type_code: 'typeCode', type_name: 'typeName' })
  const answer = parseRpc(TypeDefinitionAnswer, data, 'copy_type_definition')
  refresh()
  return ok(answer.type_definition)
})

export const setWorkflowArchived = action(ArchiveTypeInput, async (input, { supabase }) => {
  const { data, error } = await supabase.rpc('set_type_definition_archived', {
    p_id: input.id,
    p_archived: input.archived,
  })
  if (error) return dbFail(error)
  const answer = parseRpc(TypeDefinitionAnswer, data, 'set_type_definition_archived')
  refresh()
  return ok(answer.type_definition)
})

/** "Try it": the database walks the draft machine (nothing is stored) and says what is open at the end. */
export const dryRunWorkflow = action(DryRunInput, async (input, { supabase }) => {
  const { data, error } = await supabase.rpc('fsm_dry_run', { p_fsm: input.fsm, p_steps: input.steps })
  if (error) return dbFail(error)
  return ok(parseRpc(DryRunAnswer, data, 'fsm_dry_run'))
})
