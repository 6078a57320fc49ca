import QRCode from 'qrcode'

export function renderQrPng(text: string): Promise<Buffer> {
  return QRCode.toBuffer(text, { type: 'png', margin: 2, width: 360, errorCorrectionLevel: 'M' })
}
