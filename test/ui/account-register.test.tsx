import { fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import Taro from '@tarojs/taro'
import type { HouseholdView } from '@contract'
import * as api from '../../src/features/account/api'
import { useAccount } from '../../src/features/account/store'
import { CallError } from '../../src/shared/api/call'
import RegisterPage from '../../src/features/account/pages/register'
import { meWithTwoVillages } from './fixtures'

jest.mock('../../src/features/account/api')
const mocked = jest.mocked(api)

const grids = [
  { id: 'g1', name: '第一网格（村东）' },
  { id: 'g2', name: '第二网格（村西）' },
]
const lin: HouseholdView = {
  id: 'h12',
  doorplate: '新山村东一巷12号',
  gridId: 'g1',
  gridName: '第一网格（村东）',
  headName: '林水生',
  rep: { personId: 'p7', name: '林水生' },
  members: [
    { personId: 'p7', name: '林水生', relation: '户主', roles: ['resident', 'householdRep'] },
    { personId: 'p8', name: '李桂兰', relation: '配偶', roles: ['resident'] },
  ],
  canVote: true,
}
const wu: HouseholdView = { id: 'h20', doorplate: '新山村西三巷5号', gridId: 'g2', gridName: '第二网格（村西）', headName: '吴阿伯', rep: null, members: [{ personId: 'p20', name: '吴阿伯', relation: '户主', roles: ['resident'] }], canVote: false }
const card = (doorplate: string) => screen.getByText(doorplate).closest('.vh-card') as HTMLElement

beforeEach(() => {
  jest.clearAllMocks()
  useAccount.setState({ me: meWithTwoVillages, currentVillageId: 'v-xinshan', error: null })
  mocked.getRegister.mockResolvedValue({ households: [lin, wu], grids })
})

test('lists households by grid with head, representative and members; names a representative', async () => {
  mocked.setHouseholdRep.mockResolvedValue({ ...lin, rep: { personId: 'p8', name: '李桂兰' } })
  render(<RegisterPage />)
  expect(await screen.findByText('第一网格（村东）（1 户）')).toBeTruthy()
  expect(screen.getByText('共 2 户，其中 1 户没有户代表，不能参加按户表决')).toBeTruthy()
  expect(within(card('新山村东一巷12号')).getByText('户主 林水生 · 户代表 林水生 · 第一网格（村东）')).toBeTruthy()
  expect(within(card('新山村西三巷5号')).getByText('本户没有户代表，不能参加按户表决；请指定一位户代表')).toBeTruthy()

  fireEvent.click(within(card('新山村东一巷12号')).getByText('管理本户'))
  fireEvent.click(within(card('新山村东一巷12号')).getByText('设为户代表'))
  await waitFor(() => expect(mocked.setHouseholdRep).toHaveBeenCalledWith('v-xinshan', 'h12', 'p8'))
  expect(mocked.getRegister).toHaveBeenCalledTimes(2)

  mocked.moveHousehold.mockResolvedValue({ ...lin, gridId: 'g2' })
  fireEvent.click(within(card('新山村东一巷12号')).getByText('第二网格（村西）'))
  await waitFor(() => expect(mocked.moveHousehold).toHaveBeenCalledWith('v-xinshan', 'h12', 'g2'))
})

test('ending a membership needs a reason and its words; nothing is sent without them', async () => {
  mocked.endMembership.mockRejectedValueOnce(new CallError({ code: 'BAD_INPUT', message: '说明含有不当用语', fields: { reason: '说明含有不当用语' } })).mockResolvedValue({ ended: true })
  render(<RegisterPage />)
  fireEvent.click(await screen.findByText('李桂兰'))
  const row = screen.getByText('李桂兰').parentElement as HTMLElement
  fireEvent.click(within(row).getByText('注销成员'))
  fireEvent.click(screen.getByText('确认注销'))
  expect(screen.getByText('请选择原因')).toBeTruthy()
  expect(screen.getByText('请写明情况（至少两个字）')).toBeTruthy()
  expect(mocked.endMembership).not.toHaveBeenCalled()

  fireEvent.click(screen.getByText('迁出'))
  fireEvent.change(screen.getByPlaceholderText('例如：2025年10月迁往深圳'), { target: { value: '迁往深圳' } })
  fireEvent.click(screen.getByText('确认注销'))
  await waitFor(() => expect(mocked.endMembership).toHaveBeenCalledWith({ villageId: 'v-xinshan', personId: 'p8', why: '迁出', reason: '迁往深圳' }))
  expect(await screen.findByText('说明含有不当用语')).toBeTruthy()
  fireEvent.click(screen.getByText('确认注销'))
  await waitFor(() => expect(mocked.endMembership).toHaveBeenCalledTimes(2))
  expect(jest.mocked(Taro).showToast).toHaveBeenCalledWith({ title: '已注销李桂兰', icon: 'success' })
})

test('a resident is told the register is not for them and nothing is loaded', async () => {
  useAccount.setState({ me: meWithTwoVillages, currentVillageId: 'v-henan' })
  render(<RegisterPage />)
  expect(screen.getByText('只有居委会成员和网格员可以查看村民户籍')).toBeTruthy()
  expect(mocked.getRegister).not.toHaveBeenCalled()
})
