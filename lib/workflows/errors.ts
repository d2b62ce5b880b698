import type { FieldErrors } from '@/lib/result'
import type { SchemaProblem } from './ajv'
import type { WorkflowFormValues } from './schema'

// Problems found outside the form — Ajv's in the custom fields schema, the database's in the
// machine (FSM_INVALID's problems, each with the path in fsm_schema it is about) — placed under the
// input that holds the thing at fault. What no input holds is listed above the form.

/** save_type_definition's names → the form's (docs/errors.md: the hint's `field`). */
export const TYPE_FIELDS: Record<string, string> = {
  type_code: 'typeCode',
  type_name: 'typeName',
  subject: 'subject',
  custom_fields_schema: 'rawSchema',
}

const push = (out: FieldErrors, name: string, message: string) => {
  out[name] ??= []
  out[name].push(message)
}

/** Form field names for the custom fields editor's keywords. */
const FIELD_INPUT: Record<string, string> = {
  minLength: 'minLength',
  maxLength: 'maxLength',
  pattern: 'pattern',
  minimum: 'min',
  maximum: 'max',
  enum: 'options',
  title: 'label',
}

/** Ajv's problems → field errors: under the listed field's input, or on the raw JSON with its place named. */
export function schemaProblemsToFieldErrors(
  problems: readonly SchemaProblem[],
  v: Pick<WorkflowFormValues, 'fieldsMode' | 'fields'>,
): FieldErrors {
  const out: FieldErrors = {}
  for (const p of problems) {
    if (v.fieldsMode === 'list' && p.pointer[0] === 'properties' && p.pointer[1]) {
      const i = v.fields.findIndex((f) => f.key.trim() === p.pointer[1])
      if (i >= 0) {
        push(out, `fields.${i}.${FIELD_INPUT[p.pointer[2] ?? ''] ?? 'key'}`, p.message)
        continue
      }
    }
    const where = p.pointer.length ? `${p.pointer.join('/')}: ` : ''
    push(out, v.fieldsMode === 'raw' ? 'rawSchema' : 'fields', `${where}${p.message}`)
  }
  return out
}

export interface FsmProblem {
  path: string | null
  message: string
}

/**
 * One path of fsm_schema (`init`, `states.3`, `terminal.0`, `transitions.2.from`, `meta.Intake.label`)
 * → the input that holds it, or null.
 */
export function formPathOfFsmPath(path: string | null, v: WorkflowFormValues): string | null {
  if (!path) return null
  const [head, a, b, c] = path.split('.')
  const i = Number(a)
  if (head === 'init') return 'initUid'
  if (head === 'states' && Number.isInteger(i) && v.states[i]) return `states.${i}.key`
  if (head === 'terminal') {
    const terminal = v.states.filter((s) => s.terminal)
    const row = Number.isInteger(i) ? terminal[i] : undefined
    return row ? `states.${v.states.indexOf(row)}.terminal` : null
  }
  if (head === 'transitions' && Number.isInteger(i) && v.transitions[i]) {
    const t = v.transitions[i]
    if (b === 'from')
      return `transitions.${i}.${t.fromMode === 'one' ? 'fromOne' : t.fromMode === 'several' ? 'fromMany' : 'fromMode'}`
    if (b === 'to') return `transitions.${i}.to`
    if (b === 'requires')
      return `transitions.${i}.${c === 'min_role' ? 'minRole' : c === 'reason' ? 'needsReason' : 'name'}`
    return `transitions.${i}.name`
  }
  if (head === 'meta' && a) {
    const s = v.states.findIndex((x) => x.key.trim() === a)
    if (s < 0) return null
    return `states.${s}.${b === 'order_status' ? 'orderStatus' : b === 'requires_quality_pass' ? 'qcGate' : b === 'public_label' ? 'publicLabel' : 'label'}`
  }
  return null
}

/** FSM_INVALID's context → problems (`[{path, message}]`, or bare sentences). */
export function fsmProblemsOf(details: Record<string, unknown> | undefined): FsmProblem[] {
  const raw = details?.problems
  if (!Array.isArray(raw)) return []
  return raw.flatMap((p): FsmProblem[] => {
    if (typeof p === 'string') return [{ path: null, message: p }]
    if (p && typeof p === 'object' && typeof (p as FsmProblem).message === 'string') {
      const path = (p as FsmProblem).path
      return [{ path: typeof path === 'string' ? path : null, message: (p as FsmProblem).message }]
    }
    return []
  })
}

/** The database's problems with the machine → field errors, and those no input holds. */
export function placeFsmProblems(
  problems: readonly FsmProblem[],
  v: WorkflowFormValues,
): { fieldErrors: FieldErrors; unplaced: string[] } {
  const fieldErrors: FieldErrors = {}
  const unplaced: string[] = []
  for (const p of problems) {
    const name = formPathOfFsmPath(p.path, v)
    if (name) push(fieldErrors, name, p.message)
    else unplaced.push(p.message)
  }
  return { fieldErrors, unplaced }
}

export interface StateInUse {
  state: string
  count: number
}

/** STATE_IN_USE's context → the removed states that still hold live items (`{state, count}` or `{states: {…}}`). */
export function statesInUseOf(details: Record<string, unknown> | undefined): StateInUse[] {
  if (!details) return []
  const out: StateInUse[] = []
  const states = details.states
  if (states && typeof states === 'object' && !Array.isArray(states)) {
    for (const [state, count] of Object.entries(states)) out.push({ state, count: Number(count) || 0 })
  } else if (Array.isArray(states)) {
    for (const s of states) {
      if (s && typeof s === 'object' && typeof (s as StateInUse).state === 'string')
        out.push({ state: (s as StateInUse).state, count: Number((s as StateInUse).count) || 0 })
    }
  }
  if (!out.length && typeof details.state === 'string')
    out.push({ state: details.state, count: Number(details.count) || 0 })
  return out
}
