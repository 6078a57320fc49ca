import type { Grid, Household, Membership } from '../../cloud/src/features/account/documents'
import type { RuleAdoption, RuleChapter, RuleVersion } from '../../cloud/src/features/rules/documents'
import { BOM, agreementsCsv, csvCell, followUpCsv, toCsv } from '../../cloud/src/features/rules/csv'
import { assignClauseIds, chineseNumber, diffVersions, followUpGrids, followUpHouseholds, numberChapters, progressOf, publishProblems, rulesProgress } from '../../cloud/src/features/rules/policy'
import { percent, shanghaiDay, shanghaiTime } from '../../cloud/src/common/time'

const ch = (title: string, ...clauses: Array<[string, string]>): RuleChapter => ({ title, clauses: clauses.map(([id, text]) => ({ id, text })) })
const v = (number: number, chapters: RuleChapter[]) => ({ number, chapters })

describe('numbering', () => {
  test('clauses are numbered through the whole version, chapters on their own, in Chinese numerals', () => {
    const n = numberChapters([ch('总则', ['a', '一'], ['b', '二']), ch('环境卫生', ['c', '三'])])
    expect(n.map((c) => c.label)).toEqual(['第一章', '第二章'])
    expect(n[1].clauses[0]).toEqual({ id: 'c', no: 3, label: '第三条', text: '三' })
    expect([1, 10, 11, 20, 24, 100, 101, 110, 1005].map(chineseNumber)).toEqual(['一', '十', '十一', '二十', '二十四', '一百', '一百零一', '一百一十', '一千零五'])
  })
})

describe('diff between versions', () => {
  const v1 = v(1, [ch('总则', ['a', '第一句'], ['b', '第二句']), ch('环境卫生', ['c', '垃圾分类'], ['d', '门前三包'])])

  test('added, removed and changed clauses, paired by id, with numbers in each version', () => {
    const v2 = v(2, [ch('总则', ['a', '第一句'], ['n', '新增的一句']), ch('环境卫生', ['c', '垃圾分类，定时投放'], ['d', '门前三包'])])
    const d = diffVersions(v1, v2)
    expect(d.from).toBe(1)
    expect(d.to).toBe(2)
    expect(d.added).toEqual([{ id: 'n', no: 2, chapter: '总则', text: '新增的一句' }])
    expect(d.removed).toEqual([{ id: 'b', no: 2, chapter: '总则', text: '第二句' }])
    expect(d.changed).toEqual([{ id: 'c', oldNo: 3, newNo: 3, oldChapter: '环境卫生', newChapter: '环境卫生', oldText: '垃圾分类', newText: '垃圾分类，定时投放' }])
    expect(d.unchanged).toBe(2)
  })

  test('a clause moved to another chapter is unchanged unless its words changed', () => {
    const moved = v(2, [ch('总则', ['a', '第一句'], ['b', '第二句'], ['d', '门前三包']), ch('环境卫生', ['c', '垃圾分类'])])
    expect(diffVersions(v1, moved)).toMatchObject({ added: [], removed: [], changed: [], unchanged: 4 })

    const movedAndChanged = v(2, [ch('总则', ['a', '第一句'], ['b', '第二句'], ['d', '门前三包，人人有责']), ch('环境卫生', ['c', '垃圾分类'])])
    expect(diffVersions(v1, movedAndChanged).changed).toEqual([
      { id: 'd', oldNo: 4, newNo: 3, oldChapter: '环境卫生', newChapter: '总则', oldText: '门前三包', newText: '门前三包，人人有责' },
    ])
  })

  test('whitespace alone is not a change; identical versions have no differences', () => {
    const spaced = v(2, [ch('总则', ['a', ' 第一句 '], ['b', '第二句']), ch('环境卫生', ['c', '垃圾分类'], ['d', '门前三包'])])
    expect(diffVersions(v1, spaced)).toMatchObject({ added: [], removed: [], changed: [], unchanged: 4 })
  })

  test('new clauses get ids no other clause has', () => {
    let i = 0
    const keys = ['a', 'a', 'x', 'y']
    const out = assignClauseIds([{ title: '总则', clauses: [{ id: 'a', text: '旧' }, { text: '新1' }, { text: '新2' }] }], () => keys[i++])
    expect(out[0].clauses.map((k) => k.id)).toEqual(['a', 'x', 'y'])
  })
})

