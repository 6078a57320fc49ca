/**
 * Issue 15 point 5: the app's own tab bar (WeChat's custom tab bar, and the browser's in each tab page): the tab
 * shown marked, a tap switches tabs, the unread count on 我的, and 长辈模式's larger bar, live.
 */
import { act, fireEvent, render, screen, within } from '@testing-library/react'
import Taro from '@tarojs/taro'
import * as api from '../../src/features/account/api'
import { useAccount } from '../../src/features/account/store'
import { useTabBar } from '../../src/shared/tab-bar/store'
import { useTheme } from '../../src/shared/theme'
import CustomTabBar from '../../src/custom-tab-bar'
import TopicsPage from '../../src/pages/topics'
import { meWithTwoVillages } from './fixtures'

jest.mock('../../src/features/account/api')
const mocked = jest.mocked(api)

beforeEach(() => {
  jest.clearAllMocks()
  useAccount.setState({ me: null, currentVillageId: null, error: null })
  useTabBar.setState({ current: null, badges: {} })
  useTheme.setState({ elder: false, offer: false })
  mocked.getMe.mockResolvedValue({ ...meWithTwoVillages, unread: 0 })
})

const tabs = () => within(screen.getByRole('tablist', { name: '主菜单' })).getAllByRole('tab')
const selected = () => tabs().filter((t) => t.getAttribute('aria-selected') === 'true').map((t) => t.textContent)

test('a tab page draws the bar with its own tab selected, and tapping another tab switches to it', async () => {
  render(<TopicsPage />)
  expect(tabs().map((t) => t.textContent)).toEqual(['首页', '议事', '服务', '我的'])
  expect(selected()).toEqual(['议事'])
  // WeChat's bar (another instance) is told which tab is shown
  expect(useTabBar.getState().current).toBe('topics')

  fireEvent.click(screen.getByRole('tab', { name: '议事' }))
  expect(Taro.switchTab).not.toHaveBeenCalled()
  fireEvent.click(screen.getByRole('tab', { name: '我的' }))
  expect(Taro.switchTab).toHaveBeenCalledWith({ url: '/pages/me/index' })
  // marked before the switch: the bar of the page switched to shows it at once
  expect(useTabBar.getState().current).toBe('me')
})

test('WeChat’s tab bar shows the tab the app is showing and the unread count, as they change', () => {
  render(<CustomTabBar />)
  expect(selected()).toEqual([])
  act(() => useTabBar.getState().select('services'))
  expect(selected()).toEqual(['服务'])
  act(() => useTabBar.getState().setBadge('me', 5))
  expect(screen.getByRole('tab', { name: '我的5条未读消息' }).textContent).toBe('我的5')
  act(() => useTabBar.getState().setBadge('me', 0))
  expect(screen.getByRole('tab', { name: '我的' }).textContent).toBe('我的')
})

test('长辈模式 enlarges the bar as soon as it is switched on, and normal mode again when off', () => {
  render(<CustomTabBar />)
  const bar = screen.getByRole('tablist')
  expect(bar.className).not.toContain('vh-tabbar--elder')
  act(() => useTheme.getState().setElder(true))
  expect(bar.className).toContain('vh-tabbar--elder')
  act(() => useTheme.getState().setElder(false))
  expect(bar.className).not.toContain('vh-tabbar--elder')
})
