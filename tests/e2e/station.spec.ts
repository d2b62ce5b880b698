import { DEMO_PASSWORD } from './env'
import { createWorkshop, service } from './fixtures/data'
import { expect, test } from './fixtures/test'
import { LoginPage } from './pages/login-page'
import { StationPage } from './pages/station-page'
import { signInAs } from './session'

const unique = (name: string) => `${name} ${Date.now() % 100000}`

test('a supervisor signs a tablet in at a location, and is signed out of it', async ({ page, context }) => {
  const station = new StationPage(page)
  await station.goto('aurora')
  await page.getByRole('link', { name: 'Sign in as a supervisor' }).click()
  await new LoginPage(page).signIn('supervisor@aurora.test', DEMO_PASSWORD)
  await expect(page).toHaveURL(/\/aurora\/station$/)

  const name = unique('Sanding tablet')
  await station.register('Sanding', name)
  await expect(station.stationName).toHaveText(name)
  await expect(page.getByRole('list', { name: 'Pick your name' })).toContainText('Olive Park')

  const cookies = await context.cookies()
  const secret = cookies.find((c) => c.name === 'fl_station')
  expect(secret).toMatchObject({ httpOnly: true, sameSite: 'Strict' })
  expect(secret?.value).toMatch(/^fls_[0-9a-f]{64}$/)
  // the supervisor's own session is gone from the tablet
  await page.goto('/aurora')
  await expect(page).toHaveURL(/\/login/)
})

test.describe('on a signed-in tablet', () => {
  // biome-ignore lint/correctness/noUnusedFunctionParameters: asking for it makes the test's operator before the tablet loads its roster of names
  test.beforeEach(async ({ page, context, operator }) => {
    await signInAs(context, 'supervisor@aurora.test', DEMO_PASSWORD)
    const station = new StationPage(page)
    await station.goto('aurora')
    await station.register('Assembly', unique('Assembly tablet'))
  })

  test('an operator PINs in by scanning their badge and PINs out', async ({ page, operator }) => {
    const station = new StationPage(page)
    await station.scan(operator.badge)
    await expect(station.chosenName).toHaveText(operator.name)
    await station.tapPin('1234')
    await expect(station.operatorName).toHaveText(operator.name)
    await expect(station.countdown).toContainText(/\d+:\d\d/)
    await station.pinOut.click()
    await expect(station.scanHeading).toBeVisible()
  })

  test('an operator is locked out after five wrong PINs', async ({ page, operator }) => {
    const station = new StationPage(page)
    try {
      await station.pickName(operator.name)
      for (let i = 1; i <= 4; i++) {
        await station.typePin('0000')
        // the same words as for an unknown badge, with the tries left (counted alike for every
        // badge code, real or not); the person stays chosen to try again
        await expect(station.failure).toHaveText(
          `Badge or PIN not recognised. ${5 - i} ${5 - i === 1 ? 'try' : 'tries'} left before a pause.`,
        )
        await expect(station.chosenName).toHaveText(operator.name)
      }
      await station.tapPin('0000')
      await expect(station.failure).toContainText('Too many wrong PINs: try again in 15 minutes')
      // even the right PIN is refused while locked
      await station.scan(operator.badge)
      await station.typePin('1234')
      await expect(station.failure).toContainText('Too many wrong PINs')
      await expect(station.operatorName).toHaveCount(0)
    } finally {
      await service().rpc('unlock_member', { p_member_id: operator.id })
    }
  })
})

// The idle timeout is a workshop-wide setting: a workshop of this test's own gets 6 seconds, so no
// other test's operator is PINed out meanwhile.
test('an operator is PINed out after the idle timeout', async ({ page, context }) => {
  const shop = await createWorkshop({ operator_idle_timeout_minutes: 0.1, station_roster_enabled: true }) // 6 seconds
  await signInAs(context, shop.owner.email, shop.owner.password)
  const station = new StationPage(page)
  await station.goto(shop.slug)
  await station.register(shop.location, unique('Bench tablet'))
  await station.pickName(shop.operator.name)
  await station.tapPin('1234')
  await expect(station.operatorName).toHaveText(shop.operator.name)
  await expect(station.countdown).toContainText('after 6 seconds without activity')
  await expect(station.scanHeading).toBeVisible({ timeout: 15_000 })
  await expect(page.getByRole('status').filter({ hasText: 'PINed out after 6 seconds without activity' })).toBeVisible()
  await expect(page).toHaveURL(/ended=idle/)
})
