/**
 * "Next item" under contention, through the route handler: 20 pulls at once from five people on
 * their own tablets never hand one entry (or one item) to two of them. On PGlite the stack
 * serialises the calls; on Postgres (STACK_TEST_DB=postgres) they really race (skip locked).
 */
import { afterAll, beforeAll, expect, it } from 'vitest'
import * as next from '../../app/api/disco/queues/[id]/next/route'
import * as sessions from '../../app/api/disco/sessions/route'
import type { TestStack } from '../stack/harness'
import { type Caller, call, pinnedIn, signedIn, useStack } from './disco-helpers'
import { startAppStack } from './helpers'

let t: TestStack
const people: Array<Caller & { session: string }> = []
const QUEUE = '87000000-0000-4000-8000-0000000001f1'
const ITEMS = 12

beforeAll(async () => {
  t = await startAppStack()
  useStack(t)
  const callers = [
    await pinnedIn(t, 'AUR-OP-1', 'race-1'),
    await pinnedIn(t, 'AUR-OP-2', 'race-2'),
    await pinnedIn(t, 'AUR-OP-3', 'race-3'),
    await pinnedIn(t, 'AUR-OP-4', 'race-4'),
    await signedIn(t, 'supervisor@aurora.test', 'race-5'),
  ]
  for (const c of callers) {
    // the seed leaves open sessions on other devices: take them over
    const r = await call(sessions.POST, 'POST', '/api/disco/sessions', { as: c, body: { takeover: true } })
    expect(r.status).toBe(200)
    people.push({ ...c, session: (r.body.session as { id: string }).id })
  }
  await t.sql(
    `insert into floor_queues (id, org_id, name) values ($1, '20000000-0000-4000-8000-000000000001', 'Race')`,
    [QUEUE],
  )
  await t.sql(
    `select public.floor_queue_add(null, $1, o.id)
     from (select o.id from orders o where o.org_id = '20000000-0000-4000-8000-000000000001' order by o.id limit $2) o`,
    [QUEUE, ITEMS],
  )
}, 180_000)
afterAll(async () => t?.close())

it('20 concurrent next-item pulls never give an item twice', async () => {
  const pulls = Array.from({ length: 20 }, (_, i) => people[i % people.length])
  const answers = await Promise.all(
    pulls.map((p) =>
      call<{ queue_item: { id: string; item_id: string; assigned_to: { member_id: string } } | null }>(
        next.POST,
        'POST',
        `/api/disco/queues/${QUEUE}/next`,
        { as: p, params: { id: QUEUE }, body: { session_id: p.session } },
      ),
    ),
  )
  expect(answers.map((a) => a.status)).toEqual(Array(20).fill(200))
  const claimed = answers.map((a) => a.body.queue_item).filter((q) => q !== null)
  expect(claimed).toHaveLength(ITEMS)
  expect(new Set(claimed.map((q) => q.id)).size).toBe(ITEMS)
  expect(new Set(claimed.map((q) => q.item_id)).size).toBe(ITEMS)
  const rows = await t.sql<{ status: string; n: string }>(
    'select status::text, count(*)::text n from floor_queue_items where queue_id = $1 group by status',
    [QUEUE],
  )
  expect(rows).toEqual([{ status: 'in_progress', n: String(ITEMS) }])
  // each claim went to the person who pulled it
  const byPuller = await t.sql<{ n: string }>(
    'select count(distinct assigned_to)::text n from floor_queue_items where queue_id = $1',
    [QUEUE],
  )
  expect(Number(byPuller[0].n)).toBeGreaterThan(1)
})
