import type { Claims } from '../jwt'
import type { Connection } from './connection'
import { type Broadcast, topicKey } from './hub'
import type { PgSubscription } from './pg-subscriptions'
import { type AuthContext, readPolicies, writePolicy } from './policies'
import { encodeUserBroadcast, type PhxMessage, type UserBroadcastPush } from './serializer'
import { MAX_BROADCAST_BYTES, type RealtimeState } from './state'
import { TokenError, verifyRealtimeToken } from './tokens'

export interface ChannelAuth {
  token: string
  role: string
  claims: Claims
  exp: number
}

export interface Policies {
  broadcastRead: boolean
  presenceRead: boolean
  /** null until the first send asks */
  broadcastWrite: boolean | null
  presenceWrite: boolean | null
}

export interface ChannelOptions {
  isPrivate: boolean
  selfBroadcast: boolean
  ackBroadcast: boolean
  presenceEnabled: boolean
  presenceKey: string
  policies: Policies | null
}

/** Realtime caps its token re-check timer at an hour; the timer re-verifies then. */
const MAX_CONFIRM_MS = 60 * 60 * 1000

/** One joined channel (topic) of one connection. */
export class Channel {
  readonly subTopic: string
  readonly key: string
  readonly isPrivate: boolean
  readonly selfBroadcast: boolean
  readonly ackBroadcast: boolean
  presenceEnabled: boolean
  readonly presenceKey: string
  policies: Policies | null
  pgSubs: PgSubscription[] = []
  closed = false
  private confirmTimer?: NodeJS.Timeout
  /** Until the join is answered, whatever reaches the channel waits: the ok reply goes out first. */
  private held: Array<PhxMessage | Buffer> | null = []

  constructor(
    readonly conn: Connection,
    readonly rt: RealtimeState,
    readonly topic: string,
    readonly joinRef: string | null,
    public auth: ChannelAuth,
    o: ChannelOptions,
  ) {
    this.subTopic = topic.slice('realtime:'.length)
    this.isPrivate = o.isPrivate
    this.key = topicKey(this.subTopic, o.isPrivate)
    this.selfBroadcast = o.selfBroadcast
    this.ackBroadcast = o.ackBroadcast
    this.presenceEnabled = o.presenceEnabled
    this.presenceKey = o.presenceKey
    this.policies = o.policies
  }

  /** `fastlane` messages (broadcasts, changes, diffs) travel without a join_ref, as in Realtime. */
  push(event: string, payload: unknown, fastlane = event !== 'system' && event !== 'presence_state'): void {
    this.out({ join_ref: fastlane ? null : this.joinRef, ref: null, topic: this.topic, event, payload })
  }

  private out(m: PhxMessage | Buffer): void {
    if (this.closed) return
    if (this.held) this.held.push(m)
    else if (Buffer.isBuffer(m)) this.conn.sendBinary(m)
    else this.conn.send(m)
  }

  /** Called right after the join reply: sends `first` (presence state, system notices), then what arrived meanwhile. */
  open(first: Array<{ event: string; payload: unknown }>): void {
    const held = this.held ?? []
    this.held = null
    for (const f of first) this.push(f.event, f.payload)
    for (const m of held) this.out(m)
  }

  canReadBroadcast(): boolean {
    return !this.policies || this.policies.broadcastRead
  }

  canReadPresence(): boolean {
    return !this.policies || this.policies.presenceRead
  }

  authContext(auth = this.auth): AuthContext {
    return { topic: this.subTopic, role: auth.role, claims: auth.claims, headers: this.conn.headers }
  }

  deliverBroadcast(b: Broadcast): void {
    if (this.closed) return
    if (b.kind === 'map') this.push('broadcast', b.payload)
    else if (this.conn.vsn === '2.0.0') this.out(encodeUserBroadcast(this.topic, b.event, b.encoding, b.data))
    // vsn 1.0.0 cannot carry binary payloads (Realtime drops them too)
    else if (b.encoding === 'json') {
      this.push('broadcast', { type: 'broadcast', event: b.event, payload: JSON.parse(b.data.toString('utf8')) })
    }
  }

  /** Starts (or restarts) the timer that closes the channel when its token expires. */
  scheduleTokenCheck(): void {
    clearTimeout(this.confirmTimer)
    const ms = Math.min(MAX_CONFIRM_MS, Math.max(0, this.auth.exp * 1000 - Date.now()))
    this.confirmTimer = setTimeout(() => void this.confirmToken(), ms)
    this.confirmTimer.unref()
  }

  private async confirmToken(): Promise<void> {
    try {
      await verifyRealtimeToken(this.auth.token, this.rt.cfg.jwtSecret)
      this.scheduleTokenCheck()
    } catch (e) {
      this.shutdown(e instanceof TokenError ? e.message : String(e))
    }
  }

  /** Client → server events on a joined channel. Returns the reply, or undefined for none. */
  async handleIn(
    event: string,
    payload: unknown,
    raw?: UserBroadcastPush,
  ): Promise<{ status: 'ok' | 'error'; response: Record<string, unknown> } | undefined> {
    switch (event) {
      case 'broadcast':
        return this.onBroadcast(payload, raw)
      case 'presence':
        return this.onPresence(payload)
      case 'access_token':
        await this.onAccessToken(payload)
        return undefined
      default:
        // Realtime ignores (and only logs) anything else
        return undefined
    }
  }

