import { randomUUID } from 'node:crypto'
import { createBatch, createOrders } from './fixtures/data'
import { expect, test } from './fixtures/test'
import { pinInAndScan, service } from './floor-helpers'
import { QueuePage } from './pages/queue-page'
import { ScanPage } from './pages/scan-page'

const TOUCH_UP = '87000000-0000-4000-8000-000000000108'

test('my queue is live, and "Next item" opens the claimed item on the scan screen', async ({
  page,
  context,
  operator,
}) => {
  await pinInAndScan(page, context, operator.badge, 'Finishing booth')
  await new ScanPage(page).startWork()
  const queue = new QueuePage(page)
  await page.getByRole('link', { name: 'My queue' }).click()
  await queue.pick.selectOption({ label: 'Touch-up · Finishing booth' })
  await expect(queue.metrics).toContainText('Done today')
  const before = await queue.waiting.count()

  // someone adds an item to the queue elsewhere (a pending order of this test's own): it appears here without a reload
  const [order] = await createOrders(1)
  const { error } = await service().rpc('floor_queue_add', {
    p_client_id: randomUUID(),
    p_queue_id: TOUCH_UP,
    p_item_id: order.id,
    p_priority: 'urgent',
  })
  expect(error).toBeNull()
  await expect(queue.waiting).toHaveCount(before + 1)
  await expect(queue.waiting.first()).toContainText(order.number)

  // the urgent entry is pulled first and opens on the scan screen
  await queue.next.click()
  await expect(page).toHaveURL(/\/aurora\/scan\?item=/)
  await expect(new ScanPage(page).number).toHaveText(order.number)
})

test('Next item from Touch-up: the unit’s card shows its batch’s actions at once, and the item is no longer waiting', async ({
  page,
  context,
  operator,
}) => {
  await pinInAndScan(page, context, operator.badge, 'Finishing booth')
  await new ScanPage(page).startWork()
  // a unit of a batch at Finishing, whose required actions (Finish check, Finish close-up) are the batch's
  const batch = await createBatch({ stage: 'Finishing', orders: 1 })
  const [order] = batch.orders
  const { error } = await service().rpc('floor_queue_add', {
    p_client_id: randomUUID(),
    p_queue_id: TOUCH_UP,
    p_item_id: order.id,
    p_priority: 'urgent',
  })
  expect(error).toBeNull()
  const queue = new QueuePage(page)
  await page.getByRole('link', { name: 'My queue' }).click()
  await queue.pick.selectOption({ label: 'Touch-up · Finishing booth' })
  await expect(queue.waiting.filter({ hasText: order.number })).toHaveCount(1)

  await queue.next.click()
  const scan = new ScanPage(page)
  // the card came with the claim: no wait for a second read
  await expect(scan.number).toHaveText(order.number, { timeout: 3_000 })
  await expect(scan.card).not.toContainText('No actions at this stage')
  const batchActions = scan.card.getByTestId('batch-actions')
  await expect(batchActions).toContainText('Finish check')
  await expect(batchActions).toContainText('Finish close-up')
  await expect(batchActions.getByRole('button', { name: 'Inspect' })).toBeEnabled()
  await expect(scan.advance).toHaveText('2 required actions before advancing')

  await page.getByRole('link', { name: 'My queue' }).click()
  await queue.pick.selectOption({ label: 'Touch-up · Finishing booth' })
  await expect(queue.mine.filter({ hasText: order.number })).toHaveCount(1)
  await expect(queue.waiting.filter({ hasText: order.number })).toHaveCount(0)
})
