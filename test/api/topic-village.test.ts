/**
 * Issue 15, point 11: someone outside a village opening a shared topic link is told whose topic it is (the village's
 * name and place, nothing of the topic) so that the app can offer to join that village.
 */
import { apiPerTest } from './harness'
import { P, X } from './deliberation-fixture'

const api = apiPerTest()

test('孙丽 of 乌坎村 asking about a 新山村 topic learns the village and nothing of the topic', async () => {
  const card = await api.as(P.sunli).call('topics.villageOf', { topicId: `${X}:t1` })
  expect(card).toEqual({ id: X, name: '新山村', kind: 'village', place: expect.stringContaining('联安镇') })
  const topic = (await api.ports.store.get('topics', `${X}:t1`))!
  expect(JSON.stringify(card)).not.toContain(topic.title)
  // she still cannot read it there
  expect(await api.as(P.sunli).fail('topics.get', { villageId: X, topicId: `${X}:t1` })).toMatchObject({ code: 'NOT_MEMBER' })
})

test('a draft is as unknown as a topic that does not exist, even to its own village', async () => {
  const draft = (await api.ports.store.get('topics', `${X}:t6`))!
  expect(draft.status).toBe('draft')
  for (const topicId of [`${X}:t6`, `${X}:nope`]) {
    expect(await api.as(P.sunli).fail('topics.villageOf', { topicId })).toMatchObject({ code: 'NOT_FOUND', message: '找不到该议题' })
  }
})

test('a caller with no person record yet (a first open from a share card) may ask too', async () => {
  expect(await api.as('demo-first-visitor').call('topics.villageOf', { topicId: `${X}:t1` })).toMatchObject({ id: X, name: '新山村' })
})
