'use client'
import { useEffect } from 'react'
import { FLOOR_PAGES_CACHE, LAST_SCREEN_KEY, tabletScreens } from '@/lib/offline/tablet-screens'

/** Loaded in the background at most this often per screen, so every tablet screen has a fresh copy. */
const WARM_EVERY_MS = 10 * 60_000

/**
 * Makes a workshop's tablet screens open offline (lib/offline/tablet-screens.ts).
 * - `signedIn`: someone works on this tablet: this screen is remembered as the last one, and the
 *   service worker loads every screen in the background so each has a copy of its own.
 * - otherwise (the PIN pad, "PIN in first"): the copies of the operator's screens are deleted, so a
 *   tablet offline never opens the previous operator's screen for the next person.
 */
export function OfflineReady({ slug, signedIn }: { slug: string; signedIn: boolean }) {
  useEffect(() => {
    if (!('serviceWorker' in navigator) || typeof caches === 'undefined') return
    const screens = tabletScreens(slug)
    const warmKey = `floorline.warmed.${slug}`
    if (!signedIn) {
      sessionStorage.removeItem(warmKey)
      if (localStorage.getItem(LAST_SCREEN_KEY)?.startsWith(`/${encodeURIComponent(slug)}/`))
        localStorage.setItem(LAST_SCREEN_KEY, `/${encodeURIComponent(slug)}/station`)
      void caches.open(FLOOR_PAGES_CACHE).then(async (cache) => {
        for (const path of screens.filter((p) => !p.endsWith('/station')))
          await cache.delete(new URL(path, location.origin).href, { ignoreVary: true })
      })
      return
    }
    localStorage.setItem(LAST_SCREEN_KEY, location.pathname)
    const last = Number(sessionStorage.getItem(warmKey) ?? 0)
    if (Date.now() - last < WARM_EVERY_MS) return
    void navigator.serviceWorker.ready.then((reg) => {
      // this screen too: on a tablet's first visit its page loaded before the service worker ran
      reg.active?.postMessage({ type: 'CACHE_URLS', payload: { urlsToCache: screens } })
      sessionStorage.setItem(warmKey, String(Date.now()))
    })
  }, [slug, signedIn])
  return null
}
