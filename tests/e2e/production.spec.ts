import type { BrowserContext } from '@playwright/test'
import { DEMO_PASSWORD } from './env'
import { completeStageWork, createBatch, createOrders } from './fixtures/data'
import { expect, test } from './fixtures/test'
import { BatchBoardPage } from './pages/batch-board-page'
import { OrdersPage } from './pages/orders-page'
import { TrackPage } from './pages/track-page'
import { signInAs } from './session'

const STAGES = ['Intake', 'Sanding', 'Finishing', 'Sub-Assembly', 'Final Assembly', 'Acoustic QC', 'Shipping']
const SAYS: Record<string, string> = {
  Intake: 'Materials selected',
  Sanding: 'Shaping the wood',
  Finishing: 'Finishing the wood',
  'Sub-Assembly': 'Building the drivers and cups',
  'Final Assembly': 'Final assembly',
  'Acoustic QC': 'Acoustic testing',
  Shipping: 'Packing for shipment',
}

// Every test here moves only batches it made (the seeded ones stay where the seed put them), so the
// tests run in any order and in parallel.
let customer: BrowserContext | undefined
test.afterEach(async () => {
  await customer?.close()
  customer = undefined
})

test('a manager takes an order, batches it and moves it through every stage while the customer watches live', async ({
  page,
  context,
  browser,
}, testInfo) => {
  test.setTimeout(120_000)
  await signInAs(context, 'manager@aurora.test', DEMO_PASSWORD)
  const stamp = Date.now().toString(36)
  const email = `lena.${stamp}@example.com`

  // 1. a new order, with a wood its model is made in
  const orders = new OrdersPage(page)
  await orders.create('aurora', {
    name: 'Lena Fischer',
    email,
    model: 'Eikon',
    wood: 'Walnut',
    priority: 'Rush',
    custom: 'Engraving: LF',
  })
  await expect(page.getByRole('heading', { name: /^Order ORD-\d+ created$/ })).toBeVisible()
  const orderNumber = ((await page.getByRole('heading', { name: /created$/ }).textContent()) ?? '').split(' ')[1]
  const trackingUrl = await orders.trackingUrl.inputValue()
  expect(trackingUrl).toMatch(/\/track\/[A-Za-z0-9_-]{22}$/)
  await expect(page.getByRole('img', { name: 'QR code of the tracking link' }).locator('svg')).toBeVisible()

  // 2. the customer opens the link on a phone: no session, a context of their own
  customer = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true })
  const track = new TrackPage(await customer.newPage())
  const res = await track.open(trackingUrl)
  expect(res?.status()).toBe(200)
  await expect(track.status).toHaveText('Order received')
  await expect(track.view).toContainText(`Order ${orderNumber}`)
  await expect(track.view).toContainText('Eikon in Walnut')
  await expect(track.live).toHaveAttribute('data-live', 'true')
  await expect(track.view).not.toContainText('Lena') // the page never names the customer

  // 3. the order goes into a new batch from the order list
  await orders.goto('aurora')
  await orders.search.fill(email)
  await expect(orders.rows).toHaveCount(1)
  await expect(orders.row(orderNumber)).toContainText('Pending')
  const batch = await orders.batch([orderNumber])
  expect(batch).toMatch(/^B-\d+$/)
  await expect(track.status).toHaveText('In production')
  await expect(track.stage).toHaveText(`Now: ${SAYS.Intake}`)

  // 4. the board: the new batch at Intake; moves by drag and by button, rules explained
  const board = new BatchBoardPage(page)
  await board.goto('aurora')
  await expect(board.column('Intake').getByTestId('batch-card').filter({ hasText: batch })).toBeVisible()
  await expect(board.card(batch)).toContainText('1 order · Eikon')
  await expect(board.card(batch)).toContainText('Rush')

  await board.drag(batch, 'Finishing') // two columns on: a skip
  // no RPC skips a stage, so the board says where the batch can go instead of copying the trigger's words
  await expect(board.notice).toHaveText(new RegExp(`${batch} can go on to Sanding only`))
  await expect(board.column('Intake').locator(`[data-batch="${batch}"]`)).toBeVisible()

  // a stage is left only with its required floor work done (the database's rule): the floor's part,
  // done by a fixture before each move of the board
  await completeStageWork(batch)
  await board.drag(batch, 'Sanding') // mouse drag onto the next stage
  await expect(board.column('Sanding').locator(`[data-batch="${batch}"]`)).toBeVisible()
  await expect(track.stage).toHaveText(`Now: ${SAYS.Sanding}`)

  for (let i = 2; i < STAGES.length; i++) {
    await completeStageWork(batch)
    await board.advance(batch)
    await expect(board.column(STAGES[i]).locator(`[data-batch="${batch}"]`)).toBeVisible()
    await expect(board.notice).toContainText(`${batch} moved to ${STAGES[i]}`)
    await expect(track.stage).toHaveText(`Now: ${SAYS[STAGES[i]]}`)
    if (STAGES[i] === 'Acoustic QC') await expect(track.status).toHaveText('Acoustic testing')
    if (STAGES[i] === 'Final Assembly') {
      // rework: back a stage with a reason, then on again
      await board.sendBack(batch, 'Sub-Assembly', 'Driver rattle on the left cup')
      await expect(board.column('Sub-Assembly').locator(`[data-batch="${batch}"]`)).toBeVisible()
      await expect(track.stage).toHaveText(`Now: ${SAYS['Sub-Assembly']}`)
      await completeStageWork(batch) // rework: the stage's work again
      await board.advance(batch)
      await expect(board.column('Final Assembly').locator(`[data-batch="${batch}"]`)).toBeVisible()
      // the column shows the move at once; wait for the committed one (the customer's page follows the
      // database) before the next stage's fixture reads where the batch is
      await expect(board.notice).toContainText(`${batch} moved to Final Assembly`)
      await expect(track.stage).toHaveText(`Now: ${SAYS['Final Assembly']}`)
    }
  }
  await expect(track.status).toHaveText('Ready to ship')
  await expect(track.step(SAYS['Acoustic QC'])).toHaveAttribute('data-state', 'done')

  await completeStageWork(batch)
  await board.complete(batch)
  await expect(board.column('completed').locator(`[data-batch="${batch}"]`)).toBeVisible()
  await expect(track.status).toHaveText('Shipped')
  await expect(track.stage).toHaveCount(0)
  for (const s of STAGES) await expect(track.step(SAYS[s])).toHaveAttribute('data-state', 'done')
  // the public history lists forward stage entries, never the rework
  await expect(track.milestones.first()).toContainText('Shipped')
  await expect(track.view).not.toContainText('rattle')

  // 5. the order's page tells the whole story to staff
  await orders.goto('aurora', `?q=${encodeURIComponent(email)}`)
  await orders.row(orderNumber).getByRole('link', { name: orderNumber }).click()
  await expect(page.getByRole('heading', { name: `Order ${orderNumber}` })).toBeVisible()
  await expect(page.getByTestId('order-status').first()).toHaveText('Shipped')
  const history = page.getByRole('list', { name: 'Status history' })
  await expect(history.getByTestId('history-entry').first()).toContainText(`Shipped from ready to ship`)
  await expect(history).toContainText(`with its batch (${batch})`)

  await track.page.screenshot({ path: testInfo.outputPath('track-shipped-phone.png'), fullPage: true })
})

