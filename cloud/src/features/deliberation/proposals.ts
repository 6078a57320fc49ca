/** 村民提议: a resident proposes a topic; once as many residents as the village set have co-signed it, the committee schedules it. */
import type { ProposalView } from './contract'
import type { Proposal, Cosign } from './documents'
import { ApiError } from '../../errors'
import { transition } from '../../common/transition'
import { PROPOSAL_MACHINE } from './policy'
import { ACCESS, type Context, type Handlers, type MemberContext } from '../../handler'
import { DuplicateIdError } from '../../ports/store'
import { notify, notifyCommittee } from '../account/common'
import { newId } from '../../common/ids'
import { cosignIdOf, PAGES, proposalThreshold } from './data'
import type { proposalActions } from './contract'
import { getInVillage } from '../../common/load'
import { checkText } from '../../common/content'
import { getVillage } from '../account/common'
import { wordsOf } from '../account/common'




function view(p: Proposal, ctx: MemberContext, cosigned: boolean): ProposalView {
  return { ...p, cosignedByMe: cosigned, mine: p.proposerId === ctx.person._id }
}

/**
 * Marks the proposal accepted once it has its co-signers (conditional: exactly once) and tells the committee and the
 * proposer; the proposal as it is then. `p` is the proposal as read after the co-sign was counted: one short of its
 * co-signers takes no step (no transaction begun only to be refused), and of concurrent co-signers the last to count
 * reads them all.
 */
async function acceptIfReached(ctx: Context, p: Proposal): Promise<Proposal> {
  if (p.status !== 'collecting' || p.cosigns < p.needed) return p
  // the notices' words (村民/居民, 村委会/居委会); read before the transaction, which reads nothing outside itself
  const { committee, people } = await wordsOf(ctx, p.villageId)
  // the step is the claim: of concurrent co-signers, only the one whose step applies tells anyone
  const accepted = await transition(ctx.ports, PROPOSAL_MACHINE, p._id, 'accept', {
    set: { acceptedAt: ctx.now },
    when: { test: (doc) => doc.cosigns >= doc.needed, refused: '联署人数未达到' },
    also: async (tx) => {
      await notifyCommittee(ctx, p.villageId, `${people}提议已达到联署人数`, `「${p.title}」（${p.proposerName}提议）已有${p.needed}位${people}联署，请安排议事`, PAGES.edit(p._id), tx)
      await notify(ctx, { personId: p.proposerId, villageId: p.villageId }, '您的提议已获足够联署', `「${p.title}」已有${p.needed}位${people}联署，${committee}将安排议事`, PAGES.proposals, tx)
    },
    by: null,
  }).catch((e: unknown) => (e instanceof ApiError ? null : Promise.reject(e)))
  // refused: another co-signer's step took it first, or it was withdrawn meanwhile (rare: read it as it is)
  return accepted ?? (await ctx.ports.store.get('proposals', p._id)) ?? p
}

export const proposalHandlers: Handlers<typeof proposalActions> = {
  'proposals.list': {
    access: ACCESS.member,
    async handle({ villageId }, ctx) {
      const { store } = ctx.ports
      const [proposals, mine] = await Promise.all([
        store.find('proposals', { villageId }, { sort: [['createdAt', 'desc']], limit: 300 }),
        store.find('cosigns', { villageId, personId: ctx.person._id }),
      ])
      const signed = new Set(mine.map((c) => c.proposalId))
      const order = { collecting: 0, accepted: 1, scheduled: 2, withdrawn: 3 } as const
      return proposals.sort((a, b) => order[a.status] - order[b.status] || b.createdAt - a.createdAt).map((p) => view(p, ctx, signed.has(p._id)))
    },
  },

  'proposals.create': {
    access: ACCESS.resident,
    async handle({ villageId, title, background }, ctx) {
      const { store } = ctx.ports
      await checkText(ctx, { title, background })
      const needed = proposalThreshold(await getVillage(ctx, villageId))
      const p: Proposal = {
        _id: `${villageId}:${newId('pr', ctx.now)}`,
        villageId,
        title,
        background,
        proposerId: ctx.person._id,
        proposerName: ctx.membership.name,
        needed,
        // the proposer is the first signer
        cosigns: 1,
        status: 'collecting',
        topicId: null,
        createdAt: ctx.now,
        acceptedAt: null,
      }
      await store.insert('proposals', p)
      await store.insert('cosigns', { _id: cosignIdOf(p._id, ctx.person._id), villageId, proposalId: p._id, personId: ctx.person._id, name: ctx.membership.name, at: ctx.now } satisfies Cosign)
      // the answer is the proposal as written (no read back)
      return view(await acceptIfReached(ctx, p), ctx, true)
    },
  },

  'proposals.cosign': {
    access: ACCESS.resident,
    async handle({ villageId, proposalId }, ctx) {
      const { store } = ctx.ports
      const p = await getInVillage(store, 'proposals', proposalId, villageId, '找不到该提议')
      if (p.status === 'scheduled') throw new ApiError('CONFLICT', '该提议已列入议题，请直接参加投票')
      if (p.status === 'withdrawn') throw new ApiError('CONFLICT', '该提议已撤回')
      const cosign: Cosign = { _id: cosignIdOf(proposalId, ctx.person._id), villageId, proposalId, personId: ctx.person._id, name: ctx.membership.name, at: ctx.now }
      try {
        await store.insert('cosigns', cosign)
      } catch (e) {
        if (!(e instanceof DuplicateIdError)) throw e
        // signed already: nothing changes
        return view((await store.get('proposals', proposalId))!, ctx, true)
      }
      await store.update('proposals', { _id: proposalId }, { inc: { cosigns: 1 } })
      // read once after the count: the answer, and whether this co-sign reached the threshold
      const counted = await store.get('proposals', proposalId)
      return view(counted ? await acceptIfReached(ctx, counted) : p, ctx, true)
    },
  },

  'proposals.withdraw': {
    access: ACCESS.member,
    async handle({ villageId, proposalId, reason }, ctx) {
      const p = await getInVillage(ctx.ports.store, 'proposals', proposalId, villageId, '找不到该提议')
      if (p.proposerId !== ctx.person._id) throw new ApiError('FORBIDDEN', '只有提议人可以撤回提议')
      await checkText(ctx, { reason })
      const withdrawn = await transition(ctx.ports, PROPOSAL_MACHINE, proposalId, 'withdraw', {
        set: { withdrawnAt: ctx.now, withdrawReason: reason },
        // the committee had been asked to schedule it: tell them it is off
        also: async (tx, doc) => {
          if (doc.status === 'accepted') await notifyCommittee(ctx, villageId, '村民提议已撤回', `「${p.title}」已由${p.proposerName}撤回，理由：${reason}`, PAGES.proposals, tx)
        },
        by: null,
      })
      return view(withdrawn, ctx, (await ctx.ports.store.get('cosigns', cosignIdOf(proposalId, ctx.person._id))) !== null)
    },
  },
}
