import type { NextConfig } from 'next'

const nextConfig: NextConfig = {
  // `ws` is the realtime transport on Node 20 (lib/supabase/*); bundling it breaks its optional
  // native add-ons, so Node loads it from node_modules.
  serverExternalPackages: ['ws'],
  poweredByHeader: false,
  typescript: {
    // npm test type-checks the whole repo as a step of its own; its e2e build skips doing it twice.
    // Every other build (deploys included) type-checks.
    ignoreBuildErrors: process.env.FLOORLINE_SKIP_BUILD_TYPECHECK === '1',
  },
}

export default nextConfig
