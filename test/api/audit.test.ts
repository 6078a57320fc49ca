/**
 * 操作记录: the hash-chained audit log, read by the committee and the town, checked end to end. An action writes its
 * entry pending; the time-driven job links pending entries into the chain in batches (common/audit.ts).
 */
import { AUDIT_LINK_BATCH, appendAuditAlone, auditHash, systemAuditEntry, type LinkedAuditEntry } from '../../cloud/src/common/audit'
import { auditActions } from '../../cloud/src/features/audit/contract'
import { AUDIT_LINK_STEPS_PER_RUN, linkPendingAudit } from '../../cloud/src/features/audit/jobs'
import type { Ports } from '../../cloud/src/ports/ports'
import type { TxStore } from '../../cloud/src/ports/store'
import { ID, apiPerTest } from './harness'
import { seedDemo } from '../../cloud/src/demo'
import { P, X, W, pid, topicInput, DAY, writeRolls, linkAudits } from './deliberation-fixture'

const TOWN_OFFICER = 'demo-caiguohua' // 联安镇: 新山村 and 东尾村

const api = apiPerTest()

const store = () => api.ports.store
/** the village's linked entries in seq order */
const chain = async (villageId = X) => (await store().find('auditLog', { villageId, seq: { $gt: 0 } }, { sort: [['seq', 'asc']], limit: 10_000 })) as LinkedAuditEntry[]
const pendingIn = (villageId = X) => store().count('auditLog', { villageId, pending: true })

/** `n` entries of the job's written straight into the village's log, pending, `at` one second apart from `from` */
async function pendingEntries(n: number, villageId = X, from = api.ports.clock.now()) {
  for (let i = 0; i < n; i++) await appendAuditAlone(store(), systemAuditEntry(villageId, from + i * 1000, 'topics.close', { type: 'topic', id: `t-many${i}`, label: `议题${i}` }))
}

/** the ports with a store whose transactions die at their `k`-th write (a crash in the middle of a batch) */
function dyingAt(k: number): Ports {
  const inner = api.ports.store
  const transaction: typeof inner.transaction = (fn) =>
    inner.transaction((tx) => {
      let writes = 0
      const cut = <A extends unknown[], R>(f: (...a: A) => Promise<R>) => (...a: A) => (++writes >= k ? Promise.reject(new Error('killed')) : f(...a))
      const dying: TxStore = { get: (c, id) => tx.get(c, id), insert: cut((c, d) => tx.insert(c, d)), update: cut((c, id, p) => tx.update(c, id, p)), remove: cut((c, id) => tx.remove(c, id)) }
      return fn(dying)
    })
  const store = new Proxy(inner, { get: (target, prop) => (prop === 'transaction' ? transaction : (Reflect.get(target, prop) as unknown)) })
  return { ...api.ports, store }
}

