/**
 * The one CSV export (floor performance, stock analytics, payroll): RFC 4180 text and the download
 * response. Two things every export needs and a hand-rolled `join(',')` gets wrong:
 *  - quoting: a field holding a comma, a double quote, CR or LF is wrapped in quotes, inner quotes
 *    doubled; lines end in CRLF; the header is always the first line.
 *  - formula injection (OWASP "CSV injection"): a spreadsheet runs a cell that starts with = + - @
 *    (or a tab / CR, which some strip before looking). Such text gets a leading apostrophe, so it is
 *    shown, not run. Numbers are never touched (a negative number is not a formula), and neither is
 *    text that is a plain number ("-4.5").
 * The UTF-8 byte-order mark makes Excel read accents and "€" right; other readers ignore it.
 */

export type CsvValue = string | number | boolean | Date | null | undefined

export interface CsvColumn<R> {
  header: string
  value: (row: R) => CsvValue
}

const RISKY_START = /^[=+\-@\t\r]/
const PLAIN_NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/
const NEEDS_QUOTES = /[",\r\n]/

/** Text a spreadsheet would run as a formula, made inert; anything else unchanged. */
export function guardFormula(text: string): string {
  return RISKY_START.test(text) && !PLAIN_NUMBER.test(text) ? `'${text}` : text
}

/** One field as CSV text: guarded, then quoted when RFC 4180 says it must be. */
export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return ''
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : ''
  if (typeof value === 'boolean') return value ? 'true' : 'false'
  const text = guardFormula(value instanceof Date ? value.toISOString() : value)
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}

export const CSV_BOM = '\uFEFF'

/** A whole file: the header line, then one line per row, CRLF after every line. */
export function toCsv<R>(columns: readonly CsvColumn<R>[], rows: Iterable<R>, { bom = true } = {}): string {
  const lines = [columns.map((c) => csvCell(c.header)).join(',')]
  for (const row of rows) lines.push(columns.map((c) => csvCell(c.value(row))).join(','))
  return `${bom ? CSV_BOM : ''}${lines.join('\r\n')}\r\n`
}

/** A download name that every browser and OS accepts: letters, digits, . _ - only, ending in .csv. */
export function csvFilename(name: string): string {
  const base = name
    .replace(/\.csv$/i, '')
    .normalize('NFKD')
    .replace(/[^\w.-]+/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '')
    .slice(0, 120)
  return `${base || 'export'}.csv`
}

/** The download: text/csv (header=present), an attachment with a safe file name, never cached. */
export function csvResponse(csv: string, filename: string, headers: HeadersInit = {}): Response {
  const name = csvFilename(filename)
  return new Response(csv, {
    status: 200,
    headers: {
      'content-type': 'text/csv; charset=utf-8; header=present',
      'content-disposition': `attachment; filename="${name}"; filename*=UTF-8''${encodeURIComponent(name)}`,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      ...headers,
    },
  })
}
