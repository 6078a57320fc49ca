/**
 * Notices go through an outbox: written with the change that causes them (a notice to one person is their in-app
 * notification, its push still to do; a notice to several an event), delivered and pushed by the job, again when a crash
 * or a failed push left them behind — never stored or pushed twice.
 */
import { runJobs } from '../../cloud/src/jobs'
import { deliverDueNotices, deliverNotices, DELIVERY_BATCH, notify, notifyCommittee, notifyMeToo, notifyServing, PUSH_ATTEMPTS, PUSH_LEASE_MS } from '../../cloud/src/features/account/notices'
import { DELETED_NAME } from '../../cloud/src/features/account/privacy-documents'
import type { Notification, PushOutcome } from '../../cloud/src/ports/ports'
import { apiPerTest, ID, killedAfter } from './harness'
import { noticeNewJoinRequests } from '../../cloud/src/features/account/jobs'

const MINUTE = 60_000
const api = apiPerTest()

/** WeChat refusing every push until `failing` is turned off; the pushes tried of notices titled `title`, in order */
function failingPushes(ports: typeof api.ports, title: string) {
  const real = ports.notifier.send.bind(ports.notifier)
  const push = { failing: true, tries: [] as Notification[] }
  ports.notifier.send = async (n): Promise<PushOutcome> => {
    if (n.title === title) push.tries.push(n)
    if (push.failing) throw new Error('WeChat busy (-1)')
    return real(n)
  }
  return push
}

test('a notice written but never delivered (the process died after the commit) is delivered by the job, once', async () => {
  const { ports } = api
  const now = ports.clock.now()
  const notices: string[] = []
  // what a handler leaves behind when it dies right after its transaction: the event, nothing delivered
  await ports.store.transaction((tx) => notifyCommittee({ ports, now, notices }, 'v-xinshan', '测试通知', '写入后进程退出', null, tx))
  expect(await ports.store.count('notifications', { title: '测试通知' })).toBe(0)

  const runs = await Promise.all([runJobs(ports), runJobs(ports), deliverNotices(ports, now, notices)])
  expect(runs.length).toBe(3)
  const stored = await ports.store.find('notifications', { title: '测试通知' })
  // both committee members of 新山村, once each, however many deliveries ran at once
  expect(stored.map((n) => n.personId).sort()).toEqual(['p_chenmeiling', 'p_linzhiqiang'])
  expect(ports.notifier.sent.filter((n) => n.title === '测试通知')).toHaveLength(2)
  expect(stored.every((n) => n.push === 'sent')).toBe(true)
  expect((await ports.store.get('noticeOutbox', notices[0]))?.status).toBe('done')

  await runJobs(ports)
  expect(await ports.store.count('notifications', { title: '测试通知' })).toBe(2)
  expect(ports.notifier.sent.filter((n) => n.title === '测试通知')).toHaveLength(2)
})

test('a notice to those serving a part of the village is told to them as they are at delivery: a grid’s workers, the town’s officers, else the committee', async () => {
  const { ports } = api
  const now = ports.clock.now()
  const notices: string[] = []
  const ctx = { ports, now, notices }
  await ports.store.transaction(async (tx) => {
    await notifyServing(ctx, 'v-xinshan', { gridWorkers: 'v-xinshan:g1' }, '测试网格员', '第一网格', null, tx)
    await notifyServing(ctx, 'v-xinshan', 'townOfficers', '测试镇街', '转办镇街', null, tx)
    await notifyServing(ctx, 'v-xinshan', { gridWorkers: null }, '测试无网格', '没有网格员', null, tx)
  })
  // nobody is named in the events: they are read when the job delivers them
  expect((await ports.store.find('noticeOutbox', { _id: { $in: notices } })).map((e) => e.to)).toEqual([{ gridWorkers: 'v-xinshan:g1' }, 'townOfficers', { gridWorkers: null }])
  await deliverNotices(ports, now, notices)
  const told = async (title: string) => (await ports.store.find('notifications', { title })).map((n) => n.personId).sort()
  expect(await told('测试网格员')).toEqual(['p_huangweiming'])
  expect(await told('测试镇街')).toEqual(['p_caiguohua'])
  expect(await told('测试无网格')).toEqual(['p_chenmeiling', 'p_linzhiqiang'])
})

