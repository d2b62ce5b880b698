import QRCode from 'qrcode'

/**
 * A badge's QR code as an SVG string, rendered on the server (no script on the print page).
 * Error correction M survives a scuffed, laminated card; the quiet zone is the spec's 4 modules.
 */
export async function badgeQrSvg(badgeCode: string): Promise<string> {
  return QRCode.toString(badgeCode, {
    type: 'svg',
    errorCorrectionLevel: 'M',
    margin: 4,
    color: { dark: '#000000', light: '#ffffff' },
  })
}
