import { z } from 'zod'
import type { Json } from '@/types/database'
import { FIELD_KINDS } from './fields'
import { EDITABLE_SUBJECTS, ORDER_STATUSES, ROLES } from './fsm'

// The workflow editor's input, shared by the form (react-hook-form's resolver) and the server
// action. It checks what a person types — a state's name, that a transition points at states that
// are still in the list, a field's limits — so mistakes show as they are made. Whether the machine
// itself holds together (reachability, duplicate names per source, terminal states…) is the
// database's word: save_type_definition answers FSM_INVALID with one sentence per problem, and
// lib/workflows/errors.ts puts each under the input it names. States are referred to by a row id
// (`uid`) while editing, so renaming one keeps every transition that uses it.

const text = (max: number, what: string) =>
  z
    .string()
    .trim()
    .max(max, `Keep ${what} under ${max + 1} characters`)

/** An optional whole number typed as text ('' = not set). */
const optionalInt = z
  .string()
  .trim()
  .regex(/^(\d{1,6})?$/, 'Enter a whole number of 0 or more, or leave it empty')
/** An optional number typed as text ('' = not set). */
const optionalNumber = z
  .string()
  .trim()
  .regex(/^(-?\d{1,12}(\.\d{1,6})?)?$/, 'Enter a number like 5 or -2.5, or leave it empty')

export const StateRow = z.object({
  uid: z.string().min(1),
  key: z.string().trim().min(1, 'Name the state').max(32, 'Keep a state’s name to 32 characters'),
  /** The state's key when the type was loaded ('' for a state added here): a rename moves its live items. */
  originalKey: z.string(),
  terminal: z.boolean(),
  label: text(100, 'the label'),
  publicLabel: text(100, 'the public label'),
  orderStatus: z.union([z.literal(''), z.enum(ORDER_STATUSES)]),
  qcGate: z.boolean(),
})
export type StateRow = z.input<typeof StateRow>

export const FROM_MODES = ['one', 'several', 'any'] as const
export const TransitionRow = z.object({
  name: z.string().trim().min(1, 'Name the transition').max(64, 'Keep the name to 64 characters'),
  fromMode: z.enum(FROM_MODES),
  fromOne: z.string(),
  fromMany: z.array(z.string()),
  to: z.string().min(1, 'Pick the state it goes to'),
  needsReason: z.boolean(),
  minRole: z.union([z.literal(''), z.enum(ROLES)]),
})
export type TransitionRow = z.input<typeof TransitionRow>

export const FieldRow = z.object({
  key: z
    .string()
    .trim()
    .regex(/^[a-z][a-z0-9_]{0,39}$/, 'Use lowercase letters, digits and _, starting with a letter (e.g. serial_no)'),
  label: text(100, 'the label'),
  kind: z.enum(FIELD_KINDS),
  required: z.boolean(),
  minLength: optionalInt,
  maxLength: optionalInt,
  pattern: z.string().max(500, 'Keep the pattern under 500 characters'),
  min: optionalNumber,
  max: optionalNumber,
  /** Choices, one per line. */
  options: z.string().max(4000, 'Too many choices'),
})
export type FieldRow = z.input<typeof FieldRow>

const num = (v: string) => (v.trim() === '' ? undefined : Number(v))
export const choicesOf = (options: string) =>
  options
    .split('\n')
    .map((o) => o.trim())
    .filter(Boolean)

