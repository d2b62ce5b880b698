import 'server-only'
import { z } from 'zod'
import { type Fail, failWith } from '@/lib/errors'
import { answer, type RouteContext, route } from '@/lib/route'
import { parseRpc } from '@/lib/rpc'
import { type ProviderName, providers } from '@/lib/sms/providers'
import { parseCredentials } from '@/lib/sms/providers/credentials'
import type { AppClient } from '@/lib/supabase/types'

/**
 * POST (or GET, Movider's default) /api/sms/status/[provider]?org=<org id>&key=<callback secret>&m=<message id>
 * — the delivery reports the worker asked for (docs/sms.md §callbacks).
 *
 *  1. the URL's key must be the organisation's callback secret (sms_callback_check: the secret
 *     stays in the database's private table; Semaphore and Movider sign nothing, so this is their
 *     only proof), else 401;
 *  2. the provider's adapter parses the report — Twilio's verifies X-Twilio-Signature over the
 *     public URL and the form body with the organisation's auth token first (a forged or altered
 *     report is 401);
 *  3. sms_apply_status moves the message forward only: a replay, a late "sent" after "delivered",
 *     a report for an unknown message all answer 200 and change nothing — a provider retrying a
 *     report we have already applied must not be told to keep trying.
 * 503 only when the database cannot answer (the provider retries, which is right).
 */
const uuid = z.string().uuid()
const StatusInput = z.object({ provider: z.enum(['semaphore', 'twilio', 'movider']) })
const Config = z.object({ providers: z.array(z.object({ provider: z.string(), credentials: z.unknown() })) }).loose()
const Applied = z.object({ applied: z.boolean(), status: z.string().optional(), reason: z.string().optional() }).loose()

const FORGED = 'The delivery report is not signed for this organisation'

/**
 * The URL the provider called, as it saw it — Twilio signs that exact string. SMS_CALLBACK_ORIGIN
 * when set (a proxy in front); else the Host the request came with (`next start` hands route
 * handlers a request.url on its own bound name, e.g. localhost, not the host that was called).
 */
export function publicUrl(request: Request): string {
  const u = new URL(request.url)
  const configured = process.env.SMS_CALLBACK_ORIGIN?.trim().replace(/\/+$/, '')
  if (configured) return `${configured}${u.pathname}${u.search}`
  const host = request.headers.get('x-forwarded-host') ?? request.headers.get('host')
  if (!host) return request.url
  const proto = request.headers.get('x-forwarded-proto')?.split(',')[0]?.trim() || u.protocol.replace(':', '')
  return `${proto}://${host}${u.pathname}${u.search}`
}

export function smsStatusRoute(admin: () => AppClient) {
  return route({
    schema: StatusInput,
    from: 'bytes',
    maxBytes: 64 * 1024,
    auth: 'service',
    serviceClient: admin,
    timeoutMs: 8000,
    onThrow: () => unavailable(),
    run: (input, ctx) => handle(input.provider, ctx),
  })
}

async function handle(provider: ProviderName, ctx: RouteContext) {
  const { supabase, request, signal } = ctx
  const url = new URL(request.url)
  const org = uuid.safeParse(url.searchParams.get('org'))
  const key = url.searchParams.get('key') ?? ''
  if (!org.success || !key) return failWith('WEBHOOK_SIGNATURE_INVALID', FORGED, { status: 401 })

  const check = await supabase.rpc('sms_callback_check', { p_org_id: org.data, p_key: key }).abortSignal(signal)
  if (check.error) return unavailable()
  if (check.data !== true) return failWith('WEBHOOK_SIGNATURE_INVALID', FORGED, { status: 401 })

  const config = await supabase.rpc('sms_provider_config', { p_org_id: org.data }).abortSignal(signal)
  if (config.error) return unavailable()
  const stored = parseRpc(Config, config.data, 'sms_provider_config').providers.find((p) => p.provider === provider)
  const creds = parseCredentials(stored?.credentials)
  if (!creds) return failWith('NOT_FOUND', `This workshop does not send through ${provider}`)

  const body = new TextDecoder().decode(ctx.bytes ?? new Uint8Array())
  const parsed = providers[provider].parseStatusCallback(
    { headers: request.headers, body, url: publicUrl(request) },
    creds,
  )
  if (!parsed.ok) {
    // Twilio's refusals are signature failures; the others' are reports we cannot read
    return provider === 'twilio'
      ? failWith('WEBHOOK_SIGNATURE_INVALID', parsed.reason, { status: 401 })
      : failWith('VALIDATION_FAILED', parsed.reason)
  }
  const messageId = uuid.safeParse(url.searchParams.get('m'))
  const res = await supabase
    .rpc('sms_apply_status', {
      p_org_id: org.data,
      p_provider: provider,
      p_message_id: messageId.success ? messageId.data : undefined,
      p_provider_message_id: parsed.providerMessageId,
      p_status: parsed.status,
      p_provider_status: parsed.providerStatus,
      p_error: parsed.error,
    })
    .abortSignal(signal)
  if (res.error) return unavailable()
  const applied = parseRpc(Applied, res.data, 'sms_apply_status')
  return answer({ ok: true, applied: applied.applied, status: applied.status ?? null, reason: applied.reason ?? null })
}

function unavailable(): Fail {
  return failWith('UNAVAILABLE', 'Temporarily unavailable; send the report again later', { retryAfter: 30 })
}
