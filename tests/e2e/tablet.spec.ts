import { DEMO_PASSWORD } from './env'
import { expect, test } from './fixtures/test'
import { BatchBoardPage } from './pages/batch-board-page'
import { signInAs } from './session'

// A tablet in portrait (820 px): the manager pages must fit or scroll visibly, the board must scroll
// by column, and a touch screen gets touch-size targets (issue 10).
test.use({ viewport: { width: 820, height: 1180 }, hasTouch: true })

test('tablet portrait: the nav says it scrolls, the board snaps by column, touch targets are 44 px', async ({
  page,
  context,
}) => {
  await signInAs(context, 'owner@aurora.test', DEMO_PASSWORD)
  const board = new BatchBoardPage(page)
  await board.goto('aurora')

  const nav = page.getByRole('navigation', { name: 'Workshop' })
  const overflows = await nav.evaluate((el) => {
    const row = el.firstElementChild as HTMLElement
    return row.scrollWidth > row.clientWidth
  })
  if (overflows) {
    const more = page.getByTestId('nav-more-right')
    await expect(more).toBeVisible()
    const last = nav.getByRole('link').last()
    await expect(last).not.toBeInViewport({ ratio: 0.9 })
    // tap the cue until the row's end is reached (it scrolls smoothly, 200 px a tap)
    for (let i = 0; i < 8 && (await more.isVisible()); i++) {
      await more.click()
      await page.waitForTimeout(400)
    }
    await expect(last).toBeInViewport({ ratio: 0.9 })
    // at the end: the cue moves to the side that has more
    await expect(more).toBeHidden()
    await expect(page.getByTestId('nav-more-left')).toBeVisible()
  }
  // every section link is a 44 px target
  for (const h of await nav.getByRole('link').evaluateAll((as) => as.map((a) => a.getBoundingClientRect().height)))
    expect(h).toBeGreaterThanOrEqual(44)

  // the board: three columns of eight fit; it scrolls by column, snapping
  const scroller = page.getByRole('list', { name: 'Stages' }).locator('..')
  await expect(scroller).toHaveCSS('scroll-snap-type', 'x mandatory')
  await expect(board.column('Intake')).toHaveCSS('scroll-snap-align', 'start')

  // on a touch screen the board's buttons are at least 44 px tall
  const coarse = await page.evaluate(() => matchMedia('(pointer: coarse)').matches)
  if (coarse) {
    const heights = await page
      .getByTestId('batch-card')
      .getByRole('button')
      .evaluateAll((bs) => bs.map((b) => b.getBoundingClientRect().height))
    expect(heights.length).toBeGreaterThan(0)
    for (const h of heights) expect(h).toBeGreaterThanOrEqual(44)
  }
})
