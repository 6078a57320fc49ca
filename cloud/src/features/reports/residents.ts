/**
 * The residents' part: the form's settings, open reports nearby (同问 instead of a duplicate), 随手拍 itself,
 * 同问, my reports, one report, and the reporter's last word (confirm and rate, or not fixed: reopen).
 */
import { ApiError } from '../../errors'
import { ACCESS, type Handlers, type MemberContext } from '../../handler'
import { DuplicateIdError } from '../../ports/store'
import { checkPhotoContent, checkText } from '../../common/content'
import { getInVillage, getMany } from '../../common/load'
import { newId } from '../../common/ids'
import { checkPhotos } from '../../common/photos'
import { wordsOf } from '../account/common'
import { transition } from '../../common/transition'
import type { reportResidentActions } from './contract'
import { newReport, OPEN_STATUSES, REPORT_STATUS_LABELS, type Report, type ReportEvent } from './documents'
import { gridsOf, handlersOf, noticeName, reportStepView, reportSummaries, reportView, settingsOf, settingsView, tellHandlers, tellHandlersWhenDelivered } from './data'
import { acceptDue, ANONYMOUS_NAME, categoryOf, DAY_MS, REPORT_MACHINE } from './policy'
import { gridAt, hasAreas, metres } from './routing'
import type { Grid } from '../account/documents'

/** 同问 finds open reports of the category within this many metres */
export const NEARBY_METRES = 300
export const NEARBY_LIMIT = 10

const loadReport = (ctx: MemberContext, villageId: string, reportId: string) => getInVillage(ctx.ports.store, 'reports', reportId, villageId, '找不到该问题')

/** the caller's household's grid, if any */
async function homeGrid(ctx: MemberContext): Promise<string | null> {
  const household = ctx.membership.householdId ? await ctx.ports.store.get('households', ctx.membership.householdId) : null
  return household?.gridId ?? null
}

function assertReporter(ctx: MemberContext, r: Report, what: string): void {
  if (r.reporterId === '' || r.reporterId !== ctx.person._id) throw new ApiError('FORBIDDEN', `只有上报人可以${what}`)
}

/** a history entry by the caller as a resident (the name left out when they report anonymously) */
const residentEvent = (ctx: MemberContext, r: Pick<Report, 'anonymous'>, action: ReportEvent['action'], note: string | null): ReportEvent => ({
  at: ctx.now,
  action,
  by: ctx.person._id,
  byName: r.anonymous ? ANONYMOUS_NAME : ctx.membership.name,
  role: '村民',
  note,
  photos: [],
})

