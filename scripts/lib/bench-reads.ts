/**
 * The bench's flat reads (issue 16: every list and detail action within 2x from 1,000 to 100,000 documents in one
 * village). 新山村 of the demo grows, straight into SQLite (the bench measures reading, not writing), by n members in
 * n/3 households spread over its grids, an agreement to the current rules by two members in three, n reports (随手拍)
 * over its lanes and the last 40 days, and a topic opened with them all on its roll, n ballots on it and n comments under it; the counters are then built from those documents
 * as the migrations would. Each read goes through the router as the person who would make it, timed.
 */
import type { startLocalServer } from '../../cloud/server/server'
import { buildRolls } from '../../cloud/src/features/deliberation/roll-job'
import type { Ballot, Comment, Topic } from '../../cloud/src/features/deliberation/documents'
import { commentCountFromComments, loadVoters } from '../../cloud/src/features/deliberation/data'
import { tallyShards } from '../../cloud/src/features/deliberation/policy'
import type { Collections } from '../../cloud/src/ports/store'
import { rebuildResidentCounts } from '../../cloud/src/features/account/residents'
import { groupCursor } from '../../cloud/src/common/csv'
import { DEFAULT_REPORT_SETTINGS, newReport, type Report, type ReportStatus } from '../../cloud/src/features/reports/documents'
import { rebuildReportTotals } from '../../cloud/src/features/reports/totals'

type Server = Awaited<ReturnType<typeof startLocalServer>>
export const X = 'v-xinshan'
export const COMMITTEE = 'demo-linzhiqiang'
export const RESIDENT = 'demo-linshuisheng'
export const TOWN_OFFICER = 'demo-caiguohua'

/** write documents straight into their SQLite tables, in one transaction */
function put<C extends keyof Collections>(server: Server, collection: C, docs: Array<Collections[C]>): void {
  const { db } = server.ports.store
  const insert = db.prepare(`INSERT OR REPLACE INTO "${collection}" (_id, doc) VALUES (?, ?)`)
  db.transaction(() => {
    for (const d of docs) insert.run(d._id, JSON.stringify(d))
  })()
}

/** persons p_bench{from}…p_bench{to-1}: members of 新山村, three to a household, two in three agreed to the rules */
export async function growMembers(server: Server, from: number, to: number): Promise<string[]> {
  const { store } = server.ports
  const now = server.ports.clock.now()
  const grids = (await store.find('grids', { villageId: X })).map((g) => g._id)
  // the current version is the village's (a version document has no `current` field: a query on it found none)
  const current = (await store.get('villages', X))?.currentRulesVersion
  const version = current ? await store.get('ruleVersions', `${X}:v${current}`) : null
  const ids = Array.from({ length: to - from }, (_, k) => from + k)
  const householdOf = (i: number) => `${X}:hbench${Math.floor(i / 3)}`
  const gridOf = (i: number) => grids[Math.floor(i / 3) % grids.length] ?? null
  put(server, 'persons', ids.map((i) => ({ _id: `p_bench${i}`, openid: `bench-${i}`, name: `压测村民${i}`, createdAt: now - 86_400_000 })))
  put(
    server,
    'households',
    ids.filter((i) => i % 3 === 0).map((i) => ({ _id: householdOf(i), villageId: X, gridId: gridOf(i), doorplate: `新山村压测路${i / 3 + 1}号`, headName: `压测村民${i}`, repPersonId: `p_bench${i}` })),
  )
  put(
    server,
    'memberships',
    ids.map((i) => ({
      _id: `${X}:p_bench${i}`, villageId: X, personId: `p_bench${i}`, name: `压测村民${i}`, householdId: householdOf(i), relation: i % 3 ? '子女' : '户主',
      roles: ['resident'], partyMember: false, gridIds: [], hallId: null, townId: null, joinedAt: now - 86_400_000,
    })),
  )
  if (version) {
    put(
      server,
      'ruleAgreements',
      ids.filter((i) => i % 3 !== 2).map((i) => ({
        _id: `${version._id}:p_bench${i}`, villageId: X, versionId: version._id, number: version.number, personId: `p_bench${i}`, name: `压测村民${i}`,
        householdId: householdOf(i), gridId: gridOf(i), at: now - i, partyCommitment: false, partyCommitmentAt: null,
      })),
    )
  }
  // the rules' progress counters, from these documents as the server's start counts a data folder
  await rebuildResidentCounts(store, X)
  return ids.map((i) => `p_bench${i}`)
}

const MINUTE = 60_000
const CLOSED_STATES: ReportStatus[] = ['resolved', 'confirmed', 'confirmed', 'rejected']
const DAY = 24 * 60 * MINUTE
/** the default of reports' settings (DEFAULT_REPORT_SETTINGS.autoConfirmDays) */
const AUTO_CONFIRM_DAYS = DEFAULT_REPORT_SETTINGS.autoConfirmDays

