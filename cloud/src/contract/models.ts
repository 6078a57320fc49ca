/** Documents as stored. Every document in a village carries its villageId. Instants are epoch ms. */

export type RegionKind = 'city' | 'county' | 'town'
export interface Region {
  _id: string
  kind: RegionKind
  name: string
  parentId: string | null
}

export type VillageKind = 'village' | 'community'
export interface Village {
  _id: string
  villageId: string
  name: string
  /** 村 or 社区: decides wording such as 村规民约 / 居民公约 */
  kind: VillageKind
  townId: string
  countyId: string
  cityId: string
  /** the scene parameter of the village's QR code (at most 32 characters) */
  scene: string
  /** the number of the village rules' current (latest published) version; absent until the first is published */
  currentRulesVersion?: number | null
}

export interface Grid {
  _id: string
  villageId: string
  name: string
}

export interface Hall {
  _id: string
  villageId: string
  name: string
  address: string
}

export interface Household {
  _id: string
  villageId: string
  gridId: string | null
  /** 门牌号 as written on the door, e.g. 新山村三巷12号 */
  doorplate: string
  headName: string
  /** the person who casts the household's vote (户代表) */
  repPersonId: string | null
}

export interface Person {
  _id: string
  /** WeChat identity in the cloud; demo identities locally */
  openid: string
  name: string
  createdAt: number
}

export const ROLES = ['resident', 'householdRep', 'committee', 'gridWorker', 'hallStaff', 'townOfficer'] as const
export type Role = (typeof ROLES)[number]

export const ROLE_LABELS: Record<Role, string> = {
  resident: '村民',
  householdRep: '户代表',
  committee: '村（居）委会',
  gridWorker: '网格员',
  hallStaff: '服务站工作人员',
  townOfficer: '镇街干部',
}

export const RELATIONS = ['户主', '配偶', '子女', '父母', '孙辈', '兄弟姐妹', '其他亲属', '租住'] as const
export type Relation = (typeof RELATIONS)[number]

export interface Membership {
  /** `${villageId}:${personId}` */
  _id: string
  villageId: string
  personId: string
  name: string
  householdId: string | null
  relation: Relation | null
  roles: Role[]
  partyMember: boolean
  /** grid worker: the grids they serve */
  gridIds: string[]
  /** hall staff: the hall they work in */
  hallId: string | null
  /** town officer: the town they serve */
  townId: string | null
  joinedAt: number
}

export type JoinStatus = 'pending' | 'approved' | 'rejected'
export interface JoinDecision {
  status: 'approved' | 'rejected'
  reason: string | null
  by: string
  byName: string
  at: number
}
export interface JoinRequest {
  /** `${villageId}:${personId}`: one request per person and village; asking again reopens it */
  _id: string
  villageId: string
  personId: string
  name: string
  doorplate: string
  relation: Relation
  via: 'pick' | 'scan'
  status: JoinStatus
  createdAt: number
  /** earlier decisions, newest last */
  decisions: JoinDecision[]
}

export interface AppNotification {
  _id: string
  villageId: string
  personId: string
  title: string
  body: string
  page: string | null
  read: boolean
  createdAt: number
}

export interface AuditEntry {
  _id: string
  villageId: string
  actorId: string
  actorName: string
  action: string
  target: string
  reason: string | null
  at: number
}

// ---- village rules (村规民约 / 居民公约) ----

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
