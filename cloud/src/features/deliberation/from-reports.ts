/**
 * Reports that cluster (several 随手拍 about one road section within weeks) become one draft topic: the committee
 * names it and its question, the background lists the reports, and each report is linked to the topic with a
 * history entry (topics.save's code path, saveTopic). The reports are read and written through the typed store only:
 * this feature imports nothing of the reports feature.
 *
 * The links cost the same few calls for 2 reports as for 20: one conditional update claims them all for the draft's
 * id (each only while still free) before the draft's transaction, one more adds their history entry after it. A claim
 * that did not take every report, or a draft that failed, gives the claimed ones back. Until its entry is added, a
 * claimed report holds it in `linking`: a crash between the steps leaves it there, and the job (reportLinksRepaired)
 * frees a report whose draft was never written, or adds the entry when it was.
 */
import dayjs from 'dayjs'
import { ApiError } from '../../errors'
import { ACCESS, type Handlers } from '../../handler'
import { getMany } from '../../common/load'
import { shanghaiDay, TZ } from '../../common/time'
import type { Ports } from '../../ports/ports'
import type { Collections, Store } from '../../ports/store'
import type { fromReportsActions } from './contract'
import { saveTopic } from './topics'
import { wordsOf } from '../account/common'

type Report = Collections['reports']

const DAY = 24 * 3_600_000
/** how long a claim may wait for its draft before the job takes it for one a crash left behind (an action takes seconds) */
const CLAIM_LEASE = 10 * 60_000
/** the claims the job looks at in one run */
const REPAIR_PAGE = 200

type Event = NonNullable<Report['linking']>
type Claim = { topicId: string; event: Event }

/** the claimed reports' history entry, once (the action or the job, whichever comes first) */
const finishLinks = (store: Store, ids: string[], { topicId, event }: Claim) =>
  store.update('reports', { _id: { $in: ids }, topicId, 'linking.at': event.at }, { set: { linking: undefined }, push: { history: event } })

/** the claimed reports freed (a claim that lost a report to another draft, a draft that failed or was never written) */
const releaseLinks = (store: Store, ids: string[], { topicId, event }: Claim) =>
  store.update('reports', { _id: { $in: ids }, topicId, 'linking.at': event.at }, { set: { topicId: null, linking: undefined } })

async function linkReports(store: Store, villageId: string, ids: string[], claim: Claim, draft: () => Promise<void>): Promise<void> {
  const { topicId, event } = claim
  const claimed = await store.update('reports', { _id: { $in: ids }, villageId, topicId: null, status: { $ne: 'rejected' } }, { set: { topicId, linking: event } })
  if (claimed < ids.length) {
    await releaseLinks(store, ids, claim)
    throw new ApiError('CONFLICT', '有上报刚被转为其他议题，请刷新后再试')
  }
  try {
    await draft()
  } catch (e) {
    // when this fails too, the job frees them
    await releaseLinks(store, ids, claim).catch(() => 0)
    throw e
  }
  await finishLinks(store, ids, claim)
}

const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n)}…` : s)

/** one line per report, oldest first: category, place, day, the start of what was said (never who said it) */
export function reportsBackground(reports: Report[], people: string): string {
  const lines = reports.map((r, i) => `${i + 1}. 【${r.category}】${clip(r.place.address, 30)}，${shanghaiDay(r.createdAt)}：${clip(r.text.replace(/\s+/g, ' '), 40)}`)
  // 20 lines of at most ~90 characters stay within the topic's 2000
  return [`本议题由${reports.length}条${people}随手拍上报转来：`, ...lines].join('\n')
}

export const fromReportsHandlers: Handlers<typeof fromReportsActions> = {
  'topics.fromReports': {
    access: ACCESS.committee,
    async handle({ villageId, reportIds, title, question }, ctx) {
      const ids = [...new Set(reportIds)]
      if (ids.length < 2) throw new ApiError('BAD_INPUT', '请至少选择2条不同的上报', { reportIds: '请至少选择2条不同的上报' })
      const found = new Map((await getMany(ctx.ports.store, 'reports', ids)).filter((r) => r.villageId === villageId).map((r) => [r._id, r]))
      const reports = ids.map((id) => {
        const r = found.get(id)
        if (!r) throw new ApiError('NOT_FOUND', '找不到该上报')
        if (r.topicId) throw new ApiError('CONFLICT', `上报「${clip(r.text, 12)}」已经转为议题`)
        if (r.status === 'rejected') throw new ApiError('CONFLICT', `上报「${clip(r.text, 12)}」不予受理，不能转为议题`)
        return r
      })
      reports.sort((a, b) => a.createdAt - b.createdAt)
      // a draft the committee completes: 是/否 by person, opening tomorrow 08:00 for a week (all editable before publishing)
      const opensAt = dayjs(ctx.now).tz(TZ).add(1, 'day').startOf('day').hour(8).valueOf()
      const words = await wordsOf(ctx, villageId)
      const event = { at: ctx.now, action: 'linkTopic' as const, by: ctx.person._id, byName: ctx.membership.name, role: words.committee, note: `转为议题「${title}」`, photos: [] }
      return saveTopic(
        ctx,
        { villageId, title, question, background: reportsBackground(reports, words.people), photos: [], kind: 'yesno', options: [], maxChoices: 1, mode: 'person', results: 'live', opensAt, closesAt: opensAt + 7 * DAY + 12 * 3_600_000 },
        {
          action: 'topics.fromReports',
          reportIds: ids,
          reason: `由${reports.length}条上报转来（${reports.map((r) => r.category).filter((c, i, all) => all.indexOf(c) === i).join('、')}）`,
          writing: (topicId, draft) => linkReports(ctx.ports.store, villageId, ids, { topicId, event }, draft),
        },
      )
    },
  },
}

/** reportLinksRepaired: the claims whose action died past its claim (see the top); how many reports it finished or freed */
export async function repairReportLinks(ports: Ports, now: number): Promise<number> {
  const { store } = ports
  const left = await store.find('reports', { 'linking.at': { $lt: now - CLAIM_LEASE } }, { sort: [['linking.at', 'asc']], limit: REPAIR_PAGE })
  // the reports of one claim (one draft, one moment) are finished or freed together: one call per claim, not per report
  const claims = new Map<string, { claim: Claim; ids: string[] }>()
  for (const r of left) {
    const key = `${r.topicId}@${r.linking!.at}`
    const c = claims.get(key) ?? { claim: { topicId: r.topicId!, event: r.linking! }, ids: [] }
    c.ids.push(r._id)
    claims.set(key, c)
  }
  const drafts = new Set((await getMany(store, 'topics', [...new Set(left.map((r) => r.topicId!))])).map((t) => t._id))
  let done = 0
  for (const { claim, ids } of claims.values()) done += await (drafts.has(claim.topicId) ? finishLinks : releaseLinks)(store, ids, claim)
  return done
}
