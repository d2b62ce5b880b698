import { parseCookieHeader } from '@supabase/ssr'
import { createClient } from '@supabase/supabase-js'
import WebSocket from 'ws'
import { z } from 'zod'
import { supabaseAnonKey, supabaseUrl } from '@/lib/env'
import { fromPostgrest, type PostgrestLikeError } from '@/lib/floor/api-error'
import { platformOf } from '@/lib/floor/device'
import { answer, refuse, route } from '@/lib/floor/route'
import { STATION_COOKIE } from '@/lib/station/cookies'

/**
 * What the server knows about the calling device: its id, platform from the user agent, the station
 * it is signed in as (if it is a station tablet) and the device info of the caller's active session.
 */
export const GET = route({
  schema: z.object({ org_id: z.guid().optional() }),
  from: 'query',
  run: async (i, ctx) => {
    const userAgent = ctx.request.headers.get('user-agent') ?? ''
    const secret = parseCookieHeader(ctx.request.headers.get('cookie') ?? '').find(
      (c) => c.name === STATION_COOKIE,
    )?.value
    let station: unknown = null
    if (secret) {
      const tablet = createClient(supabaseUrl(), supabaseAnonKey(), {
        auth: { persistSession: false, autoRefreshToken: false },
        realtime: { transport: WebSocket as never },
      })
      const { data } = await tablet.rpc('station_info', { p_station_secret: secret }).abortSignal(ctx.signal)
      const row = (Array.isArray(data) ? data[0] : data) as Record<string, unknown> | undefined
      station = row
        ? {
            station_id: row.station_id,
            name: row.station_name,
            location_id: row.location_id,
            location_name: row.location_name,
            org_slug: row.org_slug,
          }
        : null
    }
    const { data, error } = await ctx.supabase
      .rpc('floor_active_session', i.org_id ? { p_org_id: i.org_id } : {})
      .abortSignal(ctx.signal)
    // not acting anywhere (an operator without PIN-in) is not an error for this read
    if (error && error.code !== 'PT403' && error.code !== '22023') {
      return refuse(fromPostgrest(error as unknown as PostgrestLikeError, { aborted: ctx.signal.aborted }))
    }
    const session = (data as { session?: { id: string; device_id: string | null; device_info: unknown } | null } | null)
      ?.session
    return answer({
      device_id: ctx.deviceId ?? null,
      platform: platformOf(userAgent),
      user_agent: userAgent.slice(0, 200),
      station,
      session: session ? { id: session.id, device_id: session.device_id, device_info: session.device_info } : null,
      same_device: Boolean(session && ctx.deviceId && session.device_id === ctx.deviceId),
    })
  },
})
