import { type BrowserContext, expect, type Page } from '@playwright/test'
import { DEMO_PASSWORD } from './env'
import { service } from './fixtures/data'
import { StationPage } from './pages/station-page'
import { signInAs } from './session'

export { service }

/**
 * Demo labels (supabase/seed.sql mints them in a fixed order). Specs only read these batches
 * (B-10 at Sanding, B-12 at Intake): whatever a spec moves it makes itself (./fixtures/data).
 */
export const LABELS = { B10: 'FL1:AUR:I:102GW', B12: 'FL1:AUR:I:1030W' } as const

/** A supervisor signs a fresh station tablet in at `location`; `badge` PINs in and opens the scan screen. */
export async function pinInAndScan(page: Page, context: BrowserContext, badge: string, location = 'Sanding') {
  await signInAs(context, 'supervisor@aurora.test', DEMO_PASSWORD)
  const station = new StationPage(page)
  await station.goto('aurora')
  await station.register(location, `Floor tablet ${Date.now() % 100000}`)
  await station.scan(badge)
  await station.tapPin('1234')
  await expect(station.operatorName).toBeVisible()
  await page.getByRole('link', { name: 'Start scanning' }).click()
  await expect(page).toHaveURL(/\/aurora\/scan$/)
}

/** The order numbers of a batch, in a stable order. */
export async function orderNumbers(batchId: string): Promise<string[]> {
  const { data, error } = await service()
    .from('batch_orders')
    .select('order_id, orders(order_number)')
    .eq('batch_id', batchId)
    .order('order_id')
  if (error) throw error
  return data.map((r) => r.orders?.order_number ?? '')
}
