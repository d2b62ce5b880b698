import { expect, test } from '@playwright/test'
import { DEMO_PASSWORD } from './env'
import { signInAs } from './session'

// The seed's customer queue (docs/virtual-queues.md): Aurora's Front counter, counters 1 and 2, one
// customer already waiting; the poster's link and the TV's are public development tokens.
const JOIN = '/q/demo-aurora-front-counter'
const DISPLAY = '/q/d/demo-aurora-front-display'

test('a customer joins on a phone, the counter calls them, their page and the TV change live; a no-show', async ({
  browser,
}, testInfo) => {
  test.setTimeout(90_000)
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true })
  const customer = await phone.newPage()
  await customer.goto(JOIN)
  await expect(customer.getByRole('heading', { name: /Join the queue: Front counter/ })).toBeVisible()
  await customer.getByLabel('Pickup').check()
  await customer.getByLabel(/Order reference/).fill('AUR-E2E')
  await customer.getByLabel(/Mobile number/).fill('0917 555 0142')
  await customer.getByRole('button', { name: 'Get my ticket' }).click()
  await expect(customer).toHaveURL(/\/q\/t\/[A-Za-z0-9_-]{22}$/)
  const number = (await customer.getByRole('heading', { level: 1 }).textContent())?.trim() ?? ''
  expect(number).toMatch(/^A-\d{3}$/)
  await expect(customer.getByTestId('ticket-status')).toHaveText(/in line|You are next/)
  await expect(customer.getByText('This page updates by itself.')).toBeVisible()
  await customer.screenshot({ path: testInfo.outputPath('queue-ticket-waiting.png'), fullPage: true })

  const tv = await (await browser.newContext({ viewport: { width: 1920, height: 1080 } })).newPage()
  await tv.goto(DISPLAY)
  await expect(tv.getByTestId('next-numbers')).toContainText(number)
  await expect(tv.getByText('Live', { exact: true })).toBeVisible()

  const staffContext = await browser.newContext({ viewport: { width: 1180, height: 820 }, hasTouch: true })
  await signInAs(staffContext, 'supervisor@aurora.test', DEMO_PASSWORD)
  const staff = await staffContext.newPage()
  await staff.goto('/aurora/counter')
  await expect(staff.getByRole('heading', { name: 'Front counter · counter 1' })).toBeVisible()
  await expect(staff.getByText('Live', { exact: true })).toBeVisible()
  // "I'm here": the customer checks in from their phone (a plain form), the counter sees it live
  await customer.getByRole('button', { name: "I'm here" }).click()
  await expect(customer.getByTestId('checked-in')).toContainText('checked in')
  await expect(staff.getByTestId('waiting-list').locator('li', { hasText: number })).toContainText('Here')
  // customers ahead of ours (the seed's, or earlier runs'): call and serve them, by touch and by key
  const message = staff.getByTestId('counter-message')
  const current = staff.getByTestId('current-number')
  for (let i = 0; i < 10; i++) {
    if (i % 2) await staff.keyboard.press('n')
    else await staff.getByRole('button', { name: 'Call next' }).click()
    await expect(message).toContainText(/Calling A-\d+/)
    const called = /Calling (A-\d+)/.exec((await message.textContent()) ?? '')?.[1] ?? ''
    await expect(current).toHaveText(called)
    if (called === number) break
    await staff.getByRole('button', { name: 'Served', exact: true }).click()
    await expect(message).toContainText(`${called} served`)
    await expect(current).toHaveCount(0)
  }
  await expect(current).toHaveText(number)

  // live, no reload: the customer's page and the TV
  await expect(customer.getByTestId('ticket-status')).toHaveText(/It's your turn — please come to counter 1/)
  await expect(tv.getByTestId('counter-1')).toContainText(number)
  await customer.screenshot({ path: testInfo.outputPath('queue-ticket-called.png'), fullPage: true })
  await tv.screenshot({ path: testInfo.outputPath('queue-display.png') })

  await staff.getByRole('button', { name: 'Call again' }).click()
  await expect(customer.getByTestId('ticket-status')).toContainText('(called again)')
  await staff.getByRole('button', { name: 'No-show' }).click()
  await expect(customer.getByTestId('ticket-status')).toHaveText(/we missed you/)
  await expect(tv.getByTestId('counter-1')).not.toContainText(number)
  await phone.close()
  await staffContext.close()
})
