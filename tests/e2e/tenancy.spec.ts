import { DEMO_PASSWORD } from './env'
import { createOperator } from './fixtures/data'
import { expect, test } from './fixtures/test'
import { LoginPage } from './pages/login-page'
import { MembersPage } from './pages/members-page'
import { OrgPage } from './pages/org-page'

test('a manager signs in with email and password and lands on their workshop', async ({ page }) => {
  const login = new LoginPage(page)
  await login.goto()
  await login.signIn('manager@aurora.test', 'not-the-password')
  await expect(login.error).toContainText('That email and password do not match an account')

  await login.signIn('manager@aurora.test', DEMO_PASSWORD)
  await expect(page).toHaveURL(/\/aurora$/)
  const org = new OrgPage(page)
  // the home is the workshop's overview for staff: its name and today's figures
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Aurora Audio')
  await expect(page.getByTestId('overview-orders-today')).toContainText('Orders today')
  await expect(page.getByTestId('overview-in-production')).toContainText(/\d+ batch(es)?/)
  await expect(page.getByTestId('overview-late')).toContainText('Late batches')
  await expect(page.getByTestId('overview-working')).toContainText('Working now')
  await expect(org.myName).toHaveText('Marco Bell')
  await expect(org.myRole).toHaveText('Manager')
  await expect(page.getByRole('region', { name: 'Locations' })).toContainText('Finishing booth')
  await expect(page.getByRole('region', { name: 'Teams' })).toContainText('Woodshop')

  // managers read members but do not change them
  await org.nav('Members').click()
  await expect(new MembersPage(page).row('Olive Park')).toBeVisible()
  await expect(new MembersPage(page).inviteButton).toHaveCount(0)

  await org.signOut()
  await expect(page).toHaveURL(/\/login$/)
  await page.goto('/aurora')
  await expect(page).toHaveURL(/\/login\?next=%2Faurora$/)
})

test('an owner invites a member, who signs in with the temporary password', async ({ page, browser }) => {
  const login = new LoginPage(page)
  await login.goto()
  await login.signIn('owner@aurora.test', DEMO_PASSWORD)
  await expect(page).toHaveURL(/\/aurora$/)

  const members = new MembersPage(page)
  await members.goto('aurora')
  const email = `new.${Date.now()}@aurora.test`
  await members.invite({
    name: 'Nora Quill',
    email,
    role: 'Supervisor',
    badge: `aur-s-${Date.now() % 10000}`,
    team: 'Dispatch',
  })
  await expect(members.dialog).toContainText('Nora Quill is now a member')
  const password = (await members.temporaryPassword.textContent())?.trim() ?? ''
  expect(password).toMatch(/^\S{4}-\S{4}-\S{4}-\S{4}$/)
  await members.dialog.getByRole('button', { name: 'Done' }).click()
  await expect(members.row('Nora Quill')).toContainText('Supervisor')
  await expect(members.row('Nora Quill')).toContainText('Dispatch')

  // a badge already in use is refused at its field, and nothing is created
  await members.invite({ name: 'Copy Cat', email: `copy.${Date.now()}@aurora.test`, badge: 'AUR-OP-1' })
  await expect(members.dialog.getByLabel('Badge code')).toHaveAttribute('aria-invalid', 'true')
  await expect(members.dialog).toContainText('That badge code is already in use')
  await members.dialog.getByRole('button', { name: 'Cancel' }).click()
  await expect(members.row('Copy Cat')).toHaveCount(0)

  const context = await browser.newContext()
  const nora = new LoginPage(await context.newPage())
  await nora.goto()
  await nora.signIn(email, password)
  await expect(nora.page).toHaveURL(/\/aurora$/)
  await expect(new OrgPage(nora.page).myRole).toHaveText('Supervisor')
  await context.close()
})

