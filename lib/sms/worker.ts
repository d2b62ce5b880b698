import 'server-only'
import { z } from 'zod'
import { parseRpc } from '@/lib/rpc'
import { type ProviderName, providers, type SendOutcome, type SmsProvider } from '@/lib/sms/providers'
import { parseCredentials, senderOf } from '@/lib/sms/providers/credentials'
import type { AppClient } from '@/lib/supabase/types'

/**
 * The SMS worker (docs/sms.md §worker). Every text is already a PENDING row; this only moves rows:
 *
 *   sms_claim          leases due messages (for update skip locked, 60 s): a second worker — the
 *                      cron route racing the after() of a send — never gets the same row, and a
 *                      worker that dies mid-send leaves a lease that runs out, so the next claim
 *                      retries it. Nothing is lost between commit and send.
 *   per message        the database names the provider for this attempt (failover order); the
 *                      adapter is asked canDeliverTo first (Semaphore: +63 only → a 'skipped'
 *                      attempt with the reason, and the next provider), then send();
 *   sms_record_attempt stores the attempt (idempotent by request id <message>:<attempt>) and answers
 *                      what follows: done (SENT, FAILED, or backoff until next_attempt_at) or the
 *                      next provider to try now.
 *
 * Sent twice? Only if a provider accepted a text and the process died before the attempt was
 * recorded (the lease then runs out and the text goes again); the request carries our message id
 * where the provider's API allows (Twilio/Movider callback URL, logs). Everything else is once.
 */

const Claimed = z.array(
  z.object({
    id: z.string().uuid(),
    org_id: z.string().uuid(),
    to: z.string(),
    body: z.string(),
    source: z.string(),
    attempts: z.number().int(),
    lease_token: z.string().uuid(),
    provider: z.enum(['semaphore', 'twilio', 'movider']),
    otp_code: z.string().nullable(),
  }),
)
type ClaimedMessage = z.output<typeof Claimed>[number]

const Config = z.object({
  org_id: z.string().uuid(),
  callback_secret: z.string().nullable(),
  providers: z.array(z.object({ provider: z.enum(['semaphore', 'twilio', 'movider']), credentials: z.unknown() })),
})
type OrgConfig = z.output<typeof Config>

const Recorded = z
  .object({
    status: z.enum(['PENDING', 'SENT', 'DELIVERED', 'FAILED']),
    done: z.boolean(),
    next_provider: z.enum(['semaphore', 'twilio', 'movider']).optional(),
    replayed: z.boolean().optional(),
    lease_lost: z.boolean().optional(),
  })
  .loose()

export interface WorkerOptions {
  /** Only these messages (the after() of the request that queued them); default: whatever is due. */
  messageIds?: string[]
  limit?: number
  leaseSeconds?: number
  /** Public origin of this app for delivery-callback URLs (https://app.example.com). */
  callbackOrigin?: string
  /** Per provider call (default 10 s, the adapters' default). */
  timeoutMs?: number
  /** Messages sent at once (default 4). */
  concurrency?: number
  fetch?: typeof fetch
}

export interface WorkerResult {
  claimed: number
  sent: number
  failed: number
  retrying: number
  attempts: number
}

/** Per provider call; SMS_PROVIDER_TIMEOUT_MS shortens it (tests, a slow-provider drill). */
const PROVIDER_TIMEOUT_MS = Number(process.env.SMS_PROVIDER_TIMEOUT_MS ?? 10_000)

const PROVIDER_LABEL: Record<ProviderName, string> = { semaphore: 'Semaphore', twilio: 'Twilio', movider: 'Movider' }

/** Where delivery callbacks should go: SMS_CALLBACK_ORIGIN, else the origin the caller saw. */
export function callbackOriginFor(requestUrl?: string): string | undefined {
  const configured = process.env.SMS_CALLBACK_ORIGIN?.trim()
  if (configured) return configured.replace(/\/+$/, '')
  if (!requestUrl) return undefined
  try {
    return new URL(requestUrl).origin
  } catch {
    return undefined
  }
}

export function statusCallbackUrl(
  origin: string,
  provider: ProviderName,
  orgId: string,
  secret: string,
  messageId: string,
): string {
  const q = new URLSearchParams({ org: orgId, key: secret, m: messageId })
  return `${origin}/api/sms/status/${provider}?${q.toString()}`
}

