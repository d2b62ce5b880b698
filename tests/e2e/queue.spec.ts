import { expect, test } from '@playwright/test'
import { pinInAndScan, service } from './floor-helpers'
import { QueuePage } from './pages/queue-page'
import { ScanPage } from './pages/scan-page'

const TOUCH_UP = '87000000-0000-4000-8000-000000000108'

test('my queue is live, and "Next item" opens the claimed item on the scan screen', async ({ page, context }) => {
  await pinInAndScan(page, context, 'AUR-OP-2', 'Finishing booth')
  await new ScanPage(page).startWork()
  const queue = new QueuePage(page)
  await page.getByRole('link', { name: 'My queue' }).click()
  await queue.pick.selectOption({ label: 'Touch-up · Finishing booth' })
  await expect(queue.metrics).toContainText('Done today')
  const before = await queue.waiting.count()

  // someone adds an item to the queue elsewhere: it appears here without a reload
  const { data: order } = await service()
    .from('orders')
    .select('id, order_number')
    .eq('org_id', '20000000-0000-4000-8000-000000000001')
    .eq('status', 'pending')
    .limit(1)
    .single()
  const { error } = await service().rpc('floor_queue_add', {
    p_client_id: null,
    p_queue_id: TOUCH_UP,
    p_item_id: order?.id,
    p_priority: 'urgent',
  })
  expect(error).toBeNull()
  await expect(queue.waiting).toHaveCount(before + 1)
  await expect(queue.waiting.first()).toContainText(order?.order_number ?? '')

  // the urgent entry is pulled first and opens on the scan screen
  await queue.next.click()
  await expect(page).toHaveURL(/\/aurora\/scan\?item=/)
  await expect(new ScanPage(page).number).toHaveText(order?.order_number ?? '')
})