const member = (personId: string, householdId: string | null, roles: Membership['roles'] = ['resident'], extra: Partial<Membership> = {}): Membership => ({
  _id: `v:${personId}`,
  villageId: 'v',
  personId,
  name: personId,
  householdId,
  relation: null,
  roles,
  partyMember: false,
  gridIds: [],
  hallId: null,
  townId: null,
  joinedAt: 0,
  ...extra,
})

describe('rates', () => {
  const members = [
    member('p1', 'h1', ['resident', 'householdRep']),
    member('p2', 'h1'),
    member('p3', 'h2'),
    member('p4', 'h3'),
    member('p5', 'h3'),
    member('staff', null, ['hallStaff']),
  ]

  test('by person: residents who agreed of all residents; by household: households with one who agreed', () => {
    const p = rulesProgress(members, new Set(['p1', 'p2', 'p4', 'staff']), 1, 'village')
    expect(p.persons).toEqual({ agreed: 3, total: 5, percent: 60 })
    expect(p.households).toEqual({ agreed: 2, total: 3, percent: 67 })
    expect(p.summary).toBe('本村已有 2 户 (67%) 承诺')
    expect(rulesProgress(members, new Set(), 1, 'community').summary).toBe('本社区已有 0 户 (0%) 承诺')
  })

  test('percent is 100 only for everyone and 0 only for nobody', () => {
    expect(percent(199, 200)).toBe(99)
    expect(percent(1, 1000)).toBe(1)
    expect(percent(0, 10)).toBe(0)
    expect(percent(10, 10)).toBe(100)
    expect(percent(0, 0)).toBe(0)
  })
})

describe('publish validation', () => {
  const good: RuleAdoption = { meeting: '村民代表会议', date: '2026-11-20', attendance: 41, totalEligible: 45, votesFor: 39, votesAgainst: 0, abstain: 2 }
  const draft = (over: Partial<Pick<RuleVersion, 'chapters' | 'effectiveDate' | 'adoption'>> = {}) => ({
    chapters: [ch('总则', ['a', '本村规民约人人遵守。'])],
    effectiveDate: '2026-12-01',
    adoption: good,
    ...over,
  })
  const today = '2026-11-26'
  const messages = (d: ReturnType<typeof draft>, kind: 'village' | 'community' = 'village') => publishProblems(d, today, kind).map((p) => `${p.field}: ${p.message}`)

  test('a complete draft has no problem; today is a valid effective date', () => {
    expect(publishProblems(draft(), today, 'village')).toEqual([])
    expect(publishProblems(draft({ effectiveDate: today }), today, 'village')).toEqual([])
  })

  test('no clause, an empty clause, an untitled chapter', () => {
    expect(messages(draft({ chapters: [] }))).toEqual(['chapters: 还没有任何条款，请至少写一条再发布'])
    expect(messages(draft({ chapters: [ch('总则', ['a', '有内容']), ch('环境卫生', ['b', '有内容'], ['c', '  '])] }))).toEqual([
      'chapters.1.clauses.1.text: 第三条（第二章）内容为空，请填写或删去',
    ])
    expect(messages(draft({ chapters: [ch('', ['a', '有内容']), ch('平安建设')] }))).toEqual([
      'chapters.0.title: 第一章还没有标题',
      'chapters.1.clauses: 第二章「平安建设」没有条款，请添加条款或删去这一章',
    ])
  })

  test('an effective date in the past, or before the vote', () => {
    expect(messages(draft({ effectiveDate: '2026-11-25' }))).toEqual(['effectiveDate: 施行日期（2026-11-25）已经过去，不能早于今天（2026-11-26）'])
    expect(messages(draft({ effectiveDate: null }))).toEqual(['effectiveDate: 请填写施行日期'])
    expect(messages(draft({ adoption: { ...good, date: '2026-11-27' }, effectiveDate: '2026-12-01' }))).toEqual(['adoption.date: 表决日期（2026-11-27）不能晚于今天'])
  })

  test('a missing or inconsistent adoption record', () => {
    expect(messages(draft({ adoption: { ...good, meeting: null, votesAgainst: null } }))).toEqual([
      'adoption.meeting: 请选择表决方式（村民会议或村民代表会议）',
      'adoption.votesAgainst: 请填写反对票数（没有填0）',
    ])
    expect(messages(draft({ adoption: { ...good, attendance: 46 } }))).toEqual(['adoption.attendance: 到会人数（46）不能多于应到人数（45）'])
    expect(messages(draft({ adoption: { ...good, votesFor: 40, abstain: 2 } }))).toEqual(['adoption.votesFor: 赞成、反对、弃权票合计（42）不能多于到会人数（41）'])
    expect(messages(draft({ adoption: { ...good, meeting: '村民代表会议' } }), 'community')).toEqual(['adoption.meeting: 社区的公约应由居民会议或居民代表会议表决'])
  })

  test('quorum and majority: two thirds of the representatives, half of the villagers, more than half in favour', () => {
    expect(messages(draft({ adoption: { ...good, attendance: 29, votesFor: 27, abstain: 2 } }))).toEqual([
      'adoption.attendance: 到会人数不足：村民代表会议须有三分之二以上的人员参加（应到45人，至少30人）',
    ])
    expect(messages(draft({ adoption: { ...good, attendance: 30, votesFor: 28, abstain: 2 } }))).toEqual([])
    const assembly = { ...good, meeting: '村民会议' as const, totalEligible: 1000, attendance: 500, votesFor: 400, abstain: 100 }
    expect(messages(draft({ adoption: assembly }))[0]).toMatch(/^adoption.attendance: 到会人数不足：村民会议须有过半数.*至少501人/)
    expect(messages(draft({ adoption: { ...assembly, attendance: 501, votesFor: 250, votesAgainst: 200, abstain: 51 } }))).toEqual([
      'adoption.votesFor: 赞成票（250）未超过到会人数（501）的一半，未获通过',
    ])
  })
})

