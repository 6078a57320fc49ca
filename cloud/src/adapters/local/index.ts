import fs from 'node:fs'
import path from 'node:path'
import type { Clock, ContentCheck, Files, Notification, Notifier, Ports, PushOutcome, QrCodes } from '../../ports/ports'
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
  async urls(fileIds: string[]): Promise<Record<string, string>> {
    return Object.fromEntries(fileIds.map((id) => [id, this.urlBase + id.replace(/^local:\/\//, '')]))
  }
}

/**
 * A stand-in for WeChat's msgSecCheck: refuses a short list of words that the real check refuses
 * too, so that the refusal path is exercised locally.
 */
export const BLOCKED_WORDS = ['赌博', '六合彩', '代开发票', '枪支', '毒品', '法轮']
export class LocalContentCheck implements ContentCheck {
  async text(content: string): Promise<{ ok: true } | { ok: false; reason: string }> {
    const hit = BLOCKED_WORDS.find((w) => content.includes(w))
    return hit ? { ok: false, reason: `含有违规词「${hit}」` } : { ok: true }
  }
}

/**
 * Locally, a push is kept in memory and, given a file, appended to it as a line of JSON (the crash
 * suite reads it as the phone would); there, like a push service with idempotency keys, a key it has
 * delivered before is not delivered again.
 */
export class LocalNotifier implements Notifier {
  readonly sent: Notification[] = []
  private keys = new Set<string>()
  constructor(private logFile?: string) {
    if (logFile && fs.existsSync(logFile)) {
      for (const line of fs.readFileSync(logFile, 'utf8').split('\n')) if (line) this.keys.add((JSON.parse(line) as Notification).key)
    }
  }
  async send(n: Notification): Promise<PushOutcome> {
    if (this.logFile) {
      if (this.keys.has(n.key)) return 'sent'
      this.keys.add(n.key)
      fs.appendFileSync(this.logFile, `${JSON.stringify(n)}\n`)
    }
    this.sent.push(n)
    if (this.sent.length > 1000) this.sent.shift()
    return 'sent'
  }
}

/** Locally, the village QR code carries an h5 link to the page with the scene. */
export class LocalQrCodes implements QrCodes {
  constructor(private baseUrl: string) {}
  async unlimited(scene: string, page: string): Promise<{ contentType: string; buffer: Buffer }> {
    const url = `${this.baseUrl}/#/${page}?scene=${encodeURIComponent(scene)}`
    return { contentType: 'image/png', buffer: await renderQrPng(url) }
  }
}

export const systemClock: Clock = { now: () => Date.now() }

export interface LocalPortsOptions {
  dataDir: string
  baseUrl?: string
  clock?: Clock
  /** where pushes are written as lines of JSON (none: memory only) */
  pushLog?: string
}

export function createLocalPorts(opts: LocalPortsOptions): Ports & { store: SqliteStore; notifier: LocalNotifier } {
  fs.mkdirSync(opts.dataDir, { recursive: true })
  const store = new SqliteStore(path.join(opts.dataDir, 'village-hall.sqlite'))
  // the indexes each feature declares for its collections
  for (const [collection, spec] of COLLECTION_SPECS) for (const fields of spec.indexes ?? []) store.ensureIndex(collection, [...fields])
  return {
    store,
    files: new LocalFiles(path.join(opts.dataDir, 'files')),
    contentCheck: new LocalContentCheck(),
    notifier: new LocalNotifier(opts.pushLog),
    qrCodes: new LocalQrCodes(opts.baseUrl ?? 'http://localhost:10086'),
    clock: opts.clock ?? systemClock,
  }
}
