/**
 * Issue 16: lists that grow without bound are read in keyset pages (the last item's sort value and id), never by
 * skipping: topics.list gives every open topic and the ended ones TOPICS_PAGE at a time, newest deadline first;
 * walking the pages gives each once, and a topic ending meanwhile shifts nothing. Old callers (no `after`) get the first page.
 * The register (in 门牌号 order) and the member list (by name, or by household for a grid) page the same way, on text.
 */
import { NO_GRID, REGISTER_PAGE, TOPICS_PAGE, topicsNext } from '../../cloud/src/contract/tables'
import { MEMBERS_PAGE, type Household } from '../../cloud/src/features/account/documents'
import type { Topic } from '../../cloud/src/features/deliberation/documents'
import { apiPerTest, ID, membershipDoc } from './harness'
import { rebuildResidentCounts } from '../../cloud/src/features/account/residents'

const api = apiPerTest()
const X = 'v-xinshan'
const ENDED = 65

async function manyEnded(): Promise<Topic[]> {
  const model = (await api.ports.store.get('topics', `${X}:t4`))!
  // a few share a deadline: ties are ordered by id across a page boundary
  const docs = Array.from({ length: ENDED }, (_, i): Topic => ({ ...model, _id: `${X}:tpage-${String(i).padStart(2, '0')}`, title: `往期议题${i}`, closesAt: model.closesAt - 3600_000 * Math.floor(i / 3) }))
  api.seedDocuments('topics', docs)
  return docs
}

test('topics.list: the open topics and the ended ones a page at a time, newest deadline first, each once', async () => {
  await manyEnded()
  const as = api.as(ID.resident)
  const first = await as.call('topics.list', { villageId: X })
  const open = first.filter((t) => t.status === 'open')
  expect(open.length).toBeGreaterThan(0)
  expect(first.length - open.length).toBe(TOPICS_PAGE)
  const seen = first.filter((t) => t.status !== 'open')
  const all = await api.ports.store.find('topics', { villageId: X, status: { $in: ['closed', 'decided', 'done'] } }, { sort: [['closesAt', 'desc'], ['_id', 'desc']], limit: 1000 })
  let after = topicsNext(first)
  let pages = 1
  while (after) {
    const page = await as.call('topics.list', { villageId: X, after })
    expect(page.every((t) => t.status !== 'open')).toBe(true)
    if (pages === 1) {
      // an open topic that ends now comes before the cursor: it shifts nothing already read or to come
      await api.ports.store.update('topics', { _id: open[0].id }, { set: { status: 'closed', closedAt: Date.now() } })
    }
    seen.push(...page)
    after = topicsNext(page)
    pages++
  }
  expect(pages).toBe(Math.ceil((all.length + 1) / TOPICS_PAGE))
  expect(seen.map((t) => t.id)).toEqual(all.map((t) => t._id))
})

test('topics.list with a status is that status alone; a bad cursor is refused in Chinese', async () => {
  const drafts = await api.as(ID.committee).call('topics.list', { villageId: X, status: 'draft' })
  expect(drafts.length).toBeGreaterThan(0)
  expect(drafts.every((t) => t.status === 'draft')).toBe(true)
  expect(await api.as(ID.resident).call('topics.list', { villageId: X, status: 'draft' })).toEqual([])
  expect(await api.as(ID.resident).fail('topics.list', { villageId: X, after: 'page 2' })).toMatchObject({ code: 'BAD_INPUT', message: expect.stringContaining('分页位置有误') })
})

