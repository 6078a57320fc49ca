import https from 'node:https'
import type { CheckVerdict, ContentCheck, Files, Notification, Notifier, PushOutcome, QrCodes } from '../../ports/ports'
import { errorInfo, type WxCloud } from './types'

/** Cloud storage: `cloud.uploadFile` gives a fileID (cloud://…); `getTempFileURL` turns fileIDs into https URLs. */
export class CloudBaseFiles implements Files {
  constructor(
    private cloud: WxCloud,
    private range: (url: string, bytes: number) => Promise<RangeAnswer> = httpsRange,
  ) {}

  async put(path: string, content: Buffer): Promise<{ fileId: string }> {
    const cloudPath = path.replace(/^\/+/, '').replace(/\.\.+/g, '.')
    const { fileID } = await this.cloud.uploadFile({ cloudPath, fileContent: content })
    return { fileId: fileID }
  }

  /** At most 50 fileIDs per getTempFileURL call; ids that are already URLs pass through. */
  async urls(fileIds: string[]): Promise<Record<string, string>> {
    const out: Record<string, string> = {}
    const cloudIds = [...new Set(fileIds)].filter((id) => {
      if (/^https?:\/\//.test(id)) out[id] = id
      return id.startsWith('cloud://')
    })
    for (let i = 0; i < cloudIds.length; i += 50) {
      const { fileList } = await this.cloud.getTempFileURL({ fileList: cloudIds.slice(i, i + 50) })
      for (const f of fileList ?? []) if (f.status === 0 && f.tempFileURL) out[f.fileID] = f.tempFileURL
    }
    return out
  }

  /**
   * The file's first bytes and its size without downloading it: a temporary URL, then one GET of
   * `Range: bytes=0-15`, whose `Content-Range: bytes 0-15/<size>` tells the size (COS honours Range).
   */
  async inspect(fileId: string): Promise<{ size: number; head: Buffer } | null> {
    if (!fileId.startsWith('cloud://')) return null
    const { fileList } = await this.cloud.getTempFileURL({ fileList: [fileId] })
    const url = fileList?.[0]?.status === 0 ? fileList[0].tempFileURL : ''
    if (!url) return null
    const answer = await this.range(url, 16)
    if (answer.status === 404) return null
    if (answer.status === 200) return { size: answer.body.length, head: answer.body.subarray(0, 16) }
    const size = Number(/\/(\d+)$/.exec(answer.contentRange ?? '')?.[1])
    if (answer.status !== 206 || !Number.isFinite(size)) throw new Error(`storage answered ${answer.status} for the first bytes of ${fileId}`)
    return { size, head: answer.body }
  }
}

export interface RangeAnswer {
  status: number
  contentRange?: string
  body: Buffer
}

/** GET the first `bytes` bytes of url (Range); a server that ignores Range is read to at most 10 MB + 1 byte. */
export function httpsRange(url: string, bytes: number): Promise<RangeAnswer> {
  const cap = 10 * 1024 * 1024 + 1
  return new Promise((resolve, reject) => {
    const req = https.get(url, { timeout: 8000, headers: { range: `bytes=0-${bytes - 1}` } }, (res) => {
      const chunks: Buffer[] = []
      let size = 0
      res.on('data', (c: Buffer) => {
        size += c.length
        if (size <= cap) chunks.push(c)
        else res.destroy()
      })
      const done = () => resolve({ status: res.statusCode ?? 0, contentRange: res.headers['content-range'], body: Buffer.concat(chunks) })
      res.on('end', done)
      res.on('close', done)
      res.on('error', reject)
    })
    req.on('timeout', () => req.destroy(new Error('timed out reading the first bytes of a file')))
    req.on('error', reject)
  })
}

/** msgSecCheck v2 labels (WeChat documentation of security.msgSecCheck) in words a villager understands. */
const LABELS: Record<number, string> = {
  10001: '含有广告内容',
  20001: '含有时政敏感内容',
  20002: '含有色情内容',
  20003: '含有辱骂内容',
  20006: '含有违法犯罪内容',
  20008: '含有欺诈内容',
  20012: '含有低俗内容',
  20013: '含有涉及版权的内容',
  21000: '含有不合规内容',
}

/**
 * WeChat's text check. With the author's openid: version 2 (scene 2 = comment/post), `result.suggest`
 * is 'pass' | 'review' | 'risky' and only 'pass' passes. Without an openid (v2 requires one that
 * opened the mini-program in the last two hours): version 1, which throws errCode 87014 for risky
 * content. Any other failure refuses too: unchecked text must not be shown to others.
 */
export class CloudBaseContentCheck implements ContentCheck {
  constructor(
    private cloud: WxCloud,
    private log: (msg: string, detail?: unknown) => void = (m, d) => console.warn(m, d ?? ''),
    private download: (url: string, max: number) => Promise<Buffer> = httpsGet,
  ) {}

  async text(content: string, openid?: string): Promise<CheckVerdict> {
    if (!content.trim()) return { ok: true }
    try {
      if (openid) {
        const res = await this.cloud.openapi.security.msgSecCheck({ content, version: 2, scene: 2, openid })
        if (res.result?.suggest === 'pass') return { ok: true }
        return { ok: false, reason: LABELS[Number(res.result?.label)] ?? '含有不合规内容' }
      }
      await this.cloud.openapi.security.msgSecCheck({ content })
      return { ok: true }
    } catch (e) {
      const { code } = errorInfo(e)
      if (Number(code) === 87014) return { ok: false, reason: '含有违法违规内容' }
      this.log('[contentCheck] msgSecCheck failed', { errCode: code })
      return { ok: false, reason: '内容检查暂时不可用，请稍后再试' }
    }
  }

