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
  /** What a tablet screen last read from the server, to open from with no connection (version 2). */
  snapshots: { key: string; value: Snapshot }
}

/** A screen's last server read, kept per owner (person and workshop) and key (e.g. a count id). */
export interface Snapshot {
  /** `<owner>|<key>` */
  id: string
  owner: string
  /** when the server produced it (ISO): the newer of two copies wins */
  read_at: string
  data: unknown
}

export const SYNC_DB = 'floorline-sync'

let opening: Promise<IDBPDatabase<SyncDb>> | undefined

function db(): Promise<IDBPDatabase<SyncDb>> {
  opening ??= openDB<SyncDb>(SYNC_DB, 2, {
    upgrade(d, oldVersion) {
      if (oldVersion < 1) {
        const entries = d.createObjectStore('entries', { keyPath: 'id' })
        entries.createIndex('by_owner_seq', ['owner', 'seq'])
        d.createObjectStore('meta')
      }
      if (oldVersion < 2) d.createObjectStore('snapshots', { keyPath: 'id' })
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

/**
 * Screens' snapshots in the same database: the count tablet keeps its sheet here
 * (components/stock/use-count-sheet.ts), so a reload with no connection opens the latest sheet it
 * read, not only the copy of the page the service worker kept.
 */
export const snapshotStore = {
  async get(owner: string, key: string): Promise<Snapshot | undefined> {
    return (await db()).get('snapshots', `${owner}|${key}`)
  },
  async put(owner: string, key: string, readAt: string, data: unknown): Promise<void> {
    await (await db()).put('snapshots', { id: `${owner}|${key}`, owner, read_at: readAt, data })
  },
  async delete(owner: string, key: string): Promise<void> {
    await (await db()).delete('snapshots', `${owner}|${key}`)
  },
}
