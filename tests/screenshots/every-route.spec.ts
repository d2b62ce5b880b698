import path from 'node:path'
import { type BrowserContext, test } from '@playwright/test'
import { DEMO_PASSWORD } from '../e2e/env'
import { signInAs } from '../e2e/session'

const OUT = path.join(process.cwd(), 'screenshots')
const VIEWPORTS = {
  'tablet-landscape': { width: 1180, height: 820, touch: true },
  'tablet-portrait': { width: 820, height: 1180, touch: true },
  phone: { width: 390, height: 844, touch: true },
  desktop: { width: 1440, height: 900, touch: false },
} as const
const SCHEMES = ['light', 'dark'] as const

const ORDER = '82000000-0000-4000-8000-000000000001' // a seeded Aurora order
const MODEL = '80000000-0000-4000-8000-000000000101' // Atticus
/** Who sees each route: signed out, the demo manager, or a supervisor (floor screens). */
const ROUTES: Array<{ name: string; path: string; as: 'none' | 'manager@aurora.test' | 'supervisor@aurora.test' }> = [
  { name: 'home', path: '/', as: 'none' },
  { name: 'login', path: '/login', as: 'none' },
  { name: 'track', path: '/track/demo-aurora-track-0001', as: 'none' },
  { name: 'workshops', path: '/', as: 'manager@aurora.test' },
  { name: 'invitations', path: '/invitations', as: 'manager@aurora.test' },
  { name: 'org-overview', path: '/aurora', as: 'manager@aurora.test' },
  { name: 'orders', path: '/aurora/orders', as: 'manager@aurora.test' },
  { name: 'order-new', path: '/aurora/orders/new', as: 'manager@aurora.test' },
  { name: 'order', path: `/aurora/orders/${ORDER}`, as: 'manager@aurora.test' },
  { name: 'order-edit', path: `/aurora/orders/${ORDER}/edit`, as: 'manager@aurora.test' },
  { name: 'batches', path: '/aurora/batches', as: 'manager@aurora.test' },
  { name: 'summary', path: '/aurora/summary', as: 'manager@aurora.test' },
  { name: 'models', path: '/aurora/models', as: 'manager@aurora.test' },
  { name: 'model-new', path: '/aurora/models/new', as: 'manager@aurora.test' },
  { name: 'model-edit', path: `/aurora/models/${MODEL}/edit`, as: 'manager@aurora.test' },
  { name: 'members', path: '/aurora/settings/members', as: 'manager@aurora.test' },
  { name: 'badges', path: '/aurora/settings/members/badges', as: 'manager@aurora.test' },
  { name: 'locations', path: '/aurora/settings/locations', as: 'manager@aurora.test' },
  { name: 'preferences', path: '/aurora/me/preferences', as: 'manager@aurora.test' },
  { name: 'floor', path: '/aurora/floor', as: 'supervisor@aurora.test' },
  { name: 'labels', path: '/aurora/labels', as: 'supervisor@aurora.test' },
  { name: 'station', path: '/aurora/station', as: 'supervisor@aurora.test' },
  { name: 'scan', path: '/aurora/scan', as: 'supervisor@aurora.test' },
  { name: 'queue', path: '/aurora/queue', as: 'supervisor@aurora.test' },
]

async function signedIn(context: BrowserContext, who: (typeof ROUTES)[number]['as']) {
  if (who !== 'none') await signInAs(context, who, DEMO_PASSWORD)
}

for (const [viewport, size] of Object.entries(VIEWPORTS)) {
  for (const scheme of SCHEMES) {
    test(`every route · ${viewport} · ${scheme}`, async ({ browser }) => {
      const contexts = new Map<string, BrowserContext>()
      for (const route of ROUTES) {
        let context = contexts.get(route.as)
        if (!context) {
          context = await browser.newContext({
            viewport: { width: size.width, height: size.height },
            hasTouch: size.touch,
            colorScheme: scheme,
          })
          await signedIn(context, route.as)
          contexts.set(route.as, context)
        }
        const page = await context.newPage()
        await page.goto(route.path)
        await page.waitForLoadState('networkidle').catch(() => {})
        await page.screenshot({ path: path.join(OUT, `${route.name}.${viewport}.${scheme}.png`), fullPage: true })
        await page.close()
      }
      for (const c of contexts.values()) await c.close()
    })
  }
}
