import { expect, test } from '@playwright/test'
import { DEMO_PASSWORD } from './env'
import { HomePage } from './pages/home-page'
import { signInAs } from './session'

test('signed out, the home page says what Floorline is and offers a sign-in', async ({ page }) => {
  const home = new HomePage(page)
  await home.goto()
  await expect(page).toHaveTitle(/Floorline/)
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Shop-floor tracking')
  await expect(home.signInLink).toBeVisible()
})

test('signed in, the home page lists the workshops read from the seeded database', async ({ page, context }) => {
  // seed: manager@aurora.test is a manager of Aurora Audio (slug aurora) and of nothing else
  await signInAs(context, 'manager@aurora.test', DEMO_PASSWORD)
  const home = new HomePage(page)
  await home.goto()
  await expect(home.workshopsHeading).toBeVisible()
  await expect(home.workshop('Aurora Audio')).toContainText(/manager/i)
  await expect(home.workshop('Aurora Audio').getByRole('link')).toHaveAttribute('href', '/aurora')
  // RLS: another organisation's name never reaches this person
  await expect(home.workshop('Birch & Bobbin')).toHaveCount(0)
})
