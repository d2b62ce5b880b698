import { formatDate, formatDateTime, formatMoney } from '@/lib/format'

/** Money in the organisation's currency ("$2,499"; cents only when there are some). lib/format.ts. */
export const money = formatMoney

/** A timestamp in the organisation's time zone: "Nov 21, 2:05 PM". lib/format.ts. */
export const dateTime = formatDateTime

/** A calendar date ("Dec 4, 2026"). lib/format.ts. */
export const longDate = (date: string | null | undefined): string => formatDate(date, { year: 'always' })

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
