import type { Role } from '../../cloud/src/features/account/documents'
import type { Topic } from '../../cloud/src/features/deliberation/documents'
import { tallyCsv, turnoutCsv } from '../../cloud/src/features/deliberation/csv'
import {
  buildOptions,
  carries,
  choicesProblem,
  countsVisible,
  eligibleVoters,
  hasEnded,
  householdVoteNote,
  publishProblems,
  quorumMet,
  quorumNeeded,
  resultOf,
  tallyOf,
  turnoutByGrid,
  turnoutOf,
  voterFor,
  windowRefusal,
  YESNO_OPTIONS, amendedRoll, applyDelta, countsOf, gridField, gridOfField, sumCounts, tallyDelta, tallyFromVotes, tallyShards, tallyShardCount, ROLL_CHUNK_SIZE, rollChunkCount, rollChunkOf, splitRoll, receiptCode, recount, countText, countEntries } from '../../cloud/src/features/deliberation/policy'

const NOW = Date.UTC(2026, 10, 26, 2, 0, 0) // 2026-11-26 10:00 in Shanghai
const HOUR = 3600 * 1000
const ballots = (...choices: string[][]) => choices.map((c) => ({ choices: c }))
const counts = (online: number, proxy = 0, meeting = 0) => ({ online, proxy, meeting })

describe('quorum (村民委员会组织法)', () => {
  test('person mode: more than half of the eligible persons — exactly half is not enough', () => {
    expect(quorumNeeded('person', 10)).toBe(6)
    expect(quorumMet('person', 5, 10)).toBe(false)
    expect(quorumMet('person', 6, 10)).toBe(true)
    expect(quorumNeeded('person', 11)).toBe(6)
    expect(quorumMet('person', 5, 11)).toBe(false)
    expect(quorumMet('person', 6, 11)).toBe(true)
    expect(quorumNeeded('person', 1)).toBe(1)
  })

  test('household mode: at least two thirds of the households — exactly two thirds is enough', () => {
    expect(quorumNeeded('household', 9)).toBe(6)
    expect(quorumMet('household', 6, 9)).toBe(true)
    expect(quorumMet('household', 5, 9)).toBe(false)
    // 2/3 of 8 is 5.33: six households needed (ceil)
    expect(quorumNeeded('household', 8)).toBe(6)
    expect(quorumMet('household', 5, 8)).toBe(false)
    expect(quorumMet('household', 6, 8)).toBe(true)
    expect(quorumNeeded('household', 3)).toBe(2)
  })

  test('never less than one participant, even with nobody eligible', () => {
    expect(quorumNeeded('household', 0)).toBe(1)
    expect(quorumNeeded('person', 0)).toBe(1)
    expect(quorumMet('household', 0, 0)).toBe(false)
  })

  test('turnout counts the phone, proxies and the meeting together, and says how many came from each', () => {
    const t = turnoutOf('person', 11, counts(3, 1, 2))
    expect(t).toEqual({ participants: 6, online: 4, proxy: 1, inPerson: 2, eligible: 11, quorumNeeded: 6, quorumMet: true, percent: 55 })
    expect(turnoutOf('household', 8, counts(0, 0, 5))).toMatchObject({ participants: 5, inPerson: 5, quorumNeeded: 6, quorumMet: false })
    // percent is 100 only when everyone took part
    expect(turnoutOf('person', 200, counts(199)).percent).toBe(99)
    expect(turnoutOf('person', 200, counts(200)).percent).toBe(100)
    expect(turnoutOf('person', 200, counts(1)).percent).toBe(1)
  })
})

