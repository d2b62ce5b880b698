/** Buckets through supabase-js, their size and type limits, and what the subset refuses (501). */
import { mkdtemp, readdir, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import type { StorageApiError } from '@supabase/supabase-js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestStack, type TestStack } from './harness'
import { jpeg, storageFetch, type User, user } from './storage-helpers'

let t: TestStack
let alice: User
let bob: User
let dir: string
beforeAll(async () => {
  t = await startTestStack()
  dir = await mkdtemp(path.join(os.tmpdir(), 'floorline-storage-buckets-'))
  t.cfg.storageDir = dir
  alice = await user(t)
  bob = await user(t)
})
afterAll(async () => {
  await t?.close()
  if (dir) await rm(dir, { recursive: true, force: true })
})

const files = async () => (await readdir(dir)).filter((f) => !f.startsWith('.'))
const code = (e: unknown) => (e as StorageApiError | null)?.statusCode

describe('bucket management', () => {
  it('creates, reads, updates and lists buckets', async () => {
    const storage = t.service().storage
    const created = await storage.createBucket('scans', {
      public: false,
      fileSizeLimit: '2MB',
      allowedMimeTypes: ['image/jpeg'],
    })
    expect(created).toEqual({ data: { name: 'scans' }, error: null })
    const got = await storage.getBucket('scans')
    expect(got.data).toMatchObject({
      id: 'scans',
      name: 'scans',
      public: false,
      file_size_limit: 2_000_000,
      allowed_mime_types: ['image/jpeg'],
      created_at: expect.any(String),
      updated_at: expect.any(String),
    })
    const upd = await storage.updateBucket('scans', { public: true, allowedMimeTypes: ['image/*'] })
    expect(upd).toEqual({ data: { message: 'Successfully updated' }, error: null })
    expect((await storage.getBucket('scans')).data).toMatchObject({
      public: true,
      file_size_limit: 2_000_000,
      allowed_mime_types: ['image/*'],
    })
    const listed = await storage.listBuckets({ search: 'sca' })
    expect(listed.data?.map((b) => b.id)).toEqual(['scans'])
    const sorted = await storage.listBuckets({ sortColumn: 'name', sortOrder: 'desc', limit: 2 })
    expect(sorted.data?.map((b) => b.id)).toEqual(['shared', 'scans'])
  })

  it('answers Duplicate for an existing bucket and Bucket not found for a missing one', async () => {
    const storage = t.service().storage
    expect(code((await storage.createBucket('photos')).error)).toBe('409')
    const missing = await storage.getBucket('nope')
    expect(code(missing.error)).toBe('404')
    expect(missing.error?.message).toBe('Bucket not found')
    expect(code((await storage.updateBucket('nope', { public: true })).error)).toBe('404')
    expect(code((await storage.deleteBucket('nope')).error)).toBe('404')
  })

  it('refuses invalid bucket names', async () => {
    const r = await storageFetch(t, '/bucket', {
      method: 'POST',
      token: t.cfg.serviceRoleKey,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'bad/name' }),
    })
    expect(await r.json()).toMatchObject({
      statusCode: '400',
      code: 'InvalidBucketName',
      message: 'Bucket name invalid',
    })
  })

  it('deletes only empty buckets; emptyBucket removes the objects and their bytes', async () => {
    const storage = t.service().storage
    await storage.createBucket('to-empty')
    await storage.from('to-empty').upload('a/b.jpg', new Blob([jpeg(4)], { type: 'image/jpeg' }))
    await storage.from('to-empty').upload('c.jpg', new Blob([jpeg(4)], { type: 'image/jpeg' }))
    const notEmpty = await storage.deleteBucket('to-empty')
    expect(code(notEmpty.error)).toBe('409')
    expect(notEmpty.error?.message).toBe('The bucket you tried to delete is not empty')
    const before = (await files()).length
    expect(await storage.emptyBucket('to-empty')).toEqual({ data: { message: 'Successfully emptied' }, error: null })
    expect((await files()).length).toBe(before - 2)
    expect(await storage.deleteBucket('to-empty')).toEqual({ data: { message: 'Successfully deleted' }, error: null })
    expect(code((await storage.getBucket('to-empty')).error)).toBe('404')
  })

  it('emptyBucket reports what the caller could see but not delete', async () => {
    await bob.client.storage.from('shared').upload(`bob/${bob.uid}.txt`, 'b', { contentType: 'text/plain' })
    await alice.client.storage.from('shared').upload(`alice/${alice.uid}.txt`, 'a', { contentType: 'text/plain' })
    const { error } = await alice.client.storage.emptyBucket('shared')
    expect(code(error)).toBe('409')
    expect(error?.message).toMatch(/^Cannot delete: bob\/.*you may have SELECT but not DELETE permissions$/)
    // alice's own object went, bob's stays
    const left = await t.sql<{ name: string }>("select name from storage.objects where bucket_id = 'shared'")
    expect(left.map((r) => r.name)).toEqual([`bob/${bob.uid}.txt`])
  })
})

