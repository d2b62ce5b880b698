/**
 * How fast and how reliably two QR decoders read our labels — the measurement behind choosing
 * `barcode-detector` (ZXing-C++ as WebAssembly, what the scan screen loads) over html5-qrcode
 * (whose engine is ZXing-js, @zxing/library). Frames are 640×480 grey, noisy, with the label drawn
 * at 3–8 px per module (tests/e2e/fixtures/qr-video.ts, the same frames the e2e fake camera plays).
 * Not part of `npm run bench` (bench/run.ts runs bench/*.ts only): run it by hand with
 *   npm i --no-save @zxing/library@0.21.3 && npx tsx bench/decoders/qr.ts
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { prepareZXingModule, readBarcodes } from 'zxing-wasm/reader'
import { qrFrame } from '../../tests/e2e/fixtures/qr-video'

const FRAMES = Number(process.env.BENCH_FRAMES ?? 40)
const W = 640
const H = 480
const LABEL = 'FL1:AUR:I:102GW'
const URL75 = 'https://floorline.example/aurora/orders/ORD-100234/track?token=a8f3c2e1d9b7460f'

type Decode = (luma: Uint8Array) => Promise<string | null>

async function zxingWasm(): Promise<Decode> {
  const wasm = readFileSync(path.join(import.meta.dirname, '../../public/zxing/zxing_reader.wasm'))
  await prepareZXingModule({ overrides: { wasmBinary: wasm.buffer as ArrayBuffer }, fireImmediately: true })
  return async (luma) => {
    const rgba = new Uint8ClampedArray(W * H * 4)
    for (let i = 0; i < luma.length; i++) {
      rgba[i * 4] = rgba[i * 4 + 1] = rgba[i * 4 + 2] = luma[i]
      rgba[i * 4 + 3] = 255
    }
    const found = await readBarcodes({ data: rgba, width: W, height: H, colorSpace: 'srgb' } as ImageData, {
      formats: ['QRCode'],
      maxNumberOfSymbols: 1,
    })
    return found[0]?.text ?? null
  }
}

async function zxingJs(): Promise<Decode | null> {
  try {
    const z = await import('@zxing/library' as string)
    const reader = new z.QRCodeReader()
    return async (luma) => {
      try {
        const source = new z.RGBLuminanceSource(new Uint8ClampedArray(luma), W, H)
        return reader.decode(new z.BinaryBitmap(new z.HybridBinarizer(source))).getText()
      } catch {
        return null
      }
    }
  } catch {
    return null
  }
}

async function run(name: string, decode: Decode) {
  const rows: string[] = []
  for (const [what, text, moduleSize] of [
    ['label, 8 px/module', LABEL, 8],
    ['label, 5 px/module', LABEL, 5],
    ['label, 3 px/module', LABEL, 3],
    ['75-char URL, 5 px/module', URL75, 5],
    ['75-char URL, 3 px/module', URL75, 3],
    ['no code in view', '', 8],
  ] as Array<[string, string, number]>) {
    const o = { width: W, height: H, fps: 10, framesPerLabel: 1, moduleSize, noise: 12 }
    const frames = Array.from({ length: FRAMES }, (_, i) =>
      text ? qrFrame(text, o, i + 1) : new Uint8Array(W * H).map((_, j) => 200 + ((j * 7919 + i) % 40)),
    )
    await decode(frames[0]) // warm up
    const times: number[] = []
    let ok = 0
    for (const f of frames) {
      const t = performance.now()
      const got = await decode(f)
      times.push(performance.now() - t)
      if (text ? got === text : got === null) ok++
    }
    times.sort((a, b) => a - b)
    rows.push(
      `${name.padEnd(26)} ${what.padEnd(26)} p50 ${times[Math.floor(times.length / 2)].toFixed(1).padStart(6)} ms  ` +
        `p95 ${times[Math.floor(times.length * 0.95)].toFixed(1).padStart(6)} ms  ${((ok / FRAMES) * 100).toFixed(0).padStart(3)}% right`,
    )
  }
  console.log(rows.join('\n'))
}

const wasm = await zxingWasm()
await run('zxing-wasm (barcode-det.)', wasm)
const js = await zxingJs()
if (js) await run('ZXing-js (html5-qrcode)', js)
else console.log('(npm i --no-save @zxing/library to compare with ZXing-js, the engine of html5-qrcode)')
