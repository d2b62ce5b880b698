import { randomUUID } from 'node:crypto'
import { parseCookieHeader } from '@supabase/ssr'
import type { PostgrestError } from '@supabase/supabase-js'
import type { z } from 'zod'
import { dbFail, errorBody, type Fail, failWith, fromZod } from '@/lib/errors'
import { clientIdFrom, unverifiedSubject } from '@/lib/floor/idempotency'
import { DEVICE_COOKIE } from '@/lib/station/cookies'
import { createAnonClient } from '@/lib/supabase/anon'
import { createRequestClient } from '@/lib/supabase/request'
import type { AppClient } from '@/lib/supabase/types'
import { verifyAccessToken } from '@/lib/supabase/verify'

/**
 * The one way to write a route handler: input (zod) → auth → run → Answer → HTTP, every failure as
 * the one Fail (lib/errors.ts) sent as `{ code, message, fieldErrors?, details? }` with its status
 * and Retry-After. Auth modes:
 *  - `caller` (default): the Supabase session cookie or an `Authorization: Bearer <access token>`;
 *    every call runs as that user, so RLS and the RPCs' checks decide. The token is verified here
 *    against the cached JWKS (getClaims(), no round trip to Auth) and again by PostgREST on each
 *    call; no credentials, a bad or an expired token are a 401 before any call.
 *  - `none`: an anon client (public endpoints; the RPC decides what anon may do).
 *  - `service`: the service-role client, for a caller who proves itself otherwise (the Shopify
 *    webhook's HMAC, checked in the database by the route's own run). `from: 'bytes'` hands the raw
 *    body over untouched, as a signature needs it.
 */
export interface RouteContext {
  supabase: AppClient
  request: Request
  /**
   * The idempotency key as the uuid the RPCs take (Idempotency-Key header or client_id field); a
   * request that names none is a one-off attempt and gets a fresh uuid (it replays nothing).
   */
  clientId: string
  /** The tablet's id (x-device-id header, or the station's fl_device cookie). */
  deviceId?: string
  /** Aborts the database call when the route's time is up (→ 408). */
  signal: AbortSignal
  /** The multipart body of a `from: 'form'` route (its text fields are also the input). */
  form?: FormData
  /** The raw body of a `from: 'bytes'` route. */
  bytes?: Uint8Array
}

export type Answer = { ok: true; data: unknown; status?: number; headers?: Record<string, string> } | Fail

export const answer = (data: unknown, status = 200, headers?: Record<string, string>): Answer =>
  headers ? { ok: true, data, status, headers } : { ok: true, data, status }

/** An RPC's answer as the route's: its data, or its error through the one mapper. */
export function fromRpc(
  ctx: Pick<RouteContext, 'signal'>,
  { data, error }: { data: unknown; error: PostgrestError | null },
  status = 200,
): Answer {
  return error ? dbFail(error, {}, { aborted: ctx.signal.aborted }) : answer(data, status)
}

type Source = 'body' | 'query' | 'none' | 'form' | 'bytes'
export type AuthMode = 'caller' | 'none' | 'service'

export interface RouteOptions<S extends z.ZodType> {
  schema: S
  /** Where the input comes from besides the path parameters. */
  from: Source
  auth?: AuthMode
  /** A write that takes an idempotency key. */
  idempotent?: boolean
  /** Time for the database work before answering 408 (ms). */
  timeoutMs?: number
  /** Largest body accepted (bytes) before 413. */
  maxBytes?: number
  /** The service-role client of an `auth: 'service'` route (createAdminClient; tests hand in their own). */
  serviceClient?: () => AppClient
  /** What an unexpected throw answers (default 500 INTERNAL; the webhook wants 503 so Shopify retries). */
  onThrow?: (error: unknown) => Fail
  run: (input: z.output<S>, ctx: RouteContext) => Promise<Answer>
}

type Params = { params: Promise<Record<string, string | string[] | undefined>> }

