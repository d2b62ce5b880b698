import type { IncomingMessage, ServerResponse } from 'node:http'
import type { StackConfig } from '../config'
import type { Db } from '../db/types'
import type { BlobStore } from './blobs'

/** What every Storage handler works with. */
export interface StorageCtx {
  cfg: StackConfig
  db: Db
  blobs: BlobStore
  log: (msg: string) => void
}

/** One request: `rest` is the path after the route's fixed part, still percent-encoded. */
export interface Call {
  req: IncomingMessage
  res: ServerResponse
  query: URLSearchParams
  rest: string
}

export function headerValue(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name]
  return Array.isArray(v) ? v[0] : v
}
