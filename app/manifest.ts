import type { MetadataRoute } from 'next'

/**
 * The web app manifest: Floorline installs as an app of its own (standalone, no browser bar), which
 * is how a station tablet runs it. The service worker (app/sw.ts) makes the tablet screens open
 * offline; start_url "/" reaches the tablet's last screen through /offline.html when booted offline.
 */
export default function manifest(): MetadataRoute.Manifest {
  return {
    id: '/',
    name: 'Floorline',
    short_name: 'Floorline',
    description: 'Shop-floor tracking for small workshops: orders, batches, stages and tablets on the floor.',
    start_url: '/',
    scope: '/',
    display: 'standalone',
    orientation: 'any',
    background_color: '#fafafa',
    theme_color: '#2a5ea8',
    icons: [
      { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
      { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
      { src: '/icons/icon-512-maskable.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
    ],
  }
}
