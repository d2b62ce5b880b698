import 'server-only'
import { cache } from 'react'
import { parseRpc } from '@/lib/rpc'
import { createAnonClient } from '@/lib/supabase/anon'
import { DisplayView, JoinInfo, PublicTicket, TOKEN } from './types'

/**
 * The public reads behind /q/<join token>, /q/t/<ticket token> and /display/<token>: anonymous, as
 * the pages have no session and the RPCs are granted to anon (they show only what the token may
 * see). An unknown or malformed token is null (the page's 404); anything else unexpected throws.
 */
async function read<T>(
  rpc: 'queue_join_info' | 'queue_ticket' | 'queue_display',
  arg: Record<string, string>,
  parse: (d: unknown) => T,
) {
  const token = Object.values(arg)[0] ?? ''
  if (!TOKEN.test(token)) return null
  const { data, error } = await createAnonClient().rpc(rpc, arg as never)
  if (error) {
    if (error.details === 'NOT_FOUND') return null
    throw new Error(`${rpc}: ${error.message}`)
  }
  return parse(data)
}

export const joinInfo = cache((token: string) =>
  read('queue_join_info', { p_join_token: token }, (d) => parseRpc(JoinInfo, d, 'queue_join_info')),
)

export const publicTicket = cache((token: string) =>
  read('queue_ticket', { p_ticket_token: token }, (d) => parseRpc(PublicTicket, d, 'queue_ticket')),
)

export const displayView = cache((token: string) =>
  read('queue_display', { p_display_token: token }, (d) => parseRpc(DisplayView, d, 'queue_display')),
)