/**
 * reports r-bench{from}…r-bench{to-1} of 新山村, by its members, one every 15 minutes back from now (1,000 are ten days,
 * 100,000 three years: a village grows by its history, while the work in hand stays what its grid workers carry): one
 * in three of the last two weeks still open (some overdue), the rest closed; spread over a 100 × 100 field of points
 * 50 m apart in four categories, so that the clusters have work to do.
 */
export async function growReports(server: Server, from: number, to: number): Promise<void> {
  const now = server.ports.clock.now()
  const grids = (await server.ports.store.find('grids', { villageId: X })).map((g) => g._id)
  const categories = ['环境卫生', '道路设施', '噪音', '安全隐患']
  const reports: Report[] = Array.from({ length: to - from }, (_, k) => {
    const i = from + k
    const createdAt = now - i * 15 * MINUTE - 7
    const open = i % 3 === 0 && createdAt > now - 14 * 24 * 60 * MINUTE
    // resolved two days after it came; one the reporter has not confirmed is confirmed by the job AUTO_CONFIRM_DAYS later
    const closed = CLOSED_STATES[i % 4]
    const status: ReportStatus = open ? (['reported', 'accepted', 'inProgress'] as const)[(i / 3) % 3] : closed === 'resolved' && createdAt + (2 + AUTO_CONFIRM_DAYS) * DAY < now ? 'confirmed' : closed
    const accepted = status !== 'reported' && status !== 'rejected'
    const resolved = status === 'resolved' || status === 'confirmed'
    return newReport(
      {
        _id: `${X}:r-bench${i}`, villageId: X, gridId: grids[i % grids.length] ?? null, category: categories[i % 4], text: `压测上报${i}：路边有问题，请处理。`, photos: [],
        place: { address: `新山村压测路${i % 100}号`, point: { lng: 115.3 + (i % 100) * 0.0005, lat: 22.9 + (Math.floor(i / 100) % 100) * 0.00045 } },
        reporterId: `p_bench${i}`, reporterName: `压测村民${i}`, anonymous: false, createdAt, acceptDueAt: createdAt + 24 * 60 * MINUTE,
        history: [
          { at: createdAt, action: 'report', by: `p_bench${i}`, byName: `压测村民${i}`, role: '村民', note: null, photos: [] },
          ...(accepted ? [{ at: createdAt + 90 * MINUTE, action: 'accept' as const, by: 'p_huangweiming', byName: '黄伟明', role: '网格员', note: null, photos: [] }] : []),
          ...(resolved ? [{ at: createdAt + 2 * 24 * 60 * MINUTE, action: 'resolve' as const, by: 'p_huangweiming', byName: '黄伟明', role: '网格员', note: '已处理', photos: [] }] : []),
        ],
      },
      { status, updatedAt: createdAt + (resolved ? 2 * 24 * 60 * MINUTE : 90 * MINUTE), resolveDueAt: accepted ? createdAt + 3 * 24 * 60 * MINUTE : null, rating: status === 'confirmed' && closed === 'confirmed' ? 1 + (i % 5) : null, autoConfirmAt: status === 'resolved' ? createdAt + (2 + AUTO_CONFIRM_DAYS) * DAY : null },
    )
  })
  put(server, 'reports', reports)
  // written directly, not by the steps: the closed ones counted as the migration would (reports/totals.ts)
  await rebuildReportTotals(server.ports.store, X)
}

