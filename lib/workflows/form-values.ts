import { type CustomField, type CustomFields, fieldsToJsonSchema, type JsonSchema, jsonSchemaToFields } from './fields'
import { ANY_STATE, type Fsm, type StateMeta, type Subject, type Transition } from './fsm'
import { choicesOf, type FieldRow, optionalNumberOf, type StateRow, type WorkflowFormValues } from './schema'

// The editor's values ↔ what save_type_definition takes. The form refers to states by row id
// (`uid`), so a rename carries its transitions along; here the ids become the state keys again.

export interface TypeDefinitionRow {
  id: string
  org_id: string | null
  subject: Subject
  type_code: string
  type_name: string
  version: number
  fsm_schema: Fsm
  custom_fields_schema: unknown
}

export interface WorkflowWire {
  fsm: Fsm
  customFieldsSchema: JsonSchema | null
  /** Removed or renamed state → where its live items go (p_state_moves). */
  stateMoves: Record<string, string>
}

const keyMap = (states: readonly StateRow[]) => new Map(states.map((s) => [s.uid, s.key.trim()]))

/** A field row (all text, as the inputs hold it) → the typed field. */
export function fieldOfRow(r: FieldRow): CustomField {
  const base = { key: r.key.trim(), label: r.label.trim(), required: r.required }
  const n = optionalNumberOf
  switch (r.kind) {
    case 'text':
      return {
        ...base,
        kind: 'text',
        ...(n(r.minLength) !== undefined ? { minLength: n(r.minLength) } : {}),
        ...(n(r.maxLength) !== undefined ? { maxLength: n(r.maxLength) } : {}),
        ...(r.pattern ? { pattern: r.pattern } : {}),
      }
    case 'number':
    case 'integer':
      return {
        ...base,
        kind: r.kind,
        ...(n(r.min) !== undefined ? { min: n(r.min) } : {}),
        ...(n(r.max) !== undefined ? { max: n(r.max) } : {}),
      }
    case 'choice':
      return { ...base, kind: 'choice', options: choicesOf(r.options) }
    default:
      return { ...base, kind: r.kind }
  }
}

export const blankFieldRow = (): FieldRow => ({
  key: '',
  label: '',
  kind: 'text',
  required: false,
  minLength: '',
  maxLength: '',
  pattern: '',
  min: '',
  max: '',
  options: '',
})

/** A typed field → the row the editor shows. */
export function rowOfField(f: CustomField): FieldRow {
  const s = (v: number | undefined) => (v === undefined ? '' : String(v))
  return {
    ...blankFieldRow(),
    key: f.key,
    label: f.label,
    kind: f.kind,
    required: f.required,
    ...(f.kind === 'text' ? { minLength: s(f.minLength), maxLength: s(f.maxLength), pattern: f.pattern ?? '' } : {}),
    ...(f.kind === 'number' || f.kind === 'integer' ? { min: s(f.min), max: s(f.max) } : {}),
    ...(f.kind === 'choice' ? { options: f.options.join('\n') } : {}),
  }
}

export const fieldsOfRows = (rows: readonly FieldRow[], closed: boolean): CustomFields => ({
  fields: rows.map(fieldOfRow),
  closed,
})

/** The custom fields schema the form describes: built from the list, or the raw JSON (null: not JSON). */
export function customFieldsSchemaOf(v: Pick<WorkflowFormValues, 'fieldsMode' | 'fields' | 'closed' | 'rawSchema'>) {
  if (v.fieldsMode === 'list') return fieldsToJsonSchema(fieldsOfRows(v.fields, v.closed))
  try {
    const parsed: unknown = JSON.parse(v.rawSchema)
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as JsonSchema) : null
  } catch {
    return null
  }
}

