/**
 * Stock labels in the floor label format (lib/floor/labels.ts: FL1:<prefix>:<T>:<code>, QR
 * alphanumeric): S for a stock item (its code), B for a bin (a location, by the first 8 hex digits
 * of its id). The count tablet reads them, and an item's own barcode or code typed by hand.
 */
export type StockScan = { kind: 'item'; code: string } | { kind: 'bin'; ref: string } | { kind: 'text'; text: string }

export const itemLabel = (prefix: string, code: string) => `FL1:${prefix}:S:${code.toUpperCase()}`
export const binRef = (locationId: string) => locationId.replace(/-/g, '').slice(0, 8).toUpperCase()
export const binLabel = (prefix: string, locationId: string) => `FL1:${prefix}:B:${binRef(locationId)}`

export function parseStockScan(raw: string): StockScan {
  const text = raw.trim()
  const m = /^FL1:[^:]*:([SB]):(.+)$/i.exec(text)
  if (!m) return { kind: 'text', text }
  return m[1].toUpperCase() === 'S'
    ? { kind: 'item', code: m[2].toUpperCase() }
    : { kind: 'bin', ref: m[2].toUpperCase() }
}
