import type { Tx } from '../db/types'
import { isPgError } from '../db/types'
import type { RealtimeDb } from './capture'

/**
 * Private channel authorisation exactly as Realtime.Tenants.Authorization does it: RLS on
 * realtime.messages, evaluated inside a transaction that is always rolled back.
 *   read   probe rows (one per extension) are inserted as the superuser, then selected back as the
 *          user with realtime.topic set: the rows the SELECT policy lets through are the extensions
 *          the user may read.
 *   write  the user inserts a row per extension: the INSERT policy (42501 when refused) decides.
 */
export interface AuthContext {
  topic: string
  role: string
  claims: Record<string, unknown>
  headers: Record<string, string>
}

export interface ReadPolicies {
  broadcast: boolean
  presence: boolean
}

async function setContext(tx: Tx, ctx: AuthContext): Promise<void> {
  await tx.query(
    `select set_config('role', $1, true), set_config('realtime.topic', $2, true),
            set_config('request.jwt.claims', $3, true), set_config('request.headers', $4, true)`,
    [ctx.role, ctx.topic, JSON.stringify(ctx.claims), JSON.stringify(ctx.headers)],
  )
}

export async function readPolicies(rdb: RealtimeDb, ctx: AuthContext): Promise<ReadPolicies> {
  return rdb.rolledBack(async (tx) => {
    const probes = await tx.query<{ id: string; extension: string }>(
      `insert into realtime.messages (topic, extension) values ($1, 'broadcast'), ($1, 'presence')
       returning id::text, extension`,
      [ctx.topic],
    )
    const ids = Object.fromEntries(probes.rows.map((r) => [r.extension, r.id]))
    await setContext(tx, ctx)
    const seen = await tx.query<{ id: string }>(
      `select id::text from realtime.messages
        where topic = $1 and ((extension = 'broadcast' and id = $2::uuid) or (extension = 'presence' and id = $3::uuid))`,
      [ctx.topic, ids.broadcast, ids.presence],
    )
    const got = new Set(seen.rows.map((r) => r.id))
    return { broadcast: got.has(ids.broadcast), presence: got.has(ids.presence) }
  })
}

export async function writePolicy(
  rdb: RealtimeDb,
  ctx: AuthContext,
  extension: 'broadcast' | 'presence',
): Promise<boolean> {
  return rdb.rolledBack(async (tx) => {
    await setContext(tx, ctx)
    await tx.query('savepoint realtime_write_check')
    try {
      await tx.query(`insert into realtime.messages (topic, extension) values ($1, $2)`, [ctx.topic, extension])
      return true
    } catch (e) {
      if (isPgError(e) && e.code === '42501') {
        await tx.query('rollback to savepoint realtime_write_check')
        return false
      }
      throw e
    }
  })
}
