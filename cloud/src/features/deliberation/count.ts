/**
 * The published count (计票清单) of a closed topic: every counted ballot as (receipt, choices, how it
 * was cast) in random order, never a name, with the SHA-256 the audit log holds. A voter finds their
 * receipt on it; anyone can recount it and get the published tally.
 */
import type { countActions } from './contract'
import { ApiError } from '../../errors'
import { ACCESS, type Handlers, type MemberContext } from '../../handler'
import type { Topic, TopicCount } from './documents'
import { closeIfDue, loadTopic } from './data'
import { ballotId } from './policy'
import { advanceCount, COUNT_STEPS_INLINE } from './publish'

export const COUNT_PENDING = '计票清单生成中，请稍后再看'

/** The closed topic and its count's chunks, or the reason there is no count to read. */
async function readCount(ctx: MemberContext, villageId: string, topicId: string): Promise<{ t: Topic; chunks: TopicCount[] }> {
  let t = await closeIfDue(ctx.ports, await loadTopic(ctx, villageId, topicId), ctx.now)
  if (t.status === 'draft' || t.status === 'open') throw new ApiError('CONFLICT', '投票截止后公布计票清单')
  // the job builds the count; whoever asks first builds a batch or two of it (a village's topic is done at once)
  if (t.countJob?.publish) t = await advanceCount(ctx.ports, t, ctx.now, COUNT_STEPS_INLINE)
  if (t.countJob?.publish) throw new ApiError('CONFLICT', COUNT_PENDING)
  if (t.countChunks === undefined || !t.countHash) throw new ApiError('NOT_FOUND', '本议题截止时还没有计票清单')
  return { t, chunks: await ctx.ports.store.find('topicCounts', { topicId }, { sort: [['index', 'asc']], limit: t.countChunks }) }
}

export const countHandlers: Handlers<typeof countActions> = {
  'topics.receipt': {
    access: ACCESS.member,
    async handle({ villageId, topicId, receipt }, ctx) {
      const code = receipt.includes('-') ? receipt : `${receipt.slice(0, 4)}-${receipt.slice(4)}`
      const { chunks } = await readCount(ctx, villageId, topicId)
      const found = chunks.flatMap((c) => c.entries).find((e) => e.receipt === code)
      if (!found) throw new ApiError('NOT_FOUND', `计票清单上没有回执码 ${code}，请核对后再查`)
      return found
    },
  },

  'topics.count': {
    access: ACCESS.member,
    async handle({ villageId, topicId }, ctx) {
      const { store } = ctx.ports
      const { t, chunks } = await readCount(ctx, villageId, topicId)
      const me = ctx.person._id
      const myKey = t.mode === 'person' ? me : ctx.membership.householdId
      const mine = myKey ? await store.get('ballots', ballotId(topicId, myKey)) : null
      // a household's receipt is the representative's (and whoever cast it), as on the topic page
      const myReceipt = mine && (mine.personId === me || mine.castBy === me) ? (mine.receipt ?? null) : null
      return { entries: chunks.flatMap((c) => c.entries), options: t.options, hash: t.countHash!, myReceipt }
    },
  },
}
