import { createServerClient, parseCookieHeader, serializeCookieHeader } from '@supabase/ssr'
import { createClient, type SupabaseClient } from '@supabase/supabase-js'
import WebSocket from 'ws'
import type { z } from 'zod'
import { supabaseAnonKey, supabaseUrl } from '@/lib/env'
import { DEVICE_COOKIE } from '@/lib/station/cookies'
import { secureFor, withSessionPolicy } from '@/lib/supabase/cookie-options'
import {
  type ApiError,
  apiError,
  errorBody,
  fromPostgrest,
  type PostgrestLikeError,
  retryAfterSeconds,
} from './api-error'
import { clientIdFrom, unverifiedSubject } from './idempotency'
import { INVALID_TEXT, isInvalidText } from './text'

/**
 * The one way to write a floor API route handler (app/api/disco/**): zod → auth → run → Answer →
 * HTTP. The caller is the Supabase session cookie (an operator PINed in on a station tablet, or
 * anyone signed in) or an `Authorization: Bearer <access token>`; every RPC runs as that user, so
 * Postgres RLS and the RPCs' role checks decide. The JWT is verified by PostgREST on each call —
 * there is no second round trip to Auth here; a missing token is a 401 before any call, a bad or
 * expired one a 401 from PostgREST (PGRST301/303).
 */
// biome-ignore lint/suspicious/noExplicitAny: the floor RPCs are not in types/database.ts; answers are JSON passed through
export type FloorClient = SupabaseClient<any, 'public', any>

export interface RouteContext {
  supabase: FloorClient
  request: Request
  /** The idempotency key as the uuid the RPCs take (Idempotency-Key header or client_id field). */
  clientId?: string
  /** The tablet's id (x-device-id header, or the station's fl_device cookie). */
  deviceId?: string
  /** Aborts the database call when the route's time is up (→ 408). */
  signal: AbortSignal
  /** The multipart body of a `from: 'form'` route (its text fields are also the input). */
  form?: FormData
}

export type Answer = { ok: true; data: unknown; status?: number } | { ok: false; error: ApiError }

export const answer = (data: unknown, status = 200): Answer => ({ ok: true, data, status })
export const refuse = (error: ApiError): Answer => ({ ok: false, error })

type Source = 'body' | 'query' | 'none' | 'form'

export interface RouteOptions<S extends z.ZodType> {
  schema: S
  /** Where the input comes from besides the path parameters. */
  from: Source
  /** A write that takes an idempotency key. */
  idempotent?: boolean
  /** Time for the database work before answering 408 (ms). */
  timeoutMs?: number
  run: (input: z.output<S>, ctx: RouteContext) => Promise<Answer>
}

type Params = { params: Promise<Record<string, string | string[] | undefined>> }

const MAX_BODY = 256 * 1024
const DEFAULT_TIMEOUT_MS = Number(process.env.FLOOR_API_TIMEOUT_MS ?? 8000)

export function json(body: unknown, status = 200, headers: HeadersInit = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers },
  })
}

/** An error answer; a throttled or locked one (retry_after_seconds) also says when to come back (Retry-After). */
function failure(e: ApiError, headers: HeadersInit = {}): Response {
  const wait = retryAfterSeconds(e)
  return json(errorBody(e), e.status, wait ? { ...headers, 'retry-after': String(wait) } : headers)
}

/**
 * zod issues → 400 VALIDATION_FAILED with the fields that failed; text that cannot be stored
 * (lib/floor/text.ts) → 400 INVALID_TEXT with `field` = its path.
 */
export function invalid(error: z.ZodError): ApiError {
  const fields: Record<string, string[]> = {}
  for (const issue of error.issues) {
    const key = issue.path.length ? issue.path.join('.') : '_request'
    fields[key] ??= []
    fields[key].push(issue.message)
  }
  const first = error.issues[0]
  const where = first?.path.length ? `${first.path.join('.')}: ` : ''
  const message = `${where}${first?.message ?? 'Invalid request'}`
  if (isInvalidText(error)) {
    return apiError(400, message, { field: first?.path.join('.') || '_request', fields }, INVALID_TEXT)
  }
  return apiError(400, message, { fields })
}

const MAX_FORM = 6 * 1024 * 1024

type Input = { value: Record<string, unknown>; form?: FormData }

async function readInput(request: Request, from: Source): Promise<Input | ApiError> {
  if (from === 'query') return { value: Object.fromEntries(new URL(request.url).searchParams) }
  if (from === 'none') return { value: {} }
  if (from === 'form') {
    if (Number(request.headers.get('content-length') ?? 0) > MAX_FORM) return apiError(413, 'Upload at most 6 MB')
    if (!(request.headers.get('content-type') ?? '').includes('multipart/form-data')) {
      return apiError(415, 'Send multipart/form-data')
    }
    try {
      const form = await request.formData()
      const value: Record<string, unknown> = {}
      for (const [k, v] of form) if (typeof v === 'string') value[k] = v
      return { value, form }
    } catch {
      return apiError(400, 'The multipart body could not be read', undefined, 'INVALID_FORM')
    }
  }
  const text = await request.text()
  if (text.length > MAX_BODY) return apiError(413, 'The request body is limited to 256 KB')
  if (!text.trim()) return { value: {} }
  const type = request.headers.get('content-type') ?? ''
  if (!type.includes('json')) return apiError(415, 'Send JSON (Content-Type: application/json)')
  try {
    const value = JSON.parse(text) as unknown
    if (!value || typeof value !== 'object' || Array.isArray(value))
      return apiError(400, 'The body must be a JSON object')
    return { value: value as Record<string, unknown> }
  } catch {
    return apiError(400, 'The body is not valid JSON', undefined, 'INVALID_JSON')
  }
}

