/** The report's due clock and the grid worker's queue order (cloud/src/features/reports/views.ts). */
import { newReport, type Report } from '../../cloud/src/features/reports/documents'
import { dueOf, isOverdue, queueOrder, reportSummary } from '../../cloud/src/features/reports/views'

const HOUR = 3_600_000
const NOW = Date.UTC(2026, 10, 26, 2)

function report(over: Partial<Report>): Report {
  return newReport(
    {
      _id: 'r',
      villageId: 'v',
      gridId: 'v:g1',
      category: '环境卫生',
      text: '东一巷口垃圾堆了三天没人清理，气味很大，请尽快处理。',
      photos: [],
      place: { address: '东一巷口', point: null },
      reporterId: 'p',
      reporterName: '陈建国',
      anonymous: false,
      createdAt: NOW - 2 * HOUR,
      acceptDueAt: NOW + 22 * HOUR,
      history: [],
    },
    { updatedAt: NOW, ...over },
  )
}

test('the clock runs to acceptance, then to resolution; closed reports have none', () => {
  expect(dueOf(report({}), NOW)).toEqual({ kind: 'accept', at: NOW + 22 * HOUR, overdue: false })
  expect(dueOf(report({ acceptDueAt: NOW - 1 }), NOW)).toEqual({ kind: 'accept', at: NOW - 1, overdue: true })
  expect(dueOf(report({ status: 'accepted', resolveDueAt: NOW + 48 * HOUR }), NOW)).toEqual({ kind: 'resolve', at: NOW + 48 * HOUR, overdue: false })
  expect(dueOf(report({ status: 'inProgress', resolveDueAt: NOW - HOUR }), NOW)?.overdue).toBe(true)
  for (const status of ['resolved', 'confirmed', 'rejected'] as const) expect(dueOf(report({ status, acceptDueAt: NOW - HOUR }), NOW)).toBeNull()
  // exactly at the deadline is not yet overdue
  expect(isOverdue(report({ acceptDueAt: NOW }), NOW)).toBe(false)
})

test('the queue: open before closed, the most overdue first, then the newest', () => {
  const rs = [
    report({ _id: 'closed-new', status: 'confirmed', createdAt: NOW }),
    report({ _id: 'open-new', createdAt: NOW - HOUR }),
    report({ _id: 'overdue-a-little', acceptDueAt: NOW - HOUR, createdAt: NOW - 30 * HOUR }),
    report({ _id: 'overdue-a-lot', status: 'accepted', resolveDueAt: NOW - 10 * HOUR, createdAt: NOW - 90 * HOUR }),
    report({ _id: 'open-old', createdAt: NOW - 5 * HOUR }),
    report({ _id: 'closed-old', status: 'rejected', createdAt: NOW - 50 * HOUR }),
  ]
  expect(rs.sort(queueOrder(NOW)).map((r) => r._id)).toEqual(['overdue-a-lot', 'overdue-a-little', 'open-new', 'open-old', 'closed-new', 'closed-old'])
})

test('a summary: the excerpt is cut at 60 characters, the grid named, the first photo as thumb', () => {
  const long = '垃圾'.repeat(40)
  const s = reportSummary(report({ text: long, photos: ['local://a.jpg', 'local://b.jpg'] }), new Map([['v:g1', '第一网格（村东）']]), { 'local://a.jpg': '/files/a.jpg' }, NOW, 120)
  expect(s.excerpt).toBe(`${long.slice(0, 60)}…`)
  expect(s).toMatchObject({ gridName: '第一网格（村东）', thumb: '/files/a.jpg', distance: 120, due: { kind: 'accept', overdue: false } })
  expect(JSON.stringify(s)).not.toContain('陈建国')
})