test('a notice to those who added 同问 to a report is told to its marks as they are at delivery, a page of them at a time', async () => {
  const { ports } = api
  const now = ports.clock.now()
  const reportId = 'v-xinshan:r-rubbish1'
  // the demo's two marks (李桂兰, 郑志远) and more than a batch of others'
  const many = Array.from({ length: DELIVERY_BATCH + 20 }, (_, i) => `p_mark${i}`)
  for (let i = 0; i < many.length; i += DELIVERY_BATCH) {
    const ids = many.slice(i, i + DELIVERY_BATCH)
    await ports.store.insertMany('persons', ids.map((id) => ({ _id: id, openid: `o-${id}`, name: id, createdAt: now })))
    await ports.store.insertMany('reportMeToos', ids.map((personId) => ({ _id: `${reportId}:${personId}`, villageId: 'v-xinshan', reportId, personId, at: now })))
  }
  const notices: string[] = []
  await ports.store.transaction((tx) => notifyMeToo({ ports, now, notices }, 'v-xinshan', reportId, '测试同问', '已办结', null, tx))
  // nobody is named in the event: the marks are read when the job delivers it
  expect(await ports.store.get('noticeOutbox', notices[0])).toMatchObject({ to: 'metoo', reportId })
  await deliverNotices(ports, now, notices)
  const told = (await ports.store.find('notifications', { title: '测试同问' }, { limit: 1000 })).map((n) => n.personId).sort()
  expect(told).toEqual(['p_liguilan', 'p_zhengzhiyuan', ...many].sort())
  expect((await ports.store.get('noticeOutbox', notices[0]))?.status).toBe('done')
})

test('a job step delivering its own notice that finds it already stored (another run raced it) neither stores nor pushes it twice', async () => {
  const { ports } = api
  const now = ports.clock.now()
  const notices: string[] = []
  await ports.store.transaction((tx) => notifyCommittee({ ports, now, notices }, 'v-xinshan', '测试竞态', '任务抢先存了一条', null, tx))
  // another run stored 林志强's notice and was pushing it when the step's own delivery came (it skips the read of what is stored)
  const event = (await ports.store.get('noticeOutbox', notices[0]))!
  await ports.store.insert('notifications', {
    _id: `${event._id}:p_linzhiqiang`,
    villageId: 'v-xinshan',
    personId: 'p_linzhiqiang',
    title: event.title,
    body: event.body,
    page: null,
    read: false,
    createdAt: event.createdAt,
    push: 'sending',
    pushLeaseUntil: now + MINUTE,
    pushAttempts: 0,
  })
  await deliverNotices(ports, now, notices)
  const stored = await ports.store.find('notifications', { title: '测试竞态' })
  expect(stored.map((n) => n.personId).sort()).toEqual(['p_chenmeiling', 'p_linzhiqiang'])
  // the push in flight is the job's: only 陈美玲's is sent here
  expect(ports.notifier.sent.filter((n) => n.title === '测试竞态').map((n) => n.personId)).toEqual(['p_chenmeiling'])
})

