import type { Locator, Page } from '@playwright/test'
import { scannerBurst } from './scanner'

/** /[org]/station: setup, the PIN pad, and the PINed-in operator screen. */
export class StationPage {
  readonly scanHeading: Locator
  readonly chosenName: Locator
  readonly pinIn: Locator
  readonly pinOut: Locator
  readonly failure: Locator
  readonly operatorName: Locator
  readonly countdown: Locator
  readonly stationName: Locator

  constructor(readonly page: Page) {
    this.scanHeading = page.getByRole('heading', { name: 'Scan your badge' })
    this.chosenName = page.getByTestId('chosen-name')
    this.pinIn = page.getByRole('button', { name: 'PIN in', exact: true })
    this.pinOut = page.getByRole('button', { name: 'PIN out', exact: true })
    this.failure = page.getByTestId('pin-failure')
    this.operatorName = page.getByTestId('operator-name')
    this.countdown = page.getByTestId('idle-countdown')
    this.stationName = page.getByTestId('station-name')
  }

  async goto(slug: string) {
    await this.page.goto(`/${slug}/station`)
  }

  /** Signs the tablet in (a supervisor+ must be signed in on it). */
  async register(location: string, name: string) {
    await this.page.getByLabel('Location').selectOption({ label: location })
    await this.page.getByLabel('Tablet name (optional)').fill(name)
    await this.page.getByRole('button', { name: 'Sign this tablet in as a station' }).click()
    await this.scanHeading.waitFor()
  }

  /** A keyboard-wedge scanner: the code typed in a fast burst, then Enter, with nothing focused. */
  async scan(badge: string) {
    await scannerBurst(this.page, badge, 5)
  }

  async pickName(name: string) {
    await this.page.getByRole('list', { name: 'Pick your name' }).getByRole('button', { name }).click()
  }

  /** Taps the PIN on the on-screen keypad and presses PIN in. */
  async tapPin(pin: string) {
    for (const d of pin)
      await this.page.getByRole('group', { name: 'PIN keypad' }).getByRole('button', { name: d, exact: true }).click()
    await this.pinIn.click()
  }

  /** Types the PIN on a physical keyboard at a person's pace, then Enter. */
  async typePin(pin: string) {
    await this.page.keyboard.type(pin, { delay: 120 })
    await this.page.keyboard.press('Enter')
  }
}
