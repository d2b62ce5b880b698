/**
 * The tablet's screens that must open with no connection: the station (PIN pad or the operator's
 * screen), scan and queue of one workshop, and each stock count's sheet (`count/<id>`). They are
 * rendered per workshop and per person, so they cannot be precached at build time: the service
 * worker (app/sw.ts) keeps the last copy of each that the tablet loaded, and a signed-in tablet
 * loads its siblings in the background (components/common/offline-ready.tsx) so all three open
 * offline after any one was seen online. A count's sheet is kept once it was opened on the tablet.
 */
export const TABLET_SCREENS = ['station', 'scan', 'queue'] as const
export type TabletScreen = (typeof TABLET_SCREENS)[number] | 'count'

/** The Cache Storage cache the service worker keeps these pages in. */
export const FLOOR_PAGES_CACHE = 'floorline-floor-pages'

/** localStorage: the tablet screen last opened, where the offline page sends a tablet that booted offline. */
export const LAST_SCREEN_KEY = 'floorline.last-screen'

/** Top-level paths that are not a workshop's slug. */
const NOT_A_SLUG = new Set(['api', '_next', 'login', 'invitations', 'track'])

const SCREEN =
  /^\/([^/]+)\/(station|scan|queue|count\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\/?$/

/** Whether a URL is one of a workshop's tablet screens (`/<slug>/station|scan|queue|count/<id>`). */
export function tabletScreenOf(url: URL): { slug: string; screen: TabletScreen } | null {
  const m = SCREEN.exec(url.pathname)
  if (!m || NOT_A_SLUG.has(m[1])) return null
  // a client-side navigation asks for the page's RSC payload, not its HTML: never stored as the page
  if (url.searchParams.has('_rsc')) return null
  const screen = m[2].startsWith('count/') ? 'count' : (m[2] as TabletScreen)
  return { slug: decodeURIComponent(m[1]), screen }
}

/** Whether a path is one of a workshop's count sheets (their copies are the operator's: PIN-out deletes them). */
export function isCountScreen(slug: string, path: string): boolean {
  return path.startsWith(`/${encodeURIComponent(slug)}/count/`)
}

/** The cache key of a tablet screen: its path alone (?item=…, ?ended=… open the same screen). */
export function screenKey(url: URL): string {
  return `${url.origin}${url.pathname.replace(/\/$/, '')}`
}

export function tabletScreens(slug: string): string[] {
  return TABLET_SCREENS.map((s) => `/${encodeURIComponent(slug)}/${s}`)
}
