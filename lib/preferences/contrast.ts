/**
 * WCAG 2 contrast for the brand palette (issue 10: white on #007AFF is 4.01:1, 3.3:1 in dark mode).
 * A person's accent colour stays theirs; what changes is the text drawn on it: white where white
 * reaches 4.5:1, else near-black. The palette's lighter step (brand-500, dark mode's buttons) is the
 * accent mixed with white in OKLab, as the CSS color-mix() the palette uses, so its text is computed
 * on the colour actually shown.
 */
type Rgb = [number, number, number]

const toLinear = (c: number) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4)
const toGamma = (c: number) => (c <= 0.0031308 ? 12.92 * c : 1.055 * c ** (1 / 2.4) - 0.055)
const clamp = (c: number) => Math.min(1, Math.max(0, c))

export function hexToLinear(hex: string): Rgb {
  const n = Number.parseInt(hex.slice(1), 16)
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255].map((v) => toLinear(v / 255)) as Rgb
}

export function linearToHex(rgb: Rgb): string {
  return `#${rgb
    .map((c) =>
      Math.round(clamp(toGamma(clamp(c))) * 255)
        .toString(16)
        .padStart(2, '0'),
    )
    .join('')}`
}

/** Relative luminance (WCAG 2.x) of linear sRGB. */
export const luminance = ([r, g, b]: Rgb) => 0.2126 * r + 0.7152 * g + 0.0722 * b

/** The contrast ratio of two colours (1–21). */
export function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(hexToLinear(a)), luminance(hexToLinear(b))].sort((x, y) => y - x)
  return (hi + 0.05) / (lo + 0.05)
}

function toOklab([r, g, b]: Rgb): Rgb {
  const l = Math.cbrt(0.4122214708 * r + 0.5363325363 * g + 0.0514459929 * b)
  const m = Math.cbrt(0.2119034982 * r + 0.6806995451 * g + 0.1073969566 * b)
  const s = Math.cbrt(0.0883024619 * r + 0.2817188376 * g + 0.6299787005 * b)
  return [
    0.2104542553 * l + 0.793617785 * m - 0.0040720468 * s,
    1.9779984951 * l - 2.428592205 * m + 0.4505937099 * s,
    0.0259040371 * l + 0.7827717662 * m - 0.808675766 * s,
  ]
}

function fromOklab([L, a, b]: Rgb): Rgb {
  const l = (L + 0.3963377774 * a + 0.2158037573 * b) ** 3
  const m = (L - 0.1055613458 * a - 0.0638541728 * b) ** 3
  const s = (L - 0.0894841775 * a - 1.291485548 * b) ** 3
  return [
    4.0767416621 * l - 3.3077115913 * m + 0.2309699292 * s,
    -1.2684380046 * l + 2.6097574011 * m - 0.3413193965 * s,
    -0.0041960863 * l - 0.7034186147 * m + 1.707614701 * s,
  ]
}

/** CSS `color-mix(in oklab, hex pct%, other)`. */
export function mixOklab(hex: string, pct: number, other: 'white' | 'black'): string {
  const a = toOklab(hexToLinear(hex))
  const b = toOklab(other === 'white' ? [1, 1, 1] : [0, 0, 0])
  const p = pct / 100
  return linearToHex(fromOklab([0, 1, 2].map((i) => a[i] * p + b[i] * (1 - p)) as Rgb))
}

export const WHITE = '#ffffff'
/** zinc-950: the near-black of the app's text. */
export const INK = '#09090b'

/** Text on `background`: white when it reaches 4.5:1 (AA for body text), else whichever is higher. */
export function textOn(background: string): string {
  if (contrast(WHITE, background) >= 4.5) return WHITE
  return contrast(INK, background) > contrast(WHITE, background) ? INK : WHITE
}
