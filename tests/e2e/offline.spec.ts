import type { Page } from '@playwright/test'
import { expect, test } from './fixtures/test'
import { LABELS, pinInAndScan } from './floor-helpers'
import { ScanPage } from './pages/scan-page'

/** The service worker controls the page and holds a copy of every tablet screen of the workshop. */
async function screensCached(page: Page, slug: string) {
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined))
  await expect.poll(() => page.evaluate(() => Boolean(navigator.serviceWorker.controller))).toBe(true)
  await expect
    .poll(() =>
      page.evaluate(async () => {
        const cache = await caches.open('floorline-floor-pages')
        return (await cache.keys()).map((r) => new URL(r.url).pathname).sort()
      }),
    )
    .toEqual([`/${slug}/queue`, `/${slug}/scan`, `/${slug}/station`])
}

/** Every path the service worker's caches hold (a precached file's key carries its revision). */
function cachedPaths(page: Page) {
  return page.evaluate(async () => {
    const paths: string[] = []
    for (const name of await caches.keys())
      for (const r of await (await caches.open(name)).keys()) paths.push(new URL(r.url).pathname)
    return paths
  })
}

test.describe('the tablet with no connection (service worker, app/sw.ts)', () => {
  test('installable: a manifest with standalone display and icons; the wasm decoder precached', async ({
    page,
    request,
  }) => {
    const manifest = await (await request.get('/manifest.webmanifest')).json()
    expect(manifest).toMatchObject({ name: 'Floorline', display: 'standalone', start_url: '/' })
    const sizes = manifest.icons.map((i: { sizes: string }) => i.sizes)
    expect(sizes).toEqual(expect.arrayContaining(['192x192', '512x512']))
    for (const icon of manifest.icons) expect((await request.get(icon.src)).headers()['content-type']).toBe('image/png')
    await page.goto('/login')
    await expect(page.locator('link[rel="manifest"]')).toHaveAttribute('href', '/manifest.webmanifest')
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined))
    await expect
      .poll(() => cachedPaths(page))
      .toEqual(expect.arrayContaining(['/zxing/zxing_reader.wasm', '/offline.html']))
    // the app's JS and CSS: every chunk the page loaded is in the precache
    const loaded = await page.evaluate(() =>
      performance
        .getEntriesByType('resource')
        .map((e) => new URL(e.name).pathname)
        .filter((p) => p.startsWith('/_next/static/')),
    )
    expect(loaded.length).toBeGreaterThan(0)
    expect(await cachedPaths(page)).toEqual(expect.arrayContaining(loaded))
  })

  test('reloading /scan offline opens the screen; booting offline at "/" opens the last one; a scan waits', async ({
    page,
    context,
    operator,
  }) => {
    await pinInAndScan(page, context, operator.badge)
    const scan = new ScanPage(page)
    await scan.startWork()
    await screensCached(page, 'aurora')

    await context.setOffline(true)
    const reload = await page.reload()
    expect(reload?.fromServiceWorker()).toBe(true)
    await scan.startWork() // the tablet's last floor session, offline
    // navigator.onLine reads true again after a reload under Playwright's offline emulation, so the
    // status may say "to sync" rather than "Offline": what counts is that the scan waits
    await scan.wedgeScan(LABELS.B10)
    await expect(page.getByTestId('sync-status')).toContainText(/1 (to sync|waiting)/)

    // the installed app starts at "/": offline it lands on the operator's last screen
    await page.goto('/')
    await expect(page).toHaveURL(/\/aurora\/scan$/)
    await scan.startWork()

    // the queue screen was loaded in the background and opens too
    await page.goto('/aurora/queue')
    await expect(
      page
        .getByTestId('queue-metrics')
        .or(page.getByRole('button', { name: 'Next item' }))
        .first(),
    ).toBeVisible()

    // a page this tablet never opened: the offline page, not the browser's error page
    await page.evaluate(() => localStorage.removeItem('floorline.last-screen'))
    await page.goto('/aurora/orders')
    await expect(page.getByRole('heading', { name: 'No connection' })).toBeVisible()

    await context.setOffline(false)
  })

  test('PIN-out forgets the operator screens: the next person never gets them offline', async ({
    page,
    context,
    operator,
  }) => {
    await pinInAndScan(page, context, operator.badge)
    await new ScanPage(page).startWork()
    await screensCached(page, 'aurora')
    await page.goto('/aurora/station')
    await page.getByRole('button', { name: 'PIN out', exact: true }).click()
    await expect
      .poll(() =>
        page.evaluate(async () =>
          (await (await caches.open('floorline-floor-pages')).keys()).map((r) => new URL(r.url).pathname),
        ),
      )
      .not.toContain('/aurora/scan')
  })
})
