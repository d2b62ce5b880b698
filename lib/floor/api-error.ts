/**
 * The floor API's error vocabulary (docs/api.md): every failure answers `{ code, message, details? }`
 * with a machine-readable `code` (ITEM_NOT_FOUND, VALIDATION_FAILED, …) and the HTTP status the spec
 * asks for. The database owns the codes and the wording: floor RPCs raise (or return as values)
 * errors whose PostgREST shape is `{ code: SQLSTATE, message, details: <CODE>, hint: <JSON context> }`.
 */
export interface ApiError {
  status: number
  code: string
  message: string
  details?: Record<string, unknown>
}

export interface PostgrestLikeError {
  code?: string
  message?: string
  details?: string | null
  hint?: string | null
  [extra: string]: unknown
}

/** The code a status gets when the database did not name one. */
export const CODE_BY_STATUS: Record<number, string> = {
  400: 'VALIDATION_FAILED',
  401: 'NOT_SIGNED_IN',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  408: 'REQUEST_TIMEOUT',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  422: 'RULE_VIOLATION',
  423: 'LOCKED',
  429: 'RATE_LIMITED',
  500: 'INTERNAL',
  503: 'UNAVAILABLE',
}

const MESSAGE_BY_STATUS: Record<number, string> = {
  401: 'Sign in first',
  403: 'Not allowed',
  404: 'Not found',
  408: 'The server took too long to answer: try again',
  409: 'That conflicts with a change made at the same time: reload and try again',
  500: 'Something went wrong on our side. Nothing was changed; try again.',
  503: 'The database cannot be reached right now: try again in a moment',
}

// SQLSTATEs and PostgREST codes that are not PTxxx, as PostgREST and app.floor_http_status map them.
const STATUS_BY_SQLSTATE: Record<string, number> = {
  '22023': 400,
  '22P02': 400,
  '22007': 400,
  '22008': 400,
  '22003': 400,
  '22001': 400,
  '23514': 400,
  '23502': 400,
  '42804': 400,
  '22P05': 400, // U+0000 in jsonb/text: the request's text, not our fault
  '22021': 400, // a byte sequence that is not UTF-8
  '42501': 403,
  '23505': 409,
  '23503': 409,
  '40001': 409,
  '40P01': 409,
  '55P03': 408, // lock_timeout: a row stayed locked too long
  '57014': 408, // statement_timeout
  PGRST301: 401,
  PGRST302: 401,
  PGRST303: 401,
  PGRST116: 404,
}

const MACHINE_CODE = /^[A-Z][A-Z0-9_]{1,39}$/

// Postgres could not store the text (lib/floor/text.ts refuses it first; this is the backstop)
const TEXT_SQLSTATES = new Set(['22P05', '22021'])
const INVALID_TEXT_MESSAGE = 'The request contains text that cannot be stored (a NUL character or a broken one)'

/** HTTP status for a PostgREST error code. */
export function statusFor(code: string | undefined): number {
  if (!code) return 503 // no answer at all: the fetch failed
  const pt = /^PT(\d{3})$/.exec(code)
  if (pt) return Number(pt[1])
  return STATUS_BY_SQLSTATE[code] ?? (code.startsWith('22') ? 400 : 500)
}

function parseHint(hint: unknown): Record<string, unknown> | undefined {
  if (typeof hint !== 'string' || !hint.startsWith('{')) return undefined
  try {
    const value = JSON.parse(hint) as unknown
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined
  } catch {
    return undefined
  }
}

/**
 * A supabase-js error (raised, or a failure value with response.status) → ApiError. Extra fields of
 * failure values (scan_id, result, item, action …: the row that recorded the failure) go into details.
 */
export function fromPostgrest(error: PostgrestLikeError, opts: { aborted?: boolean } = {}): ApiError {
  if (opts.aborted) {
    return { status: 408, code: 'REQUEST_TIMEOUT', message: MESSAGE_BY_STATUS[408] }
  }
  if (error.code && TEXT_SQLSTATES.has(error.code)) {
    return { status: 400, code: 'INVALID_TEXT', message: INVALID_TEXT_MESSAGE }
  }
  const { code: sqlstate, message, details, hint, ...extra } = error
  const status = statusFor(sqlstate)
  const named = typeof details === 'string' && MACHINE_CODE.test(details) ? details : undefined
  const out: Record<string, unknown> = { ...(parseHint(hint) ?? {}), ...extra }
  // tenancy/production RPCs name the offending field in `details` (docs/tenancy.md §6)
  if (!named && typeof details === 'string' && /^[a-z_][a-z0-9_.]*$/.test(details)) out.field ??= details
  const code = sqlstate === '42501' && !named ? 'FORBIDDEN' : (named ?? CODE_BY_STATUS[status] ?? 'INTERNAL')
  // our own functions write messages for people; anything else (a 500, a driver message) is not shown raw
  const ownMessage = Boolean(named) || /^PT\d{3}$/.test(sqlstate ?? '') || sqlstate === '22023'
  const text =
    status >= 500 || (!ownMessage && MESSAGE_BY_STATUS[status])
      ? (MESSAGE_BY_STATUS[status] ?? MESSAGE_BY_STATUS[500])
      : (message ?? MESSAGE_BY_STATUS[status] ?? 'Request failed')
  return Object.keys(out).length ? { status, code, message: text, details: out } : { status, code, message: text }
}

export function apiError(status: number, message: string, details?: Record<string, unknown>, code?: string): ApiError {
  const e: ApiError = { status, code: code ?? CODE_BY_STATUS[status] ?? 'INTERNAL', message }
  if (details && Object.keys(details).length) e.details = details
  return e
}

/** The JSON body of an error answer. */
export function errorBody(e: ApiError): { code: string; message: string; details?: Record<string, unknown> } {
  return e.details ? { code: e.code, message: e.message, details: e.details } : { code: e.code, message: e.message }
}

/** When to come back after a throttled (429), locked (423) or unavailable (503) answer, in whole seconds. */
export function retryAfterSeconds(e: ApiError): number | undefined {
  if (e.status !== 429 && e.status !== 423 && e.status !== 503) return undefined
  const n = e.details?.retry_after_seconds
  return typeof n === 'number' && Number.isFinite(n) && n > 0 ? Math.ceil(n) : undefined
}
