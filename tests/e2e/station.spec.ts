import { expect, test } from '@playwright/test'
import { createClient } from '@supabase/supabase-js'
import WebSocket from 'ws'
import type { Database } from '../../types/database'
import { DEMO_PASSWORD, SERVICE_ROLE_KEY, STACK_URL } from './env'
import { LoginPage } from './pages/login-page'
import { StationPage } from './pages/station-page'
import { signInAs } from './session'

// The service role sets up what a test needs (a short idle timeout) and tidies up (lockouts).
const service = () =>
  createClient<Database>(STACK_URL, SERVICE_ROLE_KEY, {
    auth: { persistSession: false },
    realtime: { transport: WebSocket as never },
  })
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
  test.beforeEach(async ({ page, context }) => {
    await signInAs(context, 'supervisor@aurora.test', DEMO_PASSWORD)
    const station = new StationPage(page)
    await station.goto('aurora')
    await station.register('Assembly', unique('Assembly tablet'))
  })

  test('an operator PINs in by scanning their badge and PINs out', async ({ page }) => {
    const station = new StationPage(page)
    await station.scan('AUR-OP-1')
    await expect(station.chosenName).toHaveText('Olive Park')
    await station.tapPin('1234')
    await expect(station.operatorName).toHaveText('Olive Park')
    await expect(station.countdown).toContainText(/\d+:\d\d/)
    await station.pinOut.click()
    await expect(station.scanHeading).toBeVisible()
  })

  test('an operator is locked out after five wrong PINs', async ({ page }) => {
    const station = new StationPage(page)
    try {
      await station.pickName('Theo Lin')
      for (let i = 1; i <= 4; i++) {
        await station.typePin('0000')
        // the same words as for an unknown badge; the person stays chosen to try again
        await expect(station.failure).toHaveText('Badge or PIN not recognised. Try again.')
        await expect(station.chosenName).toHaveText('Theo Lin')
      }
      await station.tapPin('0000')
      await expect(station.failure).toContainText('Too many wrong PINs: try again in 15 minutes')
      // even the right PIN is refused while locked
      await station.scan('AUR-OP-2')
      await station.typePin('1234')
      await expect(station.failure).toContainText('Too many wrong PINs')
      await expect(station.operatorName).toHaveCount(0)
    } finally {
      const db = service()
      const { data } = await db.from('members').select('id').eq('badge_code', 'AUR-OP-2').single()
      if (data) await db.rpc('unlock_member', { p_member_id: data.id })
    }
  })

  test('an operator is PINed out after the idle timeout', async ({ page }) => {
    const db = service()
    const settings = { operator_idle_timeout_minutes: 0.1, station_roster_enabled: true } // 6 seconds
    await db.from('organisations').update({ settings }).eq('slug', 'aurora')
    try {
      const station = new StationPage(page)
      await station.pickName('Kwame Mensah')
      await station.tapPin('1234')
      await expect(station.operatorName).toHaveText('Kwame Mensah')
      await expect(station.countdown).toContainText('after 6 seconds without activity')
      await expect(station.scanHeading).toBeVisible({ timeout: 15_000 })
      await expect(
        page.getByRole('status').filter({ hasText: 'PINed out after 6 seconds without activity' }),
      ).toBeVisible()
      await expect(page).toHaveURL(/ended=idle/)
    } finally {
      await db
        .from('organisations')
        .update({ settings: { operator_idle_timeout_minutes: 10, station_roster_enabled: true } })
        .eq('slug', 'aurora')
    }
  })
})
