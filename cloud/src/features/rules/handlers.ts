import type { rulesActions } from './contract'
import type { Village } from '../account/documents'
import type { RuleAdoption, RuleAgreement, RuleVersion } from './documents'
import { rulesWord } from './documents'
import type { RuleVersionDetail, RuleVersionView, RulesCurrent, RulesFollowUp } from './contract'
import { ApiError } from '../../errors'
import { ACCESS, type Context, type Handlers, type MemberContext } from '../../handler'
import { DuplicateIdError } from '../../ports/store'
import { getVillage } from '../account/common'
import { audit } from '../../common/audit'
import { newId } from '../../common/ids'
import { isCommittee } from '../account/policy'
import { agreementsCsv, followUpCsv } from './csv'
import { assignClauseIds, clauseCount, diffVersions, followUpGroups, isResident, numberChapters, publishProblems, rulesProgress, versionLabel, type LatestAgreement } from './policy'
import { shanghaiDay } from '../../common/time'
import { getInVillage } from '../../common/load'



export const versionIdOf = (villageId: string, n: number) => `${villageId}:v${n}`
export const agreementIdOf = (versionId: string, personId: string) => `${versionId}:${personId}`

const EMPTY_ADOPTION: RuleAdoption = { meeting: null, date: null, attendance: null, totalEligible: null, votesFor: null, votesAgainst: null, abstain: null }
/** A new draft: the number after the current version, written by the caller, now. */
function draftDoc(
  ctx: MemberContext,
  village: Village,
  content: Pick<RuleVersion, 'title' | 'chapters' | 'effectiveDate' | 'adoption' | 'basedOn'>,
): RuleVersion {
  const number = currentOf(village) + 1
  return {
    _id: versionIdOf(village._id, number),
    villageId: village._id,
    number,
    status: 'draft',
    ...content,
    createdBy: ctx.person._id,
    createdByName: ctx.membership.name,
    createdAt: ctx.now,
    updatedAt: ctx.now,
    publishedBy: null,
    publishedByName: null,
    publishedAt: null,
  }
}

/** Inserts the draft and audits it; false when a version with its number already exists. */
async function insertDraft(ctx: MemberContext, draft: RuleVersion, reason: string | null): Promise<boolean> {
  try {
    await ctx.ports.store.insert('ruleVersions', draft)
  } catch (e) {
    if (!(e instanceof DuplicateIdError)) throw e
    return false
  }
  await audit(ctx, 'rules.draft', { type: 'ruleVersion', id: draft._id, label: `${draft.title}${versionLabel(draft.number)}（草稿）` }, reason)
  return true
}

const defaultTitle = (village: Village) => `${village.name}${rulesWord(village.kind)}`

const currentOf = (village: Village) => village.currentRulesVersion ?? 0

function stale(current: number, currentId: string): ApiError {
  return new ApiError('CONFLICT', `该版本已不是现行版本，请阅读并承诺遵守现行的第${current}版`, { currentVersion: String(current), currentVersionId: currentId })
}

/** A version of this village that the caller may see: drafts only for the committee (others are told it does not exist). */
async function visibleVersion(ctx: MemberContext, villageId: string, versionId: string): Promise<RuleVersion> {
  const v = await ctx.ports.store.get('ruleVersions', versionId)
  if (!v || v.villageId !== villageId || (v.status !== 'published' && !isCommittee(ctx.membership))) throw new ApiError('NOT_FOUND', '找不到该版本')
  return v
}

function view(v: RuleVersion, village: Village): RuleVersionView {
  return {
    id: v._id,
    villageId: v.villageId,
    number: v.number,
    label: versionLabel(v.number),
    title: v.title,
    word: rulesWord(village.kind),
    status: v.status,
    current: v.status === 'published' && currentOf(village) === v.number,
    chapters: numberChapters(v.chapters),
    clauseCount: clauseCount(v.chapters),
    effectiveDate: v.effectiveDate,
    adoption: v.adoption,
    basedOn: v.basedOn,
    createdByName: v.createdByName,
    createdAt: v.createdAt,
    updatedAt: v.updatedAt,
    publishedByName: v.publishedByName,
    publishedAt: v.publishedAt,
  }
}

