/**
 * The part of wx-server-sdk (3.x) that the CloudBase adapters use. The SDK ships no usable
 * typings, so this is written from its source (node_modules/wx-server-sdk/index.js and
 * @cloudbase/database); it is deliberately loose where the SDK is.
 */

/** A query or update command built with `db.command` (`_`). Opaque to us. */
export interface WxCommandValue {
  and(...others: WxCommandValue[]): WxCommandValue
}

export interface WxCommand {
  in(values: unknown[]): WxCommandValue
  neq(value: unknown): WxCommandValue
  gt(value: unknown): WxCommandValue
  gte(value: unknown): WxCommandValue
  lt(value: unknown): WxCommandValue
  lte(value: unknown): WxCommandValue
  exists(flag: boolean): WxCommandValue
  /** update: add n (a missing field counts as 0) */
  inc(n: number): unknown
  /** update: replace the field with the value as is (no merge of objects) */
  set(value: unknown): unknown
  /** update: remove the field ($unset) */
  remove(): unknown
  /** update: append the values to an array ($push with $each) */
  push(values: unknown[]): unknown
  /** update: remove the array's elements equal to the value ($pull) */
  pull(value: unknown): unknown
  /** query: all / any of the conditions (top-level where) */
  and(...conditions: Array<Record<string, unknown>>): Record<string, unknown>
  or(...conditions: Array<Record<string, unknown>>): Record<string, unknown>
}

export interface WxQuery {
  where(condition: Record<string, unknown>): WxQuery
  orderBy(field: string, direction: 'asc' | 'desc'): WxQuery
  skip(n: number): WxQuery
  limit(n: number): WxQuery
  get(): Promise<{ data: unknown[] }>
  count(): Promise<{ total: number }>
  /** `stats.updated` counts documents actually modified (MongoDB nModified), not matched */
  update(options: { data: Record<string, unknown> }): Promise<{ stats: { updated: number } }>
  remove(): Promise<{ stats: { removed: number } }>
}

/** An aggregation pipeline (collection.aggregate()): `end` runs it, one request; without a `limit` stage it answers 20 documents. */
export interface WxAggregate {
  match(condition: Record<string, unknown>): WxAggregate
  group(spec: Record<string, unknown>): WxAggregate
  limit(n: number): WxAggregate
  /** wx-server-sdk answers the documents as `list` (not `data`, as get does) */
  end(): Promise<{ list: unknown[] }>
}

export interface WxDocumentRef {
  /** with `throwOnNotFound: false` a missing document gives `{ data: null }` */
  get(): Promise<{ data: unknown }>
  update(options: { data: Record<string, unknown> }): Promise<{ stats: { updated: number } }>
  remove(): Promise<{ stats: { removed: number } }>
}

export interface WxCollection extends WxQuery {
  doc(id: string): WxDocumentRef
  aggregate(): WxAggregate
  /** an array of documents is one request (wx-server-sdk answers `_ids`) */
  add(options: { data: Record<string, unknown> | Array<Record<string, unknown>> }): Promise<{ _id?: string; _ids?: string[] }>
}

export interface WxTransaction {
  collection(name: string): WxCollection
}

export interface WxDatabase {
  command: WxCommand
  /** a regular-expression condition (db.RegExp) */
  RegExp(options: { regexp: string; options?: string }): unknown
  collection(name: string): WxCollection
  /** retries the callback on DATABASE_TRANSACTION_CONFLICT; a throw rolls back and is rethrown */
  runTransaction<R>(fn: (t: WxTransaction) => Promise<R>, retries?: number): Promise<R>
  createCollection(name: string): Promise<unknown>
}

export interface WxContext {
  OPENID?: string
  APPID?: string
  UNIONID?: string
  ENV?: string
}

export interface WxOpenApi {
  security: {
    msgSecCheck(params: {
      content: string
      version?: 2
      scene?: 1 | 2 | 3 | 4
      openid?: string
    }): Promise<{ result?: { suggest?: string; label?: number }; detail?: unknown }>
    /** throws errCode 87014 for a risky image; at most 1 MB, 750 × 1334 px */
    imgSecCheck(params: { media: { contentType: string; value: Buffer } }): Promise<{ errCode?: number; errMsg?: string }>
  }
  subscribeMessage: {
    send(params: {
      touser: string
      templateId: string
      page?: string
      data: Record<string, { value: string }>
      miniprogramState?: string
    }): Promise<unknown>
  }
  wxacode: {
    getUnlimited(params: {
      scene: string
      page?: string
      checkPath?: boolean
      envVersion?: string
      width?: number
    }): Promise<{ contentType: string; buffer: Buffer }>
  }
}

export interface WxCloud {
  DYNAMIC_CURRENT_ENV: unknown
  init(config?: Record<string, unknown>): void
  database(config?: { env?: unknown; throwOnNotFound?: boolean }): WxDatabase
  getWXContext(): WxContext
  uploadFile(params: { cloudPath: string; fileContent: Buffer }): Promise<{ fileID: string }>
  getTempFileURL(params: {
    fileList: string[]
  }): Promise<{ fileList: Array<{ fileID: string; tempFileURL: string; status: number; errMsg?: string }> }>
  openapi: WxOpenApi
}

/** An error as wx-server-sdk throws it: `errCode` (number) and `errMsg`, sometimes `code` (string) from CloudBase. */
export interface WxError {
  errCode?: number | string
  errMsg?: string
  code?: number | string
  message?: string
}

export function errorInfo(e: unknown): { code: number | string | undefined; text: string } {
  if (typeof e === 'string') return { code: undefined, text: e }
  const err = (e ?? {}) as WxError
  return {
    code: err.errCode ?? err.code,
    text: `${err.code ?? ''} ${err.errMsg ?? ''} ${err.message ?? ''}`,
  }
}
