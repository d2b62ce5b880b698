/** Signed download and upload URLs: JWTs signed with the project secret, bound to one path and action. */
import type { StorageApiError } from '@supabase/supabase-js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { signJwt } from '../../supabase/local/jwt'
import { startTestStack, type TestStack } from './harness'
import { bytesOf, jpeg, type User, user } from './storage-helpers'

let t: TestStack
let alice: User
let bob: User
let path: string
beforeAll(async () => {
  t = await startTestStack()
  alice = await user(t)
  bob = await user(t)
  path = `${alice.uid}/signed.jpg`
  const up = await alice.client.storage.from('photos').upload(path, new Blob([jpeg(50)], { type: 'image/jpeg' }))
  if (up.error) throw up.error
})
afterAll(async () => {
  await t?.close()
})

const tokenOf = (url: string) => new URL(url).searchParams.get('token') ?? ''
const claimsOf = (token: string) => JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8'))

describe('signed download URLs', () => {
  it('serves the object to anyone holding the URL, until it expires', async () => {
    const { data, error } = await alice.client.storage.from('photos').createSignedUrl(path, 60)
    expect(error).toBeNull()
    const url = data?.signedUrl ?? ''
    expect(url).toMatch(new RegExp(`^${t.url}/storage/v1/object/sign/photos/${alice.uid}/signed\\.jpg\\?token=`))
    const claims = claimsOf(tokenOf(url))
    expect(claims).toMatchObject({ url: `photos/${path}`, scope: 'download' })
    expect(claims.exp - claims.iat).toBe(60)
    const r = await fetch(url)
    expect(r.status).toBe(200)
    expect(r.headers.get('content-type')).toBe('image/jpeg')
    expect(r.headers.get('expires')).toBe(new Date(claims.exp * 1000).toUTCString())
    expect([...new Uint8Array(await r.arrayBuffer())]).toEqual([...jpeg(50)])
    const dl = await alice.client.storage.from('photos').createSignedUrl(path, 60, { download: 'scan.jpg' })
    const withName = await fetch(dl.data?.signedUrl ?? '')
    expect(withName.headers.get('content-disposition')).toContain('filename=scan.jpg')
  })

  it('refuses an expired token', async () => {
    const token = await signJwt(
      {
        url: `photos/${path}`,
        scope: 'download',
        iat: Math.floor(Date.now() / 1000) - 120,
        exp: Math.floor(Date.now() / 1000) - 60,
      },
      t.cfg.jwtSecret,
    )
    const r = await fetch(`${t.url}/storage/v1/object/sign/photos/${path}?token=${token}`)
    expect(r.status).toBe(400)
    expect(await r.json()).toEqual({
      statusCode: '400',
      code: 'InvalidJWT',
      error: 'InvalidJWT',
      message: 'jwt expired',
    })
  })

  it('refuses a tampered token and a token for another path', async () => {
    const { data } = await alice.client.storage.from('photos').createSignedUrl(path, 60)
    const token = tokenOf(data?.signedUrl ?? '')
    const [h, , s] = token.split('.')
    const forged = Buffer.from(JSON.stringify({ ...claimsOf(token), url: `${bob.uid}/x.jpg` })).toString('base64url')
    const tampered = await fetch(`${t.url}/storage/v1/object/sign/photos/${bob.uid}/x.jpg?token=${h}.${forged}.${s}`)
    expect(await tampered.json()).toMatchObject({ statusCode: '400', code: 'InvalidJWT', message: 'invalid signature' })

    await alice.client.storage.from('photos').upload(`${alice.uid}/other.jpg`, new Blob([jpeg(2)]))
    const other = await fetch(`${t.url}/storage/v1/object/sign/photos/${alice.uid}/other.jpg?token=${token}`)
    expect(await other.json()).toMatchObject({ statusCode: '400', code: 'InvalidSignature' })

    // a user's own access token signs no URL
    const own = await fetch(`${t.url}/storage/v1/object/sign/photos/${path}?token=${alice.token}`)
    expect(await own.json()).toMatchObject({ code: 'InvalidSignature' })
    const none = await fetch(`${t.url}/storage/v1/object/sign/photos/${path}`)
    expect(await none.json()).toMatchObject({ code: 'InvalidJWT', message: 'jwt must be provided' })
  })

  it('validates expiresIn', async () => {
    const { error } = await alice.client.storage.from('photos').createSignedUrl(path, 0)
    expect((error as StorageApiError).statusCode).toBe('400')
  })

  it('signs many paths at once, with an error for what the caller cannot see', async () => {
    const missing = `${alice.uid}/missing.jpg`
    const { data, error } = await alice.client.storage.from('photos').createSignedUrls([path, missing], 30)
    expect(error).toBeNull()
    expect(data?.[0]).toMatchObject({ path, error: null, signedUrl: expect.stringContaining('/object/sign/photos/') })
    expect(data?.[1]).toEqual({
      path: missing,
      error: 'Either the object does not exist or you do not have access to it',
      signedURL: null,
      signedUrl: null,
    })
    const r = await fetch(data?.[0].signedUrl ?? '')
    expect(r.status).toBe(200)
    const asBob = await bob.client.storage.from('photos').createSignedUrls([path], 30)
    expect(asBob.data?.[0].signedUrl).toBeNull()
  })

  it('answers a signed URL whose object was removed with Object not found', async () => {
    const p = `${alice.uid}/short-lived.jpg`
    await alice.client.storage.from('photos').upload(p, new Blob([jpeg(3)]))
    const { data } = await alice.client.storage.from('photos').createSignedUrl(p, 60)
    await alice.client.storage.from('photos').remove([p])
    const r = await fetch(data?.signedUrl ?? '')
    expect(await r.json()).toMatchObject({ statusCode: '404', message: 'Object not found' })
  })
})

