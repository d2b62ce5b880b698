/**
 * Expected failures are values, not exceptions. Every server action and route handler answers with
 * a Result; `fail()` maps Postgres/PostgREST errors to a stable code + a message fit for a person.
 */
export type FieldErrors = Record<string, string[]>

export type ErrorCode =
  | 'invalid'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'rule_violation'
  | 'locked'
  | 'expired'
  | 'rate_limited'
  | 'timeout'
  | 'unexpected'

export type Ok<T> = { ok: true; data: T }
export type Fail = {
  ok: false
  code: ErrorCode
  message: string
  fieldErrors?: FieldErrors
  /** rate_limited: seconds until trying again makes sense (a route sends it as Retry-After). */
  retryAfter?: number
}
export type Result<T> = Ok<T> | Fail

export const ok = <T>(data: T): Ok<T> => ({ ok: true, data })

export function failWith(code: ErrorCode, message: string, fieldErrors?: FieldErrors): Fail {
  return fieldErrors ? { ok: false, code, message, fieldErrors } : { ok: false, code, message }
}

/** HTTP status for route handlers answering a Fail. */
export const STATUS: Record<ErrorCode, number> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  timeout: 408,
  conflict: 409,
  rule_violation: 422,
  locked: 423,
  expired: 440,
  rate_limited: 429,
  unexpected: 500,
}

interface DbErrorLike {
  code?: string
  message?: string
  details?: string | null
  hint?: string | null
}

// `raise exception using errcode = 'PT4xx'` in SQL becomes HTTP 4xx in PostgREST; we map the same
// codes to our vocabulary so the database owns both the rule and its wording.
const BY_SQLSTATE: Record<string, ErrorCode> = {
  PT400: 'invalid',
  PT401: 'unauthenticated',
  PT403: 'forbidden',
  PT404: 'not_found',
  PT408: 'timeout',
  PT409: 'conflict',
  PT422: 'rule_violation',
  PT423: 'locked',
  PT429: 'rate_limited',
  PT440: 'expired',
  P0001: 'rule_violation',
  '23505': 'conflict',
  '23503': 'conflict',
  '23514': 'invalid',
  '23502': 'invalid',
  '22P02': 'invalid',
  '22023': 'invalid',
  '22001': 'invalid',
  '22003': 'invalid',
  '22007': 'invalid',
  '22008': 'invalid',
  '42501': 'forbidden',
  PGRST116: 'not_found',
  PGRST301: 'unauthenticated',
  PGRST303: 'unauthenticated',
  '40001': 'conflict',
  '40P01': 'conflict',
  '55P03': 'conflict',
  '57014': 'timeout',
}

const GENERIC: Partial<Record<ErrorCode, string>> = {
  conflict: 'That conflicts with something that already exists or was changed at the same time. Reload and try again.',
  forbidden: 'You do not have permission to do that.',
  not_found: 'Not found.',
  unauthenticated: 'Please sign in again.',
  timeout: 'The request took too long. Try again.',
  unexpected: 'Something went wrong on our side. Nothing was changed; try again.',
}

/** Codes whose database message was written for people (raised by our own functions). */
const OWN_MESSAGE = new Set([
  'P0001',
  'PT400',
  'PT401',
  'PT403',
  'PT404',
  'PT409',
  'PT422',
  'PT423',
  'PT429',
  'PT440',
  '23514',
])

export function fail(error: DbErrorLike | null | undefined): Fail {
  const sqlstate = error?.code ?? ''
  const code = BY_SQLSTATE[sqlstate] ?? (sqlstate.startsWith('22') ? 'invalid' : 'unexpected')
  let message = GENERIC[code] ?? 'That could not be saved.'
  if (OWN_MESSAGE.has(sqlstate) && error?.message) message = error.message
  else if (code === 'invalid' && error?.message) message = `Invalid value: ${error.message}`
  return failWith(code, message)
}
