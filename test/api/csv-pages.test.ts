/**
 * Issue 16: a CSV export comes a page per call (cloud/src/common/csv.ts). The turnout of a topic with 1,200
 * voters is read a chunk of its roll (up to 100 voters, each chunk in the committee's order, as the meeting list
 * pages them) and its ballots at a time, within the round-trip bound, and the pages joined are one file: the header
 * once, every voter once.
 * The rules' follow-up list (by grid), their agreements (by version) and the reports (by village) page the same way,
 * by keyset within each group.
 */
import type { InputOf } from '../../cloud/src/contract'
import type { CsvFile } from '../../cloud/src/common/csv'
import { findAll } from '../../cloud/src/common/load'
import { rebuildResidentCounts } from '../../cloud/src/features/account/residents'
import { REPORT_HEADERS, reportsCsv } from '../../cloud/src/features/reports/csv'
import { AGREEMENT_HEADERS, agreementsCsv, FOLLOW_UP_HEADERS, followUpCsv } from '../../cloud/src/features/rules/csv'
import { apiPerTest, membershipDoc, T0 } from './harness'
import { audits, openTopic, P, RESIDENTS, W, X } from './deliberation-fixture'
import { OPENID } from './samples'

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

type PagedAction = 'topics.exportCsv' | 'rules.exportCsv' | 'reports.exportCsv'
/** every page of an export, with the database calls each took */
async function pagesOf<A extends PagedAction>(openid: string, action: A, input: InputOf<A>): Promise<{ pages: CsvFile[]; calls: number[] }> {
  const pages: CsvFile[] = []
  const calls: number[] = []
  let after: string | null = null
  do {
    const before = api.dbCalls()
    const page = (await api.as(openid).call(action, { ...(input as object), after } as InputOf<A>)) as CsvFile
    calls.push(api.dbCalls() - before)
    pages.push(page)
    after = page.next
  } while (after !== null)
  return { pages, calls }
}

