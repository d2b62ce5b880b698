import path from 'node:path'
import type { JWK } from 'jose'

/**
 * The same local secret and demo keys that `supabase start` prints, so one .env.local serves the
 * Docker stack and this one. They are public knowledge: never use them for a hosted project.
 */
export const DEMO_JWT_SECRET = 'super-secret-jwt-token-with-at-least-32-characters-long'
export const DEMO_ANON_KEY =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJzdXBhYmFzZS1kZW1vIiwicm9sZSI6ImFub24iLCJleHAiOjE5ODM4MTI5OTZ9.CRXP1A7WOeoJeXxjNni43kdQwgnWNReilDMblYTn_I0'
export const DEMO_SERVICE_ROLE_KEY =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJzdXBhYmFzZS1kZW1vIiwicm9sZSI6InNlcnZpY2Vfcm9sZSIsImV4cCI6MTk4MzgxMjk5Nn0.EGIM96RAZx35lJzdJsyH-qQwv8Hdp7fsn3W0YpN81IU'

/**
 * The local stack's ES256 signing key (private JWK), fixed like the demo secret so tokens survive a
 * restart and every checkout behaves alike. Public knowledge too: a hosted project has its own.
 * Override with SUPABASE_JWT_SIGNING_KEYS (a JSON array of private JWKs, GoTrue's GOTRUE_JWT_KEYS;
 * `[]` = HS256 only, as a legacy project).
 */
export const DEMO_SIGNING_KEY: JWK = {
  kty: 'EC',
  crv: 'P-256',
  x: 'xVfwjaotscv9L458FGzD4F_CjEV_Kh90tff3AFki_Zs',
  y: 'qZOnIo_rovWg4oHpNhvodR4OADEwbeOUiy7_0uZKurU',
  d: 'XIKw7cgziGxgR82PtDyHgHYjDR7vT5EW1_ibfAuD29A',
  kid: 'b81269f1-21d8-4f2e-b719-c2240a840d90',
  alg: 'ES256',
  use: 'sig',
  key_ops: ['sign', 'verify'],
}

export interface StackConfig {
  host: string
  port: number
  /** Public URL clients use; also the JWT issuer base. */
  apiUrl: string
  jwtSecret: string
  /** Asymmetric signing keys of user access tokens (jwt.ts); undefined = [DEMO_SIGNING_KEY], [] = HS256. */
  signingKeys?: JWK[]
  anonKey: string
  serviceRoleKey: string
  /** Access token lifetime, seconds (GoTrue's JWT_EXP). */
  jwtExpiry: number
  signupEnabled: boolean
  /** GoTrue settings of the /auth/v1 subset; unset fields take the defaults in auth/settings.ts. */
  auth?: AuthTuning
  /** PGlite data folder; undefined = in memory. Ignored when databaseUrl is set. */
  dataDir?: string
  databaseUrl?: string
  migrationsDir: string
  seedFile?: string
  /** Schemas served by /rest/v1 (PostgREST's db-schemas). */
  schemas: string[]
  /** Where Storage keeps object bytes (dev only). */
  storageDir?: string
  /** Storage's global upload limit in bytes (FILE_SIZE_LIMIT); default 50 MiB. */
  storageFileSizeLimit?: number
  /** The scheduler's (scheduler/) cron minute in real ms; default 60 000 (FLOORLINE_CRON_MINUTE_MS). */
  cronMinuteMs?: number
  /** How often the emulated pg_net queue is read, ms; default 1000 (FLOORLINE_NET_POLL_MS). */
  netPollMs?: number
}

export interface AuthTuning {
  /** GoTrue's SITE_URL: /verify's default redirect and the redirect allow-list's host. */
  siteUrl?: string
  /** Seconds a rotated refresh token may still be used (GOTRUE_SECURITY_REFRESH_TOKEN_REUSE_INTERVAL). */
  refreshTokenReuseInterval?: number
  /** Seconds a generate_link token stays valid. */
  otpExpiry?: number
  minPasswordLength?: number
  /**
   * GoTrue's SECURITY_UPDATE_PASSWORD_REQUIRE_REAUTHENTICATION ([auth.email] secure_password_change):
   * a password change needs a session younger than 24 h or a reauthentication nonce.
   */
  securePasswordChange?: boolean
  /** Seconds between two reauthentication codes for one user ([auth.email] max_frequency, SMTP_MAX_FREQUENCY). */
  maxFrequency?: number
  /** GoTrue's per-IP rate limits ([auth.rate_limit]); unset = none (the contract harness's default). */
  rateLimit?: RateLimitTuning
  /**
   * GoTrue's RATE_LIMIT_HEADER: the request header whose value keys the per-IP limits, set only
   * when a trusted proxy writes it. Unset = the socket's address (nothing a client can choose).
   */
  rateLimitHeader?: string
}

