/**
 * 红黑榜 and 善行义举榜's documents as stored: board entries (with their appeal), good-deeds nominations,
 * the 四会's members and each village's board settings. Instants are epoch ms; every document carries its villageId.
 */

/** red: 红榜 (praise), black: 黑榜 (names a breach of the rules), good: 善行义举榜 */
export type Board = 'red' | 'black' | 'good'
export const BOARDS = ['red', 'black', 'good'] as const satisfies readonly Board[]

/**
 * draft -> notice (black: 公示前告知 to the named household until noticeUntil) -> published (the job, when the
 * notice ends without appeal) | appealed -> withdrawn (appeal upheld) | published (appeal rejected, reply shown).
 * Red and good entries go from draft (or creation) straight to published. published -> expired (the job, at
 * expiresAt: off the public board, kept in history). The committee may withdraw any entry not yet expired, with a reason.
 */
export type EntryStatus = 'draft' | 'notice' | 'appealed' | 'published' | 'withdrawn' | 'expired'

/** who an entry is about: a household, one person, or a road section with its 保洁 responsible person */
export type ResponsibleKind = 'household' | 'person' | 'section'
export interface Responsible {
  kind: ResponsibleKind
  /** household: the household; person: their household (if any) */
  householdId: string | null
  /** person: the person; section: the 保洁 responsible person when a member of the village */
  personId: string | null
  /** household: its head's name; person: the person's name; section: the 保洁 responsible person's name */
  name: string
  /** household / person: the 门牌号 */
  doorplate: string | null
  /** section: the road section (路段) */
  section: string | null
}

/** The clause of the village's rules an entry concerns, as it read when the entry was made. */
export interface ClauseRef {
  versionId: string
  /** the rules version's number (第1版) */
  version: number
  clauseId: string
  /** the clause's number across chapters (第三条 = 3) */
  no: number
  /** 第三条 */
  label: string
  text: string
}

export interface Decision {
  reason: string
  by: string
  byName: string
  at: number
}

/** 申诉: one per black entry, by the named household during the notice period. */
export interface Appeal {
  text: string
  /** fileIds */
  photos: string[]
  by: string
  byName: string
  at: number
  /** the 道德评议会's opinion, recorded with the committee's decision */
  councilOpinion: string | null
  /** upheld: the entry is withdrawn; rejected: it is published, with the reply shown to the appellant */
  decision: 'upheld' | 'rejected' | null
  reply: string | null
  decidedBy: string | null
  decidedByName: string | null
  decidedAt: number | null
}

export interface BoardEntry {
  _id: string
  villageId: string
  board: Board
  status: EntryStatus
  /** where: road section, lane, household number… */
  place: string
  /** the road section the place belongs to (the red board's ranking counts points by it) */
  section: string | null
  responsible: Responsible
  /** what was seen / done */
  what: string
  /** fileIds */
  photos: string[]
  clause: ClauseRef | null
  /** the board's period, YYYY-MM (Beijing) */
  period: string
  /** red only: 积分 / 奖励 */
  reward: string | null
  points: number | null
  /** the committee's recorded reason to show a private person's name in full on the black board; null: masked */
  nameShown: { reason: string; byName: string; at: number } | null
  /** black: the end of the notice period (公示前告知) */
  noticeUntil: number | null
  publishedAt: number | null
  /** set when published: when it leaves the public board */
  expiresAt: number | null
  expiredAt: number | null
  appeal: Appeal | null
  withdrawn: Decision | null
  /** the good-deeds nomination it came from */
  nominationId: string | null
  createdBy: string
  createdByName: string
  createdAt: number
}

export type NominationStatus = 'pending' | 'accepted' | 'declined'
/** 善行义举 nomination by a resident, reviewed by the 道德评议会 (or the committee). */
export interface Nomination {
  _id: string
  villageId: string
  nomineeName: string
  nomineePersonId: string | null
  nomineeHouseholdId: string | null
  place: string
  deed: string
  photos: string[]
  by: string
  byName: string
  at: number
  status: NominationStatus
  review: Decision | null
  /** accepted: the good entry it became */
  entryId: string | null
}

/** 四会 */
export type Council = 'villagers' | 'moral' | 'antiDrugGambling' | 'weddingFuneral'
export const COUNCILS = ['villagers', 'moral', 'antiDrugGambling', 'weddingFuneral'] as const satisfies readonly Council[]
export const COUNCIL_LABELS: Record<Council, string> = {
  villagers: '村民议事会',
  moral: '道德评议会',
  antiDrugGambling: '禁毒禁赌会',
  weddingFuneral: '红白理事会',
}

export interface CouncilMember {
  /** `${villageId}:${council}:${personId}` */
  _id: string
  villageId: string
  council: Council
  personId: string
  name: string
  since: number
  byName: string
}

export interface BoardSettings {
  /** the villageId */
  _id: string
  villageId: string
  /** days a black entry stays with the named household before it is published */
  noticeDays: number
  /** days a published entry stays on the public board */
  expiryDays: number
  updatedByName: string | null
  updatedAt: number | null
}
export const DEFAULT_BOARD_SETTINGS = { noticeDays: 3, expiryDays: 90 } as const

export const BOARD_LABELS: Record<Board, string> = { red: '红榜', black: '黑榜', good: '善行义举榜' }
export const ENTRY_STATUS_LABELS: Record<EntryStatus, string> = {
  draft: '草稿',
  notice: '公示前告知',
  appealed: '申诉中',
  published: '已公示',
  withdrawn: '已撤销',
  expired: '已到期',
}
export const NOMINATION_STATUS_LABELS: Record<NominationStatus, string> = { pending: '待评议', accepted: '已入榜', declined: '未入选' }
export const RESPONSIBLE_KIND_LABELS: Record<ResponsibleKind, string> = { household: '住户', person: '个人', section: '路段' }

declare module '../account/documents' {
  interface Membership {
    /**
     * the 四会 whose member this is, kept with the seats (councilMembers) by councils.appoint and councils.remove: a
     * reviewer of nominations is checked where the router already read the membership. Absent on a membership from
     * before it (until the startup migration adds them) or made since (a new member, or one who came back): the seat is read.
     */
    councils?: Council[]
  }
}

declare module '../../ports/store' {
  interface Collections {
    boardEntries: BoardEntry
    nominations: Nomination
    councilMembers: CouncilMember
    boardSettings: BoardSettings
  }
}
