/**
 * Photos from the phone to storage. In WeChat the mini-program uploads straight to CloudBase storage
 * (`Taro.cloud.uploadFile`) under the village's photo folder and keeps the fileID; the cloud function
 * turns fileIDs into URLs. In the h5 build the image goes to the local server's POST /upload.
 * Either way the result is a fileId that topics.save / topics.addUpdate accept for that village only.
 */
import Taro from '@tarojs/taro'
import { CallError, ensureCloud } from '../api/call'
import { beijing } from '../time'

/** Lets the person pick up to `max` photos (album or camera, compressed); [] when they cancel. */
export async function choosePhotos(max: number): Promise<string[]> {
  if (max <= 0) return []
  try {
    const res = await Taro.chooseImage({ count: Math.min(9, max), sizeType: ['compressed'], sourceType: ['album', 'camera'] })
    return res.tempFilePaths.slice(0, max)
  } catch (e) {
    const msg = String((e as { errMsg?: string } | null)?.errMsg ?? '')
    if (!msg || msg.includes('cancel')) return []
    throw new CallError({ code: 'NETWORK', message: '没能打开相册，请检查权限后重试' })
  }
}

/** `villages/<villageId>/photos/<yyyymmdd>/<random>.<ext>` in CloudBase storage (the day in Beijing time). */
export function cloudPhotoPath(villageId: string, localPath: string, now = Date.now()): string {
  const ext = /\.(png|webp)$/i.exec(localPath)?.[1].toLowerCase() ?? 'jpg'
  const random = `${now.toString(36)}${Math.random().toString(36).slice(2, 10)}`
  return `villages/${villageId}/photos/${beijing(now).format('YYYYMMDD')}/${random}.${ext}`
}

/**
 * WeChat: the photo compressed again on the phone before it goes up (a camera's photo of several MB becomes a few
 * hundred KB, which matters on a village's mobile signal); the picked file as it is when compressing fails.
 */
async function compressed(localPath: string): Promise<string> {
  try {
    return (await Taro.compressImage({ src: localPath, quality: 70 })).tempFilePath || localPath
  } catch {
    return localPath
  }
}

async function viaCloudStorage(villageId: string, localPath: string): Promise<string> {
  ensureCloud()
  const { fileID } = await Taro.cloud.uploadFile({ cloudPath: cloudPhotoPath(villageId, localPath), filePath: await compressed(localPath) })
  if (!fileID) throw new CallError({ code: 'NETWORK', message: '上传失败，请重试' })
  return fileID
}

type Uploader = (villageId: string, localPath: string) => Promise<string>
let uploader: Uploader = viaCloudStorage
// a constant condition at build time: the weapp bundle has no local upload, the h5 bundle no cloud storage call
if (process.env.TARO_ENV === 'h5') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  uploader = (require('./local-upload') as typeof import('./local-upload')).uploadToLocalServer
}

/**
 * Uploads one picked photo (a temp path in WeChat, a blob URL in h5) and gives its fileId.
 * Throws a CallError: BAD_INPUT with the server's reason (图片不能超过5MB…), or NETWORK.
 */
export async function uploadPhoto(villageId: string, localPath: string): Promise<string> {
  try {
    return await uploader(villageId, localPath)
  } catch (e) {
    if (e instanceof CallError) throw e
    throw new CallError({ code: 'NETWORK', message: '上传失败，请重试' })
  }
}
