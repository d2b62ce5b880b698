import { expect, test } from '@playwright/test'
import { TrackPage } from './pages/track-page'

// The seed's demo links (docs/production.md §9): #1046 in production in batch B-7; an ORD order delivered.
const IN_PRODUCTION = '/track/demo-aurora-track-0001'
const DELIVERED = '/track/demo-aurora-track-0002'

test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true })

test('a customer sees their order on a phone: status, progress, estimate and history, nothing private', async ({
  page,
}, testInfo) => {
  const track = new TrackPage(page)
  const res = await track.open(IN_PRODUCTION)
  expect(res?.status()).toBe(200)
  expect(res?.headers()['cache-control']).toMatch(/no-store|private|no-cache/)
  await expect(track.view).toContainText('Order #1046')
  await expect(track.status).toHaveText('In production')
  await expect(track.stage).toHaveText(/^Now: /)
  await expect(track.eta).toHaveText(/^\w{3}, \w{3} \d{1,2}$/)
  await expect(track.stages).toHaveCount(7)
  await expect(track.stages.locator('[aria-current="step"]').or(page.locator('[data-state="current"]'))).toHaveCount(1)
  await expect(track.milestones.last()).toContainText('Order received')
  await expect(track.live).toHaveAttribute('data-live', 'true')
  await expect(page).toHaveTitle('Order #1046 · Aurora Audio · Floorline')
  const text = ((await page.locator('main').textContent()) ?? '').toLowerCase()
  for (const secret of ['b-7', '$', 'ben dubois', 'example.com', 'sam ortiz', 'marco'])
    expect(text).not.toContain(secret)
  // nothing of supabase-js in the first load: realtime arrives later, on its own
  const scripts = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name))
  expect(scripts.some((s) => /postgrest|gotrue|auth-js|storage-js/.test(s))).toBe(false)
  await page.screenshot({ path: testInfo.outputPath('track-phone-light.png'), fullPage: true })
})

test('a delivered order shows every step done and no estimate', async ({ page }) => {
  const track = new TrackPage(page)
  await track.open(DELIVERED)
  await expect(track.status).toHaveText('Delivered')
  await expect(track.eta).toHaveCount(0)
  await expect(page.locator('[data-state="done"]')).toHaveCount(7)
  await expect(track.milestones.first()).toContainText('Delivered')
})

test('the page follows the system’s dark mode', async ({ browser }, testInfo) => {
  const context = await browser.newContext({
    colorScheme: 'dark',
    viewport: { width: 390, height: 844 },
    isMobile: true,
  })
  const page = await context.newPage()
  await page.goto(IN_PRODUCTION)
  await expect(page.getByTestId('track-view')).toBeVisible()
  const bg = await page.locator('main').evaluate((el) => getComputedStyle(el).backgroundColor)
  expect(bg).not.toBe('rgb(250, 250, 250)')
  await page.screenshot({ path: testInfo.outputPath('track-phone-dark.png'), fullPage: true })
  await context.close()
})

test('an unknown link gets a friendly not-found page, no faster than a real one', async ({ page, request }) => {
  const res = await page.goto('/track/AAAAAAAAAAAAAAAAAAAAAA')
  expect(res?.status()).toBe(404)
  await expect(page.getByRole('heading', { name: "We couldn't find that order" })).toBeVisible()
  await expect(page.getByText('ask the workshop for a fresh one')).toBeVisible()

  // the same minimum time, found or not (the token hash lookup happens either way)
  const time = async (path: string) => {
    const started = Date.now()
    const r = await request.get(path, { headers: { 'x-forwarded-for': '192.0.2.50' } })
    return { status: r.status(), ms: Date.now() - started }
  }
  for (const path of [IN_PRODUCTION, '/track/nope-nope-nope-nope-00', '/track/x']) {
    const { status, ms } = await time(path)
    expect([200, 404]).toContain(status)
    expect(ms).toBeGreaterThanOrEqual(150)
  }
})

test('one address asking too often is slowed down with a friendly 429; others are not', async ({ request }) => {
  const from = (ip: string, i: number) => request.get(`/track/guess-${i}`, { headers: { 'x-forwarded-for': ip } })
  const statuses: number[] = []
  for (let i = 0; i < 24; i++) statuses.push((await from('198.51.100.23', i)).status())
  expect(statuses.slice(0, 20).every((s) => s === 404)).toBe(true)
  expect(statuses.at(-1)).toBe(429)
  const limited = await from('198.51.100.23', 99)
  expect(limited.status()).toBe(429)
  expect(Number(limited.headers()['retry-after'])).toBeGreaterThan(0)
  expect(await limited.text()).toContain('Slow down a little')
  expect((await from('198.51.100.24', 1)).status()).toBe(404)
})
