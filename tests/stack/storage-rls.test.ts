/** Storage authorisation is the RLS on storage.objects / storage.buckets, decided by Postgres. */
import { mkdtemp, readdir, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import type { StorageApiError } from '@supabase/supabase-js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestStack, type TestStack } from './harness'
import { bytesOf, jpeg, storageFetch, type User, user } from './storage-helpers'

let t: TestStack
let alice: User
let bob: User
let dir: string
beforeAll(async () => {
  t = await startTestStack()
  // the module opens its folder at the first request, so the test can watch the bytes on disk
  dir = await mkdtemp(path.join(os.tmpdir(), 'floorline-storage-rls-'))
  t.cfg.storageDir = dir
  alice = await user(t)
  bob = await user(t)
})
afterAll(async () => {
  await t?.close()
  if (dir) await rm(dir, { recursive: true, force: true })
})

const files = async () => (await readdir(dir)).filter((f) => !f.startsWith('.'))
const denied = (e: unknown) => {
  const err = e as StorageApiError
  expect(err.statusCode).toBe('403')
  expect(err.message).toBe('new row violates row-level security policy')
  expect(err.status).toBe(400)
}

describe('objects', () => {
  it('a user writes in their own folder; nobody else reads it', async () => {
    const path = `${alice.uid}/station-photo.jpg`
    const up = await alice.client.storage.from('photos').upload(path, new Blob([jpeg(40)], { type: 'image/jpeg' }))
    expect(up.error).toBeNull()
    expect(await bytesOf((await alice.client.storage.from('photos').download(path)).data)).toEqual([...jpeg(40)])

    const asBob = await bob.client.storage.from('photos').download(path)
    expect((asBob.error as StorageApiError).statusCode).toBe('404')
    const asAnon = await t.anon().storage.from('photos').download(path)
    // no valid user: a private bucket is not even admitted to exist
    expect(asAnon.error).not.toBeNull()
    expect((await bob.client.storage.from('photos').list(alice.uid)).data).toEqual([])
    expect((await bob.client.storage.from('photos').createSignedUrl(path, 60)).error?.message).toBe('Object not found')
    expect((await alice.client.storage.from('photos').list(alice.uid)).data?.map((o) => o.name)).toEqual([
      'station-photo.jpg',
    ])
  })

  it("refuses writes into someone else's folder, leaving nothing on disk", async () => {
    const before = await files()
    const { error } = await bob.client.storage
      .from('photos')
      .upload(`${alice.uid}/intruder.jpg`, new Blob([jpeg(10)], { type: 'image/jpeg' }))
    denied(error)
    expect(await files()).toEqual(before)
    const rows = await t.sql('select 1 from storage.objects where name = $1', [`${alice.uid}/intruder.jpg`])
    expect(rows).toHaveLength(0)
  })

  it('reports a refusal decided before a large body was read (not a network error)', async () => {
    const big = new Blob([new Uint8Array(3 * 1024 * 1024)], { type: 'image/jpeg' })
    const { error } = await bob.client.storage.from('photos').upload(`${alice.uid}/big-intruder.jpg`, big)
    denied(error)
    // and the connection is still good for the next request
    expect((await bob.client.storage.from('photos').list(bob.uid)).error).toBeNull()
  })

  it('anon cannot upload', async () => {
    const { error } = await t
      .anon()
      .storage.from('public-assets')
      .upload('anon.png', new Blob([jpeg(3)]))
    denied(error)
  })

  it('upsert needs UPDATE too: a bucket with insert-only policies refuses it', async () => {
    const p = `insert-only-${alice.uid}.png`
    const bucket = alice.client.storage.from('public-assets')
    expect((await bucket.upload(p, new Blob([jpeg(3, 1)], { type: 'image/png' }))).error).toBeNull()
    const before = await files()
    const again = await bucket.upload(p, new Blob([jpeg(3, 2)], { type: 'image/png' }), { upsert: true })
    expect((again.error as StorageApiError).statusCode).toBe('403')
    expect(await files()).toEqual(before)
    expect(await bytesOf((await bucket.download(p)).data)).toEqual([...jpeg(3, 1)])
  })

  it("moving out of one's own folder is refused by the update policy; remove only touches one's own", async () => {
    const src = `${alice.uid}/keep.jpg`
    await alice.client.storage.from('photos').upload(src, new Blob([jpeg(5)], { type: 'image/jpeg' }))
    denied((await alice.client.storage.from('photos').move(src, `${bob.uid}/stolen.jpg`)).error)
    // bob cannot see it, so removing it deletes nothing
    const removed = await bob.client.storage.from('photos').remove([src])
    expect(removed.error).toBeNull()
    expect(removed.data).toEqual([])
    expect((await alice.client.storage.from('photos').download(src)).error).toBeNull()
  })

  it('shared bucket: both read, only the owner deletes (SELECT without DELETE)', async () => {
    const p = `notes/${alice.uid}.txt`
    expect(
      (await alice.client.storage.from('shared').upload(p, 'hello', { contentType: 'text/plain' })).error,
    ).toBeNull()
    expect(await (await bob.client.storage.from('shared').download(p)).data?.text()).toBe('hello')
    expect((await bob.client.storage.from('shared').remove([p])).data).toEqual([])
    const mine = await alice.client.storage.from('shared').remove([p])
    expect(mine.data?.map((o) => o.name)).toEqual([p])
  })

  it('the service role bypasses RLS', async () => {
    const p = `${alice.uid}/from-service.jpg`
    const service = t.service().storage.from('photos')
    expect((await service.upload(p, new Blob([jpeg(8)], { type: 'image/jpeg' }))).error).toBeNull()
    expect(await bytesOf((await service.download(p)).data)).toEqual([...jpeg(8)])
    expect((await alice.client.storage.from('photos').download(p)).error).toBeNull()
    const [row] = await t.sql<{ owner: string | null }>('select owner from storage.objects where name = $1', [p])
    expect(row.owner).toBeNull()
  })

  it("records the uploader as owner / owner_id (the JWT's sub)", async () => {
    const p = `${alice.uid}/owned.jpg`
    await alice.client.storage.from('photos').upload(p, new Blob([jpeg(2)], { type: 'image/jpeg' }))
    const [row] = await t.sql<{ owner: string; owner_id: string; path_tokens: string }>(
      'select owner::text, owner_id, path_tokens::text from storage.objects where name = $1',
      [p],
    )
    expect(row).toEqual({ owner: alice.uid, owner_id: alice.uid, path_tokens: `{${alice.uid},owned.jpg}` })
  })

  it('a removed object leaves no bytes behind', async () => {
    const p = `${alice.uid}/temp.jpg`
    await alice.client.storage.from('photos').upload(p, new Blob([jpeg(6)], { type: 'image/jpeg' }))
    const [row] = await t.sql<{ version: string }>('select version from storage.objects where name = $1', [p])
    expect(await files()).toContain(row.version)
    await alice.client.storage.from('photos').remove([p])
    expect(await files()).not.toContain(row.version)
  })
})

describe('authentication', () => {
  it('refuses a bad JWT on authenticated routes with 403 AccessDenied', async () => {
    const r = await storageFetch(t, '/object/list/photos', {
      method: 'POST',
      token: 'not-a-jwt',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ prefix: '' }),
    })
    expect(r.status).toBe(400)
    expect(await r.json()).toEqual({
      statusCode: '403',
      code: 'AccessDenied',
      error: 'Unauthorized',
      message: 'jwt malformed',
    })
    const none = await storageFetch(t, '/bucket')
    expect((await none.json()).message).toBe('jwt must be provided')
  })
})

describe('buckets', () => {
  it('users see buckets through the select policy but cannot create them; anon sees none', async () => {
    const { data } = await alice.client.storage.listBuckets()
    expect(data?.map((b) => b.id).sort()).toEqual(['limited', 'photos', 'public-assets', 'shared'])
    expect((await t.anon().storage.listBuckets()).data).toEqual([])
    denied((await alice.client.storage.createBucket('mine')).error)
    const { error } = await t.service().storage.createBucket('service-made', { public: true })
    expect(error).toBeNull()
  })
})
