import { defineConfig } from '@playwright/test'
import base from './playwright.config'

/**
 * `npm run screenshots` (not part of `npm test`): every route on tablet landscape and portrait, phone
 * and desktop, in light and dark, into one folder (screenshots/, git-ignored) for a reviewer. Same
 * stack and build as the e2e suite (E2E_STACK_PORT / E2E_APP_PORT / E2E_SKIP_BUILD apply).
 */
export default defineConfig({
  ...base,
  testDir: 'tests/screenshots',
  outputDir: 'test-results/screenshots',
  timeout: 300_000,
  reporter: 'list',
})
