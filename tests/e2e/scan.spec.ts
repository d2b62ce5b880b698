import { completeStageWork, createBatch, labelsOf } from './fixtures/data'
import { expect, test } from './fixtures/test'
import { LABELS, orderNumbers, pinInAndScan, service } from './floor-helpers'
import { ScanPage } from './pages/scan-page'

test.describe('the scan screen on a station tablet', () => {
  test.beforeEach(async ({ page, context, operator }) => {
    await pinInAndScan(page, context, operator.badge)
    await new ScanPage(page).startWork()
  })

  test('a hand scanner reads a label anywhere on the screen; a person typing does not fire', async ({ page }) => {
    const scan = new ScanPage(page)
    await scan.wedgeScan(LABELS.B10)
    await expect(scan.number).toHaveText('B-10')
    await expect(scan.stage).toHaveText('Sanding')
    await expect(scan.action('sanding-check')).toContainText('Sanding check')
    await expect(page.getByTestId('item-assignee')).not.toBeEmpty()

    // someone types on the keyboard at a person's pace: no scan, the card stays
    await scan.slowType('B-12')
    await page.waitForTimeout(500)
    await expect(scan.number).toHaveText('B-10')

    // the same label twice within the window is one scan
    const scans = page.waitForResponse((r) => r.url().endsWith('/api/disco/scan'))
    await scan.wedgeScan(LABELS.B12)
    await scans
    await expect(scan.number).toHaveText('B-12')
    let extra = 0
    page.on('request', (r) => {
      if (r.url().endsWith('/api/disco/scan')) extra++
    })
    await scan.wedgeScan(LABELS.B12)
    await page.waitForTimeout(400)
    expect(extra).toBe(0)
  })

  test('typing a code; an out-of-tolerance measurement fails with its reason, a good one passes', async ({ page }) => {
    const scan = new ScanPage(page)
    // a unit of a batch of this test's own at Sanding: nothing measured yet (the demo's B-10 stays as seeded)
    const batch = await createBatch({ stage: 'Sanding' })
    const order = (await orderNumbers(batch.id))[0]
    await scan.typeCode('B-999')
    await expect(scan.banner).toHaveAttribute('data-tone', 'error')
    await expect(scan.banner).toContainText('No item, badge or label with that code')

    await scan.typeCode(order.toLowerCase())
    await expect(scan.number).toHaveText(order)
    await scan.action('wall-thickness').getByRole('button', { name: 'Measure' }).click()
    await page.getByLabel('Value').fill('6.9')
    await page.getByRole('button', { name: 'Save measurement' }).click()
    await expect(scan.dialog.getByRole('alert')).toContainText('above the maximum 6.2 mm')
    await page.getByLabel('Value').fill('6,0')
    await page.getByRole('button', { name: 'Save measurement' }).click()
    await expect(scan.dialog).toBeHidden()
    await expect(scan.action('wall-thickness')).toContainText('Done')
    await expect(scan.banner).toContainText('Saved: Cup wall thickness')
  })

  test('when the stage’s work is done, advancing is one tap', async ({ page }) => {
    // a batch of this test's own at Final Assembly with the stage's required work done (as the demo's B-6)
    const batch = await createBatch({ stage: 'Final Assembly', orders: 2 })
    await completeStageWork(batch.number)
    const [label] = await labelsOf(batch.id)
    const scan = new ScanPage(page)
    await scan.wedgeScan(label.label)
    await expect(scan.number).toHaveText(batch.number)
    await expect(scan.advance).toHaveText('Advance to Acoustic QC')
    await scan.advance.click()
    await expect(scan.banner).toContainText(`${batch.number} → Acoustic QC`)
    await expect(scan.stage).toHaveText('Acoustic QC')
    await expect(scan.advance).toBeDisabled()
  })

  test('tablet layout: portrait and landscape, light and dark, touch targets of 48 px', async ({ page }, info) => {
    const scan = new ScanPage(page)
    await scan.wedgeScan(LABELS.B10)
    await expect(scan.number).toHaveText('B-10')
    for (const [width, height] of [
      [1024, 768],
      [768, 1024],
    ]) {
      for (const colorScheme of ['light', 'dark'] as const) {
        await page.setViewportSize({ width, height })
        await page.emulateMedia({ colorScheme })
        await expect(scan.card).toBeVisible()
        // nothing scrolls sideways, and every control on the card is at least 48 px tall
        expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true)
        for (const box of await scan.card
          .getByRole('button')
          .evaluateAll((els) => els.map((e) => e.getBoundingClientRect().height)))
          expect(box).toBeGreaterThanOrEqual(48)
        await page.screenshot({ path: info.outputPath(`scan-${width}x${height}-${colorScheme}.png`), fullPage: true })
      }
    }
  })

  test('offline: a scan waits on the tablet, shows the cached card, and syncs when the network is back', async ({
    page,
    context,
  }) => {
    const scan = new ScanPage(page)
    const status = page.getByTestId('sync-status')
    // the tablet has cached what its location (Sanding) works on
    await expect
      .poll(() => page.evaluate(() => Object.keys(localStorage).some((k) => k.startsWith('floorline.offline-data'))))
      .toBe(true)
    await context.setOffline(true)
    await scan.wedgeScan(LABELS.B10)
    await expect(scan.banner).toContainText('Saved on the tablet')
    await expect(scan.number).toHaveText('B-10')
    await expect(status).toHaveText('Offline · 1 waiting')
    await context.setOffline(false)
    await expect(status).toHaveText('Online')
    const active = await (await page.request.get('/api/disco/sessions/active')).json()
    const { data } = await service().from('floor_scans').select('scan_result').eq('session_id', active.session.id)
    expect(data).toEqual([{ scan_result: 'success' }])
  })
})