test('someone in two workshops picks one, then switches; other workshops stay out of reach', async ({ page }) => {
  const login = new LoginPage(page)
  await login.goto()
  await login.signIn('consultant@floorline.test', DEMO_PASSWORD)
  // several workshops: the chooser
  await expect(page.getByRole('heading', { name: 'Your workshops' })).toBeVisible()
  await page.getByRole('link', { name: /Aurora Audio/ }).click()
  await expect(page).toHaveURL(/\/aurora$/)

  const org = new OrgPage(page)
  await org.nav('Locations & teams').click()
  await expect(page).toHaveURL(/\/aurora\/settings\/locations$/)
  await expect(page.getByRole('region', { name: 'Locations' })).toContainText('Acoustic lab')
  await org.switchTo('Birch & Bobbin')
  // same page, other workshop
  await expect(page).toHaveURL(/\/birch\/settings\/locations$/)
  await expect(page.getByRole('region', { name: 'Locations' })).toContainText('Sewing line 1')
  await expect(page.getByRole('region', { name: 'Locations' })).not.toContainText('Acoustic lab')

  const response = await page.goto('/not-my-workshop')
  expect(response?.status()).toBe(404)
  await expect(page.getByRole('heading', { name: 'Workshop not found' })).toBeVisible()
})

test('preferences apply on every page from the first paint: dark scheme, large text, accent colour', async ({
  page,
}) => {
  const login = new LoginPage(page)
  await login.goto()
  await login.signIn('owner@birch.test', DEMO_PASSWORD)
  await expect(page).toHaveURL(/\/birch$/)
  await page.goto('/birch/me/preferences')
  await page.getByText('Dark', { exact: true }).click()
  await page.getByText('Large', { exact: true }).click()
  await page.getByLabel('Accent colour (hex)').fill('#0D9488')
  await page.getByRole('switch', { name: 'Sounds' }).click()
  await page.getByRole('button', { name: 'Save preferences' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible()

  // server-rendered: the HTML itself carries them, so there is no flash of the wrong theme
  const html = await (await page.request.get('/birch')).text()
  expect(html).toMatch(/<html[^>]*class="dark"/)
  expect(html).toMatch(/--font-scale:\s*1\.15/)
  expect(html).toMatch(/--color-brand-600:\s*#0D9488/)
  await page.reload()
  await expect(page.getByRole('switch', { name: 'Sounds' })).toHaveAttribute('aria-checked', 'false')
})

test('an owner changes a role, resets a PIN and deactivates a member from the member list', async ({ page }) => {
  const login = new LoginPage(page)
  await login.goto()
  await login.signIn('owner@aurora.test', DEMO_PASSWORD)
  await expect(page).toHaveURL(/\/aurora$/)
  // a member of this test's own (the demo's Rosa Diaz keeps her role and PIN)
  const rosa = (await createOperator('Rosa Diaz')).name
  const members = new MembersPage(page)
  await members.goto('aurora')

  await members.action(rosa, 'Change role')
  await members.dialog.getByLabel('Role').selectOption({ label: 'Supervisor' })
  await members.dialog.getByRole('button', { name: 'Save role' }).click()
  await expect(members.row(rosa)).toContainText('Supervisor')

  await members.action(rosa, 'Reset PIN')
  await members.dialog.getByLabel('New PIN').fill('12')
  await members.dialog.getByRole('button', { name: 'Save PIN' }).click()
  await expect(members.dialog).toContainText('A PIN is 4 to 6 digits')
  await members.dialog.getByLabel('New PIN').fill('2468')
  await members.dialog.getByRole('button', { name: 'Save PIN' }).click()
  await expect(members.dialog).toBeHidden()

  await members.action(rosa, 'Deactivate')
  await members.dialog.getByRole('button', { name: 'Deactivate' }).click()
  await expect(members.row(rosa)).toContainText('Deactivated')
  await members.action(rosa, 'Reactivate')
  await expect(members.row(rosa)).toContainText('Active')
})
