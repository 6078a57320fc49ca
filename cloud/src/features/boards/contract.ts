/**
 * 红黑榜 and 善行义举榜: the village's public boards that praise and name, with the notice period and
 * appeal that make the black board fair, good-deeds nominations reviewed by the 道德评议会, the 四会's
 * members and the board settings. Every view and input (documents are in documents.ts); the client
 * imports this file for types only.
 */
import { z } from 'zod'
import { id, photos as photosOf, text, villageId } from '../../contract/inputs'
import { action } from '../../contract/action'
import type { Board, BoardEntry, ClauseRef, Council, EntryStatus, Nomination, Responsible } from './documents'

// ---------------------------------------------------------------------------------------------
// views

/** An entry as one reader may see it: a private person's name on the black board masked (陈**) unless shown. */
export interface EntryView {
  id: string
  board: Board
  status: EntryStatus
  place: string
  section: string | null
  /** `name` is masked where the reader may not see it in full */
  responsible: Responsible
  /** true when responsible.name is masked for this reader */
  masked: boolean
  what: string
  photos: string[]
  /** fileId -> url */
  photoUrls: Record<string, string>
  clause: ClauseRef | null
  period: string
  reward: string | null
  points: number | null
  /** the recorded reason the name is shown in full; null when it is not */
  nameShownReason: string | null
  noticeUntil: number | null
  publishedAt: number | null
  expiresAt: number | null
  createdByName: string
  createdAt: number
  /** the committee and the named household only (appeal text, council opinion, decision, reply); else null */
  appeal: BoardEntry['appeal']
  /** why it was withdrawn: the committee and the named household only */
  withdrawn: { reason: string; byName: string; at: number } | null
  /** I (or my household) am the one named */
  mine: boolean
  can: {
    /** I may appeal now */
    appeal: boolean
    /** why I may not (when I am named), e.g. 公示期已过，不能再申诉 */
    appealWhy: string | null
    /** committee: issue, withdraw, decide the appeal */
    manage: boolean
  }
}

export interface BoardPage {
  board: Board
  /** YYYY-MM */
  month: string
  /** the months that have published entries on this board (newest first), always with the current month */
  months: string[]
  entries: EntryView[]
}

export interface RankingRow {
  section: string
  points: number
  entries: number
}

export interface NominationView extends Omit<Nomination, 'by'> {
  mine: boolean
  photoUrls: Record<string, string>
}

export interface CouncilView {
  council: Council
  label: string
  members: Array<{ personId: string; name: string; since: number; byName: string }>
}

export interface BoardSettingsView {
  noticeDays: number
  expiryDays: number
  updatedByName: string | null
  updatedAt: number | null
}

// ---------------------------------------------------------------------------------------------
// inputs

const entryId = id
const month = z.string().trim().regex(/^20\d\d-(0[1-9]|1[0-2])$/, '月份格式应为 2026-03')
const photos = photosOf(9).default([])
const board = z.enum(['red', 'black', 'good'], { errorMap: () => ({ message: '请选择榜单' }) })
const council = z.enum(['villagers', 'moral', 'antiDrugGambling', 'weddingFuneral'], { errorMap: () => ({ message: '请选择四会之一' }) })

const responsible = z.discriminatedUnion(
  'kind',
  [
    z.object({ kind: z.literal('household'), householdId: id }),
    z.object({ kind: z.literal('person'), personId: id }),
    /** a road section and its 保洁 responsible person: a member (personId) or a name */
    z.object({ kind: z.literal('section'), section: text('路段', 40), personId: id.optional(), name: text('保洁责任人', 20).optional() }),
  ],
  { errorMap: () => ({ message: '请选择责任方' }) },
)

const entryBody = z.object({
  villageId,
  board,
  place: text('地点', 60),
  /** the road section the place belongs to (counts the red board's points) */
  section: text('路段', 40).nullable().default(null),
  responsible,
  what: text('事由', 500),
  photos,
  /** a clause id of the village's current rules */
  clauseId: id.nullable().default(null),
  /** YYYY-MM; default the current month (Beijing) */
  period: month.optional(),
  /** red only */
  reward: text('奖励说明', 100).nullable().default(null),
  points: z.number().int('积分应为整数').min(0, '积分不能为负').max(1000, '积分不超过1000').nullable().default(null),
  /** a recorded reason to show a private person's name in full on the black board */
  showNameReason: text('实名公示理由', 200, 2).nullable().default(null),
  /** save without sending (black: no notice yet) */
  draft: z.boolean().default(false),
})

