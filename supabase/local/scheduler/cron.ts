/**
 * pg_cron's schedule grammar, read the way pg_cron (Vixie cron's parser) reads it: five fields
 * minute hour day-of-month month day-of-week with *, n, n-m, lists and /steps, three-letter month
 * and weekday names, '$' for the last day of the month, 0 or 7 for Sunday; the macros @yearly,
 * @annually, @monthly, @weekly, @daily, @midnight, @hourly; or 'N seconds' (1..59). When both
 * day fields are restricted, a day matching either runs (cron's rule). The same grammar is checked
 * in SQL by cron._invalid_schedule (bootstrap.sql) when a job is scheduled.
 */

export type Schedule =
  | { kind: 'seconds'; every: number }
  | {
      kind: 'cron'
      minute: Set<number>
      hour: Set<number>
      dom: Set<number>
      lastDom: boolean
      month: Set<number>
      dow: Set<number>
      domStar: boolean
      dowStar: boolean
    }

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec']
const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat']

const MACROS: Record<string, string> = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
}

function value(token: string, names: string[] | undefined, offset: number): number {
  if (/^\d+$/.test(token)) return Number(token)
  const i = names?.indexOf(token) ?? -1
  if (i < 0) throw new Error(`${token} is not a number${names ? ' or a name' : ''}`)
  return i + offset
}

function field(text: string, lo: number, hi: number, names?: string[], offset = 0): Set<number> {
  const out = new Set<number>()
  for (const item of text.split(',')) {
    const m = /^(\*|[a-z0-9]+)(?:-([a-z0-9]+))?(?:\/(\d+))?$/.exec(item)
    if (!m) throw new Error(`${item} is not a cron field item`)
    const [, start, end, step] = m
    const a = start === '*' ? lo : value(start, names, offset)
    const b = start === '*' ? hi : end !== undefined ? value(end, names, offset) : step ? hi : a
    const by = step ? Number(step) : 1
    if (by < 1) throw new Error('a step must be at least 1')
    if (a < lo || b > hi || a > b) throw new Error(`${item} is out of range ${lo}-${hi}`)
    for (let v = a; v <= b; v += by) out.add(v)
  }
  return out
}

export function parseSchedule(text: string): Schedule {
  const s = text.trim().toLowerCase()
  const seconds = /^(\d+) seconds?$/.exec(s)
  if (seconds) {
    const every = Number(seconds[1])
    if (every < 1 || every > 59) throw new Error('seconds must be 1..59')
    return { kind: 'seconds', every }
  }
  const parts = (MACROS[s] ?? s).split(/\s+/)
  if (parts.length !== 5) throw new Error('a schedule has five fields (minute hour day month weekday)')
  const [mi, ho, dm, mo, dw] = parts
  const domItems = dm.split(',')
  const lastDom = domItems.includes('$')
  const domRest = domItems.filter((x) => x !== '$').join(',')
  const dow = field(dw, 0, 7, DAYS)
  if (dow.has(7)) dow.add(0)
  return {
    kind: 'cron',
    minute: field(mi, 0, 59),
    hour: field(ho, 0, 23),
    dom: domRest ? field(domRest, 1, 31) : new Set(),
    lastDom,
    month: field(mo, 1, 12, MONTHS, 1),
    dow,
    domStar: dm === '*',
    dowStar: dw === '*',
  }
}

/** Does a cron schedule fire in the minute of `at` (UTC, as pg_cron's default cron.timezone)? */
export function firesAt(s: Extract<Schedule, { kind: 'cron' }>, at: Date): boolean {
  if (!s.minute.has(at.getUTCMinutes()) || !s.hour.has(at.getUTCHours()) || !s.month.has(at.getUTCMonth() + 1)) {
    return false
  }
  const day = at.getUTCDate()
  const last = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth() + 1, 0)).getUTCDate()
  const domHit = s.dom.has(day) || (s.lastDom && day === last)
  const dowHit = s.dow.has(at.getUTCDay())
  if (s.domStar && s.dowStar) return true
  if (s.domStar) return dowHit
  if (s.dowStar) return domHit
  return domHit || dowHit
}
