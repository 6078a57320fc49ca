/** Residents' part: appeal a black entry naming their household during its notice period; nominate a neighbour. */
import { ApiError } from '../../errors'
import { ACCESS, type Handlers } from '../../handler'
import { checkPhotoContent, checkText } from '../../common/content'
import { getInVillage } from '../../common/load'
import { newId } from '../../common/ids'
import { checkPhotos } from '../../common/photos'
import { transition } from '../../common/transition'
import { notifyCommittee, notifyMany } from '../account/common'
import type { boardResidentActions } from './contract'
import type { Nomination } from './documents'
import { entryView, nominationViews, PAGES, viewerOf } from './data'
import { appealRefusal, ENTRY_MACHINE } from './policy'

export const residentHandlers: Handlers<typeof boardResidentActions> = {
  'boards.appeal': {
    access: ACCESS.resident,
    async handle({ villageId, entryId, text, photos }, ctx) {
      // not loadEntry: someone not named is told why they may not, as 只有被公示的住户可以申诉
      const e = await getInVillage(ctx.ports.store, 'boardEntries', entryId, villageId, '找不到该榜单条目')
      const v = viewerOf(ctx)
      const refused = appealRefusal(e, v, ctx.now)
      if (refused) throw new ApiError(refused.startsWith('只有') ? 'FORBIDDEN' : 'CONFLICT', refused)
      checkPhotos(villageId, photos)
      await checkText(ctx, { text })
      await checkPhotoContent(ctx, photos)
      const written = await transition(ctx.ports, ENTRY_MACHINE, e._id, 'appeal', {
        set: {
          appeal: { text, photos, by: ctx.person._id, byName: ctx.membership.name, at: ctx.now, councilOpinion: null, decision: null, reply: null, decidedBy: null, decidedByName: null, decidedAt: null },
        },
        // the period is checked again in the transaction: a notice the job is publishing right now is not appealed
        when: { test: (doc) => appealRefusal(doc, v, ctx.now) === null, refused: '公示期已过，不能再申诉' },
        also: (tx, doc) => notifyCommittee(ctx, villageId, '收到黑榜申诉', `${ctx.membership.name}对「${doc.place}」黑榜条目提出申诉：${text.slice(0, 60)}`, PAGES.entry(doc._id), tx),
        // a resident's appeal is not an admin action: the log records the committee's decision on it
        by: null,
      })
      return entryView(ctx, written)
    },
  },

  'boards.nominate': {
    access: ACCESS.resident,
    async handle({ villageId, nomineeName, nomineePersonId, place, deed, photos }, ctx) {
      const { store } = ctx.ports
      checkPhotos(villageId, photos)
      const nominee = nomineePersonId ? await getInVillage(store, 'memberships', `${villageId}:${nomineePersonId}`, villageId, '找不到被推荐的村民') : null
      if (nominee?.personId === ctx.person._id) throw new ApiError('BAD_INPUT', '不能推荐自己', { nomineePersonId: '不能推荐自己' })
      const household = nominee?.householdId ? await store.get('households', nominee.householdId) : null
      await checkText(ctx, { nomineeName, place, deed })
      await checkPhotoContent(ctx, photos)
      const n: Nomination = {
        _id: `${villageId}:${newId('n', ctx.now)}`,
        villageId,
        nomineeName: nominee?.name ?? nomineeName,
        nomineePersonId: nominee?.personId ?? null,
        nomineeHouseholdId: nominee?.householdId ?? null,
        place: place ?? household?.doorplate ?? '本村',
        deed,
        photos,
        by: ctx.person._id,
        byName: ctx.membership.name,
        at: ctx.now,
        status: 'pending',
        review: null,
        entryId: null,
      }
      const council = await store.find('councilMembers', { villageId, council: 'moral' }, { limit: 200 })
      await store.transaction(async (tx) => {
        await tx.insert('nominations', n)
        const body = `${n.byName}推荐${n.nomineeName}上善行义举榜：${deed.slice(0, 60)}`
        if (council.length) await notifyMany(ctx, villageId, council.map((m) => m.personId), '新的善行义举推荐', body, PAGES.nominations, tx)
        else await notifyCommittee(ctx, villageId, '新的善行义举推荐', body, PAGES.nominations, tx)
      })
      return (await nominationViews(ctx, [n]))[0]
    },
  },
}
