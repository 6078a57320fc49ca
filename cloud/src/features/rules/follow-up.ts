/** The committee and grid workers follow up who has not agreed yet, by grid, and export CSV. */
import type { followUpActions } from './contract'
import type { Village } from '../account/documents'
import { rulesWord } from './documents'
import type { RulesFollowUp } from './contract'
import { ApiError } from '../../errors'
import { ACCESS, type Handlers, type MemberContext } from '../../handler'
import { getVillage } from '../account/common'
import { audit } from '../../common/audit'
import { isCommittee } from '../account/policy'
import { agreementsCsv, followUpCsv } from './csv'
import { followUpGroups, versionLabel, type LatestAgreement } from './policy'
import { shanghaiDay } from '../../common/time'
import { getInVillage } from '../../common/load'
import { currentOf, defaultTitle, versionIdOf } from './versions'

/** Everything the follow-up needs: the current version, residents, households, grids and every agreement. */
async function followUpData(ctx: MemberContext, villageId: string, onlyGrids: ReadonlySet<string> | null): Promise<{ village: Village; followUp: RulesFollowUp }> {
  const { store } = ctx.ports
  const village = await getVillage(ctx, villageId)
  const current = currentOf(village)
  if (!current) return { village, followUp: { version: null, grids: [], totals: { pendingPersons: 0, pendingHouseholds: 0 } } }
  const versionId = versionIdOf(villageId, current)
  const [version, members, households, grids, agreements] = await Promise.all([
    store.get('ruleVersions', versionId),
    store.find('memberships', { villageId }),
    store.find('households', { villageId }),
    store.find('grids', { villageId }, { sort: [['_id', 'asc']] }),
    store.find('ruleAgreements', { villageId }, { sort: [['number', 'asc'], ['at', 'asc']] }),
  ])
  const latest = new Map<string, LatestAgreement>()
  for (const a of agreements) latest.set(a.personId, { number: a.number, at: a.at })
  const agreed = new Set(agreements.filter((a) => a.versionId === versionId).map((a) => a.personId))
  const groups = followUpGroups({ members, households, grids, agreedPersonIds: agreed, latest, onlyGrids })
  return {
    village,
    followUp: {
      version: { id: versionId, number: current, title: version?.title ?? defaultTitle(village) },
      grids: groups,
      totals: {
        pendingPersons: groups.reduce((n, g) => n + g.pendingPersons, 0),
        pendingHouseholds: groups.reduce((n, g) => n + g.pendingHouseholds, 0),
      },
    },
  }
}

export const followUpHandlers: Handlers<typeof followUpActions> = {
  'rules.followUp': {
    access: ACCESS.committeeOrGrid,
    async handle({ villageId, gridId }, ctx) {
      const committeeMember = isCommittee(ctx.membership)
      const mine = new Set(ctx.membership.gridIds)
      if (gridId) {
        await getInVillage(ctx.ports.store, 'grids', gridId, villageId, '找不到该网格')
        if (!committeeMember && !mine.has(gridId)) throw new ApiError('FORBIDDEN', '只能查看您负责的网格')
      }
      const only = gridId ? new Set([gridId]) : committeeMember ? null : mine
      return (await followUpData(ctx, villageId, only)).followUp
    },
  },

  'rules.exportCsv': {
    access: ACCESS.committee,
    async handle({ villageId, kind }, ctx) {
      const today = shanghaiDay(ctx.now)
      let out: { filename: string; content: string; rows: number }
      if (kind === 'followUp') {
        const { village, followUp } = await followUpData(ctx, villageId, null)
        const csv = followUpCsv(followUp.grids)
        const which = followUp.version ? `-${versionLabel(followUp.version.number)}` : ''
        out = { filename: `${village.name}${rulesWord(village.kind)}-未承诺名单${which}-${today}.csv`, ...csv }
      } else {
        const { store } = ctx.ports
        const [village, agreements, households, grids] = await Promise.all([
          getVillage(ctx, villageId),
          store.find('ruleAgreements', { villageId }),
          store.find('households', { villageId }),
          store.find('grids', { villageId }),
        ])
        out = { filename: `${village.name}${rulesWord(village.kind)}-承诺记录-${today}.csv`, ...agreementsCsv(agreements, households, grids) }
      }
      await audit(ctx, 'rules.export', { type: 'village', id: villageId, label: out.filename }, `${out.rows}条`)
      return out
    },
  },
}
