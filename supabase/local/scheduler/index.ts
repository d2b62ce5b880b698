/**
 * The local stack's scheduler: runs what hosted Supabase's pg_cron and pg_net run, when the
 * database has the emulated `cron` / `net` schemas (bootstrap.sql) rather than the extensions.
 * - Every minute, each active job in cron.job whose schedule fires in that minute (UTC) runs once,
 *   in its own transaction, as the job's username; 'N seconds' jobs run every N seconds. A job
 *   still running is not started again. Each run is a row in cron.job_run_details (status
 *   running → succeeded | failed, return_message, start/end time), as pg_cron records it.
 *   Missed minutes are not caught up (pg_cron does not either).
 * - Requests queued with net.http_get/post/delete are performed after their transaction commits.
 * FLOORLINE_CRON_MINUTE_MS shortens the minute for tests (the schedule's clock then runs faster:
 * '*\/5 * * * *' fires every fifth short minute). FLOORLINE_NET_POLL_MS: how often the queue is read.
 * With the real extensions present this does nothing: pg_cron and pg_net run inside Postgres.
 */
import type { Db } from '../db/types'
import { firesAt, parseSchedule, type Schedule } from './cron'
import { NetWorker } from './net'

export interface SchedulerOptions {
  /** Length of a cron minute in real milliseconds (default 60 000). */
  minuteMs?: number
  /** How often the pg_net queue is read (default 1000 ms). */
  netPollMs?: number
  log?: (m: string) => void
}

interface JobRow {
  jobid: string
  jobname: string | null
  schedule: string
  command: string
  username: string
  database: string
}

export interface RunResult {
  jobid: string
  runid: string
  status: 'succeeded' | 'failed'
  return_message: string
}

export class Scheduler {
  readonly minuteMs: number
  readonly netPollMs: number
  cronEmulated = false
  netEmulated = false
  private log: (m: string) => void
  private net: NetWorker
  private timers: NodeJS.Timeout[] = []
  private running = new Set<string>()
  private inflight = new Set<Promise<unknown>>()
  private lastMinute = -1
  private lastSecondsRun = new Map<string, number>()
  private jobs: JobRow[] = []
  private readonly realStart = Date.now()
  private closed = false
  private draining: Promise<number> = Promise.resolve(0)

  constructor(
    private db: Db,
    opts: SchedulerOptions = {},
  ) {
    this.minuteMs = opts.minuteMs && opts.minuteMs > 0 ? opts.minuteMs : 60_000
    this.netPollMs = opts.netPollMs && opts.netPollMs > 0 ? opts.netPollMs : 1000
    this.log = opts.log ?? (() => {})
    this.net = new NetWorker(db, this.log)
  }

  /** The schedule's clock: real time, or real time sped up when the minute is shortened. */
  now(): number {
    if (this.minuteMs === 60_000) return Date.now()
    return this.realStart + (Date.now() - this.realStart) * (60_000 / this.minuteMs)
  }

  async start(): Promise<void> {
    const r = await this.db.query<{ cron: boolean; net: boolean }>(`
      select exists (select 1 from pg_namespace where nspname = 'cron')
               and not exists (select 1 from pg_extension where extname = 'pg_cron') as cron,
             exists (select 1 from pg_namespace where nspname = 'net')
               and not exists (select 1 from pg_extension where extname = 'pg_net') as net`)
    const row = r.rows[0]
    this.cronEmulated = row.cron === true || String(row.cron) === 't' || String(row.cron) === 'true'
    this.netEmulated = row.net === true || String(row.net) === 't' || String(row.net) === 'true'
    if (this.cronEmulated) {
      // never faster than needed: a second of the schedule's clock
      const tick = Math.max(10, Math.min(1000, Math.round(this.minuteMs / 60)))
      this.lastMinute = Math.floor(this.now() / 60_000)
      this.timers.push(setInterval(() => this.track(this.tick()), tick))
    }
    if (this.netEmulated) this.timers.push(setInterval(() => this.track(this.drainNet()), this.netPollMs))
  }

  private track(p: Promise<unknown>): void {
    const run = p.catch((e) => this.log(`scheduler: ${e instanceof Error ? e.message : e}`))
    this.inflight.add(run)
    run.finally(() => this.inflight.delete(run))
  }

