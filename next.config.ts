import type { NextConfig } from 'next'
import { devOrigins } from './lib/dev-origins'

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

export default nextConfig
