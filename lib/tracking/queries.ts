import 'server-only'
import { cache } from 'react'
import { jsonObject, parseRpc } from '@/lib/rpc'
import { createAnonClient } from '@/lib/supabase/anon'
import type { PublicProgress } from './types'

/**
 * Every answer takes at least this long, found or not: track_order hashes and looks up either way,
 * and a real token then builds its payload (a few ms); the floor hides that difference.
 */
export const MIN_RESPONSE_MS = 150

const TOKEN = /^[A-Za-z0-9_-]{1,128}$/

/** A customer's view of their order, or null for an unknown, revoked or malformed token. */
export const trackOrder = cache(async (token: string): Promise<PublicProgress | null> => {
  const started = performance.now()
  let progress: PublicProgress | null = null
  try {
    // anonymous on purpose: the page has no session and track_order is granted to anon
    const supabase = createAnonClient()
    // a malformed token still costs a lookup, so its answer takes as long as any other
    const { data, error } = await supabase.rpc('track_order', { p_token: TOKEN.test(token) ? token : '' })
    if (error) throw new Error(`track_order: ${error.message}`)
    progress = parseRpc(jsonObject<PublicProgress>().nullable(), data, 'track_order')
  } finally {
    // timers may fire a fraction early: wait until the floor has really passed
    for (let left = MIN_RESPONSE_MS - (performance.now() - started); left > 0; ) {
      await new Promise((r) => setTimeout(r, Math.ceil(left)))
      left = MIN_RESPONSE_MS - (performance.now() - started)
    }
  }
  return progress
})
