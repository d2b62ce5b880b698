/**
 * The local stack's pg_cron and pg_net (bootstrap.sql emulation, run by supabase/local/scheduler):
 * the same SQL API hosted Supabase offers (cron.schedule / unschedule / alter_job, cron.job,
 * cron.job_run_details; net.http_get / http_post into net.http_request_queue, answers in
 * net._http_response), and jobs that actually run.
 */
import { createServer, type Server } from 'node:http'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { startTestStack, type TestStack } from './harness'

let t: TestStack
let hook: Server
let hookUrl: string
let seen: { method: string; url: string; headers: Record<string, unknown>; body: string }[] = []

beforeAll(async () => {
  t = await startTestStack()
  await t.sql('create table public.ticks (id bigserial primary key, note text, at timestamptz default now())')
  hook = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c) => chunks.push(c))
    req.on('end', () => {
      seen.push({
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString(),
      })
      if (req.url?.startsWith('/slow')) return // never answers: the caller's timeout fires
      res.writeHead(req.url?.startsWith('/fail') ? 500 : 200, { 'content-type': 'application/json' })
      res.end(JSON.stringify({ ok: true, path: req.url }))
    })
  })
  await new Promise<void>((r) => hook.listen(0, '127.0.0.1', () => r()))
  const a = hook.address()
  hookUrl = `http://127.0.0.1:${typeof a === 'object' && a ? a.port : 0}`
})

afterAll(async () => {
  hook?.closeAllConnections()
  await new Promise<void>((r) => hook?.close(() => r()))
  await t?.close()
})

beforeEach(async () => {
  seen = []
  await t.db.exec(
    'delete from cron.job; delete from cron.job_run_details; delete from public.ticks; delete from net._http_response',
  )
})

/** A minute boundary after every one ticked so far: each test's tick opens a new minute. */
let lastTicked = 0
const nextMinute = () => {
  lastTicked = Math.max(lastTicked, (Math.floor(t.stack.scheduler.now() / 60_000) + 1) * 60_000) + 60_000
  return lastTicked
}

/** Rows with their JSON types (the stack hands every value back as text). */
async function rows<T = Record<string, unknown>>(sql: string): Promise<T[]> {
  const [r] = await t.sql<{ j: string }>(`select coalesce(json_agg(q), '[]')::text as j from (${sql}) q`)
  return JSON.parse(r.j)
}

describe('pg_cron API', () => {
  it('is the emulation on this database', () => {
    expect(t.stack.scheduler.cronEmulated).toBe(true)
    expect(t.stack.scheduler.netEmulated).toBe(true)
  })

  it('schedules by name, replacing a job of the same name, and unschedules', async () => {
    const [a] = await t.sql<{ id: string }>(`select cron.schedule('sweep', '*/5 * * * *', 'select 1') as id`)
    const [b] = await t.sql<{ id: string }>(`select cron.schedule('sweep', '0 3 * * *', 'select 2') as id`)
    expect(b.id).toBe(a.id)
    expect(await rows('select jobname, schedule, command, active from cron.job')).toEqual([
      { jobname: 'sweep', schedule: '0 3 * * *', command: 'select 2', active: true },
    ])
    await t.sql(`select cron.alter_job(${a.id}, active := false)`)
    expect(await rows('select active from cron.job')).toEqual([{ active: false }])
    expect(await rows(`select cron.unschedule('sweep') as ok`)).toEqual([{ ok: true }])
    expect(await t.sql('select * from cron.job')).toEqual([])
  })

  it('refuses an invalid schedule and an unknown job as pg_cron does', async () => {
    await expect(t.sql(`select cron.schedule('bad', '61 * * * *', 'select 1')`)).rejects.toThrow(
      /invalid schedule: 61 \* \* \* \*/,
    )
    await expect(t.sql(`select cron.unschedule('nope')`)).rejects.toThrow(/could not find valid entry for job 'nope'/)
    await expect(t.sql('select cron.unschedule(424242::bigint)')).rejects.toThrow(/could not find valid entry/)
  })

  it('is not granted to any API role', async () => {
    const granted = await rows<{ role: string; can: boolean }>(
      `select r as role, has_function_privilege(r, 'cron.schedule(text,text,text)', 'execute')
                      or has_function_privilege(r, 'net.http_post(text,jsonb,jsonb,jsonb,integer)', 'execute')
                      or has_schema_privilege(r, 'cron', 'usage') as can
         from unnest(array['anon', 'authenticated', 'service_role']) r`,
    )
    expect(granted.filter((r) => r.can)).toEqual([])
  })
})

