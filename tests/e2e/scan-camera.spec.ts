import os from 'node:os'
import path from 'node:path'
import config from '../../playwright.config'
import { writeQrVideo } from './fixtures/qr-video'
import { expect, test } from './fixtures/test'
import { LABELS, pinInAndScan, service } from './floor-helpers'
import { ScanPage } from './pages/scan-page'

// The webcam is a Y4M file of the B-10 label (generated here): Chromium plays it as the camera.
const video = writeQrVideo(path.join(os.tmpdir(), `floorline-qr-${process.pid}.y4m`), [LABELS.B10])
const base = config.projects?.find((p) => p.name === 'chromium')?.use?.launchOptions ?? {}
test.use({
  launchOptions: {
    ...base,
    args: [
      ...(base.args ?? []),
      '--use-fake-ui-for-media-stream',
      '--use-fake-device-for-media-stream',
      `--use-file-for-fake-video-capture=${video}`,
    ],
  },
  permissions: ['camera'],
})

test('the scan screen reads a label through the camera (self-hosted ZXing wasm)', async ({
  page,
  context,
  operator,
}) => {
  await pinInAndScan(page, context, operator.badge)
  const scan = new ScanPage(page)
  await scan.startWork()
  const wasm = page.waitForResponse((r) => r.url().endsWith('/zxing/zxing_reader.wasm'))
  await page.getByRole('button', { name: 'Start camera' }).click()
  expect((await wasm).status()).toBe(200)
  await expect(page.getByTestId('decoder-kind')).toHaveText('ZXing decoder')
  await expect(scan.number).toHaveText('B-10', { timeout: 15_000 })
  await expect(scan.stage).toHaveText('Sanding')
  // the label stays in view: it was one scan, not one per frame
  await page.waitForTimeout(1500)
  const active = await (await page.request.get('/api/disco/sessions/active')).json()
  const { data } = await service().from('floor_scans').select('qr_code').eq('session_id', active.session.id)
  expect(data).toEqual([{ qr_code: LABELS.B10 }])
  await page.getByRole('button', { name: 'Stop camera' }).click()
})
