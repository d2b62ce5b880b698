import { createHash } from 'node:crypto'
import type { SupabaseClient } from '@supabase/supabase-js'
import type { Database } from '@/types/database'
import { parseShopifyJson } from './json'
import { type DeliveryReason, findUnstorable, orderIdentity, type Poison, rawPoison, sanitise } from './poison'

/**
 * POST /api/webhooks/shopify/orders (docs/production.md §8): Shopify's orders/create and
 * orders/updated (and orders/cancelled, the same order payload).
 *
 *  1. the raw body, X-Shopify-Hmac-Sha256 and X-Shopify-Shop-Domain go to shopify_webhook_org(),
 *     which computes the HMAC in SQL with the shop's secret (the secret never leaves the database);
 *  2. upsert_shopify_order() maps line items to models and woods (unknown SKUs → review list),
 *     keyed by Shopify's ids so a replay duplicates nothing; one transaction, then 200.
 *
 * Answers. Shopify counts anything but 2xx within 5 s as a failed delivery and sends the same
 * payload again, 8 times over 4 hours, and may drop an Admin-API subscription that keeps failing
 * (https://shopify.dev/changelog/updates-to-webhook-retry-mechanism, 2024-09-10; "Troubleshooting
 * webhooks" on shopify.dev: respond with a 200-series status within 5 seconds). So once the signature
 * is valid, a delivery that can never be imported (U+0000 or half a surrogate pair in a string,
 * absurd nesting, not an order, a value the import refuses) is put on the review list
 * (record_shopify_delivery: kind 'delivery', once per body SHA-256) and answered 200: retrying it
 * could only fail again. The other answers:
 *   401  missing/bad signature or unknown shop (one answer for all);
 *   413  body over 2 MB;
 *   503  the database cannot answer (unreachable, timed out, busy): Shopify retries, which is right.
 * Never a 500, never a 4xx for a signed body. A body Postgres text cannot hold (raw NUL bytes,
 * invalid UTF-8) has its signature checked as bytes (shopify_webhook_org_raw) and is held likewise.
 */
export const TOPICS = new Set(['orders/create', 'orders/updated', 'orders/cancelled'])
const MAX_BODY = 2 * 1024 * 1024
/** Shopify waits 5 s; the database work gets 4 and a slower answer is an outage (503). */
const DB_TIMEOUT_MS = Number(process.env.SHOPIFY_WEBHOOK_DB_TIMEOUT_MS ?? 4000)

type Admin = SupabaseClient<Database>

interface ImportAnswer {
  skipped?: 'stale'
  orders: { id: string; order_number: string; status: string; created: boolean }[]
  review: { line_item_id: string | null; sku: string | null; reason: string }[]
}

interface DbError {
  code?: string
  message?: string
  details?: string | null
}

interface Delivery {
  orgId: string
  shop: string
  topic: string | null
  webhookId: string | null
  sha256: string
  bytes: number
  excerpt: string
  payload?: unknown
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
  const topic = header(request, 'x-shopify-topic', 100)
  const webhookId = header(request, 'x-shopify-webhook-id', 200)

  const declared = Number(request.headers.get('content-length') ?? 0)
  if (declared > MAX_BODY) return json(413, { error: 'Payload too large' })
  const bytes = new Uint8Array(await request.arrayBuffer())
  if (bytes.byteLength > MAX_BODY) return json(413, { error: 'Payload too large' })
  if (!hmac || !shop) return json(401, { error: 'Missing X-Shopify-Hmac-Sha256 or X-Shopify-Shop-Domain' })

  let raw: string | null = null
  try {
    raw = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    raw = null
  }
  // Postgres text holds neither invalid UTF-8 nor U+0000: such bodies are checked as bytes
  const textSafe = raw !== null && !raw.includes('\u0000')
  const signal = AbortSignal.timeout(DB_TIMEOUT_MS)
  const { data: orgId, error: authError } = textSafe
    ? await admin
        .rpc('shopify_webhook_org', { p_shop_domain: shop, p_body: raw as string, p_hmac: hmac })
        .abortSignal(signal)
    : await admin
        .rpc('shopify_webhook_org_raw', {
          p_shop_domain: shop,
          p_body_base64: Buffer.from(bytes).toString('base64'),
          p_hmac: hmac,
        })
        .abortSignal(signal)
  if (authError) {
    if (authError.code === 'PT401') return json(401, { error: 'Webhook signature not valid for this shop' })
    return unavailable('shopify_webhook_org', authError.message)
  }

