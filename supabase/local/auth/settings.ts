import type { RateLimitTuning, StackConfig } from '../config'

/**
 * The GoTrue configuration the subset runs with. Read per request, never cached: the server learns
 * its real port (cfg.apiUrl) only after listening, and tests tune cfg between calls.
 */
export interface AuthSettings {
  /** `iss` of access tokens: GoTrue's API_EXTERNAL_URL + /auth/v1, as `supabase start` sets it. */
  issuer: string
  externalUrl: string
  siteUrl: string
  jwtSecret: string
  jwtExpiry: number
  signupEnabled: boolean
  refreshTokenReuseInterval: number
  otpExpiry: number
  minPasswordLength: number
  /** A password change needs a session under 24 h old or a reauthentication nonce. */
  securePasswordChange: boolean
  /** Seconds before another reauthentication code may be sent to the same user. */
  maxFrequency: number
  /** Per-IP limits; null = no limiting. */
  rateLimit: RateLimitTuning | null
  /** Header keying the per-IP limits (a trusted proxy's); null = the socket address. */
  rateLimitHeader: string | null
}

export const GOTRUE_VERSION = 'v2.180.0-floorline-local'

export function settingsOf(cfg: StackConfig): AuthSettings {
  const a = cfg.auth ?? {}
  const externalUrl = `${cfg.apiUrl}/auth/v1`
  return {
    issuer: externalUrl,
    externalUrl,
    siteUrl: a.siteUrl ?? 'http://127.0.0.1:3000',
    jwtSecret: cfg.jwtSecret,
    jwtExpiry: cfg.jwtExpiry,
    signupEnabled: cfg.signupEnabled,
    // GoTrue's default (and `supabase start`'s refresh_token_reuse_interval)
    refreshTokenReuseInterval: a.refreshTokenReuseInterval ?? 10,
    // GoTrue defaults to an hour; one-time links here live at most 10 minutes
    otpExpiry: Math.min(a.otpExpiry ?? 600, 600),
    minPasswordLength: Math.max(a.minPasswordLength ?? 6, 6),
    // GoTrue's default is off; supabase/config.toml turns it on
    securePasswordChange: a.securePasswordChange ?? false,
    // GoTrue's SMTP_MAX_FREQUENCY default
    maxFrequency: a.maxFrequency ?? 60,
    rateLimit: a.rateLimit ?? null,
    rateLimitHeader: a.rateLimitHeader?.toLowerCase() ?? null,
  }
}

/** GET /settings, in GoTrue's shape: only email and phone (password) sign-in are on. */
export function publicSettings(s: AuthSettings): Record<string, unknown> {
  const external: Record<string, boolean> = {}
  for (const p of [
    'anonymous_users',
    'apple',
    'azure',
    'bitbucket',
    'discord',
    'facebook',
    'figma',
    'fly',
    'github',
    'gitlab',
    'google',
    'keycloak',
    'kakao',
    'linkedin',
    'linkedin_oidc',
    'notion',
    'spotify',
    'slack',
    'slack_oidc',
    'workos',
    'twitch',
    'twitter',
    'x',
    'zoom',
    'web3_solana',
    'web3_ethereum',
  ]) {
    external[p] = false
  }
  external.email = true
  external.phone = true
  return {
    external,
    disable_signup: !s.signupEnabled,
    mailer_autoconfirm: true,
    phone_autoconfirm: true,
    sms_provider: '',
    saml_enabled: false,
  }
}
