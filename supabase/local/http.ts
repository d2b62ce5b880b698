import type { IncomingMessage, ServerResponse } from 'node:http'

export const CORS_HEADERS: Record<string, string> = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS',
  'access-control-allow-headers':
    'authorization, x-client-info, apikey, content-type, prefer, range, accept-profile, content-profile, x-supabase-api-version, x-upsert, x-metadata, cache-control, x-device-id, idempotency-key',
  'access-control-expose-headers': 'content-range, content-location, x-supabase-api-version',
  'access-control-max-age': '86400',
}

/** An error that becomes an HTTP answer: status + JSON body, never a stack trace. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: Record<string, unknown>,
    readonly headers: Record<string, string> = {},
  ) {
    super(String(body.message ?? body.msg ?? body.error_description ?? status))
  }
}

export function send(
  res: ServerResponse,
  status: number,
  body?: string | Buffer | Record<string, unknown> | unknown[] | null,
  headers: Record<string, string> = {},
): void {
  if (res.headersSent) return
  const h: Record<string, string> = { ...CORS_HEADERS, ...headers }
  let payload: string | Buffer | undefined
  if (body === undefined || body === null) payload = undefined
  else if (typeof body === 'string' || Buffer.isBuffer(body)) payload = body
  else payload = JSON.stringify(body)
  if (payload !== undefined && !Object.keys(h).some((k) => k.toLowerCase() === 'content-type')) {
    h['content-type'] = 'application/json; charset=utf-8'
  }
  res.writeHead(status, h)
  res.end(payload)
}

export const MAX_BODY_BYTES = 10 * 1024 * 1024

export async function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<Buffer> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req) {
    size += (chunk as Buffer).length
    if (size > limit) throw new HttpError(413, { code: 'PGRST413', message: 'Request body too large' })
    chunks.push(chunk as Buffer)
  }
  return Buffer.concat(chunks)
}

/** Parses a JSON body; empty body → undefined; malformed → 400 in PostgREST's wording. */
export async function readJson(req: IncomingMessage): Promise<unknown> {
  const buf = await readBody(req)
  if (buf.length === 0) return undefined
  try {
    return JSON.parse(buf.toString('utf8'))
  } catch (e) {
    throw new HttpError(400, {
      code: 'PGRST102',
      message: 'Empty or invalid json',
      details: (e as Error).message,
      hint: null,
    })
  }
}

export function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name.toLowerCase()]
  return Array.isArray(v) ? v[0] : v
}
