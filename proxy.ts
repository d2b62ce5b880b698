import type { NextRequest } from 'next/server'
import { updateSession } from '@/lib/supabase/proxy'
import { trackingGate } from '@/lib/tracking/gate'

export async function proxy(request: NextRequest) {
  // the public tracking page is rate-limited per address before anything renders
  if (request.nextUrl.pathname.startsWith('/track/')) {
    const limited = trackingGate(request)
    if (limited) return limited
  }
  return updateSession(request)
}

export const config = {
  // Pages only: skip Next's assets, images and files with an extension, and the API (lib/route.ts
  // verifies and refreshes its caller itself; running the proxy there too cost every API request).
  matcher: [
    '/((?!api/|_next/static|_next/image|favicon.ico|.*\\.(?:svg|png|jpg|jpeg|gif|webp|ico|css|js|map|txt)$).*)',
  ],
}