describe('majority: more than half of those who took part', () => {
  const options = buildOptions('yesno', [])

  test('an option carries with more than half of the participants, abstentions included in the base', () => {
    // 3 yes of 6 participants (one abstained): exactly half does not carry
    const half = tallyOf(options, ballots(['yes'], ['yes'], ['yes'], ['no'], ['no'], ['abstain']))
    expect(half.map((o) => [o.optionId, o.votes, o.carries])).toEqual([
      ['yes', 3, false],
      ['no', 2, false],
      ['abstain', 1, false],
    ])
    const more = tallyOf(options, ballots(['yes'], ['yes'], ['yes'], ['yes'], ['no'], ['abstain'], ['abstain']))
    expect(more.find((o) => o.optionId === 'yes')).toEqual({ optionId: 'yes', label: '赞成', votes: 4, percent: 57, carries: true })
  })

  test('弃权 never carries, even when everyone abstains', () => {
    const all = tallyOf(options, ballots(['abstain'], ['abstain'], ['abstain']))
    expect(all.find((o) => o.optionId === 'abstain')).toMatchObject({ votes: 3, percent: 100, carries: false })
    expect(carries({ abstain: true }, 3, 3)).toBe(false)
    expect(carries({}, 2, 3)).toBe(true)
    expect(carries({}, 0, 0)).toBe(false)
  })

  test('multiple choice: each pick counts once; several options can carry', () => {
    const choice = buildOptions('choice', ['甲', '乙', '丙'])
    expect(choice.map((o) => o.id)).toEqual(['o1', 'o2', 'o3'])
    const t = tallyOf(choice, ballots(['o1', 'o2'], ['o1', 'o2'], ['o1', 'o3'], ['o3'], ['o1', 'o1']))
    expect(t.map((o) => [o.optionId, o.votes, o.carries])).toEqual([
      ['o1', 4, true],
      ['o2', 2, false],
      ['o3', 2, false],
    ])
    const two = tallyOf(choice, ballots(['o1', 'o2'], ['o1', 'o2'], ['o3']))
    expect(two.filter((o) => o.carries).map((o) => o.optionId)).toEqual(['o1', 'o2'])
  })
})

describe('the verdict', () => {
  const yesno = { kind: 'yesno' as const, mode: 'person' as const }

  test('有效 and passed, in a plain sentence', () => {
    const tally = tallyOf(YESNO_OPTIONS, ballots(['yes'], ['yes'], ['yes'], ['no']))
    const r = resultOf({ kind: 'yesno', mode: 'household' }, turnoutOf('household', 5, counts(4)), tally)
    expect(r).toEqual({ valid: true, verdict: '有效', carried: ['yes'], summary: '有效。赞成 3 票，超过参加表决 4 户的半数，通过。' })
  })

  test('valid but not passed: exactly half of the participants', () => {
    const tally = tallyOf(YESNO_OPTIONS, ballots(['yes'], ['yes'], ['no'], ['abstain']))
    const r = resultOf(yesno, turnoutOf('person', 7, counts(4)), tally)
    expect(r).toMatchObject({ valid: true, verdict: '有效', carried: [] })
    expect(r.summary).toBe('有效。赞成 2 票，未超过参加表决 4 人的半数，未通过。')
  })

  test('未达法定人数: nothing carries, however the votes fell', () => {
    const tally = tallyOf(YESNO_OPTIONS, ballots(['yes'], ['yes'], ['yes'], ['yes'], ['yes']))
    const r = resultOf(yesno, turnoutOf('person', 10, counts(5)), tally)
    expect(r.valid).toBe(false)
    expect(r.verdict).toBe('未达法定人数')
    expect(r.carried).toEqual([])
    expect(r.summary).toContain('至少 6 人')
    const h = resultOf({ kind: 'yesno', mode: 'household' }, turnoutOf('household', 9, counts(5)), tally)
    expect(h.summary).toContain('三分之二（至少 6 户）')
  })

  test('choice: what carried, or the leaders when nothing did', () => {
    const options = buildOptions('choice', ['公开竞价', '合作社自营', '续包'])
    const won = resultOf({ kind: 'choice', mode: 'household' }, turnoutOf('household', 6, counts(5)), tallyOf(options, ballots(['o1'], ['o1'], ['o1'], ['o2'], ['o3'])))
    expect(won).toMatchObject({ valid: true, carried: ['o1'] })
    expect(won.summary).toBe('有效。「公开竞价」3 票，超过参加表决 5 户的半数，获得通过。')
    const tie = resultOf({ kind: 'choice', mode: 'household' }, turnoutOf('household', 6, counts(4)), tallyOf(options, ballots(['o1'], ['o1'], ['o2'], ['o2'])))
    expect(tie).toMatchObject({ valid: true, carried: [] })
    expect(tie.summary).toContain('「公开竞价」「合作社自营」各 2 票')
  })
})