describe('follow-up list', () => {
  const grids: Grid[] = [
    { _id: 'v:g1', villageId: 'v', name: '第一网格' },
    { _id: 'v:g2', villageId: 'v', name: '第二网格' },
  ]
  const households: Household[] = [
    { _id: 'h1', villageId: 'v', gridId: 'v:g1', doorplate: '东一巷12号', headName: '林水生', repPersonId: 'p1' },
    { _id: 'h2', villageId: 'v', gridId: 'v:g2', doorplate: '西二巷20号', headName: '陈建国', repPersonId: 'p3' },
    { _id: 'h3', villageId: 'v', gridId: 'v:g2', doorplate: '西二巷2号', headName: '郑志远', repPersonId: 'p5' },
  ]
  const members = [member('p1', 'h1'), member('p2', 'h1', ['resident'], { name: '林俊', relation: '子女' }), member('p3', 'h2', ['resident'], { name: '陈建国' }), member('p5', 'h3')]

  test('a page of households: who has not agreed, with the version each last agreed to; a household where all did is left out', () => {
    const page = followUpHouseholds({ households: [...households, null], members: [...members, member('p9', null, ['resident'], { name: '无户' })], agreedPersonIds: new Set(['p1', 'p5']), latest: new Map([['p2', { number: 1, at: 5 }]]) })
    expect(page.map((h) => [h.doorplate, h.householdAgreed, h.pending.map((p) => p.name)])).toEqual([
      ['东一巷12号', true, ['林俊']],
      ['西二巷20号', false, ['陈建国']],
      ['未登记门牌', false, ['无户']],
    ])
    expect(page[0]).toMatchObject({ headName: '林水生', residents: 2, pending: [{ relation: '子女', agreedVersion: 1, agreedAt: 5 }] })
  })

  test('the grids from the counters: those with someone pending, in grid order, then the residents in no grid; a grid worker’s only', () => {
    const c = (residents: number, households: number, agreedPersons: number, agreedHouseholds: number) => ({ residents, households, agreedPersons, agreedHouseholds })
    const counts = new Map([
      ['v:g2', c(5, 3, 2, 2)],
      ['v:g1', c(2, 1, 2, 1)],
      [null, c(1, 0, 0, 0)],
      ['v:gone', c(2, 1, 0, 0)],
    ])
    expect(followUpGrids(counts, grids, null)).toEqual([
      { gridId: 'v:g2', gridName: '第二网格', pendingPersons: 3, pendingHouseholds: 1 },
      { gridId: null, gridName: '未分网格', pendingPersons: 3, pendingHouseholds: 1 },
    ])
    expect(followUpGrids(counts, grids, new Set(['v:g1'])).map((g) => g.gridId)).toEqual([])
    expect(followUpGrids(counts, grids, new Set(['v:g2'])).map((g) => g.gridId)).toEqual(['v:g2'])
    expect(progressOf(c(7, 4, 3, 1), 2, 'village')).toMatchObject({ versionNumber: 2, persons: { agreed: 3, total: 7, percent: 43 }, households: { agreed: 1, total: 4, percent: 25 }, summary: '本村已有 1 户 (25%) 承诺' })
  })
})

