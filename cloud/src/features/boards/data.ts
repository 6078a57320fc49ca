/** Loading and showing entries: the reader, the village's settings, the clause an entry cites, views, notice links. */
import { ApiError } from '../../errors'
import type { MemberContext } from '../../handler'
import type { Store } from '../../ports/store'
import { findAll, getInVillage } from '../../common/load'
import { clauseLabel } from '../../contract/tables'
import { isCommittee } from '../account/policy'
import { pageUrl } from '../../../../src/routes'
import type { BoardEntry, BoardSettings, ClauseRef, Council, Nomination } from './documents'
import { DEFAULT_BOARD_SETTINGS } from './documents'
import type { BoardSettingsView, EntryView, NominationView } from './contract'
import { appealRefusal, entryVisible, isNamed, maskName, nameVisible, type Viewer } from './policy'

/** the pages a notice links to */
export const PAGES = {
  entry: (entryId: string) => pageUrl('boards.entry', { entryId }),
  mine: pageUrl('boards.mine'),
  nominations: pageUrl('boards.nominations'),
}

export const viewerOf = (ctx: MemberContext): Viewer => ({ personId: ctx.person._id, householdId: ctx.membership.householdId, committee: isCommittee(ctx.membership) })

export async function settingsOf(store: Pick<Store, 'get'>, villageId: string): Promise<BoardSettingsView> {
  const s: BoardSettings | null = await store.get('boardSettings', villageId)
  return s ? { noticeDays: s.noticeDays, expiryDays: s.expiryDays, updatedByName: s.updatedByName, updatedAt: s.updatedAt } : { ...DEFAULT_BOARD_SETTINGS, updatedByName: null, updatedAt: null }
}

/**
 * Each seat holder's membership of the village given the list of their 四会 (Membership.councils), from the seats: the
 * seed, and once a data folder from before the list. Others keep no list (their seat, if any appears, is read).
 * Returns how many memberships it wrote.
 */
export async function rebuildMembershipCouncils(store: Store, villageId: string): Promise<number> {
  const held = new Map<string, Council[]>()
  for (const seat of await findAll(store, 'councilMembers', { villageId })) held.set(seat.personId, [...(held.get(seat.personId) ?? []), seat.council])
  let written = 0
  for (const [personId, councils] of held) written += await store.update('memberships', { _id: `${villageId}:${personId}` }, { set: { councils } })
  return written
}

/** An entry this reader may see, or NOT_FOUND (an entry not yet public reads as missing to others). */
export async function loadEntry(ctx: MemberContext, villageId: string, entryId: string): Promise<BoardEntry> {
  const e = await getInVillage(ctx.ports.store, 'boardEntries', entryId, villageId, '找不到该榜单条目')
  if (!entryVisible(e, viewerOf(ctx))) throw new ApiError('NOT_FOUND', '找不到该榜单条目')
  return e
}

/**
 * The clause of the village's current rules with this id, as it reads now (kept with the entry). The current version
 * is its latest published one (publishing one moves the village's number with it, in one transaction): one read.
 */
export async function clauseOf(store: Pick<Store, 'find'>, villageId: string, clauseId: string): Promise<ClauseRef> {
  const [version] = await store.find('ruleVersions', { villageId, status: 'published' }, { sort: [['number', 'desc']], limit: 1 })
  if (!version) throw new ApiError('BAD_INPUT', '本村还没有发布村规民约，不能引用条款', { clauseId: '本村还没有发布村规民约' })
  const clauses = version.chapters.flatMap((c) => c.clauses)
  const i = clauses.findIndex((k) => k.id === clauseId)
  if (i < 0) throw new ApiError('BAD_INPUT', '找不到该条款，请从现行村规民约中选择', { clauseId: '找不到该条款' })
  return { versionId: version._id, version: version.number, clauseId, no: i + 1, label: clauseLabel(i + 1), text: clauses[i].text }
}

/** The entries as this reader sees them (one photo-URL lookup for all). */
export async function entryViews(ctx: MemberContext, entries: BoardEntry[]): Promise<EntryView[]> {
  const v = viewerOf(ctx)
  const ids = [...new Set(entries.flatMap((e) => [...e.photos, ...(canSeeAppeal(e, v) ? (e.appeal?.photos ?? []) : [])]))]
  const urls = ids.length ? await ctx.ports.files.urls(ids) : {}
  return entries.map((e) => viewOf(e, v, urls, ctx.now))
}
export const entryView = async (ctx: MemberContext, e: BoardEntry): Promise<EntryView> => (await entryViews(ctx, [e]))[0]

const canSeeAppeal = (e: BoardEntry, v: Viewer) => v.committee || isNamed(e, v)

export function viewOf(e: BoardEntry, v: Viewer, urls: Record<string, string>, now: number): EntryView {
  const shown = nameVisible(e, v)
  const privy = canSeeAppeal(e, v)
  const mine = isNamed(e, v)
  const refusal = appealRefusal(e, v, now)
  const photoUrls: Record<string, string> = {}
  for (const id of [...e.photos, ...(privy ? (e.appeal?.photos ?? []) : [])]) if (urls[id]) photoUrls[id] = urls[id]
  return {
    id: e._id,
    board: e.board,
    status: e.status,
    place: e.place,
    section: e.section,
    responsible: shown ? e.responsible : { ...e.responsible, name: maskName(e.responsible.name) },
    masked: !shown,
    what: e.what,
    photos: e.photos,
    photoUrls,
    clause: e.clause,
    period: e.period,
    reward: e.reward,
    points: e.points,
    nameShownReason: e.nameShown?.reason ?? null,
    noticeUntil: e.noticeUntil,
    publishedAt: e.publishedAt,
    expiresAt: e.expiresAt,
    createdByName: e.createdByName,
    createdAt: e.createdAt,
    appeal: privy ? e.appeal : null,
    withdrawn: privy ? e.withdrawn && { reason: e.withdrawn.reason, byName: e.withdrawn.byName, at: e.withdrawn.at } : null,
    mine,
    can: { appeal: refusal === null, appealWhy: mine ? refusal : null, manage: v.committee },
  }
}

export async function nominationViews(ctx: MemberContext, list: Nomination[]): Promise<NominationView[]> {
  const ids = [...new Set(list.flatMap((n) => n.photos))]
  const urls = ids.length ? await ctx.ports.files.urls(ids) : {}
  return list.map(({ by, ...n }) => ({ ...n, mine: by === ctx.person._id, photoUrls: Object.fromEntries(n.photos.filter((p) => urls[p]).map((p) => [p, urls[p]])) }))
}
