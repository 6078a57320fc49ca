/** The committee's part: create and issue entries, withdraw them, decide appeals, the list by state, settings, the 四会. */
import { ApiError } from '../../errors'
import { ACCESS, type Handlers, type MemberContext } from '../../handler'
import type { Store, TxStore } from '../../ports/store'
import { audit } from '../../common/audit'
import { checkPhotoContent, checkText } from '../../common/content'
import { getInVillage } from '../../common/load'
import { newId } from '../../common/ids'
import { checkPhotos } from '../../common/photos'
import { shortTime } from '../../common/time'
import { transition } from '../../common/transition'
import { DuplicateIdError } from '../../ports/store'
import { notify, notifyHousehold, notifyMany, type NoticeContext } from '../account/common'
import type { boardCommitteeActions } from './contract'
import { COUNCIL_LABELS, ENTRY_STATUS_LABELS, type BoardEntry, type EntryStatus, type Responsible } from './documents'
import { clauseOf, entryView, entryViews, PAGES, settingsOf } from './data'
import { DAY_MS, ENTRY_MACHINE } from './policy'
import { councilViews } from './reading'
import { monthOf } from './time'

type CreateInput = Parameters<Handlers<typeof boardCommitteeActions>['boards.create']['handle']>[0]

/** The responsible party as stored: a household or person of this village, or a road section and its 保洁 person. */
async function responsibleOf(ctx: MemberContext, villageId: string, r: CreateInput['responsible']): Promise<Responsible> {
  const { store } = ctx.ports
  if (r.kind === 'household') {
    const h = await getInVillage(store, 'households', r.householdId, villageId, '找不到该住户')
    return { kind: 'household', householdId: h._id, personId: null, name: h.headName, doorplate: h.doorplate, section: null }
  }
  if (r.kind === 'person') {
    const m = await getInVillage(store, 'memberships', `${villageId}:${r.personId}`, villageId, '找不到该村民')
    const h = m.householdId ? await store.get('households', m.householdId) : null
    return { kind: 'person', householdId: m.householdId, personId: m.personId, name: m.name, doorplate: h?.doorplate ?? null, section: null }
  }
  const m = r.personId ? await getInVillage(store, 'memberships', `${villageId}:${r.personId}`, villageId, '找不到该保洁责任人') : null
  const name = m?.name ?? r.name
  if (!name) throw new ApiError('BAD_INPUT', '请填写保洁责任人', { responsible: '请填写保洁责任人' })
  return { kind: 'section', householdId: null, personId: m?.personId ?? null, name, doorplate: null, section: r.section }
}

/** Everyone the entry names: the person, or every member of the household. */
async function namedPersons(store: Pick<Store, 'find'>, e: Pick<BoardEntry, 'villageId' | 'responsible'>): Promise<string[]> {
  const ids = new Set<string>()
  if (e.responsible.personId) ids.add(e.responsible.personId)
  if (e.responsible.householdId && e.responsible.kind === 'household') {
    for (const m of await store.find('memberships', { villageId: e.villageId, householdId: e.responsible.householdId }, { limit: 100 })) ids.add(m.personId)
  }
  return [...ids]
}

/**
 * Tells everyone the entry names: every member of its household (found by the job when it delivers: a notice to
 * several, so the action reads none of them), or its person.
 */
export async function tellNamed(ctx: NoticeContext, e: Pick<BoardEntry, '_id' | 'villageId' | 'responsible'>, title: string, body: string, tx: Pick<TxStore, 'insert'>): Promise<void> {
  const { householdId, personId } = e.responsible
  if (e.responsible.kind === 'household' && householdId) await notifyHousehold(ctx, e.villageId, householdId, title, body, PAGES.entry(e._id), tx)
  else if (personId) await notify(ctx, { personId, villageId: e.villageId }, title, body, PAGES.entry(e._id), tx)
}

/** the named household's 公示前告知: what, where, the deadline and how to appeal */
export async function tellNotice(ctx: NoticeContext, e: BoardEntry, tx: Pick<TxStore, 'insert'>): Promise<void> {
  const body = `${e.place}：${e.what}。将列入黑榜公示。如有异议，请在${shortTime(e.noticeUntil ?? ctx.now)}前打开本通知，点「申诉」说明情况并可附照片；逾期无申诉将公示。`
  await tellNamed(ctx, e, '黑榜公示前告知', body, tx)
}

/** the fields that put an entry out: black to its notice period, red and good on the board */
async function goingOut(ctx: MemberContext, e: Pick<BoardEntry, 'villageId' | 'board'>): Promise<Partial<BoardEntry> & { status: EntryStatus }> {
  const s = await settingsOf(ctx.ports.store, e.villageId)
  return e.board === 'black'
    ? { status: 'notice', noticeUntil: ctx.now + s.noticeDays * DAY_MS }
    : { status: 'published', publishedAt: ctx.now, expiresAt: ctx.now + s.expiryDays * DAY_MS }
}