  /**
   * WeChat's image check, synchronous: imgSecCheck answers within the action, so a refusal names
   * the field and nothing is saved; mediaCheckAsync (content security 2.0) answers minutes later
   * by a message push, which would need photos held back as 审核中 and a push handler — not done.
   * imgSecCheck takes at most 1 MB and 750 × 1334 px, so storage's image processing (数据万象
   * imageMogr2, appended to the temporary URL) makes a small JPEG copy to send; the photo itself is
   * left as uploaded. A copy that cannot be had or checked refuses: an unchecked photo is not shown.
   */
  async image(fileId: string): Promise<CheckVerdict> {
    try {
      const { fileList } = await this.cloud.getTempFileURL({ fileList: [fileId] })
      const url = fileList?.[0]?.status === 0 ? fileList[0].tempFileURL : ''
      if (!url) return { ok: false, reason: '图片不存在或已过期，请重新上传' }
      const copy = await this.download(`${url}${url.includes('?') ? '&' : '?'}imageMogr2/thumbnail/750x1334/format/jpg/quality/80`, IMG_CHECK_MAX_BYTES)
      await this.cloud.openapi.security.imgSecCheck({ media: { contentType: 'image/jpeg', value: copy } })
      return { ok: true }
    } catch (e) {
      const { code } = errorInfo(e)
      if (Number(code) === 87014) return { ok: false, reason: '图片含有违法违规内容' }
      this.log('[contentCheck] imgSecCheck failed', { errCode: code, error: code === undefined ? String(e) : undefined })
      return { ok: false, reason: '图片检查暂时不可用，请稍后再试' }
    }
  }
}

/** imgSecCheck's limit on the image it is sent */
export const IMG_CHECK_MAX_BYTES = 1024 * 1024

/** GET url into a Buffer of at most max bytes (Node 16 in CloudBase has no fetch). */
export function httpsGet(url: string, max: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const req = https.get(url, { timeout: 8000 }, (res) => {
      if (res.statusCode !== 200) {
        res.resume()
        return reject(new Error(`HTTP ${res.statusCode} for the photo copy`))
      }
      const chunks: Buffer[] = []
      let size = 0
      res.on('data', (c: Buffer) => {
        size += c.length
        if (size > max) {
          req.destroy()
          reject(new Error(`the photo copy is over ${max} bytes (image processing off?)`))
        } else chunks.push(c)
      })
      res.on('end', () => resolve(Buffer.concat(chunks)))
      res.on('error', reject)
    })
    req.on('timeout', () => req.destroy(new Error('timed out fetching the photo copy')))
    req.on('error', reject)
  })
}

/** WeChat's `thing` fields take at most 20 characters. */
export function clip(text: string, max = 20): string {
  const chars = Array.from(text.replace(/\s+/g, ' ').trim())
  return chars.length <= max ? chars.join('') : chars.slice(0, max - 1).join('') + '…'
}

export interface NotifierOptions {
  /** subscribe-message template with thing1 (title) and thing2 (body); nothing is pushed without it */
  templateId?: string
  /** developer | trial | formal (the default on WeChat's side is formal) */
  miniprogramState?: string
  log?: (msg: string, detail?: unknown) => void
}

/**
 * A subscribe message (订阅消息) to the person, when a template is configured and the person has an
 * openid. A refusal (43101: the user has not subscribed, or used up the one-time subscription) is
 * normal and never fails the action: the in-app notification is stored by the domain either way.
 */
export class CloudBaseNotifier implements Notifier {
  constructor(
    private cloud: WxCloud,
    private options: NotifierOptions = {},
  ) {}

  async send(n: Notification): Promise<PushOutcome> {
    const { templateId, miniprogramState } = this.options
    if (!templateId || !n.openid) return 'off'
    try {
      await this.cloud.openapi.subscribeMessage.send({
        touser: n.openid,
        templateId,
        ...(n.page ? { page: n.page.replace(/^\/+/, '') } : {}),
        data: { thing1: { value: clip(n.title) }, thing2: { value: clip(n.body) } },
        ...(miniprogramState ? { miniprogramState } : {}),
      })
      return 'sent'
    } catch (e) {
      const { code } = errorInfo(e)
      // 43101: no consent (or the one-time consent is used up) — normal, and trying again would not help
      if (Number(code) === 43101) return 'not-subscribed'
      const log = this.options.log ?? ((m: string, d?: unknown) => console.warn(m, d ?? ''))
      log('[notifier] subscribeMessage.send failed, will retry', { errCode: code, personId: n.personId })
      throw e
    }
  }
}

/** The mini-program code for a page with a scene (wxacode.getUnlimited: no leading '/', scene ≤ 32 chars). */
export class CloudBaseQrCodes implements QrCodes {
  constructor(
    private cloud: WxCloud,
    private envVersion: string = 'release',
  ) {}

  async unlimited(scene: string, page: string): Promise<{ contentType: string; buffer: Buffer }> {
    const res = await this.cloud.openapi.wxacode.getUnlimited({
      scene,
      page: page.replace(/^\/+/, ''),
      checkPath: false,
      envVersion: this.envVersion,
    })
    return { contentType: res.contentType || 'image/jpeg', buffer: res.buffer }
  }
}
