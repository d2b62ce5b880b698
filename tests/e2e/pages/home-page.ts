import type { Locator, Page } from '@playwright/test'

/** The home page (app/page.tsx). */
export class HomePage {
  readonly signInLink: Locator
  readonly workshopsHeading: Locator
  readonly workshops: Locator

  constructor(readonly page: Page) {
    this.signInLink = page.getByRole('link', { name: 'Sign in', exact: true })
    this.workshopsHeading = page.getByRole('heading', { name: 'Your workshops' })
    this.workshops = page.getByRole('listitem')
  }

  async goto() {
    await this.page.goto('/')
  }

  workshop(name: string): Locator {
    return this.workshops.filter({ hasText: name })
  }
}
