import type { Locator, Page } from '@playwright/test'

/** /[org]/floor (supervisors) and /[org]/labels. */
export class FloorPage {
  readonly sessions: Locator
  readonly queues: Locator
  readonly labels: Locator

  constructor(readonly page: Page) {
    this.sessions = page.getByTestId('live-session')
    this.queues = page.getByTestId('queue-table')
    this.labels = page.getByTestId('label-code')
  }

  async goto(slug: string) {
    await this.page.goto(`/${slug}/floor`)
  }

  async gotoLabels(slug: string, query = '') {
    await this.page.goto(`/${slug}/labels${query}`)
  }
}
