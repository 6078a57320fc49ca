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
      // the chained entries below the cursor, newest first; on the first page the pending ones before them (newer: the
      // job links them within a minute or so), at most a page of them: a backlog longer than that (the job behind) shows
      // its newest page, and the rest once they are linked, numbered. The cursor is a seq, so a later page never repeats
      // an entry linked since the first.
      const { store } = ctx.ports
      const pending = input.before ? [] : await store.find('auditLog', { ...filter, pending: true }, { sort: [['at', 'desc'], ['_id', 'desc']], limit: input.limit })
      // read after the pending ones: an entry linked in between is in both (shown once, pending), never in neither
      const shown = new Set(pending.map((e) => e._id))
      // one more than the page tells whether there is a next page
      const chained = (await store.find('auditLog', { ...filter, seq: { $gt: 0, ...(input.before ? { $lt: input.before } : {}) } }, { sort: [['seq', 'desc']], limit: input.limit + 1 })).filter((e) => !shown.has(e._id))
      const entries = [...pending, ...chained].slice(0, input.limit)
      const next = chained[entries.length - pending.length]
      return { entries, nextCursor: next?.seq !== undefined ? next.seq + 1 : null }
    },
  },

  'audit.actors': {
    access: COMMITTEE_OR_TOWN,
    async handle({ villageId }, ctx) {
      await assertReader(ctx)
      // by time: the pending entries (no seq yet) are the newest
      const recent = await ctx.ports.store.find('auditLog', { villageId }, { sort: [['at', 'desc']], limit: ACTOR_SCAN })
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
      if (check.ok) {
        const waiting = check.pending ? `；另有${check.pending}条刚记录，将在1分钟内入链` : ''
        return { ok: true, count: check.count, pending: check.pending, checkedAt: ctx.now, message: `共${check.count}条记录，逐条核对无误，没有被改动或删除${waiting}` }
      }
      return { ok: false, count: check.count, brokenAt: check.brokenAt, checkedAt: ctx.now, message: `${check.problem}：从第${check.brokenAt}条起记录不完整，请联系镇街核查` }
    },
  },
}