/** A topic opened with the whole village on its roll, a ballot by each of `voters` and as many comments, with its counters. */
export async function topicWithBallots(server: Server, voters: string[]): Promise<string> {
  const { store } = server.ports
  const now = server.ports.clock.now()
  const n = voters.length
  const input = { villageId: X, title: `读取压测：${n}张选票`, background: '压测用议题。', question: '是否同意本次压测事项？', kind: 'yesno' as const, mode: 'person' as const, results: 'live' as const, opensAt: now - 60_000, closesAt: now + 7 * 86_400_000 }
  const saved = await server.router('topics.save', input, { openid: COMMITTEE })
  if (!saved.ok) throw new Error(`topics.save: ${JSON.stringify(saved.error)}`)
  const topicId = (saved.data as { topic: { _id: string } }).topic._id
  const published = await server.router('topics.publish', { villageId: X, topicId }, { openid: COMMITTEE })
  if (!published.ok) throw new Error(`topics.publish: ${JSON.stringify(published.error)}`)
  // its roll written, as the server's job does within a minute of the opening: the bench measures the open topic's steady state
  while (await buildRolls(server.ports, server.ports.clock.now()));
  const grids = (await store.find('grids', { villageId: X })).map((g) => g._id)
  const ballots: Ballot[] = voters.map((personId, i) => ({
    _id: `${topicId}:${personId}`,
    villageId: X,
    topicId,
    voterKey: personId,
    personId,
    householdId: null,
    gridId: grids[i % grids.length] ?? null,
    choices: [['yes', 'no', 'abstain'][i % 3]],
    source: i % 10 ? 'online' : 'meeting',
    castBy: personId,
    castByName: `压测村民${i}`,
    castAt: now - i,
    changes: 0,
    receipt: `R${String(i).padStart(3, '0').slice(0, 3)}-${String(i).padStart(4, '0').slice(-4)}`,
  }))
  const comments: Comment[] = voters.map((personId, i) => ({
    _id: `${topicId}:c${i}`, villageId: X, topicId, parentId: i % 4 === 3 ? `${topicId}:c${i - 1}` : null, authorId: personId, authorName: `压测村民${i}`,
    text: `我对这件事的看法（第${i + 1}条）`, stance: null, likes: i % 7, createdAt: now - 60_000 + i, hidden: i % 50 === 49 ? { reason: '与议题无关', byName: '林志强', at: now } : null,
  }))
  const t = (await store.get('topics', topicId)) as Topic
  const shards = tallyShards(t, await loadVoters(store, t), ballots, t.tallyShards)
  put(server, 'ballots', ballots)
  put(server, 'comments', comments)
  put(server, 'topicTallies', shards)
  // the topic's counter of shown comments, counted as the migration counts it for a topic from before it
  const { commentCount: _stale, commentTotal: _staleTotal, ...uncounted } = (await store.get('topics', topicId)) as Topic
  put(server, 'topics', [uncounted])
  await commentCountFromComments(store, uncounted)
  return topicId
}

/** Median time of `runs` calls of an action by `openid` (after one warm-up call; 3 calls when it takes over half a second). */
export async function timeAction(server: Server, action: string, input: unknown, runs: number, openid = COMMITTEE): Promise<number> {
  const call = async () => {
    const t0 = performance.now()
    const r = await server.router(action, input, { openid })
    if (!r.ok) throw new Error(`${action}: ${JSON.stringify(r.error)}`)
    return performance.now() - t0
  }
  const n = (await call()) > 500 ? Math.min(3, runs) : runs
  const times: number[] = []
  for (let i = 0; i < n; i++) times.push(await call())
  return times.sort((a, b) => a - b)[Math.floor(n / 2)]
}

/** The reads the issue names, each as the person who makes it; `topicId` is the topic of this size. */
export const FLAT_READS: Array<{ label: string; openid?: string; input: (topicId: string) => unknown }> = [
  { label: 'topics.list', input: () => ({ villageId: X }) },
  { label: 'topics.get', input: (topicId) => ({ villageId: X, topicId }) },
  { label: 'topics.get (resident)', openid: RESIDENT, input: (topicId) => ({ villageId: X, topicId }) },
  { label: 'comments.list', openid: RESIDENT, input: (topicId) => ({ villageId: X, topicId }) },
  { label: 'ballots.voters', input: (topicId) => ({ villageId: X, topicId }) },
  { label: 'topics.turnoutByGrid', input: (topicId) => ({ villageId: X, topicId }) },
  { label: 'rules.current', openid: RESIDENT, input: () => ({ villageId: X }) },
  { label: 'rules.followUp', input: () => ({ villageId: X }) },
  { label: 'village.overview', openid: RESIDENT, input: () => ({ villageId: X }) },
  { label: 'account.me', openid: RESIDENT, input: () => ({}) },
  { label: 'account.todo', input: () => ({ villageId: X }) },
  { label: 'register.households', input: () => ({ villageId: X }) },
  { label: 'village.members', input: () => ({ villageId: X }) },
  // a page of rows (500 voters and their ballots); the first call answers the header and writes the audit entry
  { label: 'topics.exportCsv turnout (a page)', input: (topicId) => ({ villageId: X, topicId, kind: 'turnout', after: '0' }) },
  // a page of the follow-up list (20 households of the first grid) and of the agreements (200 to the demo's 第1版)
  { label: 'rules.exportCsv followUp (a page)', input: () => ({ villageId: X, kind: 'followUp', after: groupCursor(`${X}:g1`) }) },
  { label: 'rules.exportCsv agreements (a page)', input: () => ({ villageId: X, kind: 'agreements', after: groupCursor(1) }) },
  // 随手拍 over n reports: the figures, the town's view, 民情地图, the clusters and the queue
  { label: 'reports.figures', input: () => ({ villageId: X }) },
  { label: 'reports.town', openid: TOWN_OFFICER, input: () => ({ villageId: X }) },
  { label: 'reports.map', openid: RESIDENT, input: () => ({ villageId: X }) },
  { label: 'reports.clusters', input: () => ({ villageId: X }) },
  { label: 'reports.queue', input: () => ({ villageId: X }) },
]
