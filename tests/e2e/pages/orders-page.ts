import type { Locator, Page } from '@playwright/test'

/** /[org]/orders, /[org]/orders/new and an order's page. */
export class OrdersPage {
  readonly search: Locator
  readonly rows: Locator
  readonly dialog: Locator
  readonly trackingUrl: Locator

  constructor(readonly page: Page) {
    this.search = page.getByRole('searchbox', { name: 'Search orders' })
    this.rows = page.getByTestId('order-row')
    this.dialog = page.getByRole('dialog')
    this.trackingUrl = page.getByTestId('tracking-url')
  }

  async goto(slug: string, query = '') {
    await this.page.goto(`/${slug}/orders${query}`)
  }

  row(text: string): Locator {
    return this.rows.filter({ hasText: text })
  }

  async create(
    slug: string,
    o: { name: string; email: string; model: string; wood: string; priority?: string; due?: string; custom?: string },
  ) {
    await this.page.goto(`/${slug}/orders/new`)
    const p = this.page
    await p.getByLabel('Name').fill(o.name)
    await p.getByLabel('Email').fill(o.email)
    const model = p.getByLabel('Model')
    const value = await model.locator('option', { hasText: `${o.model} ·` }).getAttribute('value')
    await model.selectOption(value ?? '')
    await p.getByLabel('Wood').selectOption(o.wood)
    if (o.priority) await p.getByLabel('Priority').selectOption({ label: o.priority })
    if (o.due) await p.getByLabel('Due date (optional)').fill(o.due)
    if (o.custom) await p.getByLabel('Customizations (optional)').fill(o.custom)
    await p.getByRole('button', { name: 'Create order' }).click()
  }

  /** Selects orders by their row text and makes a batch of them; returns the new batch's number. */
  async batch(texts: string[]): Promise<string> {
    for (const text of texts) await this.row(text).getByRole('checkbox').check()
    await this.page
      .getByRole('region', { name: 'Selected orders' })
      .getByRole('button', { name: 'Create batch' })
      .click()
    await this.dialog.getByRole('button', { name: 'Create batch' }).click()
    const created = this.dialog.getByTestId('batch-created')
    await created.waitFor()
    return (await created.locator('strong').textContent())?.trim() ?? ''
  }
}
