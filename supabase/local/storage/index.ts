import type { IncomingMessage, ServerResponse } from 'node:http'
import { isPgError } from '../db/types'
import { HttpError, send } from '../http'
import type { ApiModule, StackContext } from '../stack'
import { BlobStore } from './blobs'
import { bucketId, createBucket, deleteBucket, emptyBucket, getBucket, listBuckets, updateBucket } from './buckets'
import { ERRORS, fromDbError, StorageError } from './errors'
import { listObjects } from './list'
import { copyObject, deleteObject, moveObject, removeObjects } from './manage'
import { downloadObject, objectInfo } from './read'
import { createSignedUpload, getSigned, signUrl, signUrls } from './signed'
import type { Call, StorageCtx } from './types'
import { uploadObject, uploadToSignedUrl } from './upload'

const PREFIX = '/storage/v1'

type Handler = (s: StorageCtx, c: Call) => Promise<void>

/** A route: method, fixed path part, and whether more path follows (the bucket / object path). */
interface Route {
  method: string
  path: string
  /** 'none': exact path; 'one': one more segment (a bucket); 'many': anything after. */
  tail: 'none' | 'one' | 'many'
  run: Handler
}

const read =
  (access: 'public' | 'authenticated' | 'optional', head: boolean): Handler =>
  (s, c) =>
    downloadObject(s, c, access, head)

/**
 * storage-api's routes that storage-js uses, most specific first (as Fastify prefers static
 * segments: a bucket called `list` or `sign` is as ambiguous here as there).
 */
const ROUTES: Route[] = [
  { method: 'GET', path: '/bucket', tail: 'none', run: listBuckets },
  { method: 'POST', path: '/bucket', tail: 'none', run: createBucket },
  { method: 'POST', path: '/object/move', tail: 'none', run: moveObject },
  { method: 'POST', path: '/object/copy', tail: 'none', run: copyObject },
  { method: 'POST', path: '/object/list/', tail: 'one', run: listObjects },
  { method: 'POST', path: '/object/upload/sign/', tail: 'many', run: createSignedUpload },
  { method: 'PUT', path: '/object/upload/sign/', tail: 'many', run: uploadToSignedUrl },
  { method: 'POST', path: '/object/sign/', tail: 'one', run: signUrls },
  { method: 'POST', path: '/object/sign/', tail: 'many', run: signUrl },
  { method: 'GET', path: '/object/sign/', tail: 'many', run: (s, c) => getSigned(s, c, false) },
  { method: 'HEAD', path: '/object/sign/', tail: 'many', run: (s, c) => getSigned(s, c, true) },
  { method: 'GET', path: '/object/info/public/', tail: 'many', run: (s, c) => objectInfo(s, c, 'public') },
  {
    method: 'GET',
    path: '/object/info/authenticated/',
    tail: 'many',
    run: (s, c) => objectInfo(s, c, 'authenticated'),
  },
  { method: 'GET', path: '/object/info/', tail: 'many', run: (s, c) => objectInfo(s, c, 'optional') },
  { method: 'GET', path: '/object/public/', tail: 'many', run: read('public', false) },
  { method: 'HEAD', path: '/object/public/', tail: 'many', run: read('public', true) },
  { method: 'GET', path: '/object/authenticated/', tail: 'many', run: read('authenticated', false) },
  { method: 'HEAD', path: '/object/authenticated/', tail: 'many', run: read('authenticated', true) },
  { method: 'DELETE', path: '/object/', tail: 'one', run: removeObjects },
  { method: 'POST', path: '/object/', tail: 'many', run: (s, c) => uploadObject(s, c, 'POST') },
  { method: 'PUT', path: '/object/', tail: 'many', run: (s, c) => uploadObject(s, c, 'PUT') },
  { method: 'GET', path: '/object/', tail: 'many', run: read('optional', false) },
  { method: 'HEAD', path: '/object/', tail: 'many', run: read('optional', true) },
  { method: 'DELETE', path: '/object/', tail: 'many', run: deleteObject },
]

/** /bucket/{id}[/empty] */
function bucketRoute(method: string, rest: string): Handler | undefined {
  const m = /^\/bucket\/([^/]+)(\/empty)?$/.exec(rest)
  if (!m) return undefined
  if (m[2]) return method === 'POST' ? (s, c) => emptyBucket(s, c, bucketId(m[1])) : undefined
  if (method === 'GET') return (s, c) => getBucket(s, c, bucketId(m[1]))
  if (method === 'PUT') return (s, c) => updateBucket(s, c, bucketId(m[1]))
  if (method === 'DELETE') return (s, c) => deleteBucket(s, c, bucketId(m[1]))
  return undefined
}

