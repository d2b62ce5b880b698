import type { Priority } from './types'

/** Pill tones for queue priorities. */
export const PRIORITY_TONE: Record<Priority, 'red' | 'amber' | 'neutral' | 'brand'> = {
  urgent: 'red',
  high: 'amber',
  normal: 'brand',
  low: 'neutral',
}

/** "12 min" / "3.5 h" / "4 days" (lib/format.ts). */
export { formatMinutes } from '@/lib/format'