describe('the register and the members a page at a time', () => {
  /** 新山村 grown by 70 households over its three grids, two of them at one 门牌号 (ties are ordered by id across a page boundary) */
  async function grow(): Promise<Household[]> {
    const model = (await api.ports.store.find('households', { villageId: X }, { limit: 1 }))[0]
    const docs = Array.from({ length: 70 }, (_, i): Household => ({
      ...model,
      _id: `${X}:hpage-${String(i).padStart(2, '0')}`,
      gridId: `${X}:g${(i % 3) + 1}`,
      doorplate: `新山村南街${String(i === 29 ? 28 : i).padStart(2, '0')}号`,
      headName: `户主${i}`,
      repPersonId: i % 7 === 0 ? null : `p_page${i}`,
    }))
    api.seedDocuments('households', docs)
    api.seedDocuments(
      'memberships',
      docs.map((h, i) => membershipDoc(X, `p_page${i}`, i === 44 ? '欧阳南街' : `成员${i}`, { householdId: h._id, relation: '户主' })),
    )
    // written past the handlers: the register's counters are rebuilt from them, as the migration does for an older folder
    await rebuildResidentCounts(api.ports.store, X)
    return api.ports.store.find('households', { villageId: X }, { sort: [['doorplate', 'asc'], ['_id', 'asc']], limit: 1000 })
  }

  async function walk<T>(read: (after: string | null) => Promise<{ items: T[]; next: string | null }>): Promise<T[][]> {
    const pages: T[][] = []
    let after: string | null = null
    do {
      const page = await read(after)
      pages.push(page.items)
      after = page.next
    } while (after && pages.length < 100)
    return pages
  }

  test('register.households: every household once in 门牌号 order, REGISTER_PAGE a page; the counts are the register’s, not the page’s', async () => {
    const all = await grow()
    const c = api.as(ID.committee)
    const pages = await walk(async (after) => {
      const p = await c.call('register.households', { villageId: X, after })
      expect(p.total).toBe(all.length)
      expect(p.noRep).toBe(all.filter((h) => !h.repPersonId).length)
      return { items: p.households, next: p.next }
    })
    expect(pages.map((p) => p.length)).toEqual([...Array(Math.floor(all.length / REGISTER_PAGE)).fill(REGISTER_PAGE), all.length % REGISTER_PAGE].filter(Boolean))
    expect(pages.flat().map((h) => h.id)).toEqual(all.map((h) => h._id))
    // each household with its own members
    expect(pages.flat().find((h) => h.id === `${X}:hpage-44`)).toMatchObject({ headName: '户主44', members: [{ name: '欧阳南街' }], canVote: true, gridName: '第三网格（新村）' })
  })

  test('register.households by grid, and the grid worker’s grids only; another grid is refused', async () => {
    const all = await grow()
    const g2 = all.filter((h) => h.gridId === `${X}:g2`)
    const p = await api.as(ID.committee).call('register.households', { villageId: X, gridId: `${X}:g2` })
    expect(p.total).toBe(g2.length)
    expect(p.households.map((h) => h.id)).toEqual(g2.slice(0, REGISTER_PAGE).map((h) => h._id))
    const mine = all.filter((h) => h.gridId === `${X}:g1` || h.gridId === `${X}:g2`)
    const pages = await walk(async (after) => {
      const page = await api.as(ID.gridWorker).call('register.households', { villageId: X, after })
      expect(page.total).toBe(mine.length)
      return { items: page.households, next: page.next }
    })
    expect(pages.flat().map((h) => h.id)).toEqual(mine.map((h) => h._id))
    expect(await api.as(ID.gridWorker).fail('register.households', { villageId: X, gridId: `${X}:g3` })).toMatchObject({ code: 'FORBIDDEN', message: '网格员只能查看本网格的户籍' })
    expect(await api.as(ID.gridWorker).fail('register.households', { villageId: X, gridId: NO_GRID })).toMatchObject({ code: 'FORBIDDEN' })
    expect(await api.as(ID.committee).fail('register.households', { villageId: X, after: '第二页' })).toMatchObject({ code: 'BAD_INPUT', message: expect.stringContaining('分页位置有误') })
  })

  test('register.households searches 门牌号 and members’ names on the server, one answer, and asks for more characters past it', async () => {
    await grow()
    const c = api.as(ID.committee)
    const byName = await c.call('register.households', { villageId: X, q: '欧阳' })
    expect(byName.households.map((h) => h.id)).toEqual([`${X}:hpage-44`])
    expect(byName).toMatchObject({ next: null, narrow: false })
    const byDoorplate = await c.call('register.households', { villageId: X, q: '东一巷12' })
    expect(byDoorplate.households.map((h) => h.doorplate)).toEqual(['新山村东一巷12号'])
    // 南街 is in 70 门牌号 and one name: the first REGISTER_PAGE in order, and the page says to narrow it
    const wide = await c.call('register.households', { villageId: X, q: '南街' })
    expect(wide.households).toHaveLength(REGISTER_PAGE)
    expect(wide.narrow).toBe(true)
    expect(wide.households.map((h) => h.doorplate)).toEqual([...wide.households.map((h) => h.doorplate)].sort())
    // a grid worker's search stays in their grids
    const theirs = await api.as(ID.gridWorker).call('register.households', { villageId: X, q: '欧阳' })
    expect(theirs.households).toEqual([])
    expect((await c.call('register.households', { villageId: X, q: '没有这个人' })).households).toEqual([])
  })

  test('village.members: the committee’s everyone by name, a grid’s by household, each once', async () => {
    const all = await grow()
    const everyone = await api.ports.store.find('memberships', { villageId: X }, { sort: [['name', 'asc'], ['_id', 'asc']], limit: 1000 })
    const pages = await walk(async (after) => {
      const p = await api.as(ID.committee).call('village.members', { villageId: X, after })
      return { items: p.members, next: p.next }
    })
    expect(pages[0]).toHaveLength(MEMBERS_PAGE)
    expect(pages.flat().map((m) => m._id)).toEqual(everyone.map((m) => m._id))
    expect(pages.flat().find((m) => m.name === '欧阳南街')!.doorplate).toBe('新山村南街44号')

    const g3 = all.filter((h) => h.gridId === `${X}:g3`)
    const grid = await walk(async (after) => {
      const p = await api.as(ID.committee).call('village.members', { villageId: X, gridId: `${X}:g3`, after })
      return { items: p.members, next: p.next }
    })
    expect([...new Set(grid.flat().map((m) => m.householdId))]).toEqual(g3.map((h) => h._id))
    expect(grid.flat().length).toBe(everyone.filter((m) => g3.some((h) => h._id === m.householdId)).length)
    expect(await api.as(ID.gridWorker).fail('village.members', { villageId: X, gridId: `${X}:g3` })).toMatchObject({ code: 'FORBIDDEN' })
  })
})
