import fs from 'node:fs'
import path from 'node:path'
import sharp from 'sharp'
import type { CheckVerdict, Clock, ContentCheck, Files, Notification, Notifier, Ports, PushOutcome, QrCodes } from '../../ports/ports'
import { SqliteStore } from './sqlite-store'
import { renderQrPng } from './qr'
import { COLLECTION_SPECS } from '../../features'

/** Files on local disk under DATA_DIR/files, served by the local server at /files/. */
export class LocalFiles implements Files {
  constructor(
    private dir: string,
    private urlBase = '/files/',
  ) {}
  async put(name: string, content: Buffer): Promise<{ fileId: string }> {
    const safe = name.replace(/[^A-Za-z0-9._/-]/g, '_').replace(/\.\.+/g, '.')
    const full = path.join(this.dir, safe)
    fs.mkdirSync(path.dirname(full), { recursive: true })
    fs.writeFileSync(full, content)
    return { fileId: `local://${safe}` }
  }
  /** a document's name rides in the URL: the local server gives it back as Content-Disposition (server.ts) */
  async urls(fileIds: string[], names: Record<string, string> = {}): Promise<Record<string, string>> {
    return Object.fromEntries(
      fileIds.map((id) => [id, this.urlBase + id.replace(/^local:\/\//, '') + (names[id] ? `?name=${encodeURIComponent(names[id])}` : '')]),
    )
  }
  async inspect(fileId: string): Promise<{ size: number; head: Buffer } | null> {
    const tail = fileId.startsWith('local://') ? fileId.slice('local://'.length) : null
    if (!tail || tail.includes('..')) return null
    const full = path.join(this.dir, tail)
    let fd: number
    try {
      fd = fs.openSync(full, 'r')
    } catch {
      return null
    }
    try {
      const { size } = fs.fstatSync(fd)
      const head = Buffer.alloc(Math.min(16, size))
      fs.readSync(fd, head, 0, head.length, 0)
      return { size, head }
    } finally {
      fs.closeSync(fd)
    }
  }
}

/**
 * A stand-in for WeChat's msgSecCheck and imgSecCheck, so that the refusal paths run locally: text
 * with one of a short list of words that the real check refuses too; a photo that is one flat
 * magenta (#ff00ff, a colour no real photo is) — what tests and the demo upload to see a photo
 * refused. A photo not on this disk (a cloud fileId, a test's made-up one) passes: there is nothing
 * here to look at, and in the cloud the real check looks.
 */
export const BLOCKED_WORDS = ['赌博', '六合彩', '代开发票', '枪支', '毒品', '法轮']
/**
 * A blocked word right after one of these (in the same clause) is a prohibition — 严禁赌博, 远离毒品
 * — which every village's rules say and the real check passes; the stand-in passes it too.
 */
const FORBIDDING = /(严禁|禁止|不得|不准|不许|杜绝|拒绝|远离|抵制|打击|反对|戒除|防范|举报)[^，。；！？\n]{0,6}$/
export const REFUSED_IMAGE_COLOUR = { r: 255, g: 0, b: 255 }
export class LocalContentCheck implements ContentCheck {
  /** filesDir: where LocalFiles keeps local:// photos (none: every photo passes) */
  constructor(private filesDir?: string) {}

  async text(content: string): Promise<CheckVerdict> {
    const hit = BLOCKED_WORDS.find((w) => {
      for (let i = content.indexOf(w); i >= 0; i = content.indexOf(w, i + 1)) if (!FORBIDDING.test(content.slice(Math.max(0, i - 12), i))) return true
      return false
    })
    return hit ? { ok: false, reason: `含有违规词「${hit}」` } : { ok: true }
  }

  async image(fileId: string): Promise<CheckVerdict> {
    const tail = fileId.startsWith('local://') ? fileId.slice('local://'.length) : null
    const file = this.filesDir && tail && !tail.includes('..') ? path.join(this.filesDir, tail) : null
    if (!file || !fs.existsSync(file)) return { ok: true }
    const { channels } = await sharp(file).stats()
    const target = [REFUSED_IMAGE_COLOUR.r, REFUSED_IMAGE_COLOUR.g, REFUSED_IMAGE_COLOUR.b]
    // JPEG moves a flat colour by a few levels; a photo has far more spread than this
    const flat = channels.length >= 3 && target.every((v, i) => Math.abs(channels[i].mean - v) < 16 && channels[i].stdev < 16)
    return flat ? { ok: false, reason: '图片含有违规内容' } : { ok: true }
  }
}

/** Locally, a push is kept in memory and, given a file, appended to it as a line of JSON (the crash suite reads it as the phone would). */
export class LocalNotifier implements Notifier {
  readonly sent: Notification[] = []
  constructor(private logFile?: string) {}
  async send(n: Notification): Promise<PushOutcome> {
    if (this.logFile) fs.appendFileSync(this.logFile, `${JSON.stringify(n)}\n`)
    this.sent.push(n)
    if (this.sent.length > 1000) this.sent.shift()
    return 'sent'
  }
}

/** Locally, the village QR code carries an h5 link to the page with the scene. */
export class LocalQrCodes implements QrCodes {
  /** a getter: a server started on port 0 knows its port only once it listens */
  constructor(private baseUrl: string | (() => string)) {}
  async unlimited(scene: string, page: string): Promise<{ contentType: string; buffer: Buffer }> {
    const base = typeof this.baseUrl === 'function' ? this.baseUrl() : this.baseUrl
    const url = `${base}/#/${page}?scene=${encodeURIComponent(scene)}`
    return { contentType: 'image/png', buffer: await renderQrPng(url) }
  }
}

export const systemClock: Clock = { now: () => Date.now() }

export interface LocalPortsOptions {
  dataDir: string
  baseUrl?: string | (() => string)
  clock?: Clock
  /** where pushes are written as lines of JSON (none: memory only) */
  pushLog?: string
  /** the long-running server's: WAL checkpoints on a thread of their own */
  checkpointThread?: boolean
}

export function createLocalPorts(opts: LocalPortsOptions): Ports & { store: SqliteStore; notifier: LocalNotifier } {
  fs.mkdirSync(opts.dataDir, { recursive: true })
  const store = new SqliteStore(path.join(opts.dataDir, 'village-hall.sqlite'))
  if (opts.checkpointThread) store.checkpointOnThread()
  // the indexes each feature declares for its collections
  for (const [collection, spec] of COLLECTION_SPECS) {
    store.ensureIndexes(collection, spec.indexes ?? [])
    if (spec.cached) store.cacheDocuments(collection)
  }
  return {
    store,
    files: new LocalFiles(path.join(opts.dataDir, 'files')),
    contentCheck: new LocalContentCheck(path.join(opts.dataDir, 'files')),
    notifier: new LocalNotifier(opts.pushLog),
    qrCodes: new LocalQrCodes(opts.baseUrl ?? 'http://localhost:10086'),
    clock: opts.clock ?? systemClock,
  }
}
