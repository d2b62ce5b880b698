import type { SupabaseClient } from '@supabase/supabase-js'
import type { Database } from '@/types/database'
import { parseShopifyJson } from './json'

/**
 * POST /api/webhooks/shopify/orders (docs/production.md §8): Shopify's orders/create and
 * orders/updated (and orders/cancelled, the same order payload).
 *
 *  1. the raw body, X-Shopify-Hmac-Sha256 and X-Shopify-Shop-Domain go to shopify_webhook_org(),
 *     which computes the HMAC in SQL with the shop's secret (the secret never leaves the database);
 *  2. upsert_shopify_order() maps line items to models and woods (unknown SKUs → review list),
 *     keyed by Shopify's ids so a replay duplicates nothing; one transaction, then 200.
 *
 * 401 for a missing/bad signature or unknown shop (one answer for both), 400 for a body that is not
 * an order, 413 when too large, 503 when the database cannot answer (Shopify retries) — never a 500.
 */
export const TOPICS = new Set(['orders/create', 'orders/updated', 'orders/cancelled'])
const MAX_BODY = 2 * 1024 * 1024

type Admin = SupabaseClient<Database>

interface ImportAnswer {
  skipped?: 'stale'
  orders: { id: string; order_number: string; status: string; created: boolean }[]
  review: { line_item_id: string | null; sku: string | null; reason: string }[]
}

const json = (status: number, body: Record<string, unknown>) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', 'cache-control': 'no-store' },
  })

export async function handleShopifyOrderWebhook(request: Request, admin: Admin): Promise<Response> {
  try {
    return await handle(request, admin)
  } catch (error) {
    // a thrown client (network, timeout): the delivery is retried by Shopify, never a 500
    return unavailable('handler', error instanceof Error ? error.message : String(error))
  }
}

async function handle(request: Request, admin: Admin): Promise<Response> {
  const hmac = request.headers.get('x-shopify-hmac-sha256')?.trim()
  const shop = request.headers.get('x-shopify-shop-domain')?.trim().toLowerCase()
  const topic = request.headers.get('x-shopify-topic')?.trim()
  const webhookId = request.headers.get('x-shopify-webhook-id')?.trim() ?? null

  const declared = Number(request.headers.get('content-length') ?? 0)
  if (declared > MAX_BODY) return json(413, { error: 'Payload too large' })
  let raw: string
  try {
    const bytes = await request.arrayBuffer()
    if (bytes.byteLength > MAX_BODY) return json(413, { error: 'Payload too large' })
    raw = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    return json(400, { error: 'The body is not UTF-8 text' })
  }
  if (!hmac || !shop) return json(401, { error: 'Missing X-Shopify-Hmac-Sha256 or X-Shopify-Shop-Domain' })

  const { data: orgId, error: authError } = await admin.rpc('shopify_webhook_org', {
    p_shop_domain: shop,
    p_body: raw,
    p_hmac: hmac,
  })
  if (authError) {
    if (authError.code === 'PT401') return json(401, { error: 'Webhook signature not valid for this shop' })
    return unavailable('shopify_webhook_org', authError.message)
  }

  if (!topic || !TOPICS.has(topic)) {
    return json(400, { error: `Unsupported topic ${topic ?? '(none)'}: send orders/create or orders/updated` })
  }
  let payload: unknown
  try {
    payload = parseShopifyJson(raw)
  } catch {
    return json(400, { error: 'The body is not JSON' })
  }
  if (!payload || typeof payload !== 'object' || Array.isArray(payload)) {
    return json(400, { error: 'The body is not a Shopify order' })
  }

  const { data, error } = await admin.rpc('upsert_shopify_order', {
    p_org_id: orgId,
    p_payload: payload as Database['public']['Functions']['upsert_shopify_order']['Args']['p_payload'],
  })
  if (error) {
    // 22023: not an order (details names the part); PT404: the organisation went away meanwhile
    if (error.code === '22023' || error.code === 'PT404' || error.code === '22P02') {
      return json(400, { error: error.message, field: error.details ?? undefined })
    }
    return unavailable('upsert_shopify_order', error.message)
  }
  const answer = data as unknown as ImportAnswer
  // tracking tokens stay out of the answer: it ends up in Shopify's delivery logs
  return json(200, {
    ok: true,
    webhook_id: webhookId,
    topic,
    skipped: answer.skipped ?? null,
    orders: answer.orders.map(({ order_number, status, created }) => ({ order_number, status, created })),
    review: answer.review.map(({ sku, reason }) => ({ sku, reason })),
  })
}

function unavailable(what: string, message: string): Response {
  console.error(`[shopify webhook] ${what}: ${message}`)
  return new Response(JSON.stringify({ error: 'Temporarily unavailable; Shopify will retry' }), {
    status: 503,
    headers: { 'content-type': 'application/json', 'retry-after': '30', 'cache-control': 'no-store' },
  })
}
