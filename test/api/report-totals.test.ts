/**
 * Issue 16: the closed reports' counters (cloud/src/features/reports/totals.ts) stay equal to a fresh count through
 * every step of a report into, between and out of the closed states, and the figures read from them are the figures
 * counted from the reports themselves (a village whose counters are not built yet), for the committee, a grid worker
 * (their grid) and the town.
 */
import { transition } from '../../cloud/src/common/transition'
import { theJob } from '../../cloud/src/common/audit'
import { REPORT_MACHINE, type ReportEventName } from '../../cloud/src/features/reports/policy'
import { rebuildReportTotals } from '../../cloud/src/features/reports/totals'
import type { Report } from '../../cloud/src/features/reports/documents'
import { apiPerTest } from './harness'
import { addFixtures, OPENID, X } from './samples'

const api = apiPerTest()
const HOUR = 3_600_000

/** the village's counters that count something, by id */
async function counters(): Promise<Record<string, unknown>> {
  const docs = await api.ports.store.find('reportTotals', { villageId: X }, { limit: 1000 })
  return Object.fromEntries(docs.filter((d) => d.n !== 0 || d.status === 'built').map(({ _id, ...d }) => [_id, d]))
}

/** the figures each reader sees: the committee's, a grid worker's (their grid), the town's view of this village */
async function figures() {
  const committee = await api.as(OPENID.committee).call('reports.figures', { villageId: X })
  const grid = await api.as(OPENID.gridWorker).call('reports.figures', { villageId: X })
  const town = await api.as(OPENID.townOfficer).call('reports.town', { villageId: X })
  return { committee, grid, town: town.villages.find((v) => v.villageId === X)?.figures }
}

/** Takes a report's step as the handlers do (through the machine), then checks the counters against a fresh count. */
async function step(id: string, event: ReportEventName, set: Partial<Report>): Promise<void> {
  await transition(api.ports, REPORT_MACHINE, id, event, { set: { ...set, updatedAt: api.ports.clock.now() }, by: theJob(api.ports.clock.now()) })
  const kept = await counters()
  await rebuildReportTotals(api.ports.store, X)
  expect(kept).toEqual(await counters())
}

test('every step into, between and out of the closed states keeps the counters equal to a fresh count, and the figures to those counted live', async () => {
  await addFixtures(api)
  const { store } = api.ports
  const now = api.ports.clock.now()
  const open = await store.find('reports', { villageId: X, status: 'reported' }, { sort: [['_id', 'asc']], limit: 3 })
  expect(open.length).toBe(3)
  const [a, b, c] = open
  const closedBefore = (await figures()).committee.total - (await figures()).committee.open

  await step(a._id, 'accept', { acceptTook: 2 * HOUR })
  await step(a._id, 'resolve', { resolveTook: 30 * HOUR, autoConfirmAt: now + 7 * 24 * HOUR })
  await step(a._id, 'confirm', { rating: 4 })
  await step(b._id, 'reject', {})
  await step(c._id, 'accept', { acceptTook: HOUR })
  await step(c._id, 'resolve', { resolveTook: 5 * HOUR })
  // not fixed after all: out of the closed states, its resolution undone
  await step(c._id, 'reopen', { resolveTook: null })
  await step(c._id, 'resolve', { resolveTook: 9 * HOUR })
  await step(c._id, 'autoConfirm', {})

  const kept = await figures()
  expect(kept.committee.total - kept.committee.open).toBe(closedBefore + 3)
  expect(kept.committee.satisfaction.count).toBeGreaterThanOrEqual(1)
  // the same figures from the reports themselves: without its marker the village is counted live
  await store.remove('reportTotals', { villageId: X })
  expect(await figures()).toEqual(kept)
})
