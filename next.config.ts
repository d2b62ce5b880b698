import type { NextConfig } from 'next'
import { PHASE_PRODUCTION_BUILD } from 'next/constants'
import { devOrigins } from './lib/dev-origins'
import { buildEnvProblems } from './lib/env-check'

const nextConfig: NextConfig = {
  // `ws` is the realtime transport on Node 20 (lib/supabase/*); bundling it breaks its optional
  // native add-ons, so Node loads it from node_modules.
  serverExternalPackages: ['ws'],
  poweredByHeader: false,
  // `next dev` only: this machine's own addresses and FLOORLINE_HOST, so a tablet on the LAN hydrates
  allowedDevOrigins: devOrigins(),
  typescript: {
    // npm test type-checks the whole repo as a step of its own; its e2e build skips doing it twice.
    // Every other build (deploys included) type-checks.
    ignoreBuildErrors: process.env.FLOORLINE_SKIP_BUILD_TYPECHECK === '1',
  },
}

/**
 * `next build` refuses to build without the Supabase values it inlines into the browser's code, or
 * with the local stack's (lib/env-check.ts): one line per variable, exit 1, before compiling anything.
 */
export default function config(phase: string): NextConfig {
  // `next typegen` (npm run typecheck) loads this config in the build phase too, but builds nothing
  // and inlines nothing: only a real build is checked.
  const typegen = process.argv.includes('typegen')
  if (phase === PHASE_PRODUCTION_BUILD && !typegen) {
    const problems = buildEnvProblems(process.env)
    if (problems.length > 0) {
      for (const problem of problems) console.error(`next build refused: ${problem}`)
      process.exit(1)
    }
  }
  return nextConfig
}
