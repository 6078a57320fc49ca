/** What a poster's code says, read from its PNG's pixels by a real QR reader (jsqr): the link a phone's camera would open. */
import jsQR from 'jsqr'
import sharp from 'sharp'

/** the text in the QR code of a `data:image/png;base64,…` image; throws when there is none */
export async function qrLinkOf(image: string): Promise<string> {
  if (!image.startsWith('data:image/png;base64,')) throw new Error(`not a PNG data URL: ${image.slice(0, 30)}`)
  const png = Buffer.from(image.slice('data:image/png;base64,'.length), 'base64')
  const { data, info } = await sharp(png).ensureAlpha().raw().toBuffer({ resolveWithObject: true })
  const code = jsQR(new Uint8ClampedArray(data), info.width, info.height)
  if (!code) throw new Error('no QR code found in the image')
  return code.data
}
