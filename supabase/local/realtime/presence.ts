import { randomBytes } from 'node:crypto'
import type { Channel } from './channel'
import type { Hub } from './hub'

/**
 * Phoenix Presence as Realtime runs it, for one stack process: each channel tracks at most one
 * meta under its presence key; joins and leaves go out as `presence_diff`, a newly joined (or newly
 * tracking) channel gets `presence_state`.
 */
interface Entry {
  key: string
  meta: Record<string, unknown>
}

type Metas = Record<string, { metas: Record<string, unknown>[] }>

const newRef = () => randomBytes(9).toString('base64url')

export class PresenceRegistry {
  private topics = new Map<string, Map<Channel, Entry>>()

  constructor(private hub: Hub) {}

  state(key: string): Metas {
    const out: Metas = {}
    for (const e of this.topics.get(key)?.values() ?? []) {
      out[e.key] ??= { metas: [] }
      out[e.key].metas.push(e.meta)
    }
    return out
  }

  track(ch: Channel, payload: Record<string, unknown>): void {
    const entries = this.topics.get(ch.key) ?? new Map<Channel, Entry>()
    this.topics.set(ch.key, entries)
    const prev = entries.get(ch)
    const meta: Record<string, unknown> = { ...payload, phx_ref: newRef() }
    if (prev) meta.phx_ref_prev = prev.meta.phx_ref
    entries.set(ch, { key: ch.presenceKey, meta })
    this.diff(ch.key, { [ch.presenceKey]: { metas: [meta] } }, prev ? { [prev.key]: { metas: [prev.meta] } } : {})
  }

  untrack(ch: Channel): void {
    const entries = this.topics.get(ch.key)
    const prev = entries?.get(ch)
    if (!entries || !prev) return
    entries.delete(ch)
    if (entries.size === 0) this.topics.delete(ch.key)
    this.diff(ch.key, {}, { [prev.key]: { metas: [prev.meta] } })
  }

  private diff(key: string, joins: Metas, leaves: Metas): void {
    for (const ch of this.hub.members(key)) {
      if (ch.presenceEnabled && ch.canReadPresence()) ch.push('presence_diff', { joins, leaves })
    }
  }
}
