/**
 * The village rules (村规民约 / 居民公约): versions adopted by the assembly, published by the committee,
 * read and agreed to (承诺遵守) by every resident, with the committee's follow-up of who has not.
 * Documents are in models.ts (RuleVersion, RuleAgreement); this file holds the inputs and the views.
 */
import { z } from 'zod'
import { ADOPTION_MEETINGS } from './documents'
import type { RuleAdoption, RuleAgreement, RuleVersionStatus, RulesWord } from './documents'
import { action } from '../../contract/action'
import { csvAfter } from '../../contract/inputs'

const id = z.string().trim().min(1, '缺少编号').max(80, '编号过长')
const villageId = id
const versionId = id

const YMD = /^(\d{4})-(\d{2})-(\d{2})$/
/** a calendar day YYYY-MM-DD that exists */
export function isCalendarDay(s: string): boolean {
  const m = YMD.exec(s)
  if (!m) return false
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])]
  const t = new Date(Date.UTC(y, mo - 1, d))
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d
}
const day = (what: string) => z.string().trim().refine(isCalendarDay, `${what}应为有效日期，格式如 2025-03-01`)
const headcount = (what: string) =>
  z.number({ invalid_type_error: `${what}请填数字` }).int(`${what}应为整数`).min(0, `${what}不能为负数`).max(10_000_000, `${what}过大`).nullable().default(null)

export const MAX_CLAUSES = 300
const clause = z.object({
  /** keep the id of a clause carried over from an earlier version; leave it out for a new clause */
  id: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,40}$/, '条款编号格式不对')
    .optional(),
  /** may be empty in a draft; publishing refuses an empty clause */
  text: z.string().trim().max(300, '每条不超过300个字'),
})
const chapter = z.object({
  title: z.string().trim().max(30, '章标题不超过30个字'),
  clauses: z.array(clause).max(100, '每章最多100条'),
})
export const chaptersInput = z
  .array(chapter)
  .max(30, '最多30章')
  .refine((cs) => cs.reduce((n, c) => n + c.clauses.length, 0) <= MAX_CLAUSES, `条款总数不超过${MAX_CLAUSES}条`)
  .refine(
    (cs) => {
      const ids = cs.flatMap((c) => c.clauses.map((k) => k.id)).filter((k): k is string => !!k)
      return new Set(ids).size === ids.length
    },
    { message: '条款编号重复' },
  )

export const adoptionInput = z.object({
  meeting: z.enum(ADOPTION_MEETINGS, { errorMap: () => ({ message: '请选择表决方式' }) }).nullable().default(null),
  date: day('表决日期').nullable().default(null),
  attendance: headcount('到会人数'),
  totalEligible: headcount('应到人数'),
  votesFor: headcount('赞成票'),
  votesAgainst: headcount('反对票'),
  abstain: headcount('弃权票'),
})

export interface NumberedClause {
  id: string
  /** numbered through the whole version, as 第N条 */
  no: number
  /** 第一条 */
  label: string
  text: string
}
export interface NumberedChapter {
  no: number
  /** 第一章 */
  label: string
  title: string
  clauses: NumberedClause[]
}

export interface RuleVersionView {
  id: string
  villageId: string
  number: number
  /** 第2版 */
  label: string
  title: string
  word: RulesWord
  status: RuleVersionStatus
  /** the village's current (latest published) version */
  current: boolean
  chapters: NumberedChapter[]
  clauseCount: number
  effectiveDate: string | null
  adoption: RuleAdoption
  basedOn: number | null
  createdByName: string
  createdAt: number
  updatedAt: number
  publishedByName: string | null
  publishedAt: number | null
}

export interface DiffClause {
  id: string
  no: number
  chapter: string
  text: string
}
export interface ChangedClause {
  id: string
  oldNo: number
  newNo: number
  oldChapter: string
  newChapter: string
  oldText: string
  newText: string
}
/** What changed from one version to another, clause by clause (paired by clause id). */
export interface RulesDiff {
  from: number
  to: number
  added: DiffClause[]
  removed: DiffClause[]
  changed: ChangedClause[]
  /** same text (a clause moved to another chapter or renumbered with the same words counts here) */
  unchanged: number
}

export interface Rate {
  agreed: number
  total: number
  /** whole percent, never 100 before everyone and never 0 once someone agreed */
  percent: number
}
export interface RulesProgress {
  versionNumber: number
  /** residents (role 'resident') who agreed to the current version */
  persons: Rate
  /** households with at least one resident who agreed, of the households that have residents */
  households: Rate
  /** 本村已有 N 户 (x%) 承诺 (本社区 in a community) */
  summary: string
}

