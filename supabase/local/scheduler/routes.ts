/**
 * /cron/v1: the local scheduler seen from outside the stack process (e2e specs, a developer's
 * curl). Not a Supabase API; loopback callers or the service-role key only.
 *   GET  /cron/v1/jobs                  cron.job with each job's last run
 *   POST /cron/v1/jobs/{name|id}/run    run it now, answer its cron.job_run_details row
 *   POST /cron/v1/net/drain             perform every queued pg_net request now
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import { requireAdmin } from '../auth/guards'
import { HttpError, send } from '../http'
import { isLoopback } from '../sms-gateway'
import type { ApiModule, StackContext } from '../stack'
import type { Scheduler } from '.'

export function cronRoutes(ctx: StackContext, scheduler: Scheduler): ApiModule {
  return {
    prefix: '/cron/v1',
    async handle(req: IncomingMessage, res: ServerResponse, url: URL) {
      if (!isLoopback(req)) await requireAdmin(req, ctx.cfg.jwtSecret)
      if (!scheduler.cronEmulated && !scheduler.netEmulated) {
        throw new HttpError(409, { message: 'This database runs the real pg_cron / pg_net: they schedule themselves' })
      }
      const path = url.pathname.replace(/\/+$/, '')
      if (req.method === 'GET' && path === '/cron/v1/jobs') {
        const r = await ctx.db.query<{ jobs: string }>(
          `select coalesce(jsonb_agg(jsonb_build_object(
                    'jobid', j.jobid, 'jobname', j.jobname, 'schedule', j.schedule, 'command', j.command,
                    'active', j.active, 'username', j.username,
                    'last_run', (select to_jsonb(d) from cron.job_run_details d
                                  where d.jobid = j.jobid order by d.runid desc limit 1))
                  order by j.jobid), '[]'::jsonb)::text as jobs
             from cron.job j`,
        )
        return send(res, 200, `{"jobs":${r.rows[0].jobs}}`, { 'content-type': 'application/json; charset=utf-8' })
      }
      const run = /^\/cron\/v1\/jobs\/([^/]+)\/run$/.exec(path)
      if (req.method === 'POST' && run) {
        const result = await scheduler.runNow(decodeURIComponent(run[1]))
        if (!result)
          throw new HttpError(404, { message: `No cron job named ${decodeURIComponent(run[1])} (or it is running)` })
        await scheduler.drainNet()
        return send(res, 200, { ...result })
      }
      if (req.method === 'POST' && path === '/cron/v1/net/drain') {
        return send(res, 200, { performed: await scheduler.drainNet() })
      }
      throw new HttpError(404, {
        message: `${req.method} ${path} is not a local scheduler endpoint (scheduler/routes.ts)`,
      })
    },
  }
}
