/** The order list's URL filters, the order form's schema and what the list filters itself. */
import { describe, expect, it } from 'vitest'
import { addDays, matchesExtra, ordersHref, parseOrderFilters } from '../../lib/orders/filters'
import { addressLines, money } from '../../lib/orders/format'
import { CreateOrderInput, formatCustomizations, parseCustomizations, UpdateOrderInput } from '../../lib/orders/schema'

const MODEL = '80000000-0000-4000-8000-000000000101'
const ORG = '20000000-0000-4000-8000-000000000001'

describe('order filters in the URL', () => {
  it('keeps what it understands and drops the rest without failing', () => {
    expect(
      parseOrderFilters({
        q: '  ada  ',
        status: 'pending,bogus,on_hold,pending',
        model: 'not-a-uuid',
        wood: 'Walnut',
        priority: 'urgent',
        due: 'overdue',
        after: '2026-11-20T10:00:00.000000Z|82000000-0000-4000-8000-000000000046',
      }),
    ).toEqual({
      q: 'ada',
      statuses: ['pending', 'on_hold'],
      modelId: undefined,
      wood: 'Walnut',
      priority: undefined,
      due: 'overdue',
      cursor: '2026-11-20T10:00:00.000000Z|82000000-0000-4000-8000-000000000046',
    })
    expect(parseOrderFilters({ status: ['shipped', 'delivered'] }).statuses).toEqual(['shipped', 'delivered'])
    expect(parseOrderFilters({})).toEqual({
      q: undefined,
      statuses: undefined,
      modelId: undefined,
      wood: undefined,
      priority: undefined,
      due: undefined,
      cursor: undefined,
    })
  })

  it('writes filters back into a URL that parses to the same filters', () => {
    const f = {
      q: 'ada ok',
      statuses: ['pending' as const],
      modelId: MODEL,
      priority: 'rush' as const,
      due: 'week' as const,
    }
    const href = ordersHref('/aurora/orders', f)
    expect(href).toBe(`/aurora/orders?q=ada+ok&status=pending&model=${MODEL}&priority=rush&due=week`)
    const params = Object.fromEntries(new URL(href, 'http://x').searchParams)
    expect(parseOrderFilters(params)).toMatchObject(f)
    expect(ordersHref('/aurora/orders', {})).toBe('/aurora/orders')
  })

  it('applies priority and due-date filters to list rows', () => {
    const today = '2026-11-22'
    const row = (due_date: string | null, status = 'pending', priority = 'standard') =>
      ({ due_date, status, priority }) as Parameters<typeof matchesExtra>[0]
    expect(matchesExtra(row('2026-11-21'), { due: 'overdue' }, today)).toBe(true)
    expect(matchesExtra(row('2026-11-21', 'shipped'), { due: 'overdue' }, today)).toBe(false)
    expect(matchesExtra(row('2026-11-29'), { due: 'week' }, today)).toBe(true)
    expect(matchesExtra(row('2026-11-30'), { due: 'week' }, today)).toBe(false)
    expect(matchesExtra(row(null), { due: 'none' }, today)).toBe(true)
    expect(matchesExtra(row(null), { due: 'week' }, today)).toBe(false)
    expect(matchesExtra(row(null, 'pending', 'rush'), { priority: 'rush' }, today)).toBe(true)
    expect(matchesExtra(row(null), { priority: 'rush' }, today)).toBe(false)
    expect(addDays('2026-12-30', 3)).toBe('2027-01-02')
  })
})

describe('the order form', () => {
  const base = {
    orgId: ORG,
    modelId: MODEL,
    woodType: 'Walnut',
    priority: 'standard',
    customerName: ' Mia Chen ',
    customerEmail: ' Mia@Example.COM ',
  }

  it('normalises the customer and leaves empty optional fields out', () => {
    expect(CreateOrderInput.parse({ ...base, price: '', dueDate: '', notes: '', customizations: '' })).toMatchObject({
      customerName: 'Mia Chen',
      customerEmail: 'mia@example.com',
      price: undefined,
      dueDate: undefined,
      notes: undefined,
      customizations: {},
    })
  })

  it('reads prices as people type them', () => {
    expect(CreateOrderInput.parse({ ...base, price: '1,499.50' }).price).toBe(1499.5)
    const bad = CreateOrderInput.safeParse({ ...base, price: '12.345' })
    expect(bad.error?.issues[0]).toMatchObject({ path: ['price'], message: 'Enter an amount like 499 or 499.50' })
  })

  it('puts each problem under its field', () => {
    const r = CreateOrderInput.safeParse({ ...base, woodType: '', customerEmail: 'nope', modelId: '' })
    const byField = Object.fromEntries((r.error?.issues ?? []).map((i) => [String(i.path[0]), i.message]))
    expect(byField).toEqual({
      modelId: 'Pick a model',
      woodType: 'Pick a wood',
      customerEmail: 'That is not an email address',
    })
  })

  it('turns customization lines into an object and back', () => {
    const text = 'Engraving: For Mia\n\n Cable : 3.5 mm: straight '
    expect(parseCustomizations(text)).toEqual({ Engraving: 'For Mia', Cable: '3.5 mm: straight' })
    expect(parseCustomizations('just words')).toMatch(/Write each option as "Option: value"/)
    expect(formatCustomizations({ Engraving: 'For Mia', Pads: 2 })).toBe('Engraving: For Mia\nPads: 2')
    const r = UpdateOrderInput.safeParse({
      orderId: MODEL,
      modelId: MODEL,
      woodType: 'Cherry',
      priority: 'high',
      customizations: 'oops',
    })
    expect(r.error?.issues[0].path).toEqual(['customizations'])
  })

  it('formats money and addresses', () => {
    expect(money(2499, 'USD')).toBe('$2,499')
    expect(money(499.5, 'EUR')).toBe('€499.50')
    expect(money(null, 'USD')).toBe('—')
    expect(
      addressLines({
        first_name: 'Jon',
        last_name: 'Snow',
        address1: '123 Wall St',
        zip: 'K2P 1L4',
        city: 'Ottawa',
        province_code: 'ON',
        country: 'Canada',
      }),
    ).toEqual(['Jon Snow', '123 Wall St', 'K2P 1L4 Ottawa ON', 'Canada'])
  })
})
