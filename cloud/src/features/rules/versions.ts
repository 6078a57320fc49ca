/** The rules' shared reads: version ids, the version a caller may see, its view and detail, my latest agreement. */
import type { Village } from '../account/documents'
import type { RuleAgreement, RuleVersion } from './documents'
import { rulesWord } from './documents'
import type { RuleVersionDetail, RuleVersionView } from './contract'
import { ApiError } from '../../errors'
import { type Context, type MemberContext } from '../../handler'
import { isCommittee } from '../account/policy'
import { clauseCount, diffVersions, numberChapters, publishProblems, versionLabel } from './policy'
import { shanghaiDay } from '../../common/time'

export const versionIdOf = (villageId: string, n: number) => `${villageId}:v${n}`
export const agreementIdOf = (versionId: string, personId: string) => `${versionId}:${personId}`

export const defaultTitle = (village: Village) => `${village.name}${rulesWord(village.kind)}`

export const currentOf = (village: Village) => village.currentRulesVersion ?? 0

export function stale(current: number, currentId: string): ApiError {
  return new ApiError('CONFLICT', `该版本已不是现行版本，请阅读并承诺遵守现行的第${current}版`, { currentVersion: String(current), currentVersionId: currentId })
}

/** A version of this village that the caller may see: drafts only for the committee (others are told it does not exist). */
export async function visibleVersion(ctx: MemberContext, villageId: string, versionId: string): Promise<RuleVersion> {
  const v = await ctx.ports.store.get('ruleVersions', versionId)
  if (!v || v.villageId !== villageId || (v.status !== 'published' && !isCommittee(ctx.membership))) throw new ApiError('NOT_FOUND', '找不到该版本')
  return v
}

export function view(v: RuleVersion, village: Village): RuleVersionView {
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

/** The version with its changes from the one before; `before` when the caller has already read that one (null: none). */
export async function detail(ctx: Context, v: RuleVersion, village: Village, before?: RuleVersion | null): Promise<RuleVersionDetail> {
  const previous = before !== undefined ? before : v.number > 1 ? await ctx.ports.store.get('ruleVersions', versionIdOf(v.villageId, v.number - 1)) : null
  return {
    ...view(v, village),
    changes: previous ? diffVersions(previous, v) : null,
    problems: v.status === 'draft' ? publishProblems(v, shanghaiDay(ctx.now), village.kind) : null,
  }
}

export async function myLatestAgreement(ctx: MemberContext, villageId: string): Promise<RuleAgreement | null> {
  const [latest] = await ctx.ports.store.find('ruleAgreements', { villageId, personId: ctx.person._id }, { sort: [['number', 'desc']], limit: 1 })
  return latest ?? null
}

