import type { Store } from './store'

export type { Store, TxStore, Doc, Filter, FindOptions, Patch } from './store'
export { DuplicateIdError, StoreBusyError } from './store'

/** Files: photos, PDF attachments and generated images. `fileId` is what documents keep; `url` is what clients show. */
export interface Files {
  put(path: string, content: Buffer, contentType: string): Promise<{ fileId: string }>
  /**
   * URLs to show or open the files; `names` (fileId -> name) asks that a document be served under that
   * name where storage can (the local server's Content-Disposition), e.g. a PDF attachment
   */
  urls(fileIds: string[], names?: Record<string, string>): Promise<Record<string, string>>
  /** a stored file's size and its first 16 bytes (what it really is), or null when there is none */
  inspect(fileId: string): Promise<{ size: number; head: Buffer } | null>
}

export type CheckVerdict = { ok: true } | { ok: false; reason: string }
/** Text or image check before anyone else sees it (WeChat security.msgSecCheck / imgSecCheck in the cloud). */
export interface ContentCheck {
  text(content: string, openid?: string): Promise<CheckVerdict>
  /** a stored photo by its fileId (cloud:// or local://), before it is shown with a topic or an update */
  image(fileId: string, openid?: string): Promise<CheckVerdict>
}

/** A message to one person: in-app always, and a WeChat subscribe message where they subscribed. */
export interface Notification {
  /** the same for every try of one notice, so that a notifier able to recognise a repeat can skip it */
  key: string
  personId: string
  openid?: string
  villageId: string
  title: string
  body: string
  /** page to open, from pageUrl() in src/routes.ts, e.g. /features/account/pages/requests/index */
  page?: string
}
/**
 * What a push came to: sent; not subscribed (the person gave no consent, or used it up — normal, not
 * retried); off (no template configured or no openid). A failure that may pass (network, WeChat busy)
 * is thrown, and the outbox tries again later.
 */
export type PushOutcome = 'sent' | 'not-subscribed' | 'off'
export interface Notifier {
  send(n: Notification): Promise<PushOutcome>
}

/** The mini-program code that opens a page with a scene (wxacode.getUnlimited in the cloud). */
export interface QrCodes {
  unlimited(scene: string, page: string): Promise<{ contentType: string; buffer: Buffer }>
}

export interface Clock {
  now(): number
}

export interface Ports {
  store: Store
  files: Files
  contentCheck: ContentCheck
  notifier: Notifier
  qrCodes: QrCodes
  clock: Clock
}
