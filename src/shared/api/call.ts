/**
 * The only door to the backend. In WeChat it calls the `api` cloud function (identity comes from
 * WeChat on the server); in the h5 build it posts to the local server's /api/<action>, signed in
 * as the demo identity picked in 我的 (local mode only).
 * The contract is imported for types only: no schema code enters the mini-program.
 */
import Taro from '@tarojs/taro'
import type { ActionName, ApiErrorBody, ApiResult, InputOf, OutputOf } from '@contract'

export class CallError extends Error {
  readonly code: ApiErrorBody['code'] | 'NETWORK'
  readonly fields?: Record<string, string>
  constructor(body: ApiErrorBody | { code: 'NETWORK'; message: string; fields?: undefined }) {
    super(body.message)
    this.code = body.code
    this.fields = body.fields
  }
}

let cloudReady = false
/** WeChat only: Taro.cloud is initialised once, before the first call or upload. */
export function ensureCloud(): void {
  if (cloudReady) return
  // replaced at build time (config/index.ts defineConstants); empty means the default environment
  Taro.cloud.init({ env: process.env.TARO_APP_CLOUD_ENV || undefined, traceUser: true })
  cloudReady = true
}
async function viaCloud(action: string, input: unknown): Promise<ApiResult<unknown>> {
  ensureCloud()
  const res = await Taro.cloud.callFunction({ name: 'api', data: { action, input } })
  return res.result as ApiResult<unknown>
}

type Transport = (action: string, input: unknown) => Promise<ApiResult<unknown>>
let transport: Transport = viaCloud
// a constant condition at build time: webpack drops the branch, so the weapp bundle has no local transport
if (process.env.TARO_ENV === 'h5') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  transport = (require('./local-transport') as typeof import('./local-transport')).viaLocalServer
}

export async function call<A extends ActionName>(action: A, input: InputOf<A>): Promise<OutputOf<A>> {
  let result: ApiResult<unknown>
  try {
    result = await transport(action, input)
  } catch {
    throw new CallError({ code: 'NETWORK', message: '网络不给力，请检查网络后重试' })
  }
  if (!result || typeof result !== 'object' || !('ok' in result)) throw new CallError({ code: 'NETWORK', message: '服务暂时不可用，请稍后再试' })
  if (!result.ok) throw new CallError(result.error)
  return result.data as OutputOf<A>
}

export function errorMessage(e: unknown): string {
  return e instanceof CallError ? e.message : '出了点问题，请稍后再试'
}
