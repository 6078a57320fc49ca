/** The boards' pure rules: the entry and nomination state machines, who sees a name, who may appeal and when, the ranking. */
import { zhCompare } from '../../common/time'
import type { StateMachine } from '../../common/transition'
import { keepWaiting } from '../account/waiting'
import type { BoardEntry, EntryStatus, NominationStatus } from './documents'
import { BOARD_LABELS, ENTRY_STATUS_LABELS } from './documents'

export const DAY_MS = 24 * 3600 * 1000

type EntryEvent = 'notify' | 'issue' | 'appeal' | 'publish' | 'uphold' | 'reject' | 'withdraw' | 'expire'

/** draft -> notice -> (published | appealed -> withdrawn | published) -> expired; red and good: draft -> published */
export const ENTRY_MACHINE: StateMachine<'boardEntries', EntryEvent> = {
  collection: 'boardEntries',
  targetType: 'boardEntry',
  auditPrefix: 'boards',
  steps: {
    /** a black entry goes to the named household first (公示前告知) */
    notify: { from: ['draft'], to: 'notice' },
    /** a red or good draft is published */
    issue: { from: ['draft'], to: 'published' },
    appeal: { from: ['notice'], to: 'appealed' },
    /** the notice period ended without appeal (the job) */
    publish: { from: ['notice'], to: 'published' },
    uphold: { from: ['appealed'], to: 'withdrawn' },
    reject: { from: ['appealed'], to: 'published' },
    withdraw: { from: ['draft', 'notice', 'appealed', 'published'], to: 'withdrawn' },
    expire: { from: ['published'], to: 'expired' },
  },
  refusal(status: EntryStatus, event: EntryEvent) {
    if (event === 'appeal') return status === 'appealed' ? '已经提交申诉，请等待村委会答复' : '公示期已过，不能再申诉'
    if (event === 'uphold' || event === 'reject') return status === 'notice' ? '该条目没有申诉' : `该条目${ENTRY_STATUS_LABELS[status]}，申诉已处理`
    return `该条目${ENTRY_STATUS_LABELS[status]}，不能再${event === 'withdraw' ? '撤销' : '发布'}`
  },
  label: (e) => `${BOARD_LABELS[e.board]}：${e.place}`,
  // under appeal: the committee's 待办 counts it until decided or withdrawn
  counted: (tx, before, after) => keepWaiting(tx, 'appeals', [after.villageId], before, after),
}

export const NOMINATION_MACHINE: StateMachine<'nominations', 'accept' | 'decline'> = {
  collection: 'nominations',
  targetType: 'nomination',
  auditPrefix: 'nominations',
  steps: { accept: { from: ['pending'], to: 'accepted' }, decline: { from: ['pending'], to: 'declined' } },
  refusal: (status: NominationStatus) => (status === 'accepted' ? '该推荐已经入榜' : '该推荐已经评议过'),
  label: (n) => `善行义举推荐：${n.nomineeName}`,
}

/** who is reading: enough to decide what they may see */
export interface Viewer {
  personId: string
  householdId: string | null
  committee: boolean
}

/** the entry names this person or their household */
export function isNamed(e: Pick<BoardEntry, 'responsible'>, v: Pick<Viewer, 'personId' | 'householdId'>): boolean {
  const r = e.responsible
  return (r.personId !== null && r.personId === v.personId) || (r.householdId !== null && r.householdId === v.householdId)
}

/** 陈** : the family name and two stars whatever the name's length, so the mask tells nothing of the given name */
export function maskName(name: string): string {
  const chars = [...name.trim()]
  return chars.length ? `${chars[0]}**` : '**'
}

/**
 * Private persons' names on the black board are masked for everyone but the committee and the named household,
 * unless the committee recorded a reason to show them. Red and good boards praise: names are shown.
 */
export function nameVisible(e: Pick<BoardEntry, 'board' | 'nameShown' | 'responsible'>, v: Viewer): boolean {
  return e.board !== 'black' || e.nameShown !== null || v.committee || isNamed(e, v)
}

/** published and expired entries are the village's; the others only the committee's and (but drafts) the named household's */
export function entryVisible(e: Pick<BoardEntry, 'status' | 'responsible'>, v: Viewer): boolean {
  if (e.status === 'published' || e.status === 'expired') return true
  if (v.committee) return true
  return e.status !== 'draft' && isNamed(e, v)
}

/** why this reader may not appeal this entry now; null when they may */
export function appealRefusal(e: Pick<BoardEntry, 'board' | 'status' | 'noticeUntil' | 'responsible'>, v: Viewer, now: number): string | null {
  if (e.board !== 'black' || !isNamed(e, v)) return '只有被公示的住户可以申诉'
  if (e.status === 'appealed') return '已经提交申诉，请等待村委会答复'
  if (e.status !== 'notice' || e.noticeUntil === null || now >= e.noticeUntil) return '公示期已过，不能再申诉'
  return null
}

/** a black entry's notice due for publishing: the period ended without appeal */
export const noticeEnded = (e: Pick<BoardEntry, 'status' | 'noticeUntil'>, now: number) => e.status === 'notice' && e.noticeUntil !== null && e.noticeUntil <= now
export const expiryDue = (e: Pick<BoardEntry, 'status' | 'expiresAt'>, now: number) => e.status === 'published' && e.expiresAt !== null && e.expiresAt <= now

/** The red board's running tally: points per road section, highest first (ties by name). */
export function rankSections(entries: ReadonlyArray<Pick<BoardEntry, 'board' | 'status' | 'section' | 'responsible' | 'points'>>): Array<{ section: string; points: number; entries: number }> {
  const rows = new Map<string, { section: string; points: number; entries: number }>()
  for (const e of entries) {
    if (e.board !== 'red' || (e.status !== 'published' && e.status !== 'expired')) continue
    const section = e.section ?? e.responsible.section
    if (!section) continue
    const row = rows.get(section) ?? { section, points: 0, entries: 0 }
    row.points += e.points ?? 0
    row.entries += 1
    rows.set(section, row)
  }
  return [...rows.values()].sort((a, b) => b.points - a.points || zhCompare(a.section, b.section))
}