/** residents and everyone who serves the village read the boards */
export const boardReadingActions = {
  /** one board's published entries of a month (default: this month), with the months that have entries */
  'boards.list': action<BoardPage>()(z.object({ villageId, board, month: month.optional() })),
  /** one entry: published and expired ones to every member; others to the committee and the named household */
  'boards.entry': action<EntryView>()(z.object({ villageId, entryId })),
  /** entries naming me or my household (every state but draft) and my nominations */
  'boards.mine': action<{ entries: EntryView[]; nominations: NominationView[] }>()(z.object({ villageId })),
  /** the red board's running tally per road section (points of published and expired red entries); month: that month only */
  'boards.ranking': action<RankingRow[]>()(z.object({ villageId, month: month.optional() })),
  /** the 四会 and their members; personId: only the 会 that person belongs to (their card) */
  'councils.list': action<CouncilView[]>()(z.object({ villageId, personId: id.optional() })),
}

export const boardCommitteeActions = {
  /** red / good: published at once; black: to the named household as a notice (公示前告知); draft: saved only */
  'boards.create': action<EntryView>()(entryBody),
  /** a draft goes out: black to its notice period, red / good published */
  'boards.issue': action<EntryView>()(z.object({ villageId, entryId })),
  'boards.withdraw': action<EntryView>()(z.object({ villageId, entryId, reason: text('撤销理由', 200, 2) })),
  /** uphold: the entry is withdrawn; reject: it is published and the reply shown to the appellant */
  'boards.decideAppeal': action<EntryView>()(
    z.object({
      villageId,
      entryId,
      decision: z.enum(['uphold', 'reject'], { errorMap: () => ({ message: '请选择支持或驳回申诉' }) }),
      councilOpinion: text('道德评议会意见', 500, 2),
      reply: text('答复', 500, 2),
    }),
  ),
  /** every entry of the village by state, newest first, with the count in each state */
  'boards.manage': action<{ entries: EntryView[]; counts: Record<EntryStatus, number> }>()(
    z.object({ villageId, status: z.enum(['draft', 'notice', 'appealed', 'published', 'withdrawn', 'expired']).optional() }),
  ),
  'boards.settings': action<BoardSettingsView>()(z.object({ villageId })),
  'boards.setSettings': action<BoardSettingsView>()(
    z.object({
      villageId,
      noticeDays: z.number().int('告知天数应为整数').min(1, '告知期至少1天').max(30, '告知期不超过30天'),
      expiryDays: z.number().int('公示天数应为整数').min(7, '公示期至少7天').max(730, '公示期不超过730天'),
    }),
  ),
  'councils.appoint': action<CouncilView[]>()(z.object({ villageId, council, personId: id })),
  'councils.remove': action<CouncilView[]>()(z.object({ villageId, council, personId: id, reason: text('理由', 200, 2).optional() })),
}

export const boardResidentActions = {
  /** the named household, during the notice period only */
  'boards.appeal': action<EntryView>()(z.object({ villageId, entryId, text: text('申诉理由', 1000, 5), photos })),
  /** nominate a neighbour for the good-deeds board: a member (nomineePersonId) or a name */
  'boards.nominate': action<NominationView>()(
    z.object({ villageId, nomineeName: text('被推荐人', 20), nomineePersonId: id.optional(), place: text('地点', 60).optional(), deed: text('善行义举事迹', 1000, 10), photos }),
  ),
}

/** the 道德评议会 (or the committee) */
export const boardCouncilActions = {
  'boards.nominations': action<NominationView[]>()(z.object({ villageId, status: z.enum(['pending', 'accepted', 'declined']).optional() })),
  /** accept: a good entry is published from it; decline: with the reasons, told to the nominator */
  'boards.reviewNomination': action<NominationView>()(
    z.object({ villageId, nominationId: id, decision: z.enum(['accept', 'decline'], { errorMap: () => ({ message: '请选择入榜或不入选' }) }), reason: text('评议理由', 500, 2) }),
  ),
}

export const boardsActions = { ...boardReadingActions, ...boardCommitteeActions, ...boardResidentActions, ...boardCouncilActions }

