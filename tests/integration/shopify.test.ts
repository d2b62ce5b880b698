/**
 * POST /api/webhooks/shopify/orders, the route handler called directly with a Request, against the
 * real migrations and demo seed (the demo store aurora-audio.myshopify.com and its secret): signature
 * checked in the database, SKUs mapped to models and woods, unknown SKUs to the review list, replays
 * and late deliveries changing nothing, orders/updated cancelling.
 */
import { createHash, createHmac } from 'node:crypto'
import { createClient } from '@supabase/supabase-js'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import WebSocket from 'ws'
import { handleShopifyOrderWebhook } from '../../lib/shopify/webhook'
import type { Database } from '../../types/database'
import type { TestStack } from '../stack/harness'
import { AURORA, startAppStack } from './helpers'

vi.mock('server-only', () => ({}))
const { POST } = await import('../../app/api/webhooks/shopify/orders/route')

let t: TestStack
const SHOP = 'aurora-audio.myshopify.com'
const SECRET = 'shpss_demo_aurora_webhook_secret_0001' // the seed's demo credential (docs/production.md §9)

beforeAll(async () => {
  t = await startAppStack()
  process.env.NEXT_PUBLIC_SUPABASE_URL = t.url
  process.env.SUPABASE_SERVICE_ROLE_KEY = t.cfg.serviceRoleKey
}, 120_000)
afterAll(async () => t?.close())

/**
 * An orders/create delivery as Shopify sends it (REST Admin API webhook payload, 2025-07), with the
 * fields that do not matter here trimmed. Ids are 64-bit integers: written as digits in the raw JSON.
 */
