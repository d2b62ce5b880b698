import type { CSSProperties } from 'react'
import { mixOklab, textOn } from './contrast'
import { type ColorScheme, FONT_SCALE, type FontSize, HEX_COLOR } from './schema'

/** `<html>` class per colour scheme (app/globals.css: `.dark`, `.theme-system` follows the device). */
export const SCHEME_CLASS: Record<ColorScheme, string | undefined> = {
  light: undefined,
  dark: 'dark',
  system: 'theme-system',
}

export interface HtmlTheme {
  className?: string
  style?: CSSProperties
}

/**
 * What the root layout puts on `<html>` so a person's preferences apply on the first paint, with no
 * flash: the scheme class, the font scale variable, and the brand palette derived from one colour.
 * Tailwind 4 utilities read `var(--color-brand-*)`, so overriding the variables restyles everything.
 */
export function htmlThemeFor(prefs: {
  colorScheme: ColorScheme
  fontSize: FontSize
  primaryColor?: string
}): HtmlTheme {
  const style: Record<string, string> = {}
  if (prefs.fontSize !== 'medium') style['--font-scale'] = String(FONT_SCALE[prefs.fontSize])
  if (prefs.primaryColor && HEX_COLOR.test(prefs.primaryColor)) Object.assign(style, brandPalette(prefs.primaryColor))
  return {
    className: SCHEME_CLASS[prefs.colorScheme],
    style: Object.keys(style).length ? (style as CSSProperties) : undefined,
  }
}

/**
 * The brand palette from one colour: the person's accent is brand-600 as chosen, the steps around it
 * are mixes in OKLab, and the text drawn on brand-600 and on brand-500 (dark mode) is white or
 * near-black, whichever makes WCAG AA (lib/preferences/contrast.ts): the accent stays theirs.
 */
export function brandPalette(hex: string): Record<string, string> {
  const color = hex
  const lighter = mixOklab(color, 88, 'white')
  return {
    '--color-brand-50': mixOklab(color, 8, 'white'),
    '--color-brand-100': mixOklab(color, 16, 'white'),
    '--color-brand-500': lighter,
    '--color-brand-600': color,
    '--color-brand-700': mixOklab(color, 82, 'black'),
    '--on-brand-600': textOn(color),
    '--on-brand-500': textOn(lighter),
  }
}

/** The theme cookie (`floorline-theme`) keeps the scheme for the signed-out pages of this browser. */
export function schemeFromCookie(value: string | undefined): ColorScheme {
  return value === 'light' || value === 'dark' ? value : 'system'
}
