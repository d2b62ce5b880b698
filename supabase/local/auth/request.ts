import type { IncomingMessage, ServerResponse } from 'node:http'
import type { StackConfig } from '../config'
import type { Db } from '../db/types'
import { readBody, send } from '../http'
import { badRequest } from './errors'
import type { AuthContext } from './sessions'

/** Everything a route handler gets. */
export interface RouteCtx {
  req: IncomingMessage
  res: ServerResponse
  url: URL
  db: Db
  cfg: StackConfig
  ac: AuthContext
}

export type Body = Record<string, unknown>

/** GoTrue's retrieveRequestParams: a JSON object body (empty = {}), else 400 bad_json. */
export async function readAuthBody(req: IncomingMessage): Promise<Body> {
  const buf = await readBody(req, 1024 * 1024)
  if (buf.length === 0) return {}
  let v: unknown
  try {
    v = JSON.parse(buf.toString('utf8'))
  } catch (e) {
    throw badRequest('bad_json', `Could not parse request body as JSON: ${(e as Error).message}`)
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v)) {
    throw badRequest('bad_json', 'Could not parse request body as JSON: expected an object')
  }
  return v as Body
}

/** A string field, '' when absent; a present non-string is a 400 rather than a silent coercion. */
export function str(body: Body, key: string): string {
  const v = body[key]
  if (v === undefined || v === null) return ''
  if (typeof v !== 'string')
    throw badRequest('bad_json', `Could not parse request body as JSON: "${key}" must be a string`)
  return v
}

/** An object field (metadata), undefined when absent. */
export function obj(body: Body, key: string): Record<string, unknown> | undefined {
  const v = body[key]
  if (v === undefined || v === null) return undefined
  if (typeof v !== 'object' || Array.isArray(v)) {
    throw badRequest('bad_json', `Could not parse request body as JSON: "${key}" must be an object`)
  }
  return v as Record<string, unknown>
}

export function bool(body: Body, key: string): boolean {
  const v = body[key]
  if (v === undefined || v === null) return false
  if (typeof v !== 'boolean')
    throw badRequest('bad_json', `Could not parse request body as JSON: "${key}" must be a boolean`)
  return v
}

export function sendJson(rc: RouteCtx, status: number, body?: unknown, headers: Record<string, string> = {}): void {
  send(rc.res, status, body as Record<string, unknown> | undefined, headers)
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]', '::1'])

/**
 * GoTrue's IsRedirectURLValid for the local stack: the site URL's host, or any loopback host (what
 * `supabase start`'s additional_redirect_urls typically list). Anything else falls back to the site URL.
 */
export function redirectTarget(wanted: string | null | undefined, siteUrl: string): string {
  if (!wanted) return siteUrl
  try {
    const u = new URL(wanted)
    const site = new URL(siteUrl)
    if (
      (u.protocol === 'http:' || u.protocol === 'https:') &&
      (u.hostname === site.hostname || LOOPBACK.has(u.hostname))
    ) {
      return wanted
    }
  } catch {
    // not a URL: fall through
  }
  return siteUrl
}