function orderPayload(over: { updatedAt?: string; cancelledAt?: string | null; atticusQty?: number } = {}): string {
  const atticusQty = over.atticusQty ?? 2
  return `{
  "id": 5741392167015427431,
  "admin_graphql_api_id": "gid://shopify/Order/5741392167015427431",
  "app_id": 580111,
  "browser_ip": "203.0.113.24",
  "buyer_accepts_marketing": false,
  "cancel_reason": ${over.cancelledAt ? '"customer"' : 'null'},
  "cancelled_at": ${over.cancelledAt ? JSON.stringify(over.cancelledAt) : 'null'},
  "checkout_token": "bd5a8aa1ecd019dd3520ff791ee3a24c",
  "confirmation_number": "XPTK7Q1VZ",
  "confirmed": true,
  "contact_email": "amara.obi@example.org",
  "created_at": "2026-11-21T09:14:02-05:00",
  "currency": "USD",
  "current_subtotal_price": "5297.00",
  "current_total_price": "5297.00",
  "email": "amara.obi@example.org",
  "financial_status": "paid",
  "fulfillment_status": null,
  "name": "#4120",
  "note": "Gift, please no invoice in the box",
  "note_attributes": [{ "name": "gift_message", "value": "Happy birthday" }],
  "number": 3120,
  "order_number": 4120,
  "presentment_currency": "USD",
  "processed_at": "2026-11-21T09:14:01-05:00",
  "source_name": "web",
  "subtotal_price": "5297.00",
  "tags": "express, returning",
  "test": false,
  "total_price": "5297.00",
  "updated_at": ${JSON.stringify(over.updatedAt ?? '2026-11-21T09:14:03-05:00')},
  "customer": {
    "id": 7419638104913223117, "email": "amara.obi@example.org", "created_at": "2025-03-02T11:00:00-05:00",
    "first_name": "Amara", "last_name": "Obi", "state": "enabled", "verified_email": true, "phone": "+14155550142",
    "currency": "USD", "admin_graphql_api_id": "gid://shopify/Customer/7419638104913223117",
    "default_address": { "id": 9811223344556677889, "first_name": "Amara", "last_name": "Obi", "address1": "18 Alder Lane",
      "city": "Portland", "province": "Oregon", "country": "United States", "zip": "97205", "default": true }
  },
  "shipping_address": { "first_name": "Amara", "last_name": "Obi", "address1": "18 Alder Lane", "address2": "Apt 3",
    "city": "Portland", "province": "Oregon", "province_code": "OR", "zip": "97205", "country": "United States",
    "country_code": "US", "phone": "+14155550142", "name": "Amara Obi", "company": null, "latitude": 45.52, "longitude": -122.68 },
  "billing_address": { "first_name": "Amara", "last_name": "Obi", "address1": "18 Alder Lane", "city": "Portland",
    "province_code": "OR", "zip": "97205", "country_code": "US", "name": "Amara Obi" },
  "line_items": [
    { "id": 14470329712653842113, "admin_graphql_api_id": "gid://shopify/LineItem/14470329712653842113",
      "variant_id": 43900012345678, "product_id": 8001234567890, "title": "Atticus", "name": "Atticus - Cherry",
      "variant_title": "Cherry", "sku": "ATT-CHE", "vendor": "Aurora Audio", "quantity": 2,
      "current_quantity": ${atticusQty}, "fulfillable_quantity": ${atticusQty}, "fulfillment_status": null,
      "gift_card": false, "grams": 380, "price": "499.00", "price_set": { "shop_money": { "amount": "499.00", "currency_code": "USD" } },
      "product_exists": true, "requires_shipping": true, "taxable": true, "total_discount": "0.00",
      "properties": [{ "name": "Engraving", "value": "A.O." }, { "name": "_bundle_id", "value": "b-17" }],
      "tax_lines": [], "discount_allocations": [] },
    { "id": 14470329712653842114, "variant_id": 43900012345679, "product_id": 8001234567891, "title": "Verite",
      "name": "Verite - Cocobolo / Balanced", "variant_title": "Cocobolo / Balanced", "sku": "VER", "quantity": 1,
      "current_quantity": 1, "gift_card": false, "price": "2799.00", "properties": [], "tax_lines": [] },
    { "id": 14470329712653842115, "variant_id": 43900012345680, "product_id": 8001234567892, "title": "Stand",
      "name": "Walnut headphone stand", "variant_title": null, "sku": "STAND-WAL", "quantity": 1, "current_quantity": 1,
      "gift_card": false, "price": "149.00", "properties": [], "tax_lines": [] },
    { "id": 14470329712653842116, "title": "Gift card", "sku": "", "quantity": 1, "current_quantity": 1,
      "gift_card": true, "price": "50.00", "properties": [] }
  ]
}`
}

const sign = (body: string | Buffer, secret = SECRET) => createHmac('sha256', secret).update(body).digest('base64')

function deliver(body: string | Buffer, headers: Record<string, string> = {}) {
  return POST(
    new Request('http://127.0.0.1/api/webhooks/shopify/orders', {
      method: 'POST',
      body: typeof body === 'string' ? body : Uint8Array.from(body),
      headers: {
        'content-type': 'application/json',
        'x-shopify-hmac-sha256': sign(body),
        'x-shopify-shop-domain': SHOP,
        'x-shopify-topic': 'orders/create',
        'x-shopify-webhook-id': crypto.randomUUID(),
        'x-shopify-api-version': '2025-07',
        ...headers,
      },
    }),
  )
}

const imported = () =>
  t.sql<{
    order_number: string
    model: string
    wood: string
    status: string
    priority: string
    price: string
    customizations: string
    unit: string
  }>(
    `select o.order_number, m.sku_prefix as model, o.wood_type::text as wood, o.status::text, o.priority::text,
            o.price::text, o.customizations::text, o.shopify_unit::text as unit
     from orders o join headphone_models m on m.id = o.model_id
     where o.org_id = $1 and o.shopify_order_id = '5741392167015427431' order by o.order_number`,
    [AURORA],
  )

