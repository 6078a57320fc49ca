/**
 * 我的记录 (issue 15 point 4): my votes with their receipts, comments, proposals, agreements, bookings and
 * reports in a village, each with its state, newest first and a page at a time. Like privacy.ts it reads
 * the other features' collections by name (a feature imports only account); the changes themselves (edit
 * or delete a comment, withdraw a proposal) are the owning feature's actions, which the page calls.
 */
import { ACCESS, type Handlers, type MemberContext } from '../../handler'
import type { CollectionName, Collections, Filter } from '../../ports/store'
import { getMany } from '../../common/load'
import { shortTime } from '../../common/time'
import {
  BALLOT_SOURCE_LABELS,
  BOOKING_STATUS_LABELS,
  PROPOSAL_STATUS_LABELS,
  REPORT_STATUS_LABELS,
  TOPIC_STATUS_LABELS,
  rulesWord,
} from '../../contract/tables'
import { getVillage } from './common'
import { RECORD_PAGE, type RecordItem, type RecordKind, type recordActions } from './record-contract'
import { pageUrl } from '../../../../src/routes'

const NONE = { edit: false, remove: false, withdraw: false }

/** one page of the caller's documents, newest first, and whether more follow */
async function pageOf<C extends CollectionName>(ctx: MemberContext, collection: C, filter: Filter, newest: string, page: number): Promise<{ docs: Array<Collections[C]>; more: boolean }> {
  const docs = await ctx.ports.store.find(collection, filter, { sort: [[newest, 'desc'], ['_id', 'desc']], skip: page * RECORD_PAGE, limit: RECORD_PAGE + 1 })
  return { docs: docs.slice(0, RECORD_PAGE), more: docs.length > RECORD_PAGE }
}

type Reader = (ctx: MemberContext, villageId: string, page: number) => Promise<{ items: RecordItem[]; more: boolean }>