  // signed by the shop from here on: every answer but an outage is a 2xx
  const delivery: Delivery = {
    orgId: orgId as string,
    shop,
    topic,
    webhookId,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    bytes: bytes.byteLength,
    excerpt: sanitise((raw ?? new TextDecoder('utf-8').decode(bytes.subarray(0, 4096))).slice(0, 2000)),
  }
  const hold = (poison: Poison) => holdForReview(admin, delivery, poison, signal)

  if (raw === null) return hold({ reason: 'not_utf8', problem: 'The body is not UTF-8 text' })
  if (!textSafe) return hold({ reason: 'nul_character', problem: 'A raw NUL byte in the body' })
  if (!topic || !TOPICS.has(topic)) {
    return hold({
      reason: 'unsupported_topic',
      problem: sanitise(
        `Topic ${topic ?? '(none)'}: this address takes orders/create, orders/updated, orders/cancelled`,
      ),
    })
  }
  const early = rawPoison(raw)
  if (early) return hold(early)
  let payload: unknown
  try {
    payload = parseShopifyJson(raw)
  } catch {
    return hold({ reason: 'not_json', problem: 'The body is not JSON' })
  }
  delivery.payload = payload
  if (!payload || typeof payload !== 'object' || Array.isArray(payload)) {
    return hold({ reason: 'not_an_order', problem: 'The body is not a JSON object' })
  }
  const unstorable = findUnstorable(payload)
  if (unstorable) return hold(unstorable)

  const { data, error } = await admin
    .rpc('upsert_shopify_order', {
      p_org_id: orgId as string,
      p_payload: payload as Database['public']['Functions']['upsert_shopify_order']['Args']['p_payload'],
    })
    .abortSignal(signal)
  if (error) {
    // the organisation went away since the signature check: the shop is no longer connected
    if (error.code === 'PT404') return json(401, { error: 'Webhook signature not valid for this shop' })
    const refused = refusal(error)
    if (refused) return hold(refused)
    return unavailable('upsert_shopify_order', error.message ?? '')
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

/**
 * A refusal of the payload itself, the same on every redelivery: data exceptions (class 22: bad
 * values, 22023 our validation), integrity violations (class 23: a value over a column's limit)
 * and program limits (class 54: too deep, too big). Anything else — no answer, a timeout (57014),
 * a deadlock (40P01), a missing function — may pass on a retry: null, and the caller answers 503.
 */
export function refusal(error: DbError): Poison | null {
  const code = error.code ?? ''
  if (!/^(22|23|54)[0-9A-Z]{3}$/.test(code)) return null
  const field = error.details && /^[a-z_][a-z0-9_.]*$/.test(error.details) ? error.details : undefined
  const reason: DeliveryReason =
    code === '22023' && field?.startsWith('payload') ? 'not_an_order' : 'rejected_by_database'
  const what = `${code}: ${error.message ?? 'refused'}${field ? ` (${field})` : ''}`
  return { reason, problem: sanitise(what) }
}

async function holdForReview(admin: Admin, d: Delivery, poison: Poison, signal: AbortSignal): Promise<Response> {
  const order = orderIdentity(d.payload)
  const { data, error } = await admin
    .rpc('record_shopify_delivery', {
      p_org_id: d.orgId,
      p_shop_domain: d.shop,
      p_topic: d.topic ?? '',
      p_webhook_id: d.webhookId ?? '',
      p_body_sha256: d.sha256,
      p_body_bytes: d.bytes,
      p_reason: poison.reason,
      p_problem: poison.problem,
      p_excerpt: d.excerpt,
      p_shopify_order_id: order.id,
      p_shopify_order_name: order.name,
    })
    .abortSignal(signal)
  // not recorded: not acknowledged either, so Shopify sends it again
  if (error) return unavailable('record_shopify_delivery', error.message)
  const row = data as unknown as { delivery_count: number }
  console.warn(
    `[shopify webhook] held for review: ${poison.reason} (${d.topic ?? 'no topic'}, webhook ${d.webhookId ?? '?'}, ` +
      `sha256 ${d.sha256.slice(0, 12)}…, delivery ${row.delivery_count})`,
  )
  return json(200, {
    ok: true,
    webhook_id: d.webhookId,
    topic: d.topic,
    held: { reason: poison.reason, problem: poison.problem, delivery_count: row.delivery_count },
  })
}

function header(request: Request, name: string, max: number): string | null {
  const value = request.headers.get(name)?.trim()
  return value ? sanitise(value, max) : null
}

function unavailable(what: string, message: string): Response {
  console.error(`[shopify webhook] ${what}: ${message}`)
  return new Response(JSON.stringify({ error: 'Temporarily unavailable; Shopify will retry' }), {
    status: 503,
    headers: { 'content-type': 'application/json', 'retry-after': '30', 'cache-control': 'no-store' },
  })
}
