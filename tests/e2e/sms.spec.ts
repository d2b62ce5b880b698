import { DEMO_PASSWORD, STACK_URL } from './env'
import { AURORA, service, staff, uniqueTag } from './fixtures/data'
import { expect, test } from './fixtures/test'
import { signInAs } from './session'

// An Aurora manager writes a template (a name of this run, so the seeded ones stay as they are), sees
// the variable check refuse an undeclared placeholder, fixes and edits it, sends it to a demo
// customer who opted in (Omar Santos, a US number: Semaphore skips it, Twilio delivers through the
// stack's fake gateway, which reports back) and watches the log turn Delivered without reloading.
test('a manager edits a template, texts a demo customer and sees it delivered live', async ({ page, context }) => {
  test.setTimeout(90_000)
  await signInAs(context, 'manager@aurora.test', DEMO_PASSWORD)
  const tag = uniqueTag()
  const name = `Pickup ${tag}`

  await page.goto('/aurora/sms?tab=templates')
  await page.getByRole('button', { name: 'New template' }).click()
  const form = page.getByRole('form', { name: 'Edit template' })
  await form.getByLabel('Name', { exact: true }).fill(name)
  await form.getByLabel('Message').fill('Hi {NAME}, order {ORDER_NUMBER} waits at the counter.')
  await form.getByLabel('Declared variables').fill('NAME')
  // the live check explains; the database refuses on save, under the field
  await expect(form.getByTestId('template-problems')).toContainText(
    '{ORDER_NUMBER} is used in the message but not declared',
  )
  await form.getByRole('button', { name: 'Save template' }).click()
  await expect(form.getByText('{ORDER_NUMBER} is used in the message but not declared').first()).toBeVisible()
  await form.getByLabel('Declared variables').fill('NAME, ORDER_NUMBER')
  await form.getByRole('button', { name: 'Save template' }).click()
  await expect(form.getByText('Template saved.')).toBeVisible()
  // edit it
  await form.getByLabel('Message').fill('Hi {NAME}, order {ORDER_NUMBER} is ready at the counter. See you soon!')
  await expect(form.getByTestId('sms-preview')).toHaveText('Hi Ada, order #1001 is ready at the counter. See you soon!')
  await form.getByRole('button', { name: 'Save template' }).click()
  await expect(form.getByText('Template saved.')).toBeVisible()

  // the log open in another tab before anything is sent: what it shows next comes over Realtime
  const log = await context.newPage()
  await log.goto('/aurora/sms?tab=log')
  await expect(log.getByTestId('sms-live')).toHaveText(/Live/)

  await page.goto('/aurora/sms?tab=compose')
  const compose = page.getByRole('form', { name: 'Compose a text' })
  await compose.getByLabel('Customer').selectOption({ label: 'Omar Santos — +14155550102' })
  await compose.getByLabel('Template').selectOption({ label: name })
  await compose.getByLabel('{NAME}').fill('Omar')
  await compose.getByLabel('{ORDER_NUMBER}').fill(`#${tag}`)
  await expect(compose.getByTestId('sms-segments')).toContainText('GSM-7')
  await compose.getByRole('button', { name: 'Send text' }).click()
  await expect(compose.getByText('Text queued')).toBeVisible()

  const row = log.getByTestId('sms-message').filter({ hasText: `order #${tag} is ready` })
  await expect(row.getByTestId('sms-status')).toHaveText('Delivered', { timeout: 20_000 })
  await row.locator('summary').click()
  await expect(row.getByRole('list', { name: 'Attempts' })).toContainText('twilio: sent')
})