describe('sealed results and the voting window', () => {
  const topic = (over: Partial<Topic>) => ({ status: 'open' as const, results: 'sealed' as const, opensAt: NOW - HOUR, closesAt: NOW + HOUR, ...over })

  test('sealed counts stay on the server until the close; live ones do not', () => {
    expect(countsVisible(topic({}), NOW)).toBe(false)
    expect(countsVisible(topic({ results: 'live' }), NOW)).toBe(true)
    // the moment voting ends they are visible, even before the job has run
    expect(countsVisible(topic({}), NOW + HOUR)).toBe(true)
    expect(countsVisible(topic({ status: 'closed' }), NOW)).toBe(true)
    expect(countsVisible(topic({ status: 'draft', results: 'live' }), NOW)).toBe(false)
  })

  test('未开始, 已截止, and open in between', () => {
    expect(windowRefusal(topic({ opensAt: NOW + HOUR, closesAt: NOW + 2 * HOUR }), NOW)).toMatchObject({ code: 'CONFLICT', reason: expect.stringContaining('未开始') })
    expect(windowRefusal(topic({}), NOW)).toBeNull()
    expect(windowRefusal(topic({}), NOW + HOUR)).toEqual({ code: 'CLOSED', reason: '投票已截止' })
    for (const status of ['closed', 'decided', 'done'] as const) expect(windowRefusal(topic({ status }), NOW)).toMatchObject({ code: 'CLOSED' })
    expect(windowRefusal(topic({ status: 'draft' }), NOW)).toMatchObject({ code: 'CONFLICT' })
    expect(hasEnded(topic({}), NOW + HOUR - 1)).toBe(false)
  })
})

describe('ballot choices', () => {
  const yesno = { kind: 'yesno' as const, options: buildOptions('yesno', []), maxChoices: 1 }
  const pick2 = { kind: 'choice' as const, options: buildOptions('choice', ['甲', '乙', '丙']), maxChoices: 2 }

  test('valid choices pass', () => {
    expect(choicesProblem(yesno, ['yes'])).toBeNull()
    expect(choicesProblem(yesno, ['abstain'])).toBeNull()
    expect(choicesProblem(pick2, ['o1', 'o3'])).toBeNull()
  })

  test('unknown option, too many, duplicates, nothing', () => {
    expect(choicesProblem(yesno, ['maybe'])).toContain('没有这个选项')
    expect(choicesProblem(yesno, ['yes', 'no'])).toBe('只能选一项')
    expect(choicesProblem(pick2, ['o1', 'o2', 'o3'])).toBe('最多选2项')
    expect(choicesProblem(pick2, ['o1', 'o1'])).toContain('两次')
    expect(choicesProblem(pick2, [])).toBe('请选择')
  })

  test('弃权 cannot be combined with another option', () => {
    const withAbstain = { ...pick2, options: [...pick2.options, { id: 'abstain', label: '弃权', abstain: true }] }
    expect(choicesProblem(withAbstain, ['o1', 'abstain'])).toBe('弃权不能与其他选项同时选择')
    expect(choicesProblem(yesno, ['yes', 'abstain'])).toBe('弃权不能与其他选项同时选择')
  })
})

describe('publishing checks', () => {
  const base = { title: '修缮祠堂前广场', question: '是否同意修缮？', kind: 'yesno' as const, options: buildOptions('yesno', []), maxChoices: 1, opensAt: NOW, closesAt: NOW + 24 * HOUR }

  test('a complete yes/no topic has no problems; yes/no always gets 赞成/反对/弃权', () => {
    expect(publishProblems(base, NOW)).toEqual([])
    expect(buildOptions('yesno', ['whatever'])).toEqual([
      { id: 'yes', label: '赞成' },
      { id: 'no', label: '反对' },
      { id: 'abstain', label: '弃权', abstain: true },
    ])
  })

  test('choice: 2..10 distinct labels, 1 <= maxChoices <= options', () => {
    const choice = (labels: string[], maxChoices = 1) => ({ ...base, kind: 'choice' as const, options: buildOptions('choice', labels), maxChoices })
    expect(publishProblems(choice(['甲', '乙']), NOW)).toEqual([])
    expect(publishProblems(choice(['甲']), NOW)).toEqual([{ field: 'options', message: '至少需要两个选项' }])
    expect(publishProblems(choice(['甲', ' 甲 ', '乙']), NOW)).toEqual([{ field: 'options', message: '选项重复：「甲」' }])
    expect(publishProblems(choice(['甲', '乙'], 3), NOW)).toEqual([{ field: 'maxChoices', message: expect.stringContaining('不能超过选项数') }])
    expect(publishProblems(choice(['甲', '乙'], 0), NOW).map((p) => p.field)).toEqual(['maxChoices'])
    expect(publishProblems(choice(Array.from({ length: 11 }, (_, i) => `选项${i}`)), NOW).map((p) => p.field)).toEqual(['options'])
  })

  test('the window: closes after it opens, and not in the past', () => {
    expect(publishProblems({ ...base, closesAt: NOW }, NOW)).toEqual([{ field: 'closesAt', message: '截止时间必须晚于开始时间' }])
    expect(publishProblems({ ...base, opensAt: NOW - 48 * HOUR, closesAt: NOW - HOUR }, NOW)).toEqual([{ field: 'closesAt', message: expect.stringContaining('已经过去') }])
    // opening in the past is fine: voting starts now
    expect(publishProblems({ ...base, opensAt: NOW - 48 * HOUR }, NOW)).toEqual([])
  })
})

