/**
 * The local stack's fake SMS gateway: Semaphore, Twilio and Movider at their real paths on the
 * stack's own listener (so the app reaches it at the stack URL: SMS_GATEWAY_URL, or by default in
 * development, see lib/sms/providers/config.ts), plus /sms/v1 for reading what it "delivered" and
 * for injecting failures (control.ts). Dev and test only; every request must come from this
 * machine (loopback), except that the outbox and controls also accept the service-role key.
 * Env: SMS_GATEWAY_CALLBACK_DELAY_MS (default 200): the pause before delivery reports.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import { requireAdmin } from '../auth/guards'
import { HttpError } from '../http'
import type { ApiModule, StackContext } from '../stack'
import { Callbacks } from './callbacks'
import { handleControl } from './control'
import { handleMovider } from './movider'
import { handleSemaphore, type ProviderDeps } from './semaphore'
import { GatewayState } from './state'
import { handleTwilio } from './twilio'

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1'])

export function isLoopback(req: IncomingMessage): boolean {
  return LOOPBACK.has(req.socket.remoteAddress ?? '')
}

export interface SmsGateway {
  modules: ApiModule[]
  state: GatewayState
  callbacks: Callbacks
}

export function createSmsGateway(ctx: StackContext, env: Record<string, string | undefined> = process.env): SmsGateway {
  const delay = Number(env.SMS_GATEWAY_CALLBACK_DELAY_MS ?? 200)
  const state = new GatewayState(Number.isFinite(delay) && delay >= 0 ? delay : 200)
  const log = (m: string) => ctx.log(`[sms-gateway] ${m}`)
  const callbacks = new Callbacks(state, log)
  const timers = new Set<NodeJS.Timeout>()
  const deps: ProviderDeps = { state, callbacks, timers, log }

  const loopbackOnly =
    (handler: (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<void>) =>
    async (req: IncomingMessage, res: ServerResponse, url: URL) => {
      if (!isLoopback(req)) {
        throw new HttpError(403, { message: 'The fake SMS gateway answers this machine only (loopback)' })
      }
      await handler(req, res, url)
    }

  const close = async () => {
    for (const t of timers) clearTimeout(t)
    timers.clear()
    await callbacks.close()
  }

  const modules: ApiModule[] = [
    { prefix: '/api/v4', handle: loopbackOnly((req, res, url) => handleSemaphore(req, res, url, deps)) },
    { prefix: '/2010-04-01', handle: loopbackOnly((req, res, url) => handleTwilio(req, res, url, deps)) },
    { prefix: '/v1', handle: loopbackOnly((req, res, url) => handleMovider(req, res, url, deps)) },
    {
      prefix: '/sms/v1',
      handle: async (req, res, url) => {
        if (!isLoopback(req)) await requireAdmin(req, ctx.cfg.jwtSecret)
        await handleControl(req, res, url, state, callbacks)
      },
      close,
    },
  ]
  return { modules, state, callbacks }
}
