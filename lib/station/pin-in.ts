import { count } from '@/lib/format'
import { type DbError, dbFail, type Fail, failWith, ok, type Result } from '@/lib/result'
import type { AppClient } from '@/lib/supabase/types'
import { ensureFloorIdentity, sessionIdOf } from './floor-identity'
import { PinInAnswer, TouchAnswer } from './schema'

type Client = AppClient

export interface OperatorSession {
  operatorSessionId: string
  memberId: string
  displayName: string
  role: string
  idleTimeoutSeconds: number
  expiresAt: string
}

/**
 * PIN-in failures in words for the pad, by status (the pad acts on the generic code whatever the
 * database named it); unknown badge and wrong PIN read the same on purpose.
 */
export function pinFailure(error: DbError): Fail {
  const f = dbFail(error)
  const retryAfter = f.retryAfter
  switch (f.status) {
    case 401: {
      // tries left for the badge code typed (the database counts every code alike, real or not,
      // so the number says nothing about which badges exist); absent from older answers
      const left = Number(f.details?.attempts_left)
      const tries = !Number.isInteger(left)
        ? ' Try again.'
        : left === 0
          ? ' No tries left: wait a few minutes.'
          : ` ${count(left, 'try', 'tries')} left before a pause.`
      return failWith('NOT_SIGNED_IN', `Badge or PIN not recognised.${tries}`, {
        details: Number.isInteger(left) ? { attempts_left: left } : undefined,
      })
    }
    case 423:
      return failWith('LOCKED', error.message || 'Too many wrong PINs. Ask a supervisor to unlock you.', { retryAfter })
    case 429:
      return failWith('RATE_LIMITED', 'Too many attempts on this tablet. Wait a few minutes, then try again.', {
        retryAfter,
      })
    case 403:
      return failWith('FORBIDDEN', 'This tablet is no longer signed in as a station. Ask a supervisor to sign it in.')
    default:
      return f
  }
}

/**
 * PIN-in (docs/security.md): `pin_in` checks badge + PIN as the tablet (anon, by station secret). On
 * success the tablet is signed in as the member's *floor identity* — an Auth user of its own, made on
 * the first PIN-in — never as the person's own account: the service key mints a one-time magic link
 * for the floor identity, the tablet's cookie client redeems it (verifyOtp), and the service key binds
 * that exact GoTrue session to the operator session. Only a bound session acts, only in this
 * organisation, only while the operator session is open and not idle.
 * Plain function of its clients so integration tests drive it against the real stack.
 */
export async function pinIn(
  clients: { tablet: Client; admin: Client; session: Client },
  stationSecret: string,
  badge: string,
  pin: string,
): Promise<Result<OperatorSession>> {
  const { data, error } = await clients.tablet.rpc('pin_in', {
    p_station_secret: stationSecret,
    p_badge_code: badge,
    p_pin: pin,
  })
  if (error) return pinFailure(error)
  const answer = PinInAnswer.safeParse(data)
  if (!answer.success) {
    console.error('[pinIn] unexpected pin_in answer', data)
    return unavailable()
  }
  const op = answer.data

  const floorEmail = op.floor_email ?? (await ensureFloorIdentity(clients.admin, op.member_id, op.display_name))
  if (!floorEmail) return unavailable()
  const { data: link, error: linkError } = await clients.admin.auth.admin.generateLink({
    type: 'magiclink',
    email: floorEmail,
  })
  if (linkError || !link.properties?.hashed_token) {
    console.error('[pinIn] generateLink', linkError)
    return unavailable()
  }
  const { data: signedIn, error: otpError } = await clients.session.auth.verifyOtp({
    type: 'magiclink',
    token_hash: link.properties.hashed_token,
  })
  const authSessionId = signedIn?.session ? sessionIdOf(signedIn.session.access_token) : null
  if (otpError || !authSessionId) {
    console.error('[pinIn] verifyOtp', otpError)
    return unavailable()
  }
  const { error: bindError } = await clients.admin.rpc('bind_operator_session', {
    p_operator_session_id: op.operator_session_id,
    p_auth_session_id: authSessionId,
  })
  if (bindError) {
    console.error('[pinIn] bind_operator_session', bindError)
    await clients.session.auth.signOut({ scope: 'local' })
    return unavailable()
  }
  const touched = await touchSession(clients.session, op.operator_session_id)
  if (!touched.ok) return touched
  return ok({
    operatorSessionId: op.operator_session_id,
    memberId: op.member_id,
    displayName: op.display_name,
    role: op.role,
    idleTimeoutSeconds: touched.data.idleTimeoutSeconds,
    expiresAt: touched.data.expiresAt,
  })
}

function unavailable(): Fail {
  return failWith('INTERNAL', 'PIN-in is not possible right now. Try again.')
}

/** Keeps an operator session alive; SESSION_EXPIRED (440) once it went idle or was ended. */
export async function touchSession(
  session: Client,
  operatorSessionId: string,
): Promise<Result<{ expiresAt: string; idleTimeoutSeconds: number }>> {
  const { data, error } = await session.rpc('operator_session_touch', { p_operator_session_id: operatorSessionId })
  if (error) {
    const f = dbFail(error)
    if (f.status === 440) return failWith('SESSION_EXPIRED', error.message || 'Signed out')
    if (f.status === 401 || f.status === 403 || f.status === 404) return failWith('SESSION_EXPIRED', 'Signed out')
    return f
  }
  const answer = TouchAnswer.safeParse(data)
  if (!answer.success) {
    console.error('[touchSession] unexpected answer', data)
    return failWith('INTERNAL', 'Could not reach the server. Try again.')
  }
  return ok({ expiresAt: answer.data.expires_at, idleTimeoutSeconds: answer.data.idle_timeout_seconds })
}
