import AxeBuilder from '@axe-core/playwright'
import type { BrowserContext, Page } from '@playwright/test'
import { DEMO_PASSWORD } from './env'
import { createOperator, type Operator, service, staff, uniqueTag } from './fixtures/data'
import { expect, test } from './fixtures/test'
import { ScanPage } from './pages/scan-page'
import { StationPage } from './pages/station-page'
import { signInAs } from './session'

// Sewing on the station tablet (issue 14, docs/garment.md "On the tablet"): a Birch operator PINs in
// on a sewing-line tablet, scans a bundle label and works its operations from the card — a dependent
// operation's start is refused with the database's reason until the operation it depends on is done.
// Each test cuts a T-shirt bundle of its own (a unique colour), so the seeded line stays as it is.
const BIRCH = { id: '20000000-0000-4000-8000-000000000002', slug: 'birch' }
const TEE = 'a1000000-0000-4000-8000-000000000201' // TS-CREW: Join shoulders → Attach neck rib → …

async function teeBundle(): Promise<{ id: string; number: string; label: string }> {
  const manager = await staff('manager@birch.test')
  const colour = `Sage ${uniqueTag()}`
  const co = await manager.rpc('create_cut_order', {
    p_org_id: BIRCH.id,
    p_style_id: TEE,
    p_lines: [{ size: 'M', colour, quantity: 12 }],
  })
  expect(co.error).toBeNull()
  const lay = await manager.rpc('plan_lay', {
    p_cut_order_id: (co.data as { id: string }).id,
    p_fabric: 'Cotton jersey 180 gsm',
    p_colour: colour,
    p_shade: 'A',
    p_marker_length_m: 1.6,
    p_plies: 12,
    p_size_ratio: { M: 1 },
    p_bundle_size: 12,
  })
  expect(lay.error).toBeNull()
  const cut = await manager.rpc('cut_lay_into_bundles', { p_lay_id: (lay.data as { id: string }).id })
  expect(cut.error).toBeNull()
  const [bundle] = (cut.data as { bundles: Array<{ id: string; bundle_number: number }> }).bundles
  const label = await manager.rpc('label_code', { p_kind: 'bundle', p_id: bundle.id })
  expect(label.error).toBeNull()
  return { id: bundle.id, number: `BN-${bundle.bundle_number}`, label: String(label.data) }
}

/** A Birch manager signs a fresh tablet in on sewing line 1; the operator PINs in and opens /scan. */
async function pinInOnTheLine(page: Page, context: BrowserContext, sewer: Operator) {
  await signInAs(context, 'manager@birch.test', DEMO_PASSWORD)
  const station = new StationPage(page)
  await station.goto(BIRCH.slug)
  await station.register('Sewing line 1', `Line tablet ${uniqueTag()}`)
  await station.scan(sewer.badge)
  await station.tapPin(sewer.pin)
  await expect(station.operatorName).toBeVisible()
  await page.getByRole('link', { name: 'Start scanning' }).click()
  await expect(page).toHaveURL(/\/birch\/scan$/)
  const scan = new ScanPage(page)
  await scan.startWork()
  return scan
}

const runOperations = async (bundleId: string) => {
  const { data, error } = await service()
    .from('sewing_runs')
    .select('id, sewing_run_operations(operation_id, status, units_completed, defects_found, completed_at)')
    .eq('bundle_id', bundleId)
  if (error) throw error
  return data
}

