/** 操作记录: the hash-chained audit log, read by the committee and the town, checked end to end. */
import { auditHash } from '../../cloud/src/common/audit'
import { auditActions } from '../../cloud/src/features/audit/contract'
import { ID, apiPerTest } from './harness'
import { seedDemo } from '../../cloud/src/demo'
import { P, X, W, pid, topicInput, DAY, writeRolls } from './deliberation-fixture'

const TOWN_OFFICER = 'demo-caiguohua' // 联安镇: 新山村 and 东尾村

const api = apiPerTest()

const store = () => api.ports.store
const chain = async (villageId = X) => store().find('auditLog', { villageId }, { sort: [['seq', 'asc']], limit: 10_000 })

/** a few audited actions of two committee members on different objects and days */
async function someHistory() {
  const c = api.as(P.committee)
  const draft = await c.call('topics.save', topicInput(api))
  await c.call('topics.publish', { villageId: X, topicId: draft.topic._id })
  api.advance(DAY)
  const [pending] = await c.call('join.queue', { villageId: X })
  await api.as(P.committee2).call('join.decide', { villageId: X, requestId: pending._id, decision: 'reject', reason: '门牌号核对不上' })
  return { topicId: draft.topic._id, requestId: pending._id }
}

describe('the audit log', () => {
  test('every entry is chained: seq 1, 2, 3… each hashing its fields and the one before; the head names the last', async () => {
    await someHistory()
    const entries = await chain()
    expect(entries.map((e) => e.seq)).toEqual([1, 2, 3])
    entries.forEach((e, i) => {
      expect(e.hash).toBe(auditHash(e))
      expect(e.prevHash).toBe(i ? entries[i - 1].hash : '0'.repeat(64))
    })
    expect(await store().get('auditHeads', X)).toMatchObject({ seq: 3, hash: entries[2].hash })
    // another village's chain is its own
    expect(await store().get('auditHeads', W)).toMatchObject({ seq: 0 })
  })

  test('the committee lists it newest first, by person, object, action and day, page by page', async () => {
    const { topicId, requestId } = await someHistory()
    const c = api.as(P.committee)
    const all = await c.call('audit.list', { villageId: X })
    expect(all.entries.map((e) => e.action)).toEqual(['join.reject', 'topics.publish', 'topics.draft'])
    expect(all.nextCursor).toBeNull()

    const byActor = await c.call('audit.list', { villageId: X, actorId: pid(P.committee2) })
    expect(byActor.entries.map((e) => [e.actorName, e.action])).toEqual([['陈美玲', 'join.reject']])
    const byObject = await c.call('audit.list', { villageId: X, targetType: 'topic', targetId: topicId })
    expect(byObject.entries.map((e) => e.action)).toEqual(['topics.publish', 'topics.draft'])
    expect((await c.call('audit.list', { villageId: X, action: 'join.reject' })).entries).toMatchObject([{ targetId: requestId, reason: '门牌号核对不上' }])
    // T0 is 2026-11-26 10:00 in Shanghai; the rejection came a day later
    expect((await c.call('audit.list', { villageId: X, from: '2026-11-27' })).entries.map((e) => e.action)).toEqual(['join.reject'])
    expect((await c.call('audit.list', { villageId: X, to: '2026-11-26' })).entries.map((e) => e.action)).toEqual(['topics.publish', 'topics.draft'])
    expect((await c.call('audit.list', { villageId: X, from: '2026-11-28' })).entries).toEqual([])

    const first = await c.call('audit.list', { villageId: X, limit: 2 })
    expect(first.entries.map((e) => e.seq)).toEqual([3, 2])
    const second = await c.call('audit.list', { villageId: X, limit: 2, before: first.nextCursor! })
    expect(second).toMatchObject({ entries: [{ seq: 1 }], nextCursor: null })

    expect(await c.call('audit.actors', { villageId: X })).toEqual([
      { id: pid(P.committee), name: '林志强' },
      { id: pid(P.committee2), name: '陈美玲' },
    ].sort((a, b) => a.name.localeCompare(b.name, 'zh')))
    expect(await c.fail('audit.list', { villageId: X, from: '2026-11-28', to: '2026-11-27' })).toMatchObject({ code: 'BAD_INPUT', message: '开始日期不能晚于结束日期' })
  })

  test('the town officer of the village’s town reads it; residents, staff and other villages do not', async () => {
    await someHistory()
    expect((await api.as(TOWN_OFFICER).call('audit.list', { villageId: X })).entries).toHaveLength(3)
    expect(await api.as(TOWN_OFFICER).call('audit.verify', { villageId: X })).toMatchObject({ ok: true, count: 3 })
    // a town officer whose membership names another town (moved to another post) is refused
    await store().update('memberships', { _id: `${X}:${pid(TOWN_OFFICER)}` }, { set: { townId: 't-donghai' } })
    expect(await api.as(TOWN_OFFICER).fail('audit.list', { villageId: X })).toMatchObject({ code: 'FORBIDDEN' })
    for (const who of [P.resident, P.gridWorker, P.hallStaff]) expect(await api.as(who).fail('audit.list', { villageId: X })).toMatchObject({ code: 'FORBIDDEN' })
    expect(await api.as(ID.wukanCommittee).fail('audit.verify', { villageId: X })).toMatchObject({ code: 'NOT_MEMBER' })
    expect(await api.as(P.committee).fail('audit.list', { villageId: W })).toMatchObject({ code: 'NOT_MEMBER' })
  })

  test('no action edits or removes an entry', () => {
    const names = Object.keys(auditActions)
    expect(names.sort()).toEqual(['audit.actors', 'audit.list', 'audit.verify'])
  })

  test('verify: ok with the count; a changed reason, a removed entry or a removed newest entry is found at its seq', async () => {
    await someHistory()
    await api.as(P.committee).call('rules.exportCsv', { villageId: X, kind: 'agreements' })
    const c = api.as(P.committee)
    expect(await c.call('audit.verify', { villageId: X })).toMatchObject({ ok: true, count: 4 })
    const [, second, third, fourth] = await chain()

    await store().update('auditLog', { _id: second._id }, { set: { reason: '没有理由' } })
    expect(await c.call('audit.verify', { villageId: X })).toMatchObject({ ok: false, brokenAt: 2, message: expect.stringContaining('第2条记录的内容被改动过') })
    await store().update('auditLog', { _id: second._id }, { set: { reason: second.reason } })
    expect(await c.call('audit.verify', { villageId: X })).toMatchObject({ ok: true })

    // recomputing the changed entry's own hash does not help: the next one no longer links
    const forged = { ...second, actorName: '别人' }
    await store().update('auditLog', { _id: second._id }, { set: { actorName: '别人', hash: auditHash(forged) } })
    expect(await c.call('audit.verify', { villageId: X })).toMatchObject({ ok: false, brokenAt: 3 })
    await store().update('auditLog', { _id: second._id }, { set: { actorName: second.actorName, hash: second.hash } })

    await store().remove('auditLog', { _id: third._id })
    expect(await c.call('audit.verify', { villageId: X })).toMatchObject({ ok: false, brokenAt: 3, message: expect.stringContaining('第3条记录缺失') })
    await store().insert('auditLog', third)

    await store().remove('auditLog', { _id: fourth._id })
    expect(await c.call('audit.verify', { villageId: X })).toMatchObject({ ok: false, brokenAt: 4 })
  })

  test('20 audited actions at once in one village make one unbroken chain', async () => {
    const c = api.as(P.committee)
    const { households, grids } = await c.call('register.households', { villageId: X })
    const moves = households.slice(0, 8).map((h) => c.call('register.moveHousehold', { villageId: X, householdId: h.id, gridId: grids.find((g) => g.id !== h.gridId)!.id }))
    const drafts = Array.from({ length: 12 }, (_, i) => c.call('topics.save', topicInput(api, { title: `村道绿化方案第${i + 1}稿` })))
    await Promise.all([...moves, ...drafts])
    const entries = await chain()
    expect(entries.map((e) => e.seq)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1))
    expect(await c.call('audit.verify', { villageId: X })).toMatchObject({ ok: true, count: 20 })
  })

  test('the time-driven close is chained too', async () => {
    const c = api.as(P.committee)
    const draft = await c.call('topics.save', topicInput(api, { closesAt: api.ports.clock.now() + DAY }))
    await c.call('topics.publish', { villageId: X, topicId: draft.topic._id })
    await writeRolls(api)
    api.advance(2 * DAY)
    await c.call('topics.get', { villageId: X, topicId: draft.topic._id })
    const entries = await chain()
    expect(entries.map((e) => [e.seq, e.actorId, e.action])).toEqual([
      [1, pid(P.committee), 'topics.draft'],
      [2, pid(P.committee), 'topics.publish'],
      [3, 'system', 'topics.roll'],
      [4, 'system', 'topics.close'],
    ])
    expect(await c.call('audit.verify', { villageId: X })).toMatchObject({ ok: true, count: 4 })
  })
})