export const WorkflowInput = z
  .object({
    orgId: z.guid(),
    /** The type being edited (new types start as a copy: copyWorkflow). */
    id: z.guid(),
    subject: z.enum(EDITABLE_SUBJECTS, { message: 'Pick what this workflow is for' }),
    typeCode: z
      .string()
      .trim()
      .regex(/^[a-z0-9_-]{2,32}$/, 'Use 2 to 32 lowercase letters, digits, - or _ (e.g. repair-plus)'),
    typeName: z.string().trim().min(1, 'Name the workflow').max(100, 'Keep the name to 100 characters'),
    /** The version the form was loaded at: a save over someone else's is refused (TYPE_VERSION_CONFLICT). */
    expectedVersion: z.number().int().optional(),
    states: z.array(StateRow).min(1, 'Add at least one state').max(64, 'At most 64 states'),
    initUid: z.string().min(1, 'Pick the state new items start in'),
    transitions: z.array(TransitionRow).max(200, 'At most 200 transitions'),
    fieldsMode: z.enum(['list', 'raw']),
    fields: z.array(FieldRow).max(50, 'At most 50 fields'),
    /** Keys not listed are refused. */
    closed: z.boolean(),
    /** The JSON Schema as text, for experts (fieldsMode 'raw'). */
    rawSchema: z.string().max(100_000, 'The schema is too long'),
    /** Removed state → the state its live items move to (asked when the database answers STATE_IN_USE). */
    stateMoves: z.record(z.string(), z.string()),
  })
  .superRefine((v, ctx) => {
    const uids = new Set(v.states.map((s) => s.uid))
    const seen = new Map<string, number>()
    v.states.forEach((s, i) => {
      const key = s.key.trim()
      if (seen.has(key))
        ctx.addIssue({ code: 'custom', path: ['states', i, 'key'], message: 'Another state has this name' })
      seen.set(key, i)
    })
    if (v.initUid && !uids.has(v.initUid))
      ctx.addIssue({ code: 'custom', path: ['initUid'], message: 'Pick the state new items start in' })
    v.transitions.forEach((t, i) => {
      if (t.to && !uids.has(t.to))
        ctx.addIssue({
          code: 'custom',
          path: ['transitions', i, 'to'],
          message: 'That state was removed: pick another',
        })
      if (t.fromMode === 'one' && !uids.has(t.fromOne))
        ctx.addIssue({ code: 'custom', path: ['transitions', i, 'fromOne'], message: 'Pick the state it leaves' })
      if (t.fromMode === 'several' && t.fromMany.filter((u) => uids.has(u)).length < 2)
        ctx.addIssue({ code: 'custom', path: ['transitions', i, 'fromMany'], message: 'Tick two or more states' })
    })
    if (v.fieldsMode === 'raw') {
      try {
        JSON.parse(v.rawSchema)
      } catch (error) {
        ctx.addIssue({
          code: 'custom',
          path: ['rawSchema'],
          message: `Not valid JSON: ${error instanceof Error ? error.message : 'cannot be read'}`,
        })
      }
      return
    }
    const keys = new Set<string>()
    v.fields.forEach((f, i) => {
      const at = (name: string, message: string) => ctx.addIssue({ code: 'custom', path: ['fields', i, name], message })
      if (keys.has(f.key.trim())) at('key', 'Another field has this key')
      keys.add(f.key.trim())
      const [lo, hi] = f.kind === 'text' ? [num(f.minLength), num(f.maxLength)] : [num(f.min), num(f.max)]
      if (lo !== undefined && hi !== undefined && lo > hi)
        at(f.kind === 'text' ? 'maxLength' : 'max', 'Must not be less than the minimum')
      if (f.kind === 'integer' && [f.min, f.max].some((x) => x.trim() && !Number.isInteger(Number(x))))
        at('min', 'A whole-number field takes whole-number limits')
      if (f.kind === 'choice' && choicesOf(f.options).length === 0) at('options', 'Write at least one choice')
      if (f.kind === 'choice' && new Set(choicesOf(f.options)).size !== choicesOf(f.options).length)
        at('options', 'A choice is listed twice')
    })
  })
export type WorkflowFormValues = z.input<typeof WorkflowInput>

export const CopyTypeInput = z.object({
  orgId: z.guid(),
  sourceId: z.guid(),
  typeCode: WorkflowInput.shape.typeCode,
  typeName: WorkflowInput.shape.typeName,
})

export const ArchiveTypeInput = z.object({ id: z.guid(), archived: z.boolean() })

export const DryRunInput = z.object({
  /** The machine on screen, as it is (a draft: the database says what is wrong with it). */
  fsm: z.custom<Json>((v) => typeof v === 'object' && v !== null && !Array.isArray(v), 'The machine must be an object'),
  steps: z.array(z.string().max(64)).max(100, 'A walk of at most 100 steps'),
})

export { num as optionalNumberOf }
