import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { expect, test } from '@playwright/test'
import { DEMO_ANON_KEY, DEMO_SERVICE_ROLE_KEY } from '../../supabase/local/config'
import { ANON_KEY, STACK_PORT } from './env'

/**
 * The e2e app is a production build (playwright.config.ts) given its own stack's URL and an anon
 * key that is not the demo one (tests/e2e/env.ts). So whatever of the local stack's defaults
 * (lib/env.ts: http://127.0.0.1:54321 and the demo keys) shows up in its browser code was compiled
 * in by the app itself, and a hosted build would carry it too. No second build: this reads the one
 * the suite already made.
 */
const STATIC = path.resolve(import.meta.dirname, '../../.next/static')

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(path.join(dir, e.name)) : [path.join(dir, e.name)],
  )
}

test("the production build's browser code carries the configured Supabase key and none of the local defaults", () => {
  // the scan means something only if the build's own values differ from the defaults
  expect(STACK_PORT).not.toBe(54321)
  expect(ANON_KEY).not.toBe(DEMO_ANON_KEY)
  const chunks = files(STATIC).filter((f) => f.endsWith('.js'))
  expect(chunks.length).toBeGreaterThan(10)
  const carrying = (needle: string) =>
    chunks.filter((f) => readFileSync(f, 'utf8').includes(needle)).map((f) => path.relative(STATIC, f))
  // the key the build was given is there (so this is the build the suite runs against)…
  expect(carrying(ANON_KEY).length).toBeGreaterThan(0)
  // …and nothing of the local stack's
  expect(carrying(DEMO_ANON_KEY)).toEqual([])
  expect(carrying(DEMO_SERVICE_ROLE_KEY)).toEqual([])
  expect(carrying('127.0.0.1:54321')).toEqual([])
  expect(carrying('localhost:54321')).toEqual([])
})
