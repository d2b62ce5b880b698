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
    // one formatter: "6 units", a due date as a day ("Dec 21"), never the raw "2026-12-21"
    await expect(scan.card).toContainText('Batch · 6 units')
    await expect(page.getByTestId('item-due')).toHaveText(/^[A-Z][a-z]{2} \d{1,2}(, \d{4})?$/)
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
    // warned before saving, not after
    await expect(scan.dialog.getByTestId('tolerance-warning')).toContainText('6.9 mm is above the maximum 6.2 mm')
    await page.getByRole('button', { name: 'Save as out of tolerance' }).click()
    await expect(scan.dialog.getByRole('alert')).toContainText('above the maximum 6.2 mm')
    await page.getByLabel('Value').fill('6,0')
    await expect(scan.dialog.getByTestId('tolerance-warning')).toBeHidden()
    await page.getByRole('button', { name: 'Save measurement' }).click()
    await expect(scan.dialog).toBeHidden()
    await expect(scan.action('wall-thickness')).toContainText('Done')
    await expect(scan.banner).toContainText('Saved: Cup wall thickness')
  })

  test('a unit’s card shows every action it counts: its own, its batch’s (done right there), and where the rest are', async ({
    page,
  }) => {
    const scan = new ScanPage(page)
    const batch = await createBatch({ stage: 'Sanding', orders: 2 })
    const [first, second] = await orderNumbers(batch.id)
    await scan.typeCode(first)
    await expect(scan.number).toHaveText(first)
    await expect(scan.advance).toHaveText('3 required actions before advancing')
    await expect(scan.card).not.toContainText('No actions at this stage')
    await expect(scan.card.getByTestId('own-actions')).toContainText('Cup wall thickness')
    const batchActions = scan.card.getByTestId('batch-actions')
    await expect(batchActions).toContainText(`For the whole batch ${batch.number}`)
    const other = scan.card.getByTestId(`elsewhere-${second}`)
    await expect(other).toContainText(`${second}: Cup wall thickness — scan its label`)

    // the batch's check, done from the unit's card: the card stays on the unit
    await batchActions.getByTestId('action-sanding-check').getByRole('button', { name: 'Inspect' }).click()
    await scan.dialog.getByRole('button', { name: 'Tick all' }).click()
    await scan.dialog.getByRole('button', { name: 'Save inspection' }).click()
    await expect(scan.dialog).toBeHidden()
    await expect(batchActions.getByTestId('action-sanding-check')).toContainText('Done')
    await expect(scan.number).toHaveText(first)
    await expect(scan.advance).toHaveText('2 required actions before advancing')

    // the other unit opens with one tap
    await other.getByRole('button', { name: `Open ${second}` }).click()
    await expect(scan.number).toHaveText(second)
    await expect(scan.card.getByTestId(`elsewhere-${first}`)).toContainText('Cup wall thickness')
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
    await expect(scan.banner).toContainText('Scan of B-10 saved on the tablet')
    await expect(scan.number).toHaveText('B-10')
    await expect(status).toHaveText('Offline · 1 waiting')

    // a label this tablet has no card for (B-12 waits at Intake): the previous card does not stay up
    await scan.wedgeScan(LABELS.B12)
    await expect(scan.banner).toContainText(`Scan of ${LABELS.B12} saved on the tablet`)
    await expect(scan.card).toBeHidden()
    await expect(page.getByTestId('offline-scan')).toContainText(LABELS.B12)
    await expect(status).toHaveText('Offline · 2 waiting')

    await context.setOffline(false)
    await expect(status).toHaveText('Online')
    // the banner said "no connection": back online it says what happened to what was saved
    await expect(scan.banner).toContainText('Back online')
    await expect(scan.banner).toContainText('Everything saved on the tablet is synced')
    await expect(scan.banner).not.toContainText('No connection')
    const active = await (await page.request.get('/api/disco/sessions/active')).json()
    const { data } = await service()
      .from('floor_scans')
      .select('scan_result')
      .eq('session_id', active.session.id)
      .order('scan_time')
    expect(data).toEqual([{ scan_result: 'success' }, { scan_result: 'success' }])
  })
})
