import { describe, expect, it } from 'vitest'
import { pressKey } from '@/components/stock/count-keypad'
import { syncCountAddLine, syncCountEntry } from '@/lib/stock/count-sync'
import { binLabel, binRef, itemLabel, parseStockScan } from '@/lib/stock/labels'

const LINE = '11111111-1111-4111-8111-111111111111'
const COUNT = '22222222-2222-4222-8222-222222222222'
const args = {
  count_id: COUNT,
  item_id: LINE,
  quantity: 4,
  method: 'keypad',
  entered_at: '2026-12-04T05:00:00Z',
  seen_entry_id: null,
}

describe('the count keypad', () => {
  it('types digits, one decimal point, at most 3 decimals, no leading zero', () => {
    const typed = (keys: string[]) => keys.reduce((v, k) => pressKey(v, k as never), '')
    expect(typed(['0', '7'])).toBe('7')
    expect(typed(['.', '5'])).toBe('0.5')
    expect(typed(['1', '.', '2', '.', '3', '4', '5'])).toBe('1.234')
    expect(typed(['1', '2', 'back'])).toBe('1')
    expect(typed(['1', '2', 'clear'])).toBe('')
  })
})

describe('stock labels', () => {
  it('reads item and bin labels in the floor format, and plain codes', () => {
    expect(parseStockScan(itemLabel('AUR', 'drv-40-32'))).toEqual({ kind: 'item', code: 'DRV-40-32' })
    const loc = '30000000-0000-4000-8000-000000000104'
    expect(binLabel('AUR', loc)).toBe(`FL1:AUR:B:${binRef(loc)}`)
    expect(parseStockScan(binLabel('AUR', loc))).toEqual({ kind: 'bin', ref: '30000000' })
    expect(parseStockScan(' 4006381333931 ')).toEqual({ kind: 'text', text: '4006381333931' })
  })
})

describe("a queued count entry, answered in the queue's terms", () => {
  const run = (data: unknown, error: unknown) =>
    syncCountEntry(
      0,
      { client_id: COUNT, args },
      async () => ({ data, error: error as never }),
      () => false,
    )
  it('applied, duplicate, conflict (another counter, a held lock), refused, retry', async () => {
    expect((await run({ duplicate: false }, null)).outcome).toBe('applied')
    expect((await run({ duplicate: true }, null)).outcome).toBe('duplicate')
    const conflict = await run(null, {
      code: 'PT409',
      details: 'CONFLICT',
      message: 'I1 was counted by Ana',
      hint: '{"line_id":"x"}',
    })
    expect(conflict).toMatchObject({ outcome: 'conflict', status: 409, error: { code: 'CONFLICT' } })
    expect(
      (await run(null, { code: 'PT409', details: 'ITEM_LOCKED', message: 'Ana is working on this item' })).outcome,
    ).toBe('conflict')
    expect((await run(null, { code: 'PT409', details: 'COUNT_NOT_OPEN', message: 'closed' })).outcome).toBe('refused')
    expect((await run(null, { code: 'PT503', details: 'UNAVAILABLE', message: 'later' })).outcome).toBe('retry')
    const bad = await syncCountEntry(
      1,
      { client_id: COUNT, args: { ...args, quantity: -1 } },
      async () => ({ data: null, error: null }),
      () => false,
    )
    expect(bad).toMatchObject({ outcome: 'refused', status: 400 })
  })
})

describe('a queued line for stock found with no line', () => {
  const ITEM = '33333333-3333-4333-8333-333333333333'
  const PLACE = '44444444-4444-4444-8444-444444444444'
  const add = { count_id: COUNT, item_id: LINE, stock_item_id: ITEM, location_id: PLACE, code: 'X1', name: 'x' }
  it("is count_add_line with the line's id as its client id; applied, duplicate, refused", async () => {
    const calls: unknown[] = []
    const call = async (a: unknown) => {
      calls.push(a)
      return { data: { duplicate: calls.length > 1 }, error: null }
    }
    expect((await syncCountAddLine(0, { client_id: LINE, args: add }, call, () => false)).outcome).toBe('applied')
    expect((await syncCountAddLine(0, { client_id: LINE, args: add }, call, () => false)).outcome).toBe('duplicate')
    expect(calls[0]).toEqual({ p_client_id: LINE, p_count_id: COUNT, p_stock_item_id: ITEM, p_location_id: PLACE })
    const other = await syncCountAddLine(0, { client_id: COUNT, args: add }, call, () => false)
    expect(other).toMatchObject({ outcome: 'refused', status: 400, error: { details: { field: 'item_id' } } })
    expect(calls).toHaveLength(2)
    const scope = await syncCountAddLine(
      0,
      { client_id: LINE, args: add },
      async () => ({
        data: null,
        error: { code: 'PT400', details: 'VALIDATION_FAILED', message: 'not covered', hint: '{"field":"location_id"}' },
      }),
      () => false,
    )
    expect(scope).toMatchObject({ outcome: 'refused', status: 400, error: { code: 'VALIDATION_FAILED' } })
  })
})
