/**
 * The published count (计票清单) of a closed topic: every counted ballot as (receipt, choices, how it
 * was cast) in random order, never a name, with the SHA-256 the audit log holds. A voter finds their
 * receipt on it; anyone can recount it and get the published tally.
 */
import type { countActions } from './contract'
import { ApiError } from '../../errors'
import { ACCESS, type Handlers } from '../../handler'
import { closeIfDue, loadTopic } from './data'
import { ballotId } from './policy'

export const countHandlers: Handlers<typeof countActions> = {
  'topics.count': {
    access: ACCESS.member,
    async handle({ villageId, topicId }, ctx) {
      const { store } = ctx.ports
      const t = await closeIfDue(ctx.ports, await loadTopic(ctx, villageId, topicId), ctx.now)
      if (t.status === 'draft' || t.status === 'open') throw new ApiError('CONFLICT', '投票截止后公布计票清单')
      if (t.countChunks === undefined || !t.countHash) throw new ApiError('NOT_FOUND', '本议题截止时还没有计票清单')
      const me = ctx.person._id
      const myKey = t.mode === 'person' ? me : ctx.membership.householdId
      const [chunks, mine] = await Promise.all([
        store.find('topicCounts', { topicId }, { sort: [['index', 'asc']], limit: t.countChunks }),
        myKey ? store.get('ballots', ballotId(topicId, myKey)) : Promise.resolve(null),
      ])
      // a household's receipt is the representative's (and whoever cast it), as on the topic page
      const myReceipt = mine && (mine.personId === me || mine.castBy === me) ? (mine.receipt ?? null) : null
      return { entries: chunks.flatMap((c) => c.entries), options: t.options, hash: t.countHash, myReceipt }
    },
  },
}
