import { describe, expect, it } from 'vitest'
import { memoryPhotoStore, type PendingPhoto, photoPath, uploadPendingPhotos } from '@/lib/sync/photo-store'

const photo = (id: string, at: string): PendingPhoto => ({
  id,
  org_id: 'org',
  item_id: 'item',
  path: photoPath('org', 'item', id),
  blob: new Blob(['x']),
  created_at: at,
  attempts: 0,
})

describe('photos taken offline', () => {
  it('have their Storage path before the upload (as the upload route names it)', () => {
    expect(photoPath('o1', 'i1', 'c1')).toBe('o1/i1/c1.jpg')
  })

  it('upload oldest first, leave the device only once uploaded, and stop at the first offline answer', async () => {
    const store = memoryPhotoStore()
    await store.put(photo('b', '2026-12-04T10:01:00Z'))
    await store.put(photo('a', '2026-12-04T10:00:00Z'))
    await store.put(photo('c', '2026-12-04T10:02:00Z'))
    const tried: string[] = []
    const first = await uploadPendingPhotos(store, 'org', async (p) => {
      tried.push(p.id)
      return p.id === 'b' ? 'offline' : 'uploaded'
    })
    expect(tried).toEqual(['a', 'b'])
    expect(first).toEqual({ uploaded: 1, waiting: 2 })
    expect((await store.list('org')).map((p) => [p.id, p.attempts])).toEqual([
      ['b', 1],
      ['c', 0],
    ])
    // the same photo uploaded twice (answer lost the first time) is the same client id, the same path
    const again = await uploadPendingPhotos(store, 'org', async () => 'uploaded')
    expect(again).toEqual({ uploaded: 2, waiting: 0 })
    expect(await store.list('org')).toEqual([])
  })

  it('a refusal keeps the photo for later, and other photos still go', async () => {
    const store = memoryPhotoStore()
    await store.put(photo('a', '2026-12-04T10:00:00Z'))
    await store.put(photo('b', '2026-12-04T10:01:00Z'))
    const r = await uploadPendingPhotos(store, 'org', async (p) => (p.id === 'a' ? 'later' : 'uploaded'))
    expect(r).toEqual({ uploaded: 1, waiting: 1 })
    expect((await store.list('org')).map((p) => p.id)).toEqual(['a'])
    expect(await store.list('other-org')).toEqual([])
  })
})