const realtime = { transport: WebSocket as never }

/** A client acting as the caller, or null when the request carries no credentials at all. */
export function callerClient(
  request: Request,
  deviceId: string | undefined,
  setCookies: string[],
): { supabase: FloorClient; token?: string; cookie: boolean } | null {
  const headers: Record<string, string> = deviceId ? { 'x-device-id': deviceId } : {}
  const auth = request.headers.get('authorization')
  const bearer = auth && /^Bearer\s+(\S+)$/i.exec(auth)?.[1]
  if (bearer) {
    const supabase = createClient(supabaseUrl(), supabaseAnonKey(), {
      accessToken: async () => bearer,
      global: { headers },
      realtime,
    }) as FloorClient
    return { supabase, token: bearer, cookie: false }
  }
  const cookies = parseCookieHeader(request.headers.get('cookie') ?? '')
  if (!cookies.some((c) => c.name.startsWith('sb-') && c.name.includes('-auth-token'))) return null
  const supabase = createServerClient(supabaseUrl(), supabaseAnonKey(), {
    cookies: {
      getAll: () => cookies.map((c) => ({ name: c.name, value: c.value ?? '' })),
      // a refreshed session goes back to the browser with the answer, under the session cookie policy
      setAll(toSet) {
        const secure = secureFor(request.headers, request.url)
        for (const { name, value, options } of toSet) {
          setCookies.push(serializeCookieHeader(name, value, withSessionPolicy(options, secure)))
        }
      },
    },
    global: { headers },
    realtime,
  }) as FloorClient
  return { supabase, cookie: true }
}

function deviceIdOf(request: Request): string | undefined {
  const header = request.headers.get('x-device-id')?.trim()
  if (header) return header.slice(0, 200)
  return parseCookieHeader(request.headers.get('cookie') ?? '').find((c) => c.name === DEVICE_COOKIE)?.value
}

export function route<S extends z.ZodType>(opts: RouteOptions<S>) {
  return async (request: Request, context?: Params): Promise<Response> => {
    const setCookies: string[] = []
    const withCookies = (r: Response) => {
      for (const c of setCookies) r.headers.append('set-cookie', c)
      return r
    }
    try {
      const raw = await readInput(request, opts.from)
      if (!('value' in raw)) return failure(raw)
      const params = (await context?.params) ?? {}
      const key = request.headers.get('idempotency-key')
      const parsed = opts.schema.safeParse({ ...raw.value, ...params })
      if (!parsed.success) return failure(invalid(parsed.error))
      const input = parsed.data as z.output<S> & { client_id?: string }

      const deviceId = deviceIdOf(request)
      const caller = callerClient(request, deviceId, setCookies)
      if (!caller) return failure(apiError(401, 'Sign in first (a session cookie or an Authorization: Bearer token)'))
      let token = caller.token
      if (caller.cookie) {
        // reads the cookie and refreshes an expired access token; PostgREST verifies it on the call
        const { data } = await caller.supabase.auth.getSession()
        token = data.session?.access_token
        if (!token) return withCookies(failure(apiError(401, 'Your session has ended: sign in again')))
      }

      let clientId: string | undefined
      if (opts.idempotent) {
        const fromHeader = clientIdFrom(key, `${unverifiedSubject(token)}:${new URL(request.url).pathname}`)
        if (fromHeader && typeof fromHeader === 'object') return failure(apiError(400, fromHeader.error))
        if (fromHeader && input.client_id && fromHeader !== input.client_id) {
          return failure(
            apiError(400, 'Idempotency-Key and client_id differ: send one of them', { field: 'client_id' }),
          )
        }
        clientId = fromHeader ?? input.client_id
      }

      const signal = AbortSignal.timeout(opts.timeoutMs ?? DEFAULT_TIMEOUT_MS)
      const result = await opts.run(input, {
        supabase: caller.supabase,
        request,
        clientId,
        deviceId,
        signal,
        form: raw.form,
      })
      if (!result.ok) return withCookies(failure(result.error))
      const replayed = Boolean((result.data as { replayed?: unknown } | null)?.replayed)
      return withCookies(json(result.data, result.status ?? 200, replayed ? { 'idempotent-replayed': 'true' } : {}))
    } catch (error) {
      console.error('[api/disco]', request.method, new URL(request.url).pathname, error)
      return withCookies(failure(apiError(500, 'Something went wrong on our side. Nothing was changed; try again.')))
    }
  }
}

/** Drops undefined arguments (the RPC's defaults apply) and prefixes the names with p_. */
export function rpcArgs(args: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(args)) if (v !== undefined) out[`p_${k}`] = v
  return out
}

/** Calls a floor RPC as the caller; its JSON answer is the response body. */
export async function callRpc(
  ctx: RouteContext,
  fn: string,
  args: Record<string, unknown>,
  status = 200,
): Promise<Answer> {
  const { data, error } = await ctx.supabase.rpc(fn, rpcArgs(args)).abortSignal(ctx.signal)
  if (error) return refuse(fromPostgrest(error as unknown as PostgrestLikeError, { aborted: ctx.signal.aborted }))
  return answer(data, status)
}
