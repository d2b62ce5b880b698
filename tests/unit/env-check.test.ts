import { afterEach, describe, expect, it, vi } from 'vitest'
import { required } from '@/lib/env'
import { buildEnvProblems, startEnvProblems } from '@/lib/env-check'
import { DEMO_ANON_KEY, DEMO_SERVICE_ROLE_KEY } from '@/supabase/local/config'
import { register } from '../../instrumentation'
import nextConfig from '../../next.config'

/** A key shaped like a hosted project's (claims only; nothing here verifies signatures). */
const jwt = (claims: object) =>
  `eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.c2lnbmF0dXJl`
const HOSTED_URL = 'https://abcdefghijklmnop.supabase.co'
const HOSTED_ANON = jwt({ iss: 'supabase', ref: 'abcdefghijklmnop', role: 'anon', iat: 1700000000, exp: 2000000000 })
const hosted = { NEXT_PUBLIC_SUPABASE_URL: HOSTED_URL, NEXT_PUBLIC_SUPABASE_ANON_KEY: HOSTED_ANON }

afterEach(() => {
  vi.unstubAllEnvs()
  vi.restoreAllMocks()
})

describe('buildEnvProblems: what next build refuses', () => {
  it("builds with a hosted project's URL and anon key, or its publishable key", () => {
    expect(buildEnvProblems(hosted)).toEqual([])
    expect(buildEnvProblems({ ...hosted, NEXT_PUBLIC_SUPABASE_ANON_KEY: 'sb_publishable_abc123' })).toEqual([])
  })

  it('refuses a missing URL or key, naming each, even with FLOORLINE_ALLOW_LOCAL_KEYS', () => {
    expect(buildEnvProblems({ NEXT_PUBLIC_SUPABASE_ANON_KEY: HOSTED_ANON })).toEqual([
      expect.stringMatching(/^NEXT_PUBLIC_SUPABASE_URL is not set/),
    ])
    expect(buildEnvProblems({ NEXT_PUBLIC_SUPABASE_URL: HOSTED_URL, NEXT_PUBLIC_SUPABASE_ANON_KEY: '' })).toEqual([
      expect.stringMatching(/^NEXT_PUBLIC_SUPABASE_ANON_KEY is not set/),
    ])
    expect(buildEnvProblems({ FLOORLINE_ALLOW_LOCAL_KEYS: '1' })).toEqual([
      expect.stringMatching(/^NEXT_PUBLIC_SUPABASE_URL is not set/),
      expect.stringMatching(/^NEXT_PUBLIC_SUPABASE_ANON_KEY is not set/),
    ])
  })

  it('refuses a URL that is not an http(s) URL', () => {
    expect(buildEnvProblems({ ...hosted, NEXT_PUBLIC_SUPABASE_URL: 'abcdefghijklmnop.supabase.co' })).toEqual([
      'NEXT_PUBLIC_SUPABASE_URL is not a URL: "abcdefghijklmnop.supabase.co".',
    ])
    expect(buildEnvProblems({ ...hosted, NEXT_PUBLIC_SUPABASE_URL: 'ftp://abcdefghijklmnop.supabase.co' })).toEqual([
      'NEXT_PUBLIC_SUPABASE_URL is not an http(s) URL: "ftp://abcdefghijklmnop.supabase.co".',
    ])
  })

  it("refuses the local stack's URL under any loopback name, unless FLOORLINE_ALLOW_LOCAL_KEYS=1", () => {
    for (const url of ['http://127.0.0.1:54321', 'http://localhost:54321/', 'http://[::1]:54321']) {
      expect(buildEnvProblems({ ...hosted, NEXT_PUBLIC_SUPABASE_URL: url })).toEqual([
        expect.stringMatching(/^NEXT_PUBLIC_SUPABASE_URL is the local stack's .*FLOORLINE_ALLOW_LOCAL_KEYS=1/),
      ])
      expect(buildEnvProblems({ ...hosted, NEXT_PUBLIC_SUPABASE_URL: url, FLOORLINE_ALLOW_LOCAL_KEYS: '1' })).toEqual(
        [],
      )
    }
  })

  it('takes a Supabase of its own on this machine (another port) or on the LAN', () => {
    expect(buildEnvProblems({ ...hosted, NEXT_PUBLIC_SUPABASE_URL: 'http://127.0.0.1:8000' })).toEqual([])
    expect(buildEnvProblems({ ...hosted, NEXT_PUBLIC_SUPABASE_URL: 'http://192.168.1.50:54321' })).toEqual([])
  })

  it("refuses the local stack's demo anon key, unless FLOORLINE_ALLOW_LOCAL_KEYS=1 (exactly)", () => {
    const demo = { ...hosted, NEXT_PUBLIC_SUPABASE_ANON_KEY: DEMO_ANON_KEY }
    expect(buildEnvProblems(demo)).toEqual([
      expect.stringMatching(/^NEXT_PUBLIC_SUPABASE_ANON_KEY is the local stack's public demo key/),
    ])
    expect(buildEnvProblems({ ...demo, FLOORLINE_ALLOW_LOCAL_KEYS: 'true' })).toHaveLength(1)
    expect(buildEnvProblems({ ...demo, FLOORLINE_ALLOW_LOCAL_KEYS: '1' })).toEqual([])
  })

  it('refuses a service-role or secret key as the anon key, whatever FLOORLINE_ALLOW_LOCAL_KEYS says', () => {
    for (const key of [
      DEMO_SERVICE_ROLE_KEY,
      jwt({ iss: 'supabase', role: 'service_role', exp: 2000000000 }),
      'sb_secret_abc123',
    ]) {
      for (const allow of [{}, { FLOORLINE_ALLOW_LOCAL_KEYS: '1' }]) {
        expect(buildEnvProblems({ ...hosted, ...allow, NEXT_PUBLIC_SUPABASE_ANON_KEY: key })).toEqual([
          expect.stringMatching(/^NEXT_PUBLIC_SUPABASE_ANON_KEY is a service-role \(secret\) key/),
        ])
      }
    }
  })

  it('reports the URL and the key together', () => {
    expect(
      buildEnvProblems({
        NEXT_PUBLIC_SUPABASE_URL: 'http://127.0.0.1:54321',
        NEXT_PUBLIC_SUPABASE_ANON_KEY: DEMO_ANON_KEY,
      }),
    ).toHaveLength(2)
  })
})

describe('startEnvProblems: what next start refuses', () => {
  it('refuses to start without SUPABASE_SERVICE_ROLE_KEY, naming it', () => {
    expect(startEnvProblems({})).toEqual([expect.stringMatching(/^SUPABASE_SERVICE_ROLE_KEY is not set/)])
    expect(startEnvProblems({ SUPABASE_SERVICE_ROLE_KEY: '' })).toHaveLength(1)
    expect(startEnvProblems({ SUPABASE_SERVICE_ROLE_KEY: 'sb_secret_abc123' })).toEqual([])
  })
})

/** Runs `fn` with process.exit and console.error caught; what it printed and the exit code. */
async function run(fn: () => unknown) {
  const exit = vi.spyOn(process, 'exit').mockImplementation((() => undefined) as never)
  const error = vi.spyOn(console, 'error').mockImplementation(() => {})
  const result = await fn()
  return { result, exit, printed: error.mock.calls.map((c) => String(c[0])) }
}

describe('where the checks run', () => {
  it('next.config refuses a production build with one line per variable and exit 1', async () => {
    vi.stubEnv('NEXT_PUBLIC_SUPABASE_URL', HOSTED_URL)
    vi.stubEnv('NEXT_PUBLIC_SUPABASE_ANON_KEY', '')
    const { exit, printed } = await run(() => nextConfig('phase-production-build'))
    expect(printed).toEqual([expect.stringMatching(/^next build refused: NEXT_PUBLIC_SUPABASE_ANON_KEY is not set/)])
    expect(exit).toHaveBeenCalledWith(1)
  })

  it('next.config lets next dev and next start through without the values', async () => {
    vi.stubEnv('NEXT_PUBLIC_SUPABASE_URL', '')
    vi.stubEnv('NEXT_PUBLIC_SUPABASE_ANON_KEY', '')
    for (const phase of ['phase-development-server', 'phase-production-server']) {
      const { exit, result } = await run(() => nextConfig(phase))
      expect(exit).not.toHaveBeenCalled()
      expect(result).toHaveProperty('poweredByHeader', false)
    }
  })

  it('register() stops a production server without the service-role key: one line, exit 1', async () => {
    vi.stubEnv('NEXT_RUNTIME', 'nodejs')
    vi.stubEnv('NODE_ENV', 'production')
    vi.stubEnv('SUPABASE_SERVICE_ROLE_KEY', '')
    const { exit, printed } = await run(register)
    expect(printed).toEqual([expect.stringMatching(/^next start refused: SUPABASE_SERVICE_ROLE_KEY is not set/)])
    expect(exit).toHaveBeenCalledWith(1)
  })

  it('register() lets through a server with the key, next dev, the build and the edge runtime', async () => {
    const cases: Record<string, string>[] = [
      { NEXT_RUNTIME: 'nodejs', NODE_ENV: 'production', SUPABASE_SERVICE_ROLE_KEY: 'sb_secret_abc123' },
      { NEXT_RUNTIME: 'nodejs', NODE_ENV: 'development', SUPABASE_SERVICE_ROLE_KEY: '' },
      {
        NEXT_RUNTIME: 'nodejs',
        NODE_ENV: 'production',
        SUPABASE_SERVICE_ROLE_KEY: '',
        NEXT_PHASE: 'phase-production-build',
      },
      { NEXT_RUNTIME: 'edge', NODE_ENV: 'production', SUPABASE_SERVICE_ROLE_KEY: '' },
    ]
    for (const env of cases) {
      vi.unstubAllEnvs()
      for (const [k, v] of Object.entries(env)) vi.stubEnv(k, v)
      const { exit } = await run(register)
      expect(exit, JSON.stringify(env)).not.toHaveBeenCalled()
      vi.restoreAllMocks()
    }
  })
})

describe("lib/env.ts's local defaults", () => {
  it("are the local stack's, outside production", () => {
    expect(required('NEXT_PUBLIC_SUPABASE_URL', undefined)).toBe('http://127.0.0.1:54321')
    expect(required('NEXT_PUBLIC_SUPABASE_ANON_KEY', undefined)).toBe(DEMO_ANON_KEY)
    expect(required('SUPABASE_SERVICE_ROLE_KEY', '')).toBe(DEMO_SERVICE_ROLE_KEY)
    expect(required('NEXT_PUBLIC_SUPABASE_ANON_KEY', 'set')).toBe('set')
  })

  it('do not apply in production', () => {
    vi.stubEnv('NODE_ENV', 'production')
    expect(() => required('NEXT_PUBLIC_SUPABASE_ANON_KEY', undefined)).toThrow(
      /NEXT_PUBLIC_SUPABASE_ANON_KEY is not set/,
    )
    expect(required('NEXT_PUBLIC_SUPABASE_ANON_KEY', 'set')).toBe('set')
  })
})
