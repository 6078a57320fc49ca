/** 个人信息: a resident sees everything held about them and asks for deletion; a committee confirms. */
import { COLLECTIONS } from '../../cloud/src/features'
import { PERSONAL_DATA } from '../../cloud/src/features/account/privacy'
import { DELETED_NAME } from '../../cloud/src/features/account/privacy-documents'
import { villageFigures } from '../../cloud/src/features/account/residents'
import type { Doc, Store } from '../../cloud/src/ports/store'
import { apiPerTest } from './harness'
import { runJobs } from '../../cloud/src/jobs'
import {P, X, W, DAY, HOUR, openTopic, pid } from './deliberation-fixture'
import { ERASE_PAGE, ERASE_STEPS_PER_RUN, eraseConfirmed, eraseStep } from '../../cloud/src/features/account/erase'

const LINJUN = 'demo-linjun' // 新山村 (林水生's son) and 河南社区 (rents, 户代表 there)
const HENAN = 'v-henan'
const HENAN_COMMITTEE = 'demo-zhoumin'

const api = apiPerTest()

const raw = () => api.ports.store as unknown as Store<Record<string, Doc>>
/** the collections (but `except`) with a document containing the text */
async function holding(text: string, except: string[] = []): Promise<string[]> {
  const out: string[] = []
  for (const c of COLLECTIONS.filter((x) => !except.includes(x))) if (JSON.stringify(await raw().find(c, {}, { limit: 100_000 })).includes(text)) out.push(c)
  return out
}

/** 林俊 votes on a topic closing in a day and comments on it */
async function activity() {
  const topicId = await openTopic(api, { closesAt: api.ports.clock.now() + DAY })
  const ballot = await api.as(LINJUN).call('ballots.cast', { villageId: X, topicId, choices: ['yes'] })
  await api.as(LINJUN).call('comments.create', { villageId: X, topicId, text: '我赞成，东一巷也请一起种上。', stance: 'for' })
  return { topicId, receipt: ballot.receipt! }
}

test('every collection that names a person is in the privacy register (so deletion and 我的个人信息 cover it)', async () => {
  const { topicId } = await activity()
  await api.as(LINJUN).call('proxies.grant', { villageId: X, topicId, proxyPersonId: pid(P.resident) }).catch(() => undefined)
  const ids = new Set((await raw().find('persons', {}, { limit: 1000 })).map((p) => p._id))
  const namesAPerson = (v: unknown): boolean => (typeof v === 'string' ? ids.has(v) : Array.isArray(v) ? v.some(namesAPerson) : v && typeof v === 'object' ? Object.values(v).some(namesAPerson) : false)
  const holding: string[] = []
  for (const c of COLLECTIONS) {
    const docs = await raw().find(c, {}, { limit: 100_000 })
    if (docs.some((d) => Object.entries(d).some(([k, v]) => (k !== '_id' || c === 'persons') && namesAPerson(v)))) holding.push(c)
  }
  expect(holding.length).toBeGreaterThan(8)
  expect(holding.filter((c) => !(c in PERSONAL_DATA))).toEqual([])
})

