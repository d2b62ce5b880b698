import type { SYNC_OPS } from '@/lib/floor/schemas'

/**
 * The device's one sync queue (spec 02 SyncQueue): every scan, action, advance and queue move made
 * without a connection is an entry here, with the client id it was first tried with, until the
 * server has it. The server's replay protection (app.replay_begin / replay_store, keyed by that id)
 * makes a re-send harmless, so the queue may always send again when in doubt — it never guesses that
 * something arrived.
 *
 * Statuses and transitions, exactly spec 02's:
 *
 *   pending ──▶ syncing ──▶ synced
 *      │           │
 *      │           ▼
 *      │        failed ◀── (retried while retry_count < max_retries)
 *      │           │
 *      ▼           ▼
 *   conflict ──▶ (a person resolves it)
 *
 * plus what a person does from the sync sheet: retry (failed/conflict → pending, count reset) and
 * discard (the entry leaves the device, after a confirmation). Nothing else removes an entry but
 * being synced: a refused change stays, with its reason, until someone decides.
 *
 * retry_count counts answers that said "try later" (server trouble, throttled, signed out). A call
 * that got no answer at all (no connection) leaves the entry failed but does not count: a tablet
 * offline for a day must not use up its retries on the Wi-Fi.
 *
 * Kept behind a store interface (SyncStore): IndexedDB on the device (lib/sync/idb-store.ts), in
 * memory in the unit tests and where IndexedDB is missing.
 */
/**
 * The floor's operations (sent to POST /api/disco/sync), and stock counts' entries (`count_entry`,
 * `count_add_line`, sent by the count tablet to POST /api/stock/counts/sync: lib/stock/count-sync.ts). Each screen
 * flushes its own owner key, so an entry only ever reaches the route of the screen that made it.
 */
export type SyncOpName = (typeof SYNC_OPS)[number] | 'count_entry' | 'count_add_line'
export const SYNC_STATUSES = ['pending', 'syncing', 'synced', 'failed', 'conflict'] as const
export type SyncStatus = (typeof SYNC_STATUSES)[number]

/** Spec 02's transitions; `pending` from failed/conflict is a person's retry or "keep mine". */
export const TRANSITIONS: Record<SyncStatus, readonly SyncStatus[]> = {
  pending: ['syncing', 'conflict'],
  syncing: ['synced', 'failed', 'conflict'],
  failed: ['syncing', 'pending'],
  conflict: ['pending'],
  synced: [],
}

export const DEFAULT_MAX_RETRIES = 3
export const MAX_RETRIES_CAP = 10
export const MAX_BATCH = 100
/** Synced entries are kept a while for the sheet's "last synced", then pruned. */
export const KEEP_SYNCED_MS = 24 * 3600_000

export type FailureKind = 'offline' | 'retry' | 'refused'

export interface SyncError {
  kind: FailureKind
  status: number
  code: string
  message: string
  /** The field at fault, when the server named one (e.g. args.data.notes). */
  field?: string
  at: string
}

export interface SyncEntry {
  /** The client id: the entry's key, and the server's replay key. */
  id: string
  /** Whose entry: the person and workshop it was made by (only sent while they are signed in). */
  owner: string
  /** Order of creation on this device. */
  seq: number
  operation: SyncOpName
  entity_type: 'item' | 'session' | 'queue_entry' | 'scan'
  entity_id: string | null
  payload: Record<string, unknown>
  /** What the sheet shows ("Scan B-10"). */
  label: string
  created_at: string
  retry_count: number
  max_retries: number
  status: SyncStatus
  error: SyncError | null
  /** Not sent again (automatically) before this time: the backoff after a "try later". */
  next_attempt_at: string | null
  synced_at: string | null
  /** A conflict: what the server has now, for the person deciding. */
  theirs?: unknown
}

export interface SyncStore {
  /** The owner's entries, oldest first (by seq). */
  list(owner: string): Promise<SyncEntry[]>
  get(id: string): Promise<SyncEntry | undefined>
  put(entry: SyncEntry): Promise<void>
  delete(id: string): Promise<void>
  /** The next seq (monotonic on this device). */
  nextSeq(): Promise<number>
}

export class InvalidSyncTransition extends Error {
  constructor(
    readonly from: SyncStatus,
    readonly to: SyncStatus,
  ) {
    super(`A sync entry cannot go from ${from} to ${to}`)
  }
}

