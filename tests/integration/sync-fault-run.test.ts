/**
 * The fault run (issue 12): 3 simulated tablets queue 1,002 randomized offline operations and sync
 * them through POST /api/disco/sync while faults are injected — the request lost before it reaches
 * the server, the answer lost after the server committed, the same batch delivered twice, the tablet
 * reloaded mid-flush (entries left `syncing`, a new queue over the same store), and the stack stopped
 * and restarted mid-sync. Then exact counts: every acknowledged (synced) entry is on the server
 * exactly once, nothing is left `syncing`, nothing is lost. Bounded in time; prints the counts.
 */
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as sessions from '../../app/api/disco/sessions/route'
import * as sync from '../../app/api/disco/sync/route'
import { memoryStore } from '../../lib/sync/memory-store'
import { createSyncQueue, type Send, type SyncQueue, type SyncResult, type SyncStore } from '../../lib/sync/queue'
import { startStack } from '../../supabase/local/server'
import type { TestStack } from '../stack/harness'
import { AURORA_LABELS, type Caller, call, pinnedIn, useStack } from './disco-helpers'
import { startAppStack } from './helpers'

const OPS_PER_TABLET = 334
const CODES = [AURORA_LABELS.B10, AURORA_LABELS.B6, 'B-10', 'B-6']

/** A seeded PRNG (mulberry32): the same run every time, and a failure can be replayed. */
function prng(seed: number) {
  let a = seed
  return () => {
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

let t: TestStack
interface Tablet {
  who: Caller
  session: string
  store: SyncStore
  queue: SyncQueue
  made: number
}
const tablets: Tablet[] = []
let clock = Date.parse('2026-12-04T08:00:00Z')
const now = () => new Date(clock)

beforeAll(async () => {
  t = await startAppStack()
  useStack(t)
  for (const [i, badge] of ['AUR-OP-1', 'AUR-OP-2', 'AUR-OP-3'].entries()) {
    const who = await pinnedIn(t, badge, `fault-tablet-${i}`)
    const r = await call(sessions.POST, 'POST', '/api/disco/sessions', { as: who, body: { takeover: true } })
    expect(r.status).toBe(200)
    const store = memoryStore()
    tablets.push({
      who,
      session: (r.body.session as { id: string }).id,
      store,
      queue: createSyncQueue(store, badge, { now }),
      made: 0,
    })
  }
}, 120_000)
afterAll(async () => t?.close())

async function restartStack() {
  const port = t.stack.port
  await t.stack.close()
  t.stack = await startStack({ ...t.cfg, port }, { db: t.db, log: () => {} })
}

describe('the fault run', () => {
  it('≥ 1,000 offline operations across 3 tablets, with faults: each acknowledged one applied exactly once', async () => {
    const rand = prng(12)
    const faults = { lostBefore: 0, lostAfter: 0, duplicated: 0, reloads: 0, restarts: 0, calls: 0 }
    let restarting: Promise<void> | null = null

    const faulty =
      (tab: Tablet): Send =>
      async (entries) => {
        faults.calls++
        const deliver = async () => {
          const r = await call<{ results: SyncResult[] }>(sync.POST, 'POST', '/api/disco/sync', {
            as: tab.who,
            body: { ops: entries.map((e) => ({ op: e.operation, client_id: e.id, args: e.payload })) },
          })
          return r
        }
        const roll = rand()
        if (roll < 0.1) {
          faults.lostBefore++
          return { ok: false, status: 0, error: { code: 'OFFLINE' } }
        }
        if (roll < 0.2) {
          faults.lostAfter++
          await deliver() // the server commits; the answer never reaches the tablet
          return { ok: false, status: 0, error: { code: 'OFFLINE' } }
        }
        let r = await deliver()
        if (roll < 0.3) {
          faults.duplicated++
          r = await deliver() // the same batch again (a retried request the first of which got through)
        }
        if (faults.calls % 20 === 0 && !restarting) {
          // the stack goes down while this tablet's answer is on its way: the answer is lost
          faults.restarts++
          restarting = restartStack()
          await restarting
          restarting = null
          return { ok: false, status: 0, error: { code: 'OFFLINE' } }
        }
        if (r.status !== 200) return { ok: false, status: r.status, error: r.body as never }
        return { ok: true, results: r.body.results }
      }

    const started = Date.now()
    while (tablets.some((tab) => tab.made < OPS_PER_TABLET) || (await pendingAnywhere()) > 0) {
      expect(Date.now() - started, 'the run is bounded in time').toBeLessThan(150_000)
      clock += 10 * 60_000 // every backoff is due again
      const tab = tablets[Math.floor(rand() * tablets.length)]
      // offline work: a burst of scans queued on the tablet
      const burst = Math.min(OPS_PER_TABLET - tab.made, 1 + Math.floor(rand() * 25))
      for (let i = 0; i < burst; i++) {
        await tab.queue.add({
          id: randomUUID(),
          operation: 'scan',
          payload: { session_id: tab.session, code: CODES[Math.floor(rand() * CODES.length)] },
          label: 'Scan',
          max_retries: 10,
        })
        tab.made++
      }
      if (rand() < 0.08) {
        // the tablet reloads mid-flush: one call went out, its entries stay `syncing` on disk
        faults.reloads++
        const batch = (await tab.queue.list()).filter((e) => e.status === 'pending').slice(0, 20)
        for (const e of batch) await tab.store.put({ ...e, status: 'syncing' })
        await call(sync.POST, 'POST', '/api/disco/sync', {
          as: tab.who,
          body: { ops: batch.map((e) => ({ op: e.operation, client_id: e.id, args: e.payload })) },
        }).catch(() => undefined)
        tab.queue = createSyncQueue(tab.store, tab.queue.owner, { now })
        await tab.queue.recover()
      }
      await tab.queue.flush(faulty(tab), 3)
    }

    // exact counts
    const all = (await Promise.all(tablets.map((tab) => tab.queue.list()))).flat()
    const byStatus = Object.fromEntries(
      ['pending', 'syncing', 'synced', 'failed', 'conflict'].map((s) => [s, all.filter((e) => e.status === s).length]),
    )
    const rows = await t.sql<{ client_id: string; n: number }>(
      'select client_id::text, count(*)::int n from floor_scans where client_id = any($1::uuid[]) group by client_id',
      [all.map((e) => e.id)],
    )
    const onServer = new Map(rows.map((r) => [r.client_id, Number(r.n)]))
    const synced = all.filter((e) => e.status === 'synced')
    const summary = {
      operations: all.length,
      ...byStatus,
      on_server: rows.length,
      applied_twice: rows.filter((r) => Number(r.n) > 1).length,
      acknowledged_missing: synced.filter((e) => onServer.get(e.id) !== 1).length,
      ...faults,
      seconds: Math.round((Date.now() - started) / 100) / 10,
    }
    console.log('[fault run]', JSON.stringify(summary))
    expect(all.length).toBe(3 * OPS_PER_TABLET)
    expect(all.length).toBeGreaterThanOrEqual(1000)
    expect(byStatus.syncing).toBe(0)
    expect(synced.length).toBe(all.length)
    expect(summary.acknowledged_missing).toBe(0)
    expect(summary.applied_twice).toBe(0)
    expect(rows.length).toBe(all.length)
    expect(faults.lostBefore && faults.lostAfter && faults.duplicated && faults.reloads && faults.restarts).toBeTruthy()
  }, 200_000)
})

async function pendingAnywhere() {
  let n = 0
  for (const tab of tablets) n += (await tab.queue.list()).filter((e) => e.status !== 'synced').length
  return n
}
