/**
 * The workflow editor's server actions (lib/workflows/actions.ts, as the screens call them) against
 * the real database: an Aurora manager copies the system Repair type, adds a state, a transition and
 * a custom field and saves (the version goes up, the custom fields schema is stored as Ajv compiled
 * it); the database's refusals land under the form's inputs (FSM_INVALID per problem path,
 * TYPE_CODE_TAKEN, TYPE_READ_ONLY, TYPE_VERSION_CONFLICT), Ajv's before the database is asked; "Try
 * it" walks a draft through public.fsm_dry_run; a supervisor is refused.
 */
import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { TestStack } from '../stack/harness'
import { AURORA, PASSWORD, signIn, startAppStack } from './helpers'
import { followRedirect, useStack } from './next-cookies'

const jar = vi.hoisted(() => ({ current: new Map<string, string>() }))
vi.mock('next/headers', async () => (await import('./next-cookies')).nextHeaders(jar))
vi.mock('next/cache', () => ({ revalidatePath: () => {}, revalidateTag: () => {} }))
vi.mock('server-only', () => ({}))

const { signIn: signInAction } = await import('../../lib/auth/actions')
const { copyWorkflow, dryRunWorkflow, saveWorkflow, setWorkflowArchived } = await import('../../lib/workflows/actions')
const { blankFieldRow, blankStateRow, fsmOf, typeFormValues } = await import('../../lib/workflows/form-values')
const { Fsm } = await import('../../lib/workflows/fsm')
const { statesInUseOf } = await import('../../lib/workflows/errors')

let t: TestStack
const tag = randomBytes(3).toString('hex')

async function signInAs(email: string) {
  jar.current = new Map()
  const out = await followRedirect(() => signInAction({ email, password: PASSWORD }))
  expect(out).toHaveProperty('redirectedTo')
}

interface Row {
  id: string
  org_id: string | null
  subject: 'batch' | 'ticket'
  type_code: string
  type_name: string
  version: number
  fsm_schema: string
  custom_fields_schema: string
}
async function load(id: string) {
  const [row] = await t.sql<Row>(
    `select id, org_id, subject::text as subject, type_code, type_name, version, fsm_schema::text,
            custom_fields_schema::text
     from public.type_definitions where id = $1`,
    [id],
  )
  return typeFormValues(AURORA, {
    ...row,
    version: Number(row.version),
    fsm_schema: Fsm.parse(JSON.parse(row.fsm_schema)),
    custom_fields_schema: JSON.parse(row.custom_fields_schema),
  }).values
}

beforeAll(async () => {
  t = await startAppStack()
  useStack(t)
  await signInAs('manager@aurora.test')
}, 120_000)
afterAll(async () => t?.close())

