/**
 * Tickets through supabase-js (issue 11, spec 05): a Repair ticket's whole life with its history, two
 * concurrent transitions of one ticket (exactly one wins, every time), custom data refused with the
 * field's reason, a required reason, and another workshop seeing nothing.
 */
import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { TestStack } from '../stack/harness'
import { AURORA, BIRCH, type Client, signIn, startAppStack } from './helpers'

let t: TestStack
let manager: Client
let supervisor: Client
let queueId: string
let repairId: string
const tag = randomBytes(3).toString('hex')

beforeAll(async () => {
  t = await startAppStack()
  manager = await signIn(t, 'manager@aurora.test')
  supervisor = await signIn(t, 'supervisor@aurora.test')
  const [q] = await t.sql<{ id: string }>(
    `insert into public.floor_queues (org_id, name) values ($1, $2) returning id`,
    [AURORA, `Repair counter ${tag}`],
  )
  queueId = q.id
  const { data, error } = await manager
    .from('type_definitions')
    .select('id')
    .is('org_id', null)
    .eq('type_code', 'repair')
    .single()
  if (error) throw error
  repairId = data.id
})
afterAll(async () => {
  await t?.close()
})

async function createRepair(c: Client, customData: Record<string, unknown> = { device_serial: `SN-${tag}` }) {
  return c.rpc('create_ticket', {
    p_org_id: AURORA,
    p_queue_id: queueId,
    p_type_definition_id: repairId,
    p_custom_data: customData as never,
    p_items: [{ description: 'Headphones', quantity: 1 }] as never,
  })
}
const ticketOf = (data: unknown) => (data as { ticket: { id: string; current_state: string } }).ticket
const hint = (e: { hint: string } | null) => (e?.hint ? (JSON.parse(e.hint) as Record<string, unknown>) : {})

describe('a Repair ticket', () => {
  it('lives from received to picked_up, every step in its history', async () => {
    const created = await createRepair(manager, { device_serial: `SN-${tag}`, symptom: 'Left cup silent' })
    expect(created.error).toBeNull()
    const ticket = ticketOf(created.data)
    expect(ticket.current_state).toBe('received')
    for (const [transition, to] of [
      ['diagnose', 'diagnosing'],
      ['start_repair', 'repairing'],
      ['finish', 'ready'],
      ['pick_up', 'picked_up'],
    ]) {
      const { data, error } = await manager.rpc('transition_ticket', {
        p_ticket_id: ticket.id,
        p_transition: transition,
      })
      expect(error).toBeNull()
      expect((data as { to: string }).to).toBe(to)
    }
    const { data: history, error } = await manager
      .from('ticket_state_history')
      .select('from_state, to_state, transition')
      .eq('ticket_id', ticket.id)
      .order('id')
    expect(error).toBeNull()
    expect(history).toEqual([
      { from_state: null, to_state: 'received', transition: 'init' },
      { from_state: 'received', to_state: 'diagnosing', transition: 'diagnose' },
      { from_state: 'diagnosing', to_state: 'repairing', transition: 'start_repair' },
      { from_state: 'repairing', to_state: 'ready', transition: 'finish' },
      { from_state: 'ready', to_state: 'picked_up', transition: 'pick_up' },
    ])
    const { data: row } = await manager.from('tickets').select('closed_at').eq('id', ticket.id).single()
    expect(row?.closed_at).not.toBeNull()
  })

  it('moves once when two people fire a transition at the same moment', async () => {
    for (let round = 0; round < 5; round++) {
      const ticket = ticketOf((await createRepair(manager)).data)
      const attempts = await Promise.all(
        [manager, supervisor].map((c) =>
          c.rpc('transition_ticket', {
            p_ticket_id: ticket.id,
            p_transition: 'diagnose',
            p_expected_state: 'received',
          }),
        ),
      )
      const won = attempts.filter((a) => a.error === null)
      const lost = attempts.filter((a) => a.error !== null)
      expect(won).toHaveLength(1)
      expect(lost).toHaveLength(1)
      expect(['CONFLICT', 'INVALID_TRANSITION']).toContain(lost[0].error?.details)
      expect(lost[0].error?.code).toBe('PT409')
      const [{ n }] = await t.sql<{ n: number }>(
        `select count(*)::int as n from public.state_history where subject_id = $1 and transition = 'diagnose'`,
        [ticket.id],
      )
      expect(Number(n)).toBe(1)
    }
  })

  it('refuses custom data that does not fit, naming the field and why', async () => {
    const missing = await createRepair(manager, { symptom: 'Crackles' })
    expect(missing.error?.code).toBe('PT422')
    expect(missing.error?.details).toBe('CUSTOM_DATA_INVALID')
    expect(missing.error?.message).toBe('Device serial is required')
    expect(hint(missing.error).field).toBe('device_serial')

    const wrongType = await createRepair(manager, { device_serial: 12345 })
    expect(wrongType.error?.message).toBe('Device serial must be text')
    expect(hint(wrongType.error).field).toBe('device_serial')

    const { count } = await manager
      .from('tickets')
      .select('id', { count: 'exact', head: true })
      .eq('queue_id', queueId)
      .contains('custom_data', { symptom: 'Crackles' })
    expect(count).toBe(0)
  })

  it('needs a reason to cancel, and refuses a transition that is not open', async () => {
    const ticket = ticketOf((await createRepair(manager)).data)
    const noReason = await manager.rpc('transition_ticket', { p_ticket_id: ticket.id, p_transition: 'cancel' })
    expect(noReason.error?.details).toBe('VALIDATION_FAILED')
    expect(hint(noReason.error).field).toBe('reason')
    const skip = await manager.rpc('transition_ticket', { p_ticket_id: ticket.id, p_transition: 'pick_up' })
    expect(skip.error?.details).toBe('INVALID_TRANSITION')
    expect(hint(skip.error).available).toEqual(['diagnose', 'cancel'])
    const cancel = await manager.rpc('transition_ticket', {
      p_ticket_id: ticket.id,
      p_transition: 'cancel',
      p_reason: 'Customer withdrew',
    })
    expect(cancel.error).toBeNull()
    const { data: last } = await manager
      .from('ticket_state_history')
      .select('reason, to_state')
      .eq('ticket_id', ticket.id)
      .order('id', { ascending: false })
      .limit(1)
      .single()
    expect(last).toEqual({ reason: 'Customer withdrew', to_state: 'cancelled' })
  })

  it('is invisible to another workshop', async () => {
    const birch = await signIn(t, 'manager@birch.test')
    const { data } = await birch.from('tickets').select('id').eq('queue_id', queueId)
    expect(data).toEqual([])
    const foreign = await birch.rpc('create_ticket', {
      p_org_id: BIRCH,
      p_queue_id: queueId,
      p_type_definition_id: repairId,
      p_custom_data: { device_serial: 'X' } as never,
    })
    expect(foreign.error?.details).toBe('NOT_FOUND')
  })
})
