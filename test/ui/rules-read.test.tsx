import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import * as api from '../../src/features/rules/api'
import * as accountApi from '../../src/features/account/api'
import { useAccount } from '../../src/features/account/store'
import { CallError } from '../../src/shared/api/call'
import RulesReadPage from '../../src/features/rules/pages/read'
// @ts-expect-error the mock's test helper
import taro, { intersect } from '@tarojs/taro'
import { router } from './mocks/taro'
import type { RulesCurrent } from '@contract'
import { meWithTwoVillages } from './fixtures'

jest.mock('../../src/features/rules/api')
jest.mock('../../src/features/account/api')
const mocked = jest.mocked(api)

const adoption = { meeting: '村民代表会议' as const, date: '2026-11-20', attendance: 40, totalEligible: 45, votesFor: 38, votesAgainst: 1, abstain: 1 }
const v2: RulesCurrent = {
  word: '村规民约',
  version: {
    id: 'v-xinshan:v2',
    villageId: 'v-xinshan',
    number: 2,
    label: '第2版',
    title: '新山村村规民约',
    word: '村规民约',
    status: 'published',
    current: true,
    chapters: [{ no: 1, label: '第一章', title: '环境卫生', clauses: [{ id: 'k5', no: 1, label: '第一条', text: '垃圾每周三、周六定时收运。' }] }],
    clauseCount: 1,
    effectiveDate: '2026-12-01',
    adoption,
    basedOn: 1,
    createdByName: '林志强',
    createdAt: 0,
    updatedAt: 0,
    publishedByName: '林志强',
    publishedAt: 0,
  },
  mine: null,
  myVersion: 1,
  diffSinceMine: {
    from: 1,
    to: 2,
    added: [],
    removed: [],
    changed: [{ id: 'k5', oldNo: 5, newNo: 1, oldChapter: '环境卫生', newChapter: '环境卫生', oldText: '垃圾分类投放。', newText: '垃圾每周三、周六定时收运。' }],
    unchanged: 0,
  },
  progress: { versionNumber: 2, persons: { agreed: 0, total: 11, percent: 0 }, households: { agreed: 0, total: 8, percent: 0 }, summary: '本村已有 0 户 (0%) 承诺' },
  partyCommitments: [{ name: '郑志远', at: 0 }],
  can: { agree: true, partyCommit: true, manage: false },
}

beforeEach(() => {
  jest.clearAllMocks()
  router.params = {}
  jest.mocked(accountApi).getMe.mockResolvedValue(meWithTwoVillages)
  useAccount.setState({ me: meWithTwoVillages, currentVillageId: 'v-xinshan' })
})

test('shows what changed since my version; agreeing wakes at the end of the changes, the full text a tap away', async () => {
  mocked.getCurrentRules.mockResolvedValueOnce(v2).mockResolvedValueOnce({
    ...v2,
    mine: { _id: 'v-xinshan:v2:p1', villageId: 'v-xinshan', versionId: 'v-xinshan:v2', number: 2, personId: 'p1', name: '林志强', householdId: null, gridId: null, at: Date.UTC(2026, 10, 26, 3), partyCommitment: false, partyCommitmentAt: null },
    // agreed: no changes since my version any more
    myVersion: 2,
    diffSinceMine: null,
    can: { agree: false, partyCommit: true, manage: false },
  })
  mocked.agreeToRules.mockResolvedValue({} as never)
  render(<RulesReadPage />)
  expect(await screen.findByText('自您承诺的第1版以来的变化')).toBeTruthy()
  expect(screen.getByText('修改 第一条')).toBeTruthy()
  expect(screen.getByText('垃圾分类投放。')).toBeTruthy()
  expect(screen.getByText('本村已有 0 户 (0%) 承诺')).toBeTruthy()
  expect(screen.getByText('郑志远')).toBeTruthy()

  fireEvent.click(screen.getByText('我已阅读并承诺遵守'))
  expect(mocked.agreeToRules).not.toHaveBeenCalled()
  // the changes are the reading (issue 15, point 11): the full text is a tap away, agreeing wakes at the changes' end
  expect(screen.getByText('请读完上面的改动后承诺')).toBeTruthy()
  expect(screen.queryByText('第一章 环境卫生')).toBeNull()
  fireEvent.click(screen.getByText('查看第2版全文（1条）'))
  expect(screen.getByText('第一章 环境卫生')).toBeTruthy()
  act(() => intersect('#rules-changes-end'))
  await waitFor(() => expect(screen.queryByText('请读完上面的改动后承诺')).toBeNull())
  fireEvent.click(screen.getByText('我已阅读并承诺遵守'))
  await waitFor(() => expect(mocked.agreeToRules).toHaveBeenCalledWith('v-xinshan', 'v-xinshan:v2'))
  expect(await screen.findByText(/承诺遵守第2版。$/)).toBeTruthy()
  expect(screen.getByText('第一章 环境卫生')).toBeTruthy()
})

test('a version replaced meanwhile: the refusal is shown and the current one is loaded', async () => {
  mocked.getCurrentRules.mockResolvedValue(v2)
  mocked.agreeToRules.mockRejectedValue(new CallError({ code: 'CONFLICT', message: '该版本已不是现行版本，请阅读并承诺遵守现行的第3版' }))
  render(<RulesReadPage />)
  await screen.findByText('我已阅读并承诺遵守')
  act(() => intersect('#rules-changes-end'))
  await waitFor(() => expect(screen.queryByText('请读完上面的改动后承诺')).toBeNull())
  fireEvent.click(screen.getByText('我已阅读并承诺遵守'))
  expect(await screen.findByText('该版本已不是现行版本，请阅读并承诺遵守现行的第3版')).toBeTruthy()
  expect(mocked.getCurrentRules).toHaveBeenCalledTimes(2)
})

test('a notice names its village: someone in two villages lands on that village’s rules, and acts in it from here', async () => {
  router.params = { villageId: 'v-henan' }
  const henan: RulesCurrent = { ...v2, word: '居民公约', version: { ...v2.version!, id: 'v-henan:v2', villageId: 'v-henan', title: '河南社区居民公约', word: '居民公约' }, progress: null, diffSinceMine: null, can: { agree: false, partyCommit: false, manage: false } }
  mocked.getCurrentRules.mockResolvedValue(henan)
  render(<RulesReadPage />)
  expect(await screen.findByText('河南社区居民公约')).toBeTruthy()
  expect(mocked.getCurrentRules).toHaveBeenCalledWith('v-henan')
  expect(mocked.getCurrentRules).not.toHaveBeenCalledWith('v-xinshan')
  expect(useAccount.getState().currentVillageId).toBe('v-henan')
  expect(jest.mocked(taro.showToast)).toHaveBeenCalledWith({ title: '已切换到河南社区', icon: 'none' })
  // and so the community's words: 本社区居民
  expect(screen.getByText('由本社区居民承诺遵守')).toBeTruthy()
})

test('a link to a village the person is not in asks them to join rather than showing another village’s rules', async () => {
  router.params = { villageId: 'v-wukan' }
  render(<RulesReadPage />)
  expect(await screen.findByText('您还不是这个村（社区）的成员，加入后才能查看它的村规民约（居民公约）。')).toBeTruthy()
  expect(mocked.getCurrentRules).not.toHaveBeenCalled()
  expect(useAccount.getState().currentVillageId).toBe('v-xinshan')
})
