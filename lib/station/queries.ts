import { cookies } from 'next/headers'
import { atLeast } from '@/lib/members/roles'
import type { Database } from '@/types/database'
import { sessionClient, tabletClient } from './clients'
import { DEVICE_COOKIE, OPERATOR_COOKIE, STATION_COOKIE } from './cookies'
import { touchSession } from './pin-in'

export type StationInfo = Database['public']['Functions']['station_info']['Returns'][number]
export type RosterEntry = Database['public']['Functions']['station_roster']['Returns'][number]

export interface PINedIn {
  operatorSessionId: string
  displayName: string
  role: Database['public']['Enums']['member_role']
  expiresAt: string
  idleTimeoutSeconds: number
}

export type StationState =
  /** No station secret on this tablet: a supervisor signs it in. */
  | { kind: 'setup' }
  /** The secret stopped working (revoked): forget it, then set up again. */
  | { kind: 'revoked' }
  /** This tablet is a station of another organisation. */
  | { kind: 'elsewhere'; slug: string }
  /** The PIN pad; `staleSession` when an operator's session ended and the tablet still holds it. */
  | { kind: 'pad'; station: StationInfo; roster: RosterEntry[]; staleSession: boolean }
  | { kind: 'operator'; station: StationInfo; operator: PINedIn }

/**
 * What the station screen shows, from the tablet's cookies. Opening the screen counts as activity
 * for a PINed-in operator (it touches the session).
 */
export async function stationState(slug: string): Promise<StationState> {
  const store = await cookies()
  const secret = store.get(STATION_COOKIE)?.value
  if (!secret) return { kind: 'setup' }
  const device = store.get(DEVICE_COOKIE)?.value
  const tablet = tabletClient(device)
  const { data: station, error } = await tablet.rpc('station_info', { p_station_secret: secret }).single()
  if (error?.code === 'PT403') return { kind: 'revoked' }
  if (error || !station) throw new Error(`station_info: ${error?.message ?? 'no answer'}`)
  if (station.org_slug !== slug) return { kind: 'elsewhere', slug: station.org_slug }

  const operatorSessionId = store.get(OPERATOR_COOKIE)?.value
  if (operatorSessionId) {
    const session = await sessionClient(device)
    const touched = await touchSession(session, operatorSessionId)
    if (touched.ok) {
      const { data: orgs } = await session.rpc('my_organisations')
      const me = orgs?.find((o) => o.org_id === station.org_id && o.operator_session_id === operatorSessionId)
      if (me) {
        return {
          kind: 'operator',
          station,
          operator: {
            operatorSessionId,
            displayName: me.display_name,
            role: me.role,
            expiresAt: touched.data.expiresAt,
            idleTimeoutSeconds: touched.data.idleTimeoutSeconds,
          },
        }
      }
    }
  }
  const { data: roster } = await tablet.rpc('station_roster', { p_station_secret: secret })
  return { kind: 'pad', station, roster: roster ?? [], staleSession: Boolean(operatorSessionId) }
}

/** Locations a signed-in supervisor+ may sign a tablet in at, or null when they may not. */
export async function registrableLocations(orgId: string, role: Database['public']['Enums']['member_role']) {
  if (!atLeast(role, 'supervisor')) return null
  const supabase = await sessionClient(undefined)
  const { data } = await supabase
    .from('locations')
    .select('id, name, kind')
    .eq('org_id', orgId)
    .eq('is_active', true)
    .order('name')
  return data ?? []
}
