import 'server-only'
import { z } from 'zod'
import { type Fail, failWith } from '@/lib/errors'
import { answer, type RouteContext, route } from '@/lib/route'
import { parseRpc } from '@/lib/rpc'
import { parseCredentials } from '@/lib/sms/providers/credentials'
import { parseMoviderInbound, parseTwilioInbound } from '@/lib/sms/providers/inbound'
import type { AppClient } from '@/lib/supabase/types'
import { publicUrl } from './status'

/**
 * POST (or GET) /api/sms/inbound/[provider]?org=<org id>&key=<callback secret> — a customer's reply,
 * from the URL a workshop sets in its provider's console (docs/sms.md §inbound):
 *  1. the URL's key must be the organisation's callback secret (sms_callback_check), else 401;
 *  2. Twilio's X-Twilio-Signature is checked with the organisation's auth token over the URL as
 *     called (401 when forged); Movider signs nothing, so the key is its proof;
 *  3. sms_inbound records the reply once per provider message id and acts on its first word: STOP
 *     and its synonyms write sms_opt_outs (source stop_reply) and withdraw automatic texts, START
 *     lifts the STOP. A replay changes nothing and gets the same answer.
 * Answered in each provider's format: TwiML `<Response/>` for Twilio (no reply of ours: Twilio
 * confirms STOP itself on long codes), `{"status":"OK","detail":""}` for Movider. Semaphore has no
 * inbound messages: 404 with the reason. 503 only when the database cannot answer.
 */
const uuid = z.string().uuid()
const Input = z.object({ provider: z.enum(['semaphore', 'twilio', 'movider']) })
const Config = z.object({ providers: z.array(z.object({ provider: z.string(), credentials: z.unknown() })) }).loose()
const Recorded = z.object({ action: z.enum(['opt_out', 'opt_in', 'help', 'none']), replayed: z.boolean() })
const FORGED = 'The message is not signed for this organisation'
const TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response></Response>'

function inner(admin: () => AppClient) {
  return route({
    schema: Input,
    from: 'bytes',
    maxBytes: 64 * 1024,
    auth: 'service',
    serviceClient: admin,
    timeoutMs: 8000,
    onThrow: () => unavailable(),
    run: (input, ctx) => handle(input.provider, ctx),
  })
}

/** The route, with Twilio's answer turned into TwiML (route() speaks JSON; Twilio wants XML). */
export function smsInboundRoute(admin: () => AppClient) {
  const handler = inner(admin)
  return async (request: Request, context: { params: Promise<{ provider: string }> }): Promise<Response> => {
    const res = await handler(request, context)
    const { provider } = await context.params
    if (provider !== 'twilio' || res.status !== 200) return res
    return new Response(TWIML, { status: 200, headers: { 'content-type': 'text/xml; charset=utf-8' } })
  }
}

async function handle(provider: 'semaphore' | 'twilio' | 'movider', ctx: RouteContext) {
  if (provider === 'semaphore') {
    return failWith('NOT_FOUND', 'Semaphore sends no replies to an app (its API has no inbound messages)', {
      status: 404,
    })
  }
  const { supabase, request, signal } = ctx
  const url = new URL(request.url)
  const org = uuid.safeParse(url.searchParams.get('org'))
  const key = url.searchParams.get('key') ?? ''
  if (!org.success || !key) return failWith('WEBHOOK_SIGNATURE_INVALID', FORGED, { status: 401 })
  const check = await supabase.rpc('sms_callback_check', { p_org_id: org.data, p_key: key }).abortSignal(signal)
  if (check.error) return unavailable()
  if (check.data !== true) return failWith('WEBHOOK_SIGNATURE_INVALID', FORGED, { status: 401 })

  const body = new TextDecoder().decode(ctx.bytes ?? new Uint8Array())
  const req = { headers: request.headers, body, url: publicUrl(request) }
  let parsed: ReturnType<typeof parseMoviderInbound>
  if (provider === 'twilio') {
    const config = await supabase.rpc('sms_provider_config', { p_org_id: org.data }).abortSignal(signal)
    if (config.error) return unavailable()
    const stored = parseRpc(Config, config.data, 'sms_provider_config').providers.find((p) => p.provider === 'twilio')
    const creds = parseCredentials(stored?.credentials)
    if (!creds) return failWith('NOT_FOUND', 'This workshop does not text through Twilio')
    parsed = parseTwilioInbound(req, creds)
  } else {
    parsed = parseMoviderInbound(req)
  }
  if (!parsed.ok) {
    return parsed.forged
      ? failWith('WEBHOOK_SIGNATURE_INVALID', parsed.reason, { status: 401 })
      : failWith('VALIDATION_FAILED', parsed.reason)
  }
  const res = await supabase
    .rpc('sms_inbound', {
      p_org_id: org.data,
      p_provider: provider,
      p_provider_message_id: parsed.providerMessageId,
      p_from: parsed.from,
      p_body: parsed.body,
    })
    .abortSignal(signal)
  if (res.error) return unavailable()
  const recorded = parseRpc(Recorded, res.data, 'sms_inbound')
  // Movider's expected acknowledgement, with what we did for our own logs
  return answer({ status: 'OK', detail: '', action: recorded.action, replayed: recorded.replayed })
}

function unavailable(): Fail {
  return failWith('UNAVAILABLE', 'Temporarily unavailable; send the message again later', { retryAfter: 30 })
}
