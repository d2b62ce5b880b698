import type { BrowserContext } from '@playwright/test'
import { createServerClient } from '@supabase/ssr'
import WebSocket from 'ws'
import { ANON_KEY, APP_URL, STACK_URL } from './env'

/**
 * Signs in through the e2e stack with @supabase/ssr — the same cookie format the app reads — and
 * puts the session cookies into the browser context. For specs that need a signed-in person but
 * are not about signing in (tests of /login drive the form instead).
 */
export async function signInAs(context: BrowserContext, email: string, password: string): Promise<void> {
  const jar = new Map<string, string>()
  const supabase = createServerClient(STACK_URL, ANON_KEY, {
    cookies: {
      getAll: () => [...jar].map(([name, value]) => ({ name, value })),
      setAll: (cookies) => {
        for (const { name, value } of cookies) {
          if (value) jar.set(name, value)
          else jar.delete(name)
        }
      },
    },
    realtime: { transport: WebSocket as never },
  })
  const { error } = await supabase.auth.signInWithPassword({ email, password })
  if (error) throw new Error(`sign-in as ${email} failed: ${error.message}`)
  if (jar.size === 0) throw new Error('sign-in returned no session cookie')
  await context.addCookies([...jar].map(([name, value]) => ({ name, value, url: APP_URL, sameSite: 'Lax' as const })))
}