const MAX_BODY = 256 * 1024
const MAX_FORM = 6 * 1024 * 1024
const DEFAULT_TIMEOUT_MS = Number(process.env.FLOOR_API_TIMEOUT_MS ?? 8000)

export function json(body: unknown, status = 200, headers: HeadersInit = {}): Response {
  const text = JSON.stringify(body)
  return new Response(text, {
    status,
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'cache-control': 'no-store',
      // a known length: `next start` then leaves a small answer uncompressed (gzip costs more than
      // it saves below 1 KB) and sends it without chunking
      'content-length': String(Buffer.byteLength(text)),
      ...headers,
    },
  })
}

/** A failure answer; a throttled, locked or unavailable one also says when to come back (Retry-After). */
export function failure(f: Fail, headers: HeadersInit = {}): Response {
  const wait = f.retryAfter
  return json(errorBody(f), f.status || 500, wait ? { ...headers, 'retry-after': String(wait) } : headers)
}

type Input = { value: Record<string, unknown>; form?: FormData; bytes?: Uint8Array }

async function readInput(request: Request, from: Source, maxBytes?: number): Promise<Input | Fail> {
  if (from === 'query') return { value: Object.fromEntries(new URL(request.url).searchParams) }
  if (from === 'none') return { value: {} }
  const declared = Number(request.headers.get('content-length') ?? 0)
  if (from === 'bytes') {
    const max = maxBytes ?? MAX_BODY
    const tooLarge = failWith('PAYLOAD_TOO_LARGE', `The body is limited to ${Math.round(max / 1024)} KB`)
    if (declared > max) return tooLarge
    const bytes = new Uint8Array(await request.arrayBuffer())
    return bytes.byteLength > max ? tooLarge : { value: {}, bytes }
  }
  if (from === 'form') {
    if (declared > (maxBytes ?? MAX_FORM)) return failWith('PAYLOAD_TOO_LARGE', 'Upload at most 6 MB')
    if (!(request.headers.get('content-type') ?? '').includes('multipart/form-data')) {
      return failWith('UNSUPPORTED_MEDIA_TYPE', 'Send multipart/form-data')
    }
    try {
      const form = await request.formData()
      const value: Record<string, unknown> = {}
      for (const [k, v] of form) if (typeof v === 'string') value[k] = v
      return { value, form }
    } catch {
      return failWith('INVALID_FORM', 'The multipart body could not be read')
    }
  }
  const text = await request.text()
  if (text.length > (maxBytes ?? MAX_BODY))
    return failWith('PAYLOAD_TOO_LARGE', 'The request body is limited to 256 KB')
  if (!text.trim()) return { value: {} }
  const type = request.headers.get('content-type') ?? ''
  if (!type.includes('json')) return failWith('UNSUPPORTED_MEDIA_TYPE', 'Send JSON (Content-Type: application/json)')
  try {
    const value: unknown = JSON.parse(text)
    if (!value || typeof value !== 'object' || Array.isArray(value)) {
      return failWith('VALIDATION_FAILED', 'The body must be a JSON object')
    }
    return { value: value as Record<string, unknown> }
  } catch {
    return failWith('INVALID_JSON', 'The body is not valid JSON')
  }
}

function deviceIdOf(request: Request): string | undefined {
  const header = request.headers.get('x-device-id')?.trim()
  if (header) return header.slice(0, 200)
  return parseCookieHeader(request.headers.get('cookie') ?? '').find((c) => c.name === DEVICE_COOKIE)?.value
}

type Caller = { supabase: AppClient; token?: string } | Fail