export const reportResidentHandlers: Handlers<Omit<typeof reportResidentActions, 'reports.map'>> = {
  'reports.settings': {
    access: ACCESS.member,
    handle: ({ villageId }, ctx) => settingsView(ctx.ports.store, villageId),
  },

  'reports.nearby': {
    access: ACCESS.member,
    async handle({ villageId, category, point }, ctx) {
      const open = await ctx.ports.store.find('reports', { villageId, category, status: { $in: [...OPEN_STATUSES] } }, { sort: [['createdAt', 'desc']], limit: 1000 })
      const others = open.filter((r) => r.reporterId !== ctx.person._id)
      if (point) {
        const near = others.flatMap((r) => (r.place.point ? [{ r, d: metres(point, r.place.point) }] : [])).filter((x) => x.d <= NEARBY_METRES)
        near.sort((a, b) => a.d - b.d || b.r.createdAt - a.r.createdAt)
        const top = near.slice(0, NEARBY_LIMIT)
        return reportSummaries(ctx, villageId, top.map((x) => x.r), new Map(top.map((x) => [x.r._id, x.d])))
      }
      const grid = await homeGrid(ctx)
      return grid ? reportSummaries(ctx, villageId, others.filter((r) => r.gridId === grid).slice(0, NEARBY_LIMIT)) : []
    },
  },

  'reports.create': {
    access: ACCESS.resident,
    async handle({ villageId, category, text, photos, place, anonymous }, ctx) {
      const { store } = ctx.ports
      const settings = await settingsOf(store, villageId)
      if (!settings.categories.some((c) => c.name === category)) throw new ApiError('BAD_INPUT', '请从列表中选择问题类别', { category: '请从列表中选择问题类别' })
      checkPhotos(villageId, photos)
      let gridId: string | null = null
      let grids: Grid[] | undefined
      if (place.point) {
        grids = await gridsOf(store, villageId)
        gridId = gridAt(grids, place.point)
        if (!gridId && hasAreas(grids)) {
          const { here } = await wordsOf(ctx, villageId)
          throw new ApiError('BAD_INPUT', `该地点不在${here}范围内`, { place: `该地点不在${here}范围内，请重新选择` })
        }
      }
      gridId ??= await homeGrid(ctx)
      await checkText(ctx, { text, place: place.address })
      await checkPhotoContent(ctx, photos)
      const report = newReport({
        _id: `${villageId}:${newId('r', ctx.now)}`,
        villageId,
        gridId,
        category,
        text,
        photos,
        place,
        reporterId: ctx.person._id,
        reporterName: ctx.membership.name,
        anonymous,
        createdAt: ctx.now,
        acceptDueAt: acceptDue(ctx.now, categoryOf(settings.categories, category)),
        history: [{ ...residentEvent(ctx, { anonymous }, 'report', null), photos }],
      })
      const to = await handlersOf(store, report)
      await store.transaction(async (tx) => {
        await tx.insert('reports', report)
        await tellHandlers(ctx, report, to, '新的随手拍', `${place.address}：${noticeName(report)}，请及时受理。`, tx)
      })
      // a new report has no 同问; its grids were read to place it (when it has a point)
      return reportView(ctx, report, { metooByMe: false, grids })
    },
  },

  'reports.metoo': {
    access: ACCESS.resident,
    async handle({ villageId, reportId }, ctx) {
      const { store } = ctx.ports
      const markId = `${reportId}:${ctx.person._id}`
      // the report is read in the transaction only; a second 同问 is its mark's duplicate id
      try {
        const written = await store.transaction(async (tx) => {
          const doc = await getInVillage(tx, 'reports', reportId, villageId, '找不到该问题')
          if (doc.reporterId === ctx.person._id) throw new ApiError('FORBIDDEN', '这是您自己上报的问题，不需要同问')
          if (!OPEN_STATUSES.includes(doc.status)) {
            // a closed one 同问'd before says so first
            if (await tx.get('reportMeToos', markId)) throw new ApiError('DUPLICATE', '您已同问过该问题')
            throw new ApiError('CONFLICT', `该问题${REPORT_STATUS_LABELS[doc.status]}，不能再同问`)
          }
          await tx.insert('reportMeToos', { _id: markId, villageId, reportId, personId: ctx.person._id, at: ctx.now })
          // who added 同问 stays in reportMeToos: the history says only that a resident did
          const event: ReportEvent = { at: ctx.now, action: 'metoo', by: '', byName: '村民', role: '村民', note: `同问（共${doc.metoo + 1}人）`, photos: [] }
          const history = [...doc.history, event]
          await tx.update('reports', reportId, { inc: { metoo: 1 }, set: { history, updatedAt: ctx.now } })
          return { ...doc, metoo: doc.metoo + 1, history, updatedAt: ctx.now }
        })
        return reportView(ctx, written, { metooByMe: true })
      } catch (e) {
        if (e instanceof DuplicateIdError) throw new ApiError('DUPLICATE', '您已同问过该问题')
        throw e
      }
    },
  },

  'reports.mine': {
    access: ACCESS.member,
    async handle({ villageId }, ctx) {
      const { store } = ctx.ports
      const [mine, marks] = await Promise.all([
        store.find('reports', { villageId, reporterId: ctx.person._id }, { sort: [['createdAt', 'desc']], limit: 500 }),
        store.find('reportMeToos', { villageId, personId: ctx.person._id }, { limit: 500 }),
      ])
      const metoo = (await getMany(store, 'reports', marks.map((m) => m.reportId))).sort((a, b) => b.createdAt - a.createdAt)
      const [reports, metooSummaries] = await Promise.all([reportSummaries(ctx, villageId, mine), reportSummaries(ctx, villageId, metoo)])
      return { reports, metoo: metooSummaries }
    },
  },

  'reports.get': {
    access: ACCESS.member,
    async handle({ villageId, reportId }, ctx) {
      return reportView(ctx, await loadReport(ctx, villageId, reportId))
    },
  },

  'reports.confirm': {
    access: ACCESS.member,
    async handle({ villageId, reportId, rating, note }, ctx) {
      await checkText(ctx, { note })
      // the report read in its transaction only; its handlers are read when the notice is delivered
      const written = await transition(ctx.ports, REPORT_MACHINE, reportId, 'confirm', {
        scope: { villageId, notFound: '找不到该问题' },
        refuse: (doc) => assertReporter(ctx, doc, '确认办结'),
        set: (doc) => ({ rating, ratingNote: note, autoConfirmAt: null, updatedAt: ctx.now, history: [...doc.history, residentEvent(ctx, doc, 'confirm', `评分${rating}星${note ? `：${note}` : ''}`)] }),
        also: (tx, doc) => tellHandlersWhenDelivered(ctx, doc, '随手拍已确认办结', `${noticeName(doc)}：上报人已确认办结，评分${rating}星。`, tx),
        // the reporter's own word, not an admin action
        by: null,
      })
      return reportStepView(ctx, written)
    },
  },

  'reports.reopen': {
    access: ACCESS.member,
    async handle({ villageId, reportId, reason }, ctx) {
      const { store } = ctx.ports
      const r = await loadReport(ctx, villageId, reportId)
      assertReporter(ctx, r, '重新提出')
      await checkText(ctx, { reason })
      const settings = await settingsOf(store, villageId)
      const to = await handlersOf(store, r)
      const written = await transition(ctx.ports, REPORT_MACHINE, r._id, 'reopen', {
        // a new clock to resolve it (the old one has usually passed), which may be escalated again
        set: (doc) => ({
          resolveDueAt: ctx.now + categoryOf(settings.categories, doc.category).resolveDays * DAY_MS,
          autoConfirmAt: null,
          escalatedAt: null,
          // no longer resolved: out of the mean time to resolve until resolved again
          resolveTook: null,
          updatedAt: ctx.now,
          history: [...doc.history, residentEvent(ctx, doc, 'reopen', reason)],
        }),
        inc: { reopened: 1 },
        also: (tx, doc) => tellHandlers(ctx, doc, to, '随手拍未解决，请重新处理', `${noticeName(doc)}：上报人反映问题未解决（${reason}）。`, tx),
        by: null,
      })
      return reportStepView(ctx, written)
    },
  },
}
