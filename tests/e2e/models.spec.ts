import { DEMO_PASSWORD } from './env'
import { uniqueTag } from './fixtures/data'
import { expect, test } from './fixtures/test'
import { OrdersPage } from './pages/orders-page'
import { signInAs } from './session'

// A Birch manager follows "Add a model…" from the order form, adds one (a made-up name and SKU prefix
// of this run, so other specs' models are untouched) with hours and checks per stage of Birch's
// workflow (the Garment type: Cutting … Packing), sees the database refuse a taken SKU prefix under
// its field, and then takes an order for the new model.
test('a Birch manager adds a model from the order form and takes an order for it', async ({ page, context }) => {
  test.setTimeout(90_000)
  await signInAs(context, 'manager@birch.test', DEMO_PASSWORD)
  const tag = uniqueTag()
  const name = `Bobbin Tote ${tag}`
  const sku = `T${tag.toUpperCase().replace(/[^A-Z0-9]/g, '')}`.slice(0, 12)

  await page.goto('/birch/orders/new')
  await page.getByRole('link', { name: 'Add a model…' }).click()
  await expect(page).toHaveURL(/\/birch\/models\/new$/)
  await expect(page.getByRole('heading', { name: 'New model', level: 1 })).toBeVisible()

  const form = page.getByRole('form', { name: 'New model' })
  await form.getByLabel('Name', { exact: true }).fill(name)
  await form.getByLabel('SKU prefix').fill(sku)
  await form.getByLabel('Complexity').selectOption({ label: 'Low' })
  await form.getByLabel(/^List price/).fill('1250')
  // nothing picked yet: the form says so under the woods
  await form.getByRole('button', { name: 'Add model' }).click()
  await expect(form.getByText('Pick at least one wood')).toBeVisible()
  await form.getByRole('checkbox', { name: 'Walnut' }).check()
  await form.getByRole('checkbox', { name: 'Cherry' }).check()
  await form.getByLabel('Sewing hours').fill('1.5')
  await form.getByLabel('QC hours').fill('0.5')
  await form.getByRole('button', { name: 'Add a check to QC' }).click()
  await form.getByRole('textbox', { name: 'QC check 1', exact: true }).fill('Seams flat and even')
  await form.getByRole('button', { name: 'Add a check to QC' }).click()
  await form.getByRole('button', { name: 'Remove QC check 2' }).click()
  await expect(form.getByRole('textbox', { name: 'QC check 2', exact: true })).toHaveCount(0)
  await form.getByRole('button', { name: 'Add model' }).click()

  await expect(page).toHaveURL(/\/birch\/models$/)
  const card = page.getByTestId('model-card').filter({ hasText: name })
  await expect(card).toBeVisible()
  await expect(card).toContainText(sku)
  await expect(card).toContainText('Walnut')

  // the same SKU prefix again: the database's SKU_PREFIX_TAKEN, under the field
  await page.goto('/birch/models/new')
  const again = page.getByRole('form', { name: 'New model' })
  await again.getByLabel('Name', { exact: true }).fill(`${name} B`)
  await again.getByLabel('SKU prefix').fill(sku)
  await again.getByLabel(/^List price/).fill('10')
  await again.getByRole('checkbox', { name: 'Walnut' }).check()
  await again.getByRole('button', { name: 'Add model' }).click()
  await expect(again.getByLabel('SKU prefix')).toHaveAttribute('aria-invalid', 'true')
  await expect(again.getByText(`Another model uses the SKU prefix ${sku}`)).toBeVisible()

  // and now an order for it
  const orders = new OrdersPage(page)
  await orders.create('birch', { name: 'Mia Lopez', email: `mia.${tag}@example.com`, model: name, wood: 'Cherry' })
  await expect(page.getByRole('heading', { name: /^Order .+ created$/ })).toBeVisible()
  await expect(page.getByText(`${name} in Cherry for Mia Lopez`)).toBeVisible()
})
