/**
 * `POST /upload?villageId=…` on the local server: the h5 build's stand-in for WeChat's
 * `cloud.uploadFile`. The body is the image itself. Who sends it (a signed-in member of the
 * village), how big it says it is (at most 5 MB) and whether an upload slot is free are all
 * decided before a byte of the body is read: a refusal is answered at once with
 * `Connection: close`, so an unwanted body is never held in memory. The image must then decode as
 * a JPEG, PNG or WebP; what is stored is sharp's re-encoding of it (./image.ts). The answer is
 * `{ ok: true, data: { fileId } }`, the fileId then sent with topics.save / addUpdate.
 *
 * `POST /upload?villageId=…&kind=document`: a PDF for a notice's attachments, at most 10 MB, judged the
 * same way before its body is read. It is a PDF when its first bytes are `%PDF-`, whatever its name or
 * declared type; it is stored as sent (a PDF cannot be re-encoded like a photo) and served back as
 * `application/pdf` with nosniff, so a browser never reads it as anything else.
 */
import type http from 'node:http'
import type { ApiResult, ErrorCode } from '../src/errors'
import type { Ports } from '../src/ports/ports'
import { MAX_PHOTO_BYTES, photoPath } from '../src/common/photos'
import { MAX_DOCUMENT_BYTES, MAX_DOCUMENT_TEXT, NOT_A_PDF, documentPath, sniffPdf } from '../src/common/documents'
import { declaredLength, readCapped } from './body'
import { reencodePhoto } from './image'

const DECLARED = new Set(['image/jpeg', 'image/jpg', 'image/png', 'image/webp', 'application/octet-stream', ''])
const DECLARED_DOCUMENT = new Set(['application/pdf', 'application/x-pdf', 'application/octet-stream', ''])

/** what each kind of upload may be: its cap, the declared types let through to the sniffing, and the refusals */
const KINDS = {
  photo: { max: MAX_PHOTO_BYTES, declared: DECLARED, tooLarge: '图片不能超过5MB', wrongType: '只支持 JPG、PNG 图片' },
  document: { max: MAX_DOCUMENT_BYTES, declared: DECLARED_DOCUMENT, tooLarge: MAX_DOCUMENT_TEXT, wrongType: NOT_A_PDF },
} as const

/**
 * Uploads read and decoded at the same time, per server. Beyond it a sender gets 503 BUSY at once
 * rather than a place in a queue: a queued upload would keep its socket and unread body open for
 * as long as it waits, which is what the cap is there to bound; the h5 client sends one photo at a
 * time and can simply try again. It bounds both the bodies held (4 × 5 MB of photos, 4 × 10 MB of PDFs) and libvips' decoding.
 */
export const UPLOAD_SLOTS = 4

export interface UploadAnswer {
  status: number
  body: ApiResult<{ fileId: string }>
  /** the body was not (fully) read: the server answers with `Connection: close` */
  close?: boolean
}

const refuse = (status: number, code: ErrorCode, message: string, close = false): UploadAnswer => ({
  status,
  body: { ok: false, error: { code, message } },
  ...(close ? { close } : {}),
})

export function createUploadHandler(ports: Pick<Ports, 'store' | 'files' | 'clock'>, slots = UPLOAD_SLOTS) {
  let active = 0

  return async function handleUpload(req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<UploadAnswer> {
    const openid = req.headers['x-demo-openid']
    const [person] = typeof openid === 'string' && openid ? await ports.store.find('persons', { openid }, { limit: 1 }) : []
    if (!person) return refuse(401, 'NOT_SIGNED_IN', '请先登录', true)
    const villageId = url.searchParams.get('villageId') ?? ''
    const membership = /^[A-Za-z0-9_-]{1,64}$/.test(villageId) ? await ports.store.get('memberships', `${villageId}:${person._id}`) : null
    if (!membership) return refuse(403, 'FORBIDDEN', '无权限', true)
    const kindName = url.searchParams.get('kind') ?? 'photo'
    if (kindName !== 'photo' && kindName !== 'document') return refuse(400, 'BAD_INPUT', '不支持的上传类型', true)
    const kind = KINDS[kindName]
    if ((declaredLength(req) ?? 0) > kind.max) return refuse(413, 'BAD_INPUT', kind.tooLarge, true)
    const declared = String(req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase()
    if (!kind.declared.has(declared)) return refuse(415, 'BAD_INPUT', kind.wrongType, true)
    if (active >= slots) return refuse(503, 'BUSY', '上传的人太多，请稍后再试', true)

    active++
    try {
      const bytes = await readCapped(req, res, kind.max)
      if (bytes === 'too large') return refuse(413, 'BAD_INPUT', kind.tooLarge, true)
      if (kindName === 'document') {
        if (!sniffPdf(bytes)) return refuse(415, 'BAD_INPUT', NOT_A_PDF)
        const { fileId } = await ports.files.put(documentPath(villageId, ports.clock.now()), bytes, 'application/pdf')
        return { status: 200, body: { ok: true, data: { fileId } } }
      }
      const photo = await reencodePhoto(bytes)
      if (photo === 'too many pixels') return refuse(413, 'BAD_INPUT', '图片尺寸太大，请换一张')
      if (photo === 'not an image') return refuse(415, 'BAD_INPUT', '只支持 JPG、PNG 图片')
      const { fileId } = await ports.files.put(photoPath(villageId, ports.clock.now(), photo.ext), photo.content, photo.type)
      return { status: 200, body: { ok: true, data: { fileId } } }
    } finally {
      active--
    }
  }
}
