import { readFile } from 'node:fs/promises'
import { DEMO_PASSWORD } from './env'
import { expect, test } from './fixtures/test'
import { StationPage } from './pages/station-page'
import { signInAs } from './session'

// Issue 17: a manager reads the dashboard, changes the range, is told plainly when a custom range
// is wrong, and downloads the CSV behind a chart; the floor status changes live when an operator
// PINs in at a tablet.
test('a manager opens the dashboard, changes the range and exports CSV', async ({ page, context }) => {
  await signInAs(context, 'manager@aurora.test', DEMO_PASSWORD)
  await page.goto('/aurora/dashboard')
  await expect(page.getByRole('heading', { name: 'Dashboard', level: 1 })).toBeVisible()
  await expect(page.getByTestId('kpi-units_completed')).toBeVisible()
  await expect(page.getByTestId('kpi-overall_efficiency')).toContainText('%')
  await expect(page.getByRole('figure', { name: 'Efficiency per day by department' })).toBeVisible()

  const form = page.getByRole('form', { name: 'Dashboard range' })
  await form.getByLabel('Range').selectOption('30d')
  await form.getByRole('button', { name: 'Show' }).click()
  await expect(page).toHaveURL(/range=30d/)
  // the chart's data table holds one row per day of the range
  const trend = page.getByRole('figure', { name: 'Efficiency per day by department' })
  await trend.getByRole('button', { name: /data table/i }).click()
  await expect(trend.getByRole('table').locator('tbody tr')).toHaveCount(30)
  await expect(page.getByText(/vs .* computed/)).toBeVisible()

  // a custom range that ends before it starts: a reason, not an error page
  await form.getByLabel('Range').selectOption('custom')
  await form.getByLabel('From (custom)').fill('2026-11-20')
  await form.getByLabel('To (custom)').fill('2026-11-10')
  await form.getByRole('button', { name: 'Show' }).click()
  await expect(page.getByText('The end date is before the start date')).toBeVisible()

  await page.goto('/aurora/dashboard?range=7d')
  const download = page.waitForEvent('download')
  await page.getByRole('link', { name: 'Download daily figures (CSV)' }).first().click()
  const file = await download
  expect(file.suggestedFilename()).toMatch(/^dashboard-days-7d.*\.csv$/)
  const csv = await readFile((await file.path()) as string, 'utf8')
  const lines = csv
    .replace(/^\uFEFF/, '')
    .trim()
    .split('\r\n')
  expect(lines[0]).toBe(
    'Date,Units completed,Units cut,Units sewn,Overall efficiency %,Cutting efficiency %,Sewing efficiency %,QC pass rate %,Defect rate %,Rework rate %,Employees present,Overtime hours,Revenue',
  )
  expect(lines).toHaveLength(8) // header + 7 days
})

test('the floor status shows an operator PINing in, live', async ({ page, context, browser, operator }) => {
  await signInAs(context, 'supervisor@aurora.test', DEMO_PASSWORD)
  await page.goto('/aurora/floor')
  const pinned = page.getByRole('list', { name: 'PINed in without an item' })
  await expect(page.getByRole('heading', { name: 'Floor status' })).toBeVisible()
  await expect(pinned.getByText(operator.name)).toHaveCount(0)

  const tablet = await browser.newContext()
  try {
    await signInAs(tablet, 'supervisor@aurora.test', DEMO_PASSWORD)
    const tab = await tablet.newPage()
    const station = new StationPage(tab)
    await station.goto('aurora')
    const name = `Status tablet ${Date.now() % 100000}`
    await station.register('Assembly', name)
    // a tablet nobody is PINed in at is listed as idle
    await expect(page.getByRole('list', { name: 'Idle tablets' }).getByText(name)).toBeVisible()
    await station.scan(operator.badge)
    await station.tapPin('1234')
    await expect(station.operatorName).toHaveText(operator.name)
    // no reload: the floor view re-reads on the PIN-in's broadcast
    await expect(pinned.getByText(operator.name)).toBeVisible()
    await expect(page.getByRole('list', { name: 'Idle tablets' }).getByText(name)).toHaveCount(0)
  } finally {
    await tablet.close()
  }
})
