/**
 * Asymmetric signing keys, as hosted Supabase Auth issues them: user access tokens are ES256 with
 * the key's `kid`, the public key is served at /auth/v1/.well-known/jwks.json, and auth-js's
 * getClaims() verifies a token locally (WebCrypto, the JWKS cached) — no GET /user per call. The
 * legacy HS256 secret still signs the API keys and is still accepted. Every verifier of the stack
 * (PostgREST, Auth, Realtime, Storage) takes both and refuses a token signed by any other key.
 */
import { createClient } from '@supabase/supabase-js'
import { exportJWK, generateKeyPair, SignJWT } from 'jose'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { DEMO_SIGNING_KEY } from '../../supabase/local/config'
import { signJwt } from '../../supabase/local/jwt'
import { startTestStack, type TestStack } from './harness'

let t: TestStack
beforeAll(async () => {
  t = await startTestStack()
}, 60_000)
afterAll(async () => t?.close())

const decodePart = (jwt: string, i: number) => JSON.parse(Buffer.from(jwt.split('.')[i], 'base64url').toString('utf8'))
let n = 0
const email = () => `keys-${++n}-${Date.now()}@example.com`

/** A client that records every URL it calls. */
function recording() {
  const calls: string[] = []
  const client = createClient(t.url, t.cfg.anonKey, {
    auth: { persistSession: false, autoRefreshToken: false },
    global: {
      fetch: (input, init) => {
        calls.push(String(input instanceof Request ? input.url : input))
        return fetch(input, init)
      },
    },
    realtime: { transport: WebSocket as never },
  })
  return { client, calls }
}

async function accessToken(): Promise<{ token: string; userId: string }> {
  const { client, userId } = await t.signedIn(email())
  const { data } = await client.auth.getSession()
  return { token: data.session?.access_token ?? '', userId }
}

describe('signing keys', () => {
  it('publishes the public half of the ES256 key, cacheable, without the gateway key', async () => {
    const res = await fetch(`${t.url}/auth/v1/.well-known/jwks.json`)
    expect(res.status).toBe(200)
    expect(res.headers.get('cache-control')).toMatch(/max-age=600/)
    const { keys } = (await res.json()) as { keys: Array<Record<string, unknown>> }
    expect(keys).toEqual([
      {
        kty: 'EC',
        crv: 'P-256',
        x: DEMO_SIGNING_KEY.x,
        y: DEMO_SIGNING_KEY.y,
        kid: DEMO_SIGNING_KEY.kid,
        alg: 'ES256',
        use: 'sig',
        key_ops: ['verify'],
      },
    ])
    expect(keys[0]).not.toHaveProperty('d')
  })

  it('signs access tokens ES256 with the kid, on sign-in and on refresh', async () => {
    const { client } = await t.signedIn(email())
    const first = (await client.auth.getSession()).data.session
    expect(decodePart(first?.access_token ?? '', 0)).toEqual({ alg: 'ES256', typ: 'JWT', kid: DEMO_SIGNING_KEY.kid })
    const refreshed = await client.auth.refreshSession()
    expect(decodePart(refreshed.data.session?.access_token ?? '', 0)).toMatchObject({ alg: 'ES256' })
  })

  it('getClaims() verifies locally: the JWKS at most once, never GET /user', async () => {
    const { token, userId } = await accessToken()
    const { client, calls } = recording()
    for (let i = 0; i < 5; i++) {
      const { data, error } = await client.auth.getClaims(token)
      expect(error).toBeNull()
      expect(data?.claims.sub).toBe(userId)
      expect(data?.header).toMatchObject({ alg: 'ES256', kid: DEMO_SIGNING_KEY.kid })
    }
    expect(calls.filter((u) => u.includes('/auth/v1/user'))).toEqual([])
    expect(calls.filter((u) => u.includes('jwks.json')).length).toBeLessThanOrEqual(1)
  })

  it('getClaims() refuses a tampered token without asking the server', async () => {
    const { token } = await accessToken()
    const [h, p, s] = token.split('.')
    const payload = Buffer.from(JSON.stringify({ ...decodePart(token, 1), role: 'service_role' })).toString('base64url')
    const { client, calls } = recording()
    for (const forged of [`${h}.${payload}.${s}`, `${h}.${p}.${s.slice(0, -4)}AAAA`]) {
      const { error } = await client.auth.getClaims(forged)
      expect(error).toMatchObject({ name: 'AuthInvalidJwtError', code: 'invalid_jwt' })
    }
    expect(calls.filter((u) => u.includes('/auth/v1/user'))).toEqual([])
  })

  it('every verifier accepts the ES256 token and the legacy HS256 one, and refuses a foreign key', async () => {
    const { token, userId } = await accessToken()
    const legacy = await signJwt({ ...decodePart(token, 1) }, t.cfg.jwtSecret)
    const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true })
    expect(await exportJWK(publicKey)).not.toMatchObject({ x: DEMO_SIGNING_KEY.x })
    // another key claiming the stack's kid: only the signature can tell
    const foreign = await new SignJWT(decodePart(token, 1))
      .setProtectedHeader({ alg: 'ES256', typ: 'JWT', kid: DEMO_SIGNING_KEY.kid })
      .sign(privateKey)
    const unknownKid = await new SignJWT(decodePart(token, 1))
      .setProtectedHeader({ alg: 'ES256', typ: 'JWT', kid: 'not-a-key-of-this-project' })
      .sign(privateKey)
    const headers = (jwt: string) => ({ apikey: t.cfg.anonKey, authorization: `Bearer ${jwt}` })
    for (const good of [token, legacy]) {
      const user = await fetch(`${t.url}/auth/v1/user`, { headers: headers(good) })
      expect(user.status).toBe(200)
      expect(((await user.json()) as { id: string }).id).toBe(userId)
      const rest = await fetch(`${t.url}/rest/v1/rpc/rest_add?a=1&b=2`, { headers: headers(good) })
      expect(rest.status).toBe(200)
    }
    for (const bad of [foreign, unknownKid]) {
      expect((await fetch(`${t.url}/auth/v1/user`, { headers: headers(bad) })).status).toBe(403)
      expect((await fetch(`${t.url}/rest/v1/rpc/rest_add?a=1&b=2`, { headers: headers(bad) })).status).toBe(401)
      const { client } = recording()
      expect((await client.auth.getClaims(bad)).error).toBeTruthy()
    }
  })
})
