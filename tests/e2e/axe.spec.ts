import AxeBuilder from '@axe-core/playwright'
import { type BrowserContext, expect, test } from '@playwright/test'
import { DEMO_PASSWORD } from './env'
import { ROUTES } from './routes'
import { signInAs } from './session'

// WCAG 2.1 A and AA rules, as axe-core tags them; a violation of impact serious or critical fails.
// Minor and moderate ones are printed, not failed: they are for review, not a gate.
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']
const GATE = new Set(['serious', 'critical'])

for (const scheme of ['light', 'dark'] as const) {
  test(`every route passes axe (WCAG 2.1 AA, serious and critical) · ${scheme}`, async ({ browser }) => {
    test.setTimeout(240_000)
    const contexts = new Map<string, BrowserContext>()
    for (const route of ROUTES) {
      let context = contexts.get(route.as)
      if (!context) {
        context = await browser.newContext({ colorScheme: scheme })
        if (route.as !== 'none') await signInAs(context, route.as, DEMO_PASSWORD)
        contexts.set(route.as, context)
      }
      const page = await context.newPage()
      await page.goto(route.path)
      await page.waitForLoadState('networkidle').catch(() => {})
      const { violations } = await new AxeBuilder({ page }).withTags(TAGS).analyze()
      const failing = violations
        .filter((v) => GATE.has(v.impact ?? ''))
        .map(
          (v) =>
            `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => `${n.target.join(' ')} ${n.failureSummary ?? ''} ${n.html.slice(0, 160)}`).join(' | ')}`,
        )
      for (const v of violations.filter((x) => !GATE.has(x.impact ?? '')))
        console.log(`[axe ${scheme}] ${route.name}: ${v.id} (${v.impact}) ${v.nodes.length}×`)
      expect.soft(failing, `${route.name} (${route.path}) in ${scheme}`).toEqual([])
      await page.close()
    }
    for (const c of contexts.values()) await c.close()
  })
}
