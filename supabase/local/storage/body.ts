import type { IncomingMessage } from 'node:http'
import { ERRORS } from './errors'

/** What an upload carries, however it was sent. */
export interface IncomingFile {
  bytes: Buffer
  mimeType: string
  cacheControl: string
  userMetadata: Record<string, unknown> | null
  contentEncoding?: string
}

/** Multipart framing and form fields (cacheControl, metadata) on top of the file itself. */
const MULTIPART_SLACK = 1024 * 1024
const MAX_JSON_BYTES = 1024 * 1024

/**
 * Reads a body, keeping at most `keep` bytes. Anything past that is read and dropped rather than
 * the socket being cut: fetch (storage-js) would report a dropped upload as a network failure
 * instead of the EntityTooLarge answer.
 */
async function readCapped(req: IncomingMessage, keep: number): Promise<{ buf: Buffer; truncated: boolean }> {
  const chunks: Buffer[] = []
  let size = 0
  let truncated = false
  for await (const chunk of req) {
    const c = chunk as Buffer
    if (truncated) continue
    size += c.length
    if (size > keep) {
      truncated = true
      continue
    }
    chunks.push(c)
  }
  return { buf: Buffer.concat(chunks), truncated }
}

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name]
  return Array.isArray(v) ? v[0] : v
}

/**
 * The two ways storage-js uploads, read as storage-api's Uploader reads them:
 * - multipart/form-data (File/Blob/FormData bodies): the first file part, its own content type (or a
 *   `contentType` field), `cacheControl` field → `max-age=<n>`, `metadata` field → user metadata;
 * - anything else is the raw bytes: `content-type`, `cache-control`, `x-metadata` (base64 JSON).
 */
export async function readUpload(req: IncomingMessage, limit: number): Promise<IncomingFile> {
  const contentType = header(req, 'content-type') ?? ''
  if (/^multipart\/form-data/i.test(contentType)) {
    const { buf, truncated } = await readCapped(req, limit + MULTIPART_SLACK)
    if (truncated) throw ERRORS.entityTooLarge()
    let form: FormData
    try {
      form = await new Response(new Uint8Array(buf), { headers: { 'content-type': contentType } }).formData()
    } catch {
      throw ERRORS.noContent()
    }
    let file: File | undefined
    for (const [, v] of form.entries()) {
      if (typeof v !== 'string') {
        file = v
        break
      }
    }
    if (!file) throw ERRORS.noContent()
    const field = (n: string) => {
      const v = form.get(n)
      return typeof v === 'string' && v !== '' ? v : undefined
    }
    const bytes = Buffer.from(await file.arrayBuffer())
    if (bytes.length > limit) throw ERRORS.entityTooLarge()
    const cacheTime = field('cacheControl')
    return {
      bytes,
      mimeType: field('contentType') ?? (file.type || 'application/octet-stream'),
      cacheControl: cacheTime ? `max-age=${cacheTime}` : 'no-cache',
      userMetadata: parseJsonObject(field('metadata') ?? field('userMetadata')),
      contentEncoding: field('contentEncoding'),
    }
  }
  const { buf, truncated } = await readCapped(req, limit)
  if (truncated) throw ERRORS.entityTooLarge()
  const xMeta = header(req, 'x-metadata')
  return {
    bytes: buf,
    mimeType: contentType || 'application/octet-stream',
    cacheControl: header(req, 'cache-control') ?? 'no-cache',
    userMetadata: xMeta ? parseJsonObject(Buffer.from(xMeta, 'base64').toString('utf8')) : null,
    contentEncoding: header(req, 'content-encoding'),
  }
}

/** User metadata that is not a JSON object is ignored, as storage-api does. */
export function parseJsonObject(text: string | undefined): Record<string, unknown> | null {
  if (!text) return null
  try {
    const v = JSON.parse(text)
    return v && typeof v === 'object' && !Array.isArray(v) ? v : null
  } catch {
    return null
  }
}

/** A JSON request body as an object (empty body → {}); anything else is a 400 in Storage's shape. */
export async function readJsonBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  const { buf, truncated } = await readCapped(req, MAX_JSON_BYTES)
  if (truncated) throw ERRORS.entityTooLarge('request body')
  if (buf.length === 0) return {}
  let v: unknown
  try {
    v = JSON.parse(buf.toString('utf8'))
  } catch {
    throw ERRORS.badRequest('Body is not valid JSON')
  }
  if (!v || typeof v !== 'object' || Array.isArray(v)) throw ERRORS.badRequest('body must be object')
  return v as Record<string, unknown>
}

/** Validation helpers, worded like the Fastify/ajv messages storage-api answers with. */
export function requireString(body: Record<string, unknown>, name: string): string {
  const v = body[name]
  if (v === undefined) throw ERRORS.badRequest(`body must have required property '${name}'`)
  if (typeof v !== 'string') throw ERRORS.badRequest(`body/${name} must be string`)
  return v
}

export function optionalString(body: Record<string, unknown>, name: string): string | undefined {
  const v = body[name]
  if (v === undefined || v === null) return undefined
  if (typeof v !== 'string') throw ERRORS.badRequest(`body/${name} must be string`)
  return v
}

export function optionalInt(body: Record<string, unknown>, name: string, min: number): number | undefined {
  const v = body[name]
  if (v === undefined || v === null) return undefined
  if (typeof v !== 'number' || !Number.isInteger(v)) throw ERRORS.badRequest(`body/${name} must be integer`)
  if (v < min) throw ERRORS.badRequest(`body/${name} must be >= ${min}`)
  return v
}
