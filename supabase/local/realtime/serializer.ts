/**
 * Phoenix wire formats as Supabase Realtime speaks them (RealtimeWeb.Socket.V2Serializer):
 *   vsn 1.0.0  text frames, JSON objects {topic, event, payload, ref}
 *   vsn 2.0.0  text frames, JSON arrays [join_ref, ref, topic, event, payload], plus binary frames for
 *              user broadcasts: kind 3 (client → server push) and kind 4 (server → client)
 * realtime-js 2.x connects with vsn=2.0.0 by default.
 */

export type Vsn = '1.0.0' | '2.0.0'
export const SUPPORTED_VSN: readonly Vsn[] = ['1.0.0', '2.0.0']

export interface PhxMessage {
  join_ref: string | null
  ref: string | null
  topic: string
  event: string
  payload: unknown
}

/** A broadcast pushed as binary kind 3: the user payload stays encoded until a recipient needs it. */
export interface UserBroadcastPush {
  join_ref: string | null
  ref: string | null
  topic: string
  event: 'broadcast'
  userEvent: string
  encoding: 'json' | 'binary'
  data: Buffer
  meta: Record<string, unknown>
}

export type Incoming = (PhxMessage & { binary?: false }) | (UserBroadcastPush & { binary: true })

export class DecodeError extends Error {}

const KIND_PUSH = 0
const KIND_USER_BROADCAST_PUSH = 3
const KIND_USER_BROADCAST = 4

export function decode(vsn: Vsn, data: Buffer, isBinary: boolean): Incoming {
  if (isBinary) {
    if (vsn !== '2.0.0') throw new DecodeError('binary frames need vsn 2.0.0')
    return decodeBinary(data)
  }
  let parsed: unknown
  try {
    parsed = JSON.parse(data.toString('utf8'))
  } catch {
    throw new DecodeError('frame is not valid JSON')
  }
  if (vsn === '2.0.0') {
    if (!Array.isArray(parsed) || parsed.length < 5)
      throw new DecodeError('expected V2 array [join_ref, ref, topic, event, payload]')
    const [join_ref, ref, topic, event, payload] = parsed
    return checked({ join_ref: str(join_ref), ref: str(ref), topic, event, payload })
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new DecodeError('expected V1 object')
  const o = parsed as Record<string, unknown>
  return checked({ join_ref: str(o.join_ref), ref: str(o.ref), topic: o.topic, event: o.event, payload: o.payload })
}

function checked(m: {
  join_ref: string | null
  ref: string | null
  topic: unknown
  event: unknown
  payload: unknown
}): Incoming {
  if (typeof m.topic !== 'string' || typeof m.event !== 'string')
    throw new DecodeError('topic and event must be strings')
  return { ...m, topic: m.topic, event: m.event }
}

const str = (v: unknown): string | null => (v === null || v === undefined ? null : String(v))

function decodeBinary(buf: Buffer): Incoming {
  const kind = buf[0]
  if (kind === KIND_USER_BROADCAST_PUSH) {
    if (buf.length < 7) throw new DecodeError('truncated user broadcast frame')
    const [joinRefLen, refLen, topicLen, eventLen, metaLen, encoding] = [buf[1], buf[2], buf[3], buf[4], buf[5], buf[6]]
    let o = 7
    const take = (n: number) => {
      if (o + n > buf.length) throw new DecodeError('truncated user broadcast frame')
      const s = buf.subarray(o, o + n).toString('utf8')
      o += n
      return s
    }
    const join_ref = take(joinRefLen)
    const ref = take(refLen)
    const topic = take(topicLen)
    const userEvent = take(eventLen)
    const metaText = take(metaLen)
    let meta: Record<string, unknown> = {}
    if (metaText) {
      try {
        meta = JSON.parse(metaText)
      } catch {
        throw new DecodeError('user broadcast metadata is not JSON')
      }
    }
    return {
      binary: true,
      join_ref: join_ref || null,
      ref: ref || null,
      topic,
      event: 'broadcast',
      userEvent,
      encoding: encoding === 0 ? 'binary' : 'json',
      data: Buffer.from(buf.subarray(o)),
      meta,
    }
  }
  if (kind === KIND_PUSH) throw new DecodeError('binary pushes are only supported for broadcast')
  throw new DecodeError(`unknown binary frame kind ${kind}`)
}

export function encode(vsn: Vsn, m: PhxMessage): string {
  if (vsn === '2.0.0') return JSON.stringify([m.join_ref, m.ref, m.topic, m.event, m.payload])
  return JSON.stringify({ topic: m.topic, event: m.event, payload: m.payload, ref: m.ref })
}

/** Server → client binary user broadcast (kind 4), vsn 2.0.0 only. */
export function encodeUserBroadcast(
  topic: string,
  userEvent: string,
  encoding: 'json' | 'binary',
  data: Buffer,
  meta?: Record<string, unknown>,
): Buffer {
  const t = Buffer.from(topic, 'utf8')
  const e = Buffer.from(userEvent, 'utf8')
  const m = meta && Object.keys(meta).length ? Buffer.from(JSON.stringify(meta), 'utf8') : Buffer.alloc(0)
  if (t.length > 255 || e.length > 255 || m.length > 255)
    throw new DecodeError('topic, event and metadata must each fit in 255 bytes')
  const head = Buffer.from([KIND_USER_BROADCAST, t.length, e.length, m.length, encoding === 'json' ? 1 : 0])
  return Buffer.concat([head, t, e, m, data])
}