describe('the Shopify orders webhook', () => {
  it('imports a signed orders/create: one production order per unit, unknown SKUs to the review list', async () => {
    const started = performance.now()
    const res = await deliver(orderPayload())
    const ms = performance.now() - started
    expect(res.status).toBe(200)
    const body = await res.json()
    expect(body).toMatchObject({
      ok: true,
      topic: 'orders/create',
      skipped: null,
      orders: [
        { order_number: '#4120', status: 'pending', created: true },
        { order_number: '#4120-2', status: 'pending', created: true },
        { order_number: '#4120-3', status: 'pending', created: true },
      ],
    })
    expect(body.review).toEqual([{ sku: 'STAND-WAL', reason: 'unknown_sku' }])
    expect(JSON.stringify(body)).not.toMatch(/track|token/) // links stay out of Shopify's delivery log
    expect(ms).toBeLessThan(2000) // Shopify gives up after 5 s

    expect(await imported()).toEqual([
      {
        order_number: '#4120',
        model: 'ATT',
        wood: 'Cherry',
        status: 'pending',
        priority: 'rush',
        price: '499.00',
        customizations: '{"Engraving": "A.O."}',
        unit: '1',
      },
      {
        order_number: '#4120-2',
        model: 'ATT',
        wood: 'Cherry',
        status: 'pending',
        priority: 'rush',
        price: '499.00',
        customizations: '{"Engraving": "A.O."}',
        unit: '2',
      },
      {
        order_number: '#4120-3',
        model: 'VER',
        wood: 'Cocobolo',
        status: 'pending',
        priority: 'rush',
        price: '2799.00',
        customizations: '{}',
        unit: '1',
      },
    ])
    // 64-bit ids kept exactly (a plain JSON.parse would have rounded them)
    const [customer] = await t.sql<{ shopify_customer_id: string; name: string; city: string }>(
      `select shopify_customer_id, name, shipping_address ->> 'city' as city from customers where org_id = $1 and email = 'amara.obi@example.org'`,
      [AURORA],
    )
    expect(customer).toEqual({ shopify_customer_id: '7419638104913223117', name: 'Amara Obi', city: 'Portland' })
    const [line] = await t.sql<{ id: string }>(
      `select shopify_line_item_id as id from orders where org_id = $1 and order_number = '#4120'`,
      [AURORA],
    )
    expect(line.id).toBe('14470329712653842113')
    const review = await t.sql<{ sku: string; reason: string; status: string }>(
      `select sku, reason, status from shopify_sku_review where org_id = $1 and shopify_order_id = '5741392167015427431'`,
      [AURORA],
    )
    expect(review).toEqual([{ sku: 'STAND-WAL', reason: 'unknown_sku', status: 'open' }])
  })

  it('answers a replay (Shopify retries) with 200 and duplicates nothing', async () => {
    const body = orderPayload()
    const [a, b] = await Promise.all([deliver(body), deliver(body, { 'x-shopify-topic': 'orders/updated' })])
    expect([a.status, b.status]).toEqual([200, 200])
    for (const res of [a, b]) {
      const json = await res.json()
      expect(json.orders.map((o: { created: boolean }) => o.created)).toEqual([false, false, false])
    }
    expect(await imported()).toHaveLength(3)
    const [{ n }] = await t.sql<{ n: string }>(
      `select count(*)::text as n from shopify_sku_review where shopify_order_id = '5741392167015427431'`,
    )
    expect(n).toBe('1')
  })

  it('skips a delivery older than one already applied', async () => {
    const res = await deliver(orderPayload({ updatedAt: '2026-11-21T09:00:00-05:00', atticusQty: 0 }), {
      'x-shopify-topic': 'orders/updated',
    })
    expect(res.status).toBe(200)
    expect(await res.json()).toMatchObject({ skipped: 'stale' })
    expect((await imported()).map((o) => o.status)).toEqual(['pending', 'pending', 'pending'])
  })

  it('applies orders/updated: a removed unit and then the whole order cancelled', async () => {
    const fewer = await deliver(orderPayload({ updatedAt: '2026-11-21T10:00:00-05:00', atticusQty: 1 }), {
      'x-shopify-topic': 'orders/updated',
    })
    expect(fewer.status).toBe(200)
    expect((await imported()).map((o) => [o.order_number, o.status])).toEqual([
      ['#4120', 'pending'],
      ['#4120-2', 'cancelled'],
      ['#4120-3', 'pending'],
    ])
    const cancelled = await deliver(
      orderPayload({ updatedAt: '2026-11-21T11:00:00-05:00', cancelledAt: '2026-11-21T11:00:00-05:00', atticusQty: 1 }),
      { 'x-shopify-topic': 'orders/updated' },
    )
    expect(cancelled.status).toBe(200)
    expect((await imported()).map((o) => o.status)).toEqual(['cancelled', 'cancelled', 'cancelled'])
    const [h] = await t.sql<{ source: string; reason: string }>(
      `select h.source, h.reason from order_status_history h join orders o on o.id = h.order_id
       where o.order_number = '#4120' and h.new_status = 'cancelled'`,
    )
    expect(h).toEqual({ source: 'shopify', reason: 'Cancelled in Shopify' })
  })

  it('refuses a bad signature, another shop’s secret and an unknown shop alike (401), importing nothing', async () => {
    const body = orderPayload().replace('#4120', '#4999').replace('5741392167015427431', '5741392167015427999')
    const tampered = await deliver(body, { 'x-shopify-hmac-sha256': sign(orderPayload()) })
    const wrongSecret = await deliver(body, { 'x-shopify-hmac-sha256': sign(body, 'not-the-secret') })
    const unknownShop = await deliver(body, { 'x-shopify-shop-domain': 'someone-else.myshopify.com' })
    const unsigned = await POST(new Request('http://127.0.0.1/x', { method: 'POST', body }))
    for (const res of [tampered, wrongSecret, unknownShop, unsigned]) expect(res.status).toBe(401)
    // the one failure body (lib/errors.ts), the same for every way a signature can be wrong
    const refused = { code: 'NOT_SIGNED_IN', message: 'Webhook signature not valid for this shop' }
    expect(await tampered.json()).toEqual(refused)
    expect(await unknownShop.json()).toEqual(refused)
    const [{ n }] = await t.sql<{ n: string }>(
      `select count(*)::text as n from orders where order_number like '#4999%'`,
    )
    expect(n).toBe('0')
  })

  it('holds signed bodies that are not orders for review and acknowledges them (200), never 4xx/5xx', async () => {
    const cases: [string, string, Record<string, string>?][] = [
      ['{"id": 1, "line_items":', 'not_json'],
      ['"just a string"', 'not_an_order'],
      ['{"name": "#1"}', 'not_an_order'],
      ['{"id": 42, "line_items": {}}', 'not_an_order'],
      [orderPayload().replace('#4120', '#4121'), 'unsupported_topic', { 'x-shopify-topic': 'customers/create' }],
    ]
    for (const [body, reason, headers] of cases) {
      const res = await deliver(body, headers)
      expect(res.status).toBe(200)
      expect((await res.json()).held).toMatchObject({ reason, delivery_count: 1 })
      expect(await heldRow(body)).toMatchObject({ reason, kind: 'delivery', status: 'open' })
    }
  })
})

