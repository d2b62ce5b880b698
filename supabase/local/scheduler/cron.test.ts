/** pg_cron's schedule grammar as the local scheduler reads it (scheduler/cron.ts). */
import { describe, expect, it } from 'vitest'
import { firesAt, parseSchedule } from './cron'

const at = (iso: string) => new Date(iso)
const fires = (schedule: string, iso: string) => {
  const s = parseSchedule(schedule)
  if (s.kind !== 'cron') throw new Error('not a cron schedule')
  return firesAt(s, at(iso))
}

describe('parseSchedule', () => {
  it('reads seconds intervals and macros', () => {
    expect(parseSchedule('30 seconds')).toEqual({ kind: 'seconds', every: 30 })
    expect(parseSchedule('1 second')).toEqual({ kind: 'seconds', every: 1 })
    expect(() => parseSchedule('60 seconds')).toThrow(/1\.\.59/)
    expect(fires('@hourly', '2026-12-04T05:00:00Z')).toBe(true)
    expect(fires('@daily', '2026-12-04T00:00:00Z')).toBe(true)
    expect(fires('@daily', '2026-12-04T00:01:00Z')).toBe(false)
  })

  it('refuses what pg_cron refuses', () => {
    for (const bad of ['* * * *', '61 * * * *', '* 24 * * *', '*/0 * * * *', '5-1 * * * *', 'x * * * *', '* * 0 * *']) {
      expect(() => parseSchedule(bad), bad).toThrow()
    }
  })
})

describe('firesAt (UTC)', () => {
  it('every minute, steps, ranges and lists', () => {
    expect(fires('* * * * *', '2026-12-04T01:37:00Z')).toBe(true)
    expect(fires('*/5 * * * *', '2026-12-04T01:35:00Z')).toBe(true)
    expect(fires('*/5 * * * *', '2026-12-04T01:36:00Z')).toBe(false)
    expect(fires('10-20/5 * * * *', '2026-12-04T01:15:00Z')).toBe(true)
    expect(fires('10-20/5 * * * *', '2026-12-04T01:25:00Z')).toBe(false)
    expect(fires('0 3,15 * * *', '2026-12-04T15:00:00Z')).toBe(true)
  })

  it('names, Sunday as 0 or 7, and the last day of the month', () => {
    // 2026-12-04 is a Friday; 2026-12-06 a Sunday
    expect(fires('0 9 * * mon-fri', '2026-12-04T09:00:00Z')).toBe(true)
    expect(fires('0 9 * * mon-fri', '2026-12-06T09:00:00Z')).toBe(false)
    expect(fires('0 9 * * 7', '2026-12-06T09:00:00Z')).toBe(true)
    expect(fires('0 0 1 jan *', '2027-01-01T00:00:00Z')).toBe(true)
    expect(fires('0 0 $ * *', '2026-02-28T00:00:00Z')).toBe(true)
    expect(fires('0 0 $ * *', '2026-02-27T00:00:00Z')).toBe(false)
  })

  it('either day field matches when both are restricted (cron’s rule)', () => {
    expect(fires('0 0 13 * fri', '2026-12-04T00:00:00Z')).toBe(true) // a Friday, not the 13th
    expect(fires('0 0 13 * fri', '2026-12-13T00:00:00Z')).toBe(true) // the 13th, a Sunday
    expect(fires('0 0 13 * fri', '2026-12-05T00:00:00Z')).toBe(false)
  })
})