async function detail(ctx: Context, v: RuleVersion, village: Village): Promise<RuleVersionDetail> {
  const previous = v.number > 1 ? await ctx.ports.store.get('ruleVersions', versionIdOf(v.villageId, v.number - 1)) : null
  return {
    ...view(v, village),
    changes: previous ? diffVersions(previous, v) : null,
    problems: v.status === 'draft' ? publishProblems(v, shanghaiDay(ctx.now), village.kind) : null,
  }
}

async function myLatestAgreement(ctx: MemberContext, villageId: string): Promise<RuleAgreement | null> {
  const [latest] = await ctx.ports.store.find('ruleAgreements', { villageId, personId: ctx.person._id }, { sort: [['number', 'desc']], limit: 1 })
  return latest ?? null
}

/** The caller's agreement to a version, made in a transaction that checks the version is still the current one. */
async function agreeTo(ctx: MemberContext, villageId: string, versionId: string, partyCommitment: boolean): Promise<RuleAgreement> {
  const { store } = ctx.ports
  const m = ctx.membership
  const household = m.householdId ? await store.get('households', m.householdId) : null
  const id = agreementIdOf(versionId, ctx.person._id)
  return store.transaction(async (tx) => {
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
    await tx.insert('ruleAgreements', agreement)
    return agreement
  })
}

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

