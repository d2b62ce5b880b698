import type { Locator, Page } from '@playwright/test'

/** /[org]/queue: my queue on the tablet. */
export class QueuePage {
  readonly pick: Locator
  readonly next: Locator
  readonly metrics: Locator
  readonly waiting: Locator
  readonly mine: Locator

  constructor(readonly page: Page) {
    this.pick = page.getByLabel('Queue', { exact: true })
    this.next = page.getByRole('button', { name: 'Next item' })
    this.metrics = page.getByTestId('queue-metrics')
    this.waiting = page.getByRole('region', { name: /^Waiting/ }).getByTestId('queue-entry')
    this.mine = page.getByRole('region', { name: 'I am working on' }).getByTestId('queue-entry')
  }

  async goto(slug: string) {
    await this.page.goto(`/${slug}/queue`)
  }
}
