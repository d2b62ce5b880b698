/**
 * The /[org]/queues and floor-message actions (lib/floor-queues/actions.ts, lib/floor-messages/
 * actions.ts), called as the screens call them, against the test stack: the database's refusals
 * arrive as the one failure shape — machine code, status, the message, and field errors under the
 * forms' own field names (docs/floor.md §18).
 */
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { TestStack } from '../stack/harness'
import { AURORA, PASSWORD, SANDING, startAppStack } from './helpers'
import { followRedirect, useStack } from './next-cookies'

const jar = vi.hoisted(() => ({ current: new Map<string, string>() }))
vi.mock('next/headers', async () => (await import('./next-cookies')).nextHeaders(jar))
vi.mock('next/cache', () => ({ revalidatePath: () => {}, revalidateTag: () => {} }))
vi.mock('server-only', () => ({}))

const { signIn } = await import('../../lib/auth/actions')
const q = await import('../../lib/floor-queues/actions')
const m = await import('../../lib/floor-messages/actions')

let t: TestStack
const browsers: Record<string, Map<string, string>> = {}
async function as(email: string) {
  if (!browsers[email]) {
    browsers[email] = new Map()
    jar.current = browsers[email]
    const out = await followRedirect(() => signIn({ email, password: PASSWORD }))
    expect(out).toHaveProperty('redirectedTo')
  }
  jar.current = browsers[email]
}

const fields = {
  name: 'Integration bench',
  locationId: SANDING,
  teamId: null,
  stage: null,
  maxItems: null,
  autoAssign: false,
  memberCapacity: 2,
  rules: [] as Array<{ field: 'due_in_days'; op: '<='; value: string; priority: 'high' }>,
}
let queueId = ''
let entries: string[] = []

beforeAll(async () => {
  t = await startAppStack()
  useStack(t)
  await as('supervisor@aurora.test')
  const created = await q.createFloorQueue({ ...fields, orgId: AURORA })
  if (!created.ok) throw new Error(created.message)
  queueId = created.data.id
  // two waiting entries, normal then high
  const items = await t.sql<{ id: string }>('select id from public.floor_items where org_id = $1 order by id limit 2', [
    AURORA,
  ])
  entries = []
  for (const [n, it] of items.entries()) {
    const [row] = await t.sql<{ id: string }>(
      `insert into public.floor_queue_items (org_id, queue_id, item_id, priority) values ($1, $2, $3, $4) returning id`,
      [AURORA, queueId, it.id, n === 0 ? 'normal' : 'high'],
    )
    entries.push(row.id)
  }
}, 180_000)
afterAll(async () => t?.close())

