/**
 * Residents' photos: where a village's photos live in storage, whether a fileId is one of them, and
 * what an uploaded image really is. The client uploads (CloudBase storage in WeChat, the local
 * server in h5) and sends fileIds; a handler keeps only fileIds under the village's own folder, so a
 * topic can never show another village's pictures or a file that was not uploaded as a photo.
 */
import { ApiError } from '../errors'

export const MAX_PHOTO_BYTES = 5 * 1024 * 1024

export type PhotoType = 'image/jpeg' | 'image/png' | 'image/webp'
export const PHOTO_EXT: Record<PhotoType, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp' }

/** The image type by its first bytes (never by what the sender claims), or null. */
export function sniffImage(b: Buffer): PhotoType | null {
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg'
  if (b.length >= 8 && b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png'
  if (b.length >= 12 && b.toString('latin1', 0, 4) === 'RIFF' && b.toString('latin1', 8, 12) === 'WEBP') return 'image/webp'
  return null
}

/** `villages/<villageId>/<folder>/<yyyymmdd>/<random>.<ext>` (the day in Beijing time). */
export function storagePath(villageId: string, folder: string, now: number, ext: string): string {
  const day = new Date(now + 8 * 3600 * 1000).toISOString().slice(0, 10).replace(/-/g, '')
  const random = `${now.toString(36)}${Math.random().toString(36).slice(2, 10)}`
  return `villages/${villageId}/${folder}/${day}/${random}.${ext}`
}

/** `villages/<villageId>/photos/<yyyymmdd>/<random>.<ext>` (the day in Beijing time). */
export const photoPath = (villageId: string, now: number, ext: string): string => storagePath(villageId, 'photos', now, ext)

/** a name in storage: letters, digits, dot, dash, underscore; never `..` */
const SAFE_TAIL = /^[A-Za-z0-9_-][A-Za-z0-9._-]*(\/[A-Za-z0-9_-][A-Za-z0-9._-]*)*$/

/**
 * Whether fileId is a file in one of this village's folders: locally `local://villages/<id>/<folder>/…`,
 * in the cloud a CloudBase fileID `cloud://<env>.<bucket>/villages/<id>/<folder>/…`.
 */
export function isVillageFile(villageId: string, folderName: string, fileId: string): boolean {
  const folder = `villages/${villageId}/${folderName}/`
  let tail: string | null = null
  if (fileId.startsWith(`local://${folder}`)) tail = fileId.slice(`local://${folder}`.length)
  else {
    const cloud = /^cloud:\/\/[A-Za-z0-9._-]+\/(.*)$/.exec(fileId)
    if (cloud && cloud[1].startsWith(folder)) tail = cloud[1].slice(folder.length)
  }
  return tail !== null && !tail.includes('..') && SAFE_TAIL.test(tail)
}

/** Whether fileId is a photo of this village (its photos folder). */
export const isVillagePhoto = (villageId: string, fileId: string): boolean => isVillageFile(villageId, 'photos', fileId)

/** Refuses (BAD_INPUT 照片无效) any fileId that is not one of the village's photos. */
export function checkPhotos(villageId: string, fileIds: string[]): void {
  if (fileIds.some((id) => !isVillagePhoto(villageId, id))) throw new ApiError('BAD_INPUT', '照片无效', { photos: '照片无效' })
}
