import 'server-only'
import { z } from 'zod'
import { dbFail } from '@/lib/errors'
import { answer, route } from '@/lib/route'
import { parseRpc } from '@/lib/rpc'
import { DisplayView, PublicTicket, TOKEN } from './types'

/**
 * The public JSON the live pages re-read when the queue moves (a broadcast on vq:<queue> says only
 * that it moved): GET /api/q/t/<ticket token> and GET /api/q/display/<display token); and
 * POST /api/q/t/<token>/cancel, the customer leaving, and POST /api/q/t/<token>/check-in, "I'm here"
 * (plain forms: 303 back to the ticket page, so both work without JavaScript).
 * Anonymous: the RPCs show only what the token may see.
 */
const Token = z.object({ token: z.string().regex(TOKEN, 'That link is not complete') })

export const ticketRoute = route({
  schema: Token,
  from: 'none',
  auth: 'none',
  run: async ({ token }, ctx) => {
    const { data, error } = await ctx.supabase.rpc('queue_ticket', { p_ticket_token: token }).abortSignal(ctx.signal)
    if (error) return dbFail(error, {}, { aborted: ctx.signal.aborted })
    return answer(parseRpc(PublicTicket, data, 'queue_ticket'))
  },
})

export const displayRoute = route({
  schema: Token,
  from: 'none',
  auth: 'none',
  run: async ({ token }, ctx) => {
    const { data, error } = await ctx.supabase.rpc('queue_display', { p_display_token: token }).abortSignal(ctx.signal)
    if (error) return dbFail(error, {}, { aborted: ctx.signal.aborted })
    return answer(parseRpc(DisplayView, data, 'queue_display'))
  },
})

/** A customer's own action on their ticket by its token: JSON for scripts, 303 back for the page's form. */
function ticketAction(rpc: 'cancel_queue_ticket' | 'check_in_queue_ticket') {
  return route({
    schema: Token,
    from: 'none',
    auth: 'none',
    run: async ({ token }, ctx) => {
      const page = (ctx.request.headers.get('accept') ?? '').includes('text/html')
      const { data, error } = await ctx.supabase.rpc(rpc, { p_ticket_token: token }).abortSignal(ctx.signal)
      if (error) {
        const f = dbFail(error, {}, { aborted: ctx.signal.aborted })
        if (!page) return f
        return answer(f, 303, { location: `/q/t/${token}?error=${encodeURIComponent(f.message)}` })
      }
      if (page) return answer({ done: true }, 303, { location: `/q/t/${token}` })
      return answer(parseRpc(PublicTicket, data, rpc))
    },
  })
}

export const cancelRoute = ticketAction('cancel_queue_ticket')
export const checkInRoute = ticketAction('check_in_queue_ticket')
