/** The tracking page's words for an estimate (lib/tracking/estimate.ts). */
import { describe, expect, it } from 'vitest'
import { dateRange, longDay } from '../../lib/tracking/estimate'

describe('estimate words', () => {
  it('shows a range within a month, across months, and a single day', () => {
    expect(dateRange('2026-12-07', { earliest: '2026-12-06', latest: '2026-12-09' })).toBe('Dec 6–9')
    expect(dateRange('2026-12-31', { earliest: '2026-12-30', latest: '2027-01-02' })).toBe('Dec 30 – Jan 2')
    expect(dateRange('2026-12-06', { earliest: '2026-12-06', latest: '2026-12-06' })).toBe('Dec 6')
    expect(dateRange('2026-12-06', null)).toBe('Dec 6')
  })

  it('reads workshop dates as calendar days, whatever the viewer’s zone', () => {
    expect(longDay('2026-12-04')).toBe('Fri, Dec 4')
  })
})
