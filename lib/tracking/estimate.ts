/**
 * The tracking page's words for an estimate (§6): the range the workshop's fastest and slowest
 * recent weeks give ("Dec 6–9", "Dec 30 – Jan 2"), the likeliest day, and what it rests on.
 * Dates are the workshop's calendar days (YYYY-MM-DD), so they are read at noon UTC and never shift
 * with the viewer's time zone.
 */

const day = (date: string, options: Intl.DateTimeFormatOptions) =>
  new Date(`${date}T12:00:00Z`).toLocaleDateString('en-US', { ...options, timeZone: 'UTC' })

/** "Fri, Dec 6". */
export const longDay = (date: string) => day(date, { weekday: 'short', month: 'short', day: 'numeric' })

/** "Dec 6", "Dec 6–9", "Dec 30 – Jan 2"; the single day when the range is one day or missing. */
export function dateRange(likeliest: string, range: { earliest: string; latest: string } | null): string {
  const from = range?.earliest ?? likeliest
  const to = range?.latest ?? likeliest
  const start = day(from, { month: 'short', day: 'numeric' })
  if (from === to) return start
  if (from.slice(0, 7) === to.slice(0, 7)) return `${start}–${day(to, { day: 'numeric' })}`
  return `${start} – ${day(to, { month: 'short', day: 'numeric' })}`
}
