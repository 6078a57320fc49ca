/** Issue 15 point 3: 首页's 待办 — mine and my role's, with counts, each opening its page. */
import { fireEvent, render, screen } from '@testing-library/react'
import Taro from '@tarojs/taro'
import type { TodoItem } from '@contract'
import * as api from '../../src/features/account/api'
import { TodoCard } from '../../src/features/account/components/todo-card'
import { henanResident, xinshanCommittee } from './fixtures'

jest.mock('../../src/features/account/api')
const mocked = jest.mocked(api)

const item = (over: Partial<TodoItem> & Pick<TodoItem, 'key' | 'label' | 'count' | 'page'>): TodoItem => ({ group: 'mine', note: null, ...over })

beforeEach(() => jest.clearAllMocks())

test('my votes and rules, and the committee’s queues under 村委会待办, each with its count and page', async () => {
  mocked.getTodo.mockResolvedValue({
    items: [
      item({ key: 'votes', label: '待投票的议题', count: 2, note: '「村道硬底化」12月1日 10:00截止', page: '/pages/topics/index' }),
      item({ key: 'rules', label: '村规民约待阅读承诺', count: 1, note: '第2版', page: '/features/rules/pages/read/index' }),
      item({ key: 'joinRequests', group: 'committee', label: '入村申请待审核', count: 0, page: '/features/account/pages/requests/index' }),
      item({ key: 'notAgreed', group: 'committee', label: '未承诺村规民约的户', count: 2, page: '/features/rules/pages/follow-up/index' }),
    ],
  })
  render(<TodoCard membership={xinshanCommittee} />)
  expect(await screen.findByText('我的待办')).toBeTruthy()
  expect(screen.getByText('村委会待办')).toBeTruthy()
  expect(screen.getByText('「村道硬底化」12月1日 10:00截止')).toBeTruthy()
  expect(screen.getByText('2 个')).toBeTruthy()
  expect(screen.getByText('2 户')).toBeTruthy()
  // an empty queue still says so: nothing is hidden from the committee
  expect(screen.getByText('0 件')).toBeTruthy()
  expect(mocked.getTodo).toHaveBeenCalledWith('v-xinshan')

  // a tab page is switched to, any other is opened
  fireEvent.click(screen.getByText('待投票的议题'))
  expect(Taro.switchTab).toHaveBeenCalledWith({ url: '/pages/topics/index' })
  fireEvent.click(screen.getByText('未承诺村规民约的户'))
  expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/features/rules/pages/follow-up/index' })
})

test('a resident with nothing waiting is told so; a community’s committee is a 居委会', async () => {
  mocked.getTodo.mockResolvedValue({ items: [] })
  const { unmount } = render(<TodoCard membership={henanResident} />)
  expect(await screen.findByText('暂无待办，有新的议题、预约和回复会通知您')).toBeTruthy()
  expect(screen.queryByText('居委会待办')).toBeNull()
  unmount()

  mocked.getTodo.mockResolvedValue({ items: [item({ key: 'letters', group: 'committee', label: '书记信箱待回复', count: 3, page: '/features/mailbox/pages/inbox/index' })] })
  render(<TodoCard membership={{ ...henanResident, roles: ['resident', 'committee'] }} />)
  expect(await screen.findByText('居委会待办')).toBeTruthy()
  expect(screen.getByText('3 件')).toBeTruthy()
})

test('a failure to load says so and offers to try again', async () => {
  mocked.getTodo.mockRejectedValueOnce(new Error('服务器出错了'))
  mocked.getTodo.mockResolvedValueOnce({ items: [item({ key: 'bookings', label: '我的预约', count: 1, note: '今天1个', page: '/features/booking/pages/mine/index' })] })
  render(<TodoCard membership={xinshanCommittee} />)
  fireEvent.click(await screen.findByText('重试'))
  expect(await screen.findByText('今天1个')).toBeTruthy()
})

test('hall staff and town officers: their own groups, counted, with no resident’s list', async () => {
  const staff = { ...xinshanCommittee, roles: ['hallStaff' as const], householdId: null, hallId: 'v-xinshan:hall' }
  mocked.getTodo.mockResolvedValue({
    items: [
      item({ key: 'hallCheckIn', group: 'hall', label: '今天待签到的预约', count: 12, note: '已签到3人', page: '/features/booking/pages/day/index?villageId=v-xinshan&hallId=v-xinshan%3Ahall' }),
      item({ key: 'canteenTomorrow', group: 'hall', label: '明天长者饭堂备餐', count: 31, page: '/features/booking/pages/headcount/index?villageId=v-xinshan&hallId=v-xinshan%3Ahall' }),
    ],
  })
  const { unmount } = render(<TodoCard membership={staff} />)
  expect(await screen.findByText('服务中心待办')).toBeTruthy()
  expect(screen.queryByText('我的待办')).toBeNull()
  expect(screen.getByText('12 人')).toBeTruthy()
  expect(screen.getByText('31 份')).toBeTruthy()
  fireEvent.click(screen.getByText('明天长者饭堂备餐'))
  expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/features/booking/pages/headcount/index?villageId=v-xinshan&hallId=v-xinshan%3Ahall' })
  unmount()

  const officer = { ...xinshanCommittee, roles: ['townOfficer' as const], householdId: null, townId: 't-lianan' }
  mocked.getTodo.mockResolvedValue({ items: [item({ key: 'townReports', group: 'town', label: '逾期未办的随手拍', count: 4, note: '新山村3件、东尾村1件', page: '/features/workspace/pages/town/index?villageId=v-xinshan' })] })
  render(<TodoCard membership={officer} />)
  expect(await screen.findByText('镇街待办')).toBeTruthy()
  expect(screen.getByText('新山村3件、东尾村1件')).toBeTruthy()
  fireEvent.click(screen.getByText('逾期未办的随手拍'))
  expect(Taro.navigateTo).toHaveBeenLastCalledWith({ url: '/features/workspace/pages/town/index?villageId=v-xinshan' })
})
