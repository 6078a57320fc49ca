import { fireEvent, render, screen, within } from '@testing-library/react'
import Taro from '@tarojs/taro'
import type { CountView } from '@contract'
import * as api from '../../src/features/deliberation/api'
import { useAccount } from '../../src/features/account/store'
import { CallError } from '../../src/shared/api/call'
import CountPage from '../../src/features/deliberation/pages/count'
import { meWithTwoVillages } from './fixtures'
import { detail, me } from './mocks/deliberation-fixtures'
import { router } from './mocks/taro'

jest.mock('../../src/features/deliberation/api')
const mocked = jest.mocked(api)

const TOPIC = 'v-xinshan:t3'
const options = [
  { id: 'yes', label: '赞成' },
  { id: 'no', label: '反对' },
  { id: 'abstain', label: '弃权', abstain: true },
]
const count = (over: Partial<CountView> = {}): CountView => ({
  entries: [
    { receipt: 'A2B3-C4D5', choices: ['yes'], source: 'online' },
    { receipt: 'K7Q2-M8XP', choices: ['no'], source: 'meeting' },
    { receipt: 'Z9Y8-X7W6', choices: ['yes'], source: 'proxy' },
  ],
  options,
  hash: 'f3a1c0ffee',
  myReceipt: 'K7Q2-M8XP',
  ...over,
})
const tally = (yes: number, no: number) => [
  { optionId: 'yes', label: '赞成', votes: yes, percent: 0, carries: false },
  { optionId: 'no', label: '反对', votes: no, percent: 0, carries: false },
  { optionId: 'abstain', label: '弃权', votes: 0, percent: 0, carries: false },
]
const closed = (yes = 2, no = 1) => detail({ tally: tally(yes, no), me: me({ canVote: false }) }, { _id: TOPIC, title: '修缮祠堂前广场', status: 'closed', closedAt: Date.now() })
const recountRow = (label: string) => within(screen.getByText('自己重新计票').closest('.vh-card') as HTMLElement).getByText(label).closest('.dlb-count-recount__row') as HTMLElement
const rows = () => Array.from(document.querySelectorAll('.vh-card .dlb-count-entry')).filter((r) => !r.closest('.vh-card')?.textContent?.startsWith('您的选票在这里'))

beforeEach(() => {
  jest.clearAllMocks()
  useAccount.setState({ me: meWithTwoVillages, currentVillageId: 'v-xinshan', error: null })
  router.params = { topicId: encodeURIComponent(TOPIC) }
})

test('explains the count, recounts it from the lines and says it equals the published tally', async () => {
  mocked.getTopic.mockResolvedValue(closed())
  mocked.getTopicCount.mockResolvedValue(count())
  render(<CountPage />)
  expect(await screen.findByText(/每张计入的选票一行，只有回执码，不含姓名；任何人都可以据此重新计票/)).toBeTruthy()
  expect(mocked.getTopicCount).toHaveBeenCalledWith('v-xinshan', TOPIC)
  expect(within(recountRow('赞成')).getByText('2 票')).toBeTruthy()
  expect(within(recountRow('反对')).getByText('1 票')).toBeTruthy()
  expect(within(recountRow('弃权')).getByText('0 票')).toBeTruthy()
  expect(screen.getByText('✓ 与公布的各选项票数一致')).toBeTruthy()
  expect(screen.getByText('f3a1c0ffee')).toBeTruthy()
  expect(screen.getByText('线上投票')).toBeTruthy()
  expect(screen.getAllByText('现场表决').length).toBeGreaterThan(0)
  expect(screen.getByText('代投')).toBeTruthy()
  fireEvent.click(screen.getByText('复制校验码'))
  expect(Taro.setClipboardData).toHaveBeenCalledWith({ data: 'f3a1c0ffee' })
})

test('a recount that differs from the published tally is said plainly', async () => {
  mocked.getTopic.mockResolvedValue(closed(3, 0))
  mocked.getTopicCount.mockResolvedValue(count())
  render(<CountPage />)
  expect(await screen.findByText(/与公布的票数不一致：赞成 公布 3 票；反对 公布 0 票/)).toBeTruthy()
})

test('my receipt is highlighted and a search finds a receipt, however it is typed', async () => {
  mocked.getTopic.mockResolvedValue(closed())
  mocked.getTopicCount.mockResolvedValue(count())
  render(<CountPage />)
  const mine = (await screen.findByText('您的选票在这里')).closest('.vh-card') as HTMLElement
  expect(within(mine).getByText('K7Q2-M8XP')).toBeTruthy()
  expect(within(mine).getByText('反对')).toBeTruthy()
  expect(rows()).toHaveLength(3)
  const myRow = rows().find((r) => r.textContent?.includes('K7Q2-M8XP')) as HTMLElement
  expect(myRow.className).toContain('dlb-count-entry--mine')

  const box = screen.getByPlaceholderText('输入回执码查找，如 K7Q2-M8XP')
  fireEvent.change(box, { target: { value: 'z9y8 x7' } })
  expect(rows()).toHaveLength(1)
  expect(rows()[0].textContent).toContain('Z9Y8-X7W6')
  fireEvent.change(box, { target: { value: 'QQQQ' } })
  expect(screen.getByText('清单中没有回执码“QQQQ”，请核对后再试')).toBeTruthy()

  fireEvent.click(screen.getByText('在清单中查找我的回执码'))
  expect(rows()).toHaveLength(1)
  expect(rows()[0].textContent).toContain('K7Q2-M8XP')
})

test('an open topic has no count yet; a failure can be retried; no ballots is an empty list', async () => {
  mocked.getTopic.mockResolvedValueOnce(detail({}, { _id: TOPIC }))
  const { unmount } = render(<CountPage />)
  expect(await screen.findByText('投票截止后公布计票清单')).toBeTruthy()
  expect(mocked.getTopicCount).not.toHaveBeenCalled()
  unmount()

  mocked.getTopic.mockResolvedValue(closed(0, 0))
  mocked.getTopicCount.mockRejectedValueOnce(new CallError({ code: 'NETWORK', message: '网络不给力，请检查网络后重试' })).mockResolvedValueOnce(count({ entries: [], myReceipt: null }))
  render(<CountPage />)
  expect(await screen.findByText('网络不给力，请检查网络后重试')).toBeTruthy()
  fireEvent.click(screen.getByText('重试'))
  expect(await screen.findByText('本议题没有计入的选票')).toBeTruthy()
  expect(screen.queryByText('您的选票在这里')).toBeNull()
})

test('a count the job is still building says 计票清单生成中; asked again once it is ready, it shows', async () => {
  const pending = { ...closed(), countPending: true }
  mocked.getTopic.mockResolvedValue(pending)
  mocked.getTopicCount.mockRejectedValueOnce(new CallError({ code: 'CONFLICT', message: '计票清单生成中，请稍后再看' })).mockResolvedValueOnce(count())
  const { unmount } = render(<CountPage />)
  expect(await screen.findByText('计票清单生成中，请稍后再看')).toBeTruthy()
  expect(screen.queryByText('重试')).toBeNull()
  unmount()
  render(<CountPage />)
  expect(await screen.findByText('✓ 与公布的各选项票数一致')).toBeTruthy()
})
