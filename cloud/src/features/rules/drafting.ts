/** The committee drafts the next version, saves it, discards it or publishes it (with the adoption record). */
import type { draftingActions } from './contract'
import type { Village } from '../account/documents'
import type { RuleAdoption, RuleVersion } from './documents'
import { ApiError, problemsError } from '../../errors'
import { ACCESS, type Handlers, type MemberContext } from '../../handler'
import { DuplicateIdError } from '../../ports/store'
import { getVillage, notifyResidents } from '../account/common'
import { pageUrl } from '../../../../src/routes'
import { audit } from '../../common/audit'
import { newId } from '../../common/ids'
import { assignClauseIds, publishProblems, versionLabel } from './policy'
import { shanghaiDay } from '../../common/time'
import { getInVillage } from '../../common/load'
import { checkText } from '../../common/content'
import { currentOf, defaultTitle, detail, versionIdOf } from './versions'

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

/** Inserts the draft and its audit entry in one transaction; false when a version with its number already exists. */
async function insertDraft(ctx: MemberContext, draft: RuleVersion, reason: string | null): Promise<boolean> {
  try {
    await ctx.ports.store.transaction(async (tx) => {
      await tx.insert('ruleVersions', draft)
      await audit(ctx, 'rules.draft', { type: 'ruleVersion', id: draft._id, label: `${draft.title}${versionLabel(draft.number)}（草稿）` }, reason, tx)
    })
  } catch (e) {
    if (!(e instanceof DuplicateIdError && e.collection === 'ruleVersions')) throw e
    return false
  }
  return true
}

/** The next version (a draft, if started) and the current one, in one read: the draft's changes are from the current. */
async function draftAndCurrent(ctx: MemberContext, village: Village): Promise<{ existing: RuleVersion | null; base: RuleVersion | null }> {
  const current = currentOf(village)
  const [nextId, currentId] = [versionIdOf(village._id, current + 1), versionIdOf(village._id, current)]
  const found = await ctx.ports.store.find('ruleVersions', { _id: { $in: current ? [nextId, currentId] : [nextId] } }, { limit: 2 })
  return { existing: found.find((v) => v._id === nextId) ?? null, base: (current && found.find((v) => v._id === currentId)) || null }
}

export const draftingHandlers: Handlers<typeof draftingActions> = {
  'rules.startDraft': {
    access: ACCESS.committee,
    async handle({ villageId }, ctx) {
      const { store } = ctx.ports
      const village = await getVillage(ctx, villageId)
      const current = currentOf(village)
      const id = versionIdOf(villageId, current + 1)
      const { existing, base } = await draftAndCurrent(ctx, village)
      if (existing?.status === 'draft') return detail(ctx, existing, village, base)
      if (existing) throw new ApiError('CONFLICT', '刚有新版本发布，请刷新后再试')
      const draft = draftDoc(ctx, village, {
        title: base?.title ?? defaultTitle(village),
        chapters: base ? base.chapters.map((c) => ({ title: c.title, clauses: c.clauses.map((k) => ({ id: k.id, text: k.text })) })) : [],
        effectiveDate: null,
        adoption: { ...EMPTY_ADOPTION },
        basedOn: base ? current : null,
      })
      if (!(await insertDraft(ctx, draft, base ? `以${versionLabel(current)}为底稿` : null))) {
        const other = await store.get('ruleVersions', id)
        if (other?.status === 'draft') return detail(ctx, other, village, base)
        throw new ApiError('CONFLICT', '刚有新版本发布，请刷新后再试')
      }
      return detail(ctx, draft, village, base)
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
      // other committee members see the draft, and every resident once it is published: each title
      // and clause is checked, and a refusal names it as the schema does (chapters.0.clauses.2.text)
      await checkText(ctx, {
        title: input.title,
        ...Object.fromEntries(
          input.chapters.flatMap((c, i) => [[`chapters.${i}.title`, c.title], ...c.clauses.map((k, j) => [`chapters.${i}.clauses.${j}.text`, k.text])]),
        ),
      })
      const chapters = assignClauseIds(input.chapters, () => newId('k', ctx.now).replace('_', ''))
      const content = { chapters, effectiveDate: input.effectiveDate, adoption: input.adoption }
      const { existing, base } = await draftAndCurrent(ctx, village)
      if (existing) {
        const changes = { ...content, title: input.title || existing.title, updatedAt: ctx.now }
        const n = await store.update('ruleVersions', { _id: id, status: 'draft' }, { set: changes })
        if (!n) throw new ApiError('CONFLICT', '该草稿已经发布，不能再修改；如需修订请新建草稿')
        return detail(ctx, { ...existing, ...changes }, village, base)
      }
      if (input.versionId) throw new ApiError('NOT_FOUND', '该草稿已被删除，请重新起草')
      const draft = draftDoc(ctx, village, { title: input.title || defaultTitle(village), ...content, basedOn: null })
      if (!(await insertDraft(ctx, draft, null))) throw new ApiError('CONFLICT', '刚有人新建了草稿，请刷新后在草稿上修改')
      return detail(ctx, draft, village, base)
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
          throw problemsError(problems)
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
        const body = `${draft.title}${versionLabel(draft.number)}已经${a.meeting}表决通过，${draft.effectiveDate}起施行。请阅读${draft.number > 1 ? '修改的条款' : '全文'}并承诺遵守。`
        // every resident is asked to read and agree to the new version (the one publishing it knows)
        await notifyResidents(ctx, villageId, `${draft.title}已发布新版本`, body, pageUrl('rules.read', { villageId }), tx, ctx.person._id)
        return { version: { ...draft, ...set }, village: { ...village, currentRulesVersion: draft.number } }
      })
      const { version, village } = published
      return detail(ctx, version, village)
    },
  },

}