/** [auth.rate_limit] of config.toml, in its own units (see auth/rate-limit.ts for the buckets). */
export interface RateLimitTuning {
  /** Password and refresh-token grants per 5 minutes per IP (GOTRUE_RATE_LIMIT_TOKEN_REFRESH). */
  tokenRefresh?: number
  /** Sign-ups and user updates per 5 minutes per IP (GOTRUE_RATE_LIMIT_OTP). */
  signInSignUps?: number
  /** /verify calls per 5 minutes per IP (GOTRUE_RATE_LIMIT_VERIFY). */
  tokenVerifications?: number
  /** Anonymous sign-ins per hour per IP. */
  anonymousUsers?: number
}

/** SUPABASE_AUTH_RATE_LIMIT_<NAME> raises or sets one limit (e.g. for a long e2e run). */
function rateLimitFromEnv(env: Record<string, string | undefined>): RateLimitTuning | undefined {
  const num = (k: string) => (env[k] ? Number(env[k]) : undefined)
  const t: RateLimitTuning = {
    tokenRefresh: num('SUPABASE_AUTH_RATE_LIMIT_TOKEN_REFRESH'),
    signInSignUps: num('SUPABASE_AUTH_RATE_LIMIT_SIGN_IN_SIGN_UPS'),
    tokenVerifications: num('SUPABASE_AUTH_RATE_LIMIT_TOKEN_VERIFICATIONS'),
    anonymousUsers: num('SUPABASE_AUTH_RATE_LIMIT_ANONYMOUS_USERS'),
  }
  return Object.values(t).some((v) => v !== undefined) ? t : undefined
}

/**
 * The address a URL names for a stack listening on `host`: `0.0.0.0` / `::` (every interface, for
 * tablets on the LAN: `FLOORLINE_HOST=0.0.0.0 npm run dev`) is no address to call, and this
 * machine reaches every interface at 127.0.0.1.
 */
export function reachableHost(host: string): string {
  if (host === '0.0.0.0' || host === '::' || host === '[::]') return '127.0.0.1'
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host
}

export function configFromEnv(
  root = process.cwd(),
  env: Record<string, string | undefined> = process.env,
): StackConfig {
  const port = Number(env.SUPABASE_API_PORT ?? 54321)
  // loopback unless asked: the demo keys are public, so the LAN must be opted into
  const host = env.SUPABASE_API_HOST || '127.0.0.1'
  return {
    host,
    port,
    apiUrl: `http://${reachableHost(host)}:${port}`,
    jwtSecret: env.SUPABASE_JWT_SECRET ?? DEMO_JWT_SECRET,
    signingKeys: env.SUPABASE_JWT_SIGNING_KEYS ? (JSON.parse(env.SUPABASE_JWT_SIGNING_KEYS) as JWK[]) : undefined,
    anonKey: env.SUPABASE_ANON_KEY ?? DEMO_ANON_KEY,
    serviceRoleKey: env.SUPABASE_SERVICE_ROLE_KEY ?? DEMO_SERVICE_ROLE_KEY,
    jwtExpiry: Number(env.SUPABASE_JWT_EXPIRY ?? 3600),
    signupEnabled: (env.SUPABASE_AUTH_SIGNUP ?? 'true') !== 'false',
    auth: {
      siteUrl: env.SUPABASE_AUTH_SITE_URL || undefined,
      minPasswordLength: env.SUPABASE_AUTH_MIN_PASSWORD_LENGTH
        ? Number(env.SUPABASE_AUTH_MIN_PASSWORD_LENGTH)
        : undefined,
      rateLimit: rateLimitFromEnv(env),
      rateLimitHeader: env.SUPABASE_AUTH_RATE_LIMIT_HEADER || undefined,
    },
    dataDir: env.FLOORLINE_DATA_DIR ?? path.join(root, '.floorline', 'pglite'),
    databaseUrl: env.DATABASE_URL || undefined,
    migrationsDir: path.join(root, 'supabase', 'migrations'),
    seedFile: path.join(root, 'supabase', 'seed.sql'),
    schemas: (env.SUPABASE_API_SCHEMAS ?? 'public,graphql_public').split(',').map((s) => s.trim()),
    storageDir: env.FLOORLINE_STORAGE_DIR ?? path.join(root, '.floorline', 'storage'),
    storageFileSizeLimit: env.FLOORLINE_STORAGE_FILE_SIZE_LIMIT
      ? Number(env.FLOORLINE_STORAGE_FILE_SIZE_LIMIT)
      : undefined,
    cronMinuteMs: env.FLOORLINE_CRON_MINUTE_MS ? Number(env.FLOORLINE_CRON_MINUTE_MS) : undefined,
    netPollMs: env.FLOORLINE_NET_POLL_MS ? Number(env.FLOORLINE_NET_POLL_MS) : undefined,
  }
}
