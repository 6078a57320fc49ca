/** The boards' pure rules: the entry machine (notice, appeal, decision, expiry), who may appeal and when, masking, the ranking. */
import type { BoardEntry } from '../../cloud/src/features/boards/documents'
import { appealRefusal, DAY_MS, ENTRY_MACHINE, entryVisible, expiryDue, isNamed, maskName, nameVisible, noticeEnded, rankSections, type Viewer } from '../../cloud/src/features/boards/policy'

const NOW = Date.UTC(2026, 10, 26, 2)
const H = 'v:新山村西二巷20号'

function entry(over: Partial<BoardEntry> = {}): BoardEntry {
  return {
    _id: 'v:b1',
    villageId: 'v',
    board: 'black',
    status: 'notice',
    place: '西二巷20号门前',
    section: '西二巷',
    responsible: { kind: 'household', householdId: H, personId: null, name: '陈建国', doorplate: '新山村西二巷20号', section: null },
    what: '门前堆放垃圾',
    photos: [],
    clause: null,
    period: '2026-11',
    reward: null,
    points: null,
    nameShown: null,
    noticeUntil: NOW + 3 * DAY_MS,
    publishedAt: null,
    expiresAt: null,
    expiredAt: null,
    appeal: null,
    withdrawn: null,
    nominationId: null,
    createdBy: 'p_c',
    createdByName: '林志强',
    createdAt: NOW,
    ...over,
  }
}
const named: Viewer = { personId: 'p_chenxiaohong', householdId: H, committee: false }
const neighbour: Viewer = { personId: 'p_liguilan', householdId: 'v:新山村东一巷12号', committee: false }
const committee: Viewer = { personId: 'p_linzhiqiang', householdId: 'v:新山村东一巷3号', committee: true }

describe('the entry machine', () => {
  const step = (from: BoardEntry['status'], event: keyof typeof ENTRY_MACHINE.steps) => ENTRY_MACHINE.steps[event].from.includes(from)
  test('black: notice -> published by the job, or appealed -> withdrawn (upheld) / published (rejected)', () => {
    expect(ENTRY_MACHINE.steps.notify).toEqual({ from: ['draft'], to: 'notice' })
    expect(ENTRY_MACHINE.steps.publish).toEqual({ from: ['notice'], to: 'published' })
    expect(ENTRY_MACHINE.steps.appeal).toEqual({ from: ['notice'], to: 'appealed' })
    expect(ENTRY_MACHINE.steps.uphold.to).toBe('withdrawn')
    expect(ENTRY_MACHINE.steps.reject.to).toBe('published')
    // an appealed entry waits for the committee: the job never publishes it
    expect(step('appealed', 'publish')).toBe(false)
  })
  test('published -> expired only; withdrawn and expired are final', () => {
    expect(ENTRY_MACHINE.steps.expire).toEqual({ from: ['published'], to: 'expired' })
    for (const final of ['withdrawn', 'expired'] as const) {
      for (const event of Object.keys(ENTRY_MACHINE.steps) as Array<keyof typeof ENTRY_MACHINE.steps>) expect(step(final, event)).toBe(false)
    }
  })
  test('refusals in the words of whoever tried', () => {
    expect(ENTRY_MACHINE.refusal('published', 'appeal')).toBe('公示期已过，不能再申诉')
    expect(ENTRY_MACHINE.refusal('appealed', 'appeal')).toBe('已经提交申诉，请等待村委会答复')
    expect(ENTRY_MACHINE.refusal('withdrawn', 'withdraw')).toBe('该条目已撤销，不能再撤销')
    expect(ENTRY_MACHINE.refusal('notice', 'uphold')).toBe('该条目没有申诉')
  })
})