describe('who votes', () => {
  const members = [
    { personId: 'a', name: '林一', roles: ['resident', 'householdRep'] as const, householdId: 'h1' },
    { personId: 'b', name: '林二', roles: ['resident'] as const, householdId: 'h1' },
    { personId: 'c', name: '陈三', roles: ['resident', 'householdRep'] as const, householdId: 'h2' },
    { personId: 's', name: '张员', roles: ['hallStaff'] as const, householdId: null },
    { personId: 'd', name: '黄四', roles: ['resident'] as const, householdId: 'h3' },
  ].map((m) => ({ ...m, roles: [...m.roles] }))
  const households = [
    { _id: 'h1', gridId: 'g1', doorplate: '东一巷1号', repPersonId: 'a' },
    { _id: 'h2', gridId: 'g2', doorplate: '西二巷2号', repPersonId: 'c' },
    // no representative: not counted in household mode
    { _id: 'h3', gridId: 'g1', doorplate: '东一巷3号', repPersonId: null },
  ]

  test('person mode: every resident; household mode: every household with a representative', () => {
    expect(eligibleVoters('person', members, households).map((v) => v.key)).toEqual(['b', 'a', 'd', 'c']) // by doorplate, then name (林二 before 林一 in pinyin order)
    const h = eligibleVoters('household', members, households)
    expect(h.map((v) => [v.key, v.personId, v.name])).toEqual([
      ['h1', 'a', '林一'],
      ['h2', 'c', '陈三'],
    ])
  })

  test('household mode: only the representative votes, under the household key', () => {
    expect(voterFor('household', members[0], households[0], 'village')).toMatchObject({ ok: true, voter: { key: 'h1', personId: 'a' } })
    expect(voterFor('household', members[1], households[0], 'village')).toEqual({ ok: false, code: 'FORBIDDEN', reason: '本议题按户表决，由户代表投票' })
    expect(voterFor('person', members[1], households[0], 'village')).toMatchObject({ ok: true, voter: { key: 'b' } })
    expect(voterFor('person', members[3], null, 'village')).toMatchObject({ ok: false, code: 'FORBIDDEN', reason: '您是本村的服务人员，不参与表决、评论和提议' })
    expect(voterFor('person', members[3], null, 'community')).toMatchObject({ ok: false, code: 'FORBIDDEN', reason: '您是本社区的服务人员，不参与表决、评论和提议' })
  })

  test('the rest of the household reads who votes for it and whether it has (the day in Shanghai)', () => {
    expect(householdVoteNote('林水生', Date.UTC(2026, 11, 2, 17, 0), false)).toBe('您家的户代表林水生已于12月3日投票')
    expect(householdVoteNote('林水生', null, false)).toBe('您家还没投票（由户代表林水生投票）')
    expect(householdVoteNote('林水生', null, true)).toBe('您家没有投票（由户代表林水生投票）')
  })

  test('turnout by grid among those who may vote', () => {
    const voters = eligibleVoters('person', members, households)
    const grids = [
      { _id: 'g1', name: '第一网格' },
      { _id: 'g2', name: '第二网格' },
    ]
    const voted = voters.filter((v) => v.key === 'a' || v.key === 'd').map((v) => ({ source: 'online' as const, choices: ['yes'], gridId: v.gridId }))
    expect(turnoutByGrid(countsOf(voted, voters), grids)).toEqual([
      { gridId: 'g1', gridName: '第一网格', participants: 2, eligible: 3, percent: 67 },
      { gridId: 'g2', gridName: '第二网格', participants: 0, eligible: 1, percent: 0 },
    ])
    // a grid removed since the roll froze, and voters without a grid, are 未分网格 (last)
    expect(turnoutByGrid(countsOf(voted, voters), grids.slice(1))).toEqual([
      { gridId: 'g2', gridName: '第二网格', participants: 0, eligible: 1, percent: 0 },
      { gridId: null, gridName: '未分网格', participants: 2, eligible: 3, percent: 67 },
    ])
  })
})