test('我的个人信息: every section with the ballot (choice and receipt) and the comment; never the openid', async () => {
  const { topicId, receipt } = await activity()
  const data = await api.as(LINJUN).call('account.myData', {})
  expect(data.person).toMatchObject({ id: pid(LINJUN), name: '林俊' })
  // the first call lists the sections; each is read on its own
  expect(data.sections.map((s) => s.key)).toEqual(expect.arrayContaining(['memberships', 'ballots', 'comments', 'cosigns', 'bookings', 'audit']))
  expect(data.section).toBeNull()
  const all = await Promise.all(data.sections.map((s) => api.as(LINJUN).call('account.myData', { section: s.key }).then((d) => d.section!)))
  const sec = (key: string) => all.find((s) => s.key === key)!
  expect(all.every((s) => s.next === null)).toBe(true)
  expect(sec('memberships').items.map((i) => i.title).sort()).toEqual(['新山村', '河南社区'].sort())
  expect(sec('ballots').items).toEqual([expect.objectContaining({ title: '村道两侧种植绿化树', lines: expect.arrayContaining(['我的选择：赞成', `回执码：${receipt}`]) })])
  expect(sec('comments').items.map((i) => i.lines[0])).toEqual(expect.arrayContaining(['我赞成，东一巷也请一起种上。', expect.stringContaining('赞了吴丽华的评论')]))
  expect(sec('cosigns').items).toHaveLength(1)
  expect(JSON.stringify([data, all])).not.toContain(LINJUN)
  // his bookings for his mother are his (as 为李桂兰预约); the demo has no other data of hers in it
  expect(sec('bookings').items.map((i) => i.title)).toEqual(expect.arrayContaining(['为李桂兰预约']))
  expect(JSON.stringify(all.filter((s) => s.key !== 'bookings'))).not.toContain('李桂兰')
  expect(topicId).toBeTruthy()
})

