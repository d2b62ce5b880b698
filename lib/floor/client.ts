import { failWith, fromErrorBody, type Result } from '@/lib/errors'

/**
 * The tablet's side of the floor API: fetch with a timeout, JSON in and out, the idempotency key as
 * a header, and every answer as the one Result (lib/errors.ts) — a failure with its machine code,
 * status, field errors, details and Retry-After; `offline` when the request never got an answer.
 */
export interface ApiOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE'
  body?: unknown
  form?: FormData
  idempotencyKey?: string
  timeoutMs?: number
}

// one newClientId for the whole app (with the plain-http fallback); re-exported for the floor screens
export { newClientId } from '@/lib/client-id'

export async function floorApi<T = unknown>(path: string, opts: ApiOptions = {}): Promise<Result<T>> {
  const headers: Record<string, string> = { accept: 'application/json' }
  if (opts.body !== undefined) headers['content-type'] = 'application/json'
  if (opts.idempotencyKey) headers['idempotency-key'] = opts.idempotencyKey
  let res: Response
  try {
    res = await fetch(`/api/disco${path}`, {
      method: opts.method ?? (opts.body !== undefined || opts.form ? 'POST' : 'GET'),
      headers,
      body: opts.form ?? (opts.body !== undefined ? JSON.stringify(opts.body) : undefined),
      credentials: 'same-origin',
      signal: AbortSignal.timeout(opts.timeoutMs ?? 10_000),
    })
  } catch (error) {
    const timeout = error instanceof Error && error.name === 'TimeoutError'
    return timeout
      ? failWith('REQUEST_TIMEOUT', 'No answer from the server in time', { status: 0, offline: true })
      : failWith('OFFLINE', 'No connection: this is kept on the tablet', { offline: true })
  }
  let body: unknown = null
  try {
    body = await res.json()
  } catch {
    // an HTML error page from a proxy: fall through with the status
  }
  if (res.ok) return { ok: true, data: body as T }
  const wait = Number(res.headers.get('retry-after'))
  const f = fromErrorBody(body, res.status, Number.isFinite(wait) && wait > 0 ? wait : undefined)
  // a gateway that could not reach the app: as good as offline, the outbox keeps the write
  return res.status === 502 || res.status === 503 || res.status === 504 ? { ...f, offline: true } : f
}
