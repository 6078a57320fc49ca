/** 承诺遵守: a resident agrees to the current version; a party member also commits publicly. */
import type { agreeingActions } from './contract'
import type { RuleAgreement } from './documents'
import { ApiError } from '../../errors'
import { againOnDuplicate } from '../../common/counters'
import { ACCESS, type Handlers, type MemberContext } from '../../handler'
import type { TxStore } from '../../ports/store'
import { countPerson } from '../account/residents'
import { agreementIdOf, currentOf, stale, versionIdOf } from './versions'

/**
 * The version's number when it is the village's current one, read in the caller's transaction (the village: a publish
 * meanwhile conflicts with it). The current version is published, so only another one is read, to say why not.
 */
async function currentNumber(tx: TxStore, villageId: string, versionId: string): Promise<number> {
  const village = await tx.get('villages', villageId)
  const current = village ? currentOf(village) : 0
  if (current && versionId === versionIdOf(villageId, current)) return current
  const version = await tx.get('ruleVersions', versionId)
  if (!village || !version || version.villageId !== villageId || version.status !== 'published') throw new ApiError('NOT_FOUND', '找不到该版本')
  throw stale(current, versionIdOf(villageId, current))
}

/** The caller's agreement to a version, made in a transaction that checks the version is still the current one. */
async function agreeTo(ctx: MemberContext, villageId: string, versionId: string, partyCommitment: boolean): Promise<RuleAgreement> {
  const { store } = ctx.ports
  const m = ctx.membership
  const id = agreementIdOf(versionId, ctx.person._id)
  const once = (readFirst: boolean) => store.transaction(async (tx) => {
    const current = await currentNumber(tx, villageId, versionId)
    // a membership that agreed to an older version (rulesAgreed) has none to read: a stale one meets it at the insert
    const first = !readFirst && m.rulesAgreed !== undefined && m.rulesAgreed < current
    const existing = first ? null : await tx.get('ruleAgreements', id)
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
      number: current,
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
    await tx.update('memberships', m._id, { set: { rulesAgreed: current } })
    // the progress counts it with the agreement: one more person, and the household if it is its first
    if (!uncounted) await countPerson(tx, villageId, current, household, { residents: 0, agreed: 1 })
    return agreement
  })
  // taps at once, or an agreement the membership did not say: a transaction that meets it only at its insert runs
  // again, reading it
  return againOnDuplicate(() => once(false), () => once(true))
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
