/**
 * npm run bench (bench/sync-queue.ts) — a tablet back online draining its sync queue (issue 12):
 * 500 scans queued offline (lib/sync/queue.ts over an in-memory store), flushed through
 * POST /api/disco/sync (100 per call, each op idempotent by its client id), against the same 500
 * scans sent online one by one through POST /api/disco/scan, and the trivial authenticated route
 * (/api/disco/ping) as the stack's own floor — same stack, same run, handlers called in-process.
 * Ratios are what the numbers mean; absolute ops/s depend on the machine. A second drain of the same
 * entries (all duplicates) shows the replay cost. Env: BENCH_OPS (500).
 */
import { randomUUID } from 'node:crypto'
import { createClient } from '@supabase/supabase-js'
import WebSocket from 'ws'
import * as ping from '../app/api/disco/ping/route'
import * as scan from '../app/api/disco/scan/route'
import * as sessions from '../app/api/disco/sessions/route'
import * as sync from '../app/api/disco/sync/route'
import { memoryStore } from '../lib/sync/memory-store'
import { createSyncQueue, type SyncResult } from '../lib/sync/queue'
import { openPglite } from '../supabase/local/db/pglite'
import { startStack } from '../supabase/local/server'
import { formatRow } from './lib/measure'
import { benchStackConfig } from './lib/stack'

const OPS = Number(process.env.BENCH_OPS ?? 500)
const ORG = '20000000-0000-4000-8000-000000000001'
const CODES = ['FL1:AUR:I:102GW', 'FL1:AUR:I:101GX', 'B-10', 'B-6']
type Handler = (req: Request, ctx?: { params: Promise<Record<string, string>> }) => Promise<Response>

async function main() {
  const db = await openPglite()
  const cfg = benchStackConfig()
  const stack = await startStack(cfg, { db, log: () => {} })
  process.env.NEXT_PUBLIC_SUPABASE_URL = stack.url
  process.env.NEXT_PUBLIC_SUPABASE_ANON_KEY = cfg.anonKey
  try {
    const user = createClient(stack.url, cfg.anonKey, {
      auth: { persistSession: false, autoRefreshToken: false },
      realtime: { transport: WebSocket as never },
    })
    const signedIn = await user.auth.signInWithPassword({ email: 'supervisor@aurora.test', password: 'floorline-demo' })
    if (!signedIn.data.session) throw new Error(`sign-in: ${signedIn.error?.message}`)
    const token = signedIn.data.session.access_token
    const device = 'bench-sync-tablet'
    const call = async (h: Handler, method: string, url: string, body?: unknown) => {
      const headers: Record<string, string> = { authorization: `Bearer ${token}`, 'x-device-id': device }
      if (body !== undefined) headers['content-type'] = 'application/json'
      const res = await h(
        new Request(`http://bench.local${url}`, {
          method,
          headers,
          body: body === undefined ? undefined : JSON.stringify(body),
        }),
        { params: Promise.resolve({}) },
      )
      return { status: res.status, json: (await res.json()) as Record<string, unknown> }
    }
    const started = await call(sessions.POST as Handler, 'POST', '/api/disco/sessions', { org_id: ORG, takeover: true })
    if (started.status !== 200) throw new Error(`session: ${JSON.stringify(started.json)}`)
    const session = (started.json.session as { id: string }).id
    const scanArgs = (i: number) => ({ session_id: session, code: CODES[i % CODES.length] })
    const timed = async (run: () => Promise<number>) => {
      const t0 = performance.now()
      const n = await run()
      return { n, seconds: (performance.now() - t0) / 1000 }
    }
    // warm up every path
    for (let i = 0; i < 20; i++) {
      await call(ping.GET as Handler, 'GET', '/api/disco/ping')
      await call(scan.POST as Handler, 'POST', '/api/disco/scan', { ...scanArgs(i), client_id: randomUUID() })
    }
    await call(sync.POST as Handler, 'POST', '/api/disco/sync', {
      ops: [{ op: 'scan', client_id: randomUUID(), args: scanArgs(0) }],
    })

    const trivial = await timed(async () => {
      let ok = 0
      for (let i = 0; i < OPS; i++) if ((await call(ping.GET as Handler, 'GET', '/api/disco/ping')).status === 200) ok++
      return ok
    })
    const online = await timed(async () => {
      let ok = 0
      for (let i = 0; i < OPS; i++) {
        const r = await call(scan.POST as Handler, 'POST', '/api/disco/scan', {
          ...scanArgs(i),
          client_id: randomUUID(),
        })
        if (r.status === 200) ok++
      }
      return ok
    })
    const q = createSyncQueue(memoryStore(), 'bench')
    for (let i = 0; i < OPS; i++)
      await q.add({ id: randomUUID(), operation: 'scan', payload: scanArgs(i), label: 'Scan', max_retries: 10 })
    let calls = 0
    const send = async (entries: Awaited<ReturnType<typeof q.list>>) => {
      calls++
      const r = await call(sync.POST as Handler, 'POST', '/api/disco/sync', {
        ops: entries.map((e) => ({ op: e.operation, client_id: e.id, args: e.payload })),
      })
      return r.status === 200
        ? { ok: true as const, results: r.json.results as SyncResult[] }
        : { ok: false as const, status: r.status }
    }
    const drain = await timed(async () => (await q.flush(send, 100)).synced)
    const entries = await q.list()
    // the same entries delivered again (a tablet that never heard the answers): all duplicates
    const replay = await timed(async () => {
      let dup = 0
      for (let i = 0; i < entries.length; i += 100) {
        const r = await call(sync.POST as Handler, 'POST', '/api/disco/sync', {
          ops: entries.slice(i, i + 100).map((e) => ({ op: e.operation, client_id: e.id, args: e.payload })),
        })
        dup += Number((r.json as { duplicate?: number }).duplicate ?? 0)
      }
      return dup
    })
    const rows = await db.query<{ n: string }>(
      'select count(*)::text n from public.floor_scans where client_id = any($1::uuid[])',
      [entries.map((e) => e.id)],
    )

    const w = [-44, 8, 9, 10, 12]
    console.log(formatRow(['sync queue (PGlite, one tablet)', 'ops', 'seconds', 'ops/s', 'vs trivial'], w))
    const line = (name: string, r: { n: number; seconds: number }) =>
      console.log(
        formatRow(
          [
            name,
            r.n,
            r.seconds.toFixed(2),
            (r.n / r.seconds).toFixed(0),
            `${(r.n / r.seconds / (trivial.n / trivial.seconds)).toFixed(2)}×`,
          ],
          w,
        ),
      )
    line('trivial route (GET /api/disco/ping) × 1', trivial)
    line('online, one by one (POST /api/disco/scan)', online)
    line(`queued, drained after reconnect (${calls} calls)`, drain)
    line('the same entries again (all duplicates)', replay)
    console.log(
      `drain vs online one by one: ${(drain.n / drain.seconds / (online.n / online.seconds)).toFixed(2)}× · ` +
        `on the server once each: ${rows.rows[0].n}/${OPS}`,
    )
    if (drain.n !== OPS || Number(rows.rows[0].n) !== OPS || replay.n !== OPS)
      throw new Error('not every op applied exactly once')
  } finally {
    await stack.close()
    await db.close()
  }
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
