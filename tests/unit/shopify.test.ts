/**
 * The Shopify webhook handler's HTTP contract (lib/shopify/webhook.ts) with a stand-in database,
 * and the JSON reader that keeps Shopify's 64-bit ids exact. The real database path is in
 * tests/integration/shopify.test.ts.
 */
import { describe, expect, it, vi } from 'vitest'
import { parseShopifyJson, quoteBigIntegers } from '../../lib/shopify/json'

vi.mock('server-only', () => ({}))
const { handleShopifyOrderWebhook } = await import('../../lib/shopify/webhook')

describe('parseShopifyJson', () => {
  it('keeps ids beyond 2^53 exact, as strings', () => {
    const raw = '{"id":820982911946154508,"line_items":[{"id":866550311766439020,"quantity":2,"price":"499.00"}]}'
    expect(JSON.parse(raw).id).toBe(820982911946154500) // what a plain parse does
    expect(parseShopifyJson(raw)).toEqual({
      id: '820982911946154508',
      line_items: [{ id: '866550311766439020', quantity: 2, price: '499.00' }],
    })
  })

  it('leaves strings, small numbers, decimals and exponents alone', () => {
    const raw =
      '{"note":"call 820982911946154508 \\"now\\"","n":-12,"rate":0.06,"big":1e21,"neg":-9007199254740993,"ok":9007199254740991}'
    expect(quoteBigIntegers(raw)).toBe(
      '{"note":"call 820982911946154508 \\"now\\"","n":-12,"rate":0.06,"big":1e21,"neg":"-9007199254740993","ok":9007199254740991}',
    )
  })

  it('still throws on text that is not JSON', () => {
    expect(() => parseShopifyJson('{"id": 1,')).toThrow()
  })
})

type Call = { fn: string; args: Record<string, unknown> }

type Scripted = { data?: unknown; error?: { code: string; message: string; details?: string; hint?: string } }

/** Just enough of a supabase-js client: rpc(…).abortSignal(…) answering from a script. */
function fakeAdmin(answers: Record<string, Scripted>) {
  const calls: Call[] = []
  const client = {
    rpc: (fn: string, args: Record<string, unknown>) => {
      calls.push({ fn, args })
      const a = answers[fn] ?? { data: null }
      const result = Promise.resolve({ data: a.data ?? null, error: a.error ?? null })
      return Object.assign(result, { abortSignal: () => result })
    },
  }
  return { client: client as never, calls }
}

const ORG = '20000000-0000-4000-8000-000000000001'
const body = JSON.stringify({ id: 1001, name: '#1001', line_items: [] }).replace('1001', '820982911946154508')
const request = (headers: Record<string, string>, payload: BodyInit = body) =>
  new Request('http://localhost/api/webhooks/shopify/orders', { method: 'POST', body: payload, headers })
const signed = {
  'x-shopify-hmac-sha256': 'c2lnbmF0dXJl',
  'x-shopify-shop-domain': 'Aurora-Audio.myshopify.com',
  'x-shopify-topic': 'orders/create',
  'x-shopify-webhook-id': 'b54557e4-bdd9-4b37-8a5f-bf7d70bcd043',
}
const imported = {
  orders: [{ id: 'x', order_number: '#1001', status: 'pending', created: true }],
  review: [{ line_item_id: '1', sku: 'CBL-XLR4', reason: 'unknown_sku' }],
  tracking: [{ order_id: 'x', token: 'secret-token', path: '/track/secret-token' }],
}

