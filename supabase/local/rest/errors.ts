/**
 * PostgREST's error shape and HTTP status mapping, in one place so other modules (storage, auth
 * admin helpers) answer database errors the way supabase-js expects them.
 * Mirrors PostgREST 13/14 (src/PostgREST/Error.hs, pgErrorStatus — the same mapping as 12).
 */

import { isPgError, type PgError } from '../db/types'
import { HttpError } from '../http'

export interface PgrstErrorBody {
  code: string
  message: string
  details: unknown
  hint: unknown
}

/** An error answered with PostgREST's `{code, message, details, hint}` body. */
export class RestError extends HttpError {
  constructor(
    status: number,
    code: string,
    message: string,
    details: unknown = null,
    hint: unknown = null,
    headers: Record<string, string> = {},
  ) {
    super(status, { code, details, hint, message } satisfies PgrstErrorBody, headers)
  }
}

/** Something PostgREST does that this stack does not: 501 naming the feature. */
export function notImplemented(feature: string): RestError {
  return new RestError(
    501,
    'PGRST127',
    `Feature not implemented: ${feature}`,
    `${feature} is outside the PostgREST subset the Floorline local stack implements`,
    'See supabase/local/rest/README.md for what is supported',
  )
}

/**
 * HTTP status for a Postgres SQLSTATE, as PostgREST maps it. `authenticated` is PostgREST's
 * "role is not the anon role": 42501 is 401 for anon (log in) and 403 for everyone else.
 */
export function pgErrorStatus(code: string, message: string, authenticated: boolean): number {
  switch (code) {
    case '23503':
    case '23505':
      return 409
    case '25006':
      return 405
    case '21000':
      return message.endsWith('requires a WHERE clause') ? 400 : 500
    case '22023':
      return message.startsWith('role') && message.endsWith('does not exist') ? 401 : 400
    case '53400':
      return 500
    case '57P01':
      return 503
    case 'P0001':
      return 400
    case '42883':
      return message.startsWith('function xmlagg(') ? 406 : 404
    case '42P01':
      return 404
    case '42P17':
      return 500
    case '42501':
      return authenticated ? 403 : 401
  }
  const two = code.slice(0, 2)
  switch (two) {
    case '08':
      return 503
    case '09':
      return 500
    case '0L':
    case '0P':
      return 403
    case '25':
      return 500
    case '28':
      return 403
    case '2D':
    case '38':
    case '39':
    case '3B':
    case '40':
      return 500
    case '53':
      return 503
    case '54':
    case '55':
    case '57':
    case '58':
    case 'F0':
    case 'HV':
    case 'P0':
    case 'XX':
      return 500
    case 'PT': {
      // RAISE ... USING ERRCODE = 'PT404' picks the HTTP status
      const n = Number(code.slice(2))
      return Number.isInteger(n) && n >= 100 && n <= 599 ? n : 500
    }
  }
  return 400
}

/**
 * `RAISE SQLSTATE 'PGRST' USING MESSAGE = '{"code":..,"message":..}', DETAIL = '{"status":..,"headers":{..}}'`
 * gives the function full control of the response (PostgREST 12+).
 */
function raisePgrst(e: PgError): HttpError {
  let msg: Record<string, unknown>
  try {
    msg = JSON.parse(e.message)
    if (!msg || typeof msg !== 'object' || typeof msg.code !== 'string' || typeof msg.message !== 'string') throw 0
  } catch {
    return new RestError(
      500,
      'PGRST121',
      'Could not parse JSON in the "RAISE SQLSTATE \'PGRST\'" error',
      `Invalid JSON value for MESSAGE: '${e.message}'`,
      "MESSAGE must be a JSON object with obligatory keys: 'code', 'message' and optional keys: 'details', 'hint'.",
    )
  }
  let det: Record<string, unknown>
  try {
    if (!e.detail) throw 0
    det = JSON.parse(e.detail)
    if (!det || typeof det !== 'object' || typeof det.status !== 'number') throw 0
  } catch {
    return new RestError(
      500,
      'PGRST121',
      'Could not parse JSON in the "RAISE SQLSTATE \'PGRST\'" error',
      e.detail ? `Invalid JSON value for DETAIL: '${e.detail}'` : 'DETAIL is missing in the RAISE statement',
      "DETAIL must be a JSON object with obligatory keys: 'status', 'headers' and optional key: 'status_text'.",
    )
  }
  const headers: Record<string, string> = {}
  if (det.headers && typeof det.headers === 'object') {
    for (const [k, v] of Object.entries(det.headers as Record<string, unknown>)) headers[k.toLowerCase()] = String(v)
  }
  return new RestError(
    det.status as number,
    msg.code as string,
    msg.message as string,
    msg.details ?? null,
    msg.hint ?? null,
    headers,
  )
}

/** A Postgres error as PostgREST answers it, for a request made as `role`. */
export function pgErrorResponse(e: PgError, role: string): HttpError {
  if (e.code === 'PGRST') return raisePgrst(e)
  const status = pgErrorStatus(e.code, e.message, role !== 'anon')
  const headers: Record<string, string> = status === 401 ? { 'www-authenticate': 'Bearer' } : {}
  return new RestError(status, e.code, e.message, e.detail ?? null, e.hint ?? null, headers)
}

/** Maps anything thrown while serving a request: HttpErrors pass, Postgres errors are translated. */
export function toHttpError(e: unknown, role: string): HttpError | undefined {
  if (e instanceof HttpError) return e
  // both drivers' errors carry the server's severity; Node's own (EPIPE, …) do not
  if (isPgError(e) && 'severity' in e && /^[0-9A-Z]{5}$/.test(e.code)) return pgErrorResponse(e, role)
  return undefined
}
