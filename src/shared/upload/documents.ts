/**
 * PDF attachments: uploading a picked PDF (CloudBase storage in WeChat, the local server's
 * POST /upload?kind=document in h5) to a fileId under the village's documents folder, and opening one.
 * The server checks what was uploaded (its first bytes, its size) before a notice keeps it.
 */
import Taro from '@tarojs/taro'
import { CallError, ensureCloud } from '../api/call'
import { beijing } from '../time'

/** the server's limit too (cloud/src/common/documents.ts): refused here before a byte goes up */
export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024

/** `villages/<villageId>/documents/<yyyymmdd>/<random>.pdf` in CloudBase storage (the day in Beijing time). */
export function cloudDocumentPath(villageId: string, now = Date.now()): string {
  const random = `${now.toString(36)}${Math.random().toString(36).slice(2, 10)}`
  return `villages/${villageId}/documents/${beijing(now).format('YYYYMMDD')}/${random}.pdf`
}

async function viaCloudStorage(villageId: string, localPath: string): Promise<string> {
  ensureCloud()
  const { fileID } = await Taro.cloud.uploadFile({ cloudPath: cloudDocumentPath(villageId), filePath: localPath })
  if (!fileID) throw new CallError({ code: 'NETWORK', message: '上传失败，请重试' })
  return fileID
}

type Uploader = (villageId: string, localPath: string) => Promise<string>
let uploader: Uploader = viaCloudStorage
let open = async (url: string): Promise<void> => {
  // WeChat opens a document from a local file: download it, then its own viewer
  const { tempFilePath, statusCode } = await Taro.downloadFile({ url })
  if (statusCode !== 200) throw new Error(`download ${statusCode}`)
  await Taro.openDocument({ filePath: tempFilePath, fileType: 'pdf', showMenu: true })
}
// a constant condition at build time: the weapp bundle has no local upload, the h5 bundle no cloud storage call
if (process.env.TARO_ENV === 'h5') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const local = require('./local-upload') as typeof import('./local-upload')
  uploader = (villageId, localPath) => local.uploadToLocalServer(villageId, localPath, 'document')
  // the browser's own PDF viewer, in a new tab (the server serves it inline under its name)
  open = async (url) => void window.open(url, '_blank', 'noopener')
}

/** Uploads a picked PDF and gives its fileId. Throws a CallError: BAD_INPUT with the server's reason (只支持 PDF 文件…), or NETWORK. */
export async function uploadDocument(villageId: string, localPath: string): Promise<string> {
  try {
    return await uploader(villageId, localPath)
  } catch (e) {
    if (e instanceof CallError) throw e
    throw new CallError({ code: 'NETWORK', message: '上传失败，请重试' })
  }
}

/** Opens an attachment's URL: WeChat's document viewer, or the browser's in a new tab. */
export async function openDocument(url: string): Promise<void> {
  try {
    await open(url)
  } catch {
    void Taro.showToast({ title: '文件打开失败，请稍后再试', icon: 'none' })
  }
}

/** 1.2 MB, 36 KB: what a person reads beside an attachment's name */
export function fileSizeText(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`
  return `${Math.max(1, Math.round(bytes / 1024))} KB`
}
