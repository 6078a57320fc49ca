import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import * as api from '../../src/features/deliberation/api'
import * as accountApi from '../../src/features/account/api'
import { useAccount } from '../../src/features/account/store'
import { CallError } from '../../src/shared/api/call'
import TopicsPage from '../../src/pages/topics'
import { meWithTwoVillages, newcomer, xinshanCommittee } from './fixtures'
import { DAY, summary, turnout } from './mocks/deliberation-fixtures'

jest.mock('../../src/features/deliberation/api')
jest.mock('../../src/features/account/api')
const mocked = jest.mocked(api)

const resident = { ...xinshanCommittee, roles: ['resident' as const, 'householdRep' as const] }
const meResident = { ...meWithTwoVillages, memberships: [resident] }

const list = () => [
  summary({ id: 't-open', title: '村道路灯安装', voted: true, commentCount: 3, turnout: turnout({ participants: 3, online: 2, inPerson: 1, quorumMet: true, percent: 75 }) }),
  summary({ id: 't-soon', title: '祠堂修缮方案', opensAt: Date.now() + DAY, closesAt: Date.now() + 5 * DAY, turnout: turnout({ participants: 0, online: 0 }) }),
  summary({
    id: 't-closed',
    title: '垃圾收运时间调整',
    status: 'closed',
    mode: 'person',
    closesAt: Date.now() - DAY,
    result: { valid: false, verdict: '未达法定人数', carried: [], summary: '未达法定人数：2/7 人参与，需过半数。' },
  }),
  summary({
    id: 't-decided',
    title: '篮球场翻新',
    status: 'decided',
    closesAt: Date.now() - 10 * DAY,
    result: { valid: true, verdict: '有效', carried: ['yes'], summary: '有效。赞成 3 票，超过到会 4 户的半数，通过。' },
  }),
]

beforeEach(() => {
  jest.clearAllMocks()
  jest.mocked(accountApi).getMe.mockResolvedValue(meWithTwoVillages)
  useAccount.setState({ me: meWithTwoVillages, currentVillageId: 'v-xinshan', error: null })
})

test('the committee sees the topics by stage, 发布议题 and its drafts', async () => {
  mocked.listTopics.mockImplementation(async (_v, status) =>
    status === 'draft' ? [summary({ id: 't-draft', title: '村口停车位划线', status: 'draft' })] : [...list(), summary({ id: 't-draft', title: '村口停车位划线', status: 'draft' })],
  )
  render(<TopicsPage />)
  expect(await screen.findByText('村道路灯安装')).toBeTruthy()
  for (const section of ['进行中', '已表决', '落实中 / 已办结']) expect(screen.getByText(section)).toBeTruthy()
  // the open topic: mode, deadline, turnout against the quorum, my vote, comments
  expect(screen.getAllByText('按户表决').length).toBeGreaterThan(0)
  expect(screen.getByText(/^截止 .+ · 还剩2天$/)).toBeTruthy()
  expect(screen.getByText('已有 3/4 户参与，户数够了，表决有效')).toBeTruthy()
  expect(screen.getByText('线上 2 · 现场 1')).toBeTruthy()
  expect(screen.getByText('已投票')).toBeTruthy()
  expect(screen.getByText('3 条意见')).toBeTruthy()
  expect(screen.getByText('即将开始')).toBeTruthy()
  // closed ones say the result plainly
  expect(screen.getByText('未达法定人数')).toBeTruthy()
  expect(screen.getByText('有效·通过')).toBeTruthy()
  // the draft is listed once, under 草稿, not among the published topics
  expect(screen.getAllByText('村口停车位划线')).toHaveLength(1)
  expect(mocked.listTopics).toHaveBeenCalledWith('v-xinshan', 'draft')

  fireEvent.click(screen.getByText('发布议题'))
  expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/features/deliberation/pages/edit/index' })
  fireEvent.click(screen.getByText('村口停车位划线'))
  expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/features/deliberation/pages/edit/index?topicId=t-draft' })
  fireEvent.click(screen.getByText('村道路灯安装'))
  expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/features/deliberation/pages/topic/index?topicId=t-open' })
  fireEvent.click(screen.getByText('村民提议'))
  expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/features/deliberation/pages/proposals/index' })
})

test('a resident sees the topics but no 发布议题 and no drafts', async () => {
  useAccount.setState({ me: meResident, currentVillageId: 'v-xinshan' })
  jest.mocked(accountApi).getMe.mockResolvedValue(meResident)
  mocked.listTopics.mockResolvedValue(list())
  render(<TopicsPage />)
  expect(await screen.findByText('村道路灯安装')).toBeTruthy()
  expect(screen.getByText('进行中')).toBeTruthy()
  expect(screen.getByText('村民提议')).toBeTruthy()
  expect(screen.queryByText('发布议题')).toBeNull()
  expect(screen.queryByText('草稿')).toBeNull()
  expect(mocked.listTopics).toHaveBeenCalledTimes(1)
  expect(mocked.listTopics).toHaveBeenCalledWith('v-xinshan')
})

test('no topics yet: says so; a failed load offers to retry', async () => {
  useAccount.setState({ me: meResident, currentVillageId: 'v-xinshan' })
  jest.mocked(accountApi).getMe.mockResolvedValue(meResident)
  mocked.listTopics.mockRejectedValueOnce(new CallError({ code: 'NETWORK', message: '网络不给力，请检查网络后重试' })).mockResolvedValueOnce([])
  render(<TopicsPage />)
  expect(await screen.findByText('网络不给力，请检查网络后重试')).toBeTruthy()
  fireEvent.click(screen.getByText('重试'))
  expect(await screen.findByText('新山村还没有议题。村委会发布议题后，您可以在这里投票、发表意见。')).toBeTruthy()
})

test('someone without a village is invited to join', async () => {
  useAccount.setState({ me: newcomer, currentVillageId: null })
  jest.mocked(accountApi).getMe.mockResolvedValue(newcomer)
  render(<TopicsPage />)
  expect(await screen.findByText('申请加入村（社区）')).toBeTruthy()
  await waitFor(() => expect(jest.mocked(accountApi).getMe).toHaveBeenCalled())
  expect(mocked.listTopics).not.toHaveBeenCalled()
})

test('a full page of ended topics offers 加载更多, which appends the next page after the last one’s deadline', async () => {
  const ended = (from: number, n: number) =>
    Array.from({ length: n }, (_, i) => summary({ id: `t-old-${from + i}`, title: `往期议题${from + i}`, status: 'decided', closesAt: Date.now() - (from + i + 1) * DAY }))
  const firstPage = [...list().slice(0, 2), ...ended(0, 20)]
  mocked.listTopics.mockImplementation(async (_v, status, after) => (status === 'draft' ? [] : after ? ended(20, 5) : firstPage))
  render(<TopicsPage />)
  expect(await screen.findByText('往期议题19')).toBeTruthy()
  expect(screen.queryByText('往期议题20')).toBeNull()
  fireEvent.click(screen.getByText('加载更多'))
  expect(await screen.findByText('往期议题24')).toBeTruthy()
  const last = firstPage[firstPage.length - 1]
  expect(mocked.listTopics).toHaveBeenLastCalledWith('v-xinshan', undefined, `${last.closesAt}:${last.id}`)
  // a short page is the last: no more to load
  await waitFor(() => expect(screen.queryByText('加载更多')).toBeNull())
})
