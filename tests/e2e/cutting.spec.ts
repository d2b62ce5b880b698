import { expect, test } from '@playwright/test'
import { DEMO_PASSWORD } from './env'
import { staff, uniqueTag } from './fixtures/data'
import { ScanPage } from './pages/scan-page'
import { signInAs } from './session'

// The cutting room (issue 14): a manager starts, pauses, resumes and completes a cutting run on the
// /cutting screen, which cuts the lay into numbered bundles; the bundles' label sheet prints; scanning
// a bundle label on /scan shows the bundle's card. The lay and its cut order are this test's own (a
// unique colour), so the seeded cutting room stays as the seed made it.
const BIRCH = '20000000-0000-4000-8000-000000000002'
const TEE = 'a1000000-0000-4000-8000-000000000201' // TS-CREW, seeded

test('cut a lay into bundles, print their labels, scan one on the floor', async ({ page, context }) => {
  const manager = await staff('manager@birch.test')
  const colour = `Teal ${uniqueTag()}`
  const co = await manager.rpc('create_cut_order', {
    p_org_id: BIRCH,
    p_style_id: TEE,
    p_lines: [
      { size: 'M', colour, quantity: 24 },
      { size: 'L', colour, quantity: 24 },
    ],
  })
  expect(co.error).toBeNull()
  const planned = await manager.rpc('plan_lay', {
    p_cut_order_id: (co.data as { id: string }).id,
    p_fabric: 'Cotton jersey 180 gsm',
    p_colour: colour,
    p_shade: 'A',
    p_marker_length_m: 3.2,
    p_plies: 12,
    p_size_ratio: { M: 2, L: 2 },
    p_bundle_size: 12,
  })
  expect(planned.error).toBeNull()
  const name = `L-${(planned.data as { lay_number: number }).lay_number}`

  await signInAs(context, 'manager@birch.test', DEMO_PASSWORD)
  await page.goto('/birch/cutting')
  const lay = page.locator(`[data-lay="${name}"]`)
  await expect(lay).toContainText('48 pieces planned')

  await lay.getByRole('button', { name: `Start cutting ${name}` }).click()
  await page
    .getByRole('dialog', { name: `Start cutting ${name}` })
    .getByRole('button', { name: 'Start cutting' })
    .click()
  await expect(lay.getByTestId('open-run')).toContainText('in progress')
  await lay.getByRole('button', { name: /^Pause CR-/ }).click()
  await expect(lay.getByTestId('open-run')).toContainText('paused')
  await lay.getByRole('button', { name: /^Resume CR-/ }).click()
  await expect(lay.getByTestId('open-run')).toContainText('in progress')

  await lay.getByRole('button', { name: /^Complete CR-/ }).click()
  const complete = page.getByRole('dialog', { name: /^Complete CR-/ })
  await expect(complete.getByLabel('Plies cut')).toHaveValue('12')
  // wastage above the fabric used is refused by the database, under its field
  await complete.getByLabel('Fabric used (kg)').fill('8.5')
  await complete.getByLabel('Wastage (kg)').fill('9')
  await complete.getByRole('button', { name: 'Complete and make bundles' }).click()
  await expect(complete.getByText('Wastage is part of the fabric used')).toBeVisible()
  await complete.getByLabel('Wastage (kg)').fill('0.6')
  await complete.getByRole('button', { name: 'Complete and make bundles' }).click()
  await expect(complete).toBeHidden()
  // 12 plies × (2 M + 2 L) = 48 pieces in bundles of 12
  await expect(lay.getByTestId('lay-bundles')).toHaveText('4 bundles')

  await lay.getByRole('link', { name: 'Print 4 bundle labels' }).click()
  await expect(page).toHaveURL(/kind=lay_bundles/)
  const labels = page.getByTestId('label')
  await expect(labels).toHaveCount(4)
  await expect(labels.first()).toContainText(`TS-CREW Crew-neck tee · M · ${colour} · shade A · 12 pcs`)
  await expect(page.getByRole('button', { name: /print/i })).toBeVisible()
  const code = (await labels.first().getByTestId('label-code').textContent()) ?? ''
  expect(code).toMatch(/^FL1:BIR:I:[0-9A-Z]+$/)
  const number = (await labels.first().locator('p').first().textContent()) ?? ''
  expect(number).toMatch(/^BN-\d+$/)

  const scan = new ScanPage(page)
  await scan.goto('birch')
  await page.getByRole('button', { name: 'Start a floor session' }).click()
  await scan.startWork()
  await scan.typeCode(code)
  await expect(scan.number).toHaveText(number)
  await expect(scan.card).toContainText('Bundle · TS-CREW')
  await expect(page.getByTestId('bundle-size')).toHaveText('M')
  await expect(page.getByTestId('bundle-pieces')).toHaveText('12')
  await expect(page.getByTestId('item-status')).toHaveText('Cut')
  await expect(page.getByTestId('bundle-location')).toHaveText('—')
  await expect(scan.advance).toHaveCount(0)
})