describe('queue actions', () => {
  it('a rule the database cannot read comes back under the form’s rules field', async () => {
    await as('supervisor@aurora.test')
    const r = await q.createFloorQueue({
      ...fields,
      name: 'Bad rules',
      orgId: AURORA,
      rules: [{ field: 'due_in_days', op: '<=', value: 'soon', priority: 'high' }],
    })
    expect(r).toMatchObject({ ok: false, code: 'VALIDATION_FAILED' })
    if (!r.ok) expect(r.fieldErrors?.rules?.[0]).toMatch(/soon/)
    const p = await q.previewPriorityRules({
      orgId: AURORA,
      queueId: null,
      rules: [{ field: 'due_in_days', op: '<=', value: 'soon', priority: 'high' }],
    })
    expect(p).toMatchObject({ ok: false, code: 'VALIDATION_FAILED', fieldErrors: { rules: [expect.any(String)] } })
  })

  it('a queue name taken in the workshop is refused, not a 500', async () => {
    await as('supervisor@aurora.test')
    const r = await q.createFloorQueue({ ...fields, orgId: AURORA })
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.status).toBeLessThan(500)
  })

  it('a reorder putting normal work above high is QUEUE_ORDER_CONFLICT with the database’s message', async () => {
    await as('supervisor@aurora.test')
    const r = await q.reorderQueue({ clientId: randomUUID(), queueId, queueItemIds: [entries[0], entries[1]] })
    expect(r).toMatchObject({ ok: false, code: 'QUEUE_ORDER_CONFLICT', status: 422 })
    if (!r.ok) expect(r.message).toMatch(/Higher-priority work cannot go below lower-priority work/)
    const fine = await q.reorderQueue({ clientId: randomUUID(), queueId, queueItemIds: [entries[1], entries[0]] })
    expect(fine.ok).toBe(true)
  })

  it('assigning to someone not PINed in at the queue’s location is NOT_AT_LOCATION under memberId', async () => {
    await as('supervisor@aurora.test')
    const [manager] = await t.sql<{ id: string }>(
      `select m.id from public.members m join auth.users u on u.id = m.user_id where u.email = 'manager@aurora.test' and m.org_id = $1`,
      [AURORA],
    )
    const r = await q.assignQueueEntry({ clientId: randomUUID(), queueItemId: entries[0], memberId: manager.id })
    expect(r).toMatchObject({
      ok: false,
      code: 'NOT_AT_LOCATION',
      status: 422,
      fieldErrors: { memberId: [expect.any(String)] },
    })
    const bulk = await q.bulkQueueEntries({
      clientId: randomUUID(),
      queueItemIds: entries,
      action: 'assign',
      memberId: manager.id,
    })
    expect(bulk).toMatchObject({ ok: false, code: 'NOT_AT_LOCATION', fieldErrors: { memberId: [expect.any(String)] } })
    const none = await q.bulkQueueEntries({ clientId: randomUUID(), queueItemIds: [], action: 'assign' })
    expect(none).toMatchObject({ ok: false, code: 'VALIDATION_FAILED', status: 400 })
  })

  it('moving into the same queue names the field; a balance suggestion answers moves', async () => {
    await as('supervisor@aurora.test')
    const r = await q.moveQueueEntry({ clientId: randomUUID(), queueItemId: entries[0], toQueueId: queueId })
    expect(r).toMatchObject({ ok: false, code: 'VALIDATION_FAILED', fieldErrors: { toQueueId: [expect.any(String)] } })
    const b = await q.balanceQueue({ clientId: randomUUID(), queueId, apply: false })
    expect(b).toMatchObject({ ok: true, data: { applied: false, moves: expect.any(Array) } })
  })

  it('archive and restore answer the state; another workshop’s manager changes nothing (FORBIDDEN)', async () => {
    await as('manager@aurora.test')
    expect(await q.setFloorQueueActive({ queueId, active: false })).toMatchObject({ ok: true, data: { active: false } })
    expect(await q.setFloorQueueActive({ queueId, active: true })).toMatchObject({ ok: true, data: { active: true } })
    await as('manager@birch.test')
    expect(await q.setFloorQueueActive({ queueId, active: false })).toMatchObject({ ok: false, code: 'FORBIDDEN' })
  })
})

describe('floor messages and flags', () => {
  it('a message needs one addressee (zod, 400) and an existing one (the database, under to)', async () => {
    await as('supervisor@aurora.test')
    const base = { orgId: AURORA, body: 'Hello floor', urgent: false, expiresInMinutes: 60 }
    expect(await m.sendFloorMessage({ ...base, to: '' })).toMatchObject({
      ok: false,
      code: 'VALIDATION_FAILED',
      status: 400,
      fieldErrors: { to: [expect.any(String)] },
    })
    expect(await m.sendFloorMessage({ ...base, to: `team:${randomUUID()}` })).toMatchObject({
      ok: false,
      code: 'TEAM_NOT_FOUND',
      status: 404,
      fieldErrors: { to: [expect.any(String)] },
    })
    const sent = await m.sendFloorMessage({ ...base, to: `location:${SANDING}` })
    expect(sent.ok).toBe(true)
  })

  it('acknowledging or resolving what is not there is a 404 with its code', async () => {
    await as('supervisor@aurora.test')
    expect(await m.ackFloorMessage({ messageId: randomUUID() })).toMatchObject({
      ok: false,
      code: 'MESSAGE_NOT_FOUND',
      status: 404,
    })
    expect(await m.resolveItemFlag({ flagId: randomUUID() })).toMatchObject({
      ok: false,
      code: 'FLAG_NOT_FOUND',
      status: 404,
    })
    const flag = await m.raiseItemFlag({
      clientId: randomUUID(),
      sessionId: randomUUID(),
      itemId: randomUUID(),
      kind: 'needs_help',
    })
    expect(flag.ok).toBe(false)
    if (!flag.ok) expect(flag.status).toBeLessThan(500)
  })
})
