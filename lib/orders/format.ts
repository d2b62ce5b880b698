/** Money in the organisation's currency ("$2,499"; cents only when there are some). */
export function money(amount: number | null | undefined, currency: string): string {
  if (amount === null || amount === undefined) return '—'
  return new Intl.NumberFormat('en-US', {
    style: 'currency',
    currency,
    minimumFractionDigits: Number.isInteger(amount) ? 0 : 2,
    maximumFractionDigits: 2,
  }).format(amount)
}

/** A timestamp in the organisation's time zone: "Nov 21, 2:05 PM". */
export function dateTime(iso: string, timeZone: string): string {
  return new Date(iso).toLocaleString('en-US', {
    timeZone,
    month: 'short',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
  })
}

/** A calendar date ("Dec 4, 2026"). */
export function longDate(date: string | null | undefined): string {
  if (!date) return '—'
  return new Date(`${date.slice(0, 10)}T12:00:00Z`).toLocaleDateString('en-US', {
    timeZone: 'UTC',
    month: 'short',
    day: 'numeric',
    year: 'numeric',
  })
}

/** A Shopify-style address object as lines. */
export function addressLines(a: Record<string, unknown> | null | undefined): string[] {
  if (!a) return []
  const s = (k: string) => (typeof a[k] === 'string' && a[k] ? (a[k] as string) : '')
  const name = s('name') || [s('first_name'), s('last_name')].filter(Boolean).join(' ')
  return [
    name,
    s('company'),
    s('address1'),
    s('address2'),
    [s('zip'), s('city'), s('province_code') || s('province')].filter(Boolean).join(' '),
    s('country'),
  ].filter(Boolean)
}
