/** Pure rules of the village rules: numbering, diff, rates, publish validation, the follow-up list. */
import type { Grid, Household, Membership, VillageKind } from '../account/documents'
import type { RuleAdoption, RuleChapter, RuleVersion } from './documents'
import { adoptionMeetings, chineseNumber, clauseLabel } from './documents'
import type {
  ChangedClause,
  DiffClause,
  FollowUpGrid,
  FollowUpHousehold,
  NumberedChapter,
  PublishProblem,
  Rate,
  RulesDiff,
  RulesProgress,
} from './contract'
import { isCalendarDay } from './contract'
import { percent } from '../../common/time'


export { chineseNumber, clauseLabel }

export const chapterLabel = (no: number) => `第${chineseNumber(no)}章`
export const versionLabel = (n: number) => `第${n}版`

/** Chapters with their clauses numbered through the whole version (第一条, 第二条…), as rules are cited. */
export function numberChapters(chapters: RuleChapter[]): NumberedChapter[] {
  let no = 0
  return chapters.map((c, i) => ({
    no: i + 1,
    label: chapterLabel(i + 1),
    title: c.title,
    clauses: c.clauses.map((k) => {
      no += 1
      return { id: k.id, no, label: clauseLabel(no), text: k.text }
    }),
  }))
}

export function clauseCount(chapters: RuleChapter[]): number {
  return chapters.reduce((n, c) => n + c.clauses.length, 0)
}

/** Clause text compared for the diff: surrounding and repeated whitespace do not make a change. */
export function sameText(a: string, b: string): boolean {
  const norm = (s: string) => s.replace(/\s+/g, ' ').trim()
  return norm(a) === norm(b)
}

type Located = DiffClause
function locate(chapters: RuleChapter[]): Map<string, Located> {
  const out = new Map<string, Located>()
  for (const c of numberChapters(chapters)) for (const k of c.clauses) out.set(k.id, { id: k.id, no: k.no, chapter: c.title, text: k.text })
  return out
}

/**
 * What changed from `from` to `to`, pairing clauses by their stable id: added, removed, changed
 * (old and new wording with their numbers in each version) and how many stayed the same. A clause
 * that moved to another chapter or was renumbered counts as changed only if its words changed.
 */
export function diffVersions(from: Pick<RuleVersion, 'number' | 'chapters'>, to: Pick<RuleVersion, 'number' | 'chapters'>): RulesDiff {
  const a = locate(from.chapters)
  const b = locate(to.chapters)
  const added: DiffClause[] = []
  const changed: ChangedClause[] = []
  let unchanged = 0
  for (const [id, nu] of b) {
    const old = a.get(id)
    if (!old) added.push(nu)
    else if (sameText(old.text, nu.text)) unchanged++
    else changed.push({ id, oldNo: old.no, newNo: nu.no, oldChapter: old.chapter, newChapter: nu.chapter, oldText: old.text, newText: nu.text })
  }
  const removed = [...a.values()].filter((k) => !b.has(k.id))
  return { from: from.number, to: to.number, added, removed, changed, unchanged }
}

function rate(agreed: number, total: number): Rate {
  return { agreed, total, percent: percent(agreed, total) }
}

export type ResidentLike = Pick<Membership, 'personId' | 'roles' | 'householdId'>
export const isResident = (m: Pick<Membership, 'roles'>) => m.roles.includes('resident')

/**
 * Progress on one version. Persons: residents (role 'resident') who agreed, of all residents.
 * Households: households with at least one resident who agreed, of the households that have residents.
 * Agreements of people who are not (or no longer) residents do not count.
 */
export function rulesProgress(members: ResidentLike[], agreedPersonIds: ReadonlySet<string>, versionNumber: number, kind: VillageKind): RulesProgress {
  const residents = members.filter(isResident)
  const agreedResidents = residents.filter((m) => agreedPersonIds.has(m.personId))
  const households = new Set(residents.map((m) => m.householdId).filter((h): h is string => !!h))
  const agreedHouseholds = new Set(agreedResidents.map((m) => m.householdId).filter((h): h is string => !!h))
  return progressOf({ residents: residents.length, households: households.size, agreedPersons: agreedResidents.length, agreedHouseholds: agreedHouseholds.size }, versionNumber, kind)
}

