/** The village rules' documents as stored (村规民约 / 居民公约), with their zod-free words. */
import type { VillageKind } from '../account/documents'

/** 村规民约 in a village, 居民公约 in an urban community */
export type RulesWord = '村规民约' | '居民公约'
export function rulesWord(kind: VillageKind): RulesWord {
  return kind === 'community' ? '居民公约' : '村规民约'
}

/** How a version was adopted: the assembly or the representatives' assembly (村 or 居 by the village's kind). */
export const ADOPTION_MEETINGS = ['村民会议', '村民代表会议', '居民会议', '居民代表会议'] as const
export type AdoptionMeeting = (typeof ADOPTION_MEETINGS)[number]
export function adoptionMeetings(kind: VillageKind): AdoptionMeeting[] {
  return kind === 'community' ? ['居民会议', '居民代表会议'] : ['村民会议', '村民代表会议']
}

export interface RuleClause {
  /** stable across versions: the diff pairs clauses by it */
  id: string
  text: string
}
export interface RuleChapter {
  title: string
  clauses: RuleClause[]
}
/** A draft may be incomplete (nulls); a published version has every field. */
export interface RuleAdoption {
  meeting: AdoptionMeeting | null
  /** YYYY-MM-DD, Asia/Shanghai */
  date: string | null
  /** 到会人数 */
  attendance: number | null
  /** 应到人数: adults of the village, or the members of the representatives' assembly */
  totalEligible: number | null
  votesFor: number | null
  votesAgainst: number | null
  abstain: number | null
}

export type RuleVersionStatus = 'draft' | 'published'
export interface RuleVersion {
  /** `${villageId}:v${number}`; a draft always takes the number after the current version, so a village has at most one */
  _id: string
  villageId: string
  number: number
  title: string
  status: RuleVersionStatus
  chapters: RuleChapter[]
  /** 施行日期 YYYY-MM-DD (Asia/Shanghai); null in an unfinished draft */
  effectiveDate: string | null
  adoption: RuleAdoption
  /** the version the draft was started from */
  basedOn: number | null
  createdBy: string
  createdByName: string
  createdAt: number
  updatedAt: number
  publishedBy: string | null
  publishedByName: string | null
  publishedAt: number | null
}

export interface RuleAgreement {
  /** `${versionId}:${personId}`: agreeing twice finds the same record */
  _id: string
  villageId: string
  versionId: string
  number: number
  personId: string
  name: string
  householdId: string | null
  gridId: string | null
  at: number
  /** 党员亮身份、带头遵规守约 */
  partyCommitment: boolean
  partyCommitmentAt: number | null
}

/** Chinese numerals for 第N条 / 第N章, shared by the server's numbering and the client's diff view. */
const DIGITS = '零一二三四五六七八九'
/** 1 -> 一, 10 -> 十, 12 -> 十二, 20 -> 二十, 105 -> 一百零五 (up to 9999) */
export function chineseNumber(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > 9999) return String(n)
  if (n < 10) return DIGITS[n]
  if (n < 20) return `十${n % 10 ? DIGITS[n % 10] : ''}`
  const units = ['', '十', '百', '千']
  const ds = String(n).split('').map(Number)
  let out = ''
  let zero = false
  ds.forEach((d, i) => {
    const unit = units[ds.length - 1 - i]
    if (d === 0) {
      zero = true
      return
    }
    if (zero && out) out += '零'
    zero = false
    out += DIGITS[d] + unit
  })
  return out
}

export const clauseLabel = (no: number) => `第${chineseNumber(no)}条`

/** a rules version as residents know it: the draft, the one in force, or one a newer version replaced */
export type RuleVersionState = 'draft' | 'current' | 'superseded'
export const RULE_VERSION_LABELS: Record<RuleVersionState, string> = { draft: '草稿', current: '现行', superseded: '已废止' }
export const ruleVersionState = (v: { status: RuleVersionStatus; current: boolean }): RuleVersionState =>
  v.status === 'draft' ? 'draft' : v.current ? 'current' : 'superseded'

declare module '../../ports/store' {
  interface Collections {
    ruleVersions: RuleVersion
    ruleAgreements: RuleAgreement
  }
}
