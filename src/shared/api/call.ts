/**
 * The only door to the backend. In WeChat it calls the `api` cloud function (identity comes from
 * WeChat on the server); in the h5 build it posts to the local server's /api/<action>, signed in
 * as the demo identity picked in 我的 (local mode only).
 * The contract is imported for types only: no schema code enters the mini-program.
 *
 * A failure says which of four things happened, because each asks something else of the person:
 * NETWORK (the request never got through: check the signal; a write may be kept and sent later),
 * TIMEOUT (no answer in time: it may or may not have been done), SERVER (the server failed: not their
 * network, try later) and the server's own refusals and reasons (无权限, 已截止, a field…).
 */
import Taro from '@tarojs/taro'
import type { ActionName, ApiErrorBody, ApiResult, InputOf, OutputOf } from '@contract'
import { TRANSPORT_MESSAGES, TransportError, type TransportCode } from './transport-error'

export { TRANSPORT_MESSAGES, TransportError, type TransportCode }

export class CallError extends Error {
  readonly code: ApiErrorBody['code'] | TransportCode
  readonly fields?: Record<string, string>
  constructor(body: ApiErrorBody | { code: TransportCode; message?: string; fields?: undefined }) {
    super(body.message ?? TRANSPORT_MESSAGES[body.code as TransportCode])
    this.code = body.code
    this.fields = body.fields
  }
  /** the request never reached the server: nothing was done, and it can be sent again as it is */
  get offline(): boolean {
    return this.code === 'NETWORK'
  }
}

/** how long a call may take before the person is told so (CloudBase's own limit for a call is longer) */
export const CALL_TIMEOUT_MS = 20_000

let cloudReady = false
/** WeChat only: Taro.cloud is initialised once, before the first call or upload. */
export function ensureCloud(): void {
  if (cloudReady) return
  // replaced at build time (config/index.ts defineConstants); empty means the default environment
  Taro.cloud.init({ env: process.env.TARO_APP_CLOUD_ENV || undefined, traceUser: true })
  cloudReady = true
}

/** WeChat's failure of callFunction: a message like "cloud.callFunction:fail request:fail" or "… timeout" */
export function wxFailureCode(e: unknown): TransportCode {
  const msg = String((e as { errMsg?: string; message?: string })?.errMsg ?? (e as Error)?.message ?? '')
  if (/timeout|超时/i.test(msg)) return 'TIMEOUT'
  if (/request:fail|network|offline|ERR_INTERNET/i.test(msg)) return 'NETWORK'
  // the function itself failed (it crashed, ran out of time on the server, was not deployed)
  return 'SERVER'
}

async function viaCloud(action: string, input: unknown): Promise<ApiResult<unknown>> {
  ensureCloud()
  try {
    const res = await Taro.cloud.callFunction({ name: 'api', data: { action, input } })
    return res.result as ApiResult<unknown>
  } catch (e) {
    throw new TransportError(wxFailureCode(e))
  }
}

type Transport = (action: string, input: unknown) => Promise<ApiResult<unknown>>
let transport: Transport = viaCloud
// a constant condition at build time: webpack drops the branch, so the weapp bundle has no local transport
if (process.env.TARO_ENV === 'h5') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  transport = (require('./local-transport') as typeof import('./local-transport')).viaLocalServer
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TransportError('TIMEOUT')), ms)
  })
  return Promise.race([p, late]).finally(() => clearTimeout(timer))
}

export async function call<A extends ActionName>(action: A, input: InputOf<A>): Promise<OutputOf<A>> {
  let result: ApiResult<unknown>
  try {
    result = await withTimeout(transport(action, input), CALL_TIMEOUT_MS)
  } catch (e) {
    throw new CallError({ code: e instanceof TransportError ? e.code : 'NETWORK' })
  }
  if (!result || typeof result !== 'object' || !('ok' in result)) throw new CallError({ code: 'SERVER' })
  if (!result.ok) throw new CallError(result.error)
  return result.data as OutputOf<A>
}

export function errorMessage(e: unknown): string {
  return e instanceof CallError ? e.message : '出了点问题，请稍后再试'
}