/** The progress from its counts (the counters the agreements and membership changes keep; rulesProgress is the recount). */
export function progressOf(c: ProgressCounts, versionNumber: number, kind: VillageKind): RulesProgress {
  const p: RulesProgress = { versionNumber, persons: rate(c.agreedPersons, c.residents), households: rate(c.agreedHouseholds, c.households), summary: '' }
  p.summary = progressSummary(kind, p)
  return p
}

export function progressSummary(kind: VillageKind, p: Pick<RulesProgress, 'households'>): string {
  return `${kind === 'community' ? '本社区' : '本村'}已有 ${p.households.agreed} 户 (${p.households.percent}%) 承诺`
}

export type DraftLike = Pick<RuleVersion, 'chapters' | 'effectiveDate' | 'adoption'>

/**
 * Why a draft cannot be published yet, in the order a committee member would fix it; [] when it can.
 * `today` is the Shanghai calendar day. Adoption follows the Organic Laws: 村民会议 needs more than half of
 * those entitled, a representatives' assembly two thirds, and a decision more than half of those present.
 */
export function publishProblems(draft: DraftLike, today: string, kind: VillageKind): PublishProblem[] {
  const out: PublishProblem[] = []
  const add = (field: string, message: string) => out.push({ field, message })
  const numbered = numberChapters(draft.chapters)
  if (clauseCount(draft.chapters) === 0) add('chapters', '还没有任何条款，请至少写一条再发布')
  numbered.forEach((c, ci) => {
    if (!c.title.trim()) add(`chapters.${ci}.title`, `${c.label}还没有标题`)
    if (c.clauses.length === 0 && draft.chapters.length > 0) add(`chapters.${ci}.clauses`, `${c.label}「${c.title || '未命名'}」没有条款，请添加条款或删去这一章`)
    c.clauses.forEach((k, ki) => {
      if (!k.text.trim()) add(`chapters.${ci}.clauses.${ki}.text`, `${k.label}（${c.label}）内容为空，请填写或删去`)
    })
  })

  const eff = draft.effectiveDate
  if (!eff) add('effectiveDate', '请填写施行日期')
  else if (!isCalendarDay(eff)) add('effectiveDate', '施行日期无效')
  else if (eff < today) add('effectiveDate', `施行日期（${eff}）已经过去，不能早于今天（${today}）`)

  out.push(...adoptionProblems(draft.adoption, today, eff && isCalendarDay(eff) ? eff : null, kind))
  return out
}

export function adoptionProblems(a: RuleAdoption, today: string, effectiveDate: string | null, kind: VillageKind): PublishProblem[] {
  const out: PublishProblem[] = []
  const add = (field: string, message: string) => out.push({ field, message })
  const allowed = adoptionMeetings(kind)
  if (!a.meeting) add('adoption.meeting', `请选择表决方式（${allowed.join('或')}）`)
  else if (!allowed.includes(a.meeting)) add('adoption.meeting', `${kind === 'community' ? '社区' : '村'}的公约应由${allowed.join('或')}表决`)
  if (!a.date) add('adoption.date', '请填写表决日期')
  else if (!isCalendarDay(a.date)) add('adoption.date', '表决日期无效')
  else if (a.date > today) add('adoption.date', `表决日期（${a.date}）不能晚于今天`)
  else if (effectiveDate && effectiveDate < a.date) add('effectiveDate', `施行日期不能早于表决日期（${a.date}）`)

  const { attendance, totalEligible, votesFor, votesAgainst, abstain } = a
  if (totalEligible === null || totalEligible <= 0) add('adoption.totalEligible', '请填写应到人数')
  if (attendance === null || attendance <= 0) add('adoption.attendance', '请填写到会人数')
  if (votesFor === null) add('adoption.votesFor', '请填写赞成票数')
  if (votesAgainst === null) add('adoption.votesAgainst', '请填写反对票数（没有填0）')
  if (abstain === null) add('adoption.abstain', '请填写弃权票数（没有填0）')
  if (out.length) return out

  if (attendance! > totalEligible!) add('adoption.attendance', `到会人数（${attendance}）不能多于应到人数（${totalEligible}）`)
  const cast = votesFor! + votesAgainst! + abstain!
  if (cast > attendance!) add('adoption.votesFor', `赞成、反对、弃权票合计（${cast}）不能多于到会人数（${attendance}）`)
  if (out.length) return out

  const representatives = a.meeting === '村民代表会议' || a.meeting === '居民代表会议'
  if (representatives ? attendance! * 3 < totalEligible! * 2 : attendance! * 2 <= totalEligible!) {
    const need = representatives ? Math.ceil((totalEligible! * 2) / 3) : Math.floor(totalEligible! / 2) + 1
    add('adoption.attendance', `到会人数不足：${a.meeting}须有${representatives ? '三分之二以上' : '过半数'}的人员参加（应到${totalEligible}人，至少${need}人）`)
  }
  if (votesFor! * 2 <= attendance!) add('adoption.votesFor', `赞成票（${votesFor}）未超过到会人数（${attendance}）的一半，未获通过`)
  return out
}

