import type { SyncEntry, SyncStore } from './queue'

/**
 * The sync queue's store in memory: the unit tests', and the device's where IndexedDB cannot be
 * opened (some private browsing modes) — the app still queues, for as long as the page lives.
 */
export function memoryStore(): SyncStore {
  const rows = new Map<string, SyncEntry>()
  let seq = 0
  const clone = <T>(v: T): T => structuredClone(v)
  return {
    list: async (owner) =>
      [...rows.values()]
        .filter((e) => e.owner === owner)
        .sort((a, b) => a.seq - b.seq)
        .map(clone),
    get: async (id) => {
      const e = rows.get(id)
      return e ? clone(e) : undefined
    },
    put: async (e) => void rows.set(e.id, clone(e)),
    delete: async (id) => void rows.delete(id),
    nextSeq: async () => ++seq,
  }
}
