/** 承诺遵守: a resident agrees to the current version; a party member also commits publicly. */
import type { agreeingActions } from './contract'
import type { RuleAgreement } from './documents'
import { ApiError } from '../../errors'
import { againOnDuplicate } from '../../common/counters'
import { ACCESS, type Handlers, type MemberContext } from '../../handler'
import { countPerson } from '../account/residents'
import { agreementIdOf, currentOf, stale, versionIdOf } from './versions'

/** The caller's agreement to a version, made in a transaction that checks the version is still the current one. */
async function agreeTo(ctx: MemberContext, villageId: string, versionId: string, partyCommitment: boolean): Promise<RuleAgreement> {
  const { store } = ctx.ports
  const m = ctx.membership
  const id = agreementIdOf(versionId, ctx.person._id)
  const once = () => store.transaction(async (tx) => {
    const village = await tx.get('villages', villageId)
    const version = await tx.get('ruleVersions', versionId)
    if (!village || !version || version.villageId !== villageId || version.status !== 'published') throw new ApiError('NOT_FOUND', '找不到该版本')
    const current = currentOf(village)
    if (version.number !== current) throw stale(current, versionIdOf(villageId, current))
    const existing = await tx.get('ruleAgreements', id)
    if (existing) {
      if (!partyCommitment || existing.partyCommitment) return existing
      const patch = { partyCommitment: true, partyCommitmentAt: ctx.now }
      await tx.update('ruleAgreements', id, { set: patch })
      return { ...existing, ...patch }
    }
    const household = m.householdId ? await tx.get('households', m.householdId) : null
    const agreement: RuleAgreement = {
      _id: id,
      villageId,
      versionId,
      number: version.number,
      personId: ctx.person._id,
      name: m.name,
      householdId: m.householdId,
      gridId: household?.gridId ?? null,
      at: ctx.now,
      partyCommitment,
      partyCommitmentAt: partyCommitment ? ctx.now : null,
    }
    // a member just approved whom the job has not counted yet (account's admissions.ts) is counted there with their agreement
    const uncounted = m.registerDue && (await tx.get('memberships', m._id))?.registerDue
    await tx.insert('ruleAgreements', agreement)
    // 首页's 待办 reads it on the membership
    await tx.update('memberships', m._id, { set: { rulesAgreed: version.number } })
    // the progress counts it with the agreement: one more person, and the household if it is its first
    if (!uncounted) await countPerson(tx, villageId, current, household, ctx.person._id, { residents: 0, agreed: 1 })
    return agreement
  })
  // taps at once: a transaction that meets the other's agreement only at its insert runs again, and finds it
  return againOnDuplicate(once)
}

export const agreeingHandlers: Handlers<typeof agreeingActions> = {
  'rules.agree': {
    access: ACCESS.resident,
    async handle({ villageId, versionId }, ctx) {
      return agreeTo(ctx, villageId, versionId, false)
    },
  },

  'rules.partyCommit': {
    access: ACCESS.resident,
    async handle({ villageId, versionId }, ctx) {
      if (!ctx.membership.partyMember) throw new ApiError('FORBIDDEN', '党员才能亮身份承诺')
      return agreeTo(ctx, villageId, versionId, true)
    },
  },

}