  private async allowedToWrite(extension: 'broadcast' | 'presence'): Promise<boolean> {
    if (!this.policies) return true
    const k = extension === 'broadcast' ? 'broadcastWrite' : 'presenceWrite'
    if (this.policies[k] === null) this.policies[k] = await writePolicy(this.rt.rdb, this.authContext(), extension)
    return this.policies[k] === true
  }

  private async onBroadcast(payload: unknown, raw?: UserBroadcastPush) {
    if (raw?.meta && 'persist' in raw.meta) {
      return {
        status: 'error' as const,
        response: { error: 'Storing broadcast messages (persist) is not supported by the Floorline local stack' },
      }
    }
    // private channels without write permission: dropped without a reply, as Realtime does
    if (!(await this.allowedToWrite('broadcast'))) return undefined
    if (raw?.encoding === 'json') {
      try {
        JSON.parse(raw.data.toString('utf8'))
      } catch {
        return {
          status: 'error' as const,
          response: { reason: 'broadcast payload is marked JSON but is not valid JSON' },
        }
      }
    }
    const size = raw ? raw.data.length : Buffer.byteLength(JSON.stringify(payload ?? null))
    if (size > MAX_BROADCAST_BYTES) {
      return this.ackBroadcast ? { status: 'error' as const, response: { reason: 'payload_size_exceeded' } } : undefined
    }
    const b: Broadcast = raw
      ? { kind: 'user', event: raw.userEvent, encoding: raw.encoding, data: raw.data }
      : { kind: 'map', payload: payload as Record<string, unknown> }
    this.rt.hub.broadcast(this.key, b, this)
    return this.ackBroadcast ? { status: 'ok' as const, response: {} } : undefined
  }

  private async onPresence(payload: unknown) {
    const p = (payload ?? {}) as { event?: unknown; payload?: unknown }
    if (!(await this.allowedToWrite('presence'))) return { status: 'error' as const, response: {} }
    if (p.event === 'untrack') {
      this.rt.presence.untrack(this)
      return { status: 'ok' as const, response: {} }
    }
    if (p.event !== 'track')
      return { status: 'error' as const, response: { reason: `unknown presence event ${String(p.event)}` } }
    if (!p.payload || typeof p.payload !== 'object' || Array.isArray(p.payload)) {
      return { status: 'error' as const, response: { reason: 'Presence track payload must be a map' } }
    }
    if (!this.presenceEnabled && this.canReadPresence()) {
      // tracking turns presence on for this channel: it never got the join-time state, send it now
      this.presenceEnabled = true
      setImmediate(() => this.push('presence_state', this.rt.presence.state(this.key)))
    }
    this.rt.presence.track(this, p.payload as Record<string, unknown>)
    return { status: 'ok' as const, response: {} }
  }

  private async onAccessToken(payload: unknown): Promise<void> {
    const token = (payload as { access_token?: unknown } | null)?.access_token
    if (typeof token !== 'string' || token.startsWith('sb_') || token === this.auth.token) return
    let next: ChannelAuth
    try {
      next = await verifyRealtimeToken(token, this.rt.cfg.jwtSecret)
    } catch (e) {
      if (!(e instanceof TokenError)) throw e
      // Realtime answers a bad signature here with the inspected error atom
      return this.shutdown(e.kind === 'signature' ? ':signature_error' : e.message)
    }
    if (this.policies) {
      const before = this.policies
      let after: { broadcast: boolean; presence: boolean }
      try {
        after = await readPolicies(this.rt.rdb, this.authContext(next))
      } catch {
        after = { broadcast: false, presence: false }
      }
      if (!after.broadcast && !after.presence) {
        return this.shutdown(`You do not have permissions to read from this Channel topic: ${this.subTopic}`)
      }
      if ((before.broadcastRead && !after.broadcast) || (before.presenceRead && !after.presence)) {
        return this.shutdown(`You no longer have permission to read from this Channel topic: ${this.subTopic}`)
      }
      this.policies = {
        broadcastRead: after.broadcast,
        presenceRead: after.presence,
        broadcastWrite: null,
        presenceWrite: null,
      }
    }
    this.auth = next
    this.scheduleTokenCheck()
  }

  /** Realtime's shutdown_response: a system error on the channel, then the channel closes. */
  shutdown(message: string): void {
    if (this.closed) return
    this.push('system', { extension: 'system', status: 'error', message, channel: this.subTopic })
    this.close(true)
  }

  /** Leaves the topic; with `notify`, tells the client with phx_close (what Phoenix sends when a channel stops). */
  close(notify: boolean): void {
    if (this.closed) return
    this.closed = true
    this.rt.presence.untrack(this)
    clearTimeout(this.confirmTimer)
    this.rt.hub.remove(this)
    this.conn.forget(this)
    if (notify)
      this.conn.send({ join_ref: this.joinRef, ref: this.joinRef, topic: this.topic, event: 'phx_close', payload: {} })
  }
}
