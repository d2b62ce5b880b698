import { type BrowserContext, expect, type Page } from '@playwright/test'
import { createClient } from '@supabase/supabase-js'
import WebSocket from 'ws'
import { DEMO_PASSWORD, SERVICE_ROLE_KEY, STACK_URL } from './env'
import { StationPage } from './pages/station-page'
import { signInAs } from './session'

/** Demo labels (supabase/seed.sql mints them in a fixed order). */
export const LABELS = { B10: 'FL1:AUR:I:102GW', B6: 'FL1:AUR:I:101GX', B12: 'FL1:AUR:I:1030W' } as const
export const B10 = '83000000-0000-4000-8000-000000000010'

export const service = () =>
  createClient(STACK_URL, SERVICE_ROLE_KEY, {
    auth: { persistSession: false },
    realtime: { transport: WebSocket as never },
  })

/** A supervisor signs a fresh station tablet in at `location`; `badge` PINs in and opens the scan screen. */
export async function pinInAndScan(page: Page, context: BrowserContext, badge = 'AUR-OP-1', location = 'Sanding') {
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
  return (data as unknown as Array<{ orders: { order_number: string } }>).map((r) => r.orders.order_number)
}
