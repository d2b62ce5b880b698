import { DEMO_PASSWORD } from './env'
import { createOperator } from './fixtures/data'
import { expect, test } from './fixtures/test'
import { pinInAndScan, service } from './floor-helpers'
import { FloorPage } from './pages/floor-page'
import { ScanPage } from './pages/scan-page'
import { signInAs } from './session'

test('a supervisor sees who works where, live', async ({ page, context, browser }) => {
  await signInAs(context, 'supervisor@aurora.test', DEMO_PASSWORD)
  const floor = new FloorPage(page)
  await floor.goto('aurora')
  await expect(floor.queues).toContainText('Acoustic QC')
  const before = await floor.sessions.count()

  // an operator starts work on a tablet elsewhere: the supervisor's view gains them without a reload
  const rosa = await createOperator('Rosa Diaz')
  const tablet = await browser.newContext()
  const tabletPage = await tablet.newPage()
  await pinInAndScan(tabletPage, tablet, rosa.badge, 'Assembly')
  await new ScanPage(tabletPage).startWork()
  await expect(floor.sessions.filter({ hasText: rosa.name })).toHaveCount(1)
  expect(await floor.sessions.count()).toBeGreaterThanOrEqual(before)
  await expect(floor.sessions.filter({ hasText: rosa.name })).toContainText('Assembly')
  await tablet.close()
})

test('label sheets: a batch and its units, locations, badges', async ({ page, context }) => {
  await signInAs(context, 'supervisor@aurora.test', DEMO_PASSWORD)
  const floor = new FloorPage(page)
  await floor.gotoLabels('aurora', '?kind=batch_orders&batch=83000000-0000-4000-8000-000000000010')
  await expect(floor.labels.first()).toHaveText('FL1:AUR:I:102GW')
  await expect(floor.labels).toHaveCount(7) // B-10 and its six units
  await page.getByRole('link', { name: 'Locations', exact: true }).click()
  await expect(floor.labels.first()).toHaveText(/^FL1:AUR:L:/)
  await page.getByRole('link', { name: 'Badges', exact: true }).click()
  await expect(floor.labels.filter({ hasText: 'AUR-OP-1' })).toHaveCount(1)
  await expect(page.getByRole('img', { name: 'QR code AUR-OP-1' })).toBeVisible()
})

test('opening /scan on a desktop starts no floor session until the person asks for one', async ({ page, context }) => {
  await signInAs(context, 'supervisor@aurora.test', DEMO_PASSWORD)
  const db = service()
  const SAM = '60000000-0000-4000-8000-000000000103' // supervisor@aurora.test in supabase/seed.sql
  const open = async () =>
    (await db.from('floor_sessions').select('id').eq('member_id', SAM).is('ended_at', null)).data?.length
  const before = await open()
  const scan = new ScanPage(page)
  await scan.goto('aurora')
  await expect(page.getByTestId('session-prompt')).toContainText('You are not PINed in at a station')
  await page.waitForTimeout(500)
  expect(await open()).toBe(before)

  await page.getByRole('button', { name: 'Start a floor session' }).click()
  await scan.startWork()
  expect(await open()).toBe(1)
})