/** Features of Supabase Storage this stack does not have, named in the 501 they get. */
const UNSUPPORTED: [RegExp, string][] = [
  [/^\/render\/image\//, 'Image transformation (/render/image)'],
  [/^\/object\/list-v2\//, 'Listing v2 (/object/list-v2, storage-js listV2)'],
  [/^\/upload\/resumable/, 'Resumable (TUS) uploads'],
  [/^\/s3(\/|$)/, 'The S3 protocol'],
  [/^\/cdn\//, 'CDN cache purging'],
  [/^\/bucket\/[^/]+\/lifecycle/, 'Bucket lifecycle rules'],
  [/^\/(vector|iceberg)(\/|$)/, 'Vector and analytics buckets'],
]

function route(method: string, rest: string): { run: Handler; tail: string } | undefined {
  const b = bucketRoute(method, rest)
  if (b) return { run: b, tail: '' }
  for (const r of ROUTES) {
    if (r.method !== method) continue
    if (r.tail === 'none') {
      if (rest === r.path) return { run: r.run, tail: '' }
      continue
    }
    if (!rest.startsWith(r.path)) continue
    const tail = rest.slice(r.path.length)
    if (tail === '') continue
    const hasSlash = tail.includes('/')
    if ((r.tail === 'one' && !hasSlash) || (r.tail === 'many' && hasSlash)) return { run: r.run, tail }
  }
  return undefined
}

/** Bodies up to this size are read to the end before an error answer (see drain). */
const DRAIN_LIMIT = 128 * 1024 * 1024

/**
 * Errors can be decided before an upload body was read (a policy refusal, a duplicate). Answering
 * while the client is still sending can make fetch report a network error (a reset connection)
 * instead of the answer, so the rest of the body is read and dropped first — unless it is huge.
 */
async function drain(req: IncomingMessage): Promise<void> {
  if (req.complete || req.destroyed || req.readableEnded) return
  const length = Number(req.headers['content-length'] ?? 0)
  if (length > DRAIN_LIMIT) return
  await new Promise<void>((resolve) => {
    req.on('end', resolve)
    req.on('error', () => resolve())
    req.on('close', resolve)
    req.resume()
  })
}

/**
 * The Storage subset of the local stack (/storage/v1): buckets, objects, signed URLs and signed
 * uploads as storage-js 2.x drives them, with authorisation left to the RLS policies on
 * storage.objects and storage.buckets. See README.md in this folder.
 */
export function createStorage(ctx: StackContext): ApiModule {
  let blobs: BlobStore | undefined
  let opening: Promise<BlobStore> | undefined
  const store = async () => {
    if (blobs) return blobs
    // opened at the first request, not at start: cfg is read lazily like apiUrl, so a test may
    // point storageDir at a folder it inspects after startTestStack()
    opening ??= BlobStore.open(ctx.cfg.storageDir).then(async (b) => {
      await b.sweepTemp()
      blobs = b
      return b
    })
    return opening
  }

  async function handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    // the raw path, not URL's normalised one: `..` must be refused, not silently resolved
    const raw = (req.url ?? '/').split('?')[0]
    const rest = raw.startsWith(PREFIX) ? raw.slice(PREFIX.length) : url.pathname.slice(PREFIX.length)
    const method = req.method ?? 'GET'
    try {
      const unsupported = UNSUPPORTED.find(([re]) => re.test(rest))
      if (unsupported) throw ERRORS.notImplemented(unsupported[1])
      const found = route(method, rest)
      if (!found) throw ERRORS.notImplemented(`${method} ${PREFIX}${rest}`)
      const s: StorageCtx = { cfg: ctx.cfg, db: ctx.db, blobs: await store(), log: ctx.log }
      await found.run(s, { req, res, query: url.searchParams, rest: found.tail })
    } catch (e) {
      await drain(req)
      const mapped = e instanceof StorageError ? e : fromDbError(e)
      if (mapped) return send(res, mapped.httpStatus, mapped.body())
      if (e instanceof HttpError) return send(res, e.status, e.body, e.headers)
      ctx.log(
        `storage: unhandled error on ${method} ${raw}: ${isPgError(e) ? `${e.code} ${e.message}` : ((e as Error).stack ?? e)}`,
      )
      const err = isPgError(e) ? ERRORS.internal(`database error, code: ${e.code}`) : ERRORS.internal()
      send(res, err.httpStatus, err.body())
    }
  }

  return {
    prefix: PREFIX,
    handle,
    async close() {
      const b = blobs ?? (await opening?.catch(() => undefined))
      await b?.close()
    },
  }
}