// A staff member who forgot their password asks for a code by text on the forgotten-password page,
// reads it from the fake gateway's outbox (what their phone would show) and sets a new password.
test('a staff member resets a password with a code sent by text', async ({ page }) => {
  test.setTimeout(60_000)
  const tag = uniqueTag()
  const digits = String(Date.now() % 10_000_000).padStart(7, '0')
  const phone = `+63917${digits}`
  const email = `e2e.reset.${tag}@example.com`
  const { data, error } = await service().auth.admin.createUser({
    email,
    password: `old-${tag}-password`,
    email_confirm: true,
    phone: phone.slice(1),
    phone_confirm: true,
    app_metadata: { floorline_invited_org: AURORA.id },
  })
  expect(error).toBeNull()
  const owner = await staff('owner@aurora.test')
  const added = await owner.rpc('add_member', {
    p_org_id: AURORA.id,
    p_user_id: data.user?.id ?? '',
    p_role: 'manager',
    p_display_name: `Reset ${tag}`,
  })
  expect(added.error).toBeNull()

  await page.goto('/login')
  await page.getByRole('link', { name: /Reset it by text/ }).click()
  const form = page.getByRole('form', { name: 'Reset password by text' })
  await form.getByLabel('Workshop address').fill('aurora')
  await form.getByLabel('Phone number on your account').fill(`0917 ${digits}`)
  await form.getByRole('button', { name: 'Text me a code' }).click()
  await expect(form.getByText('a code is on its way')).toBeVisible()

  let code = ''
  await expect
    .poll(
      async () => {
        const r = await fetch(`${STACK_URL}/sms/v1/outbox?to=${encodeURIComponent(phone)}`)
        code = ((await r.json()) as { messages: { otp: string | null }[] }).messages[0]?.otp ?? ''
        return code
      },
      { timeout: 15_000 },
    )
    .toMatch(/^\d{6}$/)
  await form.getByLabel('Code').fill(code === '000000' ? '111111' : '000000')
  await form.getByLabel('New password').fill(`new-${tag}-password`)
  await form.getByRole('button', { name: 'Change password' }).click()
  await expect(form.getByText('That code is wrong or has expired').first()).toBeVisible()
  await form.getByLabel('Code').fill(code)
  await form.getByRole('button', { name: 'Change password' }).click()
  await expect(page.getByText('Your password is changed.')).toBeVisible()
  await staff(email, `new-${tag}-password`)
})

/** The newest code the fake gateway "delivered" to a number that is not `not` (an earlier one). */
async function codeFor(phone: string, not = ''): Promise<string> {
  let code = ''
  await expect
    .poll(
      async () => {
        const r = await fetch(`${STACK_URL}/sms/v1/outbox?to=${encodeURIComponent(phone)}`)
        code = ((await r.json()) as { messages: { otp: string | null }[] }).messages[0]?.otp ?? ''
        return code && code !== not ? code : ''
      },
      { timeout: 15_000 },
    )
    .toMatch(/^\d{6}$/)
  return code
}

// A member with no phone on their account adds one in Preferences, proved by a code read from the
// fake gateway's outbox; signed out, they then reset their password by text to that number.
test('a staff member puts a phone on their account, then resets their password by text', async ({ browser }) => {
  test.setTimeout(90_000)
  const tag = uniqueTag()
  const digits = String((Date.now() + 29) % 10_000_000).padStart(7, '0')
  const phone = `+63919${digits}`
  const email = `e2e.phone.${tag}@example.com`
  const password = `old-${tag}-password`
  const { data, error } = await service().auth.admin.createUser({
    email,
    password,
    email_confirm: true,
    app_metadata: { floorline_invited_org: AURORA.id },
  })
  expect(error).toBeNull()
  const owner = await staff('owner@aurora.test')
  const added = await owner.rpc('add_member', {
    p_org_id: AURORA.id,
    p_user_id: data.user?.id ?? '',
    p_role: 'supervisor',
    p_display_name: `Phone ${tag}`,
  })
  expect(added.error).toBeNull()

  const signedIn = await browser.newContext()
  await signInAs(signedIn, email, password)
  const page = await signedIn.newPage()
  await page.goto('/aurora/me/preferences')
  const form = page.getByRole('form', { name: 'Phone on your account' })
  await form.getByLabel('Mobile number').fill(`0919 ${digits}`)
  await form.getByRole('button', { name: 'Text me a code' }).click()
  await expect(form.getByText('A code is on its way')).toBeVisible()
  const verifyCode = await codeFor(phone)
  await form.getByLabel('Code from the text').fill(verifyCode === '000000' ? '111111' : '000000')
  await form.getByRole('button', { name: 'Verify phone' }).click()
  await expect(form.getByText('That code is wrong or has expired').first()).toBeVisible()
  await form.getByLabel('Code from the text').fill(verifyCode)
  await form.getByRole('button', { name: 'Verify phone' }).click()
  await expect(page.getByText(`Your phone ${phone} is on your account.`)).toBeVisible()
  await expect(page.getByTestId('my-phone')).toHaveText(phone)
  await signedIn.close()

  const signedOut = await browser.newContext()
  const reset = await signedOut.newPage()
  await reset.goto('/forgot-password')
  const resetForm = reset.getByRole('form', { name: 'Reset password by text' })
  await resetForm.getByLabel('Workshop address').fill('aurora')
  await resetForm.getByLabel('Phone number on your account').fill(`0919 ${digits}`)
  await resetForm.getByRole('button', { name: 'Text me a code' }).click()
  await expect(resetForm.getByText('a code is on its way')).toBeVisible()
  const resetCode = await codeFor(phone, verifyCode)
  await resetForm.getByLabel('Code').fill(resetCode)
  await resetForm.getByLabel('New password').fill(`new-${tag}-password`)
  await resetForm.getByRole('button', { name: 'Change password' }).click()
  await expect(reset.getByText('Your password is changed.')).toBeVisible()
  await staff(email, `new-${tag}-password`)
  await signedOut.close()
})