test('a second device sees the first device’s move appear live, and a stale move is explained', async ({ browser }) => {
  const a = await browser.newContext()
  const b = await browser.newContext()
  await signInAs(a, 'supervisor@aurora.test', DEMO_PASSWORD)
  await signInAs(b, 'manager@aurora.test', DEMO_PASSWORD)
  const one = new BatchBoardPage(await a.newPage())
  const two = new BatchBoardPage(await b.newPage())
  const { number: batch } = await createBatch({ stage: 'Sanding' })
  await one.goto('aurora')
  await two.goto('aurora')
  await expect(one.column('Sanding').locator(`[data-batch="${batch}"]`)).toBeVisible()

  await completeStageWork(batch)
  await one.advance(batch)
  await expect(two.column('Finishing').locator(`[data-batch="${batch}"]`)).toBeVisible() // live, no reload

  // device two still acts on what it saw before? Stale: it reloaded live, so move it again from one
  // while two's request is already on its way: exactly one wins, the other is told and refreshed
  await completeStageWork(batch)
  await Promise.all([one.advance(batch), two.advance(batch)])
  await expect(one.column('Sub-Assembly').locator(`[data-batch="${batch}"]`)).toBeVisible()
  await expect(two.column('Sub-Assembly').locator(`[data-batch="${batch}"]`)).toBeVisible()
  const notices = [await one.notice.textContent(), await two.notice.textContent()].join(' | ')
  // the loser sees the database's own STALE_STAGE answer, as a tablet would
  expect(notices).toMatch(new RegExp(`Batch ${batch} is at Sub-Assembly now, not Finishing: someone moved it`))
  await a.close()
  await b.close()
})

