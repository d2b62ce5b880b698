import { type DBSchema, type IDBPDatabase, openDB } from 'idb'
import type { SyncEntry, SyncStore } from './queue'

/**
 * The sync queue on the device: one IndexedDB database (`floorline-sync`, through `idb`), durable
 * across reloads, restarts and crashes, and asked to persist (navigator.storage.persist(),
 * components/common/service-worker.tsx). Each write is its own transaction, so an entry's status on
 * disk is always the last one set.
 */
interface SyncDb extends DBSchema {
  entries: { key: string; value: SyncEntry; indexes: { by_owner_seq: [string, number] } }
  meta: { key: string; value: number }
}

export const SYNC_DB = 'floorline-sync'

let opening: Promise<IDBPDatabase<SyncDb>> | undefined

function db(): Promise<IDBPDatabase<SyncDb>> {
  opening ??= openDB<SyncDb>(SYNC_DB, 1, {
    upgrade(d) {
      const entries = d.createObjectStore('entries', { keyPath: 'id' })
      entries.createIndex('by_owner_seq', ['owner', 'seq'])
      d.createObjectStore('meta')
    },
  }).catch((e) => {
    opening = undefined
    throw e
  })
  return opening
}

export function idbStore(): SyncStore {
  return {
    async list(owner) {
      const d = await db()
      return d.getAllFromIndex(
        'entries',
        'by_owner_seq',
        IDBKeyRange.bound([owner, Number.NEGATIVE_INFINITY], [owner, Number.POSITIVE_INFINITY]),
      )
    },
    get: async (id) => (await db()).get('entries', id),
    put: async (e) => void (await (await db()).put('entries', e)),
    delete: async (id) => (await db()).delete('entries', id),
    async nextSeq() {
      const tx = (await db()).transaction('meta', 'readwrite')
      const n = ((await tx.store.get('seq')) ?? 0) + 1
      await tx.store.put(n, 'seq')
      await tx.done
      return n
    },
  }
}

/** Whether IndexedDB can be used here (it can be missing or blocked in private modes). */
export async function idbAvailable(): Promise<boolean> {
  if (typeof indexedDB === 'undefined') return false
  try {
    await db()
    return true
  } catch {
    return false
  }
}
