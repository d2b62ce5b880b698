import { readFileSync } from 'node:fs'
import path from 'node:path'
import type { RateLimitTuning, StackConfig } from './config'

type Scalars = Record<string, string | number | boolean>

/**
 * The flat `key = value` scalars of one table of a TOML file (`auth`, `auth.email`,
 * `auth.rate_limit`): enough for the settings the local stack shares with `supabase start`.
 * Sub-tables are tables of their own; an absent file or table reads as {}.
 */
export function readTomlTable(file: string, name: string): Scalars {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch {
    return {}
  }
  const out: Scalars = {}
  let inTable = false
  for (const raw of text.split('\n')) {
    const line = raw.replace(/\s+#.*$/, '').trim()
    if (!line || line.startsWith('#')) continue
    const table = /^\[([^\]]+)\]$/.exec(line)
    if (table) {
      inTable = table[1].trim() === name
      continue
    }
    if (!inTable) continue
    const kv = /^([A-Za-z0-9_]+)\s*=\s*(.+)$/.exec(line)
    if (!kv) continue
    const v = kv[2].trim()
    if (v === 'true' || v === 'false') out[kv[1]] = v === 'true'
    else if (/^-?\d+$/.test(v)) out[kv[1]] = Number(v)
    else if (/^"(.*)"$/.test(v)) out[kv[1]] = v.slice(1, -1)
  }
  return out
}

/** The flat scalars of [auth] only (not of its sub-tables). */
export const readAuthToml = (file: string): Scalars => readTomlTable(file, 'auth')

/** "1s", "60s", "2m", "1h" (the CLI's duration strings) in seconds; undefined when unreadable. */
function seconds(v: unknown): number | undefined {
  if (typeof v !== 'string') return undefined
  const m = /^(\d+)(s|m|h)$/.exec(v.trim())
  if (!m) return undefined
  return Number(m[1]) * { s: 1, m: 60, h: 3600 }[m[2] as 's' | 'm' | 'h']
}

/** [auth.rate_limit]: the CLI passes these to GoTrue as GOTRUE_RATE_LIMIT_*. */
export function readRateLimits(file: string): RateLimitTuning {
  const r = readTomlTable(file, 'auth.rate_limit')
  const n = (k: string) => (typeof r[k] === 'number' ? (r[k] as number) : undefined)
  return {
    tokenRefresh: n('token_refresh'),
    signInSignUps: n('sign_in_sign_ups'),
    tokenVerifications: n('token_verifications'),
    anonymousUsers: n('anonymous_users'),
  }
}

/**
 * Applies supabase/config.toml's [auth], [auth.email] and [auth.rate_limit] settings to the stack
 * config, so one file configures both stacks. The environment (SUPABASE_AUTH_*) still wins, as it
 * does for the CLI.
 */
export function applyConfigToml(
  cfg: StackConfig,
  root: string,
  env: Record<string, string | undefined> = process.env,
): StackConfig {
  const file = path.join(root, 'supabase', 'config.toml')
  const a = readAuthToml(file)
  const email = readTomlTable(file, 'auth.email')
  const auth = { ...cfg.auth }
  if (typeof a.site_url === 'string' && !env.SUPABASE_AUTH_SITE_URL) auth.siteUrl = a.site_url
  if (typeof a.minimum_password_length === 'number' && !env.SUPABASE_AUTH_MIN_PASSWORD_LENGTH) {
    auth.minPasswordLength = a.minimum_password_length
  }
  if (typeof a.refresh_token_reuse_interval === 'number')
    auth.refreshTokenReuseInterval = a.refresh_token_reuse_interval
  if (typeof email.secure_password_change === 'boolean') auth.securePasswordChange = email.secure_password_change
  const freq = seconds(email.max_frequency)
  if (freq !== undefined) auth.maxFrequency = freq
  const limits = readRateLimits(file)
  if (Object.values(limits).some((v) => v !== undefined)) {
    // a limit set in the environment (SUPABASE_AUTH_RATE_LIMIT_*) wins over the file's
    const fromEnv = Object.fromEntries(Object.entries(cfg.auth?.rateLimit ?? {}).filter(([, v]) => v !== undefined))
    auth.rateLimit = { ...limits, ...fromEnv }
  }
  const next: StackConfig = { ...cfg, auth }
  if (typeof a.jwt_expiry === 'number' && !env.SUPABASE_JWT_EXPIRY) next.jwtExpiry = a.jwt_expiry
  if (typeof a.enable_signup === 'boolean' && !env.SUPABASE_AUTH_SIGNUP) next.signupEnabled = a.enable_signup
  return next
}
