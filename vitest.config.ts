import path from 'node:path'
import { defineConfig } from 'vitest/config'

// Contract tests for the local stack run twice, once per database (see tests/stack/harness.ts).
const stackOn = (db: 'pglite' | 'postgres') => ({
  extends: true as const,
  test: {
    name: `stack-${db}`,
    include: ['tests/stack/**/*.test.ts'],
    env: { STACK_TEST_DB: db },
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
})

export default defineConfig({
  resolve: { alias: { '@': path.resolve(import.meta.dirname) } },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts', 'lib/**/*.test.ts', 'supabase/local/**/*.test.ts'],
        },
      },
      stackOn('pglite'),
      ...(process.env.TEST_PG_URL ? [stackOn('postgres')] : []),
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          testTimeout: 30_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
})