  /** One look at the clock: runs the minute's jobs when a new minute began, and due seconds jobs. */
  async tick(at = this.now()): Promise<void> {
    if (this.closed) return
    const minute = Math.floor(at / 60_000)
    const newMinute = minute > this.lastMinute
    await this.loadJobs()
    const due: JobRow[] = []
    for (const job of this.jobs) {
      let s: Schedule
      try {
        s = parseSchedule(job.schedule)
      } catch {
        continue
      }
      if (s.kind === 'seconds') {
        const last = this.lastSecondsRun.get(job.jobid) ?? 0
        if (at - last >= s.every * 1000) {
          this.lastSecondsRun.set(job.jobid, at)
          due.push(job)
        }
      } else if (newMinute && firesAt(s, new Date(minute * 60_000))) {
        due.push(job)
      }
    }
    if (newMinute) this.lastMinute = minute
    await Promise.all(due.map((job) => this.run(job)))
  }

  /** Every tick (one small query a second): a job scheduled or altered counts from the next tick. */
  private async loadJobs(): Promise<void> {
    const r = await this.db.query<JobRow>(
      `select jobid::text, jobname, schedule, command, username, database from cron.job
        where active and database = current_database() order by jobid`,
    )
    this.jobs = r.rows
  }

  /** Runs one job now, by name or id (tests, and the /cron/v1 endpoint); undefined if there is none. */
  async runNow(nameOrId: string): Promise<RunResult | undefined> {
    const r = await this.db.query<JobRow>(
      `select jobid::text, jobname, schedule, command, username, database from cron.job
        where jobname = $1 or jobid::text = $1 order by jobid limit 1`,
      [nameOrId],
    )
    return r.rows[0] ? this.run(r.rows[0]) : undefined
  }

  private async run(job: JobRow): Promise<RunResult | undefined> {
    if (this.running.has(job.jobid)) return undefined
    this.running.add(job.jobid)
    try {
      const started = await this.db.query<{ runid: string }>(
        `insert into cron.job_run_details (jobid, job_pid, database, username, command, status, start_time)
         values ($1::bigint, $2, $3, $4, $5, 'running', now()) returning runid::text`,
        [job.jobid, process.pid, job.database, job.username, job.command],
      )
      const runid = started.rows[0].runid
      let status: RunResult['status'] = 'succeeded'
      let message: string
      try {
        message = await this.db.transaction(async (tx) => {
          const me = await tx.query<{ u: string }>('select current_user as u')
          if (me.rows[0].u !== job.username) {
            await tx.query(`select set_config('role', $1, true)`, [job.username])
          }
          const command = job.command.trim().replace(/;+\s*$/, '')
          if (command.includes(';')) {
            await tx.exec(command)
            return 'OK'
          }
          const out = await tx.query(command)
          if (out.rows.length > 0) return `${out.rows.length} ${out.rows.length === 1 ? 'row' : 'rows'}`
          return out.affectedRows > 0 ? `${out.affectedRows} ${out.affectedRows === 1 ? 'row' : 'rows'} affected` : 'OK'
        })
      } catch (e) {
        status = 'failed'
        message = `ERROR:  ${e instanceof Error ? e.message : String(e)}`
        this.log(`cron job ${job.jobname ?? job.jobid} failed: ${message}`)
      }
      await this.db.query(
        `update cron.job_run_details set status = $2, return_message = $3, end_time = now() where runid = $1::bigint`,
        [runid, status, message],
      )
      return { jobid: job.jobid, runid, status, return_message: message }
    } finally {
      this.running.delete(job.jobid)
    }
  }

  /** Performs every queued pg_net request now (tests call it instead of waiting for the poll). */
  drainNet(): Promise<number> {
    if (!this.netEmulated || this.closed) return Promise.resolve(0)
    // one drain at a time: a caller arriving mid-poll waits for it, then drains what is left
    const next = this.draining.then(async () => {
      let total = 0
      for (;;) {
        const n = await this.net.drain()
        total += n
        if (n === 0) return total
      }
    })
    this.draining = next.catch(() => 0)
    return next
  }

  async close(): Promise<void> {
    this.closed = true
    for (const t of this.timers) clearInterval(t)
    this.timers = []
    this.net.stop()
    await Promise.allSettled([...this.inflight])
  }
}
