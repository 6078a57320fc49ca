/**
 * Accountable meeting ballots and checkable counts: each meeting ballot is told to its voter, who may
 * object; a correction needs a reason and keeps the old entry; every ballot has a receipt, and a
 * closed topic publishes its count by receipt, which anyone can recount to the published tally.
 */
import { createHash } from 'node:crypto'
import { deliverDueNotices } from '../../cloud/src/features/account/notices'
import { runJobs } from '../../cloud/src/jobs'
import { apiPerTest } from './harness'
import { DAY, HOUR, notices, openTopic, P, pid, X} from './deliberation-fixture'

const api = apiPerTest()

const RECEIPT = /^[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$/

describe('meeting ballots are never silent', () => {
  test('the voter is told, may object before the close; a correction needs a reason and keeps the old entry', async () => {
    const topicId = await openTopic(api)
    const c = api.as(P.committee)
    const recorded = await c.call('ballots.recordInPerson', { villageId: X, topicId, voterPersonId: pid(P.chenjianguo), choices: ['yes'] })
    expect(recorded.receipt).toMatch(RECEIPT)
    const [told] = await notices(api, P.chenjianguo, '现场表决已登记')
    expect(told.body).toContain('赞成')
    expect(told.body).toContain(recorded.receipt)

    // he objects: the committee is told and sees it on the meeting list
    let before = api.snapshot()
    expect(await api.as(P.chenjianguo).fail('ballots.object', { villageId: X, topicId, reason: '' })).toMatchObject({ code: 'BAD_INPUT' })
    expect(await api.as(P.resident).fail('ballots.object', { villageId: X, topicId, reason: '我没去开会' })).toMatchObject({ code: 'CONFLICT' })
    expect(api.snapshot()).toEqual(before)
    await api.as(P.chenjianguo).call('ballots.object', { villageId: X, topicId, reason: '我投的是反对，登记错了' })
    // the committee is told by the job
    await deliverDueNotices(api.ports, api.ports.clock.now())
    expect(await notices(api, P.committee2, '村民对现场表决登记有异议')).toHaveLength(1)
    expect((await c.call('ballots.voters', { villageId: X, topicId })).voters.find((v) => v.name === '陈建国')).toMatchObject({ objection: '我投的是反对，登记错了' })

    // a correction without a reason changes nothing
    before = api.snapshot()
    expect(await c.fail('ballots.recordInPerson', { villageId: X, topicId, voterPersonId: pid(P.chenjianguo), choices: ['no'] })).toMatchObject({ code: 'BAD_INPUT', fields: { reason: expect.stringContaining('理由') } })
    expect(api.snapshot()).toEqual(before)

    const corrected = await c.call('ballots.recordInPerson', { villageId: X, topicId, voterPersonId: pid(P.chenjianguo), choices: ['no'], reason: '本人提出异议，核对会议记录后更正' })
    expect(corrected).toMatchObject({ choices: ['no'], receipt: recorded.receipt, objection: null, changes: 1 })
    expect(corrected.history).toEqual([expect.objectContaining({ choices: ['yes'], castByName: '林志强', reason: '本人提出异议，核对会议记录后更正' })])
    expect((await notices(api, P.chenjianguo, '现场表决已更正'))[0].body).toContain('核对会议记录后更正')
    const logged = await api.ports.store.find('auditLog', { villageId: X, targetType: 'ballot', targetId: corrected._id })
    expect(logged.map((a) => a.reason)).toEqual(expect.arrayContaining([null, '更正现场表决：本人提出异议，核对会议记录后更正']))

    // after the close, no objection
    api.advance(3 * DAY)
    expect(await api.as(P.chenjianguo).fail('ballots.object', { villageId: X, topicId, reason: '还是不对' })).toMatchObject({ code: 'CLOSED' })
  })
})

describe('receipts and the published count', () => {
  test('each voter keeps one receipt; the closed topic lists every counted ballot by receipt, names none, and recounts to the tally', async () => {
    const topicId = await openTopic(api, { results: 'sealed' })
    const first = await api.as(P.resident).call('ballots.cast', { villageId: X, topicId, choices: ['yes'] })
    const changed = await api.as(P.resident).call('ballots.cast', { villageId: X, topicId, choices: ['no'] })
    expect(first.receipt).toMatch(RECEIPT)
    expect(changed.receipt).toBe(first.receipt) // changing the vote keeps the receipt
    for (const [who, choice] of [[P.liguilan, 'yes'], [P.chenjianguo, 'yes'], [P.wulihua, 'abstain']] as const) {
      await api.as(who).call('ballots.cast', { villageId: X, topicId, choices: [choice] })
    }
    await api.as(P.committee).call('ballots.recordInPerson', { villageId: X, topicId, voterPersonId: pid(P.huangdeming), choices: ['yes'] })
    // sealed: no count before the close
    expect(await api.as(P.resident).fail('topics.count', { villageId: X, topicId })).toMatchObject({ code: 'CONFLICT' })

    api.advance(2 * DAY + HOUR)
    await runJobs(api.ports)
    const count = await api.as(P.resident).call('topics.count', { villageId: X, topicId })
    expect(count.entries).toHaveLength(5)
    expect(count.myReceipt).toBe(first.receipt)
    expect(count.entries.find((e) => e.receipt === first.receipt)).toEqual({ receipt: first.receipt, choices: ['no'], source: 'online' })
    expect(count.entries.filter((e) => e.source === 'meeting')).toHaveLength(1)
    expect(new Set(count.entries.map((e) => e.receipt)).size).toBe(5)
    // names nobody
    expect(JSON.stringify(count)).not.toMatch(/林水生|李桂兰|陈建国|吴丽华|黄德明|p_demo/)

    // anyone can recount: the list gives the tally the topic published
    const recount: Record<string, number> = {}
    for (const e of count.entries) for (const ch of e.choices) recount[ch] = (recount[ch] ?? 0) + 1
    const d = await api.as(P.liguilan).call('topics.get', { villageId: X, topicId })
    expect(Object.fromEntries(d.tally!.map((o) => [o.optionId, o.votes]))).toEqual({ yes: recount.yes ?? 0, no: recount.no ?? 0, abstain: recount.abstain ?? 0 })
    // one receipt can be looked up; a wrong or malformed one gets a clear answer
    expect(await api.as(P.liguilan).call('topics.receipt', { villageId: X, topicId, receipt: first.receipt!.toLowerCase().replace('-', '') })).toEqual({ receipt: first.receipt, choices: ['no'], source: 'online' })
    expect(await api.as(P.liguilan).fail('topics.receipt', { villageId: X, topicId, receipt: 'ZZZZ-ZZZZ' })).toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining('没有回执码 ZZZZ-ZZZZ') })
    expect(await api.as(P.liguilan).fail('topics.receipt', { villageId: X, topicId, receipt: 'K7Q-2M' })).toMatchObject({ code: 'BAD_INPUT', message: expect.stringContaining('8位') })
    // and the hash in the audit log is the list's
    const text = count.entries.map((e) => `${e.receipt},${e.choices.join('|')},${e.source}`).join('\n')
    expect(count.hash).toBe(createHash('sha256').update(text).digest('hex'))
    const published = (await api.ports.store.find('auditLog', { villageId: X, targetType: 'topic', targetId: topicId })).filter((a) => a.action === 'topics.count')
    expect(published).toHaveLength(1)
    expect(published[0].reason).toContain(count.hash)
  })

  test('the demo’s closed topics have their counts', async () => {
    const closed = (await api.ports.store.find('topics', { villageId: X })).filter((t) => ['closed', 'decided', 'done'].includes(t.status))
    expect(closed.length).toBeGreaterThan(0)
    for (const t of closed) {
      const count = await api.as(P.resident).call('topics.count', { villageId: X, topicId: t._id })
      expect(count.entries.length).toBe(await api.ports.store.count('ballots', { topicId: t._id }))
    }
  })
})
