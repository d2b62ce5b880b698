import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Db, Tx } from '../db/types'

const here = path.dirname(fileURLToPath(import.meta.url))

/** One captured row change or realtime.messages insert, in commit order. */
export interface ChangeRow {
  id: string
  seq: string
  kind: 'change' | 'broadcast'
  schema_name: string
  table_name: string
  op: 'INSERT' | 'UPDATE' | 'DELETE'
  record: string | null
  old_record: string | null
  commit_timestamp: string
}

const ROLLBACK = new Error('realtime: roll back')

/**
 * The realtime module's database access. Every committed call fires the adapter's commit
 * listeners, which would make the poller wake itself forever; calls made here are counted and the
 * matching notifications skipped. (If a user commit's notification is swallowed instead of ours,
 * ours then counts as theirs and triggers the poll anyway, so nothing is lost.)
 */
export class RealtimeDb {
  private own = 0
  constructor(readonly db: Db) {}

  /** true when the notification came from this module */
  consumeOwn(): boolean {
    if (this.own <= 0) return false
    this.own--
    return true
  }

  async query<T = Record<string, string>>(sql: string, params?: unknown[]): Promise<T[]> {
    this.own++
    try {
      return (await this.db.query<T>(sql, params)).rows
    } catch (e) {
      this.own--
      throw e
    }
  }

  /** A transaction that is always rolled back (authorisation probes, RLS checks): no commit fires. */
  async rolledBack<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
    let out: T | undefined
    try {
      await this.db.transaction(async (tx) => {
        out = await fn(tx)
        throw ROLLBACK
      })
    } catch (e) {
      if (e !== ROLLBACK) throw e
    }
    return out as T
  }
}

export interface CaptureOptions {
  /** how often to look for writes the stack did not make itself (psql, other processes) */
  pollMs?: number
  /** how long delivered change rows are kept */
  retainMinutes?: number
  log: (m: string) => void
}

/**
 * Installs change capture and feeds new rows, in commit order, to `deliver` — after every commit
 * the stack makes and on a short timer. Nothing is read while nobody is subscribed; the first
 * subscriber after an idle spell starts from "now", like a fresh Realtime subscription.
 */
export class Capture {
  private seq = '0'
  private id = '0'
  private running = false
  private again = false
  private idle = true
  private closed = false
  private timers: NodeJS.Timeout[] = []
  private unlisten?: () => void
  private fastForward?: Promise<void>

  constructor(
    private rdb: RealtimeDb,
    private hasListeners: () => boolean,
    /** `batch` is shared by the rows of one poll (per-batch caches) */
    private deliver: (row: ChangeRow, batch: Map<string, unknown>) => Promise<void>,
    private opts: CaptureOptions,
  ) {}

  async start(): Promise<void> {
    await this.rdb.db.exec(await readFile(path.join(here, 'capture.sql'), 'utf8'))
    await this.resync()
    await this.prune()
    this.unlisten = this.rdb.db.onCommit(() => {
      if (!this.rdb.consumeOwn()) this.kick()
    })
    const poll = setInterval(() => this.kick(), this.opts.pollMs ?? 250)
    const prune = setInterval(
      () => void this.prune().catch((e) => this.opts.log(`realtime prune failed: ${e}`)),
      60_000,
    )
    poll.unref()
    prune.unref()
    this.timers.push(poll, prune)
  }

  /** Puts the capture trigger on tables added to (or removes it from tables dropped from) the publication. */
  async resync(): Promise<number> {
    const [r] = await this.rdb.query<{ n: string }>('select _realtime.sync()::text as n')
    const n = Number(r.n)
    if (n > 0) this.opts.log(`realtime: capturing changes on ${n} more table(s)`)
    return n
  }

  /**
   * Called once a channel is in the hub and before its join is answered: after an idle spell, skip
   * what happened meanwhile. Concurrent callers share one fast-forward.
   */
  prepareListener(): Promise<void> {
    if (!this.idle) return Promise.resolve()
    this.fastForward ??= (async () => {
      const [r] = await this.rdb.query<{ seq: string }>(
        'select coalesce(max(seq), 0)::text as seq from _realtime.txs where seq is not null',
      )
      if (BigInt(r.seq) > BigInt(this.seq)) {
        this.seq = r.seq
        this.id = '9223372036854775807' // past every row of that transaction
      }
      this.idle = false
    })().finally(() => {
      this.fastForward = undefined
    })
    return this.fastForward
  }

  kick(): void {
    if (this.closed) return
    if (this.running) {
      this.again = true
      return
    }
    this.running = true
    setImmediate(() => void this.run())
  }

  private async run(): Promise<void> {
    try {
      do {
        this.again = false
        await this.drain()
      } while (this.again && !this.closed)
    } catch (e) {
      if (!this.closed) this.opts.log(`realtime poll failed: ${(e as Error).message}`)
    } finally {
      this.running = false
    }
  }

  private async drain(): Promise<void> {
    for (;;) {
      if (this.closed) return
      if (!this.hasListeners()) {
        this.idle = true
        return
      }
      if (this.idle) await this.prepareListener()
      const rows = await this.rdb.query<ChangeRow>(
        `select c.id::text as id, t.seq::text as seq, c.kind, c.schema_name, c.table_name, c.op,
                c.record::text as record, c.old_record::text as old_record,
                to_char(t.committed_at at time zone 'utc', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as commit_timestamp
           from _realtime.txs t join _realtime.changes c on c.xid = t.xid
          where t.seq >= $1::bigint and (t.seq, c.id) > ($1::bigint, $2::bigint)
          order by t.seq, c.id
          limit 200`,
        [this.seq, this.id],
      )
      const batch = new Map<string, unknown>()
      for (const row of rows) {
        if (this.closed) return
        try {
          await this.deliver(row, batch)
        } catch (e) {
          // one bad change must not stall the stream behind it
          this.opts.log(`realtime: could not deliver change ${row.id}: ${(e as Error).message}`)
        }
        this.seq = row.seq
        this.id = row.id
      }
      if (rows.length < 200) return
    }
  }

  async prune(): Promise<void> {
    await this.rdb.query(
      `delete from _realtime.txs where seq is not null and committed_at < now() - make_interval(mins => $1)`,
      [this.opts.retainMinutes ?? 5],
    )
  }

  close(): void {
    this.closed = true
    this.unlisten?.()
    for (const t of this.timers) clearInterval(t)
  }
}
