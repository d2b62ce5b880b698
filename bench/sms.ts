/**
 * npm run bench (bench/sms.ts) — enqueue-to-sent through the SMS worker against the local stack's
 * fake gateway, beside the gateway's own round trip (one adapter send, no database) in the same
 * run, same process: the ratio is what the queue (row, claim with lease, attempt record) costs over
 * the provider call itself. Then a bulk of BENCH_SMS_BULK texts queued in one call and drained by
 * the worker: messages/s. Loopback only, bounded. Env: BENCH_SMS_SINGLE (100), BENCH_SMS_BULK (1000).
 */
import { registerHooks } from 'node:module'
import path from 'node:path'
import { createClient } from '@supabase/supabase-js'
import WebSocket from 'ws'
import { openPglite } from '../supabase/local/db/pglite'
import { startStack } from '../supabase/local/server'
import { formatRow } from './lib/measure'
import { benchStackConfig } from './lib/stack'

// lib/sms/worker.ts imports server-only (Next's build-time guard, resolved by Next alone); this
// process is the server, so the import resolves to nothing
registerHooks({
  resolve: (specifier, context, next) =>
    specifier === 'server-only' ? { url: 'data:text/javascript,', shortCircuit: true } : next(specifier, context),
})

const SINGLE = Number(process.env.BENCH_SMS_SINGLE ?? 100)
const BULK = Number(process.env.BENCH_SMS_BULK ?? 1000)
const ORG = '20000000-0000-4000-8000-000000000001'
const _root = path.resolve(import.meta.dirname, '..')

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? 0
}

async function main() {
  const db = await openPglite()
  const cfg = benchStackConfig()
  const stack = await startStack(cfg, { db, log: () => {} })
  process.env.NEXT_PUBLIC_SUPABASE_URL = stack.url
  process.env.SMS_GATEWAY_URL = stack.url
  const { runSmsWorker } = await import('../lib/sms/worker')
  const { providers } = await import('../lib/sms/providers')
  const accounts = await import('../supabase/local/sms-gateway/accounts')
  const admin = createClient(stack.url, cfg.serviceRoleKey, {
    auth: { persistSession: false },
    realtime: { transport: WebSocket as never },
  })
  const to = '+14155550123'
  try {
    // the gateway's own round trip: one Twilio send, straight from the adapter
    const creds = {
      provider: 'twilio' as const,
      accountSid: accounts.DEV_TWILIO_ACCOUNT_SID,
      authToken: accounts.DEV_TWILIO_AUTH_TOKEN,
      sender: accounts.DEV_TWILIO_FROM,
    }
    const direct: number[] = []
    for (let i = 0; i < SINGLE + 10; i++) {
      const t = performance.now()
      await providers.twilio.send({ messageId: `bench-${i}`, to, body: `Direct ${i}` }, creds)
      if (i >= 10) direct.push(performance.now() - t)
    }
    // through the queue: sms_send (row) then the worker (claim, Semaphore skipped, Twilio, record)
    const queued: number[] = []
    for (let i = 0; i < SINGLE + 10; i++) {
      const t = performance.now()
      const { data, error } = await admin.rpc('sms_send', { p_org_id: ORG, p_to: to, p_body: `Queued ${i}` })
      if (error) throw new Error(error.message)
      const id = (data as { message: { id: string } }).message.id
      const r = await runSmsWorker(admin as never, { messageIds: [id] })
      if (r.sent !== 1) throw new Error(`not sent: ${JSON.stringify(r)}`)
      if (i >= 10) queued.push(performance.now() - t)
    }
    const w = [-34, 10, 10, 10]
    console.log(formatRow(['path (PGlite, one at a time)', 'p50 ms', 'p99 ms', 'per s'], w))
    const row = (label: string, xs: number[]) =>
      console.log(
        formatRow(
          [
            label,
            quantile(xs, 0.5).toFixed(1),
            quantile(xs, 0.99).toFixed(1),
            (1000 / (xs.reduce((a, b) => a + b, 0) / xs.length)).toFixed(0),
          ],
          w,
        ),
      )
    row('gateway round trip (adapter only)', direct)
    row('enqueue → SENT (row, worker)', queued)
    console.log(`ratio (p50): ${(quantile(queued, 0.5) / quantile(direct, 0.5)).toFixed(2)}×`)

    // bulk: one call queues them all, the worker drains (4 lanes per run, 100 per claim). The
    // per-provider bulk rate (sms_settings.bulk_rates, 60–120 a minute by default) is lifted to its
    // maximum, so this measures the worker, not the throttle.
    const lifted = await admin.rpc('set_sms_bulk_rates', {
      p_org_id: ORG,
      p_rates: { semaphore: 6000, twilio: 6000, movider: 6000 },
    })
    if (lifted.error) throw new Error(lifted.error.message)
    const recipients = Array.from({ length: BULK }, (_, i) => ({
      to: `+1415555${String(1000 + (i % 9000)).padStart(4, '0')}`,
    }))
    const t0 = performance.now()
    const { error } = await admin.rpc('sms_send_bulk', { p_org_id: ORG, p_recipients: recipients, p_body: 'Bulk' })
    if (error) throw new Error(error.message)
    const t1 = performance.now()
    let sent = 0
    while (sent < BULK) {
      const r = await runSmsWorker(admin as never, { limit: 100, concurrency: 8 })
      if (!r.claimed) break
      sent += r.sent
    }
    const t2 = performance.now()
    console.log(
      `bulk of ${BULK}: queued in ${(t1 - t0).toFixed(0)} ms, ${sent} sent in ${((t2 - t1) / 1000).toFixed(1)} s ` +
        `(${(sent / ((t2 - t1) / 1000)).toFixed(0)} messages/s)`,
    )
  } finally {
    await stack.close()
    await db.close()
  }
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