/** A new clause gets an id no other clause of the version has. */
export function assignClauseIds(chapters: Array<{ title: string; clauses: Array<{ id?: string; text: string }> }>, newKey: () => string): RuleChapter[] {
  const taken = new Set(chapters.flatMap((c) => c.clauses.map((k) => k.id).filter(Boolean)))
  return chapters.map((c) => ({
    title: c.title,
    clauses: c.clauses.map((k) => {
      if (k.id) return { id: k.id, text: k.text }
      let key = newKey()
      while (taken.has(key)) key = newKey()
      taken.add(key)
      return { id: key, text: k.text }
    }),
  }))
}

export interface LatestAgreement {
  number: number
  at: number
}

/**
 * The follow-up's entries for a page of households (in the given order): each household's residents who have not
 * agreed to the current version, with the version each last agreed to; a household where all did is left out. Only
 * residents count. Residents without a registered household come as one entry with `household` null.
 */
export function followUpHouseholds(input: {
  households: Array<Pick<Household, '_id' | 'doorplate' | 'headName'> | null>
  members: Membership[]
  agreedPersonIds: ReadonlySet<string>
  latest: ReadonlyMap<string, LatestAgreement>
}): FollowUpHousehold[] {
  const { households, members, agreedPersonIds, latest } = input
  const out: FollowUpHousehold[] = []
  for (const h of households) {
    const residents = members.filter((m) => isResident(m) && m.householdId === (h?._id ?? null))
    const pending = residents.filter((m) => !agreedPersonIds.has(m.personId))
    if (!pending.length) continue
    out.push({
      householdId: h?._id ?? null,
      doorplate: h?.doorplate ?? '未登记门牌',
      headName: h?.headName ?? '',
      residents: residents.length,
      householdAgreed: pending.length < residents.length,
      pending: pending
        .sort((x, y) => x.joinedAt - y.joinedAt)
        .map((m) => ({ personId: m.personId, name: m.name, relation: m.relation, agreedVersion: latest.get(m.personId)?.number ?? null, agreedAt: latest.get(m.personId)?.at ?? null })),
    })
  }
  return out
}

/** the counts of a grid (or a village) as the progress counters keep them */
export interface ProgressCounts {
  residents: number
  households: number
  agreedPersons: number
  agreedHouseholds: number
}

/**
 * The grids to follow up, in grid order then the residents in no grid (null), each with who has not agreed from the
 * counters; grids where everyone agreed are left out, and with `onlyGrids` (a grid worker's) those not listed.
 */
export function followUpGrids(counts: ReadonlyMap<string | null, ProgressCounts>, grids: Array<Pick<Grid, '_id' | 'name'>>, onlyGrids: ReadonlySet<string> | null): FollowUpGrid[] {
  const known = new Set(grids.map((g) => g._id))
  const out: FollowUpGrid[] = []
  const add = (gridId: string | null, gridName: string, c: ProgressCounts | undefined) => {
    if (!c || c.residents - c.agreedPersons <= 0) return
    out.push({ gridId, gridName, pendingPersons: c.residents - c.agreedPersons, pendingHouseholds: c.households - c.agreedHouseholds })
  }
  for (const g of grids) if (!onlyGrids || onlyGrids.has(g._id)) add(g._id, g.name, counts.get(g._id))
  if (!onlyGrids) {
    // a grid removed from the list counts with the households in none
    const none = [...counts].filter(([id]) => id === null || !known.has(id)).map(([, c]) => c)
    if (none.length) add(null, '未分网格', none.reduce((s, c) => ({ residents: s.residents + c.residents, households: s.households + c.households, agreedPersons: s.agreedPersons + c.agreedPersons, agreedHouseholds: s.agreedHouseholds + c.agreedHouseholds })))
  }
  return out
}