describe('who may appeal, and when', () => {
  test('only the named household, during the notice period', () => {
    expect(appealRefusal(entry(), named, NOW)).toBeNull()
    expect(appealRefusal(entry(), neighbour, NOW)).toBe('只有被公示的住户可以申诉')
    // the committee is not the household either
    expect(appealRefusal(entry(), committee, NOW)).toBe('只有被公示的住户可以申诉')
    expect(appealRefusal(entry(), named, NOW + 3 * DAY_MS - 1)).toBeNull()
    expect(appealRefusal(entry(), named, NOW + 3 * DAY_MS)).toBe('公示期已过，不能再申诉')
    expect(appealRefusal(entry({ status: 'published' }), named, NOW)).toBe('公示期已过，不能再申诉')
    expect(appealRefusal(entry({ status: 'appealed' }), named, NOW)).toBe('已经提交申诉，请等待村委会答复')
    expect(appealRefusal(entry({ board: 'red', status: 'published' }), named, NOW)).toBe('只有被公示的住户可以申诉')
  })
  test('a person named is named wherever they live; a road section names its 保洁 person only', () => {
    const person = entry({ responsible: { kind: 'person', householdId: null, personId: 'p_x', name: '陈小明', doorplate: null, section: null } })
    expect(isNamed(person, { personId: 'p_x', householdId: null })).toBe(true)
    expect(isNamed(person, { personId: 'p_y', householdId: null })).toBe(false)
    const section = entry({ responsible: { kind: 'section', householdId: null, personId: 'p_cleaner', name: '陈阿婆', doorplate: null, section: '西二巷' } })
    expect(isNamed(section, { personId: 'p_cleaner', householdId: 'v:h9' })).toBe(true)
    expect(isNamed(section, named)).toBe(false)
  })
})

describe('the job’s conditions', () => {
  test('a notice ends at noticeUntil; a published entry expires at expiresAt', () => {
    expect(noticeEnded(entry(), NOW + 3 * DAY_MS - 1)).toBe(false)
    expect(noticeEnded(entry(), NOW + 3 * DAY_MS)).toBe(true)
    expect(noticeEnded(entry({ status: 'appealed' }), NOW + 10 * DAY_MS)).toBe(false)
    const pub = entry({ status: 'published', publishedAt: NOW, expiresAt: NOW + 90 * DAY_MS })
    expect(expiryDue(pub, NOW + 90 * DAY_MS - 1)).toBe(false)
    expect(expiryDue(pub, NOW + 90 * DAY_MS)).toBe(true)
    expect(expiryDue({ ...pub, status: 'expired' }, NOW + 100 * DAY_MS)).toBe(false)
  })
})

describe('masking', () => {
  test('陈** whatever the name’s length', () => {
    expect(maskName('陈建国')).toBe('陈**')
    expect(maskName('林俊')).toBe('林**')
    expect(maskName('欧阳小明')).toBe('欧**')
    expect(maskName('')).toBe('**')
  })
  test('black: masked for others; shown to the committee, the named household, or when a reason is recorded', () => {
    const e = entry({ status: 'published' })
    expect(nameVisible(e, neighbour)).toBe(false)
    expect(nameVisible(e, named)).toBe(true)
    expect(nameVisible(e, committee)).toBe(true)
    expect(nameVisible({ ...e, nameShown: { reason: '屡教不改', byName: '林志强', at: NOW } }, neighbour)).toBe(true)
    expect(nameVisible({ ...e, board: 'red' }, neighbour)).toBe(true)
    expect(nameVisible({ ...e, board: 'good' }, neighbour)).toBe(true)
  })
  test('what is public: published and expired entries; the rest to the committee and (but drafts) the named household', () => {
    expect(entryVisible(entry({ status: 'published' }), neighbour)).toBe(true)
    expect(entryVisible(entry({ status: 'expired' }), neighbour)).toBe(true)
    for (const status of ['notice', 'appealed', 'withdrawn'] as const) {
      expect(entryVisible(entry({ status }), neighbour)).toBe(false)
      expect(entryVisible(entry({ status }), named)).toBe(true)
    }
    expect(entryVisible(entry({ status: 'draft' }), named)).toBe(false)
    expect(entryVisible(entry({ status: 'draft' }), committee)).toBe(true)
  })
})

test('the ranking: red points of published and expired entries per road section, highest first', () => {
  const red = (section: string | null, points: number | null, status: BoardEntry['status'] = 'published') => entry({ board: 'red', status, section, points })
  expect(
    rankSections([red('东一巷', 10), red('西二巷', 8), red('东一巷', 5, 'expired'), red('西二巷', 20, 'withdrawn'), red('新村路', 3, 'draft'), red(null, 9), red('新村路', null), entry({ status: 'published', points: 50 })]),
  ).toEqual([
    { section: '东一巷', points: 15, entries: 2 },
    { section: '西二巷', points: 8, entries: 1 },
    { section: '新村路', points: 0, entries: 1 },
  ])
})
