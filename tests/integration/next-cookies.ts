/**
 * Server actions outside Next.js: `next/headers`' cookie store backed by a jar per "browser", so an
 * integration test calls the app's real actions (lib/**\/actions.ts) against the test stack, one
 * device at a time. Test files mock the Next modules with these (vi.mock is per file):
 *
 *   const jar = vi.hoisted(() => ({ current: new Map<string, string>() }))
 *   vi.mock('next/headers', async () => (await import('./next-cookies')).nextHeaders(jar))
 *   vi.mock('next/cache', () => ({ revalidatePath: () => {}, revalidateTag: () => {} }))
 *   vi.mock('server-only', () => ({}))
 *   // actions that defer work with after() (a summary refresh) also need:
 *   vi.mock('next/server', async (o) => ({ ...(await o<typeof import('next/server')>()), after: (f) => void Promise.resolve().then(f) }))
 */
import type { TestStack } from '../stack/harness'

export type Jar = { current: Map<string, string> }

interface CookieOptions {
  maxAge?: number
  expires?: Date
}

export function nextHeaders(jar: Jar) {
  const store = {
    getAll: () => [...jar.current].map(([name, value]) => ({ name, value })),
    get: (name: string) => (jar.current.has(name) ? { name, value: jar.current.get(name) ?? '' } : undefined),
    has: (name: string) => jar.current.has(name),
    set(name: string | { name: string; value: string }, value?: string, options?: CookieOptions) {
      const [n, v] = typeof name === 'string' ? [name, value ?? ''] : [name.name, name.value]
      const expired = options?.maxAge === 0 || (options?.expires && options.expires.getTime() <= Date.now())
      if (v === '' || expired) jar.current.delete(n)
      else jar.current.set(n, v)
      return store
    },
    delete(name: string) {
      jar.current.delete(name)
      return store
    },
  }
  return { cookies: async () => store, headers: async () => new Headers() }
}

/** Points lib/env and lib/supabase/admin at the test stack. */
export function useStack(t: TestStack) {
  process.env.NEXT_PUBLIC_SUPABASE_URL = t.url
  process.env.NEXT_PUBLIC_SUPABASE_ANON_KEY = t.cfg.anonKey
  process.env.SUPABASE_SERVICE_ROLE_KEY = t.cfg.serviceRoleKey
}

/** Runs an action that ends in redirect(): the redirect target, or the action's answer. */
export async function followRedirect<T>(run: () => Promise<T>): Promise<{ redirectedTo: string } | { result: T }> {
  try {
    return { result: await run() }
  } catch (error) {
    const digest = (error as { digest?: unknown }).digest
    if (typeof digest === 'string' && digest.startsWith('NEXT_REDIRECT')) return { redirectedTo: digest.split(';')[2] }
    throw error
  }
}
