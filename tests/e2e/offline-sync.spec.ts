import type { Page } from '@playwright/test'
import { DEMO_PASSWORD } from './env'
import { createBatch, createOperator, labelsOf } from './fixtures/data'
import { expect, test } from './fixtures/test'
import { LABELS, pinInAndScan, service } from './floor-helpers'
import { ScanPage } from './pages/scan-page'
import { signInAs } from './session'

/**
 * Issue 12 in a real browser with the network off (context.setOffline): what an operator does offline —
 * scans, an action with a photo — waits on the tablet through a reload and reaches the server exactly
 * once; a second tablet is refused an item another holds, with the holder's name; its change becomes
 * a conflict on the supervisor's /aurora/sync, and the supervisor's decision reaches the tablet.
 */

/** A small JPEG made by the browser itself (the photo form compresses whatever the camera gives). */
async function jpeg(page: Page): Promise<Buffer> {
  const bytes = await page.evaluate(async () => {
    const c = document.createElement('canvas')
    c.width = 64
    c.height = 48
    const g = c.getContext('2d') as CanvasRenderingContext2D
    g.fillStyle = '#a0522d'
    g.fillRect(0, 0, 64, 48)
    const blob = await new Promise<Blob>((r) => c.toBlob((b) => r(b as Blob), 'image/jpeg', 0.9))
    return Array.from(new Uint8Array(await blob.arrayBuffer()))
  })
  return Buffer.from(bytes)
}

async function screensCached(page: Page) {
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined))
  await expect.poll(() => page.evaluate(() => Boolean(navigator.serviceWorker.controller))).toBe(true)
  await expect
    .poll(() => page.evaluate(async () => (await (await caches.open('floorline-floor-pages')).keys()).length))
    .toBeGreaterThanOrEqual(3)
}

const db = () => service()

test('offline: scans and a photo action wait on the tablet through a reload and sync exactly once', async ({
  page,
  context,
  operator,
}) => {
  const batch = await createBatch({ stage: 'Intake' })
  const label = (await labelsOf(batch.id)).find((l) => l.kind === 'batch')
  if (!label) throw new Error('no batch label')
  await pinInAndScan(page, context, operator.badge)
  const scan = new ScanPage(page)
  await scan.startWork()
  await scan.wedgeScan(label.label)
  await expect(scan.number).toHaveText(batch.number)
  // the tablet working the item holds it
  await expect(page.getByTestId('item-lock')).toContainText('This tablet holds the item')
  await screensCached(page)
  const photo = await jpeg(page)
  const active = await (await page.request.get('/api/disco/sessions/active')).json()
  const sessionId: string = active.session.id

  await context.setOffline(true)
  await scan.action('blank-photo').getByRole('button', { name: /photo/i }).click()
  await scan.dialog
    .locator('input[type=file]')
    .setInputFiles({ name: 'blank.jpg', mimeType: 'image/jpeg', buffer: photo })
  await expect(scan.dialog).toContainText('on the tablet')
  await scan.dialog.getByRole('button', { name: 'Save 1 photo' }).click()
  await expect(scan.banner).toContainText('saved on the tablet')
  await scan.wedgeScan(LABELS.B10)
  await expect(scan.banner).toContainText('Scan of B-10 saved on the tablet')
  await scan.wedgeScan(LABELS.B12)
  await expect(page.getByTestId('sync-status')).toContainText('3 waiting')

  // the tablet reloads with no connection: the screen opens and nothing was lost
  const reload = await page.reload()
  expect(reload?.fromServiceWorker()).toBe(true)
  await scan.startWork()
  await expect(page.getByTestId('sync-status')).toContainText(/3 (to sync|waiting)/)

  await context.setOffline(false)
  await page.reload()
  await scan.startWork()
  await expect(page.getByTestId('sync-status')).toHaveText('Online')

  const counts = async () => {
    const scans = await db().from('floor_scans').select('id').eq('session_id', sessionId)
    const actions = await db()
      .from('floor_actions')
      .select('photos')
      .eq('item_id', label.id)
      .eq('action_key', 'blank-photo')
    return { scans: scans.data?.length, actions: actions.data?.length, photos: actions.data?.[0]?.photos }
  }
  const synced = await counts()
  expect(synced.scans).toBe(3) // the online scan of the batch and the two made offline, once each
  expect(synced.actions).toBe(1)
  const [{ path }] = synced.photos as { path: string }[]
  const folder = path.split('/').slice(0, -1).join('/')
  const stored = await db().storage.from('floor-photos').list(folder)
  expect(stored.data?.map((f) => `${folder}/${f.name}`)).toContain(path)
  const waitingPhotos = await page.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open('floorline-photos')
        open.onerror = () => reject(open.error)
        open.onsuccess = () => {
          const d = open.result
          if (!d.objectStoreNames.contains('photos')) return resolve(0)
          const req = d.transaction('photos').objectStore('photos').count()
          req.onsuccess = () => resolve(req.result)
          req.onerror = () => reject(req.error)
        }
      }),
  )
  expect(waitingPhotos).toBe(0)

  // the connection flaps again and the tablet flushes: still exactly once
  await context.setOffline(true)
  await context.setOffline(false)
  await page.evaluate(() => window.dispatchEvent(new Event('online')))
  await page.waitForTimeout(1500)
  expect(await counts()).toEqual(synced)
})

