import 'server-only'
import { z } from 'zod'
import { dbFail, type Fail, failWith } from '@/lib/errors'
import { type Answer, answer, route } from '@/lib/route'
import { parseRpc } from '@/lib/rpc'
import type { SmsRouteDeps } from '@/lib/sms/api/deps'
import { sendSoon } from '@/lib/sms/api/send'
import { toE164 } from '@/lib/sms/phone'
import type { AppClient } from '@/lib/supabase/types'
import { clientIp, clientIpPolicy } from '@/lib/tracking/rate-limit'
import { jsonSchemaToFields } from '@/lib/workflows/fields'
import { Joined, JoinInfo, TOKEN } from './types'

/**
 * POST /api/q/join (public, docs/virtual-queues.md): a customer joins a queue from the poster's link.
 * multipart/form-data, so the join page's plain HTML form works without JavaScript:
 *   join_token, type_definition_id, phone (optional, as typed), f.<custom field> (the type's fields)
 * → 201 {ticket_token, ticket, path} (JSON callers), or 303 to /q/t/<token> (a browser's form post);
 *   a refusal is its 4xx with the reason under its field, or 303 back to the join page with it.
 * The phone is normalised here with libphonenumber (lib/sms/phone.ts, the workshop's country for
 * numbers without +); the database refuses everything else (closed, full, type not offered, custom
 * fields against the type's JSON Schema) and keeps the limits per address and phone
 * (join_queue_from: the service role, because this route vouches for the client's address).
 * Nothing is written unless the join commits.
 */
const field = z.string().max(2000, 'At most 2000 characters')
export const JoinInput = z
  .object({
    join_token: z.string().trim().regex(TOKEN, 'This queue link is not complete; scan the poster again'),
    type_definition_id: z.string().trim().uuid('Pick what you are here for'),
    phone: z.string().trim().max(40, 'That is too long for a phone number').optional(),
  })
  .catchall(field)
type Input = z.output<typeof JoinInput>

/** Custom-field values from the form's f.<key> entries, typed by the type's schema (numbers, yes/no). */
export function customDataOf(input: Record<string, unknown>, schema: unknown): Record<string, unknown> | Fail {
  const parsed = jsonSchemaToFields(schema)
  const kinds = new Map((parsed.ok ? parsed.value.fields : []).map((f) => [f.key, f.kind]))
  const declared = new Set(Object.keys(propertiesOf(schema)))
  const out: Record<string, unknown> = {}
  for (const [name, raw] of Object.entries(input)) {
    if (!name.startsWith('f.') || typeof raw !== 'string') continue
    const key = name.slice(2)
    // the join page lists every offered type's fields: only the chosen type's go in
    if (declared.size && !declared.has(key)) continue
    const value = raw.trim()
    const kind = kinds.get(key)
    if (kind === 'boolean') {
      out[key] = value === 'on' || value === 'true' || value === 'yes'
      continue
    }
    if (!value) continue
    if (kind === 'number' || kind === 'integer') {
      const n = Number(value)
      if (!Number.isFinite(n) || (kind === 'integer' && !Number.isInteger(n))) {
        const reason = kind === 'integer' ? 'Enter a whole number' : 'Enter a number'
        return failWith('CUSTOM_DATA_INVALID', reason, { status: 422, fieldErrors: { [key]: [reason] } })
      }
      out[key] = n
      continue
    }
    out[key] = value
  }
  return out
}

function propertiesOf(schema: unknown): Record<string, unknown> {
  const p = schema && typeof schema === 'object' ? (schema as { properties?: unknown }).properties : undefined
  return p && typeof p === 'object' ? (p as Record<string, unknown>) : {}
}

function ipOf(headers: Headers): string | null {
  const ip = clientIp(headers, clientIpPolicy())
  return ip === 'unknown' ? null : ip
}

/** A browser's own form post (no script) wants a page, not JSON. */
const wantsPage = (request: Request) => {
  const accept = request.headers.get('accept') ?? ''
  return accept.includes('text/html') && !accept.includes('application/json')
}

export async function joinQueue(
  input: Input,
  { supabase, headers, signal }: { supabase: AppClient; headers: Headers; signal: AbortSignal },
): Promise<{ ok: true; token: string; messageId: string | null; data: z.output<typeof Joined> } | Fail> {
  const infoRes = await supabase.rpc('queue_join_info', { p_join_token: input.join_token }).abortSignal(signal)
  if (infoRes.error) return dbFail(infoRes.error, { p_join_token: 'join_token' }, { aborted: signal.aborted })
  const info = parseRpc(JoinInfo, infoRes.data, 'queue_join_info')
  const type = info.types.find((t) => t.id === input.type_definition_id)
  const custom = customDataOf(input, type?.custom_fields_schema)
  if ('ok' in custom && custom.ok === false) return custom as Fail
  let phone: string | null = null
  if (input.phone) {
    const parsed = toE164(input.phone, info.default_country)
    if (!parsed.ok) {
      return failWith('PHONE_INVALID', parsed.reason, { status: 422, fieldErrors: { phone: [parsed.reason] } })
    }
    phone = parsed.e164
  }
  const res = await supabase
    .rpc('join_queue_from', {
      p_join_token: input.join_token,
      p_type_definition_id: input.type_definition_id,
      p_custom_data: custom as never,
      p_phone: phone ?? undefined,
      p_ip: ipOf(headers) ?? undefined,
    })
    .abortSignal(signal)
  if (res.error) {
    return dbFail(
      res.error,
      { p_phone: 'phone', p_type_definition_id: 'type_definition_id', p_join_token: 'join_token' },
      { aborted: signal.aborted },
    )
  }
  const data = parseRpc(Joined, res.data, 'join_queue_from')
  return { ok: true, token: data.ticket_token, messageId: data.message_id, data }
}

export function queueJoinRoute(deps: SmsRouteDeps) {
  return route({
    schema: JoinInput,
    from: 'form',
    auth: 'service',
    serviceClient: deps.admin,
    maxBytes: 64 * 1024,
    run: async (input, ctx): Promise<Answer> => {
      const page = wantsPage(ctx.request)
      const done = await joinQueue(input, { supabase: ctx.supabase, headers: ctx.request.headers, signal: ctx.signal })
      if (!done.ok) {
        if (!page) return done
        const back = new URLSearchParams({ error: done.message, type: input.type_definition_id })
        const fieldName = Object.keys(done.fieldErrors ?? {})[0]
        if (fieldName) back.set('field', fieldName)
        return answer(done, 303, { location: `/q/${encodeURIComponent(input.join_token)}?${back}` })
      }
      if (done.messageId) sendSoon(deps, [done.messageId], ctx.request.url)
      const path = `/q/t/${done.token}`
      if (page) return answer({ path }, 303, { location: path })
      return answer({ ...done.data, path }, 201)
    },
  })
}
