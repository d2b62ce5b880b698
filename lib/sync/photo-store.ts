import { type DBSchema, type IDBPDatabase, openDB } from 'idb'

/**
 * Photos taken without a connection (issue 12): the compressed blob waits on the device, in its own
 * IndexedDB database (`floorline-photos`), until it is uploaded. Its Storage path is known before the
 * upload — `<org_id>/<item_id>/<client id>.jpg` (app/api/disco/upload-photo) — so the action that
 * names it can be queued at once; the upload goes first on every flush (use-outbox), under the same
 * client id as its idempotency key, so a retried upload is the same object, never a second one.
 */
export interface PendingPhoto {
  /** The client id: the upload's idempotency key and the file's name. */
  id: string
  org_id: string
  item_id: string
  path: string
  blob: Blob
  created_at: string
  attempts: number
}

interface PhotoDb extends DBSchema {
  photos: { key: string; value: PendingPhoto; indexes: { by_org: string } }
}

export const PHOTO_DB = 'floorline-photos'

/** Where the server will keep a photo uploaded under this client id (mirrors the upload route). */
export const photoPath = (orgId: string, itemId: string, clientId: string) => `${orgId}/${itemId}/${clientId}.jpg`

export interface PhotoStore {
  put(p: PendingPhoto): Promise<void>
  list(orgId: string): Promise<PendingPhoto[]>
  delete(id: string): Promise<void>
}

let opening: Promise<IDBPDatabase<PhotoDb>> | undefined
function db(): Promise<IDBPDatabase<PhotoDb>> {
  opening ??= openDB<PhotoDb>(PHOTO_DB, 1, {
    upgrade(d) {
      d.createObjectStore('photos', { keyPath: 'id' }).createIndex('by_org', 'org_id')
    },
  }).catch((e) => {
    opening = undefined
    throw e
  })
  return opening
}

export function idbPhotoStore(): PhotoStore {
  return {
    async put(p) {
      await (await db()).put('photos', p)
    },
    async list(orgId) {
      const all = await (await db()).getAllFromIndex('photos', 'by_org', orgId)
      return all.sort((a, b) => a.created_at.localeCompare(b.created_at))
    },
    async delete(id) {
      await (await db()).delete('photos', id)
    },
  }
}

export function memoryPhotoStore(): PhotoStore {
  const m = new Map<string, PendingPhoto>()
  return {
    async put(p) {
      m.set(p.id, p)
    },
    async list(orgId) {
      return [...m.values()].filter((p) => p.org_id === orgId).sort((a, b) => a.created_at.localeCompare(b.created_at))
    },
    async delete(id) {
      m.delete(id)
    },
  }
}

export type UploadOutcome = 'uploaded' | 'offline' | 'later'

/**
 * Uploads the waiting photos of a workshop, oldest first, until one cannot go now. A photo leaves the
 * device only once the server has it (an upload answered, or its object already there). Returns how
 * many were uploaded and how many still wait.
 */
export async function uploadPendingPhotos(
  store: PhotoStore,
  orgId: string,
  upload: (p: PendingPhoto) => Promise<UploadOutcome>,
): Promise<{ uploaded: number; waiting: number }> {
  const waiting = await store.list(orgId)
  let uploaded = 0
  for (const p of waiting) {
    const r = await upload(p)
    if (r === 'uploaded') {
      await store.delete(p.id)
      uploaded++
      continue
    }
    await store.put({ ...p, attempts: p.attempts + 1 })
    if (r === 'offline') break
  }
  return { uploaded, waiting: waiting.length - uploaded }
}
