import type { Page } from '@playwright/test'
import { expect, test } from './fixtures/test'
import { LABELS, pinInAndScan, service } from './floor-helpers'
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

type Entry = { id: string; owner: string; seq: number; label: string; status: string; operation: string }
/** The device's sync queue, read straight from IndexedDB (only once the app has created it). */
function idbEntries(page: Page) {
  return page.evaluate(
    () =>
      new Promise<Entry[]>((resolve, reject) => {
        const open = indexedDB.open('floorline-sync')
        open.onerror = () => reject(open.error)
        open.onsuccess = () => {
          const all = open.result.transaction('entries').objectStore('entries').getAll()
          all.onerror = () => reject(all.error)
          all.onsuccess = () => {
            open.result.close()
            resolve((all.result as Entry[]).sort((a, b) => a.seq - b.seq))
          }
        }
      }),
  )
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
    // the offline snapshot of the location (items, labels), with its age on screen
    await expect(page.getByTestId('offline-data-age')).toContainText(/Data from \d{1,2}:\d{2}/)

    await context.setOffline(true)
    const reload = await page.reload()
    expect(reload?.fromServiceWorker()).toBe(true)
    await scan.startWork() // the tablet's last floor session, offline
    // navigator.onLine reads true again after a reload under Playwright's offline emulation, so the
    // status may say "to sync" rather than "Offline": what counts is that the scan waits
    await scan.wedgeScan(LABELS.B10)
    await expect(page.getByTestId('sync-status')).toContainText(/1 (to sync|waiting)/)
    // a known label scanned offline shows its card from the snapshot, whose age stays on screen
    await expect(scan.number).toHaveText('B-10')
    await expect(page.getByTestId('offline-data-age')).toContainText('Data from')

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

  test('the sync queue is in IndexedDB: kept through an offline reload, synced once; an old outbox moves in; a refused change stays until discarded', async ({
    page,
    context,
    operator,
  }) => {
    await pinInAndScan(page, context, operator.badge)
    const scan = new ScanPage(page)
    const status = page.getByTestId('sync-status')
    await scan.startWork()
    await screensCached(page, 'aurora')
    const { session } = await (await page.request.get('/api/disco/sessions/active')).json()

    await context.setOffline(true)
    await scan.wedgeScan(LABELS.B10)
    await expect(status).toHaveText('Offline · 1 waiting')
    await expect
      .poll(() => idbEntries(page).then((es) => es.map((e) => [e.operation, e.status])))
      .toEqual([['scan', 'pending']])
    const [entry] = await idbEntries(page)

    // the tablet reloads with no connection: the entry is still there (and nothing was sent)
    await page.reload()
    await scan.startWork()
    await expect(status).toContainText(/1 (to sync|waiting)/)
    expect((await idbEntries(page)).map((e) => e.id)).toEqual([entry.id])

    // an outbox from before the sync queue (localStorage), holding a change the server refuses (a NUL)
    await page.evaluate(
      ([key, sessionId]) =>
        localStorage.setItem(
          key,
          JSON.stringify([
            {
              op: 'scan',
              client_id: crypto.randomUUID(),
              args: { session_id: sessionId, code: 'FL1:AUR:I:102GW\u0000' },
              queued_at: new Date().toISOString(),
              attempts: 0,
              label: 'Scan from the old outbox',
            },
          ]),
        ),
      [entry.owner, session.id],
    )
    await context.setOffline(false)
    await page.reload()
    await scan.startWork()
    const refused = page.getByTestId('refused-op')
    await expect(refused).toContainText('Scan from the old outbox')
    await expect(refused).toContainText('INVALID_TEXT')
    await expect(status).toContainText('1 needs you')
    expect(await page.evaluate((key) => localStorage.getItem(key), entry.owner)).toBeNull()
    expect((await idbEntries(page)).map((e) => [e.label, e.status])).toEqual([
      [entry.label, 'synced'],
      ['Scan from the old outbox', 'failed'],
    ])
    // the offline scan reached the server exactly once
    const { count } = await service()
      .from('floor_scans')
      .select('id', { count: 'exact', head: true })
      .eq('session_id', session.id)
    expect(count).toBe(1)

    // a refused change is never dropped silently: reloaded, it is still there; discarding asks first
    await page.reload()
    await expect(refused).toContainText('Scan from the old outbox')
    await refused.getByRole('button', { name: 'Discard' }).click()
    await refused.getByRole('button', { name: 'Keep it' }).click()
    await expect(refused).toBeVisible()
    await refused.getByRole('button', { name: 'Discard' }).click()
    await refused.getByRole('button', { name: 'Yes, discard' }).click()
    await expect(page.getByTestId('refused-ops')).toBeHidden()
    expect((await idbEntries(page)).map((e) => e.status)).toEqual(['synced'])
  })
})
