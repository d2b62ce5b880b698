/**
 * The one error contract on the TypeScript side (docs/errors.md). Every expected failure — from a
 * server action, a route handler, the Shopify webhook or the floor API's client — is a `Fail`:
 * `{ ok: false, code, message, status, fieldErrors?, retryAfter?, details? }`, where `code` is the
 * machine code in upper snake case. `dbFail()` is the one mapper from a PostgREST / Postgres /
 * GoTrue error to it: our SQL names the code itself (`details`, with `hint` = JSON `{field, ...}`),
 * errors Postgres raises on its own are mapped by SQLSTATE through the one table below.
 */
import type { z } from 'zod'
import { isInvalidText } from '@/lib/floor/text'

export type FieldErrors = Record<string, string[]>

/** The generic codes (a row each in app.error_codes) and the ones only TypeScript answers, with their status. */
export const STATUS = {
  VALIDATION_FAILED: 400,
  INVALID_TEXT: 400,
  INVALID_JSON: 400,
  INVALID_FORM: 400,
  NOT_SIGNED_IN: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  REQUEST_TIMEOUT: 408,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RULE_VIOLATION: 422,
  LOCKED: 423,
  RATE_LIMITED: 429,
  SESSION_EXPIRED: 440,
  INTERNAL: 500,
  UNAVAILABLE: 503,
  /** The floor API's client only: the request never reached the server. */
  OFFLINE: 0,
} as const

export type GenericCode = keyof typeof STATUS
/** A generic code, or any machine code the database names (SESSION_TAKEN, BADGE_TAKEN, …). */
export type ErrorCode = GenericCode | (string & {})

export type Ok<T> = { ok: true; data: T }
export type Fail = {
  ok: false
  code: ErrorCode
  message: string
  /** The HTTP status a route answers with (0: never reached the server). */
  status: number
  /** Messages under the input they are about (form field names, or the API's field paths). */
  fieldErrors?: FieldErrors
  /** Seconds until trying again makes sense (sent as Retry-After). */
  retryAfter?: number
  /** The failure's context: the hint's JSON and the record a failure value carries (scan_id, item…). */
  details?: Record<string, unknown>
  /** The floor API's client only: no answer at all (offline, timed out on the way). */
  offline?: boolean
}
export type Result<T> = Ok<T> | Fail

export const ok = <T>(data: T): Ok<T> => ({ ok: true, data })

/** A failure TypeScript decides (zod, a missing cookie): the status follows the code. */
export function failWith(
  code: ErrorCode,
  message: string,
  extra: {
    fieldErrors?: FieldErrors
    retryAfter?: number
    details?: Record<string, unknown>
    status?: number
    offline?: boolean
  } = {},
): Fail {
  const status = extra.status ?? (STATUS as Record<string, number>)[code] ?? 500
  const out: Fail = { ok: false, code, message, status }
  if (extra.offline) out.offline = true
  if (extra.fieldErrors && Object.keys(extra.fieldErrors).length) out.fieldErrors = extra.fieldErrors
  if (extra.retryAfter !== undefined) out.retryAfter = extra.retryAfter
  if (extra.details && Object.keys(extra.details).length) out.details = extra.details
  return out
}

/** What supabase-js hands over as `error` (PostgREST, GoTrue, a failure value's body, a failed fetch). */
export interface DbError {
  code?: string
  message?: string
  details?: string | null
  hint?: string | null
}

/**
 * Postgres' own errors (and PostgREST's) → a generic code. The one table: app.floor_http_status and
 * the two TypeScript maps it replaces had drifted (40001 answered 409 here, 500 there).
 */
