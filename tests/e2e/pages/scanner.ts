import type { CDPSession, Page } from '@playwright/test'

// One DevTools session per page, never detached: detaching a session resets the page's network
// emulation (navigator.onLine turns true again under context.setOffline(true)).
const sessions = new WeakMap<Page, Promise<CDPSession>>()

/**
 * A keyboard-wedge scanner: `code` then Enter, one key every `msPerChar`, each key stamped with the
 * time the scanner sent it (the DevTools protocol's `timestamp` becomes the event's timeStamp, as
 * the OS's input time does for a real scanner). Playwright's keyboard.type sends the next key only
 * after the page has handled the last one, so a slow first handler (the scan screen creates its
 * AudioContext on the first key: ~100 ms in headless Chromium, more on a loaded machine) spread a
 * real scanner's burst out and the wedge detector dropped the first character. Real scanners do not
 * wait for the page, so neither does this.
 */
export async function scannerBurst(page: Page, code: string, msPerChar: number) {
  let session = sessions.get(page)
  if (!session) {
    session = page.context().newCDPSession(page)
    sessions.set(page, session)
  }
  const cdp = await session
  let at = Date.now() / 1000
  for (const ch of [...code, '\r']) {
    const key =
      ch === '\r' ? { key: 'Enter', code: 'Enter', windowsVirtualKeyCode: 13, text: '\r' } : { key: ch, text: ch }
    await cdp.send('Input.dispatchKeyEvent', { type: 'keyDown', timestamp: at, ...key })
    await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', timestamp: at + 0.001, key: key.key })
    at += msPerChar / 1000
  }
}
