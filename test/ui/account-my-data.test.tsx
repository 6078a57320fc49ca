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
    { key: 'person', title: '基本信息', note: '', items: [{ title: '林志强', lines: ['个人编号：p1'], at: 0 }] },
    { key: 'ballots', title: '我的选票', note: '只有您自己看得到这里的选择', items: [{ title: '村道硬底化', lines: ['我的选择：赞成', '回执码：2JUL-DEGH'], at: 1 }] },
    { key: 'comments', title: '我的评论', note: '', items: [] },
  ],
  deletion: null,
  at: 2,
}

beforeEach(() => {
  jest.clearAllMocks()
  useAccount.setState({ me: meWithTwoVillages, currentVillageId: 'v-xinshan', error: null })
})

test('shows every section with its items (empty ones say so) and exports it all to the clipboard', async () => {
  mocked.getMyData.mockResolvedValue(data)
  render(<MyDataPage />)
  expect(await screen.findByText('我的选择：赞成')).toBeTruthy()
  expect(screen.getByText('回执码：2JUL-DEGH')).toBeTruthy()
  expect(screen.getByText('没有')).toBeTruthy()
  expect(screen.getByText(/共 1 条/)).toBeTruthy()
  fireEvent.click(screen.getByText('导出（复制全部内容）'))
  await waitFor(() => expect(Taro.setClipboardData).toHaveBeenCalled())
  const copied = JSON.parse(jest.mocked(Taro.setClipboardData).mock.calls[0][0].data)
  expect(copied.内容.find((s: { key: string }) => s.key === 'ballots').items[0].lines).toContain('回执码：2JUL-DEGH')
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
