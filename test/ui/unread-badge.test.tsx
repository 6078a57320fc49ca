/** Issue 15 point 1: the unread count on the 我的 tab, refreshed each time a tab page is shown. */
import { render, screen, waitFor } from '@testing-library/react'
import * as api from '../../src/features/account/api'
import { useAccount } from '../../src/features/account/store'
import { useTabBar } from '../../src/shared/tab-bar/store'
import MePage from '../../src/pages/me'
import { meWithTwoVillages } from './fixtures'

jest.mock('../../src/features/account/api')
const mocked = jest.mocked(api)

beforeEach(() => {
  jest.clearAllMocks()
  useAccount.setState({ me: null, currentVillageId: null, error: null })
  useTabBar.setState({ current: null, badges: {} })
})

test('unread notices put their count on the 我的 tab; none left takes the badge away', async () => {
  mocked.getMe.mockResolvedValue({ ...meWithTwoVillages, unread: 3 })
  const first = render(<MePage />)
  const me = await screen.findByRole('tab', { name: '我的3条未读消息' })
  expect(me.textContent).toBe('我的3')
  first.unmount()

  // read them all, come back to a tab: shown again, the account reloads and the badge goes
  mocked.getMe.mockResolvedValue({ ...meWithTwoVillages, unread: 0 })
  render(<MePage />)
  await waitFor(() => expect(useTabBar.getState().badges.me).toBe(0))
  expect(screen.getByRole('tab', { name: '我的' }).textContent).toBe('我的')
})

test('more than 99 reads 99+ (the server counts to 100)', async () => {
  mocked.getMe.mockResolvedValue({ ...meWithTwoVillages, unread: 100 })
  render(<MePage />)
  expect(await screen.findByText('99+ 条未读')).toBeTruthy()
  expect(screen.getByRole('tab', { name: '我的99+条未读消息' }).textContent).toBe('我的99+')
})
