'use server'
import { randomUUID } from 'node:crypto'
import { cookies, headers } from 'next/headers'
import { redirect } from 'next/navigation'
import { action, dbFail, publicAction } from '@/lib/actions'
import { atLeast } from '@/lib/members/roles'
import { failWith, ok } from '@/lib/result'
import { createAdminClient } from '@/lib/supabase/admin'
import { secureFor } from '@/lib/supabase/cookie-options'
import { sessionClient, tabletClient } from './clients'
import { cookieOptions, DEVICE_COOKIE, OPERATOR_COOKIE, STATION_COOKIE } from './cookies'
import { pinIn as pinInCore, touchSession } from './pin-in'
import { NoInput, PinInInput, RegisterStationInput, SignOutTabletInput } from './schema'

async function secure(): Promise<boolean> {
  return secureFor(await headers())
}

async function deviceId(): Promise<string> {
  const store = await cookies()
  const existing = store.get(DEVICE_COOKIE)?.value
  if (existing) return existing
  const id = randomUUID()
  store.set(DEVICE_COOKIE, id, cookieOptions(true, await secure()))
  return id
}

/** Ends the tablet's Supabase session here only (the person's other devices stay signed in). */
async function signOutTabletSession(device: string) {
  const supabase = await sessionClient(device)
  await supabase.auth.signOut({ scope: 'local' })
  ;(await cookies()).delete(OPERATOR_COOKIE)
}

/**
 * A supervisor+ signs this tablet in at a location: the secret goes into an httpOnly cookie and
 * the supervisor is signed out of the tablet, which from now on shows the PIN pad.
 */
export const registerStation = action(RegisterStationInput, async ({ locationId, name }, { supabase }) => {
  const { data, error } = await supabase.rpc('register_station', { p_location_id: locationId, p_name: name }).single()
  if (error || !data) return dbFail(error, { location_id: 'locationId', name: 'name' })
  const store = await cookies()
  store.set(STATION_COOKIE, data.station_secret, cookieOptions(true, await secure()))
  await deviceId()
  await supabase.auth.signOut({ scope: 'local' })
  store.delete(OPERATOR_COOKIE)
  redirect(`/${data.org_slug}/station`)
})

/** Badge + PIN → the operator's own session on this tablet (lib/station/pin-in.ts). */
export const pinIn = publicAction(PinInInput, async ({ badge, pin }) => {
  const store = await cookies()
  const secret = store.get(STATION_COOKIE)?.value
  if (!secret)
    return failWith('FORBIDDEN', 'This tablet is not signed in as a station. Ask a supervisor to sign it in.')
  const device = await deviceId()
  const result = await pinInCore(
    { tablet: tabletClient(device), admin: createAdminClient(), session: await sessionClient(device) },
    secret,
    badge,
    pin,
  )
  if (result.ok) store.set(OPERATOR_COOKIE, result.data.operatorSessionId, cookieOptions(false, await secure()))
  return result
})

/** Keeps the PINed-in operator's session alive; once it has ended, signs the tablet session out. */
export const touchOperator = publicAction(NoInput, async () => {
  const store = await cookies()
  const sessionId = store.get(OPERATOR_COOKIE)?.value
  const device = await deviceId()
  if (!sessionId) return failWith('SESSION_EXPIRED', 'Signed out')
  const result = await touchSession(await sessionClient(device), sessionId)
  if (!result.ok && result.code === 'SESSION_EXPIRED') await signOutTabletSession(device)
  return result
})

/** PIN-out: the button, or the tablet noticing the idle timeout. Ends the session in the database, then here. */
export const pinOut = publicAction(NoInput, async () => {
  const store = await cookies()
  const device = await deviceId()
  const sessionId = store.get(OPERATOR_COOKIE)?.value
  const supabase = await sessionClient(device)
  const ended = sessionId ? await supabase.rpc('pin_out', { p_operator_session_id: sessionId }) : null
  if (!ended || ended.error) {
    // the operator's own JWT may already be powerless (idle, revoked): the station secret still ends it
    const secret = store.get(STATION_COOKIE)?.value
    if (secret) await tabletClient(device).rpc('station_pin_out', { p_station_secret: secret })
  }
  await signOutTabletSession(device)
  return ok(null)
})

/**
 * "Sign this tablet out": revoke_station as a supervisor+ — the one PINed in here, or one who types
 * their email and password (checked with a throwaway client: they are not signed in on the tablet).
 */
export const signOutTablet = publicAction(SignOutTabletInput, async ({ credentials }) => {
  const store = await cookies()
  const secret = store.get(STATION_COOKIE)?.value
  const device = await deviceId()
  if (!secret) redirect('/')
  const { data: station, error: infoError } = await tabletClient(device)
    .rpc('station_info', { p_station_secret: secret })
    .single()
  if (infoError || !station) {
    store.delete(STATION_COOKIE)
    redirect('/')
  }

  let revoker = await sessionClient(device)
  let throwaway = false
  if (credentials) {
    revoker = tabletClient(device)
    throwaway = true
    const { error } = await revoker.auth.signInWithPassword(credentials)
    if (error) return failWith('NOT_SIGNED_IN', 'That email and password do not match an account.')
  }
  const { data: orgs } = await revoker.rpc('my_organisations')
  const me = orgs?.find((o) => o.org_id === station.org_id)
  if (!me?.can_act || !atLeast(me.role, 'supervisor')) {
    if (throwaway) await revoker.auth.signOut({ scope: 'local' })
    return failWith('FORBIDDEN', 'Only a supervisor or above of this workshop can sign the tablet out.')
  }
  const { error } = await revoker.rpc('revoke_station', { p_station_id: station.station_id })
  if (throwaway) await revoker.auth.signOut({ scope: 'local' })
  if (error) return dbFail(error)
  await signOutTabletSession(device)
  store.delete(STATION_COOKIE)
  redirect(`/${station.org_slug}/station`)
})

/** Forgets a station secret the database no longer accepts (revoked elsewhere). */
export async function forgetStation(): Promise<void> {
  const store = await cookies()
  store.delete(STATION_COOKIE)
  store.delete(OPERATOR_COOKIE)
}
