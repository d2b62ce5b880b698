import type { Locator, Page } from '@playwright/test'

/** Any /[org] page: the header with the workshop switcher, navigation and account menu. */
export class OrgPage {
  readonly switcher: Locator
  readonly account: Locator
  readonly myName: Locator
  readonly myRole: Locator

  constructor(readonly page: Page) {
    this.switcher = page.getByRole('button', { name: /Switch workshop/ })
    this.account = page.getByRole('button', { name: /^Account:/ })
    // the person's name on the org home (a heading under the workshop's overview for staff)
    this.myName = page.locator('#me')
    this.myRole = page.getByTestId('my-role')
  }

  async goto(slug: string, path = '') {
    await this.page.goto(`/${slug}${path}`)
  }

  nav(name: string): Locator {
    return this.page.getByRole('navigation', { name: 'Workshop' }).getByRole('link', { name })
  }

  async switchTo(workshop: string) {
    await this.switcher.click()
    await this.page
      .getByRole('navigation', { name: 'Your workshops' })
      .getByRole('link', { name: new RegExp(workshop) })
      .click()
  }

  async signOut() {
    await this.account.click()
    await this.page.getByRole('button', { name: 'Sign out' }).click()
  }
}
