/**
 * The handling part: the queue, and each step of a report's closed loop — accept (with an expected date), reject,
 * transfer (to another grid or the town), start, resolve (with photos) — by the grid workers of its grid, the
 * committee or the town's officers. Each step is one transaction (common/transition.ts) that refuses a wrong
 * state in words, appends the history event, writes the audit entry and tells the reporter (and, on resolve,
 * everyone who added 同问). The committee's categories and deadlines.
 */
import { ApiError } from '../../errors'
import { ACCESS, type Handlers, type MemberContext } from '../../handler'
import { audit } from '../../common/audit'
import { checkPhotoContent, checkText } from '../../common/content'
import { checkPhotos } from '../../common/photos'
import { shanghaiDay } from '../../common/time'
import { transition } from '../../common/transition'
import type { TxStore } from '../../ports/store'
import { gridOf, notify, notifyMeToo, villageFactsOf, wordsOf } from '../account/common'
import { committeeWord, type Role } from '../account/documents'
import type { reportHandlingActions } from './contract'
import { acceptedAt, OPEN_STATUSES, type Report, type ReportEvent } from './documents'
import { noticeName, PAGES, reportStepView, reportSummaries, settingsOf, settingsView, tellHandlersWhenDelivered, townOf } from './data'
import { acceptDue, autoConfirmDue, categoryOf, handlerOf, handlingRefusal, queueScope, REPORT_MACHINE, resolveDue, roleWord, type ReportEventName } from './policy'
import { isOverdue, queueOrder } from './views'

/**
 * Handling is for the committee, grid workers and town officers, but the door lets every member through: whoever
 * may not handle this report is told why in words (policy.handlingRefusal), not just 无权限.
 */
const HANDLERS = ACCESS.member
const HAS_QUEUE: ReadonlyArray<Role> = ['committee', 'gridWorker', 'townOfficer']

type Handling = Omit<typeof reportHandlingActions, 'reports.figures' | 'reports.town' | 'reports.exportCsv' | 'reports.clusters'>

/** the report's village as its handling needs it: the town (whose officers handle it) and the committee's word (村委会/居委会) */
type Place = { townId: string; committee: string }

async function placeOf(ctx: MemberContext, villageId: string): Promise<Place> {
  const v = await villageFactsOf(ctx, villageId)
  return { townId: v.townId, committee: committeeWord(v.kind) }
}

/** the history entry of a handler's step */
function staffEvent(ctx: MemberContext, r: Pick<Report, 'gridId'>, at: Place, action: ReportEvent['action'], note: string | null, photos: string[] = []): ReportEvent {
  return { at: ctx.now, action, by: ctx.person._id, byName: ctx.membership.name, role: roleWord(r, handlerOf(ctx.membership), at.townId, at.committee), note, photos }
}

type Said = string | null | ((doc: Report) => string | null)
const said = (s: Said, doc: Report) => (typeof s === 'function' ? s(doc) : s)

/**
 * Takes one handling step. The report is read in its transaction only: another village's is not found, one the
 * caller may not handle is refused in words (FORBIDDEN) before its state (CONFLICT, in the machine's words); then
 * `check` refuses what the input cannot do to it, the history grows by the step's event, the audit entry is written
 * and `tell` writes its notices.
 */
function step(
  ctx: MemberContext,
  villageId: string,
  reportId: string,
  at: Place,
  event: ReportEventName,
  o: { set?: (doc: Report) => Record<string, unknown>; check?: (doc: Report) => void; note: Said; photos?: string[]; reason: Said; tell: (tx: Pick<TxStore, 'insert'>, doc: Report) => Promise<void> },
): Promise<Report> {
  const h = handlerOf(ctx.membership)
  return transition(ctx.ports, REPORT_MACHINE, reportId, event, {
    scope: { villageId, notFound: '找不到该问题' },
    refuse: (doc) => {
      const refused = handlingRefusal(doc, h, at.townId, at.committee)
      if (refused) throw new ApiError('FORBIDDEN', refused)
    },
    set: (doc) => {
      o.check?.(doc)
      return { ...o.set?.(doc), updatedAt: ctx.now, history: [...doc.history, staffEvent(ctx, doc, at, event, said(o.note, doc), o.photos)] }
    },
    also: o.tell,
    by: ctx,
    audit: { reason: (doc) => said(o.reason, doc) },
  })
}

