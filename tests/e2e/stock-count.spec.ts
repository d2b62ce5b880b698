import { DEMO_PASSWORD } from './env'
import { createOperator, createStockItems } from './fixtures/data'
import { expect, test } from './fixtures/test'
import { pinInAndScan } from './floor-helpers'
import { CountTabletPage } from './pages/count-tablet-page'
import { signInAs } from './session'

/** Aurora's Assembly area (supabase/seed.sql). */
const ASSEMBLY = '30000000-0000-4000-8000-000000000104'

/**
 * Issue 16's proof on screens: a supervisor creates a blind count of ten items, an operator counts
 * them on a tablet with the network off for half of them (adds a line for stock found where the
 * count had none, and reloads the page offline), the
 * supervisor reviews and asks for one line again, a second operator recounts it, the supervisor
 * posts, and the day's variance analytics show the count.
 */
test('a blind count: counted on a tablet half offline, reviewed, recounted by another, posted, in analytics', async ({
  browser,
  page,
  context,
  operator,
}) => {
  test.setTimeout(240_000)
  const { category, items } = await createStockItems(10, { locationId: ASSEMBLY, quantity: 10 })
  const code = (i: number) => items[i].code
  // what the shelves hold: all 10 each but three
  const found = [10, 10, 8, 10, 10, 10, 12, 10, 10, 7]

  // the supervisor creates the count on /counts and starts it
  await signInAs(context, 'supervisor@aurora.test', DEMO_PASSWORD)
  await page.goto('/aurora/counts')
  await page.getByLabel('Title (optional)').fill(`Shelf check ${category}`)
  await page.getByLabel('What to count').selectOption('categories')
  await page.getByLabel(category, { exact: true }).check()
  await expect(page.getByLabel('Mode')).toHaveValue('blind')
  await page.getByRole('button', { name: 'Create count' }).click()
  await expect(page).toHaveURL(/\/aurora\/counts\/[0-9a-f-]{36}$/)
  const countId = page.url().split('/').pop() as string
  await page.getByRole('button', { name: 'Start (freeze the snapshot)' }).click()
  await expect(page.getByText('0 of 10 lines counted')).toBeVisible()
  await expect(page.getByText('expected quantities and variances stay on the server')).toBeVisible()

  // an operator on a station tablet
  const tabletContext = await browser.newContext()
  const tablet = await tabletContext.newPage()
  await pinInAndScan(tablet, tabletContext, operator.badge)
  const sheet = new CountTabletPage(tablet)
  await sheet.goto('aurora', countId)
  await expect(sheet.progress).toHaveText('0 of 10 counted')
  await expect(tablet.getByText('Blind', { exact: true })).toBeVisible()

  // five online
  for (let i = 0; i < 5; i++) await sheet.count(code(i), found[i])
  await expect(tablet.getByText('All synced')).toBeVisible()
  await expect(sheet.progress).toHaveText('5 of 10 counted')
  // a blind count's sheet carries no expected quantity at all
  await expect(tablet.locator('main')).not.toContainText(/expected/i)

  // the network drops: five more wait on the tablet, through an offline reload
  await tabletContext.setOffline(true)
  await expect(tablet.getByText('Offline', { exact: true })).toBeVisible()
  for (let i = 5; i < 10; i++) {
    await sheet.count(code(i), found[i])
    if (i === 5) await expect(tablet.getByText(/Offline: this line is not locked for other counters/)).toBeVisible()
  }
  // stock found with no line: four of the first item at Sanding, added and counted offline
  await tablet.getByText('Found something not on the sheet?').click()
  await tablet.getByLabel('Item', { exact: true }).selectOption({ label: `${code(0)} · E2E part 1` })
  await tablet.getByLabel('Where it is').selectOption({ label: 'Sanding' })
  await tablet.getByRole('button', { name: 'Add the line and count it' }).click()
  await expect(sheet.entryTitle).toContainText(code(0))
  await expect(tablet.getByText('Sanding · counted in pcs')).toBeVisible()
  await sheet.enter(4)
  await expect(tablet.getByText('7 waiting to sync')).toBeVisible()
  const reload = await tablet.reload()
  expect(reload?.fromServiceWorker()).toBe(true)
  await expect(sheet.progress).toHaveText('5 of 11 counted')
  await expect(tablet.getByText('7 waiting to sync')).toBeVisible()
  await expect(tablet.getByText('On tablet', { exact: true })).toHaveCount(6)
  await expect(tablet.getByText('Added', { exact: true })).toBeVisible()
  await expect(tablet.getByText('Offline', { exact: true })).toBeVisible()

  // back online: sent once, and the sheet catches up
  await tabletContext.setOffline(false)
  await expect(tablet.getByText('All synced')).toBeVisible({ timeout: 30_000 })
  await expect(sheet.progress).toHaveText('11 of 11 counted', { timeout: 15_000 })

  // review: the variances appear only now
  await page.reload()
  await expect(page.getByText('11 of 11 lines counted')).toBeVisible()
  await page.getByRole('button', { name: 'Send to review' }).click()
  await expect(page.getByText('4 of 11 lines differ')).toBeVisible()
  await expect(page.getByText(`Added on the floor by ${operator.name}`)).toBeVisible()
  await page.getByLabel(`Recount ${code(2)} at Assembly`).check()
  await page.getByLabel('Recount the chosen lines because').fill('Two boxes behind the shelf')
  await page.getByRole('button', { name: 'Ask for a recount (1)' }).click()
  await expect(page.getByText('10 of 11 lines counted, 1 to recount')).toBeVisible()

  // the first counter may not recount their own line
  await tablet.reload()
  await expect(sheet.line(code(2))).toContainText('Recount')
  await sheet.line(code(2)).click()
  await expect(tablet.getByText('You counted this line before: someone else does the recount.')).toBeVisible()
  await expect(sheet.saveAndNext).toBeDisabled()

  // a second operator, on a tablet of their own, does
  const second = await createOperator('Recounter')
  const otherContext = await browser.newContext()
  const other = await otherContext.newPage()
  await pinInAndScan(other, otherContext, second.badge)
  const otherSheet = new CountTabletPage(other)
  await otherSheet.goto('aurora', countId)
  await otherSheet.count(code(2), 10)
  await expect(other.getByText('All synced')).toBeVisible()

  // post: one adjustment per remaining variance, with its reason
  await page.reload()
  await expect(page.getByText('11 of 11 lines counted')).toBeVisible()
  await page.getByRole('button', { name: 'Send to review' }).click()
  await expect(page.getByText('3 of 11 lines differ')).toBeVisible()
  await page.getByLabel('Lines still without a reason').selectOption('miscount')
  await page.getByRole('button', { name: 'Set reason' }).click()
  await expect(page.getByLabel(`Reason for ${code(9)} at Assembly`)).toHaveValue('miscount')
  await page.getByRole('button', { name: 'Post adjustments' }).click()
  await expect(page.getByText(/Posted .*: 3 adjustments worth/)).toBeVisible()

  // the day's analytics include it: its items among those that differed most, the reason counted
  await page.goto('/aurora/stock/analytics?type=daily')
  const today = await page.locator('#va-to').inputValue()
  await page.goto(`/aurora/stock/analytics?type=daily&from=${today}&to=${today}`)
  const totals = page.locator('section[aria-labelledby="va-totals"]')
  await expect(totals).toContainText(/items counted, \d+ with a variance \(accuracy/)
  const counted = Number((await totals.textContent())?.match(/([\d,]+) items counted/)?.[1].replace(/,/g, ''))
  expect(counted).toBeGreaterThanOrEqual(11)
  const worst = page.getByRole('table', { name: 'Items by absolute variance value' })
  await expect(worst.getByRole('row', { name: new RegExp(code(9)) })).toContainText('-3')
  await expect(worst.getByRole('row', { name: new RegExp(code(6)) })).toContainText('2')
  await expect(worst.getByRole('row', { name: new RegExp(code(0)) })).toContainText('4')
  await expect(worst).not.toContainText(code(2))

  await tabletContext.close()
  await otherContext.close()
})
