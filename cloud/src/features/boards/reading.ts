/** Reading the boards: a board's month, one entry, my household's entries, the ranking, the 四会. */
import { ACCESS, type Handlers } from '../../handler'
import type { Store } from '../../ports/store'
import type { boardReadingActions } from './contract'
import { COUNCIL_LABELS, COUNCILS, type CouncilMember } from './documents'
import type { CouncilView } from './contract'
import { entryView, entryViews, loadEntry, nominationViews, viewerOf } from './data'
import { isNamed, rankSections } from './policy'
import { monthOf } from './time'

/** the village's 四会 with their members (of one person only, for their card) */
export async function councilViews(store: Pick<Store, 'find'>, villageId: string, personId?: string): Promise<CouncilView[]> {
  const members: CouncilMember[] = await store.find('councilMembers', personId ? { villageId, personId } : { villageId }, { sort: [['since', 'asc']], limit: 1000 })
  return COUNCILS.filter((c) => !personId || members.some((m) => m.council === c)).map((council) => ({
    council,
    label: COUNCIL_LABELS[council],
    members: members.filter((m) => m.council === council).map((m) => ({ personId: m.personId, name: m.name, since: m.since, byName: m.byName })),
  }))
}

export const readingHandlers: Handlers<typeof boardReadingActions> = {
  'boards.list': {
    access: ACCESS.member,
    async handle({ villageId, board, month }, ctx) {
      const { store } = ctx.ports
      const current = monthOf(ctx.now)
      const wanted = month ?? current
      const published = await store.find('boardEntries', { villageId, board, status: 'published' }, { sort: [['publishedAt', 'desc']], limit: 1000 })
      const months = [...new Set([current, ...published.map((e) => e.period)])].sort().reverse()
      return { board, month: wanted, months, entries: await entryViews(ctx, published.filter((e) => e.period === wanted)) }
    },
  },

  'boards.entry': {
    access: ACCESS.member,
    async handle({ villageId, entryId }, ctx) {
      return entryView(ctx, await loadEntry(ctx, villageId, entryId))
    },
  },

  'boards.mine': {
    access: ACCESS.member,
    async handle({ villageId }, ctx) {
      const { store } = ctx.ports
      const v = viewerOf(ctx)
      const [byPerson, byHousehold, nominations] = await Promise.all([
        store.find('boardEntries', { villageId, 'responsible.personId': v.personId }, { limit: 500 }),
        v.householdId ? store.find('boardEntries', { villageId, 'responsible.householdId': v.householdId }, { limit: 500 }) : Promise.resolve([]),
        store.find('nominations', { villageId, by: v.personId }, { sort: [['at', 'desc']], limit: 200 }),
      ])
      const entries = [...new Map([...byPerson, ...byHousehold].map((e) => [e._id, e])).values()]
        .filter((e) => e.status !== 'draft' && isNamed(e, v))
        .sort((a, b) => b.createdAt - a.createdAt)
      return { entries: await entryViews(ctx, entries), nominations: await nominationViews(ctx, nominations) }
    },
  },

  'boards.ranking': {
    access: ACCESS.member,
    async handle({ villageId, month }, ctx) {
      const red = await ctx.ports.store.find('boardEntries', month ? { villageId, board: 'red', period: month } : { villageId, board: 'red' }, { limit: 5000 })
      return rankSections(red)
    },
  },

  'councils.list': {
    access: ACCESS.member,
    async handle({ villageId, personId }, ctx) {
      return councilViews(ctx.ports.store, villageId, personId)
    },
  },
}
