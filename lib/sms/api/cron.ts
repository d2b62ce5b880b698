import 'server-only'
import { createHash, timingSafeEqual } from 'node:crypto'
import { z } from 'zod'
import { failWith } from '@/lib/errors'
import { answer, route } from '@/lib/route'
import { pollStragglers } from '@/lib/sms/stragglers'
import { callbackOriginFor, runSmsWorker, type WorkerResult } from '@/lib/sms/worker'
import type { AppClient } from '@/lib/supabase/types'

/**
 * GET or POST /api/sms/cron — called every minute by pg_cron + pg_net on hosted Supabase (the
 * sms_cron migration), a platform cron, or the local stack's scheduler, with
 * `Authorization: Bearer <SMS_CRON_SECRET>` (outside production the seed's public development secret
 * works when none is set). It sends what is due and nobody sent yet: retries after
 * backoff, messages whose worker died (lease expired), texts queued while the app was down or by
 * triggers (automatic order texts, which have no request to run after); then it asks providers
 * without delivery reports (Semaphore) how the SENT ones are doing.
 * Bounded: at most 20 s and 1000 messages per call; the next minute continues.
 */
const BUDGET_MS = 20_000
const BATCH = 100
/** The seed's app.sms_job_settings secret: public, so accepted outside production only. */
const DEV_SECRET = 'floorline-dev-sms-cron-secret'

function cronSecret(): string {
  return process.env.SMS_CRON_SECRET?.trim() || (process.env.NODE_ENV === 'production' ? '' : DEV_SECRET)
}

function authorised(request: Request): boolean {
  const secret = cronSecret()
  if (!secret) return false
  const given = /^Bearer\s+(.+)$/i.exec(request.headers.get('authorization') ?? '')?.[1]?.trim() ?? ''
  const a = createHash('sha256').update(given).digest()
  const b = createHash('sha256').update(secret).digest()
  return timingSafeEqual(a, b)
}

export function smsCronRoute(admin: () => AppClient) {
  return route({
    schema: z.object({}),
    from: 'none',
    auth: 'service',
    serviceClient: admin,
    timeoutMs: 30_000,
    run: async (_input, { request }) => {
      if (!cronSecret()) {
        return failWith('UNAVAILABLE', 'SMS_CRON_SECRET is not set on this server')
      }
      if (!authorised(request)) return failWith('NOT_SIGNED_IN', 'Send Authorization: Bearer <SMS_CRON_SECRET>')
      const started = Date.now()
      const client = admin()
      const total: WorkerResult = { claimed: 0, sent: 0, failed: 0, retrying: 0, attempts: 0 }
      const origin = callbackOriginFor(request.url)
      for (let round = 0; round < 10 && Date.now() - started < BUDGET_MS; round += 1) {
        const r = await runSmsWorker(client, { limit: BATCH, callbackOrigin: origin })
        for (const k of Object.keys(total) as (keyof WorkerResult)[]) total[k] += r[k]
        if (r.claimed < BATCH) break
      }
      const polled = Date.now() - started < BUDGET_MS ? await pollStragglers(client) : { checked: 0, applied: 0 }
      return answer({ ok: true, ...total, stragglers: polled, ms: Date.now() - started })
    },
  })
}
