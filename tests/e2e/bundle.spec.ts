import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { expect, type Page, test } from '@playwright/test'
import { DEMO_ANON_KEY, DEMO_SERVICE_ROLE_KEY } from '../../supabase/local/config'
import { ANON_KEY, DEMO_PASSWORD, STACK_PORT } from './env'
import { BatchBoardPage } from './pages/batch-board-page'
import { TrackPage } from './pages/track-page'
import { signInAs } from './session'

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

// Strings that survive minification in auth-js ("GoTrueClient@…" log prefix) and postgrest-js
// (its error's name): a page whose scripts carry either loads supabase-js, not realtime-js alone.
const SUPABASE_JS = ['GoTrueClient@', 'PostgrestError']

/** Every script the page has loaded so far (lazy chunks included), by content. */
async function scriptsOf(page: Page): Promise<{ url: string; text: string }[]> {
  const urls = await page.evaluate(() =>
    performance
      .getEntriesByType('resource')
      .map((e) => e.name)
      .filter((n) => new URL(n).pathname.endsWith('.js')),
  )
  return Promise.all(urls.map(async (url) => ({ url, text: await (await page.request.get(url)).text() })))
}

async function expectNoSupabaseJs(page: Page, what: string) {
  const scripts = await scriptsOf(page)
  expect(scripts.length, what).toBeGreaterThan(0)
  const carrying = scripts.filter((s) => SUPABASE_JS.some((m) => s.text.includes(m))).map((s) => s.url)
  expect(carrying, `${what} loads supabase-js`).toEqual([])
}

test('sign-in, tracking, the board and the floor load no supabase-js: realtime-js alone where they are live', async ({
  browser,
}) => {
  const anon = await browser.newContext()
  const page = await anon.newPage()
  await page.goto('/login')
  await page.waitForLoadState('networkidle')
  await expectNoSupabaseJs(page, '/login')
  const track = new TrackPage(page)
  await track.open('/track/demo-aurora-track-0001')
  await expect(track.live).toHaveAttribute('data-live', 'true')
  await expectNoSupabaseJs(page, '/track')
  await anon.close()

  const manager = await browser.newContext()
  await signInAs(manager, 'manager@aurora.test', DEMO_PASSWORD)
  const board = new BatchBoardPage(await manager.newPage())
  await board.goto('aurora') // live: joined through realtime-js, and read once by the server action
  await expectNoSupabaseJs(board.page, '/aurora/batches')
  await board.page.goto('/aurora/floor')
  await board.page.waitForLoadState('networkidle')
  await expectNoSupabaseJs(board.page, '/aurora/floor')
  await manager.close()
})
