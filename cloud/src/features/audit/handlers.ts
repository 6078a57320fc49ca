import dayjs from 'dayjs'
import type { Handlers, MemberContext } from '../../handler'
import type { Access } from '../../handler'
import { ApiError } from '../../errors'
import type { Filter } from '../../ports/store'
import { TZ, zhCompare } from '../../common/time'
import { verifyChain } from '../../common/audit'
import { getVillage } from '../account/common'
import type { auditActions } from './contract'
import { SYSTEM_ACTOR } from './documents'

/** the committee of the village, and the officers of its town (their membership there says which town) */
const COMMITTEE_OR_TOWN: Access = { kind: 'member', roles: ['committee', 'townOfficer'] }

async function assertReader(ctx: MemberContext): Promise<void> {
  const m = ctx.membership
  if (m.roles.includes('committee')) return
  const village = await getVillage(ctx, m.villageId)
  if (m.townId !== village.townId) throw new ApiError('FORBIDDEN')
}

const dayStart = (day: string) => dayjs.tz(day, TZ).startOf('day').valueOf()

/** enough of the newest entries to name everyone who acts in a village */
const ACTOR_SCAN = 1000

export const auditHandlers: Handlers<typeof auditActions> = {
  'audit.list': {
    access: COMMITTEE_OR_TOWN,
    async handle(input, ctx) {
      await assertReader(ctx)
      const filter: Filter = { villageId: input.villageId }
      if (input.actorId) filter.actorId = input.actorId
      if (input.action) filter.action = input.action
      if (input.targetType) filter.targetType = input.targetType
      if (input.targetId) filter.targetId = input.targetId
      if (input.from || input.to) filter.at = { ...(input.from ? { $gte: dayStart(input.from) } : {}), ...(input.to ? { $lt: dayStart(input.to) + 86_400_000 } : {}) }
      if (input.before) filter.seq = { $lt: input.before }
      // one more than the page tells whether there is a next page
      const found = await ctx.ports.store.find('auditLog', filter, { sort: [['seq', 'desc']], limit: input.limit + 1 })
      const entries = found.slice(0, input.limit)
      return { entries, nextCursor: found.length > input.limit ? entries[entries.length - 1].seq : null }
    },
  },

  'audit.actors': {
    access: COMMITTEE_OR_TOWN,
    async handle({ villageId }, ctx) {
      await assertReader(ctx)
      const recent = await ctx.ports.store.find('auditLog', { villageId }, { sort: [['seq', 'desc']], limit: ACTOR_SCAN })
      const names = new Map<string, string>()
      for (const e of recent) if (!names.has(e.actorId)) names.set(e.actorId, e.actorName)
      return [...names].map(([id, name]) => ({ id, name })).sort((a, b) => Number(a.id === SYSTEM_ACTOR) - Number(b.id === SYSTEM_ACTOR) || zhCompare(a.name, b.name))
    },
  },

  'audit.verify': {
    access: COMMITTEE_OR_TOWN,
    async handle({ villageId }, ctx) {
      await assertReader(ctx)
      const check = await verifyChain(ctx.ports.store, villageId)
      if (check.ok) return { ok: true, count: check.count, checkedAt: ctx.now, message: `共${check.count}条记录，逐条核对无误，没有被改动或删除` }
      return { ok: false, count: check.count, brokenAt: check.brokenAt, checkedAt: ctx.now, message: `${check.problem}：从第${check.brokenAt}条起记录不完整，请联系镇街核查` }
    },
  },
}
