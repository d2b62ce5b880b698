import type { IncomingMessage, ServerResponse } from 'node:http'
import { HttpError, header, readBody, send } from '../http'
import { topicKey } from './hub'
import { writePolicy } from './policies'
import { MAX_BROADCAST_BYTES, type RealtimeState } from './state'
import { TokenError, type VerifiedToken, verifyRealtimeToken } from './tokens'

/**
 * Realtime's REST broadcast:
 *   POST /api/broadcast                      {messages: [{topic, event, payload, private?}]}
 *   POST /api/broadcast/:topic/events/:event body = payload (JSON, or octet-stream bytes)
 * Both answer 202. Private messages go out only if the caller passes the INSERT policy on
 * realtime.messages for that topic (service_role bypasses RLS); refused ones are dropped silently,
 * as Realtime does.
 */

async function caller(req: IncomingMessage, rt: RealtimeState): Promise<VerifiedToken> {
  const token = header(req, 'authorization')?.replace(/^Bearer\s+/i, '') || header(req, 'apikey')
  if (!token) throw new HttpError(401, { message: 'Unauthorized', error: 'No apikey or Authorization header' })
  try {
    return await verifyRealtimeToken(token, rt.cfg.jwtSecret)
  } catch (e) {
    if (e instanceof TokenError) throw new HttpError(401, { message: 'Unauthorized', error: e.reason })
    throw e
  }
}

interface Msg {
  topic: string
  event: string
  payload: Record<string, unknown>
  private: boolean
}

/** Ecto changeset errors, as Realtime's ChangesetView renders them. */
function validate(body: unknown): Msg[] {
  const b = body as { messages?: unknown } | undefined
  if (!b || typeof b !== 'object' || !Array.isArray(b.messages) || b.messages.length === 0) {
    throw new HttpError(422, { errors: { messages: ["can't be blank"] } })
  }
  let bad = false
  const errors = b.messages.map((m) => {
    const e: Record<string, string[]> = {}
    const o = (m && typeof m === 'object' ? m : {}) as Record<string, unknown>
    for (const k of ['topic', 'event'] as const) {
      if (o[k] === undefined || o[k] === null || o[k] === '') e[k] = ["can't be blank"]
      else if (typeof o[k] !== 'string') e[k] = ['is invalid']
    }
    if (o.payload === undefined || o.payload === null) e.payload = ["can't be blank"]
    else if (typeof o.payload !== 'object' || Array.isArray(o.payload)) e.payload = ['is invalid']
    if (o.private !== undefined && o.private !== null && typeof o.private !== 'boolean') e.private = ['is invalid']
    if (Object.keys(e).length) bad = true
    return e
  })
  if (bad) throw new HttpError(422, { errors: { messages: errors } })
  return (b.messages as Record<string, unknown>[]).map((o) => ({
    topic: o.topic as string,
    event: o.event as string,
    payload: o.payload as Record<string, unknown>,
    private: o.private === true,
  }))
}

function tooBig(payload: unknown, n = Buffer.byteLength(JSON.stringify(payload))): void {
  if (n > MAX_BROADCAST_BYTES) {
    throw new HttpError(413, {
      message: `Payload too large: broadcast payloads are limited to ${MAX_BROADCAST_BYTES} bytes`,
    })
  }
}

async function mayWrite(rt: RealtimeState, who: VerifiedToken, req: IncomingMessage, topic: string): Promise<boolean> {
  const headers: Record<string, string> = {}
  for (const [k, v] of Object.entries(req.headers)) {
    if (!['authorization', 'apikey', 'cookie'].includes(k) && typeof v === 'string') headers[k] = v
  }
  return writePolicy(rt.rdb, { topic, role: who.role, claims: who.claims, headers }, 'broadcast')
}

export async function batchBroadcast(req: IncomingMessage, res: ServerResponse, rt: RealtimeState): Promise<void> {
  const who = await caller(req, rt)
  const raw = await readBody(req)
  let body: unknown
  try {
    body = raw.length ? JSON.parse(raw.toString('utf8')) : undefined
  } catch (e) {
    throw new HttpError(400, { message: `Malformed JSON body: ${(e as Error).message}` })
  }
  const messages = validate(body)
  for (const m of messages) tooBig(m.payload)
  const allowed = new Map<string, boolean>()
  for (const m of messages) {
    if (m.private && !allowed.has(m.topic)) allowed.set(m.topic, await mayWrite(rt, who, req, m.topic))
    if (m.private && !allowed.get(m.topic)) continue
    rt.hub.broadcast(topicKey(m.topic, m.private), {
      kind: 'map',
      payload: { type: 'broadcast', event: m.event, payload: m.payload },
    })
  }
  send(res, 202)
}

export async function singleBroadcast(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  rt: RealtimeState,
  topic: string,
  event: string,
): Promise<void> {
  const who = await caller(req, rt)
  if (url.searchParams.has('persist') || [...url.searchParams.keys()].some((k) => k.startsWith('persist['))) {
    throw new HttpError(501, {
      message: 'Storing broadcast messages (persist) is not supported by the Floorline local stack',
    })
  }
  const isPrivate = url.searchParams.get('private') === 'true'
  const raw = await readBody(req)
  const binary = (header(req, 'content-type') ?? '').startsWith('application/octet-stream')
  tooBig(null, raw.length)
  if (isPrivate && !(await mayWrite(rt, who, req, topic))) return send(res, 202)
  const key = topicKey(topic, isPrivate)
  if (binary) {
    rt.hub.broadcast(key, { kind: 'user', event, encoding: 'binary', data: raw })
  } else {
    let payload: unknown
    try {
      payload = raw.length ? JSON.parse(raw.toString('utf8')) : {}
    } catch (e) {
      throw new HttpError(400, { message: `Malformed JSON body: ${(e as Error).message}` })
    }
    rt.hub.broadcast(key, { kind: 'map', payload: { type: 'broadcast', event, payload } })
  }
  send(res, 202)
}
