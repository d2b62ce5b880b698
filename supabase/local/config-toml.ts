import { readFileSync } from 'node:fs'
import path from 'node:path'
import type { StackConfig } from './config'

/**
 * Reads the [auth] settings the local stack shares with `supabase start` from supabase/config.toml,
 * so one file configures both. Only flat `key = value` scalars of the [auth] table are read; the
 * environment (SUPABASE_AUTH_*) still wins, as it does for the CLI.
 */
export function readAuthToml(file: string): Record<string, string | number | boolean> {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch {
    return {}
  }
  const out: Record<string, string | number | boolean> = {}
  let inAuth = false
  for (const raw of text.split('\n')) {
    const line = raw.replace(/\s+#.*$/, '').trim()
    if (!line || line.startsWith('#')) continue
    const table = /^\[([^\]]+)\]$/.exec(line)
    if (table) {
      inAuth = table[1].trim() === 'auth'
      continue
    }
    if (!inAuth) continue
    const kv = /^([A-Za-z0-9_]+)\s*=\s*(.+)$/.exec(line)
    if (!kv) continue
    const v = kv[2].trim()
    if (v === 'true' || v === 'false') out[kv[1]] = v === 'true'
    else if (/^-?\d+$/.test(v)) out[kv[1]] = Number(v)
    else if (/^"(.*)"$/.test(v)) out[kv[1]] = v.slice(1, -1)
  }
  return out
}

export function applyConfigToml(
  cfg: StackConfig,
  root: string,
  env: Record<string, string | undefined> = process.env,
): StackConfig {
  const a = readAuthToml(path.join(root, 'supabase', 'config.toml'))
  const auth = { ...cfg.auth }
  if (typeof a.site_url === 'string' && !env.SUPABASE_AUTH_SITE_URL) auth.siteUrl = a.site_url
  if (typeof a.minimum_password_length === 'number' && !env.SUPABASE_AUTH_MIN_PASSWORD_LENGTH) {
    auth.minPasswordLength = a.minimum_password_length
  }
  if (typeof a.refresh_token_reuse_interval === 'number')
    auth.refreshTokenReuseInterval = a.refresh_token_reuse_interval
  const next: StackConfig = { ...cfg, auth }
  if (typeof a.jwt_expiry === 'number' && !env.SUPABASE_JWT_EXPIRY) next.jwtExpiry = a.jwt_expiry
  if (typeof a.enable_signup === 'boolean' && !env.SUPABASE_AUTH_SIGNUP) next.signupEnabled = a.enable_signup
  return next
}
