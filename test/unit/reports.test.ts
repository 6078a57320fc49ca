/** The reports' pure rules: routing by the seeded grid areas, the due clocks, the state machine's refusals, who handles and who sees. */
import { ApiError } from '../../cloud/src/errors'
import { assertStep } from '../../cloud/src/common/transition'
import { XINSHAN_AREAS, XINSHAN_HALL } from '../../cloud/src/features/reports/seed'
import { centerOf, gridAt, hasAreas, metres } from '../../cloud/src/features/reports/routing'
import { acceptDue, categoryOf, endOfDay, handlingRefusal, queueScope, REPORT_MACHINE, resolveDue, roleWord, seesReporter, type Handler } from '../../cloud/src/features/reports/policy'
import { DEFAULT_REPORT_SETTINGS, type ReportStatus } from '../../cloud/src/features/reports/documents'

const X = 'v-xinshan'
const GRIDS = Object.entries(XINSHAN_AREAS).map(([_id, area]) => ({ _id, area }))
const HOUR = 3_600_000
const DAY = 24 * HOUR
/** Thursday 2026-11-26 10:00 in Beijing */
const T0 = Date.UTC(2026, 10, 26, 2, 0, 0)

describe('routing by the seeded grid areas (GCJ-02, point-in-polygon)', () => {
  test.each([
    ['东一巷中段', 115.3321, 22.9307, `${X}:g1`],
    ['西二巷', 115.3281, 22.9303, `${X}:g2`],
    ['新村路', 115.3293, 22.9266, `${X}:g3`],
    ['党群服务中心', XINSHAN_HALL[0], XINSHAN_HALL[1], `${X}:g1`],
  ])('%s is in its grid', (_name, lng, lat, grid) => {
    expect(gridAt(GRIDS, { lng, lat })).toBe(grid)
  })

  test('a point outside every area is in none; grids without areas route nothing', () => {
    expect(gridAt(GRIDS, { lng: 115.34, lat: 22.93 })).toBeNull() // a kilometre east
    expect(gridAt(GRIDS, { lng: 115.33, lat: 22.92 })).toBeNull() // south of 新村
    expect(gridAt([{ _id: 'g', area: null }], { lng: 115.33, lat: 22.93 })).toBeNull()
    expect(hasAreas([{ area: null }, { area: undefined }])).toBe(false)
    expect(hasAreas(GRIDS)).toBe(true)
  })

  test('the areas do not overlap inside: a point just inside each side of a shared edge goes to its own grid', () => {
    expect(gridAt(GRIDS, { lng: 115.32999, lat: 22.93 })).toBe(`${X}:g2`)
    expect(gridAt(GRIDS, { lng: 115.33001, lat: 22.93 })).toBe(`${X}:g1`)
    expect(gridAt(GRIDS, { lng: 115.331, lat: 22.92799 })).toBe(`${X}:g3`)
  })

  test('the middle of the areas and distances in metres', () => {
    expect(centerOf(GRIDS)).toEqual({ lng: 115.33, lat: 22.9285 })
    expect(centerOf([{ area: null }])).toBeNull()
    // 0.001° of latitude is about 111 m; of longitude at 22.93° N about 102 m
    expect(metres({ lng: 115.33, lat: 22.93 }, { lng: 115.33, lat: 22.931 })).toBeGreaterThanOrEqual(110)
    expect(metres({ lng: 115.33, lat: 22.93 }, { lng: 115.33, lat: 22.931 })).toBeLessThanOrEqual(112)
    expect(metres({ lng: 115.33, lat: 22.93 }, { lng: 115.331, lat: 22.93 })).toBeGreaterThanOrEqual(101)
    expect(metres({ lng: 115.33, lat: 22.93 }, { lng: 115.331, lat: 22.93 })).toBeLessThanOrEqual(104)
  })
})

describe('due clocks', () => {
  const cat = (name: string) => categoryOf(DEFAULT_REPORT_SETTINGS.categories, name)

  test('to accept: the category’s hours from the report', () => {
    expect(acceptDue(T0, cat('消防'))).toBe(T0 + 2 * HOUR)
    expect(acceptDue(T0, cat('环境卫生'))).toBe(T0 + 24 * HOUR)
    // a category the village removed since keeps 其他's deadlines
    expect(cat('已删除的类别')).toMatchObject({ acceptHours: 48, resolveDays: 7 })
  })

  test('to resolve: the end of the expected day in Beijing, capped by the category’s days', () => {
    expect(endOfDay('2026-11-28')).toBe(Date.UTC(2026, 10, 28, 15, 59, 59, 999))
    // 道路设施 has 7 days: the 28th (end of day) is sooner
    expect(resolveDue(T0, '2026-11-28', cat('道路设施'))).toBe(endOfDay('2026-11-28'))
    // 消防 has 1 day: an expected date a week away is capped at 24 hours after acceptance
    expect(resolveDue(T0, '2026-12-03', cat('消防'))).toBe(T0 + DAY)
  })
})

