import type { Page } from '@playwright/test'
import { DEMO_PASSWORD } from './env'
import { expect, test } from './fixtures/test'
import { signInAs } from './session'

/**
 * WCAG AA text contrast on the main screens in both themes (issue 10). No axe package is installed
 * in this session, so the browser measures it: every visible element with its own text, its colour
 * and the background behind it composited up the tree (semi-transparent tints included), each read
 * as sRGB through a canvas (Tailwind's oklch() colours included), against 4.5:1 (3:1 for large text).
 */
interface Finding {
  text: string
  ratio: number
  fg: string
  bg: string
  where: string
}

async function lowContrast(page: Page): Promise<Finding[]> {
  return page.evaluate(() => {
    const canvas = document.createElement('canvas')
    canvas.width = canvas.height = 1
    const ctx = canvas.getContext('2d', { willReadFrequently: true }) as CanvasRenderingContext2D
    const rgba = (css: string): [number, number, number, number] => {
      ctx.clearRect(0, 0, 1, 1)
      ctx.fillStyle = '#000'
      ctx.fillStyle = css
      ctx.fillRect(0, 0, 1, 1)
      const [r, g, b, a] = ctx.getImageData(0, 0, 1, 1).data
      return [r, g, b, a / 255]
    }
    const lin = (c: number) => {
      const s = c / 255
      return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4
    }
    const lum = ([r, g, b]: number[]) => 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b)
    const over = (top: number[], under: number[]) => {
      const a = top[3]
      return [0, 1, 2].map((i) => top[i] * a + under[i] * (1 - a)).concat(1)
    }
    const background = (el: Element | null): number[] => {
      const layers: number[][] = []
      for (let e = el; e; e = e.parentElement) {
        const style = getComputedStyle(e)
        if (style.backgroundImage !== 'none' && !style.backgroundImage.startsWith('linear-gradient')) return [] // an image: unknown
        const c = rgba(style.backgroundColor)
        if (c[3] > 0) layers.push(c)
        if (c[3] >= 1) break
      }
      let bg = [255, 255, 255, 1]
      for (const layer of layers.reverse()) bg = over(layer, bg)
      return bg
    }
    const out: Finding[] = []
    for (const el of document.body.querySelectorAll('*')) {
      const own = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent?.trim())
      if (!own || el.closest('[aria-hidden="true"], svg, [hidden], .sr-only, option')) continue
      const style = getComputedStyle(el)
      const box = el.getBoundingClientRect()
      if (style.visibility !== 'visible' || Number(style.opacity) < 1 || box.width === 0 || box.height === 0) continue
      if ((el as HTMLButtonElement).disabled || el.closest('[disabled], [aria-disabled="true"]')) continue // exempt
      const bg = background(el)
      if (!bg.length) continue
      const fg = over(rgba(style.color), bg)
      const [hi, lo] = [lum(fg), lum(bg)].sort((a, b) => b - a)
      const ratio = (hi + 0.05) / (lo + 0.05)
      const size = Number.parseFloat(style.fontSize)
      const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700)
      if (ratio < (large ? 3 : 4.5)) {
        out.push({
          text: (el.textContent ?? '').trim().slice(0, 40),
          ratio: Math.round(ratio * 100) / 100,
          fg: style.color,
          bg: `rgb(${bg.slice(0, 3).map(Math.round).join(',')})`,
          where: `${el.tagName.toLowerCase()}.${[...el.classList].slice(0, 4).join('.')}`,
        })
      }
    }
    return out
  })
}

const PAGES = [
  '/aurora',
  '/aurora/orders',
  '/aurora/orders/new',
  '/aurora/batches',
  '/aurora/summary',
  '/aurora/floor',
  '/aurora/labels',
  '/aurora/models',
  '/aurora/settings/members',
  '/aurora/settings/locations',
  '/aurora/me/preferences',
  '/aurora/scan',
  '/aurora/queue',
  '/track/demo-aurora-track-0001',
]

for (const colorScheme of ['light', 'dark'] as const) {
  test(`text contrast is WCAG AA on the main screens · ${colorScheme}`, async ({ browser }) => {
    test.setTimeout(90_000)
    const context = await browser.newContext({ colorScheme })
    const page = await context.newPage()
    const findings: Record<string, Finding[]> = {}
    await page.goto('/login')
    await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible()
    const login = await lowContrast(page)
    if (login.length) findings['/login'] = login
    await signInAs(context, 'supervisor@aurora.test', DEMO_PASSWORD)
    for (const path of PAGES) {
      await page.goto(path)
      await page.waitForLoadState('networkidle').catch(() => {})
      await expect(page.locator('main').or(page.locator('header')).first()).toBeVisible()
      const found = await lowContrast(page)
      if (found.length) findings[path] = found
    }
    await context.close()
    expect(findings).toEqual({})
  })
}
