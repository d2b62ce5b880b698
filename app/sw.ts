/// <reference lib="webworker" />
/**
 * The service worker, built by `serwist build` after `next build` (Serwist's configurator mode,
 * serwist.config.js: Next 16 builds with Turbopack, which Serwist's webpack plugin cannot hook into).
 * It makes a tablet open with no connection:
 * - precached (self.__SW_MANIFEST, from the build): every JS/CSS chunk of the app, public/ (the QR
 *   decoder's wasm, icons) and /offline.html;
 * - the tablet screens (lib/offline/tablet-screens.ts): network first, the last good copy kept, so a
 *   tablet that reloads or boots offline opens the screen it last showed;
 * - any other page: the network, else /offline.html (which sends a tablet on to its last screen).
 * API calls and server actions are never answered from a cache: the floor's writes go through the
 * sync queue, and a stale answer must never look like the server's.
 */
import type { PrecacheEntry, SerwistGlobalConfig, SerwistPlugin } from 'serwist'
import { NetworkFirst, NetworkOnly, Serwist } from 'serwist'
import { FLOOR_PAGES_CACHE, screenKey, tabletScreenOf } from '@/lib/offline/tablet-screens'

declare global {
  interface WorkerGlobalScope extends SerwistGlobalConfig {
    __SW_MANIFEST: (PrecacheEntry | string)[] | undefined
  }
}
declare const self: ServiceWorkerGlobalScope

// no exports: a classic (non-module) worker script
const OFFLINE_PAGE = '/offline.html'

/** One copy per screen (its path), and only a real page: no redirect (to sign-in), no error. */
const screenCopies: SerwistPlugin = {
  cacheKeyWillBeUsed: async ({ request }) => screenKey(new URL(request.url)),
  cacheWillUpdate: async ({ response }) =>
    response.status === 200 &&
    !response.redirected &&
    (response.headers.get('content-type') ?? '').includes('text/html')
      ? response
      : null,
}

const serwist = new Serwist({
  precacheEntries: self.__SW_MANIFEST,
  skipWaiting: true,
  clientsClaim: true,
  navigationPreload: false,
  runtimeCaching: [
    {
      matcher: ({ request, url, sameOrigin }) =>
        sameOrigin && request.method === 'GET' && !request.headers.has('RSC') && tabletScreenOf(url) !== null,
      // a workshop's Wi-Fi that is up but too slow must not keep the tablet on a spinner
      handler: new NetworkFirst({ cacheName: FLOOR_PAGES_CACHE, networkTimeoutSeconds: 6, plugins: [screenCopies] }),
    },
    {
      matcher: ({ request }) => request.mode === 'navigate',
      handler: new NetworkOnly(),
    },
  ],
  fallbacks: {
    entries: [{ url: OFFLINE_PAGE, matcher: ({ request }) => request.destination === 'document' }],
  },
})

/**
 * Background Sync (Chromium): the sync queue registers `floorline-sync` when it queues a change
 * (components/scan/use-outbox.ts); when the connection is back the browser wakes this worker, which
 * asks the open tablet screens to flush — they hold the person's queue and session. If none answers
 * that it flushed, the sync fails and the browser tries again later; the screens also flush on their
 * own on start, `online`, visibility and a timer.
 */
interface SyncEvent extends ExtendableEvent {
  readonly tag: string
}
async function askScreensToFlush(): Promise<void> {
  const windows = await self.clients.matchAll({ type: 'window' })
  const answers = windows.map(
    (w) =>
      new Promise<boolean>((resolve) => {
        const ch = new MessageChannel()
        ch.port1.onmessage = () => resolve(true)
        setTimeout(() => resolve(false), 60_000)
        w.postMessage({ type: 'floorline-sync' }, [ch.port2])
      }),
  )
  if (!(await Promise.all(answers)).some(Boolean)) throw new Error('No tablet screen flushed the sync queue')
}
self.addEventListener('sync', (event) => {
  const e = event as SyncEvent
  if (e.tag === 'floorline-sync') e.waitUntil(askScreensToFlush())
})

serwist.addEventListeners()
