/** The 道德评议会's part (or the committee's): review good-deeds nominations with reasons. */
import { ApiError } from '../../errors'
import { ACCESS, type Handlers, type MemberContext } from '../../handler'
import { checkText } from '../../common/content'
import { newId } from '../../common/ids'
import { transition } from '../../common/transition'
import { isCommittee } from '../account/policy'
import { notify } from '../account/common'
import type { boardCouncilActions } from './contract'
import type { BoardEntry, Nomination } from './documents'
import { nominationViews, PAGES, settingsOf } from './data'
import { DAY_MS, NOMINATION_MACHINE } from './policy'
import { monthOf } from './time'

/** only members of the 道德评议会, or the committee, review nominations: the seats from the membership, else read */
async function assertReviewer(ctx: MemberContext, villageId: string): Promise<void> {
  if (isCommittee(ctx.membership)) return
  const { councils } = ctx.membership
  if (councils ? councils.includes('moral') : await ctx.ports.store.get('councilMembers', `${villageId}:moral:${ctx.person._id}`)) return
  throw new ApiError('FORBIDDEN', '只有道德评议会成员或村委会可以评议推荐')
}

export const councilHandlers: Handlers<typeof boardCouncilActions> = {
  'boards.nominations': {
    access: ACCESS.member,
    async handle({ villageId, status }, ctx) {
      await assertReviewer(ctx, villageId)
      const list = await ctx.ports.store.find('nominations', status ? { villageId, status } : { villageId }, { sort: [['at', 'desc']], limit: 1000 })
      return nominationViews(ctx, list)
    },
  },

  'boards.reviewNomination': {
    access: ACCESS.member,
    async handle({ villageId, nominationId, decision, reason }, ctx) {
      await assertReviewer(ctx, villageId)
      await checkText(ctx, { reason })
      const accept = decision === 'accept'
      // the nomination is read in the step only; the settings only to publish its entry
      const s = accept ? await settingsOf(ctx.ports.store, villageId) : null
      const entryId = `${villageId}:${newId('b', ctx.now)}`
      const entryOf = (n: Nomination, expiryDays: number): BoardEntry => ({
        _id: entryId,
        villageId,
        board: 'good',
        status: 'published',
        place: n.place,
        section: null,
        responsible: { kind: 'person', householdId: n.nomineeHouseholdId, personId: n.nomineePersonId, name: n.nomineeName, doorplate: null, section: null },
        what: n.deed,
        photos: n.photos,
        clause: null,
        period: monthOf(ctx.now),
        reward: null,
        points: null,
        nameShown: null,
        noticeUntil: null,
        publishedAt: ctx.now,
        expiresAt: ctx.now + expiryDays * DAY_MS,
        expiredAt: null,
        appeal: null,
        withdrawn: null,
        nominationId: n._id,
        createdBy: ctx.person._id,
        createdByName: ctx.membership.name,
        createdAt: ctx.now,
      })
      const written = await transition(ctx.ports, NOMINATION_MACHINE, nominationId, decision, {
        scope: { villageId, notFound: '找不到该推荐' },
        set: { review: { reason, by: ctx.person._id, byName: ctx.membership.name, at: ctx.now }, ...(accept ? { entryId } : {}) },
        also: async (tx, doc) => {
          // the step's one audit entry (nominations.accept, 善行义举推荐入榜) records the publication too: the entry is
          // published by the acceptance alone and carries its nominationId, so its history starts at the nomination's
          if (s) await tx.insert('boardEntries', entryOf(doc, s.expiryDays))
          const body = accept ? `您推荐的${doc.nomineeName}已上善行义举榜。评议意见：${reason}` : `您推荐的${doc.nomineeName}本次未入选善行义举榜。评议意见：${reason}`
          await notify(ctx, { personId: doc.by, villageId }, accept ? '推荐已入榜' : '推荐未入选', body, PAGES.mine, tx)
        },
        by: ctx,
        audit: { reason },
      })
      return (await nominationViews(ctx, [written]))[0]
    },
  },
}
