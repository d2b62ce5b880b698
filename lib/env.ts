/**
 * Where the app finds Supabase. In development the values default to the local stack
 * (`npm run stack`, or `supabase start` elsewhere): its URL and the public demo keys that every
 * Supabase CLI install prints. A production build must set them: the demo keys are public knowledge.
 *
 * `process.env.NEXT_PUBLIC_*` is written out literally so Next.js inlines it into browser bundles.
 * The service-role key lives in lib/supabase/admin.ts alone, so no browser bundle can carry it.
 */
const LOCAL_URL = 'http://127.0.0.1:54321'
const LOCAL_ANON_KEY =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJzdXBhYmFzZS1kZW1vIiwicm9sZSI6ImFub24iLCJleHAiOjE5ODM4MTI5OTZ9.CRXP1A7WOeoJeXxjNni43kdQwgnWNReilDMblYTn_I0'

const isProduction = process.env.NODE_ENV === 'production'

export function required(name: string, value: string | undefined, devDefault: string): string {
  if (value) return value
  if (!isProduction) return devDefault
  throw new Error(`${name} is not set. Set it in the environment (see .env.example) before building or starting.`)
}

export function supabaseUrl(): string {
  return required('NEXT_PUBLIC_SUPABASE_URL', process.env.NEXT_PUBLIC_SUPABASE_URL, LOCAL_URL)
}

export function supabaseAnonKey(): string {
  return required('NEXT_PUBLIC_SUPABASE_ANON_KEY', process.env.NEXT_PUBLIC_SUPABASE_ANON_KEY, LOCAL_ANON_KEY)
}
