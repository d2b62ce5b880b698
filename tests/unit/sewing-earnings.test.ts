import { describe, expect, it } from 'vitest'
import { CreateOperation, EarningsQuery, ListRuns } from '../../lib/sewing/api/schemas'
import { periodFromSearch, resolvePeriod, weekStart } from '../../lib/sewing/earnings'

describe('earnings periods (the workshop’s calendar days)', () => {
  it('starts weeks on Monday, as the database’s ISO weeks do', () => {
    expect(weekStart('2026-12-05')).toBe('2026-11-30') // a Saturday
    expect(weekStart('2026-11-30')).toBe('2026-11-30')
    expect(weekStart('2026-12-06')).toBe('2026-11-30') // a Sunday
  })

  it('resolves the presets from today', () => {
    expect(resolvePeriod('this-week', '2026-12-05')).toEqual({ from: '2026-11-30', to: '2026-12-06' })
    expect(resolvePeriod('last-week', '2026-12-05')).toEqual({ from: '2026-11-23', to: '2026-11-29' })
    expect(resolvePeriod('this-month', '2026-02-10')).toEqual({ from: '2026-02-01', to: '2026-02-28' })
    expect(resolvePeriod('last-month', '2026-01-10')).toEqual({ from: '2025-12-01', to: '2025-12-31' })
    expect(resolvePeriod('custom', '2026-01-10', { from: '2026-01-01' })).toBeNull()
    expect(periodFromSearch({ period: 'nonsense' }, '2026-12-05').preset).toBe('this-month')
  })
})

describe('sewing API schemas', () => {
  it('names the query parameter that is wrong', () => {
    const bad = ListRuns.safeParse({ org_id: '20000000-0000-4000-8000-000000000002', status: 'pending,DONE' })
    expect(bad.success).toBe(false)
    expect(bad.error?.issues[0]?.path).toEqual(['status'])
    const ok = ListRuns.safeParse({ org_id: '20000000-0000-4000-8000-000000000002', status: 'pending,in_progress' })
    expect(ok.data?.status).toEqual(['PENDING', 'IN_PROGRESS'])
    const back = EarningsQuery.safeParse({
      org_id: '20000000-0000-4000-8000-000000000002',
      from: '2026-12-02',
      to: '2026-12-01',
    })
    expect(back.error?.issues[0]?.path).toEqual(['to'])
  })

  it('wants a product type by id or code', () => {
    const none = CreateOperation.safeParse({
      org_id: '20000000-0000-4000-8000-000000000002',
      name: 'Hem',
      sequence_number: 1,
      standard_minutes: 0.5,
      piece_rate: 1,
    })
    expect(none.error?.issues[0]?.path).toEqual(['product_type_id'])
  })
})
