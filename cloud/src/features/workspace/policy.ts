/** Pure rules of the workspaces: what a grid worker sees of each household, and the date a visit may carry. */
import type { Household, Membership } from '../account/documents'
import type { GridHousehold } from './contract'
import { VISIT_BACKDATE_DAYS } from './documents'

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

/** An open topic as the household list needs it: how it votes, when its roll was frozen, the committee's amendments. */
export interface OpenTopic {
  _id: string
  title: string
  mode: 'person' | 'household'
  publishedAt: number | null
  rollChanges?: ReadonlyArray<{ key: string; change: 'add' | 'remove' }>
}

/**
 * Who of these households is on an open topic's roll, read from the register as the roll was frozen at the opening
 * (the page's households only: the roll itself is chunked by voter across the whole village). By person: each
 * resident who had joined by then; by household: the household, named by its 户代表. The committee's amendments
 * apply in order: a removed voter is off, an added one of these households on (as a voter of its mode).
 */
export function pageRoll(
  t: OpenTopic,
  households: ReadonlyArray<Pick<Household, '_id' | 'repPersonId' | 'headName'>>,
  members: ReadonlyArray<Pick<Membership, 'personId' | 'name' | 'householdId' | 'roles' | 'joinedAt'>>,
  voted: ReadonlySet<string>,
): OpenTopicRoll {
  const opened = t.publishedAt ?? Infinity
  const byPerson = new Map(members.map((m) => [m.personId, m]))
  const candidates = new Map<string, OpenTopicRoll['entries'][number]>()
  const roll = new Map<string, OpenTopicRoll['entries'][number]>()
  if (t.mode === 'person') {
    for (const m of members) {
      if (!m.householdId) continue
      const entry = { key: m.personId, householdId: m.householdId, name: m.name }
      candidates.set(m.personId, entry)
      if (m.roles.includes('resident') && m.joinedAt <= opened) roll.set(m.personId, entry)
    }
  } else {
    for (const h of households) {
      const rep = h.repPersonId ? byPerson.get(h.repPersonId) : undefined
      if (!rep) continue
      const entry = { key: h._id, householdId: h._id, name: rep.name }
      candidates.set(h._id, entry)
      if (rep.joinedAt <= opened) roll.set(h._id, entry)
    }
  }
  for (const c of t.rollChanges ?? []) {
    if (c.change === 'remove') roll.delete(c.key)
    else if (candidates.has(c.key)) roll.set(c.key, candidates.get(c.key)!)
  }
  return { id: t._id, title: t.title, mode: t.mode, entries: [...roll.values()], voted }
}

/** Why a visit's date cannot be recorded, or null: not in the future, at most a week back. */
export function visitDateProblem(date: string, today: string, earliest: string): string | null {
  if (date > today) return '走访日期不能晚于今天'
  if (date < earliest) return `只能记录${VISIT_BACKDATE_DAYS}天内的走访`
  return null
}
