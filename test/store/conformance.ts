/**
 * The Store port's semantics, as one suite that every adapter runs: the embedded SQLite store
 * always (test/store/sqlite.test.ts), CloudBase when an environment is configured
 * (test/store/cloudbase.test.ts). What passes here is what the domain may rely on.
 */
import { DuplicateIdError, type Doc, type RawStore as Store } from '../../cloud/src/ports/store'

export interface StoreUnderTest {
  store: Store
  cleanup(): Promise<void>
}

/** Every collection the suite writes to (an adapter for a shared backend empties these). */
export const CONFORMANCE_COLLECTIONS = ['items', 'people', 'slots', 'claims', 'ledger', 'neverWritten'] as const

export interface ConformanceOptions {
  /** per-test timeout in ms (a remote database needs more than jest's 5 s) */
  timeout?: number
}

type Person = Doc & {
  name: string
  age: number
  village: string
  active: boolean
  note?: string | null
  score: number
  address: { city: string; town: string }
  tags?: string[]
}

const PEOPLE: Person[] = [
  { _id: 'p1', name: '林志强', age: 52, village: 'v1', active: true, note: null, score: 3, address: { city: '汕尾', town: '海城' }, tags: ['党员'] },
  { _id: 'p2', name: '陈美玲', age: 34, village: 'v1', active: false, score: 5, address: { city: '汕尾', town: '梅陇' } },
  { _id: 'p3', name: '黄伟', age: 34, village: 'v2', active: true, note: '网格员', score: 1, address: { city: '广州', town: '天河' } },
  { _id: 'p4', name: '郑秀英', age: 71, village: 'v2', active: true, note: null, score: 5, address: { city: '汕尾', town: '海城' } },
  { _id: 'p5', name: 'Li Ming', age: 18, village: 'v3', active: false, score: 2, address: { city: '汕尾', town: '梅陇' } },
]

const ids = (docs: Doc[]) => docs.map((d) => d._id)
const sortedIds = (docs: Doc[]) => ids(docs).sort()