export async function runSmsWorker(admin: AppClient, opts: WorkerOptions = {}): Promise<WorkerResult> {
  const { data, error } = await admin.rpc('sms_claim', {
    p_limit: opts.limit ?? 20,
    p_lease_seconds: opts.leaseSeconds ?? 60,
    p_message_ids: opts.messageIds?.length ? opts.messageIds : undefined,
  })
  if (error) throw new Error(`sms_claim: ${error.message}`)
  const claimed = parseRpc(Claimed, data, 'sms_claim')
  const result: WorkerResult = { claimed: claimed.length, sent: 0, failed: 0, retrying: 0, attempts: 0 }
  if (!claimed.length) return result

  const configs = new Map<string, Promise<OrgConfig>>()
  const configOf = (orgId: string) => {
    let c = configs.get(orgId)
    if (!c) {
      c = Promise.resolve(admin.rpc('sms_provider_config', { p_org_id: orgId })).then((r) => {
        if (r.error) throw new Error(`sms_provider_config: ${r.error.message}`)
        return parseRpc(Config, r.data, 'sms_provider_config')
      })
      configs.set(orgId, c)
    }
    return c
  }

  const queue = [...claimed]
  const lanes = Array.from({ length: Math.min(opts.concurrency ?? 4, queue.length) }, async () => {
    for (let m = queue.shift(); m; m = queue.shift()) {
      try {
        const status = await deliver(admin, m, await configOf(m.org_id), opts, () => {
          result.attempts += 1
        })
        if (status === 'SENT' || status === 'DELIVERED') result.sent += 1
        else if (status === 'FAILED') result.failed += 1
        else result.retrying += 1
      } catch (e) {
        // the lease runs out and the next run retries it; nothing is marked
        result.retrying += 1
        console.error(`[sms worker] message ${m.id}:`, e instanceof Error ? e.message : e)
      }
    }
  })
  await Promise.all(lanes)
  return result
}

async function deliver(
  admin: AppClient,
  m: ClaimedMessage,
  config: OrgConfig,
  opts: WorkerOptions,
  counted: () => void,
): Promise<string> {
  let provider: ProviderName | undefined = m.provider
  let attempt = m.attempts
  let status = 'PENDING'
  while (provider) {
    attempt += 1
    const adapter: SmsProvider = providers[provider]
    const stored = config.providers.find((p) => p.provider === provider)?.credentials
    const creds = parseCredentials(stored)
    let outcome: SendOutcome | { kind: 'skipped'; error: string; latencyMs: 0 }
    if (!creds) {
      outcome = {
        kind: 'skipped',
        error: `${PROVIDER_LABEL[provider]}: credentials missing or not valid`,
        latencyMs: 0,
      }
    } else if (!adapter.canDeliverTo(m.to)) {
      outcome = {
        kind: 'skipped',
        error: `${PROVIDER_LABEL[provider]} cannot deliver to ${m.to}${provider === 'semaphore' ? ' (Philippine numbers, +63, only)' : ''}`,
        latencyMs: 0,
      }
    } else {
      const statusCallback =
        opts.callbackOrigin && config.callback_secret
          ? statusCallbackUrl(opts.callbackOrigin, provider, m.org_id, config.callback_secret, m.id)
          : undefined
      const send = { timeoutMs: opts.timeoutMs ?? PROVIDER_TIMEOUT_MS, fetch: opts.fetch }
      if (m.otp_code && adapter.sendOtp) {
        outcome = await adapter.sendOtp(
          { messageId: m.id, to: m.to, body: m.body, code: m.otp_code, statusCallbackUrl: statusCallback },
          creds,
          send,
        )
      } else {
        const body = m.otp_code ? m.body.replaceAll('{otp}', m.otp_code) : m.body
        outcome = await adapter.send(
          { messageId: m.id, to: m.to, body, statusCallbackUrl: statusCallback },
          creds,
          send,
        )
      }
    }
    counted()
    const recorded = await admin.rpc('sms_record_attempt', {
      p_message_id: m.id,
      p_lease_token: m.lease_token,
      p_provider: provider,
      p_request_id: `${m.id}:${attempt}`,
      p_outcome: outcome.kind,
      p_provider_message_id: outcome.kind === 'sent' ? outcome.providerMessageId : undefined,
      p_provider_status: outcome.kind === 'sent' ? outcome.providerStatus : undefined,
      p_provider_code: 'providerCode' in outcome ? outcome.providerCode : undefined,
      p_error: 'error' in outcome ? outcome.error : undefined,
      p_http_status: 'httpStatus' in outcome ? outcome.httpStatus : undefined,
      p_latency_ms: Math.round(outcome.latencyMs),
      p_cost_micros: outcome.kind === 'sent' ? outcome.costMicros : undefined,
      p_currency: outcome.kind === 'sent' ? outcome.currency : undefined,
      p_retry_after_seconds: outcome.kind === 'retryable' ? outcome.retryAfterSeconds : undefined,
      p_sender: creds && outcome.kind !== 'skipped' ? senderOf(creds) : undefined,
    })
    if (recorded.error) throw new Error(`sms_record_attempt: ${recorded.error.message}`)
    const next: z.output<typeof Recorded> = parseRpc(Recorded, recorded.data, 'sms_record_attempt')
    status = next.status
    provider = next.done ? undefined : next.next_provider
  }
  return status
}
