import type { Db } from './db/types'

/**
 * Can the database serve what requests need? Run at start-up (a failure stops the stack) and by
 * GET /health (503 when a check fails). Each check exercises something that once failed for the
 * life of a process while every other query worked — in the PGlite dev stack pgcrypto's digest()
 * raised `Cannot use "sha256": Cipher cannot be initialized` after some restarts (OpenSSL's one-time
 * initialisation inside WASM had failed) and nothing said so.
 */
export interface HealthCheck {
  name: string
  ok: boolean
  /** false: reported (and logged) but does not fail the stack — nothing in the app needs it */
  required: boolean
  error?: string
}

export interface Health {
  ok: boolean
  checks: HealthCheck[]
}

const SHA256_ABC = 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'

interface Probe {
  name: string
  /** only run when this SQL answers true (e.g. the extension is installed) */
  when?: string
  /** must answer one row with ok = 'true' */
  sql: string
  optional?: boolean
}

const PROBES: Probe[] = [
  { name: 'query', sql: `select (1 + 1 = 2)::text as ok` },
  { name: 'sha256', sql: `select (encode(sha256('abc'::bytea), 'hex') = '${SHA256_ABC}')::text as ok` },
  {
    // what failed in the field; the app hashes with core sha256() since 20261203004000, so a broken
    // OpenSSL inside PGlite is reported but does not stop the stack
    name: 'pgcrypto digest (OpenSSL)',
    optional: true,
    when: `select exists(select 1 from pg_proc where proname = 'digest' and pronamespace = 'extensions'::regnamespace)::text as ok`,
    sql: `select (encode(extensions.digest('abc'::bytea, 'sha256'), 'hex') = '${SHA256_ABC}')::text as ok`,
  },
  {
    name: 'pgcrypto crypt (bcrypt)',
    when: `select exists(select 1 from pg_proc where proname = 'crypt' and pronamespace = 'extensions'::regnamespace)::text as ok`,
    // a fixed salt: cost 4 keeps it at a few milliseconds
    sql: `select (extensions.crypt('floorline', '$2a$04$abcdefghijklmnopqrstuu') =
                 extensions.crypt('floorline', extensions.crypt('floorline', '$2a$04$abcdefghijklmnopqrstuu'))
                 and length(extensions.gen_random_bytes(16)) = 16)::text as ok`,
  },
  {
    // what every API request does: switch to an API role with claims, call a function, roll back
    name: 'request as anon',
    sql: `select (set_config('role', 'anon', true) = 'anon'
                  and set_config('request.jwt.claims', '{"role":"anon"}', true) is not null
                  and (select count(*) from pg_catalog.generate_series(1, 3)) = 3)::text as ok`,
  },
]

class Rollback extends Error {}

export async function probeDatabase(db: Db): Promise<Health> {
  const checks: HealthCheck[] = []
  for (const p of PROBES) {
    try {
      const ok = await db
        .transaction(async (tx) => {
          if (p.when && (await tx.query<{ ok: string }>(p.when)).rows[0]?.ok !== 'true') return null
          const r = await tx.query<{ ok: string }>(p.sql)
          throw new Rollback(r.rows[0]?.ok ?? 'no row')
        })
        .catch((e) => {
          if (e instanceof Rollback) return e.message === 'true'
          throw e
        })
      if (ok === null) continue
      const required = !p.optional
      checks.push(ok ? { name: p.name, ok, required } : { name: p.name, ok, required, error: 'wrong answer' })
    } catch (e) {
      const code = (e as { code?: unknown }).code
      checks.push({
        name: p.name,
        ok: false,
        required: !p.optional,
        error: `${typeof code === 'string' ? `${code} ` : ''}${e instanceof Error ? e.message : String(e)}`,
      })
    }
  }
  return { ok: checks.every((c) => c.ok || !c.required), checks }
}

/** One line for the log: which checks failed and why (optional ones marked). */
export function describeFailure(h: Health): string {
  return h.checks
    .filter((c) => !c.ok)
    .map((c) => (c.required ? c : { ...c, name: `${c.name} (optional)` }))
    .map((c) => `${c.name}: ${c.error}`)
    .join('; ')
}