describe('the counters', () => {
  const b = (source: 'online' | 'proxy' | 'meeting', choices: string[], gridId: string | null = 'v-x:g1') => ({ source, choices, gridId })

  test('a grid id becomes a field name CloudBase accepts, and back', () => {
    for (const id of ['v-xinshan:g1', '第一网格', 'a.b$c']) {
      expect(gridField(id)).toMatch(/^[A-Za-z0-9_]+$/)
      expect(gridOfField(gridField(id))).toBe(id)
    }
    expect(gridOfField(gridField(null))).toBeNull()
  })

  test('a first cast counts its source, each option it picks once, and its grid; a change moves them; nothing changed is no write', () => {
    expect(tallyDelta(null, b('online', ['o1', 'o2']))).toEqual({ 'ballots.online': 1, 'votes.o1': 1, 'votes.o2': 1, [`grids.${gridField('v-x:g1')}`]: 1 })
    // online -> proxy, o1,o2 -> o2,o3: o2 stays, the grid stays
    expect(tallyDelta(b('online', ['o1', 'o2']), b('proxy', ['o2', 'o3']))).toEqual({ 'ballots.online': -1, 'ballots.proxy': 1, 'votes.o1': -1, 'votes.o3': 1 })
    expect(tallyDelta(b('meeting', ['yes']), b('meeting', ['yes']))).toEqual({})
    expect(tallyDelta(b('online', ['no'], null), null)).toEqual({ 'ballots.online': -1, 'votes.no': -1, 'grids.none': -1 })
  })

  test('shards split by voter sum to the counts of all the ballots, and applying deltas in any order agrees with a recount', () => {
    const voters = Array.from({ length: 40 }, (_, i) => ({ key: `p${i}`, personId: `p${i}`, name: `${i}`, householdId: null, gridId: i % 3 ? 'v-x:g1' : null, doorplate: null }))
    const cast = voters.slice(0, 25).map((v, i) => ({ ...b(i % 5 ? 'online' : 'meeting', [['yes', 'no', 'abstain'][i % 3]], v.gridId), voterKey: v.key }))
    const shards = tallyShards({ _id: 'v-x:t1', villageId: 'v-x' }, voters, cast)
    expect(shards).toHaveLength(tallyShardCount(40))
    expect(new Set(shards.map((s) => s._id)).size).toBe(shards.length)
    expect([tallyShardCount(11), tallyShardCount(1000), tallyShardCount(100_000)]).toEqual([4, 63, 64])
    expect(sumCounts(shards)).toEqual(countsOf(cast, voters))
    const byDeltas = countsOf([], voters)
    for (const x of cast) applyDelta(byDeltas, tallyDelta(null, { ...x, choices: ['no'] }))
    for (const x of cast) applyDelta(byDeltas, tallyDelta({ ...x, choices: ['no'] }, x))
    expect(byDeltas).toEqual(countsOf(cast, voters))
    expect(tallyFromVotes(YESNO_OPTIONS, byDeltas.votes, 25).map((o) => o.votes)).toEqual(tallyOf(YESNO_OPTIONS, cast).map((o) => o.votes))
  })
})

describe('CSV', () => {
  test('the tally with the verdict; the turnout never shows anyone’s choice', () => {
    const tally = tallyOf(YESNO_OPTIONS, ballots(['yes'], ['yes'], ['no']))
    const turnout = turnoutOf('person', 4, counts(1, 1, 1))
    const csv = tallyCsv(tally, turnout, resultOf({ kind: 'yesno', mode: 'person' }, turnout, tally), '人')
    const lines = csv.content.replace(/^\uFEFF/, '').split('\r\n')
    expect(lines[0]).toBe('项目,票数,占参加表决的比例(%),结果')
    expect(lines[1]).toBe('赞成,2,67,超过半数')
    expect(lines).toContain('其中：现场表决,1,,')
    expect(lines).toContain('法定人数（人）,3,,已达到')
    expect(csv.content).toContain('有效。赞成 2 票')

    const voters = eligibleVoters('person', [{ personId: 'a', name: '=林一', roles: ['resident'], householdId: null }], [])
    const t = turnoutCsv(voters, new Map([['a', { source: 'meeting' as const, castAt: NOW, castByName: '林志强' }]]), new Map())
    expect(t.content.split('\r\n')[1]).toBe("未分网格,,'=林一,是,现场表决,2026-11-26 10:00,林志强")
  })
})