export const rulesHandlers: Handlers<typeof rulesActions> = {
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
      const [version, members, agreements, older] = await Promise.all([
        store.get('ruleVersions', versionId),
        store.find('memberships', { villageId }),
        store.find('ruleAgreements', { versionId }, { sort: [['at', 'asc']] }),
        latestMine && latestMine.number < current ? store.get('ruleVersions', latestMine.versionId) : Promise.resolve(null),
      ])
      if (!version) return none
      const mine = agreements.find((a) => a.personId === ctx.person._id) ?? null
      const canAgree = isResident(me)
      return {
        ...none,
        version: view(version, village),
        mine,
        diffSinceMine: older ? diffVersions(older, version) : null,
        progress: rulesProgress(members, new Set(agreements.map((a) => a.personId)), current, village.kind),
        partyCommitments: agreements
          .filter((a) => a.partyCommitment)
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

  'rules.startDraft': {
    access: ACCESS.committee,
    async handle({ villageId }, ctx) {
      const { store } = ctx.ports
      const village = await getVillage(ctx, villageId)
      const current = currentOf(village)
      const id = versionIdOf(villageId, current + 1)
      const existing = await store.get('ruleVersions', id)
      if (existing?.status === 'draft') return detail(ctx, existing, village)
      if (existing) throw new ApiError('CONFLICT', '刚有新版本发布，请刷新后再试')
      const base = current ? await store.get('ruleVersions', versionIdOf(villageId, current)) : null
      const draft = draftDoc(ctx, village, {
        title: base?.title ?? defaultTitle(village),
        chapters: base ? base.chapters.map((c) => ({ title: c.title, clauses: c.clauses.map((k) => ({ id: k.id, text: k.text })) })) : [],
        effectiveDate: null,
        adoption: { ...EMPTY_ADOPTION },
        basedOn: base ? current : null,
      })
      if (!(await insertDraft(ctx, draft, base ? `以${versionLabel(current)}为底稿` : null))) {
        const other = await store.get('ruleVersions', id)
        if (other?.status === 'draft') return detail(ctx, other, village)
        throw new ApiError('CONFLICT', '刚有新版本发布，请刷新后再试')
      }
      return detail(ctx, draft, village)
    },
  },

  'rules.saveDraft': {
    access: ACCESS.committee,
    async handle(input, ctx) {
      const { store } = ctx.ports
      const { villageId } = input
      const village = await getVillage(ctx, villageId)
      const current = currentOf(village)
      const id = versionIdOf(villageId, current + 1)
      if (input.versionId && input.versionId !== id) {
        await getInVillage(store, 'ruleVersions', input.versionId, villageId, '找不到该草稿')
        throw new ApiError('CONFLICT', '该版本已经发布，不能再修改；如需修订请新建草稿')
      }
      const chapters = assignClauseIds(input.chapters, () => newId('k', ctx.now).replace('_', ''))
      const content = { chapters, effectiveDate: input.effectiveDate, adoption: input.adoption }
      const existing = await store.get('ruleVersions', id)
      if (existing) {
        const changes = { ...content, title: input.title || existing.title, updatedAt: ctx.now }
        const n = await store.update('ruleVersions', { _id: id, status: 'draft' }, { set: changes })
        if (!n) throw new ApiError('CONFLICT', '该草稿已经发布，不能再修改；如需修订请新建草稿')
        return detail(ctx, { ...existing, ...changes }, village)
      }
      if (input.versionId) throw new ApiError('NOT_FOUND', '该草稿已被删除，请重新起草')
      const draft = draftDoc(ctx, village, { title: input.title || defaultTitle(village), ...content, basedOn: null })
      if (!(await insertDraft(ctx, draft, null))) throw new ApiError('CONFLICT', '刚有人新建了草稿，请刷新后在草稿上修改')
      return detail(ctx, draft, village)
    },
  },

  'rules.discardDraft': {
    access: ACCESS.committee,
    async handle({ villageId, versionId }, ctx) {
      const draft = await getInVillage(ctx.ports.store, 'ruleVersions', versionId, villageId, '找不到该草稿')
      const removed = await ctx.ports.store.remove('ruleVersions', { _id: versionId, villageId, status: 'draft' })
      if (!removed) throw new ApiError('CONFLICT', '该版本已经发布，不能删除')
      await audit(ctx, 'rules.discardDraft', { type: 'ruleVersion', id: versionId, label: `${draft.title}${versionLabel(draft.number)}（草稿）` })
      return { removed }
    },
  },

  'rules.publish': {
    access: ACCESS.committee,
    async handle({ villageId, versionId }, ctx) {
      const { store } = ctx.ports
      const today = shanghaiDay(ctx.now)
      const published = await store.transaction(async (tx) => {
        const village = await tx.get('villages', villageId)
        const draft = await tx.get('ruleVersions', versionId)
        if (!village || !draft || draft.villageId !== villageId) throw new ApiError('NOT_FOUND', '找不到该草稿')
        if (draft.status !== 'draft') throw new ApiError('CONFLICT', `${versionLabel(draft.number)}已经发布过了`)
        const current = currentOf(village)
        if (draft.number !== current + 1) throw new ApiError('CONFLICT', '村规民约已有更新的版本，请刷新后再试')
        const problems = publishProblems(draft, today, village.kind)
        if (problems.length) {
          throw new ApiError('BAD_INPUT', problems[0].message, Object.fromEntries(problems.map((p) => [p.field, p.message])))
        }
        const set = { status: 'published' as const, publishedBy: ctx.person._id, publishedByName: ctx.membership.name, publishedAt: ctx.now }
        await tx.update('ruleVersions', versionId, { set })
        await tx.update('villages', villageId, { set: { currentRulesVersion: draft.number } })
        const a = draft.adoption
        await audit(
          ctx,
          'rules.publish',
          { type: 'ruleVersion', id: versionId, label: `${draft.title}${versionLabel(draft.number)}` },
          `${a.date}${a.meeting}表决通过（到会${a.attendance}人，赞成${a.votesFor}、反对${a.votesAgainst}、弃权${a.abstain}），${draft.effectiveDate}起施行`,
          tx,
        )
        return { version: { ...draft, ...set }, village: { ...village, currentRulesVersion: draft.number } }
      })
      const { version, village } = published
      return detail(ctx, version, village)
    },
  },

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