describe('CSV', () => {
  test('BOM first, CRLF, commas, quotes and newlines quoted, formulas defused', () => {
    const csv = toCsv(['姓名', '备注'], [
      ['林水生', '东一巷12号'],
      ['陈, 建国', '他说"好"'],
      ['李桂兰', '第一行\n第二行'],
      ['=HYPERLINK("x")', null],
    ])
    expect(csv.startsWith(BOM)).toBe(true)
    expect(csv.charCodeAt(0)).toBe(0xfeff)
    expect(csv.slice(1).split('\r\n')).toEqual(['姓名,备注', '林水生,东一巷12号', '"陈, 建国","他说""好"""', '李桂兰,"第一行\n第二行"', `"'=HYPERLINK(""x"")",`, ''])
    expect(csvCell(true)).toBe('是')
    expect(csvCell(12)).toBe('12')
  })

  test('times are Asia/Shanghai', () => {
    const t = Date.UTC(2026, 10, 26, 17, 5) // 01:05 on the 27th in Shanghai
    expect(shanghaiTime(t)).toBe('2026-11-27 01:05')
    expect(shanghaiDay(t)).toBe('2026-11-27')
  })

  test('agreement and follow-up exports have Chinese headers and one row per person', () => {
    const t = Date.UTC(2026, 10, 26, 2, 0)
    const a = agreementsCsv(
      [
        { _id: 'x', villageId: 'v', versionId: 'v:v1', number: 1, personId: 'p1', name: '林水生', householdId: 'h1', gridId: 'v:g1', at: t, partyCommitment: true, partyCommitmentAt: t + 60_000 },
        { _id: 'y', villageId: 'v', versionId: 'v:v2', number: 2, personId: 'p1', name: '林水生', householdId: 'h1', gridId: 'v:g1', at: t + 3600_000, partyCommitment: false, partyCommitmentAt: null },
      ],
      [{ _id: 'h1', villageId: 'v', gridId: 'v:g1', doorplate: '东一巷12号', headName: '林水生', repPersonId: 'p1' }],
      [{ _id: 'v:g1', villageId: 'v', name: '第一网格（村东）' }],
    )
    expect(a.rows).toBe(2)
    expect(a.content.slice(1).split('\r\n')).toEqual([
      '版本,姓名,门牌号,网格,承诺时间,党员亮身份承诺,亮身份时间',
      '第2版,林水生,东一巷12号,第一网格（村东）,2026-11-26 11:00,否,',
      '第1版,林水生,东一巷12号,第一网格（村东）,2026-11-26 10:00,是,2026-11-26 10:01',
      '',
    ])
    const f = followUpCsv([
      {
        gridName: '第一网格',
        households: [{ householdId: 'h1', doorplate: '东一巷12号', headName: '林水生', residents: 3, householdAgreed: true, pending: [{ personId: 'p2', name: '林俊', relation: '子女', agreedVersion: null, agreedAt: null }] }],
      },
    ])
    expect(f.content.slice(1).split('\r\n')).toEqual(['网格,门牌号,户主,姓名,与户主关系,本户已有人承诺,最近承诺的版本,最近承诺时间', '第一网格,东一巷12号,林水生,林俊,子女,是,从未承诺,', ''])
  })
})
