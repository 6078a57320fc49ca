/**
 * Reports that cluster (several 随手拍 about one road section within weeks) become one draft topic: the committee
 * names it and its question, the background lists the reports, and each report is linked to the topic with a
 * history entry, in the draft's own transaction (topics.save's code path, saveTopic). The reports are read and
 * written through the typed store only: this feature imports nothing of the reports feature.
 */
import dayjs from 'dayjs'
import { ApiError } from '../../errors'
import { ACCESS, type Handlers } from '../../handler'
import { getMany } from '../../common/load'
import { shanghaiDay, TZ } from '../../common/time'
import type { Collections } from '../../ports/store'
import type { fromReportsActions } from './contract'
import { saveTopic } from './topics'
import { wordsOf } from '../account/common'

type Report = Collections['reports']

const DAY = 24 * 3_600_000
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
          reason: `由${reports.length}条上报转来（${reports.map((r) => r.category).filter((c, i, all) => all.indexOf(c) === i).join('、')}）`,
          also: async (tx, topic) => {
            for (const r of reports) {
              // read again inside the transaction: another draft may have taken it since
              const now = await tx.get('reports', r._id)
              if (!now || now.topicId) throw new ApiError('CONFLICT', '有上报刚被转为其他议题，请刷新后再试')
              await tx.update('reports', r._id, { set: { topicId: topic._id, history: [...now.history, event] } })
            }
          },
        },
      )
    },
  },
}