test('a batch that failed acoustic QC stays at the gate, with the reason on screen', async ({ page, context }) => {
  await signInAs(context, 'supervisor@aurora.test', DEMO_PASSWORD)
  const board = new BatchBoardPage(page)
  await board.goto('aurora')
  await expect(board.card('B-4')).toContainText('QC failed')
  await board.advance('B-4')
  await expect(board.notice).toContainText('B-4 failed Acoustic QC')
  await expect(board.column('Acoustic QC').locator('[data-batch="B-4"]')).toBeVisible()
})

test('a batch moves by touch on a tablet', async ({ browser }) => {
  const tablet = await browser.newContext({ viewport: { width: 1024, height: 768 }, hasTouch: true })
  await signInAs(tablet, 'supervisor@aurora.test', DEMO_PASSWORD)
  const board = new BatchBoardPage(await tablet.newPage())
  // a batch before the quality gate (one of this test's own) moves on by one stage
  const made = await createBatch({ stage: 'Intake' })
  await board.goto('aurora')
  const from = STAGES.indexOf(made.stage)
  expect(from).toBeGreaterThanOrEqual(0)
  const batch = made.number
  await expect(board.column(STAGES[from]).locator(`[data-batch="${batch}"]`)).toBeVisible()
  await completeStageWork(batch)
  await board.touchDrag(batch, STAGES[from + 1])
  await expect(board.column(STAGES[from + 1]).locator(`[data-batch="${batch}"]`)).toBeVisible()
  await expect(board.notice).toContainText(`${batch} moved to ${STAGES[from + 1]}`)
  await tablet.close()
})

test('putting an order on hold asks why, and the history keeps the reason', async ({ page, context }) => {
  await signInAs(context, 'manager@aurora.test', DEMO_PASSWORD)
  const [order] = await createOrders(1)
  await page.goto(`/aurora/orders/${order.id}`)
  await page.getByRole('button', { name: 'Put on hold' }).click()
  const dialog = page.getByRole('dialog', { name: `Put ${order.number} on hold?` })
  await dialog.getByRole('button', { name: 'Put on hold' }).click()
  await expect(dialog.getByText('Say why the order is put on hold')).toBeVisible()
  await dialog.getByLabel('Why is it on hold?').fill('Customer asked us to wait for the new wood')
  await dialog.getByRole('button', { name: 'Put on hold' }).click()
  await expect(dialog).toBeHidden()
  await expect(page.getByRole('button', { name: 'Release from hold' })).toBeVisible()
  await expect(page.getByText('Customer asked us to wait for the new wood')).toBeVisible()
})