describe('the voter roll', () => {
  const voter = (key: string, doorplate: string | null = null) => ({ key, personId: key, name: `村民${key}`, householdId: null, gridId: null, doorplate })

  test('a roll is split by a stable hash of the voter key: every entry in exactly the chunk rollChunkOf names', () => {
    const roll = Array.from({ length: 1001 }, (_, i) => voter(`p_${i}`))
    const chunks = splitRoll(roll)
    expect(chunks).toHaveLength(rollChunkCount(1001))
    expect(chunks.length).toBe(Math.ceil(1001 / ROLL_CHUNK_SIZE))
    expect(chunks.flat()).toHaveLength(1001)
    chunks.forEach((c, i) => c.forEach((e) => expect(rollChunkOf(e.key, chunks.length)).toBe(i)))
    // evenly enough that no chunk grows past twice its share
    for (const c of chunks) expect(c.length).toBeLessThan((2 * 1001) / chunks.length)
    expect(rollChunkOf('p_7', 3)).toBe(rollChunkOf('p_7', 3))
    expect(splitRoll([])).toEqual([[]])
  })

  test("the committee's amendments: a removal takes a voter off, an addition needs a known candidate, the order is the meeting's", () => {
    const eligible = [voter('a', '东一巷2号'), voter('b', '东一巷1号')]
    const candidates = [...eligible, voter('c', '西二巷1号')]
    const change = (key: string, c: 'add' | 'remove') => ({ key, name: key, change: c, reason: '核实', byName: '林志强', at: 0 })
    expect(amendedRoll(eligible, candidates, [change('a', 'remove'), change('c', 'add'), change('zzz', 'add')]).map((v) => v.key)).toEqual(['b', 'c'])
    expect(amendedRoll(eligible, candidates, [change('a', 'remove'), change('a', 'add')]).map((v) => v.key)).toEqual(['b', 'a'])
  })
})

describe('receipts and the count', () => {
  test('a receipt is 8 characters of an alphabet without 0/O/1/I, as XXXX-XXXX, from the given bytes', () => {
    expect(receiptCode(Uint8Array.from([0, 1, 2, 3, 4, 5, 6, 7]))).toBe('2345-6789')
    expect(receiptCode(Uint8Array.from([31, 32, 255, 8, 9, 40, 41, 42]))).toMatch(/^[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$/)
  })

  test('the recount from the list alone gives each option its votes; the hashed text is one line per entry, in order', () => {
    const entries = [
      { receipt: 'AAAA-AAAA', choices: ['yes'], source: 'online' as const },
      { receipt: 'BBBB-BBBB', choices: ['o1', 'o2'], source: 'meeting' as const },
      { receipt: 'CCCC-CCCC', choices: ['yes'], source: 'proxy' as const },
    ]
    expect(recount(entries)).toEqual({ yes: 2, o1: 1, o2: 1 })
    expect(countText(entries)).toBe('AAAA-AAAA,yes,online\nBBBB-BBBB,o1|o2,meeting\nCCCC-CCCC,yes,proxy')
    expect(countEntries([{ _id: 't:p1', receipt: 'DDDD-DDDD', choices: ['no'], source: 'online' }], () => 'ZZZZ-ZZZZ')).toEqual([{ receipt: 'DDDD-DDDD', choices: ['no'], source: 'online' }])
  })

  test('the household quorum counts only households with a 户代表: one without cannot vote and is not in the roll', () => {
    const members = [
      { personId: 'a', name: '甲', roles: ['resident', 'householdRep'] as Role[], householdId: 'h1' },
      { personId: 'b', name: '乙', roles: ['resident'] as Role[], householdId: 'h2' },
    ]
    const households = [
      { _id: 'h1', gridId: null, doorplate: '1号', repPersonId: 'a' },
      { _id: 'h2', gridId: null, doorplate: '2号', repPersonId: null },
    ]
    expect(eligibleVoters('household', members, households).map((v) => v.key)).toEqual(['h1'])
  })
})