describe('signed upload URLs', () => {
  it('lets whoever holds the token upload once, as the user who asked for it', async () => {
    const p = `${alice.uid}/via-token.jpg`
    const signed = await alice.client.storage.from('photos').createSignedUploadUrl(p)
    expect(signed.error).toBeNull()
    expect(signed.data).toMatchObject({ path: p, token: expect.any(String) })
    // the upload itself needs no session (a device may get the URL from the server)
    const up = await t
      .anon()
      .storage.from('photos')
      .uploadToSignedUrl(p, signed.data?.token ?? '', new Blob([jpeg(21)], { type: 'image/jpeg' }))
    expect(up.error).toBeNull()
    expect(up.data).toEqual({ path: p, fullPath: `photos/${p}` })
    expect(await bytesOf((await alice.client.storage.from('photos').download(p)).data)).toEqual([...jpeg(21)])
    const [row] = await t.sql<{ owner_id: string }>('select owner_id from storage.objects where name = $1', [p])
    expect(row.owner_id).toBe(alice.uid)
    const again = await t
      .anon()
      .storage.from('photos')
      .uploadToSignedUrl(p, signed.data?.token ?? '', new Blob([jpeg(1)], { type: 'image/jpeg' }))
    expect((again.error as StorageApiError).statusCode).toBe('409')
  })

  it('is only handed out to callers who pass the INSERT check', async () => {
    const { error } = await bob.client.storage.from('photos').createSignedUploadUrl(`${alice.uid}/bob.jpg`)
    expect((error as StorageApiError).statusCode).toBe('403')
  })

  it('keeps download and upload tokens apart, and binds them to their path', async () => {
    const p = `${alice.uid}/scoped.jpg`
    const signed = await alice.client.storage.from('photos').createSignedUploadUrl(p)
    const token = signed.data?.token ?? ''
    const asDownload = await fetch(`${t.url}/storage/v1/object/sign/photos/${p}?token=${token}`)
    expect(await asDownload.json()).toMatchObject({
      code: 'InvalidSignature',
      message: 'Token is not scoped for download',
    })
    const elsewhere = await t
      .anon()
      .storage.from('photos')
      .uploadToSignedUrl(`${alice.uid}/elsewhere.jpg`, token, new Blob([jpeg(1)]))
    expect((elsewhere.error as StorageApiError).statusCode).toBe('400')
    const { data } = await alice.client.storage.from('photos').createSignedUrl(path, 60)
    const down = await t
      .anon()
      .storage.from('photos')
      .uploadToSignedUrl(path, tokenOf(data?.signedUrl ?? ''), new Blob([jpeg(1)]))
    expect(down.error?.message).toBe('Token is not scoped for upload')
  })

  it('honours upsert in the token', async () => {
    const signed = await alice.client.storage.from('photos').createSignedUploadUrl(path, { upsert: true })
    const up = await t
      .anon()
      .storage.from('photos')
      .uploadToSignedUrl(path, signed.data?.token ?? '', new Blob([jpeg(9, 4)], { type: 'image/jpeg' }), {
        upsert: true,
      })
    expect(up.error).toBeNull()
    expect(await bytesOf((await alice.client.storage.from('photos').download(path)).data)).toEqual([...jpeg(9, 4)])
  })
})
