import fs from 'node:fs'
import path from 'node:path'
import type { Clock, ContentCheck, Files, Notification, Notifier, Ports, QrCodes } from '../../ports/ports'
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

/** Locally, pushes are kept in memory (the in-app notification is stored by the domain either way). */
export class LocalNotifier implements Notifier {
  readonly sent: Notification[] = []
  async send(n: Notification): Promise<void> {
    this.sent.push(n)
    if (this.sent.length > 1000) this.sent.shift()
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
    notifier: new LocalNotifier(),
    qrCodes: new LocalQrCodes(opts.baseUrl ?? 'http://localhost:10086'),
    clock: opts.clock ?? systemClock,
  }
}
