/** Issue 15 point 1: the unread count on the 我的 tab, refreshed each time a tab page is shown. */
import { render, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import * as api from '../../src/features/account/api'
import { useAccount } from '../../src/features/account/store'
import MePage from '../../src/pages/me'
import { meWithTwoVillages } from './fixtures'

jest.mock('../../src/features/account/api')
const mocked = jest.mocked(api)

beforeEach(() => {
  jest.clearAllMocks()
  useAccount.setState({ me: null, currentVillageId: null, error: null })
})

test('unread notices put their count on the 我的 tab; none left takes the badge away', async () => {
  mocked.getMe.mockResolvedValue({ ...meWithTwoVillages, unread: 3 })
  const first = render(<MePage />)
  await waitFor(() => expect(Taro.setTabBarBadge).toHaveBeenCalledWith({ index: 3, text: '3' }))
  expect(Taro.removeTabBarBadge).not.toHaveBeenCalled()
  first.unmount()

  // read them all, come back to a tab: shown again, the account reloads and the badge goes
  mocked.getMe.mockResolvedValue({ ...meWithTwoVillages, unread: 0 })
  render(<MePage />)
  await waitFor(() => expect(Taro.removeTabBarBadge).toHaveBeenCalledWith({ index: 3 }))
})

test('more than 99 reads 99+, and a page without the tab bar is no error', async () => {
  jest.mocked(Taro.setTabBarBadge).mockRejectedValueOnce(new Error('setTabBarBadge:fail not TabBar page'))
  mocked.getMe.mockResolvedValue({ ...meWithTwoVillages, unread: 120 })
  const { findByText } = render(<MePage />)
  await waitFor(() => expect(Taro.setTabBarBadge).toHaveBeenCalledWith({ index: 3, text: '99+' }))
  expect(await findByText('120 条未读')).toBeTruthy()
})
