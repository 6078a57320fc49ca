/** Reading the rules: the status card, the current version with what changed since mine, the versions and one version. */
import type { readingActions } from './contract'
import { rulesWord } from './documents'
import type { RulesCurrent } from './contract'
import { ACCESS, type Handlers } from '../../handler'
import { getVillage } from '../account/common'
import { isCommittee } from '../account/policy'
import { clauseCount, diffVersions, isResident, progressOf, versionLabel } from './policy'
import { residentTotalsByGrid, sumTotals } from '../account/residents'
import { currentOf, detail, myLatestAgreement, versionIdOf, view, visibleVersion } from './versions'

/** the party members of a village who commit publicly: a few dozen */
const PARTY_COMMITMENTS = 500

export const readingHandlers: Handlers<typeof readingActions> = {
  'rules.status': {
    access: ACCESS.member,
    async handle({ villageId }, ctx) {
      const village = await getVillage(ctx, villageId)
      const current = currentOf(village)
      const [mine, version] = await Promise.all([
        myLatestAgreement(ctx, villageId),
        current ? ctx.ports.store.get('ruleVersions', versionIdOf(villageId, current)) : Promise.resolve(null),
      ])
      return {
        word: rulesWord(village.kind),
        currentVersion: current || null,
        currentVersionId: current ? versionIdOf(villageId, current) : null,
        title: version?.title ?? null,
        myVersion: mine?.number ?? null,
        needsAgreement: !!current && isResident(ctx.membership) && mine?.number !== current,
      }
    },
  },

  'rules.current': {
    access: ACCESS.member,
    async handle({ villageId }, ctx) {
      const { store } = ctx.ports
      const village = await getVillage(ctx, villageId)
      const current = currentOf(village)
      const me = ctx.membership
      const latestMine = await myLatestAgreement(ctx, villageId)
      const manage = isCommittee(ctx.membership)
      const none: RulesCurrent = {
        word: rulesWord(village.kind),
        version: null,
        mine: null,
        myVersion: latestMine?.number ?? null,
        diffSinceMine: null,
        progress: null,
        partyCommitments: [],
        can: { agree: false, partyCommit: false, manage },
      }
      if (!current) return none
      const versionId = versionIdOf(villageId, current)
      // the progress from its counters, the party members' commitments by themselves: never every agreement
      const [version, counts, party, older] = await Promise.all([
        store.get('ruleVersions', versionId),
        residentTotalsByGrid(store, villageId, current),
        store.find('ruleAgreements', { versionId, partyCommitment: true }, { sort: [['partyCommitmentAt', 'asc']], limit: PARTY_COMMITMENTS }),
        latestMine && latestMine.number < current ? store.get('ruleVersions', latestMine.versionId) : Promise.resolve(null),
      ])
      if (!version) return none
      const mine = latestMine?.number === current ? latestMine : null
      const canAgree = isResident(me)
      return {
        ...none,
        version: view(version, village),
        mine,
        diffSinceMine: older ? diffVersions(older, version) : null,
        progress: progressOf(sumTotals(counts.values()), current, village.kind),
        partyCommitments: party
          .sort((a, b) => (a.partyCommitmentAt ?? a.at) - (b.partyCommitmentAt ?? b.at))
          .map((a) => ({ name: a.name, at: a.partyCommitmentAt ?? a.at })),
        can: { agree: canAgree && !mine, partyCommit: canAgree && me.partyMember && !mine?.partyCommitment, manage },
      }
    },
  },

  'rules.versions': {
    access: ACCESS.member,
    async handle({ villageId }, ctx) {
      const { store } = ctx.ports
      const village = await getVillage(ctx, villageId)
      const all = await store.find('ruleVersions', { villageId }, { sort: [['number', 'desc']] })
      const visible = all.filter((v) => v.status === 'published' || isCommittee(ctx.membership))
      const counts = await Promise.all(visible.map((v) => (v.status === 'published' ? store.count('ruleAgreements', { versionId: v._id }) : Promise.resolve(0))))
      return visible.map((v, i) => ({
        id: v._id,
        number: v.number,
        label: versionLabel(v.number),
        title: v.title,
        status: v.status,
        current: v.status === 'published' && v.number === currentOf(village),
        effectiveDate: v.effectiveDate,
        adoption: v.adoption,
        chapterCount: v.chapters.length,
        clauseCount: clauseCount(v.chapters),
        agreements: counts[i],
        createdAt: v.createdAt,
        updatedAt: v.updatedAt,
        publishedByName: v.publishedByName,
        publishedAt: v.publishedAt,
      }))
    },
  },

  'rules.version': {
    access: ACCESS.member,
    async handle({ villageId, versionId }, ctx) {
      const village = await getVillage(ctx, villageId)
      return detail(ctx, await visibleVersion(ctx, villageId, versionId), village)
    },
  },

}
