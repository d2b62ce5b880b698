/**
 * The one HTTP call every adapter makes, turned into a value: a response (any status, body read as
 * text) or the reason there was none (timeout, network). Adapters then read the provider's body;
 * what no provider body explains (429, 5xx, a proxy's HTML) is classified here once.
 */
import type { SendOutcome } from './types'

export const DEFAULT_TIMEOUT_MS = 10_000

export type HttpResult =
  | { ok: true; status: number; headers: Headers; text: string; latencyMs: number }
  | { ok: false; kind: 'timeout' | 'network'; error: string; latencyMs: number }

export async function call(
  url: string,
  init: RequestInit,
  opts: { timeoutMs?: number; fetch?: typeof fetch } = {},
): Promise<HttpResult> {
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS
  const doFetch = opts.fetch ?? fetch
  const started = performance.now()
  const since = () => Math.round(performance.now() - started)
  const controller = new AbortController()
  const timer = setTimeout(() => controller.abort(), timeoutMs)
  try {
    const res = await doFetch(url, { ...init, signal: controller.signal, redirect: 'manual' })
    const text = await res.text()
    return { ok: true, status: res.status, headers: res.headers, text, latencyMs: since() }
  } catch (error) {
    if (controller.signal.aborted) {
      return { ok: false, kind: 'timeout', error: `No answer within ${timeoutMs} ms`, latencyMs: since() }
    }
    const cause =
      error instanceof Error ? ((error.cause as Error | undefined)?.message ?? error.message) : String(error)
    return { ok: false, kind: 'network', error: `Network error: ${cause}`, latencyMs: since() }
  } finally {
    clearTimeout(timer)
  }
}

/** Retry-After as seconds: delta-seconds or an HTTP date (RFC 9110 §10.2.3); undefined if absent or nonsense. */
export function retryAfterSeconds(headers: Headers, now = Date.now()): number | undefined {
  const value = headers.get('retry-after')?.trim()
  if (!value) return undefined
  if (/^\d+$/.test(value)) return Number(value)
  const at = Date.parse(value)
  if (Number.isNaN(at)) return undefined
  return Math.max(0, Math.ceil((at - now) / 1000))
}

export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

/** The outcome of a call that produced no response at all: always worth another provider. */
export function noResponse(r: Extract<HttpResult, { ok: false }>): SendOutcome {
  return { kind: 'retryable', error: r.error, latencyMs: r.latencyMs }
}

/**
 * What the status alone says, for bodies the adapter could not read: 429, 408 and 5xx are retryable
 * (Retry-After honoured), 401/403 are the account's credentials (permanent), anything else
 * unexpected is permanent so it is looked at rather than retried forever.
 */
export function byStatus(r: Extract<HttpResult, { ok: true }>, provider: string, detail?: string): SendOutcome {
  const what = detail ? `: ${detail}` : ''
  if (r.status === 429) {
    return {
      kind: 'retryable',
      error: `${provider} is rate limiting (HTTP 429)${what}`,
      httpStatus: 429,
      retryAfterSeconds: retryAfterSeconds(r.headers),
      latencyMs: r.latencyMs,
    }
  }
  if (r.status >= 500 || r.status === 408) {
    return {
      kind: 'retryable',
      error: `${provider} failed (HTTP ${r.status})${what}`,
      httpStatus: r.status,
      retryAfterSeconds: retryAfterSeconds(r.headers),
      latencyMs: r.latencyMs,
    }
  }
  if (r.status === 401 || r.status === 403) {
    return {
      kind: 'permanent',
      error: `${provider} refused the credentials (HTTP ${r.status})${what}`,
      httpStatus: r.status,
      latencyMs: r.latencyMs,
    }
  }
  return {
    kind: 'permanent',
    error: `${provider} answered HTTP ${r.status} with nothing we understand${what}`,
    httpStatus: r.status,
    latencyMs: r.latencyMs,
  }
}

/** Form body (application/x-www-form-urlencoded) from defined fields only. */
export function form(fields: Record<string, string | undefined>): URLSearchParams {
  const body = new URLSearchParams()
  for (const [k, v] of Object.entries(fields)) if (v !== undefined && v !== '') body.set(k, v)
  return body
}

export function joinUrl(base: string, path: string): string {
  return `${base.replace(/\/+$/, '')}${path}`
}

export function wrongProvider(expected: string, got: string): SendOutcome {
  return {
    kind: 'permanent',
    error: `The ${expected} adapter was given ${got} credentials`,
    latencyMs: 0,
  }
}