test('deletion end to end: asked, refused while a ballot is in an open topic, confirmed after the close; the count still verifies', async () => {
  const { topicId, receipt } = await activity()
  const asked = await api.as(LINJUN).call('account.requestDeletion', { reason: '不再使用' })
  expect(asked).toMatchObject({ status: 'pending', villages: expect.arrayContaining(['新山村', '河南社区']) })
  // 我的个人信息 (which the page reloads after asking) says what holds it up
  expect((await api.as(LINJUN).call('account.myData', {})).deletion).toMatchObject({ status: 'pending', blocked: expect.stringContaining('请在表决结束后再注销') })
  // asking twice is the same request
  expect(await api.as(LINJUN).call('account.requestDeletion', {})).toMatchObject({ reason: '不再使用' })
  // both committees are told and see it
  const told = await api.ports.store.find('noticeOutbox', {}, { limit: 100 })
  expect(told.filter((n) => n.title === '注销个人信息申请').map((n) => n.villageId).sort()).toEqual([X, HENAN].sort())
  const [queued] = await api.as(P.committee).call('account.deletionRequests', { villageId: X })
  expect(queued).toMatchObject({ personId: pid(LINJUN), name: '林俊', doorplate: '新山村东一巷12号', reason: '不再使用' })
  expect(await api.as(HENAN_COMMITTEE).call('account.deletionRequests', { villageId: HENAN })).toHaveLength(1)

  // only a committee of one of the person's villages confirms, with a reason; never while a ballot is open
  const before = api.snapshot()
  expect(await api.as(P.resident).fail('account.confirmDeletion', { villageId: X, personId: pid(LINJUN), reason: '已核实本人' })).toMatchObject({ code: 'FORBIDDEN' })
  expect(await api.as(P.wukanCommittee).fail('account.confirmDeletion', { villageId: W, personId: pid(LINJUN), reason: '已核实本人' })).toMatchObject({ code: 'NOT_FOUND' })
  expect(await api.as(P.committee).fail('account.confirmDeletion', { villageId: X, personId: pid(LINJUN), reason: '' })).toMatchObject({ code: 'BAD_INPUT' })
  expect(await api.as(P.committee).fail('account.confirmDeletion', { villageId: X, personId: pid(LINJUN), reason: '已电话核实本人' })).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('请在表决结束后再注销') })
  expect(api.snapshot()).toEqual(before)

  api.advance(DAY + HOUR)
  await api.as(P.committee).call('topics.get', { villageId: X, topicId })
  const countBefore = await api.as(P.resident).call('topics.count', { villageId: X, topicId })
  const resultsBefore = (await api.as(P.resident).call('topics.get', { villageId: X, topicId })).tally
  expect(countBefore.entries.map((e) => e.receipt)).toContain(receipt)

  await api.as(P.committee).call('account.confirmDeletion', { villageId: X, personId: pid(LINJUN), reason: '已电话核实本人' })
  // confirmed once: both committees' queues and the person read 正在删除 until the job has erased it
  expect(await api.as(HENAN_COMMITTEE).fail('account.confirmDeletion', { villageId: HENAN, personId: pid(LINJUN), reason: '已电话核实本人' })).toMatchObject({ code: 'CONFLICT' })
  expect(await api.as(HENAN_COMMITTEE).call('account.deletionRequests', { villageId: HENAN })).toEqual([expect.objectContaining({ name: '林俊', status: 'erasing', blocked: null })])
  expect((await api.as(LINJUN).call('account.myData', {})).deletion).toMatchObject({ status: 'erasing' })
  // the job erases it a bounded step at a time, resuming where it stopped: one step per run here
  let runs = 0
  for (let r = await api.ports.store.get('deletionRequests', pid(LINJUN)); r?.status === 'erasing'; r = await api.ports.store.get('deletionRequests', pid(LINJUN))) {
    await eraseStep(api.ports.store, r, api.ports.clock.now())
    runs++
    // the confirmation is in the log from the first step, before anything is erased
    if (runs === 1) expect((await api.ports.store.find('auditLog', { action: 'account.confirmDeletion', targetId: pid(LINJUN) })).length).toBe(1)
    if (runs === 1) expect(await api.ports.store.count('memberships', { personId: pid(LINJUN) })).toBe(2)
  }
  expect(runs).toBeGreaterThan(5)
  // a run after it is done finds nothing to do
  expect(await eraseConfirmed(api.ports, api.ports.clock.now())).toBe(0)

  // nothing of his name or WeChat identity is left, but in the audit log (kept as written: a hash chain)
  expect(await holding('林俊', ['auditLog'])).toEqual([])
  expect(await holding(LINJUN)).toEqual([])
  expect(await api.ports.store.find('memberships', { personId: pid(LINJUN) })).toEqual([])
  expect(await api.ports.store.find('personKeys', { personId: pid(LINJUN) })).toEqual([])
  // 本村概况 of both his villages counts him no more
  for (const v of [X, HENAN]) expect(await villageFigures(api.ports.store, v)).toMatchObject({ members: await api.ports.store.count('memberships', { villageId: v }) })
  // the closed topic's ballot stays, without a voter; the published count and the tally are unchanged and verify
  const [kept] = await api.ports.store.find('ballots', { topicId, receipt })
  expect(kept).toMatchObject({ personId: '', choices: ['yes'] })
  expect(await api.as(P.resident).call('topics.count', { villageId: X, topicId })).toEqual({ ...countBefore, myReceipt: null })
  expect((await api.as(P.resident).call('topics.get', { villageId: X, topicId })).tally).toEqual(resultsBefore)
  // his comment is shown as 已注销用户
  const { comments } = await api.as(P.resident).call('comments.list', { villageId: X, topicId })
  expect(comments.map((c) => c.authorName)).toEqual([DELETED_NAME])
  // the committee's act is in the log, with its reason and no name; the chain verifies
  const [logged] = await api.as(P.committee).call('audit.list', { villageId: X, action: 'account.confirmDeletion' }).then((p) => p.entries)
  expect(logged).toMatchObject({ actorName: '林志强', target: DELETED_NAME, reason: '已电话核实本人' })
  expect(await api.as(P.committee).call('audit.verify', { villageId: X })).toMatchObject({ ok: true })
  expect(await api.as(HENAN_COMMITTEE).call('account.deletionRequests', { villageId: HENAN })).toEqual([])

  // the WeChat account starts again as a new visitor, and may join as a new person
  expect(await api.as(LINJUN).call('account.me', {})).toMatchObject({ person: null, memberships: [] })
  const again = await api.as(LINJUN).call('join.request', { villageId: X, name: '林俊', doorplate: '新山村东一巷12号', relation: '子女' })
  expect(again.personId).not.toBe(pid(LINJUN))
})

