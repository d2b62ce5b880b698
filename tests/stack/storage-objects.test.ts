/** /storage/v1 objects through supabase-js `storage.from(bucket)`: the everyday calls and their errors. */
import { StorageApiError } from '@supabase/supabase-js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestStack, type TestStack } from './harness'
import { bytesOf, jpeg, rawRequest, storageFetch, type User, user } from './storage-helpers'

let t: TestStack
let alice: User
beforeAll(async () => {
  t = await startTestStack()
  alice = await user(t)
})
afterAll(async () => {
  await t?.close()
})

const photos = () => alice.client.storage.from('photos')

describe('upload and download', () => {
  it('uploads a Blob (multipart) and downloads the same bytes and type', async () => {
    const body = jpeg(300)
    const path = `${alice.uid}/scan-1.jpg`
    const { data, error } = await photos().upload(path, new Blob([body], { type: 'image/jpeg' }))
    expect(error).toBeNull()
    expect(data).toEqual({ path, id: expect.any(String), fullPath: `photos/${path}` })
    const down = await photos().download(path)
    expect(down.error).toBeNull()
    expect(down.data?.type).toBe('image/jpeg')
    expect(await bytesOf(down.data)).toEqual([...body])
  })

  it('uploads raw bytes with contentType and cacheControl, served back as headers', async () => {
    const body = jpeg(100, 7)
    const path = `${alice.uid}/raw.png`
    const up = await photos().upload(path, body, { contentType: 'image/png', cacheControl: '60' })
    expect(up.error).toBeNull()
    const r = await storageFetch(t, `/object/photos/${path}`, { token: alice.token })
    expect(r.status).toBe(200)
    expect(r.headers.get('content-type')).toBe('image/png')
    expect(r.headers.get('cache-control')).toBe('max-age=60')
    expect(r.headers.get('content-length')).toBe('100')
    expect(r.headers.get('etag')).toMatch(/^"[0-9a-f]{32}"$/)
    expect(r.headers.get('last-modified')).toMatch(/GMT$/)
    expect([...new Uint8Array(await r.arrayBuffer())]).toEqual([...body])
    // the authenticated route and HEAD answer the same object
    const auth = await storageFetch(t, `/object/authenticated/photos/${path}`, { token: alice.token })
    expect(auth.status).toBe(200)
    const head = await storageFetch(t, `/object/photos/${path}`, { token: alice.token, method: 'HEAD' })
    expect(head.status).toBe(200)
    expect(head.headers.get('content-length')).toBe('100')
    expect(head.headers.get('etag')).toBe(r.headers.get('etag'))
  })

  it('serves byte ranges and honours If-None-Match', async () => {
    const path = `${alice.uid}/range.bin`
    await photos().upload(path, new Uint8Array([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]), {
      contentType: 'application/octet-stream',
    })
    const r = await storageFetch(t, `/object/photos/${path}`, { token: alice.token, headers: { range: 'bytes=2-4' } })
    expect(r.status).toBe(206)
    expect(r.headers.get('content-range')).toBe('bytes 2-4/10')
    expect([...new Uint8Array(await r.arrayBuffer())]).toEqual([2, 3, 4])
    const full = await storageFetch(t, `/object/photos/${path}`, { token: alice.token })
    const etag = full.headers.get('etag') ?? ''
    await full.arrayBuffer()
    const again = await storageFetch(t, `/object/photos/${path}`, {
      token: alice.token,
      headers: { 'if-none-match': etag },
    })
    expect(again.status).toBe(304)
  })

  it('keeps user metadata and reports info() / exists()', async () => {
    const path = `${alice.uid}/meta.jpg`
    const up = await photos().upload(path, new Blob([jpeg(10)], { type: 'image/jpeg' }), {
      metadata: { station: 'saw-1', operator: 42 },
    })
    expect(up.error).toBeNull()
    const info = await photos().info(path)
    expect(info.error).toBeNull()
    expect(info.data).toMatchObject({
      name: path,
      bucketId: 'photos',
      size: 10,
      contentType: 'image/jpeg',
      cacheControl: 'max-age=3600',
      metadata: { station: 'saw-1', operator: 42 },
    })
    expect((await photos().exists(path)).data).toBe(true)
    const missing = await photos().exists(`${alice.uid}/nope.jpg`)
    expect(missing.data).toBe(false)
  })

  it('answers a missing object the way Storage does: HTTP 400, statusCode 404, not_found', async () => {
    const { data, error } = await photos().download(`${alice.uid}/does-not-exist.jpg`)
    expect(data).toBeNull()
    expect(error).toBeInstanceOf(StorageApiError)
    const e = error as StorageApiError
    expect(e.status).toBe(400)
    expect(e.statusCode).toBe('404')
    expect(e.message).toBe('Object not found')
    const raw = await storageFetch(t, `/object/photos/${alice.uid}/does-not-exist.jpg`, { token: alice.token })
    expect(await raw.json()).toEqual({
      statusCode: '404',
      code: 'NoSuchKey',
      error: 'not_found',
      message: 'Object not found',
    })
  })

  it('answers a missing bucket with Bucket not found', async () => {
    const { error } = await alice.client.storage.from('no-such-bucket').upload('x.txt', 'hello')
    expect((error as StorageApiError).statusCode).toBe('404')
    expect(error?.message).toBe('Bucket not found')
  })
})