export function describeStoreConformance(name: string, makeStore: () => Promise<StoreUnderTest>, options: ConformanceOptions = {}): void {
  const timeout = options.timeout ?? 20_000

  describe(`Store conformance: ${name}`, () => {
    let handle: StoreUnderTest | undefined
    let store: Store

    beforeEach(async () => {
      handle = await makeStore()
      store = handle.store
    }, timeout)
    afterEach(async () => {
      await handle?.cleanup()
      handle = undefined
    }, timeout)

    const seedPeople = async () => {
      for (const p of PEOPLE) await store.insert('people', p)
    }

    describe('get and insert', () => {
      test(
        'get of a missing document is null, in a collection with documents and in one never written',
        async () => {
          await store.insert('items', { _id: 'a', n: 1 })
          expect(await store.get('items', 'nope')).toBeNull()
          expect(await store.get('neverWritten', 'a')).toBeNull()
        },
        timeout,
      )

      test(
        'insert then get gives the document back as it was (nested objects, arrays, booleans, null, Chinese)',
        async () => {
          const doc = {
            _id: 'topic:村道硬底化:户-东一巷3号',
            title: '关于新山村村道硬底化的议题',
            body: '请各位村民投票。长者饭堂每周二、四供应午餐 🍚',
            open: true,
            closed: false,
            quorum: 0.5,
            votes: 0,
            deadline: 1767225600000,
            decidedAt: null,
            options: [
              { key: 'yes', label: '同意', count: 0 },
              { key: 'no', label: '不同意', count: 0 },
            ],
            tags: ['村道', '基础设施'],
            empty: [],
            nested: { deeper: { deepest: '最深处', list: [1, 2, 3], flag: false, nothing: null }, emptyObject: {} },
          }
          await store.insert('items', doc)
          expect(await store.get('items', doc._id)).toEqual(doc)
        },
        timeout,
      )

      test(
        'a second insert with the same _id throws DuplicateIdError and leaves the first unchanged',
        async () => {
          await store.insert('items', { _id: 'ballot:t1:p1', choice: 'yes', at: 1 })
          let error: unknown
          try {
            await store.insert('items', { _id: 'ballot:t1:p1', choice: 'no', at: 2 })
          } catch (e) {
            error = e
          }
          expect(error).toBeInstanceOf(DuplicateIdError)
          expect(error).toMatchObject({ collection: 'items', id: 'ballot:t1:p1' })
          expect(await store.get('items', 'ballot:t1:p1')).toEqual({ _id: 'ballot:t1:p1', choice: 'yes', at: 1 })
          expect(await store.count('items')).toBe(1)
        },
        timeout,
      )

      test(
        'insertMany writes a batch in one call; a duplicate in it throws DuplicateIdError naming it, and the first stays as it was',
        async () => {
          const batch = Array.from({ length: 100 }, (_, i) => ({ _id: `n:${String(i).padStart(3, '0')}`, i, tags: ['新'] }))
          await store.insertMany('items', batch)
          expect(await store.find('items', {}, { sort: [['i', 'asc']], limit: 200 })).toEqual(batch)
          await store.insertMany('items', [])
          let error: unknown
          try {
            await store.insertMany('items', [{ _id: 'n:new', i: 1000 }, { _id: 'n:007', i: -1 }])
          } catch (e) {
            error = e
          }
          expect(error).toBeInstanceOf(DuplicateIdError)
          expect(error).toMatchObject({ collection: 'items', id: 'n:007' })
          expect(await store.get('items', 'n:007')).toEqual(batch[7])
          await expect(store.insertMany('items', [{ _id: 'twice' }, { _id: 'twice' }])).rejects.toThrow(/same _id twice/)
        },
        timeout,
      )

      test(
        'the same _id in another collection is not a duplicate',
        async () => {
          await store.insert('items', { _id: 'x', in: 'items' })
          await store.insert('claims', { _id: 'x', in: 'claims' })
          expect(await store.get('claims', 'x')).toEqual({ _id: 'x', in: 'claims' })
        },
        timeout,
      )
    })

    describe('find and count', () => {
      beforeEach(seedPeople, timeout)

      test(
        '$has matches an array field holding the value (and nothing without the field)',
        async () => {
          expect(ids(await store.find('people', { tags: { $has: '党员' } }))).toEqual(['p1'])
          expect(await store.count('people', { tags: { $has: '党员' }, village: 'v1' })).toBe(1)
          expect(await store.count('people', { tags: { $has: '网格员' } })).toBe(0)
        },
        timeout,
      )

      test(
        'count with atMost stops at it: the smaller of the matches and the cap',
        async () => {
          const all = await store.count('people')
          expect(all).toBeGreaterThan(2)
          expect(await store.count('people', {}, 2)).toBe(2)
          expect(await store.count('people', {}, all + 5)).toBe(all)
          expect(await store.count('people', { village: 'v1' }, 0)).toBe(0)
          expect(await store.count('people', { tags: { $has: '网格员' } }, 10)).toBe(0)
        },
        timeout,
      )

      test(
        '$contains matches a string field holding the text anywhere, taken literally',
        async () => {
          expect(sortedIds(await store.find('people', { name: { $contains: '秀' } }))).toEqual(['p4'])
          expect(sortedIds(await store.find('people', { name: { $contains: '林志强' } }))).toEqual(['p1'])
          expect(await store.count('people', { name: { $contains: '秀' }, village: 'v1' })).toBe(0)
          expect(await store.count('people', { name: { $contains: 'i M' } })).toBe(1)
          expect(await store.count('people', { name: { $contains: '.*' } })).toBe(0)
        },
        timeout,
      )

      test(
        'a filter value undefined is refused everywhere (CloudBase would drop the key and match everything), and nothing changes',
        async () => {
          const bad = { village: undefined } as unknown as Record<string, string>
          await expect(store.find('people', bad)).rejects.toThrow(/undefined/)
          await expect(store.count('people', bad)).rejects.toThrow(/undefined/)
          await expect(store.update('people', bad, { set: { age: 1 } })).rejects.toThrow(/undefined/)
          await expect(store.remove('people', bad)).rejects.toThrow(/undefined/)
          expect(await store.count('people')).toBe(5)
          expect(await store.count('people', { age: 1 })).toBe(0)
        },
        timeout,
      )

      test(
        'equality, boolean equality and several conditions together',
        async () => {
          expect(sortedIds(await store.find('people', { village: 'v1' }))).toEqual(['p1', 'p2'])
          expect(sortedIds(await store.find('people', { active: true }))).toEqual(['p1', 'p3', 'p4'])
          expect(sortedIds(await store.find('people', { active: false }))).toEqual(['p2', 'p5'])
          expect(sortedIds(await store.find('people', { age: 34 }))).toEqual(['p2', 'p3'])
          expect(sortedIds(await store.find('people', { name: '郑秀英' }))).toEqual(['p4'])
          expect(sortedIds(await store.find('people', { village: 'v2', active: true, age: { $gt: 40 } }))).toEqual(['p4'])
          expect(sortedIds(await store.find('people', { _id: 'p3' }))).toEqual(['p3'])
          expect(await store.find('people', { village: 'v9' })).toEqual([])
          expect(sortedIds(await store.find('people'))).toEqual(['p1', 'p2', 'p3', 'p4', 'p5'])
        },
        timeout,
      )

      test(
        'null equality matches null and a missing field; $ne null matches a value',
        async () => {
          expect(sortedIds(await store.find('people', { note: null }))).toEqual(['p1', 'p2', 'p4', 'p5'])
          expect(sortedIds(await store.find('people', { note: { $ne: null } }))).toEqual(['p3'])
        },
        timeout,
      )

      test(
        '$in (strings, numbers, _id) and an empty $in that matches nothing',
        async () => {
          expect(sortedIds(await store.find('people', { village: { $in: ['v1', 'v3'] } }))).toEqual(['p1', 'p2', 'p5'])
          expect(sortedIds(await store.find('people', { age: { $in: [34, 71] } }))).toEqual(['p2', 'p3', 'p4'])
          expect(sortedIds(await store.find('people', { _id: { $in: ['p4', 'p1', 'nope'] } }))).toEqual(['p1', 'p4'])
          expect(await store.find('people', { _id: { $in: [] } })).toEqual([])
          expect(await store.count('people', { village: { $in: [] } })).toBe(0)
        },
        timeout,
      )

      test(
        '$ne matches documents where the field is missing too',
        async () => {
          expect(sortedIds(await store.find('people', { village: { $ne: 'v1' } }))).toEqual(['p3', 'p4', 'p5'])
          expect(sortedIds(await store.find('people', { note: { $ne: '网格员' } }))).toEqual(['p1', 'p2', 'p4', 'p5'])
          expect(sortedIds(await store.find('people', { active: { $ne: true } }))).toEqual(['p2', 'p5'])
        },
        timeout,
      )

      test(
        'ranges: one bound, two bounds, strings',
        async () => {
          expect(sortedIds(await store.find('people', { age: { $gt: 52 } }))).toEqual(['p4'])
          expect(sortedIds(await store.find('people', { age: { $gte: 52 } }))).toEqual(['p1', 'p4'])
          expect(sortedIds(await store.find('people', { age: { $lt: 34 } }))).toEqual(['p5'])
          expect(sortedIds(await store.find('people', { age: { $lte: 34 } }))).toEqual(['p2', 'p3', 'p5'])
          expect(sortedIds(await store.find('people', { age: { $gte: 34, $lt: 71 } }))).toEqual(['p1', 'p2', 'p3'])
          expect(sortedIds(await store.find('people', { age: { $gt: 18, $lte: 52 }, active: true }))).toEqual(['p1', 'p3'])
          expect(sortedIds(await store.find('people', { _id: { $gte: 'p2', $lte: 'p4' } }))).toEqual(['p2', 'p3', 'p4'])
        },
        timeout,
      )

      test(
        'dotted paths reach into objects',
        async () => {
          expect(sortedIds(await store.find('people', { 'address.city': '汕尾' }))).toEqual(['p1', 'p2', 'p4', 'p5'])
          expect(sortedIds(await store.find('people', { 'address.town': { $in: ['海城'] } }))).toEqual(['p1', 'p4'])
          expect(sortedIds(await store.find('people', { 'address.city': { $ne: '汕尾' } }))).toEqual(['p3'])
          expect(await store.count('people', { 'address.city': '汕尾', 'address.town': '梅陇' })).toBe(2)
        },
        timeout,
      )

      test(
        'sort ascending and descending on several keys, dotted keys included',
        async () => {
          const byScoreDescAgeAsc = await store.find('people', {}, { sort: [['score', 'desc'], ['age', 'asc']] })
          expect(ids(byScoreDescAgeAsc)).toEqual(['p2', 'p4', 'p1', 'p5', 'p3'])
          const byAgeAscIdDesc = await store.find('people', {}, { sort: [['age', 'asc'], ['_id', 'desc']] })
          expect(ids(byAgeAscIdDesc)).toEqual(['p5', 'p3', 'p2', 'p1', 'p4'])
          const byTownThenId = await store.find('people', { 'address.city': '汕尾' }, { sort: [['address.town', 'desc'], ['_id', 'asc']] })
          expect(ids(byTownThenId)).toEqual(['p1', 'p4', 'p2', 'p5'])
          const byIdDesc = await store.find('people', {}, { sort: [['_id', 'desc']] })
          expect(ids(byIdDesc)).toEqual(['p5', 'p4', 'p3', 'p2', 'p1'])
        },
        timeout,
      )

      test(
        'limit and skip page through a sorted result',
        async () => {
          const sort: Array<[string, 'asc' | 'desc']> = [['age', 'asc'], ['_id', 'asc']]
          expect(ids(await store.find('people', {}, { sort, limit: 3 }))).toEqual(['p5', 'p2', 'p3'])
          expect(ids(await store.find('people', {}, { sort, skip: 1, limit: 2 }))).toEqual(['p2', 'p3'])
          expect(ids(await store.find('people', {}, { sort, skip: 4, limit: 10 }))).toEqual(['p4'])
          expect(ids(await store.find('people', {}, { sort, skip: 3 }))).toEqual(['p1', 'p4'])
          expect(await store.find('people', {}, { sort, skip: 10 })).toEqual([])
          expect(ids(await store.find('people', { active: true }, { sort, limit: 1 }))).toEqual(['p3'])
        },
        timeout,
      )

      test(
        'count with and without a filter; a collection never written is empty',
        async () => {
          expect(await store.count('people')).toBe(5)
          expect(await store.count('people', { active: true })).toBe(3)
          expect(await store.count('people', { age: { $gte: 34, $lte: 52 }, village: { $ne: 'v2' } })).toBe(2)
          expect(await store.count('neverWritten')).toBe(0)
          expect(await store.find('neverWritten', { a: 1 })).toEqual([])
        },
        timeout,
      )

      test(
        'totals: counts and sums by group in one call, each figure under its own condition',
        async () => {
          const groups = await store.totals('people', { age: { $gte: 18 } }, ['village'], {
            all: {},
            active: { where: { active: true } },
            young: { where: { age: { $lt: 40 } } },
            score: { sum: 'score' },
            activeScore: { where: { active: true }, sum: 'score' },
            noted: { where: { note: { $ne: null } } },
            noNote: { where: { note: null } },
            inTowns: { where: { 'address.town': { $in: ['海城', '天河'] } } },
            // a range never holds for a field that is not there
            ranked: { where: { rank: { $lt: 100 } } },
          })
          expect(Object.fromEntries(groups.map((g) => [g.key[0], g.totals]))).toEqual({
            v1: { all: 2, active: 1, young: 1, score: 8, activeScore: 3, noted: 0, noNote: 2, inTowns: 1, ranked: 0 },
            v2: { all: 2, active: 2, young: 1, score: 6, activeScore: 6, noted: 1, noNote: 1, inTowns: 2, ranked: 0 },
            v3: { all: 1, active: 0, young: 1, score: 2, activeScore: 0, noted: 0, noNote: 1, inTowns: 0, ranked: 0 },
          })
          // by two fields, a missing one grouped with null
          const two = await store.totals('people', {}, ['address.city', 'note'], { n: {} })
          expect(two.map((g) => [...g.key, g.totals.n]).sort((a, b) => String(a[0]).localeCompare(String(b[0])))).toEqual([
            ['广州', '网格员', 1],
            ['汕尾', null, 4],
          ])
          // nothing matching, an empty $in, a collection never written: no groups
          expect(await store.totals('people', { age: 200 }, ['village'], { n: {} })).toEqual([])
          expect(await store.totals('people', { village: { $in: [] } }, ['village'], { n: {} })).toEqual([])
          expect(await store.totals('neverWritten', {}, ['village'], { n: {} })).toEqual([])
        },
        timeout,
      )

      test(
        'find returns whole documents, equal to what was inserted',
        async () => {
          const [p1] = await store.find<Person>('people', { _id: 'p1' })
          expect(p1).toEqual(PEOPLE[0])
        },
        timeout,
      )
    })

    test(
      'more than 100 matches: find without a limit returns them all, limit and skip still apply',
      async () => {
        const docs = Array.from({ length: 230 }, (_, i) => ({ _id: `e${String(i).padStart(3, '0')}`, i, even: i % 2 === 0 }))
        for (let k = 0; k < docs.length; k += 20) await Promise.all(docs.slice(k, k + 20).map((d) => store.insert('ledger', d)))
        const all = await store.find<Doc & { i: number }>('ledger', {}, { sort: [['i', 'asc']] })
        expect(all.map((d) => d.i)).toEqual(docs.map((d) => d.i))
        expect((await store.find('ledger', {}, { sort: [['i', 'asc']], limit: 150 })).length).toBe(150)
        const tail = await store.find<Doc & { i: number }>('ledger', {}, { sort: [['i', 'asc']], skip: 120, limit: 200 })
        expect(tail.map((d) => d.i)).toEqual(docs.slice(120).map((d) => d.i))
        expect((await store.find('ledger', { even: true })).length).toBe(115)
        expect(await store.count('ledger')).toBe(230)
      },
      Math.max(timeout, 120_000),
    )

    describe('update', () => {
      test(
        'returns how many documents matched; a failed condition matches 0 and changes nothing',
        async () => {
          await seedPeople()
          expect(await store.update('people', { village: 'v1' }, { set: { checked: true } })).toBe(2)
          expect(sortedIds(await store.find('people', { checked: true }))).toEqual(['p1', 'p2'])

          await store.insert('items', { _id: 'topic', status: 'closed', votes: 3 })
          expect(await store.update('items', { _id: 'topic', status: 'open' }, { set: { status: 'decided' }, inc: { votes: 1 } })).toBe(0)
          expect(await store.get('items', 'topic')).toEqual({ _id: 'topic', status: 'closed', votes: 3 })
          expect(await store.update('items', { _id: 'missing' }, { set: { a: 1 } })).toBe(0)
          expect(await store.update('neverWritten', { _id: 'x' }, { set: { a: 1 } })).toBe(0)
          expect(await store.update('items', { _id: { $in: [] } }, { set: { a: 1 } })).toBe(0)
        },
        timeout,
      )

      test(
        'counts a matched document even when the set writes the values it already has',
        async () => {
          await store.insert('items', { _id: 'r', status: 'open', n: 1 })
          expect(await store.update('items', { _id: 'r' }, { set: { status: 'open' } })).toBe(1)
          expect(await store.update('items', { _id: 'r', status: 'open' }, { set: { status: 'open', n: 1 } })).toBe(1)
          expect(await store.update('items', { _id: 'r' }, { inc: { n: 0 } })).toBe(1)
          expect(await store.update('items', { _id: 'r' }, {})).toBe(1)
          expect(await store.get('items', 'r')).toEqual({ _id: 'r', status: 'open', n: 1 })
        },
        timeout,
      )

      test(
        'inc adds to a number, a missing field counts as 0, dotted paths included',
        async () => {
          await store.insert('items', { _id: 'c', votes: 5 })
          expect(await store.update('items', { _id: 'c' }, { inc: { votes: 2, views: 1, 'stats.likes': 3 } })).toBe(1)
          expect(await store.update('items', { _id: 'c' }, { inc: { votes: -1, 'stats.likes': 1 } })).toBe(1)
          expect(await store.get('items', 'c')).toEqual({ _id: 'c', votes: 6, views: 1, stats: { likes: 4 } })
        },
        timeout,
      )

      test(
        'set and inc on one document by id: nested keys made as needed, values of every kind, a condition that fails changes nothing',
        async () => {
          await store.insert('items', { _id: 'k', grids: { g2: 1 }, n: 1.5, status: 'open' })
          const set = { list: [1, { b: true }], s: '林"水\\生', z: null, t: false, 'deep.er.x': 'y' }
          expect(await store.update('items', { _id: 'k' }, { inc: { 'grids.g2': 2, 'grids.none': 1, n: -0.5 }, set })).toBe(1)
          expect(await store.update('items', { _id: 'k', status: 'closed' }, { inc: { n: 100 } })).toBe(0)
          expect(await store.update('items', { _id: 'absent' }, { inc: { n: 1 }, set: { a: 1 } })).toBe(0)
          expect(await store.get('items', 'k')).toEqual({ _id: 'k', grids: { g2: 3, none: 1 }, n: 1, status: 'open', list: [1, { b: true }], s: '林"水\\生', z: null, t: false, deep: { er: { x: 'y' } } })
          expect(await store.get('items', 'absent')).toBeNull()
        },
        timeout,
      )

      test(
        'push appends to an array (a missing one starts empty), with a condition, and many at once keep every value',
        async () => {
          await store.insert('items', { _id: 'q', line: ['a'], full: true })
          expect(await store.update('items', { _id: 'q', full: true }, { push: { line: 'b', 'more.ids': { id: 1 } } })).toBe(1)
          expect(await store.update('items', { _id: 'q', full: false }, { push: { line: 'x' } })).toBe(0)
          await Promise.all(['c', 'd', 'e', 'f'].map((v) => store.update('items', { _id: 'q' }, { push: { line: v } })))
          const q = (await store.get('items', 'q'))!
          expect(q.line.slice(0, 2)).toEqual(['a', 'b'])
          expect([...q.line].sort()).toEqual(['a', 'b', 'c', 'd', 'e', 'f'])
          expect(q.more).toEqual({ ids: [{ id: 1 }] })
        },
        timeout,
      )

      test(
        'pull removes every element equal to the value, leaves an array without it as it was, and a missing one absent',
        async () => {
          await store.insert('items', { _id: 'r', roles: ['resident', 'householdRep', 'householdRep'], other: ['resident'] })
          expect(await store.update('items', { _id: 'r' }, { pull: { roles: 'householdRep', other: 'householdRep', none: 'householdRep' } })).toBe(1)
          expect(await store.transaction((tx) => tx.update('items', 'r', { pull: { other: 'resident' } }))).toBe(1)
          expect(await store.get('items', 'r')).toEqual({ _id: 'r', roles: ['resident'], other: [] })
        },
        timeout,
      )

      test(
        'set with dotted paths changes one nested field and creates missing parents',
        async () => {
          await store.insert('items', { _id: 'h', address: { city: '汕尾', town: '海城' }, tally: { yes: 1, no: 2 } })
          await store.update('items', { _id: 'h' }, { set: { 'address.town': '梅陇', 'meta.source': 'scan', 'tally.no': 0 } })
          expect(await store.get('items', 'h')).toEqual({
            _id: 'h',
            address: { city: '汕尾', town: '梅陇' },
            tally: { yes: 1, no: 0 },
            meta: { source: 'scan' },
          })
        },
        timeout,
      )

      test(
        'set replaces a whole value: objects are not merged; arrays, empty objects and null are kept as given',
        async () => {
          await store.insert('items', { _id: 's', address: { city: '汕尾', town: '海城' }, tags: ['a', 'b'], note: 'x', extra: { k: 1 } })
          await store.update('items', { _id: 's' }, { set: { address: { city: '深圳' }, tags: ['c'], note: null, extra: {}, list: [] } })
          expect(await store.get('items', 's')).toEqual({ _id: 's', address: { city: '深圳' }, tags: ['c'], note: null, extra: {}, list: [] })
        },
        timeout,
      )

      test(
        'set with a value undefined removes the field, in an update and in a transaction (one meaning everywhere)',
        async () => {
          await store.insert('items', { _id: 'u', note: '临时', keep: 1, address: { city: '汕尾', town: '海城' } })
          expect(await store.update('items', { _id: 'u' }, { set: { note: undefined, 'address.town': undefined } })).toBe(1)
          expect(await store.get('items', 'u')).toEqual({ _id: 'u', keep: 1, address: { city: '汕尾' } })
          await store.transaction(async (tx) => {
            expect(await tx.update('items', 'u', { set: { keep: undefined, added: 2 } })).toBe(1)
          })
          expect(await store.get('items', 'u')).toEqual({ _id: 'u', added: 2, address: { city: '汕尾' } })
          expect(await store.count('items', { keep: 1 })).toBe(0)
        },
        timeout,
      )

      test(
        'set and inc together, on every matching document, leaving the others alone',
        async () => {
          await seedPeople()
          expect(await store.update('people', { 'address.town': '海城' }, { set: { village: 'v9' }, inc: { score: 10 } })).toBe(2)
          const p1 = await store.get<Person>('people', 'p1')
          const p4 = await store.get<Person>('people', 'p4')
          expect(p1).toEqual({ ...PEOPLE[0], village: 'v9', score: 13 })
          expect(p4).toEqual({ ...PEOPLE[3], village: 'v9', score: 15 })
          expect(await store.get('people', 'p2')).toEqual(PEOPLE[1])
        },
        timeout,
      )
    })

    test(
      'remove returns how many documents it removed',
      async () => {
        await seedPeople()
        expect(await store.remove('people', { village: 'v2' })).toBe(2)
        expect(await store.count('people')).toBe(3)
        expect(await store.get('people', 'p3')).toBeNull()
        expect(await store.remove('people', { village: 'v2' })).toBe(0)
        expect(await store.remove('people', { _id: { $in: ['p1', 'p5', 'nope'] } })).toBe(2)
        expect(await store.remove('people', { _id: { $in: [] } })).toBe(0)
        expect(await store.remove('neverWritten', { _id: 'x' })).toBe(0)
        expect(sortedIds(await store.find('people'))).toEqual(['p2'])
      },
      timeout,
    )

    describe('transaction', () => {
      test(
        'commits every write and returns what the function returns',
        async () => {
          await store.insert('items', { _id: 'topic', votes: 0, status: 'open' })
          await store.insert('items', { _id: 'draft', text: '草稿' })
          const result = await store.transaction(async (tx) => {
            const topic = await tx.get<Doc & { votes: number }>('items', 'topic')
            expect(topic?.votes).toBe(0)
            expect(await tx.get('items', 'nope')).toBeNull()
            await tx.insert('claims', { _id: 'topic:p1', choice: 'yes' })
            expect(await tx.update('items', 'topic', { inc: { votes: 1 }, set: { 'last.by': 'p1' } })).toBe(1)
            expect(await tx.update('items', 'nope', { inc: { votes: 1 } })).toBe(0)
            expect(await tx.remove('items', 'draft')).toBe(1)
            expect(await tx.remove('items', 'nope')).toBe(0)
            return 'done'
          })
          expect(result).toBe('done')
          expect(await store.get('claims', 'topic:p1')).toEqual({ _id: 'topic:p1', choice: 'yes' })
          expect(await store.get('items', 'topic')).toEqual({ _id: 'topic', votes: 1, status: 'open', last: { by: 'p1' } })
          expect(await store.get('items', 'draft')).toBeNull()
        },
        timeout,
      )

      test(
        'a function that throws rolls every write back and the error reaches the caller',
        async () => {
          await store.insert('items', { _id: 'topic', votes: 0 })
          await store.insert('items', { _id: 'keep', text: '保留' })
          await expect(
            store.transaction(async (tx) => {
              await tx.insert('claims', { _id: 'topic:p1', choice: 'yes' })
              await tx.update('items', 'topic', { inc: { votes: 1 }, set: { status: 'decided' } })
              await tx.remove('items', 'keep')
              throw new Error('名额已满')
            }),
          ).rejects.toThrow('名额已满')
          expect(await store.get('claims', 'topic:p1')).toBeNull()
          expect(await store.get('items', 'topic')).toEqual({ _id: 'topic', votes: 0 })
          expect(await store.get('items', 'keep')).toEqual({ _id: 'keep', text: '保留' })
        },
        timeout,
      )

      test(
        'a duplicate insert inside a transaction throws DuplicateIdError and rolls back the earlier writes',
        async () => {
          await store.insert('claims', { _id: 'dup', by: 'first' })
          await store.insert('items', { _id: 'counter', n: 0 })
          await expect(
            store.transaction(async (tx) => {
              await tx.update('items', 'counter', { inc: { n: 1 } })
              await tx.insert('claims', { _id: 'dup', by: 'second' })
            }),
          ).rejects.toBeInstanceOf(DuplicateIdError)
          expect(await store.get('items', 'counter')).toEqual({ _id: 'counter', n: 0 })
          expect(await store.get('claims', 'dup')).toEqual({ _id: 'dup', by: 'first' })
        },
        timeout,
      )
    })

    describe('capacity under concurrency', () => {
      test(
        '50 concurrent conditional increments against a capacity of 10: exactly 10 apply',
        async () => {
          await store.insert('slots', { _id: 'canteen:2025-01-07', capacity: 10, taken: 0 })
          const results = await Promise.all(
            Array.from({ length: 50 }, () => store.update('slots', { _id: 'canteen:2025-01-07', taken: { $lt: 10 } }, { inc: { taken: 1 } })),
          )
          expect(results.filter((n) => n === 1)).toHaveLength(10)
          expect(results.filter((n) => n === 0)).toHaveLength(40)
          expect(await store.get('slots', 'canteen:2025-01-07')).toEqual({ _id: 'canteen:2025-01-07', capacity: 10, taken: 10 })
        },
        Math.max(timeout, 60_000),
      )

      test(
        '50 concurrent inserts of the same _id: exactly one succeeds, the others get DuplicateIdError',
        async () => {
          const outcomes = await Promise.allSettled(Array.from({ length: 50 }, (_, i) => store.insert('claims', { _id: 'ballot:t1:h7', by: i })))
          const won = outcomes.filter((o) => o.status === 'fulfilled')
          const lost = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected')
          expect(won).toHaveLength(1)
          expect(lost).toHaveLength(49)
          for (const l of lost) expect(l.reason).toBeInstanceOf(DuplicateIdError)
          expect(await store.count('claims')).toBe(1)
          const winner = outcomes.findIndex((o) => o.status === 'fulfilled')
          expect(await store.get('claims', 'ballot:t1:h7')).toEqual({ _id: 'ballot:t1:h7', by: winner })
        },
        Math.max(timeout, 60_000),
      )
    })
  })
}