/** audit.verify as the village's committee */
const verifyAs = (villageId: string) => api.as(villageId === X ? P.committee : ID.wukanCommittee).call('audit.verify', { villageId })

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
  test('an action writes its entry pending; the job chains them: seq 1, 2, 3… each hashing its fields and the one before; the head names the last', async () => {
    await someHistory()
    const written = await store().find('auditLog', { villageId: X }, { sort: [['at', 'asc'], ['_id', 'asc']], limit: 100 })
    expect(written.map((e) => [e.action, e.pending, e.seq, e.hash])).toEqual([
      ['topics.draft', true, undefined, undefined],
      ['topics.publish', true, undefined, undefined],
      ['join.reject', true, undefined, undefined],
    ])
    expect(await store().get('auditHeads', X)).toMatchObject({ seq: 0 })
    // pending entries are no break: they are counted apart, and said to be linked soon
    expect(await api.as(P.committee).call('audit.verify', { villageId: X })).toMatchObject({ ok: true, count: 0, pending: 3, message: expect.stringContaining('另有3条刚记录，将在1分钟内入链') })

    // the job's step (a whole run would add the entries of the demo's due work, written by the steps before it)
    expect(await linkPendingAudit(api.ports)).toBe(3)
    expect(await linkPendingAudit(api.ports)).toBe(0)
    const entries = await chain()
    expect(entries.map((e) => e._id)).toEqual(written.map((e) => e._id))
    expect(entries.every((e) => !('pending' in e))).toBe(true)
    expect(entries.map((e) => e.seq)).toEqual([1, 2, 3])
    entries.forEach((e, i) => {
      expect(e.hash).toBe(auditHash(e))
      expect(e.prevHash).toBe(i ? entries[i - 1].hash : '0'.repeat(64))
    })
    expect(await store().get('auditHeads', X)).toMatchObject({ seq: 3, hash: entries[2].hash })
    // another village's chain is its own
    expect(await store().get('auditHeads', W)).toMatchObject({ seq: 0 })
    const check = await api.as(P.committee).call('audit.verify', { villageId: X })
    expect(check).toMatchObject({ ok: true, count: 3, pending: 0 })
    expect(check.message).not.toContain('另有')
  })

  test('the committee lists it newest first, by person, object, action and day, pending or chained', async () => {
    const { topicId, requestId } = await someHistory()
    const c = api.as(P.committee)
    // before the job: pending, unnumbered
    const early = await c.call('audit.list', { villageId: X })
    expect(early.entries.map((e) => [e.action, e.pending, e.seq])).toEqual([
      ['join.reject', true, undefined],
      ['topics.publish', true, undefined],
      ['topics.draft', true, undefined],
    ])
    expect(early.nextCursor).toBeNull()
    expect((await c.call('audit.list', { villageId: X, actorId: pid(P.committee2) })).entries.map((e) => e.action)).toEqual(['join.reject'])
    expect((await c.call('audit.actors', { villageId: X })).map((a) => a.name).sort()).toEqual(['林志强', '陈美玲'].sort())

    await linkAudits(api)
    const all = await c.call('audit.list', { villageId: X })
    expect(all.entries.map((e) => [e.action, e.seq])).toEqual([
      ['join.reject', 3],
      ['topics.publish', 2],
      ['topics.draft', 1],
    ])
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

    // a new entry, pending, comes first on the first page only; the cursor goes on below the chain's head
    const later = (await c.call('topics.save', topicInput(api, { title: '村道绿化方案' }))).topic._id
    const top = await c.call('audit.list', { villageId: X, limit: 2 })
    expect(top.entries.map((e) => [e.targetId, e.seq])).toEqual([
      [later, undefined],
      [requestId, 3],
    ])
    // linked meanwhile, it is not shown again below
    await linkAudits(api)
    expect((await c.call('audit.list', { villageId: X, limit: 2, before: top.nextCursor! })).entries.map((e) => e.seq)).toEqual([2, 1])
    // a page full of pending entries: the next page starts at the chain's head
    await pendingEntries(3)
    const full = await c.call('audit.list', { villageId: X, limit: 2 })
    expect(full.entries.map((e) => [e.targetId, e.pending])).toEqual([
      ['t-many2', true],
      ['t-many1', true],
    ])
    expect((await c.call('audit.list', { villageId: X, limit: 2, before: full.nextCursor! })).entries.map((e) => e.seq)).toEqual([4, 3])

  })

  test('the town officer of the village’s town reads it; residents, staff and other villages do not', async () => {
    await someHistory()
    await linkAudits(api)
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
    await linkAudits(api)
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
    expect(await pendingIn()).toBe(20)
    await linkAudits(api)
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
    await linkAudits(api)
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
    expect(await api.as(P.committee).call('audit.verify', { villageId: X })).toMatchObject({ ok: true, count: 2, pending: 1 })
    await linkAudits(api)
    expect(await api.as(P.committee).call('audit.verify', { villageId: X })).toMatchObject({ ok: true, count: 3, pending: 0 })
    expect(await store().get('auditHeads', W)).toMatchObject({ seq: 0 })
  })

  test('a village without a head (in the cloud, no seed) gets one with its first entries, raced or not', async () => {
    await store().remove('auditHeads', { _id: X })
    const c = api.as(P.committee)
    await Promise.all(Array.from({ length: 5 }, (_, i) => c.call('topics.save', topicInput(api, { title: `村道绿化方案第${i + 1}稿` }))))
    await Promise.all([linkPendingAudit(api.ports), linkPendingAudit(api.ports), linkPendingAudit(api.ports)])
    await linkAudits(api)
    expect(await c.call('audit.verify', { villageId: X })).toMatchObject({ ok: true, count: 5 })
    expect(await store().get('auditHeads', X)).toMatchObject({ seq: 5 })
  })
})

