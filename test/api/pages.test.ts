/**
 * Issue 16: lists that grow without bound are read in keyset pages (the last item's sort value and id), never by
 * skipping: topics.list gives every open topic and the ended ones TOPICS_PAGE at a time, newest deadline first;
 * walking the pages gives each once, and a topic ending meanwhile shifts nothing. Old callers (no `after`) get the first page.
 */
import { TOPICS_PAGE, topicsNext } from '../../cloud/src/contract/tables'
import type { Topic } from '../../cloud/src/features/deliberation/documents'
import { apiPerTest, ID } from './harness'

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
