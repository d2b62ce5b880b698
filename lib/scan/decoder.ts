/**
 * The QR decoder, loaded when the camera starts: the browser's own BarcodeDetector where it reads
 * QR codes (Chrome on Android, ChromeOS, macOS), else the `barcode-detector` ponyfill on ZXing
 * compiled to WebAssembly (iPad Safari, desktop Linux). The wasm is self-hosted under
 * /zxing/ (public/zxing, checked against the package's SHA-256 by a unit test): the package would
 * fetch it from a CDN, which a workshop without internet access cannot reach. QR only — every
 * format costs ~10× on frames without a code.
 */
export const ZXING_WASM_PATH = '/zxing/zxing_reader.wasm'

export interface QrDecoder {
  kind: 'native' | 'zxing'
  detect(source: ImageBitmapSource): Promise<string[]>
}

interface DetectorLike {
  detect(source: ImageBitmapSource): Promise<Array<{ rawValue: string }>>
}
interface DetectorClass {
  new (options?: { formats?: string[] }): DetectorLike
  getSupportedFormats?(): Promise<readonly string[]>
}

let loading: Promise<QrDecoder> | undefined

function wrap(kind: QrDecoder['kind'], d: DetectorLike): QrDecoder {
  return {
    kind,
    async detect(source) {
      const found = await d.detect(source)
      return found.map((b) => b.rawValue).filter(Boolean)
    },
  }
}

async function nativeDecoder(): Promise<QrDecoder | null> {
  const Native = (globalThis as { BarcodeDetector?: DetectorClass }).BarcodeDetector
  if (!Native?.getSupportedFormats) return null
  try {
    const formats = await Native.getSupportedFormats()
    return formats.includes('qr_code') ? wrap('native', new Native({ formats: ['qr_code'] })) : null
  } catch {
    return null
  }
}

async function zxingDecoder(): Promise<QrDecoder> {
  const mod = await import('barcode-detector/ponyfill')
  await mod.prepareZXingModule({
    overrides: {
      locateFile: (path: string, prefix: string) => (path.endsWith('.wasm') ? ZXING_WASM_PATH : prefix + path),
    },
    fireImmediately: true,
  })
  return wrap('zxing', new mod.BarcodeDetector({ formats: ['qr_code'] }) as unknown as DetectorLike)
}

/** The decoder for this browser (loaded once). `prefer: 'zxing'` skips the native one (tests). */
export function loadDecoder(prefer?: 'zxing'): Promise<QrDecoder> {
  loading ??= (async () => (prefer === 'zxing' ? null : await nativeDecoder()) ?? zxingDecoder())()
  loading.catch(() => {
    loading = undefined // a failed load (offline before the wasm was cached) may be retried
  })
  return loading
}