test('a push that fails is tried again later by the job, then given up after a few tries; the in-app notice is there from the start', async () => {
  const { ports } = api
  // the job's own notices (the demo's booking reminders) are not this test's
  const push = failingPushes(ports, '新的入村申请')
  await api.as(ID.newcomer).call('join.request', { villageId: 'v-xinshan', name: '王芳', doorplate: '新山村东一巷40号', relation: '户主' })
  // the job's step that tells the committee of new requests
  await noticeNewJoinRequests(ports, ports.clock.now())
  // the action succeeded and the committee sees it in the app although the push failed
  expect((await api.as(ID.committee).call('notifications.list', {})).map((n) => n.title)).toContain('新的入村申请')
  expect(push.tries).toHaveLength(2)
  const [event] = await ports.store.find('noticeOutbox', { title: '新的入村申请' })
  expect(event.status).toBe('pending')

  // not yet due: the job leaves it
  await runJobs(ports)
  expect(push.tries).toHaveLength(2)
  api.advance(MINUTE)
  push.failing = false
  await runJobs(ports)
  expect(push.tries).toHaveLength(4)
  expect(ports.notifier.sent.filter((n) => n.title === '新的入村申请')).toHaveLength(2)
  expect((await ports.store.get('noticeOutbox', event._id))?.status).toBe('done')

  // a push that keeps failing is given up (failed), and the event is done
  push.failing = true
  push.tries.length = 0
  await api.as(ID.newcomer).call('join.request', { villageId: 'v-dongwei', name: '王芳', doorplate: '东尾村一巷1号', relation: '户主' })
  for (let i = 0; i < 10; i++) {
    api.advance(4 * 60 * MINUTE)
    await runJobs(ports)
  }
  const dongwei = await ports.store.find('notifications', { villageId: 'v-dongwei', title: '新的入村申请' })
  expect(dongwei.length).toBeGreaterThan(0)
  expect(dongwei.every((n) => n.push === 'failed' && n.pushAttempts === PUSH_ATTEMPTS)).toBe(true)
  expect(push.tries).toHaveLength(dongwei.length * PUSH_ATTEMPTS)
  const [second] = await ports.store.find('noticeOutbox', { villageId: 'v-dongwei', title: '新的入村申请' })
  expect(second.status).toBe('done')
})

test('a refused action writes no notice: the notification is in its transaction, and it is the only document of the notice', async () => {
  const before = await api.ports.store.count('noticeOutbox')
  await api.as(ID.committee).call('join.queue', { villageId: 'v-xinshan', status: 'pending' }).then(async ([r]) => {
    await api.as(ID.committee).call('join.decide', { villageId: 'v-xinshan', requestId: r._id, decision: 'approve' })
    // deciding again is refused inside the transaction: neither the decision nor its notice is written again
    const err = await api.as(ID.committee2).fail('join.decide', { villageId: 'v-xinshan', requestId: r._id, decision: 'reject', reason: '重复处理测试' })
    expect(err.code).toBe('CONFLICT')
  })
  // a notice to one person writes no event: the notification is its own outbox entry
  expect(await api.ports.store.count('noticeOutbox')).toBe(before)
  expect((await api.ports.store.find('notifications', { villageId: 'v-xinshan', personId: 'p_liuxiaodong' })).map((n) => n.title)).toEqual(['入村申请已通过'])
  // the reader's notices carry no push bookkeeping
  const [notice] = await api.as('demo-liuxiaodong').call('notifications.list', {})
  expect(notice.title).toBe('入村申请已通过')
  expect(Object.keys(notice)).not.toContain('push')
  expect(Object.keys(notice)).not.toContain('pushAt')
})

test('a job step’s notice to someone whose data is erased before its push is removed, never pushed', async () => {
  const { ports } = api
  const now = ports.clock.now()
  const notices: string[] = []
  await ports.store.transaction((tx) => notify({ ports, now, notices }, { personId: 'p_linshuisheng', villageId: 'v-xinshan' }, '测试通知', '注销前写入', null, tx))
  expect(notices).toHaveLength(1)
  // what account.confirmDeletion leaves of the person record
  await ports.store.update('persons', { _id: 'p_linshuisheng' }, { set: { name: DELETED_NAME, openid: '' } })
  await deliverNotices(ports, now, notices)
  expect(await ports.store.count('notifications', { title: '测试通知' })).toBe(0)
  expect(ports.notifier.sent.filter((n) => n.title === '测试通知')).toHaveLength(0)
})