describe('workflow editing', () => {
  let repairId = ''
  let copyId = ''

  it('copies the system Repair type into the organisation', async () => {
    const [repair] = await t.sql<{ id: string }>(
      `select id from public.type_definitions where org_id is null and subject = 'ticket' and type_code = 'repair'`,
    )
    repairId = repair.id
    const result = await copyWorkflow({
      orgId: AURORA,
      sourceId: repairId,
      typeCode: `repair-${tag}`,
      typeName: `Repair ${tag}`,
    })
    expect(result).toMatchObject({ ok: true, data: { org_id: AURORA, type_code: `repair-${tag}`, version: 1 } })
    if (result.ok) copyId = result.data.id
  })

  it('saves the copy with a new state, a transition and a custom field', async () => {
    const values = await load(copyId)
    const hold = { ...blankStateRow('on_hold'), label: 'On hold' }
    values.states.push(hold)
    const repairing = values.states.find((s) => s.key === 'repairing')
    values.transitions.push(
      {
        name: 'hold',
        fromMode: 'one',
        fromOne: repairing?.uid ?? '',
        fromMany: [],
        to: hold.uid,
        needsReason: true,
        minRole: '',
      },
      {
        name: 'resume',
        fromMode: 'one',
        fromOne: hold.uid,
        fromMany: [],
        to: repairing?.uid ?? '',
        needsReason: false,
        minRole: 'supervisor',
      },
    )
    values.fields.push({ ...blankFieldRow(), key: 'warranty', label: 'Under warranty', kind: 'boolean' })
    const result = await saveWorkflow(values)
    expect(result).toMatchObject({ ok: true, data: { id: copyId, version: 2 } })

    const [stored] = await t.sql<{ fsm_schema: string; custom_fields_schema: string }>(
      `select fsm_schema::text, custom_fields_schema::text from public.type_definitions where id = $1`,
      [copyId],
    )
    const row: { fsm_schema: { states: string[]; transitions: { name: string }[] }; custom_fields_schema: unknown } = {
      fsm_schema: JSON.parse(stored.fsm_schema),
      custom_fields_schema: JSON.parse(stored.custom_fields_schema),
    }
    expect(row.fsm_schema.states).toContain('on_hold')
    expect(row.fsm_schema.transitions.map((x) => x.name)).toEqual(expect.arrayContaining(['hold', 'resume']))
    expect(row.custom_fields_schema).toMatchObject({
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      properties: { device_serial: { type: 'string' }, warranty: { type: 'boolean', title: 'Under warranty' } },
      required: ['device_serial'],
      'x-order': ['device_serial', 'symptom', 'warranty'],
    })
    // and it reads back as it was saved
    const again = await load(copyId)
    expect(fsmOf(again)).toEqual(fsmOf(values))
    expect(again.fields.map((f) => f.key)).toEqual(['device_serial', 'symptom', 'warranty'])
  })

  it('puts the database’s FSM_INVALID problems under the inputs they name', async () => {
    const values = await load(copyId)
    values.states.push(blankStateRow('limbo')) // nothing leads there
    values.transitions[0].name = values.transitions[1].name // same name twice from… different sources is fine
    values.transitions.push({ ...values.transitions[0] }) // …the same name from the same state is not
    const result = await saveWorkflow(values)
    expect(result).toMatchObject({ ok: false, code: 'FSM_INVALID', status: 422 })
    if (result.ok) return
    const limbo = values.states.length - 1
    expect(result.fieldErrors?.[`states.${limbo}.key`]?.[0]).toMatch(/limbo/)
    expect(Object.keys(result.fieldErrors ?? {}).some((k) => /^transitions\.\d+\.name$/.test(k))).toBe(true)
    const [{ version }] = await t.sql<{ version: number }>(
      `select version from public.type_definitions where id = $1`,
      [copyId],
    )
    expect(Number(version)).toBe(2) // nothing saved
  })

  it('a rename that also breaks the machine still gets the machine’s problems, under their inputs', async () => {
    const values = await load(copyId)
    values.states[1].key = 'triage' // diagnosing → triage: a move of its live items rides along
    values.states.push(blankStateRow('limbo'))
    const result = await saveWorkflow(values)
    expect(result).toMatchObject({ ok: false, code: 'FSM_INVALID' })
    if (!result.ok) expect(result.fieldErrors?.[`states.${values.states.length - 1}.key`]?.[0]).toMatch(/limbo/)
  })

  it('removing a state live tickets sit in asks where they go; the move is saved with the change', async () => {
    const manager = await signIn(t, 'manager@aurora.test')
    const [queue] = await t.sql<{ id: string }>(
      `select id from public.floor_queues where org_id = $1 and is_active order by name limit 1`,
      [AURORA],
    )
    const created = await manager.rpc('create_ticket', {
      p_org_id: AURORA,
      p_queue_id: queue.id,
      p_type_definition_id: copyId,
      p_custom_data: { device_serial: `SN-${tag}` },
    })
    expect(created.error).toBeNull()
    const ticketId = String((created.data as { ticket: { id: string } }).ticket.id)
    for (const step of ['diagnose', 'order_parts']) {
      const moved = await manager.rpc('transition_ticket', { p_ticket_id: ticketId, p_transition: step })
      expect(moved.error).toBeNull()
    }

    const values = await load(copyId)
    const gone = values.states.findIndex((s) => s.key === 'awaiting_parts')
    const goneUid = values.states[gone].uid
    const diagnosing = values.states.find((s) => s.key === 'diagnosing')?.uid ?? ''
    values.states.splice(gone, 1)
    values.transitions = values.transitions
      .filter((x) => x.to !== goneUid)
      .map((x) =>
        x.name === 'start_repair' ? { ...x, fromMode: 'one' as const, fromOne: diagnosing, fromMany: [] } : x,
      )
    const refused = await saveWorkflow(values)
    expect(refused).toMatchObject({ ok: false, code: 'STATE_IN_USE', status: 409 })
    if (refused.ok) return
    expect(statesInUseOf(refused.details)).toEqual([{ state: 'awaiting_parts', count: 1 }])

    const saved = await saveWorkflow({ ...values, stateMoves: { awaiting_parts: 'diagnosing' } })
    expect(saved).toMatchObject({ ok: true, data: { version: 3 } })
    const [ticket] = await t.sql<{ current_state: string }>(`select current_state from public.tickets where id = $1`, [
      ticketId,
    ])
    expect(ticket.current_state).toBe('diagnosing')
    const [last] = await t.sql<{ from_state: string; to_state: string; reason: string | null }>(
      `select from_state, to_state, reason from public.state_history where subject_id = $1 order by id desc limit 1`,
      [ticketId],
    )
    expect(last).toMatchObject({ from_state: 'awaiting_parts', to_state: 'diagnosing' })
  })

  it('Ajv refuses a custom field schema nobody could use before the database is asked', async () => {
    const values = await load(copyId)
    values.fields[1].pattern = '([a-z'
    const result = await saveWorkflow(values)
    expect(result).toMatchObject({
      ok: false,
      code: 'VALIDATION_FAILED',
      fieldErrors: { 'fields.1.pattern': [expect.stringMatching(/regular expression/)] },
    })
    const raw = await load(copyId)
    raw.fieldsMode = 'raw'
    raw.rawSchema = JSON.stringify({ type: 'object', properties: { a: { type: 'string', maxLength: -1 } } })
    expect(await saveWorkflow(raw)).toMatchObject({
      ok: false,
      fieldErrors: { rawSchema: ['properties/a/maxLength: maxLength must be 0 or more'] },
    })
  })

  it('maps the other refusals: a taken code, a stale version, a system type', async () => {
    const taken = await copyWorkflow({
      orgId: AURORA,
      sourceId: repairId,
      typeCode: `repair-${tag}`,
      typeName: 'Again',
    })
    expect(taken).toMatchObject({
      ok: false,
      code: 'TYPE_CODE_TAKEN',
      status: 409,
      fieldErrors: { typeCode: [expect.any(String)] },
    })

    const stale = await load(copyId)
    stale.expectedVersion = 1
    expect(await saveWorkflow(stale)).toMatchObject({ ok: false, code: 'TYPE_VERSION_CONFLICT', status: 409 })

    const system = await load(repairId)
    expect(await saveWorkflow({ ...system, orgId: AURORA })).toMatchObject({
      ok: false,
      code: 'TYPE_READ_ONLY',
      status: 403,
    })
    expect(await setWorkflowArchived({ id: repairId, archived: true })).toMatchObject({
      ok: false,
      code: 'TYPE_READ_ONLY',
    })
  })

  it('walks a draft through the database’s engine (Try it)', async () => {
    const values = await load(copyId)
    const result = await dryRunWorkflow({ fsm: fsmOf(values), steps: ['diagnose', 'start_repair', 'hold', 'nope'] })
    expect(result).toMatchObject({
      ok: true,
      data: {
        valid: true,
        final_state: 'on_hold',
        steps: [
          { transition: 'diagnose', allowed: true, to: 'diagnosing' },
          { transition: 'start_repair', allowed: true, to: 'repairing' },
          { transition: 'hold', allowed: true, to: 'on_hold' },
          { transition: 'nope', allowed: false, to: null },
        ],
      },
    })
    // cancel lists its states: the new one is not among them
    if (result.ok) expect(result.data.transitions.map((x) => x.name)).toEqual(['resume'])
  })

  it('archives and restores the copy; a supervisor is refused', async () => {
    expect(await setWorkflowArchived({ id: copyId, archived: true })).toMatchObject({ ok: true })
    expect(await setWorkflowArchived({ id: copyId, archived: false })).toMatchObject({
      ok: true,
      data: { archived_at: null },
    })
    await signInAs('supervisor@aurora.test')
    const values = await load(copyId)
    expect(await saveWorkflow(values)).toMatchObject({ ok: false, code: 'FORBIDDEN', status: 403 })
  })
})
