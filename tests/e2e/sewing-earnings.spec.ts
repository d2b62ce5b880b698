import { readFile } from 'node:fs/promises'
import { expect, test } from '@playwright/test'
import { formatMoney, todayIn } from '../../lib/format'
import { DEMO_PASSWORD } from './env'
import { staff } from './fixtures/data'
import { StationPage } from './pages/station-page'
import { signInAs } from './session'

// Sewing earnings (issue 14): an operator PINed in on a sewing line's tablet opens My earnings and sees
// what the seed paid them (piece rate in force × good units) for a period; a supervisor+ (Birch's
// manager) sees every operator's period with a total and downloads the payroll CSV, whose earnings add
// up to that total. The period ends yesterday, so work other specs record today changes nothing here.
const BIRCH = '20000000-0000-4000-8000-000000000002'
const RAMON = '60000000-0000-4000-8000-000000000250' // BIR-SEW-10, Ramon Navarro, sewing line 2

function period() {
  const today = todayIn('Asia/Manila')
  const day = (n: number) => {
    const d = new Date(`${today}T00:00:00Z`)
    d.setUTCDate(d.getUTCDate() + n)
    return d.toISOString().slice(0, 10)
  }
  return { from: day(-35), to: day(-1) }
}
const periodQuery = ({ from, to }: { from: string; to: string }) => `period=custom&from=${from}&to=${to}`

test('an operator PINed in on the line sees their seeded earnings', async ({ page, context }) => {
  const p = period()
  const manager = await staff('manager@birch.test')
  const { data, error } = await manager.rpc('sewing_earnings', {
    p_org_id: BIRCH,
    p_from: p.from,
    p_to: p.to,
    p_member_id: RAMON,
  })
  expect(error).toBeNull()
  const rows = data ?? []
  const seeded = rows.find((r) => r.level === 'period')
  expect(seeded?.earnings).toBeGreaterThan(0)
  const days = rows.filter((r) => r.level === 'day')

  await signInAs(context, 'manager@birch.test', DEMO_PASSWORD)
  const station = new StationPage(page)
  await station.goto('birch')
  await station.register('Sewing line 2', `Line 2 earnings tablet ${Date.now() % 100000}`)
  await station.scan('BIR-SEW-10')
  await station.tapPin('1234')
  await expect(station.operatorName).toHaveText('Ramon Navarro')

  await page.goto(`/birch/me/earnings?${periodQuery(p)}`)
  await expect(page.getByRole('heading', { name: 'My earnings', level: 1 })).toBeVisible()
  await expect(page.getByTestId('earnings-period').getByTestId('amount')).toHaveText(
    formatMoney(Number(seeded?.earnings), 'PHP'),
  )
  await expect(page.getByTestId('earnings-today')).toBeVisible()
  await expect(page.getByTestId('earnings-week')).toBeVisible()
  const perDay = page.getByRole('table', { name: 'Earnings per day' })
  await expect(perDay.locator('tbody tr')).toHaveCount(days.length)

  // the operations behind a day, at the rate of that day
  const first = rows.find((r) => r.level === 'operation')
  const disclosure = page.locator('details').first()
  await disclosure.locator('summary').click()
  await expect(disclosure.getByRole('table')).toContainText(first?.operation_name ?? '')
  await expect(disclosure.getByRole('table')).toContainText(formatMoney(Number(first?.piece_rate), 'PHP'))
})

test('a supervisor downloads the payroll CSV and its total is the screen’s', async ({ page, context }) => {
  const p = period()
  await signInAs(context, 'manager@birch.test', DEMO_PASSWORD)
  await page.goto('/birch/sewing/earnings')
  await expect(page.getByRole('heading', { name: 'Sewing earnings', level: 1 })).toBeVisible()
  const form = page.getByRole('form', { name: 'Earnings period' })
  await form.getByLabel('Period').selectOption('custom')
  await form.getByLabel('From (custom)').fill(p.from)
  await form.getByLabel('To (custom)').fill(p.to)
  await form.getByRole('button', { name: 'Show' }).click()
  await expect(page).toHaveURL(new RegExp(`from=${p.from}&to=${p.to}`))

  const table = page.getByRole('table', { name: 'Earnings per operator' })
  await expect(table.locator('tbody tr')).toHaveCount(12) // Ines and the eleven sewers
  const screenTotal = (await page.getByTestId('earnings-total').textContent()) ?? ''

  const download = page.waitForEvent('download')
  await page.getByRole('link', { name: 'Download payroll (CSV)' }).click()
  const file = await download
  expect(file.suggestedFilename()).toBe(`payroll-${p.from}-to-${p.to}.csv`)
  const lines = (await readFile((await file.path()) as string, 'utf8'))
    .replace(/^\uFEFF/, '')
    .trim()
    .split('\r\n')
  const header = lines[0].split(',')
  expect(header).toEqual([
    'Operator',
    'Badge',
    'Operations',
    'Units',
    'Good units',
    'Rework units',
    'Defects',
    'Earned minutes',
    'Actual minutes',
    'Efficiency %',
    'Earnings',
  ])
  expect(lines).toHaveLength(13)
  const earnings = header.indexOf('Earnings')
  const cents = lines.slice(1).reduce((sum, l) => sum + Math.round(Number(l.split(',')[earnings]) * 100), 0)
  expect(formatMoney(cents / 100, 'PHP')).toBe(screenTotal)

  // one operator's days, from the table's link
  await table.getByRole('link', { name: 'Ramon Navarro' }).click()
  await expect(page.getByRole('heading', { name: /Ramon Navarro \(BIR-SEW-10\): per day/ })).toBeVisible()
})
