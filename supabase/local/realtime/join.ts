import { randomUUID } from 'node:crypto'
import { isPgError } from '../db/types'
import { Channel, type Policies } from './channel'
import type { Connection } from './connection'
import { bindingId, prepareSubscriptions, SubscriptionError } from './pg-subscriptions'
import { type ReadPolicies, readPolicies } from './policies'
import type { RealtimeState } from './state'
import { TokenError, type VerifiedToken, verifyRealtimeToken } from './tokens'

/** A refused join: the reply is {status: 'error', response: {reason}}. */
export class JoinError extends Error {}

type Obj = Record<string, unknown>
const obj = (v: unknown): Obj => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : {})

export interface Joined {
  channel: Channel
  response: Obj
  /** system messages pushed right after the ok reply (and the presence_state, if enabled) */
  after: Array<{ event: string; payload: unknown }>
}

/**
 * RealtimeWeb.RealtimeChannel.join/3 for this stack: token → private-channel policies →
 * postgres_changes bindings (validated now, so the "Subscribed to PostgreSQL" system message
 * follows the reply) → listening.
 */
export async function joinChannel(
  rt: RealtimeState,
  conn: Connection,
  topic: string,
  joinRef: string | null,
  payload: unknown,
): Promise<Joined> {
  const sub = topic.slice('realtime:'.length)
  if (!sub) throw new JoinError('TopicNameRequired: You must provide a topic name')
  const p = obj(payload)
  const config = obj(p.config)
  const given =
    typeof p.access_token === 'string' ? p.access_token : typeof p.user_token === 'string' ? p.user_token : null
  const token = given && !given.startsWith('sb_') ? given : conn.apikey.token

  let auth: VerifiedToken
  try {
    auth = await verifyRealtimeToken(token, rt.cfg.jwtSecret)
  } catch (e) {
    if (e instanceof TokenError) throw new JoinError(e.reason)
    throw e
  }

  const isPrivate = config.private === true
  const presence = obj(config.presence)
  const broadcast = obj(config.broadcast)
  if (broadcast.replay !== undefined) {
    throw new JoinError(
      isPrivate
        ? 'UnableToReplayMessages: broadcast replay is not supported by the Floorline local stack'
        : 'UnableToReplayMessages: Replay is not allowed for public channels',
    )
  }
  let policies: Policies | null = null
  if (isPrivate) {
    const unauthorized = `Unauthorized: You do not have permissions to read from this Channel topic: ${sub}`
    let read: ReadPolicies
    try {
      read = await readPolicies(rt.rdb, { topic: sub, role: auth.role, claims: auth.claims, headers: conn.headers })
    } catch (e) {
      // a policy that fails to evaluate denies, as Realtime's RlsPolicyError does
      if (isPgError(e)) throw new JoinError(unauthorized)
      throw e
    }
    if (!read.broadcast && !read.presence) throw new JoinError(unauthorized)
    policies = { broadcastRead: read.broadcast, presenceRead: read.presence, broadcastWrite: null, presenceWrite: null }
  }

  const bindings = (Array.isArray(config.postgres_changes) ? config.postgres_changes : []).filter(
    (b): b is Obj => b !== null && typeof b === 'object',
  )
  const after: Joined['after'] = []
  const channel = new Channel(conn, rt, topic, joinRef, auth, {
    isPrivate,
    selfBroadcast: broadcast.self === true,
    ackBroadcast: broadcast.ack === true,
    presenceEnabled: presence.enabled === true && (!policies || policies.presenceRead),
    presenceKey: typeof presence.key === 'string' && presence.key ? presence.key : randomUUID(),
    policies,
  })

  if (bindings.length) {
    const wait = obj(config.postgres_changes_options).wait === true
    try {
      channel.pgSubs = await prepareSubscriptions(rt.rdb, rt.capture, bindings, auth.role)
      after.push({ event: 'system', payload: system('ok', 'Subscribed to PostgreSQL', sub) })
    } catch (e) {
      if (!(e instanceof SubscriptionError)) throw e
      if (wait) throw new JoinError(`RealtimeDisabledForConfiguration: ${e.message}`)
      after.push({ event: 'system', payload: system('error', e.message, sub) })
    }
  }

  rt.hub.add(channel)
  try {
    await rt.capture.prepareListener()
  } catch (e) {
    channel.close(false)
    throw e
  }
  channel.scheduleTokenCheck()
  return {
    channel,
    response: { postgres_changes: bindings.map((b) => ({ ...b, id: bindingId(b) })) },
    after,
  }
}

const system = (status: 'ok' | 'error', message: string, channel: string) => ({
  extension: 'postgres_changes',
  status,
  message,
  channel,
})
