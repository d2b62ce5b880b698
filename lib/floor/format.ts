import type { Priority } from './types'

/** Pill tones for queue priorities. */
export const PRIORITY_TONE: Record<Priority, 'red' | 'amber' | 'neutral' | 'brand'> = {
  urgent: 'red',
  high: 'amber',
  normal: 'brand',
  low: 'neutral',
}

/** "12 min" / "3.5 h" / "4 days". */
export function formatMinutes(m: number): string {
  if (m < 60) return `${Math.round(m)} min`
  const h = m / 60
  return h < 48 ? `${h.toFixed(1)} h` : `${Math.round(h / 24)} days`
}
