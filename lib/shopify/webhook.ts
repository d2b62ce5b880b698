import { createHash } from 'node:crypto'
import { z } from 'zod'
import { type DbError, type Fail, failWith } from '@/lib/errors'
import { type Answer, answer, type RouteContext, route } from '@/lib/route'
import { parseRpc } from '@/lib/rpc'
import type { AppClient } from '@/lib/supabase/types'
import type { Json } from '@/types/database'
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
 * It is a route() like any other (lib/route.ts): raw bytes in, the service-role client, the one
 * failure body `{ code, message }` with Retry-After on the 503.
 */
export const TOPICS = new Set(['orders/create', 'orders/updated', 'orders/cancelled'])
const MAX_BODY = 2 * 1024 * 1024
/** Shopify waits 5 s; the database work gets 4 and a slower answer is an outage (503). */
const DB_TIMEOUT_MS = Number(process.env.SHOPIFY_WEBHOOK_DB_TIMEOUT_MS ?? 4000)
const RETRY_AFTER_SECONDS = 30

/** upsert_shopify_order's answer, the parts the acknowledgement echoes. */
const ImportAnswer = z.object({
  skipped: z.literal('stale').optional(),
  orders: z.array(z.object({ order_number: z.string(), status: z.string(), created: z.boolean() }).loose()),
  review: z.array(z.object({ sku: z.string().nullable(), reason: z.string() }).loose()),
})
const DeliveryAnswer = z.object({ delivery_count: z.number().int() }).loose()

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

const BAD_SIGNATURE = 'Webhook signature not valid for this shop'

/** The webhook's route, with the service-role client it imports with (the route file passes createAdminClient). */
export function shopifyOrdersRoute(admin: () => AppClient) {
  return route({
    schema: z.object({}),
    from: 'bytes',
    maxBytes: MAX_BODY,
    auth: 'service',
    serviceClient: admin,
    timeoutMs: DB_TIMEOUT_MS,
    // a thrown client (network, timeout, a bad answer): the delivery is retried by Shopify, never a 500
    onThrow: (error) => unavailable('handler', error instanceof Error ? error.message : String(error)),
    run: (_input, ctx) => handle(ctx),
  })
}

/** One delivery against a given client (the integration and unit tests drive it directly). */
export function handleShopifyOrderWebhook(request: Request, admin: AppClient): Promise<Response> {
  return shopifyOrdersRoute(() => admin)(request)
}

async function handle(ctx: RouteContext): Promise<Answer> {
  const { request, supabase: admin, signal } = ctx
  const bytes = ctx.bytes ?? new Uint8Array()
  const hmac = request.headers.get('x-shopify-hmac-sha256')?.trim()
  const shop = request.headers.get('x-shopify-shop-domain')?.trim().toLowerCase()
  const topic = header(request, 'x-shopify-topic', 100)
  const webhookId = header(request, 'x-shopify-webhook-id', 200)
  if (!hmac || !shop) return failWith('NOT_SIGNED_IN', 'Missing X-Shopify-Hmac-Sha256 or X-Shopify-Shop-Domain')

  let raw: string | null = null
  try {
    raw = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    raw = null
  }
  // Postgres text holds neither invalid UTF-8 nor U+0000: such bodies are checked as bytes
  const textSafe = raw !== null && !raw.includes('\u0000')
  const { data: orgId, error: authError } =
    raw !== null && textSafe
      ? await admin.rpc('shopify_webhook_org', { p_shop_domain: shop, p_body: raw, p_hmac: hmac }).abortSignal(signal)
      : await admin
          .rpc('shopify_webhook_org_raw', {
            p_shop_domain: shop,
            p_body_base64: Buffer.from(bytes).toString('base64'),
            p_hmac: hmac,
          })
          .abortSignal(signal)
  if (authError) {
    if (authError.code === 'PT401') return failWith('NOT_SIGNED_IN', BAD_SIGNATURE)
    return unavailable('shopify_webhook_org', authError.message)
  }
  if (typeof orgId !== 'string') return unavailable('shopify_webhook_org', 'no organisation in the answer')

  // signed by the shop from here on: every answer but an outage is a 2xx
  const delivery: Delivery = {
    orgId,
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
  let payload: Json
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
    .rpc('upsert_shopify_order', { p_org_id: orgId, p_payload: payload })
    .abortSignal(signal)
  if (error) {
    // the organisation went away since the signature check: the shop is no longer connected
    if (error.code === 'PT404') return failWith('NOT_SIGNED_IN', BAD_SIGNATURE)
    const refused = refusal(error)
    if (refused) return hold(refused)
    return unavailable('upsert_shopify_order', error.message ?? '')
  }
  const imported = parseRpc(ImportAnswer, data, 'upsert_shopify_order')
  // tracking tokens stay out of the answer: it ends up in Shopify's delivery logs
  return answer({
    ok: true,
    webhook_id: webhookId,
    topic,
    skipped: imported.skipped ?? null,
    orders: imported.orders.map(({ order_number, status, created }) => ({ order_number, status, created })),
    review: imported.review.map(({ sku, reason }) => ({ sku, reason })),
  })
}

/**
 * A refusal of the payload itself, the same on every redelivery: data exceptions (class 22: bad
 * values, our validation), integrity violations (class 23: a value over a column's limit), program
 * limits (class 54: too deep, too big) and our own 400/422 refusals (PT400, PT422: the import's
 * rules). Anything else — no answer, a timeout (57014), a deadlock (40P01), a missing function —
 * may pass on a retry: null, and the caller answers 503.
 */
export function refusal(error: DbError): Poison | null {
  const code = error.code ?? ''
  if (!/^(22|23|54)[0-9A-Z]{3}$/.test(code) && code !== 'PT400' && code !== 'PT422') return null
  const context = parseField(error.hint)
  const machine = error.details && /^[A-Z][A-Z0-9_]{1,39}$/.test(error.details) ? error.details : undefined
  const field = context ?? (error.details && /^[a-z_][a-z0-9_.]*$/.test(error.details) ? error.details : undefined)
  const reason: DeliveryReason = field?.startsWith('payload') ? 'not_an_order' : 'rejected_by_database'
  const what = `${machine ?? code}: ${error.message ?? 'refused'}${field ? ` (${field})` : ''}`
  return { reason, problem: sanitise(what) }
}

/** The `field` of an error's JSON hint (docs/errors.md), if it names one. */
function parseField(hint: string | null | undefined): string | undefined {
  if (!hint?.startsWith('{')) return undefined
  try {
    const field: unknown = (JSON.parse(hint) as { field?: unknown }).field
    return typeof field === 'string' && field ? field : undefined
  } catch {
    return undefined
  }
}

async function holdForReview(admin: AppClient, d: Delivery, poison: Poison, signal: AbortSignal): Promise<Answer> {
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
  const row = parseRpc(DeliveryAnswer, data, 'record_shopify_delivery')
  console.warn(
    `[shopify webhook] held for review: ${poison.reason} (${d.topic ?? 'no topic'}, webhook ${d.webhookId ?? '?'}, ` +
      `sha256 ${d.sha256.slice(0, 12)}…, delivery ${row.delivery_count})`,
  )
  return answer({
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

function unavailable(what: string, message: string): Fail {
  console.error(`[shopify webhook] ${what}: ${message}`)
  return failWith('UNAVAILABLE', 'Temporarily unavailable; Shopify will retry', { retryAfter: RETRY_AFTER_SECONDS })
}
