/**
 * Documents (PDF) attached to what the committee publishes. Like photos they go to storage first — the
 * local server's POST /upload?kind=document in h5, CloudBase storage straight from the phone in WeChat —
 * and a handler keeps only fileIds under the village's own documents folder. Whether a file is a PDF is
 * decided by its first bytes (`%PDF-`), never by its name or declared type: the upload route sniffs
 * them, and a handler looks at the stored file again (Files.inspect), because in WeChat the bytes never
 * passed through the upload route. Its size is what storage says, not what the client claims.
 */
import { ApiError } from '../errors'
import type { Files } from '../ports/ports'
import { isVillageFile, storagePath } from './photos'

export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024
export const MAX_DOCUMENT_TEXT = '文件不能超过10MB'
export const NOT_A_PDF = '只支持 PDF 文件'

/** a PDF begins with `%PDF-` (ISO 32000-1, 7.5.2 File Header) */
const PDF_MAGIC = Buffer.from('%PDF-', 'latin1')
export const sniffPdf = (b: Buffer): boolean => b.length >= PDF_MAGIC.length && b.subarray(0, PDF_MAGIC.length).equals(PDF_MAGIC)

/** `villages/<villageId>/documents/<yyyymmdd>/<random>.pdf` (the day in Beijing time). */
export const documentPath = (villageId: string, now: number): string => storagePath(villageId, 'documents', now, 'pdf')

export const isVillageDocument = (villageId: string, fileId: string): boolean => isVillageFile(villageId, 'documents', fileId) && fileId.endsWith('.pdf')

/** an attached document as a document keeps it */
export interface Attachment {
  fileId: string
  /** the name the person saw when picking it (shown, and given to the browser as the download name) */
  name: string
  /** bytes, as storage has it */
  size: number
}

/**
 * The attachments as they will be kept: each must be a stored PDF of the village of at most 10 MB
 * (BAD_INPUT on the `attachments` field otherwise). `kept` are the ones already saved with the document:
 * they were checked then and keep their size without another look at storage.
 */
export async function checkDocuments(files: Files, villageId: string, attachments: Array<{ fileId: string; name: string }>, kept: Attachment[] = []): Promise<Attachment[]> {
  const refuse = (message: string) => new ApiError('BAD_INPUT', message, { attachments: message })
  const known = new Map(kept.map((a) => [a.fileId, a]))
  if (new Set(attachments.map((a) => a.fileId)).size !== attachments.length) throw refuse('同一个附件添加了两次')
  const out: Attachment[] = []
  for (const { fileId, name } of attachments) {
    if (!isVillageDocument(villageId, fileId)) throw refuse('附件无效')
    const old = known.get(fileId)
    if (old) {
      out.push({ ...old, name })
      continue
    }
    const found = await files.inspect(fileId)
    if (!found) throw refuse(`附件「${name}」没有上传成功，请重新添加`)
    if (found.size > MAX_DOCUMENT_BYTES) throw refuse(`附件「${name}」超过10MB`)
    if (!sniffPdf(found.head)) throw refuse(`附件「${name}」不是 PDF 文件`)
    out.push({ fileId, name, size: found.size })
  }
  return out
}
