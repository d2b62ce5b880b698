/**
 * The tablet's own cookies, all httpOnly (no script on the page can read the station secret) and
 * sameSite=strict (no other site can make the tablet act):
 *   fl_station   the station secret from register_station (the tablet's credential, long-lived)
 *   fl_operator  the operator session id of whoever is PINed in (ends with the browser session)
 *   fl_device    a random device id sent as `x-device-id` (audit_log, auth_attempts)
 */
export const STATION_COOKIE = 'fl_station'
export const OPERATOR_COOKIE = 'fl_operator'
export const DEVICE_COOKIE = 'fl_device'

const YEAR = 60 * 60 * 24 * 365

/**
 * `secure` follows the request's scheme (lib/supabase/cookie-options.ts secureFor): tablets on a
 * workshop LAN reach `next start` over plain http, where a browser drops Secure cookies — a station
 * could never be registered there if Secure followed NODE_ENV alone.
 */
export function cookieOptions(persist: boolean, secure: boolean) {
  return {
    httpOnly: true,
    sameSite: 'strict' as const,
    secure,
    path: '/',
    ...(persist ? { maxAge: YEAR } : {}),
  }
}

/** How long the tablet keeps a PIN-in's session cookie: a shift; the operator session ends it sooner. */
export const FLOOR_SESSION_MAX_AGE_SECONDS = 12 * 60 * 60
