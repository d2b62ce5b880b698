import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { ZXING_WASM_SHA256 } from 'zxing-wasm/reader'
import { fitWithin, MAX_BYTES, nextQuality, QUALITIES } from '../../lib/scan/compress'
import { ZXING_WASM_PATH } from '../../lib/scan/decoder'

describe('photo compression sizing', () => {
  it('fits the longest edge within 1600 px, keeping the aspect ratio', () => {
    expect(fitWithin(4032, 3024)).toEqual({ width: 1600, height: 1200, scale: 1600 / 4032 })
    expect(fitWithin(3024, 4032)).toMatchObject({ width: 1200, height: 1600 })
    expect(fitWithin(1920, 1080).width).toBe(1600)
    expect(fitWithin(1920, 1080).height).toBe(900)
  })

  it('never upscales a small photo, and never goes below 1 px', () => {
    expect(fitWithin(800, 600)).toEqual({ width: 800, height: 600, scale: 1 })
    expect(fitWithin(100000, 10)).toMatchObject({ width: 1600, height: 1 })
    expect(() => fitWithin(0, 10)).toThrow()
  })

  it('steps the JPEG quality down until the photo is under budget, then stops', () => {
    expect(nextQuality(MAX_BYTES, QUALITIES[0])).toBeNull()
    expect(nextQuality(MAX_BYTES + 1, QUALITIES[0])).toBe(QUALITIES[1])
    expect(nextQuality(5_000_000, QUALITIES.at(-1) as number)).toBeNull()
  })
})

describe('self-hosted ZXing wasm', () => {
  it('public/ holds exactly the wasm of the installed zxing-wasm (update it with the package)', () => {
    const file = readFileSync(path.join(import.meta.dirname, '../../public', ZXING_WASM_PATH))
    expect(createHash('sha256').update(file).digest('hex')).toBe(ZXING_WASM_SHA256)
  })
})
