/**
 * The account feature's documents as stored (places, people, memberships, join requests, notices),
 * with their zod-free word tables. Every document in a village carries its villageId. Instants are epoch ms.
 */

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
  /** the committee's phone, for residents who cannot use the app for something */
  phone?: string
  /** co-signatures a residents' proposal needs before the committee must answer it (default 5) */
  proposalThreshold?: number
  /**
   * its grids' ids and names, in id order: set up with the village and never changed (no action adds or renames a
   * grid; the grids collection holds their areas), so that a membership carries them with its other facts
   */
  grids?: GridName[]
}

/** [lng, lat] in GCJ-02, the coordinates WeChat's location APIs and Map use (stored as such, never converted) */
export type LngLat = [number, number]

export interface Grid {
  _id: string
  villageId: string
  name: string
  /** the grid's area: one closed ring of GCJ-02 points (first = last); reports are routed by it */
  area?: LngLat[] | null
}

/** what a village and its memberships carry of a grid */
export type GridName = Pick<Grid, '_id' | 'name'>
export const gridNames = (grids: ReadonlyArray<GridName>): GridName[] => grids.map((g) => ({ _id: g._id, name: g.name }))

export interface Hall {
  _id: string
  villageId: string
  name: string
  address: string
  /** where it is on the map (GCJ-02) */
  point?: LngLat | null
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
  /**
   * The rules' progress, kept with every change of it (residents.ts), absent until counted: how many members are
   * residents; how many of them agreed to rules version `rulesVersion` (another version than the current one counts 0);
   * and the version every resident agreed to (0 if none), which the follow-up filters on.
   */
  residents?: number
  rulesVersion?: number
  rulesAgreed?: number
  rulesDone?: number
}

/**
 * One of a village's residents' counters (residents.ts): per grid (null: households in none, and residents without a
 * household) and shard (only a grid's sum means anything), the residents and the households with residents,
 * and of them those who agreed to the rules version `rulesVersion` (stale when another version is current: 0 then).
 */
export interface ResidentCount {
  /** `${villageId}:${gridId ?? '-'}:${shard}`; the grid's counter of one rules version (BY_VERSION): `${villageId}:${gridId ?? '-'}:v${rulesVersion}` */
  _id: string
  villageId: string
  gridId: string | null
  /** 0 to RESIDENT_SHARDS - 1; BY_VERSION (-1) on a grid's counter of one rules version */
  shard: number
  residents: number
  households: number
  rulesVersion: number
  agreedPersons: number
  agreedHouseholds: number
  /** the register: households on it, and those of them without a 户代表 (absent before these counts: read as 0 until rebuilt) */
  registered?: number
  unrepresented?: number
  /**
   * 本村概况: the members counted here (every member, resident or not: on their shard of their household's grid, or a
   * change on the grid's counter of a version) and the party members of them; absent on a counter from before (the
   * village's figures are counted on read until the rebuild)
   */
  members?: number
  partyMembers?: number
}

export interface Person {
  _id: string
  /** WeChat identity in the cloud; demo identities locally */
  openid: string
  name: string
  createdAt: number
  /** a person of the demo village (local runtime only) */
  demo?: boolean
}

/** One person per openid: `_id` is the SHA-256 of the openid, so the claim is unique without the id revealing it. */
export interface PersonKey {
  _id: string
  personId: string
}

/** households a page of the register (and of a grid's members); members a page of the committee's list */
export const REGISTER_PAGE = 30
export const MEMBERS_PAGE = 50
/** a search answers at most REGISTER_PAGE households; past them, or past this many people of the name, it asks for more characters */
export const SEARCH_PEOPLE = 99
/** the register's `gridId` of the households in no grid */
export const NO_GRID = 'none'

/** why a membership ends (the register) */
export const END_REASONS = ['迁出', '去世', '其他'] as const

export const ROLES = ['resident', 'householdRep', 'committee', 'gridWorker', 'hallStaff', 'townOfficer'] as const
export type Role = (typeof ROLES)[number]

/** a role's word where no village is known (村（居）委会); where one is, roleWord */
export const ROLE_LABELS: Record<Role, string> = {
  resident: '村民',
  householdRep: '户代表',
  committee: '村（居）委会',
  gridWorker: '网格员',
  hallStaff: '服务站工作人员',
  townOfficer: '镇街干部',
}

/** 村委会 in a village, 居委会 in an urban community: one word, never 村（居）委会 where the village is known */
export const committeeWord = (kind: VillageKind): '村委会' | '居委会' => (kind === 'community' ? '居委会' : '村委会')
/** 村民 in a village, 居民 in an urban community */
export const peopleWord = (kind: VillageKind): '村民' | '居民' => (kind === 'community' ? '居民' : '村民')
/** 本村 in a village, 本社区 in an urban community */
export const hereWord = (kind: VillageKind): '本村' | '本社区' => (kind === 'community' ? '本社区' : '本村')
/** A village's own words, server and app alike: 村委会/居委会, 村民/居民, 本村/本社区 (村（居） only where no village is known). */
export interface VillageWords {
  committee: '村委会' | '居委会'
  people: '村民' | '居民'
  here: '本村' | '本社区'
}
export const villageWords = (kind: VillageKind): VillageWords => ({ committee: committeeWord(kind), people: peopleWord(kind), here: hereWord(kind) })
/** a role's word in a village of this kind (村民/居民, 村委会/居委会) */
export function roleWord(role: Role, kind: VillageKind): string {
  if (role === 'resident') return peopleWord(kind)
  if (role === 'committee') return committeeWord(kind)
  return ROLE_LABELS[role]
}

