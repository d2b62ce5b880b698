import { expect, type Locator, type Page } from '@playwright/test'

/** /[org]/count/[id]: the count tablet — lines, the keypad, the sync state in the header. */
export class CountTabletPage {
  readonly progress: Locator
  readonly saveAndNext: Locator
  readonly entryTitle: Locator

  constructor(readonly page: Page) {
    this.progress = page.getByText(/\d+ of \d+ counted/)
    this.saveAndNext = page.getByRole('button', { name: 'Save and next' })
    this.entryTitle = page.locator('#entry-title')
  }

  goto(slug: string, countId: string) {
    return this.page.goto(`/${slug}/count/${countId}`)
  }

  line(code: string): Locator {
    return this.page.getByRole('button', { name: new RegExp(`^${code} `) })
  }

  /** The open line's quantity on the pad (tapped key by key), then "Save and next". */
  async enter(quantity: number) {
    for (const key of String(quantity)) await this.page.getByRole('button', { name: key, exact: true }).click()
    await expect(this.page.locator(`output[aria-label="Counted: ${quantity} pcs"]`)).toBeVisible()
    await this.saveAndNext.click()
  }

  /** Picks the line of `code` and counts it. */
  async count(code: string, quantity: number) {
    await this.line(code).click()
    await expect(this.entryTitle).toContainText(code)
    await this.enter(quantity)
  }
}