export function canTransition(from: SyncStatus, to: SyncStatus): boolean {
  return TRANSITIONS[from].includes(to)
}

export function transition(e: SyncEntry, to: SyncStatus, patch: Partial<SyncEntry> = {}): SyncEntry {
  if (!canTransition(e.status, to)) throw new InvalidSyncTransition(e.status, to)
  return { ...e, ...patch, status: to }
}

/** 2 s, 4 s, 8 s … at most 5 minutes. */
export function backoffMs(retryCount: number): number {
  return Math.min(2000 * 2 ** Math.max(0, retryCount - 1), 5 * 60_000)
}

/** Statuses worth trying again later: not signed in (PIN in again), timeouts, throttled, server trouble. */
export function retryable(status: number): boolean {
  return status === 0 || status === 401 || status === 408 || status === 429 || status >= 500
}

/** Whether a failed entry goes again on its own (else it waits for a person). */
export function autoRetries(e: SyncEntry, now: Date): boolean {
  if (e.status !== 'failed' || !e.error || e.error.kind === 'refused') return false
  if (e.retry_count >= e.max_retries) return false
  return !e.next_attempt_at || Date.parse(e.next_attempt_at) <= now.getTime()
}

/** Waits for a person: refused, out of retries, or a conflict. */
export function needsPerson(e: SyncEntry): boolean {
  if (e.status === 'conflict') return true
  return e.status === 'failed' && (e.error?.kind === 'refused' || e.retry_count >= e.max_retries)
}

const entityKey = (e: SyncEntry) => `${e.entity_type}:${e.entity_id ?? e.id}`

/**
 * What goes in the next call, oldest first: pending entries and failed ones due again, in order per
 * entity — an entry waits while an earlier one of the same item (or session, queue entry) is not
 * synced and does not go in this call (say, refused and waiting for a person).
 */
export function nextBatch(entries: SyncEntry[], now: Date, max = MAX_BATCH): SyncEntry[] {
  const blocked = new Set<string>()
  const batch: SyncEntry[] = []
  for (const e of [...entries].sort((a, b) => a.seq - b.seq)) {
    if (e.status === 'synced') continue
    const key = entityKey(e)
    const due = e.status === 'pending' || autoRetries(e, now)
    if (!due || blocked.has(key) || batch.length >= max) {
      blocked.add(key)
      continue
    }
    batch.push(e)
  }
  return batch
}

/** The item, session or queue entry an operation changes (its order key). */
export function entityOf(
  operation: SyncOpName,
  payload: Record<string, unknown>,
): { entity_type: SyncEntry['entity_type']; entity_id: string | null } {
  const s = (k: string) => (typeof payload[k] === 'string' ? (payload[k] as string) : null)
  if (operation === 'scan') return { entity_type: 'scan', entity_id: s('code') }
  if (s('item_id')) return { entity_type: 'item', entity_id: s('item_id') }
  if (s('entry_id')) return { entity_type: 'queue_entry', entity_id: s('entry_id') }
  return { entity_type: 'session', entity_id: s('session_id') }
}

/** spec 02: the payload must be valid JSON (what goes in is what the server gets). */
export function checkPayload(payload: unknown): Record<string, unknown> {
  if (!payload || typeof payload !== 'object' || Array.isArray(payload))
    throw new TypeError('A sync payload is an object')
  if (!plainJson(payload)) throw new TypeError('A sync payload must be plain JSON')
  return JSON.parse(JSON.stringify(payload)) as Record<string, unknown>
}

/** null, booleans, finite numbers, strings, arrays and plain objects of them: nothing JSON would change. */
function plainJson(v: unknown, depth = 0): boolean {
  if (depth > 32) return false
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return true
  if (typeof v === 'number') return Number.isFinite(v)
  if (Array.isArray(v)) return v.every((x) => plainJson(x, depth + 1))
  if (typeof v !== 'object' || Object.getPrototypeOf(v) !== Object.prototype) return false
  return Object.values(v as Record<string, unknown>).every((x) => x !== undefined && plainJson(x, depth + 1))
}

export function clampRetries(n: number | undefined): number {
  if (n === undefined || !Number.isFinite(n)) return DEFAULT_MAX_RETRIES
  return Math.min(MAX_RETRIES_CAP, Math.max(1, Math.trunc(n)))
}