export const committeeHandlers: Handlers<typeof boardCommitteeActions> = {
  'boards.create': {
    access: ACCESS.committee,
    async handle(input, ctx) {
      const { store } = ctx.ports
      const { villageId, board } = input
      checkPhotos(villageId, input.photos)
      if (board !== 'red' && (input.reward !== null || input.points !== null)) throw new ApiError('BAD_INPUT', '只有红榜可以记积分或奖励', { points: '只有红榜可以记积分或奖励' })
      if (board !== 'black' && input.showNameReason !== null) throw new ApiError('BAD_INPUT', '只有黑榜需要记录实名公示理由', { showNameReason: '只有黑榜需要记录实名公示理由' })
      const responsible = await responsibleOf(ctx, villageId, input.responsible)
      const clause = input.clauseId ? await clauseOf(store, villageId, input.clauseId) : null
      await checkText(ctx, { place: input.place, section: input.section, what: input.what, reward: input.reward, showNameReason: input.showNameReason, responsible: responsible.section })
      await checkPhotoContent(ctx, input.photos)
      const base: BoardEntry = {
        _id: `${villageId}:${newId('b', ctx.now)}`,
        villageId,
        board,
        status: 'draft',
        place: input.place,
        section: input.section ?? responsible.section,
        responsible,
        what: input.what,
        photos: input.photos,
        clause,
        period: input.period ?? monthOf(ctx.now),
        reward: input.reward,
        points: input.points,
        nameShown: input.showNameReason ? { reason: input.showNameReason, byName: ctx.membership.name, at: ctx.now } : null,
        noticeUntil: null,
        publishedAt: null,
        expiresAt: null,
        expiredAt: null,
        appeal: null,
        withdrawn: null,
        nominationId: null,
        createdBy: ctx.person._id,
        createdByName: ctx.membership.name,
        createdAt: ctx.now,
      }
      const entry: BoardEntry = input.draft ? base : { ...base, ...(await goingOut(ctx, base)) }
      const target = { type: ENTRY_MACHINE.targetType, id: entry._id, label: ENTRY_MACHINE.label(entry) }
      await store.transaction(async (tx) => {
        await tx.insert('boardEntries', entry)
        await audit(ctx, 'boards.create', target, entry.nameShown ? `实名公示：${entry.nameShown.reason}` : ENTRY_STATUS_LABELS[entry.status], tx)
        if (entry.status === 'published') await audit(ctx, 'boards.publish', target, null, tx)
        if (entry.status === 'notice') await tellNotice(ctx, entry, tx)
      })
      return entryView(ctx, entry)
    },
  },

  'boards.issue': {
    access: ACCESS.committee,
    async handle({ villageId, entryId }, ctx) {
      const e = await getInVillage(ctx.ports.store, 'boardEntries', entryId, villageId, '找不到该榜单条目')
      const out = await goingOut(ctx, e)
      const { status: _status, ...set } = out
      const written = await transition(ctx.ports, ENTRY_MACHINE, e._id, e.board === 'black' ? 'notify' : 'issue', {
        set,
        also: async (tx, doc) => (doc.board === 'black' ? tellNotice(ctx, { ...doc, ...out }, tx) : undefined),
        by: ctx,
        audit: { action: e.board === 'black' ? 'boards.notify' : 'boards.publish' },
      })
      return entryView(ctx, written)
    },
  },

  'boards.withdraw': {
    access: ACCESS.committee,
    async handle({ villageId, entryId, reason }, ctx) {
      const e = await getInVillage(ctx.ports.store, 'boardEntries', entryId, villageId, '找不到该榜单条目')
      await checkText(ctx, { reason })
      // the named found now, as before: a sole one is told at once (their notification), several by the job
      const named = e.board === 'black' ? await namedPersons(ctx.ports.store, e) : []
      const written = await transition(ctx.ports, ENTRY_MACHINE, e._id, 'withdraw', {
        set: { withdrawn: { reason, by: ctx.person._id, byName: ctx.membership.name, at: ctx.now } },
        also: async (tx, doc) => {
          if (doc.status !== 'draft' && named.length) await notifyMany(ctx, villageId, named, '黑榜条目已撤销', `${doc.place}：${doc.what}。村委会已撤销该条目，理由：${reason}`, PAGES.entry(doc._id), tx)
        },
        by: ctx,
        audit: { reason },
      })
      return entryView(ctx, written)
    },
  },

  'boards.decideAppeal': {
    access: ACCESS.committee,
    async handle({ villageId, entryId, decision, councilOpinion, reply }, ctx) {
      await checkText(ctx, { councilOpinion, reply })
      const upheld = decision === 'uphold'
      // the entry is read in the step only; the settings only to publish it (an upheld appeal withdraws it)
      const s = upheld ? null : await settingsOf(ctx.ports.store, villageId)
      const decided = { reason: reply, by: ctx.person._id, byName: ctx.membership.name, at: ctx.now }
      const written = await transition(ctx.ports, ENTRY_MACHINE, entryId, upheld ? 'uphold' : 'reject', {
        scope: { villageId, notFound: '找不到该榜单条目' },
        set: (doc) => ({
          appeal: doc.appeal && { ...doc.appeal, councilOpinion, decision: upheld ? 'upheld' : 'rejected', reply, decidedBy: ctx.person._id, decidedByName: ctx.membership.name, decidedAt: ctx.now },
          ...(s ? { publishedAt: ctx.now, expiresAt: ctx.now + s.expiryDays * DAY_MS } : { withdrawn: decided }),
        }),
        also: async (tx, doc) => {
          if (!doc.appeal) return
          const body = upheld ? `您对「${doc.place}」黑榜条目的申诉已获支持，该条目已撤销，不会公示。答复：${reply}` : `您对「${doc.place}」黑榜条目的申诉未获支持，该条目已公示。答复：${reply}`
          await notify(ctx, { personId: doc.appeal.by, villageId }, upheld ? '申诉已获支持' : '申诉未获支持', body, PAGES.entry(doc._id), tx)
        },
        by: ctx,
        audit: { action: upheld ? 'boards.upholdAppeal' : 'boards.rejectAppeal', reason: `道德评议会意见：${councilOpinion}；答复：${reply}` },
      })
      return entryView(ctx, written)
    },
  },

  'boards.manage': {
    access: ACCESS.committee,
    async handle({ villageId, status }, ctx) {
      const all = await ctx.ports.store.find('boardEntries', { villageId }, { sort: [['createdAt', 'desc']], limit: 2000 })
      const counts = Object.fromEntries(Object.keys(ENTRY_STATUS_LABELS).map((k) => [k, 0])) as Record<EntryStatus, number>
      for (const e of all) counts[e.status] += 1
      return { entries: await entryViews(ctx, status ? all.filter((e) => e.status === status) : all), counts }
    },
  },

  'boards.settings': {
    access: ACCESS.committee,
    async handle({ villageId }, ctx) {
      return settingsOf(ctx.ports.store, villageId)
    },
  },

  'boards.setSettings': {
    access: ACCESS.committee,
    async handle({ villageId, noticeDays, expiryDays }, ctx) {
      const set = { noticeDays, expiryDays, updatedByName: ctx.membership.name, updatedAt: ctx.now }
      await ctx.ports.store.transaction(async (tx) => {
        if (await tx.get('boardSettings', villageId)) await tx.update('boardSettings', villageId, { set })
        else await tx.insert('boardSettings', { _id: villageId, villageId, ...set })
        await audit(ctx, 'boards.settings', { type: 'boardSettings', id: villageId, label: '红黑榜设置' }, `告知期${noticeDays}天，公示期${expiryDays}天`, tx)
      })
      return settingsOf(ctx.ports.store, villageId)
    },
  },

  'councils.appoint': {
    access: ACCESS.committee,
    async handle({ villageId, council, personId }, ctx) {
      const m = await getInVillage(ctx.ports.store, 'memberships', `${villageId}:${personId}`, villageId, '找不到该村民')
      const _id = `${villageId}:${council}:${personId}`
      try {
        // one who is already a member is refused by the insert itself (the id is the council and the person)
        await ctx.ports.store.transaction(async (tx) => {
          await tx.insert('councilMembers', { _id, villageId, council, personId, name: m.name, since: ctx.now, byName: ctx.membership.name })
          // the membership keeps its seats with them; one without the list yet is left to read its seats
          if (m.councils) await tx.update('memberships', m._id, { push: { councils: council } })
          await audit(ctx, 'councils.appoint', { type: 'council', id: _id, label: `${COUNCIL_LABELS[council]}：${m.name}` }, null, tx)
        })
      } catch (e) {
        if (e instanceof DuplicateIdError && e.collection === 'councilMembers') throw new ApiError('CONFLICT', `${m.name}已经是${COUNCIL_LABELS[council]}成员`)
        throw e
      }
      return councilViews(ctx.ports.store, villageId)
    },
  },

  'councils.remove': {
    access: ACCESS.committee,
    async handle({ villageId, council, personId, reason }, ctx) {
      const _id = `${villageId}:${council}:${personId}`
      if (reason) await checkText(ctx, { reason })
      await ctx.ports.store.transaction(async (tx) => {
        const member = await tx.get('councilMembers', _id)
        if (!member || member.villageId !== villageId) throw new ApiError('NOT_FOUND', `该村民不是${COUNCIL_LABELS[council]}成员`)
        await tx.remove('councilMembers', _id)
        await tx.update('memberships', `${villageId}:${personId}`, { pull: { councils: council } })
        await audit(ctx, 'councils.remove', { type: 'council', id: _id, label: `${COUNCIL_LABELS[council]}：${member.name}` }, reason ?? null, tx)
      })
      return councilViews(ctx.ports.store, villageId)
    },
  },
}