test("an action's notice to one person is in the app at once, one document written with the change; the job pushes it, once", async () => {
  const { ports } = api
  const events = await ports.store.count('noticeOutbox')
  const [r] = await api.as(ID.committee).call('join.queue', { villageId: 'v-xinshan', status: 'pending' })
  await api.as(ID.committee).call('join.decide', { villageId: 'v-xinshan', requestId: r._id, decision: 'reject', reason: '门牌号不对' })
  const [notice] = await api.as('demo-liuxiaodong').call('notifications.list', {})
  expect(notice).toMatchObject({ title: '入村申请未通过', read: false })
  const stored = (await ports.store.find('notifications', { title: '入村申请未通过' }))[0]
  expect(stored).toMatchObject({ push: 'pending', pushAt: ports.clock.now() })
  expect(ports.notifier.sent.filter((n) => n.title === '入村申请未通过')).toHaveLength(0)
  expect(await ports.store.count('noticeOutbox')).toBe(events)

  // the job's next runs (two at once, and a delivery): pushed once, no longer due; another run pushes nothing more
  await Promise.all([runJobs(ports), runJobs(ports), deliverDueNotices(ports, ports.clock.now())])
  expect(ports.notifier.sent.filter((n) => n.title === '入村申请未通过').map((n) => n.personId)).toEqual([stored.personId])
  const pushed = (await ports.store.get('notifications', stored._id))!
  expect(pushed.push).toBe('sent')
  expect(pushed.pushAt).toBeUndefined()
  await runJobs(ports)
  expect(ports.notifier.sent.filter((n) => n.title === '入村申请未通过')).toHaveLength(1)
  expect(await ports.store.count('notifications', { title: '入村申请未通过' })).toBe(1)
})

test("an action's notice to someone whose data is erased before the job pushes it is removed, never pushed", async () => {
  const { ports } = api
  const now = ports.clock.now()
  // as an action writes it (no list of its own to deliver)
  await ports.store.transaction((tx) => notify({ ports, now }, { personId: 'p_linshuisheng', villageId: 'v-xinshan' }, '测试通知', '注销前写入', null, tx))
  expect(await ports.store.count('notifications', { title: '测试通知' })).toBe(1)
  // the erasure came before its commit: the person record is what account.confirmDeletion leaves
  await ports.store.update('persons', { _id: 'p_linshuisheng' }, { set: { name: DELETED_NAME, openid: '' } })
  await deliverDueNotices(ports, now)
  expect(await ports.store.count('notifications', { title: '测试通知' })).toBe(0)
  expect(ports.notifier.sent.filter((n) => n.title === '测试通知')).toHaveLength(0)
})

test("a notice to one person whose push fails is tried again after a delay, given up after a few tries; one whose push died in flight is never pushed again", async () => {
  const { ports } = api
  const push = failingPushes(ports, '测试重试')
  const now = ports.clock.now()
  await notify({ ports, now }, { personId: 'p_linshuisheng', villageId: 'v-xinshan' }, '测试重试', '推送失败', null)
  const [n] = await ports.store.find('notifications', { title: '测试重试' })
  await deliverDueNotices(ports, now)
  expect(push.tries).toHaveLength(1)
  expect(await ports.store.get('notifications', n._id)).toMatchObject({ push: 'pending', pushAttempts: 1, pushAt: now + MINUTE })
  // not yet due: left alone
  await deliverDueNotices(ports, now + MINUTE - 1)
  expect(push.tries).toHaveLength(1)
  // due again until its tries are spent, then given up and no longer due
  for (let i = 0; i < 10; i++) {
    api.advance(4 * 60 * MINUTE)
    await runJobs(ports)
  }
  expect(push.tries).toHaveLength(PUSH_ATTEMPTS)
  expect(await ports.store.get('notifications', n._id)).toMatchObject({ push: 'failed', pushAttempts: PUSH_ATTEMPTS })
  expect((await ports.store.get('notifications', n._id))?.pushAt).toBeUndefined()

  // a run that died with a push in flight: once its lease is over, the job marks it unknown, never pushes it again
  push.failing = false
  push.tries.length = 0
  await notify({ ports, now: ports.clock.now() }, { personId: 'p_linshuisheng', villageId: 'v-xinshan' }, '测试重试', '推送中断', null)
  const [cut] = await ports.store.find('notifications', { title: '测试重试', body: '推送中断' })
  await deliverDueNotices(killedAfter(api, 1), ports.clock.now()).catch(() => undefined)
  expect(push.tries).toHaveLength(1)
  expect((await ports.store.get('notifications', cut._id))?.push).toBe('sending')
  await runJobs(ports)
  expect(push.tries).toHaveLength(1)
  api.advance(PUSH_LEASE_MS)
  await runJobs(ports)
  await runJobs(ports)
  expect(push.tries).toHaveLength(1)
  const after = (await ports.store.get('notifications', cut._id))!
  expect(after.push).toBe('unknown')
  expect(after.pushAt).toBeUndefined()
})
