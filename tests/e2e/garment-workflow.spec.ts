import { DEMO_PASSWORD } from './env'
import { uniqueTag } from './fixtures/data'
import { expect, test } from './fixtures/test'
import { BatchBoardPage } from './pages/batch-board-page'
import { OrdersPage } from './pages/orders-page'
import { TrackPage } from './pages/track-page'
import { signInAs } from './session'

// Birch & Bobbin's batches follow the system batch type 'Garment' (issue 11): its board has a column
// per garment stage, and every move is the engine's answer — one stage on at a time, rework from QC
// back to Sewing with a reason, completion from Packing. The batch is this test's own (a new order of
// the seeded garment model), so the seeded batches stay where they are.
const GARMENT = ['Cutting', 'Printing', 'Sewing', 'QC', 'Packing']

test('a Birch manager moves a batch through the garment workflow on the board', async ({ page, context, browser }) => {
  test.setTimeout(120_000)
  await signInAs(context, 'manager@birch.test', DEMO_PASSWORD)
  const tag = uniqueTag()
  const email = `ana.${tag}@example.com`

  const orders = new OrdersPage(page)
  await orders.create('birch', { name: 'Ana Cruz', email, model: 'Linen work shirt', wood: 'Walnut' })
  await expect(page.getByRole('heading', { name: /^Order .+ created$/ })).toBeVisible()
  const orderNumber = ((await page.getByRole('heading', { name: /created$/ }).textContent()) ?? '').split(' ')[1]
  const trackingUrl = await orders.trackingUrl.inputValue()
  await orders.goto('birch', `?q=${encodeURIComponent(email)}`)
  await expect(orders.rows).toHaveCount(1)
  const batch = await orders.batch([orderNumber])
  expect(batch).toMatch(/^B-\d+$/)

  // the board's columns are the garment stages, read from the type definition
  const board = new BatchBoardPage(page)
  await board.goto('birch')
  const columns = page.getByTestId('stage-column')
  await expect(columns).toHaveCount(GARMENT.length + 1) // and the finished batches
  for (const stage of GARMENT) await expect(board.column(stage)).toBeVisible()
  await expect(board.column('Sanding')).toHaveCount(0)
  await expect(board.column('Cutting').locator(`[data-batch="${batch}"]`)).toBeVisible()

  // no skipping: Cutting goes on to Printing only
  await board.drag(batch, 'Sewing')
  await expect(board.notice).toHaveText(new RegExp(`${batch} can go on to Printing only`))
  await expect(board.column('Cutting').locator(`[data-batch="${batch}"]`)).toBeVisible()

  for (const stage of ['Printing', 'Sewing', 'QC']) {
    await board.advance(batch)
    await expect(board.column(stage).locator(`[data-batch="${batch}"]`)).toBeVisible()
    await expect(board.notice).toContainText(`${batch} moved to ${stage}`)
  }

  // rework: the garment machine goes back from QC to Sewing only, and says why
  await board
    .card(batch)
    .getByRole('button', { name: `Send ${batch} back` })
    .click()
  const back = board.dialog.getByLabel('Back to')
  await expect(back.locator('option')).toHaveText(['Sewing'])
  await board.dialog.getByRole('button', { name: 'Send back' }).click()
  await expect(board.dialog.getByText('Say why, in a few words')).toBeVisible()
  await board.dialog.getByLabel('Reason').fill('Collar stitched crooked: resew')
  await board.dialog.getByRole('button', { name: 'Send back' }).click()
  await expect(board.column('Sewing').locator(`[data-batch="${batch}"]`)).toBeVisible()

  // dropping it back on Cutting is not a move its machine has
  await board.drag(batch, 'Cutting')
  await expect(board.notice).toHaveText(new RegExp(`${batch} can go on to QC only`))
  await expect(board.column('Sewing').locator(`[data-batch="${batch}"]`)).toBeVisible()

  for (const stage of ['QC', 'Packing']) {
    await board.advance(batch)
    await expect(board.column(stage).locator(`[data-batch="${batch}"]`)).toBeVisible()
  }
  await board.complete(batch)
  await expect(board.column('completed').locator(`[data-batch="${batch}"]`)).toBeVisible()

  // the customer's page follows the same type: garment milestones, shipped at the end
  const customer = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true })
  const track = new TrackPage(await customer.newPage())
  await track.open(trackingUrl)
  await expect(track.status).toHaveText('Shipped')
  for (const label of ['Cutting the fabric', 'Printing', 'Sewing', 'Quality check', 'Packing for shipment']) {
    await expect(track.step(label)).toHaveAttribute('data-state', 'done')
  }
  await expect(track.view).not.toContainText('Shaping the wood')
  await customer.close()
})
