/**
 * The workflow editor's values ↔ the stored machine (lib/workflows/form-values.ts), the form's own
 * checks (lib/workflows/schema.ts), and the database's FSM_INVALID problems placed under the inputs
 * their paths name (lib/workflows/errors.ts). Whether a machine is valid is the database's word
 * (pgTAP, tests/integration/workflows.test.ts); nothing here decides it.
 */
import { describe, expect, it } from 'vitest'
import { formPathOfFsmPath, fsmProblemsOf, placeFsmProblems, statesInUseOf } from '../../lib/workflows/errors'
import { blankStateRow, fsmOf, stateMovesOf, toWire, typeFormValues } from '../../lib/workflows/form-values'
import type { Fsm } from '../../lib/workflows/fsm'
import { WorkflowInput } from '../../lib/workflows/schema'

const ORG = '20000000-0000-4000-8000-000000000001'
const REPAIR: Fsm = {
  init: 'received',
  states: ['received', 'diagnosing', 'repairing', 'ready', 'picked_up', 'cancelled'],
  terminal: ['picked_up', 'cancelled'],
  transitions: [
    { name: 'diagnose', from: 'received', to: 'diagnosing' },
    { name: 'repair', from: ['diagnosing', 'received'], to: 'repairing' },
    { name: 'finish', from: 'repairing', to: 'ready', requires: { min_role: 'supervisor' } },
    { name: 'hand_over', from: 'ready', to: 'picked_up' },
    { name: 'cancel', from: '*', to: 'cancelled', requires: { reason: true } },
  ],
  meta: { ready: { label: 'Ready', public_label: 'Ready for pickup' } },
}
const row = {
  id: '90000000-0000-4000-8000-000000000001',
  org_id: ORG,
  subject: 'ticket' as const,
  type_code: 'repair',
  type_name: 'Repair',
  version: 3,
  fsm_schema: REPAIR,
  custom_fields_schema: {
    type: 'object',
    properties: { serial: { type: 'string', title: 'Serial' } },
    required: ['serial'],
  },
}

describe('form values ↔ the stored machine', () => {
  it('reads a stored type and writes back the same machine', () => {
    const { values, fieldsNote } = typeFormValues(ORG, row)
    expect(fieldsNote).toBeNull()
    expect(values.transitions.map((t) => t.fromMode)).toEqual(['one', 'several', 'one', 'one', 'any'])
    expect(fsmOf(values)).toEqual(REPAIR)
    expect(WorkflowInput.safeParse(values).success).toBe(true)
    expect(toWire(values).stateMoves).toEqual({})
  })

  it('a renamed state keeps its transitions and moves its live items along', () => {
    const { values } = typeFormValues(ORG, row)
    values.states[3].key = 'ready_for_pickup'
    const fsm = fsmOf(values)
    expect(fsm.transitions[2].to).toBe('ready_for_pickup')
    expect(fsm.transitions[3].from).toBe('ready_for_pickup')
    expect(fsm.meta).toEqual({ ready_for_pickup: { label: 'Ready', public_label: 'Ready for pickup' } })
    expect(stateMovesOf(values)).toEqual({ ready: 'ready_for_pickup' })
  })

  it('batch meta (order status, QC gate) is written for batch types only', () => {
    const { values } = typeFormValues(ORG, row)
    values.states[2] = { ...values.states[2], orderStatus: 'quality_check', qcGate: true }
    expect(fsmOf(values).meta?.repairing).toBeUndefined()
    expect(fsmOf({ ...values, subject: 'batch' }).meta?.repairing).toEqual({
      order_status: 'quality_check',
      requires_quality_pass: true,
    })
  })

  it('opens a schema the list cannot show as raw JSON, with the reason', () => {
    const { values, fieldsNote } = typeFormValues(ORG, {
      ...row,
      custom_fields_schema: { type: 'object', properties: { a: { anyOf: [] } } },
    })
    expect(values.fieldsMode).toBe('raw')
    expect(fieldsNote).toMatch(/“a”/)
    expect(JSON.parse(values.rawSchema)).toEqual({ type: 'object', properties: { a: { anyOf: [] } } })
  })

  it('the form’s own checks: a taken state name, a transition to a removed state', () => {
    const { values } = typeFormValues(ORG, row)
    values.states.push({ ...blankStateRow(), key: 'ready' })
    values.transitions[0].to = 'gone'
    const parsed = WorkflowInput.safeParse(values)
    expect(parsed.success).toBe(false)
    expect(parsed.error?.issues.map((i) => i.path.join('.')).sort()).toEqual(['states.6.key', 'transitions.0.to'])
  })
})