/** tells the reporter (if they are still with us) */
async function tellReporter(ctx: MemberContext, doc: Report, title: string, body: string, tx: Pick<TxStore, 'insert'>): Promise<void> {
  if (doc.reporterId) await notify(ctx, { personId: doc.reporterId, villageId: doc.villageId }, title, body, PAGES.detail(doc.villageId, doc._id), tx)
}

export const reportHandlingHandlers: Handlers<Handling> = {
  'reports.queue': {
    access: HANDLERS,
    async handle({ villageId, filter }, ctx) {
      const { store } = ctx.ports
      if (!ctx.membership.roles.some((r) => HAS_QUEUE.includes(r))) throw new ApiError('FORBIDDEN', `只有网格员、${(await wordsOf(ctx, villageId)).committee}和镇街干部有处理队列`)
      const scope = queueScope(handlerOf(ctx.membership), await townOf(ctx, villageId))
      const closed = filter === 'closed'
      const found = await store.find(
        'reports',
        filter === 'town' ? { villageId, level: 'town' } : { villageId, status: { $in: closed ? ['resolved', 'confirmed', 'rejected'] : [...OPEN_STATUSES] } },
        { sort: [['createdAt', 'desc']], limit: closed ? 200 : 1000 },
      )
      const inScope = (r: Report) =>
        scope.kind === 'all' ? true : scope.kind === 'town' ? r.level === 'town' || isOverdue(r, ctx.now) : r.level === 'grid' && r.gridId !== null && scope.gridIds.includes(r.gridId)
      const wanted = (r: Report) => (filter === 'overdue' ? isOverdue(r, ctx.now) : filter === 'town' ? r.level === 'town' : true)
      return reportSummaries(ctx, villageId, found.filter((r) => inScope(r) && wanted(r)).sort(queueOrder(ctx.now)))
    },
  },

  'reports.accept': {
    access: HANDLERS,
    async handle({ villageId, reportId, expectedDate, note }, ctx) {
      if (expectedDate < shanghaiDay(ctx.now)) throw new ApiError('BAD_INPUT', '预计办结日期不能早于今天', { expectedDate: '预计办结日期不能早于今天' })
      await checkText(ctx, { note })
      const [at, { categories }] = await Promise.all([placeOf(ctx, villageId), settingsOf(ctx.ports.store, villageId)])
      const due = (doc: Report) => resolveDue(ctx.now, expectedDate, categoryOf(categories, doc.category))
      const written = await step(ctx, villageId, reportId, at, 'accept', {
        // the first acceptance is the one the figures time (a report transferred after it keeps it)
        set: (doc) => ({ resolveDueAt: due(doc), acceptTook: (acceptedAt(doc) ?? ctx.now) - doc.createdAt }),
        note: (doc) => `预计${shanghaiDay(due(doc))}前办结${note ? `。${note}` : ''}`,
        reason: (doc) => `预计${shanghaiDay(due(doc))}前办结`,
        tell: (tx, doc) => tellReporter(ctx, doc, '您的随手拍已受理', `${noticeName(doc)}已由${ctx.membership.name}受理，预计${shanghaiDay(due(doc))}前办结。`, tx),
      })
      return reportStepView(ctx, written, at.townId)
    },
  },

  'reports.reject': {
    access: HANDLERS,
    async handle({ villageId, reportId, reason }, ctx) {
      await checkText(ctx, { reason })
      const at = await placeOf(ctx, villageId)
      const written = await step(ctx, villageId, reportId, at, 'reject', {
        note: reason,
        reason,
        tell: (tx, doc) => tellReporter(ctx, doc, '您的随手拍不予受理', `${noticeName(doc)}不予受理，理由：${reason}`, tx),
      })
      return reportStepView(ctx, written, at.townId)
    },
  },

  'reports.transfer': {
    access: HANDLERS,
    async handle({ villageId, reportId, to, reason }, ctx) {
      await checkText(ctx, { reason })
      const at = await placeOf(ctx, villageId)
      const [grid, { categories }] = await Promise.all([to.kind === 'grid' ? gridOf(ctx, villageId, to.gridId) : null, settingsOf(ctx.ports.store, villageId)])
      const where = grid ? grid.name : '镇街'
      const place = grid ? ({ gridId: grid._id, level: 'grid' } as const) : ({ level: 'town' } as const)
      const written = await step(ctx, villageId, reportId, at, 'transfer', {
        check: (doc) => {
          if (grid && doc.level === 'grid' && doc.gridId === grid._id) throw new ApiError('BAD_INPUT', '该问题已在这个网格', { to: '请选择另一个网格' })
          if (!grid && doc.level === 'town') throw new ApiError('CONFLICT', '该问题已转办镇街')
        },
        // at its new place it waits to be accepted again, on a new clock (which may be escalated again)
        set: (doc) => ({ ...place, ...(grid && { escalatedAt: null }), acceptDueAt: acceptDue(ctx.now, categoryOf(categories, doc.category)), resolveDueAt: null }),
        note: `转办至${where}：${reason}`,
        reason: `转办至${where}：${reason}`,
        tell: async (tx, doc) => {
          await tellReporter(ctx, doc, '您的随手拍已转办', `${noticeName(doc)}已转办至${where}，理由：${reason}`, tx)
          // its new handlers as they are when the job delivers it
          await tellHandlersWhenDelivered(ctx, { ...doc, ...place }, grid ? '转办来的随手拍' : '转办镇街的随手拍', `${ctx.membership.name}将${noticeName(doc)}转办至${where}：${reason}`, tx)
        },
      })
      return reportStepView(ctx, written, at.townId)
    },
  },

  'reports.start': {
    access: HANDLERS,
    async handle({ villageId, reportId, note }, ctx) {
      await checkText(ctx, { note })
      const at = await placeOf(ctx, villageId)
      const written = await step(ctx, villageId, reportId, at, 'start', {
        note,
        reason: null,
        tell: (tx, doc) => tellReporter(ctx, doc, '您的随手拍正在处理', `${noticeName(doc)}正在处理中${note ? `：${note}` : '。'}`, tx),
      })
      return reportStepView(ctx, written, at.townId)
    },
  },

  'reports.resolve': {
    access: HANDLERS,
    async handle({ villageId, reportId, note, photos }, ctx) {
      const { store } = ctx.ports
      checkPhotos(villageId, photos)
      await checkText(ctx, { note })
      await checkPhotoContent(ctx, photos)
      const [at, { autoConfirmDays }] = await Promise.all([placeOf(ctx, villageId), settingsOf(store, villageId)])
      const autoConfirmAt = autoConfirmDue(ctx.now, autoConfirmDays)
      const written = await step(ctx, villageId, reportId, at, 'resolve', {
        set: (doc) => ({ resultPhotos: photos, autoConfirmAt, resolveTook: ctx.now - doc.createdAt }),
        note,
        photos,
        reason: note,
        tell: async (tx, doc) => {
          await tellReporter(ctx, doc, '您的随手拍已办结', `${noticeName(doc)}已办结：${note}。请确认并评价；如未解决，可点「未解决」。${autoConfirmDays}天内未确认将自动确认。`, tx)
          // those who added 同问, as the job finds them when it delivers (the step reads none of them)
          if (doc.metoo) await notifyMeToo(ctx, villageId, doc._id, '您同问的问题已办结', `${noticeName(doc)}已办结：${note}`, PAGES.detail(villageId, doc._id), tx)
        },
      })
      return reportStepView(ctx, written, at.townId)
    },
  },

  'reports.setSettings': {
    access: ACCESS.committee,
    async handle({ villageId, categories, autoConfirmDays }, ctx) {
      const names = categories.map((c) => c.name)
      const twice = names.find((n, i) => names.indexOf(n) !== i)
      if (twice) throw new ApiError('BAD_INPUT', `类别「${twice}」重复了`, { categories: `类别「${twice}」重复了` })
      await checkText(ctx, { categories: names.join('、') })
      const set = { categories, autoConfirmDays, updatedAt: ctx.now, updatedByName: ctx.membership.name }
      await ctx.ports.store.transaction(async (tx) => {
        if (await tx.get('reportSettings', villageId)) await tx.update('reportSettings', villageId, { set })
        else await tx.insert('reportSettings', { _id: villageId, villageId, ...set })
        const summary = `${categories.map((c) => `${c.name}（${c.acceptHours}小时受理，${c.resolveDays}天办结）`).join('、')}；${autoConfirmDays}天自动确认`
        await audit(ctx, 'reports.setSettings', { type: 'reportSettings', id: villageId, label: '随手拍类别与时限' }, summary, tx)
      })
      return settingsView(ctx.ports.store, villageId, set)
    },
  },
}
