/** What every REST handler gets for one request. */
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { RequestAuth } from '../context'
import type { Db } from '../db/types'
import { readBody, send } from '../http'
import { notImplemented, RestError } from './errors'
import { responseOverrides } from './execute'
import { closest } from './fuzzy'
import { ident, type QI, qiKey } from './ident'
import type { Media, Preferences } from './request'
import type { SchemaCache, SchemaSnapshot, Table } from './schema-cache'

export interface RestRequest {
  db: Db
  cache: SchemaCache
  req: IncomingMessage
  res: ServerResponse
  url: URL
  method: string
  auth: RequestAuth
  schema: string
  /** the client named the schema (Accept-Profile/Content-Profile): echo Content-Profile */
  negotiated: boolean
  prefs: Preferences
  applied: string[]
  media: Media
}

/**
 * Runs `fn` against the schema cache; when it fails because a name is unknown (a migration may
 * have added it since the last load) the cache is reloaded and `fn` tried once more.
 */
export async function withFreshCache<T>(r: RestRequest, fn: (snap: SchemaSnapshot) => T | Promise<T>): Promise<T> {
  try {
    return await fn(r.cache.current)
  } catch (e) {
    if (!(e instanceof RestError) || !['PGRST200', 'PGRST202', 'PGRST204', 'PGRST205'].includes(String(e.body.code))) {
      throw e
    }
    await r.cache.reload()
    return fn(r.cache.current)
  }
}

export function findTable(snap: SchemaSnapshot, qi: QI): Table {
  const t = snap.tables.get(qiKey(qi))
  if (t) return t
  const names = [...snap.tables.values()].filter((x) => x.schema === qi.schema).map((x) => x.name)
  const near = closest(qi.name, names, 0.75)
  throw new RestError(
    404,
    'PGRST205',
    `Could not find the table '${qi.schema}.${qi.name}' in the schema cache`,
    null,
    near ? `Perhaps you meant the table '${qi.schema}.${near}'` : null,
  )
}

export function columnNotFound(table: Table, col: string): RestError {
  return new RestError(400, 'PGRST204', `Could not find the '${col}' column of '${table.name}' in the schema cache`)
}

export type AnswerKind = 'read' | 'rpc' | 'insert' | 'update' | 'delete'

/** The preferences each kind of answer reports back, as PostgREST 13/14's Response.hs picks them. */
const REPORTED: Record<AnswerKind, (keyof Preferences)[]> = {
  read: ['count', 'tx', 'handling', 'timezone'],
  rpc: ['count', 'tx', 'handling', 'timezone', 'maxAffected'],
  insert: ['resolution', 'missing', 'return', 'count', 'tx', 'handling', 'timezone'],
  update: ['missing', 'return', 'count', 'tx', 'handling', 'timezone', 'maxAffected'],
  delete: ['return', 'count', 'tx', 'handling', 'timezone', 'maxAffected'],
}
/** PostgREST's prefAppliedHeader order, whatever order the client sent them in. */
const APPLIED_ORDER: (keyof Preferences)[] = [
  'resolution',
  'missing',
  'return',
  'count',
  'tx',
  'handling',
  'timezone',
  'maxAffected',
]

/** `Preference-Applied` for an answer, or undefined when nothing applies. */
export function preferenceApplied(
  prefs: Preferences,
  kind: AnswerKind,
  opts: { resolution?: boolean } = {},
): string | undefined {
  const out: string[] = []
  for (const k of APPLIED_ORDER) {
    const v = prefs[k]
    if (v === undefined || !REPORTED[kind].includes(k)) continue
    if (k === 'resolution' && opts.resolution === false) continue // no PK and no on_conflict: not applied
    if (k === 'maxAffected') {
      if (prefs.handling === 'strict') out.push(`max-affected=${v}`)
    } else out.push(`${k}=${v}`)
  }
  return out.length ? out.join(', ') : undefined
}

/** Headers every successful answer carries: Content-Profile when negotiated, Preference-Applied. */
export function baseHeaders(
  r: RestRequest,
  withContentType: boolean,
  kind: AnswerKind,
  opts: { resolution?: boolean } = {},
): Record<string, string> {
  const h: Record<string, string> = {}
  if (withContentType) h['content-type'] = r.media.contentType
  if (r.negotiated) h['content-profile'] = r.schema
  const applied = preferenceApplied(r.prefs, kind, opts)
  if (applied) h['preference-applied'] = applied
  return h
}

export function reply(r: RestRequest, status: number, body: string | null, headers: Record<string, string>): void {
  const o = responseOverrides.get(r.req)
  if (o) {
    status = o.status ?? status
    headers = { ...headers, ...o.headers }
  }
  send(r.res, status, r.method === 'HEAD' || body === null ? undefined : body, headers)
}

export const rootAlias = (name: string) => ident(name)

/**
 * The JSON body as sent (so numbers reach Postgres digit for digit) and parsed (to read its keys).
 * Empty body → undefined; malformed → 400 PGRST102.
 */
export async function readPayload(req: IncomingMessage): Promise<{ text: string; value: unknown } | undefined> {
  const ct = req.headers['content-type']
  if (ct && !/^application\/json\b/i.test(ct)) {
    throw notImplemented(`request bodies of type ${ct.split(';')[0]} (only application/json)`)
  }
  const buf = await readBody(req)
  const text = buf.toString('utf8')
  if (!text.trim()) return undefined
  try {
    return { text, value: JSON.parse(text) }
  } catch (e) {
    throw new RestError(400, 'PGRST102', 'Empty or invalid json', (e as Error).message)
  }
}
