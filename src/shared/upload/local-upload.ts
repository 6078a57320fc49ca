/** The h5 build's upload: the image (or PDF) bytes to the local server's POST /upload as the demo identity. Never in the weapp bundle. */
import type { ApiResult } from '@contract'
import { CallError } from '../api/call'
import { getDemoOpenid } from '../api/identity'

export async function uploadToLocalServer(villageId: string, localPath: string, kind: 'photo' | 'document' = 'photo'): Promise<string> {
  // chooseImage (and the file input) give a blob: URL in the browser; its blob carries the declared type
  const blob = await (await fetch(localPath)).blob()
  const res = await fetch(`/upload?villageId=${encodeURIComponent(villageId)}${kind === 'document' ? '&kind=document' : ''}`, {
    method: 'POST',
    headers: { 'content-type': blob.type || 'application/octet-stream', 'x-demo-openid': getDemoOpenid() },
    body: blob,
  })
  const result = (await res.json()) as ApiResult<{ fileId: string }>
  if (!result || typeof result !== 'object' || !('ok' in result)) throw new CallError({ code: 'NETWORK', message: '上传失败，请重试' })
  if (!result.ok) throw new CallError(result.error)
  return result.data.fileId
}
