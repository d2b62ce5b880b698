import { DEMO_PASSWORD } from './env'
import { expect, test } from './fixtures/test'
import { signInAs } from './session'

// An Aurora manager texts two demo customers at once (the two opted-in US numbers: Semaphore skips
// them, Twilio sends through the stack's fake gateway) and watches the bulk send's progress reach
// "2 of 2" live — counts read from the database each time the private org topic says a text moved —
// then finds Twilio on the Costs tab for this month.
test('a bulk send shows its progress live, and the month’s cost by provider', async ({ page, context }) => {
  test.setTimeout(90_000)
  await signInAs(context, 'manager@aurora.test', DEMO_PASSWORD)
  await page.goto('/aurora/sms?tab=compose')
  const compose = page.getByRole('form', { name: 'Compose a text' })
  await compose.getByLabel('Send to').selectOption('customers')
  const list = compose.getByLabel('Customers')
  const values = await list
    .locator('option')
    .evaluateAll((os) =>
      (os as HTMLOptionElement[]).filter((o) => /\+1415555010[23]/.test(o.textContent ?? '')).map((o) => o.value),
    )
  expect(values).toHaveLength(2)
  await list.selectOption(values)
  await compose.getByLabel('Text', { exact: true }).fill(`Workshop open late on Friday (${Date.now()})`)
  await compose.getByRole('button', { name: 'Send 2 texts' }).click()
  await expect(compose.getByText('2 texts queued')).toBeVisible()

  const progress = page.getByTestId('bulk-progress')
  await expect(progress).toBeVisible()
  await expect(progress.getByTestId('bulk-progress-text')).toContainText('2 of 2 texts out', { timeout: 30_000 })
  await expect(progress).toHaveAttribute('data-done', 'true')
  await expect(progress.getByRole('progressbar', { name: 'Texts handed to a provider' })).toBeVisible()

  await page.goto('/aurora/sms?tab=costs')
  await expect(page.getByRole('heading', { name: 'Monthly cost by provider' })).toBeVisible()
  const twilio = page.getByTestId('sms-cost-row').and(page.locator('[data-provider="twilio"]')).first()
  await expect(twilio).toBeVisible()
  await expect(twilio.getByRole('cell').nth(0)).toHaveText('Twilio')
})
