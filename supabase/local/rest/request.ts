/**
 * Reads what PostgREST reads from an HTTP request: schema profile, Prefer, Accept, Range and the
 * query string (select, filters, logic trees, order, limit/offset per embed level).
 */
import type { IncomingMessage } from 'node:http'
import type { Filter, LogicTree, OrderTerm, SelectItem } from './ast'
import { RestError } from './errors'
import { parseFilterKey, parseFilterValue, parseLogic, parseOrder } from './parse-filter'
import { parseColumns, parseSelect } from './parse-select'

export interface Preferences {
  return?: 'minimal' | 'representation' | 'headers-only'
  count?: 'exact' | 'planned' | 'estimated'
  resolution?: 'merge-duplicates' | 'ignore-duplicates'
  missing?: 'default' | 'null'
  handling?: 'strict' | 'lenient'
  tx?: 'commit' | 'rollback'
  maxAffected?: number
  timezone?: string
}

const PREF_VALUES: Record<string, string[] | null> = {
  return: ['minimal', 'representation', 'headers-only'],
  count: ['exact', 'planned', 'estimated'],
  resolution: ['merge-duplicates', 'ignore-duplicates'],
  missing: ['default', 'null'],
  handling: ['strict', 'lenient'],
  tx: ['commit', 'rollback'],
  'max-affected': null,
  timezone: null,
}

/**
 * PostgREST's shouldCount: the statement itself counts for `exact` and `estimated`; `planned`
 * only asks the planner (reads of tables and views), so RPC and write answers leave it out.
 */
export const shouldCount = (p: Preferences) => p.count === 'exact' || p.count === 'estimated'

export function parsePrefer(header: string | string[] | undefined): { prefs: Preferences; applied: string[] } {
  const tokens = (Array.isArray(header) ? header.join(',') : (header ?? ''))
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean)
  const prefs: Preferences = {}
  const applied: string[] = []
  const invalid: string[] = []
  for (const tok of tokens) {
    const [k, v = ''] = tok.split('=', 2).map((s) => s.trim())
    const allowed = PREF_VALUES[k]
    if (allowed === undefined || (allowed && !allowed.includes(v))) {
      invalid.push(tok)
      continue
    }
    if (k === 'max-affected') {
      const n = Number(v)
      if (!Number.isInteger(n) || n < 0) {
        invalid.push(tok)
        continue
      }
      prefs.maxAffected = n
    } else if (k === 'timezone') prefs.timezone = v
    else (prefs as Record<string, string>)[k] = v
    applied.push(tok)
  }
  if (prefs.handling === 'strict' && invalid.length) {
    throw new RestError(
      400,
      'PGRST122',
      'Invalid preferences given with handling=strict',
      `Invalid preferences: ${invalid.join(', ')}`,
    )
  }
  return { prefs, applied }
}

export type MediaKind = 'json' | 'object' | 'csv'

export interface Media {
  kind: MediaKind
  stripNulls: boolean
  contentType: string
}

/** Content negotiation on Accept, as far as this subset goes (JSON array/object, CSV). */
export function negotiate(accept: string | undefined): Media {
  if (!accept?.trim()) return { kind: 'json', stripNulls: false, contentType: 'application/json; charset=utf-8' }
  const offered = accept
    .split(',')
    .map((part, i) => {
      const [type, ...params] = part.split(';').map((s) => s.trim())
      const p = Object.fromEntries(params.map((x) => x.split('=').map((s) => s.trim().replace(/^"|"$/g, ''))))
      const q = p.q === undefined ? 1 : Number(p.q)
      return { type: type.toLowerCase(), params: p as Record<string, string>, q, i }
    })
    .filter((m) => m.type && m.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i)
  for (const m of offered) {
    const stripNulls = m.params.nulls === 'stripped'
    switch (m.type) {
      case 'application/json':
      case '*/*':
      case 'application/*':
        return { kind: 'json', stripNulls: false, contentType: 'application/json; charset=utf-8' }
      case 'application/vnd.pgrst.array+json':
      case 'application/vnd.pgrst.array':
        return {
          kind: 'json',
          stripNulls,
          contentType: `application/vnd.pgrst.array+json;${stripNulls ? 'nulls=stripped;' : ''} charset=utf-8`,
        }
      case 'application/vnd.pgrst.object+json':
      case 'application/vnd.pgrst.object':
        return {
          kind: 'object',
          stripNulls,
          contentType: `application/vnd.pgrst.object+json;${stripNulls ? 'nulls=stripped;' : ''} charset=utf-8`,
        }
      case 'text/csv':
        return { kind: 'csv', stripNulls: false, contentType: 'text/csv; charset=utf-8' }
    }
  }
  throw new RestError(
    406,
    'PGRST107',
    `None of these media types are available: ${offered.map((m) => m.type).join(', ')}`,
  )
}

export interface Range {
  offset: number
  /** undefined = no upper bound */
  limit?: number
}

