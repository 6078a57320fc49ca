import { fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import Taro from '@tarojs/taro'
import type { HouseholdView, RegisterPage as Page } from '@contract'
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
const header = () => screen.getByText('新山村 · 村民户籍').closest('.vh-card') as HTMLElement
/** a page of the register as the server answers it: the counts are the register's, not the page's */
const page = (households: HouseholdView[], more: Partial<Page> = {}): Page => ({ households, grids, next: null, total: 57, noRep: 9, narrow: false, ...more })
const chen: HouseholdView = { ...wu, id: 'h31', doorplate: '新山村西三巷9号', headName: '陈阿婆', members: [{ personId: 'p31', name: '陈阿婆', relation: '户主', roles: ['resident'] }] }

beforeEach(() => {
  jest.clearAllMocks()
  useAccount.setState({ me: meWithTwoVillages, currentVillageId: 'v-xinshan', error: null })
  mocked.getRegister.mockResolvedValue(page([lin, wu]))
})

test('a page of households with head, representative and members; the counts are the server’s; naming a representative shows at once', async () => {
  // the server answers what it wrote to the new 户代表: the page keeps the rest of the row (the role leaves the old one)
  mocked.setHouseholdRep.mockResolvedValue({
    id: 'h12',
    rep: { personId: 'p8', name: '李桂兰' },
    canVote: true,
    members: [{ personId: 'p8', name: '李桂兰', relation: '配偶', roles: ['resident', 'householdRep'] }],
  })
  render(<RegisterPage />)
  expect(await screen.findByText('共 57 户，其中 9 户没有户代表，不能参加按户表决')).toBeTruthy()
  expect(mocked.getRegister).toHaveBeenCalledWith({ villageId: 'v-xinshan', gridId: undefined, q: undefined, after: null })
  expect(within(card('新山村东一巷12号')).getByText('户主 林水生 · 户代表 林水生 · 第一网格（村东）')).toBeTruthy()
  expect(within(card('新山村西三巷5号')).getByText('本户没有户代表，不能参加按户表决；请指定一位户代表')).toBeTruthy()
  expect(screen.queryByText('加载更多')).toBeNull()

  fireEvent.click(within(card('新山村东一巷12号')).getByText('管理本户'))
  fireEvent.click(within(card('新山村东一巷12号')).getByText('设为户代表'))
  await waitFor(() => expect(mocked.setHouseholdRep).toHaveBeenCalledWith('v-xinshan', 'h12', 'p8'))
  // the answer shows in its row; the first page reloads for the counts
  expect(await within(card('新山村东一巷12号')).findByText('户主 林水生 · 户代表 李桂兰 · 第一网格（村东）')).toBeTruthy()
  expect(mocked.getRegister).toHaveBeenCalledTimes(2)

  mocked.moveHousehold.mockResolvedValue({ id: 'h12', gridId: 'g2', gridName: '第二网格（村西）' })
  fireEvent.click(within(card('新山村东一巷12号')).getByText('第二网格（村西）'))
  await waitFor(() => expect(mocked.moveHousehold).toHaveBeenCalledWith('v-xinshan', 'h12', 'g2'))
  expect(await within(card('新山村东一巷12号')).findByText('户主 林水生 · 户代表 李桂兰 · 第二网格（村西）')).toBeTruthy()
})

test('加载更多 asks for the page after the cursor and adds it; a failure says so and can be tried again', async () => {
  mocked.getRegister.mockResolvedValueOnce(page([lin, wu], { next: 'c2' }))
  mocked.getRegister.mockRejectedValueOnce(new CallError({ code: 'BUSY', message: '网络不太好，请稍后再试' }))
  mocked.getRegister.mockResolvedValueOnce(page([chen]))
  render(<RegisterPage />)
  fireEvent.click(await screen.findByText('加载更多'))
  expect(await screen.findByText('网络不太好，请稍后再试')).toBeTruthy()
  fireEvent.click(screen.getByText('加载更多'))
  expect(await screen.findByText('新山村西三巷9号')).toBeTruthy()
  expect(mocked.getRegister).toHaveBeenLastCalledWith({ villageId: 'v-xinshan', gridId: undefined, q: undefined, after: 'c2' })
  expect(screen.getByText('新山村东一巷12号')).toBeTruthy()
  expect(screen.queryByText('加载更多')).toBeNull()
  // a change on a later page shows in its row there
  mocked.setHouseholdRep.mockResolvedValue({ id: 'h31', rep: { personId: 'p31', name: '陈阿婆' }, canVote: true })
  fireEvent.click(within(card('新山村西三巷9号')).getByText('管理本户'))
  fireEvent.click(within(card('新山村西三巷9号')).getByText('设为户代表'))
  expect(await within(card('新山村西三巷9号')).findByText('可按户表决')).toBeTruthy()
})

test('a grid and a search are asked of the server; an empty answer says what found nothing', async () => {
  render(<RegisterPage />)
  fireEvent.click(within(await screen.findByRole('radiogroup', { name: '按网格查看' })).getByText('第二网格（村西）'))
  await waitFor(() => expect(mocked.getRegister).toHaveBeenLastCalledWith({ villageId: 'v-xinshan', gridId: 'g2', q: undefined, after: null }))
  mocked.getRegister.mockResolvedValue(page([], { total: 0, noRep: 0 }))
  fireEvent.click(within(header()).getByText('未分网格'))
  expect(await screen.findByText('未分网格还没有登记的户')).toBeTruthy()
  expect(within(header()).getByText('未分网格：共 0 户')).toBeTruthy()

  fireEvent.click(within(header()).getByText('全部'))
  fireEvent.input(screen.getByPlaceholderText('搜索姓名或门牌号'), { target: { value: '欧阳' } })
  expect(await screen.findByText('没有找到“欧阳”')).toBeTruthy()
  expect(mocked.getRegister).toHaveBeenLastCalledWith({ villageId: 'v-xinshan', gridId: undefined, q: '欧阳', after: null })

  mocked.getRegister.mockResolvedValue(page([lin], { narrow: true }))
  fireEvent.input(screen.getByPlaceholderText('搜索姓名或门牌号'), { target: { value: '林' } })
  expect(await screen.findByText('找到的较多，只列出前 30 户，请多输入几个字')).toBeTruthy()
})

test('the first page failing offers 重试', async () => {
  mocked.getRegister.mockRejectedValueOnce(new CallError({ code: 'BUSY', message: '网络不太好，请稍后再试' }))
  render(<RegisterPage />)
  fireEvent.click(await screen.findByText('重试'))
  expect(await screen.findByText('新山村东一巷12号')).toBeTruthy()
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