describe('limits', () => {
  it("refuses a file above the bucket's file_size_limit (413) and keeps nothing", async () => {
    const before = await files()
    const { error } = await alice.client.storage
      .from('limited')
      .upload('big.png', new Blob([jpeg(2048)], { type: 'image/png' }))
    expect(code(error)).toBe('413')
    expect(error?.message).toBe('The object exceeded the maximum allowed size')
    expect((error as StorageApiError).status).toBe(400)
    expect(await files()).toEqual(before)
    expect(await t.sql("select 1 from storage.objects where name = 'big.png'")).toHaveLength(0)
    const raw = await alice.client.storage
      .from('limited')
      .upload('big-raw.png', jpeg(2048), { contentType: 'image/png' })
    expect(code(raw.error)).toBe('413')
    const ok = await alice.client.storage
      .from('limited')
      .upload('small.png', new Blob([jpeg(1024)], { type: 'image/png' }))
    expect(ok.error).toBeNull()
  })

  it('refuses a type outside allowed_mime_types (415); wildcards and parameters are understood', async () => {
    const { error } = await alice.client.storage
      .from('limited')
      .upload('doc.pdf', new Blob([jpeg(10)], { type: 'application/pdf' }))
    expect(code(error)).toBe('415')
    expect(error?.message).toBe('mime type application/pdf is not supported')
    // storage-js sends strings as text/plain;charset=UTF-8, allowed by text/*
    expect((await alice.client.storage.from('limited').upload('note.txt', 'hi')).error).toBeNull()
  })

  it('applies the global limit (default 50 MB, configurable) to every bucket', async () => {
    t.cfg.storageFileSizeLimit = 1000
    try {
      const { error } = await alice.client.storage
        .from('photos')
        .upload(`${alice.uid}/large.jpg`, new Blob([jpeg(1500)], { type: 'image/jpeg' }))
      expect(code(error)).toBe('413')
      const bucket = await t.service().storage.createBucket('too-big', { public: false, fileSizeLimit: 5000 })
      expect(code(bucket.error)).toBe('422')
    } finally {
      t.cfg.storageFileSizeLimit = undefined
    }
    const ok = await alice.client.storage
      .from('photos')
      .upload(`${alice.uid}/large.jpg`, new Blob([jpeg(1500)], { type: 'image/jpeg' }))
    expect(ok.error).toBeNull()
  })
})

describe('outside the subset', () => {
  it('answers image transformations with 501', async () => {
    const { data, error } = await alice.client.storage
      .from('photos')
      .download(`${alice.uid}/large.jpg`, { transform: { width: 100 } })
    expect(data).toBeNull()
    expect((error as StorageApiError).status).toBe(501)
    expect(error?.message).toMatch(/Image transformation.*outside the Storage subset/)
    const signed = await alice.client.storage
      .from('photos')
      .createSignedUrl(`${alice.uid}/large.jpg`, 60, { transform: { width: 10 } })
    expect((signed.error as StorageApiError).status).toBe(501)
  })

  it('answers unknown routes and listV2 with 501 and a clear message', async () => {
    const v2 = await alice.client.storage.from('photos').listV2({ prefix: '' })
    expect((v2.error as StorageApiError).status).toBe(501)
    const r = await storageFetch(t, '/object/tus/whatever', { method: 'PATCH', token: alice.token })
    expect(r.status).toBe(501)
    expect((await r.json()).message).toMatch(/PATCH \/storage\/v1\/object\/tus\/whatever is outside the Storage subset/)
  })
})
