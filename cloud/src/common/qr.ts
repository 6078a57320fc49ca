/** A poster's code as the client shows it: a mini-program code in the cloud, a QR code of the h5 link locally (the QrCodes port). */
import type { QrCodes } from '../ports/ports'

/** the code that opens `page` with `scene`, as a data: URL an <Image> shows and WeChat saves to the album */
export async function qrDataUrl(qrCodes: QrCodes, scene: string, page: string): Promise<string> {
  const code = await qrCodes.unlimited(scene, page)
  return `data:${code.contentType};base64,${code.buffer.toString('base64')}`
}
