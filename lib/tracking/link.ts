import 'server-only'
import { headers } from 'next/headers'
import QRCode from 'qrcode'

/**
 * The public address of a tracking link. APP_URL (e.g. https://floor.example.com) wins when set;
 * otherwise the host this request came in on, so a link copied in development works too.
 */
export async function absoluteUrl(path: string): Promise<string> {
  const configured = process.env.APP_URL?.replace(/\/+$/, '')
  if (configured) return `${configured}${path}`
  const h = await headers()
  const host = h.get('x-forwarded-host') ?? h.get('host') ?? 'localhost:3000'
  const proto =
    h.get('x-forwarded-proto') ?? (host.startsWith('localhost') || host.startsWith('127.') ? 'http' : 'https')
  return `${proto}://${host}${path}`
}

/**
 * The link as a QR code (SVG markup, rendered on the server). Error correction M keeps it
 * readable from a phone screen or a printed slip; the quiet zone is the standard 4 modules.
 */
export function qrSvg(url: string): Promise<string> {
  return QRCode.toString(url, {
    type: 'svg',
    errorCorrectionLevel: 'M',
    margin: 4,
    color: { dark: '#000000', light: '#ffffff' },
  })
}

export interface IssuedLink {
  tokenId: string
  url: string
  qr: string
}

export async function issuedLink(tracking: { token_id: string; path: string }): Promise<IssuedLink> {
  const url = await absoluteUrl(tracking.path)
  return { tokenId: tracking.token_id, url, qr: await qrSvg(url) }
}
