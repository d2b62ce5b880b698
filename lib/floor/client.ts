/**
 * The tablet's side of the floor API: fetch with a timeout, JSON in and out, the idempotency key as
 * a header, and every failure as a value (offline included) for the screens to show.
 */
export type ApiOk<T> = { ok: true; status: number; data: T }
export type ApiFail = {
  ok: false
  status: number
  code: string
  message: string
  details?: Record<string, unknown>
  /** The request never reached the server (no network, timed out on the way). */
  offline: boolean
}
export type ApiResult<T> = ApiOk<T> | ApiFail

export interface ApiOptions {
  method?: 'GET' | 'POST' | 'PUT'
  body?: unknown
  form?: FormData
  idempotencyKey?: string
  timeoutMs?: number
}

export function newClientId(): string {
  return crypto.randomUUID()
}

export async function floorApi<T = unknown>(path: string, opts: ApiOptions = {}): Promise<ApiResult<T>> {
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
    const timeout = (error as Error)?.name === 'TimeoutError'
    return {
      ok: false,
      status: 0,
      code: timeout ? 'REQUEST_TIMEOUT' : 'OFFLINE',
      message: timeout ? 'No answer from the server in time' : 'No connection: this is kept on the tablet',
      offline: true,
    }
  }
  let body: unknown = null
  try {
    body = await res.json()
  } catch {
    // an HTML error page from a proxy: fall through with the status
  }
  if (res.ok) return { ok: true, status: res.status, data: body as T }
  const b = (body ?? {}) as { code?: string; message?: string; details?: Record<string, unknown> }
  return {
    ok: false,
    status: res.status,
    code: b.code ?? `HTTP_${res.status}`,
    message: b.message ?? `The server answered ${res.status}`,
    details: b.details,
    offline: res.status === 502 || res.status === 503 || res.status === 504,
  }
}
