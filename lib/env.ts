/**
 * Where the app finds Supabase. In development the values default to the local stack
 * (`npm run stack`, or `supabase start` elsewhere): its URL and the public demo keys that every
 * Supabase CLI install prints. A production build must set them: the demo keys are public knowledge.
 *
 * `process.env.NEXT_PUBLIC_*` is written out literally so Next.js inlines it into browser bundles.
 * The service-role key lives in lib/supabase/admin.ts alone, so no browser bundle can carry it.
 *
 * The inlined URL is fixed at build time, but a browser on another machine sees this one under
 * another name: a loopback URL (`http://127.0.0.1:54321`, the local stack) means "this machine",
 * and a tablet on the workshop LAN reaches this machine by the host it typed for the page. So in
 * the browser a loopback URL takes the page's host (supabaseUrlFor); any other URL is used as set.
 */
type Default = 'NEXT_PUBLIC_SUPABASE_URL' | 'NEXT_PUBLIC_SUPABASE_ANON_KEY' | 'SUPABASE_SERVICE_ROLE_KEY'

/**
 * The local stack's URL and public demo keys (supabase/local/config.ts), for development only.
 * The literals sit behind the NODE_ENV test on purpose: a production build inlines NODE_ENV, the
 * branch is dead and the minifier drops it with its strings, so a production build's code (browser
 * or server) carries none of them. tests/e2e/bundle.spec.ts scans the e2e build's .next/static.
 */
function localDefault(name: Default): string | undefined {
  if (process.env.NODE_ENV === 'production') return undefined
  if (name === 'NEXT_PUBLIC_SUPABASE_URL') return 'http://127.0.0.1:54321'
  if (name === 'NEXT_PUBLIC_SUPABASE_ANON_KEY')
    return 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJzdXBhYmFzZS1kZW1vIiwicm9sZSI6ImFub24iLCJleHAiOjE5ODM4MTI5OTZ9.CRXP1A7WOeoJeXxjNni43kdQwgnWNReilDMblYTn_I0'
  return 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJzdXBhYmFzZS1kZW1vIiwicm9sZSI6InNlcnZpY2Vfcm9sZSIsImV4cCI6MTk4MzgxMjk5Nn0.EGIM96RAZx35lJzdJsyH-qQwv8Hdp7fsn3W0YpN81IU'
}

/**
 * `value`, or in development the local stack's. A production build never gets here without the
 * public values (next.config.ts refuses to build, lib/env-check.ts) nor `next start` without the
 * service-role key (instrumentation.ts); the throw is the last word for anything else.
 */
export function required(name: Default, value: string | undefined): string {
  const resolved = value || localDefault(name)
  if (resolved) return resolved
  throw new Error(`${name} is not set. Set it in the environment (see .env.example) before building or starting.`)
}

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/i

export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK.test(hostname)
}

/** The Supabase URL as a page served at `pageHostname` must call it (see the note above). */
export function supabaseUrlFor(configured: string, pageHostname: string | undefined): string {
  if (!pageHostname || isLoopbackHost(pageHostname)) return configured
  const url = new URL(configured)
  if (!isLoopbackHost(url.hostname)) return configured
  const path = url.pathname.replace(/\/$/, '')
  return `${url.protocol}//${pageHostname}${url.port ? `:${url.port}` : ''}${path}`
}

export function supabaseUrl(): string {
  const configured = required('NEXT_PUBLIC_SUPABASE_URL', process.env.NEXT_PUBLIC_SUPABASE_URL)
  return typeof location === 'undefined' ? configured : supabaseUrlFor(configured, location.hostname)
}

/**
 * The session cookie's name as supabase-js derives it from the URL (`sb-<first label>-auth-token`),
 * taken from the configured URL: a browser calling a page-host URL must still read and write the
 * cookie the server clients use.
 */
export function sessionStorageKey(): string {
  const configured = required('NEXT_PUBLIC_SUPABASE_URL', process.env.NEXT_PUBLIC_SUPABASE_URL)
  return `sb-${new URL(configured).hostname.split('.')[0]}-auth-token`
}

export function supabaseAnonKey(): string {
  return required('NEXT_PUBLIC_SUPABASE_ANON_KEY', process.env.NEXT_PUBLIC_SUPABASE_ANON_KEY)
}
