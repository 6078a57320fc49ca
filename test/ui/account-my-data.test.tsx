import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import type { MyData } from '@contract'
import * as api from '../../src/features/account/api'
import { useAccount } from '../../src/features/account/store'
import MyDataPage from '../../src/features/account/pages/my-data'
import { PrivacyPopup } from '../../src/shared/privacy/privacy-popup'
import { usePrivacy } from '../../src/shared/privacy/privacy'
import { meWithTwoVillages } from './fixtures'

jest.mock('../../src/features/account/api')
const mocked = jest.mocked(api)

const data: MyData = {
  person: { id: 'p1', name: '林志强', createdAt: 0 },
  sections: [
    { key: 'person', title: '基本信息', note: '' },
    { key: 'ballots', title: '我的选票', note: '只有您自己看得到这里的选择' },
    { key: 'comments', title: '我的评论', note: '' },
  ],
  section: null,
  deletion: null,
  at: 2,
}
/** a section as the server answers it: the ballots in two pages, the others in one */
const ITEMS = {
  person: [{ title: '林志强', lines: ['个人编号：p1'], at: 0 }],
  ballots: [{ title: '村道硬底化', lines: ['我的选择：赞成', '回执码：2JUL-DEGH'], at: 1 }, { title: '鱼塘承包', lines: ['我的选择：反对', '回执码：3KQX-ABCD'], at: 2 }],
  comments: [],
} as const
function serve(section?: string, page = 0): Promise<MyData> {
  if (!section) return Promise.resolve(data)
  const head = data.sections.find((s) => s.key === section)!
  const all = ITEMS[section as keyof typeof ITEMS].map((i) => ({ ...i, lines: [...i.lines] }))
  const items = section === 'ballots' ? all.slice(page, page + 1) : all
  return Promise.resolve({ ...data, section: { ...head, items, next: section === 'ballots' && page === 0 ? 1 : null } })
}

beforeEach(() => {
  jest.clearAllMocks()
  useAccount.setState({ me: meWithTwoVillages, currentVillageId: 'v-xinshan', error: null })
})

test('lists the sections, reads one when opened (a page at a time) and exports them all to the clipboard', async () => {
  mocked.getMyData.mockImplementation(serve)
  render(<MyDataPage />)
  expect(await screen.findByText('我的选票')).toBeTruthy()
  // nothing is read before a section is opened
  expect(screen.queryByText('我的选择：赞成')).toBeNull()
  fireEvent.click(screen.getAllByText('查看')[1])
  expect(await screen.findByText('我的选择：赞成')).toBeTruthy()
  expect(mocked.getMyData).toHaveBeenLastCalledWith('ballots', 0)
  fireEvent.click(screen.getByText('加载更多'))
  expect(await screen.findByText('回执码：3KQX-ABCD')).toBeTruthy()
  expect(screen.getByText('回执码：2JUL-DEGH')).toBeTruthy()
  fireEvent.click(screen.getAllByText('查看')[1])
  expect(await screen.findByText('没有')).toBeTruthy()
  fireEvent.click(screen.getByText('导出（复制全部内容）'))
  await waitFor(() => expect(Taro.setClipboardData).toHaveBeenCalled())
  const copied = JSON.parse(jest.mocked(Taro.setClipboardData).mock.calls[0][0].data)
  expect(copied.内容.find((s: { key: string }) => s.key === 'ballots').items.map((i: { lines: string[] }) => i.lines[1])).toEqual(['回执码：2JUL-DEGH', '回执码：3KQX-ABCD'])
  expect(copied.内容.map((s: { key: string }) => s.key)).toEqual(['person', 'ballots', 'comments'])
})

test('申请注销 asks first, sends the reason, then shows the pending request and why it waits', async () => {
  mocked.getMyData.mockResolvedValueOnce(data).mockResolvedValue({ ...data, deletion: { status: 'pending', reason: '不再使用', createdAt: 0, villages: ['新山村'], blocked: '您在投票中的议题还没有结束，请在表决结束后再注销（村道硬底化）' } })
  mocked.requestDeletion.mockResolvedValue({ status: 'pending', reason: '不再使用', createdAt: 0, villages: ['新山村'], blocked: null })
  render(<MyDataPage />)
  await screen.findByText('注销个人信息')
  fireEvent.change(screen.getAllByRole('textbox').at(-1)!, { target: { value: '不再使用' } })
  fireEvent.click(screen.getByText('申请注销'))
  await waitFor(() => expect(mocked.requestDeletion).toHaveBeenCalledWith('不再使用'))
  expect(jest.mocked(Taro.showModal).mock.calls[0][0]?.title).toBe('申请注销个人信息')
  expect(await screen.findByText('待核实')).toBeTruthy()
  expect(screen.getByText(/请在表决结束后再注销/)).toBeTruthy()
})

test('the privacy popup appears when WeChat asks; 拒绝 refuses the waiting call and closes it', () => {
  const resolve = jest.fn()
  render(<PrivacyPopup />)
  expect(screen.queryByText('隐私保护指引')).toBeNull()
  act(() => usePrivacy.setState({ resolve, referrer: 'chooseImage' }))
  expect(screen.getByText('隐私保护指引')).toBeTruthy()
  fireEvent.click(screen.getByText('拒绝'))
  expect(resolve).toHaveBeenLastCalledWith({ event: 'disagree' })
  expect(screen.queryByText('隐私保护指引')).toBeNull()
})

test('a confirmed request reads 正在删除 until the job has erased it', async () => {
  mocked.getMyData.mockResolvedValue({ ...data, deletion: { status: 'erasing', reason: null, createdAt: 0, villages: ['新山村'], blocked: null } })
  render(<MyDataPage />)
  expect(await screen.findByText('正在删除')).toBeTruthy()
  expect(screen.queryByText('申请注销')).toBeNull()
})