// A manager opts a customer's number out on the Opt-outs tab (they asked at the counter), sees how
// and when, and opts it back in.
test('a manager opts a number out and back in on the opt-out list', async ({ page, context }) => {
  await signInAs(context, 'manager@aurora.test', DEMO_PASSWORD)
  const digits = String((Date.now() + 43) % 10_000_000).padStart(7, '0')
  const phone = `+63920${digits}`
  await page.goto('/aurora/sms?tab=optouts')
  const form = page.getByRole('form', { name: 'Opt a number out' })
  await form.getByLabel('Phone number').fill('0920 12')
  await form.getByRole('button', { name: 'Opt out' }).click()
  await expect(form.getByText('That is not a valid phone number for PH.')).toBeVisible()
  await form.getByLabel('Phone number').fill(`0920 ${digits}`)
  await form.getByRole('button', { name: 'Opt out' }).click()
  await expect(page.getByText(`${phone} gets no more texts.`)).toBeVisible()
  const row = page.getByTestId('sms-optout').filter({ hasText: phone })
  await expect(row).toContainText('Staff')
  await row.getByRole('button', { name: `Opt back in ${phone}` }).click()
  await expect(page.getByText(`${phone} can get texts again`)).toBeVisible()
  await expect(page.getByTestId('sms-optout').filter({ hasText: phone })).toHaveCount(0)
})

// A manager sends a test text through Twilio alone (Semaphore comes first in the failover order and
// would skip a US number), then finds it in the log by searching its words: source test, one attempt.
test('a test send aimed at one provider is logged as a test, found by searching the log', async ({ page, context }) => {
  test.setTimeout(60_000)
  await signInAs(context, 'manager@aurora.test', DEMO_PASSWORD)
  await page.goto('/aurora/sms?tab=settings')
  await page.getByLabel('Phone number', { exact: true }).fill('+1 415 555 0188')
  await page.getByLabel('Through').selectOption({ label: 'Twilio only' })
  await page.getByRole('button', { name: 'Send a test text' }).click()
  await expect(page.getByText('Test text queued for Twilio only')).toBeVisible()

  await page.goto('/aurora/sms?tab=log')
  await page.getByLabel('Search').fill('test text via Twilio')
  await page.getByRole('button', { name: 'Filter' }).click()
  const row = page.getByTestId('sms-message').filter({ hasText: '+14155550188' }).first()
  await expect(row).toContainText('Floorline test text via Twilio')
  await expect(row.getByTestId('sms-status')).toHaveText(/Sent|Delivered/, { timeout: 20_000 })
  await row.locator('summary').click()
  const attempts = row.getByRole('list', { name: 'Attempts' })
  await expect(attempts).toContainText('Queued (test)')
  await expect(attempts).toContainText('twilio: sent')
  await expect(attempts).not.toContainText('semaphore')
})

// On the demo order's tracking page a customer turns texts on: their number, a code read from the
// fake gateway's outbox, and the consent is stored (verified); then they stop them again.
test('a customer turns texts on from the tracking page with a code', async ({ page }) => {
  test.setTimeout(60_000)
  const digits = String((Date.now() + 17) % 10_000_000).padStart(7, '0')
  const phone = `+63918${digits}`
  await page.goto('/track/demo-aurora-track-0001')
  await page.getByRole('button', { name: 'Text me about this order' }).click()
  const form = page.getByRole('form', { name: 'Texts about this order' })
  await form.getByLabel('Mobile number').fill(`0918 ${digits}`)
  await form.getByRole('button', { name: 'Send me a code' }).click()
  let code = ''
  await expect
    .poll(
      async () => {
        const r = await fetch(`${STACK_URL}/sms/v1/outbox?to=${encodeURIComponent(phone)}`)
        code = ((await r.json()) as { messages: { otp: string | null }[] }).messages[0]?.otp ?? ''
        return code
      },
      { timeout: 15_000 },
    )
    .toMatch(/^\d{6}$/)
  await form.getByLabel('Code from the text').fill(code)
  await form.getByRole('button', { name: 'Turn texts on' }).click()
  await expect(page.getByText('Texts are on')).toBeVisible()
  await page.getByRole('button', { name: 'Stop texts' }).click()
  await expect(page.getByText('Texts are off for this number')).toBeVisible()
})
