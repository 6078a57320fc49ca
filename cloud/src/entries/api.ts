import { ApiError, type ApiResult } from '../errors'
import type { Ports } from '../ports/ports'
import { createRouter, type Router } from '../router'

/** What the mini-program sends with `wx.cloud.callFunction({ name: 'api', data: { action, input } })`. */
export interface ApiEvent {
  action?: unknown
  input?: unknown
}

export interface ApiMainDeps {
  /**
   * The caller as WeChat vouches for it (wx-server-sdk's getWXContext). It is the ONLY source of
   * identity: whatever the event carries (openid, OPENID, userInfo, identity…) is ignored.
   */
  getWXContext: () => { OPENID?: unknown } | null | undefined
  /** the ports, or a factory called once, on the first invocation of this instance */
  ports: Ports | (() => Ports)
  /** unexpected errors (the caller only sees INTERNAL); defaults to console.error without input */
  onInternalError?: (action: string, error: unknown) => void
}

export type ApiMain = (event: unknown, context?: unknown) => Promise<ApiResult<unknown>>

const logInternal = (action: string, error: unknown) => console.error(`[api] ${action} failed`, error)

/**
 * The `api` cloud function: event.action + event.input -> router, with the identity from
 * getWXContext. The router is the one the local server uses, without the local-only demo actions.
 */
export function createApiMain(deps: ApiMainDeps): ApiMain {
  const onInternalError = deps.onInternalError ?? logInternal
  let router: Router | null = null
  const getRouter = (): Router => {
    if (!router) {
      const ports = typeof deps.ports === 'function' ? deps.ports() : deps.ports
      router = createRouter(ports, { onInternalError })
    }
    return router
  }

  return async (event) => {
    const e: ApiEvent = event !== null && typeof event === 'object' ? (event as ApiEvent) : {}
    const action = typeof e.action === 'string' ? e.action : ''
    try {
      const openid = deps.getWXContext()?.OPENID
      const identity = (typeof openid === 'string' || typeof openid === 'number') && String(openid) ? { openid: String(openid) } : null
      return await getRouter()(action, e.input, identity)
    } catch (err) {
      onInternalError(action, err)
      return { ok: false, error: new ApiError('INTERNAL').toBody() }
    }
  }
}
