/**
 * What a production build and a production server must have, checked before either starts, so a
 * deploy fails at once with the variable's name instead of answering 500 on every page (or 200 with
 * a tracking page and a board that fail in the browser).
 *
 * Build time (`next build`, next.config.ts): NEXT_PUBLIC_SUPABASE_URL and NEXT_PUBLIC_SUPABASE_ANON_KEY
 * are inlined into the browser's code then, so they must be set and must not be the local stack's:
 * its URL (a loopback host on port 54321) or a demo key (issuer `supabase-demo`, the keys every
 * Supabase CLI prints). FLOORLINE_ALLOW_LOCAL_KEYS=1 allows those for a build that talks to a local
 * stack on purpose (bench/http.ts). A service-role key there is refused always: it would ship to
 * every browser and bypass row-level security.
 * Start time (`next start`, instrumentation.ts): SUPABASE_SERVICE_ROLE_KEY (server only).
 *
 * Imported by next.config.ts by relative path (no `@/` alias there), so it stays dependency-free.
 */
import { isLoopbackHost } from './env'

type Env = Record<string, string | undefined>

export const ALLOW_LOCAL_KEYS = 'FLOORLINE_ALLOW_LOCAL_KEYS'
const LOCAL_STACK_PORT = '54321'
const ALLOW_HINT = `or ${ALLOW_LOCAL_KEYS}=1 for a build meant for the local stack`

/** The claims of a JWT-shaped key, unverified (enough to tell what kind of key it is); null otherwise. */
function claimsOf(key: string): Record<string, unknown> | null {
  const parts = key.split('.')
  if (parts.length !== 3) return null
  try {
    const claims: unknown = JSON.parse(atob(parts[1].replace(/-/g, '+').replace(/_/g, '/')))
    return claims && typeof claims === 'object' ? (claims as Record<string, unknown>) : null
  } catch {
    return null
  }
}

function urlProblem(value: string | undefined, allowLocal: boolean): string | null {
  const name = 'NEXT_PUBLIC_SUPABASE_URL'
  if (!value)
    return `${name} is not set: next build inlines it into the browser's code, so set it before building (https://<project-ref>.supabase.co).`
  let url: URL
  try {
    url = new URL(value)
  } catch {
    return `${name} is not a URL: "${value}".`
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return `${name} is not an http(s) URL: "${value}".`
  if (!allowLocal && isLoopbackHost(url.hostname) && url.port === LOCAL_STACK_PORT) {
    return `${name} is the local stack's (${value}): set your project's URL, ${ALLOW_HINT}.`
  }
  return null
}

function anonKeyProblem(value: string | undefined, allowLocal: boolean): string | null {
  const name = 'NEXT_PUBLIC_SUPABASE_ANON_KEY'
  if (!value)
    return `${name} is not set: next build inlines it into the browser's code, so set it before building (the project's anon / publishable key).`
  const claims = claimsOf(value)
  if (claims?.role === 'service_role' || value.startsWith('sb_secret_')) {
    return `${name} is a service-role (secret) key: it would ship to every browser and bypass row-level security. Use the anon / publishable key.`
  }
  if (!allowLocal && claims?.iss === 'supabase-demo') {
    return `${name} is the local stack's public demo key: set your project's anon key, ${ALLOW_HINT}.`
  }
  return null
}

/** Why a production build must not go ahead, one line per variable; empty when it may. */
export function buildEnvProblems(env: Env): string[] {
  const allowLocal = env[ALLOW_LOCAL_KEYS] === '1'
  return [
    urlProblem(env.NEXT_PUBLIC_SUPABASE_URL, allowLocal),
    anonKeyProblem(env.NEXT_PUBLIC_SUPABASE_ANON_KEY, allowLocal),
  ].filter((p): p is string => p !== null)
}

/** Why a production server must not start; empty when it may. */
export function startEnvProblems(env: Env): string[] {
  if (env.SUPABASE_SERVICE_ROLE_KEY) return []
  return [
    'SUPABASE_SERVICE_ROLE_KEY is not set: the server needs it (invites, webhooks, background jobs); set it where next start runs (never as NEXT_PUBLIC_).',
  ]
}

/**
 * `next start` (instrumentation.ts): one line per missing value and exit 1. Not in development, and
 * not while `next build` loads the server code: the key is a start-time value.
 */
export function refuseToStart(env: Env): void {
  if (env.NODE_ENV !== 'production' || env.NEXT_PHASE === 'phase-production-build') return
  const problems = startEnvProblems(env)
  if (problems.length === 0) return
  for (const problem of problems) console.error(`next start refused: ${problem}`)
  process.exit(1)
}
