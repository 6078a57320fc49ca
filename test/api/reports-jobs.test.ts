/**
 * The reports' steps of the time-driven job over the seeded demo (T0 = Thursday 2026-11-26 10:00 in Beijing): escalation
 * of overdue reports to the town's officers (once per clock, at once with other runs, finished after a killed run) and
 * the automatic confirmation of resolved reports the reporter left unanswered.
 */
import { autoConfirm, escalateOverdue } from '../../cloud/src/features/reports/jobs'
import { dueOf } from '../../cloud/src/features/reports/views'
import { apiPerTest, killedAfter } from './harness'

const X = 'v-xinshan'
const HOUR = 3_600_000
const DAY = 24 * HOUR
const PHOTO = `local://villages/${X}/photos/20261126/done.jpg`

const api = apiPerTest()
const now = () => api.ports.clock.now()
const report = async (key: string) => (await api.ports.store.get('reports', `${X}:r-${key}`))!
const events = async (key: string, action: string) => (await report(key)).history.filter((e) => e.action === action)
const titlesOf = async (openid: string) => (await api.as(openid).call('notifications.list', {})).map((n) => n.title)

const killed = (k: number) => killedAfter(api, k)

/** the open reports past their due and not yet escalated, as the step should find them */
async function dueForEscalation(): Promise<string[]> {
  const all = await api.ports.store.find('reports', {}, { limit: 1000 })
  return all.filter((r) => r.escalatedAt === null && dueOf(r, now())?.overdue).map((r) => r._id).sort()
}

describe('reportsEscalate', () => {
  test('the overdue report goes to the town’s officer once, with an event, an audit entry and the reporter told', async () => {
    expect(await dueForEscalation()).toEqual([`${X}:r-pole`])
    expect(await escalateOverdue(api.ports, now())).toBe(1)
    expect(await escalateOverdue(api.ports, now())).toBe(0)
    const pole = await report('pole')
    expect(pole.escalatedAt).toBe(now())
    expect(pole.status).toBe('reported')
    expect(await events('pole', 'escalate')).toEqual([expect.objectContaining({ by: '', byName: '系统', role: '系统', note: expect.stringContaining('受理时限') as string })])
    // 蔡国华 (联安镇) is told, and reads it as overdue in his queue
    expect(await titlesOf('demo-caiguohua')).toContain('随手拍逾期未受理')
    expect(await titlesOf('demo-huangdeming')).toContain('您的随手拍已上报镇街督办')
    const queue = await api.as('demo-caiguohua').call('reports.queue', { villageId: X, filter: 'overdue' })
    expect(queue.find((s) => s.id === pole._id)?.due).toMatchObject({ kind: 'accept', overdue: true })
    const audit = await api.ports.store.find('auditLog', { targetId: pole._id }, { limit: 10 })
    expect(audit.map((e) => [e.action, e.actorName])).toEqual([['reports.escalate', '系统']])
    expect((await api.as('demo-linzhiqiang').call('audit.verify', { villageId: X })).ok).toBe(true)
  })

  test('two days on: every report past its due, once, whatever the number of runs at once; accepting in time escapes it', async () => {
    // 路灯 accepted now with two days to resolve: not overdue in two days
    await api.as('demo-huangweiming').call('reports.accept', { villageId: X, reportId: `${X}:r-lamp`, expectedDate: '2026-11-29', note: null })
    api.advance(2 * DAY)
    const due = await dueForEscalation()
    expect(due).toEqual([`${X}:r-dike`, `${X}:r-manhole`, `${X}:r-noise`, `${X}:r-pole`, `${X}:r-rubbish3`, 'v-wukan:r-harbour'].sort())
    const runs = await Promise.all([escalateOverdue(api.ports, now()), escalateOverdue(api.ports, now()), escalateOverdue(api.ports, now())])
    expect(runs.reduce((a, b) => a + b, 0)).toBe(due.length)
    expect(await escalateOverdue(api.ports, now())).toBe(0)
    for (const id of due) expect((await api.ports.store.get('reports', id))!.history.filter((e) => e.action === 'escalate')).toHaveLength(1)
    expect(await events('lamp', 'escalate')).toEqual([])
    // the rubbish on 新村路 escalated before is not escalated again
    expect(await events('rubbish1', 'escalate')).toHaveLength(1)
  })

  test('a run killed between two reports: the next run escalates the rest, none twice', async () => {
    api.advance(2 * DAY)
    const due = await dueForEscalation()
    expect(due.length).toBeGreaterThan(3)
    // the first report's transaction commits, the second's is refused (killed)
    await expect(escalateOverdue(killed(1), now())).rejects.toThrow('killed')
    expect(await dueForEscalation()).toHaveLength(due.length - 1)
    expect(await escalateOverdue(api.ports, now())).toBe(due.length - 1)
    expect(await dueForEscalation()).toEqual([])
  })

  test('a new clock may be escalated again: a reopened report past its new due', async () => {
    // 李桂兰's 排水沟 (resolved) is reopened: three days (环境卫生) to resolve it again
    await api.as('demo-liguilan').call('reports.reopen', { villageId: X, reportId: `${X}:r-drain`, reason: '下雨又漫上来了' })
    api.advance(3 * DAY + HOUR)
    await escalateOverdue(api.ports, now())
    expect(await events('drain', 'escalate')).toHaveLength(1)
    expect((await report('drain')).escalatedAt).toBe(now())
  })
})

describe('reportsAutoConfirm', () => {
  test('resolved reports past their days are confirmed by 系统, once; one answered in time is left alone', async () => {
    // nothing due yet: 排水沟 (新山村) in 5 days, 老街 (乌坎村) in 4
    expect(await autoConfirm(api.ports, now())).toBe(0)
    // a third: resolved now, its reporter confirms before the days are up
    await api.as('demo-huangweiming').call('reports.resolve', { villageId: X, reportId: `${X}:r-wall`, note: '围墙已砌好', photos: [PHOTO] })
    await api.as('demo-zhengzhiyuan').call('reports.confirm', { villageId: X, reportId: `${X}:r-wall`, rating: 3, note: null })
    api.advance(6 * DAY)
    const runs = await Promise.all([autoConfirm(api.ports, now()), autoConfirm(api.ports, now())])
    expect(runs[0] + runs[1]).toBe(2)
    expect(await autoConfirm(api.ports, now())).toBe(0)
    for (const id of [`${X}:r-drain`, 'v-wukan:r-street']) {
      const r = (await api.ports.store.get('reports', id))!
      expect(r).toMatchObject({ status: 'confirmed', autoConfirmAt: null, rating: null })
      expect(r.history.at(-1)).toMatchObject({ action: 'autoConfirm', byName: '系统' })
    }
    expect(await events('wall', 'autoConfirm')).toEqual([])
    expect((await report('wall')).rating).toBe(3)
    expect(await titlesOf('demo-liguilan')).toContain('您的随手拍已自动确认办结')
    const audit = await api.ports.store.find('auditLog', { action: 'reports.autoConfirm' }, { limit: 10 })
    expect(audit.map((e) => `${e.targetId} ${e.actorName}`).sort()).toEqual([`${X}:r-drain 系统`, 'v-wukan:r-street 系统'].sort())
  })

  test('reopened before its days are up, a report is not confirmed for its reporter', async () => {
    await api.as('demo-liguilan').call('reports.reopen', { villageId: X, reportId: `${X}:r-drain`, reason: '还是堵' })
    api.advance(6 * DAY)
    expect(await autoConfirm(api.ports, now())).toBe(1) // 乌坎村's only
    expect((await report('drain')).status).toBe('inProgress')
  })
})
