/** Pure rules of the workspaces: what a grid worker sees of each household, and the date a visit may carry. */
import type { Household, Membership } from '../account/documents'
import type { GridHousehold } from './contract'
import { VISIT_BACKDATE_DAYS } from './documents'
import { zhCompare } from '../../common/time'

/** An open topic with what the household view needs: who may vote (its frozen roll) and who did. */
export interface OpenTopicRoll {
  id: string
  title: string
  mode: 'person' | 'household'
  /** the roll's entries: the voter key (personId, or householdId by household), their household and name */
  entries: Array<{ key: string; householdId: string | null; name: string }>
  /** voter keys that have a ballot */
  voted: ReadonlySet<string>
}

/**
 * One household as the grid worker sees it: its residents who have not agreed to the current rules (none when
 * there is no current version), and per open topic who on its roll from this household has not voted. In a
 * household topic that is the household itself, named by its 户代表.
 */
export function householdRow(
  h: Household,
  residents: ReadonlyArray<Pick<Membership, 'personId' | 'name' | 'joinedAt'>>,
  agreed: ReadonlySet<string> | null,
  topics: readonly OpenTopicRoll[],
  lastVisit: GridHousehold['lastVisit'],
): GridHousehold {
  const ordered = [...residents].sort((a, b) => a.joinedAt - b.joinedAt)
  return {
    id: h._id,
    doorplate: h.doorplate,
    headName: h.headName,
    residents: residents.length,
    notAgreed: agreed ? ordered.filter((m) => !agreed.has(m.personId)).map((m) => m.name) : [],
    notVoted: topics.flatMap((t) => {
      const names = t.entries.filter((e) => e.householdId === h._id && !t.voted.has(e.key)).map((e) => e.name)
      return names.length ? [{ topicId: t.id, title: t.title, names }] : []
    }),
    lastVisit,
  }
}

/**
 * Households needing a visit first: those with someone who has not agreed or voted, then the longest unvisited
 * (never visited before any date), then by doorplate.
 */
export function visitOrder(a: GridHousehold, b: GridHousehold): number {
  const pending = (h: GridHousehold) => (h.notAgreed.length || h.notVoted.length ? 0 : 1)
  return pending(a) - pending(b) || (a.lastVisit?.date ?? '').localeCompare(b.lastVisit?.date ?? '') || zhCompare(a.doorplate, b.doorplate)
}

/** Why a visit's date cannot be recorded, or null: not in the future, at most a week back. */
export function visitDateProblem(date: string, today: string, earliest: string): string | null {
  if (date > today) return '走访日期不能晚于今天'
  if (date < earliest) return `只能记录${VISIT_BACKDATE_DAYS}天内的走访`
  return null
}

/** An open report past the time it is due to be accepted or resolved (the reports feature's own rule, read here from its fields). */
export function reportOverdue(r: { status: string; acceptDueAt: number; resolveDueAt: number | null }, now: number): boolean {
  if (r.status === 'reported') return now > r.acceptDueAt
  return r.resolveDueAt !== null && now > r.resolveDueAt
}
