/**
 * Where the e2e stack and app listen. scripts/test-all.sh picks free ports and exports them;
 * the defaults keep clear of a running `npm run dev` (API 54321, app 3000). Read by
 * playwright.config.ts and by specs (every Playwright process loads both, so nothing random here).
 */
import os from 'node:os'
import path from 'node:path'

export const STACK_PORT = Number(process.env.E2E_STACK_PORT ?? 54391)
export const APP_PORT = Number(process.env.E2E_APP_PORT ?? 3101)
export const STACK_URL = `http://127.0.0.1:${STACK_PORT}`
export const APP_URL = `http://127.0.0.1:${APP_PORT}`
export const DATA_DIR = process.env.E2E_DATA_DIR ?? path.join(os.tmpdir(), `floorline-e2e-${STACK_PORT}`)

// The public demo key of every local Supabase stack (supabase/local/config.ts).
export const ANON_KEY =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJzdXBhYmFzZS1kZW1vIiwicm9sZSI6ImFub24iLCJleHAiOjE5ODM4MTI5OTZ9.CRXP1A7WOeoJeXxjNni43kdQwgnWNReilDMblYTn_I0'

export const SERVICE_ROLE_KEY =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJzdXBhYmFzZS1kZW1vIiwicm9sZSI6InNlcnZpY2Vfcm9sZSIsImV4cCI6MTk4MzgxMjk5Nn0.EGIM96RAZx35lJzdJsyH-qQwv8Hdp7fsn3W0YpN81IU'

/** Demo accounts from supabase/seed.sql (README "Demo sign-ins"). */
export const DEMO_PASSWORD = 'floorline-demo'
