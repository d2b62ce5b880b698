import { expect, test } from '@playwright/test'
import { DEMO_PASSWORD } from './env'
import { staff, uniqueTag } from './fixtures/data'
import { signInAs } from './session'

// The sewing line board and the operations editor (issue 14). The seeded lines are only read; the
// live test sews a bundle of its own (its own cut order, lay and bundles, on Line A) and the editor
// test edits a product type of its own, so the seeded operation lists stay as the seed made them.
const BIRCH = '20000000-0000-4000-8000-000000000002'
const TEE = 'a1000000-0000-4000-8000-000000000201' // TS-CREW (T-SHIRT), seeded
const LINE_A = '40000000-0000-4000-8000-000000000202'
const INES = '60000000-0000-4000-8000-000000000203' // Ines Ramos, operator on Line A
const JOIN_SHOULDERS = 'a5000000-0000-4000-8000-000000001001' // T-SHIRT's first operation

test('a Birch supervisor sees the seeded lines with their work in progress and bottleneck', async ({
  page,
  context,
}) => {
  await signInAs(context, 'supervisor@birch.test', DEMO_PASSWORD)
  await page.goto('/birch')
  await page.getByRole('navigation').getByRole('link', { name: 'Sewing', exact: true }).click()
  await expect(page).toHaveURL(/\/birch\/sewing$/)
  await expect(page.getByRole('heading', { name: 'Sewing', level: 1 })).toBeVisible()
  await expect(page.getByTestId('sewing-live')).toHaveText('Live')
  await expect(page.getByRole('heading', { name: /^Line A/, level: 2 })).toBeVisible()
  const lineB = page.locator('[data-line="Line B"]')
  await expect(lineB.getByRole('heading', { name: /^Line B/, level: 2 })).toBeVisible()
  // polos are part-way down line 2: work waits in front of an operation, named in words
  await expect(lineB.getByTestId('bottleneck')).toContainText(/Bottleneck: .+ \(POLO\) — \d+ units in front of it/)
  const polo = lineB.locator('[data-testid="wip-table"][data-type="POLO"]')
  await expect(polo.getByTestId('wip-row')).toHaveCount(11)
  await expect(polo.getByText('Bottleneck', { exact: true })).toHaveCount(1)
  await expect(lineB.getByTestId('line-efficiency')).toBeVisible()
  await expect(lineB.getByRole('heading', { name: 'Operators today' })).toBeVisible()
  // managers' editor is not offered to a supervisor
  await expect(page.getByRole('link', { name: 'Operations' })).toHaveCount(0)
})

test('track a bundle: its operations timeline and history; an unknown number is refused under the field', async ({
  page,
  context,
}) => {
  await signInAs(context, 'supervisor@birch.test', DEMO_PASSWORD)
  await page.goto('/birch/sewing')
  const field = page.getByLabel('Bundle number or label')
  await field.fill('999999')
  await field.press('Enter')
  await expect(page.locator('#bundle-error')).toHaveText('No bundle 999999 in this workshop')
  await expect(field).toHaveAttribute('aria-invalid', 'true')

  // bundle 330: a seeded polo bundle, sewn on line 2 through its eleven operations
  await page.getByLabel('Bundle number or label').fill('BN-330')
  await page.getByRole('button', { name: 'Track' }).click()
  await expect(page).toHaveURL(/bundle=BN-330/)
  const track = page.getByTestId('bundle-track')
  await expect(track).toContainText('BN-330')
  await expect(track).toContainText('PL-PIQUE Piqué polo (POLO)')
  await expect(track.getByTestId('track-run')).toContainText('on Line B · 11 of 11 operations done')
  const steps = track.getByTestId('track-operation')
  await expect(steps).toHaveCount(11)
  await expect(steps.first()).toContainText('1. Make placket')
  await expect(steps.first()).toContainText('Done')
  await expect(track.getByTestId('track-history')).toContainText('In sewing → ')
  await expect(track.getByTestId('track-history')).toContainText('Sewn')
})