test('a 1,200-voter turnout over pages is the one-shot file: header once, the committee’s order, each page within 10 database calls', async () => {
  const topicId = await bigTopic()
  const c = api.as(P.committee)
  const { pages, calls } = await pagesOf(P.committee, 'topics.exportCsv', { villageId: X, topicId, kind: 'turnout' })
  // the header (and the audit entry) first, then the roll's chunks
  const chunks = (await api.ports.store.get('topics', topicId))!.rollChunks!
  expect(chunks).toBeGreaterThanOrEqual(12)
  expect(pages[0].rows).toBe(0)
  expect(pages.slice(1).every((p) => p.rows <= 100)).toBe(true)
  expect(pages.reduce((n, p) => n + p.rows, 0)).toBe(1200)
  expect(pages.map((p) => p.total)).toEqual(pages.map(() => 1200))
  expect(pages.map((p) => p.next)).toEqual([...Array.from({ length: chunks }, (_, i) => String(i)), null])
  expect(calls).toEqual(calls.map((n) => Math.min(n, 10)))
  const joined = pages.map((p) => p.content).join('')
  const lines = joined.split('\r\n').slice(0, -1)
  expect(lines).toHaveLength(1201)
  expect(lines.filter((l) => l.includes('投票人'))).toEqual([lines[0]])
  expect(joined.match(/\uFEFF/g)).toHaveLength(1)
  expect(lines.filter((l) => l.includes(',是,'))).toHaveLength(5)
  expect(lines.find((l) => l.includes(',村民950,'))).toMatch(/,是,现场表决,.*,林志强$/)

  // the voters come in the order the meeting list pages the roll, every one of the published roll's once
  const listed: string[] = []
  for (let after: string | null = null; ; ) {
    const page: Awaited<ReturnType<typeof c.call<'ballots.voters'>>> = await c.call('ballots.voters', { villageId: X, topicId, after })
    listed.push(...page.voters.map((v) => v.name))
    if (!(after = page.next)) break
  }
  expect(lines.slice(1).map((l) => l.split(',')[2])).toEqual(listed)
  const roll = await c.call('topics.roll', { villageId: X, topicId })
  expect([...listed].sort()).toEqual(roll.entries.map((v) => v.name).sort())

  // a topic opened before the roll was written in chunks answers it all at once, in the committee's order: the same rows
  await api.ports.store.update('topics', { _id: topicId }, { set: { rollPages: null, rollBounds: null } })
  const whole = await c.call('topics.exportCsv', { villageId: X, topicId, kind: 'turnout' })
  expect(whole).toMatchObject({ rows: 1200, next: null })
  expect(whole.content.split('\r\n')[0]).toBe(lines[0])
  expect(whole.content.split('\r\n').sort()).toEqual(joined.split('\r\n').sort())

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

/** the pages joined as the client's card joins them, checked to be one file: the BOM and the header once, first */
function joined(pages: CsvFile[], header: string): string {
  const content = pages.map((p) => p.content).join('')
  expect(pages[0].content).toBe(`\uFEFF${header}\r\n`)
  expect(content.match(/\uFEFF/g)).toHaveLength(1)
  expect(content.split('\r\n').filter((l) => l.replace('\uFEFF', '') === header)).toHaveLength(1)
  expect(pages.slice(1).every((p) => p.filename === pages[0].filename)).toBe(true)
  return content
}

const refusesCursors = async (openid: string, action: 'rules.exportCsv' | 'reports.exportCsv', input: object, cursors: string[]) => {
  for (const after of cursors) {
    const refused = await api.as(openid).fail(action, { ...input, after } as InputOf<typeof action>)
    expect([after, refused]).toEqual([after, expect.objectContaining({ code: 'BAD_INPUT', message: '导出位置有误，请重新导出' })])
  }
}

describe('the rules’ exports page by grid and by version', () => {
  const GRIDS = [`${X}:g1`, `${X}:g2`, `${X}:g3`, null]
  /**
   * 新山村 grown by 1,200 residents in 400 households (every tenth in no grid, and 12 residents in none), 第2版 current:
   * one in three agreed to 第1版 only, one in three to 第2版; agreements made seven at the same moment (ties on `at`).
   */
  async function bigRules(): Promise<void> {
    const { store } = api.ports
    const household = (await store.find('households', { villageId: X }, { limit: 1 }))[0]
    api.seedDocuments(
      'households',
      Array.from({ length: 400 }, (_, i) => ({ ...household, _id: `${X}:hr${i}`, gridId: GRIDS[i % 10 === 9 ? 3 : i % 3], doorplate: `新山村新区${i + 1}号`, headName: `村民${i}`, repPersonId: `p_r${i}` })),
    )
    api.seedDocuments('persons', Array.from({ length: 1212 }, (_, i) => ({ _id: `p_r${i}`, openid: `r-${i}`, name: `村民${i}`, createdAt: T0 - 1000 * 3600_000 })))
    api.seedDocuments(
      'memberships',
      Array.from({ length: 1212 }, (_, i) => membershipDoc(X, `p_r${i}`, `村民${i}`, i < 1200 ? { householdId: `${X}:hr${i % 400}`, relation: i < 400 ? '户主' : '子女' } : {})),
    )
    const v1 = (await store.get('ruleVersions', `${X}:v1`))!
    api.seedDocuments('ruleVersions', [{ ...v1, _id: `${X}:v2`, number: 2 }])
    await store.update('villages', { _id: X }, { set: { currentRulesVersion: 2 } })
    const agreement = (await store.find('ruleAgreements', { villageId: X }, { limit: 1 }))[0]
    api.seedDocuments(
      'ruleAgreements',
      Array.from({ length: 1212 }, (_, i) => i)
        .filter((i) => i % 3 !== 2)
        .map((i) => {
          const number = i % 3 === 0 ? 1 : 2
          return { ...agreement, _id: `${X}:v${number}:p_r${i}`, versionId: `${X}:v${number}`, number, personId: `p_r${i}`, name: `村民${i}`, householdId: i < 1200 ? `${X}:hr${i % 400}` : null, gridId: GRIDS[(i % 400) % 10 === 9 ? 3 : (i % 400) % 3], at: T0 - Math.floor(i / 7) * 60_000 }
        }),
    )
    await rebuildResidentCounts(store, X)
  }

  test('the follow-up list over pages is the list rules.followUp walks: header once, grid by grid in its order, each page within 10 database calls', async () => {
    await bigRules()
    const c = api.as(P.committee)
    // the list as the one-shot export made it: every grid's households from rules.followUp, page after page
    const { grids } = await c.call('rules.followUp', { villageId: X })
    const groups = []
    for (const g of grids) {
      const households = []
      for (let after: string | undefined; ; ) {
        const { page } = await c.call('rules.followUp', { villageId: X, gridId: g.gridId, after })
        households.push(...page!.households)
        if (!page!.next) break
        after = page!.next
      }
      groups.push({ gridName: g.gridName, households })
    }
    const whole = followUpCsv(groups)
    expect(grids.map((g) => g.gridId)).toEqual(GRIDS)
    expect(whole.rows).toBeGreaterThan(800)

    const { pages, calls } = await pagesOf(P.committee, 'rules.exportCsv', { villageId: X, kind: 'followUp' })
    expect(joined(pages, FOLLOW_UP_HEADERS.join(','))).toBe(whole.content)
    expect(pages.reduce((n, p) => n + p.rows, 0)).toBe(whole.rows)
    expect(pages[0]).toMatchObject({ rows: 0, total: grids.reduce((n, g) => n + g.pendingPersons, 0), next: JSON.stringify([`${X}:g1`]) })
    expect(pages[0].filename).toBe('新山村村规民约-未承诺名单-第2版-2026-11-26.csv')
    // a page is a bounded number of households (a few rows each), however big the village
    expect(Math.max(...pages.map((p) => p.rows))).toBeLessThan(200)
    expect(pages.length).toBeGreaterThan(10)
    expect(calls).toEqual(calls.map((n) => Math.min(n, 10)))
    // one audit entry per export, at its first page
    expect((await audits(api, 'rules.export')).map((a) => a.reason)).toEqual([`${pages[0].total}条`])
  })

  test('the agreements over pages: newest version first, then in the order they were made, each page within 10 database calls', async () => {
    await bigRules()
    const { store } = api.ports
    const all = await findAll(store, 'ruleAgreements', { villageId: X })
    const whole = agreementsCsv(all, await findAll(store, 'households', { villageId: X }), await store.find('grids', { villageId: X }))
    const { pages, calls } = await pagesOf(P.committee, 'rules.exportCsv', { villageId: X, kind: 'agreements' })
    expect(joined(pages, AGREEMENT_HEADERS.join(','))).toBe(whole.content)
    expect(pages.map((p) => p.rows)).toEqual([0, 200, 200, 4, 200, 200, 11])
    expect(pages[0]).toMatchObject({ total: all.length, next: '[2]' })
    expect(calls).toEqual(calls.map((n) => Math.min(n, 10)))
    // the oldest first, those of the same moment by id
    const lines = whole.content.split('\r\n')
    expect(lines.slice(1, 4).map((l) => l.split(',').slice(0, 2).join())).toEqual(['第2版,村民1204', '第2版,村民1207', '第2版,村民1210'])
    expect(lines[405]).toMatch(/^第1版,/)
  })

  test('a cursor the export never gave is refused', async () => {
    await bigRules()
    const followUp = { villageId: X, kind: 'followUp' as const }
    await refusesCursors(P.committee, 'rules.exportCsv', followUp, ['0', 'x', '[]', '["v-xinshan:g9"]', `["${W}:g1"]`, `["${X}:g1",12]`, `["${X}:g1","7:h"]`, `["${X}:g1","[1,\\"h\\"]"]`, `["${X}:g1","门牌"]`])
    const agreements = { villageId: X, kind: 'agreements' as const }
    await refusesCursors(P.committee, 'rules.exportCsv', agreements, ['0', '[3]', '[0]', '["2"]', '[2,"[\\"a\\",\\"b\\"]"]', '[2,"x:y"]'])
    // the cursors it gives are taken
    expect(await api.as(P.committee).call('rules.exportCsv', { ...followUp, after: `[null]` })).toMatchObject({ next: expect.stringContaining('null') })
    expect(await api.as(P.committee).call('rules.exportCsv', { ...agreements, after: `[1,"${T0 - 172 * 60_000}:${X}:v1:p_r1206"]` })).toMatchObject({ rows: 200, next: expect.stringMatching(/^\[1,/) })
  })
})

describe('the reports’ export pages by village', () => {
  /** 450 reports in 新山村 and 250 in 东尾村 (the same town), five to each moment */
  async function manyReports(): Promise<void> {
    const lamp = (await api.ports.store.get('reports', `${X}:r-lamp`))!
    for (const [villageId, n] of [[X, 450], ['v-dongwei', 250]] as const) {
      api.seedDocuments(
        'reports',
        Array.from({ length: n }, (_, i) => ({ ...lamp, _id: `${villageId}:r-many${i}`, villageId, gridId: i % 4 ? `${villageId}:g${(i % 2) + 1}` : null, createdAt: T0 - 86_400_000 + Math.floor(i / 5) * 60_000 })),
      )
    }
  }

  async function wholeFile(villageIds: string[]): Promise<{ content: string; rows: number }> {
    const { store } = api.ports
    const villages = await Promise.all(
      villageIds.map(async (id) => ({
        name: (await store.get('villages', id))!.name,
        reports: await findAll(store, 'reports', { villageId: id }),
        gridNames: new Map((await store.find('grids', { villageId: id })).map((g) => [g._id, g.name])),
      })),
    )
    return reportsCsv(villages, api.ports.clock.now())
  }

  test('the village’s and the town’s over pages are the one-shot file, each page within 10 database calls', async () => {
    await manyReports()
    const village = await pagesOf(P.committee, 'reports.exportCsv', { villageId: X, scope: 'village' })
    const whole = await wholeFile([X])
    expect(joined(village.pages, REPORT_HEADERS.join(','))).toBe(whole.content)
    expect(village.pages.map((p) => p.rows)).toEqual([0, 200, 200, whole.rows - 400])
    expect(village.pages[0]).toMatchObject({ total: whole.rows, next: `["${X}"]` })
    expect(village.calls).toEqual(village.calls.map((n) => Math.min(n, 10)))

    const town = await pagesOf(OPENID.townOfficer, 'reports.exportCsv', { villageId: X, scope: 'town' })
    const wholeTown = await wholeFile(['v-dongwei', X])
    expect(joined(town.pages, REPORT_HEADERS.join(','))).toBe(wholeTown.content)
    expect(town.pages[0]).toMatchObject({ filename: '联安镇-随手拍上报-2026-11-26.csv', total: wholeTown.rows, next: '["v-dongwei"]' })
    expect(town.pages.map((p) => p.rows)).toEqual([0, 200, wholeTown.rows - whole.rows - 200, 200, 200, whole.rows - 400])
    expect(town.calls).toEqual(town.calls.map((n) => Math.min(n, 10)))
    // one audit entry per export
    expect((await api.ports.store.find('auditLog', { action: 'reports.export' })).map((a) => a.reason).sort()).toEqual([`${whole.rows}行`, `${wholeTown.rows}行`].sort())
  })

  test('a cursor the export never gave is refused: another village, outside the town, a malformed position', async () => {
    await manyReports()
    const village = { villageId: X, scope: 'village' as const }
    await refusesCursors(P.committee, 'reports.exportCsv', village, ['0', '["v-dongwei"]', `["${X}","x:y"]`, `["${X}","[\\"a\\",\\"b\\"]"]`, `[null]`])
    await refusesCursors(OPENID.townOfficer, 'reports.exportCsv', { villageId: X, scope: 'town' }, [`["${W}"]`, '["v-henan"]'])
  })
})