describe('upsert and update', () => {
  it('refuses a second upload to the same path with Duplicate (409) unless upsert', async () => {
    const path = `${alice.uid}/dup.jpg`
    expect((await photos().upload(path, new Blob([jpeg(5, 1)], { type: 'image/jpeg' }))).error).toBeNull()
    const dup = await photos().upload(path, new Blob([jpeg(5, 2)], { type: 'image/jpeg' }))
    expect((dup.error as StorageApiError).statusCode).toBe('409')
    expect(dup.error?.message).toBe('The resource already exists')
    expect((dup.error as StorageApiError).status).toBe(400)
    const up = await photos().upload(path, new Blob([jpeg(6, 3)], { type: 'image/jpeg' }), { upsert: true })
    expect(up.error).toBeNull()
    expect(await bytesOf((await photos().download(path)).data)).toEqual([...jpeg(6, 3)])
  })

  it('update() replaces an existing object and refuses a missing one', async () => {
    const path = `${alice.uid}/upd.txt`
    await photos().upload(path, 'v1', { contentType: 'text/plain' })
    const u = await photos().update(path, 'version two', { contentType: 'text/plain' })
    expect(u.error).toBeNull()
    expect(await (await photos().download(path)).data?.text()).toBe('version two')
    const missing = await photos().update(`${alice.uid}/never.txt`, 'x')
    expect((missing.error as StorageApiError).statusCode).toBe('404')
  })
})

describe('list', () => {
  it('lists one level: folders first-class, names relative to the prefix, search and paging', async () => {
    const base = `${alice.uid}/list`
    for (const name of ['b.jpg', 'a.jpg', 'C.jpg', 'sub/x.jpg', 'sub/deeper/y.jpg']) {
      const r = await photos().upload(`${base}/${name}`, new Blob([jpeg(4)], { type: 'image/jpeg' }))
      expect(r.error).toBeNull()
    }
    const { data, error } = await photos().list(base)
    expect(error).toBeNull()
    expect(data?.map((o) => o.name)).toEqual(['a.jpg', 'b.jpg', 'C.jpg', 'sub'])
    const folder = data?.find((o) => o.name === 'sub')
    expect(folder).toMatchObject({ id: null, metadata: null })
    const file = data?.find((o) => o.name === 'a.jpg')
    expect(file?.metadata).toMatchObject({ size: 4, mimetype: 'image/jpeg' })
    expect(file?.id).toEqual(expect.any(String))

    const page = await photos().list(base, { limit: 2, offset: 1 })
    expect(page.data?.map((o) => o.name)).toEqual(['b.jpg', 'C.jpg'])
    const desc = await photos().list(base, { sortBy: { column: 'name', order: 'desc' } })
    expect(desc.data?.map((o) => o.name)).toEqual(['sub', 'C.jpg', 'b.jpg', 'a.jpg'])
    const search = await photos().list(base, { search: 'b' })
    expect(search.data?.map((o) => o.name)).toEqual(['b.jpg'])
    const sub = await photos().list(`${base}/sub`)
    expect(sub.data?.map((o) => o.name)).toEqual(['deeper', 'x.jpg'])
  })
})

