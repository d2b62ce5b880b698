import 'server-only'
import QRCode from 'qrcode'

export interface LabelRow {
  kind: 'batch' | 'order' | 'bundle' | 'location' | 'action' | 'user'
  id: string
  ref_id: string
  label: string
  title: string
  subtitle: string | null
}

export const SHEET_KINDS = {
  batch_orders: 'A batch and its units',
  lay_bundles: 'A lay’s bundles',
  location: 'Locations',
  action: 'Action cards',
  user: 'Badges',
} as const
export type SheetKind = keyof typeof SHEET_KINDS

/**
 * What a label's QR code holds. Items, locations and action cards carry the label text
 * (FL1:<prefix>:<T>:<code>, QR alphanumeric mode: version 1 at error correction M). Badges carry the
 * bare badge code, which the station's PIN pad reads as well as the scan screen.
 */
export function qrPayload(row: LabelRow): string {
  return row.kind === 'user' && row.subtitle ? row.subtitle : row.label
}

/** The QR code of a label as an SVG string, made on the server (the print page needs no script). */
export function labelQrSvg(payload: string): Promise<string> {
  return QRCode.toString(payload, {
    type: 'svg',
    errorCorrectionLevel: 'M',
    margin: 2,
    color: { dark: '#000000', light: '#ffffff' },
  })
}
