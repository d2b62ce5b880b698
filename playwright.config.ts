import { defineConfig, devices } from '@playwright/test'
import { ANON_KEY, APP_PORT, APP_URL, DATA_DIR, SERVICE_ROLE_KEY, STACK_PORT, STACK_URL } from './tests/e2e/env'

/**
 * e2e against the production build (`next build && next start`) on a local stack with a fresh
 * embedded database, on ports of its own (tests/e2e/env.ts). The app is built here because
 * NEXT_PUBLIC_* are inlined at build time: the build must see the e2e stack's URL and keys.
 * E2E_SKIP_BUILD=1 reuses a build made with the same values.
 *
 * Specs do not depend on each other: each makes the batches, orders, members and workshops it moves
 * or changes (tests/e2e/fixtures/data.ts) and only reads the seeded demo data. So they pass in any
 * order and in parallel: `npm run test:e2e:shuffle` (random order of every test, the seed printed
 * in the header: pass it back with --shuffle=<seed> to repeat an order) and
 * `playwright test --fully-parallel --workers 2`. `npm test` runs them in file order on one worker.
 */
const appEnv = {
  NEXT_PUBLIC_SUPABASE_URL: STACK_URL,
  NEXT_PUBLIC_SUPABASE_ANON_KEY: ANON_KEY,
  SUPABASE_SERVICE_ROLE_KEY: SERVICE_ROLE_KEY,
  NEXT_TELEMETRY_DISABLED: '1',
  // the stack's fake SMS gateway speaks the providers' APIs (next start is production: no loopback default)
  SMS_GATEWAY_URL: STACK_URL,
  // scripts/test-all.sh type-checks as a step of its own
  ...(process.env.FLOORLINE_SKIP_BUILD_TYPECHECK ? { FLOORLINE_SKIP_BUILD_TYPECHECK: '1' } : {}),
}

const chromium = {
  ...devices['Desktop Chrome'],
  launchOptions: {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  },
}

export default defineConfig({
  testDir: 'tests/e2e',
  outputDir: 'test-results',
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? 'list' : [['list'], ['html', { open: 'never' }]],
  use: {
    baseURL: APP_URL,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [{ name: 'chromium', use: chromium }],
  webServer: [
    {
      name: 'stack',
      command: 'node_modules/.bin/tsx supabase/local/main.ts --reset',
      port: STACK_PORT,
      env: {
        SUPABASE_API_PORT: String(STACK_PORT),
        SUPABASE_ANON_KEY: ANON_KEY,
        FLOORLINE_DATA_DIR: DATA_DIR,
        FLOORLINE_STORAGE_DIR: `${DATA_DIR}-storage`,
      },
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: 'pipe',
    },
    {
      name: 'app',
      // `serwist build` after `next build`: the service worker (app/sw.ts) with the build's precache manifest
      command: `${process.env.E2E_SKIP_BUILD ? '' : 'node_modules/.bin/next build && node_modules/.bin/serwist build && '}node_modules/.bin/next start -H 127.0.0.1 -p ${APP_PORT}`,
      url: APP_URL,
      env: appEnv,
      reuseExistingServer: false,
      timeout: 300_000,
      stdout: 'pipe',
    },
  ],
})
