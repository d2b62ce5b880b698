import type { Locator, Page } from '@playwright/test'

/** /track/[token]: the customer's public page. */
export class TrackPage {
  readonly view: Locator
  readonly status: Locator
  readonly stage: Locator
  readonly live: Locator
  readonly milestones: Locator
  readonly stages: Locator
  readonly eta: Locator

  constructor(readonly page: Page) {
    this.view = page.getByTestId('track-view')
    this.status = page.getByTestId('track-status')
    this.stage = page.getByTestId('track-stage')
    this.live = page.getByTestId('track-live')
    this.milestones = page.getByTestId('track-milestones').getByRole('listitem')
    this.stages = page.getByTestId('track-stages').getByRole('listitem')
    this.eta = page.getByTestId('track-eta')
  }

  async open(url: string) {
    return this.page.goto(url)
  }

  step(label: string): Locator {
    return this.stages.filter({ hasText: label })
  }
}
