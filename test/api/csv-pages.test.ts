/**
 * Issue 16: a CSV export comes a page per call (cloud/src/common/csv.ts). The turnout of a topic with 1,200
 * voters is read a roll page (500 voters in the committee's order) and its ballots at a time, within the
 * round-trip bound, and the pages joined are the file a one-shot export gives: the header once, the same order.
 */
import type { CsvFile } from '../../cloud/src/common/csv'
import { apiPerTest, membershipDoc, T0 } from './harness'
import { audits, openTopic, P, RESIDENTS, X } from './deliberation-fixture'

const api = apiPerTest()
const GROWN = 1200 - RESIDENTS

/** 新山村 grown to 1,200 residents (in 400 households over its grids), a person-mode topic opened on them, a few ballots */
async function bigTopic(): Promise<string> {
  const grids = [`${X}:g1`, `${X}:g2`, `${X}:g3`]
  const household = (await api.ports.store.find('households', { villageId: X }, { limit: 1 }))[0]
  api.seedDocuments(
    'households',
    Array.from({ length: 400 }, (_, i) => ({ ...household, _id: `${X}:hcsv${i}`, gridId: grids[i % 3], doorplate: `新山村新区${i + 1}号`, headName: `村民${i}`, repPersonId: `p_csv${i}` })),
  )
  api.seedDocuments(
    'persons',
    Array.from({ length: GROWN }, (_, i) => ({ _id: `p_csv${i}`, openid: `csv-${i}`, name: `村民${i}`, createdAt: T0 - 1000 * 3600_000 })),
  )
  api.seedDocuments(
    'memberships',
    Array.from({ length: GROWN }, (_, i) => membershipDoc(X, `p_csv${i}`, `村民${i}`, { householdId: `${X}:hcsv${i % 400}`, relation: i < 400 ? '户主' : '子女', joinedAt: T0 - 1000 })),
  )
  const topicId = await openTopic(api)
  for (const i of [0, 401, 777, 1100]) await api.as(`csv-${i}`).call('ballots.cast', { villageId: X, topicId, choices: ['yes'] })
  await api.as(P.committee).call('ballots.recordInPerson', { villageId: X, topicId, voterPersonId: 'p_csv950', choices: ['no'] })
  return topicId
}

async function exportAll(topicId: string): Promise<{ pages: CsvFile[]; calls: number[] }> {
  const pages: CsvFile[] = []
  const calls: number[] = []
  let after: string | null = null
  do {
    const before = api.dbCalls()
    const page: CsvFile = await api.as(P.committee).call('topics.exportCsv', { villageId: X, topicId, kind: 'turnout', after })
    calls.push(api.dbCalls() - before)
    pages.push(page)
    after = page.next
  } while (after !== null)
  return { pages, calls }
}

test('a 1,200-voter turnout over pages is the one-shot file: header once, the committee’s order, each page within 10 database calls', async () => {
  const topicId = await bigTopic()
  const { pages, calls } = await exportAll(topicId)
  // the header (and the audit entry) first, then the roll's pages
  expect(pages.map((p) => p.rows)).toEqual([0, 500, 500, 200])
  expect(pages.map((p) => p.total)).toEqual([1200, 1200, 1200, 1200])
  expect(pages.map((p) => p.next)).toEqual(['0', '1', '2', null])
  expect(calls).toEqual(calls.map((n) => Math.min(n, 10)))
  const joined = pages.map((p) => p.content).join('')
  const lines = joined.split('\r\n').slice(0, -1)
  expect(lines).toHaveLength(1201)
  expect(lines.filter((l) => l.includes('投票人'))).toEqual([lines[0]])
  expect(joined.match(/\uFEFF/g)).toHaveLength(1)
  expect(lines.filter((l) => l.includes(',是,'))).toHaveLength(5)
  expect(lines.find((l) => l.includes(',村民950,'))).toMatch(/,是,现场表决,.*,林志强$/)

  // the voters come in the roll's order (the published roll's), page after page
  const roll = await api.as(P.committee).call('topics.roll', { villageId: X, topicId })
  expect(lines.slice(1).map((l) => l.split(',')[2])).toEqual(roll.entries.map((v) => v.name))

  // a topic opened before the roll had pages answers it all at once: the same file
  await api.ports.store.update('topics', { _id: topicId }, { set: { rollPages: null } })
  const whole = await api.as(P.committee).call('topics.exportCsv', { villageId: X, topicId, kind: 'turnout' })
  expect(whole).toMatchObject({ rows: 1200, next: null })
  expect(whole.content).toBe(joined)

  // one audit entry per export, not per page
  expect((await audits(api, 'topics.export')).map((a) => a.reason)).toEqual(['1200行', '1200行'])
})

test('a page out of range or a made-up cursor is refused', async () => {
  const topicId = await openTopic(api)
  const c = api.as(P.committee)
  expect(await c.call('topics.exportCsv', { villageId: X, topicId, kind: 'turnout', after: '0' })).toMatchObject({ rows: RESIDENTS, next: null, total: RESIDENTS })
  for (const after of ['1', 'x', '-1']) {
    expect(await c.fail('topics.exportCsv', { villageId: X, topicId, kind: 'turnout', after })).toMatchObject({ code: 'BAD_INPUT', message: '导出位置有误，请重新导出' })
  }
})