/** One answer per sent entry (lib/floor/sync.ts's SyncOpAnswer, and `conflict` with what the server has). */
export interface SyncResult {
  index: number
  ok: boolean
  status: number
  outcome?: 'applied' | 'duplicate' | 'refused' | 'retry' | 'conflict' | 'resolved'
  data?: unknown
  error?: { code?: string; message?: string; details?: unknown }
}

export type SendResult =
  | { ok: true; results: SyncResult[] }
  | { ok: false; status: number; error?: { code?: string; message?: string; details?: unknown } }

export type Send = (entries: SyncEntry[]) => Promise<SendResult>

export interface FlushSummary {
  sent: number
  synced: number
  failed: number
  conflict: number
  /** Entries refused (or out of retries) in this flush: to say so once on screen (they stay listed). */
  needPerson: SyncEntry[]
}

function errorOf(kind: FailureKind, status: number, error: SyncResult['error'], now: Date): SyncError {
  const details = error?.details && typeof error.details === 'object' ? (error.details as Record<string, unknown>) : {}
  const e: SyncError = {
    kind,
    status,
    code: error?.code ?? (status === 0 ? 'OFFLINE' : `HTTP_${status}`),
    message:
      error?.message ??
      (status === 0 ? 'No connection: sent again when it is back' : `Refused by the server (${status})`),
    at: now.toISOString(),
  }
  if (typeof details.field === 'string') e.field = details.field
  return e
}

export interface QueueOptions {
  now?: () => Date
}

