import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { configFromEnv } from './config'
import { applyConfigToml, readAuthToml } from './config-toml'

const root = mkdtempSync(path.join(tmpdir(), 'fl-toml-'))
mkdirSync(path.join(root, 'supabase'))
writeFileSync(
  path.join(root, 'supabase', 'config.toml'),
  `[api]\nport = 54321\n\n[auth]\nsite_url = "http://localhost:3000" # the app\njwt_expiry = 1800\nenable_signup = false\nminimum_password_length = 8\n\n[auth.email]\nenable_signup = true\nsecure_password_change = true\nmax_frequency = "1s"\n\n[auth.rate_limit]\ntoken_refresh = 150\nsign_in_sign_ups = 30\ntoken_verifications = 30\n`,
)

describe('supabase/config.toml [auth]', () => {
  it('reads flat scalars of [auth] only, not of sub-tables', () => {
    expect(readAuthToml(path.join(root, 'supabase', 'config.toml'))).toEqual({
      site_url: 'http://localhost:3000',
      jwt_expiry: 1800,
      enable_signup: false,
      minimum_password_length: 8,
    })
  })
  it('applies them to the stack config, with the environment winning', () => {
    const cfg = applyConfigToml(configFromEnv(root, {}), root, {})
    expect(cfg).toMatchObject({
      jwtExpiry: 1800,
      signupEnabled: false,
      auth: { siteUrl: 'http://localhost:3000', minPasswordLength: 8 },
    })
    const env = { SUPABASE_AUTH_SIGNUP: 'true' }
    expect(applyConfigToml(configFromEnv(root, env), root, env).signupEnabled).toBe(true)
  })
  it('reads secure_password_change, max_frequency and [auth.rate_limit]; SUPABASE_AUTH_RATE_LIMIT_* wins', () => {
    expect(applyConfigToml(configFromEnv(root, {}), root, {}).auth).toMatchObject({
      securePasswordChange: true,
      maxFrequency: 1,
      rateLimit: { tokenRefresh: 150, signInSignUps: 30, tokenVerifications: 30 },
    })
    const env = { SUPABASE_AUTH_RATE_LIMIT_TOKEN_REFRESH: '5000' }
    expect(applyConfigToml(configFromEnv(root, env), root, env).auth?.rateLimit).toMatchObject({
      tokenRefresh: 5000,
      signInSignUps: 30,
    })
  })
  it('is a no-op without a config file', () => {
    const bare = mkdtempSync(path.join(tmpdir(), 'fl-toml-none-'))
    const cfg = configFromEnv(bare, {})
    expect(applyConfigToml(cfg, bare, {})).toMatchObject({ jwtExpiry: cfg.jwtExpiry, signupEnabled: cfg.signupEnabled })
  })
})
