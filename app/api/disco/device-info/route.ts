import { parseCookieHeader } from '@supabase/ssr'
import { z } from 'zod'
import { dbFail } from '@/lib/errors'
import { platformOf } from '@/lib/floor/device'
import { answer, route } from '@/lib/route'
import { parseRpc } from '@/lib/rpc'
import { STATION_COOKIE } from '@/lib/station/cookies'
import { createAnonClient } from '@/lib/supabase/anon'

// floor_active_session's answer, the part this route echoes
const ActiveSessionAnswer = z.object({
  session: z
    .object({ id: z.string(), device_id: z.string().nullable(), device_info: z.unknown() })
    .loose()
    .nullable()
    .optional(),
})

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
      const tablet = createAnonClient()
      const { data } = await tablet.rpc('station_info', { p_station_secret: secret }).abortSignal(ctx.signal)
      const row = data?.[0]
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
    const refused = error ? dbFail(error, {}, { aborted: ctx.signal.aborted }) : null
    if (refused && refused.status !== 403 && refused.status !== 400) return refused
    const session = error ? null : parseRpc(ActiveSessionAnswer, data, 'floor_active_session').session
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