export function createSyncQueue(store: SyncStore, owner: string, opts: QueueOptions = {}) {
  const now = opts.now ?? (() => new Date())

  /** syncing → failed for one entry: how it failed decides whether it counts and when it goes again. */
  function failed(e: SyncEntry, status: number, error: SyncResult['error'], kind?: FailureKind): SyncEntry {
    const t = now()
    const k: FailureKind = kind ?? (status === 0 ? 'offline' : retryable(status) ? 'retry' : 'refused')
    const count = k === 'retry' ? e.retry_count + 1 : k === 'refused' ? e.retry_count + 1 : e.retry_count
    return transition(e, 'failed', {
      retry_count: count,
      error: errorOf(k, status, error, t),
      next_attempt_at: k === 'retry' ? new Date(t.getTime() + backoffMs(count)).toISOString() : null,
    })
  }

  async function settleOne(e: SyncEntry, r: SyncResult | undefined): Promise<SyncEntry> {
    let next: SyncEntry
    if (!r) next = failed(e, 500, { code: 'INTERNAL', message: 'No answer for this change: it will be sent again' })
    else if (r.ok)
      next = transition(e, 'synced', { synced_at: now().toISOString(), error: null, next_attempt_at: null })
    else if (r.outcome === 'conflict') {
      const theirs = (r.error?.details as { theirs?: unknown } | undefined)?.theirs ?? r.error?.details ?? null
      next = transition(e, 'conflict', { error: errorOf('refused', r.status, r.error, now()), theirs })
    } else
      next = failed(
        e,
        r.status,
        r.error,
        r.outcome === 'refused' ? 'refused' : r.outcome === 'retry' ? 'retry' : undefined,
      )
    await store.put(next)
    return next
  }

  return {
    owner,
    list: () => store.list(owner),

    /** A new entry, pending. The same client id twice is one entry. */
    async add(input: {
      id: string
      operation: SyncOpName
      payload: Record<string, unknown>
      label: string
      max_retries?: number
    }): Promise<SyncEntry> {
      const existing = await store.get(input.id)
      if (existing) return existing
      const payload = checkPayload(input.payload)
      const entry: SyncEntry = {
        id: input.id,
        owner,
        seq: await store.nextSeq(),
        operation: input.operation,
        ...entityOf(input.operation, payload),
        payload,
        label: input.label,
        created_at: now().toISOString(),
        retry_count: 0,
        max_retries: clampRetries(input.max_retries),
        status: 'pending',
        error: null,
        next_attempt_at: null,
        synced_at: null,
      }
      await store.put(entry)
      return entry
    },

    /**
     * After a reload or a crash mid-flush: an entry left `syncing` may or may not have reached the
     * server. It is failed without counting and goes again (the server's replay key makes that safe).
     */
    async recover(): Promise<number> {
      let n = 0
      for (const e of await store.list(owner)) {
        if (e.status !== 'syncing') continue
        await store.put(
          failed(e, 0, { code: 'INTERRUPTED', message: 'Interrupted while sending: sent again' }, 'offline'),
        )
        n++
      }
      return n
    },

    /** Sends what is due, one batched call at a time, until nothing due is left or a call fails as a whole. */
    async flush(send: Send, maxCalls = 20): Promise<FlushSummary> {
      const sum: FlushSummary = { sent: 0, synced: 0, failed: 0, conflict: 0, needPerson: [] }
      const count = (e: SyncEntry) => {
        if (e.status === 'synced') sum.synced++
        else if (e.status === 'conflict') sum.conflict++
        else sum.failed++
        if (needsPerson(e)) sum.needPerson.push(e)
      }
      for (let call = 0; call < maxCalls; call++) {
        const batch = nextBatch(await store.list(owner), now())
        if (!batch.length) break
        const sending = batch.map((e) => transition(e, 'syncing'))
        for (const e of sending) await store.put(e)
        sum.sent += sending.length
        const r = await send(sending)
        if (r.ok) {
          for (let i = 0; i < sending.length; i++) {
            count(
              await settleOne(
                sending[i],
                r.results.find((x) => x.index === i),
              ),
            )
          }
          continue
        }
        if (retryable(r.status) || sending.length === 1) {
          for (const e of sending) {
            const next = failed(e, r.status, r.error)
            await store.put(next)
            count(next)
          }
          break
        }
        // the whole call was refused (an envelope the server could not read): one by one, so the bad
        // entry is found and the others still go
        for (const e of sending) {
          const one = await send([e])
          const next = one.ok ? await settleOne(e, one.results[0]) : failed(e, one.status, one.error)
          if (!one.ok) await store.put(next)
          count(next)
          if (!one.ok && retryable(one.status)) {
            // the connection or the server is in trouble now: the rest goes back to wait
            for (const rest of sending.slice(sending.indexOf(e) + 1)) {
              const back = failed(rest, 0, { code: 'OFFLINE' }, 'offline')
              await store.put(back)
              count(back)
            }
            break
          }
        }
        break
      }
      await this.prune()
      return sum
    },

    /** A person's retry ("try again", or "keep mine" on a conflict): back to pending, count reset. */
    async retry(id: string): Promise<SyncEntry | null> {
      const e = await store.get(id)
      if (!e || e.owner !== owner) return null
      const next = transition(e, 'pending', { retry_count: 0, error: null, next_attempt_at: null })
      await store.put(next)
      return next
    },

    /**
     * A supervisor decided these conflicts on /[org]/sync: they go back to pending, so the next flush
     * gets the server's settled answer — applied (keep mine), or resolved without applying (keep
     * server, discard) — exactly once, by the same client id. Returns how many went back.
     */
    async resolved(ids: string[]): Promise<number> {
      let n = 0
      for (const id of ids) {
        const e = await store.get(id)
        if (!e || e.owner !== owner || e.status !== 'conflict') continue
        await store.put(transition(e, 'pending', { retry_count: 0, error: null, next_attempt_at: null }))
        n++
      }
      return n
    },

    /** A person's discard (after a confirmation; "take theirs" on a conflict): the entry leaves the device. */
    async discard(id: string): Promise<boolean> {
      const e = await store.get(id)
      if (!e || e.owner !== owner || e.status === 'syncing') return false
      await store.delete(id)
      return true
    },

    /** Synced entries older than a day leave the device. */
    async prune(): Promise<void> {
      const cutoff = now().getTime() - KEEP_SYNCED_MS
      for (const e of await store.list(owner))
        if (e.status === 'synced' && e.synced_at && Date.parse(e.synced_at) < cutoff) await store.delete(e.id)
    },
  }
}
export type SyncQueue = ReturnType<typeof createSyncQueue>

/** Counts for the sync indicator. */
export function summarise(entries: SyncEntry[]) {
  const by = (s: SyncStatus) => entries.filter((e) => e.status === s).length
  const synced = entries.filter((e) => e.synced_at).map((e) => e.synced_at as string)
  return {
    waiting: by('pending') + by('syncing') + entries.filter((e) => e.status === 'failed' && !needsPerson(e)).length,
    needPerson: entries.filter(needsPerson).length,
    conflict: by('conflict'),
    lastSyncedAt: synced.length ? (synced.sort().at(-1) ?? null) : null,
  }
}
