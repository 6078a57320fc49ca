import { runJobs } from '../../cloud/src/jobs'
import { JOIN_REMINDER_AFTER } from '../../cloud/src/features/account/jobs'
import { ID, makeApi } from './harness'

/** a run with nothing to do */
const IDLE = { rollsWritten: 0, auditLinked: 0, remindersTold: 0, admissions: 0, joinReminders: 0, joinNotices: 0, notices: 0, rateLimits: 0, topicsClosed: 0, topicsClosingSoon: 0, boardsPublished: 0, boardsExpired: 0, bookingSlots: 0, bookingPromote: 0, bookingClose: 0, bookingRemind: 0, bookingHolding: 0, reportsEscalate: 0, reportsAutoConfirm: 0, mailboxEscalate: 0, topicsTallied: 0, countsPublished: 0, reportLinksRepaired: 0, volunteerHours: 0, erasures: 0 }

test('the time-driven job reminds the committee of a stale join request exactly once, however often it runs', async () => {
  const api = await makeApi()
  try {
    // the first run writes the booking slots of the coming days, reminds tomorrow's two demo lunches (李桂兰's, 林水生's)
    // and escalates the demo's one overdue report not yet escalated (黄德明's 电线杆, past its 4 hours to accept): its
    // audit entry is linked into the chain by the same run (the audit step runs last)
    const first = await runJobs(api.ports)
    expect(first).toEqual({ ...IDLE, bookingSlots: expect.any(Number) as number, bookingRemind: 2, reportsEscalate: 1, auditLinked: 1 })
    expect(first.bookingSlots).toBeGreaterThan(0)
    expect(await runJobs(api.ports)).toEqual(IDLE)
    api.advance(JOIN_REMINDER_AFTER)
    const runs = await Promise.all([runJobs(api.ports), runJobs(api.ports), runJobs(api.ports)])
    expect(runs.reduce((n, r) => n + r.joinReminders, 0)).toBe(1)
    expect(await runJobs(api.ports)).toEqual(IDLE)
    const notices = await api.as(ID.committee).call('notifications.list', {})
    expect(notices.filter((n) => n.title === '入村申请待处理')).toHaveLength(1)
    expect(notices[0].body).toContain('刘晓东')
    // a resident is not reminded (the demo's black entry for his household may have been published meanwhile)
    expect((await api.as(ID.resident).call('notifications.list', {})).filter((n) => n.title === '入村申请待处理')).toHaveLength(0)
    // pushed as well as stored: a push without the openid never reaches WeChat
    const pushed = api.ports.notifier.sent.filter((n) => n.title === '入村申请待处理')
    expect(pushed.length).toBeGreaterThanOrEqual(2)
    expect(pushed.map((n) => n.openid)).toEqual(expect.arrayContaining([ID.committee, ID.committee2]))
    expect(pushed.every((n) => typeof n.openid === 'string' && n.openid.length > 0)).toBe(true)
  } finally {
    api.close()
  }
})

test('notifications are one person’s own: marking read only touches mine', async () => {
  const api = await makeApi()
  try {
    await api.as(ID.newcomer).call('join.request', { villageId: 'v-xinshan', name: '王芳', doorplate: '新山村东一巷40号', relation: '户主' })
    // the job tells the committee of it
    await runJobs(api.ports)
    const [mine] = await api.as(ID.committee).call('notifications.list', {})
    expect(await api.as(ID.committee2).call('notifications.read', { ids: [mine._id] })).toEqual({ updated: 0 })
    expect(await api.as(ID.committee).call('notifications.read', { ids: [mine._id] })).toEqual({ updated: 1 })
    expect((await api.as(ID.committee).call('account.me', {})).unread).toBe(0)
    expect((await api.as(ID.committee2).call('account.me', {})).unread).toBe(1)
  } finally {
    api.close()
  }
})
