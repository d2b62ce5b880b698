/**
 * pg_net's worker, for the emulated `net` schema: takes committed requests off
 * net.http_request_queue, performs them, and writes each answer to net._http_response under the
 * request's id (status_code, content_type, headers, content; or timed_out / error_msg), as pg_net's
 * background worker does. Answers older than six hours are deleted (pg_net's default ttl).
 */
import type { Db } from '../db/types'

interface QueuedRequest {
  id: string
  method: string
  url: string
  headers: Record<string, string>
  body: string | null
  timeout_milliseconds: number
}

const BATCH = 200
const TTL = '6 hours'

export class NetWorker {
  private lastPrune = 0
  /** Aborts requests in flight when the stack stops, so closing never waits out a slow endpoint. */
  private stopping = new AbortController()

  constructor(
    private db: Db,
    private log: (m: string) => void,
  ) {}

  /** One pass over the queue; returns how many requests were performed. */
  async drain(): Promise<number> {
    const batch = await this.db.transaction(async (tx) => {
      const r = await tx.query<QueuedRequest>(
        `delete from net.http_request_queue q
          where q.id in (select id from net.http_request_queue order by id limit ${BATCH} for update skip locked)
          returning q.id::text, q.method, q.url, q.headers, convert_from(q.body, 'UTF8') as body,
                    q.timeout_milliseconds`,
      )
      return r.rows
    })
    if (batch.length > 0) {
      const answers = await Promise.all(batch.map((req) => this.perform(req)))
      await this.db.query(
        `insert into net._http_response (id, status_code, content_type, headers, content, timed_out, error_msg)
         select (a->>'id')::bigint, (a->>'status_code')::int, a->>'content_type', a->'headers', a->>'content',
                (a->>'timed_out')::boolean, a->>'error_msg'
           from jsonb_array_elements($1::jsonb) a`,
        [JSON.stringify(answers)],
      )
    }
    if (Date.now() - this.lastPrune > 60_000) {
      this.lastPrune = Date.now()
      await this.db.query(`delete from net._http_response where created < now() - interval '${TTL}'`)
    }
    return batch.length
  }

  stop(): void {
    this.stopping.abort()
  }

  private async perform(req: QueuedRequest) {
    const headers = typeof req.headers === 'string' ? (JSON.parse(req.headers) as Record<string, string>) : req.headers
    const timeout = Number(req.timeout_milliseconds) || 5000
    try {
      const r = await fetch(req.url, {
        method: req.method,
        headers,
        body: req.body ?? undefined,
        signal: AbortSignal.any([AbortSignal.timeout(timeout), this.stopping.signal]),
      })
      const content = await r.text()
      return {
        id: req.id,
        status_code: r.status,
        content_type: r.headers.get('content-type'),
        headers: Object.fromEntries(r.headers),
        content,
        timed_out: false,
        error_msg: null,
      }
    } catch (e) {
      const timedOut = e instanceof Error && e.name === 'TimeoutError'
      const why = timedOut
        ? `Timeout of ${timeout} ms reached`
        : this.stopping.signal.aborted
          ? 'The local stack stopped before the answer came'
          : e instanceof Error
            ? ((e.cause as Error | undefined)?.message ?? e.message)
            : String(e)
      this.log(`net: ${req.method} ${req.url} failed: ${why}`)
      return {
        id: req.id,
        status_code: null,
        content_type: null,
        headers: null,
        content: null,
        timed_out: timedOut,
        error_msg: why,
      }
    }
  }
}
