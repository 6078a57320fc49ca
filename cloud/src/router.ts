import { z } from 'zod'
import { ApiError, type ApiResult } from './errors'
import { chineseErrorMap } from './contract/error-map'
import type { Context, Handler, MemberContext } from './handler'
import type { ActionDef } from './contract/action'
import type { Ports } from './ports/ports'
import type { Person } from './features/account/documents'
import { FEATURES } from './features'
import { cleanStrings } from './common/text'
import { withRateLimit } from './common/rate-limit'

// process-wide, so that a message set in a schema still wins (zod lets a parse-time map override those)
z.setErrorMap(chineseErrorMap)

/** how many callers' person ids a router remembers (about 100 bytes each) */
const KNOWN_CALLERS = 20_000

type Route = { def: ActionDef<z.ZodTypeAny, unknown>; handler: Handler<ActionDef<z.ZodTypeAny, unknown>>; localOnly: boolean }

/** Every action of every feature, by name; two features defining one name is a start-up error. */
function routeTable(): Map<string, Route> {
  const table = new Map<string, Route>()
  for (const f of FEATURES) {
    const handlers = f.handlers as Record<string, Handler<ActionDef<z.ZodTypeAny, unknown>>>
    for (const [name, def] of Object.entries(f.actions)) {
      if (table.has(name)) throw new Error(`action ${name} is defined twice (feature ${f.name})`)
      table.set(name, { def, handler: handlers[name], localOnly: f.localOnly === true })
    }
  }
  return table
}

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
  // each feature's handlers are typed complete against its actions (a missing handler does not compile)
  const routes = routeTable()

  // openid → person id of recent callers: a hint only. The person is read by id (a primary-key read instead of a
  // search of the openid index, a quarter of a ballot's time in SQLite) and kept only if it still has this openid
  // (an erased account has none); a miss, or a hint gone stale, searches by openid as before.
  const knownCallers = new Map<string, string>()
  const callerOf = async (openid: string): Promise<Person | null> => {
    const hint = knownCallers.get(openid)
    const byHint = hint === undefined ? null : await ports.store.get('persons', hint)
    if (byHint && byHint.openid === openid) return byHint
    const [person] = await ports.store.find('persons', { openid }, { limit: 1 })
    knownCallers.delete(openid)
    if (person) {
      if (knownCallers.size >= KNOWN_CALLERS) knownCallers.delete(knownCallers.keys().next().value!)
      knownCallers.set(openid, person._id)
    }
    return person ?? null
  }

  return async (action, payload, identity) => {
    try {
      const route = routes.get(action)
      if (!route || (route.localOnly && !options.localOnly)) throw new ApiError('UNKNOWN_ACTION')
      const { def, handler } = route
      const parsed = def.input.safeParse(cleanStrings(payload ?? {}))
      if (!parsed.success) throw badInput(parsed.error)
      const input = parsed.data as Record<string, unknown>
      if (!identity?.openid) throw new ApiError('NOT_SIGNED_IN')

      const person = await callerOf(identity.openid)
      const ctx: Context = { ports, openid: identity.openid, now: ports.clock.now(), person, membership: null }
      const access = handler.access
      if (access.kind !== 'anyone' && !ctx.person) throw new ApiError('NOT_SIGNED_IN', '请先申请加入您所在的村（社区）')
      if (access.kind === 'member') {
        const villageId = input.villageId
        if (typeof villageId !== 'string') throw new ApiError('BAD_INPUT', '缺少村（社区）')
        const membership = await ports.store.get('memberships', `${villageId}:${ctx.person!._id}`)
        if (!membership) throw new ApiError('NOT_MEMBER')
        if (access.roles && !access.roles.some((r) => membership.roles.includes(r))) throw new ApiError('FORBIDDEN')
        ctx.membership = membership
      }
      // per-person limits (common/rate-limit.ts) on writes others read: only those the caller may make count
      const data = await withRateLimit(ports.store, action, ctx.openid, ctx.now, () => handler.handle(input, ctx as MemberContext))
      return { ok: true, data }
    } catch (e) {
      if (e instanceof ApiError) return { ok: false, error: e.toBody() }
      options.onInternalError?.(action, e)
      return { ok: false, error: new ApiError('INTERNAL').toBody() }
    }
  }
}
