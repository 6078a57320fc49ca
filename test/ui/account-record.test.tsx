/** Issue 15 point 4: 我的记录 — my things by kind, newest first, more on request; my comment edited or deleted, my proposal withdrawn. */
import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import type { RecordItem } from '@contract'
import * as api from '../../src/features/account/api'
import { CallError } from '../../src/shared/api/call'
import { useAccount } from '../../src/features/account/store'
import RecordPage from '../../src/features/account/pages/record'
import { router } from './mocks/taro'
import { meWithTwoVillages } from './fixtures'

jest.mock('../../src/features/account/api')
const mocked = jest.mocked(api)

const NONE = { edit: false, remove: false, withdraw: false }
const vote: RecordItem = { id: 'b1', title: '东一巷至新村路村道硬底化', state: '投票中', lines: ['我的表决：赞成', '线上投票 · 11月26日 10:00', '回执码：K7Q2-9XMD'], at: 1, page: '/features/deliberation/pages/topic/index?topicId=v-xinshan%3At1', can: NONE }
const comment: RecordItem = { id: 'c-road-1', title: '评论「东一巷至新村路村道硬底化」', state: null, lines: ['早该硬化了。'], at: 2, page: '/features/deliberation/pages/topic/index?topicId=v-xinshan%3At1', text: '早该硬化了。', can: { edit: true, remove: true, withdraw: false } }
const proposal: RecordItem = { id: 'pr-elderly', title: '建设村老年人活动中心', state: '已提交村委会', lines: ['联署 5/5 人'], at: 3, page: '/features/deliberation/pages/proposals/index', can: { ...NONE, withdraw: true } }

beforeEach(() => {
  jest.clearAllMocks()
  router.params = {}
  useAccount.setState({ me: meWithTwoVillages, currentVillageId: 'v-xinshan', loading: false, error: null })
})

test('my votes first, with their receipts; more on request; another kind on its chip; each opens its page', async () => {
  mocked.getMyRecord.mockImplementation(async (_v, kind, page) =>
    kind === 'votes' ? { kind, items: page === 0 ? [vote] : [{ ...vote, id: 'b2', title: '修缮祠堂前广场', state: '已决议' }], next: page === 0 ? 1 : null } : { kind, items: [], next: null },
  )
  render(<RecordPage />)
  expect(await screen.findByText('回执码：K7Q2-9XMD')).toBeTruthy()
  expect(mocked.getMyRecord).toHaveBeenCalledWith('v-xinshan', 'votes', 0)
  fireEvent.click(screen.getByText('加载更多'))
  expect(await screen.findByText('修缮祠堂前广场')).toBeTruthy()
  expect(screen.getByText('东一巷至新村路村道硬底化')).toBeTruthy()
  await waitFor(() => expect(screen.queryByText('加载更多')).toBeNull())

  fireEvent.click(screen.getAllByText('查看议题')[0])
  expect(Taro.navigateTo).toHaveBeenCalledWith({ url: vote.page })

  fireEvent.click(screen.getByText('随手拍'))
  expect(await screen.findByText('还没有上报过随手拍')).toBeTruthy()
  expect(mocked.getMyRecord).toHaveBeenLastCalledWith('v-xinshan', 'reports', 0)
})

test('I edit my comment: a refusal shows under the box and clears as I fix it; saved, the new text shows', async () => {
  router.params = { kind: 'comments' }
  mocked.getMyRecord.mockResolvedValue({ kind: 'comments', items: [comment], next: null })
  mocked.editMyComment.mockRejectedValueOnce(new CallError({ code: 'BAD_INPUT', message: '评论至少2个字', fields: { text: '评论至少2个字' } }))
  mocked.editMyComment.mockResolvedValueOnce({ text: '早该硬化了，排水也要做。' } as Awaited<ReturnType<typeof api.editMyComment>>)
  render(<RecordPage />)
  fireEvent.click(await screen.findByText('修改'))
  const box = screen.getByDisplayValue('早该硬化了。')
  fireEvent.change(box, { target: { value: '一' } })
  fireEvent.click(screen.getByText('保存'))
  expect(await screen.findByText('评论至少2个字')).toBeTruthy()
  fireEvent.change(box, { target: { value: '早该硬化了，排水也要做。' } })
  expect(screen.queryByText('评论至少2个字')).toBeNull()
  fireEvent.click(screen.getByText('保存'))
  expect(await screen.findByText('刚刚修改过')).toBeTruthy()
  expect(screen.getByText('早该硬化了，排水也要做。')).toBeTruthy()
  expect(screen.queryByText('保存')).toBeNull()
  expect(mocked.editMyComment).toHaveBeenLastCalledWith('v-xinshan', 'c-road-1', '早该硬化了，排水也要做。')
})

test('I delete my comment after confirming; it leaves the list. I withdraw my proposal with a reason', async () => {
  router.params = { kind: 'comments' }
  mocked.getMyRecord.mockImplementation(async (_v, kind) => ({ kind, items: kind === 'comments' ? [comment] : [proposal], next: null }))
  mocked.deleteMyComment.mockResolvedValue({ deleted: true })
  mocked.withdrawMyProposal.mockResolvedValue({} as Awaited<ReturnType<typeof api.withdrawMyProposal>>)
  render(<RecordPage />)
  fireEvent.click(await screen.findByText('删除'))
  await waitFor(() => expect(mocked.deleteMyComment).toHaveBeenCalledWith('v-xinshan', 'c-road-1'))
  expect(Taro.showModal).toHaveBeenCalledWith(expect.objectContaining({ title: '删除这条评论？' }))
  expect(await screen.findByText('还没有发表过评论')).toBeTruthy()

  fireEvent.click(screen.getByText('提议'))
  fireEvent.click(await screen.findByText('撤回提议'))
  fireEvent.change(screen.getAllByRole('textbox')[0], { target: { value: '已另行解决' } })
  fireEvent.click(screen.getByText('确认撤回'))
  expect(await screen.findByText('撤回理由：已另行解决')).toBeTruthy()
  expect(screen.getByText('已撤回')).toBeTruthy()
  expect(screen.queryByText('撤回提议')).toBeNull()
  expect(mocked.withdrawMyProposal).toHaveBeenCalledWith('v-xinshan', 'pr-elderly', '已另行解决')
})
