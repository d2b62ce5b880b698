/**
 * Calling the floor API's route handlers (app/api/disco/**) directly with Request objects, as Next
 * would, against a local stack with the real migrations and demo seed. Operators are PINed in on a
 * station of their own (lib/station/pin-in.ts) and call with their access token as a Bearer.
 */
import { pinIn } from '../../lib/station/pin-in'
import type { TestStack } from '../stack/harness'
import { client, SANDING, signIn } from './helpers'

type Handler = (req: Request, ctx?: { params: Promise<Record<string, string>> }) => Promise<Response>

export interface Caller {
  token: string
  device: string
}

export interface ApiAnswer<T = Record<string, unknown>> {
  status: number
  body: T & {
    code?: string
    message?: string
    fieldErrors?: Record<string, string[]>
    details?: Record<string, unknown>
  }
  headers: Headers
}

/** Points lib/env at the test stack (route handlers read it per call). */
export function useStack(t: TestStack) {
  process.env.NEXT_PUBLIC_SUPABASE_URL = t.url
  process.env.NEXT_PUBLIC_SUPABASE_ANON_KEY = t.cfg.anonKey
}

export async function call<T = Record<string, unknown>>(
  handler: Handler,
  method: string,
  path: string,
  opts: {
    as?: Caller | null
    body?: unknown
    rawBody?: BodyInit
    headers?: Record<string, string>
    params?: Record<string, string>
  } = {},
): Promise<ApiAnswer<T>> {
  const headers: Record<string, string> = { ...(opts.headers ?? {}) }
  if (opts.as) {
    headers.authorization = `Bearer ${opts.as.token}`
    headers['x-device-id'] = opts.as.device
  }
  let body: BodyInit | undefined = opts.rawBody
  if (opts.body !== undefined) {
    body = JSON.stringify(opts.body)
    headers['content-type'] ??= 'application/json'
  }
  const res = await handler(new Request(`http://floorline.test${path}`, { method, headers, body }), {
    params: Promise.resolve(opts.params ?? {}),
  })
  const text = await res.text()
  return { status: res.status, body: (text ? JSON.parse(text) : {}) as ApiAnswer<T>['body'], headers: res.headers }
}

/** A supervisor (or any account) signed in with email + password. */
export async function signedIn(t: TestStack, email: string, device = `dev-${email}`): Promise<Caller> {
  const c = await signIn(t, email)
  const { data } = await c.auth.getSession()
  if (!data.session) throw new Error(`no session for ${email}`)
  return { token: data.session.access_token, device }
}

/** An operator PINed in on a station of their own at `location` (signed in by `supervisor`, of that workshop). */
export async function pinnedIn(
  t: TestStack,
  badge: string,
  device: string,
  location = SANDING,
  supervisor = 'supervisor@aurora.test',
): Promise<Caller> {
  const sup = await signIn(t, supervisor)
  const { data: station, error } = await sup
    .rpc('register_station', { p_location_id: location, p_name: `Tablet ${device}` })
    .single()
  if (error || !station) throw new Error(`register_station: ${error?.message}`)
  const session = client(t, 'anon', device)
  const result = await pinIn(
    { tablet: client(t, 'anon', device), admin: client(t, 'service'), session },
    station.station_secret,
    badge,
    '1234',
  )
  if (!result.ok) throw new Error(`pin-in ${badge}: ${result.message}`)
  const { data } = await session.auth.getSession()
  if (!data.session) throw new Error('no session after PIN-in')
  return { token: data.session.access_token, device }
}

export const AURORA_LABELS = {
  /** B-10 at Sanding: wall-thickness per order (required), sanding-check (required). */
  B10: 'FL1:AUR:I:102GW',
  /** B-6 at Final Assembly: its required final-check is done, so it can advance. */
  B6: 'FL1:AUR:I:101GX',
} as const
export const B6 = '83000000-0000-4000-8000-000000000006'
export const B10 = '83000000-0000-4000-8000-000000000010'
