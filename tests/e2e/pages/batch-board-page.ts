import { expect, type Locator, type Page } from '@playwright/test'

/** /[org]/batches: the board, its cards, moves by button, by mouse and by touch. */
export class BatchBoardPage {
  readonly notice: Locator
  readonly live: Locator
  readonly dialog: Locator

  constructor(readonly page: Page) {
    this.notice = page.getByTestId('board-notice')
    this.live = page.getByTestId('live-status')
    this.dialog = page.getByRole('dialog')
  }

  async goto(slug: string) {
    await this.page.goto(`/${slug}/batches`)
    await expect(this.live).toHaveAttribute('data-live', 'true')
  }

  column(stage: string): Locator {
    return this.page.locator(`[data-testid="stage-column"][data-stage="${stage}"]`)
  }

  card(batch: string): Locator {
    return this.page.locator(`[data-testid="batch-card"][data-batch="${batch}"]`)
  }

  async advance(batch: string) {
    await this.card(batch)
      .getByRole('button', { name: new RegExp(`^Advance ${batch} to`) })
      .click()
  }

  async complete(batch: string) {
    await this.card(batch)
      .getByRole('button', { name: `Complete ${batch}` })
      .click()
  }

  async sendBack(batch: string, to: string, reason: string) {
    await this.card(batch)
      .getByRole('button', { name: `Send ${batch} back` })
      .click()
    await this.dialog.getByLabel('Back to').selectOption(to)
    await this.dialog.getByLabel('Reason').fill(reason)
    await this.dialog.getByRole('button', { name: 'Send back' }).click()
  }

  /**
   * A mouse drag from the card onto a column: pointer events, in small steps. The pointer goes to
   * the card by hover (it waits until the card stands still and is what the pointer is over), not to
   * a box measured earlier: other devices' moves reach the board live and shift the cards around.
   */
  async drag(batch: string, stage: string) {
    const column = this.column(stage)
    await column.scrollIntoViewIfNeeded()
    await this.card(batch).locator('h3').hover()
    await this.page.mouse.down()
    const to = await column.boundingBox()
    if (!to) throw new Error('column not on screen')
    await this.page.mouse.move(to.x + to.width / 2, to.y + 80, { steps: 12 })
    await this.page.mouse.up()
  }

  /** A finger drag from the card's grip onto a column (touch events through the DevTools protocol). */
  async touchDrag(batch: string, stage: string) {
    // Other specs add batches to the same column, so the card can sit below the fold: a touch
    // at off-screen coordinates reaches nothing. Scroll it in, then drop at the grip's height
    // (kept inside the target column), which is on screen by construction.
    await this.card(batch).getByTestId('drag-grip').scrollIntoViewIfNeeded()
    const grip = await this.card(batch).getByTestId('drag-grip').boundingBox()
    const to = await this.column(stage).boundingBox()
    if (!grip || !to) throw new Error('card or column not on screen')
    const cdp = await this.page.context().newCDPSession(this.page)
    const point = (x: number, y: number) => [{ x: Math.round(x), y: Math.round(y), id: 1 }]
    const x0 = grip.x + grip.width / 2
    const y0 = grip.y + grip.height / 2
    const x1 = to.x + to.width / 2
    const y1 = Math.min(Math.max(y0, to.y + 40), to.y + to.height - 40)
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: point(x0, y0) })
    for (let i = 1; i <= 10; i++) {
      await cdp.send('Input.dispatchTouchEvent', {
        type: 'touchMove',
        touchPoints: point(x0 + ((x1 - x0) * i) / 10, y0 + ((y1 - y0) * i) / 10),
      })
    }
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] })
    await cdp.detach()
  }
}