describe('running jobs', () => {
  it('runs a due job once in its minute, recording the run', async () => {
    await t.sql(`select cron.schedule('tick', '* * * * *', $$insert into public.ticks (note) values ('cron')$$)`)
    const at = nextMinute()
    await t.stack.scheduler.tick(at)
    await t.stack.scheduler.tick(at + 10_000) // same minute: not again
    expect(await t.sql('select note from public.ticks')).toEqual([{ note: 'cron' }])
    expect(await t.sql('select status, return_message, command from cron.job_run_details')).toEqual([
      {
        status: 'succeeded',
        return_message: '1 row affected',
        command: "insert into public.ticks (note) values ('cron')",
      },
    ])
  })

  it('runs only jobs whose schedule fires in that minute, and never inactive ones', async () => {
    await t.sql(`select cron.schedule('every', '* * * * *', $$insert into public.ticks (note) values ('every')$$)`)
    await t.sql(`select cron.schedule('never', '0 0 31 2 *', $$insert into public.ticks (note) values ('never')$$)`)
    const [off] = await t.sql<{ id: string }>(
      `select cron.schedule('off', '* * * * *', $$insert into public.ticks (note) values ('off')$$) as id`,
    )
    await t.sql(`select cron.alter_job(${off.id}, active := false)`)
    await t.stack.scheduler.tick(nextMinute())
    expect(await t.sql('select note from public.ticks')).toEqual([{ note: 'every' }])
  })

  it('records a failing job as failed with the error, and its writes roll back', async () => {
    await t.sql(
      `select cron.schedule('broken', '* * * * *', $$insert into public.ticks (note) values ('half'); select 1/0$$)`,
    )
    await t.stack.scheduler.tick(nextMinute())
    expect(await t.sql('select status, return_message from cron.job_run_details')).toEqual([
      { status: 'failed', return_message: 'ERROR:  division by zero' },
    ])
    expect(await t.sql('select * from public.ticks')).toEqual([])
  })

  it('runs seconds schedules on their interval', async () => {
    await t.sql(`select cron.schedule('fast', '10 seconds', $$insert into public.ticks (note) values ('s')$$)`)
    const at = t.stack.scheduler.now() + 1000
    await t.stack.scheduler.tick(at)
    await t.stack.scheduler.tick(at + 5_000)
    await t.stack.scheduler.tick(at + 10_000)
    expect(await rows('select count(*)::int as n from public.ticks')).toEqual([{ n: 2 }])
  })

  it('runs a job now through /cron/v1 (e2e specs cannot wait a minute)', async () => {
    await t.sql(`select cron.schedule('nightly', '0 3 * * *', $$insert into public.ticks (note) values ('now')$$)`)
    const r = await fetch(`${t.url}/cron/v1/jobs/nightly/run`, { method: 'POST' })
    expect(r.status).toBe(200)
    expect(await r.json()).toMatchObject({ status: 'succeeded' })
    expect(await t.sql('select note from public.ticks')).toEqual([{ note: 'now' }])
    const jobs = await (await fetch(`${t.url}/cron/v1/jobs`)).json()
    expect(jobs.jobs[0]).toMatchObject({ jobname: 'nightly', last_run: { status: 'succeeded' } })
    expect((await fetch(`${t.url}/cron/v1/jobs/missing/run`, { method: 'POST' })).status).toBe(404)
  })
})

