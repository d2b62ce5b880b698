import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Duplex } from 'node:stream'
import type { StackConfig } from './config'
import type { Db } from './db/types'

/** What every API module of the local stack gets. */
export interface StackContext {
  cfg: StackConfig
  db: Db
  log: (msg: string) => void
}

/** Handles one HTTP request whose path starts with the module's prefix (full URL given). */
export type RouteHandler = (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<void>

export interface ApiModule {
  /** e.g. '/rest/v1' */
  prefix: string
  handle: RouteHandler
  /** WebSocket upgrades under the prefix (realtime). */
  upgrade?: (req: IncomingMessage, socket: Duplex, head: Buffer) => void
  /** Runs after migrations, before the server listens (e.g. install change capture). */
  start?: () => Promise<void>
  close?: () => Promise<void>
}