/**
 * Who takes part in a village's life (votes, comments, proposes, co-signs, agrees to the rules, books, reports,
 * volunteers, writes to the committee): its residents. Staff, town officers and grid workers serve it. The
 * server's ACCESS.resident and the app's buttons both read this, so a button is never offered and then refused.
 */
export const PARTICIPANT_ROLES: readonly Role[] = ['resident']
/** the roles that serve a village: a member holding one is `serving`, so its few are found without reading its residents */
export const SERVING_ROLES: readonly Role[] = ['committee', 'gridWorker', 'hallStaff', 'townOfficer']
export const servesIn = (roles: readonly Role[]): boolean => roles.some((r) => SERVING_ROLES.includes(r))
export const takesPart = (m: { roles: readonly Role[] }): boolean => m.roles.some((r) => PARTICIPANT_ROLES.includes(r))
/** why a member who serves the village cannot do `what` there: 您不是本村村民，不能投票 */
export const notResidentReason = (kind: VillageKind, what: string): string => `您不是${hereWord(kind)}${peopleWord(kind)}，不能${what}`

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
  /**
   * holds one of SERVING_ROLES (servesIn(roles)); absent on a resident. Indexed with villageId: a grid's workers, the
   * committee, the town's officers are read among the village's few serving members, not among its thousands.
   */
  serving?: boolean
  joinedAt: number
  /**
   * the rules version this member agreed to, when it is the village's current one (0 or an older number: not agreed to
   * the current one), kept with the agreement for 首页's 待办; absent on a membership from before it: the agreement is read
   */
  rulesAgreed?: number
  /**
   * the village's facts that never change once it is set up (no action writes them), copied when the membership is
   * made: a step that needs only its words, name or town reads them here, where the router already read them, and
   * not the village (villageFactsOf). Absent on a membership from before it until the startup migration adds them.
   */
  village?: VillageFacts
  /**
   * approved, and not yet on the register: the job (admissions.ts) makes the household or names its 户代表, counts the
   * member on the residents' counters and sets rulesAgreed, then clears it. Until then the member counts nowhere: a
   * departure takes nothing back, an agreement is counted with them by the job.
   */
  registerDue?: true
}

/** what a membership carries of its village (its grids once the village carries them) */
export type VillageFacts = Pick<Village, 'name' | 'kind' | 'townId' | 'grids'>
export const villageFacts = (v: Village): VillageFacts => ({ name: v.name, kind: v.kind, townId: v.townId, ...(v.grids && { grids: v.grids }) })

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
  /** when the committee was reminded of a request left pending (once) */
  remindedAt?: number | null
  /** the committee is still to be told of it: the job tells them of a village's new requests at once (jobs.ts), then clears it */
  noticeDue?: true
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

/**
 * What became of a notification's push: still to try, in flight, or its outcome (see ports PushOutcome);
 * failed after every try; unknown when its process died during the push (it is not pushed again).
 */
export type PushState = 'pending' | 'sending' | 'sent' | 'not-subscribed' | 'off' | 'failed' | 'unknown'

/** A notification as stored: the notice and its push's bookkeeping (notices.ts). */
export interface StoredNotification extends AppNotification {
  push?: PushState
  pushAttempts?: number
  /** while `sending`: when a push that has not reported back counts as dead */
  pushLeaseUntil?: number
  /**
   * A notice to one person is its own outbox entry (no event): while its push is to try or in flight, when the job
   * takes it up (now, after a failed try's delay, or at the end of the lease of a push in flight); gone once it has an
   * outcome. An event's notifications have none: their event is their outbox entry.
   */
  pushAt?: number
}

/** who serves a part of the village: a grid's workers (none for no grid), or the officers of its town */
export type ServingPart = { gridWorkers: string | null } | 'townOfficers'

/** The outbox: one entry per notice sent (to one person, several, or the committee), delivered after its change commits. */
export interface NoticeEvent {
  _id: string
  villageId: string
  /**
   * person ids, or the village's committee, its residents, one household's members, those serving a part of it
   * (ServingPart) or those who added 同问 to a report, as they are at delivery
   */
  to: string[] | 'committee' | 'residents' | 'household' | 'metoo' | ServingPart
  /** with `to` residents: the one not told (who published what they are told of) */
  except?: string | null
  /** with `to` household: the household whose members are told */
  householdId?: string
  /** with `to` metoo: the report whose 同问 marks say who is told */
  reportId?: string
  title: string
  body: string
  page: string | null
  createdAt: number
  /** done once every notification is stored and every push has an outcome */
  status: 'pending' | 'done'
  attempts: number
  /** when the job may try it (again) */
  nextAt: number
  /** how many of its people this pass has delivered to: a delivery works in batches and the next one resumes here */
  cursor?: number
  /** with `to` residents: the keyset cursor of the village's members (by name) after the last batch of this pass */
  after?: string | null
  /** pushes of this pass still to retry: at the end of the list, the next pass starts over after a delay */
  unfinished?: number
}

/** 入村申请 */
export const JOIN_STATUS_LABELS: Record<JoinStatus, string> = { pending: '待审核', approved: '已通过', rejected: '未通过' }

declare module '../../ports/store' {
  interface Collections {
    regions: Region
    villages: Village
    grids: Grid
    halls: Hall
    households: Household
    residentCounts: ResidentCount
    persons: Person
    personKeys: PersonKey
    memberships: Membership
    joinRequests: JoinRequest
    notifications: StoredNotification
    noticeOutbox: NoticeEvent
  }
}