test('a person no village knows is deleted at once; a committee member cannot confirm their own request', async () => {
  expect(await api.as('o-nobody-yet').fail('account.requestDeletion', {})).toMatchObject({ code: 'NOT_SIGNED_IN' })
  // 王芳 has a person record and no request anywhere yet
  expect(await api.as(P.newcomer).call('account.requestDeletion', {})).toMatchObject({ status: 'done', villages: [] })
  expect(await api.as(P.newcomer).call('account.me', {})).toMatchObject({ person: null })
  await api.as(P.committee2).call('account.requestDeletion', {})
  expect(await api.as(P.committee2).fail('account.confirmDeletion', { villageId: X, personId: pid(P.committee2), reason: '本人申请' })).toMatchObject({ code: 'FORBIDDEN' })
  // 周强's only request was rejected: 新山村's committee still confirms it
  expect(await api.as(P.rejectedPerson).call('account.requestDeletion', {})).toMatchObject({ status: 'pending', villages: ['新山村'] })
})

test('the job erases a big village a page at a time, in bounded runs, and a step run again after a crash does nothing twice', async () => {
  // 陈小红 wrote in the history of more reports than a page of the walk, in 新山村; every demo topic has closed
  const person = 'p_chenxiaohong'
  api.advance(60 * DAY)
  await runJobs(api.ports)
  const lamp = (await api.ports.store.get('reports', `${X}:r-lamp`))!
  const n = 2 * ERASE_PAGE + 7
  api.seedDocuments(
    'reports',
    Array.from({ length: n }, (_, i) => ({ ...lamp, _id: `${X}:r-erase-${i}`, history: [...lamp.history, { ...lamp.history[0], by: person, byName: '陈小红' }] })),
  )
  await api.as('demo-chenxiaohong').call('account.requestDeletion', { reason: '不再使用' })
  await api.as(P.committee).call('account.confirmDeletion', { villageId: X, personId: person, reason: '已电话核实本人' })
  const request = async () => (await api.ports.store.get('deletionRequests', person))!

  // a crash after the audit step's commit, before the run saw it: the step run again from the old copy writes no second entry
  const confirmed = await request()
  await eraseStep(api.ports.store, confirmed, api.ports.clock.now())
  await eraseStep(api.ports.store, confirmed, api.ports.clock.now())
  expect(await api.ports.store.count('auditLog', { action: 'account.confirmDeletion', targetId: person })).toBe(1)

  // into the walk of the reports: a page, then the same page again from the old cursor (as after a crash), then on
  for (let r = await request(); !r.erase?.after?.includes('r-erase'); r = await request()) await eraseStep(api.ports.store, r, api.ports.clock.now())
  const midWalk = await request()
  await eraseStep(api.ports.store, midWalk, api.ports.clock.now())
  await eraseStep(api.ports.store, midWalk, api.ports.clock.now())

  // the runs take ERASE_STEPS_PER_RUN steps at most, each resuming where the last stopped, until done
  let runs = 0
  for (let steps = await eraseConfirmed(api.ports, api.ports.clock.now()); steps > 0; steps = await eraseConfirmed(api.ports, api.ports.clock.now())) {
    expect(steps).toBeLessThanOrEqual(ERASE_STEPS_PER_RUN)
    runs++
  }
  expect(runs).toBeGreaterThan(0)
  expect(await request()).toMatchObject({ status: 'done', name: DELETED_NAME, erase: null })
  const left = await api.ports.store.find('reports', { villageId: X }, { limit: 100_000 })
  expect(left.filter((r) => r.history.some((e) => e.by === person || e.byName === '陈小红'))).toEqual([])
  expect(left.filter((r) => r._id.includes('r-erase') && r.history.some((e) => e.byName === DELETED_NAME))).toHaveLength(n)
  expect(await api.ports.store.count('auditLog', { action: 'account.confirmDeletion', targetId: person })).toBe(1)
  expect(await api.as(P.committee).call('audit.verify', { villageId: X })).toMatchObject({ ok: true })
  // 待办 counts it no more
  expect(await api.as(P.committee).call('account.deletionRequests', { villageId: X })).toEqual([])
})
