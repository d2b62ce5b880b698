import path from 'node:path'
import { type BrowserContext, test } from '@playwright/test'
import { DEMO_PASSWORD } from '../e2e/env'
import { ROUTES } from '../e2e/routes'
import { signInAs } from '../e2e/session'

const OUT = path.join(process.cwd(), 'screenshots')
const VIEWPORTS = {
  'tablet-landscape': { width: 1180, height: 820, touch: true },
  'tablet-portrait': { width: 820, height: 1180, touch: true },
  phone: { width: 390, height: 844, touch: true },
  desktop: { width: 1440, height: 900, touch: false },
} as const
const SCHEMES = ['light', 'dark'] as const

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