describe('the job links pending entries', () => {
  test('oldest first (at, then _id), whatever order they were written in', async () => {
    const now = api.ports.clock.now()
    await pendingEntries(3, X, now + 10_000)
    await pendingEntries(2, X, now)
    await linkAudits(api)
    expect((await chain()).map((e) => e.targetId)).toEqual(['t-many0', 't-many1', 't-many0', 't-many1', 't-many2'])
    expect((await chain()).map((e) => e.at)).toEqual([now, now + 1000, now + 10_000, now + 11_000, now + 12_000])
  })

  test('two villages and more than a run holds: each run links a bounded number in bounded calls, and resumes where it stopped', async () => {
    const perRun = AUDIT_LINK_STEPS_PER_RUN * AUDIT_LINK_BATCH
    await pendingEntries(perRun)
    await pendingEntries(30, W, api.ports.clock.now() + 1000 * perRun)
    const runs: Array<{ linked: number; calls: number }> = []
    for (let n = -1; n; ) {
      const before = api.dbCalls()
      n = await linkPendingAudit(api.ports)
      runs.push({ linked: n, calls: api.dbCalls() - before })
    }
    expect(runs.map((r) => r.linked)).toEqual([perRun, 30, 0])
    // a batch: the oldest of all villages, the head, the village's oldest, its transaction (begin, the head, an update
    // each, the head, commit): 23 calls, within what the roll's steps take (25)
    expect(runs[0].calls).toBeLessThanOrEqual(AUDIT_LINK_STEPS_PER_RUN * (AUDIT_LINK_BATCH + 7))
    expect(runs[0].calls / AUDIT_LINK_STEPS_PER_RUN).toBeLessThanOrEqual(25)
    for (const v of [X, W]) expect(await verifyAs(v)).toMatchObject({ ok: true, pending: 0 })
    expect(await store().get('auditHeads', X)).toMatchObject({ seq: perRun })
    expect(await store().get('auditHeads', W)).toMatchObject({ seq: 30 })
  })

  test('runs at once link each entry exactly once, in one chain', async () => {
    await pendingEntries(3 * AUDIT_LINK_BATCH + 5)
    await pendingEntries(AUDIT_LINK_BATCH + 1, W)
    const runs = await Promise.all([linkPendingAudit(api.ports), linkPendingAudit(api.ports), linkPendingAudit(api.ports)])
    expect(runs.reduce((n, r) => n + r, 0)).toBe(4 * AUDIT_LINK_BATCH + 6)
    for (const [v, n] of [[X, 3 * AUDIT_LINK_BATCH + 5], [W, AUDIT_LINK_BATCH + 1]] as const) {
      expect((await chain(v)).map((e) => e.seq)).toEqual(Array.from({ length: n }, (_, i) => i + 1))
      expect(await pendingIn(v)).toBe(0)
      expect(await verifyAs(v)).toMatchObject({ ok: true, count: n, pending: 0 })
    }
  })

  test.each([1, 5, AUDIT_LINK_BATCH + 1])('a batch cut at its %i-th write links none of its entries; the next run links them all', async (k) => {
    await pendingEntries(AUDIT_LINK_BATCH + 3)
    await expect(linkPendingAudit(dyingAt(k))).rejects.toThrow('killed')
    expect(await pendingIn()).toBe(AUDIT_LINK_BATCH + 3)
    expect(await store().get('auditHeads', X)).toMatchObject({ seq: 0 })
    expect(await verifyAs(X)).toMatchObject({ ok: true, count: 0, pending: AUDIT_LINK_BATCH + 3 })
    expect(await linkAudits(api)).toBe(AUDIT_LINK_BATCH + 3)
    expect(await verifyAs(X)).toMatchObject({ ok: true, count: AUDIT_LINK_BATCH + 3, pending: 0 })
  })

  test('a linked entry changed afterwards still breaks the chain; pending ones linked later follow the changed one', async () => {
    await pendingEntries(4)
    await linkAudits(api)
    const [, second] = await chain()
    await store().update('auditLog', { _id: second._id }, { set: { target: '别的议题' } })
    await pendingEntries(2)
    await linkAudits(api)
    expect(await verifyAs(X)).toMatchObject({ ok: false, brokenAt: 2, message: expect.stringContaining('第2条记录的内容被改动过') })
  })
})
