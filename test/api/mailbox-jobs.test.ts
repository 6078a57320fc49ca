/**
 * The mailbox's step of the time-driven job: letters waiting past their due date are escalated to the town's
 * officers once — however often the step runs, at once with another, or after a run killed between two letters.
 */
import { escalateOverdueLetters } from '../../cloud/src/features/mailbox/jobs'
import { isOverdue } from '../../cloud/src/features/mailbox/policy'
import { apiPerTest, killedAfter } from './harness'

const X = 'v-xinshan'
const DAY = 24 * 3_600_000

const api = apiPerTest()
const now = () => api.ports.clock.now()
const letter = async (key: string) => (await api.ports.store.get('letters', `${X}:m-${key}`))!
const titlesOf = async (openid: string) => (await api.as(openid).call('notifications.list', {})).map((n) => n.title)

/** the waiting letters past their due and not yet escalated, as the step should find them */
async function dueForEscalation(): Promise<string[]> {
  const all = await api.ports.store.find('letters', {}, { limit: 1000 })
  return all.filter((l) => l.escalatedAt === null && isOverdue(l, now())).map((l) => l._id).sort()
}

test('nothing is due in the demo: its overdue letter was escalated already', async () => {
  expect(await dueForEscalation()).toEqual([])
  expect(await escalateOverdueLetters(api.ports, now())).toBe(0)
  expect((await letter('drain')).history.filter((e) => e.action === 'escalate')).toHaveLength(1)
})

test('a letter past its due goes to the town’s officer once, with an event, an audit entry and its writer told; a replied one never', async () => {
  // 林水生's 路灯 (accepted 3 days ago) is due in 4 days, 保洁费 in 6, 水压 in 7; 李桂兰's 津贴 was replied to
  api.advance(7 * DAY)
  expect(await dueForEscalation()).toContain(`${X}:m-lamp`)
  const runs = await Promise.all([escalateOverdueLetters(api.ports, now()), escalateOverdueLetters(api.ports, now())])
  // 新山村's 路灯, 保洁费 (anonymous) and 水压, and 乌坎村's 港口停车
  expect(runs[0] + runs[1]).toBe(4)
  expect(await escalateOverdueLetters(api.ports, now())).toBe(0)
  const lamp = await letter('lamp')
  expect(lamp.escalatedAt).toBe(now())
  expect(lamp.history.filter((e) => e.action === 'escalate')).toEqual([expect.objectContaining({ by: '', byName: '系统', note: expect.stringContaining('回复期限') as string })])
  expect((await letter('allowance')).escalatedAt).toBeNull()
  expect((await titlesOf('demo-caiguohua')).filter((t) => t === '书记信箱来信逾期未回复')).toHaveLength(3)
  expect(await titlesOf('demo-linshuisheng')).toContain('您的来信已上报镇街督办')
  const audit = await api.ports.store.find('auditLog', { villageId: X, action: 'mailbox.escalate' }, { limit: 10 })
  expect(audit.map((e) => e.actorName)).toEqual(['系统', '系统', '系统'])
  // the town's officer reads the escalated letters, an anonymous writer still hidden
  const cleaning = await api.as('demo-caiguohua').call('mailbox.get', { villageId: X, letterId: `${X}:m-cleaning` })
  expect(cleaning.writerName).toBeNull()
  expect((await api.as('demo-caiguohua').call('mailbox.get', { villageId: X, letterId: `${X}:m-lamp` })).writerName).toBe('林水生')
  expect((await api.as('demo-linzhiqiang').call('audit.verify', { villageId: X })).ok).toBe(true)
})

test('a run killed between two letters: the next run escalates the rest, none twice', async () => {
  api.advance(7 * DAY)
  const due = await dueForEscalation()
  expect(due.length).toBe(4)
  // the first letter's transaction commits, the second's is refused (killed)
  await expect(escalateOverdueLetters(killedAfter(api, 1), now())).rejects.toThrow('killed')
  expect(await dueForEscalation()).toHaveLength(due.length - 1)
  expect(await escalateOverdueLetters(api.ports, now())).toBe(due.length - 1)
  expect(await dueForEscalation()).toEqual([])
  const all = await api.ports.store.find('letters', { villageId: X }, { limit: 100 })
  expect(all.every((l) => l.history.filter((e) => e.action === 'escalate').length <= 1)).toBe(true)
})