/** The machine the form describes, in the stored shape (javascript-state-machine's plus our keys). */
export function fsmOf(v: Pick<WorkflowFormValues, 'states' | 'initUid' | 'transitions' | 'subject'>): Fsm {
  const key = keyMap(v.states)
  const k = (uid: string) => key.get(uid) ?? ''
  const transitions: Transition[] = v.transitions.map((t) => {
    // a ticked state that was removed since is no longer a choice, and no longer a source
    const many = t.fromMany.filter((uid) => key.has(uid)).map(k)
    const from = t.fromMode === 'any' ? ANY_STATE : t.fromMode === 'one' ? k(t.fromOne) : many
    const requires = {
      ...(t.needsReason ? { reason: true as const } : {}),
      ...(t.minRole ? { min_role: t.minRole } : {}),
    }
    return { name: t.name.trim(), from, to: k(t.to), ...(Object.keys(requires).length ? { requires } : {}) }
  })
  const meta: Record<string, StateMeta> = {}
  for (const s of v.states) {
    const m: StateMeta = {
      ...(s.label.trim() ? { label: s.label.trim() } : {}),
      ...(s.publicLabel.trim() ? { public_label: s.publicLabel.trim() } : {}),
      ...(v.subject === 'batch' && s.orderStatus ? { order_status: s.orderStatus } : {}),
      ...(v.subject === 'batch' && s.qcGate ? { requires_quality_pass: true } : {}),
    }
    if (Object.keys(m).length) meta[s.key.trim()] = m
  }
  return {
    init: k(v.initUid),
    states: v.states.map((s) => s.key.trim()),
    terminal: v.states.filter((s) => s.terminal).map((s) => s.key.trim()),
    transitions,
    ...(Object.keys(meta).length ? { meta } : {}),
  }
}

/** Renamed states move their live items along; the rest are the moves the person picked. */
export function stateMovesOf(v: Pick<WorkflowFormValues, 'states' | 'stateMoves'>): Record<string, string> {
  const moves: Record<string, string> = {}
  for (const s of v.states) if (s.originalKey && s.originalKey !== s.key.trim()) moves[s.originalKey] = s.key.trim()
  return { ...moves, ...v.stateMoves }
}

export function toWire(v: WorkflowFormValues): WorkflowWire {
  return { fsm: fsmOf(v), customFieldsSchema: customFieldsSchemaOf(v), stateMoves: stateMovesOf(v) }
}

let counter = 0
/** A row id for a state added in the editor (never sent: the wire uses keys). */
export const newStateUid = () => `new-${Date.now().toString(36)}-${(counter++).toString(36)}`

export const blankStateRow = (key = ''): StateRow => ({
  uid: newStateUid(),
  key,
  originalKey: '',
  terminal: false,
  label: '',
  publicLabel: '',
  orderStatus: '',
  qcGate: false,
})

/** A stored type as the editor edits it; `fieldsNote` says why its fields open as raw JSON, if they do. */
export function typeFormValues(
  orgId: string,
  t: TypeDefinitionRow,
): { values: WorkflowFormValues; fieldsNote: string | null } {
  const fsm = t.fsm_schema
  const states: StateRow[] = fsm.states.map((key, i) => {
    const m = fsm.meta?.[key] ?? {}
    const status = m.order_status ?? ''
    return {
      uid: `s${i}`,
      key,
      originalKey: key,
      terminal: fsm.terminal.includes(key),
      label: m.label ?? '',
      publicLabel: m.public_label ?? '',
      orderStatus: status as StateRow['orderStatus'],
      qcGate: m.requires_quality_pass === true,
    }
  })
  const uid = new Map(states.map((s) => [s.key, s.uid]))
  const u = (key: string) => uid.get(key) ?? ''
  const fields = jsonSchemaToFields(t.custom_fields_schema)
  return {
    values: {
      orgId,
      id: t.id,
      subject: t.subject === 'ticket' ? 'ticket' : 'batch',
      typeCode: t.type_code,
      typeName: t.type_name,
      expectedVersion: t.version,
      states,
      initUid: u(fsm.init),
      transitions: fsm.transitions.map((tr) => {
        const from = tr.from
        const mode = from === ANY_STATE ? 'any' : Array.isArray(from) ? (from.length === 1 ? 'one' : 'several') : 'one'
        const list = Array.isArray(from) ? from : from === ANY_STATE ? [] : [from]
        return {
          name: tr.name,
          fromMode: mode,
          fromOne: mode === 'one' ? u(list[0] ?? '') : '',
          fromMany: mode === 'several' ? list.map(u) : [],
          to: u(tr.to),
          needsReason: tr.requires?.reason === true,
          minRole: tr.requires?.min_role ?? '',
        }
      }),
      fieldsMode: fields.ok ? 'list' : 'raw',
      fields: fields.ok ? fields.value.fields.map(rowOfField) : [],
      closed: fields.ok ? fields.value.closed : false,
      rawSchema: JSON.stringify(t.custom_fields_schema ?? { type: 'object', properties: {} }, null, 2),
      stateMoves: {},
    },
    fieldsNote: fields.ok ? null : fields.reason,
  }
}
