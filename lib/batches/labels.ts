import { Constants } from '@/types/database'
import type { Priority, Quality } from './types'

export type Tone = 'neutral' | 'brand' | 'green' | 'amber' | 'red'

/** Ascending, as the database enum is declared. */
export const PRIORITIES: readonly Priority[] = Constants.public.Enums.batch_priority

export const PRIORITY_LABEL: Record<Priority, string> = {
  low: 'Low',
  standard: 'Standard',
  high: 'High',
  rush: 'Rush',
}

export const PRIORITY_TONE: Record<Priority, Tone> = {
  low: 'neutral',
  standard: 'neutral',
  high: 'amber',
  rush: 'red',
}

export const QUALITY_LABEL: Record<Quality, string> = {
  good: 'Quality good',
  warning: 'Quality warning',
  failed: 'QC failed',
}

export const QUALITY_TONE: Record<Quality, Tone> = { good: 'green', warning: 'amber', failed: 'red' }
