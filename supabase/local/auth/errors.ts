import type { IncomingMessage, ServerResponse } from 'node:http'
import { HttpError, header, send } from '../http'

/**
 * GoTrue's HTTPError: a status, an error code (auth-js exposes it as AuthError.code) and a message.
 * How it is written depends on the X-Supabase-Api-Version the client sent (see sendAuthError).
 */
export class AuthError extends Error {
  constructor(
    readonly status: number,
    readonly code: string | undefined,
    message: string,
    /** Extra top-level body fields (weak_password). */
    readonly extra?: Record<string, unknown>,
  ) {
    super(message)
  }
}

/** GoTrue's OAuthError: `{error, error_description}`, always 400, whatever the API version. */
export class OAuthError extends Error {
  constructor(
    readonly error: string,
    readonly description: string,
  ) {
    super(description)
  }
}

export const badRequest = (code: string, msg: string) => new AuthError(400, code, msg)
export const unauthorized = (code: string, msg: string) => new AuthError(401, code, msg)
export const forbidden = (code: string, msg: string) => new AuthError(403, code, msg)
export const notFound = (code: string, msg: string) => new AuthError(404, code, msg)
export const unprocessable = (code: string, msg: string) => new AuthError(422, code, msg)
export const internalError = (msg: string) => new AuthError(500, 'unexpected_failure', msg)

/** Outside the subset: 501 with a message that says so (auth-js surfaces it as the error message). */
export const notInSubset = (what: string) =>
  new AuthError(
    501,
    'not_implemented',
    `${what} is not in the Floorline local stack's /auth/v1 subset (see supabase/local/auth/README.md)`,
  )

export const weakPassword = (msg: string, reasons: string[]) =>
  new AuthError(422, 'weak_password', msg, { weak_password: { reasons } })

const API_VERSION_2024 = Date.parse('2024-01-01T00:00:00Z')

/**
 * GoTrue's DetermineClosestAPIVersion: a YYYY-MM-DD header at or after 2024-01-01 selects the
 * 2024-01-01 error format (and is echoed back); anything else means the initial format.
 */
export function apiVersion(req: IncomingMessage): '2024-01-01' | null {
  const v = header(req, 'x-supabase-api-version')
  if (!v || !/^\d{4}-\d{2}-\d{2}$/.test(v)) return null
  const t = Date.parse(`${v}T00:00:00Z`)
  return Number.isFinite(t) && t >= API_VERSION_2024 ? '2024-01-01' : null
}

/**
 * Writes an error as GoTrue's HandleResponseError does: `{code: <error_code>, message}` for API
 * version 2024-01-01 (what auth-js sends), `{code: <status>, error_code, msg}` otherwise.
 */
export function sendAuthError(req: IncomingMessage, res: ServerResponse, e: unknown, log: (m: string) => void): void {
  const version = apiVersion(req)
  const headers: Record<string, string> = version ? { 'x-supabase-api-version': version } : {}
  if (e instanceof OAuthError) {
    send(res, 400, { error: e.error, ...(e.description ? { error_description: e.description } : {}) }, headers)
    return
  }
  let err: AuthError
  if (e instanceof AuthError) err = e
  else if (e instanceof HttpError) err = new AuthError(e.status, undefined, e.message)
  else {
    log(`auth: unexpected error on ${req.method} ${req.url}: ${(e as Error)?.stack ?? e}`)
    err = internalError('Unexpected failure, please check server logs for more information')
  }
  const code = err.code ?? (err.status >= 500 ? 'unexpected_failure' : 'unknown')
  const body = version
    ? { code, message: err.message, ...err.extra }
    : { code: err.status, error_code: code, msg: err.message, ...err.extra }
  send(res, err.status, body, headers)
}
