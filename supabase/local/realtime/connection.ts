import type { IncomingMessage } from 'node:http'
import WebSocket from 'ws'
import type { Channel } from './channel'
import { JoinError, joinChannel } from './join'
import { DecodeError, decode, encode, type Incoming, type PhxMessage, type Vsn } from './serializer'
import type { RealtimeState } from './state'
import type { VerifiedToken } from './tokens'

/**
 * One WebSocket (Phoenix.Socket): heartbeats, joins and leaves, and routing of channel events.
 * Incoming frames are handled one at a time, in arrival order, so a join finishes before the
 * pushes behind it run; outgoing frames keep the order they are sent in.
 */
export class Connection {
  readonly channels = new Map<string, Channel>()
  readonly headers: Record<string, string>
  private queue: Promise<void> = Promise.resolve()
  private closed = false

  constructor(
    readonly ws: WebSocket,
    readonly vsn: Vsn,
    readonly apikey: VerifiedToken,
    req: IncomingMessage,
    private rt: RealtimeState,
  ) {
    this.headers = safeHeaders(req)
    ws.on('message', (data, isBinary) => {
      const buf = Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as ArrayBuffer)
      this.queue = this.queue
        .then(() => this.receive(buf, isBinary))
        .catch((e) => this.rt.log(`realtime: ${(e as Error).stack ?? e}`))
    })
    ws.on('close', () => this.teardown())
    ws.on('error', () => this.teardown())
  }

  send(m: PhxMessage): void {
    if (this.ws.readyState === WebSocket.OPEN) this.ws.send(encode(this.vsn, m))
  }

  sendBinary(b: Buffer): void {
    if (this.ws.readyState === WebSocket.OPEN) this.ws.send(b, { binary: true })
  }

  /** A channel that closed itself (leave, shutdown) stops being routed to. */
  forget(ch: Channel): void {
    if (this.channels.get(ch.topic) === ch) this.channels.delete(ch.topic)
  }

  close(code = 1001, reason = 'server shutting down'): void {
    this.teardown()
    this.ws.close(code, reason)
  }

  private reply(m: Incoming, status: 'ok' | 'error', response: unknown): void {
    this.send({ join_ref: m.join_ref, ref: m.ref, topic: m.topic, event: 'phx_reply', payload: { status, response } })
  }

  private async receive(buf: Buffer, isBinary: boolean): Promise<void> {
    if (this.closed) return
    let m: Incoming
    try {
      m = decode(this.vsn, buf, isBinary)
    } catch (e) {
      // Phoenix's socket process crashes on an undecodable frame; the client reconnects
      if (e instanceof DecodeError) return this.close(1007, `invalid message: ${e.message}`.slice(0, 120))
      throw e
    }
    try {
      await this.route(m)
    } catch (e) {
      this.rt.log(`realtime: error handling ${m.event} on ${m.topic}: ${(e as Error).stack ?? e}`)
      if (m.ref) this.reply(m, 'error', { reason: 'Internal error in the local stack (see its log)' })
    }
  }

  private async route(m: Incoming): Promise<void> {
    if (m.topic === 'phoenix' && m.event === 'heartbeat') return this.reply(m, 'ok', {})
    if (m.event === 'phx_join') return this.join(m)
    const ch = this.channels.get(m.topic)
    if (!ch || (m.join_ref && ch.joinRef && m.join_ref !== ch.joinRef)) {
      // Phoenix: leaving an unknown topic is fine, anything else is an unmatched topic
      if (m.event === 'phx_leave') return this.reply(m, 'ok', {})
      return this.reply(m, 'error', { reason: 'unmatched topic' })
    }
    if (m.event === 'phx_leave') {
      this.reply(m, 'ok', {})
      return ch.close(true)
    }
    const answer = m.binary ? await ch.handleIn(m.event, undefined, m) : await ch.handleIn(m.event, m.payload)
    if (answer && m.ref) this.reply(m, answer.status, answer.response)
  }

  private async join(m: Incoming): Promise<void> {
    if (!m.topic.startsWith('realtime:')) return this.reply(m, 'error', { reason: 'unmatched topic' })
    // a second join on a topic replaces the first, as Phoenix does
    this.channels.get(m.topic)?.close(true)
    try {
      const { channel, response, after } = await joinChannel(
        this.rt,
        this,
        m.topic,
        m.join_ref ?? m.ref,
        m.binary ? undefined : m.payload,
      )
      if (this.closed) return channel.close(false)
      this.channels.set(m.topic, channel)
      this.reply(m, 'ok', response)
      const state = channel.presenceEnabled
        ? [{ event: 'presence_state', payload: this.rt.presence.state(channel.key) }]
        : []
      channel.open([...state, ...after])
    } catch (e) {
      if (e instanceof JoinError) return this.reply(m, 'error', { reason: e.message })
      throw e
    }
  }

  private teardown(): void {
    if (this.closed) return
    this.closed = true
    for (const ch of [...this.channels.values()]) ch.close(false)
    this.channels.clear()
    this.rt.hub.connections.delete(this)
  }
}

/** Upgrade request headers as request.headers shows them to policies, minus credentials. */
function safeHeaders(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [k, v] of Object.entries(req.headers)) {
    if (
      k === 'authorization' ||
      k === 'apikey' ||
      k === 'x-api-key' ||
      k === 'cookie' ||
      k.startsWith('sec-websocket') ||
      v === undefined
    )
      continue
    out[k] = Array.isArray(v) ? v.join(', ') : v
  }
  return out
}
