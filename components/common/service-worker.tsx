'use client'
import { useEffect } from 'react'

/**
 * Registers the service worker (app/sw.ts, built into public/sw.js by `serwist build`) and asks the
 * browser to keep this device's storage (the sync queue, the offline snapshot, the cached screens)
 * through storage pressure. Production builds only: `next dev` builds no service worker, and one
 * would serve stale pages while code changes.
 */
export function ServiceWorker() {
  useEffect(() => {
    if (process.env.NODE_ENV !== 'production' || !('serviceWorker' in navigator)) return
    navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch(() => {
      // plain http on a LAN address is not a secure context: no service worker there, the app still works online
    })
    void navigator.storage?.persist?.().catch(() => {})
  }, [])
  return null
}
