/**
 * /rest/v1: the PostgREST 13/14 subset supabase-js drives (see README.md in this folder).
 * Every request resolves the JWT role, then runs one transaction as that role (withAuth).
 */
import { resolveAuth } from '../context'
import { send } from '../http'
import type { ApiModule, StackContext } from '../stack'
import type { RestRequest } from './context'
import { notImplemented, RestError, toHttpError } from './errors'
import { handleRead } from './read'
import { negotiate, parsePrefer, resolveSchema } from './request'
import { handleRpc } from './rpc'
import { SchemaCache } from './schema-cache'
import { handleDelete, handleInsert, handleUpdate } from './write'

export interface RestModule extends ApiModule {
  /** Re-reads the schema cache (PostgREST's `NOTIFY pgrst, 'reload schema'`). */
  reload(): Promise<void>
}

const PREFIX = '/rest/v1'

export function createRest(ctx: StackContext): RestModule {
  const cache = new SchemaCache(ctx.db, ctx.cfg.schemas)

  async function dispatch(r: RestRequest, segments: string[]): Promise<void> {
    if (segments.length === 2 && segments[0] === 'rpc') {
      if (r.method === 'GET' || r.method === 'HEAD' || r.method === 'POST') return handleRpc(r, segments[1])
      throw new RestError(405, 'PGRST101', `Cannot use the ${r.method} method on RPC`)
    }
    if (segments.length !== 1) throw new RestError(404, 'PGRST125', 'Invalid path specified in request URL')
    const name = segments[0]
    switch (r.method) {
      case 'GET':
      case 'HEAD':
        return handleRead(r, name)
      case 'POST':
        return handleInsert(r, name)
      case 'PATCH':
        return handleUpdate(r, name)
      case 'DELETE':
        return handleDelete(r, name)
      case 'PUT':
        throw notImplemented(
          'PUT (single-row upsert by primary key); use POST with Prefer: resolution=merge-duplicates',
        )
    }
    throw new RestError(405, 'PGRST117', `Unsupported HTTP method: ${r.method}`)
  }

  return {
    prefix: PREFIX,
    start: () => cache.reload(),
    reload: () => cache.reload(),
    async handle(req, res, url) {
      let role = 'anon'
      try {
        const rest = url.pathname.slice(PREFIX.length).replace(/^\/+/, '')
        if (rest === '') throw notImplemented('the OpenAPI description at the root endpoint (GET /rest/v1/)')
        let segments: string[]
        try {
          segments = rest.replace(/\/+$/, '').split('/').map(decodeURIComponent)
        } catch {
          throw new RestError(404, 'PGRST125', 'Invalid path specified in request URL')
        }
        const auth = await resolveAuth(req, ctx.cfg)
        role = auth.role
        const method = (req.method ?? 'GET').toUpperCase()
        const { schema, negotiated } = resolveSchema(req, method, ctx.cfg.schemas)
        const { prefs, applied } = parsePrefer(req.headers.prefer)
        const media = negotiate(typeof req.headers.accept === 'string' ? req.headers.accept : undefined)
        await dispatch(
          { db: ctx.db, cache, req, res, url, method, auth, schema, negotiated, prefs, applied, media },
          segments,
        )
      } catch (e) {
        const h = toHttpError(e, role)
        if (!h) throw e
        send(res, h.status, h.body, h.headers)
      }
    },
  }
}
