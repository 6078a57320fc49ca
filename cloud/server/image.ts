/**
 * What the local server stores of an uploaded photo: never the sender's bytes, but the image
 * decoded and encoded again with sharp (libvips). That drops everything that is not pixels — EXIF
 * with GPS, comments, and any bytes after the image such as `<html><script>` — applies the EXIF
 * orientation to the pixels, refuses a decompression bomb from its header before decoding, and
 * downscales very large photos. In WeChat the photo goes from the phone straight to CloudBase storage
 * with wx.cloud.uploadFile and this code never sees it; there the image content check
 * (ContentCheck.image) is what stands before others see it.
 */
import sharp, { type Metadata } from 'sharp'
import { PHOTO_EXT, sniffImage, type PhotoType } from '../src/common/photos'

/** More pixels than this is refused unread: 40 MP is above any phone camera (a 48 MP sensor saves 12 MP by default). */
export const MAX_PIXELS = 40_000_000
/** The long edge kept: 2560 px is sharper than any phone screen shows a photo, and about 1 MB as JPEG. */
export const MAX_EDGE = 2560

// libvips keeps recently decoded images in a cache and runs one thread per core for each image:
// a server that only decodes each upload once needs neither, and the cap on concurrent uploads
// then bounds the memory.
sharp.cache(false)
sharp.concurrency(1)

export type Photo = { type: PhotoType; ext: string; content: Buffer; width: number; height: number }

/** The stored photo, or why not: 'not an image' (does not decode as JPEG/PNG/WebP) or 'too many pixels'. */
export async function reencodePhoto(input: Buffer): Promise<Photo | 'not an image' | 'too many pixels'> {
  // the first bytes pick the decoder: only these three are ever reached, never SVG, TIFF or others libvips knows
  const type = sniffImage(input)
  if (!type) return 'not an image'
  let meta: Metadata
  try {
    meta = await sharp(input).metadata()
  } catch {
    return 'not an image'
  }
  if (!meta.width || !meta.height || PHOTO_EXT[`image/${meta.format}` as PhotoType] === undefined) return 'not an image'
  if (meta.width * meta.height > MAX_PIXELS) return 'too many pixels'
  try {
    const image = sharp(input, { limitInputPixels: MAX_PIXELS, failOn: 'error' })
      .autoOrient()
      .resize({ width: MAX_EDGE, height: MAX_EDGE, fit: 'inside', withoutEnlargement: true })
    const encoded =
      type === 'image/jpeg' ? image.jpeg({ quality: 85 }) : type === 'image/png' ? image.png({ compressionLevel: 9 }) : image.webp({ quality: 85 })
    const { data, info } = await encoded.toBuffer({ resolveWithObject: true })
    return { type, ext: PHOTO_EXT[type], content: data, width: info.width, height: info.height }
  } catch {
    return 'not an image'
  }
}
