import { formatDate, formatNumber } from '@/lib/format'

/** Short, human dates for cards and tables ("Dec 4", "Dec 4, 2027" outside this year). lib/format.ts. */
export const shortDate = (iso: string | null | undefined, today?: string): string => formatDate(iso, { today })

/** "3h", "2d", "just now" since a timestamp. */
export function since(iso: string, now = Date.now()): string {
  const minutes = Math.max(0, Math.round((now - new Date(iso).getTime()) / 60_000))
  if (minutes < 2) return 'just now'
  if (minutes < 60) return `${minutes}m`
  const hours = Math.round(minutes / 60)
  if (hours < 48) return `${hours}h`
  return `${Math.round(hours / 24)}d`
}

/** Whole days from `today` to a date (negative: in the past). */
export function daysUntil(date: string, today: string): number {
  return Math.round((Date.parse(`${date}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000)
}

export function hours(n: number | null | undefined): string {
  if (n === null || n === undefined) return '—'
  return `${formatNumber(n, { maximumFractionDigits: 1 })} h`
}
