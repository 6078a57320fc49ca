import { z } from 'zod'
import { actions, localOnlyActions, type ActionName, type Membership, type Person } from './contract'

type CloudAction = keyof typeof actions
type LocalOnlyAction = keyof typeof localOnlyActions
import { ApiError, type ApiResult } from './errors'
import { chineseErrorMap } from './contract/error-map'

// process-wide, so that a message set in a schema still wins (zod lets a parse-time map override those)
z.setErrorMap(chineseErrorMap)
import type { Context, Handlers, MemberContext } from './handler'
import type { Ports } from './ports/ports'
import { accountHandlers } from './domain/account/handlers'
import { devHandlers } from './domain/dev/handlers'
import { rulesHandlers } from './domain/rules/handlers'
import { deliberationHandlers } from './domain/deliberation/handlers'

export interface Identity {
  openid: string
}

export interface RouterOptions {
  /** the local runtime adds its demo actions; the cloud function never does */
  localOnly?: boolean
  /** called with unexpected errors (which the caller only sees as INTERNAL) */
  onInternalError?: (action: string, error: unknown) => void
}

export type Router = (action: string, payload: unknown, identity: Identity | null) => Promise<ApiResult<unknown>>

function badInput(error: z.ZodError): ApiError {
  const fields: Record<string, string> = {}
  for (const issue of error.issues) {
    const key = issue.path.join('.') || '_'
    fields[key] ??= issue.message
  }
  return new ApiError('BAD_INPUT', Object.values(fields)[0], fields)
}

/** One router for both runtimes: action name -> input schema -> access check -> handler -> typed result or typed error. */
export function createRouter(ports: Ports, options: RouterOptions = {}): Router {
  const defs: Record<string, { input: z.ZodTypeAny }> = options.localOnly ? { ...actions, ...localOnlyActions } : { ...actions }
  // typed as complete maps: an action in the contract without its handler does not compile
  const features: Handlers<CloudAction> = { ...accountHandlers, ...rulesHandlers, ...deliberationHandlers }
  const local: Handlers<LocalOnlyAction> = devHandlers
  const handlers: Partial<Handlers> = options.localOnly ? { ...features, ...local } : features

  return async (action, payload, identity) => {
    try {
      const def = Object.prototype.hasOwnProperty.call(defs, action) ? defs[action] : undefined
      const handler = handlers[action as ActionName]
      if (!def || !handler) throw new ApiError('UNKNOWN_ACTION')
      const parsed = def.input.safeParse(payload ?? {})
      if (!parsed.success) throw badInput(parsed.error)
      const input = parsed.data as Record<string, unknown>
      if (!identity?.openid) throw new ApiError('NOT_SIGNED_IN')

      const [person] = await ports.store.find<Person & { _id: string }>('persons', { openid: identity.openid }, { limit: 1 })
      const ctx: Context = { ports, openid: identity.openid, now: ports.clock.now(), person: person ?? null, membership: null }
      const access = handler.access
      if (access.kind !== 'anyone' && !ctx.person) throw new ApiError('NOT_SIGNED_IN', '请先申请加入您所在的村（社区）')
      if (access.kind === 'member') {
        const villageId = input.villageId
        if (typeof villageId !== 'string') throw new ApiError('BAD_INPUT', '缺少村（社区）')
        const membership = await ports.store.get<Membership>('memberships', `${villageId}:${ctx.person!._id}`)
        if (!membership) throw new ApiError('NOT_MEMBER')
        if (access.roles && !access.roles.some((r) => membership.roles.includes(r))) throw new ApiError('FORBIDDEN')
        ctx.membership = membership
      }
      const data = await (handler.handle as (i: unknown, c: MemberContext) => Promise<unknown>)(input, ctx as MemberContext)
      return { ok: true, data }
    } catch (e) {
      if (e instanceof ApiError) return { ok: false, error: e.toBody() }
      options.onInternalError?.(action, e)
      return { ok: false, error: new ApiError('INTERNAL').toBody() }
    }
  }
}