export interface RulesCurrent {
  word: RulesWord
  /** null until the village publishes its first version */
  version: RuleVersionView | null
  /** my agreement to the current version */
  mine: RuleAgreement | null
  /** the latest version I agreed to (may be older than the current one) */
  myVersion: number | null
  /** when I agreed to an older version: what changed since */
  diffSinceMine: RulesDiff | null
  progress: RulesProgress | null
  /** party members who made the public commitment on the current version, earliest first */
  partyCommitments: Array<{ name: string; at: number }>
  can: {
    /** a resident who has not yet agreed to the current version */
    agree: boolean
    /** a party member (resident) who has not yet made the public commitment */
    partyCommit: boolean
    /** committee: draft, publish, export */
    manage: boolean
  }
}

export interface RulesStatus {
  word: RulesWord
  currentVersion: number | null
  currentVersionId: string | null
  title: string | null
  myVersion: number | null
  /** a resident whose latest agreement is not to the current version: 首页 asks */
  needsAgreement: boolean
}

export interface RuleVersionSummary {
  id: string
  number: number
  label: string
  title: string
  status: RuleVersionStatus
  current: boolean
  effectiveDate: string | null
  adoption: RuleAdoption
  chapterCount: number
  clauseCount: number
  /** agreements recorded for this version */
  agreements: number
  createdAt: number
  updatedAt: number
  publishedByName: string | null
  publishedAt: number | null
}

export interface PublishProblem {
  /** path in the draft, e.g. chapters.1.clauses.0.text, effectiveDate, adoption.attendance */
  field: string
  message: string
}

export interface RuleVersionDetail extends RuleVersionView {
  /** what changed from the previous version (null for the first) */
  changes: RulesDiff | null
  /** drafts only: what keeps it from being published ([] when ready); null for a published version */
  problems: PublishProblem[] | null
}

export interface FollowUpPerson {
  personId: string
  name: string
  relation: string | null
  /** the latest version this person agreed to, if any */
  agreedVersion: number | null
  agreedAt: number | null
}
export interface FollowUpHousehold {
  householdId: string | null
  doorplate: string
  headName: string
  residents: number
  /** the household counts as agreed once one resident did */
  householdAgreed: boolean
  pending: FollowUpPerson[]
}
/** a grid with someone who has not agreed (null: households in no grid), from the progress counters */
export interface FollowUpGrid {
  gridId: string | null
  gridName: string
  pendingPersons: number
  /** households in which nobody agreed yet */
  pendingHouseholds: number
}
/** one grid's households with someone who has not agreed, by doorplate, a page at a time */
export interface FollowUpPage {
  gridId: string | null
  households: FollowUpHousehold[]
  /** the cursor of the next page (`after`), null on the last */
  next: string | null
}
export interface RulesFollowUp {
  version: { id: string; number: number; title: string } | null
  /** the grids the caller follows up that have someone to visit, in grid order */
  grids: FollowUpGrid[]
  totals: { pendingPersons: number; pendingHouseholds: number }
  /** the asked grid's page (the first grid's when none is asked), null when nobody is left to visit */
  page: FollowUpPage | null
}

import type { CsvFile } from '../../common/csv'
export type { CsvFile }

const draftBody = {
  villageId,
  /** the draft being edited; omitted: create the draft, or replace the one there is */
  versionId: versionId.optional(),
  /** defaults to 村名 + 村规民约 / 居民公约 */
  title: z.string().trim().max(40, '标题不超过40个字').optional(),
  chapters: chaptersInput,
  effectiveDate: day('施行日期').nullable().default(null),
  adoption: adoptionInput.default({}),
}

/** reading the rules and their versions */
export const readingActions = {
  'rules.status': action<RulesStatus>()(z.object({ villageId })),
  'rules.current': action<RulesCurrent>()(z.object({ villageId })),
  'rules.versions': action<RuleVersionSummary[]>()(z.object({ villageId })),
  'rules.version': action<RuleVersionDetail>()(z.object({ villageId, versionId })),
}

/** 承诺遵守, and party members' public commitment */
export const agreeingActions = {
  'rules.agree': action<RuleAgreement>()(z.object({ villageId, versionId })),
  'rules.partyCommit': action<RuleAgreement>()(z.object({ villageId, versionId })),
}

/** committee: the next version, drafted and published */
export const draftingActions = {
  'rules.startDraft': action<RuleVersionDetail>()(z.object({ villageId })),
  'rules.saveDraft': action<RuleVersionDetail>()(z.object(draftBody)),
  'rules.discardDraft': action<{ removed: number }>()(z.object({ villageId, versionId })),
  'rules.publish': action<RuleVersionDetail>()(z.object({ villageId, versionId })),
}

/** committee and grid workers: who has not agreed yet */
export const followUpActions = {
  // gridId null: the households in no grid (the committee's); after: the cursor of the grid's next page
  'rules.followUp': action<RulesFollowUp>()(z.object({ villageId, gridId: id.nullable().optional(), after: z.string().max(300).optional() })),
  'rules.exportCsv': action<CsvFile>()(z.object({ villageId, kind: z.enum(['followUp', 'agreements'], { errorMap: () => ({ message: '请选择导出内容' }) }), after: csvAfter })),
}

export const rulesActions = { ...readingActions, ...agreeingActions, ...draftingActions, ...followUpActions }
