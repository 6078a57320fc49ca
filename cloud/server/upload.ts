/**
 * `POST /upload?villageId=…` on the local server: the h5 build's stand-in for WeChat's
 * `cloud.uploadFile`. The body is the image itself. Only a signed-in member of the village may
 * upload; the image must really be a JPEG, PNG or WebP (by its first bytes) of at most 5 MB. The
 * answer is `{ ok: true, data: { fileId } }`, the fileId then sent with topics.save / addUpdate.
 */
import type http from 'node:http'
import type { ApiResult } from '../src/errors'
import type { Ports } from '../src/ports/ports'
import { MAX_PHOTO_BYTES, PHOTO_EXT, photoPath, sniffImage } from '../src/common/photos'

const DECLARED = new Set(['image/jpeg', 'image/jpg', 'image/png', 'image/webp', 'application/octet-stream', ''])
/** past this a sender is cut off instead of drained */
const DRAIN_LIMIT = 4 * MAX_PHOTO_BYTES

/** Reads the whole body (so that the answer reaches the sender), keeping it only up to max bytes. */
function readImage(req: http.IncomingMessage, max: number): Promise<Buffer | 'too large'> {
  return new Promise((resolve, reject) => {
    let size = 0
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => {
      size += c.length
      if (size <= max) chunks.push(c)
      else if (size > DRAIN_LIMIT) {
        resolve('too large')
        req.destroy()
      }
    })
    req.on('end', () => resolve(size > max ? 'too large' : Buffer.concat(chunks)))
    req.on('error', reject)
  })
}

const refuse = (status: number, code: 'NOT_SIGNED_IN' | 'FORBIDDEN' | 'BAD_INPUT', message: string) => ({
  status,
  body: { ok: false, error: { code, message } } as ApiResult<never>,
})

export async function handleUpload(
  req: http.IncomingMessage,
  url: URL,
  ports: Pick<Ports, 'store' | 'files' | 'clock'>,
): Promise<{ status: number; body: ApiResult<{ fileId: string }> }> {
  const declaredTooLarge = Number(req.headers['content-length'] ?? 0) > MAX_PHOTO_BYTES
  const image = await readImage(req, MAX_PHOTO_BYTES)

  const openid = req.headers['x-demo-openid']
  const [person] = typeof openid === 'string' && openid ? await ports.store.find('persons', { openid }, { limit: 1 }) : []
  if (!person) return refuse(401, 'NOT_SIGNED_IN', '请先登录')
  const villageId = url.searchParams.get('villageId') ?? ''
  const membership = /^[A-Za-z0-9_-]{1,64}$/.test(villageId) ? await ports.store.get('memberships', `${villageId}:${person._id}`) : null
  if (!membership) return refuse(403, 'FORBIDDEN', '无权限')

  if (declaredTooLarge || image === 'too large') return refuse(413, 'BAD_INPUT', '图片不能超过5MB')
  const declared = String(req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase()
  const type = sniffImage(image)
  if (!DECLARED.has(declared) || !type) return refuse(415, 'BAD_INPUT', '只支持 JPG、PNG 图片')

  const { fileId } = await ports.files.put(photoPath(villageId, ports.clock.now(), PHOTO_EXT[type]), image, type)
  return { status: 200, body: { ok: true, data: { fileId } } }
}
