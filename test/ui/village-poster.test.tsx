/**
 * Issue 15, point 11: the village's join code is a printable poster with the village's name (the shared poster
 * frame booking's hall poster uses), its code never wider than the screen; only the committee prints it.
 */
import { fireEvent, render, screen } from '@testing-library/react'
import Taro from '@tarojs/taro'
import * as accountApi from '../../src/features/account/api'
import { useAccount } from '../../src/features/account/store'
import VillagePosterPage from '../../src/features/account/pages/poster'
import { CommitteeWorkCard } from '../../src/features/account/tab-cards'
import { henanResident, meWithTwoVillages, xinshanCommittee } from './fixtures'

jest.mock('../../src/features/account/api')
const mocked = jest.mocked(accountApi)
const IMAGE = 'data:image/png;base64,AAAA'

beforeEach(() => {
  jest.clearAllMocks()
  mocked.getMe.mockResolvedValue(meWithTwoVillages)
  mocked.getVillagePoster.mockResolvedValue({ scene: 'v=xinshan', page: 'features/account/pages/join/index', image: IMAGE })
})

test('我的 opens the poster page instead of a fixed 360px image inside the card', () => {
  render(<CommitteeWorkCard membership={xinshanCommittee} />)
  fireEvent.click(screen.getByText('本村二维码海报（打印贴在服务中心，扫码申请加入）'))
  expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/features/account/pages/poster/index' })
  expect(document.querySelector('img')).toBeNull()
})

test('the poster names the village, sizes its code with the sheet, and prints in the browser', async () => {
  useAccount.setState({ me: meWithTwoVillages, currentVillageId: 'v-xinshan', error: null })
  const print = jest.fn()
  window.print = print
  render(<VillagePosterPage />)
  expect(await screen.findByText('新山村')).toBeTruthy()
  expect(screen.getByText('汕尾市 · 海丰县 · 联安镇 · 村居议事厅')).toBeTruthy()
  expect(screen.getByText('微信扫一扫 申请加入')).toBeTruthy()
  expect(screen.getByText(/村委会核实是本村村民后通过/)).toBeTruthy()
  const code = document.querySelector('img')!
  expect(code.getAttribute('src')).toBe(IMAGE)
  expect(code.className).toBe('vh-poster__code')
  expect(mocked.getVillagePoster).toHaveBeenCalledWith('v-xinshan')
  fireEvent.click(screen.getByText('打印'))
  expect(print).toHaveBeenCalled()
})

test('in a community where they are not on the committee, they are told so in its words and nothing is loaded', () => {
  useAccount.setState({ me: meWithTwoVillages, currentVillageId: henanResident.villageId, error: null })
  render(<VillagePosterPage />)
  expect(screen.getByText('只有居委会成员可以打印本社区二维码')).toBeTruthy()
  expect(mocked.getVillagePoster).not.toHaveBeenCalled()
})