describe('handleShopifyOrderWebhook', () => {
  it('verifies the raw body in the database, imports, and answers 200 without tracking tokens', async () => {
    const { client, calls } = fakeAdmin({
      shopify_webhook_org: { data: ORG },
      upsert_shopify_order: { data: imported },
    })
    const res = await handleShopifyOrderWebhook(request(signed), client)
    expect(res.status).toBe(200)
    const json = await res.json()
    expect(json).toEqual({
      ok: true,
      webhook_id: 'b54557e4-bdd9-4b37-8a5f-bf7d70bcd043',
      topic: 'orders/create',
      skipped: null,
      orders: [{ order_number: '#1001', status: 'pending', created: true }],
      review: [{ sku: 'CBL-XLR4', reason: 'unknown_sku' }],
    })
    expect(JSON.stringify(json)).not.toContain('secret-token')
    expect(calls[0]).toEqual({
      fn: 'shopify_webhook_org',
      args: { p_shop_domain: 'aurora-audio.myshopify.com', p_body: body, p_hmac: 'c2lnbmF0dXJl' },
    })
    expect(calls[1].args).toEqual({
      p_org_id: ORG,
      p_payload: { id: '820982911946154508', name: '#1001', line_items: [] },
    })
  })

  it('answers 401 without a signature or shop, before touching the database', async () => {
    const { client, calls } = fakeAdmin({})
    const { 'x-shopify-hmac-sha256': _, ...unsigned } = signed
    expect((await handleShopifyOrderWebhook(request(unsigned), client)).status).toBe(401)
    expect(calls).toEqual([])
  })

  it('answers 401 when the database refuses the signature, in the one failure body', async () => {
    const { client, calls } = fakeAdmin({
      shopify_webhook_org: { error: { code: 'PT401', message: 'Webhook signature not valid for this shop' } },
    })
    const res = await handleShopifyOrderWebhook(request(signed), client)
    expect(res.status).toBe(401)
    expect(await res.json()).toEqual({ code: 'NOT_SIGNED_IN', message: 'Webhook signature not valid for this shop' })
    expect(calls.map((c) => c.fn)).toEqual(['shopify_webhook_org'])
  })

  it('holds a signed delivery it can never import (topic, not JSON, refused payload) and answers 200', async () => {
    const held = { record_shopify_delivery: { data: { delivery_count: 1 } } }
    const ok = { shopify_webhook_org: { data: ORG }, ...held }
    const topic = fakeAdmin(ok)
    const res = await handleShopifyOrderWebhook(
      request({ ...signed, 'x-shopify-topic': 'products/create' }),
      topic.client,
    )
    expect(res.status).toBe(200)
    expect((await res.json()).held).toMatchObject({ reason: 'unsupported_topic', delivery_count: 1 })
    const notJson = fakeAdmin(ok)
    expect((await handleShopifyOrderWebhook(request(signed, '{"id":'), notJson.client)).status).toBe(200)
    expect(notJson.calls.at(-1)?.args).toMatchObject({ p_reason: 'not_json' })
    const noLines = fakeAdmin({
      ...ok,
      upsert_shopify_order: {
        error: {
          code: 'PT400',
          message: 'The order has no line_items array',
          details: 'VALIDATION_FAILED',
          hint: '{"field": "payload.line_items"}',
        },
      },
    })
    const refused = await handleShopifyOrderWebhook(request(signed), noLines.client)
    expect(refused.status).toBe(200)
    expect(noLines.calls.at(-1)?.args).toMatchObject({ p_reason: 'not_an_order' })
  })

  it('answers 413 for an oversized body, before touching the database', async () => {
    const { client, calls } = fakeAdmin({ shopify_webhook_org: { data: ORG } })
    const big = 'x'.repeat(2 * 1024 * 1024 + 1)
    const res = await handleShopifyOrderWebhook(request(signed, big), client)
    expect(res.status).toBe(413)
    expect((await res.json()).code).toBe('PAYLOAD_TOO_LARGE')
    expect(calls).toEqual([])
  })

  it('answers 503 (Shopify retries), never 500, when the database cannot answer', async () => {
    const down = fakeAdmin({ shopify_webhook_org: { error: { code: '', message: 'fetch failed' } } })
    const res = await handleShopifyOrderWebhook(request(signed), down.client)
    expect(res.status).toBe(503)
    expect(res.headers.get('retry-after')).toBe('30')
    const thrown = { rpc: () => ({ abortSignal: () => Promise.reject(new Error('socket hang up')) }) }
    expect((await handleShopifyOrderWebhook(request(signed), thrown as never)).status).toBe(503)
  })
})