const BY_SQLSTATE: Record<string, GenericCode> = {
  '23505': 'CONFLICT', // unique_violation
  '23503': 'CONFLICT', // foreign_key_violation: the row it points at went away meanwhile
  '40001': 'CONFLICT', // serialization_failure
  '40P01': 'CONFLICT', // deadlock_detected
  '55P03': 'REQUEST_TIMEOUT', // lock_not_available: a row stayed locked too long
  '57014': 'REQUEST_TIMEOUT', // query_canceled: statement_timeout
  '42501': 'FORBIDDEN', // insufficient_privilege (RLS, a revoked execute)
  '23514': 'VALIDATION_FAILED', // check_violation
  '23502': 'VALIDATION_FAILED', // not_null_violation
  '42804': 'VALIDATION_FAILED', // datatype_mismatch
  '22P05': 'INVALID_TEXT', // U+0000 in text/jsonb
  '22021': 'INVALID_TEXT', // a byte sequence that is not UTF-8
  P0001: 'RULE_VIOLATION', // a bare `raise exception` (a trigger's rule)
  PGRST116: 'NOT_FOUND', // .single() found no row
  PGRST301: 'NOT_SIGNED_IN', // JWT invalid
  PGRST302: 'NOT_SIGNED_IN', // anonymous access disabled
  PGRST303: 'NOT_SIGNED_IN', // JWT expired
}

/** The code a PT<status> without a machine code gets. */
const CODE_BY_STATUS: Record<number, GenericCode> = {
  400: 'VALIDATION_FAILED',
  401: 'NOT_SIGNED_IN',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  408: 'REQUEST_TIMEOUT',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  422: 'RULE_VIOLATION',
  423: 'LOCKED',
  429: 'RATE_LIMITED',
  440: 'SESSION_EXPIRED',
  503: 'UNAVAILABLE',
}

/** Wording for failures whose database message was not written for people. */
const GENERIC_MESSAGE: Partial<Record<GenericCode, string>> = {
  CONFLICT: 'That conflicts with something that exists or was changed at the same time. Reload and try again.',
  FORBIDDEN: 'You do not have permission to do that.',
  NOT_FOUND: 'Not found.',
  NOT_SIGNED_IN: 'Please sign in again.',
  REQUEST_TIMEOUT: 'The server took too long to answer. Try again.',
  INVALID_TEXT: 'The request contains text that cannot be stored (a NUL character or a broken one).',
  INTERNAL: 'Something went wrong on our side. Nothing was changed; try again.',
  UNAVAILABLE: 'The database cannot be reached right now. Try again in a moment.',
}

export const MACHINE_CODE = /^[A-Z][A-Z0-9_]{1,39}$/
const PT = /^PT(\d{3})$/

function parseHint(hint: unknown): Record<string, unknown> {
  if (typeof hint !== 'string' || !hint.startsWith('{')) return {}
  try {
    const value: unknown = JSON.parse(hint)
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {}
  } catch {
    return {}
  }
}

function seconds(n: unknown): number | undefined {
  return typeof n === 'number' && Number.isFinite(n) && n > 0 ? Math.ceil(n) : undefined
}

/**
 * Any error supabase-js reports → the one Fail. `fields` maps the database's field names onto the
 * form's (`display_name` → `displayName`); unmapped names stay as they are. `aborted`: the call was
 * cancelled because the caller's time was up (→ REQUEST_TIMEOUT).
 */
