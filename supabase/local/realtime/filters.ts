/**
 * postgres_changes `filter` strings: `col=op.value`, several joined by commas (AND), values quoted
 * PostgREST-style when they hold `,()"\` (as RealtimePostgresFilterBuilder writes them).
 */

export const FILTER_OPS = [
  'eq',
  'neq',
  'lt',
  'lte',
  'gt',
  'gte',
  'in',
  'is',
  'like',
  'ilike',
  'match',
  'imatch',
  'isdistinct',
] as const
export type FilterOp = (typeof FILTER_OPS)[number]

export interface Filter {
  column: string
  op: FilterOp
  negate: boolean
  /** scalar value, or the list for `in` */
  value: string
  values?: string[]
}

export class FilterParseError extends Error {}

/** Splits on `sep` outside double quotes and parentheses. */
function splitTop(s: string, sep: string): string[] {
  const out: string[] = []
  let depth = 0
  let quoted = false
  let cur = ''
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]
    if (quoted) {
      cur += ch
      if (ch === '\\' && i + 1 < s.length) cur += s[++i]
      else if (ch === '"') quoted = false
      continue
    }
    if (ch === '"') quoted = true
    else if (ch === '(') depth++
    else if (ch === ')') depth--
    if (ch === sep && depth === 0) {
      out.push(cur)
      cur = ''
    } else cur += ch
  }
  out.push(cur)
  return out
}

function unquote(v: string): string {
  const t = v
  if (t.length >= 2 && t.startsWith('"') && t.endsWith('"')) return t.slice(1, -1).replace(/\\(.)/g, '$1')
  return t
}

/** Realtime's wording for a filter it cannot read: Error parsing `filter` params: ["wrong"] */
function parseError(raw: string): FilterParseError {
  const eq = raw.indexOf('=')
  const parts =
    eq < 0
      ? [raw]
      : [
          raw.slice(0, eq),
          ...raw
            .slice(eq + 1)
            .split(/\.(.*)/s, 2)
            .filter((p) => p !== ''),
        ]
  return new FilterParseError(`Error parsing \`filter\` params: [${parts.map((p) => JSON.stringify(p)).join(', ')}]`)
}

export function parseFilters(raw: string | undefined | null): Filter[] {
  if (raw === undefined || raw === null || raw === '') return []
  if (typeof raw !== 'string') throw new FilterParseError('Error parsing `filter` params: filter must be a string')
  return splitTop(raw, ',').map((part) => parseOne(part, raw))
}

function parseOne(part: string, raw: string): Filter {
  const m = /^([^=]+)=(not\.)?([a-z]+)\.(.*)$/s.exec(part)
  if (!m) throw parseError(raw)
  const [, column, not, op, rest] = m
  if (!(FILTER_OPS as readonly string[]).includes(op)) throw parseError(raw)
  const f: Filter = { column: column.trim(), op: op as FilterOp, negate: Boolean(not), value: rest }
  if (op === 'in') {
    const list = /^\((.*)\)$/s.exec(rest)
    if (!list) throw parseError(raw)
    f.values = splitTop(list[1], ',').map(unquote)
    if (f.values.length > 100) throw new FilterParseError('too many values for `in` filter. Maximum 100')
  } else {
    f.value = unquote(rest)
  }
  if (op === 'is' && !['null', 'true', 'false', 'unknown'].includes(f.value)) {
    throw new FilterParseError('invalid value for is filter: must be null, true, false, or unknown')
  }
  return f
}

/** The filters the way Realtime prints them in its subscription errors: [{"col", "eq", "1", false}] */
export function describeFilters(filters: Filter[]): string {
  return `[${filters
    .map(
      (f) =>
        `{${JSON.stringify(f.column)}, ${JSON.stringify(f.op)}, ${JSON.stringify(f.values ? `(${f.values.join(',')})` : f.value)}, ${f.negate}}`,
    )
    .join(', ')}]`
}

const SQL_OPS: Record<string, string> = { eq: '=', neq: '<>', lt: '<', lte: '<=', gt: '>', gte: '>=' }

/**
 * A boolean SQL expression for one filter over `rec` (a row of the table's type). `param(v)` adds a
 * bind parameter and returns its placeholder; `type` is the column's format_type.
 */
export function filterSql(f: Filter, col: string, type: string, param: (v: unknown) => string): string {
  let e: string
  switch (f.op) {
    case 'in':
      e = `${col} = any(${param(pgArray(f.values ?? []))}::text[]::${type}[])`
      break
    case 'is':
      e = `${col} is ${f.value}`
      break
    case 'like':
      e = `${col}::text like ${param(f.value)}`
      break
    case 'ilike':
      e = `${col}::text ilike ${param(f.value)}`
      break
    case 'match':
      e = `${col}::text ~ ${param(f.value)}`
      break
    case 'imatch':
      e = `${col}::text ~* ${param(f.value)}`
      break
    case 'isdistinct':
      e = `${col} is distinct from ${param(f.value)}::${type}`
      break
    default:
      e = `${col} ${SQL_OPS[f.op]} ${param(f.value)}::${type}`
  }
  return f.negate ? `coalesce(not (${e}), false)` : `coalesce(${e}, false)`
}

/** A text[] literal, so both drivers bind the list the same way. */
function pgArray(values: string[]): string {
  return `{${values.map((v) => `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`).join(',')}}`
}
