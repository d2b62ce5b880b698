import { randomUUID } from 'node:crypto'
import { DEMO_PASSWORD } from './env'
import { AURORA, createOrders, uniqueTag } from './fixtures/data'
import { expect, test } from './fixtures/test'
import { pinInAndScan, service } from './floor-helpers'
import { QueuePage } from './pages/queue-page'
import { ScanPage } from './pages/scan-page'
import { signInAs } from './session'

const FINISHING_BOOTH = '30000000-0000-4000-8000-000000000103'

/** A queue of this test's own at the Finishing booth, with `n` normal-priority orders waiting. */
async function queueWithWork(n: number) {
  const name = `E2E queue ${uniqueTag()}`
  const { data: q, error } = await service()
    .from('floor_queues')
    .insert({ org_id: AURORA.id, name, location_id: FINISHING_BOOTH, max_items: 50 })
    .select('id')
    .single()
  if (error) throw error
  const orders = await createOrders(n)
  for (const o of orders) {
    const r = await service().rpc('floor_queue_add', {
      p_client_id: randomUUID(),
      p_queue_id: q.id,
      p_item_id: o.id,
      p_priority: 'normal',
    })
    if (r.error) throw r.error
  }
  return { id: q.id, name, orders }
}

test('a supervisor reorders and reassigns on /queues; the operator’s tablet queue follows live', async ({
  page,
  context,
  browser,
  operator,
}) => {
  test.setTimeout(90_000)
  const q = await queueWithWork(3)
  const [a, b, c] = q.orders

  // the operator's tablet at the Finishing booth, on this queue
  await pinInAndScan(page, context, operator.badge, 'Finishing booth')
  await new ScanPage(page).startWork()
  const tablet = new QueuePage(page)
  await page.getByRole('link', { name: 'My queue' }).click()
  await tablet.pick.selectOption({ label: `${q.name} · Finishing booth` })
  await expect(tablet.waiting).toHaveCount(3)
  await expect(tablet.waiting.first()).toContainText(a.number)

  // the supervisor's desk
  const desk = await browser.newContext()
  await signInAs(desk, 'supervisor@aurora.test', DEMO_PASSWORD)
  const sup = await desk.newPage()
  await sup.goto(`/aurora/queues?q=${q.id}`)
  const rows = sup.getByTestId('managed-entry')
  await expect(rows).toHaveCount(3)
  await expect(sup.getByTestId('worker').filter({ hasText: operator.name })).toBeVisible()

  // ↓ on the first: b, a, c — the tablet shows the new order without a reload
  await sup.getByRole('button', { name: `Move ${a.number} down` }).click()
  await expect(rows.first()).toHaveAttribute('data-number', b.number)
  await expect(tablet.waiting.first()).toContainText(b.number)
  await expect(tablet.waiting.nth(1)).toContainText(a.number)

  // drag c to the top: c, b, a
  await rows.filter({ hasText: c.number }).dragTo(rows.first())
  await expect(rows.first()).toHaveAttribute('data-number', c.number)
  await expect(tablet.waiting.first()).toContainText(c.number)

  // assign a to the operator (offered with their load, since they are PINed in here)
  const assign = sup.getByLabel(`Assign ${a.number}`)
  await expect(assign.locator(`option[value="${operator.id}"]`)).toHaveText(`${operator.name} · 0/3 open`)
  await assign.selectOption(operator.id)
  await expect(tablet.waiting.filter({ hasText: a.number })).toContainText(operator.name)
  await expect(sup.getByTestId('worker').filter({ hasText: operator.name })).toContainText('1 assigned')

  // a higher priority for b, then an order that would put normal work above it: the database's refusal, and the real order back
  await sup.getByLabel(`Priority of ${b.number}`).selectOption('high')
  await expect(rows.first()).toHaveAttribute('data-number', b.number)
  await expect(tablet.waiting.first()).toContainText(b.number)
  await sup.getByRole('button', { name: `Move ${c.number} up` }).click()
  await expect(sup.getByTestId('queue-error')).toContainText('Higher-priority work cannot go below lower-priority work')
  await expect(rows.first()).toHaveAttribute('data-number', b.number)

  // reassign a back to nobody: the tablet drops the name
  await assign.selectOption('')
  await expect(tablet.waiting.filter({ hasText: a.number })).not.toContainText(operator.name)
  await desk.close()
})

test('a supervisor’s message shows on the tablet until acknowledged, and the supervisor sees who acknowledged it', async ({
  page,
  context,
  browser,
  operator,
}) => {
  test.setTimeout(90_000)
  await pinInAndScan(page, context, operator.badge, 'Finishing booth')
  await new ScanPage(page).startWork()
  await expect(page.getByTestId('floor-message')).toHaveCount(0)

  const desk = await browser.newContext()
  await signInAs(desk, 'supervisor@aurora.test', DEMO_PASSWORD)
  const sup = await desk.newPage()
  await sup.goto('/aurora/floor')
  const body = `Glue delivery is late: start with sanding (${uniqueTag()})`
  const composer = sup.getByRole('form', { name: 'Send a message to the floor' })
  await composer.getByLabel('Message', { exact: true }).fill(body)
  await composer.getByLabel('To', { exact: true }).selectOption(`person:${operator.id}`)
  await composer.getByRole('button', { name: 'Send' }).click()
  const logged = sup.getByTestId('message-log-entry').filter({ hasText: body })
  await expect(logged).toContainText('Not acknowledged yet')

  // the tablet shows it live, as a banner with Acknowledge
  const banner = page.getByTestId('floor-message').filter({ hasText: body })
  await expect(banner).toBeVisible()
  await banner.getByRole('button', { name: 'Acknowledge' }).click()
  await expect(banner).toHaveCount(0)

  // the supervisor's log says who acknowledged it (live)
  await expect(logged.getByTestId('message-acks')).toContainText(`Acknowledged by ${operator.name}`)
  await desk.close()
})

test('an operator flags an item; the flag shows on the floor view and a supervisor resolves it', async ({
  page,
  context,
  browser,
  operator,
}) => {
  test.setTimeout(90_000)
  const [order] = await createOrders(1)
  await pinInAndScan(page, context, operator.badge, 'Finishing booth')
  const scan = new ScanPage(page)
  await scan.startWork()
  await page.goto(`/aurora/scan?item=${order.id}`)
  await expect(scan.number).toHaveText(order.number)
  await page.getByRole('button', { name: 'Flag for a supervisor' }).click()
  await page.getByRole('button', { name: 'Material missing' }).click()
  await page.getByLabel('Note (optional)').fill('No ear pads left')
  await page.getByRole('button', { name: 'Send flag' }).click()
  await expect(page.getByText(`Flagged ${order.number}: Material missing`)).toBeVisible()

  const desk = await browser.newContext()
  await signInAs(desk, 'supervisor@aurora.test', DEMO_PASSWORD)
  const sup = await desk.newPage()
  await sup.goto('/aurora/floor')
  const flag = sup.getByTestId('open-flag').filter({ hasText: order.number })
  await expect(flag).toContainText('Material missing')
  await expect(flag).toContainText('No ear pads left')
  await expect(flag).toContainText(operator.name)
  await flag.getByRole('button', { name: `Resolve ${order.number}` }).click()
  await expect(flag).toHaveCount(0)
  await desk.close()
})