test('a second tablet is refused an item another holds, with the holder named; the supervisor decides', async ({
  page,
  context,
  operator,
  browser,
}) => {
  const batch = await createBatch({ stage: 'Intake' })
  const label = (await labelsOf(batch.id)).find((l) => l.kind === 'batch')
  if (!label) throw new Error('no batch label')
  // tablet A works the item
  await pinInAndScan(page, context, operator.badge)
  const a = new ScanPage(page)
  await a.startWork()
  await a.wedgeScan(label.label)
  await expect(page.getByTestId('item-lock')).toContainText('This tablet holds the item')

  // tablet B opens the same item: told who holds it
  const other = await createOperator('Noor Haddad')
  const bContext = await browser.newContext()
  const bPage = await bContext.newPage()
  await pinInAndScan(bPage, bContext, other.badge)
  const b = new ScanPage(bPage)
  await b.startWork()
  await b.wedgeScan(label.label)
  await expect(bPage.getByTestId('item-lock')).toContainText(
    `${operator.name} is working on this item on another tablet`,
  )

  // a supervisor is on the floor view: the database's system alert reaches them live
  const supContext = await browser.newContext()
  await signInAs(supContext, 'supervisor@aurora.test', DEMO_PASSWORD)
  const sup = await supContext.newPage()
  await sup.goto('/aurora/floor')
  await sup.waitForLoadState('networkidle').catch(() => {})

  // offline, B skips the photo anyway; back online the database refuses it: a conflict, kept on B
  await bContext.setOffline(true)
  await b.action('blank-photo').getByRole('button', { name: 'Skip' }).click()
  await expect(b.banner).toContainText('saved on the tablet')
  await bContext.setOffline(false)
  await bPage.evaluate(() => window.dispatchEvent(new Event('online')))
  const conflict = bPage.getByTestId('refused-op').filter({ hasText: batch.number })
  await expect(conflict).toHaveAttribute('data-status', 'conflict')
  await expect(conflict).toContainText(operator.name)

  await expect(sup.getByTestId('system-alert')).toContainText(/sync conflicts? waiting/)
  // the supervisor sees it side by side and keeps the server's version
  await sup.getByTestId('system-alert').getByRole('link', { name: 'Review them' }).click()
  await expect(sup).toHaveURL(/\/aurora\/sync$/)
  const card = sup.getByRole('listitem').filter({ hasText: batch.number })
  await expect(card).toContainText('On the tablet')
  await expect(card).toContainText('On the server')
  await expect(card).toContainText('Held by')
  await expect(card).toContainText(operator.name)
  await card.getByLabel('Decision').selectOption('keep_server')
  await card.getByRole('button', { name: 'Resolve' }).click()
  await expect(sup.getByRole('listitem').filter({ hasText: batch.number })).toHaveCount(0)

  // the decision reaches tablet B: the entry settles without being applied
  await bPage.evaluate(() => window.dispatchEvent(new Event('online')))
  await expect(bPage.getByTestId('refused-op').filter({ hasText: batch.number })).toHaveCount(0, { timeout: 20_000 })
  const { data } = await db().from('floor_actions').select('id').eq('item_id', label.id).eq('action_key', 'blank-photo')
  expect(data).toEqual([])
  await supContext.close()
  await bContext.close()
})
