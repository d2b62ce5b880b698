'use client'
import { useEffect } from 'react'
import { FLOOR_PAGES_CACHE, isCountScreen, LAST_SCREEN_KEY, tabletScreens } from '@/lib/offline/tablet-screens'

/** Loaded in the background at most this often per screen, so every tablet screen has a fresh copy. */
const WARM_EVERY_MS = 10 * 60_000

/**
 * Makes a workshop's tablet screens open offline (lib/offline/tablet-screens.ts).
 * - `signedIn`: someone works on this tablet: this screen is remembered as the last one, and the
 *   service worker loads every screen in the background so each has a copy of its own.
 * - otherwise (the PIN pad, "PIN in first"): the copies of the operator's screens are deleted, so a
 *   tablet offline never opens the previous operator's screen for the next person (count sheets
 *   included).
 * A count sheet (/<org>/count/<id>) is kept from its first visit: the service worker stores it when
 * it answers the page, or, on the visit that installed the worker, when asked here.
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
        for (const req of await cache.keys())
          if (isCountScreen(slug, new URL(req.url).pathname)) await cache.delete(req, { ignoreVary: true })
      })
      return
    }
    localStorage.setItem(LAST_SCREEN_KEY, location.pathname)
    const here = isCountScreen(slug, location.pathname) ? location.pathname : null
    const last = Number(sessionStorage.getItem(warmKey) ?? 0)
    const warm = Date.now() - last >= WARM_EVERY_MS
    // a count sheet loaded before the service worker controlled the page has no copy yet
    const uncontrolled = here !== null && !navigator.serviceWorker.controller
    if (!warm && !uncontrolled) return
    void navigator.serviceWorker.ready.then((reg) => {
      // this screen too: on a tablet's first visit its page loaded before the service worker ran
      const urls = warm ? (here ? [...screens, here] : screens) : [here as string]
      reg.active?.postMessage({ type: 'CACHE_URLS', payload: { urlsToCache: urls } })
      if (warm) sessionStorage.setItem(warmKey, String(Date.now()))
    })
  }, [slug, signedIn])
  return null
}