export function dbFail(
  error: DbError | null | undefined,
  fields: Record<string, string> = {},
  opts: { aborted?: boolean } = {},
): Fail {
  if (opts.aborted) return failWith('REQUEST_TIMEOUT', GENERIC_MESSAGE.REQUEST_TIMEOUT as string)
  if (!error) return failWith('INTERNAL', GENERIC_MESSAGE.INTERNAL as string)
  // a failure value's body carries more than the four fields (the record it left: scan_id, item…)
  const { code: sqlstate = '', message, details, hint, ...extra } = error as DbError & Record<string, unknown>
  // no code at all: the fetch failed (no answer from PostgREST) — or GoTrue, which names no SQLSTATE
  if (!sqlstate) {
    const status = typeof extra.status === 'number' ? extra.status : 0
    if (status === 429) return failWith('RATE_LIMITED', message || 'Too many attempts. Try again in a moment.')
    return failWith('UNAVAILABLE', GENERIC_MESSAGE.UNAVAILABLE as string)
  }
  const pt = PT.exec(sqlstate)
  const named = typeof details === 'string' && MACHINE_CODE.test(details) ? details : undefined
  const generic: GenericCode = pt
    ? (CODE_BY_STATUS[Number(pt[1])] ?? (Number(pt[1]) >= 500 ? 'INTERNAL' : 'VALIDATION_FAILED'))
    : (BY_SQLSTATE[sqlstate] ?? (sqlstate.startsWith('22') ? 'VALIDATION_FAILED' : 'INTERNAL'))
  const code: ErrorCode = named ?? generic
  const status = pt ? Number(pt[1]) : STATUS[generic]

  // our own functions write messages for people; a driver's message is never shown raw
  const own = (Boolean(named) || Boolean(pt) || sqlstate === 'P0001') && status < 500
  let text = own && message ? message : (GENERIC_MESSAGE[generic] ?? 'That could not be saved.')
  if (!own && generic === 'VALIDATION_FAILED' && message) text = `Invalid value: ${message}`

  // context: the hint's JSON, then what a failure value carries besides the error body (the record it left)
  const context: Record<string, unknown> = { ...parseHint(hint) }
  for (const [k, v] of Object.entries(extra)) if (!(k in context) && k !== 'status') context[k] = v
  const field = typeof context.field === 'string' && context.field ? context.field : undefined
  const fieldErrors = field && own ? { [fields[field] ?? field]: [text] } : undefined
  if (context.field === null) delete context.field
  return failWith(code, text, {
    status,
    fieldErrors,
    retryAfter: seconds(context.retry_after_seconds),
    details: context,
  })
}

/** The JSON body of a failure answer (docs/api.md): `{ code, message, fieldErrors?, details? }`. */
export function errorBody(f: Fail): {
  code: string
  message: string
  fieldErrors?: FieldErrors
  details?: Record<string, unknown>
} {
  const body: { code: string; message: string; fieldErrors?: FieldErrors; details?: Record<string, unknown> } = {
    code: f.code,
    message: f.message,
  }
  if (f.fieldErrors) body.fieldErrors = f.fieldErrors
  if (f.details) body.details = f.details
  return body
}

/** A failure body read back from the wire (the floor API's client, sync op answers). */
export function fromErrorBody(body: unknown, status: number, retryAfter?: number): Fail {
  const b = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>
  const code = typeof b.code === 'string' && MACHINE_CODE.test(b.code) ? b.code : (CODE_BY_STATUS[status] ?? 'INTERNAL')
  const message = typeof b.message === 'string' ? b.message : `The server answered ${status}`
  const details = b.details && typeof b.details === 'object' ? (b.details as Record<string, unknown>) : undefined
  const fieldErrors = b.fieldErrors && typeof b.fieldErrors === 'object' ? (b.fieldErrors as FieldErrors) : undefined
  return failWith(code, message, {
    status,
    fieldErrors,
    details,
    retryAfter: retryAfter ?? seconds(details?.retry_after_seconds),
  })
}

/**
 * zod issues → 400 VALIDATION_FAILED with fieldErrors under each field: the form's field (the first
 * path element, for server actions) or the full path (`args.device_info.model`, for the API). Text
 * that cannot be stored (lib/floor/text.ts) → 400 INVALID_TEXT with `details.field` = its path.
 */
export function fromZod(error: z.ZodError, opts: { keys: 'field' | 'path' } = { keys: 'path' }): Fail {
  const fieldErrors: FieldErrors = {}
  for (const issue of error.issues) {
    const fallback = opts.keys === 'field' ? '_form' : '_request'
    const key = issue.path.length ? (opts.keys === 'field' ? String(issue.path[0]) : issue.path.join('.')) : fallback
    fieldErrors[key] ??= []
    fieldErrors[key].push(issue.message)
  }
  const first = error.issues[0]
  let message = first?.message ?? 'Check the form'
  if (opts.keys === 'field') {
    if (Object.keys(fieldErrors).length > 1) message = 'Check the highlighted fields'
  } else if (first?.path.length) {
    message = `${first.path.join('.')}: ${message}`
  }
  if (isInvalidText(error)) {
    return failWith('INVALID_TEXT', message, { fieldErrors, details: { field: first?.path.join('.') || '_request' } })
  }
  return failWith('VALIDATION_FAILED', message, { fieldErrors })
}