const READERS: Record<RecordKind, Reader> = {
  async votes(ctx, villageId, page) {
    const { docs, more } = await pageOf(ctx, 'ballots', { villageId, personId: ctx.person._id }, 'castAt', page)
    const topics = new Map((await getMany(ctx.ports.store, 'topics', [...new Set(docs.map((b) => b.topicId))])).map((t) => [t._id, t]))
    const items = docs.map((b): RecordItem => {
      const t = topics.get(b.topicId)
      const choices = b.choices.map((c) => t?.options.find((o) => o.id === c)?.label ?? c).join('、')
      // a sealed topic's choice is mine to see: this is my own record
      const lines = [`${t?.mode === 'household' ? '我家的表决' : '我的表决'}：${choices}`, `${BALLOT_SOURCE_LABELS[b.source]}${b.castBy !== ctx.person._id ? `（${b.castByName}代投/登记）` : ''} · ${shortTime(b.castAt)}`]
      if (b.receipt) lines.push(`回执码：${b.receipt}`)
      return { id: b._id, title: t?.title ?? '议题', state: t ? TOPIC_STATUS_LABELS[t.status] : null, lines, at: b.castAt, page: pageUrl('deliberation.topic', { topicId: b.topicId }), can: NONE }
    })
    return { items, more }
  },

  async comments(ctx, villageId, page) {
    const { docs, more } = await pageOf(ctx, 'comments', { villageId, authorId: ctx.person._id, deletedAt: null }, 'createdAt', page)
    const topics = new Map((await getMany(ctx.ports.store, 'topics', [...new Set(docs.map((c) => c.topicId))])).map((t) => [t._id, t]))
    const items = docs.map((c): RecordItem => {
      const lines = [c.text]
      if (c.hidden) lines.push(`已被村委会隐藏，理由：${c.hidden.reason}`)
      if (c.editedAt) lines.push(`${shortTime(c.editedAt)}修改过`)
      const title = `${c.parentId ? '回复' : '评论'}「${topics.get(c.topicId)?.title ?? '议题'}」`
      return { id: c._id, title, state: c.hidden ? '已隐藏' : null, lines, at: c.createdAt, page: pageUrl('deliberation.topic', { topicId: c.topicId }), text: c.text, can: { edit: !c.hidden, remove: !c.hidden, withdraw: false } }
    })
    return { items, more }
  },

  async proposals(ctx, villageId, page) {
    const { docs, more } = await pageOf(ctx, 'proposals', { villageId, proposerId: ctx.person._id }, 'createdAt', page)
    const items = docs.map((p): RecordItem => {
      const lines = [`联署 ${p.cosigns}/${p.needed} 人`]
      if (p.withdrawReason) lines.push(`撤回理由：${p.withdrawReason}`)
      return {
        id: p._id,
        title: p.title,
        state: PROPOSAL_STATUS_LABELS[p.status],
        lines,
        at: p.createdAt,
        page: p.topicId && p.status === 'scheduled' ? pageUrl('deliberation.topic', { topicId: p.topicId }) : pageUrl('deliberation.proposals'),
        // its proposer withdraws it until a topic is opened for it (PROPOSAL_MACHINE)
        can: { ...NONE, withdraw: p.status === 'collecting' || (p.status === 'accepted' && !p.topicId) },
      }
    })
    return { items, more }
  },

  async agreements(ctx, villageId, page) {
    const [{ docs, more }, village] = await Promise.all([pageOf(ctx, 'ruleAgreements', { villageId, personId: ctx.person._id }, 'at', page), getVillage(ctx, villageId)])
    const current = village.currentRulesVersion ?? 0
    const items = docs.map((a): RecordItem => {
      const lines = [`承诺遵守 · ${shortTime(a.at)}`]
      if (a.partyCommitment && a.partyCommitmentAt) lines.push(`党员亮身份承诺 · ${shortTime(a.partyCommitmentAt)}`)
      return { id: a._id, title: `${rulesWord(village.kind)}第${a.number}版`, state: a.number === current ? '现行版本' : '旧版本', lines, at: a.at, page: pageUrl('rules.read', { villageId: village._id, versionId: a.versionId }), can: NONE }
    })
    return { items, more }
  },

  async bookings(ctx, villageId, page) {
    const { docs, more } = await pageOf(ctx, 'bookings', { villageId, personId: ctx.person._id }, 'startsAt', page)
    const services = new Map((await getMany(ctx.ports.store, 'bookingServices', [...new Set(docs.map((b) => b.serviceId))])).map((s) => [s._id, s]))
    const items = docs.map((b): RecordItem => ({
      id: b._id,
      title: services.get(b.serviceId)?.name ?? '预约',
      state: BOOKING_STATUS_LABELS[b.status],
      lines: [`${b.date} ${b.start}–${b.end}`, ...(b.bookedBy !== ctx.person._id ? [`${b.bookedByName}代为预约`] : [])],
      at: b.startsAt,
      page: pageUrl('booking.mine'),
      can: NONE,
    }))
    return { items, more }
  },

  async reports(ctx, villageId, page) {
    const { docs, more } = await pageOf(ctx, 'reports', { villageId, reporterId: ctx.person._id }, 'createdAt', page)
    const items = docs.map((r): RecordItem => ({
      id: r._id,
      title: `${r.category} · ${r.place.address}`,
      state: REPORT_STATUS_LABELS[r.status],
      lines: [r.text, ...(r.rating ? [`我的评价：${r.rating}星`] : [])],
      at: r.createdAt,
      page: pageUrl('reports.detail', { villageId, reportId: r._id }),
      can: NONE,
    }))
    return { items, more }
  },
}

export const recordHandlers: Handlers<typeof recordActions> = {
  'account.record': {
    access: ACCESS.member,
    async handle({ villageId, kind, page }, ctx) {
      const { items, more } = await READERS[kind](ctx, villageId, page)
      return { kind, items, next: more ? page + 1 : null }
    },
  },
}