describe('a data folder written before the chain', () => {
  test('its entries are chained oldest first at the next start; later entries follow them', async () => {
    const old = [
      { _id: 'audit_old2', villageId: X, actorId: pid(P.committee), actorName: '林志强', action: 'topics.draft', targetType: 'topic', targetId: 't-old', target: '旧议题', reason: null, at: 2000 },
      { _id: 'audit_old1', villageId: X, actorId: pid(P.committee), actorName: '林志强', action: 'rules.draft', targetType: 'ruleVersion', targetId: 'r-old', target: '旧草稿', reason: '换届', at: 1000 },
    ]
    const raw = store() as unknown as { insert(c: string, d: object): Promise<void> }
    for (const e of old) await raw.insert('auditLog', e)
    await store().remove('auditHeads', {})
    await store().remove('meta', { _id: 'audit-chain-v1' })
    expect(await api.as(P.committee).call('audit.verify', { villageId: X })).toMatchObject({ ok: false, message: expect.stringContaining('2条记录不在链上') })

    await seedDemo(store(), api.ports.clock.now())
    expect((await chain()).map((e) => [e.seq, e._id])).toEqual([[1, 'audit_old1'], [2, 'audit_old2']])
    await api.as(P.committee).call('topics.save', topicInput(api))
    expect(await api.as(P.committee).call('audit.verify', { villageId: X })).toMatchObject({ ok: true, count: 3 })
    expect(await store().get('auditHeads', W)).toMatchObject({ seq: 0 })
  })

  test('a village without a head (in the cloud, no seed) gets one with its first entries, raced or not', async () => {
    await store().remove('auditHeads', { _id: X })
    const c = api.as(P.committee)
    await Promise.all(Array.from({ length: 5 }, (_, i) => c.call('topics.save', topicInput(api, { title: `村道绿化方案第${i + 1}稿` }))))
    expect(await c.call('audit.verify', { villageId: X })).toMatchObject({ ok: true, count: 5 })
  })
})
