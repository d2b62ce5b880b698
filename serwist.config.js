// @ts-check
// Serwist in configurator mode: `serwist build` runs after `next build` (package.json "build",
// playwright.config.ts) and bundles app/sw.ts into public/sw.js with the precache manifest of the
// finished build (.next/static's JS and CSS, public/: the QR decoder's wasm, the icons, /offline.html).
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { serwist } from '@serwist/next/config'

const OFFLINE_PAGE = 'public/offline.html'

export default serwist({
  swSrc: 'app/sw.ts',
  swDest: 'public/sw.js',
  // the pages are rendered per request (per workshop and person): none is prerendered to precache
  precachePrerendered: false,
  // @serwist/next maps a precached *.html to a page route (public/offline.html → /public/offline,
  // which 404s and fails the install): the offline page is listed by hand, with its revision
  globIgnores: [OFFLINE_PAGE],
  additionalPrecacheEntries: [
    {
      url: '/offline.html',
      revision: createHash('sha256').update(readFileSync(OFFLINE_PAGE)).digest('hex').slice(0, 16),
    },
  ],
  // headroom over the 2 MB default: a file above it (the ~1.1 MB wasm decoder, one day) is left out silently
  maximumFileSizeToCacheInBytes: 4 * 1024 * 1024,
})
