/**
 * Where the e2e stack and app listen. scripts/test-all.sh picks free ports and exports them;
 * the defaults keep clear of a running `npm run dev` (API 54321, app 3000). Read by
 * playwright.config.ts and by specs (every Playwright process loads both, so nothing random here).
 */
import { createHmac } from 'node:crypto'
import os from 'node:os'
import path from 'node:path'
import { DEMO_JWT_SECRET } from '../../supabase/local/config'

export const STACK_PORT = Number(process.env.E2E_STACK_PORT ?? 54391)
export const APP_PORT = Number(process.env.E2E_APP_PORT ?? 3101)
export const STACK_URL = `http://127.0.0.1:${STACK_PORT}`
export const APP_URL = `http://127.0.0.1:${APP_PORT}`
export const DATA_DIR = process.env.E2E_DATA_DIR ?? path.join(os.tmpdir(), `floorline-e2e-${STACK_PORT}`)

/**
 * The e2e build's anon key: signed with the local stack's secret like its demo key (so the stack
 * accepts it) but not the demo key itself, so tests/e2e/bundle.spec.ts can tell the key the build
 * was given (inlined into .next/static, as a real deploy's) from the local default (never there).
 * Its issuer is not `supabase-demo`, so next build takes it without FLOORLINE_ALLOW_LOCAL_KEYS.
 */
export const ANON_KEY = signHs256({ iss: 'floorline-e2e', role: 'anon', exp: 1983812996 }, DEMO_JWT_SECRET)

function signHs256(claims: object, secret: string): string {
  const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url')
  const body = `${part({ alg: 'HS256', typ: 'JWT' })}.${part(claims)}`
  return `${body}.${createHmac('sha256', secret).update(body).digest('base64url')}`
}

export const SERVICE_ROLE_KEY =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJzdXBhYmFzZS1kZW1vIiwicm9sZSI6InNlcnZpY2Vfcm9sZSIsImV4cCI6MTk4MzgxMjk5Nn0.EGIM96RAZx35lJzdJsyH-qQwv8Hdp7fsn3W0YpN81IU'

/** Demo accounts from supabase/seed.sql (README "Demo sign-ins"). */
export const DEMO_PASSWORD = 'floorline-demo'