test('the board is live: a bundle started and finished at a station shows without a reload', async ({
  page,
  context,
}) => {
  const manager = await staff('manager@birch.test')
  const colour = `Sage ${uniqueTag()}`
  const co = await manager.rpc('create_cut_order', {
    p_org_id: BIRCH,
    p_style_id: TEE,
    p_lines: [{ size: 'M', colour, quantity: 12 }],
  })
  expect(co.error).toBeNull()
  const lay = await manager.rpc('plan_lay', {
    p_cut_order_id: (co.data as { id: string }).id,
    p_fabric: 'Cotton jersey 180 gsm',
    p_colour: colour,
    p_shade: 'A',
    p_marker_length_m: 1.2,
    p_plies: 12,
    p_size_ratio: { M: 1 },
    p_bundle_size: 12,
  })
  expect(lay.error).toBeNull()
  const cut = await manager.rpc('cut_lay_into_bundles', { p_lay_id: (lay.data as { id: string }).id })
  expect(cut.error).toBeNull()
  const bundle = (cut.data as { bundles: Array<{ id: string; bundle_number: number }> }).bundles[0]

  await signInAs(context, 'supervisor@birch.test', DEMO_PASSWORD)
  await page.goto(`/birch/sewing?bundle=${bundle.bundle_number}`)
  await expect(page.getByTestId('sewing-live')).toHaveText('Live')
  const track = page.getByTestId('bundle-track')
  await expect(track).toContainText('has not gone down a sewing line yet')

  // the station's writes, as a supervisor records them for Ines
  const run = await manager.rpc('create_sewing_run', { p_org_id: BIRCH, p_bundle_id: bundle.id, p_team_id: LINE_A })
  expect(run.error).toBeNull()
  const first = (run.data as { operations: Array<{ id: string; operation_id: string }> }).operations.find(
    (o) => o.operation_id === JOIN_SHOULDERS,
  )
  expect(first).toBeTruthy()
  const started = await manager.rpc('start_sewing_operation', {
    p_run_operation_id: first?.id ?? '',
    p_operator_id: INES,
    p_machine_id: 'M-07',
  })
  expect(started.error).toBeNull()
  const step = track.locator('[data-testid="track-operation"][data-operation="Join shoulders"]')
  await expect(step).toContainText('In progress')
  await expect(step).toContainText('Ines Ramos · M-07')

  const done = await manager.rpc('complete_sewing_operation', {
    p_run_operation_id: first?.id ?? '',
    p_units: 12,
    p_actual_minutes: 5,
  })
  expect(done.error).toBeNull()
  await expect(step).toContainText('Done')
  await expect(step).toContainText('12 units in')
  const lineA = page.locator('[data-line="Line A"]')
  await expect(lineA.locator('[data-testid="operator-row"][data-operator="Ines Ramos"]')).toBeVisible()
  await expect(lineA.locator('[data-testid="wip-table"][data-type="T-SHIRT"]')).toBeVisible()
})

test('a manager adds operations with a dependency; a cycle is refused under Depends on', async ({ page, context }) => {
  const manager = await staff('manager@birch.test')
  const code = `E2E-${uniqueTag().toUpperCase()}`
  const made = await manager.from('product_types').insert({ org_id: BIRCH, code, name: `Apron ${code}` })
  expect(made.error).toBeNull()

  await signInAs(context, 'manager@birch.test', DEMO_PASSWORD)
  await page.goto('/birch/sewing')
  await page.getByRole('link', { name: 'Operations' }).click()
  await expect(page).toHaveURL(/\/birch\/sewing\/operations$/)
  await page
    .getByRole('navigation', { name: 'Product types' })
    .getByRole('link', { name: new RegExp(`^${code}`) })
    .click()
  await expect(page.getByText(`No operations for ${code} yet`)).toBeVisible()

  const add = async (name: string, seq: string, smv: string, rate: string, dependsOn?: string) => {
    await page.getByRole('button', { name: 'Add operation' }).click()
    const dialog = page.getByRole('dialog', { name: `Add a ${code} operation` })
    await dialog.getByLabel('Name').fill(name)
    await dialog.getByLabel('Sequence').fill(seq)
    await dialog.getByLabel('Standard minutes (SMV)').fill(smv)
    await dialog.getByLabel('Piece rate').fill(rate)
    await dialog.getByLabel('Machine').selectOption('FLATBED')
    if (dependsOn) await dialog.getByRole('checkbox', { name: dependsOn }).check()
    await dialog.getByRole('button', { name: 'Add operation' }).click()
    await expect(dialog).toBeHidden()
  }
  await add('Hem edges', '1', '0.60', '1.00')
  await add('Attach ties', '2', '0.45', '0.80', '1. Hem edges')
  const ops = page.getByTestId('operation')
  await expect(ops).toHaveCount(2)
  await expect(page.locator('[data-testid="operation"][data-operation="Attach ties"]')).toContainText(
    'Waits for Hem edges',
  )
  await expect(page.getByTestId('dependency-graph').locator('[data-edge="Hem edges → Attach ties"]')).toHaveCount(1)

  // Hem edges waiting for Attach ties closes a loop: the database refuses it, under the field
  await page.getByRole('button', { name: 'Edit Hem edges' }).click()
  const edit = page.getByRole('dialog', { name: 'Edit Hem edges' })
  await edit.getByRole('checkbox', { name: '2. Attach ties' }).check()
  await edit.getByRole('button', { name: 'Save operation' }).click()
  await expect(edit.locator('#op-depends-error')).toHaveText(/That makes a loop: Hem edges, .*Attach ties/)
  await edit.getByRole('button', { name: 'Cancel' }).click()

  // a new piece rate is kept in the rate history
  await page.getByRole('button', { name: 'Edit Attach ties' }).click()
  const rate = page.getByRole('dialog', { name: 'Edit Attach ties' })
  await rate.getByLabel('Piece rate').fill('0.95')
  await rate.getByRole('button', { name: 'Save operation' }).click()
  await expect(rate).toBeHidden()
  const ties = page.locator('[data-testid="operation"][data-operation="Attach ties"]')
  await ties.getByText('Rate history (2)').click()
  await expect(ties.getByTestId('rate-history')).toContainText('₱0.95')
  await expect(ties.getByTestId('rate-history')).toContainText('₱0.80')
})
