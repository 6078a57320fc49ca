/**
 * The village register (村民户籍) the quorum stands on: households with their 户主 and exactly one
 * 户代表, the grid each belongs to, and memberships that end (moved away, deceased) — each change
 * by the committee, audited with the change. Grid workers see the households of their grids.
 */
import type { HouseholdView, registerActions } from './contract'
import type { Household, Membership } from './documents'
import { wordsOf } from './common'
import { ApiError } from '../../errors'
import { ACCESS, type Handlers, type MemberContext } from '../../handler'
import type { TxStore } from '../../ports/store'
import { audit } from '../../common/audit'
import { getInVillage } from '../../common/load'
import { checkText } from '../../common/content'
import { isCommittee } from './policy'
import { countMember, moveHouseholdCounts } from './residents'

function viewOf(h: Household, members: Membership[], gridName: string): HouseholdView {
  const rep = members.find((m) => m.personId === h.repPersonId)
  return {
    id: h._id,
    doorplate: h.doorplate,
    gridId: h.gridId,
    gridName,
    headName: h.headName,
    rep: rep ? { personId: rep.personId, name: rep.name } : null,
    members: members.map((m) => ({ personId: m.personId, name: m.name, relation: m.relation, roles: m.roles })),
    canVote: !!rep,
  }
}

async function householdView(ctx: MemberContext, householdId: string): Promise<HouseholdView> {
  const { store } = ctx.ports
  const villageId = ctx.membership.villageId
  const h = await getInVillage(store, 'households', householdId, villageId, '找不到该户')
  const [members, grid] = await Promise.all([store.find('memberships', { villageId, householdId }), h.gridId ? store.get('grids', h.gridId) : Promise.resolve(null)])
  return viewOf(h, members, grid?.name ?? '未分网格')
}

/** A member of this household, read in the transaction. */
async function memberOf(tx: Pick<TxStore, 'get'>, villageId: string, householdId: string, personId: string): Promise<Membership> {
  const m = await tx.get('memberships', `${villageId}:${personId}`)
  if (!m || m.householdId !== householdId) throw new ApiError('BAD_INPUT', '此人不是该户成员', { personId: '此人不是该户成员' })
  return m
}

const withoutRep = (roles: Membership['roles']) => roles.filter((r) => r !== 'householdRep')

export const registerHandlers: Handlers<typeof registerActions> = {
  'register.households': {
    access: ACCESS.committeeOrGrid,
    async handle({ villageId }, ctx) {
      const { store } = ctx.ports
      const [households, members, grids] = await Promise.all([
        store.find('households', { villageId }, { sort: [['doorplate', 'asc']] }),
        store.find('memberships', { villageId }),
        store.find('grids', { villageId }, { sort: [['_id', 'asc']] }),
      ])
      const mine = isCommittee(ctx.membership) ? null : new Set(ctx.membership.gridIds)
      const gridName = new Map(grids.map((g) => [g._id, g.name]))
      return {
        households: households
          .filter((h) => !mine || (h.gridId !== null && mine.has(h.gridId)))
          .map((h) => viewOf(h, members.filter((m) => m.householdId === h._id), (h.gridId && gridName.get(h.gridId)) || '未分网格')),
        grids: grids.map((g) => ({ id: g._id, name: g.name })),
      }
    },
  },

  'register.setRep': {
    access: ACCESS.committee,
    async handle({ villageId, householdId, personId }, ctx) {
      await ctx.ports.store.transaction(async (tx) => {
        const h = await getInVillage(tx, 'households', householdId, villageId, '找不到该户')
        const next = await memberOf(tx, villageId, householdId, personId)
        if (h.repPersonId === personId) throw new ApiError('CONFLICT', `${next.name}已是该户的户代表`)
        if (h.repPersonId) {
          const prev = await tx.get('memberships', `${villageId}:${h.repPersonId}`)
          if (prev) await tx.update('memberships', prev._id, { set: { roles: withoutRep(prev.roles) } })
        }
        await tx.update('memberships', next._id, { set: { roles: [...withoutRep(next.roles), 'householdRep'] } })
        await tx.update('households', householdId, { set: { repPersonId: personId } })
        await audit(ctx, 'register.setRep', { type: 'household', id: householdId, label: `${h.doorplate}：户代表改为${next.name}` }, null, tx)
      })
      return householdView(ctx, householdId)
    },
  },

  'register.setHead': {
    access: ACCESS.committee,
    async handle({ villageId, householdId, personId }, ctx) {
      const { store } = ctx.ports
      const others = await store.find('memberships', { villageId, householdId, relation: '户主' })
      await store.transaction(async (tx) => {
        const h = await getInVillage(tx, 'households', householdId, villageId, '找不到该户')
        const head = await memberOf(tx, villageId, householdId, personId)
        for (const o of others) if (o.personId !== personId) await tx.update('memberships', o._id, { set: { relation: '其他亲属' } })
        await tx.update('memberships', head._id, { set: { relation: '户主' } })
        await tx.update('households', householdId, { set: { headName: head.name } })
        await audit(ctx, 'register.setHead', { type: 'household', id: householdId, label: `${h.doorplate}：户主改为${head.name}` }, null, tx)
      })
      return householdView(ctx, householdId)
    },
  },

  'register.moveHousehold': {
    access: ACCESS.committee,
    async handle({ villageId, householdId, gridId }, ctx) {
      const { store } = ctx.ports
      const grid = await getInVillage(store, 'grids', gridId, villageId, '找不到该网格')
      const h = await getInVillage(store, 'households', householdId, villageId, '找不到该户')
      if (h.gridId === gridId) throw new ApiError('CONFLICT', `该户已在${grid.name}`)
      await store.transaction(async (tx) => {
        // the household's residents and agreements move to the grid's counters with it
        const [village, fresh] = await Promise.all([tx.get('villages', villageId), tx.get('households', householdId)])
        await moveHouseholdCounts(tx, village!, fresh!, gridId)
        await tx.update('households', householdId, { set: { gridId } })
        await audit(ctx, 'register.moveHousehold', { type: 'household', id: householdId, label: `${h.doorplate}：划入${grid.name}` }, null, tx)
      })
      return householdView(ctx, householdId)
    },
  },

  'register.endMembership': {
    access: ACCESS.committee,
    async handle({ villageId, personId, why, reason }, ctx) {
      const words = await wordsOf(ctx, villageId)
      if (personId === ctx.person._id) throw new ApiError('FORBIDDEN', `不能注销自己的成员身份，请由其他${words.committee}成员办理`)
      // the audit log that the committee and the town read keeps the reason
      await checkText(ctx, { reason })
      await ctx.ports.store.transaction(async (tx) => {
        const m = await getInVillage(tx, 'memberships', `${villageId}:${personId}`, villageId, `该${words.people}不是${words.here}成员`)
        const h = m.householdId ? await tx.get('households', m.householdId) : null
        // a household whose representative leaves has none until the committee names the next
        if (h && h.repPersonId === personId) await tx.update('households', h._id, { set: { repPersonId: null } })
        await countMember(tx, (await tx.get('villages', villageId))!, m, h, -1)
        await tx.remove('memberships', m._id)
        await audit(ctx, 'register.endMembership', { type: 'membership', id: m._id, label: `${m.name}${h ? `（${h.doorplate}）` : ''}` }, `${why}：${reason}`, tx)
      })
      return { ended: true as const }
    },
  },
}