function rangeError(details: string): RestError {
  return new RestError(416, 'PGRST103', 'Requested range not satisfiable', details)
}

function parseLimitOffset(name: string, v: string): number {
  if (!/^-?\d+$/.test(v.trim())) {
    throw new RestError(
      400,
      'PGRST100',
      `"failed to parse ${name} parameter (${v})" (line 1, column 1)`,
      'unexpected input expecting an integer',
    )
  }
  const n = Number(v)
  if (n < 0 && name === 'limit') throw rangeError('Limit should be greater than or equal to zero.')
  if (n < 0)
    throw new RestError(
      400,
      'PGRST100',
      `"failed to parse offset parameter (${v})" (line 1, column 1)`,
      'offset must be >= 0',
    )
  return n
}

/** The Range header (GET only) narrowed by limit/offset, as PostgREST's restrictRange does. */
export function topRange(
  rangeHeader: string | undefined,
  limit: number | undefined,
  offset: number | undefined,
): Range {
  let lower = 0
  let upper = Number.POSITIVE_INFINITY
  const m = rangeHeader ? /^\s*(\d+)-(\d*)\s*$/.exec(rangeHeader) : null
  if (m) {
    lower = Number(m[1])
    if (m[2] !== '') upper = Number(m[2])
    if (lower > upper)
      throw rangeError('The lower boundary must be lower than or equal to the upper boundary in the Range header.')
  }
  if (offset !== undefined) lower = Math.max(lower, offset)
  if (limit !== undefined) upper = Math.min(upper, (offset ?? 0) + limit - 1)
  if (limit === 0) return { offset: lower, limit: 0 }
  return { offset: lower, limit: upper === Number.POSITIVE_INFINITY ? undefined : Math.max(0, upper - lower + 1) }
}

export interface QueryParts {
  select: SelectItem[]
  filters: { path: string[]; filter: Filter }[]
  logic: { path: string[]; tree: LogicTree }[]
  order: { path: string[]; terms: OrderTerm[] }[]
  ranges: { path: string[]; limit?: number; offset?: number }[]
  columns?: string[]
  onConflict?: string[]
}

const splitPath = (key: string) => key.split('.')

/**
 * Parses the query string. `argKeys` are left out (RPC arguments passed with GET), so every other
 * key is a filter, exactly as PostgREST treats unknown keys.
 */
export function parseQuery(params: URLSearchParams, argKeys: Set<string> = new Set()): QueryParts {
  const q: QueryParts = { select: [{ kind: 'star' }], filters: [], logic: [], order: [], ranges: [] }
  const ranges = new Map<string, { path: string[]; limit?: number; offset?: number }>()
  const rangeFor = (path: string[]) => {
    const k = path.join('.')
    let r = ranges.get(k)
    if (!r) {
      r = { path }
      ranges.set(k, r)
    }
    return r
  }
  for (const [key, value] of params) {
    if (argKeys.has(key)) continue
    if (key === 'select') {
      q.select = parseSelect(value)
      continue
    }
    if (key === 'columns') {
      q.columns = parseColumns(value)
      continue
    }
    if (key === 'on_conflict') {
      q.onConflict = parseColumns(value)
      continue
    }
    const parts = splitPath(key)
    const last = parts[parts.length - 1]
    const prefix = parts.slice(0, -1)
    if (last === 'order') {
      q.order.push({ path: prefix, terms: parseOrder(value) })
      continue
    }
    if (last === 'limit') {
      rangeFor(prefix).limit = parseLimitOffset('limit', value)
      continue
    }
    if (last === 'offset') {
      rangeFor(prefix).offset = parseLimitOffset('offset', value)
      continue
    }
    if (last === 'or' || last === 'and') {
      const negated = prefix[prefix.length - 1] === 'not'
      const path = negated ? prefix.slice(0, -1) : prefix
      q.logic.push({ path, tree: parseLogic(last, negated, value) })
      continue
    }
    const { path, field } = parseFilterKey(key)
    q.filters.push({ path, filter: parseFilterValue(field, value) })
  }
  q.ranges = [...ranges.values()]
  return q
}

/** Accept-Profile (reads) / Content-Profile (writes) against the exposed schemas. */
export function resolveSchema(
  req: IncomingMessage,
  method: string,
  schemas: string[],
): { schema: string; negotiated: boolean } {
  const h = method === 'GET' || method === 'HEAD' ? req.headers['accept-profile'] : req.headers['content-profile']
  const asked = Array.isArray(h) ? h[0] : h
  if (!asked) return { schema: schemas[0], negotiated: false }
  if (!schemas.includes(asked)) {
    // PostgREST 13.0.7+: the schema asked for in the message, the exposed ones in the hint
    throw new RestError(
      406,
      'PGRST106',
      `Invalid schema: ${asked}`,
      null,
      `Only the following schemas are exposed: ${schemas.join(', ')}`,
    )
  }
  return { schema: asked, negotiated: true }
}