test('an operator starts and completes an operation on a bundle; the dependent one waits for it', async ({
  page,
  context,
}) => {
  const bundle = await teeBundle()
  const sewer = await createOperator('Sewer', { org: BIRCH, owner: 'owner@birch.test' })
  const scan = await pinInOnTheLine(page, context, sewer)
  await scan.wedgeScan(bundle.label)
  await expect(scan.number).toHaveText(bundle.number)

  const ops = page.getByTestId('sewing-operations')
  await expect(ops).toContainText('Sewing · T-SHIRT')
  const shoulders = page.getByTestId('sewing-op-1')
  const neckRib = page.getByTestId('sewing-op-2')
  await expect(shoulders).toHaveAttribute('data-state', 'ready')
  await expect(neckRib).toHaveAttribute('data-state', 'blocked')
  await expect(neckRib.getByTestId('sewing-op-detail')).toHaveText('Waits for Join shoulders')

  // the dependent operation first: the database refuses, and says why under it
  await neckRib
    .getByRole('button', { name: /Attach neck rib/ })
    .first()
    .click()
  await neckRib.getByRole('button', { name: 'Start Attach neck rib' }).click()
  await expect(neckRib.getByTestId('sewing-op-error')).toHaveText(
    'Finish Join shoulders first: this operation depends on it',
  )
  expect(await runOperations(bundle.id)).toEqual([])

  // keyboard: the operation opens with Enter and its Start is a button like any other
  await shoulders
    .getByRole('button', { name: /Join shoulders/ })
    .first()
    .focus()
  await page.keyboard.press('Enter')
  await shoulders.getByRole('button', { name: 'Start Join shoulders' }).click()
  await expect(shoulders).toHaveAttribute('data-state', 'in_progress')
  await expect(shoulders.getByTestId('sewing-op-detail')).toHaveText('By you')
  await expect(page.getByTestId('item-status')).toHaveText('In sewing')

  // done with the units prefilled; more than the bundle holds is the database's refusal
  const units = shoulders.getByLabel('Pieces done')
  await expect(units).toHaveValue('12')
  await units.fill('13')
  await shoulders.getByRole('button', { name: 'Done: Join shoulders' }).click()
  await expect(shoulders.getByTestId('sewing-op-error')).toHaveText('The bundle has 12 good units; 13 is more')
  await units.fill('12')
  await shoulders.getByRole('button', { name: 'Done: Join shoulders' }).click()
  await expect(shoulders).toHaveAttribute('data-state', 'done')
  await expect(shoulders.getByTestId('sewing-op-error')).toHaveCount(0)
  await expect(shoulders.getByTestId('sewing-op-detail')).toHaveText('12 pcs by you')

  // a defect is one tap with the operation's code
  await shoulders.getByRole('button', { name: /^Open seam/ }).click()
  await expect(shoulders.getByTestId('sewing-op-detail')).toHaveText('12 pcs by you · 1 defect')

  // the card's sewing part passes axe's WCAG 2.1 AA rules (serious, critical) in light and dark
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme })
    const { violations } = await new AxeBuilder({ page })
      .include('[data-testid="sewing-operations"]')
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
      .analyze()
    expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([])
  }
  await page.emulateMedia({ colorScheme: 'light' })

  // now the dependent operation starts
  await expect(neckRib).toHaveAttribute('data-state', 'ready')
  await neckRib
    .getByRole('button', { name: /Attach neck rib/ })
    .first()
    .click()
  await neckRib.getByRole('button', { name: 'Start Attach neck rib' }).click()
  await expect(neckRib).toHaveAttribute('data-state', 'in_progress')
  await expect(neckRib.getByTestId('sewing-op-error')).toHaveCount(0)

  const [run] = await runOperations(bundle.id)
  const byOp = new Map(run.sewing_run_operations.map((o) => [o.operation_id, o]))
  expect(byOp.get('a5000000-0000-4000-8000-000000001001')).toMatchObject({
    status: 'COMPLETED',
    units_completed: 12,
    defects_found: 1,
  })
  expect(byOp.get('a5000000-0000-4000-8000-000000001002')?.status).toBe('IN_PROGRESS')
})

test('offline: a completion waits in the sync queue and reaches the server once', async ({ page, context }) => {
  const bundle = await teeBundle()
  const sewer = await createOperator('Sewer', { org: BIRCH, owner: 'owner@birch.test' })
  const scan = await pinInOnTheLine(page, context, sewer)
  await scan.wedgeScan(bundle.label)
  await expect(scan.number).toHaveText(bundle.number)
  const shoulders = page.getByTestId('sewing-op-1')
  await shoulders
    .getByRole('button', { name: /Join shoulders/ })
    .first()
    .click()
  await shoulders.getByRole('button', { name: 'Start Join shoulders' }).click()
  await expect(shoulders).toHaveAttribute('data-state', 'in_progress')

  await context.setOffline(true)
  await shoulders.getByLabel('Pieces done').fill('11')
  await shoulders.getByRole('button', { name: 'Done: Join shoulders' }).click()
  await expect(scan.banner).toContainText('saved on the tablet')
  await expect(shoulders).toHaveAttribute('data-state', 'done')
  await expect(shoulders.getByTestId('sewing-op-detail')).toHaveText('11 pcs by you · waiting to sync')
  await expect(page.getByTestId('sync-status')).toContainText('1 waiting')
  // the operation it unblocks is ready here too (the database checks again on sync)
  await expect(page.getByTestId('sewing-op-2')).toHaveAttribute('data-state', 'ready')
  expect(
    (await runOperations(bundle.id))[0].sewing_run_operations.find((o) => o.status === 'COMPLETED'),
  ).toBeUndefined()

  await context.setOffline(false)
  await page.evaluate(() => window.dispatchEvent(new Event('online')))
  await expect(page.getByTestId('sync-status')).toHaveText('Online')
  await expect(shoulders.getByTestId('sewing-op-detail')).toHaveText('11 pcs by you')
  const done = async () =>
    (await runOperations(bundle.id))[0].sewing_run_operations.filter((o) => o.status === 'COMPLETED')
  const synced = await done()
  expect(synced).toHaveLength(1)
  expect(synced[0].units_completed).toBe(11)

  // the connection flaps and the tablet flushes again: still once, as it was
  await context.setOffline(true)
  await context.setOffline(false)
  await page.evaluate(() => window.dispatchEvent(new Event('online')))
  await page.waitForTimeout(1500)
  expect(await done()).toEqual(synced)
})
