import type { IncomingMessage } from 'node:http'
import type { Duplex } from 'node:stream'
import { WebSocketServer } from 'ws'
import { HttpError } from '../http'
import type { ApiModule, StackContext } from '../stack'
import { Capture, RealtimeDb } from './capture'
import { deliverChange, type MetaCache } from './changes'
import { Connection } from './connection'
import { batchBroadcast, singleBroadcast } from './http-broadcast'
import { Hub, topicKey } from './hub'
import { PresenceRegistry } from './presence'
import { SUPPORTED_VSN, type Vsn } from './serializer'
import type { RealtimeState } from './state'
import { TokenError, type VerifiedToken, verifyRealtimeToken } from './tokens'

export interface RealtimeModule extends ApiModule {
  /** Re-reads publication supabase_realtime and (un)installs change capture triggers. */
  resync(): Promise<number>
}

const PREFIX = '/realtime/v1'
/** frames beyond this are refused by ws (close 1009); broadcasts are capped lower, see state.ts */
const MAX_FRAME_BYTES = 1024 * 1024

/**
 * The Realtime subset of the local stack: /realtime/v1/websocket (Phoenix protocol, vsn 1.0.0 and
 * 2.0.0) with broadcast, presence and postgres_changes, and the REST broadcast endpoints.
 * See README.md in this folder for what is (not) covered.
 */
export function createRealtime(ctx: StackContext): RealtimeModule {
  const rdb = new RealtimeDb(ctx.db)
  const hub = new Hub()
  const capture = new Capture(
    rdb,
    () => hub.channels.size > 0,
    async (row, batch) => {
      if (row.kind === 'broadcast') return row.op === 'INSERT' ? deliverDbBroadcast(row.record) : undefined
      // catalog facts are read once per poll batch
      await deliverChange(rdb, hub, row, batch as MetaCache, ctx.log)
    },
    { log: ctx.log },
  )
  const rt: RealtimeState = { cfg: ctx.cfg, rdb, hub, presence: new PresenceRegistry(hub), capture, log: ctx.log }
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES })

  /** realtime.messages rows (realtime.send, broadcast_changes, direct inserts) go to their topic. */
  function deliverDbBroadcast(record: string | null): void {
    if (!record) return
    const m = JSON.parse(record) as {
      id: string
      topic: string
      event: string | null
      payload: unknown
      private: boolean | null
    }
    if (!m.topic) return
    hub.broadcast(topicKey(m.topic, m.private === true), {
      kind: 'map',
      payload: { type: 'broadcast', event: m.event, payload: m.payload, meta: { id: m.id } },
    })
  }

  function refuse(socket: Duplex, status: string, message: string): void {
    const body = JSON.stringify({ message })
    socket.end(
      `HTTP/1.1 ${status}\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
    )
  }

  async function upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    const url = new URL(req.url ?? '/', ctx.cfg.apiUrl)
    if (url.pathname.replace(/\/+$/, '') !== `${PREFIX}/websocket`) {
      return refuse(socket, '404 Not Found', `${url.pathname} is not a realtime socket (use ${PREFIX}/websocket)`)
    }
    const vsn = (url.searchParams.get('vsn') ?? '1.0.0') as Vsn
    if (!SUPPORTED_VSN.includes(vsn))
      return refuse(socket, '400 Bad Request', `unsupported vsn ${vsn} (1.0.0 or 2.0.0)`)
    const key = (req.headers['x-api-key'] as string | undefined) ?? url.searchParams.get('apikey')
    if (!key) return refuse(socket, '403 Forbidden', 'apikey query parameter is required')
    let apikey: VerifiedToken
    try {
      apikey = await verifyRealtimeToken(key, ctx.cfg.jwtSecret)
    } catch (e) {
      if (e instanceof TokenError) return refuse(socket, '403 Forbidden', e.reason)
      throw e
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      hub.connections.add(new Connection(ws, vsn, apikey, req, rt))
    })
  }

  return {
    prefix: PREFIX,
    async handle(req, res, url) {
      const path = url.pathname.slice(PREFIX.length)
      if (path === '/api/broadcast') {
        if (req.method !== 'POST') throw new HttpError(405, { message: 'Use POST for /api/broadcast' })
        return batchBroadcast(req, res, rt)
      }
      const single = /^\/api\/broadcast\/([^/]+)\/events\/([^/]+)$/.exec(path)
      if (single) {
        if (req.method !== 'POST') throw new HttpError(405, { message: 'Use POST to broadcast' })
        return singleBroadcast(req, res, url, rt, decodeURIComponent(single[1]), decodeURIComponent(single[2]))
      }
      if (path === '/websocket') throw new HttpError(426, { message: 'Expected a WebSocket upgrade (Phoenix socket)' })
      throw new HttpError(501, {
        message: `${url.pathname} is outside the Realtime subset the Floorline local stack implements (websocket, api/broadcast)`,
      })
    },
    upgrade(req, socket, head) {
      socket.on('error', () => undefined)
      upgrade(req, socket, head).catch((e) => {
        ctx.log(`realtime upgrade failed: ${(e as Error).stack ?? e}`)
        refuse(socket, '500 Internal Server Error', 'Internal error in the local stack (see its log)')
      })
    },
    async start() {
      await capture.start()
    },
    resync: () => capture.resync(),
    async close() {
      capture.close()
      for (const c of [...hub.connections]) c.close()
      await new Promise<void>((r) => wss.close(() => r()))
    },
  }
}