describe('move, copy, remove', () => {
  it('moves an object: the old path is gone, the new one has the bytes', async () => {
    const from = `${alice.uid}/mv-src.jpg`
    const to = `${alice.uid}/moved/mv-dst.jpg`
    await photos().upload(from, new Blob([jpeg(12, 5)], { type: 'image/jpeg' }))
    const { data, error } = await photos().move(from, to)
    expect(error).toBeNull()
    expect(data?.message).toBe('Successfully moved')
    expect((await photos().download(from)).error?.message).toBe('Object not found')
    expect(await bytesOf((await photos().download(to)).data)).toEqual([...jpeg(12, 5)])
    const missing = await photos().move(`${alice.uid}/nothing.jpg`, `${alice.uid}/x.jpg`)
    expect((missing.error as StorageApiError).statusCode).toBe('404')
  })

  it('copies an object, keeping both; copying onto an existing path is a Duplicate', async () => {
    const from = `${alice.uid}/cp-src.jpg`
    const to = `${alice.uid}/cp-dst.jpg`
    await photos().upload(from, new Blob([jpeg(9, 9)], { type: 'image/jpeg' }), { metadata: { k: 'v' } })
    const { data, error } = await photos().copy(from, to)
    expect(error).toBeNull()
    expect(data).toEqual({ path: `photos/${to}` })
    expect(await bytesOf((await photos().download(from)).data)).toEqual([...jpeg(9, 9)])
    expect(await bytesOf((await photos().download(to)).data)).toEqual([...jpeg(9, 9)])
    expect((await photos().info(to)).data?.metadata).toEqual({ k: 'v' })
    const again = await photos().copy(from, to)
    expect((again.error as StorageApiError).statusCode).toBe('409')
  })

  it('removes several objects and answers the rows it deleted', async () => {
    const paths = [`${alice.uid}/rm-1.jpg`, `${alice.uid}/rm-2.jpg`]
    for (const p of paths) await photos().upload(p, new Blob([jpeg(3)], { type: 'image/jpeg' }))
    const { data, error } = await photos().remove([...paths, `${alice.uid}/rm-missing.jpg`])
    expect(error).toBeNull()
    expect(data?.map((o) => o.name).sort()).toEqual(paths)
    expect(data?.[0]).toMatchObject({ bucket_id: 'photos', owner_id: alice.uid })
    for (const p of paths) expect((await photos().download(p)).error?.message).toBe('Object not found')
  })
})

describe('public buckets', () => {
  it('getPublicUrl works without any credentials; private buckets are not served there', async () => {
    const path = `logos/${alice.uid}.png`
    const up = await alice.client.storage
      .from('public-assets')
      .upload(path, new Blob([jpeg(20)], { type: 'image/png' }))
    expect(up.error).toBeNull()
    const { publicUrl } = alice.client.storage.from('public-assets').getPublicUrl(path).data
    expect(publicUrl).toBe(`${t.url}/storage/v1/object/public/public-assets/${path}`)
    const r = await fetch(publicUrl)
    expect(r.status).toBe(200)
    expect(r.headers.get('content-type')).toBe('image/png')
    expect((await r.arrayBuffer()).byteLength).toBe(20)
    // anon reads public buckets through the plain route too
    expect((await t.anon().storage.from('public-assets').download(path)).error).toBeNull()
    const download = await fetch(`${publicUrl}?download=logo.png`)
    expect(download.headers.get('content-disposition')).toBe(
      "attachment; filename=logo.png; filename*=UTF-8''logo.png;",
    )

    await photos().upload(`${alice.uid}/private.jpg`, new Blob([jpeg(5)], { type: 'image/jpeg' }))
    const priv = await fetch(`${t.url}/storage/v1/object/public/photos/${alice.uid}/private.jpg`)
    expect(priv.status).toBe(400)
    expect(await priv.json()).toMatchObject({ statusCode: '404', message: 'Bucket not found' })
  })
})

describe('paths', () => {
  it.each([
    ['a parent segment', '../escape.jpg'],
    ['a dot segment', 'a/./b.jpg'],
    ['an encoded parent segment', 'a%2F..%2F..%2Fetc%2Fpasswd'],
    ['a NUL byte', 'a%00b.jpg'],
    ['a backslash', 'a%5C..%5Cb.jpg'],
  ])('refuses %s with 400 InvalidKey', async (_what, raw) => {
    const r = await rawRequest(
      t,
      'POST',
      `/object/photos/${raw}`,
      { authorization: `Bearer ${alice.token}`, 'content-type': 'text/plain' },
      'x',
    )
    expect(r.status).toBe(400)
    expect(r.json()).toMatchObject({ statusCode: '400', code: 'InvalidKey' })
  })

  it('refuses traversal in JSON bodies too (move destination)', async () => {
    await photos().upload(`${alice.uid}/safe.jpg`, new Blob([jpeg(2)], { type: 'image/jpeg' }))
    const { error } = await photos().move(`${alice.uid}/safe.jpg`, `${alice.uid}/../../x.jpg`)
    expect((error as StorageApiError).statusCode).toBe('400')
    expect(error?.message).toMatch(/^Invalid key/)
  })

  it('keeps names with spaces and unicode intact', async () => {
    const path = `${alice.uid}/Station 3/Tischplatte Eiche ü.jpg`
    expect((await photos().upload(path, new Blob([jpeg(7)], { type: 'image/jpeg' }))).error).toBeNull()
    expect(await bytesOf((await photos().download(path)).data)).toEqual([...jpeg(7)])
    const listed = await photos().list(`${alice.uid}/Station 3`)
    expect(listed.data?.map((o) => o.name)).toEqual(['Tischplatte Eiche ü.jpg'])
  })
})
