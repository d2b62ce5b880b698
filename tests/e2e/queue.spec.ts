import { randomUUID } from 'node:crypto'
import { createOrders } from './fixtures/data'
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