/** Signed deliveries the database can never store: acknowledged (2xx) and on the review list. */
const sha256 = (body: string | Buffer) => createHash('sha256').update(body).digest('hex')

async function heldRow(body: string | Buffer) {
  const rows = await t.sql<{
    kind: string
    reason: string
    status: string
    problem: string
    excerpt: string
    webhook_id: string
    topic: string
    shop_domain: string
    body_bytes: number
    delivery_count: number
    shopify_order_id: string | null
  }>(
    `select kind, reason, status, problem, excerpt, webhook_id, topic, shop_domain, body_bytes, delivery_count,
            shopify_order_id
     from shopify_sku_review where org_id = $1 and body_sha256 = $2`,
    [AURORA, sha256(body)],
  )
  expect(rows.length).toBeLessThanOrEqual(1)
  return (
    rows[0] && { ...rows[0], body_bytes: Number(rows[0].body_bytes), delivery_count: Number(rows[0].delivery_count) }
  )
}

const ordersNamed = async (name: string) =>
  Number(
    (await t.sql<{ n: string }>(`select count(*)::text as n from orders where order_number like $1`, [`${name}%`]))[0]
      .n,
  )

describe('poison deliveries', () => {
  it('holds an order with U+0000 in a string (a JSON escape) and lists it once, however often it comes', async () => {
    const body = orderPayload()
      .replace('#4120', '#4130')
      .replace('5741392167015427431', '5741392167015427430')
      .replace('"Gift, please no invoice in the box"', '"Gift\\u0000, please"')
    const first = await deliver(body, { 'x-shopify-webhook-id': 'poison-nul-1' })
    expect(first.status).toBe(200)
    expect(await first.json()).toMatchObject({
      ok: true,
      webhook_id: 'poison-nul-1',
      held: { reason: 'nul_character', problem: 'U+0000 in note', delivery_count: 1 },
    })
    const row = await heldRow(body)
    expect(row).toMatchObject({
      kind: 'delivery',
      reason: 'nul_character',
      status: 'open',
      problem: 'U+0000 in note',
      webhook_id: 'poison-nul-1',
      topic: 'orders/create',
      shop_domain: SHOP,
      body_bytes: Buffer.byteLength(body),
      delivery_count: 1,
      shopify_order_id: '5741392167015427430',
    })
    expect(row.excerpt.startsWith('{')).toBe(true)
    expect(await ordersNamed('#4130')).toBe(0)

    // Shopify's redeliveries (a new webhook id each time, or the same): acknowledged, one row
    for (const id of ['poison-nul-2', 'poison-nul-2']) {
      const again = await deliver(body, { 'x-shopify-webhook-id': id })
      expect(again.status).toBe(200)
    }
    expect(await heldRow(body)).toMatchObject({ delivery_count: 3, webhook_id: 'poison-nul-2' })
    const [{ n }] = await t.sql<{ n: string }>(
      `select count(*)::text as n from shopify_sku_review where body_sha256 = $1`,
      [sha256(body)],
    )
    expect(n).toBe('1')
  })

  it('holds a raw NUL byte and invalid UTF-8 after checking their signature as bytes', async () => {
    const nul = Buffer.from('{"id": 77, "line_items": [], "note": "a\u0000b"}', 'utf8')
    const notUtf8 = Buffer.concat([
      Buffer.from('{"id": 78, "note": "'),
      Buffer.from([0xed, 0xa0, 0x80]),
      Buffer.from('"}'),
    ])
    for (const [body, reason] of [
      [nul, 'nul_character'],
      [notUtf8, 'not_utf8'],
    ] as const) {
      const signature = createHmac('sha256', SECRET).update(body).digest('base64')
      const res = await deliver(body, { 'x-shopify-hmac-sha256': signature })
      expect(res.status).toBe(200)
      expect((await res.json()).held.reason).toBe(reason)
      const row = await heldRow(body)
      expect(row).toMatchObject({ reason, body_bytes: body.byteLength })
      expect(row.excerpt).not.toContain('\u0000')
      // the same bytes, badly signed: refused, nothing recorded
      const forged = await deliver(Buffer.concat([body, Buffer.from(' ')]), { 'x-shopify-hmac-sha256': signature })
      expect(forged.status).toBe(401)
    }
  })

  it('holds half a surrogate pair (in a value or a key) and absurd nesting', async () => {
    const surrogate = orderPayload()
      .replace('#4120', '#4131')
      .replace('5741392167015427431', '5741392167015427432')
      .replace('"title": "Atticus"', '"title": "Atticus \\ud83c"')
    const key = '{"id": 5741392167015427433, "line_items": [], "note_attributes": [{"\\udc00": "x"}]}'
    const deep = `{"id": 5741392167015427434, "line_items": [], "x": ${'['.repeat(20_000)}${']'.repeat(20_000)}}`
    const expected: [string, string, string][] = [
      [surrogate, 'unpaired_surrogate', 'Half a surrogate pair in line_items[0].title'],
      [key, 'unpaired_surrogate', 'Half a surrogate pair in the key note_attributes[0].\uFFFD'],
      [deep, 'too_deeply_nested', 'Nested more than 32 levels deep'],
    ]
    for (const [body, reason, problem] of expected) {
      const res = await deliver(body)
      expect(res.status).toBe(200)
      expect((await res.json()).held).toMatchObject({ reason, problem })
      expect(await heldRow(body)).toMatchObject({ reason, problem, delivery_count: 1 })
    }
    expect(await ordersNamed('#4131')).toBe(0)
  })

  it('holds a payload the import refuses with a data error (a value over a column limit)', async () => {
    const longId = '9'.repeat(80) // quoted as a string of digits; orders.shopify_order_id holds 64
    const body = orderPayload().replace('#4120', '#4132').replaceAll('5741392167015427431', longId)
    const res = await deliver(body)
    expect(res.status).toBe(200)
    const held = (await res.json()).held
    expect(held.reason).toBe('rejected_by_database')
    expect(held.problem).toMatch(/^23514: /)
    expect(await heldRow(body)).toMatchObject({
      reason: 'rejected_by_database',
      shopify_order_id: `${'9'.repeat(63)}…`,
    })
    expect(await ordersNamed('#4132')).toBe(0)
  })

  it('still answers 503 to a real outage: database unreachable, a failed record, a timeout', async () => {
    const body = orderPayload().replace('#4120', '#4133').replace('"Gift, please no invoice in the box"', '"\\u0000"')
    const request = () =>
      new Request('http://127.0.0.1/api/webhooks/shopify/orders', {
        method: 'POST',
        body,
        headers: {
          'x-shopify-hmac-sha256': sign(body),
          'x-shopify-shop-domain': SHOP,
          'x-shopify-topic': 'orders/create',
          'x-shopify-webhook-id': 'outage-1',
        },
      })
    const withFetch = (f: typeof fetch) =>
      createClient<Database>(t.url, t.cfg.serviceRoleKey, {
        auth: { persistSession: false, autoRefreshToken: false },
        global: { fetch: f },
        realtime: { transport: WebSocket as never },
      })
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => undefined)
    try {
      // nothing listening
      const down = await handleShopifyOrderWebhook(
        request(),
        withFetch(() => Promise.reject(new TypeError('fetch failed'))),
      )
      expect(down.status).toBe(503)
      expect(down.headers.get('retry-after')).toBe('30')
      // signature checked, then the database goes away before the delivery is recorded: not acknowledged
      const lost = await handleShopifyOrderWebhook(
        request(),
        withFetch((input, init) =>
          String(input).includes('/rpc/record_shopify_delivery')
            ? Promise.reject(new TypeError('fetch failed'))
            : fetch(input, init),
        ),
      )
      expect(lost.status).toBe(503)
      expect(await heldRow(body)).toBeUndefined()
      // a database that does not answer within the handler's budget (4 s; Shopify waits 5)
      const started = performance.now()
      const slow = await handleShopifyOrderWebhook(
        request(),
        withFetch(
          (_input, init) =>
            new Promise((_resolve, reject) =>
              init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))),
            ),
        ),
      )
      expect(slow.status).toBe(503)
      expect(performance.now() - started).toBeLessThan(4900)
    } finally {
      quiet.mockRestore()
    }
    // and once the database is back, the same delivery is acknowledged and held
    const back = await POST(request())
    expect(back.status).toBe(200)
    expect(await heldRow(body)).toMatchObject({ reason: 'nul_character', delivery_count: 1 })
  }, 20_000)
})
