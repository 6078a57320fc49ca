import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import * as api from '../../src/features/account/api'
import { useAccount } from '../../src/features/account/store'
import RequestsPage from '../../src/features/account/pages/requests'
import { meWithTwoVillages } from './fixtures'

jest.mock('../../src/features/account/api')
const mocked = jest.mocked(api)
const taro = jest.mocked(Taro)

const WARNING = '新山村西九巷3号尚无登记的户，批准后该户没有户主和户代表，不能参加按户表决；请核实或在村民户籍中指定户主'
const request = {
  _id: 'v-xinshan:p9',
  villageId: 'v-xinshan',
  personId: 'p9',
  name: '刘晓东',
  doorplate: '新山村西九巷3号',
  relation: '子女' as const,
  via: 'pick' as const,
  status: 'pending' as const,
  createdAt: Date.UTC(2026, 10, 26, 2),
  decisions: [],
  householdMatch: null,
  noHeadWarning: WARNING,
}

beforeEach(() => {
  jest.clearAllMocks()
  useAccount.setState({ me: meWithTwoVillages, currentVillageId: 'v-xinshan', error: null })
})

test('the warning is on the card before approving, and approving asks first', async () => {
  mocked.getJoinQueue.mockResolvedValue([request])
  mocked.decideJoin.mockResolvedValue({} as never)
  taro.showModal.mockResolvedValueOnce({ confirm: false, cancel: true, errMsg: 'showModal:ok' })
  render(<RequestsPage />)
  expect(await screen.findByText(`请注意：${WARNING}`)).toBeTruthy()
  fireEvent.click(screen.getByText('批准'))
  await waitFor(() => expect(taro.showModal).toHaveBeenCalledWith(expect.objectContaining({ title: '批准刘晓东？', content: WARNING, confirmText: '仍然批准' })))
  expect(mocked.decideJoin).not.toHaveBeenCalled()

  fireEvent.click(screen.getByText('批准'))
  await waitFor(() => expect(mocked.decideJoin).toHaveBeenCalledWith({ villageId: 'v-xinshan', requestId: 'v-xinshan:p9', decision: 'approve', reason: undefined }))
})

test('a request without a warning is approved without asking', async () => {
  mocked.getJoinQueue.mockResolvedValue([{ ...request, householdMatch: '新山村东一巷12号（户主 林水生）', noHeadWarning: null }])
  mocked.decideJoin.mockResolvedValue({} as never)
  render(<RequestsPage />)
  fireEvent.click(await screen.findByText('批准'))
  await waitFor(() => expect(mocked.decideJoin).toHaveBeenCalled())
  expect(taro.showModal).not.toHaveBeenCalled()
  expect(screen.queryByText(/^请注意：/)).toBeNull()
})
