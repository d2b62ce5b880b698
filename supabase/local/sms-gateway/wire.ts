/** Request plumbing shared by the three fake providers: parameters from query, form or JSON, and answers. */
import type { IncomingMessage, ServerResponse } from 'node:http'
import { readBody, send } from '../http'

/** Query string plus body fields (form-encoded or JSON), body winning: providers accept either. */
export async function readParams(req: IncomingMessage, url: URL): Promise<URLSearchParams> {
  const params = new URLSearchParams(url.searchParams)
  if (req.method === 'GET' || req.method === 'HEAD') return params
  const raw = (await readBody(req, 1024 * 1024)).toString('utf8')
  if (!raw.trim()) return params
  const type = (req.headers['content-type'] ?? '').toLowerCase()
  if (type.includes('json')) {
    try {
      const obj = JSON.parse(raw) as Record<string, unknown>
      for (const [k, v] of Object.entries(obj)) if (v !== undefined && v !== null) params.set(k, String(v))
    } catch {
      // a provider would answer its own validation error for the missing fields
    }
    return params
  }
  for (const [k, v] of new URLSearchParams(raw)) params.set(k, v)
  return params
}

export function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  send(res, status, JSON.stringify(body), { 'content-type': 'application/json; charset=utf-8', ...headers })
}

export function text(res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}): void {
  send(res, status, body, { 'content-type': 'text/plain; charset=utf-8', ...headers })
}

/** A 'timeout' fault: say nothing, then drop the connection (a client's own timeout fires first). */
export function hold(res: ServerResponse, ms: number, timers: Set<NodeJS.Timeout>): void {
  const t = setTimeout(() => {
    timers.delete(t)
    res.socket?.destroy()
  }, ms)
  timers.add(t)
  res.on('close', () => {
    clearTimeout(t)
    timers.delete(t)
  })
}

export function randomHex(n: number): string {
  let s = ''
  for (let i = 0; i < n; i++) s += Math.floor(Math.random() * 16).toString(16)
  return s
}

export function randomAlnum(n: number): string {
  const a = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'
  let s = ''
  for (let i = 0; i < n; i++) s += a[Math.floor(Math.random() * a.length)]
  return s
}

/** Parts of a text as the providers bill them: GSM-7 160/153, anything else 70/67. */
export function parts(body: string): number {
  const gsm = /^[@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&'()*+,\-./0-9:;<=>?¡A-ZÄÖÑÜ§¿a-zäöñüà\f^{}\\[~\]|€]*$/u
  const units = gsm.test(body) ? [...body].reduce((n, c) => n + ('\f^{}\\[~]|€'.includes(c) ? 2 : 1), 0) : body.length
  const [one, many] = gsm.test(body) ? [160, 153] : [70, 67]
  if (units === 0) return 1
  return units <= one ? 1 : Math.ceil(units / many)
}