describe('the state machine', () => {
  const refusal = (status: ReportStatus, event: Parameters<typeof assertStep<'reports', keyof typeof REPORT_MACHINE.steps>>[2]) => {
    try {
      assertStep(REPORT_MACHINE, status, event)
      return null
    } catch (e) {
      expect(e).toBeInstanceOf(ApiError)
      expect((e as ApiError).code).toBe('CONFLICT')
      return (e as ApiError).message
    }
  }

  test('the steps each state allows', () => {
    expect(refusal('reported', 'accept')).toBeNull()
    expect(refusal('reported', 'reject')).toBeNull()
    expect(refusal('inProgress', 'transfer')).toBeNull()
    expect(refusal('accepted', 'start')).toBeNull()
    expect(refusal('accepted', 'resolve')).toBeNull()
    expect(refusal('resolved', 'confirm')).toBeNull()
    expect(refusal('resolved', 'reopen')).toBeNull()
    expect(REPORT_MACHINE.steps.reopen.to).toBe('inProgress')
    expect(REPORT_MACHINE.steps.transfer.to).toBe('reported')
  })

  test('a wrong step is refused in words', () => {
    expect(refusal('accepted', 'accept')).toBe('该问题已受理，不能再受理')
    expect(refusal('reported', 'start')).toBe('请先受理该问题')
    expect(refusal('reported', 'resolve')).toBe('请先受理该问题，再办结')
    expect(refusal('inProgress', 'confirm')).toBe('该问题还没有办结，办结后才能确认或重新处理')
    expect(refusal('confirmed', 'reopen')).toBe('该问题已确认，不能再重新处理')
    expect(refusal('rejected', 'transfer')).toBe('该问题不予受理，不能再转办')
    expect(refusal('resolved', 'resolve')).toBe('该问题已办结，不能再办结')
  })
})

describe('who handles a report and who sees its reporter', () => {
  const LIANAN = 't-lianan'
  const who = (roles: Handler['roles'], over: Partial<Handler> = {}): Handler => ({ personId: 'p_x', roles, gridIds: [], townId: null, ...over })
  const g1 = { gridId: `${X}:g1`, level: 'grid' as const, reporterId: 'p_reporter' }
  const town = { ...g1, level: 'town' as const }
  const worker1 = who(['gridWorker'], { gridIds: [`${X}:g1`] })
  const worker3 = who(['gridWorker', 'resident'], { gridIds: [`${X}:g3`] })
  const officer = who(['townOfficer'], { townId: LIANAN })
  const otherOfficer = who(['townOfficer'], { townId: 't-donghai' })

  test('the grid’s workers, the committee and the town; once at the town, not the grid', () => {
    expect(handlingRefusal(g1, worker1, LIANAN, '村委会')).toBeNull()
    expect(handlingRefusal(g1, who(['committee', 'resident']), LIANAN, '村委会')).toBeNull()
    expect(handlingRefusal(g1, officer, LIANAN, '村委会')).toBeNull()
    expect(handlingRefusal(g1, worker3, LIANAN, '村委会')).toBe('该问题不在您负责的网格，不能处理')
    expect(handlingRefusal(g1, who(['resident']), LIANAN, '村委会')).toBe('只有本网格的网格员、村委会或镇街干部可以处理')
    // a community's committee is its 居委会
    expect(handlingRefusal(g1, who(['resident']), LIANAN, '居委会')).toBe('只有本网格的网格员、居委会或镇街干部可以处理')
    expect(handlingRefusal(g1, otherOfficer, LIANAN, '村委会')).toBe('只有本网格的网格员、村委会或镇街干部可以处理')
    expect(handlingRefusal(town, worker1, LIANAN, '村委会')).toBe('该问题已转办镇街，由镇街干部处理')
    expect(handlingRefusal(town, officer, LIANAN, '村委会')).toBeNull()
    expect(handlingRefusal({ ...g1, gridId: null }, worker1, LIANAN, '村委会')).toBe('该问题不在您负责的网格，不能处理')
  })

  test('an anonymous reporter is seen by themselves, the grid’s workers, the committee and the town only', () => {
    expect(seesReporter(g1, who(['resident'], { personId: 'p_reporter' }), LIANAN)).toBe(true)
    expect(seesReporter(g1, worker1, LIANAN)).toBe(true)
    expect(seesReporter(g1, who(['committee']), LIANAN)).toBe(true)
    expect(seesReporter(g1, officer, LIANAN)).toBe(true)
    expect(seesReporter(g1, worker3, LIANAN)).toBe(false)
    expect(seesReporter(g1, who(['resident', 'householdRep']), LIANAN)).toBe(false)
    expect(seesReporter(g1, who(['hallStaff']), LIANAN)).toBe(false)
    expect(seesReporter(g1, otherOfficer, LIANAN)).toBe(false)
  })

  test('the role a step is recorded under, and each one’s queue', () => {
    expect(roleWord(g1, worker1, LIANAN, '村委会')).toBe('网格员')
    expect(roleWord(g1, who(['committee', 'gridWorker'], { gridIds: [`${X}:g2`] }), LIANAN, '村委会')).toBe('村委会')
    expect(roleWord(g1, officer, LIANAN, '村委会')).toBe('镇街干部')
    expect(queueScope(who(['committee']), LIANAN)).toEqual({ kind: 'all' })
    expect(queueScope(officer, LIANAN)).toEqual({ kind: 'town' })
    expect(queueScope(worker3, LIANAN)).toEqual({ kind: 'grids', gridIds: [`${X}:g3`] })
  })
})
