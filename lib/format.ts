/**
 * The one formatter for numbers, plurals, dates and times on every screen (issue 10: "1 UNITS",
 * "1 items", a raw "2026-12-21" next to "Dec 21", times in the workshop's zone on some pages and the
 * browser's on others). Everything goes through Intl with one locale; instants are shown in the
 * workshop's time zone (organisations.time_zone) unless a screen says otherwise (the public tracking
 * page uses the reader's); calendar dates (due dates, "YYYY-MM-DD") are days, not instants, and never
 * shift with a zone. Formatters are cached: Intl objects are costly to build.
 */
export const LOCALE = 'en-US'

const cache = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat | Intl.PluralRules>()
function cached<T extends Intl.DateTimeFormat | Intl.NumberFormat | Intl.PluralRules>(key: string, make: () => T): T {
  let f = cache.get(key) as T | undefined
  if (!f) {
    f = make()
    cache.set(key, f)
  }
  return f
}
const dtf = (o: Intl.DateTimeFormatOptions) =>
  cached(`d${JSON.stringify(o)}`, () => new Intl.DateTimeFormat(LOCALE, o)) as Intl.DateTimeFormat
const nf = (o: Intl.NumberFormatOptions = {}) =>
  cached(`n${JSON.stringify(o)}`, () => new Intl.NumberFormat(LOCALE, o)) as Intl.NumberFormat
const plurals = () => cached('p', () => new Intl.PluralRules(LOCALE)) as Intl.PluralRules

/** "1 unit", "2 units", "1,204 scans": the count and the word in the right form. */
export function count(n: number, one: string, other = `${one}s`): string {
  return `${nf().format(n)} ${plurals().select(n) === 'one' ? one : other}`
}

/** A plain number ("1,204", "6.05"). */
export function formatNumber(n: number, options: Intl.NumberFormatOptions = {}): string {
  return nf({ maximumFractionDigits: 2, ...options }).format(n)
}

/** Money in the organisation's currency ("$2,499"; cents only when there are some). */
export function formatMoney(amount: number | null | undefined, currency: string): string {
  if (amount === null || amount === undefined) return '—'
  const cents = Number.isInteger(amount) ? 0 : 2
  return nf({ style: 'currency', currency, minimumFractionDigits: cents, maximumFractionDigits: 2 }).format(amount)
}

/** A calendar day ("YYYY-MM-DD…") at noon UTC, so no zone moves it to the day before. */
const day = (date: string) => new Date(`${date.slice(0, 10)}T12:00:00Z`)

/**
 * A calendar date: "Dec 21", with the year when it is not this year ("Dec 4, 2027"), or always
 * (`year: 'always'`). `today` is the workshop's today (YYYY-MM-DD) when known.
 */
export function formatDate(
  date: string | null | undefined,
  { year = 'auto', today }: { year?: 'auto' | 'always'; today?: string } = {},
): string {
  if (!date) return '—'
  const showYear = year === 'always' || date.slice(0, 4) !== (today ?? new Date().toISOString()).slice(0, 4)
  return dtf({ timeZone: 'UTC', month: 'short', day: 'numeric', ...(showYear ? { year: 'numeric' } : {}) }).format(
    day(date),
  )
}

/** A weekday and date ("Mon, Dec 21"). */
export function formatWeekday(date: string): string {
  return dtf({ timeZone: 'UTC', weekday: 'short', month: 'short', day: 'numeric' }).format(day(date))
}

/** The time of an instant in `timeZone` ("2:05 PM"). */
export function formatTime(iso: string | Date, timeZone: string): string {
  return dtf({ timeZone, hour: 'numeric', minute: '2-digit' }).format(new Date(iso))
}

/** An instant in `timeZone`: "Nov 21, 2:05 PM". */
export function formatDateTime(iso: string | Date, timeZone: string): string {
  return dtf({ timeZone, month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' }).format(new Date(iso))
}

/** "12 min" / "3.5 h" / "4 days". */
export function formatMinutes(m: number): string {
  if (m < 60) return `${formatNumber(Math.round(m))} min`
  const h = m / 60
  return h < 48
    ? `${formatNumber(h, { minimumFractionDigits: 1, maximumFractionDigits: 1 })} h`
    : count(Math.round(h / 24), 'day')
}

/** A status key as words, whole ("in_production" → "In production"); never cut short on screen. */
export function statusWords(status: string): string {
  const words = status.replaceAll('_', ' ')
  return words.charAt(0).toUpperCase() + words.slice(1)
}

/** Today in `timeZone` as YYYY-MM-DD (the workshop's today, not the server's or the browser's). */
export function todayIn(timeZone: string, at: Date = new Date()): string {
  // en-CA formats as YYYY-MM-DD
  return cached(
    `t${timeZone}`,
    () => new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }),
  ).format(at)
}