async function authenticate(
  request: Request,
  mode: AuthMode,
  deviceId: string | undefined,
  setCookies: string[],
  serviceClient?: () => AppClient,
): Promise<Caller> {
  if (mode === 'none') return { supabase: createAnonClient({ deviceId }) }
  if (mode === 'service') {
    // never implied: the route names the service-role client it uses (lib/supabase/admin.ts)
    if (!serviceClient) throw new Error("auth: 'service' needs serviceClient")
    return { supabase: serviceClient() }
  }
  const caller = createRequestClient(request, { deviceId, setCookies })
  if (!caller) return failWith('NOT_SIGNED_IN', 'Sign in first (a session cookie or an Authorization: Bearer token)')
  let token = caller.token
  if (caller.cookie) {
    // reads the cookie and refreshes an access token near expiry (the new cookie goes out with the
    // answer); proxy.ts leaves API requests alone, so this is the request's only refresh
    const { data } = await caller.supabase.auth.getSession()
    token = data.session?.access_token
  }
  if (!token) return failWith('NOT_SIGNED_IN', 'Your session has ended: sign in again')
  // verified here, locally (JWKS), so a bad or expired token is a 401 before any database work;
  // PostgREST still verifies it on every call
  const verified = await verifyAccessToken(token)
  if (!verified.ok) {
    return verified.unavailable
      ? failWith('UNAVAILABLE', 'Sign-in cannot be checked right now: try again in a moment')
      : failWith('NOT_SIGNED_IN', 'Your session has ended: sign in again')
  }
  return { supabase: caller.supabase, token }
}

const INTERNAL = () => failWith('INTERNAL', 'Something went wrong on our side. Nothing was changed; try again.')

export function route<S extends z.ZodType>(opts: RouteOptions<S>) {
  return async (request: Request, context?: Params): Promise<Response> => {
    const setCookies: string[] = []
    const withCookies = (r: Response) => {
      for (const c of setCookies) r.headers.append('set-cookie', c)
      return r
    }
    try {
      const raw = await readInput(request, opts.from, opts.maxBytes)
      if (!('value' in raw)) return failure(raw)
      const params = (await context?.params) ?? {}
      const parsed = opts.schema.safeParse({ ...raw.value, ...params })
      if (!parsed.success) return failure(fromZod(parsed.error))
      const input = parsed.data as z.output<S> & { client_id?: string }

      const deviceId = deviceIdOf(request)
      const caller = await authenticate(request, opts.auth ?? 'caller', deviceId, setCookies, opts.serviceClient)
      if ('ok' in caller) return withCookies(failure(caller))

      let clientId: string = randomUUID()
      if (opts.idempotent) {
        const key = request.headers.get('idempotency-key')
        const fromHeader = clientIdFrom(key, `${unverifiedSubject(caller.token)}:${new URL(request.url).pathname}`)
        if (fromHeader && typeof fromHeader === 'object')
          return failure(failWith('VALIDATION_FAILED', fromHeader.error))
        if (fromHeader && input.client_id && fromHeader !== input.client_id) {
          const message = 'Idempotency-Key and client_id differ: send one of them'
          return failure(
            failWith('VALIDATION_FAILED', message, {
              fieldErrors: { client_id: [message] },
              details: { field: 'client_id' },
            }),
          )
        }
        clientId = fromHeader ?? input.client_id ?? clientId
      }

      const signal = AbortSignal.timeout(opts.timeoutMs ?? DEFAULT_TIMEOUT_MS)
      const result = await opts.run(input, {
        supabase: caller.supabase,
        request,
        clientId,
        deviceId,
        signal,
        form: raw.form,
        bytes: raw.bytes,
      })
      if (!result.ok) return withCookies(failure(result))
      const replayed = Boolean((result.data as { replayed?: unknown } | null)?.replayed)
      const headers = { ...(result.headers ?? {}), ...(replayed ? { 'idempotent-replayed': 'true' } : {}) }
      return withCookies(json(result.data, result.status ?? 200, headers))
    } catch (error) {
      console.error('[route]', request.method, new URL(request.url).pathname, error)
      return withCookies(failure(opts.onThrow ? opts.onThrow(error) : INTERNAL()))
    }
  }
}
