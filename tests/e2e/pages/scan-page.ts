import { expect, type Locator, type Page } from '@playwright/test'
import { scannerBurst } from './scanner'

/** /[org]/scan: the operator's scan screen on a station tablet. */
export class ScanPage {
  readonly card: Locator
  readonly number: Locator
  readonly stage: Locator
  readonly banner: Locator
  readonly manual: Locator
  readonly advance: Locator
  readonly sessionLine: Locator
  readonly sessionTaken: Locator
  readonly dialog: Locator

  constructor(readonly page: Page) {
    this.card = page.getByTestId('result-card')
    this.number = page.getByTestId('item-number')
    this.stage = page.getByTestId('item-stage')
    this.banner = page.getByTestId('scan-banner')
    this.manual = page.getByTestId('manual-code')
    this.advance = page.getByTestId('advance')
    this.sessionLine = page.getByTestId('session-line')
    this.sessionTaken = page.getByTestId('session-taken')
    this.dialog = page.getByTestId('action-dialog')
  }

  async goto(slug: string) {
    await this.page.goto(`/${slug}/scan`)
  }

  /** Waits for the floor session; takes it over if it was open on another tablet. */
  async startWork() {
    await expect(this.sessionLine.or(this.sessionTaken)).toBeVisible()
    if (await this.sessionTaken.isVisible()) {
      await this.page.getByRole('button', { name: 'Take over (start fresh)' }).click()
    }
    await expect(this.sessionLine).toBeVisible()
  }

  /** A keyboard-wedge scanner: the code in a burst (~8 ms a character), then Enter, nothing focused. */
  async wedgeScan(code: string, msPerChar = 8) {
    await this.page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur())
    await scannerBurst(this.page, code, msPerChar)
  }

  /** A person typing on a keyboard with nothing focused, at their pace. */
  async slowType(code: string, msPerChar = 120) {
    await this.page.keyboard.type(code, { delay: msPerChar })
    await this.page.keyboard.press('Enter')
  }

  async typeCode(code: string) {
    await this.manual.fill(code)
    await this.page.getByRole('button', { name: 'Look up' }).click()
  }

  action(key: string) {
    return this.page.getByTestId(`action-${key}`)
  }
}
