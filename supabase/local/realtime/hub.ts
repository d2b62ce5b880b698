import type { Channel } from './channel'
import type { Connection } from './connection'

/**
 * A broadcast on its way to subscribers, kept in the form it arrived in:
 *   map   a JSON map payload ({type, event, payload, meta?}), relayed as text
 *   user  a binary user broadcast (vsn 2 kind 3 push), relayed as kind 4 to vsn 2 sockets
 */
export type Broadcast =
  | { kind: 'map'; payload: Record<string, unknown> }
  | { kind: 'user'; event: string; encoding: 'json' | 'binary'; data: Buffer }

/** Public and private channels of the same name are different topics, as in Realtime. */
export const topicKey = (subTopic: string, isPrivate: boolean) => `${isPrivate ? 'private' : 'public'}:${subTopic}`

/** Every joined channel in this stack, indexed by topic for fan-out. */
export class Hub {
  readonly connections = new Set<Connection>()
  readonly channels = new Set<Channel>()
  private byTopic = new Map<string, Set<Channel>>()

  add(ch: Channel): void {
    this.channels.add(ch)
    const set = this.byTopic.get(ch.key) ?? new Set<Channel>()
    this.byTopic.set(ch.key, set)
    set.add(ch)
  }

  remove(ch: Channel): void {
    this.channels.delete(ch)
    const set = this.byTopic.get(ch.key)
    set?.delete(ch)
    if (set && set.size === 0) this.byTopic.delete(ch.key)
  }

  members(key: string): Channel[] {
    return [...(this.byTopic.get(key) ?? [])]
  }

  /** Sends to every channel on the topic allowed to read broadcasts, except `from` unless it asked for self. */
  broadcast(key: string, b: Broadcast, from?: Channel): void {
    for (const ch of this.members(key)) {
      if (ch === from && !ch.selfBroadcast) continue
      if (!ch.canReadBroadcast()) continue
      ch.deliverBroadcast(b)
    }
  }

  get hasPostgresSubscribers(): boolean {
    for (const ch of this.channels) if (ch.pgSubs.length) return true
    return false
  }
}