describe('the database’s problems under their inputs', () => {
  const { values } = typeFormValues(ORG, row)
  it('maps each fsm_schema path to the input that holds it', () => {
    expect(formPathOfFsmPath('init', values)).toBe('initUid')
    expect(formPathOfFsmPath('states.2', values)).toBe('states.2.key')
    expect(formPathOfFsmPath('terminal.1', values)).toBe('states.5.terminal')
    expect(formPathOfFsmPath('transitions.0.from', values)).toBe('transitions.0.fromOne')
    expect(formPathOfFsmPath('transitions.1.from', values)).toBe('transitions.1.fromMany')
    expect(formPathOfFsmPath('transitions.4.from', values)).toBe('transitions.4.fromMode')
    expect(formPathOfFsmPath('transitions.3.to', values)).toBe('transitions.3.to')
    expect(formPathOfFsmPath('transitions.3', values)).toBe('transitions.3.name')
    expect(formPathOfFsmPath('transitions.1.from.1', values)).toBe('transitions.1.fromMany')
    expect(formPathOfFsmPath('transitions.2.requires.min_role', values)).toBe('transitions.2.minRole')
    expect(formPathOfFsmPath('meta.ready.public_label', values)).toBe('states.3.publicLabel')
    expect(formPathOfFsmPath('transitions.99.to', values)).toBeNull()
    expect(formPathOfFsmPath(null, values)).toBeNull()
  })

  it('places what it can and lists the rest', () => {
    const problems = fsmProblemsOf({
      problems: [
        { path: 'states.1', message: 'State "diagnosing" cannot be reached from "received"' },
        { path: null, message: 'No terminal state can be reached' },
        'A bare sentence',
      ],
    })
    expect(placeFsmProblems(problems, values)).toEqual({
      fieldErrors: { 'states.1.key': ['State "diagnosing" cannot be reached from "received"'] },
      unplaced: ['No terminal state can be reached', 'A bare sentence'],
    })
  })
})

describe('the diagram’s layout', () => {
  it('draws a node per state and an arrow per (transition, source); "*" once, from "any state"', async () => {
    const { layoutMachine, ANY_NODE } = await import('../../lib/workflows/diagram')
    const d = layoutMachine(REPAIR)
    expect(d.nodes.map((n) => n.id).sort()).toEqual([...REPAIR.states, ANY_NODE].sort())
    expect(d.nodes.find((n) => n.id === 'received')).toMatchObject({ init: true, terminal: false })
    expect(d.nodes.find((n) => n.id === 'picked_up')).toMatchObject({ terminal: true })
    expect(
      d.edges
        .filter((e) => e.label === 'repair')
        .map((e) => e.from)
        .sort(),
    ).toEqual(['diagnosing', 'received'])
    expect(d.edges.filter((e) => e.label === 'cancel')).toMatchObject([{ from: ANY_NODE, to: 'cancelled' }])
    for (const e of d.edges) expect(e.points.length).toBeGreaterThan(1)
    // the start sits above where it leads
    const y = (id: string) => d.nodes.find((n) => n.id === id)?.y ?? 0
    expect(y('received')).toBeLessThan(y('diagnosing'))
    // a new state shows up as it is typed, before it is valid or saved
    expect(layoutMachine({ ...REPAIR, states: [...REPAIR.states, 'on_hold'] }).nodes.map((n) => n.id)).toContain(
      'on_hold',
    )
  })
})

describe('STATE_IN_USE’s context', () => {
  it('reads every removed state with its count, or the single one', () => {
    expect(statesInUseOf({ states: { awaiting_parts: 2, ready: 1 }, state: 'awaiting_parts', count: 2 })).toEqual([
      { state: 'awaiting_parts', count: 2 },
      { state: 'ready', count: 1 },
    ])
    expect(statesInUseOf({ state: 'ready', count: 3 })).toEqual([{ state: 'ready', count: 3 }])
    expect(statesInUseOf(undefined)).toEqual([])
  })
})