describe('pg_net API', () => {
  it('queues http_post and performs it after commit; the answer lands in net._http_response', async () => {
    const [{ id }] = await t.sql<{ id: string }>(
      `select net.http_post('${hookUrl}/api/cron/sms', '{"batch": 50}'::jsonb,
                            '{"source": "cron"}'::jsonb,
                            '{"Content-Type": "application/json", "Authorization": "Bearer s3cret"}'::jsonb) as id`,
    )
    expect(await t.sql('select method, url from net.http_request_queue')).toEqual([
      { method: 'POST', url: `${hookUrl}/api/cron/sms?source=cron` },
    ])
    await t.stack.scheduler.drainNet()
    expect(seen).toHaveLength(1)
    expect(seen[0]).toMatchObject({ method: 'POST', url: '/api/cron/sms?source=cron', body: '{"batch": 50}' })
    expect(seen[0].headers).toMatchObject({ authorization: 'Bearer s3cret', 'content-type': 'application/json' })
    expect(await t.sql('select * from net.http_request_queue')).toEqual([])
    const [res] = await rows(
      `select status_code, content_type, content::jsonb as content, timed_out from net._http_response where id = ${id}`,
    )
    expect(res).toEqual({
      status_code: 200,
      content_type: 'application/json',
      content: { ok: true, path: '/api/cron/sms?source=cron' },
      timed_out: false,
    })
  })

  it('records timeouts, refused connections and error statuses', async () => {
    await t.sql(`select net.http_get('${hookUrl}/slow', timeout_milliseconds := 100)`)
    const closed = createServer()
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', () => r()))
    const port = (closed.address() as { port: number }).port
    await new Promise<void>((r) => closed.close(() => r()))
    await t.sql(`select net.http_get('http://127.0.0.1:${port}/nothing-listens')`)
    await t.sql(`select net.http_get('${hookUrl}/fail')`)
    await t.stack.scheduler.drainNet()
    const answers = await rows<{ status_code: number | null; timed_out: boolean | null; error_msg: string | null }>(
      'select status_code, timed_out, error_msg from net._http_response order by id',
    )
    expect(answers[0]).toEqual({ status_code: null, timed_out: true, error_msg: 'Timeout of 100 ms reached' })
    expect(answers[1]).toMatchObject({
      status_code: null,
      timed_out: false,
      error_msg: expect.stringMatching(/ECONNREFUSED/),
    })
    expect(answers[2]).toMatchObject({ status_code: 500, timed_out: false, error_msg: null })
  })

  it('the hosted pattern: a cron job that calls the app over pg_net', async () => {
    await t.sql(
      `select cron.schedule('sms-stragglers', '* * * * *', $$select net.http_post('${hookUrl}/api/sms/cron', '{}'::jsonb)$$)`,
    )
    await t.stack.scheduler.tick(nextMinute())
    await t.stack.scheduler.drainNet()
    expect(seen.map((s) => `${s.method} ${s.url}`)).toEqual(['POST /api/sms/cron'])
    expect(await t.sql('select status, return_message from cron.job_run_details')).toEqual([
      { status: 'succeeded', return_message: '1 row' },
    ])
  })
})

describe('on its own clock', () => {
  it('a shortened minute (FLOORLINE_CRON_MINUTE_MS) runs jobs without being told', async () => {
    const fast = await startTestStack({ cfg: { cronMinuteMs: 200, netPollMs: 50 } })
    try {
      await fast.sql('create table public.beats (id serial primary key)')
      await fast.sql(`select cron.schedule('beat', '* * * * *', 'insert into public.beats default values')`)
      await fast.sql(`select net.http_get('${hookUrl}/polled')`)
      const deadline = Date.now() + 5000
      let n = 0
      while (Date.now() < deadline) {
        n = Number((await fast.sql<{ n: string }>('select count(*) as n from public.beats'))[0].n)
        if (n >= 2 && seen.some((s) => s.url === '/polled')) break
        await new Promise((r) => setTimeout(r, 50))
      }
      expect(n).toBeGreaterThanOrEqual(2)
      expect(seen.some((s) => s.url === '/polled')).toBe(true)
      // a request in flight to an endpoint that never answers does not hold the stack's close
      await fast.sql(`select net.http_get('${hookUrl}/slow-close', timeout_milliseconds := 20000)`)
      while (!seen.some((s) => s.url === '/slow-close')) await new Promise((r) => setTimeout(r, 20))
    } finally {
      const closing = Date.now()
      await fast.close()
      expect(Date.now() - closing).toBeLessThan(5000)
    }
  })
})
